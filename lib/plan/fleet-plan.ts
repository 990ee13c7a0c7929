// The fleet plan: for every cluster, which placements and profiles select it, which works and
// add-ons land on it, in which rollout wave, and why every other one does not. Pure TypeScript:
// it reads Kubernetes objects (our synthesized YAML, hand-written YAML, `kubectl get -o yaml`
// lists) and runs the engine simulators on them.
//
// The pipeline: hub-emulation.ts (the hub's controllers and the scheduler), chains.ts (registration
// with Sveltos and the Sveltos simulators), assemble.ts (workloads, waves, reasons, matrix) and the
// rule pack (rules/). Types are in types.ts.
import { fail } from '../core/errors';
import { assemble } from './assemble';
import { registerWithSveltos } from './chains';
import { hasEngineObjects, planEngines } from './engines';
import { emulateHub, flattenObjects } from './hub-emulation';
import { ACK_ANNOTATION_PREFIX, profileLabel, subjectOf } from './rules';
import { profileKey } from './sveltos/model';
import type { FleetPlan, FleetPlanInput, PlanContext } from './types';

export type {
  FleetPlanInput, NotSelected, ClusterDelivery, ClusterPlan, PlacementPlan, Wave, WorkloadPlan, FleetPlan, PlanContext, RolloutStep,
  SelectedBy, DecisionGroupPlan, ChartPlan, PlumbingPlan, MatrixColumn, MatrixRow, PlanMatrix, PlanWarning, ProductionDefinition,
} from './types';
export { PlanFormat, PlanAnnotations } from './format';
export { DECLARED_CLAIMS_ANNOTATION, UNREACHABLE_TAINT, flattenObjects } from './hub-emulation';
export { ocmWaves } from './waves';

/**
 * Builds the fleet plan: runs the OCM placement scheduler on every Placement, the Sveltos
 * selection and rollout simulators on every profile through the registration chains present in
 * the objects, the Karmada and KubeFleet schedulers on their policies and placements, derives
 * rollout waves for every workload, and evaluates the rule pack.
 */
export function buildFleetPlan(input: FleetPlanInput): { plan: FleetPlan; context: PlanContext } {
  const emulated = emulateHub(input);
  const sveltos = registerWithSveltos(emulated);
  const context: PlanContext = {
    objects: emulated.objects,
    hub: emulated.hub,
    placements: emulated.placements,
    sveltos: sveltos.sveltos,
    selection: sveltos.selection,
    rollout: sveltos.rollout,
    clusterOfKey: sveltos.clusterOfKey,
    viaOfKey: sveltos.viaOfKey,
    inventoryGiven: emulated.inventoryGiven,
    engines: planEngines({
      objects: emulated.objects,
      inventory: flattenObjects(input.inventory ?? []),
      karmadaClusters: input.karmadaClusters,
      ...(emulated.clock.source !== 'none' ? { now: emulated.clock.now } : {}),
    }),
    ...(input.constructPaths ? { constructPaths: input.constructPaths } : {}),
    ...(input.sources ? { sources: input.sources } : {}),
  };
  const production = { label: input.productionLabel ?? 'env', values: [...(input.productionValues ?? ['production', 'prod'])] };
  if (!production.label.trim()) fail('productionLabel', 'must be a label key, got an empty string');
  if (production.values.length === 0) fail('productionValues', `must list at least one value of label ${production.label} that marks a production cluster`);
  return { plan: assemble(context, { clock: emulated.clock, production, hubWarnings: emulated.hubWarnings }), context };
}

/** Re-exported for renderers and the CLI. */
export { ACK_ANNOTATION_PREFIX, profileKey, profileLabel, subjectOf };

/** Throws when the plan input holds nothing plannable. */
export function assertPlannable(objects: readonly unknown[], what: string): void {
  const flat = flattenObjects(objects);
  const kinds = new Set(['ManagedCluster', 'Placement', 'ManifestWorkReplicaSet', 'ClusterProfile', 'Profile', 'SveltosCluster', 'ManagedClusterSet']);
  if (!flat.some((o) => kinds.has(o.kind)) && !hasEngineObjects(flat)) {
    fail(what, 'holds no ManagedCluster, Placement, ManagedClusterSet, ManifestWorkReplicaSet, Sveltos, Karmada (PropagationPolicy, ClusterPropagationPolicy, Cluster) or KubeFleet (ClusterResourcePlacement, MemberCluster) object to plan');
  }
}
