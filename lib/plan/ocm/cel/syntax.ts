// Parsing: CEL source → our AST (part of the OCM placement simulator; see ../placement.ts).
//
// The grammar is parsed by @bufbuild/cel's parser. It lacks what cel-go's parser does with
// `cel.OptionalTypes()` enabled (the optional syntax `a.?b`, `a[?i]`, `[?x]`, `{?k: v}`), so a
// small CEL lexer here rewrites each optional marker into a reserved sentinel that the bufbuild
// grammar accepts, and the conversion below turns the sentinels back into cel-go's AST shapes
// (`_?._`, `_[?_]`, optional list indices, optional map entries). The lexer also applies cel-go
// parser checks bufbuild does not make: escape sequences, reserved identifiers, int/uint literal
// ranges, the 100,000 code point limit (cel-go parser/parser.go, parser/unescape.go,
// parser/gen/CEL.g4), and it removes the `existsOne` macro, which cel-go's default macro set does
// not have (cel/macro.go StandardMacros), and adds `optMap`/`optFlatMap` (cel/library.go).
import { parse as bufParse } from '@bufbuild/cel';
import { CelVal, INT64_MAX, INT64_MIN, UINT64_MAX, Uint } from './values';

/** Our AST. Ids are unique per expression and map to source offsets. */
export type Expr =
  | { readonly k: 'lit'; readonly id: number; readonly v: CelVal }
  | { readonly k: 'ident'; readonly id: number; readonly name: string }
  | { readonly k: 'select'; readonly id: number; readonly operand: Expr; readonly field: string; readonly test: boolean }
  | { readonly k: 'call'; readonly id: number; readonly fn: string; readonly target?: Expr; readonly args: readonly Expr[] }
  | { readonly k: 'list'; readonly id: number; readonly elems: readonly Expr[]; readonly optional: readonly number[] }
  | { readonly k: 'map'; readonly id: number; readonly entries: readonly MapEntry[] }
  | { readonly k: 'struct'; readonly id: number; readonly name: string; readonly fields: readonly { field: string; value: Expr; optional: boolean }[] }
  | Comprehension;

export interface MapEntry {
  readonly key: Expr;
  readonly value: Expr;
  readonly optional: boolean;
}

export interface Comprehension {
  readonly k: 'comp';
  readonly id: number;
  readonly iterVar: string;
  readonly iterRange: Expr;
  readonly accuVar: string;
  readonly accuInit: Expr;
  readonly cond: Expr;
  readonly step: Expr;
  readonly result: Expr;
}

/** A parsed expression with the source offset of each node. */
export interface ParsedCel {
  readonly expr: Expr;
  readonly source: string;
  /** Node id → offset in `source`. */
  readonly offsets: ReadonlyMap<number, number>;
}

/** A syntax error in cel-go's report format. */
export class CelSyntaxError extends Error {
  constructor(public readonly offset: number, message: string) {
    super(message);
  }
}

const RESERVED = new Set([
  'as', 'break', 'const', 'continue', 'else', 'false', 'for', 'function', 'if', 'import', 'in', 'let',
  'loop', 'package', 'namespace', 'null', 'return', 'true', 'var', 'void', 'while',
]);
/** Identifiers that cannot end an operand (so a following `[` opens a list literal). */
const NON_OPERAND_WORDS = new Set(['in']);
const EXPRESSION_SIZE_LIMIT = 100_000;

type TokKind = 'ident' | 'number' | 'string' | 'punct' | 'ws';
interface Tok {
  readonly kind: TokKind;
  readonly text: string;
  readonly start: number;
}

function isIdentStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
}
function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}
function isHex(c: string): boolean {
  return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

const PUNCT2 = new Set(['==', '!=', '<=', '>=', '&&', '||']);

/** Splits CEL source into tokens (cel-go parser/gen/CEL.g4 lexer rules), checking escapes. */
function lex(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    const start = i;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') {
      while (i < src.length && ' \t\n\r\f'.includes(src[i])) i++;
      out.push({ kind: 'ws', text: src.slice(start, i), start });
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
      out.push({ kind: 'ws', text: src.slice(start, i), start });
      continue;
    }
    // String and bytes literals with optional r/b prefixes.
    let p = i;
    let raw = false;
    let bytes = false;
    while (p < src.length && p - i < 2 && 'rRbB'.includes(src[p])) {
      if (src[p] === 'r' || src[p] === 'R') raw = true;
      else bytes = true;
      p++;
    }
    if (src[p] === '"' || src[p] === "'") {
      const q = src[p];
      const triple = src.startsWith(q + q + q, p);
      let j = p + (triple ? 3 : 1);
      for (;;) {
        if (j >= src.length) throw new CelSyntaxError(start, `Syntax error: token recognition error at: '${src.slice(start, j)}'`);
        const d = src[j];
        if (triple ? src.startsWith(q + q + q, j) : d === q) {
          j += triple ? 3 : 1;
          break;
        }
        if (!triple && (d === '\n' || d === '\r')) throw new CelSyntaxError(start, `Syntax error: token recognition error at: '${src.slice(start, j)}'`);
        if (d === '\\' && !raw) {
          j = checkEscape(src, j, bytes, start);
          continue;
        }
        j++;
      }
      out.push({ kind: 'string', text: src.slice(i, j), start });
      i = j;
      continue;
    }
    if (isIdentStart(c)) {
      while (i < src.length && (isIdentStart(src[i]) || isDigit(src[i]))) i++;
      out.push({ kind: 'ident', text: src.slice(start, i), start });
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(src[i + 1] ?? ''))) {
      if (c === '0' && (src[i + 1] === 'x' || src[i + 1] === 'X')) {
        i += 2;
        while (i < src.length && isHex(src[i])) i++;
      } else {
        while (i < src.length && isDigit(src[i])) i++;
        if (src[i] === '.' && isDigit(src[i + 1] ?? '')) {
          i++;
          while (i < src.length && isDigit(src[i])) i++;
        }
        if (src[i] === 'e' || src[i] === 'E') {
          let k = i + 1;
          if (src[k] === '+' || src[k] === '-') k++;
          if (isDigit(src[k] ?? '')) {
            i = k;
            while (i < src.length && isDigit(src[i])) i++;
          }
        }
      }
      if (src[i] === 'u' || src[i] === 'U') i++;
      out.push({ kind: 'number', text: src.slice(start, i), start });
      continue;
    }
    const two = src.slice(i, i + 2);
    if (PUNCT2.has(two)) {
      out.push({ kind: 'punct', text: two, start });
      i += 2;
      continue;
    }
    if ('<>!+-*/%?:.,()[]{}'.includes(c)) {
      out.push({ kind: 'punct', text: c, start });
      i++;
      continue;
    }
    throw new CelSyntaxError(start, `Syntax error: token recognition error at: '${c}'`);
  }
  return out;
}

/** Validates one escape sequence at `src[j] === '\\'`; returns the index after it (cel-go ESC_SEQ). */
function checkEscape(src: string, j: number, bytes: boolean, litStart: number): number {
  const e = src[j + 1] ?? '';
  // ANTLR reports the literal up to and including the character it could not take.
  const bad = (failAt: number): never => {
    throw new CelSyntaxError(litStart, `Syntax error: token recognition error at: '${src.slice(litStart, failAt + 1)}'`);
  };
  if ('abfnrtv"\'\\?`'.includes(e) && e !== '') return j + 2;
  if (e === 'x' || e === 'X') {
    for (let k = 2; k < 4; k++) if (!isHex(src[j + k] ?? '')) bad(j + k);
    return j + 4;
  }
  if (e === 'u' || e === 'U') {
    const n = e === 'u' ? 4 : 8;
    for (let k = 0; k < n; k++) if (!isHex(src[j + 2 + k] ?? '')) bad(j + 2 + k);
    if (bytes) throw new CelSyntaxError(litStart, 'Syntax error: \\u and \\U escapes are not allowed in bytes literals');
    const cp = parseInt(src.slice(j + 2, j + 2 + n), 16);
    if ((cp >= 0xd800 && cp < 0xe000) || cp > 0x10ffff) throw new CelSyntaxError(litStart, 'Syntax error: invalid unicode code point');
    return j + 2 + n;
  }
  if (e >= '0' && e <= '3') {
    for (let k = 2; k < 4; k++) if (!((src[j + k] ?? '') >= '0' && (src[j + k] ?? '') <= '7')) bad(j + k);
    return j + 4;
  }
  return bad(j + 1);
}

interface Frame {
  readonly kind: 'paren' | 'index' | 'list' | 'map' | 'struct';
  /** An index `[?` opened the sentinel call: close it before `]`. */
  closeIndex?: boolean;
  /** An optional element/key sentinel call is open. */
  elemOpen?: boolean;
  /** Ternary `?` seen at this depth and not yet matched by `:`. */
  ternaries: number;
}

interface Sentinels {
  readonly select: string;
  readonly index: string;
  readonly elem: string;
}

function pickSentinels(src: string): Sentinels {
  let base = '__cdkfleet_opt';
  for (let n = 0; src.includes(base); n++) base = `__cdkfleet_opt${n}`;
  return { select: `${base}_sel_`, index: `${base}_idx`, elem: `${base}_elem` };
}

/** Rewrites the optional syntax into sentinels; returns the new source and a map of offsets back. */
function rewrite(src: string, toks: readonly Tok[], s: Sentinels): { text: string; back: number[] } {
  let text = '';
  const back: number[] = [];
  const emit = (t: string, origin: number, copy: boolean): void => {
    for (let k = 0; k < t.length; k++) back.push(copy ? origin + k : origin);
    text += t;
  };
  const stack: Frame[] = [];
  const top = (): Frame | undefined => stack[stack.length - 1];
  let prev: Tok | undefined;
  const nextSig = (idx: number): Tok | undefined => {
    for (let k = idx + 1; k < toks.length; k++) if (toks[k].kind !== 'ws') return toks[k];
    return undefined;
  };
  for (let idx = 0; idx < toks.length; idx++) {
    const t = toks[idx];
    if (t.kind === 'ws') {
      emit(t.text, t.start, true);
      continue;
    }
    const operandEnd = prev !== undefined && (
      (prev.kind === 'ident' && !NON_OPERAND_WORDS.has(prev.text)) || prev.kind === 'number' || prev.kind === 'string' ||
      (prev.kind === 'punct' && (prev.text === ')' || prev.text === ']' || prev.text === '}')));
    const following = nextSig(idx);
    const skipTo = (tok: Tok): void => {
      // skip whitespace and the `?` token itself (keeping offsets of skipped whitespace)
      while (idx + 1 < toks.length && toks[idx + 1] !== tok) {
        idx++;
        emit(toks[idx].text, toks[idx].start, true);
      }
      idx++;
    };
    if (t.kind === 'punct') {
      switch (t.text) {
        case '(':
          stack.push({ kind: 'paren', ternaries: 0 });
          break;
        case ')':
          stack.pop();
          break;
        case '[': {
          const f: Frame = { kind: operandEnd ? 'index' : 'list', ternaries: 0 };
          stack.push(f);
          emit('[', t.start, true);
          if (following?.kind === 'punct' && following.text === '?') {
            skipTo(following);
            if (f.kind === 'index') {
              emit(`${s.index}(`, following.start, false);
              f.closeIndex = true;
            } else {
              emit(`${s.elem}(`, following.start, false);
              f.elemOpen = true;
            }
          }
          prev = t;
          continue;
        }
        case ']': {
          const f = stack.pop();
          if (f?.elemOpen) emit(')', t.start, false);
          if (f?.closeIndex) emit(')', t.start, false);
          break;
        }
        case '{': {
          const f: Frame = { kind: prev?.kind === 'ident' && !NON_OPERAND_WORDS.has(prev.text) ? 'struct' : 'map', ternaries: 0 };
          stack.push(f);
          emit('{', t.start, true);
          if (following?.kind === 'punct' && following.text === '?') {
            skipTo(following);
            emit(`${s.elem}(`, following.start, false);
            f.elemOpen = true;
          }
          prev = t;
          continue;
        }
        case '}': {
          const f = stack.pop();
          if (f?.elemOpen) emit(')', t.start, false);
          break;
        }
        case ',': {
          const f = top();
          if (f && (f.kind === 'list' || f.kind === 'map' || f.kind === 'struct')) {
            if (f.elemOpen) emit(')', t.start, false);
            f.elemOpen = false;
            f.ternaries = 0;
            emit(',', t.start, true);
            if (following?.kind === 'punct' && following.text === '?') {
              skipTo(following);
              emit(`${s.elem}(`, following.start, false);
              f.elemOpen = true;
            }
            prev = t;
            continue;
          }
          break;
        }
        case '?': {
          const f = top();
          if (f) f.ternaries++;
          break;
        }
        case ':': {
          const f = top();
          if (f && f.ternaries > 0) f.ternaries--;
          else if (f && f.elemOpen && (f.kind === 'map' || f.kind === 'struct')) {
            emit(')', t.start, false);
            f.elemOpen = false;
          }
          break;
        }
        case '.': {
          if (following?.kind === 'punct' && following.text === '?') {
            const after = nextSig(toks.indexOf(following));
            if (after?.kind === 'ident') {
              emit('.', t.start, true);
              skipTo(following);
              while (idx + 1 < toks.length && toks[idx + 1].kind === 'ws') idx++;
              emit(s.select, following.start, false);
              prev = t;
              continue;
            }
          }
          break;
        }
        default:
          break;
      }
    }
    emit(t.text, t.start, true);
    prev = t;
  }
  back.push(src.length);
  return { text, back };
}

/** Checks identifiers in primary position against cel-go's reserved words. */
function checkReserved(toks: readonly Tok[]): void {
  let prev: Tok | undefined;
  for (const t of toks) {
    if (t.kind === 'ws') continue;
    if (t.kind === 'ident' && RESERVED.has(t.text) && !['true', 'false', 'null', 'in'].includes(t.text) && !(prev?.kind === 'punct' && prev.text === '.')) {
      throw new CelSyntaxError(t.start, `reserved identifier: ${t.text}`);
    }
    prev = t;
  }
}

/** Parses a CEL expression the way cel-go's parser does in OCM's environment. */
export function parseCel(source: string): ParsedCel {
  if ([...source].length > EXPRESSION_SIZE_LIMIT) {
    throw new CelSyntaxError(0, `expression code point size exceeds limit: size: ${[...source].length}, limit ${EXPRESSION_SIZE_LIMIT}`);
  }
  const toks = lex(source);
  checkReserved(toks);
  const s = pickSentinels(source);
  const { text, back } = rewrite(source, toks, s);
  let parsed: ReturnType<typeof bufParse>;
  try {
    parsed = bufParse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const m = /^<input>:(\d+):(\d+): (.*)$/s.exec(msg);
    let off = 0;
    if (m) {
      const lines = text.split('\n');
      let o = 0;
      for (let l = 0; l < Number(m[1]) - 1 && l < lines.length; l++) o += lines[l].length + 1;
      off = back[Math.min(o + Number(m[2]) - 1, back.length - 1)] ?? 0;
    }
    throw new CelSyntaxError(off, `Syntax error: ${m ? m[3] : msg}`);
  }
  const offsets = new Map<number, number>();
  for (const [id, pos] of Object.entries(parsed.sourceInfo?.positions ?? {})) {
    offsets.set(Number(id), back[Math.min(Number(pos), back.length - 1)] ?? 0);
  }
  const conv = new Converter(s, offsets, parsed.sourceInfo?.macroCalls ?? {});
  const expr = conv.expr(parsed.expr as unknown as BufExpr);
  alignPositions(expr, source, offsets);
  return { expr, source, offsets };
}

interface BufExpr {
  id: bigint;
  exprKind: { case: string | undefined; value?: any };
}

class Converter {
  private nextId: number;
  constructor(private readonly s: Sentinels, private readonly offsets: Map<number, number>, private readonly macroCalls: Record<string, unknown>) {
    let max = 0;
    for (const id of offsets.keys()) max = Math.max(max, id);
    this.nextId = max + 1;
  }

  private fresh(near: number): number {
    const id = this.nextId++;
    this.offsets.set(id, this.offsets.get(near) ?? 0);
    return id;
  }

  private fail(id: number, msg: string): never {
    throw new CelSyntaxError(this.offsets.get(id) ?? 0, msg);
  }

  public expr(e: BufExpr | undefined): Expr {
    if (!e) throw new CelSyntaxError(0, 'Syntax error: empty expression');
    const id = Number(e.id);
    const v = e.exprKind.value;
    switch (e.exprKind.case) {
      case 'constExpr':
        return { k: 'lit', id, v: this.constant(id, v) };
      case 'identExpr': {
        const name = v.name as string;
        if (name.startsWith(this.s.index) || name.startsWith(this.s.elem) || name.startsWith(this.s.select)) this.fail(id, 'Syntax error: unexpected optional marker');
        return { k: 'ident', id, name };
      }
      case 'selectExpr': {
        const field = v.field as string;
        const operand = this.expr(v.operand);
        if (field.startsWith(this.s.select)) {
          if (v.testOnly) this.fail(id, 'invalid argument to has() macro');
          const name = field.slice(this.s.select.length);
          return { k: 'call', id, fn: '_?._', args: [operand, { k: 'lit', id: this.fresh(id), v: name }] };
        }
        return { k: 'select', id, operand, field, test: !!v.testOnly };
      }
      case 'callExpr':
        return this.call(id, v);
      case 'listExpr': {
        const elems: Expr[] = [];
        const optional: number[] = [];
        (v.elements as BufExpr[]).forEach((el, i) => {
          const inner = this.unwrapElem(el);
          if (inner) {
            optional.push(i);
            elems.push(this.expr(inner));
          } else elems.push(this.expr(el));
        });
        return { k: 'list', id, elems, optional };
      }
      case 'structExpr': {
        if (v.messageName) {
          return {
            k: 'struct', id, name: v.messageName as string,
            fields: (v.entries as any[]).map((en) => ({ field: en.keyKind.value as string, value: this.expr(en.value), optional: !!en.optionalEntry })),
          };
        }
        const entries: MapEntry[] = (v.entries as any[]).map((en) => {
          const keyExpr = en.keyKind.value as BufExpr;
          const inner = this.unwrapElem(keyExpr);
          return { key: this.expr(inner ?? keyExpr), value: this.expr(en.value), optional: inner !== undefined || !!en.optionalEntry };
        });
        return { k: 'map', id, entries };
      }
      case 'comprehensionExpr':
        return this.comprehension(id, v);
      default:
        return this.fail(id, 'Syntax error: unsupported expression');
    }
  }

  private unwrapElem(e: BufExpr): BufExpr | undefined {
    if (e.exprKind.case === 'callExpr' && e.exprKind.value.function === this.s.elem && !e.exprKind.value.target) {
      const args = e.exprKind.value.args as BufExpr[];
      if (args.length !== 1) this.fail(Number(e.id), 'Syntax error: bad optional element');
      return args[0];
    }
    return undefined;
  }

  private constant(id: number, c: any): CelVal {
    const kind = c.constantKind;
    switch (kind.case) {
      case 'boolValue':
      case 'stringValue':
      case 'doubleValue':
        return kind.value;
      case 'bytesValue':
        return new Uint8Array(kind.value);
      case 'nullValue':
        return null;
      case 'int64Value': {
        const n = BigInt(kind.value);
        if (n < INT64_MIN || n > INT64_MAX) this.fail(id, `invalid int literal`);
        return n;
      }
      case 'uint64Value': {
        const n = BigInt(kind.value);
        if (n < 0n || n > UINT64_MAX) this.fail(id, `invalid uint literal`);
        return new Uint(n);
      }
      default:
        return this.fail(id, `Syntax error: unsupported literal ${String(kind.case)}`);
    }
  }

  private call(id: number, v: any): Expr {
    const fn = v.function as string;
    if (fn.startsWith(this.s.select)) this.fail(id, 'Syntax error: mismatched input \'(\'');
    if (fn === this.s.elem) this.fail(id, 'Syntax error: unexpected optional marker');
    const target = v.target ? this.expr(v.target) : undefined;
    const rawArgs = v.args as BufExpr[];
    if (fn === '_[_]' && rawArgs.length === 2) {
      const idx = rawArgs[1];
      if (idx.exprKind.case === 'callExpr' && idx.exprKind.value.function === this.s.index && !idx.exprKind.value.target) {
        const inner = idx.exprKind.value.args as BufExpr[];
        if (inner.length !== 1) this.fail(id, 'Syntax error: bad optional index');
        return { k: 'call', id, fn: '_[?_]', args: [this.expr(rawArgs[0]), this.expr(inner[0])] };
      }
    }
    if (fn === this.s.index) this.fail(id, 'Syntax error: unexpected optional marker');
    const args = rawArgs.map((a) => this.expr(a));
    if (target && (fn === 'optMap' || fn === 'optFlatMap') && args.length === 2) return this.optMacro(id, fn, target, args);
    return { k: 'call', id, fn, target, args };
  }

  /** cel-go cel/library.go optMap / optFlatMap expansions. */
  private optMacro(id: number, fn: string, target: Expr, args: readonly Expr[]): Expr {
    const v = args[0];
    if (v.k !== 'ident') this.fail(v.id, `${fn}() variable name must be a simple identifier`);
    const comp: Comprehension = {
      k: 'comp', id: this.fresh(id), iterVar: '#unused', iterRange: { k: 'list', id: this.fresh(id), elems: [], optional: [] },
      accuVar: v.name, accuInit: { k: 'call', id: this.fresh(id), fn: 'value', target, args: [] },
      cond: { k: 'lit', id: this.fresh(id), v: false }, step: { k: 'ident', id: this.fresh(id), name: v.name }, result: args[1],
    };
    const hasValue: Expr = { k: 'call', id: this.fresh(id), fn: 'hasValue', target, args: [] };
    const none: Expr = { k: 'call', id: this.fresh(id), fn: 'optional.none', args: [] };
    const some: Expr = fn === 'optMap' ? { k: 'call', id: this.fresh(id), fn: 'optional.of', args: [comp] } : comp;
    return { k: 'call', id, fn: '_?_:_', args: [hasValue, some, none] };
  }

  private comprehension(id: number, v: any): Expr {
    const macro = this.macroCalls[String(id)] as { exprKind?: { value?: { function?: string; args?: BufExpr[] } } } | undefined;
    const range = this.expr(v.iterRange);
    if (macro?.exprKind?.value?.function === 'existsOne') {
      // Not a macro in cel-go's standard set: a call to an undeclared function.
      let args: Expr[];
      try {
        args = (macro.exprKind.value.args ?? []).map((a) => this.expr(a));
      } catch {
        args = [{ k: 'ident', id: this.fresh(id), name: v.iterVar as string }];
      }
      return { k: 'call', id, fn: 'existsOne', target: range, args };
    }
    if (v.iterVar2) this.fail(id, 'Syntax error: two-variable comprehensions are not enabled');
    return {
      k: 'comp', id, iterVar: v.iterVar as string, iterRange: range, accuVar: v.accuVar as string,
      accuInit: this.expr(v.accuInit), cond: this.expr(v.loopCondition), step: this.expr(v.loopStep), result: this.expr(v.result),
    };
  }
}

/**
 * Moves call positions to where cel-go reports them: an operator's own token (bufbuild points at
 * the space before it) and a named call's `(`, a struct literal's `{`.
 */
function alignPositions(root: Expr, source: string, offsets: Map<number, number>): void {
  const skipWs = (o: number): number => {
    while (o < source.length && ' \t\r\n\f'.includes(source[o])) o++;
    return o;
  };
  walkExpr(root, (e) => {
    if (e.k === 'call') {
      let at = offsets.get(e.id);
      if (at !== undefined) {
        if (/^[_@!-]/.test(e.fn)) offsets.set(e.id, skipWs(at));
        else {
          if (source[at] === '.') at = skipWs(at + 1);
          if (source.startsWith(e.fn, at)) offsets.set(e.id, skipWs(at + e.fn.length));
        }
      }
    } else if (e.k === 'struct') {
      const at = offsets.get(e.id);
      if (at !== undefined && source.startsWith(e.name, at)) offsets.set(e.id, skipWs(at + e.name.length));
    }
  });
}

/** The direct subexpressions of `e`, in source order. */
export function childrenOf(e: Expr): readonly Expr[] {
  switch (e.k) {
    case 'call':
      return e.target ? [e.target, ...e.args] : e.args;
    case 'select':
      return [e.operand];
    case 'list':
      return e.elems;
    case 'map':
      return e.entries.flatMap((en) => [en.key, en.value]);
    case 'struct':
      return e.fields.map((f) => f.value);
    case 'comp':
      return [e.iterRange, e.accuInit, e.cond, e.step, e.result];
    default:
      return [];
  }
}

/** Visits `root` and every subexpression, parents first; `visit` returning false stops the walk. */
export function walkExpr(root: Expr, visit: (e: Expr) => boolean | void): void {
  const go = (e: Expr): boolean => {
    if (visit(e) === false) return false;
    for (const c of childrenOf(e)) if (!go(c)) return false;
    return true;
  };
  go(root);
}

/** 1-based line and column of an offset (cel-go common.Location, columns counted in code points). */
export function location(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: [...source.slice(lineStart, offset)].length + 1 };
}

/** cel-go's error report: `ERROR: <input>:L:C: msg` followed by the source line and a caret. */
export function formatIssue(source: string, offset: number, message: string): string {
  const { line, column } = location(source, offset);
  const text = source.split('\n')[line - 1] ?? '';
  const caret = `${'.'.repeat(Math.max(0, column - 1))}^`;
  return `ERROR: <input>:${line}:${column}: ${message}\n | ${text}\n | ${caret}`;
}
