/**
 * The Karmada scheduler simulator: reproduces karmada-io/karmada (commit f8fdd02d) for a fresh
 * ResourceBinding — which member Clusters a PropagationPolicy / ClusterPropagationPolicy selects,
 * how many replicas each gets (Duplicated, static-weight Webster division) and, for every other
 * cluster, the first reason why not. Pure TypeScript: no cdk8s/cdktf imports.
 *
 * The entry point is {@link planKarmada}: it takes the objects of a Karmada control plane (the YAML a
 * user applies: policies, Cluster objects, resource templates) and returns one result per policy.
 *
 * What the plan cannot know and therefore does not simulate: the APIEnablement filter (every cluster
 * is assumed to serve every API), previous scheduling results (ClusterLocality scores, taints tolerated
 * because the workload is already there), estimator capacity (spread constraints that cut the list,
 * Aggregated and dynamic-weight division are reported as `undetermined`) and the binding UID that
 * breaks exact Webster ties (reported as a warning).
 *
 * See ../../../../shared/reference/cluster-inventory-and-engines.md §b and the conformance vectors in
 * ../../../../shared/conformance/engines.
 */
import { Order } from '../../core/order';
import { claimingPolicy } from './claims';
import { karmadaStateFromObjects } from './model';
import type { KarmadaPolicy, KarmadaResourceTemplate, KarmadaState } from './model';
import { scheduleKarmadaPolicy } from './scheduler';
import type { KarmadaScheduleResult } from './scheduler';
import { propagationPolicyProblem } from './validation';

export * from './model';
export { clusterAffinityMismatch, clusterMatches } from './affinity';
export { findUntoleratedTaint, taintString, toleratesTaint } from './taints';
export { staticWeights, websterSeats } from './division';
export type { ClusterWeight } from './division';
export { propagationPolicyProblem, placementProblem } from './validation';
export { claimingPolicy, policyPriority, selectorPriority, isIgnoredTemplate } from './claims';
export { scheduleKarmadaPolicy, scheduleKarmadaPlacement } from './scheduler';
export type { KarmadaTarget, KarmadaPlacementResult, KarmadaScheduleResult, KarmadaScheduleOptions } from './scheduler';

/** One resource template a policy claims, with where it lands. */
export interface KarmadaResourcePlan {
  /** Template apiVersion. */
  readonly apiVersion: string;
  /** Template kind. */
  readonly kind: string;
  /**
   * Template namespace.
   * @default - cluster-scoped
   */
  readonly namespace?: string;
  /** Template name. */
  readonly name: string;
  /** The schedule for this template (replicas divided or duplicated when it is a workload). */
  readonly schedule: KarmadaScheduleResult;
}

/** One policy in the plan: its policy-level schedule plus the templates it claims. */
export interface KarmadaPolicyPlan {
  /** Policy-level schedule: the clusters (and static weights), no replica counts. */
  readonly schedule: KarmadaScheduleResult;
  /** The templates this policy claims (sorted by namespace, kind, name). */
  readonly resources: readonly KarmadaResourcePlan[];
}

/** The Karmada part of a fleet plan. */
export interface KarmadaPlan {
  /** Member cluster names, sorted. */
  readonly clusters: readonly string[];
  /** One entry per policy, sorted by kind, namespace, name. */
  readonly policies: readonly KarmadaPolicyPlan[];
  /** Templates no policy claims (`<kind>/<namespace>/<name>`), sorted. */
  readonly unclaimed: readonly string[];
}

function policyKey(p: { kind: string; namespace?: string; name: string }): string {
  return `${p.kind}\u0000${p.namespace ?? ''}\u0000${p.name}`;
}

function templateKey(t: KarmadaResourceTemplate): string {
  return `${t.namespace ?? ''}\u0000${t.kind}\u0000${t.name}`;
}

/**
 * Plans a Karmada control plane from its state: every policy scheduled at policy level, and every
 * resource template scheduled under the policy that claims it (with its replica count).
 */
export function planKarmadaState(state: KarmadaState): KarmadaPlan {
  const policies = [...state.policies].sort((a, b) => Order.strings(policyKey(a), policyKey(b)));
  const accepted = policies.filter((p) => propagationPolicyProblem(p) === undefined);
  const claimed = new Map<string, KarmadaResourceTemplate[]>();
  const unclaimed: string[] = [];
  for (const t of [...(state.resources ?? [])].sort((a, b) => Order.strings(templateKey(a), templateKey(b)))) {
    const p = claimingPolicy(accepted, t);
    if (!p) {
      unclaimed.push(`${t.kind}/${t.namespace ? `${t.namespace}/` : ''}${t.name}`);
      continue;
    }
    const k = policyKey(p);
    claimed.set(k, [...(claimed.get(k) ?? []), t]);
  }
  const plans: KarmadaPolicyPlan[] = policies.map((p: KarmadaPolicy) => {
    // Templates with the same replica count schedule the same way under one policy: schedule each count once.
    const byReplicas = new Map<number | undefined, KarmadaScheduleResult>();
    const scheduleFor = (replicas: number | undefined): KarmadaScheduleResult => {
      let r = byReplicas.get(replicas);
      if (!r) {
        r = scheduleKarmadaPolicy(state, p, { replicas });
        byReplicas.set(replicas, r);
      }
      return r;
    };
    return {
      schedule: scheduleFor(undefined),
      resources: (claimed.get(policyKey(p)) ?? []).map((t) => ({ apiVersion: t.apiVersion, kind: t.kind, namespace: t.namespace, name: t.name, schedule: scheduleFor(t.replicas) })),
    };
  });
  return { clusters: state.clusters.map((c) => c.name).sort(Order.strings), policies: plans, unclaimed };
}

/**
 * The entry point: plans the objects of a Karmada control plane (the YAML a user applies, hand-written
 * or synthesized; `kind: List` wrappers allowed): Cluster objects, PropagationPolicies,
 * ClusterPropagationPolicies and resource templates. OverridePolicies do not change where things land
 * and are ignored.
 */
export function planKarmada(objects: readonly unknown[]): KarmadaPlan {
  return planKarmadaState(karmadaStateFromObjects(objects));
}
