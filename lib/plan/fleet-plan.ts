// The fleet plan: for every cluster, which placements and profiles select it, which works and
// add-ons land on it, in which rollout wave, and why every other one does not. Pure TypeScript:
// it reads Kubernetes objects (our synthesized YAML, hand-written YAML, `kubectl get -o yaml`
// lists) and runs the engine simulators on them.
import { fail } from '../core/errors';
import { hubStateFromObjects, HubCluster, HubState, PlacementInput } from './ocm/model';
import { prepareHubState, scheduleAll, PlacementScheduleResult } from './ocm/placement';
import { sveltosStateFromObjects, sveltosClusterFromInventoryClusterProfile, SveltosClusterModel, SveltosState, profileKey } from './sveltos/model';
import { planSveltosRollout, SveltosRolloutPlan } from './sveltos/rollout';
import { simulateSveltosSelection, SveltosSelection } from './sveltos/selection';
import { evaluateRules, Finding, ACK_ANNOTATION_PREFIX } from './rules';

type Obj = Record<string, any>;

/** Inputs of {@link buildFleetPlan}. */
export interface FleetPlanInput {
  /** The hub objects: what `cdk8s synth` wrote, or hand-written OCM / Sveltos YAML. */
  readonly objects: readonly unknown[];
  /**
   * Objects of a real hub (`kubectl get managedclusters -o yaml`, ...). Their ManagedClusters replace
   * declared ones of the same name, including status: claims, allocatable, conditions.
   * @default - none: declared clusters are assumed to have joined and be Available
   */
  readonly inventory?: readonly unknown[];
  /**
   * Cluster claims declared in code (they live on the spoke, so they are not in the YAML).
   * @default - none
   */
  readonly claims?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /**
   * The evaluation time for tolerationSeconds (RFC 3339).
   * @default '1970-01-01T00:00:00Z' when no inventory is given (no taint has a time then); the real clock otherwise
   */
  readonly now?: string;
}

/** One placement or profile that does not select a cluster, with the first reason. */
export interface NotSelected {
  /** `Placement ns/name` or `ClusterProfile name` / `Profile ns/name`. */
  readonly subject: string;
  /** The first reason, as a sentence. */
  readonly reason: string;
}

/** Where a workload or add-on lands on a cluster. */
export interface ClusterDelivery {
  /** The workload (`ManifestWorkReplicaSet ns/name`, `ClusterProfile name`, ...). */
  readonly workload: string;
  /** The rollout wave (1-based), in the workload's own order. */
  readonly wave: number;
  /** The wave's label (`canary`, `group 1`, `batch 2`, ...). */
  readonly waveLabel: string;
}

/** The plan of one cluster. */
export interface ClusterPlan {
  /** Cluster name. */
  readonly name: string;
  /** Labels. */
  readonly labels: Readonly<Record<string, string>>;
  /** Claims. */
  readonly claims: Readonly<Record<string, string>>;
  /** Taints as `key=value:Effect`. */
  readonly taints: readonly string[];
  /** Cluster sets it belongs to. */
  readonly clusterSets: readonly string[];
  /** Placements selecting it, with the decision group. */
  readonly placements: readonly { readonly placement: string; readonly group: string }[];
  /** Placements not selecting it, with the first reason. */
  readonly notSelectedBy: readonly NotSelected[];
  /** Sveltos profiles deploying to it. */
  readonly profiles: readonly string[];
  /** Sveltos profiles not deploying to it, with the first reason. */
  readonly notDeployedBy: readonly NotSelected[];
  /** Works and add-ons landing on it, with their wave. */
  readonly deliveries: readonly ClusterDelivery[];
  /** Sveltos dependsOn order on this cluster: profiles per stage, first stage first. */
  readonly dependsOnOrder: readonly (readonly string[])[];
}

/** The plan of one placement. */
export interface PlacementPlan {
  /** `ns/name`. */
  readonly id: string;
  /** Selected clusters in scheduler order. */
  readonly selected: readonly string[];
  /** Decision groups in index order. */
  readonly groups: readonly { readonly index: number; readonly name: string; readonly clusters: readonly string[]; readonly decisions: readonly string[] }[];
  /** PlacementSatisfied reason. */
  readonly satisfied?: string;
  /** Set when the scheduler would mark it Misconfigured. */
  readonly misconfigured?: string;
  /** numberOfClusters − selected. */
  readonly unscheduled: number;
}

/** One rollout wave. */
export interface Wave {
  /** 1-based wave number. */
  readonly wave: number;
  /** What the wave is (`mandatory group canary`, `group 1`, `batch 2`, `all`). */
  readonly label: string;
  /** Clusters updated in the wave, sorted. */
  readonly clusters: readonly string[];
}

/** The plan of one workload (ManifestWorkReplicaSet, ManifestWork, OCM add-on, policy, Sveltos profile). */
export interface WorkloadPlan {
  /** `Kind ns/name` or `Kind name`. */
  readonly id: string;
  /** Kind. */
  readonly kind: string;
  /** Placements (OCM) it follows. */
  readonly placements: readonly string[];
  /** The rollout strategy type (`All`, `Progressive`, `ProgressivePerGroup`, `maxUpdate 30%`, `single cluster`). */
  readonly rollout: string;
  /** Every target cluster, sorted. */
  readonly targets: readonly string[];
  /** Rollout waves in order. */
  readonly waves: readonly Wave[];
  /** Sveltos profiles this one depends on. */
  readonly dependsOn?: readonly string[];
  /** True for add-ons (OCM ClusterManagementAddOn, Sveltos profiles) — the matrix columns. */
  readonly isAddOn: boolean;
}

/** The fleet plan. */
export interface FleetPlan {
  /** Format version. */
  readonly version: 1;
  /** What the plan assumes about the hub. */
  readonly assumptions: readonly string[];
  /** Per cluster, sorted by name. */
  readonly clusters: readonly ClusterPlan[];
  /** Per placement, sorted by id. */
  readonly placements: readonly PlacementPlan[];
  /** Per workload, sorted by id. */
  readonly workloads: readonly WorkloadPlan[];
  /** The cluster × add-on matrix: add-on ids (columns) and, per cluster, the wave in which it gets each (0 = not at all). */
  readonly matrix: { readonly addons: readonly string[]; readonly rows: readonly { readonly cluster: string; readonly waves: readonly number[] }[] };
  /** Rule pack findings, sorted by id then subject. */
  readonly findings: readonly Finding[];
}

/** What a plan was built from, for rules and explanations. @internal */
export interface PlanContext {
  readonly objects: readonly Obj[];
  readonly hub: HubState;
  readonly placements: ReadonlyMap<string, PlacementScheduleResult>;
  readonly sveltos: SveltosState;
  readonly selection: SveltosSelection;
  readonly rollout: SveltosRolloutPlan;
  /** Sveltos cluster key → ManagedCluster name (or the SveltosCluster name when there is none). */
  readonly clusterOfKey: ReadonlyMap<string, string>;
  readonly inventoryGiven: boolean;
  readonly newClusters: ReadonlySet<string>;
}

const UNREACHABLE = 'cluster.open-cluster-management.io/unreachable';
const UNAVAILABLE = 'cluster.open-cluster-management.io/unavailable';
const EPOCH = '1970-01-01T00:00:00Z';

/** Flattens `kind: List` documents and drops empty YAML documents. */
export function flattenObjects(objects: readonly unknown[]): Obj[] {
  const out: Obj[] = [];
  const visit = (o: unknown): void => {
    if (Array.isArray(o)) return o.forEach(visit);
    if (!o || typeof o !== 'object') return;
    const x = o as Obj;
    if (typeof x.kind === 'string' && x.kind.endsWith('List') && Array.isArray(x.items)) return x.items.forEach(visit);
    out.push(x);
  };
  visit(objects);
  return out;
}

const groupOf = (apiVersion: string | undefined) => (apiVersion && apiVersion.includes('/') ? apiVersion.split('/')[0] : '');
const idOf = (o: Obj) => `${o.kind} ${o.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata?.name}`;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The available condition of a ManagedCluster from a real hub: 'True', 'False' or undefined (missing/Unknown). */
function availableStatus(o: Obj): string | undefined {
  const c = (o.status?.conditions ?? []).find((x: Obj) => x.type === 'ManagedClusterConditionAvailable');
  return c && (c.status === 'True' || c.status === 'False') ? c.status : undefined;
}

/**
 * Builds the fleet plan: runs the OCM placement scheduler on every Placement, the Sveltos
 * selection and rollout simulators on every profile through the registration chains present in
 * the objects, derives rollout waves for every workload, and evaluates the rule pack.
 */
export function buildFleetPlan(input: FleetPlanInput): { plan: FleetPlan; context: PlanContext } {
  const objects = flattenObjects(input.objects);
  const inventory = flattenObjects(input.inventory ?? []);
  const inventoryGiven = input.inventory !== undefined;

  // --- OCM: the declared ManagedClusters, replaced by the real hub's when an inventory is given.
  const real = new Map<string, Obj>();
  for (const o of inventory) if (o.kind === 'ManagedCluster' && groupOf(o.apiVersion) === 'cluster.open-cluster-management.io') real.set(o.metadata?.name, o);
  const merged: Obj[] = [];
  const declaredNames = new Set<string>();
  for (const o of objects) {
    if (o.kind === 'ManagedCluster' && groupOf(o.apiVersion) === 'cluster.open-cluster-management.io') {
      declaredNames.add(o.metadata?.name);
      if (real.has(o.metadata?.name)) continue;
      if (inventoryGiven) {
        // Not on the hub yet: it joins without an Available condition, so the hub taints it unreachable.
        const taints = [...(o.spec?.taints ?? [])];
        if (!taints.some((t: Obj) => t.key === UNREACHABLE)) taints.push({ key: UNREACHABLE, effect: 'NoSelect' });
        merged.push({ ...o, spec: { ...(o.spec ?? {}), taints } });
        continue;
      }
    }
    merged.push(o);
  }
  const newClusters = new Set<string>();
  if (inventoryGiven) for (const n of declaredNames) if (!real.has(n)) newClusters.add(n);
  for (const o of real.values()) {
    // The hub's taint controller: Available missing/Unknown → unreachable, False → unavailable.
    const status = availableStatus(o);
    const taints = [...(o.spec?.taints ?? [])];
    const want = status === 'True' ? undefined : status === 'False' ? UNAVAILABLE : UNREACHABLE;
    if (want && !taints.some((t: Obj) => t.key === want)) taints.push({ key: want, effect: 'NoSelect' });
    merged.push({ ...o, spec: { ...(o.spec ?? {}), taints } });
  }
  for (const o of inventory) if (!(o.kind === 'ManagedCluster')) merged.push(o);

  let hub = hubStateFromObjects(merged);
  // DefaultClusterSet (on unless a ClusterManager disables it): the hub keeps `default` and `global`.
  const managers = objects.filter((o) => o.kind === 'ClusterManager');
  const defaultSets = managers.length > 0 && !managers.some((m) => (m.spec?.registrationConfiguration?.featureGates ?? []).some((g: Obj) => g.feature === 'DefaultClusterSet' && g.mode === 'Disable'));
  if (defaultSets) {
    const extra = [
      { name: 'default', selectorType: 'ExclusiveClusterSetLabel' },
      { name: 'global', selectorType: 'LabelSelector', labelSelector: {} },
    ].filter((d) => !hub.clusterSets.some((x) => x.name === d.name));
    hub = { ...hub, clusterSets: [...hub.clusterSets, ...extra] };
  }
  if (input.claims) {
    hub = {
      ...hub,
      clusters: hub.clusters.map((c): HubCluster => {
        const declared = input.claims![c.name];
        if (!declared || real.has(c.name)) return c;
        return { ...c, claims: { ...declared, ...c.claims }, object: undefined };
      }),
    };
  }
  const now = input.now ?? (inventoryGiven ? new Date().toISOString() : EPOCH);
  const prepared = prepareHubState(hub, now);
  const placementInputs: PlacementInput[] = [...(hub.placements ?? [])];
  const results = scheduleAll(prepared, placementInputs);
  const placements = new Map<string, PlacementScheduleResult>();
  for (const r of results) placements.set(`${r.namespace}/${r.name}`, r);

  // --- Sveltos: profiles, sets and clusters through the registration chains in the objects.
  const sveltosDirect = sveltosStateFromObjects(objects as Obj[]);
  const clusterOfKey = new Map<string, string>();
  const sveltosClusters: SveltosClusterModel[] = [];
  const seenKeys = new Set<string>();
  const addSveltosCluster = (c: SveltosClusterModel, managedCluster: string) => {
    const key = `${c.kind === 'Cluster' ? 'Capi' : 'Sveltos'}:${c.namespace}/${c.name}`;
    if (seenKeys.has(key)) return;
    seenKeys.add(key);
    sveltosClusters.push(c);
    clusterOfKey.set(key, managedCluster);
  };
  // Direct: SveltosClusters in the YAML (assumed ready: the plan looks ahead of the controllers).
  for (const c of sveltosDirect.clusters) addSveltosCluster({ ...c, ready: c.ready || !inventoryGiven || declaredNames.has(c.name) }, c.name);
  // SIG inventory: OCM writes one ClusterProfile per cluster in every namespace with a binding
  // (ClusterProfile gate on); clusterinventory-controller turns each into a SveltosCluster.
  for (const cp of inventoryClusterProfiles(objects, hub)) {
    addSveltosCluster(sveltosClusterFromInventoryClusterProfile(cp, true), cp.metadata.name);
  }
  // sveltos-ocm-addon: one SveltosCluster per selected ManagedCluster, labels copied.
  for (const c of ocmAddonClusters(objects, hub, placements)) addSveltosCluster(c, c.name);
  const sveltos: SveltosState = { ...sveltosDirect, clusters: sveltosClusters };
  const selection = simulateSveltosSelection(sveltos);
  const rollout = planSveltosRollout(selection);

  const context: PlanContext = { objects, hub, placements, sveltos, selection, rollout, clusterOfKey, inventoryGiven, newClusters };
  const plan = assemble(context, input, now);
  return { plan, context };
}

/** The inventory ClusterProfiles the hub will hold: pre-created ones plus those OCM writes, with OCM's labels merged in. */
function inventoryClusterProfiles(objects: readonly Obj[], hub: HubState): Obj[] {
  const gate = objects.some((o) => o.kind === 'ClusterManager' && (o.spec?.registrationConfiguration?.featureGates ?? []).some((g: Obj) => g.feature === 'ClusterProfile' && g.mode === 'Enable'));
  const precreated = new Map<string, Obj>();
  for (const o of objects) {
    if (o.kind === 'ClusterProfile' && groupOf(o.apiVersion) === 'multicluster.x-k8s.io') precreated.set(`${o.metadata?.namespace}/${o.metadata?.name}`, o);
  }
  if (!gate) return [...precreated.values()];
  const byName = new Map(hub.clusters.map((c) => [c.name, c]));
  const sets = new Map(hub.clusterSets.map((s) => [s.name, s]));
  const out = new Map<string, Obj>(precreated);
  const namespaces = [...new Set(hub.bindings.map((b) => b.namespace))].sort();
  for (const ns of namespaces) {
    const members = new Set<string>();
    for (const b of hub.bindings.filter((x) => x.namespace === ns)) {
      const set = sets.get(b.clusterSet);
      if (!set) continue;
      for (const c of hub.clusters) {
        if (c.deleting) continue;
        const sel = (set as any).selectorType === 'LabelSelector' ? (set as any).labelSelector : undefined;
        const member = (set as any).selectorType === 'LabelSelector' ? matchesSelector(sel, c.labels) : c.labels['cluster.open-cluster-management.io/clusterset'] === set.name;
        if (member) members.add(c.name);
      }
    }
    for (const name of members) {
      const key = `${ns}/${name}`;
      const c = byName.get(name)!;
      const pre = precreated.get(key);
      const labels: Record<string, string> = {
        ...(pre?.metadata?.labels ?? {}),
        'x-k8s.io/cluster-manager': 'open-cluster-management',
        'open-cluster-management.io/cluster-name': name,
      };
      const set = c.labels['cluster.open-cluster-management.io/clusterset'];
      if (set) labels['multicluster.x-k8s.io/clusterset'] = set;
      out.set(key, { ...(pre ?? { apiVersion: 'multicluster.x-k8s.io/v1alpha1', kind: 'ClusterProfile', spec: { displayName: name } }), metadata: { ...(pre?.metadata ?? {}), name, namespace: ns, labels } });
    }
  }
  return [...out.values()].sort((a, b) => cmp(`${a.metadata.namespace}/${a.metadata.name}`, `${b.metadata.namespace}/${b.metadata.name}`));
}

function matchesSelector(sel: Obj | undefined, labels: Readonly<Record<string, string>>): boolean {
  for (const [k, v] of Object.entries(sel?.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of sel?.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    if (e.operator === 'In' && !(has && (e.values ?? []).includes(labels[e.key]))) return false;
    if (e.operator === 'NotIn' && has && (e.values ?? []).includes(labels[e.key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** SveltosClusters the sveltos-ocm-addon creates: one per cluster its placement selects, ManagedCluster labels copied. */
function ocmAddonClusters(objects: readonly Obj[], hub: HubState, placements: ReadonlyMap<string, PlacementScheduleResult>): SveltosClusterModel[] {
  const out: SveltosClusterModel[] = [];
  const byName = new Map(hub.clusters.map((c) => [c.name, c]));
  for (const o of objects) {
    if (o.kind !== 'SveltosOCMCluster') continue;
    const ns = o.metadata?.namespace ?? '';
    const refs: string[] = [];
    const pr = o.spec?.placementRef;
    if (pr?.name) refs.push(`${pr.namespace ?? ns}/${pr.name}`);
    const names = new Set<string>();
    for (const r of refs) for (const c of placements.get(r)?.selected ?? []) names.add(c);
    if (refs.length === 0) for (const c of hub.clusters) names.add(c.name);
    const sveltosNs = o.spec?.sveltosNamespace ?? 'projectsveltos';
    const syncLabels = o.spec?.syncLabels ?? true;
    for (const name of [...names].sort()) {
      const c = byName.get(name);
      out.push({ kind: 'SveltosCluster', apiVersion: 'lib.projectsveltos.io/v1beta1', namespace: sveltosNs, name, labels: syncLabels ? { ...(c?.labels ?? {}) } : {}, ready: true, paused: false });
    }
  }
  return out;
}

/** Rollout waves of one placement's clusters under an OCM rolloutStrategy (MWRS semantics unless `addon`). */
export function ocmWaves(result: PlacementScheduleResult, strategy: Obj | undefined, options: { addon?: boolean; clustersPerDecisionGroup?: number | string } = {}): { rollout: string; waves: Wave[] } {
  const type: string = strategy?.type ?? 'All';
  const selected = [...result.selected].sort(cmp);
  if (selected.length === 0) return { rollout: type, waves: [] };
  const waves: Wave[] = [];
  const push = (label: string, clusters: readonly string[]) => {
    if (clusters.length > 0) waves.push({ wave: waves.length + 1, label, clusters: [...clusters].sort(cmp) });
  };
  if (type === 'All') {
    push('all', selected);
    return { rollout: 'All', waves };
  }
  const body: Obj = (type === 'Progressive' ? strategy?.progressive : strategy?.progressivePerGroup) ?? {};
  const done = new Set<string>();
  for (const m of body.mandatoryDecisionGroups ?? []) {
    const groups = result.groups.filter((g) => (m.groupName !== undefined && m.groupName !== '' ? g.name === m.groupName : g.index === m.groupIndex));
    for (const g of groups) {
      const clusters = g.clusters.filter((c) => !done.has(c));
      clusters.forEach((c) => done.add(c));
      push(`mandatory group ${g.name || `#${g.index}`}`, clusters);
    }
  }
  if (type === 'ProgressivePerGroup') {
    for (const g of result.groups) {
      const clusters = g.clusters.filter((c) => !done.has(c));
      clusters.forEach((c) => done.add(c));
      push(g.name ? `group ${g.name}` : `group #${g.index}`, clusters);
    }
    return { rollout: 'ProgressivePerGroup', waves };
  }
  const rest = selected.filter((c) => !done.has(c));
  let size = rest.length;
  const mc = body.maxConcurrency ?? (options.addon ? options.clustersPerDecisionGroup : undefined);
  if (mc !== undefined) {
    const text = String(mc);
    size = text.endsWith('%') ? Math.ceil((Number(text.slice(0, -1)) * selected.length) / 100) : Number(text);
    if (!(size > 0)) size = rest.length;
  }
  for (let i = 0, b = 1; i < rest.length; i += size, b++) push(`batch ${b}`, rest.slice(i, i + size));
  return { rollout: `Progressive${mc !== undefined ? ` (maxConcurrency ${mc})` : ''}`, waves };
}

function assemble(ctx: PlanContext, input: FleetPlanInput, now: string): FleetPlan {
  const { objects, hub, placements, selection, rollout } = ctx;
  const clusterNames = new Set(hub.clusters.map((c) => c.name));
  for (const name of ctx.clusterOfKey.values()) clusterNames.add(name);
  const workloads: WorkloadPlan[] = [];

  const placementPlans: PlacementPlan[] = [...placements.values()].map((r) => ({
    id: `${r.namespace}/${r.name}`,
    selected: [...r.selected],
    groups: r.groups.map((g) => ({ index: g.index, name: g.name, clusters: [...g.clusters], decisions: [...g.decisionNames] })),
    ...(r.satisfied ? { satisfied: r.satisfied.reason } : {}),
    ...(r.misconfigured ? { misconfigured: r.misconfiguredMessage ?? 'Misconfigured' } : {}),
    unscheduled: r.unscheduled,
  })).sort((a, b) => cmp(a.id, b.id));

  const placementOf = (ns: string, name: string) => placements.get(`${ns}/${name}`);
  for (const o of objects) {
    const ns = o.metadata?.namespace ?? '';
    if (o.kind === 'ManifestWorkReplicaSet') {
      const waves: Wave[] = [];
      const targets = new Set<string>();
      const rollouts: string[] = [];
      for (const ref of o.spec?.placementRefs ?? []) {
        const r = placementOf(ns, ref.name);
        if (!r) continue;
        const w = ocmWaves(r, ref.rolloutStrategy);
        rollouts.push(w.rollout);
        for (const wave of w.waves) {
          waves.push({ wave: waves.length + 1, label: `${ref.name}: ${wave.label}`, clusters: wave.clusters });
          wave.clusters.forEach((c) => targets.add(c));
        }
      }
      workloads.push({ id: idOf(o), kind: o.kind, placements: (o.spec?.placementRefs ?? []).map((r: Obj) => `${ns}/${r.name}`), rollout: rollouts.join(', ') || 'All', targets: [...targets].sort(cmp), waves, isAddOn: false });
    } else if (o.kind === 'ManifestWork' && groupOf(o.apiVersion) === 'work.open-cluster-management.io') {
      workloads.push({ id: idOf(o), kind: o.kind, placements: [], rollout: 'single cluster', targets: [ns], waves: [{ wave: 1, label: 'single cluster', clusters: [ns] }], isAddOn: false });
    } else if (o.kind === 'ClusterManagementAddOn') {
      const strategy = o.spec?.installStrategy ?? { type: 'Manual' };
      const targets = new Set<string>();
      const waves: Wave[] = [];
      const refs: string[] = [];
      if (strategy.type === 'Placements') {
        for (const p of strategy.placements ?? []) {
          const r = placementOf(p.namespace, p.name);
          refs.push(`${p.namespace}/${p.name}`);
          if (!r) continue;
          const spec = hub.placements?.find((x) => x.namespace === p.namespace && x.name === p.name)?.spec;
          const w = ocmWaves(r, p.rolloutStrategy, { addon: true, clustersPerDecisionGroup: spec?.decisionStrategy?.groupStrategy?.clustersPerDecisionGroup });
          for (const wave of w.waves) {
            const fresh = wave.clusters.filter((c) => !targets.has(c));
            fresh.forEach((c) => targets.add(c));
            if (fresh.length) waves.push({ wave: waves.length + 1, label: `${p.name}: ${wave.label}`, clusters: fresh });
          }
        }
      } else {
        for (const m of objects) {
          if (m.kind === 'ManagedClusterAddOn' && m.metadata?.name === o.metadata?.name) targets.add(m.metadata.namespace);
        }
        if (targets.size) waves.push({ wave: 1, label: 'manual', clusters: [...targets].sort(cmp) });
      }
      workloads.push({ id: idOf(o), kind: o.kind, placements: refs, rollout: strategy.type === 'Placements' ? 'Placements' : 'Manual', targets: [...targets].sort(cmp), waves, isAddOn: true });
    } else if (o.kind === 'Policy' && groupOf(o.apiVersion) === 'policy.open-cluster-management.io') {
      const targets = new Set<string>();
      const refs: string[] = [];
      for (const b of objects) {
        if (b.kind !== 'PlacementBinding' || b.metadata?.namespace !== ns) continue;
        if (!(b.subjects ?? []).some((s: Obj) => s.kind === 'Policy' && s.name === o.metadata?.name)) continue;
        if (b.subFilter === 'restricted') continue;
        refs.push(`${ns}/${b.placementRef?.name}`);
        for (const c of placementOf(ns, b.placementRef?.name)?.selected ?? []) targets.add(c);
      }
      const t = [...targets].sort(cmp);
      workloads.push({ id: idOf(o), kind: o.kind, placements: refs, rollout: o.spec?.disabled ? 'disabled' : 'All', targets: o.spec?.disabled ? [] : t, waves: o.spec?.disabled || !t.length ? [] : [{ wave: 1, label: 'all', clusters: t }], isAddOn: false });
    }
  }

  // Sveltos profiles.
  const nameOfKey = (key: string) => ctx.clusterOfKey.get(key) ?? key.replace(/^[^:]+:[^/]*\//, '');
  for (const p of selection.profiles) {
    const r = rollout.profile(p.key);
    const targets = p.clusterSummaries.map((s) => nameOfKey(s.clusterKey));
    const waves: Wave[] = (r?.waves ?? []).map((w, i) => ({ wave: i + 1, label: r!.maxUpdate > 0 ? `batch ${i + 1}` : 'all', clusters: w.map((ref) => nameOfKey(selection.clusterKeyForRef(ref))).sort(cmp) }));
    const id = p.kind === 'Profile' ? `Profile ${p.namespace}/${p.name}` : `ClusterProfile ${p.name}`;
    const maxUpdate = p.spec.maxUpdate;
    workloads.push({
      id, kind: p.kind, placements: [],
      rollout: maxUpdate !== undefined ? `maxUpdate ${maxUpdate}` : 'All',
      targets: [...new Set(targets)].sort(cmp),
      waves: waves.length ? waves : targets.length ? [{ wave: 1, label: 'all', clusters: [...new Set(targets)].sort(cmp) }] : [],
      dependsOn: p.prerequisites.map(profileLabel),
      isAddOn: true,
    });
  }
  workloads.sort((a, b) => cmp(a.id, b.id));

  // Per cluster.
  const deliveries = new Map<string, ClusterDelivery[]>();
  for (const w of workloads) {
    for (const wave of w.waves) {
      for (const c of wave.clusters) {
        if (!deliveries.has(c)) deliveries.set(c, []);
        deliveries.get(c)!.push({ workload: w.id, wave: wave.wave, waveLabel: wave.label });
      }
    }
  }
  const hubByName = new Map(hub.clusters.map((c) => [c.name, c]));
  const keysOfCluster = new Map<string, string[]>();
  // A spoke may have several SveltosClusters (OCM writes an inventory ClusterProfile per bound
  // namespace); the one carrying the most labels is the fleet's own, used for explanations.
  const primaryKey = (keys: string[]) => keys.reduce((best, k) => (Object.keys(selection.cluster(k)?.labels ?? {}).length > Object.keys(selection.cluster(best)?.labels ?? {}).length ? k : best), keys[0]);
  for (const [key, name] of ctx.clusterOfKey) {
    if (!keysOfCluster.has(name)) keysOfCluster.set(name, []);
    keysOfCluster.get(name)!.push(key);
  }
  // Per placement, once: its id and each selected cluster's decision group (linear in decisions).
  const sortedPlacements = [...placements.values()].map((r) => {
    const groupOfCluster = new Map<string, string>();
    for (const g of r.groups) for (const cl of g.clusters) groupOfCluster.set(cl, g.name || `#${g.index}`);
    for (const cl of r.selected) if (!groupOfCluster.has(cl)) groupOfCluster.set(cl, '');
    const id = `${r.namespace}/${r.name}`;
    return { id, subject: `Placement ${id}`, reasons: r.notSelected, groupOfCluster };
  }).sort((a, b) => cmp(a.id, b.id));
  const clusters: ClusterPlan[] = [...clusterNames].sort(cmp).map((name) => {
    const c = hubByName.get(name);
    const selectedBy: { placement: string; group: string }[] = [];
    const notSelectedBy: NotSelected[] = [];
    for (const { id, subject, reasons, groupOfCluster } of sortedPlacements) {
      const g = groupOfCluster.get(name);
      if (g !== undefined) selectedBy.push({ placement: id, group: g });
      else if (c) notSelectedBy.push({ subject, reason: reasons[name] ?? 'not selected' });
    }
    const keys = keysOfCluster.get(name) ?? [];
    const profiles = new Set<string>();
    for (const k of keys) for (const p of selection.profilesWithClusterSummary(k)) profiles.add(profileLabel(p.key));
    const notDeployedBy: NotSelected[] = [];
    for (const p of selection.profiles) {
      const label = profileLabel(p.key);
      if (profiles.has(label)) continue;
      if (keys.length === 0) {
        notDeployedBy.push({ subject: label, reason: 'the cluster is not registered with Sveltos (no SveltosCluster through any registration chain)' });
        continue;
      }
      notDeployedBy.push({ subject: label, reason: selection.explain(p.key, primaryKey(keys)).reason ?? 'not selected' });
    }
    const order = keys.length ? rollout.clusterOrder(primaryKey(keys)).map((s) => s.profiles.map(profileLabel)) : [];
    return {
      name,
      labels: { ...(c?.labels ?? {}) },
      claims: { ...(c?.claims ?? {}) },
      taints: (c?.taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`),
      clusterSets: clusterSetsOf(hub, c),
      placements: selectedBy,
      notSelectedBy,
      profiles: [...profiles].sort(cmp),
      notDeployedBy,
      deliveries: (deliveries.get(name) ?? []).sort((a, b) => cmp(a.workload, b.workload)),
      dependsOnOrder: order,
    };
  });

  const addons = workloads.filter((w) => w.isAddOn).map((w) => w.id);
  const matrix = {
    addons,
    rows: clusters.map((c) => {
      const wave = new Map<string, number>();
      for (const d of c.deliveries) if (!wave.has(d.workload)) wave.set(d.workload, d.wave);
      return { cluster: c.name, waves: addons.map((a) => wave.get(a) ?? 0) };
    }),
  };
  const assumptions = [
    ctx.inventoryGiven
      ? 'ManagedClusters come from the given inventory where present (status, claims and taints as reported; the hub\'s unreachable/unavailable taints applied from the Available condition); declared clusters missing from it are new and carry the unreachable taint until they report Available'
      : 'every declared cluster has joined and is Available (no automatic unreachable taint); claims are the ones declared in code',
    'no PlacementDecisions exist yet (first scheduling: Balance scores every cluster 100, Steady 0)',
    'every SveltosCluster is ready and healthy',
    `tolerationSeconds evaluated at ${now}`,
  ];
  const partial: Omit<FleetPlan, 'findings'> = { version: 1, assumptions, clusters, placements: placementPlans, workloads, matrix };
  const findings = evaluateRules(partial, ctx, input);
  return { ...partial, findings };
}

function clusterSetsOf(hub: HubState, c: HubCluster | undefined): string[] {
  if (!c) return [];
  return hub.clusterSets.filter((s: any) => (s.selectorType === 'LabelSelector' ? matchesSelector(s.labelSelector, c.labels) : c.labels['cluster.open-cluster-management.io/clusterset'] === s.name)).map((s) => s.name).sort(cmp);
}

/** `ClusterProfile/name` → `ClusterProfile name`; `Profile/ns/name` → `Profile ns/name`. */
export function profileLabel(key: string): string {
  const i = key.indexOf('/');
  return i < 0 ? key : `${key.slice(0, i)} ${key.slice(i + 1)}`;
}

/** Re-exported for renderers and the CLI. */
export { ACK_ANNOTATION_PREFIX, profileKey };

/** Throws when the plan input holds nothing plannable. */
export function assertPlannable(objects: readonly unknown[], what: string): void {
  const flat = flattenObjects(objects);
  const kinds = new Set(['ManagedCluster', 'Placement', 'ManifestWorkReplicaSet', 'ClusterProfile', 'Profile', 'SveltosCluster', 'ManagedClusterSet']);
  if (!flat.some((o) => kinds.has(o.kind))) fail(what, 'holds no ManagedCluster, Placement, ManagedClusterSet, ManifestWorkReplicaSet or Sveltos object to plan');
}
