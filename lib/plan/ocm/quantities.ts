// Kubernetes quantities and Go time values as the scheduler reads them (part of the OCM placement simulator; see placement.ts).
import { fail } from '../../core/errors';

export const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)$/;
export const SUFFIX: Record<string, number> = {
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
  n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
};

/** `resource.Quantity.AsApproximateFloat64()` of a quantity string, or undefined when unparsable. */
export function parseQuantity(q: string | undefined): number | undefined {
  if (q === undefined || q === null) return undefined;
  const m = QUANTITY.exec(String(q).trim());
  if (!m) return undefined;
  const base = Number(m[1]);
  if (m[2]) return base * 10 ** Number(m[2].slice(1));
  return m[3] ? base * SUFFIX[m[3]] : base;
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
