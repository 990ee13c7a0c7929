// The CEL standard library (part of the OCM placement simulator; see ../placement.ts).
//
// Declarations from cel-go v0.29.2 common/stdlib/standard.go (overload ids and signatures, the
// cross-type numeric comparisons the checker filters, checker/env.go), behaviour from
// common/types/{int,uint,double,string,bytes,bool,list,map,timestamp,duration}.go and
// common/types/overflow.go (checked arithmetic and conversions, error messages).
import { CelLibrary, Impl, OverloadDecl, STD_TYPE_IDENTS, memberOverload, overload } from './decls';
import { regexpMatches } from './re2';
import { TimeField, durationOf, formatDuration, formatTimestamp, parseDuration, parseTimestamp, timestampField, timestampOf, unixSeconds } from './time';
import { CelType, T, listOf, mapOf, typeOf, typeParam } from './types';
import {
  CelErr, CelVal, Duration, INT64_MAX, INT64_MIN, ListVal, MapVal, Timestamp, TypeVal, UINT64_MAX, Uint,
  celEquals, checkedInt, checkedUint, codePointLength, compareNumbers, isErr, noSuchOverload, typeNameOf,
} from './values';

const A = typeParam('A');
const B = typeParam('B');
const LIST_A = listOf(A);
const MAP_AB = mapOf(A, B);
const { BOOL, INT, UINT, DOUBLE, STRING, BYTES, TIMESTAMP, DURATION } = T;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Compares strings by code point, which is Go's byte-wise order of their UTF-8 encodings. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/** traits.Comparer.Compare: -1/0/1, or an error for incomparable operands. */
export function compareValues(a: CelVal, b: CelVal): number | CelErr {
  if (typeof a === 'bigint' || typeof a === 'number' || a instanceof Uint) {
    const c = compareNumbers(a, b);
    if (c !== undefined) return c;
    if (typeof b === 'number' || typeof b === 'bigint' || b instanceof Uint) return new CelErr('NaN values cannot be ordered');
    return noSuchOverload();
  }
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (a instanceof Uint8Array && b instanceof Uint8Array) return compareBytes(a, b);
  if (a instanceof Timestamp && b instanceof Timestamp) return a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : 0;
  if (a instanceof Duration && b instanceof Duration) return a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : 0;
  return noSuchOverload();
}

function comparison(test: (c: number) => boolean): Impl {
  return ([a, b]) => {
    const c = compareValues(a, b);
    return isErr(c) ? c : test(c);
  };
}

function add([a, b]: readonly CelVal[]): CelVal {
  if (typeof a === 'bigint' && typeof b === 'bigint') return checkedInt(a + b);
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (a instanceof Uint && b instanceof Uint) return checkedUint(a.v + b.v);
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    const out = new Uint8Array(a.length + b.length);
    out.set(a);
    out.set(b, a.length);
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b] as ListVal;
  if (a instanceof Duration && b instanceof Duration) {
    const r = durationOf(a.ns + b.ns);
    return isErr(r) ? new CelErr('integer overflow') : r;
  }
  if (a instanceof Timestamp && b instanceof Duration) return timestampOf(a.ns + b.ns);
  if (a instanceof Duration && b instanceof Timestamp) return timestampOf(b.ns + a.ns);
  return noSuchOverload();
}

function subtract([a, b]: readonly CelVal[]): CelVal {
  if (typeof a === 'bigint' && typeof b === 'bigint') return checkedInt(a - b);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (a instanceof Uint && b instanceof Uint) return checkedUint(a.v - b.v);
  if (a instanceof Duration && b instanceof Duration) {
    const r = durationOf(a.ns - b.ns);
    return isErr(r) ? new CelErr('integer overflow') : r;
  }
  if (a instanceof Timestamp && b instanceof Timestamp) {
    const r = durationOf(a.ns - b.ns);
    return isErr(r) ? new CelErr('integer overflow') : r;
  }
  if (a instanceof Timestamp && b instanceof Duration) return timestampOf(a.ns - b.ns);
  return noSuchOverload();
}

function multiply([a, b]: readonly CelVal[]): CelVal {
  if (typeof a === 'bigint' && typeof b === 'bigint') return checkedInt(a * b);
  if (typeof a === 'number' && typeof b === 'number') return a * b;
  if (a instanceof Uint && b instanceof Uint) return checkedUint(a.v * b.v);
  return noSuchOverload();
}

function divide([a, b]: readonly CelVal[]): CelVal {
  if (typeof a === 'bigint' && typeof b === 'bigint') {
    if (b === 0n) return new CelErr('division by zero');
    return checkedInt(a / b);
  }
  if (typeof a === 'number' && typeof b === 'number') return a / b;
  if (a instanceof Uint && b instanceof Uint) {
    if (b.v === 0n) return new CelErr('division by zero');
    return new Uint(a.v / b.v);
  }
  return noSuchOverload();
}

function modulo([a, b]: readonly CelVal[]): CelVal {
  if (typeof a === 'bigint' && typeof b === 'bigint') {
    if (b === 0n) return new CelErr('modulus by zero');
    if (a === INT64_MIN && b === -1n) return new CelErr('integer overflow');
    return a % b;
  }
  if (a instanceof Uint && b instanceof Uint) {
    if (b.v === 0n) return new CelErr('modulus by zero');
    return new Uint(a.v % b.v);
  }
  return noSuchOverload();
}

function negate([a]: readonly CelVal[]): CelVal {
  if (typeof a === 'bigint') return checkedInt(-a);
  if (typeof a === 'number') return -a;
  return noSuchOverload();
}

/** `size`: code points of a string, bytes, list elements, map entries. */
export function sizeOf(v: CelVal): CelVal {
  if (typeof v === 'string') return BigInt(codePointLength(v));
  if (v instanceof Uint8Array || Array.isArray(v)) return BigInt(v.length);
  if (v instanceof MapVal) return BigInt(v.size);
  return noSuchOverload();
}

function inAggregate([v, agg]: readonly CelVal[]): CelVal {
  if (Array.isArray(agg)) {
    for (const x of agg) if (celEquals(v, x) === true) return true;
    return false;
  }
  if (agg instanceof MapVal) return agg.get(v) !== undefined;
  return new CelErr('no such overload');
}

/** The runtime type value of `v` (`type(v)`). */
export function typeValueOf(v: CelVal): TypeVal {
  return new TypeVal(typeNameOf(v));
}

const conversionError = (from: string, to: string): CelErr => new CelErr(`type conversion error from '${from}' to '${to}'`);

/** Go `strconv.ParseFloat(s, 64)` for decimal and special values (hexadecimal floats are rejected). */
export function goParseFloat(s: string): number | undefined {
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(s);
  if (special) return special[2].toLowerCase() === 'nan' ? NaN : special[1] === '-' ? -Infinity : Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** Go `fmt.Sprintf("%g", x)` with the shortest representation. */
export function goFormatG(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const e = x.toExponential(); // shortest digits, e.g. "1.5e+6"
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(e)!;
  const digits = m[2] + (m[3] ?? '');
  const exp = Number(m[4]);
  // strconv 'g' with the shortest precision switches to an exponent at exp < -4 or exp >= 6.
  if (exp < -4 || exp >= 6) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const ae = Math.abs(exp);
    return `${m[1]}${mant}e${exp < 0 ? '-' : '+'}${ae < 10 ? `0${ae}` : ae}`;
  }
  if (exp < 0) return `${m[1]}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return m[1] + digits.padEnd(exp + 1, '0');
  return `${m[1]}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

function doubleToInt(d: number): CelVal {
  if (!Number.isFinite(d) || d <= -9223372036854775808 || d >= 9223372036854775807) return new CelErr('integer overflow');
  return BigInt(Math.trunc(d));
}

function doubleToUint(d: number): CelVal {
  if (!Number.isFinite(d) || d < 0 || d >= 18446744073709551616) return new CelErr('unsigned integer overflow');
  return new Uint(BigInt(Math.trunc(d)));
}

const GO_BOOLS: Record<string, boolean> = { 1: true, t: true, T: true, TRUE: true, true: true, True: true, 0: false, f: false, F: false, FALSE: false, false: false, False: false };

const cmpOverloads = (op: string, name: string, test: (c: number) => boolean): { name: string; overloads: OverloadDecl[]; singleton: Impl } => {
  const pairs: [string, CelType, CelType, boolean][] = [
    ['bool', BOOL, BOOL, false], ['int64', INT, INT, false], ['int64_double', INT, DOUBLE, true], ['int64_uint64', INT, UINT, true],
    ['uint64', UINT, UINT, false], ['uint64_double', UINT, DOUBLE, true], ['uint64_int64', UINT, INT, true], ['double', DOUBLE, DOUBLE, false],
    ['double_int64', DOUBLE, INT, true], ['double_uint64', DOUBLE, UINT, true], ['string', STRING, STRING, false], ['bytes', BYTES, BYTES, false],
    ['timestamp', TIMESTAMP, TIMESTAMP, false], ['duration', DURATION, DURATION, false],
  ];
  return {
    name: op,
    overloads: pairs.map(([suffix, l, r, cross]) => overload(`${name}_${suffix}`, [l, r], BOOL, undefined, { checkerDisabled: cross })),
    singleton: comparison(test),
  };
};

function timeGetter(name: string, tsField: TimeField, ids: [string, string], durationId?: [string, (ns: bigint) => bigint]): { name: string; overloads: OverloadDecl[] } {
  const overloads: OverloadDecl[] = [
    memberOverload(ids[0], [TIMESTAMP], INT, ([t]) => timestampField(t as Timestamp, tsField, 'UTC')),
    memberOverload(ids[1], [TIMESTAMP, STRING], INT, ([t, tz]) => timestampField(t as Timestamp, tsField, tz as string)),
  ];
  if (durationId) overloads.push(memberOverload(durationId[0], [DURATION], INT, ([d]) => durationId[1]((d as Duration).ns)));
  return { name, overloads };
}

/** The standard library. */
export const STANDARD: CelLibrary = {
  name: 'cel.lib.std',
  typeIdents: STD_TYPE_IDENTS,
  functions: [
    { name: '_?_:_', overloads: [overload('conditional', [BOOL, A, A], A, undefined, { nonStrict: true })] },
    { name: '_&&_', overloads: [overload('logical_and', [BOOL, BOOL], BOOL, undefined, { nonStrict: true })] },
    { name: '_||_', overloads: [overload('logical_or', [BOOL, BOOL], BOOL, undefined, { nonStrict: true })] },
    { name: '!_', overloads: [overload('logical_not', [BOOL], BOOL)], singleton: ([a]) => (typeof a === 'boolean' ? !a : noSuchOverload()) },
    { name: '@not_strictly_false', overloads: [overload('not_strictly_false', [BOOL], BOOL, undefined, { nonStrict: true })] },
    { name: '_==_', overloads: [overload('equals', [A, A], BOOL)] },
    { name: '_!=_', overloads: [overload('not_equals', [A, A], BOOL)] },
    {
      name: '_+_',
      overloads: [
        overload('add_bytes', [BYTES, BYTES], BYTES), overload('add_double', [DOUBLE, DOUBLE], DOUBLE),
        overload('add_duration_duration', [DURATION, DURATION], DURATION), overload('add_duration_timestamp', [DURATION, TIMESTAMP], TIMESTAMP),
        overload('add_timestamp_duration', [TIMESTAMP, DURATION], TIMESTAMP), overload('add_int64', [INT, INT], INT),
        overload('add_list', [LIST_A, LIST_A], LIST_A), overload('add_string', [STRING, STRING], STRING), overload('add_uint64', [UINT, UINT], UINT),
      ],
      singleton: add,
    },
    {
      name: '_/_',
      overloads: [overload('divide_double', [DOUBLE, DOUBLE], DOUBLE), overload('divide_int64', [INT, INT], INT), overload('divide_uint64', [UINT, UINT], UINT)],
      singleton: divide,
    },
    { name: '_%_', overloads: [overload('modulo_int64', [INT, INT], INT), overload('modulo_uint64', [UINT, UINT], UINT)], singleton: modulo },
    {
      name: '_*_',
      overloads: [overload('multiply_double', [DOUBLE, DOUBLE], DOUBLE), overload('multiply_int64', [INT, INT], INT), overload('multiply_uint64', [UINT, UINT], UINT)],
      singleton: multiply,
    },
    { name: '-_', overloads: [overload('negate_double', [DOUBLE], DOUBLE), overload('negate_int64', [INT], INT)], singleton: negate },
    {
      name: '_-_',
      overloads: [
        overload('subtract_double', [DOUBLE, DOUBLE], DOUBLE), overload('subtract_duration_duration', [DURATION, DURATION], DURATION),
        overload('subtract_int64', [INT, INT], INT), overload('subtract_timestamp_duration', [TIMESTAMP, DURATION], TIMESTAMP),
        overload('subtract_timestamp_timestamp', [TIMESTAMP, TIMESTAMP], DURATION), overload('subtract_uint64', [UINT, UINT], UINT),
      ],
      singleton: subtract,
    },
    cmpOverloads('_<_', 'less', (c) => c < 0),
    cmpOverloads('_<=_', 'less_equals', (c) => c <= 0),
    cmpOverloads('_>_', 'greater', (c) => c > 0),
    cmpOverloads('_>=_', 'greater_equals', (c) => c >= 0),
    { name: '_[_]', overloads: [overload('index_list', [LIST_A, INT], A), overload('index_map', [MAP_AB, A], B)] },
    { name: '@in', overloads: [overload('in_list', [A, LIST_A], BOOL), overload('in_map', [A, MAP_AB], BOOL)], singleton: inAggregate },
    {
      name: 'size',
      overloads: [
        overload('size_bytes', [BYTES], INT), memberOverload('bytes_size', [BYTES], INT), overload('size_list', [LIST_A], INT),
        memberOverload('list_size', [LIST_A], INT), overload('size_map', [MAP_AB], INT), memberOverload('map_size', [MAP_AB], INT),
        overload('size_string', [STRING], INT), memberOverload('string_size', [STRING], INT),
      ],
      singleton: ([v]) => sizeOf(v),
    },
    { name: 'type', overloads: [overload('type', [A], typeOf(A))], singleton: ([v]) => typeValueOf(v) },
    {
      name: 'bool',
      overloads: [
        overload('bool_to_bool', [BOOL], BOOL, ([v]) => v),
        overload('string_to_bool', [STRING], BOOL, ([v]) => GO_BOOLS[v as string] ?? conversionError('string', 'bool')),
      ],
    },
    {
      name: 'bytes',
      overloads: [overload('bytes_to_bytes', [BYTES], BYTES, ([v]) => v), overload('string_to_bytes', [STRING], BYTES, ([v]) => encoder.encode(v as string))],
    },
    {
      name: 'double',
      overloads: [
        overload('double_to_double', [DOUBLE], DOUBLE, ([v]) => v),
        overload('int64_to_double', [INT], DOUBLE, ([v]) => Number(v as bigint)),
        overload('string_to_double', [STRING], DOUBLE, ([v]) => goParseFloat(v as string) ?? conversionError('string', 'double')),
        overload('uint64_to_double', [UINT], DOUBLE, ([v]) => Number((v as Uint).v)),
      ],
    },
    {
      name: 'duration',
      overloads: [overload('duration_to_duration', [DURATION], DURATION, ([v]) => v), overload('string_to_duration', [STRING], DURATION, ([v]) => parseDuration(v as string))],
    },
    { name: 'dyn', overloads: [overload('to_dyn', [A], T.DYN)], singleton: ([v]) => v },
    {
      name: 'int',
      overloads: [
        overload('int64_to_int64', [INT], INT, ([v]) => v),
        overload('double_to_int64', [DOUBLE], INT, ([v]) => doubleToInt(v as number)),
        overload('duration_to_int64', [DURATION], INT, ([v]) => (v as Duration).ns),
        overload('string_to_int64', [STRING], INT, ([v]) => {
          const s = v as string;
          if (!/^[+-]?\d+$/.test(s)) return conversionError('string', 'int');
          const n = BigInt(s);
          return n < INT64_MIN || n > INT64_MAX ? conversionError('string', 'int') : n;
        }),
        overload('timestamp_to_int64', [TIMESTAMP], INT, ([v]) => unixSeconds(v as Timestamp)),
        overload('uint64_to_int64', [UINT], INT, ([v]) => checkedInt((v as Uint).v)),
      ],
    },
    {
      name: 'string',
      overloads: [
        overload('string_to_string', [STRING], STRING, ([v]) => v),
        overload('bool_to_string', [BOOL], STRING, ([v]) => String(v)),
        overload('bytes_to_string', [BYTES], STRING, ([v]) => {
          try {
            return decoder.decode(v as Uint8Array);
          } catch {
            return new CelErr('invalid UTF-8 in bytes, cannot convert to string');
          }
        }),
        overload('double_to_string', [DOUBLE], STRING, ([v]) => goFormatG(v as number)),
        overload('duration_to_string', [DURATION], STRING, ([v]) => formatDuration(v as Duration)),
        overload('int64_to_string', [INT], STRING, ([v]) => (v as bigint).toString()),
        overload('timestamp_to_string', [TIMESTAMP], STRING, ([v]) => formatTimestamp(v as Timestamp)),
        overload('uint64_to_string', [UINT], STRING, ([v]) => (v as Uint).v.toString()),
      ],
    },
    {
      name: 'timestamp',
      overloads: [
        overload('timestamp_to_timestamp', [TIMESTAMP], TIMESTAMP, ([v]) => v),
        overload('int64_to_timestamp', [INT], TIMESTAMP, ([v]) => timestampOf((v as bigint) * 1_000_000_000n)),
        overload('string_to_timestamp', [STRING], TIMESTAMP, ([v]) => parseTimestamp(v as string)),
      ],
    },
    {
      name: 'uint',
      overloads: [
        overload('uint64_to_uint64', [UINT], UINT, ([v]) => v),
        overload('double_to_uint64', [DOUBLE], UINT, ([v]) => doubleToUint(v as number)),
        overload('int64_to_uint64', [INT], UINT, ([v]) => checkedUint(v as bigint)),
        overload('string_to_uint64', [STRING], UINT, ([v]) => {
          const s = v as string;
          if (!/^\d+$/.test(s)) return conversionError('string', 'uint');
          const n = BigInt(s);
          return n > UINT64_MAX ? conversionError('string', 'uint') : new Uint(n);
        }),
      ],
    },
    { name: 'contains', overloads: [memberOverload('contains_string', [STRING, STRING], BOOL, ([s, t]) => (s as string).includes(t as string))] },
    { name: 'endsWith', overloads: [memberOverload('ends_with_string', [STRING, STRING], BOOL, ([s, t]) => (s as string).endsWith(t as string))] },
    { name: 'startsWith', overloads: [memberOverload('starts_with_string', [STRING, STRING], BOOL, ([s, t]) => (s as string).startsWith(t as string))] },
    {
      name: 'matches',
      overloads: [overload('matches', [STRING, STRING], BOOL), memberOverload('matches_string', [STRING, STRING], BOOL)],
      singleton: ([s, p]) => {
        if (typeof s !== 'string' || typeof p !== 'string') return noSuchOverload();
        return regexpMatches(p, s);
      },
    },
    timeGetter('getFullYear', 'year', ['timestamp_to_year', 'timestamp_to_year_with_tz']),
    timeGetter('getMonth', 'month', ['timestamp_to_month', 'timestamp_to_month_with_tz']),
    timeGetter('getDayOfYear', 'dayOfYear', ['timestamp_to_day_of_year', 'timestamp_to_day_of_year_with_tz']),
    timeGetter('getDayOfMonth', 'dayOfMonth0', ['timestamp_to_day_of_month', 'timestamp_to_day_of_month_with_tz']),
    timeGetter('getDate', 'dayOfMonth1', ['timestamp_to_day_of_month_1_based', 'timestamp_to_day_of_month_1_based_with_tz']),
    timeGetter('getDayOfWeek', 'dayOfWeek', ['timestamp_to_day_of_week', 'timestamp_to_day_of_week_with_tz']),
    timeGetter('getHours', 'hours', ['timestamp_to_hours', 'timestamp_to_hours_with_tz'], ['duration_to_hours', (ns) => ns / 3_600_000_000_000n]),
    timeGetter('getMinutes', 'minutes', ['timestamp_to_minutes', 'timestamp_to_minutes_with_tz'], ['duration_to_minutes', (ns) => ns / 60_000_000_000n]),
    timeGetter('getSeconds', 'seconds', ['timestamp_to_seconds', 'timestamp_to_seconds_tz'], ['duration_to_seconds', (ns) => ns / 1_000_000_000n]),
    timeGetter('getMilliseconds', 'milliseconds', ['timestamp_to_milliseconds', 'timestamp_to_milliseconds_with_tz'], ['duration_to_milliseconds', (ns) => ns / 1_000_000n]),
  ],
};

