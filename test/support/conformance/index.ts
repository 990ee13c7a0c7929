/**
 * The conformance runner: runs every vector under `<dir>/ocm-placement/*.json` and
 * `<dir>/sveltos-selection/*.json` through the matching simulator. Other subfolders are ignored.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runEnginesVector } from './engines';
import { runOcmPlacementVector } from './ocm-placement';
import { runSveltosSelectionVector } from './sveltos-selection';

/** The outcome of a conformance run. */
export interface ConformanceReport {
  /** Vectors with no failure. */
  readonly passed: number;
  /** Vectors with at least one failure. */
  readonly failed: number;
  /** One line per failure: `<subdir>/<file>: <message>`, in file order. */
  readonly failures: string[];
}

/** A vector runner: returns failure messages, empty when the vector passes. */
export type VectorRunner = (vector: unknown) => string[];

/** The vector folders this runner knows, with their runners. */
export const CONFORMANCE_SUITES: Readonly<Record<string, VectorRunner>> = {
  'ocm-placement': runOcmPlacementVector,
  'sveltos-selection': runSveltosSelectionVector,
  engines: runEnginesVector,
};

/**
 * Runs the conformance vectors found in `dir`. A missing suite folder is skipped; an unreadable
 * `dir` throws. A vector that is not valid JSON, or whose runner throws, counts as failed.
 * @param dir the conformance directory (e.g. ../shared/conformance)
 */
export function runConformance(dir: string): ConformanceReport {
  if (!fs.statSync(dir).isDirectory()) throw new Error(`${dir} is not a directory`);
  fs.readdirSync(dir);
  let passed = 0;
  let failed = 0;
  const failures: string[] = [];
  for (const [suite, run] of Object.entries(CONFORMANCE_SUITES)) {
    const sub = path.join(dir, suite);
    if (!fs.existsSync(sub) || !fs.statSync(sub).isDirectory()) continue;
    const files = fs.readdirSync(sub).filter((f) => f.endsWith('.json')).sort();
    for (const file of files) {
      let messages: string[];
      try {
        const vector: unknown = JSON.parse(fs.readFileSync(path.join(sub, file), 'utf8'));
        messages = run(vector);
      } catch (e) {
        messages = [`cannot run vector: ${(e as Error).message}`];
      }
      if (messages.length === 0) {
        passed++;
      } else {
        failed++;
        for (const m of messages) failures.push(`${suite}/${file}: ${m}`);
      }
    }
  }
  return { passed, failed, failures };
}
