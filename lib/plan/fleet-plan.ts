// The fleet plan: for every cluster, which placements and profiles select it, which works and
// add-ons land on it, in which rollout wave, and why every other one does not. Pure TypeScript:
// it reads Kubernetes objects (our synthesized YAML, hand-written YAML, `kubectl get -o yaml`
// lists) and runs the engine simulators on them.
import { fail } from '../core/errors';
import { LabelSelector } from '../core/selector';
import { hubStateFromObjects, HubCluster, HubState, PlacementInput } from './ocm/model';
import { prepareHubState, scheduleAll, PlacementScheduleResult } from './ocm/placement';
import { sveltosStateFromObjects, sveltosClusterFromInventoryClusterProfile, SveltosClusterModel, SveltosState, profileKey } from './sveltos/model';
import { planSveltosRollout, SveltosRolloutPlan } from './sveltos/rollout';
import { simulateSveltosSelection, SveltosSelection } from './sveltos/selection';
import { evaluateRules, Finding, ACK_ANNOTATION_PREFIX, profileLabel, subjectOf } from './rules';

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
}

/** The taint the hub puts on clusters whose Available condition is missing or Unknown. */
export const UNREACHABLE_TAINT = 'cluster.open-cluster-management.io/unreachable';
const UNAVAILABLE = 'cluster.open-cluster-management.io/unavailable';
const CLUSTERSET_LABEL = 'cluster.open-cluster-management.io/clusterset';
/**
 * Annotation carrying the claims declared in code on a ManagedCluster (JSON name → value), written
 * by FleetApp so `cdk-fleet plan` on the YAML sees what the synth-time plan saw. Claims themselves
 * live on the spoke and are never rendered into the hub object.
 */
export const DECLARED_CLAIMS_ANNOTATION = 'plan.cdk-fleet.io/declared-claims';
/** Inventory kinds that carry the real hub's state; other inventory objects only fill gaps. */
const STATUS_KINDS = new Set(['ManagedCluster', 'PlacementDecision', 'AddOnPlacementScore']);
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
        if (!taints.some((t: Obj) => t.key === UNREACHABLE_TAINT)) taints.push({ key: UNREACHABLE_TAINT, effect: 'NoSelect' });
        merged.push({ ...o, spec: { ...(o.spec ?? {}), taints } });
        continue;
      }
    }
    merged.push(o);
  }
  for (const o of real.values()) {
    // The hub's taint controller: Available missing/Unknown → unreachable, False → unavailable.
    const status = availableStatus(o);
    const taints = [...(o.spec?.taints ?? [])];
    const want = status === 'True' ? undefined : status === 'False' ? UNAVAILABLE : UNREACHABLE_TAINT;
    if (want && !taints.some((t: Obj) => t.key === want)) taints.push({ key: want, effect: 'NoSelect' });
    merged.push({ ...o, spec: { ...(o.spec ?? {}), taints } });
  }
  const key = (o: Obj) => `${o.kind}|${o.metadata?.namespace ?? ''}|${o.metadata?.name}`;
  const declaredKeys = new Set(objects.map(key));
  for (const o of inventory) {
    if (o.kind === 'ManagedCluster') continue;
    if (STATUS_KINDS.has(o.kind) || !declaredKeys.has(key(o))) merged.push(o);
  }

  // DefaultClusterSet (on unless a ClusterManager disables it): the hub keeps `default` and
  // `global`, and its webhook puts every cluster without a clusterset label into `default`.
  const managers = objects.filter((o) => o.kind === 'ClusterManager');
  const defaultSets = !managers.some((m) => (m.spec?.registrationConfiguration?.featureGates ?? []).some((g: Obj) => g.feature === 'DefaultClusterSet' && g.mode === 'Disable'));
  const declaredClaims: Record<string, Record<string, string>> = { ...(input.claims ?? {}) };
  for (let i = 0; i < merged.length; i++) {
    const o = merged[i];
    if (o.kind !== 'ManagedCluster') continue;
    const ann = o.metadata?.annotations?.[DECLARED_CLAIMS_ANNOTATION];
    if (ann && !declaredClaims[o.metadata?.name]) {
      try {
        declaredClaims[o.metadata.name] = JSON.parse(ann);
      } catch {
        fail(`ManagedCluster "${o.metadata.name}"`, `annotation ${DECLARED_CLAIMS_ANNOTATION} is not JSON (got ${JSON.stringify(ann).slice(0, 60)})`);
      }
    }
    if (defaultSets && !o.metadata?.labels?.[CLUSTERSET_LABEL]) {
      merged[i] = { ...o, metadata: { ...o.metadata, labels: { ...(o.metadata?.labels ?? {}), [CLUSTERSET_LABEL]: 'default' } } };
    }
  }

  let hub = hubStateFromObjects(merged);
  if (defaultSets) {
    const extra = [
      { name: 'default', selectorType: 'ExclusiveClusterSetLabel' },
      { name: 'global', selectorType: 'LabelSelector', labelSelector: {} },
    ].filter((d) => !hub.clusterSets.some((x) => x.name === d.name));
    hub = { ...hub, clusterSets: [...hub.clusterSets, ...extra] };
  }
  if (Object.keys(declaredClaims).length) {
    hub = {
      ...hub,
      clusters: hub.clusters.map((c): HubCluster => {
        const declared = declaredClaims[c.name];
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

  const context: PlanContext = { objects, hub, placements, sveltos, selection, rollout, clusterOfKey, inventoryGiven };
  const plan = assemble(context, now);
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
        if (inSet(set, c.labels)) members.add(c.name);
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
      const set = c.labels[CLUSTERSET_LABEL];
      if (set) labels['multicluster.x-k8s.io/clusterset'] = set;
      out.set(key, { ...(pre ?? { apiVersion: 'multicluster.x-k8s.io/v1alpha1', kind: 'ClusterProfile', spec: { displayName: name } }), metadata: { ...(pre?.metadata ?? {}), name, namespace: ns, labels } });
    }
  }
  return [...out.values()].sort((a, b) => cmp(`${a.metadata.namespace}/${a.metadata.name}`, `${b.metadata.namespace}/${b.metadata.name}`));
}

/** True when a cluster with `labels` is a member of `set` (ExclusiveClusterSetLabel or LabelSelector). */
function inSet(set: { name: string; selectorType?: string; labelSelector?: any }, labels: Readonly<Record<string, string>>): boolean {
  if (set.selectorType === 'LabelSelector') return set.labelSelector !== undefined && LabelSelector.fromJson(set.labelSelector).matches(labels);
  return labels[CLUSTERSET_LABEL] === set.name;
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

function assemble(ctx: PlanContext, now: string): FleetPlan {
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
  // One pass over the objects: PlacementBindings by the policies they place (PolicySets expanded
  // into their policies), and hand-made ManagedClusterAddOns by add-on name.
  const policySets = new Map<string, string[]>();
  for (const o of objects) if (o.kind === 'PolicySet') policySets.set(`${o.metadata?.namespace}/${o.metadata?.name}`, o.spec?.policies ?? []);
  const policyBindings = new Map<string, Obj[]>();
  const manualAddOns = new Map<string, string[]>();
  for (const o of objects) {
    if (o.kind === 'PlacementBinding') {
      const ns = o.metadata?.namespace;
      for (const sub of o.subjects ?? []) {
        const names = sub.kind === 'PolicySet' ? policySets.get(`${ns}/${sub.name}`) ?? [] : sub.kind === 'Policy' ? [sub.name] : [];
        for (const n of names) {
          const key = `${ns}/${n}`;
          if (!policyBindings.has(key)) policyBindings.set(key, []);
          policyBindings.get(key)!.push(o);
        }
      }
    } else if (o.kind === 'ManagedClusterAddOn') {
      const n = o.metadata?.name;
      if (!manualAddOns.has(n)) manualAddOns.set(n, []);
      manualAddOns.get(n)!.push(o.metadata?.namespace);
    }
  }
  for (const o of objects) {
    const ns = o.metadata?.namespace ?? '';
    if (o.kind === 'ManifestWorkReplicaSet') {
      // Each placementRef rolls out on its own, at the same time as the others: waves are numbered
      // per placement.
      const waves: Wave[] = [];
      const targets = new Set<string>();
      const rollouts: string[] = [];
      for (const ref of o.spec?.placementRefs ?? []) {
        const r = placementOf(ns, ref.name);
        if (!r) continue;
        const w = ocmWaves(r, ref.rolloutStrategy);
        rollouts.push(w.rollout);
        for (const wave of w.waves) {
          waves.push({ wave: wave.wave, label: `${ref.name}: ${wave.label}`, clusters: wave.clusters });
          wave.clusters.forEach((c) => targets.add(c));
        }
      }
      workloads.push({ id: subjectOf(o), kind: o.kind, placements: (o.spec?.placementRefs ?? []).map((r: Obj) => `${ns}/${r.name}`), rollout: rollouts.join(', ') || 'All', targets: [...targets].sort(cmp), waves, isAddOn: false });
    } else if (o.kind === 'ManifestWork' && groupOf(o.apiVersion) === 'work.open-cluster-management.io') {
      workloads.push({ id: subjectOf(o), kind: o.kind, placements: [], rollout: 'single cluster', targets: [ns], waves: [{ wave: 1, label: 'single cluster', clusters: [ns] }], isAddOn: false });
    } else if (o.kind === 'ClusterManagementAddOn') {
      const strategy = o.spec?.installStrategy ?? { type: 'Manual' };
      const self = o.metadata?.annotations?.['addon.open-cluster-management.io/lifecycle'] === 'self';
      const targets = new Set<string>();
      const refs: string[] = [];
      let rollout = 'Manual';
      if (self) {
        rollout = 'lifecycle self (the add-on installs itself; the hub manager does nothing)';
      } else if (strategy.type === 'Placements') {
        // The manager creates the ManagedClusterAddOn on the union of the placements' clusters at
        // once; each cluster takes configs and config rollout from the LAST placement selecting it.
        const owner = new Map<string, string>();
        const strategies: string[] = [];
        for (const p of strategy.placements ?? []) {
          const id = `${p.namespace}/${p.name}`;
          refs.push(id);
          strategies.push(`${p.name}: ${p.rolloutStrategy?.type ?? 'All'}`);
          for (const c of placementOf(p.namespace, p.name)?.selected ?? []) owner.set(c, id);
        }
        for (const c of owner.keys()) targets.add(c);
        rollout = `Placements (configs roll out per placement: ${strategies.join(', ') || 'none'})`;
      } else {
        for (const c of manualAddOns.get(o.metadata?.name) ?? []) targets.add(c);
      }
      const t = [...targets].sort(cmp);
      workloads.push({ id: subjectOf(o), kind: o.kind, placements: refs, rollout, targets: t, waves: t.length ? [{ wave: 1, label: strategy.type === 'Placements' ? 'install' : 'manual', clusters: t }] : [], isAddOn: true });
    } else if (o.kind === 'Policy' && groupOf(o.apiVersion) === 'policy.open-cluster-management.io') {
      const targets = new Set<string>();
      const refs: string[] = [];
      for (const b of policyBindings.get(`${ns}/${o.metadata?.name}`) ?? []) {
        if (b.subFilter === 'restricted') continue;
        const ref = b.placementRef ?? {};
        if (ref.kind !== 'Placement' || (ref.apiGroup ?? 'cluster.open-cluster-management.io') !== 'cluster.open-cluster-management.io') continue;
        refs.push(`${ns}/${ref.name}`);
        for (const c of placementOf(ns, ref.name)?.selected ?? []) targets.add(c);
      }
      const t = o.spec?.disabled ? [] : [...targets].sort(cmp);
      workloads.push({ id: subjectOf(o), kind: o.kind, placements: refs, rollout: o.spec?.disabled ? 'disabled' : 'All', targets: t, waves: t.length ? [{ wave: 1, label: 'all', clusters: t }] : [], isAddOn: false });
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
  // Per placement, once: its id, and per cluster index the decision group (selected) or the
  // reason (not selected). Arrays indexed by cluster keep the clusters × placements loop below
  // free of string-keyed lookups across a thousand different maps (measured: 6x faster).
  const names = [...clusterNames].sort(cmp);
  const indexOf = new Map(names.map((n, i) => [n, i]));
  const sortedPlacements = [...placements.values()].map((r) => {
    const groupAt: (string | undefined)[] = new Array(names.length);
    for (const g of r.groups) for (const cl of g.clusters) groupAt[indexOf.get(cl)!] = g.name || `#${g.index}`;
    for (const cl of r.selected) { const i = indexOf.get(cl)!; if (groupAt[i] === undefined) groupAt[i] = ''; }
    const reasons = r.notSelected;
    const reasonAt: (string | undefined)[] = new Array(names.length);
    for (let i = 0; i < names.length; i++) reasonAt[i] = reasons[names[i]];
    const id = `${r.namespace}/${r.name}`;
    return { id, subject: `Placement ${id}`, groupAt, reasonAt };
  }).sort((a, b) => cmp(a.id, b.id));
  const clusters: ClusterPlan[] = names.map((name, ci) => {
    const c = hubByName.get(name);
    const selectedBy: { placement: string; group: string }[] = [];
    const notSelectedBy: NotSelected[] = [];
    for (const { id, subject, groupAt, reasonAt } of sortedPlacements) {
      const g = groupAt[ci];
      if (g !== undefined) selectedBy.push({ placement: id, group: g });
      else if (c) notSelectedBy.push({ subject, reason: reasonAt[ci] ?? 'not selected' });
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
    ...(defaultSetsNote(objects) ? [defaultSetsNote(objects)!] : []),
    'no PlacementDecisions exist yet (first scheduling: Balance scores every cluster 100, Steady 0)',
    'every SveltosCluster is ready and healthy',
  ];
  if ((hub.placements ?? []).some((p) => (p.spec?.tolerations ?? []).some((t: any) => t.tolerationSeconds !== undefined))) {
    assumptions.push(`tolerationSeconds evaluated at ${now}`);
  }
  const partial: Omit<FleetPlan, 'findings'> = { version: 1, assumptions, clusters, placements: placementPlans, workloads, matrix };
  const findings = evaluateRules(partial, ctx);
  return { ...partial, findings };
}

function clusterSetsOf(hub: HubState, c: HubCluster | undefined): string[] {
  if (!c) return [];
  return hub.clusterSets.filter((s) => inSet(s, c.labels)).map((s) => s.name).sort(cmp);
}


function defaultSetsNote(objects: readonly Obj[]): string | undefined {
  return objects.some((o) => o.kind === 'ClusterManager') ? undefined : 'no ClusterManager in the input: DefaultClusterSet assumed on (sets default and global exist)';
}

/** Re-exported for renderers and the CLI. */
export { ACK_ANNOTATION_PREFIX, profileKey, profileLabel, subjectOf };

/** Throws when the plan input holds nothing plannable. */
export function assertPlannable(objects: readonly unknown[], what: string): void {
  const flat = flattenObjects(objects);
  const kinds = new Set(['ManagedCluster', 'Placement', 'ManifestWorkReplicaSet', 'ClusterProfile', 'Profile', 'SveltosCluster', 'ManagedClusterSet']);
  if (!flat.some((o) => kinds.has(o.kind))) fail(what, 'holds no ManagedCluster, Placement, ManagedClusterSet, ManifestWorkReplicaSet or Sveltos object to plan');
}
