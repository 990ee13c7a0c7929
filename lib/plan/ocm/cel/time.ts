// Timestamps and durations as cel-go computes them with Go's time package (part of the OCM
// placement simulator). Facts: cel-go common/types/{timestamp,duration,string}.go (RFC 3339 parsing
// through time.Parse, RFC3339Nano formatting, years 0001..9999, int64 nanosecond durations,
// `string(duration)` as FormatFloat(seconds, 'f', -1) + "s"), common/stdlib/standard.go
// (`inTimeZone`: "±hh:mm" offsets or IANA names), Go's time.ParseDuration and parseRFC3339.
import { CelErr, Duration, INT64_MAX, INT64_MIN, Timestamp } from './values';

export const MIN_UNIX_SECONDS = -62135596800n; // 0001-01-01T00:00:00Z
export const MAX_UNIX_SECONDS = 253402300799n; // 9999-12-31T23:59:59Z
const NS = 1_000_000_000n;

/** A timestamp that also remembers the zone offset it was written with (for `string(ts)`). */
export class ZonedTimestamp extends Timestamp {
  constructor(ns: bigint, public readonly offsetSeconds: number) {
    super(ns);
  }
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && (a < 0n) !== (b < 0n) ? q - 1n : q;
}

/** Unix seconds of a timestamp. */
export function unixSeconds(t: Timestamp): bigint {
  return floorDiv(t.ns, NS);
}

/** A timestamp from Unix seconds and nanoseconds, or the overflow error. */
export function timestampOf(ns: bigint, offsetSeconds = 0): Timestamp | CelErr {
  const s = floorDiv(ns, NS);
  if (s < MIN_UNIX_SECONDS || s > MAX_UNIX_SECONDS) return new CelErr('timestamp overflow');
  return offsetSeconds === 0 ? new Timestamp(ns) : new ZonedTimestamp(ns, offsetSeconds);
}

export function durationOf(ns: bigint): Duration | CelErr {
  return ns < INT64_MIN || ns > INT64_MAX ? new CelErr('duration overflow') : new Duration(ns);
}

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Milliseconds since the epoch of a UTC civil time (any year, without Date's two-digit-year quirk). */
function civilToEpochSeconds(y: number, mo: number, d: number, h: number, mi: number, s: number): bigint {
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, 0);
  return BigInt(date.getTime() / 1000);
}

/** Go's `time.Parse(time.RFC3339, s)` (its strict RFC 3339 path), then cel-go's range check. */
export function parseTimestamp(s: string): Timestamp | CelErr {
  const bad = (): CelErr => new CelErr(`type conversion error from 'string' to 'google.protobuf.Timestamp'`);
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/.exec(s);
  if (!m) return bad();
  const [y, mo, d, h, mi, sec] = m.slice(1, 7).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(mo, y) || h > 23 || mi > 59 || sec > 59) return bad();
  const frac = (m[7] ?? '').slice(0, 9).padEnd(9, '0');
  let offset = 0;
  if (m[8] !== 'Z') {
    const oh = Number(m[8].slice(1, 3));
    const om = Number(m[8].slice(4, 6));
    if (oh > 23 || om > 59) return bad();
    offset = (oh * 60 + om) * 60 * (m[8][0] === '-' ? -1 : 1);
  }
  const secs = civilToEpochSeconds(y, mo, d, h, mi, sec) - BigInt(offset);
  return timestampOf(secs * NS + BigInt(frac), offset);
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

/** Civil fields of `ns + offset` (seconds east). */
function civil(ns: bigint, offsetSeconds: number): { y: number; mo: number; d: number; h: number; mi: number; s: number; nanos: number; wd: number; yd: number } {
  const local = ns + BigInt(offsetSeconds) * NS;
  const secs = floorDiv(local, NS);
  const nanos = Number(local - secs * NS);
  const date = new Date(Number(secs) * 1000);
  const y = date.getUTCFullYear();
  const yd = Number((civilToEpochSeconds(y, date.getUTCMonth() + 1, date.getUTCDate(), 0, 0, 0) - civilToEpochSeconds(y, 1, 1, 0, 0, 0)) / 86400n);
  return {
    y, mo: date.getUTCMonth() + 1, d: date.getUTCDate(), h: date.getUTCHours(), mi: date.getUTCMinutes(), s: date.getUTCSeconds(),
    nanos, wd: date.getUTCDay(), yd,
  };
}

/** `t.Format(time.RFC3339Nano)`. */
export function formatTimestamp(t: Timestamp): string {
  const off = t instanceof ZonedTimestamp ? t.offsetSeconds : 0;
  const c = civil(t.ns, off);
  let out = `${pad(c.y, 4)}-${pad(c.mo, 2)}-${pad(c.d, 2)}T${pad(c.h, 2)}:${pad(c.mi, 2)}:${pad(c.s, 2)}`;
  if (c.nanos !== 0) out += `.${pad(c.nanos, 9).replace(/0+$/, '')}`;
  if (off === 0) return `${out}Z`;
  const a = Math.abs(off);
  return `${out}${off < 0 ? '-' : '+'}${pad(Math.floor(a / 3600), 2)}:${pad(Math.floor((a % 3600) / 60), 2)}`;
}

const UNITS: Record<string, bigint> = {
  ns: 1n, us: 1000n, 'µs': 1000n, 'μs': 1000n, ms: 1_000_000n, s: NS, m: 60n * NS, h: 3600n * NS,
};

/** Go's `time.ParseDuration`. */
export function parseDuration(orig: string): Duration | CelErr {
  const invalid = (): CelErr => new CelErr(`type conversion error from 'string' to 'google.protobuf.Duration'`);
  let s = orig;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return new Duration(0n);
  if (s === '') return invalid();
  const LIMIT = 1n << 63n;
  let d = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || (s[0] >= '0' && s[0] <= '9'))) return invalid();
    let i = 0;
    let v = 0n;
    while (i < s.length && s[i] >= '0' && s[i] <= '9') {
      v = v * 10n + BigInt(s.charCodeAt(i) - 48);
      if (v > LIMIT) return invalid();
      i++;
    }
    const pre = i > 0;
    s = s.slice(i);
    let f = 0n;
    let scale = 1;
    let post = false;
    if (s !== '' && s[0] === '.') {
      s = s.slice(1);
      let j = 0;
      let overflow = false;
      while (j < s.length && s[j] >= '0' && s[j] <= '9') {
        if (!overflow) {
          if (f > (LIMIT - 1n) / 10n) overflow = true;
          else {
            f = f * 10n + BigInt(s.charCodeAt(j) - 48);
            scale *= 10;
          }
        }
        j++;
      }
      post = j > 0;
      s = s.slice(j);
    }
    if (!pre && !post) return invalid();
    let k = 0;
    while (k < s.length && s[k] !== '.' && !(s[k] >= '0' && s[k] <= '9')) k++;
    if (k === 0) return invalid();
    const unit = UNITS[s.slice(0, k)];
    s = s.slice(k);
    if (unit === undefined) return invalid();
    if (v > LIMIT / unit) return invalid();
    v *= unit;
    if (f > 0n) {
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > LIMIT) return invalid();
    }
    d += v;
    if (d > LIMIT) return invalid();
  }
  if (neg) return new Duration(-d);
  if (d > LIMIT - 1n) return invalid();
  return new Duration(d);
}

/** Go's `strconv.FormatFloat(x, 'f', -1, 64)`: the shortest decimal that round-trips, without exponent. */
export function formatFloatF(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const s = String(x);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const digits = m[2] + (m[3] ?? '');
  const exp = Number(m[4]);
  if (exp < 0) return `${m[1]}0.${'0'.repeat(-exp - 1)}${digits}`;
  return m[1] + digits.padEnd(exp + 1, '0');
}

/** `string(duration)`. */
export function formatDuration(d: Duration): string {
  const sec = d.ns / NS;
  const nsec = d.ns % NS;
  return `${formatFloatF(Number(sec) + Number(nsec) / 1e9)}s`;
}

/** The zone offset (seconds east) named by `tz` at instant `t`, or an error (Go time.LoadLocation / FixedZone). */
function zoneOffset(t: Timestamp, tz: string): number | CelErr {
  const colon = tz.indexOf(':');
  if (colon >= 0) {
    const hr = goAtoi(tz.slice(0, colon));
    const min = goAtoi(tz.slice(colon + 1));
    if (hr === undefined) return new CelErr(`strconv.Atoi: parsing ${JSON.stringify(tz.slice(0, colon))}: invalid syntax`);
    if (min === undefined) return new CelErr(`strconv.Atoi: parsing ${JSON.stringify(tz.slice(colon + 1))}: invalid syntax`);
    const offset = tz[0] === '-' ? hr * 60 - min : hr * 60 + min;
    return offset * 60;
  }
  if (tz === '' || tz === 'UTC' || tz === 'Local') return 0;
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short' });
  } catch {
    return new CelErr(`unknown time zone ${tz}`);
  }
  const secs = unixSeconds(t);
  const parts = fmt.formatToParts(new Date(Number(secs) * 1000));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  let year = get('year');
  if (parts.find((p) => p.type === 'era')?.value === 'BC') year = 1 - year;
  const local = civilToEpochSeconds(year, get('month'), get('day'), get('hour'), get('minute'), get('second'));
  return Number(local - secs);
}

function goAtoi(s: string): number | undefined {
  return /^[+-]?\d+$/.test(s) ? Number(s) : undefined;
}

export type TimeField = 'year' | 'month' | 'dayOfYear' | 'dayOfMonth0' | 'dayOfMonth1' | 'dayOfWeek' | 'hours' | 'minutes' | 'seconds' | 'milliseconds';

/** A calendar field of `t` in zone `tz` (cel-go stdlib timestampGet*). */
export function timestampField(t: Timestamp, field: TimeField, tz: string): bigint | CelErr {
  const off = zoneOffset(t, tz);
  if (off instanceof CelErr) return off;
  const c = civil(t.ns, off);
  switch (field) {
    case 'year':
      return BigInt(c.y);
    case 'month':
      return BigInt(c.mo - 1);
    case 'dayOfYear':
      return BigInt(c.yd);
    case 'dayOfMonth0':
      return BigInt(c.d - 1);
    case 'dayOfMonth1':
      return BigInt(c.d);
    case 'dayOfWeek':
      return BigInt(c.wd);
    case 'hours':
      return BigInt(c.h);
    case 'minutes':
      return BigInt(c.mi);
    case 'seconds':
      return BigInt(c.s);
    case 'milliseconds':
      return BigInt(Math.floor(c.nanos / 1e6));
  }
}
