import { dirname } from 'path';
import { Yaml } from 'cdk8s';
import { buildFleet } from '../../examples/fleet';
import { buildRealisticFleet } from '../../bench/yaml-emitter';
import { YamlEmitter } from '../../lib/core/yaml-emitter';

// The reference: the yaml package cdk8s bundles, called as cdk8s's Yaml.stringify calls it.
const cdk8sDir = dirname(require.resolve('cdk8s'));
const YAML = require(require.resolve('yaml', { paths: [cdk8sDir] })) as { stringify(v: unknown, o: object): string };
const reference = (doc: unknown): string => YAML.stringify(doc, { keepUndefined: true, lineWidth: 0, version: '1.1' });

/** Checks every document: the fast output, when given, is the reference's. Returns how many were fast. */
function fastCount(docs: readonly unknown[]): number {
  let fast = 0;
  for (const doc of docs) {
    const got = YamlEmitter.document(doc);
    if (got === undefined) continue;
    fast++;
    const want = reference(doc);
    if (got !== want) expect({ doc, got }).toEqual({ doc, got: want });
  }
  return fast;
}

/** A seeded PRNG (mulberry32): the same documents on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every upper/lower-case spelling of `w` (at most 16). */
function spellings(w: string): string[] {
  let out = [''];
  for (const ch of w) {
    const lo = ch.toLowerCase();
    const up = ch.toUpperCase();
    out = out.flatMap((p) => (lo === up ? [p + ch] : [p + lo, p + up]));
    if (out.length > 16) out = out.slice(0, 16);
  }
  return out;
}

const WORDS = ['null', '~', 'y', 'n', 'yes', 'no', 'true', 'false', 'on', 'off', 'nan', 'inf', '<<', '=', 'nul', 'yess', 'of', 'tru', 'none']
  .flatMap(spellings)
  .concat(['.inf', '-.inf', '+.Inf', '.NaN', '.NAN', '.nan', '.Nan', '-.INF']);

const FRAGMENTS = [
  ': ', ':', ' #', '#', '# ', '"', "'", '\\', '\t', ' ', '  ', '-', '- ', '?', '? ', '---', '...', '%', '@', '`', '|', '>', '!', '&', '*',
  '[', ']', '{', '}', ',', '=', '<<', 'é', '日本', '\u00a0', 'ü', '€', 'a', 'foo', 'app-1', 'v1.2.3', '1.16.1', '10m', '25%', '.', '_', '/', ':/',
  'http://x', '0', '1', '9', 'e', 'E', '+', '0x', '0b', '0o', 'T', 't', 'Z', '\n', '\n\n', ' \n', '\n ', '\r', '\x00', '\x1b', '\x7f', '\x85',
  '\u2028', '\ufeff', '😀', '\ud800',
];

function choose<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

function digits(r: () => number, alphabet: string, max: number): string {
  let s = '';
  const n = 1 + Math.floor(r() * max);
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(r() * alphabet.length)];
  return s;
}

function pad2(r: () => number): string {
  const n = Math.floor(r() * 70);
  return r() < 0.5 ? String(n).padStart(2, '0') : String(n);
}

/** Numbers, in every base and notation YAML 1.1 knows, and near misses. */
function numberish(r: () => number): string {
  const sign = choose(r, ['', '', '-', '+']);
  switch (Math.floor(r() * 12)) {
    case 0: return sign + digits(r, '0123456789', 8);
    case 1: return sign + digits(r, '0123456789_', 6);
    case 2: return sign + '0b' + digits(r, '01_2', 6);
    case 3: return sign + '0' + digits(r, '01234567_89', 5);
    case 4: return sign + choose(r, ['0x', '0X']) + digits(r, '0123456789abcdefABCDEF_g', 5);
    case 5: return sign + digits(r, '0123456789', 4) + ':' + pad2(r) + (r() < 0.5 ? ':' + pad2(r) : '') + (r() < 0.3 ? '.' + digits(r, '0123456789_', 3) : '');
    case 6: return sign + (r() < 0.7 ? digits(r, '0123456789_', 4) : '') + (r() < 0.7 ? '.' + (r() < 0.8 ? digits(r, '0123456789_', 4) : '') : '');
    case 7: return sign + (r() < 0.8 ? digits(r, '0123456789', 3) : '') + (r() < 0.5 ? '.' + digits(r, '0123456789', 3) : '') + choose(r, ['e', 'E']) + choose(r, ['', '-', '+']) + digits(r, '0123456789', 3);
    case 8: return sign + '0o' + digits(r, '01234567', 4);
    case 9: return `${digits(r, '0123456789', 1)}.${digits(r, '0123456789', 2)}.${digits(r, '0123456789', 2)}`;
    case 10: return sign + digits(r, '0123456789', 3) + choose(r, ['%', 'm', 's', 'Mi', 'Gi', 'k', 'e', '.', '_', ':', ' ']);
    default: return choose(r, ['v', 'V', '']) + digits(r, '0123456789', 2) + '.' + digits(r, '0123456789', 2) + '.' + digits(r, '0123456789', 2);
  }
}

/** Dates and timestamps as YAML 1.1 reads them, and near misses. */
function dateish(r: () => number): string {
  const y = String(1900 + Math.floor(r() * 200));
  const m = r() < 0.5 ? String(1 + Math.floor(r() * 12)) : String(1 + Math.floor(r() * 12)).padStart(2, '0');
  const d = r() < 0.5 ? String(1 + Math.floor(r() * 31)) : String(1 + Math.floor(r() * 31)).padStart(2, '0');
  let s = `${r() < 0.1 ? y.slice(1) : y}-${m}-${d}`;
  if (r() < 0.6) {
    s += choose(r, ['T', 't', ' ', '\t', '  ', '_']) + `${pad2(r)}:${pad2(r)}:${pad2(r)}`;
    if (r() < 0.4) s += '.' + digits(r, '0123456789', 4);
    if (r() < 0.6) s += choose(r, ['', ' ', '\t']) + choose(r, ['Z', 'z', '+5', '-03:30', '+12', '-1', '+05:3', '+123']);
  }
  return s;
}

/** A single-line (mostly) nasty string. */
function line(r: () => number): string {
  const k = r();
  let s: string;
  if (k < 0.15) s = choose(r, WORDS);
  else if (k < 0.3) s = numberish(r);
  else if (k < 0.38) s = dateish(r);
  else {
    s = '';
    const n = Math.floor(r() * 5);
    for (let i = 0; i < n; i++) s += choose(r, FRAGMENTS);
  }
  if (r() < 0.1) s = ' ' + s;
  if (r() < 0.1) s += ' ';
  if (r() < 0.03) s = s.repeat(1 + Math.floor(r() * 60));
  return s;
}

/** A multi-line string: leading/trailing blank lines and spaces, indented lines, trailing newlines. */
function multiline(r: () => number): string {
  const lines: string[] = [];
  const n = 1 + Math.floor(r() * 5);
  for (let i = 0; i < n; i++) {
    const p = r();
    const text = p < 0.2 ? '' : p < 0.3 ? choose(r, [' ', '  ', '\t', ' \t']) : p < 0.7 ? `key${i}: value` : line(r);
    lines.push((r() < 0.2 ? choose(r, [' ', '  ', '    ', '\t']) : '') + text);
  }
  return (r() < 0.15 ? '\n'.repeat(1 + Math.floor(r() * 2)) : '') + lines.join('\n') + choose(r, ['', '', '\n', '\n', '\n\n', '\n\n\n', ' ', '\n ', ' \n', '\t\n']);
}

function nastyString(r: () => number): string {
  return r() < 0.25 ? multiline(r) : line(r);
}

function scalar(r: () => number): unknown {
  const k = r();
  if (k < 0.6) return nastyString(r);
  if (k < 0.75) return choose(r, [0, 1, -1, 42, 443, 8080, -7, 2 ** 31, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 60, 1e21]);
  if (k < 0.78) return choose(r, [-0, 0.5, 1.5e-7, 3.14, NaN, Infinity, -Infinity]);
  if (k < 0.86) return r() < 0.5;
  if (k < 0.93) return null;
  return undefined;
}

function key(r: () => number): string {
  const k = r();
  if (k < 0.5) return choose(r, ['name', 'app.kubernetes.io/name', 'env', 'x-1', 'a b', 'data', 'spec', 'labels', 'KEY', 'k_8']);
  if (k < 0.6) return String(Math.floor(r() * 20));
  return line(r);
}

function value(r: () => number, depth: number): unknown {
  const k = r();
  if (depth >= 5 || k < 0.55) return scalar(r);
  if (k < 0.62) return r() < 0.5 ? {} : [];
  if (k < 0.8) {
    const o: Record<string, unknown> = {};
    const n = 1 + Math.floor(r() * 5);
    for (let i = 0; i < n; i++) o[key(r)] = value(r, depth + 1);
    return o;
  }
  const a: unknown[] = [];
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) a.push(value(r, depth + 1));
  return a;
}

describe('YamlEmitter', () => {
  test('uses a yaml package it has been checked against, the one cdk8s uses', () => {
    expect(YamlEmitter.yamlVersion).toEqual({ version: '2.9.1', fast: true });
    expect(Yaml.stringify({ a: 'true' })).toBe(reference({ a: 'true' }));
  });

  test('the example fleet: byte-identical, at least 95% on the fast path, multi-line strings included', () => {
    const { app } = buildFleet();
    const docs = app.charts.flatMap((c) => c.toJson());
    expect(docs.length).toBeGreaterThan(50);
    // the example has multi-line strings (embedded manifests, Helm values): they are block scalars
    const multiline = docs.filter((d) => JSON.stringify(d).includes('\\n'));
    expect(multiline.length).toBeGreaterThan(0);
    expect(multiline.filter((d) => YamlEmitter.document(d) === undefined)).toEqual([]);
    const fast = fastCount(docs);
    expect(fast / docs.length).toBeGreaterThanOrEqual(0.95);
    expect(YamlEmitter.documents(docs)).toBe(Yaml.stringify(...docs));
  });

  test('a 2,000-cluster fleet: byte-identical, at least 95% on the fast path', () => {
    const docs = buildRealisticFleet(2000).charts.flatMap((c) => c.toJson());
    expect(docs.length).toBeGreaterThan(8000);
    const fast = fastCount(docs);
    expect(fast / docs.length).toBeGreaterThanOrEqual(0.95);
    expect(YamlEmitter.documents(docs)).toBe(Yaml.stringify(...docs));
  });

  test('Kubernetes-looking strings are plain or quoted as the yaml package does', () => {
    const strings = [
      'cluster-00001', 'app.kubernetes.io/name', '1.16.1', 'v1.15.3', '10m', '25%', 'true', 'false', 'True', 'yes', 'on', 'OFF', 'y', 'N', 'null', '~', '',
      'https://charts.example.com', 'registry.example.com/app-1:1.0.1', 'quay.io/x/y@sha256:0123abcd', '0755', '0x1F', '0b101', '08', '1:30', '190:20:30.15',
      '1e5', '1.5', '.5', '1.', '.', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '<<', '-', '- a', '-a', '?', '? a', ':', 'a:',
      'a: b', 'a:b', 'a #b', 'a#b', '#a', ' a', 'a ', 'a\tb', '\ta', "it's", 'say "hi"', `both ' "`, '\\', '%x', '@x', '`x', '---', '...', '---x', 'é', '日本語',
      'x\ny', 'x\ny\n', 'x\ny\n\n', ' x\ny', '\nx', '\n\n x\n\ny  \n\n', 'x\n ', 'x\n\t', '\n', '\n\n', ' \n', 'x  \n \n', '---\nx', '%YAML\nx', 'a\n\nb\n',
    ];
    const docs = strings.flatMap((s) => [{ k: s }, [s], { a: [{ b: s }] }, { [s]: 1 }]);
    const fast = fastCount(docs);
    expect(fast).toBeGreaterThan(docs.length * 0.8);
    // what matters most is on the fast path
    for (const s of ['cluster-00001', '1.16.1', 'v1.15.3', '10m', '25%', 'true', 'https://charts.example.com', 'x\ny\n', ' x\ny', 'a\n\nb\n']) {
      expect(YamlEmitter.document({ k: s })).toBeDefined();
    }
  });

  test('declines what it has not been checked for', () => {
    const shared = { a: 1 };
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const declined: unknown[] = [
      'top-level scalar', 42, null, undefined, true,
      { shared, again: shared }, [shared, [shared]], cyclic,
      { n: -0 }, { n: 1.5 }, { n: NaN }, { n: Infinity }, { n: 2 ** 60 }, { n: BigInt(1) },
      { d: new Date(0) }, { m: new Map() }, { s: new Set() }, { f: () => 1 }, { s: Symbol('x') }, { b: Buffer.from('x') }, new (class X {})(),
      { k: 'a\u0000b' }, { k: 'a\rb' }, { k: 'a\u007fb' }, { k: 'a\u0085b' }, { k: 'a\u2028b' }, { k: '\ufeffa' }, { k: '😀' }, { k: '\ud800' },
      { k: 'x\n ' }, { k: 'x\n\t' }, { '<<': 1 }, { k: '<<' }, { 'a\nb': 1 }, { '---': 1 }, { '...x': 1 }, { ['k'.repeat(501)]: 1 },
    ];
    for (const d of declined) expect(YamlEmitter.document(d)).toBeUndefined();
  });

  test('exhaustive short strings: every printable ASCII pair, and triples over the characters that matter', () => {
    const printable: string[] = [];
    for (let c = 0x20; c < 0x7f; c++) printable.push(String.fromCharCode(c));
    const strings: string[] = [...printable];
    for (const a of printable) for (const b of printable) strings.push(a + b);
    const alphabet = [...'019_.:+-eExXbBoOnNyYtTfF~<# \'"\t\n'];
    for (const a of alphabet) for (const b of alphabet) for (const c of alphabet) strings.push(a + b + c);
    let fast = 0;
    for (const s of strings) fast += fastCount([{ k: s }, { [s]: 0 }]);
    expect(fast / (2 * strings.length)).toBeGreaterThan(0.9);
  });

  test('property: thousands of generated documents with nasty strings are byte-identical when fast', () => {
    const r = prng(0x5eed1);
    let fast = 0;
    let total = 0;
    // every string alone, as a value (two depths, in a sequence) and as a key
    for (let i = 0; i < 6000; i++) {
      const s = nastyString(r);
      const docs = [{ k: s }, [[{ k: [s] }]], { [s]: s }];
      fast += fastCount(docs);
      total += docs.length;
    }
    // nested documents: maps, lists, lists of lists, maps in lists, empty collections
    for (let i = 0; i < 3000; i++) {
      const doc = r() < 0.8 ? { apiVersion: 'v1', kind: 'ConfigMap', data: value(r, 1), spec: value(r, 1) } : [value(r, 1), value(r, 2)];
      fast += fastCount([doc]);
      total += 1;
    }
    // not vacuous: most documents take the fast path
    expect(total).toBe(21000);
    expect(fast / total).toBeGreaterThan(0.5);
  });

  test('documents() is cdk8s Yaml.stringify(...docs), undefined and declined documents included', () => {
    const r = prng(7);
    const docs: unknown[] = [];
    for (let i = 0; i < 500; i++) {
      const k = r();
      docs.push(k < 0.1 ? undefined : k < 0.15 ? null : k < 0.2 ? { n: 1.5, s: 'x\n ' } : { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}` }, data: value(r, 1) });
    }
    docs.push(undefined);
    expect(YamlEmitter.documents(docs)).toBe(Yaml.stringify(...docs));
    expect(YamlEmitter.documents([undefined])).toBe(Yaml.stringify(undefined));
    expect(YamlEmitter.documents([])).toBe(Yaml.stringify());
    const one = { a: { b: [1, 'two', { c: null }] } };
    expect(YamlEmitter.documents([one, undefined, one])).toBe(Yaml.stringify(one, undefined, one));
  });
});
