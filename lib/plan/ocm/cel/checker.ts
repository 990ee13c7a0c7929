// The CEL type checker (part of the OCM placement simulator; see ../placement.ts).
//
// A port of the decisions cel-go v0.29.2 makes in checker/checker.go and checker/env.go, in our own
// code: identifiers resolve to comprehension variables, then declared variables, then type names;
// select chains may name a qualified identifier (`net.IP`); calls resolve to the overloads whose
// argument types unify with the checked argument types (type parameters substituted per call);
// list and map literals join element types to dyn when they differ (no homogeneous-literal option
// in OCM's environment); comprehensions type their variables from the range. Every reported error
// makes the expression fail to compile, which upstream turns into a Misconfigured placement.
import { CelDecls, FunctionDecl, OverloadDecl, Resolution } from './decls';
import { Comprehension, Expr } from './syntax';
import {
  CelType, Mapping, T, exactType, formatType, internalIsAssignable, internalIsAssignableList, isDyn, isDynOrError, isOptional,
  listOf, mapOf, mostGeneral, optionalOf, substitute, typeParam,
} from './types';

/** How an identifier (or a select chain folded into one) resolved. */
export type IdentRef =
  | { readonly kind: 'var'; readonly name: string }
  | { readonly kind: 'local'; readonly name: string }
  | { readonly kind: 'type'; readonly name: string };

export interface CheckIssue {
  readonly id: number;
  readonly message: string;
}

export interface CheckResult {
  readonly issues: readonly CheckIssue[];
  readonly types: ReadonlyMap<number, CelType>;
  readonly idents: ReadonlyMap<number, IdentRef>;
  readonly calls: ReadonlyMap<number, Resolution>;
}

/** Type-checks `expr` in `decls`. */
export function checkCel(decls: CelDecls, expr: Expr): CheckResult {
  const c = new Checker(decls);
  c.check(expr);
  const types = new Map<number, CelType>();
  for (const [id, t] of c.types) types.set(id, substitute(c.mappings, t, true));
  return { issues: c.issues, types, idents: c.idents, calls: c.calls };
}

class Checker {
  public readonly issues: CheckIssue[] = [];
  public readonly types = new Map<number, CelType>();
  public readonly idents = new Map<number, IdentRef>();
  public readonly calls = new Map<number, Resolution>();
  public mappings = new Mapping();
  private scopes: Map<string, CelType>[] = [];
  private freeVars = 0;

  constructor(private readonly decls: CelDecls) {}

  private error(id: number, message: string): void {
    this.issues.push({ id, message });
  }

  private setType(e: Expr, t: CelType): void {
    this.types.set(e.id, t);
  }

  private getType(e: Expr): CelType {
    return this.types.get(e.id) ?? T.ERROR;
  }

  private newTypeVar(): CelType {
    return typeParam(`_var${this.freeVars++}`);
  }

  private isAssignable(t1: CelType, t2: CelType): boolean {
    const m = this.mappings.copy();
    if (internalIsAssignable(m, t1, t2)) {
      this.mappings = m;
      return true;
    }
    return false;
  }

  private isAssignableList(l1: readonly CelType[], l2: readonly CelType[]): boolean {
    const m = this.mappings.copy();
    if (internalIsAssignableList(m, l1, l2)) {
      this.mappings = m;
      return true;
    }
    return false;
  }

  private lookupLocal(name: string): CelType | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const t = this.scopes[i].get(name);
      if (t !== undefined) return t;
    }
    return undefined;
  }

  private lookupGlobal(name: string): IdentRef & { type: CelType } | undefined {
    const v = this.decls.variables.get(name);
    if (v !== undefined) return { kind: 'var', name, type: v };
    const t = this.decls.typeIdents.get(name);
    if (t !== undefined) return { kind: 'type', name, type: t };
    return undefined;
  }

  private resolveSimple(name: string): IdentRef & { type: CelType } | undefined {
    const local = this.lookupLocal(name);
    if (local !== undefined) return { kind: 'local', name, type: local };
    return this.lookupGlobal(name);
  }

  public check(e: Expr): void {
    switch (e.k) {
      case 'lit':
        this.setType(e, literalType(e.v));
        return;
      case 'ident': {
        const r = this.resolveSimple(e.name);
        if (r) {
          this.setType(e, r.type);
          this.idents.set(e.id, { kind: r.kind, name: r.name } as IdentRef);
        } else {
          this.setType(e, T.ERROR);
          this.error(e.id, `undeclared reference to '${e.name}' (in container '')`);
        }
        return;
      }
      case 'select':
        this.checkSelect(e);
        return;
      case 'call':
        this.checkCall(e);
        return;
      case 'list':
        this.checkList(e);
        return;
      case 'map':
        this.checkMap(e);
        return;
      case 'struct':
        for (const f of e.fields) this.check(f.value);
        // No message types are registered in OCM's environment.
        if (this.decls.typeIdents.has(e.name)) this.error(e.id, `'${e.name}' is not a message type`);
        else this.error(e.id, `undeclared reference to '${e.name}' (in container '')`);
        this.setType(e, T.ERROR);
        return;
      case 'comp':
        this.checkComprehension(e);
        return;
    }
  }

  private qualifiers(e: Expr): string[] | undefined {
    const out: string[] = [];
    let cur: Expr = e;
    while (cur.k === 'select') {
      if (cur.test) return undefined;
      out.push(cur.field);
      cur = cur.operand;
    }
    if (cur.k !== 'ident') return undefined;
    out.push(cur.name);
    return out.reverse();
  }

  private checkSelect(e: Extract<Expr, { k: 'select' }>): void {
    const q = this.qualifiers(e);
    if (q && this.lookupLocal(q[0]) === undefined) {
      const r = this.lookupGlobal(q.join('.'));
      if (r) {
        this.setType(e, r.type);
        this.idents.set(e.id, { kind: r.kind, name: r.name } as IdentRef);
        return;
      }
    }
    let t = this.checkSelectField(e.id, e.operand, e.field, false);
    if (e.test) t = T.BOOL;
    this.setType(e, substitute(this.mappings, t, false));
  }

  private checkSelectField(id: number, operand: Expr, field: string, optional: boolean): CelType {
    void field; // struct field lookup: no library type here has fields
    this.check(operand);
    const operandType = substitute(this.mappings, this.getType(operand), false);
    const opt = isOptional(operandType);
    const target = opt ? operandType.params[0] : operandType;
    let result: CelType;
    switch (target.kind) {
      case 'map':
        result = target.params[1];
        break;
      case 'struct':
        // Library object types (kubernetes.Quantity, ...) have no fields the provider knows.
        this.error(id, `unexpected failed resolution of '${target.name}'`);
        result = T.ERROR;
        break;
      case 'typeParam':
        this.isAssignable(T.DYN, target);
        result = T.DYN;
        break;
      default:
        if (!isDynOrError(target)) this.error(id, `type '${formatType(target)}' does not support field selection`);
        result = T.DYN;
    }
    return opt || optional ? optionalOf(result) : result;
  }

  private checkOptSelect(e: Extract<Expr, { k: 'call' }>): void {
    const [operand, field] = e.args;
    if (e.args.length !== 2 || e.target || field.k !== 'lit' || typeof field.v !== 'string') {
      this.error(e.id, 'unsupported optional field selection');
      this.setType(e, T.ERROR);
      return;
    }
    const t = this.checkSelectField(e.id, operand, field.v, true);
    this.setType(e, substitute(this.mappings, t, false));
  }

  private checkCall(e: Extract<Expr, { k: 'call' }>): void {
    if (e.fn === '_?._') {
      this.checkOptSelect(e);
      return;
    }
    for (const a of e.args) this.check(a);
    if (!e.target) {
      const fn = this.decls.functions.get(e.fn);
      if (!fn) {
        this.error(e.id, `undeclared reference to '${e.fn}' (in container '')`);
        this.setType(e, T.ERROR);
        return;
      }
      this.resolve(e, fn, undefined);
      return;
    }
    const q = this.qualifiers(e.target);
    if (q && this.lookupLocal(q[0]) === undefined) {
      const fn = this.decls.functions.get(`${q.join('.')}.${e.fn}`);
      if (fn) {
        this.resolve(e, fn, undefined, true);
        return;
      }
    }
    this.check(e.target);
    const fn = this.decls.functions.get(e.fn);
    if (fn) {
      this.resolve(e, fn, e.target);
      return;
    }
    this.setType(e, T.ERROR);
    this.error(e.id, `undeclared reference to '${e.fn}' (in container '')`);
  }

  private resolve(e: Extract<Expr, { k: 'call' }>, fn: FunctionDecl, target: Expr | undefined, qualified = false): void {
    const argTypes: CelType[] = [];
    if (target) argTypes.push(this.getType(target));
    for (const a of e.args) argTypes.push(this.getType(a));
    let result: CelType | undefined;
    const candidates: OverloadDecl[] = [];
    for (const o of fn.overloads) {
      if (o.checkerDisabled) continue;
      if (o.member !== (target !== undefined)) continue;
      if (fn.name === '_&&_' || fn.name === '_||_') {
        let bad = false;
        argTypes.forEach((t, i) => {
          if (!this.isAssignable(t, T.BOOL)) {
            this.error(e.args[i].id, `expected type '${formatType(T.BOOL)}' but found '${formatType(t)}'`);
            bad = true;
          }
        });
        this.setType(e, bad ? T.ERROR : T.BOOL);
        if (!bad) this.calls.set(e.id, { fn, candidates: [o] });
        return;
      }
      // Fresh type variables for the overload's type parameters.
      const subs = new Mapping();
      for (const p of typeParamsOf(o)) subs.add(typeParam(p), this.newTypeVar());
      const params = o.args.map((t) => substitute(subs, t, false));
      const res = substitute(subs, o.result, false);
      if (this.isAssignableList(argTypes, params)) {
        candidates.push(o);
        const r = substitute(this.mappings, res, false);
        if (result === undefined) result = r;
        else if (!isDyn(result) && !exactType(r, result)) result = T.DYN;
      }
    }
    if (result === undefined) {
      const shown = argTypes.map((t) => formatType(substitute(this.mappings, t, true)));
      const sig = target ? `${shown[0]}.(${shown.slice(1).join(', ')})` : `(${shown.join(', ')})`;
      this.error(e.id, `found no matching overload for '${fn.name}' applied to '${sig}'`);
      this.setType(e, T.ERROR);
      return;
    }
    this.calls.set(e.id, { fn, candidates, qualified });
    this.setType(e, result);
  }

  private joinTypes(prev: CelType | undefined, cur: CelType): CelType {
    if (prev === undefined) return cur;
    if (this.isAssignable(prev, cur)) return mostGeneral(prev, cur);
    return T.DYN;
  }

  private checkList(e: Extract<Expr, { k: 'list' }>): void {
    let elemType: CelType | undefined;
    const optional = new Set(e.optional);
    e.elems.forEach((el, i) => {
      this.check(el);
      let t = this.getType(el);
      if (optional.has(i)) {
        if (isOptional(t)) t = t.params[0];
        else if (!isDyn(t)) this.error(el.id, `expected type '${formatType(optionalOf(t))}' but found '${formatType(t)}'`);
      }
      elemType = this.joinTypes(elemType, t);
    });
    this.setType(e, listOf(elemType ?? this.newTypeVar()));
  }

  private checkMap(e: Extract<Expr, { k: 'map' }>): void {
    let keyType: CelType | undefined;
    let valueType: CelType | undefined;
    for (const en of e.entries) {
      this.check(en.key);
      keyType = this.joinTypes(keyType, this.getType(en.key));
      this.check(en.value);
      let t = this.getType(en.value);
      if (en.optional) {
        if (isOptional(t)) t = t.params[0];
        else if (!isDyn(t)) this.error(en.value.id, `expected type '${formatType(optionalOf(t))}' but found '${formatType(t)}'`);
      }
      valueType = this.joinTypes(valueType, t);
    }
    if (keyType === undefined || valueType === undefined) {
      keyType = this.newTypeVar();
      valueType = this.newTypeVar();
    }
    this.setType(e, mapOf(keyType, valueType));
  }

  private checkComprehension(e: Comprehension): void {
    this.check(e.iterRange);
    this.check(e.accuInit);
    const rangeType = substitute(this.mappings, this.getType(e.iterRange), false);
    const accuType = this.getType(e.accuInit);
    this.scopes.push(new Map([[e.accuVar, accuType]]));
    let varType: CelType;
    switch (rangeType.kind) {
      case 'list':
      case 'map':
        varType = rangeType.params[0];
        break;
      case 'dyn':
      case 'error':
      case 'typeParam':
        this.isAssignable(T.DYN, rangeType);
        varType = T.DYN;
        break;
      default:
        this.error(e.iterRange.id, `expression of type '${formatType(rangeType)}' cannot be range of a comprehension (must be list, map, or dynamic)`);
        varType = T.ERROR;
    }
    this.scopes.push(new Map([[e.iterVar, varType]]));
    this.check(e.cond);
    this.assertType(e.cond, T.BOOL);
    this.check(e.step);
    this.assertType(e.step, accuType);
    this.scopes.pop();
    this.check(e.result);
    this.scopes.pop();
    this.setType(e, substitute(this.mappings, this.getType(e.result), false));
  }

  private assertType(e: Expr, t: CelType): void {
    const actual = this.getType(e);
    if (!this.isAssignable(t, actual)) this.error(e.id, `expected type '${formatType(t)}' but found '${formatType(actual)}'`);
  }
}

function literalType(v: unknown): CelType {
  if (v === null) return T.NULL;
  switch (typeof v) {
    case 'boolean':
      return T.BOOL;
    case 'bigint':
      return T.INT;
    case 'number':
      return T.DOUBLE;
    case 'string':
      return T.STRING;
    default:
      return v instanceof Uint8Array ? T.BYTES : T.UINT;
  }
}

const paramCache = new WeakMap<OverloadDecl, string[]>();

/** The type parameter names used by an overload's signature. */
function typeParamsOf(o: OverloadDecl): string[] {
  let r = paramCache.get(o);
  if (!r) {
    const names = new Set<string>();
    const walk = (t: CelType): void => {
      if (t.kind === 'typeParam') names.add(t.name);
      t.params.forEach(walk);
    };
    o.args.forEach(walk);
    walk(o.result);
    r = [...names];
    paramCache.set(o, r);
  }
  return r;
}
