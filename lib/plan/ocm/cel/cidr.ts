// CIDR prefixes with Go's net/netip semantics and the Kubernetes CEL CIDR library (part of the OCM
// placement simulator). Facts: Go net/netip ParsePrefix ("no '/'", "bad bits after slash",
// "prefix length out of range", no zones), Prefix.Masked/Contains/Overlaps/String, and
// kubernetes/apiserver v0.35.4 pkg/cel/library/cidr.go, pkg/cel/cidr.go (the doubled "network
// address parse error during conversion from string" prefix, containsIP with an unparsable
// string answering "no such overload", containsCIDR returning the parse error).
import { CelLibrary, memberOverload, overload } from './decls';
import { Addr, IPVal, IP_TYPE, goQuote, parseAddr, stringToIP } from './ip';
import { T, opaque, typeOf } from './types';
import { CelErr, CelVal, OpaqueVal, isErr, noSuchOverload } from './values';

/** A netip.Prefix. */
export class Prefix {
  constructor(public readonly addr: Addr, public readonly bits: number) {}

  public masked(): Prefix {
    const b = new Uint8Array(this.addr.bytes);
    for (let i = 0; i < b.length; i++) {
      const keep = Math.max(0, Math.min(8, this.bits - i * 8));
      b[i] &= keep === 0 ? 0 : (0xff << (8 - keep)) & 0xff;
    }
    return new Prefix(new Addr(b), this.bits);
  }

  public contains(ip: Addr): boolean {
    if (ip.zone !== '' || ip.bytes.length !== this.addr.bytes.length) return false;
    const a = this.masked().addr.bytes;
    const m = new Prefix(ip, this.bits).masked().addr.bytes;
    return a.every((x, i) => x === m[i]);
  }

  public overlaps(o: Prefix): boolean {
    if (this.addr.bytes.length !== o.addr.bytes.length) return false;
    const minBits = Math.min(this.bits, o.bits);
    const a = new Prefix(this.addr, minBits).masked().addr.bytes;
    const b = new Prefix(o.addr, minBits).masked().addr.bytes;
    return a.every((x, i) => x === b[i]);
  }

  public equals(o: Prefix): boolean {
    return this.bits === o.bits && this.addr.equals(o.addr);
  }

  public toString(): string {
    return `${this.addr.toString()}/${this.bits}`;
  }
}

/** netip.ParsePrefix; throws with Go's message. */
export function parsePrefix(s: string): Prefix {
  const fail = (msg: string): never => {
    throw new Error(`netip.ParsePrefix(${goQuote(s)}): ${msg}`);
  };
  const i = s.lastIndexOf('/');
  if (i < 0) fail("no '/'");
  let ip: Addr;
  try {
    ip = parseAddr(s.slice(0, i));
  } catch (e) {
    return fail((e as Error).message);
  }
  if (!ip.is4() && ip.zone !== '') fail('IPv6 zones cannot be present in a prefix');
  const bitsStr = s.slice(i + 1);
  if (bitsStr.length > 1 && (bitsStr[0] < '1' || bitsStr[0] > '9')) fail(`bad bits after slash: ${goQuote(bitsStr)}`);
  if (!/^[+-]?\d+$/.test(bitsStr)) fail(`bad bits after slash: ${goQuote(bitsStr)}`);
  const bits = Number(bitsStr);
  if (bits < 0 || bits > ip.bitLen()) fail('prefix length out of range');
  return new Prefix(ip, bits);
}

/** The Kubernetes CIDR parse (apiserver library/cidr.go parseCIDR). */
function parseCIDR(raw: string): Prefix {
  let p: Prefix;
  try {
    p = parsePrefix(raw);
  } catch (e) {
    throw new Error(`network address parse error during conversion from string: ${(e as Error).message}`);
  }
  if (p.addr.is4In6()) throw new Error(`IPv4-mapped IPv6 address ${goQuote(raw)} is not allowed`);
  return p;
}

/** A CEL `net.CIDR` value. */
export class CIDRVal extends OpaqueVal {
  public readonly typeName = 'net.CIDR';
  constructor(public readonly prefix: Prefix) {
    super();
  }
  public equal(other: CelVal): boolean | CelErr {
    if (!(other instanceof CIDRVal)) return isErr(other) ? other : new CelErr('no such overload');
    return this.prefix.equals(other.prefix);
  }
  public override toCelString(): string {
    return this.prefix.toString();
  }
}

export const CIDR_TYPE = opaque('net.CIDR');

function stringToCIDR(s: string): CelVal {
  try {
    return new CIDRVal(parseCIDR(s));
  } catch (e) {
    return new CelErr(`network address parse error during conversion from string: ${(e as Error).message}`);
  }
}

function containsIP(c: CelVal, ip: CelVal): CelVal {
  if (!(ip instanceof IPVal)) return noSuchOverload();
  return (c as CIDRVal).prefix.contains(ip.addr);
}

function containsCIDR(c: CelVal, other: CelVal): CelVal {
  if (!(other instanceof CIDRVal)) return isErr(other) ? other : noSuchOverload();
  const p = (c as CIDRVal).prefix;
  return p.overlaps(other.prefix) && p.bits <= other.prefix.bits;
}

const prefix = (v: CelVal): Prefix => (v as CIDRVal).prefix;

/** The CIDR library. */
export const CIDR: CelLibrary = {
  name: 'kubernetes.net.cidr',
  typeIdents: { 'net.CIDR': typeOf(CIDR_TYPE) },
  functions: [
    { name: 'cidr', overloads: [overload('string_to_cidr', [T.STRING], CIDR_TYPE, ([s]) => stringToCIDR(s as string))] },
    {
      name: 'containsIP',
      overloads: [
        memberOverload('cidr_contains_ip_string', [CIDR_TYPE, T.STRING], T.BOOL, ([c, s]) => containsIP(c, stringToIP(s as string))),
        memberOverload('cidr_contains_ip_ip', [CIDR_TYPE, IP_TYPE], T.BOOL, ([c, ip]) => containsIP(c, ip)),
      ],
    },
    {
      name: 'containsCIDR',
      overloads: [
        memberOverload('cidr_contains_cidr_string', [CIDR_TYPE, T.STRING], T.BOOL, ([c, s]) => containsCIDR(c, stringToCIDR(s as string))),
        memberOverload('cidr_contains_cidr', [CIDR_TYPE, CIDR_TYPE], T.BOOL, ([c, o]) => containsCIDR(c, o)),
      ],
    },
    { name: 'ip', overloads: [memberOverload('cidr_ip', [CIDR_TYPE], IP_TYPE, ([c]) => new IPVal(prefix(c).addr))] },
    { name: 'prefixLength', overloads: [memberOverload('cidr_prefix_length', [CIDR_TYPE], T.INT, ([c]) => BigInt(prefix(c).bits))] },
    { name: 'masked', overloads: [memberOverload('cidr_masked', [CIDR_TYPE], CIDR_TYPE, ([c]) => new CIDRVal(prefix(c).masked()))] },
    { name: 'isCIDR', overloads: [overload('is_cidr', [T.STRING], T.BOOL, ([s]) => !isErr(stringToCIDR(s as string)))] },
    { name: 'string', overloads: [overload('cidr_to_string', [CIDR_TYPE], T.STRING, ([c]) => prefix(c).toString())] },
  ],
};
