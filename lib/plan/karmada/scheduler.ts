// The Karmada scheduler pipeline for one policy (part of the Karmada scheduler simulator; see index.ts).
// karmada pkg/scheduler/scheduler.go (clusterAffinities tried in order), core/generic_scheduler.go
// (filter, score, select, assign), core/common.go SelectClusters / AssignReplicas,
// core/spreadconstraint/select_clusters*.go and core/assignment.go.
import { Order } from '../../core/order';
import { clusterAffinityMismatch } from './affinity';
import { staticWeights, websterSeats } from './division';
import type { KarmadaCluster, KarmadaClusterAffinityJson, KarmadaPlacementJson, KarmadaPolicy, KarmadaState } from './model';
import { findUntoleratedTaint, taintString } from './taints';
import { placementProblem, propagationPolicyProblem } from './validation';

/** One cluster a policy (or a resource template under it) lands on. */
export interface KarmadaTarget {
  /** Cluster name. */
  readonly cluster: string;
  /**
   * Replicas assigned (Duplicated: the full count; Divided: its share).
   * @default - no replica count (policy-level view, or a template without replicas)
   */
  readonly replicas?: number;
  /**
   * The static weight the division uses (Divided, Weighted, static weights).
   * @default - not divided by static weight
   */
  readonly weight?: number;
}

/** What the scheduler decides for one placement (of a policy, or of a resource template claimed by it). */
export interface KarmadaPlacementResult {
  /**
   * Set when the admission webhook rejects the policy: it never reaches the scheduler.
   * @default - accepted
   */
  readonly rejected?: string;
  /**
   * The `clusterAffinities` term the scheduler settled on (the first one that schedules).
   * @default - the policy uses clusterAffinity (or no affinity)
   */
  readonly affinityName?: string;
  /** `Duplicated`, `StaticWeight`, `DynamicWeight` or `Aggregated`. */
  readonly strategy: string;
  /**
   * The replica count that was divided or duplicated.
   * @default - none given (policy-level view)
   */
  readonly replicas?: number;
  /** The clusters it lands on, name-sorted. */
  readonly selected: readonly KarmadaTarget[];
  /** Clusters that pass every filter (before spread constraints and division), name-sorted. */
  readonly feasible: readonly string[];
  /** For every known cluster not selected, the first reason, as a sentence. */
  readonly notSelected: Readonly<Record<string, string>>;
  /**
   * Set when the outcome depends on run-time state the plan does not have (estimator capacity for
   * spread constraints that cut the list, dynamic weights or Aggregated division); `selected` then
   * holds the clusters that are certain to be candidates, without replicas.
   * @default - fully determined
   */
  readonly undetermined?: string;
  /**
   * Set when scheduling fails (no feasible cluster for any affinity term, spread constraints that
   * cannot be met): nothing is selected.
   * @default - scheduled
   */
  readonly error?: string;
  /** Things to know (ties broken by the binding UID at run time, ...). */
  readonly warnings: readonly string[];
}

/** What the scheduler decides for one policy (or one resource template claimed by it). */
export interface KarmadaScheduleResult extends KarmadaPlacementResult {
  /** `PropagationPolicy` or `ClusterPropagationPolicy`. */
  readonly kind: string;
  /**
   * Policy namespace (PropagationPolicy).
   * @default - cluster-scoped
   */
  readonly namespace?: string;
  /** Policy name. */
  readonly name: string;
}

/** Options of {@link scheduleKarmadaPolicy} and {@link scheduleKarmadaPlacement}. */
export interface KarmadaScheduleOptions {
  /**
   * Replicas of the workload the policy propagates (a Deployment's spec.replicas).
   * @default - policy-level view: clusters and static weights, no replica counts
   */
  readonly replicas?: number;
}

interface Term {
  readonly affinityName?: string;
  readonly affinity?: KarmadaClusterAffinityJson;
  /** overflowAffinities of a clusterAffinities term (workloads only). */
  readonly overflow?: readonly KarmadaClusterAffinityJson[];
  readonly where: string;
}

interface Attempt {
  readonly term: Term;
  readonly feasible: KarmadaCluster[];
  readonly reasons: Map<string, string>;
  readonly error?: string;
  readonly selected?: KarmadaCluster[];
  readonly undetermined?: string;
}

function strategyOf(p: KarmadaPlacementJson): string {
  const rs = p.replicaScheduling;
  if (!rs || (rs.replicaSchedulingType ?? 'Divided') === 'Duplicated') return 'Duplicated';
  const pref = rs.replicaDivisionPreference || 'Weighted';
  if (pref === 'Aggregated') return 'Aggregated';
  return rs.weightPreference?.dynamicWeight ? 'DynamicWeight' : 'StaticWeight';
}

/** The SpreadConstraint filter plugin: the cluster must have the field every spreadByField names. */
function spreadFieldMismatch(c: KarmadaCluster, p: KarmadaPlacementJson): string | undefined {
  for (const sc of p.spreadConstraints ?? []) {
    if (sc.spreadByField === 'provider' && !c.provider) return 'has no provider, which spreadConstraints spreadByField provider needs';
    if (sc.spreadByField === 'region' && !c.region) return 'has no region, which spreadConstraints spreadByField region needs';
    if (sc.spreadByField === 'zone' && (c.zones ?? []).length === 0) return 'has no zones, which spreadConstraints spreadByField zone needs';
  }
  return undefined;
}

/** shouldIgnoreSpreadConstraint: static-weighted division ignores spread constraints. */
function ignoresSpread(p: KarmadaPlacementJson): boolean {
  const rs = p.replicaScheduling;
  return !!rs && (rs.replicaSchedulingType ?? 'Divided') === 'Divided' && (rs.replicaDivisionPreference || 'Weighted') === 'Weighted'
    && (rs.weightPreference === undefined || ((rs.weightPreference.staticWeightList ?? []).length !== 0 && !rs.weightPreference.dynamicWeight));
}

function attempt(clusters: readonly KarmadaCluster[], p: KarmadaPlacementJson, term: Term): Attempt {
  const reasons = new Map<string, string>();
  const feasible: KarmadaCluster[] = [];
  // The upstream filter plugins run in registry-map order (random in Go); the simulator uses a fixed
  // order: ClusterAffinity, TaintToleration, SpreadConstraint.
  for (const c of clusters) {
    if (c.deleting) {
      reasons.set(c.name, 'is being deleted, so the scheduler skips it');
      continue;
    }
    // ClusterAffinity Filter: a cluster passes when it matches the term or, for workloads, one of its
    // overflowAffinities (karmada pkg/scheduler/framework/plugins/clusteraffinity/cluster_affinity.go).
    const primary = clusterAffinityMismatch(c, term.affinity, term.where);
    const affinityWhy = primary !== undefined && (term.overflow ?? []).some((o) => clusterAffinityMismatch(c, o, term.where) === undefined) ? undefined : primary;
    const why = affinityWhy
      ?? ((): string | undefined => {
        const t = findUntoleratedTaint(c.taints, p.clusterTolerations);
        return t ? `had untolerated taint {${taintString(t)}}` : undefined;
      })()
      ?? spreadFieldMismatch(c, p);
    if (why) reasons.set(c.name, why);
    else feasible.push(c);
  }
  if (feasible.length === 0) {
    return { term, feasible, reasons, error: `0/${clusters.length} clusters are available: no cluster passes the filters${term.affinityName ? ` of clusterAffinities "${term.affinityName}"` : ''}` };
  }
  const constraints = p.spreadConstraints ?? [];
  if (constraints.length === 0 || ignoresSpread(p)) return { term, feasible, reasons, selected: feasible };
  const byField = new Map<string, { minGroups: number; maxGroups: number }>();
  for (const sc of constraints) byField.set(sc.spreadByField || (sc.spreadByLabel ? '' : 'cluster'), { minGroups: sc.minGroups || 1, maxGroups: sc.maxGroups ?? 0 });
  if (byField.has('region')) {
    return { term, feasible, reasons, selected: [], undetermined: 'spreadConstraints by region pick regions and clusters by the available replicas the estimators report at run time' };
  }
  const cc = byField.get('cluster');
  if (!cc) return { term, feasible, reasons, error: 'spreadConstraints: just support cluster and region spread constraint' };
  if (feasible.length < cc.minGroups) {
    return { term, feasible, reasons, error: `the number of feasible clusters (${feasible.length}) is less than spreadConstraint.MinGroups (${cc.minGroups})` };
  }
  const need = Math.min(feasible.length, cc.maxGroups);
  if (need === 0) return { term, feasible, reasons, error: 'no clusters available to schedule: the cluster spread constraint has maxGroups 0 (unset), so it selects no cluster' };
  if (need < feasible.length) {
    return { term, feasible, reasons, selected: [], undetermined: `spreadConstraints cluster maxGroups ${cc.maxGroups} picks ${need} of ${feasible.length} feasible clusters by score and available replicas at run time` };
  }
  return { term, feasible, reasons, selected: feasible };
}

function byName(a: KarmadaCluster, b: KarmadaCluster): number {
  return Order.strings(a.name, b.name);
}

/**
 * Schedules one PropagationPolicy / ClusterPropagationPolicy over `state.clusters` as Karmada would:
 * the admission webhook's validation of the whole policy, then {@link scheduleKarmadaPlacement}.
 */
export function scheduleKarmadaPolicy(state: Pick<KarmadaState, 'clusters'>, policy: KarmadaPolicy, options: KarmadaScheduleOptions = {}): KarmadaScheduleResult {
  const base = { kind: policy.kind, namespace: policy.namespace, name: policy.name };
  const rejected = propagationPolicyProblem(policy);
  if (rejected) return { ...base, ...rejectedResult(state.clusters, policy.spec?.placement ?? {}, rejected, options) };
  return { ...base, ...scheduleKarmadaPlacement(state.clusters, policy.spec?.placement ?? {}, options) };
}

function rejectedResult(clusters: readonly KarmadaCluster[], p: KarmadaPlacementJson, rejected: string, options: KarmadaScheduleOptions): KarmadaPlacementResult {
  const notSelected: Record<string, string> = {};
  for (const c of [...clusters].sort(byName)) notSelected[c.name] = 'the policy is rejected by the Karmada admission webhook';
  return { rejected, strategy: strategyOf(p), replicas: options.replicas, selected: [], feasible: [], notSelected, warnings: [] };
}

/**
 * Schedules one placement over `clusters` as the Karmada scheduler would for a fresh ResourceBinding:
 * the webhook's placement validation, the clusterAffinities terms in order (the first that schedules
 * wins), the filters (affinity, taints, spread fields), spread constraints and replica assignment.
 */
export function scheduleKarmadaPlacement(allClusters: readonly KarmadaCluster[], p: KarmadaPlacementJson, options: KarmadaScheduleOptions = {}): KarmadaPlacementResult {
  const strategy = strategyOf(p);
  const clusters = [...allClusters].sort(byName);
  const rejected = placementProblem(p);
  if (rejected) return rejectedResult(clusters, p, rejected, options);
  const terms: Term[] = (p.clusterAffinities ?? []).length > 0
    ? p.clusterAffinities!.map((t, i) => ({
      affinityName: t.affinityName,
      affinity: t,
      overflow: options.replicas !== undefined && options.replicas > 0 ? t.overflowAffinities : undefined,
      where: `clusterAffinities[${i}] "${t.affinityName}"`,
    }))
    : [{ affinity: p.clusterAffinity, where: 'clusterAffinity' }];
  let chosen: Attempt | undefined;
  let first: Attempt | undefined;
  for (const term of terms) {
    const a = attempt(clusters, p, term);
    first ??= a;
    if (!a.error) {
      chosen = a;
      break;
    }
  }
  const warnings: string[] = [];
  if (!chosen) {
    const f = first!;
    const notSelected: Record<string, string> = {};
    for (const c of clusters) notSelected[c.name] = f.reasons.get(c.name) ?? `scheduling fails: ${f.error}`;
    return { strategy, replicas: options.replicas, selected: [], feasible: f.feasible.map((c) => c.name), notSelected, error: f.error, warnings };
  }
  const notSelected: Record<string, string> = {};
  for (const [name, why] of chosen.reasons) notSelected[name] = why;
  const feasible = chosen.feasible.map((c) => c.name);
  const result = { affinityName: chosen.term.affinityName, strategy, replicas: options.replicas, feasible };
  if (chosen.undetermined) {
    return { ...result, selected: [], notSelected, undetermined: chosen.undetermined, warnings };
  }
  const selected = chosen.selected!;
  const replicas = options.replicas;
  const workload = replicas !== undefined && replicas > 0;
  if (strategy === 'Duplicated' || (replicas !== undefined && !workload)) {
    return { ...result, selected: selected.map((c) => (workload ? { cluster: c.name, replicas } : { cluster: c.name })), notSelected, warnings };
  }
  if (strategy !== 'StaticWeight') {
    return {
      ...result,
      selected: selected.map((c) => ({ cluster: c.name })),
      notSelected,
      undetermined: workload ? `${strategy} division assigns replicas by the available replicas the estimators report at run time` : undefined,
      warnings,
    };
  }
  const weights = staticWeights(selected, p.replicaScheduling?.weightPreference?.staticWeightList);
  const weightOf = new Map(weights.map((w) => [w.name, w.weight]));
  for (const c of selected) {
    if (!weightOf.has(c.name)) notSelected[c.name] = 'matches no staticWeightList entry, so its weight is 0 and it gets no replicas';
  }
  if (!workload) {
    return { ...result, selected: weights.map((w) => ({ cluster: w.name, weight: w.weight })).sort((a, b) => Order.strings(a.cluster, b.cluster)), notSelected, warnings };
  }
  const asc = websterSeats(replicas!, weights, false);
  const desc = websterSeats(replicas!, weights, true);
  if (asc.some((s, i) => s.seats !== desc[i].seats)) {
    warnings.push(`exact ties in the Webster division: Karmada breaks them by a hash of the ResourceBinding UID (pkg/util/helper/binding.go tieBreakerByUID), so the split may be ${desc.map((s) => `${s.name}=${s.seats}`).join(', ')} instead of the one shown (names ascending)`);
  }
  const total = weights.reduce((s, w) => s + w.weight, 0);
  const targets: KarmadaTarget[] = [];
  for (const s of asc) {
    if (s.seats > 0) targets.push({ cluster: s.name, replicas: s.seats, weight: weightOf.get(s.name) });
    else notSelected[s.name] = `gets 0 of ${replicas} replicas (weight ${weightOf.get(s.name)} of ${total}), and Karmada drops clusters with no replicas`;
  }
  return { ...result, selected: targets, notSelected, warnings };
}
