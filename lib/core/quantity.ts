// Kubernetes quantities compared exactly, as k8s.io/apimachinery resource.Quantity Cmp/Equal do
// (used by the KubeFleet property selectors and their simulator). A quantity is held as a BigInt
// mantissa times a power of ten, so `4Gi` and `4294967296` compare equal and `0.1` is exact.

/** `<signed number><suffix>`: binary SI, decimal SI or a decimal exponent (resource.ParseQuantity). */
const QUANTITY = /^([+-]?)(\d+\.?\d*|\.\d+)(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;
const BINARY: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** An exact quantity: `mantissa × 10^exponent`. */
export interface Quantity {
  /** The digits, with sign. */
  readonly mantissa: bigint;
  /** The power of ten. */
  readonly exponent: number;
}

/** Parses a quantity string; undefined when resource.ParseQuantity would reject it. */
export function parseQuantity(text: string): Quantity | undefined {
  if (typeof text !== 'string') return undefined;
  const m = QUANTITY.exec(text.trim() === text ? text : '');
  if (!m) return undefined;
  const [, sign, number, exp, suffix] = m;
  const [int, frac = ''] = number.split('.');
  let mantissa = BigInt(`${int || '0'}${frac}`);
  let exponent = -frac.length;
  if (exp) exponent += Number(exp.slice(1));
  else if (suffix && suffix in BINARY) mantissa *= 1024n ** BigInt(BINARY[suffix]);
  else if (suffix) exponent += DECIMAL[suffix];
  if (sign === '-') mantissa = -mantissa;
  return { mantissa, exponent };
}

/** Compares two quantities exactly: -1, 0 or 1 (resource.Quantity.Cmp). */
export function compareQuantities(a: Quantity, b: Quantity): number {
  const e = Math.min(a.exponent, b.exponent);
  const x = a.mantissa * 10n ** BigInt(a.exponent - e);
  const y = b.mantissa * 10n ** BigInt(b.exponent - e);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** resource.Quantity.AsApproximateFloat64. */
export function quantityToNumber(q: Quantity): number {
  return Number(q.mantissa) * 10 ** q.exponent;
}
