// The plan as JSON (machine-readable, byte-identical for the same plan).
import type { FleetPlan } from '../types';

/** The plan as stable, pretty JSON with a final newline (byte-identical for the same plan). */
export function renderPlanJson(plan: FleetPlan): string {
  const parts: string[] = [];
  writePlanJson(plan, (chunk) => parts.push(chunk));
  return parts.join('');
}

/**
 * The plan as {@link renderPlanJson} renders it, handed to `write` in pieces (one per cluster,
 * workload, ...), so a large fleet's plan file is written without holding it as one string:
 * `JSON.stringify(plan, null, 2)` plus a newline, byte for byte.
 */
export function writePlanJson(plan: FleetPlan, write: (chunk: string) => void): void {
  writeValue(plan, '', 0, write);
  write('\n');
}

/** Containers this shallow are written member by member; deeper values in one JSON.stringify each. */
const SPLIT_DEPTH = 2;

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
function omitted(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

function writeValue(v: unknown, indent: string, depth: number, write: (chunk: string) => void): void {
  if (depth < SPLIT_DEPTH && v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON !== 'function') {
    const inner = `${indent}  `;
    if (Array.isArray(v)) {
      if (v.length === 0) return write('[]');
      write('[');
      for (let i = 0; i < v.length; i++) {
        write(i === 0 ? `\n${inner}` : `,\n${inner}`);
        if (omitted(v[i])) write('null');
        else writeValue(v[i], inner, depth + 1, write);
      }
      return write(`\n${indent}]`);
    }
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => !omitted(o[k]));
    if (keys.length === 0) return write('{}');
    write('{');
    keys.forEach((k, i) => {
      write(`${i === 0 ? '\n' : ',\n'}${inner}${JSON.stringify(k)}: `);
      writeValue(o[k], inner, depth + 1, write);
    });
    return write(`\n${indent}}`);
  }
  // JSON escapes every newline inside strings, so each newline here starts a line to indent.
  const s = JSON.stringify(v, null, 2);
  write(indent && s.includes('\n') ? s.replace(/\n/g, `\n${indent}`) : s);
}
