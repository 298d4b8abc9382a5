#!/usr/bin/env node
// `npm test`: every project's tests through Nx (libs, gateway, admin UI), then one summary line
// read from the JSON reports the projects' vitest runs write to .test-results/. Fails when a
// project failed, when a project wrote no report, or when no test ran at all.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const PROJECTS = ['routing', 'claims', 'config', 'transforms', 'gateway', 'admin-ui', 'bench'];
const results = join(import.meta.dirname, '..', '.test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const nx = spawnSync(
  'npx',
  ['nx', 'run-many', '-t', 'test', '--output-style=static', '--parallel=1', ...process.argv.slice(2)],
  { stdio: 'inherit', env: { NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NX_TUI: 'false', ...process.env } },
);

let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];
for (const project of PROJECTS) {
  const file = join(results, `${project}.json`);
  if (!existsSync(file)) {
    problems.push(`${project}: no test report (its tests did not run)`);
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  const suitesFailed = report.numFailedTestSuites ?? 0;
  console.log(`${project}: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests} skipped${suitesFailed ? `, ${suitesFailed} suites failed` : ''}`);
  if (suitesFailed > 0) problems.push(`${project}: ${suitesFailed} test files failed to run`);
  if (report.numTotalTests === 0) problems.push(`${project}: ran no test`);
  if (report.success === false && report.numFailedTests === 0 && suitesFailed === 0) problems.push(`${project}: the run failed (see its output above)`);
}
const extra = readdirSync(results).filter((name) => !PROJECTS.includes(name.replace(/\.json$/, '')));
if (extra.length > 0) console.log(`(ignored reports: ${extra.join(', ')})`);
if (passed + failed === 0) problems.push('no test ran');
if (nx.status !== 0) problems.push(`nx exited with ${nx.status}`);
for (const problem of problems) console.log(`problem: ${problem}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || problems.length > 0 ? 1 : 0);
