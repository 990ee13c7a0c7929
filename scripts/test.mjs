#!/usr/bin/env node
// `npm test`: type-check, every jest suite (snapshots never updated: --ci), the conformance
// vectors through the CLI, then one plain `N passed, N failed` line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });

let passed = 0;
let failed = 0;

const tsc = run(bin('tsc'), ['--noEmit', '-p', '.']);
if (tsc.status === 0) passed += 1; else { failed += 1; console.error('type-check failed'); }

const work = mkdtempSync(join(tmpdir(), 'cdk-fleet-test-'));
const report = join(work, 'jest.json');
const jestArgs = ['--ci', '--json', `--outputFile=${report}`, ...process.argv.slice(2)];
const jest = run(bin('jest'), jestArgs, { env: { ...process.env, TMPDIR: work } });
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
} catch {
  failed += 1;
  console.error(`jest produced no report (exit ${jest.status})`);
}
if (jest.status !== 0 && failed === 0) failed += 1;

if (process.argv.length <= 2) {
  const conf = spawnSync(bin('tsx'), ['scripts/conformance.ts'], { cwd: root, encoding: 'utf8' });
  process.stdout.write(conf.stdout ?? '');
  process.stderr.write(conf.stderr ?? '');
  const m = /^(\d+) passed, (\d+) failed$/m.exec(conf.stdout ?? '');
  if (m) {
    passed += Number(m[1]);
    failed += Number(m[2]);
  } else {
    failed += 1;
    console.error(`conformance runner printed no summary (exit ${conf.status})`);
  }
  if (conf.status !== 0 && (!m || Number(m[2]) === 0)) failed += 1;
}

rmSync(work, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
