// Topology spread constraints (part of the KubeFleet scheduler simulator; see scheduler.ts).
// kubefleet pkg/scheduler/framework/plugins/topologyspreadconstraints/{plugin,utils}.go: domains are
// counted over EVERY member cluster that carries the topology key (eligible or not), each holding the
// number of clusters already picked in it; a cluster that would raise the skew above maxSkew violates a
// DoNotSchedule constraint (filtered) or costs 1000 points under ScheduleAnyway; otherwise its score
// is minus the skew change. With any constraint, PickN picks one cluster per scheduling cycle.
import type { FleetCluster, FleetPlacementPolicyJson } from './model';

type Constraint = NonNullable<FleetPlacementPolicyJson['topologySpreadConstraints']>[number];

interface DomainCounter {
  readonly counts: ReadonlyMap<string, number>;
  readonly smallest: number;
  readonly secondSmallest: number;
  readonly largest: number;
}

function countByDomain(all: readonly FleetCluster[], picked: ReadonlySet<string>, key: string): DomainCounter {
  const counts = new Map<string, number>();
  for (const c of all) {
    const v = c.labels[key];
    if (v === undefined) continue;
    counts.set(v, (counts.get(v) ?? 0) + (picked.has(c.name) ? 1 : 0));
  }
  const sorted = [...counts.values()].sort((a, b) => a - b);
  let smallest = -1;
  let secondSmallest = -1;
  let largest = -1;
  if (sorted.length === 1 || (sorted.length === 2 && sorted[0] === sorted[1])) {
    smallest = secondSmallest = largest = sorted[0];
  } else if (sorted.length === 2) {
    smallest = sorted[0];
    secondSmallest = largest = sorted[1];
  } else if (sorted.length >= 3) {
    smallest = sorted[0];
    secondSmallest = sorted[1];
    largest = sorted[sorted.length - 1];
  }
  return { counts, smallest, secondSmallest, largest };
}

/** willViolate: whether placing in `domain` violates maxSkew, and the skew change. */
function willViolate(counter: DomainCounter, domain: string, maxSkew: number): { violated: boolean; skewChange: number } {
  const count = counter.counts.get(domain) ?? 0;
  const { smallest, secondSmallest, largest } = counter;
  const currentSkew = largest - smallest;
  if (largest === smallest) return { violated: currentSkew + 1 > maxSkew, skewChange: 1 };
  if (count === smallest && smallest !== secondSmallest) return { violated: currentSkew - 1 > maxSkew, skewChange: -1 };
  if (count === largest) return { violated: currentSkew + 1 > maxSkew, skewChange: 1 };
  return { violated: currentSkew > maxSkew, skewChange: 0 };
}

/** The plugin state of one scheduling cycle: DoNotSchedule violations and spread scores per cluster. */
export interface TopologyState {
  /** Cluster → violation reason (DoNotSchedule). */
  readonly violations: ReadonlyMap<string, string>;
  /** Cluster → topology spread score. */
  readonly scores: ReadonlyMap<string, number>;
}

/** evaluateAllConstraints over `all` clusters with `picked` already scheduled. */
export function evaluateTopology(all: readonly FleetCluster[], picked: ReadonlySet<string>, constraints: readonly Constraint[]): TopologyState {
  const violations = new Map<string, string>();
  const scores = new Map<string, number>();
  const doNotSchedule = constraints.filter((c) => c.whenUnsatisfiable !== 'ScheduleAnyway');
  const scheduleAnyway = constraints.filter((c) => c.whenUnsatisfiable === 'ScheduleAnyway');
  for (const tc of doNotSchedule) {
    const counter = countByDomain(all, picked, tc.topologyKey);
    const maxSkew = tc.maxSkew ?? 1;
    for (const c of all) {
      if (violations.has(c.name)) continue;
      const v = c.labels[tc.topologyKey];
      if (v === undefined) {
        scores.set(c.name, scores.get(c.name) ?? 0);
        continue;
      }
      const r = willViolate(counter, v, maxSkew);
      if (r.violated) {
        violations.set(c.name, `violated doNotSchedule topology spread constraint "${tc.topologyKey}" (max skew ${maxSkew})`);
        scores.delete(c.name);
        continue;
      }
      scores.set(c.name, (scores.get(c.name) ?? 0) - r.skewChange);
    }
  }
  for (const tc of scheduleAnyway) {
    const counter = countByDomain(all, picked, tc.topologyKey);
    const maxSkew = tc.maxSkew ?? 1;
    for (const c of all) {
      if (violations.has(c.name)) continue;
      const v = c.labels[tc.topologyKey];
      if (v === undefined) {
        scores.set(c.name, scores.get(c.name) ?? 0);
        continue;
      }
      const r = willViolate(counter, v, maxSkew);
      scores.set(c.name, (scores.get(c.name) ?? 0) + (r.violated ? -1000 : -r.skewChange));
    }
  }
  return { violations, scores };
}
