// Test harness for the CEL environment of the OCM placement simulator: compiles in OCM's
// environment (optionally with a `self` variable, to transcribe Kubernetes tests written
// against `self`) and evaluates with the per-call cost limit.
import { compileExpression } from '../../../lib/plan/ocm/cel/compile';
import { PER_CALL_COST_LIMIT, placementDecls } from '../../../lib/plan/ocm/cel/env';
import { jsonToCel } from '../../../lib/plan/ocm/cel';
import { ScoreLookup } from '../../../lib/plan/ocm/cel/managed-cluster';
import { T, mapOf } from '../../../lib/plan/ocm/cel/types';
import { CelVal, Duration, MapVal, OpaqueVal, OptionalVal, Timestamp, TypeVal, Uint, isErr } from '../../../lib/plan/ocm/cel/values';

export interface Outcome {
  readonly compileError?: string;
  readonly value?: CelVal;
  readonly error?: string;
  readonly cost?: number;
}

const noScores: ScoreLookup = () => undefined;

/** Compiles and evaluates `expr`; `vars` are JSON values bound by name (`managedCluster`, `self`). */
export function run(expr: string, vars: Record<string, unknown> = {}, lookup: ScoreLookup = noScores): Outcome {
  const decls = placementDecls(lookup).add({ name: 'test.self', functions: [], variables: { self: mapOf(T.STRING, T.DYN) } });
  const c = compileExpression(decls, expr);
  if (!c.ok) return { compileError: c.error };
  const bound: Record<string, CelVal> = {};
  for (const [k, v] of Object.entries(vars)) bound[k] = jsonToCel(v);
  const { value, cost } = c.program.eval(bound, PER_CALL_COST_LIMIT);
  return isErr(value) ? { error: value.message, cost } : { value, cost };
}

/** A plain JS rendering of a CEL value for assertions. */
export function js(v: CelVal | undefined): unknown {
  if (v === undefined || v === null || typeof v !== 'object') return v;
  if (v instanceof Uint) return { uint: v.v };
  if (Array.isArray(v)) return v.map(js);
  if (v instanceof MapVal) {
    const o: Record<string, unknown> = {};
    for (const k of v.keys()) o[String(k)] = js(v.get(k));
    return o;
  }
  if (v instanceof OptionalVal) return v.has ? { optional: js(v.value) } : 'optional.none()';
  if (v instanceof TypeVal) return { type: v.name };
  if (v instanceof Timestamp) return { timestamp: v.ns };
  if (v instanceof Duration) return { duration: v.ns };
  if (v instanceof OpaqueVal) return { [v.typeName]: v.toCelString() ?? '' };
  return v;
}

/** Evaluates `expr` and returns its value, failing on compile or runtime errors. */
export function value(expr: string, vars: Record<string, unknown> = {}): unknown {
  const o = run(expr, vars);
  if (o.compileError !== undefined) throw new Error(`unexpected compile error for ${expr}: ${o.compileError}`);
  if (o.error !== undefined) throw new Error(`unexpected runtime error for ${expr}: ${o.error}`);
  return js(o.value);
}
