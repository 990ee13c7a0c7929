// IP addresses with Go's net/netip semantics and the Kubernetes CEL IP library (part of the OCM
// placement simulator). Facts: Go net/netip (ParseAddr with its error texts, String in RFC 5952
// form, IsLoopback/IsLinkLocalMulticast/IsLinkLocalUnicast/IsGlobalUnicast/IsUnspecified) and
// kubernetes/apiserver v0.35.4 pkg/cel/library/ip.go, pkg/cel/ip.go (no zones, no IPv4-mapped IPv6
// addresses, `ip.isCanonical`, `string(ip)`, the `net.IP` type name).
import { CelLibrary, memberOverload, overload } from './decls';
import { T, opaque, typeOf } from './types';
import { CelErr, CelVal, OpaqueVal, isErr } from './values';

/** A netip.Addr without zone: 4 or 16 bytes. */
export class Addr {
  constructor(public readonly bytes: Uint8Array, public readonly zone = '') {}
  public is4(): boolean {
    return this.bytes.length === 4;
  }
  public is4In6(): boolean {
    const b = this.bytes;
    if (b.length !== 16) return false;
    for (let i = 0; i < 10; i++) if (b[i] !== 0) return false;
    return b[10] === 0xff && b[11] === 0xff;
  }
  public bitLen(): number {
    return this.bytes.length * 8;
  }
  private u16(i: number): number {
    return (this.bytes[2 * i] << 8) | this.bytes[2 * i + 1];
  }
  public isUnspecified(): boolean {
    return this.bytes.every((x) => x === 0);
  }
  public isLoopback(): boolean {
    if (this.is4()) return this.bytes[0] === 127;
    return this.bytes.slice(0, 15).every((x) => x === 0) && this.bytes[15] === 1;
  }
  public isMulticast(): boolean {
    return this.is4() ? (this.bytes[0] & 0xf0) === 0xe0 : this.bytes[0] === 0xff;
  }
  public isLinkLocalMulticast(): boolean {
    if (this.is4()) return this.bytes[0] === 224 && this.bytes[1] === 0 && this.bytes[2] === 0;
    return this.u16(0) === 0xff02;
  }
  public isLinkLocalUnicast(): boolean {
    if (this.is4()) return this.bytes[0] === 169 && this.bytes[1] === 254;
    return (this.u16(0) & 0xffc0) === 0xfe80;
  }
  public isGlobalUnicast(): boolean {
    if (this.is4() && (this.isUnspecified() || this.bytes.every((x) => x === 255))) return false;
    return !this.isUnspecified() && !this.isLoopback() && !this.isMulticast() && !this.isLinkLocalUnicast();
  }
  public equals(o: Addr): boolean {
    return this.zone === o.zone && this.bytes.length === o.bytes.length && this.bytes.every((x, i) => x === o.bytes[i]);
  }
  /** netip.Addr.String. */
  public toString(): string {
    if (this.is4()) return Array.from(this.bytes).join('.');
    if (this.is4In6()) return `::ffff:${Array.from(this.bytes.slice(12)).join('.')}${this.zone ? `%${this.zone}` : ''}`;
    let zs = 255;
    let ze = 255;
    for (let i = 0; i < 8; i++) {
      let j = i;
      while (j < 8 && this.u16(j) === 0) j++;
      const l = j - i;
      if (l >= 2 && l > ze - zs) {
        zs = i;
        ze = j;
      }
    }
    let out = '';
    for (let i = 0; i < 8; i++) {
      if (i === zs) {
        out += '::';
        i = ze;
        if (i >= 8) break;
      } else if (i > 0) out += ':';
      out += this.u16(i).toString(16);
    }
    return this.zone ? `${out}%${this.zone}` : out;
  }
}

/** Go strconv.Quote for the ASCII strings seen in error messages. */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

function addrError(input: string, msg: string, at?: string): Error {
  return new Error(`ParseAddr(${goQuote(input)}): ${msg}${at ? ` (at ${goQuote(at)})` : ''}`);
}

function parseIPv4Bytes(input: string, s: string): Uint8Array {
  const fields = new Uint8Array(4);
  let val = 0;
  let pos = 0;
  let digLen = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c >= '0' && c <= '9') {
      if (digLen === 1 && val === 0) throw addrError(input, 'IPv4 field has octet with leading zero');
      val = val * 10 + (c.charCodeAt(0) - 48);
      digLen++;
      if (val > 255) throw addrError(input, 'IPv4 field has value >255');
    } else if (c === '.') {
      if (i === 0 || i === s.length - 1 || s[i - 1] === '.') throw addrError(input, 'IPv4 field must have at least one digit', s.slice(i));
      if (pos === 3) throw addrError(input, 'IPv4 address too long');
      fields[pos++] = val;
      val = 0;
      digLen = 0;
    } else throw addrError(input, 'unexpected character', s.slice(i));
  }
  if (pos < 3) throw addrError(input, 'IPv4 address too short');
  fields[3] = val;
  return fields;
}

function parseIPv6(input: string): Addr {
  let s = input;
  let zone = '';
  const pct = s.indexOf('%');
  if (pct !== -1) {
    zone = s.slice(pct + 1);
    s = s.slice(0, pct);
    if (zone === '') throw addrError(input, 'zone must be a non-empty string');
  }
  const ip = new Uint8Array(16);
  let ellipsis = -1;
  if (s.length >= 2 && s[0] === ':' && s[1] === ':') {
    ellipsis = 0;
    s = s.slice(2);
    if (s.length === 0) return new Addr(ip, zone);
  }
  let i = 0;
  while (i < 16) {
    let off = 0;
    let acc = 0;
    for (; off < s.length; off++) {
      const c = s[off];
      const d = c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c >= 'a' && c <= 'f' ? c.charCodeAt(0) - 87 : c >= 'A' && c <= 'F' ? c.charCodeAt(0) - 55 : -1;
      if (d < 0) break;
      acc = acc * 16 + d;
      if (acc > 0xffff) throw addrError(input, 'IPv6 field has value >=2^16', s);
    }
    if (off === 0) throw addrError(input, 'each colon-separated field must have at least one digit', s);
    if (off < s.length && s[off] === '.') {
      if (ellipsis < 0 && i !== 12) throw addrError(input, 'embedded IPv4 address must replace the final 2 fields of the address', s);
      if (i + 4 > 16) throw addrError(input, 'too many hex fields to fit an embedded IPv4 at the end of the address', s);
      let v4: Uint8Array;
      try {
        v4 = parseIPv4Bytes(s, s);
      } catch (e) {
        throw addrError(input, (e as Error).message, s);
      }
      ip.set(v4, i);
      s = '';
      i += 4;
      break;
    }
    ip[i] = acc >> 8;
    ip[i + 1] = acc & 0xff;
    i += 2;
    s = s.slice(off);
    if (s.length === 0) break;
    if (s[0] !== ':') throw addrError(input, 'unexpected character, want colon', s);
    if (s.length === 1) throw addrError(input, 'colon must be followed by more characters', s);
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) throw addrError(input, 'multiple :: in address', s);
      ellipsis = i;
      s = s.slice(1);
      if (s.length === 0) break;
    }
  }
  if (s.length !== 0) throw addrError(input, 'trailing garbage after address', s);
  if (i < 16) {
    if (ellipsis < 0) throw addrError(input, 'address string too short');
    const n = 16 - i;
    for (let j = i - 1; j >= ellipsis; j--) ip[j + n] = ip[j];
    for (let j = ellipsis + n - 1; j >= ellipsis; j--) ip[j] = 0;
  } else if (ellipsis >= 0) {
    throw addrError(input, 'the :: must expand to at least one field of zeros');
  }
  return new Addr(ip, zone);
}

/** netip.ParseAddr; throws with Go's message. */
export function parseAddr(s: string): Addr {
  for (const c of s) {
    if (c === '.') return new Addr(parseIPv4Bytes(s, s));
    if (c === ':') return parseIPv6(s);
    if (c === '%') throw addrError(s, 'missing IPv6 address');
  }
  throw addrError(s, 'unable to parse IP');
}

/** The Kubernetes IP parse (apiserver library/ip.go parseIPAddr). */
export function parseIPAddr(raw: string): Addr {
  let addr: Addr;
  try {
    addr = parseAddr(raw);
  } catch (e) {
    throw new Error(`IP Address ${goQuote(raw)} parse error during conversion from string: ${(e as Error).message}`);
  }
  if (addr.zone !== '') throw new Error(`IP address ${goQuote(raw)} with zone value is not allowed`);
  if (addr.is4In6()) throw new Error(`IPv4-mapped IPv6 address ${goQuote(raw)} is not allowed`);
  return addr;
}

/** A CEL `net.IP` value. */
export class IPVal extends OpaqueVal {
  public readonly typeName = 'net.IP';
  constructor(public readonly addr: Addr) {
    super();
  }
  public equal(other: CelVal): boolean | CelErr {
    if (!(other instanceof IPVal)) return isErr(other) ? other : new CelErr('no such overload');
    return this.addr.equals(other.addr);
  }
  public override toCelString(): string {
    return this.addr.toString();
  }
}

export const IP_TYPE = opaque('net.IP');

/** `ip(string)`. */
export function stringToIP(s: string): CelVal {
  try {
    return new IPVal(parseIPAddr(s));
  } catch (e) {
    return new CelErr((e as Error).message);
  }
}

const addr = (v: CelVal): Addr => (v as IPVal).addr;

/** The IP library. */
export const IP: CelLibrary = {
  name: 'kubernetes.net.ip',
  typeIdents: { 'net.IP': typeOf(IP_TYPE) },
  functions: [
    { name: 'ip', overloads: [overload('string_to_ip', [T.STRING], IP_TYPE, ([s]) => stringToIP(s as string))] },
    { name: 'family', overloads: [memberOverload('ip_family', [IP_TYPE], T.INT, ([a]) => (addr(a).is4() ? 4n : 6n))] },
    {
      name: 'ip.isCanonical',
      overloads: [overload('ip_is_canonical', [T.STRING], T.BOOL, ([s]) => {
        try {
          return parseIPAddr(s as string).toString() === s;
        } catch (e) {
          return new CelErr((e as Error).message);
        }
      })],
    },
    { name: 'isUnspecified', overloads: [memberOverload('ip_is_unspecified', [IP_TYPE], T.BOOL, ([a]) => addr(a).isUnspecified())] },
    { name: 'isLoopback', overloads: [memberOverload('ip_is_loopback', [IP_TYPE], T.BOOL, ([a]) => addr(a).isLoopback())] },
    { name: 'isLinkLocalMulticast', overloads: [memberOverload('ip_is_link_local_multicast', [IP_TYPE], T.BOOL, ([a]) => addr(a).isLinkLocalMulticast())] },
    { name: 'isLinkLocalUnicast', overloads: [memberOverload('ip_is_link_local_unicast', [IP_TYPE], T.BOOL, ([a]) => addr(a).isLinkLocalUnicast())] },
    { name: 'isGlobalUnicast', overloads: [memberOverload('ip_is_global_unicast', [IP_TYPE], T.BOOL, ([a]) => addr(a).isGlobalUnicast())] },
    { name: 'isIP', overloads: [overload('is_ip', [T.STRING], T.BOOL, ([s]) => !isErr(stringToIP(s as string)))] },
    { name: 'string', overloads: [overload('ip_to_string', [IP_TYPE], T.STRING, ([a]) => addr(a).toString())] },
  ],
};
