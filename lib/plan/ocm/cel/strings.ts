// cel-go's strings extension as OCM configures it: `ext.Strings()` without options, i.e. the latest
// version (math.MaxUint32): charAt, indexOf, lastIndexOf, lowerAscii, replace, split, substring,
// trim, upperAscii (v0), format and strings.quote (v1; format follows the v4+ spec,
// ext/formatting_v2.go, precision at most 100 from v5), join (v2), reverse (v3), and per-call
// cost trackers (v5). Facts: cel-go v0.29.2 ext/strings.go, ext/formatting_v2.go,
// ext/formatting.go (error texts), Go's strings package (TrimSpace, Replace, SplitN).
import { CelLibrary, CallCost, memberOverload, overload } from './decls';
import { Expr } from './syntax';
import { formatDuration, formatFloatF, formatTimestamp } from './time';
import { CelType, T, listOf } from './types';
import {
  CelErr, CelVal, Duration, ListVal, MapVal, Timestamp, TypeVal, Uint, actualSize, typeNameOf,
} from './values';

const { STRING, INT } = T;

function runes(s: string): string[] {
  return Array.from(s);
}

/** `'x'.charAt(i)`. */
function charAt(s: string, i: bigint): CelVal {
  const r = runes(s);
  if (i < 0n || i > BigInt(r.length)) return new CelErr(`index out of range: ${i}`);
  return i === BigInt(r.length) ? '' : r[Number(i)];
}

/** True when the runes `sr` stand in `r` from index `i`. */
function runesAt(r: readonly string[], sr: readonly string[], i: number): boolean {
  for (let j = 0; j < sr.length; j++) if (r[i + j] !== sr[j]) return false;
  return true;
}

function indexOfOffset(s: string, sub: string, offset: bigint): CelVal {
  if (offset < 0n) return new CelErr(`index out of range: ${offset}`);
  const r = runes(s);
  if (sub === '') return offset > BigInt(r.length) ? BigInt(r.length) : offset;
  const sr = runes(sub);
  if (offset >= BigInt(r.length)) return -1n;
  for (let i = Number(offset); i < r.length - (sr.length - 1); i++) {
    if (runesAt(r, sr, i)) return BigInt(i);
  }
  return -1n;
}

function lastIndexOfOffset(s: string, sub: string, offset: bigint): CelVal {
  if (offset < 0n) return new CelErr(`index out of range: ${offset}`);
  const r = runes(s);
  if (sub === '') return offset > BigInt(r.length) ? BigInt(r.length) : offset;
  const sr = runes(sub);
  if (offset >= BigInt(r.length)) return -1n;
  let off = Number(offset);
  if (off > r.length - sr.length) off = r.length - sr.length;
  for (let i = off; i >= 0; i--) {
    if (runesAt(r, sr, i)) return BigInt(i);
  }
  return -1n;
}

function lastIndexOf(s: string, sub: string): CelVal {
  const n = runes(s).length;
  if (sub === '') return BigInt(n);
  if (utf8Length(s) < utf8Length(sub)) return -1n;
  return lastIndexOfOffset(s, sub, BigInt(n - 1));
}

function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

function mapAscii(s: string, upper: boolean): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (ch.length === 1 && c < 128) out += upper ? ch.toUpperCase() : ch.toLowerCase();
    else out += ch;
  }
  return out;
}

/** Go strings.Replace(s, old, new, n). */
export function goReplace(s: string, old: string, rep: string, n: number): string {
  if (old === rep || n === 0) return s;
  if (old === '') {
    const r = runes(s);
    const limit = n < 0 ? r.length + 1 : Math.min(n, r.length + 1);
    let out = '';
    for (let i = 0; i < r.length; i++) {
      if (i < limit) out += rep;
      out += r[i];
    }
    if (limit > r.length) out += rep;
    return out;
  }
  let out = '';
  let start = 0;
  let count = 0;
  for (;;) {
    if (n >= 0 && count >= n) break;
    const i = s.indexOf(old, start);
    if (i < 0) break;
    out += s.slice(start, i) + rep;
    start = i + old.length;
    count++;
  }
  return out + s.slice(start);
}

/** Go strings.SplitN(s, sep, n). */
export function goSplitN(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  if (sep === '') {
    const r = runes(s);
    if (n < 0 || n > r.length) return r;
    return [...r.slice(0, n - 1), r.slice(n - 1).join('')];
  }
  const out: string[] = [];
  let start = 0;
  while (n < 0 || out.length < n - 1) {
    const i = s.indexOf(sep, start);
    if (i < 0) break;
    out.push(s.slice(start, i));
    start = i + sep.length;
  }
  out.push(s.slice(start));
  return out;
}

const GO_SPACE = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000]);

/** Go strings.TrimSpace (unicode.IsSpace; no U+FEFF, which JavaScript's trim removes). */
export function goTrimSpace(s: string): string {
  const r = runes(s);
  let a = 0;
  let b = r.length;
  while (a < b && GO_SPACE.has(r[a].codePointAt(0)!)) a++;
  while (b > a && GO_SPACE.has(r[b - 1].codePointAt(0)!)) b--;
  return r.slice(a, b).join('');
}

/** `strings.quote`. */
function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) {
      out += '\ufffd';
      continue;
    }
    switch (ch) {
      case '\x07': out += '\\a'; break;
      case '\b': out += '\\b'; break;
      case '\f': out += '\\f'; break;
      case '\n': out += '\\n'; break;
      case '\r': out += '\\r'; break;
      case '\t': out += '\\t'; break;
      case '\v': out += '\\v'; break;
      case '\\': out += '\\\\'; break;
      case '"': out += '\\"'; break;
      default: out += ch;
    }
  }
  return `${out}"`;
}

// --- Number formatting with Go's fmt rounding (exact decimal expansion, round half to even). ---

/** The exact decimal digits of |x| as an integer `digits` times 10^-scale. */
function exactDecimal(x: number): { digits: bigint; scale: number } {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, Math.abs(x));
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const exp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (exp === 0) e = -1074;
  else {
    mant |= 1n << 52n;
    e = exp - 1075;
  }
  if (e >= 0) return { digits: mant << BigInt(e), scale: 0 };
  // mant * 2^e = mant * 5^-e / 10^-e
  return { digits: mant * 5n ** BigInt(-e), scale: -e };
}

/** Rounds digits×10^-scale to `prec` fractional digits, half to even. */
function roundTo(digits: bigint, scale: number, prec: number): bigint {
  if (scale <= prec) return digits * 10n ** BigInt(prec - scale);
  const div = 10n ** BigInt(scale - prec);
  const q = digits / div;
  const r = digits % div;
  const twice = r * 2n;
  if (twice > div || (twice === div && q % 2n === 1n)) return q + 1n;
  return q;
}

/** Go `fmt.Sprintf("%.<prec>f", x)`. */
export function goFixed(x: number, prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const { digits, scale } = exactDecimal(x);
  const n = roundTo(digits, scale, prec).toString().padStart(prec + 1, '0');
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  return prec === 0 ? sign + n : `${sign}${n.slice(0, n.length - prec)}.${n.slice(n.length - prec)}`;
}

/** Go `fmt.Sprintf("%1.<prec>e", x)`. */
export function goExp(x: number, prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  if (x === 0) return `${sign}0${prec > 0 ? `.${'0'.repeat(prec)}` : ''}e+00`;
  const { digits, scale } = exactDecimal(x);
  const len = digits.toString().length;
  let exp = len - 1 - scale;
  // Round to prec+1 significant digits.
  let m = roundTo(digits, len - 1, prec); // digits scaled as d.ddd (len-1 fractional digits)
  if (m.toString().length > prec + 1) {
    m /= 10n;
    exp++;
  }
  const s = m.toString();
  const mant = prec > 0 ? `${s[0]}.${s.slice(1)}` : s;
  const ae = Math.abs(exp);
  return `${sign}${mant}e${exp < 0 ? '-' : '+'}${ae < 10 ? `0${ae}` : ae}`;
}

// --- string.format, cel-go ext/formatting_v2.go ---

const MAX_PRECISION = 100;

class FormatError extends Error {
  constructor(message: string, public readonly exprId?: number) {
    super(message);
  }
}

function formatString(v: CelVal): string {
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Uint) return v.v.toString();
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN';
    if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
    return formatFloatF(v);
  }
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  if (typeof v === 'string') return v;
  if (v instanceof Duration) return formatDuration(v);
  if (v instanceof Timestamp) return formatTimestamp(new Timestamp(v.ns));
  if (v === null) return 'null';
  if (v instanceof TypeVal) return v.name;
  if (Array.isArray(v)) return `[${(v as ListVal).map(formatString).join(', ')}]`;
  if (v instanceof MapVal) {
    const ents = [...v.keys()].map((k) => [formatString(k), formatString(v.get(k)!)] as const);
    ents.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return `{${ents.map(([k, x]) => `${k}: ${x}`).join(', ')}}`;
  }
  throw new FormatError(`string clause can only be used on strings, bools, bytes, ints, doubles, maps, lists, types, durations, and timestamps, was given ${typeNameOf(v)}`);
}

function toDouble(v: CelVal, clause: string): number {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Uint) return Number(v.v);
  if (typeof v === 'number') return v;
  throw new FormatError(`${clause} clause can only be used on ints, uints, and doubles, was given ${typeNameOf(v)}`);
}

function special(x: number): string | undefined {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return undefined;
}

function hexOf(v: CelVal, upper: boolean): string {
  let s: string;
  if (typeof v === 'bigint') s = v < 0n ? `-${(-v).toString(16)}` : v.toString(16);
  else if (v instanceof Uint) s = v.v.toString(16);
  else if (typeof v === 'string' || v instanceof Uint8Array) {
    const bytes = typeof v === 'string' ? new TextEncoder().encode(v) : v;
    s = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  } else throw new FormatError(`only ints, uints, bytes, and strings can be formatted as hex, was given ${typeNameOf(v)}`);
  return upper ? s.toUpperCase() : s;
}

/** What a clause does with its argument: a formatter at runtime, a type check at compile time. */
interface Clauses<A> {
  s(a: A): string;
  d(a: A): string;
  f(a: A, prec: number): string;
  e(a: A, prec: number): string;
  b(a: A): string;
  x(a: A, upper: boolean): string;
  o(a: A): string;
}

const RUNTIME: Clauses<CelVal> = {
  s: formatString,
  d: (v) => {
    if (typeof v === 'bigint') return v.toString();
    if (v instanceof Uint) return v.v.toString();
    if (typeof v === 'number') return special(v) ?? formatFloatF(v);
    throw new FormatError(`decimal clause can only be used on ints, uints, and doubles, was given ${typeNameOf(v)}`);
  },
  f: (v, p) => {
    const x = toDouble(v, 'fixed-point');
    return special(x) ?? goFixed(x, p);
  },
  e: (v, p) => {
    const x = toDouble(v, 'scientific');
    return special(x) ?? goExp(x, p);
  },
  b: (v) => {
    if (typeof v === 'boolean') return v ? '1' : '0';
    if (typeof v === 'bigint') return v.toString(2);
    if (v instanceof Uint) return v.v.toString(2);
    throw new FormatError(`only ints, uints, and bools can be formatted as binary, was given ${typeNameOf(v)}`);
  },
  x: hexOf,
  o: (v) => {
    if (typeof v === 'bigint') return v.toString(8);
    if (v instanceof Uint) return v.v.toString(8);
    throw new FormatError(`octal clause can only be used on ints and uints, was given ${typeNameOf(v)}`);
  },
};

/**
 * parseFormatStringV2 over a list of arguments. At runtime fetching the argument fails first
 * (stringArgList.Arg); the compile-time checker's Arg never fails, so there the end of the string
 * is reported before a missing argument.
 */
function parseFormat<A>(fmt: string, args: readonly A[], clauses: Clauses<A>, runtime: boolean): { out: string; used: number } {
  let out = '';
  let argIndex = 0;
  let i = 0;
  while (i < fmt.length) {
    if (fmt[i] !== '%') {
      out += fmt[i++];
      continue;
    }
    if (fmt[i + 1] === '%') {
      out += '%';
      i += 2;
      continue;
    }
    if (runtime && argIndex >= args.length) throw new FormatError(`index ${argIndex} out of range`);
    if (i + 1 >= fmt.length) throw new FormatError('unexpected end of string');
    if (argIndex >= args.length) throw new FormatError(`index ${argIndex} out of range`);
    // precision
    let j = i + 1;
    let prec = 6;
    if (fmt[j] === '.') {
      j++;
      let digits = '';
      for (;;) {
        if (j >= fmt.length) throw new FormatError('could not parse formatting clause: error while parsing precision: could not find end of precision specifier');
        if (!(fmt[j] >= '0' && fmt[j] <= '9')) break;
        digits += fmt[j++];
      }
      if (digits === '') throw new FormatError(`could not parse formatting clause: error while parsing precision: error while converting precision to integer: strconv.Atoi: parsing "": invalid syntax`);
      prec = Number(digits);
      if (prec > MAX_PRECISION) throw new FormatError(`could not parse formatting clause: error while parsing precision: precision ${prec} exceeds maximum allowed precision ${MAX_PRECISION}`);
    }
    const c = fmt[j];
    const a = args[argIndex];
    let piece: string;
    try {
      switch (c) {
        case 's': piece = clauses.s(a); break;
        case 'd': piece = clauses.d(a); break;
        case 'f': piece = clauses.f(a, prec); break;
        case 'e': piece = clauses.e(a, prec); break;
        case 'b': piece = clauses.b(a); break;
        case 'x': piece = clauses.x(a, false); break;
        case 'X': piece = clauses.x(a, true); break;
        case 'o': piece = clauses.o(a); break;
        default:
          throw new FormatError(`could not parse formatting clause: unrecognized formatting clause "${c}"`);
      }
    } catch (err) {
      if (err instanceof FormatError && !err.message.startsWith('could not parse')) throw new FormatError(`error during formatting: ${err.message}`, err.exprId);
      throw err;
    }
    out += piece;
    i = j + 1;
    argIndex++;
  }
  return { out, used: argIndex };
}

function format(fmt: string, args: ListVal): CelVal {
  try {
    return parseFormat(fmt, args, RUNTIME, true).out;
  } catch (err) {
    if (err instanceof FormatError) return new CelErr(err.message);
    throw err;
  }
}

/**
 * The compile-time check of `'<literal>'.format([<list literal>])` (stringFormatValidatorV2):
 * clause/argument-type mismatches and unused arguments are compile errors. `typeOf` gives the
 * checked type of an argument expression.
 */
export function checkFormatCall(fmt: string, args: readonly Expr[], typeOf: (e: Expr) => CelType): { id?: number; message: string } | undefined {
  const kindIs = (e: Expr, ...kinds: string[]): boolean => {
    const t = typeOf(e);
    return t.kind === 'dyn' || kinds.includes(t.kind);
  };
  const bad = (e: Expr, msg: string): never => {
    throw new FormatError(`${msg}, was given ${typeOf(e).kind === 'type' ? 'type' : typeOf(e).name}`, e.id);
  };
  const verifyString = (e: Expr): void => {
    if (!kindIs(e, 'list', 'map', 'int', 'uint', 'double', 'bool', 'string', 'timestamp', 'bytes', 'duration', 'type', 'null')) {
      bad(e, 'string clause can only be used on strings, bools, bytes, ints, doubles, maps, lists, types, durations, and timestamps');
    }
    if (e.k === 'list') e.elems.forEach(verifyString);
    if (e.k === 'map') e.entries.forEach((en) => {
      verifyString(en.key);
      verifyString(en.value);
    });
  };
  const CHECK: Clauses<Expr> = {
    s: (e) => (verifyString(e), ''),
    d: (e) => (kindIs(e, 'int', 'uint', 'double') ? '' : bad(e, 'decimal clause can only be used on ints, uints, and doubles')),
    f: (e) => (kindIs(e, 'int', 'uint', 'double') ? '' : bad(e, 'fixed-point clause can only be used on ints, uints, and doubles')),
    e: (e) => (kindIs(e, 'int', 'uint', 'double') ? '' : bad(e, 'scientific clause can only be used on ints, uints, and doubles')),
    b: (e) => (kindIs(e, 'bool', 'int', 'uint') ? '' : bad(e, 'only ints, uints, and bools can be formatted as binary')),
    x: (e) => (kindIs(e, 'int', 'uint', 'string', 'bytes') ? '' : bad(e, 'only ints, uints, bytes, and strings can be formatted as hex')),
    o: (e) => (kindIs(e, 'int', 'uint') ? '' : bad(e, 'octal clause can only be used on ints and uints')),
  };
  try {
    const { used } = parseFormat(fmt, args, CHECK, false);
    if (args.length > used) return { message: `too many arguments supplied to string.format (expected ${used}, got ${args.length})` };
    return undefined;
  } catch (err) {
    if (err instanceof FormatError) return { id: err.exprId, message: err.message };
    throw err;
  }
}

// --- cost trackers (cel-go ext/strings.go track*Cost, version 5) ---

const traversal = (v: CelVal): number => Math.ceil(actualSize(v) * 0.1);
const charAtCost: CallCost = (args) => 1 + traversal(args[0]) + 1;
const transformCost: CallCost = (args, result) => 1 + traversal(args[0]) + actualSize(result);
const searchCost: CallCost = (args) => Math.ceil(actualSize(args[0]) * actualSize(args[1]) * 0.1) + 1;
const replaceCost: CallCost = (args, result) => 1 + Math.ceil(Math.max(actualSize(args[0]), 1) * Math.max(actualSize(args[1]), 1) * 0.1) + actualSize(result);
const splitCost: CallCost = (args, result) => 1 + Math.ceil((actualSize(args[0]) + 1) * 0.1) + actualSize(result) + 10;
const joinCost: CallCost = (args, result) => 1 + Math.ceil((actualSize(args[0]) + 1) * 0.1) + actualSize(result);

const str = (v: CelVal): string => v as string;
const int = (v: CelVal): bigint => v as bigint;

/** The strings extension. */
export const STRINGS: CelLibrary = {
  name: 'cel.lib.ext.strings',
  functions: [
    { name: 'charAt', overloads: [memberOverload('string_char_at_int', [STRING, INT], STRING, ([s, i]) => charAt(str(s), int(i)))] },
    {
      name: 'indexOf',
      overloads: [
        memberOverload('string_index_of_string', [STRING, STRING], INT, ([s, t]) => indexOfOffset(str(s), str(t), 0n)),
        memberOverload('string_index_of_string_int', [STRING, STRING, INT], INT, ([s, t, o]) => indexOfOffset(str(s), str(t), int(o))),
      ],
    },
    {
      name: 'lastIndexOf',
      overloads: [
        memberOverload('string_last_index_of_string', [STRING, STRING], INT, ([s, t]) => lastIndexOf(str(s), str(t))),
        memberOverload('string_last_index_of_string_int', [STRING, STRING, INT], INT, ([s, t, o]) => lastIndexOfOffset(str(s), str(t), int(o))),
      ],
    },
    { name: 'lowerAscii', overloads: [memberOverload('string_lower_ascii', [STRING], STRING, ([s]) => mapAscii(str(s), false))] },
    {
      name: 'replace',
      overloads: [
        memberOverload('string_replace_string_string', [STRING, STRING, STRING], STRING, ([s, o, n]) => goReplace(str(s), str(o), str(n), -1)),
        memberOverload('string_replace_string_string_int', [STRING, STRING, STRING, INT], STRING, ([s, o, n, k]) => goReplace(str(s), str(o), str(n), Number(int(k)))),
      ],
    },
    {
      name: 'split',
      overloads: [
        memberOverload('string_split_string', [STRING, STRING], listOf(STRING), ([s, p]) => goSplitN(str(s), str(p), -1)),
        memberOverload('string_split_string_int', [STRING, STRING, INT], listOf(STRING), ([s, p, n]) => goSplitN(str(s), str(p), Number(int(n)))),
      ],
    },
    {
      name: 'substring',
      overloads: [
        memberOverload('string_substring_int', [STRING, INT], STRING, ([s, a]) => {
          const r = runes(str(s));
          const start = int(a);
          if (start < 0n || start > BigInt(r.length)) return new CelErr(`index out of range: ${start}`);
          return r.slice(Number(start)).join('');
        }),
        memberOverload('string_substring_int_int', [STRING, INT, INT], STRING, ([s, a, b]) => {
          const r = runes(str(s));
          const start = int(a);
          const end = int(b);
          if (start > end) return new CelErr(`invalid substring range. start: ${start}, end: ${end}`);
          if (start < 0n || start > BigInt(r.length)) return new CelErr(`index out of range: ${start}`);
          if (end < 0n || end > BigInt(r.length)) return new CelErr(`index out of range: ${end}`);
          return r.slice(Number(start), Number(end)).join('');
        }),
      ],
    },
    { name: 'trim', overloads: [memberOverload('string_trim', [STRING], STRING, ([s]) => goTrimSpace(str(s)))] },
    { name: 'upperAscii', overloads: [memberOverload('string_upper_ascii', [STRING], STRING, ([s]) => mapAscii(str(s), true))] },
    { name: 'format', overloads: [memberOverload('string_format', [STRING, listOf(T.DYN)], STRING, ([s, l]) => format(str(s), l as ListVal))] },
    { name: 'strings.quote', overloads: [overload('strings_quote', [STRING], STRING, ([s]) => quote(str(s)))] },
    {
      name: 'join',
      overloads: [
        memberOverload('list_join', [listOf(STRING)], STRING, ([l]) => join(l as ListVal, '')),
        memberOverload('list_join_string', [listOf(STRING), STRING], STRING, ([l, d]) => join(l as ListVal, str(d))),
      ],
    },
    { name: 'reverse', overloads: [memberOverload('string_reverse', [STRING], STRING, ([s]) => runes(str(s)).reverse().join(''))] },
  ],
  costTrackers: {
    string_char_at_int: charAtCost,
    string_index_of_string: searchCost,
    string_index_of_string_int: searchCost,
    string_last_index_of_string: searchCost,
    string_last_index_of_string_int: searchCost,
    string_lower_ascii: transformCost,
    string_upper_ascii: transformCost,
    string_replace_string_string: replaceCost,
    string_replace_string_string_int: replaceCost,
    string_split_string: splitCost,
    string_split_string_int: splitCost,
    string_substring_int: transformCost,
    string_substring_int_int: transformCost,
    string_trim: transformCost,
    string_reverse: transformCost,
    list_join: joinCost,
    list_join_string: joinCost,
  },
};

function join(l: ListVal, sep: string): CelVal {
  const parts: string[] = [];
  for (const e of l) {
    if (typeof e !== 'string') return new CelErr(`join: invalid input: ${typeNameOf(e)}`);
    parts.push(e);
  }
  return parts.join(sep);
}
