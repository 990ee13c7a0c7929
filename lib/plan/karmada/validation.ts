// What the Karmada admission webhooks reject (part of the Karmada scheduler simulator; see scheduler.ts).
// karmada pkg/util/validation/validation.go ValidatePropagationSpec / ValidatePlacement, after the
// mutating webhook's defaults (pkg/webhook/propagationpolicy/mutating.go: empty resource selector
// namespaces become the policy's namespace, empty spreadByField becomes cluster, minGroups 0 becomes 1).
import { labelKeyProblem } from '../../core/names';
import type { KarmadaClusterAffinityJson, KarmadaPlacementJson, KarmadaPolicy } from './model';

const FIELD_KEYS = ['provider', 'region', 'zone'];
const SPREAD_FIELDS = ['cluster', 'region', 'zone', 'provider'];

function fieldSelectorProblem(a: KarmadaClusterAffinityJson | undefined, where: string): string | undefined {
  for (const r of a?.fieldSelector?.matchExpressions ?? []) {
    if (!FIELD_KEYS.includes(r.key)) return `${where}.fieldSelector: unsupported key ${JSON.stringify(r.key)}, must be provider, region, or zone`;
    if (r.operator !== 'In' && r.operator !== 'NotIn') return `${where}.fieldSelector: unsupported operator ${JSON.stringify(r.operator)}, must be In or NotIn`;
  }
  return undefined;
}

/** True when overflowAffinities are allowed (util.IsOverflowSchedulingAllowed: dynamic weight or Aggregated). */
function overflowAllowed(p: KarmadaPlacementJson): boolean {
  const rs = p.replicaScheduling;
  if (!rs || (rs.replicaSchedulingType ?? 'Divided') !== 'Divided') return false;
  if (rs.replicaDivisionPreference === 'Aggregated') return true;
  return rs.replicaDivisionPreference === 'Weighted' && !!rs.weightPreference?.dynamicWeight;
}

/** The message the placement validation gives, or undefined when the placement is accepted. */
export function placementProblem(p: KarmadaPlacementJson): string | undefined {
  if (p.clusterAffinity && p.clusterAffinities) return 'spec.placement: clusterAffinities cannot co-exist with clusterAffinity';
  const terms = p.clusterAffinities ?? [];
  for (let i = 0; i < terms.length; i++) {
    if (terms[i].overflowAffinities && !overflowAllowed(p)) {
      return `spec.placement.clusterAffinities[${i}].overflowAffinities can only be used together with dynamic weight or aggregated scheduling`;
    }
  }
  const fp = fieldSelectorProblem(p.clusterAffinity, 'spec.placement.clusterAffinity');
  if (fp) return fp;
  const names = new Set<string>();
  for (let i = 0; i < terms.length; i++) {
    const name = terms[i].affinityName ?? '';
    const kp = labelKeyProblem(name);
    if (kp) return `spec.placement.clusterAffinities[${i}].affinityName ${JSON.stringify(name)} ${kp}`;
    if (names.has(name)) return 'spec.placement.clusterAffinities: each affinity term in a policy must have a unique name';
    names.add(name);
    const tp = fieldSelectorProblem(terms[i], `spec.placement.clusterAffinities[${i}]`);
    if (tp) return tp;
  }
  const fields = new Set<string>();
  const constraints = p.spreadConstraints ?? [];
  for (let i = 0; i < constraints.length; i++) {
    const c = constraints[i];
    const where = `spec.placement.spreadConstraints[${i}]`;
    const byField = c.spreadByField || (c.spreadByLabel ? '' : 'cluster');
    if (c.spreadByField && c.spreadByLabel) return `${where}: spreadByLabel should not co-exist with spreadByField`;
    if (byField && !SPREAD_FIELDS.includes(byField)) return `${where}.spreadByField ${JSON.stringify(byField)} is not one of cluster, region, zone, provider`;
    const min = c.minGroups || 1;
    const max = c.maxGroups ?? 0;
    if (min < 0) return `${where}: minGroups lower than 0 is not allowed`;
    if (max < 0) return `${where}: maxGroups lower than 0 is not allowed`;
    if (max > 0 && max < min) return `${where}: maxGroups lower than minGroups is not allowed`;
    if (byField) {
      if (fields.has(byField)) return `spec.placement.spreadConstraints: multiple ${byField} spread constraints are not allowed`;
      fields.add(byField);
    }
  }
  if (fields.size > 0 && !fields.has('cluster')) {
    return 'spec.placement.spreadConstraints: the cluster spread constraint must be enabled in one of the constraints in case of SpreadByField is enabled';
  }
  const tolerations = p.clusterTolerations ?? [];
  for (let i = 0; i < tolerations.length; i++) {
    const op = tolerations[i].operator ?? '';
    if (op === 'Lt' || op === 'Gt') return `spec.placement.clusterTolerations[${i}].operator: Unsupported value: ${JSON.stringify(op)}: supported values: "", "Exists", "Equal"`;
  }
  return undefined;
}

/** The message the PropagationPolicy / ClusterPropagationPolicy webhook gives, or undefined. */
export function propagationPolicyProblem(policy: KarmadaPolicy): string | undefined {
  const spec = policy.spec ?? {};
  const selectors = spec.resourceSelectors ?? [];
  if (selectors.length === 0) return 'spec.resourceSelectors: Required value (at least one resource selector)';
  const pp = placementProblem(spec.placement ?? {});
  if (pp) return pp;
  if (policy.namespace) {
    for (let i = 0; i < selectors.length; i++) {
      const ns = selectors[i].namespace;
      if (ns && ns !== policy.namespace) {
        return `spec.resourceSelectors[${i}].namespace: Invalid value: ${JSON.stringify(ns)}: namespace of resource selector must be the same as the namespace of the policy`;
      }
    }
  }
  if (spec.preemption === 'Always') {
    for (let i = 0; i < selectors.length; i++) {
      if (!selectors[i].name) return `spec.resourceSelectors[${i}].name: Invalid value: "": name cannot be empty if preemption is Always, the empty name may cause unexpected resources preemption`;
    }
  }
  return undefined;
}
