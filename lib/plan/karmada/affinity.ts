// Karmada ClusterAffinity matching (part of the Karmada scheduler simulator; see scheduler.ts).
// Reproduces karmada pkg/util/selector.go ClusterMatches and matchZones, with the field selector's
// non-zone requirements evaluated like pkg/util/lifted/nodeaffinity.go NodeSelectorRequirementsAsSelector
// (k8s.io/apimachinery labels.NewRequirement semantics).
import { FleetValidationError } from '../../core/errors';
import { labelKeyProblem, labelValueProblem } from '../../core/names';
import { LabelSelector } from '../../core/selector';
import type { KarmadaCluster, KarmadaClusterAffinityJson, KarmadaFieldRequirementJson } from './model';

/** Field selector keys (karmada pkg/util/constants.go ProviderField, RegionField, ZoneField). */
export const FIELD_PROVIDER = 'provider';
export const FIELD_REGION = 'region';
export const FIELD_ZONE = 'zone';

function list(values: readonly string[] | undefined): string {
  return `(${(values ?? []).join(', ')})`;
}

/** Why a (non-zone) field requirement is invalid for labels.NewRequirement, or undefined. */
function requirementProblem(r: KarmadaFieldRequirementJson): string | undefined {
  const kp = labelKeyProblem(r.key);
  if (kp) return `key ${JSON.stringify(r.key)} ${kp}`;
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) return `${r.operator} needs at least one value`;
      for (const v of values) {
        const vp = labelValueProblem(v);
        if (vp) return `value ${JSON.stringify(v)} ${vp}`;
      }
      return undefined;
    case 'Exists':
    case 'DoesNotExist':
      return values.length > 0 ? `${r.operator} must not have values` : undefined;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1 || !/^[+-]?\d+$/.test(values[0])) return `${r.operator} needs exactly one integer value`;
      return undefined;
    default:
      return `${JSON.stringify(r.operator)} is not a valid node selector operator`;
  }
}

/** matchZones: the reason the zone requirement fails, or undefined when it holds. */
function zoneMismatch(r: KarmadaFieldRequirementJson, zones: readonly string[]): string | undefined {
  const values = r.values ?? [];
  const shown = zones.length > 0 ? `zones [${zones.join(', ')}]` : 'no zones';
  switch (r.operator) {
    case 'In':
      return zones.some((z) => values.includes(z)) ? undefined : `has ${shown}, none of them in zone In ${list(values)}`;
    case 'NotIn': {
      const hit = zones.find((z) => values.includes(z));
      return hit === undefined ? undefined : `has zone ${hit}, which zone NotIn ${list(values)} excludes`;
    }
    case 'Exists':
      return zones.length > 0 ? undefined : 'has no zones (wanted zone Exists)';
    case 'DoesNotExist':
      return zones.length === 0 ? undefined : `has ${shown} (wanted zone DoesNotExist)`;
    default:
      return `zone operator ${JSON.stringify(r.operator)} is not supported, so it never matches`;
  }
}

/** One provider/region requirement against the cluster's field set. */
function fieldMismatch(r: KarmadaFieldRequirementJson, fields: ReadonlyMap<string, string>): string | undefined {
  const has = fields.has(r.key);
  const v = fields.get(r.key);
  const values = r.values ?? [];
  const want = `${r.key} ${r.operator}${values.length ? ` ${list(values)}` : ''}`;
  const missing = r.key === FIELD_PROVIDER || r.key === FIELD_REGION ? `has no ${r.key}` : `field selector key ${JSON.stringify(r.key)} is not provider, region or zone, so it never matches`;
  switch (r.operator) {
    case 'In':
      if (!has) return r.key === FIELD_PROVIDER || r.key === FIELD_REGION ? `${missing} (wanted ${want})` : missing;
      return values.includes(v!) ? undefined : `${r.key} ${v} does not match ${want}`;
    case 'NotIn':
      return has && values.includes(v!) ? `${r.key} ${v} does not match ${want}` : undefined;
    case 'Exists':
      if (!has) return r.key === FIELD_PROVIDER || r.key === FIELD_REGION ? `${missing} (wanted ${want})` : missing;
      return undefined;
    case 'DoesNotExist':
      return has ? `${r.key} ${v} is set (wanted ${want})` : undefined;
    case 'Gt':
    case 'Lt': {
      if (!has) return r.key === FIELD_PROVIDER || r.key === FIELD_REGION ? `${missing} (wanted ${want})` : missing;
      if (!/^[+-]?\d+$/.test(v!)) return `${r.key} ${v} is not an integer (wanted ${want})`;
      const a = BigInt(v!);
      const b = BigInt(values[0]);
      const ok = r.operator === 'Gt' ? a > b : a < b;
      return ok ? undefined : `${r.key} ${v} does not match ${want}`;
    }
    default:
      return `field selector operator ${JSON.stringify(r.operator)} is not valid, so it never matches`;
  }
}

/**
 * The first reason `cluster` does not match `affinity` (as karmada ClusterMatches evaluates it:
 * exclude, labelSelector, zone requirements, the other field requirements, clusterNames), or undefined
 * when it matches. An undefined affinity matches every cluster.
 * @param where how the affinity is named in the reason, e.g. `clusterAffinity`
 */
export function clusterAffinityMismatch(cluster: KarmadaCluster, affinity: KarmadaClusterAffinityJson | undefined, where: string): string | undefined {
  if (!affinity) return undefined;
  if ((affinity.exclude ?? []).includes(cluster.name)) return `excluded by ${where}.exclude`;
  if (affinity.labelSelector) {
    let sel: LabelSelector;
    try {
      sel = LabelSelector.fromJson(affinity.labelSelector);
      sel.validate(where, 'labelSelector');
    } catch (e) {
      const why = e instanceof FleetValidationError ? e.problem : (e as Error).message;
      return `${where}.labelSelector is invalid (${why}), so it matches no cluster`;
    }
    const m = sel.firstMismatch(cluster.labels);
    if (m) return `${where}.labelSelector: ${m}`;
  }
  const exprs = affinity.fieldSelector?.matchExpressions;
  if (exprs) {
    const others: KarmadaFieldRequirementJson[] = [];
    for (const r of exprs) {
      if (r.key !== FIELD_ZONE) {
        others.push(r);
        continue;
      }
      const m = zoneMismatch(r, cluster.zones ?? []);
      if (m) return `${where}.fieldSelector: ${m}`;
    }
    if (others.length > 0) {
      for (const r of others) {
        const p = requirementProblem(r);
        if (p) return `${where}.fieldSelector is invalid (${p}), so it matches no cluster`;
      }
      const fields = new Map<string, string>();
      if (cluster.provider) fields.set(FIELD_PROVIDER, cluster.provider);
      if (cluster.region) fields.set(FIELD_REGION, cluster.region);
      for (const r of others) {
        const m = fieldMismatch(r, fields);
        if (m) return `${where}.fieldSelector: ${m}`;
      }
    }
  }
  const names = affinity.clusterNames ?? [];
  if (names.length > 0 && !names.includes(cluster.name)) return `not in ${where}.clusterNames`;
  return undefined;
}

/** True when `cluster` matches `affinity` (karmada ClusterMatches). */
export function clusterMatches(cluster: KarmadaCluster, affinity: KarmadaClusterAffinityJson | undefined): boolean {
  return clusterAffinityMismatch(cluster, affinity, 'clusterAffinity') === undefined;
}
