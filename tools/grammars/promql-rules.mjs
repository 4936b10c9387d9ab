// What Prometheus' parser rejects after its grammar has accepted a query, and neither
// @prometheus-io/lezer-promql nor the editor's analysis (promql-analysis.mjs) catches.
// Each rule follows prometheus promql/parser: parse.go (checkAST's VectorSelector case,
// addOffset, setTimestamp) and generated_parser.y (positive_duration_expr, matrix_selector),
// checked against the invalid cases of promql/parser/parse_test.go.

const text = (node, query) => query.slice(node.from, node.to);
const modifiers = { OffsetExpr: 'offset', StepInvariantExpr: '@' };
const modifiable = new Set(['VectorSelector', 'MatrixSelector', 'SubqueryExpr']);

/** offset / @ apply to a selector or a subquery only, and each at most once. */
function modifier(node) {
  if (node.parent && modifiers[node.parent.name]) return null; // the outermost modifier reports the chain
  const seen = new Set();
  let inner = node;
  while (modifiers[inner.name]) {
    const kind = modifiers[inner.name];
    if (seen.has(kind)) return kind === 'offset' ? 'offset may not be set multiple times' : '@ <timestamp> may not be set multiple times';
    seen.add(kind);
    inner = inner.firstChild;
    // lezer-promql binds `a + b offset 1d` as `(a + b) offset 1d`; Prometheus as `a + (b offset 1d)`.
    while (inner?.name === 'BinaryExpr') inner = inner.lastChild;
  }
  return modifiable.has(inner?.name) ? null
    : `${[...seen][0]} modifier must be preceded by an instant vector selector or range vector selector or a subquery`;
}

/** A range applies to a plain vector selector, and is longer than zero. */
function matrix(node, query) {
  if (node.firstChild?.name !== 'VectorSelector') return 'ranges only allowed for vector selectors';
  const range = node.getChild('DurationExpr');
  const literal = range?.firstChild;
  if (literal && !literal.nextSibling && /^[\d.]+[a-z]*([\d.]+[a-z]+)*$/i.test(text(literal, query))
      && !/[1-9]/.test(text(literal, query))) return 'duration must be greater than 0';
  return null;
}

/** Whether a label matcher matches the empty value (Go's labels.Matcher.Matches("")). */
function matchesEmpty(op, value) {
  switch (op) {
    case '=': return value === '';
    case '!=': return value !== '';
    case '=~': return new RegExp(`^(?:${value})$`).test('');
    case '!~': return !new RegExp(`^(?:${value})$`).test('');
    default: return false;
  }
}

/** A selector without a metric name needs one matcher that does not match the empty value. */
function emptyMatchers(node, query, stringValue) {
  if (node.getChild('Identifier')) return null;
  const matchers = node.getChild('LabelMatchers');
  if (!matchers) return null;
  for (let m = matchers.firstChild; m; m = m.nextSibling) {
    if (m.name === 'QuotedLabelName') return null; // {"metric"}: a metric name
    const op = m.getChild('MatchOp');
    const value = m.getChild('StringLiteral');
    if (!op || !value) continue;
    try {
      if (!matchesEmpty(text(op, query), stringValue(value, query))) return null;
    } catch {
      return null; // a regular expression JavaScript cannot read: leave it to the server
    }
  }
  return 'vector selector must contain at least one non-empty matcher';
}

/** The first thing Prometheus' parser would reject in this (grammatical) tree: {offset, message}, or null. */
export function promqlRuleError(tree, query, stringValue) {
  let found = null;
  tree.iterate({
    enter(ref) {
      if (found) return false;
      const node = ref.node;
      const message = modifiers[ref.name] ? modifier(node)
        : ref.name === 'MatrixSelector' ? matrix(node, query)
        : ref.name === 'VectorSelector' ? emptyMatchers(node, query, stringValue)
        : null;
      if (message) found = { offset: ref.from, message };
    },
  });
  return found;
}
