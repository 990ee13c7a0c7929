/**
 * The KubeFleet scheduler simulator: reproduces kubefleet-dev/kubefleet (commit e160c1cd) for a fresh
 * ClusterResourcePlacement — eligibility, PickAll / PickN (scores, name tie-break, one cluster per cycle
 * under topology spread constraints) / PickFixed, property selectors compared as Kubernetes quantities,
 * taints and tolerations — and the stage order of the ClusterStagedUpdateRuns that drive it, with the
 * first reason for every cluster that is not selected. Pure TypeScript: no cdk8s/cdktf imports.
 *
 * The entry point is {@link planKubeFleet}: it takes the objects of a KubeFleet hub (the YAML a user
 * applies: MemberClusters, ClusterResourcePlacements, staged update strategies and runs) and returns
 * one result per placement.
 *
 * Not simulated: existing bindings (re-scheduling, downscaling, obsolete-binding preferences) and
 * ResourcePlacement (namespaced) policies.
 *
 * See ../../../../shared/reference/cluster-inventory-and-engines.md §c and the conformance vectors in
 * ../../../../shared/conformance/engines.
 */
import { Order } from '../../core/order';
import { kubeFleetStateFromObjects } from './model';
import type { FleetState } from './model';
import { scheduleFleetPlacement } from './scheduler';
import type { FleetPlacementResult, FleetScheduleOptions } from './scheduler';
import { computeUpdateRun } from './stages';
import type { FleetUpdateRunResult } from './stages';

export * from './model';
export { parseQuantity, compareQuantities, quantityToNumber } from '../../core/quantity';
export type { Quantity } from '../../core/quantity';
export { ineligibility } from './eligibility';
export type { FleetEligibilityOptions } from './eligibility';
export { propertyValue, termMismatch, requiredAffinityMismatch, preferredAffinityScore, propertyExtremes, SchedulingError, RESOURCE_PROPERTY_PREFIX } from './affinity';
export { fleetToleratesTaint, fleetUntoleratedTaint } from './taints';
export { evaluateTopology } from './topology';
export type { TopologyState } from './topology';
export { placementProblem } from './validation';
export { scheduleFleetPlacement } from './scheduler';
export type { FleetPlacementResult, FleetScheduleOptions, FleetClusterScore } from './scheduler';
export { computeUpdateRun, stageMaxConcurrency } from './stages';
export type { FleetStageResult, FleetUpdateRunResult } from './stages';

/** How a placement's changes roll out. */
export interface FleetRolloutPlan {
  /** `RollingUpdate` (the default) or `External` (driven by staged update runs). */
  readonly type: string;
  /**
   * RollingUpdate: maxUnavailable as written (default `25%`).
   * @default - External
   */
  readonly maxUnavailable?: number | string;
  /**
   * RollingUpdate: maxSurge as written (default `25%`).
   * @default - External
   */
  readonly maxSurge?: number | string;
  /** External: the ClusterStagedUpdateRuns naming this placement, sorted by name. */
  readonly updateRuns: readonly FleetUpdateRunResult[];
}

/** One placement in the plan. */
export interface FleetPlacementPlan {
  /** The scheduling result. */
  readonly schedule: FleetPlacementResult;
  /** The rollout. */
  readonly rollout: FleetRolloutPlan;
}

/** The KubeFleet part of a fleet plan. */
export interface KubeFleetPlan {
  /** MemberCluster names, sorted. */
  readonly clusters: readonly string[];
  /** One entry per ClusterResourcePlacement, sorted by name. */
  readonly placements: readonly FleetPlacementPlan[];
  /** ClusterStagedUpdateRuns naming no placement in the input, with their error. */
  readonly orphanRuns: readonly FleetUpdateRunResult[];
  /** Assumptions the plan made (MemberClusters without status are taken as joined and healthy). */
  readonly assumptions: readonly string[];
}

/** Plans a KubeFleet hub from its state. */
export function planKubeFleetState(state: FleetState, options: FleetScheduleOptions = {}): KubeFleetPlan {
  const clusters = [...state.clusters].sort((a, b) => Order.strings(a.name, b.name));
  const byName = new Map(clusters.map((c) => [c.name, c]));
  const strategies = new Map((state.strategies ?? []).map((s) => [s.name, s]));
  const runs = [...(state.updateRuns ?? [])].sort((a, b) => Order.strings(a.name, b.name));
  const placementNames = new Set(state.placements.map((p) => p.name));
  const placements: FleetPlacementPlan[] = [...state.placements].sort((a, b) => Order.strings(a.name, b.name)).map((crp) => {
    const schedule = scheduleFleetPlacement(clusters, crp, options);
    const selected = schedule.selected.map((n) => byName.get(n)!);
    const st = crp.spec.strategy ?? {};
    const type = st.type ?? 'RollingUpdate';
    const updateRuns = runs.filter((r) => r.placementName === crp.name).map((r) => computeUpdateRun(r, crp, strategies.get(r.stagedRolloutStrategyName), selected));
    const rollout: FleetRolloutPlan = type === 'External'
      ? { type, updateRuns }
      : { type, maxUnavailable: st.rollingUpdate?.maxUnavailable ?? '25%', maxSurge: st.rollingUpdate?.maxSurge ?? '25%', updateRuns };
    return { schedule, rollout };
  });
  const orphanRuns = runs.filter((r) => !placementNames.has(r.placementName)).map((r) => computeUpdateRun(r, undefined, strategies.get(r.stagedRolloutStrategyName), []));
  const unstatused = clusters.filter((c) => !c.hasStatus && !c.deleting).map((c) => c.name);
  const assumptions: string[] = [];
  if (unstatused.length > 0) assumptions.push(`MemberClusters without status are assumed joined and healthy: ${unstatused.join(', ')}`);
  if (options.now === undefined && clusters.some((c) => c.hasStatus)) assumptions.push('no evaluation time given: heartbeat and health-transition ages are not checked');
  return { clusters: clusters.map((c) => c.name), placements, orphanRuns, assumptions };
}

/**
 * The entry point: plans the objects of a KubeFleet hub (the YAML a user applies, hand-written or
 * synthesized; `kind: List` wrappers allowed): MemberClusters (with status when read from a hub),
 * ClusterResourcePlacements, ClusterStagedUpdateStrategies and ClusterStagedUpdateRuns.
 */
export function planKubeFleet(objects: readonly unknown[], options: FleetScheduleOptions = {}): KubeFleetPlan {
  return planKubeFleetState(kubeFleetStateFromObjects(objects), options);
}
