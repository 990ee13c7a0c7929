// `cdk-fleet explain`: why a cluster is or is not selected.
import { fail } from '../../core/errors';
import type { FleetPlan } from '../types';
import { list } from './util';

/** Options of {@link explain}. */
export interface ExplainOptions {
  /**
   * Only this placement (`ns/name`).
   * @default - every placement and profile
   */
  readonly placement?: string;
  /**
   * Only this Sveltos profile (`name` for a ClusterProfile, `ns/name` for a Profile).
   * @default - every placement and profile
   */
  readonly profile?: string;
}

/** Why `cluster` is or is not selected by each placement and profile (or the one asked for). */
export function explain(plan: FleetPlan, cluster: string, options: ExplainOptions = {}): string[] {
  const c = plan.clusters.find((x) => x.name === cluster);
  if (!c) fail(`cluster "${cluster}"`, `is not in the plan; clusters: ${list(plan.clusters.map((x) => x.name), 20)}`);
  const lines: string[] = [];
  const wantPlacement = options.placement;
  const wantProfile = options.profile;
  if (wantPlacement && !plan.placements.some((p) => p.id === wantPlacement)) {
    fail(`placement "${wantPlacement}"`, `is not in the plan; placements: ${list(plan.placements.map((p) => p.id), 20)}`);
  }
  const profileIds = plan.workloads.filter((w) => w.kind === 'ClusterProfile' || w.kind === 'Profile').map((w) => w.id);
  const profileMatch = (id: string) => !wantProfile || id === `ClusterProfile ${wantProfile}` || id === `Profile ${wantProfile}`;
  if (wantProfile && !profileIds.some(profileMatch)) fail(`profile "${wantProfile}"`, `is not in the plan; profiles: ${list(profileIds, 20)}`);
  if (!wantProfile) {
    for (const p of c.placements) if (!wantPlacement || p.placement === wantPlacement) lines.push(`${cluster} IS selected by Placement ${p.placement}${p.group ? ` (decision group ${p.group})` : ''}`);
    for (const n of c.notSelectedBy) if (!wantPlacement || n.subject === `Placement ${wantPlacement}`) lines.push(`${cluster} is NOT selected by ${n.subject}: ${n.reason}`);
  }
  if (!wantPlacement) {
    for (const p of c.profiles) if (profileMatch(p)) lines.push(`${cluster} IS deployed by ${p}`);
    for (const n of c.notDeployedBy) if (profileMatch(n.subject)) lines.push(`${cluster} is NOT deployed by ${n.subject}: ${n.reason}`);
    if (!wantProfile) {
      for (const d of c.deliveries) lines.push(`${cluster} receives ${d.workload} in step ${d.step} (wave ${d.wave}: ${d.waveLabel})${d.replicas !== undefined ? ` with ${d.replicas} replica${d.replicas === 1 ? '' : 's'}` : ''}`);
      for (const n of c.notPlacedBy ?? []) lines.push(`${cluster} does NOT receive ${n.subject}: ${n.reason}`);
    }
  }
  if (lines.length === 0) lines.push(`${cluster}: no placement or profile to explain`);
  return lines;
}
