// What Tempo's validation rejects after its grammar has accepted a TraceQL query, for the field
// expressions of span filters, following grafana/tempo pkg/traceql: ast_validate.go
// (SpansetFilter.validate: a filter resolves to a boolean; BinaryOperation.validate: operands of
// matching types, operators legal for them; UnaryOperation.validate: intrinsics cannot be nil),
// enum_operators.go (binaryTypeValid) and enum_statics.go (isMatchingOperand), checked against
// pkg/traceql/test_examples.yaml. Only types known from the text are checked: attributes,
// unary operations (@grafana/lezer-traceql does not keep their precedence) and anything else
// count as "any type".

const text = (node, query) => query.slice(node.from, node.to);
const ANY = 'any';
const numeric = new Set(['int', 'float', 'duration']);
const statusValues = new Set(['ok', 'error', 'unset']);
const kindValues = new Set(['unspecified', 'internal', 'server', 'client', 'producer', 'consumer']);
const intrinsicTypes = {
  duration: 'duration', traceDuration: 'duration', 'span:duration': 'duration', 'trace:duration': 'duration',
  name: 'string', 'span:name': 'string', rootName: 'string', 'trace:rootName': 'string', rootServiceName: 'string',
  'trace:rootService': 'string', statusMessage: 'string', 'span:statusMessage': 'string',
  status: 'status', 'span:status': 'status', kind: 'kind', 'span:kind': 'kind',
};
const comparisons = new Set(['=', '!=', '>', '>=', '<', '<=', '=~', '!~']);
const arithmetic = new Set(['+', '-', '*', '/', '%', '^']);

/** binaryTypeValid of enum_operators.go. */
function legal(op, type) {
  if (type === ANY) return true;
  if (type === 'boolean') return op === '&&' || op === '||' || op === '=' || op === '!=';
  if (numeric.has(type)) return arithmetic.has(op) || (comparisons.has(op) && op !== '=~' && op !== '!~');
  if (type === 'string') return comparisons.has(op);
  return op === '=' || op === '!='; // nil, status, kind
}

/** isMatchingOperand of enum_statics.go. */
const matching = (a, b) => a === ANY || b === ANY || a === b || (numeric.has(a) && numeric.has(b)) || a === 'nil' || b === 'nil';

function staticType(node, query) {
  const child = node.firstChild;
  if (child) return { Integer: 'int', Float: 'float', Duration: 'duration', String: 'string' }[child.name] ?? ANY;
  const value = text(node, query);
  if (value === 'true' || value === 'false') return 'boolean';
  if (value === 'nil') return 'nil';
  if (statusValues.has(value)) return 'status';
  if (kindValues.has(value)) return 'kind';
  return ANY;
}

/** The type of a FieldExpression; throws {offset, message} for what Tempo rejects. */
function fieldType(node, query) {
  const children = [];
  for (let c = node.firstChild; c; c = c.nextSibling) children.push(c);
  if (children.length === 1) {
    const [only] = children;
    if (only.name === 'Static') return staticType(only, query);
    if (only.name === 'IntrinsicField') return intrinsicTypes[text(only, query)] ?? ANY;
    if (only.name === 'FieldExpression') {
      const inner = fieldType(only, query); // checks inside either way
      return text(node, query).trimStart().startsWith('(') ? inner : ANY; // a unary operation: any type
    }
    return ANY;
  }
  const [left, operator, right] = children;
  if (children.length !== 3 || left.name !== 'FieldExpression' || right.name !== 'FieldExpression') return ANY;
  const op = text(operator, query);
  const lt = fieldType(left, query);
  const rt = fieldType(right, query);
  // The grammar may group `a > b * c` as `(a > b) * c`: an operand that is itself an operation
  // without parentheses says nothing sure about this one (its own operands were checked above).
  const bare = (side) => side.firstChild?.nextSibling && !text(side, query).trimStart().startsWith('(');
  if (bare(left) || bare(right)) return ANY;
  const fail = (message) => { throw { offset: node.from, message: `${message}: ${text(node, query)}` }; };
  if (!matching(lt, rt)) fail('binary operations must operate on the same type');
  if (!legal(op, lt) || !legal(op, rt)) fail('illegal operation for the given types');
  if (op === '=' && ((lt === 'nil' && right.getChild('IntrinsicField')) || (rt === 'nil' && left.getChild('IntrinsicField'))))
    fail('intrinsics cannot be nil');
  if (op === '=' && [left, right].some((s) => /^resource\.service\.name$/.test(text(s, query).trim())) && (lt === 'nil' || rt === 'nil'))
    fail('resource.service.name cannot be nil');
  if (arithmetic.has(op)) return lt === ANY ? rt : lt;
  return 'boolean';
}

/** The first thing Tempo's validation would reject in a span filter of this tree: {offset, message}, or null. */
export function traceqlRuleError(tree, query) {
  let found = null;
  tree.iterate({
    enter(ref) {
      if (found) return false;
      if (ref.name !== 'SpansetFilter') return;
      const expression = ref.node.getChild('FieldExpression');
      if (!expression) return false;
      try {
        const type = fieldType(expression, query);
        if (type !== ANY && type !== 'boolean')
          found = { offset: ref.from, message: `span filter field expressions must resolve to a boolean: ${text(ref.node, query)}` };
      } catch (error) {
        if (error instanceof Error) throw error;
        found = error;
      }
      return false;
    },
  });
  return found;
}
