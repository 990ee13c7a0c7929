/**
 * Sveltos ordering: dependsOn (per-cluster gating, auto-deployed prerequisites, cycles), maxUpdate waves,
 * and tier-based ownership of Helm releases and resources (conflicts).
 *
 * Facts: ../shared/reference/sveltos.md §1.6–1.8. Pure TypeScript, no cdk8s / cdktf.
 */
import { DEFAULT_SVELTOS_TIER } from '../../core/sveltos';
import { Order } from '../../core/order';
import { PercentOrAbsolute } from '../../core/values';
import {
  SveltosClusterRef,
  SveltosProfileModel,
  SveltosProfileSpec,
  SveltosResourceId,
  SveltosPolicySource,
  describeCluster,
  profileKey,
  profileKeyOf,
  referenceTier,
} from './model';
import { planSveltosPromotions, SveltosPromotionPlan } from './promotion';

export type { SveltosPromotionOverlap, SveltosPromotionPlan, SveltosPromotionStagePlan, SveltosPromotionWave } from './promotion';
import type { SveltosSelection, SveltosProfileSelection } from './selection';

// ---------------------------------------------------------------------------------------------
// dependsOn graph

/** The dependsOn graph of a set of profiles: edges go from a dependent to its prerequisites. */
export interface SveltosDependencyGraph {
  /** Profile keys, in input order. */
  readonly keys: readonly string[];
  /** Resolved prerequisites per profile key, in dependsOn order (same kind; same namespace for a Profile). */
  readonly prerequisites: ReadonlyMap<string, readonly string[]>;
  /** Direct dependents per profile key (the profiles that list it in dependsOn), in input order. */
  readonly dependents: ReadonlyMap<string, readonly string[]>;
  /** dependsOn entries that name no existing profile, per profile key. */
  readonly missing: ReadonlyMap<string, readonly string[]>;
}

/**
 * Builds the dependsOn graph. A ClusterProfile's dependsOn names ClusterProfiles; a Profile's names Profiles in its
 * own namespace (AC `getPrerequesites`). Duplicate names are kept once.
 */
export function buildDependencyGraph(profiles: readonly SveltosProfileModel[]): SveltosDependencyGraph {
  const keys = profiles.map(profileKey);
  const known = new Set(keys);
  const prerequisites = new Map<string, string[]>();
  const dependents = new Map<string, string[]>();
  const missing = new Map<string, string[]>();
  for (const k of keys) dependents.set(k, []);
  profiles.forEach((p, i) => {
    const k = keys[i];
    const pre: string[] = [];
    const miss: string[] = [];
    for (const name of p.spec.dependsOn ?? []) {
      const pk = profileKeyOf(p.kind, p.namespace, name);
      if (!known.has(pk)) {
        if (!miss.includes(name)) miss.push(name);
        continue;
      }
      if (pre.includes(pk)) continue;
      pre.push(pk);
      dependents.get(pk)!.push(k);
    }
    prerequisites.set(k, pre);
    if (miss.length) missing.set(k, miss);
  });
  return { keys, prerequisites, dependents, missing };
}

/**
 * Strongly connected components of the graph (Tarjan, iterative), emitted prerequisites-first:
 * a component comes after every component it depends on.
 */
export function dependencyComponents(graph: SveltosDependencyGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let counter = 0;
  for (const root of graph.keys) {
    if (index.has(root)) continue;
    const work: { node: string; i: number }[] = [{ node: root, i: 0 }];
    index.set(root, counter);
    low.set(root, counter);
    counter++;
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1];
      const succ = graph.prerequisites.get(frame.node) ?? [];
      if (frame.i < succ.length) {
        const w = succ[frame.i++];
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter);
          counter++;
          stack.push(w);
          onStack.add(w);
          work.push({ node: w, i: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(w)!));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== frame.node);
        out.push(comp);
      }
    }
  }
  return out;
}

/**
 * The dependsOn cycles, each as a path that returns to its start (`[a, b, a]`; a self-dependency is `[a, a]`).
 * Sveltos does not reject cycles: each ClusterSummary waits for the other forever, so none of them deploys.
 * Cycles are reported in a deterministic order (by their smallest key).
 */
export function findDependencyCycles(graph: SveltosDependencyGraph): string[][] {
  const cycles: string[][] = [];
  for (const comp of dependencyComponents(graph)) {
    const members = new Set(comp);
    if (comp.length === 1) {
      const k = comp[0];
      if ((graph.prerequisites.get(k) ?? []).includes(k)) cycles.push([k, k]);
      continue;
    }
    const start = [...comp].sort()[0];
    // walk prerequisites inside the component until we come back to start (DFS with path)
    const path: string[] = [start];
    const seen = new Set<string>([start]);
    const dfs = (node: string): boolean => {
      for (const next of graph.prerequisites.get(node) ?? []) {
        if (!members.has(next)) continue;
        if (next === start) {
          path.push(start);
          return true;
        }
        if (seen.has(next)) continue;
        seen.add(next);
        path.push(next);
        if (dfs(next)) return true;
        path.pop();
      }
      return false;
    };
    dfs(start);
    cycles.push(path);
  }
  return cycles.sort(Order.by((c) => c[0]));
}

/** The profiles that take part in a cycle, or depend (transitively) on one: they never deploy. */
export function profilesBlockedByCycles(graph: SveltosDependencyGraph, cycles: readonly string[][]): Set<string> {
  const blocked = new Set<string>();
  const queue: string[] = [];
  for (const c of cycles) for (const k of c) if (!blocked.has(k)) { blocked.add(k); queue.push(k); }
  while (queue.length) {
    const k = queue.pop()!;
    for (const d of graph.dependents.get(k) ?? []) if (!blocked.has(d)) { blocked.add(d); queue.push(d); }
  }
  return blocked;
}

/**
 * Dependency stage of every profile: 0 without prerequisites, else 1 + the highest stage of its prerequisites.
 * Profiles in (or behind) a cycle get no stage.
 */
export function dependencyStages(graph: SveltosDependencyGraph): Map<string, number | undefined> {
  const stages = new Map<string, number | undefined>();
  const cycles = findDependencyCycles(graph);
  const blocked = profilesBlockedByCycles(graph, cycles);
  for (const comp of dependencyComponents(graph)) {
    for (const k of comp) {
      if (blocked.has(k)) {
        stages.set(k, undefined);
        continue;
      }
      let s = 0;
      for (const p of graph.prerequisites.get(k) ?? []) s = Math.max(s, (stages.get(p) ?? 0) + 1);
      stages.set(k, s);
    }
  }
  return stages;
}

/**
 * Auto-deploy of prerequisites (`--auto-deploy-dependencies`, default on): every cluster a dependent matches is
 * added to each of its prerequisites, transitively. Returns, per profile that gains clusters, the cluster ids added
 * this way (not already in its own matches), ascending. Computed as a fixed point over the condensation of the graph;
 * profiles nobody depends on cost nothing.
 * @param own each profile's own matches (selector ∪ clusterRefs ∪ sets), as cluster ids
 */
export function propagateToPrerequisites(graph: SveltosDependencyGraph, own: ReadonlyMap<string, readonly number[]>): Map<string, number[]> {
  const final = new Map<string, ReadonlySet<number> | readonly number[]>();
  const comps = dependencyComponents(graph).reverse(); // dependents first
  const added = new Map<string, number[]>();
  for (const comp of comps) {
    const hasDependents = comp.some((m) => (graph.dependents.get(m) ?? []).length > 0);
    if (!hasDependents) {
      for (const m of comp) final.set(m, own.get(m) ?? []);
      continue;
    }
    const union = new Set<number>();
    for (const m of comp) {
      for (const c of own.get(m) ?? []) union.add(c);
      for (const d of graph.dependents.get(m) ?? []) for (const c of final.get(d) ?? own.get(d) ?? []) union.add(c);
    }
    for (const m of comp) {
      final.set(m, union);
      const mine = new Set(own.get(m) ?? []);
      const extra: number[] = [];
      for (const c of union) if (!mine.has(c)) extra.push(c);
      if (extra.length) added.set(m, extra.sort((a, b) => a - b));
    }
  }
  return added;
}

// ---------------------------------------------------------------------------------------------
// per-cluster gate (areDependenciesDeployed)

/** The Sveltos feature ids. */
export type SveltosFeatureId = 'Resources' | 'Helm' | 'Kustomize';

/** The features a profile spec declares: Helm for helmCharts, Resources for policyRefs, Kustomize for kustomizationRefs. */
export function declaredFeatures(spec: SveltosProfileSpec): SveltosFeatureId[] {
  const out: SveltosFeatureId[] = [];
  if ((spec.helmCharts ?? []).length) out.push('Helm');
  if ((spec.policyRefs ?? []).length) out.push('Resources');
  if ((spec.kustomizationRefs ?? []).length) out.push('Kustomize');
  return out;
}

/** One `status.featureSummaries` entry of a ClusterSummary. */
export interface SveltosFeatureSummary {
  /** Feature id. */
  readonly featureID: string;
  /** `Provisioned`, `Provisioning`, `Failed`, `FailedNonRetriable`, `Removing`, `Removed`, ... */
  readonly status: string;
}

/** The ClusterSummary of a prerequisite on one cluster, as the gate sees it. */
export interface SveltosPrerequisiteSummary {
  /** Features the prerequisite declares. */
  readonly declaredFeatures: readonly string[];
  /** Its status.featureSummaries. */
  readonly featureSummaries: readonly SveltosFeatureSummary[];
}

/** True when a ClusterSummary is provisioned: every featureSummary Provisioned and every declared feature has one. */
export function isClusterSummaryProvisioned(summary: SveltosPrerequisiteSummary): boolean {
  if (summary.featureSummaries.some((f) => f.status !== 'Provisioned')) return false;
  return summary.declaredFeatures.every((f) => summary.featureSummaries.some((s) => s.featureID === f && s.status === 'Provisioned'));
}

/**
 * The per-cluster dependsOn gate (AC `areDependenciesDeployed`): a ClusterSummary deploys nothing until, for every
 * name in dependsOn, the ClusterSummary of that profile for the SAME cluster exists and is provisioned.
 * @param lookup returns the prerequisite's ClusterSummary on this cluster, or undefined when there is none
 */
export function areDependenciesDeployed(dependsOn: readonly string[], lookup: (name: string) => SveltosPrerequisiteSummary | undefined): { readonly deployed: boolean; readonly reason?: string } {
  for (const name of dependsOn) {
    const s = lookup(name);
    if (!s) return { deployed: false, reason: `waits for ${name}: its ClusterSummary for this cluster was not found` };
    if (!isClusterSummaryProvisioned(s)) return { deployed: false, reason: `waits for ${name}: not all its features are Provisioned` };
  }
  return { deployed: true };
}

/**
 * The reverse guard on removal (AC:controllers/clustersummary_controller.go areDependentsRemoved): a profile's
 * ClusterSummary on a cluster is not undeployed while another ClusterSummary of the SAME cluster still lists the
 * profile's NAME in its dependsOn (names only: kind and namespace are not compared).
 * @param others the other ClusterSummaries of the cluster: their name and spec dependsOn
 * @internal
 */
export function areDependentsRemoved(profileName: string, others: readonly { readonly name: string; readonly dependsOn: readonly string[] }[]): { readonly removed: boolean; readonly reason?: string } {
  for (const o of others) {
    if (o.dependsOn.includes(profileName)) return { removed: false, reason: `${o.name} still depends on this profile and has not been removed yet` };
  }
  return { removed: true };
}

// ---------------------------------------------------------------------------------------------
// maxUpdate

/**
 * Resolves maxUpdate as AC `getMaxUpdate` does: unset → 0 (no limit); a number → itself; ANY string → a percentage of
 * `matchingCount` (the leading integer), rounded up — so `"3"` means 3%, not 3 clusters.
 */
export function resolveMaxUpdate(maxUpdate: number | string | undefined, matchingCount: number): number {
  if (maxUpdate === undefined || maxUpdate === null) return 0;
  if (typeof maxUpdate === 'number') return maxUpdate;
  const m = /^\s*(\d+)/.exec(maxUpdate);
  if (!m) return 0;
  const pct = Number(m[1]);
  if (pct === 0) return 0;
  if (pct > 100) return Math.ceil((pct * matchingCount) / 100);
  return PercentOrAbsolute.percent(pct).resolve(matchingCount);
}

/**
 * Splits clusters (in status.matchingClusters order) into update waves of at most `maxUpdate` clusters.
 * Sveltos keeps a sliding window (a new cluster starts as soon as one is provisioned); waves are its upper bound.
 * maxUpdate 0 means one wave with every cluster.
 */
export function maxUpdateWaves<T>(clusters: readonly T[], maxUpdate: number): T[][] {
  if (clusters.length === 0) return [];
  if (!maxUpdate || maxUpdate <= 0) return [[...clusters]];
  const waves: T[][] = [];
  for (let i = 0; i < clusters.length; i += maxUpdate) waves.push(clusters.slice(i, i + maxUpdate));
  return waves;
}

// ---------------------------------------------------------------------------------------------
// tiers and ownership

/** LS `HasHigherOwnershipPriority`: the claimant wins only with a STRICTLY lower tier. */
export function hasHigherOwnershipPriority(currentOwnerTier: number, claimingTier: number): boolean {
  return claimingTier < currentOwnerTier;
}

/** A claim on an ownership unit (a Helm release or a resource) on one cluster. */
export interface SveltosOwnershipClaim {
  /** Profile key (or any name). */
  readonly profile: string;
  /** The profile's tier. */
  readonly tier: number;
}

/** Who owns a contested unit. */
export interface SveltosOwnershipDecision {
  /** The owner, or undefined when equal tiers leave it to whoever reaches the cluster first. */
  readonly winner?: string;
  /** Claimants that get Conflict. */
  readonly losers: string[];
  /** Why, as a short sentence. */
  readonly reason: string;
}

/**
 * Decides ownership: the lowest tier wins; among equal lowest tiers the incumbent keeps it; else a claimant that is
 * deployed first because every other one depends on it wins; else it is undetermined at synth time.
 * @param incumbent the current owner, if known
 * @param deploysBefore (a, b) → true when a is a transitive prerequisite of b
 */
export function resolveOwnership(claims: readonly SveltosOwnershipClaim[], incumbent?: string, deploysBefore?: (a: string, b: string) => boolean): SveltosOwnershipDecision {
  const names = [...new Set(claims.map((c) => c.profile))];
  const tierOf = new Map<string, number>();
  for (const c of claims) tierOf.set(c.profile, Math.min(tierOf.get(c.profile) ?? Infinity, c.tier));
  const min = Math.min(...names.map((n) => tierOf.get(n)!));
  const best = names.filter((n) => tierOf.get(n) === min).sort();
  const others = (w: string) => names.filter((n) => n !== w).sort();
  if (best.length === 1) {
    const w = best[0];
    const rest = others(w);
    const reason = rest.length === 0 ? 'single claimant' : `tier ${min} is lower than ${rest.map((n) => `${n} tier ${tierOf.get(n)}`).join(', ')}`;
    return { winner: w, losers: rest, reason };
  }
  if (incumbent && best.includes(incumbent)) {
    return { winner: incumbent, losers: others(incumbent), reason: `equal tier ${min}: the current owner ${incumbent} keeps it` };
  }
  if (deploysBefore) {
    const first = best.find((a) => best.every((b) => b === a || deploysBefore(a, b)));
    if (first) return { winner: first, losers: others(first), reason: `equal tier ${min}: ${first} reaches the cluster first (the others wait for it: they depend on it, or are later stages of its ClusterPromotion)` };
  }
  return { winner: undefined, losers: [], reason: `equal tier ${min}: the first of ${best.join(', ')} to reach the cluster keeps it (not known at synth time); the others get Conflict` };
}

/** What is contested: a Helm release or a Kubernetes resource. */
export type SveltosConflictKind = 'HelmRelease' | 'Resource';

/** Two or more profiles deploying the same Helm release or resource on the same cluster. */
export interface SveltosConflict {
  /** `HelmRelease` or `Resource`. */
  readonly kind: SveltosConflictKind;
  /** `releaseNamespace/releaseName` or `group/Kind/namespace/name` (`core` for the core group). */
  readonly target: string;
  /** The cluster. */
  readonly cluster: SveltosClusterRef;
  /** The cluster key (`Sveltos:ns/name`). */
  readonly clusterKey: string;
  /** Every claiming profile key, sorted. */
  readonly profiles: string[];
  /** The owner, when it can be determined. */
  readonly winner?: string;
  /** The profiles that get Conflict. */
  readonly losers: string[];
  /** Why the winner wins. */
  readonly reason: string;
  /** Losers with continueOnConflict=false: their deployment on this cluster stops at this conflict. */
  readonly stopsDeployment: string[];
  /** One sentence naming both profiles, the target and the cluster. */
  readonly message: string;
}

/** The key used for incumbents: `<clusterKey>|helm:<ns>/<name>` or `<clusterKey>|resource:<group>/<Kind>/<ns>/<name>`. */
export function ownershipKey(clusterKey: string, kind: SveltosConflictKind, target: string): string {
  return `${clusterKey}|${kind === 'HelmRelease' ? 'helm' : 'resource'}:${target}`;
}

/** `group/Kind/namespace/name` for a resource (`core` for the core group). */
export function resourceTarget(r: SveltosResourceId): string {
  return `${r.group || 'core'}/${r.kind}/${r.namespace}/${r.name}`;
}

/** `ClusterProfile/name` → `ClusterProfile name`, `Profile/ns/name` → `Profile ns/name`. */
function profileLabelOf(key: string): string {
  const i = key.indexOf('/');
  return i < 0 ? key : `${key.slice(0, i)} ${key.slice(i + 1)}`;
}

function isTemplated(s: unknown): boolean {
  return typeof s === 'string' && s.includes('{{');
}

/** The Helm releases a profile installs (`releaseNamespace/releaseName`), skipping Uninstall and templated names. */
export function helmReleaseTargets(spec: SveltosProfileSpec): string[] {
  const out: string[] = [];
  for (const h of spec.helmCharts ?? []) {
    if (!h || typeof h !== 'object') continue;
    if (h.helmChartAction === 'Uninstall') continue;
    if (isTemplated(h.releaseName) || isTemplated(h.releaseNamespace)) continue;
    const t = `${h.releaseNamespace}/${h.releaseName}`;
    if (!out.includes(t)) out.push(t);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// reference tiers inside one profile (LS:lib/deployer/utils.go ValidateObjectForUpdate, getReferenceInfo)

/**
 * LS `ValidateObjectForUpdate`: a ref of the same profile may overwrite an object another of its refs deployed only when
 * its tier is STRICTLY lower than the `projectsveltos.io/reference-tier` recorded on the object (missing or unparsable
 * ⇒ 100); otherwise, when the recorded reference (kind, namespace, name) differs, it is a ConflictError.
 * Test LS:lib/deployer/utils_test.go "ValidateObjectForUpdate returns no error when resource is already installed
 * because of different ConfigMap (annotations) with higher tier" (90 passes, 100 and 110 conflict).
 * @internal
 */
export function hasHigherReferencePriority(recordedReferenceTier: number, claimingReferenceTier: number): boolean {
  return claimingReferenceTier < recordedReferenceTier;
}

/** The annotations Sveltos records on every resource it deploys (LS:lib/deployer/utils.go, applier.go GetResource). @internal */
export const SveltosDeployAnnotations = {
  REFERENCE_KIND: 'projectsveltos.io/reference-kind',
  REFERENCE_NAMESPACE: 'projectsveltos.io/reference-namespace',
  REFERENCE_NAME: 'projectsveltos.io/reference-name',
  REFERENCE_TIER: 'projectsveltos.io/reference-tier',
  OWNER_TIER: 'projectsveltos.io/owner-tier',
  OWNER_NAME: 'projectsveltos.io/owner-name',
  OWNER_KIND: 'projectsveltos.io/owner-kind',
} as const;

/** Who wants to deploy a resource: the ref it comes from and the profile. @internal */
export interface SveltosDeployClaim {
  /** Kind of the referenced object (ConfigMap, Secret, ...). */
  readonly referenceKind: string;
  /** Its namespace. */
  readonly referenceNamespace: string;
  /** Its name. */
  readonly referenceName: string;
  /**
   * The ref's tier.
   * @default 100
   */
  readonly referenceTier?: number;
  /** `ClusterProfile` or `Profile`. */
  readonly profileKind: string;
  /** The profile name. */
  readonly profileName: string;
  /**
   * The profile's tier.
   * @default 100
   */
  readonly profileTier?: number;
}

/** The outcome of LS `CanDeployResource` for a resource already on the cluster. @internal */
export interface SveltosDeployDecision {
  /** True when the claim may write the resource. */
  readonly deploy: boolean;
  /** True when it writes it by taking it over from another profile (whose ClusterSummary is requeued). */
  readonly takeOver: boolean;
  /** Why, as a short sentence. */
  readonly reason: string;
}

/** LS `getTier`: an unparsable or 0 owner tier counts as the lowest priority (MaxInt32). */
function ownerTierOf(value: string | undefined): number {
  const n = Number(value);
  return value === undefined || value === '' || !Number.isInteger(n) || n === 0 ? 2147483647 : n;
}

/**
 * LS:lib/deployer/applier.go `CanDeployResource` over the annotations of the resource already on the cluster (undefined =
 * not there): `ValidateObjectForUpdate` finds a conflict when the recorded reference (kind, namespace, name) differs and
 * the claim's reference tier is not strictly lower than the recorded `reference-tier` (missing or unparsable ⇒ 100), or
 * when the recorded owner (name, kind) is another profile; a conflict is overridden when the claiming profile's tier is
 * strictly lower than the recorded `owner-tier` (missing, unparsable or 0 ⇒ MaxInt32), which takes the resource over.
 * @internal
 */
export function canDeployResource(existing: Readonly<Record<string, string>> | undefined, claim: SveltosDeployClaim): SveltosDeployDecision {
  if (!existing) return { deploy: true, takeOver: false, reason: 'the resource does not exist yet' };
  const conflict = validateObjectForUpdate(existing, claim).conflict;
  if (!conflict) return { deploy: true, takeOver: false, reason: 'no conflict' };
  const ownerTier = ownerTierOf(existing[SveltosDeployAnnotations.OWNER_TIER]);
  const profileTier = claim.profileTier ?? DEFAULT_SVELTOS_TIER;
  if (hasHigherOwnershipPriority(ownerTier, profileTier)) return { deploy: true, takeOver: true, reason: `${conflict}, but tier ${profileTier} is lower than the owner's ${ownerTier}: ownership changes` };
  return { deploy: false, takeOver: false, reason: `conflict: ${conflict}` };
}

/**
 * LS:lib/deployer/utils.go `ValidateObjectForUpdate` alone (before the owner-tier override of CanDeployResource): the
 * conflict, as a sentence, or undefined.
 * @internal
 */
export function validateObjectForUpdate(existing: Readonly<Record<string, string>> | undefined, claim: SveltosDeployClaim): { readonly conflict?: string } {
  if (!existing) return {};
  const A = SveltosDeployAnnotations;
  const refKind = existing[A.REFERENCE_KIND] ?? '';
  const parsedRefTier = Number(existing[A.REFERENCE_TIER]);
  const recordedRefTier = existing[A.REFERENCE_TIER] !== undefined && Number.isInteger(parsedRefTier) ? parsedRefTier : DEFAULT_SVELTOS_TIER;
  const claimRefTier = claim.referenceTier ?? DEFAULT_SVELTOS_TIER;
  let conflict: string | undefined;
  if (!hasHigherReferencePriority(recordedRefTier, claimRefTier) && refKind !== ''
    && (refKind !== claim.referenceKind || (existing[A.REFERENCE_NAMESPACE] ?? '') !== claim.referenceNamespace || (existing[A.REFERENCE_NAME] ?? '') !== claim.referenceName)) {
    conflict = `it was deployed from ${refKind} ${existing[A.REFERENCE_NAMESPACE] ?? ''}/${existing[A.REFERENCE_NAME] ?? ''} (reference tier ${recordedRefTier}, not above ${claimRefTier})`;
  }
  const ownerName = existing[A.OWNER_NAME] ?? '';
  if (!conflict && ownerName !== '' && (ownerName !== claim.profileName || (existing[A.OWNER_KIND] ?? '') !== claim.profileKind)) {
    conflict = `${existing[A.OWNER_KIND] ?? ''} ${ownerName} owns it`;
  }
  return conflict ? { conflict } : {};
}

/** One policyRef / kustomizationRef of a profile that deploys a given resource. */
export interface SveltosReferenceClaim {
  /** The spec field it comes from: `policyRefs` (feature Resources) or `kustomizationRefs` (feature Kustomize). */
  readonly field: string;
  /** Index in that list (refs of one list deploy top-down). */
  readonly index: number;
  /** Kind of the referenced object (ConfigMap, Secret, GitRepository, ...). */
  readonly kind: string;
  /** Namespace of the referenced object (resolved for the cluster). */
  readonly namespace: string;
  /** Name of the referenced object. */
  readonly name: string;
  /** The ref's tier (default 100). */
  readonly tier: number;
}

/** Who owns a resource that several refs of one profile deploy. @internal */
export interface SveltosReferenceOwnership {
  /** The ref whose content ends up on the cluster, when it can be determined. */
  readonly owner?: SveltosReferenceClaim;
  /** The refs that get a ConflictError for this resource. */
  readonly losers: SveltosReferenceClaim[];
  /** True when the owner has a strictly lower tier than every other ref: the tier override at work. */
  readonly takeover: boolean;
  /** Why, as a short sentence. */
  readonly reason: string;
}

/** `ConfigMap ns/name` for a claim. @internal */
export function describeReference(c: SveltosReferenceClaim): string {
  return `${c.kind} ${c.namespace ? `${c.namespace}/` : ''}${c.name}`;
}

function sameReference(a: SveltosReferenceClaim, b: SveltosReferenceClaim): boolean {
  return a.kind === b.kind && a.namespace === b.namespace && a.name === b.name;
}

/**
 * Decides which ref of ONE profile owns a resource several of its refs deploy (claims in deployment order: a list
 * deploys top-down; the Resources and Kustomize features run concurrently). Refs naming the same object are one
 * claim (no conflict: the recorded reference is theirs). The lowest tier wins strictly; among equal lowest tiers the
 * first of one list to deploy creates the object and keeps it. Every other ref gets a ConflictError each time its
 * feature deploys once the owner's copy is on the cluster: that is also true for an overridden higher-tier ref
 * (AC:test/fv/second_tier_test.go "ClusterProfile referencing two ConfigMaps both containing same resource").
 * @internal
 */
export function resolveReferenceOwnership(claims: readonly SveltosReferenceClaim[]): SveltosReferenceOwnership {
  const distinct: SveltosReferenceClaim[] = [];
  for (const c of claims) if (!distinct.some((d) => sameReference(d, c))) distinct.push(c);
  if (distinct.length < 2) return { owner: distinct[0], losers: [], takeover: false, reason: 'single reference' };
  const min = Math.min(...distinct.map((c) => c.tier));
  const best = distinct.filter((c) => c.tier === min);
  const others = (w: SveltosReferenceClaim) => distinct.filter((c) => c !== w);
  if (best.length === 1) {
    const w = best[0];
    const rest = others(w);
    return {
      owner: w,
      losers: rest,
      takeover: true,
      reason: `${describeReference(w)} has tier ${min}, lower than ${rest.map((c) => `${describeReference(c)} tier ${c.tier}`).join(', ')}: it takes the resource over, and the other ${rest.length > 1 ? 'refs report' : 'ref reports'} a conflict each time ${rest.length > 1 ? 'they deploy' : 'it deploys'} again`,
    };
  }
  const fields = new Set(best.map((c) => c.field));
  if (fields.size === 1) {
    const w = best.reduce((a, b) => (b.index < a.index ? b : a));
    return {
      owner: w,
      losers: others(w),
      takeover: false,
      reason: `equal tier ${min}: ${describeReference(w)} deploys first (${w.field}[${w.index}]) and keeps it; ${best.filter((c) => c !== w).map(describeReference).join(', ')} ${best.length > 2 ? 'get' : 'gets'} a conflict`,
    };
  }
  return {
    owner: undefined,
    losers: [],
    takeover: false,
    reason: `equal tier ${min}: policyRefs and kustomizationRefs deploy concurrently, so the first of ${best.map(describeReference).join(', ')} to reach the cluster keeps it (not known at synth time); the others get a conflict`,
  };
}

/** Two or more refs of ONE profile deploying the same resource on a cluster. */
export interface SveltosReferenceConflict {
  /** Profile key. */
  readonly profile: string;
  /** `group/Kind/namespace/name` of the resource (`core` for the core group). */
  readonly target: string;
  /** The cluster. */
  readonly cluster: SveltosClusterRef;
  /** The cluster key (`Sveltos:ns/name`). */
  readonly clusterKey: string;
  /** The refs deploying it, in deployment order. */
  readonly claims: SveltosReferenceClaim[];
  /** The ref whose content ends up on the cluster, when known. */
  readonly owner?: SveltosReferenceClaim;
  /** The refs that report a conflict. */
  readonly losers: SveltosReferenceClaim[];
  /** True when a strictly lower tier decides the owner (Sveltos' per-reference override). */
  readonly takeover: boolean;
  /** Why the owner owns it. */
  readonly reason: string;
  /** True when the profile has continueOnConflict=false: the losing ref's deployment stops at this resource. */
  readonly stopsDeployment: boolean;
  /** One sentence naming the profile, the refs, the resource and the cluster. */
  readonly message: string;
}

// ---------------------------------------------------------------------------------------------
// the rollout plan

/** Options of planSveltosRollout. */
export interface SveltosRolloutOptions {
  /**
   * Current owners of contested units, keyed by `ownershipKey(...)`; decides equal-tier conflicts.
   * @default - none known
   */
  readonly incumbents?: ReadonlyMap<string, string>;
}

/** The rollout of one profile. */
export interface SveltosProfileRollout {
  /** Profile key. */
  readonly profile: string;
  /** Resolved maxUpdate (0 = no limit). */
  readonly maxUpdate: number;
  /** Update waves over the clusters that get a ClusterSummary (paused clusters excluded), in matching order. */
  readonly waves: SveltosClusterRef[][];
  /** Clusters whose ClusterSummary exists but is not programmed while the cluster is paused (only without maxUpdate). */
  readonly pausedClusters: SveltosClusterRef[];
  /** Dependency stage (0 = no prerequisites); undefined when in or behind a dependsOn cycle. */
  readonly stage?: number;
}

/** A (profile, cluster) whose ClusterSummary exists but will never deploy, and why. */
export interface SveltosBlockedDeployment {
  /** Profile key. */
  readonly profile: string;
  /** Cluster key. */
  readonly clusterKey: string;
  /** The reason, as a sentence. */
  readonly reason: string;
}

/** One step of a cluster's deployment order: the profiles that deploy together at this dependency stage. */
export interface SveltosClusterStep {
  /** Dependency stage. */
  readonly stage: number;
  /** Profile keys, sorted. */
  readonly profiles: string[];
}

/** The rollout plan: waves, dependency stages, blocked deployments and conflicts. */
export class SveltosRolloutPlan {
  /** Per-profile rollout, in selection order. */
  public readonly profiles: SveltosProfileRollout[];
  /** dependsOn cycles (paths). */
  public readonly cycles: string[][];
  /** Deployments that never happen (cycles, missing prerequisites, prerequisites without a ClusterSummary there). */
  public readonly blocked: SveltosBlockedDeployment[];
  /** Ownership conflicts between profiles, sorted by cluster then target. */
  public readonly conflicts: SveltosConflict[];
  /** Conflicts between refs of one profile (per-reference tiers), sorted by profile, cluster, then target. */
  public readonly referenceConflicts: SveltosReferenceConflict[];
  /** ClusterPromotions: per stage the clusters it reaches, and the waves (stages, split by maxUpdate), in input order. */
  public readonly promotions: SveltosPromotionPlan[];

  /** @internal */
  constructor(
    private readonly selection: SveltosSelection,
    profiles: SveltosProfileRollout[],
    cycles: string[][],
    blocked: SveltosBlockedDeployment[],
    conflicts: SveltosConflict[],
    referenceConflicts: SveltosReferenceConflict[],
    promotions: SveltosPromotionPlan[],
    private readonly stages: Map<string, number | undefined>,
    private readonly blockedSet: Set<string>,
  ) {
    this.profiles = profiles;
    this.cycles = cycles;
    this.blocked = blocked;
    this.conflicts = conflicts;
    this.referenceConflicts = referenceConflicts;
    this.promotions = promotions;
  }

  /** The plan of one ClusterPromotion (`ClusterPromotion/<name>`). */
  public promotion(key: string): SveltosPromotionPlan | undefined {
    return this.promotions.find((p) => p.key === key);
  }

  /** The rollout of one profile. */
  public profile(key: string): SveltosProfileRollout | undefined {
    return this.profiles.find((p) => p.profile === key);
  }

  /**
   * The deployment order on one cluster: profiles with a ClusterSummary there, grouped by dependency stage
   * (prerequisites first). Blocked profiles are left out (see `blocked`).
   */
  public clusterOrder(clusterKey: string): SveltosClusterStep[] {
    const byStage = new Map<number, string[]>();
    for (const p of this.selection.profilesWithClusterSummary(clusterKey)) {
      if (this.blockedSet.has(`${p.key}|${clusterKey}`)) continue;
      const s = this.stages.get(p.key);
      if (s === undefined) continue;
      if (!byStage.has(s)) byStage.set(s, []);
      byStage.get(s)!.push(p.key);
    }
    return [...byStage.keys()].sort((a, b) => a - b).map((stage) => ({ stage, profiles: byStage.get(stage)!.sort() }));
  }

  /** Conflicts on one cluster. */
  public conflictsOn(clusterKey: string): SveltosConflict[] {
    return this.conflicts.filter((c) => c.clusterKey === clusterKey);
  }
}

interface ClaimEntry {
  readonly profile: SveltosProfileSelection;
  readonly clusters: readonly number[];
}

/**
 * Plans the rollout of a selection: maxUpdate waves per profile, dependency stages, blocked deployments and
 * Helm release / resource conflicts per cluster (lower tier wins strictly; equal tier keeps the incumbent).
 */
export function planSveltosRollout(selection: SveltosSelection, options: SveltosRolloutOptions = {}): SveltosRolloutPlan {
  const graph = selection.dependencyGraph;
  const cycles = selection.cycles;
  const stages = dependencyStages(graph);
  const inCycle = profilesBlockedByCycles(graph, cycles);

  // waves
  const profiles: SveltosProfileRollout[] = selection.profiles.map((p) => {
    const active = p.clusterSummaries.filter((s) => !s.paused).map((s) => selection.clusterRefOfId(s.clusterId));
    const paused = p.clusterSummaries.filter((s) => s.paused).map((s) => selection.clusterRefOfId(s.clusterId));
    return { profile: p.key, maxUpdate: p.maxUpdate, waves: maxUpdateWaves(active, p.maxUpdate), pausedClusters: paused, stage: stages.get(p.key) };
  });

  // blocked deployments
  const blocked: SveltosBlockedDeployment[] = [];
  const blockedSet = new Set<string>();
  // By profile, then cluster: keys the maps already hold (no concatenated key per call).
  const memo = new Map<string, Map<string, string | null>>();
  const blockReason = (pk: string, ck: string): string | null => {
    let known = memo.get(pk);
    if (known === undefined) memo.set(pk, (known = new Map()));
    const r0 = known.get(ck);
    if (r0 !== undefined) return r0;
    known.set(ck, null); // guard (cycles are handled below)
    let reason: string | null = null;
    if (inCycle.has(pk)) {
      const cyc = cycles.find((c) => c.includes(pk));
      reason = cyc ? `dependsOn cycle ${cyc.join(' → ')}: each waits for the other, nothing deploys` : 'depends on a profile caught in a dependsOn cycle';
    } else {
      const miss = graph.missing.get(pk);
      if (miss && miss.length) reason = `dependsOn names ${miss.join(', ')} which does not exist: the ClusterSummary waits forever`;
      else {
        for (const q of graph.prerequisites.get(pk) ?? []) {
          if (!selection.hasClusterSummary(q, ck)) {
            reason = `waits for ${q}, which has no ClusterSummary on this cluster (${selection.explain(q, ck).reason ?? 'not selected'})`;
            break;
          }
          const r = blockReason(q, ck);
          if (r) {
            reason = `waits for ${q}, which is blocked: ${r}`;
            break;
          }
        }
      }
    }
    known.set(ck, reason);
    return reason;
  };
  for (const p of selection.profiles) {
    const hasDeps = (graph.prerequisites.get(p.key) ?? []).length > 0 || graph.missing.has(p.key) || inCycle.has(p.key);
    if (!hasDeps) continue;
    for (const s of p.clusterSummaries) {
      const r = blockReason(p.key, s.clusterKey);
      if (r) {
        blocked.push({ profile: p.key, clusterKey: s.clusterKey, reason: r });
        blockedSet.add(`${p.key}|${s.clusterKey}`);
      }
    }
  }

  // conflicts
  const referenceConflicts: SveltosReferenceConflict[] = [];
  const conflicts = findConflicts(selection, options, graph, referenceConflicts);
  referenceConflicts.sort((a, b) => Order.strings(a.profile, b.profile) || Order.strings(a.clusterKey, b.clusterKey) || Order.strings(a.target, b.target));
  const wavesOf = new Map(profiles.map((p) => [p.profile, p.waves]));
  const promotions = planSveltosPromotions(selection, (k) => wavesOf.get(k) ?? []);
  return new SveltosRolloutPlan(selection, profiles, cycles, blocked, conflicts, referenceConflicts, promotions, stages, blockedSet);
}

function findConflicts(selection: SveltosSelection, options: SveltosRolloutOptions, graph: SveltosDependencyGraph, referenceConflicts: SveltosReferenceConflict[]): SveltosConflict[] {
  // item key → claims (profile, clusters)
  const items = new Map<string, ClaimEntry[]>();
  const add = (item: string, profile: SveltosProfileSelection, clusters: readonly number[]) => {
    if (clusters.length === 0) return;
    let l = items.get(item);
    if (!l) items.set(item, (l = []));
    l.push({ profile, clusters });
  };
  const sources = new Map<string, SveltosPolicySource>();
  for (const s of selection.state.policySources ?? []) sources.set(`${s.kind}/${s.namespace}/${s.name}`, s);

  for (const p of selection.profiles) {
    if (p.clusterSummaries.length === 0) continue;
    if (p.spec.syncMode === 'DryRun') continue; // DryRun changes nothing in the managed cluster
    const ids = p.clusterSummaries.map((s) => s.clusterId);
    for (const t of helmReleaseTargets(p.spec)) add(`HelmRelease|${t}`, p, ids);
    // resources from policyRefs with known content (list order = deployment order)
    const refs = (p.spec.policyRefs ?? [])
      .map((r, index) => ({ r, index }))
      .filter(({ r }) => r && (r.kind === 'ConfigMap' || r.kind === 'Secret') && r.deploymentType !== 'Local' && !isTemplated(r.name) && !isTemplated(r.namespace));
    if (refs.length === 0) continue;
    // group clusters by namespace only when some ref relies on the cluster namespace
    const nsDependent = refs.some(({ r }) => !r.namespace);
    const groups = new Map<string, number[]>();
    if (nsDependent) {
      for (const s of p.clusterSummaries) {
        if (!groups.has(s.clusterNamespace)) groups.set(s.clusterNamespace, []);
        groups.get(s.clusterNamespace)!.push(s.clusterId);
      }
    } else groups.set('', ids);
    for (const [ns, clusterIds] of groups) {
      const claimsOf = new Map<string, SveltosReferenceClaim[]>();
      for (const { r, index } of refs) {
        const namespace = r.namespace || ns;
        const src = sources.get(`${r.kind}/${namespace}/${r.name}`);
        if (!src || src.templated || src.typeAccepted === false) continue;
        const claim: SveltosReferenceClaim = { field: 'policyRefs', index, kind: String(r.kind), namespace, name: String(r.name), tier: referenceTier(r) };
        for (const res of src.resources) {
          const t = resourceTarget(res);
          let l = claimsOf.get(t);
          if (!l) {
            claimsOf.set(t, (l = []));
            add(`Resource|${t}`, p, clusterIds);
          }
          if (!l.some((c) => c.index === claim.index)) l.push(claim);
        }
      }
      for (const [target, claims] of claimsOf) {
        if (claims.length < 2) continue;
        const decision = resolveReferenceOwnership(claims);
        if (decision.losers.length === 0 && decision.owner) continue; // the same object referenced twice
        for (const id of clusterIds) {
          const cluster = selection.clusterRefOfId(id);
          const names = claims.map(describeReference).join(' and ');
          const message = `${profileLabelOf(p.key)} deploys resource ${target} on ${describeCluster(cluster)} from ${names}: ${decision.reason}`;
          referenceConflicts.push({
            profile: p.key, target, cluster, clusterKey: selection.clusterKeyOf(id), claims: [...claims], owner: decision.owner, losers: decision.losers,
            takeover: decision.takeover, reason: decision.reason, stopsDeployment: !p.spec.continueOnConflict, message,
          });
        }
      }
    }
  }

  const prereqClosure = new Map<string, Set<string>>();
  const prereqsOf = (k: string): Set<string> => {
    let s = prereqClosure.get(k);
    if (s) return s;
    s = new Set<string>();
    prereqClosure.set(k, s);
    const stack = [...(graph.prerequisites.get(k) ?? [])];
    while (stack.length) {
      const q = stack.pop()!;
      if (s.has(q)) continue;
      s.add(q);
      stack.push(...(graph.prerequisites.get(q) ?? []));
    }
    return s;
  };
  // A ClusterPromotion creates a stage's ClusterProfile only once the previous stage is provisioned: an earlier
  // stage's profile reaches a cluster first.
  const stageOf = new Map<string, { promotion: string; index: number }>();
  for (const pr of selection.state.promotions ?? []) {
    pr.stages.forEach((st, index) => stageOf.set(profileKeyOf('ClusterProfile', undefined, `${pr.name}-${st.name}`), { promotion: pr.name, index }));
  }
  const earlierStage = (a: string, b: string) => {
    const sa = stageOf.get(a);
    const sb = stageOf.get(b);
    return !!sa && !!sb && sa.promotion === sb.promotion && sa.index < sb.index;
  };
  const deploysBefore = (a: string, b: string) => (prereqsOf(b).has(a) && !prereqsOf(a).has(b)) || earlierStage(a, b);

  const decisions = new Map<string, SveltosOwnershipDecision>();
  const out: SveltosConflict[] = [];
  for (const [item, entries] of items) {
    const distinct = new Set(entries.map((e) => e.profile.key));
    if (distinct.size < 2) continue;
    const sep = item.indexOf('|');
    const kind = item.slice(0, sep) as SveltosConflictKind;
    const target = item.slice(sep + 1);
    const perCluster = new Map<number, SveltosProfileSelection[]>();
    for (const e of entries) {
      for (const c of e.clusters) {
        let l = perCluster.get(c);
        if (!l) perCluster.set(c, (l = []));
        if (!l.includes(e.profile)) l.push(e.profile);
      }
    }
    for (const [clusterId, claimants] of perCluster) {
      if (claimants.length < 2) continue;
      const ck = selection.clusterKeyOf(clusterId);
      const cluster = selection.clusterRefOfId(clusterId);
      const incumbent = options.incumbents?.get(ownershipKey(ck, kind, target));
      const names = claimants.map((p) => p.key).sort();
      const dk = `${names.join('\n')}|${incumbent ?? ''}`;
      let decision = decisions.get(dk);
      if (!decision) {
        decision = resolveOwnership(claimants.map((p) => ({ profile: p.key, tier: p.tier })), incumbent, deploysBefore);
        decisions.set(dk, decision);
      }
      const what = kind === 'HelmRelease' ? `Helm release ${target}` : `resource ${target}`;
      const stops = decision.losers.filter((l) => !claimants.find((p) => p.key === l)!.spec.continueOnConflict);
      const message = `${names.join(' and ')} ${names.length === 2 ? 'both' : 'all'} deploy ${what} on ${describeCluster(cluster)}: ${decision.winner ? `${decision.winner} wins (${decision.reason})` : decision.reason}`;
      out.push({ kind, target, cluster, clusterKey: ck, profiles: names, winner: decision.winner, losers: decision.losers, reason: decision.reason, stopsDeployment: stops, message });
    }
  }
  return out.sort((a, b) => Order.strings(a.clusterKey, b.clusterKey) || Order.strings(a.target, b.target) || Order.strings(a.kind, b.kind));
}

/** The status of a profile's Helm feature on a cluster given the conflicts: Provisioned unless it lost a release. */
export function helmFeatureStatus(profile: string, clusterKey: string, conflicts: readonly SveltosConflict[]): 'Provisioned' | 'FailedNonRetriable' {
  return conflicts.some((c) => c.kind === 'HelmRelease' && c.clusterKey === clusterKey && c.losers.includes(profile)) ? 'FailedNonRetriable' : 'Provisioned';
}

/** The status of a profile's claim on a Helm release on a cluster: `Managing` or `Conflict`. */
export function helmReleaseStatus(profile: string, clusterKey: string, release: string, conflicts: readonly SveltosConflict[]): 'Managing' | 'Conflict' {
  const c = conflicts.find((x) => x.kind === 'HelmRelease' && x.clusterKey === clusterKey && x.target === release);
  if (!c) return 'Managing';
  return c.winner === profile ? 'Managing' : 'Conflict';
}

/** AC `requeueLowerTierChallengers`: a challenger is woken (and takes over) only when its tier is strictly lower than the manager's. */
export function shouldRequeueChallenger(managerTier: number, challengerTier: number): boolean {
  return hasHigherOwnershipPriority(managerTier, challengerTier);
}
