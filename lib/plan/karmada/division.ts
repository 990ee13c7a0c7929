// Karmada static-weight replica division (part of the Karmada scheduler simulator; see scheduler.ts).
// karmada pkg/scheduler/core/division_algorithm.go getStaticWeightInfoList (a cluster's weight is the
// MAX of the staticWeightList entries whose targetCluster matches it; weight-0 clusters are dropped; all
// zero means every candidate weighs 1) and pkg/util/helper/webstermethod.go AllocateWebsterSeats (seats
// one by one to the highest votes/(2*seats+1); ties to fewer seats, then by name).
import { Order } from '../../core/order';
import { clusterMatches } from './affinity';
import type { KarmadaCluster, KarmadaClusterAffinityJson } from './model';

/** One cluster's static weight. */
export interface ClusterWeight {
  /** Cluster name. */
  readonly name: string;
  /** Weight (> 0). */
  readonly weight: number;
}

/**
 * getStaticWeightInfoList: the weight of each candidate (max of matching entries), without the
 * weight-0 clusters; when no candidate has a positive weight, every candidate weighs 1.
 * An undefined list (Weighted without weightPreference) weighs every candidate 1.
 */
export function staticWeights(candidates: readonly KarmadaCluster[], list: readonly { targetCluster: KarmadaClusterAffinityJson; weight: number }[] | undefined): ClusterWeight[] {
  if (list === undefined) return candidates.map((c) => ({ name: c.name, weight: 1 }));
  const out: ClusterWeight[] = [];
  for (const c of candidates) {
    let weight = 0;
    for (const rule of list) {
      if (clusterMatches(c, rule.targetCluster) && rule.weight > weight) weight = rule.weight;
    }
    if (weight > 0) out.push({ name: c.name, weight });
  }
  if (out.length === 0) return candidates.map((c) => ({ name: c.name, weight: 1 }));
  return out;
}

/**
 * AllocateWebsterSeats for a fresh binding (no initial assignment): `seats` seats over `parties`,
 * returned name-sorted. `namesDescending` selects the tie-breaker Karmada derives from the binding
 * UID (pkg/util/helper/binding.go tieBreakerByUID); an empty UID means ascending.
 */
export function websterSeats(seats: number, parties: readonly ClusterWeight[], namesDescending = false): { name: string; seats: number }[] {
  const ps = parties.map((p) => ({ name: p.name, votes: p.weight, seats: 0 }));
  if (ps.length === 0) return [];
  const before = (a: (typeof ps)[number], b: (typeof ps)[number]): boolean => {
    const pa = a.votes / (2 * a.seats + 1);
    const pb = b.votes / (2 * b.seats + 1);
    if (pa !== pb) return pa > pb;
    if (a.seats !== b.seats) return a.seats < b.seats;
    return namesDescending ? a.name > b.name : a.name < b.name;
  };
  for (let remaining = seats; remaining > 0; remaining--) {
    let best = ps[0];
    for (let i = 1; i < ps.length; i++) if (before(ps[i], best)) best = ps[i];
    best.seats++;
  }
  return ps.map((p) => ({ name: p.name, seats: p.seats })).sort(Order.by((p) => p.name));
}
