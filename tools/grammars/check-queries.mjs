// Syntax checks of PromQL, LogQL and TraceQL queries with the grammars Grafana and
// Prometheus ship for their editors. Reads JSON lines {id, language, query} on stdin and
// answers one JSON line per query, in order:
//   {id, ok: true, ranges: [...], counters: [...], metrics: [...]}   (ranges/counters/metrics: PromQL only)
//     ranges:   {offset, range, function}  a range selector x[range] and the function taking it
//     counters: {offset, metric, function, ranged}  a selector of a counter-like name, the function
//               or aggregation directly taking it (or its range), and whether it has a range
//     metrics:  the metric names the query's selectors read (x{...}, {__name__="x"}, {"x"}), each once
//   {id, ok: false, offset: N, message: "..."}               (offset: 0-based, in characters)
// A query the grammar accepts then goes through what the backend checks after its grammar:
// PromQL through Prometheus' editor analysis (promql-analysis.mjs) and parser rules
// (promql-rules.mjs), LogQL through Loki's parser rules (logql-rules.mjs), TraceQL span
// filters through Tempo's type validation (traceql-rules.mjs); a failure is answered like a
// syntax error.
// One process checks all queries of a run, so the start-up cost is paid once.
import { createInterface } from 'node:readline';
import { parser as promql } from '@prometheus-io/lezer-promql';
import { parser as logql } from '@grafana/lezer-logql';
import { parser as traceql } from '@grafana/lezer-traceql';
import { promqlTypeError } from './promql-analysis.mjs';
import { promqlRuleError } from './promql-rules.mjs';
import { logqlRuleError } from './logql-rules.mjs';
import { traceqlRuleError } from './traceql-rules.mjs';

const strict = {
  promql: promql.configure({ strict: true }),
  logql: logql.configure({ strict: true }),
  traceql: traceql.configure({ strict: true }),
};

const counterSuffixes = ['_total', '_count', '_sum', '_bucket'];

/** The name of the function or aggregation (sum, count, ...) whose argument list directly holds this node, or null. */
function enclosingFunction(node, query) {
  let body = node.parent;
  // `rate(x[5m] offset 1h @ end())`: the modifiers sit between the range and the call.
  while (body && (body.name === 'OffsetExpr' || body.name === 'StepInvariantExpr')) body = body.parent;
  if (!body || body.name !== 'FunctionCallBody') return null;
  const call = body.parent;
  const ident = call && (call.getChild('FunctionIdentifier') || call.getChild('AggregateOp'));
  return ident ? query.slice(ident.from, ident.to) : null;
}

/** The text of a PromQL string literal ("...", '...' or `...`). */
function stringValue(node, query) {
  const text = query.slice(node.from, node.to);
  if (text.startsWith('`')) return text.slice(1, -1);
  try {
    return text.startsWith("'") ? JSON.parse('"' + text.slice(1, -1).replace(/\\'/g, "'").replace(/(^|[^\\])"/g, '$1\\"') + '"') : JSON.parse(text);
  } catch {
    return text.slice(1, -1); // an escape JSON does not know (\x41): the raw text, never a crash
  }
}

/** The metric name a vector selector reads: its identifier, a quoted name, or an exact __name__ matcher; null for none. */
function selectedMetric(selector, query) {
  const ident = selector.getChild('Identifier');
  if (ident) return query.slice(ident.from, ident.to);
  const matchers = selector.getChild('LabelMatchers');
  if (!matchers) return null;
  for (let m = matchers.firstChild; m; m = m.nextSibling) {
    if (m.name === 'QuotedLabelName') return stringValue(m.getChild('StringLiteral'), query);
    if (m.name !== 'UnquotedLabelMatcher') continue;
    const label = m.getChild('LabelName');
    const op = m.getChild('MatchOp');
    const value = m.getChild('StringLiteral');
    if (label && op && value && query.slice(label.from, label.to) === '__name__' && op.getChild('EqlSingle')) return stringValue(value, query);
  }
  return null;
}

/** Facts the dashboard rules need from a PromQL tree: range selectors, counter selectors and metric names. */
function promqlFacts(tree, query) {
  const ranges = [];
  const counters = [];
  const metrics = [];
  tree.iterate({
    enter(ref) {
      if (ref.name === 'MatrixSelector') {
        const node = ref.node;
        const duration = node.lastChild;
        ranges.push({
          offset: ref.from,
          range: duration ? query.slice(duration.from, duration.to) : '',
          function: enclosingFunction(node, query),
        });
      } else if (ref.name === 'VectorSelector') {
        const node = ref.node;
        const name = selectedMetric(node, query);
        if (name !== null && !metrics.includes(name)) metrics.push(name);
        const ident = node.getChild('Identifier');
        if (!ident) return;
        const metric = query.slice(ident.from, ident.to);
        if (!counterSuffixes.some((s) => metric.endsWith(s))) return;
        const matrix = node.parent && node.parent.name === 'MatrixSelector' ? node.parent : null;
        counters.push({ offset: ref.from, metric, function: enclosingFunction(matrix ?? node, query), ranged: matrix !== null });
      }
    },
  });
  return { ranges, counters, metrics };
}

function check(request) {
  const parser = strict[request.language];
  if (!parser) return { id: request.id, ok: false, offset: 0, message: `unknown query language '${request.language}'` };
  const query = String(request.query ?? '');
  try {
    const tree = parser.parse(query);
    const rejected = request.language === 'promql' ? promqlRuleError(tree, query, stringValue) ?? promqlTypeError(query)
      : request.language === 'logql' ? logqlRuleError(tree, query) : traceqlRuleError(tree, query);
    if (rejected) return { id: request.id, ok: false, offset: rejected.offset, message: `${rejected.message} (at ${rejected.offset})` };
    return request.language === 'promql'
      ? { id: request.id, ok: true, ...promqlFacts(tree, query) }
      : { id: request.id, ok: true };
  } catch (e) {
    // lezer reports "No parse at N" with N the character offset of the first bad token.
    const match = /at (\d+)/.exec(e.message);
    return { id: request.id, ok: false, offset: match ? Number(match[1]) : 0, message: e.message };
  }
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (line.trim() === '') continue;
  let request;
  try {
    request = JSON.parse(line);
  } catch (e) {
    process.stdout.write(JSON.stringify({ id: null, ok: false, offset: 0, message: `bad request line: ${e.message}` }) + '\n');
    continue;
  }
  process.stdout.write(JSON.stringify(check(request)) + '\n');
}
