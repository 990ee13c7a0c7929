// Reading plan input as people have it: our synth output, hand-written OCM/Sveltos YAML,
// Helm-rendered YAML, `kubectl get -o yaml` exports. read.ts reads files safely, check.ts checks
// each object as the API server would, merge.ts folds an object given twice, core/api-facts.ts knows
// kinds, scopes and versions. Problems are collected across every file (and every root read by the
// same reader) and thrown at once; warnings go into the plan.
import type { PlanWarning } from '../types';
import { CheckedObject, checkObject } from './check';
import { mergeDuplicates } from './merge';
import { DEFAULT_MAX_FILE_SIZE, listInputFiles, objectsOfText, readInputFile } from './read';
import { InputReport } from './report';

export { DEFAULT_MAX_FILE_SIZE, formatBytes } from './read';
export { InputProblemsError } from './report';

/** How to read one root (a folder or a file). @internal */
export interface ReadInputOptions {
  /** Default namespace for namespaced objects without one, as `kubectl apply -n`. */
  readonly namespace?: string;
  /** Largest file read, in bytes. @default DEFAULT_MAX_FILE_SIZE (64 MiB) */
  readonly maxFileSize?: number;
}

/** The objects of one root, ready to plan, and the warnings about them. @internal */
export interface PlanInput {
  readonly objects: Record<string, any>[];
  readonly warnings: PlanWarning[];
  /** The kind of every object read, including those with problems (what the input meant to hold). */
  readonly kinds: ReadonlySet<string>;
  /** Whether every file and document could be read (problems, if any, are about objects only). */
  readonly complete: boolean;
}

/**
 * Reads roots (the YAML folder, the inventory) and collects every problem of all of them, so one
 * run reports everything: `read()` each root, then `throwIfProblems()`.
 * @internal
 */
export class PlanInputReader {
  private readonly report = new InputReport();

  /** Reads `root`; its warnings are its own, its problems are kept for throwIfProblems. */
  public read(root: string, options: ReadInputOptions = {}): PlanInput {
    const report = new InputReport();
    const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    const checked: CheckedObject[] = [];
    const kinds = new Set<string>();
    for (const file of listInputFiles(root, report)) {
      const text = readInputFile(file, maxFileSize, report);
      if (text === undefined) continue;
      for (const raw of objectsOfText(text, file, report)) {
        if (typeof raw.value.kind === 'string') kinds.add(raw.value.kind);
        const c = checkObject(raw, { namespace: options.namespace, report });
        if (c) checked.push(c);
      }
    }
    const objects = mergeDuplicates(checked, report);
    for (const p of report.problems) this.report.problem(p);
    return { objects, warnings: report.warnings, kinds, complete: report.problems.every((p) => p.subject !== undefined) };
  }

  /** Throws every problem of every root read so far, one line each. */
  public throwIfProblems(): void {
    this.report.throwIfProblems();
  }
}

/** Reads one root and throws its problems (the whole pipeline for callers with one input). @internal */
export function readPlanInput(root: string, options: ReadInputOptions = {}): PlanInput {
  const reader = new PlanInputReader();
  const input = reader.read(root, options);
  reader.throwIfProblems();
  return input;
}
