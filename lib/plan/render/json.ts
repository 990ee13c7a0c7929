// The plan as JSON (machine-readable, byte-identical for the same plan).
import type { FleetPlan } from '../types';

/** The plan as stable, pretty JSON with a final newline (byte-identical for the same plan). */
export function renderPlanJson(plan: FleetPlan): string {
  const parts: string[] = [];
  writePlanJson(plan, (chunk) => parts.push(chunk));
  return parts.join('');
}

/**
 * The plan as {@link renderPlanJson} renders it, handed to `write` in pieces (each top-level
 * field, a hundred clusters or workloads at a time), so a large fleet's plan file is written
 * without holding it as one string: `JSON.stringify(plan, null, 2)` plus a newline, byte for byte.
 * @internal
 */
export function writePlanJson(plan: FleetPlan, write: (chunk: string) => void): void {
  writeValue(plan, write);
  write('\n');
}

/** Array members per JSON.stringify call. */
const SLICE = 100;

/** What JSON.stringify leaves out of an object. */
function omitted(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

/**
 * The top-level object member by member, and the members of a large array a slice at a time. Each
 * piece is cut out of `JSON.stringify({ key: part }, null, 2)`, which indents it exactly as it sits
 * in the whole plan.
 */
function writeValue(v: unknown, write: (chunk: string) => void): void {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    write(JSON.stringify(v, null, 2));
    return;
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => !omitted(o[k]));
  if (keys.length === 0) return write('{}');
  write('{\n');
  keys.forEach((k, i) => {
    const x = o[k];
    if (i > 0) write(',\n');
    if (!Array.isArray(x) || x.length <= SLICE) {
      const text = JSON.stringify({ [k]: x }, null, 2);
      write(text.slice(2, text.length - 2)); // without "{\n" and "\n}"
      return;
    }
    const head = `  ${JSON.stringify(k)}: [\n`;
    write(head);
    for (let at = 0; at < x.length; at += SLICE) {
      const text = JSON.stringify({ [k]: x.slice(at, at + SLICE) }, null, 2);
      if (at > 0) write(',\n');
      write(text.slice(2 + head.length, text.length - 6)); // without "{\n" + head and "\n  ]\n}"
    }
    write('\n  ]');
  });
  write('\n}');
}
