/**
 * Exact Sveltos cluster selection: which clusters each ClusterProfile / Profile matches
 * (clusterSelector ∪ clusterRefs ∪ setRefs ∪ auto-deployed prerequisites), which of them get a ClusterSummary,
 * ClusterSet / Set selection (maxReplicas, stickiness, Down pruning), and for every other cluster the first reason.
 *
 * Facts: ../shared/reference/sveltos.md §1–§4. Pure TypeScript, no cdk8s / cdktf.
 */
import { Order } from '../../core/order';
import { LabelSelector, LabelSelectorJson } from '../../core/selector';
import {
  SveltosClusterModel,
  SveltosClusterRef,
  SveltosClusterType,
  SveltosProfileKind,
  SveltosProfileModel,
  SveltosProfileSpec,
  SveltosSetKind,
  SveltosSetModel,
  SveltosState,
  clusterKeyOf,
  clusterSummaryName,
  clusterTypeOf,
  clusterTypeOfRef,
  describeCluster,
  isProfilePaused,
  profileKey,
  profileTier,
  refOfCluster,
  setKeyOf,
  PROFILE_PAUSED_ANNOTATION,
} from './model';
import { SveltosDependencyGraph, buildDependencyGraph, findDependencyCycles, propagateToPrerequisites, resolveMaxUpdate } from './rollout';

// ---------------------------------------------------------------------------------------------
// selectors

/** True when a Sveltos selector has no requirement: Sveltos then matches NO cluster. */
export function isEmptySveltosSelector(selector: LabelSelectorJson | undefined): boolean {
  if (!selector) return true;
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}

/**
 * A structural problem `metav1.LabelSelectorAsSelector` would reject (unknown operator, In/NotIn without values,
 * Exists/DoesNotExist with values), or undefined. Sveltos then fails the conversion and matches nothing.
 */
export function sveltosSelectorProblem(selector: LabelSelectorJson | undefined): string | undefined {
  for (const e of selector?.matchExpressions ?? []) {
    const n = e.values?.length ?? 0;
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(e.operator)) return `expression on ${e.key} has unknown operator ${JSON.stringify(e.operator)}`;
    if ((e.operator === 'In' || e.operator === 'NotIn') && n === 0) return `expression ${e.key} ${e.operator} has no values`;
    if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && n > 0) return `expression ${e.key} ${e.operator} must not have values`;
  }
  return undefined;
}

type Matcher = (labels: Readonly<Record<string, string>>) => boolean;

/** `not ready`, with where that comes from when the model knows. */
function notReady(m: SveltosClusterModel): string {
  return m.notReadyReason ? `not ready (${m.notReadyReason})` : 'not ready';
}

function compileSelector(sel: LabelSelector): Matcher {
  const ml = Object.entries(sel.matchLabels);
  const ex = sel.matchExpressions.map((e) => ({ key: e.key, op: e.operator, values: new Set(e.values ?? []) }));
  return (labels) => {
    for (const [k, v] of ml) if (labels[k] !== v || !Object.prototype.hasOwnProperty.call(labels, k)) return false;
    for (const e of ex) {
      const has = Object.prototype.hasOwnProperty.call(labels, e.key);
      switch (e.op) {
        case 'In':
          if (!has || !e.values.has(labels[e.key])) return false;
          break;
        case 'NotIn':
          if (has && e.values.has(labels[e.key])) return false;
          break;
        case 'Exists':
          if (!has) return false;
          break;
        case 'DoesNotExist':
          if (has) return false;
          break;
        default:
          return false;
      }
    }
    return true;
  };
}

// ---------------------------------------------------------------------------------------------
// ClusterSet / Set selection (AC controllers/set_utils.go)

/**
 * AC `selectMoreClusters`: when fewer than maxReplicas are selected, append matching clusters not yet selected,
 * in list order, until maxReplicas. Refs are compared by `key`.
 */
export function selectMoreClusters<T>(selected: readonly T[] | undefined, healthyMatching: readonly T[], maxReplicas: number, key: (t: T) => string): T[] | undefined {
  if (selected !== undefined && selected.length >= maxReplicas) return [...selected];
  const out = selected ? [...selected] : [];
  const have = new Set(out.map(key));
  for (const c of healthyMatching) {
    if (have.has(key(c))) continue;
    out.push(c);
    have.add(key(c));
    if (out.length === maxReplicas) return out;
  }
  return selected === undefined && out.length === 0 ? undefined : out;
}

/** Input of selectSetClusters. */
export interface SveltosSetSelectionInput<T> {
  /**
   * spec.maxReplicas; omitted or 0 selects nothing.
   * @default 0
   */
  readonly maxReplicas?: number;
  /** status.matchingClusterRefs (selector ∪ clusterRefs), in list order. */
  readonly matching: readonly T[];
  /**
   * status.selectedClusterRefs before this reconcile (stickiness).
   * @default - none
   */
  readonly previouslySelected?: readonly T[];
  /**
   * True for a SveltosCluster with connectionStatus Down (pruned).
   * @default - none is Down
   */
  readonly isDown?: (t: T) => boolean;
  /** Identity of a ref. */
  readonly key: (t: T) => string;
}

/** Result of selectSetClusters. */
export interface SveltosSetSelectionResult<T> {
  /** Matching clusters after pruning Down SveltosClusters. */
  readonly healthy: T[];
  /** Matching clusters dropped because their connection is Down. */
  readonly pruned: T[];
  /** Previously selected clusters that are still healthy and matching (kept). */
  readonly kept: T[];
  /** The new status.selectedClusterRefs (empty when none). */
  readonly selected: T[];
}

/**
 * AC `selectClusters`: prune Down SveltosClusters from the matching list; keep previously selected clusters that are
 * still healthy and matching (sticky); then if selected == maxReplicas nothing changes; maxReplicas 0 selects
 * nothing; more selected than maxReplicas is truncated to maxReplicas-1 (upstream off-by-one, refilled on the next
 * reconcile); fewer are topped up in list order.
 */
export function selectSetClusters<T>(input: SveltosSetSelectionInput<T>): SveltosSetSelectionResult<T> {
  const max = input.maxReplicas ?? 0;
  const healthy: T[] = [];
  const pruned: T[] = [];
  for (const c of input.matching) (input.isDown?.(c) ? pruned : healthy).push(c);
  const healthyKeys = new Set(healthy.map(input.key));
  const kept = (input.previouslySelected ?? []).filter((c) => healthyKeys.has(input.key(c)));
  let selected: T[] | undefined = kept;
  if (kept.length === max) selected = kept;
  else if (max === 0) selected = undefined;
  else if (kept.length > max) selected = kept.slice(0, max - 1);
  else selected = selectMoreClusters(kept, healthy, max, input.key);
  return { healthy, pruned, kept, selected: selected ?? [] };
}

// ---------------------------------------------------------------------------------------------
// Profile namespace rewrite (AC ProfileReconciler.limitReferencesToNamespace)

/**
 * The spec a Profile's ClusterSummaries receive: every clusterRefs[i], policyRefs[i] (and remoteURL.secretRef),
 * kustomizationRefs[i] (and valuesFrom[j]) and helmCharts[i].registryCredentialsConfig.{credentials,ca} namespace
 * is forced to the Profile namespace. The input is not modified.
 */
export function limitReferencesToNamespace(spec: SveltosProfileSpec, namespace: string): SveltosProfileSpec {
  const out: Record<string, unknown> = { ...spec };
  if (spec.clusterRefs) out.clusterRefs = spec.clusterRefs.map((r) => ({ ...r, namespace }));
  if (spec.policyRefs) {
    out.policyRefs = spec.policyRefs.map((r) => {
      const n: Record<string, unknown> = { ...r, namespace };
      const ru = r.remoteURL as Record<string, unknown> | undefined;
      if (ru && typeof ru === 'object' && ru.secretRef && typeof ru.secretRef === 'object') n.remoteURL = { ...ru, secretRef: { ...(ru.secretRef as object), namespace } };
      return n;
    });
  }
  if (spec.kustomizationRefs) {
    out.kustomizationRefs = spec.kustomizationRefs.map((r) => {
      const n: Record<string, unknown> = { ...r, namespace };
      if (Array.isArray(r.valuesFrom)) n.valuesFrom = (r.valuesFrom as object[]).map((v) => ({ ...v, namespace }));
      return n;
    });
  }
  if (spec.helmCharts) {
    out.helmCharts = spec.helmCharts.map((h) => {
      const rc = h.registryCredentialsConfig as Record<string, unknown> | undefined;
      if (!rc || typeof rc !== 'object') return h;
      const nrc: Record<string, unknown> = { ...rc };
      if (rc.credentials && typeof rc.credentials === 'object') nrc.credentials = { ...(rc.credentials as object), namespace };
      if (rc.ca && typeof rc.ca === 'object') nrc.ca = { ...(rc.ca as object), namespace };
      return { ...h, registryCredentialsConfig: nrc };
    });
  }
  return out as SveltosProfileSpec;
}

// ---------------------------------------------------------------------------------------------
// results

/** Options of simulateSveltosSelection. */
export interface SveltosSimulationOptions {
  /**
   * addon-controller `--auto-deploy-dependencies`: prerequisites are deployed to every cluster a dependent matches.
   * @default true
   */
  readonly autoDeployDependencies?: boolean;
  /**
   * addon-controller `--capi-onboard-annotation`: when set, a CAPI Cluster must carry this annotation key to match.
   * @default - none
   */
  readonly capiOnboardAnnotation?: string;
}

/** One ClusterSummary the addon-controller creates for (profile, cluster). */
export interface SveltosClusterSummaryPlan {
  /** ClusterSummary name (`<profile>-<capi|sveltos>-<cluster>`, Profile: `p--...`). */
  readonly name: string;
  /** Its namespace = the cluster's namespace. */
  readonly namespace: string;
  /** spec.clusterName. */
  readonly clusterName: string;
  /** spec.clusterNamespace. */
  readonly clusterNamespace: string;
  /** spec.clusterType. */
  readonly clusterType: SveltosClusterType;
  /** The cluster key (`Sveltos:ns/name`). */
  readonly clusterKey: string;
  /** Internal cluster id (index in the selection). */
  readonly clusterId: number;
  /** True when the cluster is paused: the ClusterSummary exists but nothing is programmed until unpaused. */
  readonly paused: boolean;
}

/** The selection result of one ClusterProfile / Profile. */
export interface SveltosProfileSelection {
  /** Profile key (`ClusterProfile/name`, `Profile/ns/name`). */
  readonly key: string;
  /** Kind. */
  readonly kind: SveltosProfileKind;
  /** Namespace (Profile only). */
  readonly namespace?: string;
  /** Name. */
  readonly name: string;
  /** The effective spec (for a Profile: references forced to its namespace). */
  readonly spec: SveltosProfileSpec;
  /** Effective tier (default 100). */
  readonly tier: number;
  /** True when the profile carries `profile.projectsveltos.io/paused` (not reconciled: status frozen). */
  readonly paused: boolean;
  /** status.matchingClusters: selector ∪ clusterRefs ∪ set selections ∪ auto-deployed, in that order, de-duplicated. */
  readonly matchingClusters: SveltosClusterRef[];
  /** The ClusterSummaries created (clusters that are ready; paused ones skipped when maxUpdate is set). */
  readonly clusterSummaries: SveltosClusterSummaryPlan[];
  /** Resolved maxUpdate against matchingClusters (0 = no limit). */
  readonly maxUpdate: number;
  /** Resolved prerequisite profile keys. */
  readonly prerequisites: string[];
  /** Problems worth a warning (missing sets, missing refs, invalid selector, missing dependsOn). */
  readonly problems: string[];
}

/** The selection result of one ClusterSet / Set. */
export interface SveltosSetSelection {
  /** `ClusterSet/name` or `Set/ns/name`. */
  readonly key: string;
  /** Kind. */
  readonly kind: SveltosSetKind;
  /** Namespace (Set only). */
  readonly namespace?: string;
  /** Name. */
  readonly name: string;
  /** True when the set had no spec and its status.selectedClusterRefs were taken as is. */
  readonly observed: boolean;
  /** spec.maxReplicas (0 when omitted). */
  readonly maxReplicas: number;
  /** status.matchingClusterRefs. */
  readonly matchingClusterRefs: SveltosClusterRef[];
  /** Matching SveltosClusters dropped because connectionStatus is Down. */
  readonly prunedClusterRefs: SveltosClusterRef[];
  /** status.selectedClusterRefs after this reconcile. */
  readonly selectedClusterRefs: SveltosClusterRef[];
}

/** Why a cluster does or does not get a profile. */
export interface SveltosClusterVerdict {
  /** Profile key. */
  readonly profile: string;
  /** Cluster key. */
  readonly cluster: string;
  /** In status.matchingClusters. */
  readonly matching: boolean;
  /** Gets a ClusterSummary. */
  readonly clusterSummary: boolean;
  /** How it matches: `clusterSelector`, `clusterRefs`, `set <name>`, `prerequisite of <profile key>`. */
  readonly via: string[];
  /** When it gets no ClusterSummary: the first reason, as a short sentence. */
  readonly reason?: string;
}

// ---------------------------------------------------------------------------------------------
// internals

interface Entry {
  readonly key: string;
  readonly ref: SveltosClusterRef;
  readonly model?: SveltosClusterModel;
}

class Bits {
  private readonly words: Uint32Array;
  constructor(size: number) {
    this.words = new Uint32Array((size >>> 5) + 1);
  }
  has(i: number): boolean {
    return (this.words[i >>> 5] & (1 << (i & 31))) !== 0;
  }
  add(i: number): void {
    this.words[i >>> 5] |= 1 << (i & 31);
  }
}

interface ProfileInternal {
  readonly model: SveltosProfileModel;
  readonly result: SveltosProfileSelection;
  readonly spec: SveltosProfileSpec;
  readonly selector?: LabelSelector;
  readonly selectorProblem?: string;
  readonly selectorHits: Bits;
  readonly refIds: number[];
  readonly setKeys: string[];
  readonly matchingIds: number[];
  readonly matchingBits: Bits;
  readonly summaryBits: Bits;
  readonly skipReasons: Map<number, string>;
}

interface SetInternal {
  readonly model: SveltosSetModel;
  readonly result: SveltosSetSelection;
  readonly selector?: LabelSelector;
  readonly selectorProblem?: string;
  readonly matchingBits: Bits;
  readonly prunedBits: Bits;
  readonly selectedIds: number[];
  readonly selectedBits: Bits;
}


/** Simulates the addon-controller and the ClusterSet / Set controllers on a Sveltos state. */
export function simulateSveltosSelection(state: SveltosState, options: SveltosSimulationOptions = {}): SveltosSelection {
  return new SveltosSelection(state, options);
}

/**
 * The result of a Sveltos selection simulation. Matching is computed eagerly (indexed by namespace and label);
 * reasons for clusters that do not get a profile are computed on demand (`explain`, `unmatched`).
 */
export class SveltosSelection {
  /** Every known cluster, in the order Sveltos lists them: CAPI Clusters, then SveltosClusters, each by namespace/name. */
  public readonly clusters: readonly SveltosClusterModel[];
  /** Per-profile results, in input order. */
  public readonly profiles: readonly SveltosProfileSelection[];
  /** Per-set results, in input order. */
  public readonly sets: readonly SveltosSetSelection[];
  /** The dependsOn graph. */
  public readonly dependencyGraph: SveltosDependencyGraph;
  /** dependsOn cycles, as paths (`[a, b, a]`). */
  public readonly cycles: string[][];

  private readonly entries: Entry[] = [];
  private readonly idByKey = new Map<string, number>();
  private readonly byNamespace = new Map<string, number[]>();
  private readonly postings = new Map<string, number[]>();
  private readonly keyPostings = new Map<string, number[]>();
  private readonly profileByKey = new Map<string, ProfileInternal>();
  private readonly setByKey = new Map<string, SetInternal>();
  private readonly selectorCache = new Map<string, number[]>();
  private readonly knownCount: number;
  private capacity = 0;
  private profilesByCluster?: Map<number, SveltosProfileSelection[]>;

  /** Runs the simulation (prefer `simulateSveltosSelection`). */
  constructor(
    /** The input state. */
    public readonly state: SveltosState,
    /** The options used. */
    public readonly options: SveltosSimulationOptions = {},
  ) {
    // 1. cluster index in Sveltos list order
    const sorted = [...state.clusters].sort((a, b) => {
      const ta = clusterTypeOf(a) === 'Capi' ? 0 : 1;
      const tb = clusterTypeOf(b) === 'Capi' ? 0 : 1;
      return ta - tb || Order.strings(a.namespace, b.namespace) || Order.strings(a.name, b.name);
    });
    for (const c of sorted) {
      const key = clusterKeyOf(clusterTypeOf(c), c.namespace, c.name);
      if (this.idByKey.has(key)) continue; // duplicate object: first wins
      const id = this.entries.length;
      this.entries.push({ key, ref: refOfCluster(c), model: c });
      this.idByKey.set(key, id);
      let ns = this.byNamespace.get(c.namespace);
      if (!ns) this.byNamespace.set(c.namespace, (ns = []));
      ns.push(id);
      for (const [k, v] of Object.entries(c.labels)) {
        const pk = `${k}=${v}`;
        let l = this.postings.get(pk);
        if (!l) this.postings.set(pk, (l = []));
        l.push(id);
        let kl = this.keyPostings.get(k);
        if (!kl) this.keyPostings.set(k, (kl = []));
        kl.push(id);
      }
    }
    this.knownCount = this.entries.length;
    this.clusters = this.entries.map((e) => e.model!);

    // 2. intern every referenced cluster up front so bitsets have a fixed size
    for (const s of state.sets) {
      for (const r of s.spec?.clusterRefs ?? []) this.intern(s.kind === 'Set' ? { ...r, namespace: s.namespace ?? '' } : r);
      for (const r of s.status?.selectedClusterRefs ?? []) this.intern(r);
      for (const r of s.status?.matchingClusterRefs ?? []) this.intern(r);
    }
    for (const p of state.profiles) {
      for (const r of p.spec.clusterRefs ?? []) this.intern(p.kind === 'Profile' ? { ...r, namespace: p.namespace ?? '' } : r);
      for (const r of p.status?.matchingClusters ?? []) this.intern(r);
    }
    this.capacity = this.entries.length;

    // 3. sets
    const sets: SveltosSetSelection[] = [];
    for (const s of state.sets) {
      const si = this.computeSet(s);
      this.setByKey.set(si.result.key, si);
      sets.push(si.result);
    }
    this.sets = sets;

    // 4. profiles: own matches
    this.dependencyGraph = buildDependencyGraph(state.profiles);
    this.cycles = findDependencyCycles(this.dependencyGraph);
    const own = new Map<string, number[]>();
    const partial: { model: SveltosProfileModel; key: string; spec: SveltosProfileSpec; selector?: LabelSelector; selectorProblem?: string; selectorHits: Bits; refIds: number[]; setKeys: string[]; ownIds: number[]; problems: string[] }[] = [];
    for (const p of state.profiles) {
      const key = profileKey(p);
      const spec = p.kind === 'Profile' ? limitReferencesToNamespace(p.spec, p.namespace ?? '') : p.spec;
      const problems: string[] = [];
      const selectorHits = new Bits(this.capacity);
      const ownIds: number[] = [];
      const seen = new Bits(this.capacity);
      const push = (id: number) => {
        if (!seen.has(id)) {
          seen.add(id);
          ownIds.push(id);
        }
      };
      let selector: LabelSelector | undefined;
      let selectorProblem: string | undefined;
      const refIds: number[] = [];
      const setKeys: string[] = [];
      if (isProfilePaused(p)) {
        for (const r of p.status?.matchingClusters ?? []) push(this.intern(r));
      } else {
        if (!isEmptySveltosSelector(spec.clusterSelector)) {
          selectorProblem = sveltosSelectorProblem(spec.clusterSelector);
          if (selectorProblem) problems.push(`clusterSelector is invalid (${selectorProblem}): Sveltos cannot convert it and matches no cluster`);
          else {
            selector = LabelSelector.fromJson(spec.clusterSelector);
            for (const id of this.matchSelector(selector, p.kind === 'Profile' ? p.namespace ?? '' : undefined)) {
              selectorHits.add(id);
              push(id);
            }
          }
        }
        for (const r of spec.clusterRefs ?? []) {
          const id = this.intern(r);
          refIds.push(id);
          push(id);
          const e = this.entries[id];
          if (!e.model) {
            problems.push(clusterTypeOfRef(r)
              ? `clusterRefs names ${describeCluster(e.ref)} which does not exist: the addon-controller fails this reconcile when it reaches it`
              : `clusterRefs entry ${r.namespace}/${r.name} has no apiVersion/kind (Sveltos needs both) and matches no existing cluster`);
          }
        }
        for (const name of spec.setRefs ?? []) {
          const sk = p.kind === 'ClusterProfile' ? setKeyOf('ClusterSet', undefined, name) : setKeyOf('Set', p.namespace, name);
          setKeys.push(sk);
          const si = this.setByKey.get(sk);
          if (!si) {
            problems.push(`setRefs names ${p.kind === 'ClusterProfile' ? `ClusterSet ${name}` : `Set ${p.namespace}/${name}`} which does not exist: skipped`);
            continue;
          }
          for (const id of si.selectedIds) push(id);
        }
      }
      const miss = this.dependencyGraph.missing.get(key);
      if (miss) problems.push(`dependsOn names ${miss.join(', ')} which does not exist: its ClusterSummaries wait forever`);
      const cyc = this.cycles.find((c) => c.includes(key));
      if (cyc) problems.push(`dependsOn cycle ${cyc.join(' → ')}: each waits for the other, nothing deploys`);
      own.set(key, ownIds);
      partial.push({ model: p, key, spec, selector, selectorProblem, selectorHits, refIds, setKeys, ownIds, problems });
    }

    // 5. auto-deployed prerequisites
    const autoDeploy = options.autoDeployDependencies ?? true;
    const added = autoDeploy ? propagateToPrerequisites(this.dependencyGraph, own) : new Map<string, number[]>();

    // 6. matching + ClusterSummaries
    const results: SveltosProfileSelection[] = [];
    for (const pp of partial) {
      const p = pp.model;
      const matchingIds = [...pp.ownIds];
      const extra = added.get(pp.key);
      if (extra && !isProfilePaused(p)) for (const id of extra) matchingIds.push(id);
      const matchingBits = new Bits(this.capacity);
      for (const id of matchingIds) matchingBits.add(id);
      const maxUpdate = resolveMaxUpdate(pp.spec.maxUpdate, matchingIds.length);
      const summaryBits = new Bits(this.capacity);
      const skipReasons = new Map<number, string>();
      const summaries: SveltosClusterSummaryPlan[] = [];
      if (isProfilePaused(p)) {
        for (const id of matchingIds) skipReasons.set(id, `profile is paused (annotation ${PROFILE_PAUSED_ANNOTATION}): Sveltos does not reconcile it`);
      } else {
        let stoppedAt: string | undefined;
        for (const id of matchingIds) {
          const e = this.entries[id];
          if (stoppedAt) {
            skipReasons.set(id, `not reached: the addon-controller stops at ${stoppedAt}, which does not exist, and retries`);
            continue;
          }
          const m = e.model;
          if (!m) {
            stoppedAt = describeCluster(e.ref);
            skipReasons.set(id, 'does not exist');
            continue;
          }
          if (!m.ready) {
            skipReasons.set(id, notReady(m));
            continue;
          }
          if (maxUpdate !== 0 && m.paused) {
            skipReasons.set(id, 'paused and maxUpdate is set: skipped until unpaused');
            continue;
          }
          summaryBits.add(id);
          const type = clusterTypeOf(m);
          summaries.push({
            name: clusterSummaryName(p.kind, p.name, type, m.name),
            namespace: m.namespace,
            clusterName: m.name,
            clusterNamespace: m.namespace,
            clusterType: type,
            clusterKey: e.key,
            clusterId: id,
            paused: m.paused,
          });
        }
      }
      const result: SveltosProfileSelection = {
        key: pp.key,
        kind: p.kind,
        namespace: p.namespace,
        name: p.name,
        spec: pp.spec,
        tier: profileTier(p),
        paused: isProfilePaused(p),
        matchingClusters: matchingIds.map((id) => this.entries[id].ref),
        clusterSummaries: summaries,
        maxUpdate,
        prerequisites: [...(this.dependencyGraph.prerequisites.get(pp.key) ?? [])],
        problems: pp.problems,
      };
      this.profileByKey.set(pp.key, {
        model: p,
        result,
        spec: pp.spec,
        selector: pp.selector,
        selectorProblem: pp.selectorProblem,
        selectorHits: pp.selectorHits,
        refIds: pp.refIds,
        setKeys: pp.setKeys,
        matchingIds,
        matchingBits,
        summaryBits,
        skipReasons,
      });
      results.push(result);
    }
    this.profiles = results;
  }

  // ------------------------------------------------------------------ public queries

  /** The result of one profile by key (`ClusterProfile/name`, `Profile/ns/name`). */
  public profile(key: string): SveltosProfileSelection | undefined {
    return this.profileByKey.get(key)?.result;
  }

  /** The result of one set by key (`ClusterSet/name`, `Set/ns/name`). */
  public set(key: string): SveltosSetSelection | undefined {
    return this.setByKey.get(key)?.result;
  }

  /** The cluster key of a ref (`Sveltos:ns/name`, `Capi:ns/name`, or `?:ns/name` when the type is unknown). */
  public clusterKeyForRef(ref: SveltosClusterRef): string {
    return this.entries[this.lookup(ref) ?? -1]?.key ?? this.rawKey(ref);
  }

  /** The ref of a cluster key (known clusters and referenced-but-missing ones). */
  public clusterRefOf(clusterKey: string): SveltosClusterRef {
    const id = this.idByKey.get(clusterKey);
    if (id === undefined) {
      const m = /^([^:]*):([^/]*)\/(.*)$/.exec(clusterKey);
      return { namespace: m?.[2] ?? '', name: m?.[3] ?? clusterKey };
    }
    return this.entries[id].ref;
  }

  /** The ref of an internal cluster id (as found in SveltosClusterSummaryPlan.clusterId). */
  public clusterRefOfId(clusterId: number): SveltosClusterRef {
    return this.entries[clusterId].ref;
  }

  /** The key of an internal cluster id (as found in SveltosClusterSummaryPlan.clusterId). */
  public clusterKeyOf(clusterId: number): string {
    return this.entries[clusterId].key;
  }

  /** The cluster model of a key, when the cluster exists. */
  public cluster(clusterKey: string): SveltosClusterModel | undefined {
    const id = this.idByKey.get(clusterKey);
    return id === undefined ? undefined : this.entries[id].model;
  }

  /** True when `profile` gets a ClusterSummary on `cluster`. */
  public hasClusterSummary(profileKeyValue: string, clusterKeyValue: string): boolean {
    const p = this.profileByKey.get(profileKeyValue);
    const id = this.idByKey.get(clusterKeyValue);
    return !!p && id !== undefined && p.summaryBits.has(id);
  }

  /** The profiles that get a ClusterSummary on a cluster, in profile order. */
  public profilesWithClusterSummary(clusterKeyValue: string): SveltosProfileSelection[] {
    if (!this.profilesByCluster) {
      const m = new Map<number, SveltosProfileSelection[]>();
      for (const p of this.profiles) {
        for (const s of p.clusterSummaries) {
          let l = m.get(s.clusterId);
          if (!l) m.set(s.clusterId, (l = []));
          l.push(p);
        }
      }
      this.profilesByCluster = m;
    }
    const id = this.idByKey.get(clusterKeyValue);
    return id === undefined ? [] : this.profilesByCluster.get(id) ?? [];
  }

  /**
   * Why `cluster` does or does not get `profile`: whether it is matching, whether it gets a ClusterSummary, through
   * which paths, and otherwise the FIRST reason (`clusterSelector is empty: Sveltos matches no cluster`,
   * `label env=staging does not match env In (production)`, `not ready`, `outside namespace team-a`,
   * `set web-set at maxReplicas=2 chose a, b`, ...).
   */
  public explain(profileKeyValue: string, clusterKeyValue: string): SveltosClusterVerdict {
    const p = this.profileByKey.get(profileKeyValue);
    if (!p) return { profile: profileKeyValue, cluster: clusterKeyValue, matching: false, clusterSummary: false, via: [], reason: `profile ${profileKeyValue} does not exist` };
    const id = this.idByKey.get(clusterKeyValue);
    if (id === undefined) return { profile: profileKeyValue, cluster: clusterKeyValue, matching: false, clusterSummary: false, via: [], reason: 'cluster does not exist' };
    const matching = p.matchingBits.has(id);
    const summary = p.summaryBits.has(id);
    const via = matching ? this.viaOf(p, id) : [];
    let reason: string | undefined;
    if (!summary) reason = matching ? p.skipReasons.get(id) ?? 'no ClusterSummary' : this.unmatchedReason(p, id);
    return { profile: profileKeyValue, cluster: clusterKeyValue, matching, clusterSummary: summary, via, reason };
  }

  /** Every known cluster that gets no ClusterSummary for `profile`, with the first reason, in cluster order. */
  public unmatched(profileKeyValue: string): { readonly cluster: SveltosClusterRef; readonly clusterKey: string; readonly reason: string }[] {
    const p = this.profileByKey.get(profileKeyValue);
    if (!p) return [];
    const out: { cluster: SveltosClusterRef; clusterKey: string; reason: string }[] = [];
    for (let id = 0; id < this.knownCount; id++) {
      if (p.summaryBits.has(id)) continue;
      const e = this.entries[id];
      const reason = p.matchingBits.has(id) ? p.skipReasons.get(id) ?? 'no ClusterSummary' : this.unmatchedReason(p, id);
      out.push({ cluster: e.ref, clusterKey: e.key, reason });
    }
    return out;
  }

  // ------------------------------------------------------------------ internals

  private rawKey(ref: SveltosClusterRef): string {
    const t = clusterTypeOfRef(ref);
    return clusterKeyOf((t ?? '?') as SveltosClusterType, ref.namespace, ref.name);
  }

  private lookup(ref: SveltosClusterRef): number | undefined {
    const t = clusterTypeOfRef(ref);
    if (t) return this.idByKey.get(clusterKeyOf(t, ref.namespace, ref.name));
    return this.idByKey.get(clusterKeyOf('Sveltos', ref.namespace, ref.name)) ?? this.idByKey.get(clusterKeyOf('Capi', ref.namespace, ref.name)) ?? this.idByKey.get(this.rawKey(ref));
  }

  private intern(ref: SveltosClusterRef): number {
    const found = this.lookup(ref);
    if (found !== undefined) return found;
    const key = this.rawKey(ref);
    const id = this.entries.length;
    const r: { kind?: string; apiVersion?: string; namespace: string; name: string } = { namespace: ref.namespace, name: ref.name };
    if (ref.kind) r.kind = ref.kind;
    if (ref.apiVersion) r.apiVersion = ref.apiVersion;
    this.entries.push({ key, ref: r });
    this.idByKey.set(key, id);
    if (this.capacity && id >= this.capacity) throw new Error(`internal: cluster ref ${key} interned after bitsets were sized`);
    return id;
  }

  private eligibleForSelector(m: SveltosClusterModel): boolean {
    if (m.deleting || !m.ready) return false;
    const ann = this.options.capiOnboardAnnotation;
    if (ann && m.kind === 'Cluster' && !(m.annotations && Object.prototype.hasOwnProperty.call(m.annotations, ann))) return false;
    return true;
  }

  /** Ready, non-deleted clusters in scope matching a non-empty selector, in cluster order. */
  private matchSelector(selector: LabelSelector, namespace: string | undefined): number[] {
    const cacheKey = `${namespace ?? '*'}|${JSON.stringify(selector.toJson())}`;
    const cached = this.selectorCache.get(cacheKey);
    if (cached) return cached;
    const match = compileSelector(selector);
    let candidates: number[] | undefined = namespace !== undefined ? this.byNamespace.get(namespace) ?? [] : undefined;
    if (candidates === undefined) {
      // narrow with the smallest posting list
      let best: number[] | undefined;
      const consider = (l: number[]) => {
        if (!best || l.length < best.length) best = l;
      };
      for (const [k, v] of Object.entries(selector.matchLabels)) consider(this.postings.get(`${k}=${v}`) ?? []);
      for (const e of selector.matchExpressions) {
        if (e.operator === 'Exists') consider(this.keyPostings.get(e.key) ?? []);
        else if (e.operator === 'In') {
          const vals = e.values ?? [];
          if (vals.length === 1) consider(this.postings.get(`${e.key}=${vals[0]}`) ?? []);
          else {
            const total = vals.reduce((n, v) => n + (this.postings.get(`${e.key}=${v}`)?.length ?? 0), 0);
            if (!best || total < best.length) {
              const u = new Set<number>();
              for (const v of vals) for (const id of this.postings.get(`${e.key}=${v}`) ?? []) u.add(id);
              best = [...u].sort((a, b) => a - b);
            }
          }
        }
      }
      candidates = best;
    }
    const out: number[] = [];
    if (candidates === undefined) {
      for (let id = 0; id < this.knownCount; id++) {
        const m = this.entries[id].model!;
        if (this.eligibleForSelector(m) && match(m.labels)) out.push(id);
      }
    } else {
      for (const id of candidates) {
        const m = this.entries[id].model!;
        if (this.eligibleForSelector(m) && match(m.labels)) out.push(id);
      }
    }
    this.selectorCache.set(cacheKey, out);
    return out;
  }

  private computeSet(s: SveltosSetModel): SetInternal {
    const key = setKeyOf(s.kind, s.namespace, s.name);
    const matchingBits = new Bits(this.capacity);
    const prunedBits = new Bits(this.capacity);
    const selectedBits = new Bits(this.capacity);
    if (!s.spec) {
      const selectedIds = (s.status?.selectedClusterRefs ?? []).map((r) => this.intern(r));
      for (const id of selectedIds) selectedBits.add(id);
      const matchingIds = (s.status?.matchingClusterRefs ?? []).map((r) => this.intern(r));
      for (const id of matchingIds) matchingBits.add(id);
      return {
        model: s,
        matchingBits,
        prunedBits,
        selectedIds,
        selectedBits,
        result: {
          key, kind: s.kind, namespace: s.namespace, name: s.name, observed: true, maxReplicas: 0,
          matchingClusterRefs: matchingIds.map((id) => this.entries[id].ref), prunedClusterRefs: [],
          selectedClusterRefs: selectedIds.map((id) => this.entries[id].ref),
        },
      };
    }
    const spec = s.spec;
    let selector: LabelSelector | undefined;
    let selectorProblem: string | undefined;
    const matchingIds: number[] = [];
    const seen = new Set<number>();
    if (!isEmptySveltosSelector(spec.clusterSelector)) {
      selectorProblem = sveltosSelectorProblem(spec.clusterSelector);
      if (!selectorProblem) {
        selector = LabelSelector.fromJson(spec.clusterSelector);
        for (const id of this.matchSelector(selector, s.kind === 'Set' ? s.namespace ?? '' : undefined)) {
          seen.add(id);
          matchingIds.push(id);
        }
      }
    }
    for (const r of spec.clusterRefs ?? []) {
      const id = this.intern(s.kind === 'Set' ? { ...r, namespace: s.namespace ?? '' } : r);
      if (!seen.has(id)) {
        seen.add(id);
        matchingIds.push(id);
      }
    }
    for (const id of matchingIds) matchingBits.add(id);
    const previous = (s.status?.selectedClusterRefs ?? []).map((r) => this.intern(r));
    const sel = selectSetClusters<number>({
      maxReplicas: spec.maxReplicas,
      matching: matchingIds,
      previouslySelected: previous,
      // a referenced SveltosCluster that does not exist makes upstream error out; treat it as unusable
      isDown: (id) => {
        const e = this.entries[id];
        if (!e.model) return clusterTypeOfRef(e.ref) === 'Sveltos';
        return e.model.kind === 'SveltosCluster' && e.model.connectionStatus === 'Down';
      },
      key: (id) => String(id),
    });
    for (const id of sel.pruned) prunedBits.add(id);
    for (const id of sel.selected) selectedBits.add(id);
    return {
      model: s,
      selector,
      selectorProblem,
      matchingBits,
      prunedBits,
      selectedIds: sel.selected,
      selectedBits,
      result: {
        key, kind: s.kind, namespace: s.namespace, name: s.name, observed: false, maxReplicas: spec.maxReplicas ?? 0,
        matchingClusterRefs: matchingIds.map((id) => this.entries[id].ref),
        prunedClusterRefs: sel.pruned.map((id) => this.entries[id].ref),
        selectedClusterRefs: sel.selected.map((id) => this.entries[id].ref),
      },
    };
  }

  private viaOf(p: ProfileInternal, id: number): string[] {
    const via: string[] = [];
    if (p.result.paused) return ['status.matchingClusters (profile paused)'];
    if (p.selectorHits.has(id)) via.push('clusterSelector');
    if (p.refIds.includes(id)) via.push('clusterRefs');
    for (const sk of p.setKeys) {
      const si = this.setByKey.get(sk);
      if (si && si.selectedBits.has(id)) via.push(`set ${si.model.name}`);
    }
    if (via.length === 0) {
      for (const d of this.dependencyGraph.dependents.get(p.result.key) ?? []) {
        const dp = this.profileByKey.get(d);
        if (dp && dp.matchingBits.has(id)) via.push(`prerequisite of ${d}`);
      }
    }
    return via;
  }

  private selectorReason(selector: LabelSelector | undefined, problem: string | undefined, isEmpty: boolean, m: SveltosClusterModel): string | undefined {
    if (isEmpty) return 'clusterSelector is empty: Sveltos matches no cluster';
    if (problem || !selector) return `clusterSelector is invalid (${problem}): Sveltos matches no cluster`;
    const ann = this.options.capiOnboardAnnotation;
    if (ann && m.kind === 'Cluster' && !(m.annotations && Object.prototype.hasOwnProperty.call(m.annotations, ann))) return `CAPI Cluster lacks the onboard annotation ${ann}`;
    const mismatch = selector.firstMismatch(m.labels);
    if (mismatch) return mismatch;
    if (m.deleting) return 'being deleted';
    if (!m.ready) return notReady(m);
    return undefined;
  }

  private setReason(si: SetInternal, id: number, m: SveltosClusterModel): string {
    const name = si.model.name;
    if (si.selectedBits.has(id)) return `set ${name} selects it`; // not reached for non-matching clusters
    if (si.result.observed) return `set ${name} does not select it (status.selectedClusterRefs)`;
    if (si.prunedBits.has(id)) return `set ${name} dropped it: connectionStatus Down`;
    if (si.matchingBits.has(id)) {
      if (si.result.maxReplicas === 0) return `set ${name} has no maxReplicas: it selects no cluster`;
      const chosen = si.result.selectedClusterRefs.map((r) => r.name);
      const shown = chosen.length > 5 ? `${chosen.slice(0, 5).join(', ')} and ${chosen.length - 5} more` : chosen.join(', ');
      return `set ${name} at maxReplicas=${si.result.maxReplicas} chose ${shown || 'none'}`;
    }
    if (si.model.kind === 'Set' && m.namespace !== si.model.namespace) return `not matched by set ${name}: outside namespace ${si.model.namespace}`;
    const spec = si.model.spec ?? {};
    const r = this.selectorReason(si.selector, si.selectorProblem, isEmptySveltosSelector(spec.clusterSelector), m);
    return `not matched by set ${name}: ${r ?? 'not selected'}`;
  }

  private unmatchedReason(p: ProfileInternal, id: number): string {
    const m = this.entries[id].model;
    if (!m) return 'cluster does not exist';
    const prof = p.model;
    if (p.result.paused) return `profile is paused (annotation ${PROFILE_PAUSED_ANNOTATION}): Sveltos does not reconcile it`;
    if (prof.kind === 'Profile' && m.namespace !== prof.namespace) return `outside namespace ${prof.namespace}`;
    const spec = p.spec;
    const emptySel = isEmptySveltosSelector(spec.clusterSelector);
    if (!emptySel) {
      const r = this.selectorReason(p.selector, p.selectorProblem, false, m);
      if (r) return r;
    }
    for (const sk of p.setKeys) {
      const si = this.setByKey.get(sk);
      if (!si) return `set ${sk.split('/').pop()} does not exist`;
      return this.setReason(si, id, m);
    }
    if ((spec.clusterRefs ?? []).length) return 'not listed in clusterRefs';
    if (emptySel) return 'clusterSelector is empty: Sveltos matches no cluster';
    return 'not matched';
  }
}
