// Summarises an acceptance run: each scenario's result, duration and (for a skip or failure) the
// reason, from the Cucumber messages the Gherkin engine writes; and how long each signal took to
// become visible, from signal-timings.tsv. Prints the tables and writes them as summary.md.
//
//   node summary.mjs REPORT_DIR
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
if (!dir) { console.error('usage: node summary.mjs REPORT_DIR'); process.exit(2); }
const ndjson = path.join(dir, 'cucumber.ndjson');
if (!fs.existsSync(ndjson)) { console.error(`summary: no ${ndjson}`); process.exit(0); }

const pickles = new Map(), testCases = new Map(), started = new Map();
const seconds = (t) => Number(t.seconds) + Number(t.nanos) / 1e9;
for (const line of fs.readFileSync(ndjson, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const message = JSON.parse(line);
  if (message.pickle) pickles.set(message.pickle.id, message.pickle);
  else if (message.testCase) testCases.set(message.testCase.id, message.testCase.pickleId);
  else if (message.testCaseStarted) {
    const s = message.testCaseStarted;
    started.set(s.id, { pickleId: testCases.get(s.testCaseId), start: seconds(s.timestamp), steps: [] });
  } else if (message.testStepFinished) {
    started.get(message.testStepFinished.testCaseStartedId)?.steps.push(message.testStepFinished.testStepResult);
  } else if (message.testCaseFinished) {
    const run = started.get(message.testCaseFinished.testCaseStartedId);
    if (run) run.end = seconds(message.testCaseFinished.timestamp);
  }
}

const failedStatuses = ['FAILED', 'UNDEFINED', 'AMBIGUOUS'];
const rows = [...started.values()].map((run) => {
  const pickle = pickles.get(run.pickleId) ?? { name: '?', uri: '?', location: { line: 0 } };
  const failed = run.steps.find((s) => failedStatuses.includes(s.status));
  const skipped = run.steps.find((s) => s.status === 'SKIPPED' && s.message);
  const result = failed ? 'FAILED' : skipped || run.steps.every((s) => s.status === 'SKIPPED') ? 'SKIPPED' : 'PASSED';
  const reason = (failed ?? skipped)?.message?.split('\n')[0] ?? '';
  const duration = run.end !== undefined ? `${(run.end - run.start).toFixed(1)}s` : '-';
  return { scenario: `${pickle.name} [${pickle.uri}:${pickle.location.line}]`, result, duration, reason };
});

const timingsFile = path.join(dir, 'signal-timings.tsv');
const timings = fs.existsSync(timingsFile)
  ? fs.readFileSync(timingsFile, 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t'))
  : [];

const cell = (text) => String(text).replace(/\|/g, '\\|');
const md = ['# Acceptance run', '', '| Result | Duration | Scenario | Reason |', '|---|---|---|---|',
  ...rows.map((r) => `| ${r.result} | ${r.duration} | ${cell(r.scenario)} | ${cell(r.reason)} |`)];
if (timings.length) {
  md.push('', '## Time to visibility', '', '| Signal | Seconds | Scenario |', '|---|---|---|',
    ...timings.map(([scenario, signal, secs]) => `| ${cell(signal)} | ${secs} | ${cell(scenario)} |`));
}
fs.writeFileSync(path.join(dir, 'summary.md'), md.join('\n') + '\n');

console.log('== scenarios');
for (const r of rows) console.log(`${r.result.padEnd(8)} ${r.duration.padStart(7)}  ${r.scenario}${r.reason ? `\n                  ${r.reason}` : ''}`);
if (timings.length) {
  console.log('== time to visibility');
  for (const [, signal, secs] of timings) console.log(`${(secs + 's').padStart(7)}  ${signal}`);
}
