// What Loki's parser rejects after its grammar has accepted a query, and @grafana/lezer-logql
// (an editor grammar) lets through. Each rule follows grafana/loki pkg/logql/syntax:
//   ast.go newRangeAggregationExpr / RangeAggregationExpr.validate  (range aggregations)
//   ast.go mustNewVectorAggregationExpr                              (vector aggregations)
//   ast.go mustNewBinOpExpr                                          (binary operations)
//   lex.go (strings, comments) and expr.y (every bracket closed)      (balance)
// checked against the invalid cases of pkg/logql/syntax/parser_test.go.

// Range aggregations that take a parameter, that allow `by`/`without`, and that need or refuse `| unwrap`.
const withParameter = new Set(['quantile_over_time']);
const groupable = new Set(['avg_over_time', 'stddev_over_time', 'stdvar_over_time', 'quantile_over_time',
  'max_over_time', 'min_over_time', 'first_over_time', 'last_over_time']);
const unwrapAllowed = new Set(['avg_over_time', 'sum_over_time', 'max_over_time', 'min_over_time', 'stddev_over_time',
  'stdvar_over_time', 'quantile_over_time', 'rate', 'rate_counter', 'absent_over_time', 'first_over_time', 'last_over_time']);
const withoutUnwrap = new Set(['bytes_over_time', 'bytes_rate', 'count_over_time', 'rate', 'absent_over_time']);
// Vector aggregations that need a positive integer parameter (the others take none).
const countParameter = new Set(['topk', 'bottomk', 'approx_topk']);
const setOperators = new Set(['or', 'and', 'unless']);

const text = (node, query) => query.slice(node.from, node.to);

function rangeAggregation(node, query) {
  const op = text(node.getChild('RangeOp'), query);
  const parameter = node.getChild('Number');
  const range = node.getChild('LogRangeExpr');
  let unwrap = false;
  if (range) range.toTree().iterate({ enter: (r) => { if (r.name === 'UnwrapExpr') unwrap = true; } });
  if (parameter && !withParameter.has(op)) return `parameter ${text(parameter, query)} not supported for operation ${op}`;
  if (!parameter && withParameter.has(op)) return `parameter required for operation ${op}`;
  if (node.getChild('Grouping') && !groupable.has(op)) return `grouping not allowed for ${op} aggregation`;
  if (unwrap && !unwrapAllowed.has(op)) return `invalid aggregation ${op} with unwrap`;
  if (!unwrap && !withoutUnwrap.has(op)) return `invalid aggregation ${op} without unwrap`;
  return null;
}

function vectorAggregation(node, query) {
  const overLogs = aggregatesLogQuery(node);
  if (overLogs) return overLogs;
  const op = text(node.getChild('VectorOp'), query);
  const parameter = node.getChild('Number');
  if (!countParameter.has(op)) return parameter ? `unsupported parameter for operation ${op}(${text(parameter, query)},` : null;
  if (!parameter) return `parameter required for operation ${op}`;
  const value = text(parameter, query);
  if (!/^[+-]?\d+$/.test(value)) return `invalid parameter ${op}(${value},`;
  if (Number(value) <= 0) return `invalid parameter (must be greater than 0) ${op}(${value}`;
  if (op === 'approx_topk' && node.getChild('Grouping')) return `grouping not allowed for ${op} aggregation`;
  return null;
}

function binaryOperation(node, query) {
  const [left, right] = node.getChildren('Expr');
  const operator = node.getChild('BinOpModifier')?.prevSibling;
  const op = operator ? text(operator, query) : '?';
  for (const [leg, side] of [[left, 'left'], [right, 'right']]) {
    if (leg?.getChild('LogExpr')) return `unexpected type for ${side} leg of binary operation (${op}): a log query, not a metric query`;
    if (setOperators.has(op) && leg?.getChild('MetricExpr')?.getChild('LiteralExpr'))
      return `unexpected literal for ${side} leg of logical/set binary operation (${op})`;
  }
  return null;
}

/**
 * Brackets outside strings and comments must pair up: @grafana/lezer-logql recovers from an
 * unclosed `sum(` (it reads `sum({a="b"} |~ "x"` as an aggregation of a log query), Loki's yacc
 * grammar (pkg/logql/syntax/expr.y) does not. Strings follow Loki's lexer (lex.go): "..." with
 * backslash escapes, `...` raw; `#` starts a comment to the end of the line.
 */
function balanceError(query) {
  const open = [];
  const pairs = { ')': '(', ']': '[', '}': '{' };
  for (let i = 0; i < query.length; i++) {
    const c = query[i];
    if (c === '"' || c === '`') {
      let j = i + 1;
      while (j < query.length && query[j] !== c) j += c === '"' && query[j] === '\\' ? 2 : 1;
      if (j >= query.length) return { offset: i, message: 'unterminated string' };
      i = j;
    } else if (c === '#') {
      const end = query.indexOf('\n', i);
      if (end < 0) break;
      i = end;
    } else if (c === '(' || c === '[' || c === '{') open.push({ c, at: i });
    else if (c in pairs) {
      const top = open.pop();
      if (!top) return { offset: i, message: `unexpected '${c}': nothing to close` };
      if (top.c !== pairs[c]) return { offset: i, message: `unexpected '${c}': '${top.c}' is not closed` };
    }
  }
  const unclosed = open.pop();
  return unclosed ? { offset: query.length, message: `'${unclosed.c}' is never closed` } : null;
}

/** An aggregation whose argument is a log query (`sum({a="b"})`): Loki's grammar aggregates only metric queries. */
function aggregatesLogQuery(node) {
  const argument = node.getChild('Expr') ?? node.getChild('MetricExpr');
  return argument?.getChild('LogExpr') ? 'vector aggregation over a log query: aggregate a metric query (count_over_time, rate, ...)' : null;
}

const rules = { RangeAggregationExpr: rangeAggregation, VectorAggregationExpr: vectorAggregation, BinOpExpr: binaryOperation };

/** The first thing Loki's parser would reject in this (grammatical) tree: {offset, message}, or null. */
export function logqlRuleError(tree, query) {
  let found = balanceError(query);
  if (found) return found;
  tree.iterate({
    enter(ref) {
      if (found) return false;
      const rule = rules[ref.name];
      const message = rule && rule(ref.node, query);
      if (message) found = { offset: ref.from, message };
    },
  });
  return found;
}
