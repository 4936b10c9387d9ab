// Syntax checks of PromQL, LogQL and TraceQL queries with the grammars Grafana and
// Prometheus ship for their editors. Reads JSON lines {id, language, query} on stdin and
// answers one JSON line per query, in order:
//   {id, ok: true, ranges: [...], counters: [...]}           (ranges/counters: PromQL only)
//     ranges:   {offset, range, function}  a range selector x[range] and the function taking it
//     counters: {offset, metric, function, ranged}  a selector of a counter-like name, the function
//               or aggregation directly taking it (or its range), and whether it has a range
//   {id, ok: false, offset: N, message: "..."}               (offset: 0-based, in characters)
// One process checks all queries of a run, so the start-up cost is paid once.
import { createInterface } from 'node:readline';
import { parser as promql } from '@prometheus-io/lezer-promql';
import { parser as logql } from '@grafana/lezer-logql';
import { parser as traceql } from '@grafana/lezer-traceql';

const strict = {
  promql: promql.configure({ strict: true }),
  logql: logql.configure({ strict: true }),
  traceql: traceql.configure({ strict: true }),
};

const counterSuffixes = ['_total', '_count', '_sum', '_bucket'];

/** The name of the function or aggregation (sum, count, ...) whose argument list directly holds this node, or null. */
function enclosingFunction(node, query) {
  const body = node.parent;
  if (!body || body.name !== 'FunctionCallBody') return null;
  const call = body.parent;
  const ident = call && (call.getChild('FunctionIdentifier') || call.getChild('AggregateOp'));
  return ident ? query.slice(ident.from, ident.to) : null;
}

/** Facts the dashboard rules need from a PromQL tree: range selectors and counter selectors. */
function promqlFacts(tree, query) {
  const ranges = [];
  const counters = [];
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
        const ident = node.getChild('Identifier');
        if (!ident) return;
        const metric = query.slice(ident.from, ident.to);
        if (!counterSuffixes.some((s) => metric.endsWith(s))) return;
        const matrix = node.parent && node.parent.name === 'MatrixSelector' ? node.parent : null;
        counters.push({ offset: ref.from, metric, function: enclosingFunction(matrix ?? node, query), ranged: matrix !== null });
      }
    },
  });
  return { ranges, counters };
}

function check(request) {
  const parser = strict[request.language];
  if (!parser) return { id: request.id, ok: false, offset: 0, message: `unknown query language '${request.language}'` };
  const query = String(request.query ?? '');
  try {
    const tree = parser.parse(query);
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
