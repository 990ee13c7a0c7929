// Prioritizers: Balance, Steady, ResourceAllocatable*, AddOn (part of the OCM placement simulator; see placement.ts).
import type { PlacementInput, PlacementSpecJson } from './model';
import { ClusterRec, PreparedHubState } from './prepared-state';
import { goInt, parseTime } from './quantities';

export interface WeightEntry {
  readonly key: string;
  readonly type: string;
  readonly builtIn?: string;
  readonly addOn?: { readonly resourceName: string; readonly scoreName: string };
  weight: number;
}

export type PrioritizerKind = 'Balance' | 'Steady' | 'ResourceAllocatableCPU' | 'ResourceAllocatableMemory' | 'AddOn';

export interface Prioritizer {
  readonly name: string;
  readonly kind: PrioritizerKind;
  readonly weight: number;
  readonly addOn?: { readonly resourceName: string; readonly scoreName: string };
}

export const BUILTINS = new Set(['Balance', 'Steady', 'ResourceAllocatableCPU', 'ResourceAllocatableMemory']);

/** getWeights + getPrioritizers; a string is a Misconfigured message (plugin ""). */
export function prioritizersOf(spec: PlacementSpecJson): Prioritizer[] | string {
  const policy = spec.prioritizerPolicy ?? {};
  const mode = policy.mode ?? '';
  const entries: WeightEntry[] = [];
  if (mode === 'Additive' || mode === '') {
    entries.push({ key: 'BuiltIn/Balance', type: 'BuiltIn', builtIn: 'Balance', weight: 1 });
    entries.push({ key: 'BuiltIn/Steady', type: 'BuiltIn', builtIn: 'Steady', weight: 1 });
  } else if (mode !== 'Exact') {
    return `incorrect prioritizer policy mode: ${mode}`;
  }
  const configurations = policy.configurations ?? [];
  for (let i = 0; i < configurations.length; i++) {
    const cfg = configurations[i];
    const sc = cfg?.scoreCoordinate;
    if (!sc) return 'scoreCoordinate field is required';
    const type = sc.type === undefined ? 'BuiltIn' : sc.type;
    const weight = cfg.weight === undefined ? 1 : cfg.weight;
    // ScoreCoordinate is a map key upstream: built-ins compare by name, AddOn coordinates by pointer.
    const key = type === 'BuiltIn' && !sc.addOn ? `BuiltIn/${sc.builtIn ?? ''}` : `#${i}`;
    const existing = entries.find((e) => e.key === key);
    if (existing) existing.weight = weight;
    else entries.push({ key, type, builtIn: sc.builtIn ?? '', addOn: sc.addOn, weight });
  }
  const out: Prioritizer[] = [];
  for (const e of entries) {
    if (e.weight === 0) continue;
    if (e.type === 'BuiltIn') {
      const b = e.builtIn ?? '';
      if (!BUILTINS.has(b)) return `incorrect builtin prioritizer: ${b}`;
      out.push({ name: b, kind: b as PrioritizerKind, weight: e.weight });
    } else {
      if (!e.addOn) return 'addOn should not be empty';
      out.push({ name: `AddOn/${e.addOn.resourceName}/${e.addOn.scoreName}`, kind: 'AddOn', weight: e.weight, addOn: e.addOn });
    }
  }
  return out;
}

/** Raw scores of one prioritizer for `feasible` (parallel array; NaN = no entry). */
export function scoreWith(ix: PreparedHubState, p: Prioritizer, placement: PlacementInput, feasible: readonly ClusterRec[], warnings: string[]): Float64Array {
  const out = new Float64Array(feasible.length);
  const own = ix.ownDecisions(placement.namespace, placement.name);
  switch (p.kind) {
    case 'Balance': {
      let max = ix.globalMax;
      if (own && own.counts.size > 0) {
        max = 0;
        for (const [name, n] of ix.globalCounts) {
          const v = n - (own.counts.get(name) ?? 0);
          if (v > max) max = v;
        }
      }
      const g = ix.globalCountByIdx;
      const o = own?.countByIdx;
      for (let i = 0; i < feasible.length; i++) {
        const idx = feasible[i].idx;
        const count = o ? g[idx] - o[idx] : g[idx];
        out[i] = count > 0 ? 2 * goInt(100 * (0.5 - count / max)) : 100;
      }
      break;
    }
    case 'Steady':
      if (own?.countByIdx) {
        const o = own.countByIdx;
        for (let i = 0; i < feasible.length; i++) out[i] = o[feasible[i].idx] > 0 ? 100 : 0;
      }
      break;
    case 'ResourceAllocatableCPU':
    case 'ResourceAllocatableMemory': {
      const field = p.kind === 'ResourceAllocatableCPU' ? 'cpu' : 'memory';
      let min = Infinity;
      let max = -Infinity;
      for (const c of feasible) {
        const v = c[field];
        if (v === undefined) continue;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      for (let i = 0; i < feasible.length; i++) {
        const v = feasible[i][field];
        if (v === undefined) out[i] = NaN;
        else out[i] = max - min !== 0 ? goInt(((v - min) / (max - min) - 0.5) * 2.0 * 100.0) : 100;
      }
      break;
    }
    case 'AddOn': {
      const expired: string[] = [];
      for (let i = 0; i < feasible.length; i++) {
        const c = feasible[i];
        out[i] = 0;
        const obj = ix.scores.get(c.name)?.get(p.addOn!.resourceName);
        if (!obj) continue;
        const until = parseTime(obj.validUntil, `AddOnPlacementScore "${c.name}/${obj.name}" validUntil`);
        if (until !== undefined && ix.nowMs > until) {
          expired.push(`${c.name}/${p.addOn!.resourceName}`);
          continue;
        }
        const v = obj.scores[p.addOn!.scoreName];
        if (v !== undefined) out[i] = goInt(v);
      }
      if (expired.length > 0) warnings.push(`${p.name}: AddOnPlacementScores ${expired.join(' ')} expired (scored 0)`);
      break;
    }
  }
  return out;
}
