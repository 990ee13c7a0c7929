// The CEL interpreter: a checked AST compiled into closures (part of the OCM placement simulator).
//
// Evaluation rules from cel-go v0.29.2 interpreter/: attributes and qualifiers
// (attributes.go: "no such key: k", "index out of bounds: i", presence tests, optional
// qualification that turns absence into optional.none()), logical operators that absorb errors
// (interpretable.go evalAnd/evalOr), the conditional, folds (evalFold: the loop stops when the
// condition is false, not when it errs), strict calls that return their first error argument,
// `or`/`orValue` short-circuiting (cel/library.go), and runtime cost tracking
// (runtimecost.go: 1 per identifier and per qualifier, 10 per list and 30 per map literal, call
// costs from the trackers, the estimator or the defaults by overload id).
import { CheckResult, IdentRef } from './checker';
import { CelDecls, FunctionDecl, OverloadDecl, dispatch } from './decls';
import { Comprehension, Expr } from './syntax';
import {
  CelErr, CelVal, CostLimitErr, ListVal, MapVal, OptionalVal, TypeVal, Uint, actualSize, celEquals, describe, isErr, makeMap,
  noSuchOverload, typeNameOf,
} from './values';

/** Per-evaluation state. */
export interface Frame {
  readonly vars: Readonly<Record<string, CelVal>>;
  readonly locals: CelVal[];
  cost: number;
  readonly limit: number;
}

type Node = (f: Frame) => CelVal;

/** The error a step raises as a value; fatal errors (the cost limit) also abort evaluation. */
class Abort {
  constructor(public readonly err: CelErr) {}
}

function addCost(f: Frame, n: number): void {
  f.cost += n;
  if (f.cost > f.limit) throw new Abort(new CostLimitErr());
}

/** Compiles a checked expression; `false` for compile-time failures is returned by the caller. */
export class Program {
  constructor(private readonly root: Node) {}

  /** Evaluates with `vars`; the result value and the tracked cost. */
  public eval(vars: Readonly<Record<string, CelVal>>, limit: number): { value: CelVal; cost: number } {
    const f: Frame = { vars, locals: [], cost: 0, limit };
    try {
      return { value: this.root(f), cost: f.cost };
    } catch (e) {
      if (e instanceof Abort) return { value: e.err, cost: f.cost };
      throw e;
    }
  }
}

/** Qualifies `obj` by `key` (a field name or an index value); `present` mode returns undefined when absent. */
function qualify(obj: CelVal, key: CelVal, present: boolean): CelVal | undefined {
  if (obj instanceof MapVal) {
    const v = obj.get(key);
    if (v !== undefined) return v;
    return present ? undefined : new CelErr(`no such key: ${describe(key)}`);
  }
  if (Array.isArray(obj)) {
    let i: number;
    if (typeof key === 'bigint') i = Number(key);
    else if (key instanceof Uint) i = key.v > BigInt(Number.MAX_SAFE_INTEGER) ? -1 : Number(key.v);
    else if (typeof key === 'number') {
      if (!Number.isInteger(key)) return new CelErr(`unsupported index value ${key} in list`);
      i = key;
    } else return new CelErr(`unsupported index type '${typeNameOf(key)}' in list`);
    if (i >= 0 && i < obj.length) return obj[i];
    return present ? undefined : new CelErr(`index out of bounds: ${describe(key)}`);
  }
  if (isErr(obj)) return obj;
  return present ? undefined : new CelErr(`no such key: ${describe(key)}`);
}

/** Qualification of an optional value or with an optional qualifier (cel-go attributes.go). */
function qualifyOptional(obj: CelVal, key: CelVal): CelVal {
  let base = obj;
  if (base instanceof OptionalVal) {
    if (!base.has) return base;
    base = base.value;
  }
  const v = qualify(base, key, true);
  if (v === undefined) return OptionalVal.NONE;
  if (isErr(v)) return v;
  return OptionalVal.of(v);
}

/** Default call costs by overload id (runtimecost.go costCall). */
function defaultCallCost(overloadId: string, args: readonly CelVal[]): number {
  const trav = (v: CelVal): number => Math.ceil(actualSize(v) * 0.1);
  switch (overloadId) {
    case 'starts_with_string':
    case 'ends_with_string':
      return trav(args[1]);
    case 'string_to_bytes':
    case 'bytes_to_string':
    case 'strings_quote':
    case 'string_format':
      return trav(args[0]);
    case 'in_list':
      return actualSize(args[1]);
    case 'less_string': case 'greater_string': case 'less_equals_string': case 'greater_equals_string':
    case 'less_bytes': case 'greater_bytes': case 'less_equals_bytes': case 'greater_equals_bytes':
    case 'equals': case 'not_equals':
      return Math.ceil(Math.min(actualSize(args[0]), actualSize(args[1])) * 0.1);
    case 'add_string':
    case 'add_bytes':
      return Math.ceil((actualSize(args[0]) + actualSize(args[1])) * 0.1);
    case 'matches':
    case 'matches_string':
      return Math.ceil((1 + actualSize(args[0])) * 0.1) * Math.ceil(actualSize(args[1]) * 0.25);
    case 'contains_string':
      return trav(args[0]) * trav(args[1]);
    default:
      return 1;
  }
}

/** Compiles `expr` (checked by `check`) in `decls`. */
export function compileProgram(decls: CelDecls, expr: Expr, check: CheckResult): Program {
  return new Program(new Compiler(decls, check).node(expr));
}

class Compiler {
  /** Comprehension variable name → slot, innermost last. */
  private readonly slots: { name: string; slot: number }[] = [];
  private nextSlot = 0;

  constructor(private readonly decls: CelDecls, private readonly check: CheckResult) {}

  private callCost(fn: FunctionDecl, candidates: readonly OverloadDecl[]): (args: readonly CelVal[], result: CelVal) => number {
    const id = candidates.length === 1 ? candidates[0].id : '';
    const tracker = this.decls.costTrackers.get(id);
    const estimators = this.decls.costEstimators;
    return (args, result) => {
      if (tracker) return tracker(args, result);
      for (const est of estimators) {
        const c = est(fn.name, id, args, result);
        if (c !== undefined) return c;
      }
      return defaultCallCost(id, args);
    };
  }

  public node(e: Expr): Node {
    switch (e.k) {
      case 'lit': {
        const v = e.v;
        return () => v;
      }
      case 'ident':
        return this.ident(e.id, this.check.idents.get(e.id), e.name);
      case 'select': {
        const folded = this.check.idents.get(e.id);
        if (folded) return this.ident(e.id, folded, folded.name);
        return this.select(e);
      }
      case 'call':
        return this.call(e);
      case 'list':
        return this.list(e);
      case 'map':
        return this.map(e);
      case 'struct':
        return () => new CelErr(`unknown type: ${e.name}`);
      case 'comp':
        return this.comprehension(e);
    }
  }

  private ident(id: number, ref: IdentRef | undefined, name: string): Node {
    void id;
    if (!ref) return () => new CelErr(`undeclared reference to '${name}'`);
    if (ref.kind === 'local') {
      for (let i = this.slots.length - 1; i >= 0; i--) {
        if (this.slots[i].name === ref.name) {
          const slot = this.slots[i].slot;
          return (f) => {
            addCost(f, 1);
            return f.locals[slot];
          };
        }
      }
      return () => new CelErr(`no such attribute(s): ${name}`);
    }
    if (ref.kind === 'type') {
      const tv = new TypeVal(typeValueName(ref.name));
      return () => tv;
    }
    const key = ref.name;
    return (f) => {
      addCost(f, 1);
      const v = f.vars[key];
      return v === undefined ? new CelErr(`no such attribute(s): ${key}`) : v;
    };
  }

  private isAttribute(e: Expr): boolean {
    return e.k === 'ident' || e.k === 'select' || (e.k === 'call' && (e.fn === '_[_]' || e.fn === '_[?_]' || e.fn === '_?._'));
  }

  private select(e: Extract<Expr, { k: 'select' }>): Node {
    const operand = this.node(e.operand);
    const field = e.field;
    const base = this.isAttribute(e.operand) ? 1 : 2;
    if (e.test) {
      return (f) => {
        const obj = operand(f);
        addCost(f, base);
        if (isErr(obj)) return obj;
        const inner = obj instanceof OptionalVal ? (obj.has ? obj.value : undefined) : obj;
        if (inner === undefined) return false;
        if (Array.isArray(inner)) return new CelErr(`unsupported index type 'string' in list`);
        const v = qualify(inner, field, true);
        return v !== undefined && !isErr(v);
      };
    }
    return (f) => {
      const obj = operand(f);
      addCost(f, base);
      if (isErr(obj)) return obj;
      if (obj instanceof OptionalVal) return qualifyOptional(obj, field);
      return qualify(obj, field, false)!;
    };
  }

  private call(e: Extract<Expr, { k: 'call' }>): Node {
    const args = e.args.map((a) => this.node(a));
    switch (e.fn) {
      case '_&&_':
      case '_||_': {
        const stop = e.fn === '_||_';
        const [l, r] = args;
        return (f) => {
          const a = l(f);
          if (a === stop) return stop;
          const b = r(f);
          if (b === stop) return stop;
          if (typeof a === 'boolean' && typeof b === 'boolean') return !stop;
          if (isErr(a)) return a;
          if (typeof a !== 'boolean') return noSuchOverload();
          if (isErr(b)) return b;
          return noSuchOverload();
        };
      }
      case '_?_:_': {
        const [c, t, fl] = args;
        return (f) => {
          const cv = c(f);
          if (cv === true) return t(f);
          if (cv === false) return fl(f);
          return isErr(cv) ? cv : noSuchOverload();
        };
      }
      case '@not_strictly_false': {
        const [a] = args;
        return (f) => {
          const v = a(f);
          addCost(f, 1);
          return typeof v === 'boolean' ? v : true;
        };
      }
      case '_==_':
      case '_!=_': {
        const neg = e.fn === '_!=_';
        const [l, r] = args;
        const cost = (a: CelVal, b: CelVal): number => Math.ceil(Math.min(actualSize(a), actualSize(b)) * 0.1);
        return (f) => {
          const a = l(f);
          const b = r(f);
          if (isErr(a)) return a;
          if (isErr(b)) return b;
          addCost(f, cost(a, b));
          const eq = celEquals(a, b);
          return typeof eq === 'boolean' ? eq !== neg : eq;
        };
      }
      case '_[_]':
      case '_[?_]': {
        const opt = e.fn === '_[?_]';
        const [o, k] = args;
        const base = this.isAttribute(e.args[0]) ? 1 : 2;
        return (f) => {
          const obj = o(f);
          const key = k(f);
          addCost(f, base);
          if (isErr(obj)) return obj;
          if (isErr(key)) return key;
          if (opt || obj instanceof OptionalVal) return qualifyOptional(obj, key);
          return qualify(obj, key, false)!;
        };
      }
      case '_?._': {
        const [o] = args;
        const field = (e.args[1] as Extract<Expr, { k: 'lit' }>).v;
        const base = this.isAttribute(e.args[0]) ? 1 : 2;
        return (f) => {
          const obj = o(f);
          addCost(f, base);
          if (isErr(obj)) return obj;
          return qualifyOptional(obj, field);
        };
      }
      default:
        break;
    }
    const res = this.check.calls.get(e.id);
    if (!res) return () => new CelErr(`unbound function: ${e.fn}`);
    const all = e.target && !res.qualified ? [this.node(e.target), ...args] : args;
    const { fn, candidates } = res;
    if (fn.name === 'or' || fn.name === 'orValue') return this.optionalOr(fn.name === 'or', all, fn, candidates);
    const cost = this.callCost(fn, candidates);
    const nonStrict = candidates.some((o) => o.nonStrict);
    const n = all.length;
    return (f) => {
      const vals = new Array<CelVal>(n);
      for (let i = 0; i < n; i++) {
        const v = all[i](f);
        if (!nonStrict && isErr(v)) return v;
        vals[i] = v;
      }
      let r: CelVal;
      try {
        r = dispatch(fn, candidates, vals);
      } catch (err) {
        if (err instanceof Abort) throw err;
        r = new CelErr(err instanceof Error ? err.message : String(err));
      }
      addCost(f, cost(vals, r));
      if (r instanceof CostLimitErr) throw new Abort(r);
      return r;
    };
  }

  /** `a.or(b)` / `a.orValue(b)`: `b` is evaluated only when `a` has no value. */
  private optionalOr(or: boolean, all: Node[], fn: FunctionDecl, candidates: readonly OverloadDecl[]): Node {
    const [l, r] = all;
    if (candidates.length === 1 && !candidates[0].id.startsWith('optional_')) {
      return (f) => {
        const a = l(f);
        if (isErr(a)) return a;
        const b = r(f);
        if (isErr(b)) return b;
        return dispatch(fn, candidates, [a, b]);
      };
    }
    return (f) => {
      const a = l(f);
      if (isErr(a)) return a;
      if (!(a instanceof OptionalVal)) return noSuchOverload();
      if (a.has) return or ? a : a.value;
      return r(f);
    };
  }

  private list(e: Extract<Expr, { k: 'list' }>): Node {
    const elems = e.elems.map((x) => this.node(x));
    const optional = new Set(e.optional);
    const n = elems.length;
    return (f) => {
      const out: CelVal[] = [];
      for (let i = 0; i < n; i++) {
        const v = elems[i](f);
        if (isErr(v)) return v;
        if (optional.has(i)) {
          if (!(v instanceof OptionalVal)) return new CelErr(`cannot initialize optional list element from non-optional value ${describe(v)}`);
          if (v.has) out.push(v.value);
        } else out.push(v);
      }
      addCost(f, 10);
      return out as ListVal;
    };
  }

  private map(e: Extract<Expr, { k: 'map' }>): Node {
    const entries = e.entries.map((en) => ({ key: this.node(en.key), value: this.node(en.value), optional: en.optional }));
    return (f) => {
      const kv: [CelVal, CelVal][] = [];
      for (const en of entries) {
        const k = en.key(f);
        if (isErr(k)) return k;
        const v = en.value(f);
        if (isErr(v)) return v;
        if (en.optional) {
          if (!(v instanceof OptionalVal)) return new CelErr(`cannot initialize optional entry '${describe(k)}' from non-optional value ${describe(v)}`);
          if (v.has) kv.push([k, v.value]);
        } else kv.push([k, v]);
      }
      addCost(f, 30);
      return kv.length === 0 ? MapVal.EMPTY : makeMap(kv);
    };
  }

  private comprehension(e: Comprehension): Node {
    const range = this.node(e.iterRange);
    const init = this.node(e.accuInit);
    const accuSlot = this.nextSlot++;
    this.slots.push({ name: e.accuVar, slot: accuSlot });
    const iterSlot = this.nextSlot++;
    this.slots.push({ name: e.iterVar, slot: iterSlot });
    const cond = this.node(e.cond);
    const step = this.node(e.step);
    this.slots.pop();
    const result = this.node(e.result);
    this.slots.pop();
    return (f) => {
      const r = range(f);
      if (isErr(r)) return r;
      let items: Iterable<CelVal>;
      if (Array.isArray(r)) items = r;
      else if (r instanceof MapVal) items = r.keys();
      else return new CelErr(`got '${typeNameOf(r)}', expected iterable type`);
      f.locals[accuSlot] = init(f);
      for (const item of items) {
        f.locals[iterSlot] = item;
        const c = cond(f);
        if (c === false) break;
        f.locals[accuSlot] = step(f);
      }
      return result(f);
    };
  }
}

/** Runtime type names of the type identifiers (`int` → int, `google.protobuf.Timestamp` → itself). */
function typeValueName(name: string): string {
  return name;
}
