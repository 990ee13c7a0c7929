// CEL for the OCM placement simulator: OCM's environment, compilation and evaluation against a
// ManagedCluster (see ../placement.ts). The scheduler uses `placementCelEnv`, `compileCel` and
// `jsonToCel`; the modules of this folder implement the environment library by library:
//   syntax.ts (parser front end), checker.ts, interpreter.ts, compile.ts, decls.ts, types.ts,
//   values.ts, time.ts, re2.ts, stdlib.ts, optional.ts, strings.ts, lists.ts, regex.ts, urls.ts,
//   quantity.ts, ip.ts, cidr.ts, format.ts, semver.ts, json.ts, managed-cluster.ts, env.ts.
import { compileExpression } from './compile';
import { CelDecls } from './decls';
import { PER_CALL_COST_LIMIT, RUNTIME_COST_BUDGET, placementDecls } from './env';
import { ScoreLookup } from './managed-cluster';
import { CelVal, MapVal, isErr, typeNameOf } from './values';

export type { ScoreLookup } from './managed-cluster';
export type { CelVal } from './values';
export { PER_CALL_COST_LIMIT, RUNTIME_COST_BUDGET };

/** The outcome of evaluating one compiled expression against one cluster, with its runtime cost. */
export type CelOutcome =
  | { readonly kind: 'true'; readonly cost: number }
  | { readonly kind: 'false'; readonly cost: number }
  | { readonly kind: 'error'; readonly message: string; readonly cost: number }
  | { readonly kind: 'notBool'; readonly type: string; readonly cost: number };

/** A compiled CEL expression, or the error the placement controller reports (then Misconfigured). */
export type CompiledCel =
  | {
    readonly ok: true;
    /** Functions the expression uses that this simulator cannot evaluate (a warning, never a silent non-match). */
    readonly unsupported: readonly string[];
    /** Evaluates the expression with `managedCluster` bound to `input` (see jsonToCel). */
    readonly evaluate: (input: CelVal) => CelOutcome;
  }
  | { readonly ok: false; readonly error: string };

/** OCM's placement CEL environment. */
export type PlacementCelEnv = CelDecls;

/** Creates the CEL environment of the placement controller, reading AddOnPlacementScores through `lookup`. */
export function placementCelEnv(lookup: ScoreLookup): PlacementCelEnv {
  return placementDecls(lookup);
}

/**
 * Compiles `expression` as ocm pkg/placement/helpers/cel.go does: a syntax or type error is
 * "compilation failed: ...", a constant regex that does not compile is "instantiation failed: ...".
 */
export function compileCel(env: PlacementCelEnv, expression: string): CompiledCel {
  const c = compileExpression(env, expression);
  if (!c.ok) return c;
  const program = c.program;
  return {
    ok: true,
    unsupported: c.unsupported,
    evaluate: (input: CelVal): CelOutcome => {
      const { value, cost } = program.eval({ managedCluster: input }, PER_CALL_COST_LIMIT);
      if (isErr(value)) return { kind: 'error', message: value.message, cost };
      if (value === true) return { kind: 'true', cost };
      if (value === false) return { kind: 'false', cost };
      return { kind: 'notBool', type: typeNameOf(value), cost };
    },
  };
}

/**
 * Converts a Kubernetes object (JSON as parsed from YAML) into the CEL value the controller sees
 * through runtime.DefaultUnstructuredConverter: integral numbers are ints, other numbers doubles,
 * objects string-keyed maps, arrays lists.
 */
export function jsonToCel(v: unknown): CelVal {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'bigint') return v;
  if (Array.isArray(v)) return v.map(jsonToCel);
  if (typeof v === 'object') {
    const out = new Map<string, CelVal>();
    for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
      if (val === undefined) continue;
      out.set(k, jsonToCel(val));
    }
    return new MapVal(out);
  }
  return String(v);
}
