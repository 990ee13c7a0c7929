// Rollout waves of OCM workloads (ManifestWorkReplicaSet and add-on rollout strategies, sdk-go rollout.go).
import { Order } from '../core/order';
import type { PlacementScheduleResult } from './ocm/placement';
import type { Obj, Wave } from './types';

/** Rollout waves of one placement's clusters under an OCM rolloutStrategy (MWRS semantics unless `addon`). */
export function ocmWaves(result: PlacementScheduleResult, strategy: Obj | undefined, options: { addon?: boolean; clustersPerDecisionGroup?: number | string } = {}): { rollout: string; waves: Wave[] } {
  const type: string = strategy?.type ?? 'All';
  const selected = [...result.selected].sort(Order.strings);
  if (selected.length === 0) return { rollout: type, waves: [] };
  const waves: Wave[] = [];
  const push = (label: string, clusters: readonly string[]) => {
    // OCM workloads have no dependsOn: each wave is its own rollout step.
    if (clusters.length > 0) waves.push({ wave: waves.length + 1, label, clusters: [...clusters].sort(Order.strings), firstStep: waves.length + 1, lastStep: waves.length + 1 });
  };
  if (type === 'All') {
    push('all', selected);
    return { rollout: 'All', waves };
  }
  const body: Obj = (type === 'Progressive' ? strategy?.progressive : strategy?.progressivePerGroup) ?? {};
  // Mandatory groups (by name, or by index when no name is given) roll out first, one group key at
  // a time in decision-group order, with zero failures tolerated (sdk-go rollout.go).
  const done = new Set<string>();
  const keys: { label: string; clusters: string[]; order: number }[] = [];
  for (const m of body.mandatoryDecisionGroups ?? []) {
    const byName = m.groupName !== undefined && m.groupName !== '';
    const groups = result.groups.filter((g) => (byName ? g.name === m.groupName : g.index === m.groupIndex));
    if (groups.length === 0) continue;
    keys.push({ label: `mandatory group ${byName ? m.groupName : `#${m.groupIndex}`}`, clusters: groups.flatMap((g) => [...g.clusters]), order: Math.min(...groups.map((g) => g.index)) });
  }
  for (const k of keys.sort((a, b) => a.order - b.order)) {
    const clusters = k.clusters.filter((c) => !done.has(c));
    clusters.forEach((c) => done.add(c));
    push(k.label, clusters);
  }
  if (type === 'ProgressivePerGroup') {
    for (const g of result.groups) {
      const clusters = g.clusters.filter((c) => !done.has(c));
      clusters.forEach((c) => done.add(c));
      push(g.name ? `group ${g.name}` : `group #${g.index}`, clusters);
    }
    return { rollout: 'ProgressivePerGroup', waves };
  }
  // The other clusters, alphabetically, in batches of maxConcurrency: a count, or a percentage of
  // the clusters outside the mandatory groups (ceil in floating point); unset or out of range = all.
  const rest = selected.filter((c) => !done.has(c));
  const mc = body.maxConcurrency ?? (options.addon ? options.clustersPerDecisionGroup : undefined);
  let size = rest.length;
  if (mc !== undefined) {
    const text = String(mc);
    size = text.endsWith('%') ? Math.ceil((Number(text.slice(0, -1)) / 100) * rest.length) : Number(text);
    if (!(size > 0) || size > rest.length) size = rest.length;
  }
  for (let i = 0, b = 1; i < rest.length; i += size, b++) push(`batch ${b}`, rest.slice(i, i + size));
  return { rollout: `Progressive${mc !== undefined ? ` (maxConcurrency ${mc})` : ''}`, waves };
}
