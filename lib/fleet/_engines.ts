// Internals shared by the control-plane charts of the other engines (KarmadaControlPlane,
// KubeFleetHub) and FleetWorkload: the plan's annotations (the plan reads them as
// PlanAnnotations.CONTROL_PLANE / WARNING in lib/plan/format.ts; constructs never import the plan,
// so both take the strings from lib/core/plan-annotations.ts), how a ManagedCluster taint maps onto the engines, and which
// workload owns which namespace on a control plane.
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { fail } from '../core/errors';
import { PLAN_CONTROL_PLANE_ANNOTATION, PLAN_WARNING_ANNOTATION } from '../core/plan-annotations';
import { Taint, TaintEffect } from '../ocm/managed-cluster';

/** The control plane an object is applied to (PlanAnnotations.CONTROL_PLANE). @internal */
export const CONTROL_PLANE_ANNOTATION = PLAN_CONTROL_PLANE_ANNOTATION;
/** Warnings the plan lists with the object as subject (PlanAnnotations.WARNING). @internal */
export const WARNING_ANNOTATION = PLAN_WARNING_ANNOTATION;

/** Marks every object of `chart` as applied to `plane` (`karmada`, `kubefleet`). @internal */
export function markControlPlane(chart: Construct, plane: string): void {
  for (const c of chart.node.findAll()) if (c instanceof ApiObject) c.metadata.addAnnotation(CONTROL_PLANE_ANNOTATION, plane);
}

/**
 * The taints a ManagedCluster taint becomes on a member of another engine: NoSelect and
 * NoSelectIfNew keep new placements away unless tolerated, as NoSchedule does in Karmada and
 * KubeFleet; PreferNoSelect filters nothing upstream, so it has no counterpart. Unique by key and value.
 * @internal
 */
export function scheduleTaints(taints: readonly Taint[]): { key: string; value?: string }[] {
  const out: { key: string; value?: string }[] = [];
  for (const t of taints) {
    if (t.effect === TaintEffect.PREFER_NO_SELECT) continue;
    if (out.some((x) => x.key === t.key && (x.value ?? '') === (t.value ?? ''))) continue;
    out.push(t.value ? { key: t.key, value: t.value } : { key: t.key });
  }
  return out;
}

/**
 * Which workload owns each namespace on one control plane: two workloads may not share one, since a
 * Karmada template is claimed by one policy only and two KubeFleet placements of one namespace
 * conflict on every member they share.
 * @internal
 */
export class NamespaceOwners {
  private readonly owners = new Map<string, string>();

  constructor(private readonly engine: string) {}

  /** Records that `workload` delivers `namespace`; throws when another workload does. */
  public claim(namespace: string, workload: string): void {
    const other = this.owners.get(namespace);
    if (other !== undefined && other !== workload) {
      fail(`FleetWorkload "${workload}"`, `delivers namespace ${namespace} through ${this.engine}, which FleetWorkload "${other}" already does; ${this.engine === 'Karmada' ? 'a resource template is claimed by one policy only, so the namespace would reach only one workload\'s clusters' : 'two ClusterResourcePlacements of one namespace conflict on every member they share'}. Give each workload its own namespace`);
    }
    this.owners.set(namespace, workload);
  }
}
