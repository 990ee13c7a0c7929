#!/usr/bin/env node
// `npm test`: build the package, type-check, every jest suite (snapshots never updated: --ci),
// the conformance vectors, the end-to-end test of the packed tarball in platform repos
// (scripts/e2e.mjs, needs the npm registry), then one plain `N passed, N failed` line.
// `npm test -- --quick` skips the end-to-end test; other arguments go to jest (and skip the rest).
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
const quick = process.argv.includes('--quick');
const jestArgsIn = process.argv.slice(2).filter((a) => a !== '--quick');

/** Runs a script that ends with `N passed, N failed` and adds its counts. */
function counted(name, cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  process.stdout.write(r.stdout ?? '');
  process.stderr.write(r.stderr ?? '');
  const m = /^(\d+) passed, (\d+) failed$/m.exec(r.stdout ?? '');
  if (m) {
    passed += Number(m[1]);
    failed += Number(m[2]);
  } else {
    failed += 1;
    console.error(`${name} printed no summary (exit ${r.status})`);
  }
  if (r.status !== 0 && (!m || Number(m[2]) === 0)) failed += 1;
}

const build = run('npm', ['run', '--silent', 'build']);
if (build.status === 0) passed += 1; else { failed += 1; console.error('build failed'); }

const tsc = run(bin('tsc'), ['--noEmit', '-p', '.']);
if (tsc.status === 0) passed += 1; else { failed += 1; console.error('type-check failed'); }

const work = mkdtempSync(join(tmpdir(), 'cdk-fleet-test-'));
const report = join(work, 'jest.json');
const jestArgs = ['--ci', '--json', `--outputFile=${report}`, ...jestArgsIn];
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

if (jestArgsIn.length === 0) {
  counted('conformance runner', bin('tsx'), ['scripts/conformance.ts']);
  if (!quick) counted('end-to-end test', process.execPath, ['scripts/e2e.mjs']);
}

rmSync(work, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
