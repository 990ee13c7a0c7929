// Declarations of a CEL environment: variables, functions with typed overloads and their runtime
// bindings (part of the OCM placement simulator; see ../placement.ts).
//
// Facts from cel-go v0.29.2: common/decls/decls.go (overloads are tried in declaration order at
// runtime, each guarded by its runtime signature; a function with a single binding for all of its
// overloads, like `_<_`, dispatches by the operand's own behaviour), cel/library.go and
// checker/env.go (overloads the checker filters).
import { CelErr, CelVal, MapVal, OpaqueVal, OptionalVal, TypeVal, Uint, isErr, noSuchOverload, typeNameOf } from './values';
import { CelType, T, typeOf } from './types';

/** A runtime implementation: receives the evaluated arguments (the receiver first for member calls). */
export type Impl = (args: readonly CelVal[]) => CelVal;

/** A cost for one call, given its arguments and result (cel-go interpreter.FunctionTracker). */
export type CallCost = (args: readonly CelVal[], result: CelVal) => number;

export interface OverloadDecl {
  readonly id: string;
  readonly member: boolean;
  /** Argument types, the receiver first for member overloads. */
  readonly args: readonly CelType[];
  readonly result: CelType;
  /** Per-overload binding (absent when the function has a singleton binding). */
  readonly impl?: Impl;
  /** Hidden from the type checker (cel-go filters cross-type numeric comparisons unless enabled). */
  readonly checkerDisabled?: boolean;
  /** Errors and unknowns are passed to the binding instead of short-circuiting. */
  readonly nonStrict?: boolean;
  /**
   * Why this simulator cannot evaluate the overload, when it cannot: an expression that uses it
   * compiles (as upstream) but draws a warning, and evaluating it fails with this reason.
   */
  readonly unsupported?: string;
}

export interface FunctionDecl {
  readonly name: string;
  readonly overloads: OverloadDecl[];
  /** One binding for every overload (cel-go decls.SingletonBinaryBinding & co). */
  singleton?: Impl;
}

/** A function of the environment that the checker resolved for one call expression. */
export interface Resolution {
  readonly fn: FunctionDecl;
  /** Candidate overloads the checker found (declaration order). */
  readonly candidates: readonly OverloadDecl[];
  /** The call's target was a namespace (`optional.of(x)`, `ip.isCanonical(s)`), not a receiver. */
  readonly qualified?: boolean;
}

/** Builds overload declarations tersely. */
export function overload(id: string, args: readonly CelType[], result: CelType, impl?: Impl, opts: { checkerDisabled?: boolean; nonStrict?: boolean; unsupported?: string } = {}): OverloadDecl {
  return { id, member: false, args, result, impl, ...opts };
}

export function memberOverload(id: string, args: readonly CelType[], result: CelType, impl?: Impl, opts: { checkerDisabled?: boolean; nonStrict?: boolean; unsupported?: string } = {}): OverloadDecl {
  return { id, member: true, args, result, impl, ...opts };
}

/** A library contributes functions (and may contribute variables and type identifiers). */
export interface CelLibrary {
  /** cel-go LibraryName(), for documentation and de-duplication. */
  readonly name: string;
  readonly functions: readonly { name: string; overloads: readonly OverloadDecl[]; singleton?: Impl }[];
  readonly variables?: Readonly<Record<string, CelType>>;
  /** Identifiers that name types (`int`, `net.IP`, ...), with their type. */
  readonly typeIdents?: Readonly<Record<string, CelType>>;
  /** Per-overload cost trackers (cel-go CostTrackerOptions), keyed by overload id. */
  readonly costTrackers?: Readonly<Record<string, CallCost>>;
  /** Cost estimator by function name (cel-go ActualCostEstimator); undefined = default cost. */
  readonly costEstimator?: (fn: string, overloadId: string, args: readonly CelVal[], result: CelVal) => number | undefined;
  /** Functions whose regex argument (at this index) is compiled when the program is built (cel.OptimizeRegex). */
  readonly regexConstants?: Readonly<Record<string, number>>;
}

/** The declarations of a CEL environment. */
export class CelDecls {
  public readonly variables = new Map<string, CelType>();
  public readonly functions = new Map<string, FunctionDecl>();
  public readonly typeIdents = new Map<string, CelType>();
  public readonly costTrackers = new Map<string, CallCost>();
  public readonly costEstimators: NonNullable<CelLibrary['costEstimator']>[] = [];
  public readonly regexConstants = new Map<string, number>();
  private readonly libs = new Set<string>();

  /** Adds a library once (cel-go SingletonLibrary); overloads of a function merge in order. */
  public add(lib: CelLibrary): this {
    if (this.libs.has(lib.name)) return this;
    this.libs.add(lib.name);
    for (const f of lib.functions) {
      let fn = this.functions.get(f.name);
      if (!fn) this.functions.set(f.name, (fn = { name: f.name, overloads: [] }));
      for (const o of f.overloads) {
        const i = fn.overloads.findIndex((x) => x.id === o.id);
        if (i >= 0) fn.overloads[i] = o;
        else fn.overloads.push(o);
      }
      if (f.singleton) fn.singleton = f.singleton;
    }
    for (const [k, v] of Object.entries(lib.variables ?? {})) this.variables.set(k, v);
    for (const [k, v] of Object.entries(lib.typeIdents ?? {})) this.typeIdents.set(k, v);
    for (const [k, v] of Object.entries(lib.costTrackers ?? {})) this.costTrackers.set(k, v);
    if (lib.costEstimator) this.costEstimators.push(lib.costEstimator);
    for (const [k, v] of Object.entries(lib.regexConstants ?? {})) this.regexConstants.set(k, v);
    return this;
  }
}

/**
 * Whether a runtime value fits a declared argument type (cel-go Type.IsAssignableRuntimeType: type
 * names agree; for lists and maps only the first element or entry is inspected).
 */
export function matchesRuntime(t: CelType, v: CelVal): boolean {
  switch (t.kind) {
    case 'dyn':
    case 'typeParam':
      return true;
    case 'list': {
      if (!Array.isArray(v)) return false;
      return v.length === 0 || matchesRuntime(t.params[0], v[0]);
    }
    case 'map': {
      if (!(v instanceof MapVal)) return false;
      if (v.size === 0) return true;
      const k = v.keys().next().value as CelVal;
      return matchesRuntime(t.params[0], k) && matchesRuntime(t.params[1], v.get(k)!);
    }
    case 'opaque':
      if (t.name === 'optional_type') return v instanceof OptionalVal;
      return v instanceof OpaqueVal && v.typeName === t.name;
    case 'struct':
      return v instanceof OpaqueVal && v.typeName === t.name;
    case 'type':
      return v instanceof TypeVal;
    default:
      return typeNameOf(v) === t.name;
  }
}

/** Dispatches a call at runtime (cel-go planner.planCall + decls.FunctionDecl.Bindings). */
export function dispatch(fn: FunctionDecl, candidates: readonly OverloadDecl[], args: readonly CelVal[]): CelVal {
  if (fn.singleton) return fn.singleton(args);
  const tryOverload = (o: OverloadDecl): CelVal | undefined => {
    if (o.args.length !== args.length) return undefined;
    for (let i = 0; i < args.length; i++) if (!matchesRuntime(o.args[i], args[i])) return undefined;
    if (o.unsupported !== undefined) return new CelErr(`cdk-fleet cannot evaluate ${fn.name}(): ${o.unsupported}`);
    if (!o.impl) return undefined;
    return o.impl(args);
  };
  if (candidates.length === 1) {
    const r = tryOverload(candidates[0]);
    return r === undefined ? noSuchOverloadFor(fn.name, args) : r;
  }
  for (const o of fn.overloads) {
    const r = tryOverload(o);
    if (r !== undefined) return r;
  }
  return noSuchOverloadFor(fn.name, args);
}

/** cel-go `MaybeNoSuchOverload(name, args...)`: an error argument wins, else "no such overload". */
export function noSuchOverloadFor(fn: string, args: readonly CelVal[]): CelErr {
  for (const a of args) if (isErr(a)) return a;
  return new CelErr(`no such overload: ${fn}(${args.map(typeNameOf).join(', ')})`);
}

/** The type identifiers of the standard environment (cel-go common/stdlib Types()). */
export const STD_TYPE_IDENTS: Readonly<Record<string, CelType>> = {
  bool: typeOf(T.BOOL),
  bytes: typeOf(T.BYTES),
  double: typeOf(T.DOUBLE),
  'google.protobuf.Duration': typeOf(T.DURATION),
  int: typeOf(T.INT),
  list: typeOf({ kind: 'list', name: 'list', params: [{ kind: 'typeParam', name: 'A', params: [] }] }),
  map: typeOf({ kind: 'map', name: 'map', params: [{ kind: 'typeParam', name: 'A', params: [] }, { kind: 'typeParam', name: 'B', params: [] }] }),
  null_type: typeOf(T.NULL),
  string: typeOf(T.STRING),
  'google.protobuf.Timestamp': typeOf(T.TIMESTAMP),
  type: typeOf(T.TYPE),
  uint: typeOf(T.UINT),
};

export { noSuchOverload, Uint };
