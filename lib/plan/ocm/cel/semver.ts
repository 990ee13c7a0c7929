// Semantic versions with blang/semver v4 semantics and the Kubernetes CEL semver library (part of
// the OCM placement simulator). OCM calls `library.SemverLib()` without options, so the library
// is at version 0: `semver(string)` and `isSemver(string)` only (the normalizing
// `semver(string, bool)` overloads arrive at version 1 and are compile errors here). Facts:
// kubernetes/apiserver v0.35.4 pkg/cel/library/semverlib.go, pkg/cel/semver.go (equality ignores
// build metadata), github.com/blang/semver/v4 semver.go (Parse, Compare, PRVersion).
import { CelLibrary, memberOverload, overload } from './decls';
import { T, objectType } from './types';
import { CelErr, CelVal, OpaqueVal, UINT64_MAX, isErr, noSuchOverload } from './values';

const NUMBERS = /^[0-9]*$/;
const ALPHANUM = /^[0-9A-Za-z-]*$/;

interface PRVersion {
  readonly isNum: boolean;
  readonly num: bigint;
  readonly str: string;
}

/** A blang/semver Version. */
export class Version {
  constructor(
    public readonly major: bigint,
    public readonly minor: bigint,
    public readonly patch: bigint,
    public readonly pre: readonly PRVersion[],
    public readonly build: readonly string[],
  ) {}

  /** semver.Parse; throws with blang's messages. */
  public static parse(s: string): Version {
    if (s.length === 0) throw new Error('Version string empty');
    const parts = splitN(s, '.', 3);
    if (parts.length !== 3) throw new Error('No Major.Minor.Patch elements found');
    const major = parseNumber(parts[0], 'major');
    const minor = parseNumber(parts[1], 'minor');
    let patchStr = parts[2];
    let build: string[] = [];
    let prerelease: string[] = [];
    const b = patchStr.indexOf('+');
    if (b !== -1) {
      build = patchStr.slice(b + 1).split('.');
      patchStr = patchStr.slice(0, b);
    }
    const p = patchStr.indexOf('-');
    if (p !== -1) {
      prerelease = patchStr.slice(p + 1).split('.');
      patchStr = patchStr.slice(0, p);
    }
    const patch = parseNumber(patchStr, 'patch');
    const pre = prerelease.map(newPRVersion);
    for (const x of build) {
      if (x.length === 0) throw new Error('Build meta data is empty');
      if (!ALPHANUM.test(x)) throw new Error(`Invalid character(s) found in build meta data ${JSON.stringify(x)}`);
    }
    return new Version(major, minor, patch, pre, build);
  }

  /** Version.Compare (build metadata is ignored). */
  public compare(o: Version): number {
    for (const [a, b] of [[this.major, o.major], [this.minor, o.minor], [this.patch, o.patch]]) {
      if (a !== b) return a > b ? 1 : -1;
    }
    if (this.pre.length === 0 && o.pre.length === 0) return 0;
    if (this.pre.length === 0) return 1;
    if (o.pre.length === 0) return -1;
    let i = 0;
    for (; i < this.pre.length && i < o.pre.length; i++) {
      const c = comparePR(this.pre[i], o.pre[i]);
      if (c !== 0) return c;
    }
    if (i === this.pre.length && i === o.pre.length) return 0;
    return i === this.pre.length ? -1 : 1;
  }
}

function splitN(s: string, sep: string, n: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (out.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + 1);
  }
  out.push(rest);
  return out;
}

function parseNumber(s: string, what: string): bigint {
  if (!NUMBERS.test(s)) throw new Error(`Invalid character(s) found in ${what} number ${JSON.stringify(s)}`);
  if (s.length > 1 && s[0] === '0') throw new Error(`${what[0].toUpperCase()}${what.slice(1)} number must not contain leading zeroes ${JSON.stringify(s)}`);
  if (s === '') throw new Error('strconv.ParseUint: parsing "": invalid syntax');
  const n = BigInt(s);
  if (n > UINT64_MAX) throw new Error(`strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

function newPRVersion(s: string): PRVersion {
  if (s.length === 0) throw new Error('Prerelease is empty');
  if (NUMBERS.test(s)) {
    if (s.length > 1 && s[0] === '0') throw new Error(`Numeric PreRelease version must not contain leading zeroes ${JSON.stringify(s)}`);
    return { isNum: true, num: BigInt(s), str: '' };
  }
  if (ALPHANUM.test(s)) return { isNum: false, num: 0n, str: s };
  throw new Error(`Invalid character(s) found in prerelease ${JSON.stringify(s)}`);
}

function comparePR(a: PRVersion, b: PRVersion): number {
  if (a.isNum && !b.isNum) return -1;
  if (!a.isNum && b.isNum) return 1;
  if (a.isNum) return a.num === b.num ? 0 : a.num > b.num ? 1 : -1;
  return a.str === b.str ? 0 : a.str > b.str ? 1 : -1;
}

/** A CEL `kubernetes.Semver` value. */
export class SemverVal extends OpaqueVal {
  public readonly typeName = 'kubernetes.Semver';
  constructor(public readonly v: Version) {
    super();
  }
  public equal(other: CelVal): boolean | CelErr {
    if (!(other instanceof SemverVal)) return isErr(other) ? other : noSuchOverload();
    return this.v.compare(other.v) === 0;
  }
}

export const SEMVER_TYPE = objectType('kubernetes.Semver');

function toSemver(s: string): CelVal {
  try {
    return new SemverVal(Version.parse(s));
  } catch (e) {
    return new CelErr((e as Error).message);
  }
}

const ver = (v: CelVal): Version => (v as SemverVal).v;
/** Go's `types.Int(v.Major)` of a uint64 (wraps above int64). */
const toInt = (u: bigint): bigint => BigInt.asIntN(64, u);

/** The semver library at version 0. */
export const SEMVER: CelLibrary = {
  name: 'kubernetes.Semver',
  functions: [
    { name: 'semver', overloads: [overload('string_to_semver', [T.STRING], SEMVER_TYPE, ([s]) => toSemver(s as string))] },
    { name: 'isSemver', overloads: [overload('is_semver_string', [T.STRING], T.BOOL, ([s]) => !isErr(toSemver(s as string)))] },
    { name: 'isGreaterThan', overloads: [memberOverload('semver_is_greater_than', [SEMVER_TYPE, SEMVER_TYPE], T.BOOL, ([a, b]) => ver(a).compare(ver(b)) === 1)] },
    { name: 'isLessThan', overloads: [memberOverload('semver_is_less_than', [SEMVER_TYPE, SEMVER_TYPE], T.BOOL, ([a, b]) => ver(a).compare(ver(b)) === -1)] },
    { name: 'compareTo', overloads: [memberOverload('semver_compare_to', [SEMVER_TYPE, SEMVER_TYPE], T.INT, ([a, b]) => BigInt(ver(a).compare(ver(b))))] },
    { name: 'major', overloads: [memberOverload('semver_major', [SEMVER_TYPE], T.INT, ([a]) => toInt(ver(a).major))] },
    { name: 'minor', overloads: [memberOverload('semver_minor', [SEMVER_TYPE], T.INT, ([a]) => toInt(ver(a).minor))] },
    { name: 'patch', overloads: [memberOverload('semver_patch', [SEMVER_TYPE], T.INT, ([a]) => toInt(ver(a).patch))] },
  ],
};
