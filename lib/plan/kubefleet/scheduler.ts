// The KubeFleet scheduling cycle for one ClusterResourcePlacement (part of the KubeFleet scheduler
// simulator; see index.ts). kubefleet pkg/scheduler/framework/framework.go (PickAll, PickN with batch
// limits and requeues, PickFixed), frameworkutils.go pickTopNScoredClusters (score descending, ties to the
// lexicographically GREATEST name), score.go and the default profile (pkg/scheduler/profile/profile.go:
// filters ClusterAffinity, ClusterEligibility, TaintToleration, SamePlacementAffinity,
// TopologySpreadConstraints in that order).
import { Order } from '../../core/order';
import { SchedulingError, preferredAffinityScore, propertyExtremes, requiredAffinityMismatch } from './affinity';
import { ineligibility } from './eligibility';
import type { FleetEligibilityOptions } from './eligibility';
import type { FleetCluster, FleetPlacement } from './model';
import { fleetTaintString, fleetUntoleratedTaint } from './taints';
import { evaluateTopology } from './topology';
import { placementProblem } from './validation';

/** Options of {@link scheduleFleetPlacement}. */
export interface FleetScheduleOptions extends FleetEligibilityOptions {}

/** A picked cluster's score in the cycle that picked it (PickN). */
export interface FleetClusterScore {
  /** TopologySpreadScore. */
  readonly topologySpread: number;
  /** AffinityScore. */
  readonly affinity: number;
}

/** What the scheduler decides for one ClusterResourcePlacement. */
export interface FleetPlacementResult {
  /** Placement name. */
  readonly name: string;
  /** `PickAll` (also when the CRP has no policy), `PickN` or `PickFixed`. */
  readonly placementType: string;
  /**
   * Set when the API server or the webhook rejects the placement: nothing is scheduled.
   * @default - accepted
   */
  readonly rejected?: string;
  /**
   * Set when the scheduling cycle itself fails (a property that is not a quantity): nothing is scheduled.
   * @default - scheduled
   */
  readonly error?: string;
  /**
   * The requested count (PickN).
   * @default - not PickN
   */
  readonly numberOfClusters?: number;
  /** Selected clusters: pick order for PickN, name order for PickAll, listed order for PickFixed. */
  readonly selected: readonly string[];
  /** PickN: each picked cluster's score in the cycle that picked it. */
  readonly scores: Readonly<Record<string, FleetClusterScore>>;
  /** PickFixed: listed names with no MemberCluster. */
  readonly notFound: readonly string[];
  /** For every member cluster not selected, the first reason, as a sentence. */
  readonly notSelected: Readonly<Record<string, string>>;
  /** Scheduling cycles run (PickN with topology spread constraints picks one cluster per cycle). */
  readonly cycles: number;
}

function byName(a: FleetCluster, b: FleetCluster): number {
  return Order.strings(a.name, b.name);
}

/**
 * Schedules one ClusterResourcePlacement over `clusters` as the KubeFleet scheduler does for a fresh
 * placement (no bindings yet), running cycles until it stops requeueing.
 */
export function scheduleFleetPlacement(allClusters: readonly FleetCluster[], crp: FleetPlacement, options: FleetScheduleOptions = {}): FleetPlacementResult {
  const clusters = [...allClusters].sort(byName);
  const policy = crp.spec?.policy;
  const placementType = policy?.placementType ?? 'PickAll';
  const base = { name: crp.name, placementType, numberOfClusters: placementType === 'PickN' ? policy?.numberOfClusters : undefined, scores: {}, notFound: [] as string[], cycles: 0 };
  const nothing = (why: string): Record<string, string> => Object.fromEntries(clusters.map((c) => [c.name, why]));
  const rejected = placementProblem(crp);
  if (rejected) return { ...base, rejected, selected: [], notSelected: nothing('the placement is rejected by the hub (CRD validation or the KubeFleet webhook)') };
  try {
    if (placementType === 'PickFixed') return pickFixed(clusters, crp, options, base);
    return pickAllOrN(clusters, crp, options, base);
  } catch (e) {
    if (!(e instanceof SchedulingError)) throw e;
    return { ...base, error: e.message, selected: [], notSelected: nothing(`the scheduling cycle fails: ${e.message}`) };
  }
}

function pickFixed(clusters: readonly FleetCluster[], crp: FleetPlacement, options: FleetScheduleOptions, base: Omit<FleetPlacementResult, 'selected' | 'notSelected'>): FleetPlacementResult {
  const byNameMap = new Map(clusters.map((c) => [c.name, c]));
  const targets = crp.spec.policy?.clusterNames ?? [];
  const selected: string[] = [];
  const notFound: string[] = [];
  const notSelected: Record<string, string> = {};
  for (const n of targets) {
    const c = byNameMap.get(n);
    if (!c) {
      if (!notFound.includes(n)) notFound.push(n);
      continue;
    }
    const why = ineligibility(c, options);
    if (why) notSelected[n] = `is listed in clusterNames but not eligible: ${why}`;
    else if (!selected.includes(n)) selected.push(n);
  }
  for (const c of clusters) {
    if (!targets.includes(c.name)) notSelected[c.name] = 'is not in the PickFixed clusterNames';
  }
  return { ...base, cycles: targets.length > 0 ? 1 : 0, selected, notFound, notSelected: sortRecord(notSelected) };
}

function sortRecord(r: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(r).sort(Order.strings)) out[k] = r[k];
  return out;
}

function pickAllOrN(clusters: readonly FleetCluster[], crp: FleetPlacement, options: FleetScheduleOptions, base: Omit<FleetPlacementResult, 'selected' | 'notSelected'>): FleetPlacementResult {
  const policy = crp.spec.policy;
  const pickN = policy?.placementType === 'PickN';
  const required = policy?.affinity?.clusterAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.clusterSelectorTerms ?? [];
  const preferred = pickN ? policy?.affinity?.clusterAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [] : [];
  const constraints = pickN ? policy?.topologySpreadConstraints ?? [] : [];
  const tolerations = policy?.tolerations;
  const n = pickN ? policy?.numberOfClusters ?? 0 : Infinity;
  const extremes = preferred.length > 0 ? propertyExtremes(clusters, preferred) : new Map();

  // The filters and scores that do not depend on the clusters already picked are computed once; only
  // the topology spread state changes from one scheduling cycle to the next.
  const fixedReason = new Map<string, string>();
  const affinityScore = new Map<string, number>();
  for (const c of clusters) {
    const why = requiredAffinityMismatch(c, required)
      ?? ineligibility(c, options)
      ?? ((): string | undefined => {
        const t = fleetUntoleratedTaint(c.taints, tolerations);
        return t ? `taint ${fleetTaintString(t)} cannot be tolerated` : undefined;
      })();
    if (why) fixedReason.set(c.name, why);
    else if (preferred.length > 0) affinityScore.set(c.name, preferredAffinityScore(c, preferred, extremes));
  }
  const picked: string[] = [];
  const pickedSet = new Set<string>();
  const scores: Record<string, FleetClusterScore> = {};
  let violations: ReadonlyMap<string, string> = new Map();
  let notPicked: { c: FleetCluster; score: FleetClusterScore }[] = [];
  let cycles = 0;
  for (;;) {
    const desired = n - picked.length;
    if (desired <= 0) break;
    const limit = constraints.length > 0 ? 1 : desired;
    cycles++;
    const topology = constraints.length > 0 ? evaluateTopology(clusters, pickedSet, constraints) : undefined;
    violations = topology?.violations ?? violations;
    const passed: { c: FleetCluster; score: FleetClusterScore }[] = [];
    for (const c of clusters) {
      if (fixedReason.has(c.name) || pickedSet.has(c.name) || violations.has(c.name)) continue;
      passed.push({ c, score: { topologySpread: topology?.scores.get(c.name) ?? 0, affinity: affinityScore.get(c.name) ?? 0 } });
    }
    if (!pickN) {
      for (const p of passed) {
        picked.push(p.c.name);
        pickedSet.add(p.c.name);
      }
      break;
    }
    // pickTopNScoredClusters: sort.Reverse of (score ascending, then name ascending). With a batch of
    // one (topology spread constraints), only the best cluster is needed: a linear scan instead of a sort.
    const better = (a: (typeof passed)[number], b: (typeof passed)[number]): number =>
      b.score.topologySpread - a.score.topologySpread || b.score.affinity - a.score.affinity || Order.strings(b.c.name, a.c.name);
    const k = Math.min(desired, limit, passed.length);
    if (k === 1) {
      let best = 0;
      for (let i = 1; i < passed.length; i++) if (better(passed[i], passed[best]) < 0) best = i;
      [passed[0], passed[best]] = [passed[best], passed[0]];
    } else {
      passed.sort(better);
    }
    for (let i = 0; i < k; i++) {
      picked.push(passed[i].c.name);
      pickedSet.add(passed[i].c.name);
      scores[passed[i].c.name] = passed[i].score;
    }
    notPicked = passed.slice(k);
    // shouldRequeue: only when a plugin limited the batch and the batch was filled.
    if (!(desired > limit && k === limit)) break;
  }
  // Reasons come from the last scheduling cycle, as the placement's status reports them: the filters
  // in profile order (the fixed ones, then topology spread), then the score of the clusters not picked.
  const reasons = new Map<string, string>([...fixedReason, ...[...violations].filter(([name]) => !fixedReason.has(name))]);
  for (const { c, score } of notPicked) {
    reasons.set(c.name, `scored below the clusters picked (topology spread score ${score.topologySpread}, affinity score ${score.affinity}; equal scores go to the lexicographically greater name)`);
  }
  const notSelected: Record<string, string> = {};
  for (const c of clusters) {
    if (pickedSet.has(c.name)) continue;
    notSelected[c.name] = reasons.get(c.name) ?? (pickN && n === 0 ? 'numberOfClusters is 0' : `the ${n} requested clusters were already picked`);
  }
  return { ...base, cycles, selected: pickN ? picked : [...picked].sort(Order.strings), scores, notSelected };
}
