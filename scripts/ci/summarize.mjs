// Sums the JSON reports of every runner into the one line CI reads: "N passed, N failed, N skipped".
// Exits non-zero when anything failed, a report is missing, or nothing ran.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const [reportsDir = '.artifacts/reports', checksFailedArg = '0'] = process.argv.slice(2);
let passed = 0;
let failed = Number(checksFailedArg) || 0;
let skipped = 0;
const problems = [];

const vitestFile = path.join(reportsDir, 'vitest.json');
if (existsSync(vitestFile)) {
  const report = JSON.parse(readFileSync(vitestFile, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A suite that fails to load has no tests and would otherwise vanish from the count.
  for (const suite of report.testResults ?? []) {
    if (suite.status === 'failed' && (suite.assertionResults ?? []).length === 0) {
      failed += 1;
      problems.push(`vitest: ${suite.name} failed to run: ${String(suite.message ?? '').split('\n')[0]}`);
    }
  }
} else {
  failed += 1;
  problems.push('vitest produced no report');
}

const playwrightFile = path.join(reportsDir, 'playwright.json');
if (existsSync(playwrightFile)) {
  const { stats = {}, errors = [] } = JSON.parse(readFileSync(playwrightFile, 'utf8'));
  passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  failed += (stats.unexpected ?? 0) + errors.length;
  skipped += stats.skipped ?? 0;
  if (errors.length > 0) problems.push(`playwright: ${errors.length} error(s) outside tests`);
} else {
  failed += 1;
  problems.push('playwright produced no report');
}

if (existsSync(path.join(reportsDir, 'bench.failed'))) {
  failed += 1;
  problems.push('the quick benchmark run failed');
}

for (const problem of problems) console.log(problem);
if (passed + failed === 0) {
  console.log('nothing ran');
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
