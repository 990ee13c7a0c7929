// Runtime values of the CEL interpreter (part of the OCM placement simulator; see ../placement.ts).
//
// The value model follows cel-go's common/types (ocm vendors cel-go v0.29.2): int is a 64-bit
// signed integer (bigint here, range-checked), uint a 64-bit unsigned integer, double an IEEE 754
// number, lists and maps are immutable, map keys are int/uint/bool/string with heterogeneous
// numeric equality (common/types/map.go), errors are values that propagate (common/types/err.go).

/** A CEL runtime value. */
export type CelVal =
  | null
  | boolean
  | bigint
  | number
  | string
  | Uint8Array
  | Uint
  | ListVal
  | MapVal
  | Timestamp
  | Duration
  | TypeVal
  | OptionalVal
  | OpaqueVal
  | CelErr;

/** A CEL list: a frozen-by-convention JS array. */
export type ListVal = readonly CelVal[];

export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;
export const UINT64_MAX = 2n ** 64n - 1n;

/** An error value (cel-go `types.Err`): produced by a failing step, propagated by strict calls. */
export class CelErr {
  constructor(public readonly message: string) {}
  /** Whether this error cancels evaluation as a whole (the cost limit), so that `||`/`&&` cannot absorb it. */
  public get fatal(): boolean {
    return false;
  }
}

/** The cost limit was exceeded (cel-go interpreter/runtimecost.go: EvalCancelledError). */
export class CostLimitErr extends CelErr {
  constructor() {
    super('operation cancelled: actual cost limit exceeded');
  }
  public override get fatal(): boolean {
    return true;
  }
}

export function isErr(v: CelVal | undefined): v is CelErr {
  return v instanceof CelErr;
}

/** cel-go `types.NoSuchOverloadErr()` / `MaybeNoSuchOverloadErr`. */
export function noSuchOverload(): CelErr {
  return new CelErr('no such overload');
}

/** A uint value. */
export class Uint {
  constructor(public readonly v: bigint) {}
}

/** google.protobuf.Timestamp: nanoseconds since the Unix epoch, within years 0001..9999. */
export class Timestamp {
  constructor(public readonly ns: bigint) {}
}

/** google.protobuf.Duration: nanoseconds, within the int64 range (Go's time.Duration). */
export class Duration {
  constructor(public readonly ns: bigint) {}
}

/** A type value (`type(x)`, `int`, `list`, ...), compared by runtime type name. */
export class TypeVal {
  constructor(public readonly name: string) {}
}

/** `optional_type(T)` values (cel-go common/types/optional.go). */
export class OptionalVal {
  public static readonly NONE = new OptionalVal(false, null);
  private constructor(public readonly has: boolean, public readonly value: CelVal) {}
  public static of(v: CelVal): OptionalVal {
    return new OptionalVal(true, v);
  }
}

/** A value of a library type (kubernetes.Quantity, net.IP, ...). */
export abstract class OpaqueVal {
  /** The runtime type name, e.g. `kubernetes.Quantity`. */
  public abstract readonly typeName: string;
  /** `Equal` of the Go type: a bool, or an error for mismatched types where upstream returns one. */
  public abstract equal(other: CelVal): boolean | CelErr;
  /** `ConvertToType(StringType)` where the Go type supports it. */
  public toCelString(): string | undefined {
    return undefined;
  }
}

/** Normalized map keys: strings, booleans and bigints (int, uint and integral doubles share one key). */
export type MapKey = string | boolean | bigint;

/** A CEL map. Keys are normalized so that `{1: x}[1u]` and `{1: x}[1.0]` find `x`. */
export class MapVal {
  public static readonly EMPTY = new MapVal(new Map());
  /** Normalized keys that were uints (so iteration yields `1u`, not `1`). */
  public uintKeys: Set<bigint> | undefined;
  constructor(public readonly m: ReadonlyMap<MapKey, CelVal>) {}

  public get size(): number {
    return this.m.size;
  }

  /** The value at `key`, or undefined when absent or when `key` cannot be a map key. */
  public get(key: CelVal): CelVal | undefined {
    if (typeof key === 'string') return this.m.get(key);
    const k = mapKeyOf(key, true);
    return k === undefined ? undefined : this.m.get(k);
  }

  /** The keys in insertion order, as CEL values. */
  public *keys(): IterableIterator<CelVal> {
    for (const k of this.m.keys()) yield typeof k === 'bigint' && this.uintKeys?.has(k) ? new Uint(k) : k;
  }
}

/**
 * The normalized key of a CEL value, or undefined when it cannot be one. With `lookup`, an integral
 * double also finds its int/uint key (cel-go heterogeneous equality); literals reject doubles.
 */
export function mapKeyOf(v: CelVal, lookup: boolean): MapKey | undefined {
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'bigint') return v;
  if (v instanceof Uint) return v.v;
  if (lookup && typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  return undefined;
}

/** Builds a map; a repeated key is an error (cel-go: "Failed with repeated key"). */
export function makeMap(entries: readonly (readonly [CelVal, CelVal])[]): MapVal | CelErr {
  const m = new Map<MapKey, CelVal>();
  let uintKeys: Set<bigint> | undefined;
  for (const [k, v] of entries) {
    const nk = mapKeyOf(k, false);
    if (nk === undefined) return new CelErr(`unsupported key type: ${typeNameOf(k)}`);
    if (m.has(nk)) return new CelErr(`Failed with repeated key`);
    m.set(nk, v);
    if (k instanceof Uint) (uintKeys ??= new Set()).add(k.v);
  }
  const out = new MapVal(m);
  out.uintKeys = uintKeys;
  return out;
}

/** The runtime type name of a value (cel-go `Type().TypeName()`). */
export function typeNameOf(v: CelVal): string {
  if (v === null) return 'null_type';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'double';
    case 'string':
      return 'string';
    default:
      break;
  }
  if (v instanceof Uint8Array) return 'bytes';
  if (Array.isArray(v)) return 'list';
  if (v instanceof MapVal) return 'map';
  if (v instanceof Uint) return 'uint';
  if (v instanceof Timestamp) return 'google.protobuf.Timestamp';
  if (v instanceof Duration) return 'google.protobuf.Duration';
  if (v instanceof TypeVal) return 'type';
  if (v instanceof OptionalVal) return 'optional_type';
  if (v instanceof OpaqueVal) return v.typeName;
  if (v instanceof CelErr) return '*types.Err';
  return 'unknown';
}

/** The size of a value for cost accounting (cel-go `actualSize`: Sizer values, else 1). */
export function actualSize(v: CelVal): number {
  if (typeof v === 'string') return codePointLength(v);
  if (v instanceof Uint8Array) return v.length;
  if (Array.isArray(v)) return v.length;
  if (v instanceof MapVal) return v.size;
  if (v instanceof OptionalVal && v.has) return actualSize(v.value);
  return 1;
}

/** Number of Unicode code points (Go's `utf8.RuneCountInString`, which `size(string)` uses). */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** Checks an int result against the int64 range. */
export function checkedInt(v: bigint): bigint | CelErr {
  return v < INT64_MIN || v > INT64_MAX ? new CelErr('integer overflow') : v;
}

/** Checks a uint result against the uint64 range. */
export function checkedUint(v: bigint): Uint | CelErr {
  return v < 0n || v > UINT64_MAX ? new CelErr('unsigned integer overflow') : new Uint(v);
}

/** Go's `%v` rendering of an int-like or string value in error messages. */
export function describe(v: CelVal): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Uint) return v.v.toString();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null) return 'null';
  return typeNameOf(v);
}

/**
 * CEL equality (cel-go `types.Equal` and the `Equal` methods of common/types): numbers compare
 * across int/uint/double, lists and maps element-wise, values of different types are unequal,
 * library types answer for themselves (some return "no such overload" for a different type).
 */
export function celEquals(a: CelVal, b: CelVal): boolean | CelErr {
  if (a === null || b === null) return a === b;
  if (typeof a === 'string') return typeof b === 'string' && a === b;
  if (typeof a === 'boolean') return typeof b === 'boolean' && a === b;
  if (typeof a === 'bigint' || typeof a === 'number' || a instanceof Uint) {
    const c = compareNumbers(a, b);
    return c === undefined ? false : c === 0;
  }
  if (a instanceof Uint8Array) {
    if (!(b instanceof Uint8Array) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b)) return false;
    if (a.length !== b.length) return false;
    // Only a `false` element decides (cel-go baseList.Equal ignores element errors).
    for (let i = 0; i < a.length; i++) if (celEquals(a[i], b[i]) === false) return false;
    return true;
  }
  if (a instanceof MapVal) {
    if (!(b instanceof MapVal) || a.size !== b.size) return false;
    for (const k of a.keys()) {
      const bv = b.get(k);
      if (bv === undefined) return false;
      if (celEquals(a.get(k)!, bv) === false) return false;
    }
    return true;
  }
  if (a instanceof Timestamp) return b instanceof Timestamp && a.ns === b.ns;
  if (a instanceof Duration) return b instanceof Duration && a.ns === b.ns;
  if (a instanceof TypeVal) return b instanceof TypeVal && a.name === b.name;
  if (a instanceof OptionalVal) {
    if (!(b instanceof OptionalVal)) return false;
    if (!a.has || !b.has) return a.has === b.has;
    return celEquals(a.value, b.value);
  }
  if (a instanceof OpaqueVal) return a.equal(b);
  return false;
}

/** -1/0/1 for numbers of any numeric type (NaN compares as undefined), undefined if `b` is not a number. */
export function compareNumbers(a: bigint | number | Uint, b: CelVal): number | undefined {
  const x = a instanceof Uint ? a.v : a;
  const y = b instanceof Uint ? b.v : b;
  if (typeof y !== 'bigint' && typeof y !== 'number') return undefined;
  if (typeof x === 'bigint' && typeof y === 'bigint') return x < y ? -1 : x > y ? 1 : 0;
  if (typeof x === 'number' && typeof y === 'number') {
    if (Number.isNaN(x) || Number.isNaN(y)) return undefined;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  // int/uint against double: compare exactly (cel-go compareDoubleInt / compareIntDouble).
  const [i, d, flip] = typeof x === 'bigint' ? [x, y as number, 1] : [y as bigint, x as number, -1];
  if (Number.isNaN(d)) return undefined;
  if (d === Infinity) return -flip;
  if (d === -Infinity) return flip;
  const fl = Math.floor(d);
  const bi = BigInt(fl);
  if (i < bi) return -flip;
  if (i > bi) return flip;
  return fl === d ? 0 : -flip;
}
