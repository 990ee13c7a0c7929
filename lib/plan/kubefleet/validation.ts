// What the API server (CRD schema and CEL rules) and the KubeFleet webhook reject in a
// ClusterResourcePlacement (part of the KubeFleet scheduler simulator; see scheduler.ts).
// kubefleet config/crd/bases/placement.kubernetes-fleet.io_clusterresourceplacements.yaml
// (x-kubernetes-validations) and pkg/utils/validator/placement.go validatePlacementPolicy.
import { labelKeyProblem, labelValueProblem } from '../../core/names';
import type { FleetPlacement } from './model';
import { parseQuantity } from '../../core/quantity';

const PLACEMENT_TYPES = ['PickAll', 'PickN', 'PickFixed'];
const PROPERTY_OPERATORS = ['Gt', 'Ge', 'Eq', 'Ne', 'Lt', 'Le'];

/** The first reason the hub would reject `crp`, or undefined when it accepts it. */
export function placementProblem(crp: FleetPlacement): string | undefined {
  const spec = crp.spec ?? {};
  if (crp.name.length > 63) return 'the name field cannot have length exceeding 63';
  const selectors = spec.resourceSelectors ?? [];
  if (selectors.length === 0) return 'spec.resourceSelectors: Required value (at least one resource selector)';
  for (const s of selectors) {
    if (typeof s.name === 'string' && s.name !== '' && s.labelSelector) return 'name and labelSelector are mutually exclusive in a resource selector';
  }
  const policy = spec.policy;
  if (policy) {
    const type = policy.placementType ?? 'PickAll';
    if (!PLACEMENT_TYPES.includes(type)) return `spec.policy.placementType: Unsupported value: ${JSON.stringify(type)}: supported values: "PickAll", "PickN", "PickFixed"`;
    const tolerations = policy.tolerations ?? [];
    if (type === 'PickFixed') {
      if (policy.affinity || policy.numberOfClusters !== undefined || policy.topologySpreadConstraints || policy.tolerations) {
        return 'affinity, numberOfClusters, topologySpreadConstraints, and tolerations cannot be set when placementType is PickFixed';
      }
      const seen = new Set<string>();
      for (const n of policy.clusterNames ?? []) {
        if (n.length > 63) return `PickFixed cluster name ${n} cannot have length exceeding 63`;
        if (seen.has(n)) return 'cluster names must be unique for policy type PickFixed';
        seen.add(n);
      }
    }
    if (type === 'PickAll' && (policy.clusterNames || policy.numberOfClusters !== undefined || policy.topologySpreadConstraints)) {
      return 'clusterNames, numberOfClusters, and topologySpreadConstraints cannot be set when placementType is PickAll';
    }
    if (type === 'PickN') {
      if (policy.clusterNames || policy.numberOfClusters === undefined) return 'clusterNames cannot be set and numberOfClusters must be set when placementType is PickN';
      if (policy.numberOfClusters < 0) return `number of clusters cannot be ${policy.numberOfClusters} for policy type PickN`;
    }
    for (const t of tolerations) {
      const op = t.operator ?? 'Equal';
      if (op === 'Exists' && t.value) return 'value must be empty when operator is Exists';
      if (!t.key && op !== 'Exists') return 'operator must be Exists when key is empty';
      if (t.key && labelKeyProblem(t.key)) return `invalid toleration key ${t.key}: ${labelKeyProblem(t.key)}`;
      if (op === 'Equal' && t.value && labelValueProblem(t.value)) return `invalid toleration value ${t.value}: ${labelValueProblem(t.value)}`;
    }
    const keys = tolerations.map((t) => JSON.stringify([t.key ?? '', t.operator ?? 'Equal', t.value ?? '', t.effect ?? '']));
    if (new Set(keys).size !== keys.length) return 'tolerations must be unique';
    const ca = policy.affinity?.clusterAffinity;
    if (ca && type !== 'PickFixed') {
      for (const term of ca.requiredDuringSchedulingIgnoredDuringExecution?.clusterSelectorTerms ?? []) {
        if (term.propertySorter) return 'PropertySorter is not allowed for RequiredDuringSchedulingIgnoredDuringExecution affinity';
        for (const e of term.propertySelector?.matchExpressions ?? []) {
          if (!PROPERTY_OPERATORS.includes(e.operator)) return `invalid requirement on property ${e.name}: unsupported operator ${e.operator}`;
          if ((e.values ?? []).length !== 1) return `invalid requirement on property ${e.name}: operator ${e.operator} requires exactly one value, got ${(e.values ?? []).length}`;
          if (!parseQuantity(e.values![0])) return `invalid requirement on property ${e.name}: value ${JSON.stringify(e.values![0])} is not a valid resource.Quantity`;
        }
      }
      const preferred = ca.preferredDuringSchedulingIgnoredDuringExecution ?? [];
      if (type === 'PickAll' && preferred.length > 0) return 'PreferredDuringSchedulingIgnoredDuringExecution will be ignored for placement policy type PickAll';
      for (const p of preferred) {
        if (p.preference?.propertySelector) return 'PropertySelector is not allowed for PreferredDuringSchedulingIgnoredDuringExecution affinity';
        const so = p.preference?.propertySorter?.sortOrder;
        if (p.preference?.propertySorter && so !== 'Ascending' && so !== 'Descending') return `invalid property sort order ${so}`;
      }
    }
  }
  const st = spec.strategy;
  if (st?.type === 'External' && st.rollingUpdate) return 'rollingUpdateConifg is not valid for ExternalRollout strategy type';
  return undefined;
}
