// The TaintToleration filter (part of the KubeFleet scheduler simulator; see scheduler.ts).
// kubefleet pkg/scheduler/framework/plugins/tainttoleration/filtering.go: the first taint no toleration
// tolerates; operator Exists matches an empty or equal key, Equal needs key and value equal; the effect
// must be equal or empty in the toleration. The CRD defaults a toleration's operator to Equal.
import type { FleetPlacementPolicyJson, FleetTaint } from './model';

type Toleration = NonNullable<FleetPlacementPolicyJson['tolerations']>[number];

/** canTolerationTolerateTaint. */
export function fleetToleratesTaint(t: Toleration, taint: FleetTaint): boolean {
  const op = t.operator ?? 'Equal';
  const effectOk = (t.effect ?? '') === '' || t.effect === taint.effect;
  if (op === 'Exists' && ((t.key ?? '') === '' || t.key === taint.key)) return effectOk;
  if (op === 'Equal' && (t.key ?? '') === taint.key && (t.value ?? '') === (taint.value ?? '')) return effectOk;
  return false;
}

/** The first untolerated taint, or undefined. */
export function fleetUntoleratedTaint(taints: readonly FleetTaint[] | undefined, tolerations: readonly Toleration[] | undefined): FleetTaint | undefined {
  return (taints ?? []).find((taint) => !(tolerations ?? []).some((t) => fleetToleratesTaint(t, taint)));
}

/** How the upstream reason prints a taint (`%+v` of the Taint struct). */
export function fleetTaintString(t: FleetTaint): string {
  return `{Key:${t.key} Value:${t.value ?? ''} Effect:${t.effect}}`;
}
