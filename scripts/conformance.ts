/**
 * `npm run conformance -- [dir]`: runs the conformance vectors (default: ../shared/conformance,
 * relative to the repository root). Prints `FAIL <subdir>/<file>: <message>` per failure, then
 * `N passed, N failed`. Exit code 1 on any failure, 2 when the directory cannot be read.
 */
import * as path from 'path';
import { runConformance } from '../test/support/conformance';
import type { ConformanceReport } from '../test/support/conformance';

function main(argv: readonly string[]): number {
  const repoRoot = path.resolve(__dirname, '..');
  const dir = argv[0] ? path.resolve(argv[0]) : path.resolve(repoRoot, '..', 'shared', 'conformance');
  let report: ConformanceReport;
  try {
    report = runConformance(dir);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'no such directory' : err.code === 'EACCES' ? 'permission denied' : err.message;
    console.error(`cannot read conformance directory ${dir}: ${why}`);
    return 2;
  }
  for (const f of report.failures) console.log(`FAIL ${f}`);
  console.log(`${report.passed} passed, ${report.failed} failed`);
  return report.failed > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
