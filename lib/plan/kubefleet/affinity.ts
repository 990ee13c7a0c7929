// Cluster affinity (part of the KubeFleet scheduler simulator; see scheduler.ts).
// kubefleet pkg/scheduler/framework/plugins/clusteraffinity/{filtering,scoring,state,types}.go:
// required terms are ORed, the label and property parts of a term ANDed; property values compare as
// Kubernetes quantities; preferred terms add their weight when the label selector matches, or an
// interpolated share of it when they carry a property sorter.
import { FleetValidationError } from '../../core/errors';
import { LabelSelector } from '../../core/selector';
import type { FleetCluster, FleetClusterSelectorTermJson } from './model';
import { compareQuantities, parseQuantity, quantityToNumber } from '../../core/quantity';
import type { Quantity } from '../../core/quantity';

/** Prefix of resource properties (kubefleet pkg/propertyprovider/commons.go ResourcePropertyNamePrefix). */
export const RESOURCE_PROPERTY_PREFIX = 'resources.kubernetes-fleet.io/';

/** Thrown when the scheduler itself would fail (an invalid property value or name): the cycle aborts. */
export class SchedulingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchedulingError';
  }
}

/**
 * retrievePropertyValueFrom: the property's value as a quantity, undefined when the cluster does not
 * report it; throws a SchedulingError for a malformed resource property name or a value that is not a
 * quantity.
 */
export function propertyValue(c: FleetCluster, name: string): Quantity | undefined {
  if (name.startsWith(RESOURCE_PROPERTY_PREFIX)) {
    const rest = name.slice(RESOURCE_PROPERTY_PREFIX.length);
    const segs = rest.split('-');
    if (segs.length !== 2 || segs[0] === '' || segs[1] === '') throw new SchedulingError(`invalid resource property name: ${rest}`);
    const [capacityType, resource] = segs;
    const source = capacityType === 'total' ? c.capacity : capacityType === 'allocatable' ? c.allocatable : capacityType === 'available' ? c.available : undefined;
    if (source === undefined && !['total', 'allocatable', 'available'].includes(capacityType)) {
      throw new SchedulingError(`invalid capacity type ${capacityType} in resource property name ${rest}`);
    }
    const v = source?.[resource];
    if (v === undefined) return undefined;
    const q = parseQuantity(v);
    if (!q) throw new SchedulingError(`value ${v} of resource ${resource} (${capacityType}) from cluster ${c.name} is not a valid quantity`);
    return q;
  }
  const v = c.properties?.[name];
  if (v === undefined) return undefined;
  const q = parseQuantity(v);
  if (!q) throw new SchedulingError(`value ${v} of property ${name} from cluster ${c.name} is not a valid quantity`);
  return q;
}

const OPS: Record<string, (cmp: number) => boolean> = {
  Eq: (c) => c === 0,
  Ne: (c) => c !== 0,
  Gt: (c) => c > 0,
  Ge: (c) => c >= 0,
  Lt: (c) => c < 0,
  Le: (c) => c <= 0,
};

function labelSelectorOf(json: FleetClusterSelectorTermJson['labelSelector'], where: string): LabelSelector {
  try {
    const sel = LabelSelector.fromJson(json);
    sel.validate(where, 'labelSelector');
    return sel;
  } catch (e) {
    const why = e instanceof FleetValidationError ? e.problem : (e as Error).message;
    throw new SchedulingError(`failed to parse label selector of ${where}: ${why}`);
  }
}

/**
 * clusterRequirement.Matches: the first reason `c` fails the term, or undefined when it matches.
 * Throws a SchedulingError where the upstream matcher returns an error.
 */
export function termMismatch(c: FleetCluster, term: FleetClusterSelectorTermJson, where: string): string | undefined {
  if (term.labelSelector) {
    const m = labelSelectorOf(term.labelSelector, where).firstMismatch(c.labels);
    if (m) return m;
  }
  for (const e of term.propertySelector?.matchExpressions ?? []) {
    const q = propertyValue(c, e.name);
    if (!q) return `has no property ${e.name}`;
    const values = e.values ?? [];
    if (values.length !== 1) throw new SchedulingError(`more than one value in the property selector expression on ${e.name}`);
    const want = parseQuantity(values[0]);
    if (!want) throw new SchedulingError(`value specified in property selector ${values[0]} is not a valid resource quantity`);
    const op = OPS[e.operator];
    if (!op) throw new SchedulingError(`invalid operator: ${e.operator}`);
    if (!op(compareQuantities(q, want))) return `property ${e.name} is ${showQuantity(c, e.name)}, not ${e.operator} ${values[0]}`;
  }
  return undefined;
}

function showQuantity(c: FleetCluster, name: string): string {
  if (!name.startsWith(RESOURCE_PROPERTY_PREFIX)) return c.properties?.[name] ?? '';
  const [capacityType, resource] = name.slice(RESOURCE_PROPERTY_PREFIX.length).split('-');
  const source = capacityType === 'total' ? c.capacity : capacityType === 'allocatable' ? c.allocatable : c.available;
  return source?.[resource] ?? '';
}

/** The ClusterAffinity filter: the reason `c` matches no required term, or undefined. */
export function requiredAffinityMismatch(c: FleetCluster, terms: readonly FleetClusterSelectorTermJson[]): string | undefined {
  if (terms.length === 0) return undefined;
  const reasons: string[] = [];
  for (let i = 0; i < terms.length; i++) {
    const m = termMismatch(c, terms[i], `clusterSelectorTerms[${i}]`);
    if (m === undefined) return undefined;
    reasons.push(terms.length === 1 ? m : `term ${i}: ${m}`);
  }
  return terms.length === 1
    ? `does not match the required cluster affinity term: ${reasons[0]}`
    : `does not match any of the ${terms.length} required cluster affinity terms (${reasons.join('; ')})`;
}

/** Min and max observed values per sorted property, over every cluster (preparePluginState). */
export type PropertyExtremes = ReadonlyMap<string, { min?: Quantity; max?: Quantity }>;

/** preparePluginState: the extremes of every property a preferred term sorts by, over `all` clusters. */
export function propertyExtremes(all: readonly FleetCluster[], preferred: readonly { weight: number; preference: FleetClusterSelectorTermJson }[]): PropertyExtremes {
  const out = new Map<string, { min?: Quantity; max?: Quantity }>();
  for (const t of preferred) {
    const name = t.preference?.propertySorter?.name;
    if (!name || out.has(name)) continue;
    let min: Quantity | undefined;
    let max: Quantity | undefined;
    for (const c of all) {
      const q = propertyValue(c, name);
      if (!q) continue;
      if (!min || compareQuantities(q, min) < 0) min = q;
      if (!max || compareQuantities(q, max) > 0) max = q;
    }
    out.set(name, { min, max });
  }
  return out;
}

/** Go's math.Round (half away from zero) then int32. */
function goRound(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x)) || 0;
}

/** The affinity score of `c` (the sum over preferred terms with a non-zero weight). */
export function preferredAffinityScore(c: FleetCluster, preferred: readonly { weight: number; preference: FleetClusterSelectorTermJson }[], extremes: PropertyExtremes): number {
  let score = 0;
  for (let i = 0; i < preferred.length; i++) {
    const t = preferred[i];
    if (!t.weight) continue;
    const pref = t.preference ?? {};
    const matched = pref.labelSelector ? labelSelectorOf(pref.labelSelector, `preferred[${i}]`).matches(c.labels) : true;
    if (!matched) continue;
    if (!pref.propertySorter) {
      score += t.weight;
      continue;
    }
    const q = propertyValue(c, pref.propertySorter.name);
    if (!q) continue;
    const mm = extremes.get(pref.propertySorter.name);
    if (!mm?.min || !mm.max) throw new SchedulingError(`extremums for property ${pref.propertySorter.name} are not available`);
    const f = quantityToNumber(q);
    const minF = quantityToNumber(mm.min);
    const maxF = quantityToNumber(mm.max);
    if (minF === maxF) continue;
    const ratio = (f - minF) / (maxF - minF);
    if (pref.propertySorter.sortOrder === 'Descending') score += goRound(ratio * t.weight);
    else if (pref.propertySorter.sortOrder === 'Ascending') score += goRound((1 - ratio) * t.weight);
    else throw new SchedulingError(`cannot interpolate weight as sort order ${pref.propertySorter.sortOrder} is invalid`);
  }
  return score;
}
