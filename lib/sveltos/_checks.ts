import { IConstruct } from 'constructs';
import { Order } from '../core/order';
import { LabelSelector } from '../core/selector';
import { FleetRegistry } from '../ocm/_registry';
import { ManagedCluster } from '../ocm/managed-cluster';
import { profileKeyOf, setKeyOf, SveltosProfileKind, SveltosSetKind } from '../plan/sveltos/model';
import { buildDependencyGraph, findDependencyCycles, propagateToPrerequisites, resolveOwnership, SveltosDependencyGraph } from '../plan/sveltos/rollout';
import { selectSetClusters } from '../plan/sveltos/selection';
import { PredictedSveltosCluster, predictedSveltosClusters, SVELTOS_RUNTIME_LABELS } from './_sources';
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
  /** The prerequisites (same kind; for a Profile, same namespace). */
  readonly dependsOn: readonly { readonly name: string }[];
  _setRefNames(): readonly string[];
  _targets(): DeployTarget[];
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

/** The plan's profile key of a checked profile (`ClusterProfile/name`, `Profile/ns/name`). */
function keyOf(p: CheckedProfile): string {
  return profileKeyOf(p.profileKind as SveltosProfileKind, p.namespace, p.name);
}

/** The plan's dependsOn graph of the app's profiles (prerequisites declared elsewhere are left out). @internal */
export function dependencyGraphOf(profiles: readonly CheckedProfile[]): SveltosDependencyGraph {
  return buildDependencyGraph(profiles.map((p) => ({
    kind: p.profileKind as SveltosProfileKind,
    namespace: p.namespace,
    name: p.name,
    spec: { dependsOn: p.dependsOn.map((d) => d.name) },
  })));
}

/** dependsOn cycles among the profiles of the app, each as `kind "a" → kind "b" → kind "a"`. @internal */
export function dependsOnCycles(profiles: readonly CheckedProfile[], graph = dependencyGraphOf(profiles)): string[] {
  const byKey = new Map(profiles.map((p) => [keyOf(p), p]));
  return findDependencyCycles(graph).map((cycle) => `dependsOn cycle ${cycle.map((k) => byKey.get(k)!.subject).join(' → ')}: Sveltos deploys a profile only after its prerequisites are provisioned on the cluster, so none of these ever deploys. Remove one of the dependsOn edges`);
}

/**
 * The declared clusters each profile reaches (selector ∪ clusterRefs ∪ set selections, then
 * prerequisites pulled onto their dependents' clusters, as `--auto-deploy-dependencies` does), with
 * the plan's set selection and prerequisite propagation. Sets pick their first `maxReplicas` matches
 * in namespace/name order (a deterministic stand-in for Sveltos' pick). Linear in profiles × clusters.
 * @internal
 */
export function reachedClusters(scope: IConstruct, profiles: readonly CheckedProfile[], predicted?: readonly PredictedSveltosCluster[], graph = dependencyGraphOf(profiles)): Map<CheckedProfile, PredictedSveltosCluster[]> {
  const clusters: PredictedSveltosCluster[] = [];
  const idOf = new Map<string, number>();
  const add = (c: PredictedSveltosCluster): number => {
    const k = clusterKey(c.namespace, c.name);
    let id = idOf.get(k);
    if (id === undefined) {
      id = clusters.length;
      idOf.set(k, id);
      clusters.push(c);
    }
    return id;
  };
  for (const c of predicted ?? predictedSveltosClusters(scope).clusters) add(c);
  const declared = clusters.length;
  const refTo = (r: IClusterRef): number => idOf.get(clusterKey(r.namespace, r.name)) ?? add({ namespace: r.namespace, name: r.name, labels: {}, via: 'clusterRefs' });
  const byNamespace = new Map<string | undefined, number[]>();
  const candidates = (namespace: string | undefined): number[] => {
    let l = byNamespace.get(namespace);
    if (!l) {
      l = [];
      for (let id = 0; id < declared; id++) if (namespace === undefined || clusters[id].namespace === namespace) l.push(id);
      byNamespace.set(namespace, l);
    }
    return l;
  };
  const byName = (a: number, b: number) => Order.strings(clusters[a].namespace, clusters[b].namespace) || Order.strings(clusters[a].name, clusters[b].name);
  const matches = (sel: LabelSelector | undefined, namespace: string | undefined, refs: readonly IClusterRef[]): number[] => {
    const ids = new Set<number>();
    if (sel && !sel.isEmpty) for (const id of candidates(namespace)) if (sel.matches(clusters[id].labels)) ids.add(id);
    for (const r of refs) ids.add(refTo(r));
    return [...ids];
  };

  const sets = new Map<string, number[]>();
  for (const s of FleetRegistry.of(scope).all<CheckedSet>(SET_KIND)) {
    const matching = matches(s._selector(), s.namespace, s._clusterRefs()).sort(byName);
    sets.set(setKeyOf(s.setKind as SveltosSetKind, s.namespace, s.name), selectSetClusters({ maxReplicas: s.maxReplicas, matching, key: String }).selected);
  }

  const own = new Map<string, number[]>();
  for (const p of profiles) {
    const ids = new Set(matches(p._selector(), p.namespace, p._clusterRefs()));
    const setKind: SveltosSetKind = p.profileKind === 'ClusterProfile' ? 'ClusterSet' : 'Set';
    for (const n of p._setRefNames()) for (const id of sets.get(setKeyOf(setKind, p.namespace, n)) ?? []) ids.add(id);
    own.set(keyOf(p), [...ids]);
  }
  const added = propagateToPrerequisites(graph, own);
  const out = new Map<CheckedProfile, PredictedSveltosCluster[]>();
  for (const p of profiles) {
    const k = keyOf(p);
    const ids = new Set([...own.get(k)!, ...(added.get(k) ?? [])]);
    out.set(p, [...ids].sort(byName).map((id) => clusters[id]));
  }
  return out;
}

/**
 * Ownership conflicts: profiles of equal tier deploying the same Helm release or resource to the
 * same declared cluster where Sveltos leaves the owner to timing (the first to arrive owns it, the
 * others get Conflict); decided with the plan's `resolveOwnership`, so a prerequisite (which deploys
 * first) owns what its dependents also claim. Also one profile reaching the same spoke through two
 * SveltosClusters.
 * @internal
 */
export function ownershipConflicts(scope: IConstruct, profiles: readonly CheckedProfile[], predicted?: readonly PredictedSveltosCluster[], graph = dependencyGraphOf(profiles)): string[] {
  const reached = reachedClusters(scope, profiles, predicted, graph);
  const problems: string[] = [];
  const claims = new Map<string, { spoke: string; t: DeployTarget; claimants: CheckedProfile[] }>();
  for (const p of profiles) {
    const spokes = new Map<string, PredictedSveltosCluster>();
    for (const c of reached.get(p)!) {
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
    for (const spoke of spokes.keys()) {
      for (const t of targets) {
        const key = `${spoke}|${t.kind}|${t.id}`;
        const claim = claims.get(key);
        if (!claim) claims.set(key, { spoke, t, claimants: [p] });
        else if (!claim.claimants.includes(p)) claim.claimants.push(p);
      }
    }
  }

  const prerequisites = new Map<string, Set<string>>();
  const prerequisitesOf = (k: string): Set<string> => {
    let all = prerequisites.get(k);
    if (all) return all;
    prerequisites.set(k, (all = new Set()));
    const stack = [...(graph.prerequisites.get(k) ?? [])];
    while (stack.length > 0) {
      const q = stack.pop()!;
      if (all.has(q)) continue;
      all.add(q);
      stack.push(...(graph.prerequisites.get(q) ?? []));
    }
    return all;
  };
  const deploysBefore = (a: string, b: string) => prerequisitesOf(b).has(a) && !prerequisitesOf(a).has(b);

  const clashes = new Map<string, { profiles: CheckedProfile[]; first: { spoke: string; t: DeployTarget }; targets: Set<string>; spokes: Set<string> }>();
  for (const key of [...claims.keys()].sort()) {
    const { spoke, t, claimants } = claims.get(key)!;
    if (claimants.length < 2) continue;
    const decision = resolveOwnership(claimants.map((p) => ({ profile: keyOf(p), tier: p.tier })), undefined, deploysBefore);
    if (decision.winner !== undefined) continue; // a lower tier, or a prerequisite that deploys first, owns it
    const tier = Math.min(...claimants.map((p) => p.tier));
    const tied = claimants.filter((p) => p.tier === tier).sort((a, b) => Order.strings(keyOf(a), keyOf(b)));
    const pair = tied.map(keyOf).join('|');
    let c = clashes.get(pair);
    if (!c) clashes.set(pair, (c = { profiles: tied, first: { spoke, t }, targets: new Set(), spokes: new Set() }));
    c.targets.add(`${t.kind} ${t.id}`);
    c.spokes.add(spoke);
  }
  for (const c of clashes.values()) {
    const moreT = c.targets.size - 1;
    const moreS = c.spokes.size - 1;
    const more = [moreT > 0 ? `${moreT} more object${moreT > 1 ? 's' : ''}` : '', moreS > 0 ? `${moreS} more cluster${moreS > 1 ? 's' : ''}` : ''].filter(Boolean).join(', ');
    const subjects = c.profiles.map((p) => p.subject);
    const who = subjects.length === 2 ? `${subjects[0]} and ${subjects[1]} both` : `${subjects.slice(0, -1).join(', ')} and ${subjects[subjects.length - 1]} all`;
    problems.push(`${who} deploy ${c.first.t.kind} ${c.first.t.id} to ManagedCluster "${c.first.spoke}"${more ? ` (and ${more})` : ''} at tier ${c.profiles[0].tier}; Sveltos lets whichever reaches the cluster first own it and marks the others Conflict, so the result depends on timing. Give one of them a lower tier (lower wins), make one depend on the other (the prerequisite deploys first and keeps it), or deploy it from one profile only`);
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
  const graph = dependencyGraphOf(profiles);
  problems.push(...dependsOnCycles(profiles, graph), ...ownershipConflicts(scope, profiles, ctx.clusters, graph));
  const unique = [...new Set(problems)];
  const cap = 25;
  return unique.length > cap ? [...unique.slice(0, cap), `... and ${unique.length - cap} more Sveltos problems`] : unique;
}
