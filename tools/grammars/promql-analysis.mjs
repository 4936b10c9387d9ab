// The type checks Prometheus' own query editor runs after parsing (@prometheus-io/codemirror-promql,
// prometheus web/ui/module/codemirror-promql/src/parser/parser.ts): argument and operand types,
// `bool` and set operators on scalars, aggregation parameters. The grammar alone accepts
// `rate(x)`, `1 and 1`, `topk(x)`, which the Prometheus server rejects.
import { createRequire } from 'node:module';

// The package's ES build imports its own files without extensions, which node refuses: its CommonJS build.
const require = createRequire(import.meta.url);
const { Parser: Analysis } = require('@prometheus-io/codemirror-promql/dist/cjs/parser/index.js');
const { promQLLanguage, LanguageType } = require('@prometheus-io/codemirror-promql');
const { EditorState } = require('@codemirror/state');

// The analysis' own grammar version (the package pins its lezer-promql), so node ids match.
const analysisParser = promQLLanguage(LanguageType.PromQL).parser;

// Prometheus' parser refuses a name set twice only when one is the bare name (`foo{__name__="bar"}`);
// `{__name__="bar", __name__="baz"}` it accepts (it selects nothing; valid in promql/parser/parse_test.go).
const notServerError = (d, query) => /^metric name must not be set twice/.test(d.message) && query.slice(d.from, d.to).startsWith('{');

/** The first error of the editor's analysis that the server shares: {offset, message}, or null. */
export function promqlTypeError(query) {
  const analysis = new Analysis(EditorState.create({ doc: query }));
  // The editor parses in time slices and may hand over a partial tree: give it the whole tree.
  analysis.tree = analysisParser.parse(query);
  analysis.analyze();
  const error = analysis.getDiagnostics()
    .find((d) => d.severity === 'error' && !notServerError(d, query));
  return error ? { offset: error.from, message: error.message } : null;
}
