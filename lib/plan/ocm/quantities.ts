// Kubernetes quantities and Go time values as the scheduler reads them (part of the OCM placement simulator; see placement.ts).
import { fail } from '../../core/errors';
import { Quantity } from './cel/quantity';

/**
 * `resource.ParseQuantity(q).AsApproximateFloat64()` (the exact Kubernetes parse of cel/quantity.ts),
 * or undefined when `q` is not a quantity.
 */
export function parseQuantity(q: string | undefined): number | undefined {
  if (q === undefined || q === null) return undefined;
  try {
    return Quantity.parse(String(q)).asApproximateFloat64();
  } catch {
    return undefined;
  }
}

/** Go's zero time (`0001-01-01T00:00:00Z`) in epoch milliseconds. */
export const GO_ZERO_TIME = -62135596800000;

export function parseTime(s: string | undefined, what: string): number | undefined {
  if (s === undefined || s === null || s === '') return undefined;
  const t = Date.parse(s);
  if (Number.isNaN(t)) fail(what, `${JSON.stringify(s)} is not an RFC 3339 time, e.g. "2024-01-01T00:00:00Z"`);
  return t;
}

/** RFC 3339 in UTC, without fractional seconds when they are zero. */
export function formatTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/** Go's `int64(f)` conversion (truncation toward zero), without a negative zero. */
export function goInt(f: number): number {
  return Math.trunc(f) || 0;
}
