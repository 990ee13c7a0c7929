// Kubernetes resource quantities and the CEL quantity library (part of the OCM placement simulator).
//
// `Quantity` reproduces k8s.io/apimachinery v0.36.3 pkg/api/resource (quantity.go ParseQuantity
// with its int64 fast path and inf.Dec slow path, rounding up to nano units, BinarySI saturation
// at max int64; amount.go and math.go for int64 arithmetic that falls back to decimals on
// overflow; AsInt64, AsApproximateFloat64 with Go's math.Pow10, Cmp, Sign). The CEL functions are
// those of kubernetes/apiserver v0.35.4 pkg/cel/library/quantity.go, including two upstream
// quirks: `sign` is a global function (`sign(q)`, not `q.sign()`), and the results of `add`/`sub`
// are pointers in Go, so `x == q.add(1)` fails with "no such overload" while `q.add(1) == x` works
// (apiserver pkg/cel/quantity.go Equal asserts a non-pointer Quantity).
import { CelLibrary, memberOverload, overload } from './decls';
import { T, objectType } from './types';
import { CelErr, CelVal, INT64_MAX, INT64_MIN, OpaqueVal, isErr, noSuchOverload } from './values';

export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

const SPLIT_RE = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
const ERR_FORMAT = `quantities must match the regular expression '${SPLIT_RE}'`;
const ERR_NUMERIC = 'unable to parse numeric part of quantity';
const ERR_SUFFIX = "unable to parse quantity's suffix";

const DEC_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BIN_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

function inInt64(v: bigint): boolean {
  return v >= INT64_MIN && v <= INT64_MAX;
}

const POW10TAB = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22, 1e23, 1e24, 1e25, 1e26, 1e27, 1e28, 1e29, 1e30, 1e31];
const POW10POS32 = [1e0, 1e32, 1e64, 1e96, 1e128, 1e160, 1e192, 1e224, 1e256, 1e288];
const POW10NEG32 = [1e-0, 1e-32, 1e-64, 1e-96, 1e-128, 1e-160, 1e-192, 1e-224, 1e-256, 1e-288, 1e-320];

/** Go's math.Pow10 (table products, not necessarily the correctly rounded power). */
export function goPow10(n: number): number {
  if (n >= 0 && n <= 308) return POW10POS32[Math.floor(n / 32)] * POW10TAB[n % 32];
  if (n < 0 && n >= -323) return POW10NEG32[Math.floor(-n / 32)] / POW10TAB[-n % 32];
  return n > 0 ? Infinity : 0;
}

/** A resource.Quantity: an int64 amount (value × 10^scale) or a decimal (unscaled × 10^-scale). */
export class Quantity {
  private constructor(
    /** int64Amount.value, or inf.Dec's unscaled value. */
    public readonly unscaled: bigint,
    /** int64Amount.scale (a power of ten), or inf.Dec's scale (digits after the point). */
    public readonly scale: number,
    /** Whether the value is held as an inf.Dec. */
    public readonly dec: boolean,
    public readonly format: QuantityFormat,
  ) {}

  /** resource.ParseQuantity; throws an Error with apimachinery's message when invalid. */
  public static parse(str: string): Quantity {
    if (str.length === 0) throw new Error(ERR_FORMAT);
    if (str === '0') return new Quantity(0n, 0, false, 'DecimalSI');
    const { positive, value, num, denom, suffix } = parseQuantityString(str);
    let base: number;
    let exponent: number;
    let format: QuantityFormat;
    if (suffix in DEC_SUFFIXES) {
      [base, exponent, format] = [10, DEC_SUFFIXES[suffix], 'DecimalSI'];
    } else if (suffix in BIN_SUFFIXES) {
      [base, exponent, format] = [2, BIN_SUFFIXES[suffix], 'BinarySI'];
    } else if (suffix.length > 1 && (suffix[0] === 'E' || suffix[0] === 'e')) {
      if (!/^[+-]?\d+$/.test(suffix.slice(1))) throw new Error(ERR_SUFFIX);
      const e = BigInt(suffix.slice(1));
      if (!inInt64(e)) throw new Error(ERR_SUFFIX);
      [base, exponent, format] = [10, Number(BigInt.asIntN(32, e)), 'DecimalExponent'];
    } else {
      throw new Error(ERR_SUFFIX);
    }
    let precision = 0;
    let scale = 0;
    let mantissa = 1n;
    if (format === 'BinarySI') {
      if (exponent >= 0 && denom.length === 0) {
        mantissa = 1n << BigInt(exponent);
        precision = 15 - num.length - Math.trunc(Math.fround(exponent) * 3 / 10) - 1;
      } else precision = -1;
    } else {
      scale = exponent;
      precision = 18 - (num.length + denom.length);
    }
    if (precision >= 0) {
      scale -= denom.length;
      if (scale >= -9) {
        const shifted = BigInt(num + denom);
        if (!inInt64(shifted)) throw new Error(ERR_NUMERIC);
        const result = shifted * mantissa;
        if (result <= INT64_MAX) return new Quantity(positive ? result : -result, scale, false, format);
      }
    }
    // The inf.Dec path: exact decimal, scaled by the suffix, rounded up to nano units.
    const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(value);
    if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new Error(ERR_NUMERIC);
    let unscaled = BigInt((m[2] || '0') + (m[3] ?? ''));
    let decScale = (m[3] ?? '').length;
    if (m[1] === '-') unscaled = -unscaled;
    if (base === 10) decScale -= exponent;
    else unscaled *= 1n << BigInt(exponent);
    const sign = unscaled < 0n ? -1n : 1n;
    unscaled *= sign;
    if (unscaled !== 0n) [unscaled, decScale] = roundUp(unscaled, decScale, 9);
    if (format === 'BinarySI' && compareDec(unscaled, decScale, INT64_MAX, 0) > 0) [unscaled, decScale] = [INT64_MAX, 0];
    if (format === 'BinarySI' && compareDec(unscaled, decScale, 1n, 0) < 0 && unscaled > 0n) format = 'DecimalSI';
    return new Quantity(unscaled * sign, decScale, true, format);
  }

  /** resource.NewQuantity(value, DecimalExponent). */
  public static ofInt(v: bigint): Quantity {
    return new Quantity(v, 0, false, 'DecimalExponent');
  }

  /** The value as a decimal: unscaled × 10^-scale. */
  private asDec(): [bigint, number] {
    return this.dec ? [this.unscaled, this.scale] : [this.unscaled, -this.scale];
  }

  public sign(): number {
    return this.unscaled < 0n ? -1 : this.unscaled > 0n ? 1 : 0;
  }

  public cmp(o: Quantity): number {
    const [a, as] = this.asDec();
    const [b, bs] = o.asDec();
    return compareDec(a, as, b, bs);
  }

  /** Quantity.AsInt64: only int64 amounts with a non-negative scale that fit. */
  public asInt64(): bigint | undefined {
    if (this.dec) return undefined;
    if (this.scale === 0) return this.unscaled;
    if (this.scale < 0) return undefined;
    const v = this.unscaled * 10n ** BigInt(this.scale);
    return inInt64(v) ? v : undefined;
  }

  /** Quantity.AsApproximateFloat64. */
  public asApproximateFloat64(): number {
    const base = Number(this.unscaled);
    const exponent = this.dec ? -this.scale : this.scale;
    return exponent === 0 ? base : base * goPow10(exponent);
  }

  /** Quantity.Add (`sub` negates `y`). */
  public add(y: Quantity, sub = false): Quantity {
    let format = this.format;
    if (sub ? this.sign() === 0 : (!this.dec && !y.dec ? this.unscaled === 0n : this.sign() === 0)) format = y.format;
    if (!this.dec && !y.dec) {
      const r = int64Add(this.unscaled, this.scale, sub ? -y.unscaled : y.unscaled, y.scale);
      if (r) return new Quantity(r[0], r[1], false, format);
    }
    const [a, as] = this.asDec();
    const [b0, bs] = y.asDec();
    const b = sub ? -b0 : b0;
    const s = Math.max(as, bs);
    return new Quantity(a * 10n ** BigInt(s - as) + b * 10n ** BigInt(s - bs), s, true, format);
  }
}

/** int64Amount.Add: the sum as an int64 amount, or undefined when it overflows. */
function int64Add(av: bigint, as: number, bv: bigint, bs: number): [bigint, number] | undefined {
  if (bv === 0n) return [av, as];
  if (av === 0n) return [bv, bs];
  if (as === bs) {
    const c = av + bv;
    return inInt64(c) ? [c, as] : undefined;
  }
  if (as > bs) {
    const c = av * 10n ** BigInt(as - bs);
    if (!inInt64(c)) return undefined;
    const d = c + bv;
    return inInt64(d) ? [d, bs] : undefined;
  }
  const c = bv * 10n ** BigInt(bs - as);
  if (!inInt64(c)) return undefined;
  const d = av + c;
  return inInt64(d) ? [d, as] : undefined;
}

function compareDec(a: bigint, as: number, b: bigint, bs: number): number {
  const s = Math.max(as, bs);
  const x = a * 10n ** BigInt(s - as);
  const y = b * 10n ** BigInt(s - bs);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** inf.Dec.Round(x, scale, RoundUp) for a positive x: at `scale` digits, rounding away from zero. */
function roundUp(unscaled: bigint, scale: number, to: number): [bigint, number] {
  if (scale <= to) return [unscaled * 10n ** BigInt(to - scale), to];
  const div = 10n ** BigInt(scale - to);
  const q = unscaled / div;
  return [unscaled % div === 0n ? q : q + 1n, to];
}

/** apimachinery parseQuantityString. */
function parseQuantityString(str: string): { positive: boolean; value: string; num: string; denom: string; suffix: string } {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') pos++;
  const isDigit = (c: string): boolean => c >= '0' && c <= '9';
  // Zeroes
  for (;;) {
    if (pos >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
    if (str[pos] !== '0') break;
    pos++;
  }
  // Num
  let num: string;
  let i = pos;
  for (;; i++) {
    if (i >= end) return { positive, value: str.slice(0, end), num: str.slice(pos, end), denom: '', suffix: '' };
    if (!isDigit(str[i])) break;
  }
  num = str.slice(pos, i);
  pos = i;
  if (num.length === 0) num = '0';
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    let j = pos;
    for (;; j++) {
      if (j >= end) return { positive, value: str.slice(0, end), num, denom: str.slice(pos, end), suffix: '' };
      if (!isDigit(str[j])) break;
    }
    denom = str.slice(pos, j);
    pos = j;
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  for (let k = pos; ; k++) {
    if (k >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart, end) };
    if (!'eEinumkKMGTP'.includes(str[k])) {
      pos = k;
      break;
    }
  }
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  for (let k = pos; ; k++) {
    if (k >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart, end) };
    if (!isDigit(str[k])) break;
  }
  throw new Error(ERR_FORMAT);
}

/** A CEL `kubernetes.Quantity` value. */
export class QuantityVal extends OpaqueVal {
  public readonly typeName = 'kubernetes.Quantity';
  /** Results of add/sub are `*apiservercel.Quantity` upstream (see the file comment). */
  constructor(public readonly q: Quantity, public readonly pointer = false) {
    super();
  }
  public equal(other: CelVal): boolean | CelErr {
    if (!(other instanceof QuantityVal) || other.pointer) return isErr(other) ? other : noSuchOverload();
    return this.q.cmp(other.q) === 0;
  }
}

export const QUANTITY_TYPE = objectType('kubernetes.Quantity');

function q(v: CelVal): Quantity {
  return (v as QuantityVal).q;
}

function parseOrError(s: CelVal): CelVal {
  try {
    return new QuantityVal(Quantity.parse(s as string));
  } catch (e) {
    return new CelErr((e as Error).message);
  }
}

/** The quantity library. */
export const QUANTITY: CelLibrary = {
  name: 'kubernetes.quantity',
  functions: [
    { name: 'quantity', overloads: [overload('string_to_quantity', [T.STRING], QUANTITY_TYPE, ([s]) => parseOrError(s))] },
    { name: 'isQuantity', overloads: [overload('is_quantity_string', [T.STRING], T.BOOL, ([s]) => !isErr(parseOrError(s)))] },
    { name: 'sign', overloads: [overload('quantity_sign', [QUANTITY_TYPE], T.INT, ([a]) => BigInt(q(a).sign()))] },
    { name: 'isGreaterThan', overloads: [memberOverload('quantity_is_greater_than', [QUANTITY_TYPE, QUANTITY_TYPE], T.BOOL, ([a, b]) => q(a).cmp(q(b)) === 1)] },
    { name: 'isLessThan', overloads: [memberOverload('quantity_is_less_than', [QUANTITY_TYPE, QUANTITY_TYPE], T.BOOL, ([a, b]) => q(a).cmp(q(b)) === -1)] },
    { name: 'compareTo', overloads: [memberOverload('quantity_compare_to', [QUANTITY_TYPE, QUANTITY_TYPE], T.INT, ([a, b]) => BigInt(q(a).cmp(q(b))))] },
    { name: 'asApproximateFloat', overloads: [memberOverload('quantity_get_float', [QUANTITY_TYPE], T.DOUBLE, ([a]) => q(a).asApproximateFloat64())] },
    {
      name: 'asInteger',
      overloads: [memberOverload('quantity_get_int', [QUANTITY_TYPE], T.INT, ([a]) => q(a).asInt64() ?? new CelErr('cannot convert value to integer'))],
    },
    { name: 'isInteger', overloads: [memberOverload('quantity_is_integer', [QUANTITY_TYPE], T.BOOL, ([a]) => q(a).asInt64() !== undefined)] },
    {
      name: 'add',
      overloads: [
        memberOverload('quantity_add', [QUANTITY_TYPE, QUANTITY_TYPE], QUANTITY_TYPE, ([a, b]) => new QuantityVal(q(a).add(q(b)), true)),
        memberOverload('quantity_add_int', [QUANTITY_TYPE, T.INT], QUANTITY_TYPE, ([a, b]) => new QuantityVal(q(a).add(Quantity.ofInt(b as bigint)), true)),
      ],
    },
    {
      name: 'sub',
      overloads: [
        memberOverload('quantity_sub', [QUANTITY_TYPE, QUANTITY_TYPE], QUANTITY_TYPE, ([a, b]) => new QuantityVal(q(a).add(q(b), true), true)),
        memberOverload('quantity_sub_int', [QUANTITY_TYPE, T.INT], QUANTITY_TYPE, ([a, b]) => new QuantityVal(q(a).add(Quantity.ofInt(b as bigint), true), true)),
      ],
    },
  ],
};
