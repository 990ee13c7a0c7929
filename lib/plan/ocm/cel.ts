// CEL: the `managedCluster` variable, `scores()`, the strings extension and a compile step (part of the OCM placement simulator; see placement.ts).
import { celEnv, celList, celMap, celMethod, CelScalar, isCelError, isCelMap, listType, mapType, parse, plan } from '@bufbuild/cel';
import type { CelEnv, CelInput, CelMap, CelValue } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';

/** Looks up `AddOnPlacementScore/<name>` in namespace `<cluster>`: its scores, or undefined when missing. */
export type ScoreLookup = (cluster: string, name: string) => Readonly<Record<string, number>> | undefined;

/** The outcome of evaluating one compiled expression against one cluster. */
export type CelOutcome =
  | { readonly kind: 'true' }
  | { readonly kind: 'false' }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'notBool'; readonly type: string };

/** A compiled CEL expression, or the compile error cel-go would report. */
export type CompiledCel =
  | {
    readonly ok: true;
    /** Functions the upstream environment has but this simulator cannot evaluate. */
    readonly unsupported: readonly string[];
    /** Evaluates the expression with `managedCluster` bound to `input`. */
    readonly evaluate: (input: CelInput) => CelOutcome;
  }
  | { readonly ok: false; readonly error: string };

/**
 * Functions of the upstream environment (k8s CEL libraries: lists, regex, urls, quantity, ip, cidr,
 * format; optional types; ext.Strings) that @bufbuild/cel does not provide. An expression using one
 * compiles upstream, so it is not Misconfigured here; evaluating it fails, which counts as not matched.
 */
export const UPSTREAM_ONLY = new Set([
  'isSorted', 'sum', 'min', 'max', 'find', 'findAll', 'reverse',
  'url', 'isURL', 'getScheme', 'getHost', 'getHostname', 'getPort', 'getEscapedPath', 'getQuery',
  'quantity', 'isQuantity', 'sign', 'isGreaterThan', 'isLessThan', 'compareTo', 'add', 'sub',
  'asInteger', 'isInteger', 'asApproximateFloat',
  'ip', 'isIP', 'ip.isCanonical', 'isCanonical', 'family', 'isUnspecified', 'isLoopback',
  'isLinkLocalMulticast', 'isLinkLocalUnicast', 'isGlobalUnicast',
  'cidr', 'isCIDR', 'containsIP', 'containsCIDR', 'masked', 'prefixLength',
  'format.named', 'validate',
  'optional.of', 'optional.ofNonZeroValue', 'optional.none', 'hasValue', 'value', 'or', 'orValue',
]);

/** Identifiers that name types in CEL (valid as plain identifiers). */
export const TYPE_IDENTS = new Set(['int', 'uint', 'double', 'bool', 'string', 'bytes', 'list', 'map', 'null_type', 'type', 'dyn']);

/**
 * Converts JSON (as parsed from YAML) into CEL values: integral numbers become CEL ints, objects and
 * arrays become CEL maps and lists (pre-wrapped, which evaluates about 3x faster than plain objects).
 */
export function jsonToCel(v: unknown): CelInput {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'bigint') return v as CelInput;
  if (Array.isArray(v)) return celList(v.map(jsonToCel));
  if (typeof v === 'object') {
    const out = new Map<string, CelInput>();
    for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
      if (val === undefined) continue;
      out.set(k, jsonToCel(val));
    }
    return celMap(out);
  }
  return String(v);
}

export function mapGet(m: CelValue | undefined, key: string): CelValue | undefined {
  return m !== undefined && isCelMap(m) ? m.get(key) : undefined;
}

/** Creates the CEL environment of the placement controller, reading scores through `lookup`. */
export function placementCelEnv(lookup: ScoreLookup): CelEnv {
  const scores = celMethod(
    'scores',
    mapType(CelScalar.STRING, CelScalar.DYN),
    [CelScalar.STRING],
    listType(CelScalar.DYN),
    function (this: CelMap, scoreName: string) {
      const name = mapGet(mapGet(this, 'metadata'), 'name');
      if (typeof name !== 'string') throw new Error('failed to get cluster name');
      const found = lookup(name, scoreName);
      if (!found) throw new Error(`failed to get score: addonplacementscores.cluster.open-cluster-management.io "${scoreName}" not found`);
      return Object.entries(found).map(([n, value]) => ({ name: n, value: BigInt(Math.trunc(value)) }));
    },
  );
  const parseJson = celMethod('parseJSON', CelScalar.STRING, [], CelScalar.DYN, function (this: string) {
    return jsonToCelDouble(JSON.parse(this));
  });
  return celEnv({
    variables: { managedCluster: mapType(CelScalar.STRING, CelScalar.DYN) },
    funcs: [...strings, scores, parseJson],
  });
}

/** JSON numbers decoded by Go into interface{} are float64: keep them doubles. */
export function jsonToCelDouble(v: unknown): CelInput {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.map(jsonToCelDouble);
  if (typeof v === 'object') {
    const out: Record<string, CelInput> = {};
    for (const [k, val] of Object.entries(v as Record<string, unknown>)) out[k] = jsonToCelDouble(val);
    return out;
  }
  return v as CelInput;
}

export interface AstNode {
  exprKind: { case: string | undefined; value?: any };
}

export function isOperator(fn: string): boolean {
  return fn.startsWith('_') || fn.startsWith('@') || fn === '!_' || fn === '-_';
}

/** Walks the parsed AST like cel-go's checker does for declarations; returns the first error. */
export function checkAst(env: CelEnv, node: AstNode | undefined, scope: ReadonlySet<string>, unsupported: Set<string>): string | undefined {
  if (!node) return undefined;
  const k = node.exprKind;
  const known = (name: string): boolean => {
    if (env.funcs.find(name)) return true;
    if (UPSTREAM_ONLY.has(name) || name.startsWith('format.')) {
      unsupported.add(name);
      return true;
    }
    return false;
  };
  switch (k.case) {
    case 'constExpr':
      return undefined;
    case 'identExpr': {
      const name = k.value.name as string;
      if (name === 'managedCluster' || scope.has(name) || TYPE_IDENTS.has(name)) return undefined;
      return `undeclared reference to '${name}'`;
    }
    case 'selectExpr':
      return checkAst(env, k.value.operand, scope, unsupported);
    case 'callExpr': {
      const fn = k.value.function as string;
      const target = k.value.target as AstNode | undefined;
      let err: string | undefined;
      if (isOperator(fn)) {
        err = checkAst(env, target, scope, unsupported);
      } else if (target && target.exprKind.case === 'identExpr' && !scope.has(target.exprKind.value.name) && target.exprKind.value.name !== 'managedCluster') {
        const qualified = `${target.exprKind.value.name}.${fn}`;
        if (!known(qualified)) return `undeclared reference to '${qualified}'`;
      } else {
        err = checkAst(env, target, scope, unsupported);
        if (!err && !known(fn)) err = `undeclared reference to '${fn}'`;
      }
      if (err) return err;
      for (const a of (k.value.args ?? []) as AstNode[]) {
        const e = checkAst(env, a, scope, unsupported);
        if (e) return e;
      }
      return undefined;
    }
    case 'listExpr':
      for (const e of (k.value.elements ?? []) as AstNode[]) {
        const r = checkAst(env, e, scope, unsupported);
        if (r) return r;
      }
      return undefined;
    case 'structExpr': {
      if (k.value.messageName) return `undeclared reference to '${k.value.messageName}'`;
      for (const entry of (k.value.entries ?? []) as any[]) {
        const key = entry.keyKind?.case === 'mapKey' ? entry.keyKind.value : undefined;
        const r = checkAst(env, key, scope, unsupported) ?? checkAst(env, entry.value, scope, unsupported);
        if (r) return r;
      }
      return undefined;
    }
    case 'comprehensionExpr': {
      const c = k.value;
      const outer = checkAst(env, c.iterRange, scope, unsupported) ?? checkAst(env, c.accuInit, scope, unsupported);
      if (outer) return outer;
      const inner = new Set(scope);
      inner.add(c.accuVar);
      const withAccu = new Set(inner);
      inner.add(c.iterVar);
      if (c.iterVar2) inner.add(c.iterVar2);
      return checkAst(env, c.loopCondition, inner, unsupported) ?? checkAst(env, c.loopStep, inner, unsupported) ?? checkAst(env, c.result, withAccu, unsupported);
    }
    default:
      return undefined;
  }
}

export function describeType(v: CelValue): string {
  if (v === null) return 'null';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'double';
  if (typeof v === 'string') return 'string';
  if (isCelMap(v)) return 'map';
  if (typeof v === 'object' && v !== null && Symbol.iterator in (v as object)) return 'list';
  return typeof v;
}

/**
 * Compiles `expression` in `env`. A syntax error, an undeclared variable or an unknown function is a
 * compile error (the placement is then Misconfigured upstream).
 */
export function compileCel(env: CelEnv, expression: string): CompiledCel {
  let parsed;
  try {
    parsed = parse(expression);
  } catch (e) {
    return { ok: false, error: `compilation failed: ${(e as Error).message}` };
  }
  const unsupported = new Set<string>();
  const problem = checkAst(env, parsed.expr as unknown as AstNode, new Set(), unsupported);
  if (problem) return { ok: false, error: `compilation failed: ERROR: <input>: ${problem}` };
  let program: (ctx: { managedCluster: CelInput }) => unknown;
  try {
    program = plan(env, parsed) as unknown as (ctx: { managedCluster: CelInput }) => unknown;
  } catch (e) {
    return { ok: false, error: `instantiation failed: ${(e as Error).message}` };
  }
  return {
    ok: true,
    unsupported: [...unsupported].sort(),
    evaluate: (input: CelInput): CelOutcome => {
      let r: unknown;
      try {
        r = program({ managedCluster: input });
      } catch (e) {
        return { kind: 'error', message: (e as Error).message };
      }
      if (isCelError(r)) return { kind: 'error', message: r.message };
      if (r === true) return { kind: 'true' };
      if (r === false) return { kind: 'false' };
      return { kind: 'notBool', type: describeType(r as CelValue) };
    },
  };
}
