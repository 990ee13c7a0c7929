// A fast YAML emitter for the JSON data cdk8s writes. cdk8s serializes each document with
// `YAML.stringify(doc, { keepUndefined: true, lineWidth: 0, version: '1.1' })` of the `yaml`
// package it bundles; that general-purpose path (a node tree, a context object per node, tag
// resolution) is most of a large fleet's synth time. This emitter writes the same bytes directly
// for the shapes Kubernetes objects have, and declines (returns undefined) whatever it has not been
// checked against, so the caller can use the yaml package for that document.
//
// The rules it reproduces, from the yaml package (2.9.1) with those options:
// - Block collections, two spaces per level; sequences under a key are indented ("key:\n  - a");
//   a collection in a sequence starts on the "- " line; empty collections are `{}` and `[]`.
// - `null` and `undefined` (kept by keepUndefined) are `null`; booleans `true`/`false`; integers
//   as JSON writes them.
// - lineWidth 0 turns folding off, so a string never wraps and a multi-line string is always a
//   literal block scalar (`|`), never a folded one.
// - A single-line string is plain unless it starts with an indicator character, is `-`/`?` or
//   starts with `- `/`? `, contains `: ` or ` #`, ends with a space, tab or `:`, or would be read
//   back as something other than a string under the YAML 1.1 schema (null, y/yes/on/off..., ints
//   in bases 2/8/10/16/60, floats, .inf/.nan, timestamps, `<<`); those are quoted: single quotes
//   when the string has `"` but no `'`, otherwise double quotes (JSON escaping).
// - A multi-line value is a literal block: `|` clips one final newline, `|-` strips (no final
//   newline), `|+` keeps several; an indentation indicator `2` when the text starts with a space
//   (after any leading newlines); content lines are indented, empty lines are not (except a
//   leading one, which gets the indentation).
// - The same object or array reached twice in one document becomes an anchor and aliases
//   (`&a1` / `*a1`): declined.
// Declined: control characters (the yaml package double-quotes them with escapes), surrogates
// (unpaired ones are escaped; paired ones are declined for simplicity), U+2028/U+2029 (line
// terminators to JavaScript's `^` in multi-line regexes) and U+FEFF, non-integer and unsafe numbers
// and -0, multi-line keys, keys starting with `---`/`...` or longer than 500 characters, `<<`,
// multi-line values ending in a newline followed by spaces or tabs (double-quoted with folding),
// shared or cyclic references, top-level scalars, and anything that is not a plain object, array,
// string, finite number, boolean, null or undefined.
import { dirname } from 'path';

/** The options cdk8s's `Yaml.stringify` passes for every document. */
const CDK8S_OPTIONS = Object.freeze({ keepUndefined: true, lineWidth: 0, version: '1.1' as const });

/** `yaml` versions whose output rules this emitter reproduces (checked by test/core/yaml-emitter.test.ts). */
const VERIFIED_YAML_VERSIONS: readonly string[] = ['2.9.1'];

const STR_TAG = 'tag:yaml.org,2002:str';

interface YamlTag {
  readonly tag?: string;
  readonly default?: unknown;
  readonly test?: unknown;
}

interface YamlModule {
  stringify(value: unknown, options: object): string;
  Document: new (value: unknown, options: object) => { schema: { tags: readonly YamlTag[] } };
}

interface Binding {
  /** The yaml package cdk8s uses. */
  readonly yaml: YamlModule;
  /** Its version. */
  readonly version: string;
  /** False when that version has not been checked: every document then goes to the yaml package. */
  readonly fast: boolean;
  /**
   * The tests of the YAML 1.1 schema's implicit tags other than str: a plain scalar matching one
   * is read back as null, a bool, a number, a timestamp or a merge key, so it must be quoted.
   */
  readonly implicit: readonly RegExp[];
}

let binding: Binding | undefined;

/** cdk8s's copy of the yaml package (cdk8s bundles it), loaded on first use. */
function yamlBinding(): Binding {
  if (binding) return binding;
  const base = dirname(require.resolve('cdk8s'));
  const yaml = require(require.resolve('yaml', { paths: [base] })) as YamlModule;
  const version = String((require(require.resolve('yaml/package.json', { paths: [base] })) as { version?: unknown }).version);
  const implicit: RegExp[] = [];
  for (const t of new yaml.Document(null, { version: '1.1' }).schema.tags) {
    if (t.default && t.tag !== STR_TAG && t.test instanceof RegExp) implicit.push(t.test);
  }
  binding = { yaml, version, fast: VERIFIED_YAML_VERSIONS.includes(version) && implicit.length > 0, implicit };
  return binding;
}

// ---------------------------------------------------------------------------------------------
// Character classes (ASCII; other code units are handled in scanString).

/** Cannot appear at all: C0 controls other than tab and newline, DEL. */
const C_BAD = 1;
/** Forces quotes at the start of a plain scalar: space, tab and the indicators , [ ] { } # & * ! | > ' " % @ `. */
const C_FIRST = 2;
/**
 * A plain scalar starting with one of these may be read back as a non-string: ~ < + - . 0-9, e/E
 * (`e1` is a YAML 1.1 float: the mantissa is optional) and the first letters of null/bool words.
 */
const C_IMPLICIT = 4;

const CLASS = new Uint8Array(128);
for (let c = 0; c < 0x20; c++) CLASS[c] = C_BAD;
CLASS[0x09] = C_FIRST;
CLASS[0x0a] = C_FIRST;
CLASS[0x7f] = C_BAD;
for (const ch of ' ,[]{}#&*!|>\'"%@`') CLASS[ch.charCodeAt(0)] |= C_FIRST;
for (const ch of '~<+-.0123456789eEnNyYtToOfF') CLASS[ch.charCodeAt(0)] |= C_IMPLICIT;

const SPACE = 0x20;
const TAB = 0x09;
const NL = 0x0a;
const COLON = 0x3a;
const HASH = 0x23;
const DQUOTE = 0x22;
const SQUOTE = 0x27;

/** Longest key rendered on the fast path: the yaml package makes keys over 1024 characters explicit (`? key`). */
const MAX_KEY_LENGTH = 500;
/** Most keys, and most values, remembered by one Walk. */
const MAX_CACHED = 10_000;
/** Longest value remembered. */
const MAX_CACHED_VALUE_LENGTH = 64;
/** Deepest nesting rendered on the fast path. */
const MAX_DEPTH = 500;

/** What scanString learned about a string; -1 when it cannot be emitted on the fast path. */
const S_NEWLINE = 1;
const S_QUOTE = 2;
const S_DQUOTE = 4;
const S_SQUOTE = 8;

/**
 * One pass over `s` (non-empty): S_NEWLINE if it has a line feed, S_QUOTE if a plain scalar
 * would be misread (an indicator at the start, `: `, ` #`, a trailing space/tab/colon), and which
 * quote characters it contains; -1 for characters the fast path declines.
 */
function scanString(s: string): number {
  const n = s.length;
  let flags = 0;
  let prev = -1;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (CLASS[c] & C_BAD) return -1;
      if (c === NL) flags |= S_NEWLINE;
      else if (c === DQUOTE) flags |= S_DQUOTE;
      else if (c === SQUOTE) flags |= S_SQUOTE;
      else if (c === HASH && (prev === SPACE || prev === TAB)) flags |= S_QUOTE;
      else if ((c === SPACE || c === TAB) && prev === COLON) flags |= S_QUOTE;
    } else if (c <= 0x9f || (c >= 0xd800 && c <= 0xdfff) || c === 0x2028 || c === 0x2029 || c === 0xfeff) {
      return -1;
    }
    prev = c;
  }
  const first = s.charCodeAt(0);
  if (first < 0x80 && CLASS[first] & C_FIRST) flags |= S_QUOTE;
  else if (first === 0x2d /* - */ || first === 0x3f /* ? */) {
    const second = n > 1 ? s.charCodeAt(1) : SPACE;
    if (second === SPACE || second === TAB) flags |= S_QUOTE;
  }
  if (prev === SPACE || prev === TAB || prev === COLON) flags |= S_QUOTE;
  return flags;
}

/** Whether the YAML 1.1 schema would resolve the plain scalar `s` to something other than a string. */
function readsAsNonString(s: string, implicit: readonly RegExp[]): boolean {
  const first = s.charCodeAt(0);
  if (first >= 0x80 || !(CLASS[first] & C_IMPLICIT)) return false;
  for (const re of implicit) if (re.test(s)) return true;
  return false;
}

/** A single-line string in quotes, as the yaml package picks them. */
function quoted(s: string, flags: number): string {
  return (flags & (S_DQUOTE | S_SQUOTE)) === S_DQUOTE ? `'${s}'` : JSON.stringify(s);
}

/** A mapping key, or undefined. */
function keyScalar(s: string, implicit: readonly RegExp[]): string | undefined {
  if (s.length === 0) return '""';
  if (s.length > MAX_KEY_LENGTH || s === '<<') return undefined;
  // the yaml package quotes keys that look like document markers at the top level only
  if (s.startsWith('---') || s.startsWith('...')) return undefined;
  const flags = scanString(s);
  if (flags < 0 || flags & S_NEWLINE) return undefined;
  if (flags & S_QUOTE || readsAsNonString(s, implicit)) return quoted(s, flags);
  return s;
}

/** A string value whose continuation lines are indented by `indent` (non-empty), or undefined. */
function valueScalar(s: string, indent: string, implicit: readonly RegExp[]): string | undefined {
  if (s.length === 0) return '""';
  const flags = scanString(s);
  if (flags < 0) return undefined;
  if (flags & S_NEWLINE) return literalBlock(s, indent);
  if (s === '<<') return undefined;
  if (flags & S_QUOTE || readsAsNonString(s, implicit)) return quoted(s, flags);
  return s;
}

/**
 * A multi-line string (no control characters) as a literal block scalar, or undefined when the
 * yaml package would double-quote it instead (a line feed followed only by spaces/tabs at the end).
 */
function literalBlock(s: string, indent: string): string | undefined {
  const n = s.length;
  // the trailing run of line feeds, spaces and tabs, and the line feeds in it
  let end = n;
  while (end > 0) {
    const c = s.charCodeAt(end - 1);
    if (c !== NL && c !== SPACE && c !== TAB) break;
    end--;
  }
  let firstNl = -1;
  let lastNl = -1;
  for (let i = end; i < n; i++) {
    if (s.charCodeAt(i) === NL) {
      if (firstNl < 0) firstNl = i;
      lastNl = i;
    }
  }
  if (lastNl >= 0 && lastNl !== n - 1) return undefined;
  let chomp: string;
  if (lastNl < 0) chomp = '-';
  else if (end === 0 || firstNl !== n - 1) chomp = '+';
  else chomp = '';
  // the indentation indicator: the text (without its trailing whitespace) starts with spaces,
  // possibly after line feeds
  let indicator = '';
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === SPACE) indicator = '2';
    else if (c !== NL) break;
  }
  // the content: without the final line feed (the document or collection adds it); every line
  // that has characters is indented, the first one always
  const content = chomp === '-' ? s : s.slice(0, n - 1);
  const m = content.length;
  let body = indent;
  let from = 0;
  for (let nl = content.indexOf('\n'); nl >= 0; nl = content.indexOf('\n', from)) {
    body += content.slice(from, nl + 1);
    from = nl + 1;
    if (from < m && content.charCodeAt(from) !== NL) body += indent;
  }
  body += content.slice(from);
  return `|${indicator}${chomp}\n${body}`;
}

// ---------------------------------------------------------------------------------------------
// The document walk. State lives in one Walk per call (no module state, so re-entrant).

class Walk {
  private readonly seen = new Set<object>();
  private readonly indents: string[] = [''];
  /** Rendered keys (null: declined); keys repeat across the objects of a fleet. */
  private readonly keys = new Map<string, string | null>();
  /** Rendered short single-line values (null: declined). */
  private readonly values = new Map<string, string | null>();

  /** Appends to `out`; after a decline, `out` holds a partial document (the caller truncates it). */
  public constructor(private readonly out: string[], private readonly implicit: readonly RegExp[]) {}

  /** Writes a top-level object or array and its final newline; false to decline. */
  public document(doc: object): boolean {
    this.seen.clear();
    if (!this.node(doc, 0, '', '')) return false;
    this.out.push('\n');
    return true;
  }

  private indent(depth: number): string {
    const indents = this.indents;
    while (indents.length <= depth) indents.push(indents[indents.length - 1] + '  ');
    return indents[depth];
  }

  /**
   * Writes `v` at `depth` (its continuation lines are indented by depth × 2): a scalar or an
   * empty collection after `inline`, a non-empty collection after `block`. False to decline.
   */
  private node(v: unknown, depth: number, inline: string, block: string): boolean {
    switch (typeof v) {
      case 'string': {
        // single-line values render the same at any depth: short ones are remembered
        const cacheable = v.length <= MAX_CACHED_VALUE_LENGTH;
        let s = cacheable ? this.values.get(v) : undefined;
        if (s === undefined) {
          s = valueScalar(v, this.indent(depth), this.implicit) ?? null;
          if (cacheable && !v.includes('\n')) {
            if (this.values.size >= MAX_CACHED) this.values.clear();
            this.values.set(v, s);
          }
        }
        if (s === null) return false;
        this.out.push(inline, s);
        return true;
      }
      case 'number':
        if (!Number.isSafeInteger(v) || Object.is(v, -0)) return false;
        this.out.push(inline, String(v));
        return true;
      case 'boolean':
        this.out.push(inline, v ? 'true' : 'false');
        return true;
      case 'undefined':
        this.out.push(inline, 'null');
        return true;
      case 'object': {
        if (v === null) {
          this.out.push(inline, 'null');
          return true;
        }
        if (depth > MAX_DEPTH || this.seen.has(v)) return false;
        this.seen.add(v);
        const proto = Object.getPrototypeOf(v);
        if (proto === Array.prototype) {
          const a = v as unknown[];
          if (a.length === 0) {
            this.out.push(inline, '[]');
            return true;
          }
          this.out.push(block);
          return this.seq(a, depth);
        }
        if (proto !== Object.prototype && proto !== null) return false;
        const keys = Object.keys(v);
        if (keys.length === 0) {
          this.out.push(inline, '{}');
          return true;
        }
        this.out.push(block);
        return this.map(v as Record<string, unknown>, keys, depth);
      }
      default:
        return false;
    }
  }

  /** A block sequence whose `- ` lines are indented by `depth`. */
  private seq(a: readonly unknown[], depth: number): boolean {
    const sep = '\n' + this.indent(depth) + '- ';
    for (let i = 0; i < a.length; i++) {
      this.out.push(i > 0 ? sep : '- ');
      if (!this.node(a[i], depth + 1, '', '')) return false;
    }
    return true;
  }

  /** A block mapping whose keys are indented by `depth`. */
  private map(o: Record<string, unknown>, keys: readonly string[], depth: number): boolean {
    const sep = '\n' + this.indent(depth);
    const block = '\n' + this.indent(depth + 1);
    const cache = this.keys;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      let k = cache.get(key);
      if (k === undefined) {
        k = keyScalar(key, this.implicit) ?? null;
        if (cache.size >= MAX_CACHED) cache.clear();
        cache.set(key, k);
      }
      if (k === null) return false;
      if (i > 0) this.out.push(sep);
      this.out.push(k, ':');
      if (!this.node(o[key], depth + 1, ' ', block)) return false;
    }
    return true;
  }
}

/**
 * Writes JSON data as YAML byte-identical to cdk8s's `Yaml.stringify`, i.e. the yaml package's
 * `stringify(doc, { keepUndefined: true, lineWidth: 0, version: '1.1' })`, without building the
 * yaml package's node tree; documents it is not sure about go to the yaml package.
 * @internal
 */
export class YamlEmitter {
  /**
   * One document as `YAML.stringify(doc, { keepUndefined: true, lineWidth: 0, version: '1.1' })`
   * writes it, or undefined when the fast path declines it (use the yaml package for that one).
   * Only plain objects and arrays are emitted at the top level.
   */
  public static document(doc: unknown): string | undefined {
    const b = yamlBinding();
    if (!b.fast || doc === null || typeof doc !== 'object') return undefined;
    const out: string[] = [];
    return new Walk(out, b.implicit).document(doc) ? out.join('') : undefined;
  }

  /**
   * Several documents exactly as cdk8s's `Yaml.stringify(...docs)` joins them: `---\n` between
   * documents, `\n` for an undefined one; the fast path for each document, the yaml package for
   * those it declines.
   */
  public static documents(docs: readonly unknown[]): string {
    const b = yamlBinding();
    const out: string[] = [];
    const parts: string[] = [];
    const walk = new Walk(parts, b.implicit);
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i];
      if (i > 0) out.push('---\n');
      if (doc === undefined) {
        out.push('\n');
        continue;
      }
      parts.length = 0;
      const fast = b.fast && doc !== null && typeof doc === 'object' && walk.document(doc);
      out.push(fast ? parts.join('') : b.yaml.stringify(doc, CDK8S_OPTIONS));
    }
    return out.join('');
  }

  /** The version of cdk8s's yaml package, and whether the fast path is on for it. */
  public static get yamlVersion(): { readonly version: string; readonly fast: boolean } {
    const b = yamlBinding();
    return { version: b.version, fast: b.fast };
  }
}
