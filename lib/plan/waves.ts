// Rollout waves of OCM workloads: ManifestWorkReplicaSet placementRefs and add-on config rollouts
// per install-strategy placement, as the sdk-go rollout handler computes them
// (sdk-go pkg/apis/cluster/v1alpha1/rollout.go, vendored in ocm), including the waves upstream
// never reaches: a ManifestWorkReplicaSet whose works never report Progressing, and an add-on
// placement whose decision group holds clusters configured by a later placement.
import { Order } from '../core/order';
import { groupOf } from './hub-emulation';
import type { PlacementScheduleResult } from './ocm/placement';
import type { Obj, Wave } from './types';

/**
 * Rollout waves of one placement's clusters under an OCM rolloutStrategy (MWRS semantics unless `addon`).
 *
 * A wave the rollout never reaches carries `blocked` (why) and a label ending in "(never starts)".
 *
 * Options:
 * - `addon`: add-on config rollout (ocm pkg/addon/controllers/addonconfiguration/graph.go): an unset
 *   (or 0) Progressive maxConcurrency defaults to the placement's `clustersPerDecisionGroup`.
 * - `reportsProgressing` (ManifestWorkReplicaSet, default true): false when the works never report
 *   the Progressing condition; the rollout then never leaves its first wave.
 * - `updates` (add-on): the clusters this placement's rollout updates (it configures them and they
 *   have configs); default every selected cluster.
 * - `configuredElsewhere` (add-on): selected clusters whose configs come from a later placement,
 *   with that placement; they never report to this rollout, so a decision group holding one never
 *   finishes.
 */
export function ocmWaves(
  result: PlacementScheduleResult,
  strategy: Obj | undefined,
  options: {
    addon?: boolean;
    clustersPerDecisionGroup?: number | string;
    reportsProgressing?: boolean;
    updates?: ReadonlySet<string>;
    configuredElsewhere?: ReadonlyMap<string, string>;
  } = {},
): { rollout: string; waves: Wave[] } {
  const type: string = strategy?.type ?? 'All';
  const selected = [...result.selected].sort(Order.strings);
  const updates = options.updates ?? new Set(selected);
  const elsewhere = options.configuredElsewhere ?? new Map<string, string>();
  const waves: Wave[] = [];
  // Once set, every later wave never starts, for this reason.
  let blockedBy: string | undefined;
  const push = (label: string, clusters: readonly string[], stopper?: string) => {
    const mine = clusters.filter((c) => updates.has(c)).sort(Order.strings);
    if (mine.length > 0) {
      // OCM workloads have no dependsOn: each wave is its own rollout step.
      const n = waves.length + 1;
      waves.push({ wave: n, label: blockedBy ? `${label} (never starts)` : label, clusters: mine, firstStep: n, lastStep: n, ...(blockedBy ? { blocked: blockedBy } : {}) });
      // ManifestWorkReplicaSet: a work without Progressing stays ToApply for good
      // (manifestworkreplicaset_deploy_reconcile.go shouldReturnToApply), and ToApply clusters keep
      // their place in the rollout (rollout.go determineRolloutStatus; sdk-go rollout_test.go "...
      // workload clusterRollOutStatus are in ToApply status"): the first wave never ends.
      if (!blockedBy && options.reportsProgressing === false) {
        blockedBy = `waits for Progressing=False on the ManifestWorks of wave ${n} (${label}), which the work agent never reports: no manifestConfig of the work template declares a Progressing condition rule`;
      }
    }
    if (!blockedBy && stopper) blockedBy = stopper;
  };
  if (selected.length === 0) return { rollout: type, waves };
  if (type === 'All') {
    push('all', selected);
    return { rollout: 'All', waves };
  }

  const body: Obj = (type === 'Progressive' ? strategy?.progressive : strategy?.progressivePerGroup) ?? {};
  // Decision groups by index; a group name split over several indexes is labelled with its index.
  const nameCount = new Map<string, number>();
  for (const g of result.groups) if (g.name) nameCount.set(g.name, (nameCount.get(g.name) ?? 0) + 1);
  const groupLabel = (g: PlacementScheduleResult['groups'][number]) => (g.name ? ((nameCount.get(g.name) ?? 0) > 1 ? `${g.name} #${g.index}` : g.name) : `#${g.index}`);
  // In a group phase the rollout stops at the first group with a cluster that never reports
  // (progressivePerGroup returns while any cluster of the group is still to apply).
  const stopperOf = (g: PlacementScheduleResult['groups'][number], label: string): string | undefined => {
    const others = g.clusters.filter((c) => elsewhere.has(c)).sort(Order.strings);
    if (others.length === 0) return undefined;
    const by = [...new Set(others.map((c) => elsewhere.get(c)!))].sort(Order.strings);
    return `waits for ${label} to finish, but its cluster${others.length > 1 ? 's' : ''} ${others.join(', ')} take${others.length > 1 ? '' : 's'} ${others.length > 1 ? 'their' : 'its'} configs from the later placement${by.length > 1 ? 's' : ''} ${by.join(', ')}, so ${others.length > 1 ? 'they never report' : 'it never reports'} to this rollout`;
  };

  // Mandatory groups (by name, or by index when no name is given) roll out first, one decision
  // group index at a time in index order, with zero failures tolerated (rollout.go
  // decisionGroupsToGroupKeys, ExistingClusterGroups, progressivePerGroup).
  const mandatory = new Set<number>();
  for (const m of body.mandatoryDecisionGroups ?? []) {
    const byName = m.groupName !== undefined && m.groupName !== '';
    for (const g of result.groups) if (byName ? g.name === m.groupName : g.index === m.groupIndex) mandatory.add(g.index);
  }
  const mandatoryGroups = result.groups.filter((g) => mandatory.has(g.index)).sort((a, b) => a.index - b.index);
  for (const g of mandatoryGroups) {
    const label = `mandatory group ${groupLabel(g)}`;
    push(label, g.clusters, stopperOf(g, label));
  }

  if (type === 'ProgressivePerGroup') {
    for (const g of [...result.groups].sort((a, b) => a.index - b.index)) {
      if (mandatory.has(g.index)) continue;
      const label = `group ${groupLabel(g)}`;
      push(label, g.clusters, stopperOf(g, label));
    }
    return { rollout: 'ProgressivePerGroup', waves };
  }

  // The other clusters, alphabetically, in batches of maxConcurrency: a count, or a percentage of
  // the clusters outside the mandatory groups (ceil in floating point); unset, 0 or out of range =
  // all of them (rollout.go calculateRolloutSize). Add-on rollouts default an unset (or 0)
  // maxConcurrency to the placement's clustersPerDecisionGroup (graph.go addPlacementNode).
  const inMandatory = new Set(mandatoryGroups.flatMap((g) => [...g.clusters]));
  const rest = selected.filter((c) => !inMandatory.has(c));
  let mc = body.maxConcurrency;
  if (options.addon && (mc === undefined || mc === 0 || mc === '')) mc = options.clustersPerDecisionGroup;
  let size = rest.length;
  if (mc !== undefined) {
    const text = String(mc);
    size = text.endsWith('%') ? Math.ceil((Number(text.slice(0, -1)) / 100) * rest.length) : Number(text);
    if (!(size > 0) || size > rest.length) size = rest.length;
  }
  // Batches are cut from the clusters this rollout updates: the others are done (no configs) or
  // come after them (progressivePerCluster takes the clusters with a status first).
  const due = rest.filter((c) => updates.has(c));
  for (let i = 0, b = 1; i < due.length; i += size, b++) push(`batch ${b}`, due.slice(i, i + size));
  return { rollout: `Progressive${mc !== undefined ? ` (maxConcurrency ${mc})` : ''}`, waves };
}

/**
 * True when the work agent reports the Progressing condition for a work of this spec: a manifest of
 * the template whose effective condition rules (those of the first manifestConfig matching it with
 * any rules, ocm pkg: work/helper/helpers.go FindManifestConfiguration) hold a CEL rule for
 * Progressing with at least one expression. WellKnownConditions define no Progressing rule for any
 * kind (pkg: work/spoke/conditions/rules/rule.go), and nothing else sets it on a work
 * (pkg: work/spoke/conditions/helpers.go AggregateManifestConditions). @internal
 */
export function workReportsProgressing(spec: Obj): boolean {
  const configs: Obj[] = spec?.manifestConfigs ?? [];
  for (const m of spec?.workload?.manifests ?? []) {
    const rules: Obj[] | undefined = configs.find((c) => (c.conditionRules ?? []).length > 0 && resourceMatches(m, c.resourceIdentifier ?? {}))?.conditionRules;
    if ((rules ?? []).some((r) => r.condition === 'Progressing' && r.type === 'CEL' && (r.celExpressions ?? []).length > 0)) return true;
  }
  return false;
}

/**
 * Whether a manifestConfig's resourceIdentifier matches a manifest (helpers.go resourceMatch:
 * group and resource equal, name and namespace equal or `*` wildcards). The agent maps the kind to
 * its resource through discovery; here the built-in groups use apimachinery's guess
 * (pkg/api/meta/restmapper.go UnsafeGuessKindToResource), which holds for their kinds, and other
 * groups (CRDs, whose plural is whatever the CRD says) accept any resource.
 */
function resourceMatches(manifest: Obj, id: Obj): boolean {
  const group = groupOf(manifest?.apiVersion ?? '');
  if ((id.group ?? '') !== group) return false;
  const builtIn = group === '' || !group.includes('.') || group.endsWith('.k8s.io');
  if (builtIn && id.resource !== guessResource(String(manifest?.kind ?? ''))) return false;
  return wildcardMatch(manifest?.metadata?.namespace ?? '', id.namespace ?? '') && wildcardMatch(manifest?.metadata?.name ?? '', id.name ?? '');
}

/** apimachinery's plural guess for a kind. */
function guessResource(kind: string): string {
  const k = kind.toLowerCase();
  if (k === '' || k.endsWith('endpoints')) return k;
  if (k.endsWith('s')) return `${k}es`;
  if (k.endsWith('y')) return `${k.slice(0, -1)}ies`;
  return `${k}s`;
}

/** helpers.go wildcardMatch: equal, `*`, or a pattern whose `*` matches any run of characters. */
function wildcardMatch(value: string, pattern: string): boolean {
  if (value === pattern || pattern === '*') return true;
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(value);
}
