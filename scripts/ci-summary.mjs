#!/usr/bin/env node
// Reads vitest's JSON report and prints the plain closing line CI reads:
// "N passed, N failed". Exits 1 when a test failed or nothing ran.
import fs from 'node:fs';

const file = process.argv[2];
let report;
try {
  report = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch (e) {
  console.log(`no test report (${e.message})`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const passed = report.numPassedTests ?? 0;
// a test file that failed to load (no failed test inside it) counts as one failure
const loadFailures = (report.testResults ?? []).filter(
  (r) => r.status === 'failed' && !(r.assertionResults ?? []).some((a) => a.status === 'failed'),
).length;
const failed = (report.numFailedTests ?? 0) + loadFailures;
const pending = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
if (pending > 0) console.log(`${pending} tests were skipped or todo`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
