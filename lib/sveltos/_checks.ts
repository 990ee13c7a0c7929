import { IConstruct } from 'constructs';
import { LabelSelector } from '../core/selector';
import { FleetRegistry } from '../ocm/_registry';
import { ManagedCluster } from '../ocm/managed-cluster';
import { cmp, PredictedSveltosCluster, predictedSveltosClusters, SVELTOS_RUNTIME_LABELS } from './_sources';
import type { IClusterRef } from './cluster-ref';

/** Registry kind of ClusterProfile and Profile. @internal */
export const PROFILE_KIND = 'SveltosProfile';
/** Registry kind of ClusterSet and Set. @internal */
export const SET_KIND = 'SveltosSet';

/** What the app-wide checks read from a ClusterSet / Set. @internal */
export interface CheckedSet extends IConstruct {
  readonly subject: string;
  readonly name: string;
  readonly namespace?: string;
  readonly setKind: string;
  readonly maxReplicas: number;
  _selector(): LabelSelector | undefined;
  _clusterRefs(): readonly IClusterRef[];
}

/** A deployed object or release a profile owns on each cluster it reaches. @internal */
export interface DeployTarget {
  /** `Helm release` or `resource`. */
  readonly kind: 'Helm release' | 'resource';
  /** `releaseNamespace/releaseName`, or `Kind namespace/name (group)`. */
  readonly id: string;
}

/** What the app-wide checks read from a ClusterProfile / Profile. @internal */
export interface CheckedProfile extends IConstruct {
  readonly name: string;
  readonly namespace?: string;
  readonly profileKind: string;
  readonly tier: number;
  readonly deploys: boolean;
  readonly subject: string;
  _selector(): LabelSelector | undefined;
  _clusterRefs(): readonly IClusterRef[];
  _setRefNames(): readonly string[];
  _dependsOnKeys(): readonly string[];
  _targets(): DeployTarget[];
}

/** `Kind/namespace/name` key of a profile. @internal */
export function profileKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

function clusterKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/** What SveltosClusters will carry, computed once per validation pass. @internal */
export interface VisibilityContext {
  readonly sources: number;
  readonly clusters: readonly PredictedSveltosCluster[];
  readonly visible: ReadonlySet<string>;
  readonly claims: ReadonlyMap<string, string[]>;
  readonly mcLabels: ReadonlyMap<string, string[]>;
  readonly namespaces: ReadonlySet<string>;
  readonly vias: string;
}

/** Builds the visibility context of the app of `scope`. @internal */
export function visibilityContext(scope: IConstruct): VisibilityContext {
  const { sources, clusters } = predictedSveltosClusters(scope);
  const visible = new Set<string>(SVELTOS_RUNTIME_LABELS);
  const namespaces = new Set<string>();
  for (const c of clusters) {
    namespaces.add(c.namespace);
    for (const k of Object.keys(c.labels)) visible.add(k);
  }
  const claims = new Map<string, string[]>();
  const mcLabels = new Map<string, string[]>();
  for (const mc of ManagedCluster.allIn(scope)) {
    for (const k of Object.keys(mc.claims)) push(claims, k, mc.name);
    for (const k of Object.keys(mc.labels)) push(mcLabels, k, mc.name);
  }
  const vias = [...new Set(clusters.map((c) => c.via))].sort().join(', ') || 'none';
  return { sources, clusters, visible, claims, mcLabels, namespaces, vias };
}

/**
 * Problems of a Sveltos clusterSelector against what the app's registration chains and declared
 * SveltosClusters put on SveltosClusters: a selector on a ClusterClaim (claims are never labels on
 * a SveltosCluster) or on a label key no SveltosCluster will carry; for a Profile (`namespace`
 * given), no SveltosCluster in its namespace at all. Skipped when the app declares no source of
 * SveltosClusters (they are then registered outside this program).
 * @internal
 */
export function selectorVisibilityProblems(ctx: VisibilityContext, subject: string, selector: LabelSelector | undefined, namespace?: string): string[] {
  if (!selector || selector.isEmpty || ctx.sources === 0) return [];
  const { visible, claims, mcLabels, vias } = ctx;
  const keys = [
    ...Object.keys(selector.matchLabels).sort(),
    ...selector.matchExpressions.filter((e) => e.operator === 'In' || e.operator === 'Exists').map((e) => e.key),
  ];
  const problems: string[] = [];
  for (const key of [...new Set(keys)]) {
    if (visible.has(key)) continue;
    const claimedBy = claims.get(key);
    if (claimedBy) {
      problems.push(`${subject}: clusterSelector uses ${JSON.stringify(key)}, which is a ClusterClaim of ManagedCluster ${names(claimedBy)}, not a label; no registration chain copies claims to SveltosClusters (via ${vias}), so the selector matches nothing. Put the value on the ManagedCluster as a label (and on its SveltosCluster through the chain) and select on that`);
      continue;
    }
    const labelledOn = mcLabels.get(key);
    if (labelledOn) {
      problems.push(`${subject}: clusterSelector uses label ${JSON.stringify(key)}; ManagedCluster ${names(labelledOn)} carries it, but no SveltosCluster will (via ${vias}), so the selector matches nothing. Have the registration chain copy that label (e.g. RegistrationChain.inventory({ copyLabels: [..., '${key}'] })) or select on a label the SveltosClusters carry`);
      continue;
    }
    problems.push(`${subject}: clusterSelector uses label ${JSON.stringify(key)}, which no SveltosCluster in this app carries (via ${vias}; labels seen: ${[...visible].sort().slice(0, 12).join(', ')}), so the selector matches nothing. Label the clusters, or fix the key`);
  }
  if (namespace !== undefined && !ctx.namespaces.has(namespace)) {
    const nss = [...ctx.namespaces].sort();
    problems.push(`${subject}: a Profile only reaches SveltosClusters in its own namespace "${namespace}", and none is registered there (they live in ${nss.slice(0, 5).join(', ') || 'no namespace'}); create the Profile in one of those namespaces, or use a ClusterProfile`);
  }
  return problems;
}

function push(m: Map<string, string[]>, k: string, v: string): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

function names(list: string[]): string {
  const sorted = [...list].sort();
  return sorted.slice(0, 3).map((n) => `"${n}"`).join(', ') + (sorted.length > 3 ? ` and ${sorted.length - 3} more` : '');
}

/** dependsOn cycles among the profiles of the app, each as `kind "a" → kind "b" → kind "a"`. @internal */
export function dependsOnCycles(profiles: readonly CheckedProfile[]): string[] {
  const byKey = new Map(profiles.map((p) => [profileKey(p.profileKind, p.namespace, p.name), p]));
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const cycles: string[] = [];
  const visit = (key: string): void => {
    state.set(key, 1);
    stack.push(key);
    for (const dep of byKey.get(key)?._dependsOnKeys() ?? []) {
      if (!byKey.has(dep)) continue;
      const s = state.get(dep);
      if (s === 1) {
        const cycle = [...stack.slice(stack.indexOf(dep)), dep].map((k) => byKey.get(k)!.subject);
        cycles.push(`dependsOn cycle ${cycle.join(' → ')}: Sveltos deploys a profile only after its prerequisites are provisioned on the cluster, so none of these ever deploys. Remove one of the dependsOn edges`);
      } else if (s === undefined) {
        visit(dep);
      }
    }
    stack.pop();
    state.set(key, 2);
  };
  for (const key of [...byKey.keys()].sort()) if (!state.has(key)) visit(key);
  return cycles;
}

/**
 * The declared clusters each profile reaches (selector ∪ clusterRefs ∪ set selections, then
 * prerequisites pulled onto their dependents' clusters, as `--auto-deploy-dependencies` does).
 * Sets pick their first `maxReplicas` matches in namespace/name order (a deterministic stand-in
 * for Sveltos' pick). Linear in profiles × clusters.
 * @internal
 */
export function reachedClusters(scope: IConstruct, profiles: readonly CheckedProfile[], predicted?: readonly PredictedSveltosCluster[]): Map<CheckedProfile, PredictedSveltosCluster[]> {
  const clusters = predicted ?? predictedSveltosClusters(scope).clusters;
  const byKey = new Map<string, PredictedSveltosCluster>();
  for (const c of clusters) if (!byKey.has(clusterKey(c.namespace, c.name))) byKey.set(clusterKey(c.namespace, c.name), c);
  const refTo = (r: IClusterRef): PredictedSveltosCluster => byKey.get(clusterKey(r.namespace, r.name)) ?? { namespace: r.namespace, name: r.name, labels: {}, via: 'clusterRefs' };
  const candidates = (namespace: string | undefined) => (namespace === undefined ? clusters : clusters.filter((c) => c.namespace === namespace));

  const sets = new Map<string, PredictedSveltosCluster[]>();
  for (const s of FleetRegistry.of(scope).all<CheckedSet>(SET_KIND)) {
    const sel = s._selector();
    const picked = new Map<string, PredictedSveltosCluster>();
    if (sel && !sel.isEmpty) for (const c of candidates(s.namespace)) if (sel.matches(c.labels)) picked.set(clusterKey(c.namespace, c.name), c);
    for (const r of s._clusterRefs()) picked.set(clusterKey(r.namespace, r.name), refTo(r));
    const ordered = [...picked.values()].sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.name, b.name));
    sets.set(`${s.setKind}/${s.namespace ?? ''}/${s.name}`, ordered.slice(0, Math.max(0, s.maxReplicas)));
  }

  const own = new Map<string, Map<string, PredictedSveltosCluster>>();
  const byProfileKey = new Map<string, CheckedProfile>();
  for (const p of profiles) {
    const key = profileKey(p.profileKind, p.namespace, p.name);
    byProfileKey.set(key, p);
    const m = new Map<string, PredictedSveltosCluster>();
    const sel = p._selector();
    if (sel && !sel.isEmpty) for (const c of candidates(p.namespace)) if (sel.matches(c.labels)) m.set(clusterKey(c.namespace, c.name), c);
    for (const r of p._clusterRefs()) m.set(clusterKey(r.namespace, r.name), refTo(r));
    const setKind = p.profileKind === 'ClusterProfile' ? 'ClusterSet' : 'Set';
    for (const n of p._setRefNames()) for (const c of sets.get(`${setKind}/${p.namespace ?? ''}/${n}`) ?? []) m.set(clusterKey(c.namespace, c.name), c);
    own.set(key, m);
  }
  const reached = new Map<string, Map<string, PredictedSveltosCluster>>();
  for (const [k, m] of own) reached.set(k, new Map(m));
  for (const [key, m] of own) {
    if (m.size === 0) continue;
    const seen = new Set<string>([key]);
    const queue = [...(byProfileKey.get(key)?._dependsOnKeys() ?? [])];
    while (queue.length > 0) {
      const dep = queue.shift()!;
      if (seen.has(dep) || !byProfileKey.has(dep)) continue;
      seen.add(dep);
      const target = reached.get(dep)!;
      for (const [ck, c] of m) target.set(ck, c);
      queue.push(...byProfileKey.get(dep)!._dependsOnKeys());
    }
  }
  const out = new Map<CheckedProfile, PredictedSveltosCluster[]>();
  for (const p of profiles) {
    out.set(p, [...reached.get(profileKey(p.profileKind, p.namespace, p.name))!.values()].sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.name, b.name)));
  }
  return out;
}

/**
 * Ownership conflicts: two profiles of equal tier deploying the same Helm release or resource to
 * the same declared cluster (Sveltos lets the first to arrive own it and reports the other as
 * Conflict), and one profile reaching the same spoke through two SveltosClusters.
 * @internal
 */
export function ownershipConflicts(scope: IConstruct, profiles: readonly CheckedProfile[], predicted?: readonly PredictedSveltosCluster[]): string[] {
  const reached = reachedClusters(scope, profiles, predicted);
  const problems: string[] = [];
  const owners = new Map<string, CheckedProfile>();
  const clashes = new Map<string, { a: CheckedProfile; b: CheckedProfile; first: { spoke: string; t: DeployTarget }; targets: Set<string>; spokes: Set<string> }>();
  for (const p of profiles) {
    const clusters = reached.get(p)!;
    const spokes = new Map<string, PredictedSveltosCluster>();
    for (const c of clusters) {
      const spoke = c.managedCluster ?? clusterKey(c.namespace, c.name);
      const prev = spokes.get(spoke);
      if (prev && p.deploys) {
        problems.push(`${p.subject} reaches ManagedCluster "${spoke}" twice, as SveltosCluster "${prev.namespace}/${prev.name}" (${prev.via}) and "${c.namespace}/${c.name}" (${c.via}); both ClusterSummaries apply the same content and withdrawing one removes it. Select on a label only one of them carries (e.g. a fleet label the inventory ClusterProfiles carry), or restrict the namespaces`);
        continue;
      }
      spokes.set(spoke, c);
    }
    if (!p.deploys) continue;
    const targets = p._targets();
    if (targets.length === 0) continue;
    for (const spoke of [...spokes.keys()].sort()) {
      for (const t of targets) {
        const key = `${spoke}|${t.kind}|${t.id}`;
        const other = owners.get(key);
        if (!other) {
          owners.set(key, p);
          continue;
        }
        if (other === p) continue;
        if (other.tier === p.tier) {
          const pair = `${profileKey(other.profileKind, other.namespace, other.name)}|${profileKey(p.profileKind, p.namespace, p.name)}`;
          let c = clashes.get(pair);
          if (!c) {
            c = { a: other, b: p, first: { spoke, t }, targets: new Set(), spokes: new Set() };
            clashes.set(pair, c);
          }
          c.targets.add(`${t.kind} ${t.id}`);
          c.spokes.add(spoke);
        } else if (p.tier < other.tier) {
          owners.set(key, p);
        }
      }
    }
  }
  for (const c of clashes.values()) {
    const moreT = c.targets.size - 1;
    const moreS = c.spokes.size - 1;
    const more = [moreT > 0 ? `${moreT} more object${moreT > 1 ? 's' : ''}` : '', moreS > 0 ? `${moreS} more cluster${moreS > 1 ? 's' : ''}` : ''].filter(Boolean).join(', ');
    problems.push(`${c.a.subject} and ${c.b.subject} both deploy ${c.first.t.kind} ${c.first.t.id} to ManagedCluster "${c.first.spoke}"${more ? ` (and ${more})` : ''} at tier ${c.b.tier}; Sveltos lets whichever reaches the cluster first own it and marks the other Conflict, so the result depends on timing. Give one of them a lower tier (lower wins), or deploy it from one profile only`);
  }
  return problems;
}

/** Registry kind of every construct that needs the app-wide checks. @internal */
const CHECKED_KIND = 'SveltosAppChecks';

/**
 * Registers `c` for the app-wide Sveltos checks; the first one registered in an app runs them once
 * per validation pass, so the predicted SveltosClusters are computed once, not once per profile.
 * @internal
 */
export function ensureAppChecks(c: IConstruct): void {
  const registry = FleetRegistry.of(c);
  registry.register(CHECKED_KIND, c);
  if (registry.all(CHECKED_KIND).length === 1) c.node.addValidation({ validate: () => appProblems(c) });
}

/**
 * Every problem found across the app's profiles and sets: selectors nothing will match
 * (claims, labels no chain writes, Profiles without clusters in their namespace), dependsOn
 * cycles, and ownership conflicts. Capped, so a big fleet stays readable.
 * @internal
 */
export function appProblems(scope: IConstruct): string[] {
  const registry = FleetRegistry.of(scope);
  const profiles = registry.all<CheckedProfile>(PROFILE_KIND);
  const sets = registry.all<CheckedSet>(SET_KIND);
  const ctx = visibilityContext(scope);
  const problems: string[] = [];
  for (const s of sets) problems.push(...selectorVisibilityProblems(ctx, s.subject, s._selector(), s.namespace));
  for (const p of profiles) problems.push(...selectorVisibilityProblems(ctx, p.subject, p._selector(), p.profileKind === 'Profile' ? p.namespace : undefined));
  problems.push(...dependsOnCycles(profiles), ...ownershipConflicts(scope, profiles, ctx.clusters));
  const unique = [...new Set(problems)];
  const cap = 25;
  return unique.length > cap ? [...unique.slice(0, cap), `... and ${unique.length - cap} more Sveltos problems`] : unique;
}
