// Registration chains: how each ManagedCluster becomes one or more SveltosClusters (direct
// SveltosClusters in the YAML, OCM's inventory ClusterProfiles turned into SveltosClusters by the
// clusterinventory-controller, sveltos-ocm-addon), then the Sveltos simulators.
import { INVENTORY_CLUSTER_MANAGER_LABEL, INVENTORY_CLUSTER_SET_LABEL, OCM_ADDON_LIFECYCLE_ANNOTATION, OCM_CLUSTER_MANAGER, OCM_CLUSTER_NAME_LABEL } from '../core/ocm';
import { Order } from '../core/order';
import { LabelSelector } from '../core/selector';
import { HubState } from './ocm/model';
import { PlacementScheduleResult } from './ocm/placement';
import { CLUSTERSET_LABEL, EmulatedHub, groupOf } from './hub-emulation';
import {
  clusterModelFromObject, sveltosClusterFromInventoryClusterProfile, sveltosClusterFromManagedCluster, sveltosStateFromObjects,
  SveltosClusterModel, SveltosState,
} from './sveltos/model';
import { planSveltosRollout, SveltosRolloutPlan } from './sveltos/rollout';
import { simulateSveltosSelection, SveltosSelection } from './sveltos/selection';
import type { Obj } from './types';

/** The Sveltos side of the plan. @internal */
export interface SveltosPlanState {
  readonly sveltos: SveltosState;
  readonly selection: SveltosSelection;
  readonly rollout: SveltosRolloutPlan;
  /** Sveltos cluster key → ManagedCluster name (or the SveltosCluster name when there is none). */
  readonly clusterOfKey: Map<string, string>;
  /** Sveltos cluster key → how the SveltosCluster comes to exist (a declared object, a registration chain). */
  readonly viaOfKey: Map<string, string>;
}

/** How a predicted SveltosCluster takes over an inventory one of the same namespace/name. */
type LabelMerge = 'reported' | 'replaced' | 'added';

/**
 * Registers the hub's clusters with Sveltos through every chain present, then simulates selection and rollout.
 * SveltosClusters of the inventory override declared and predicted ones of the same namespace/name (their
 * `status.ready` gates ClusterSummaries, `status.connectionStatus: Down` drops them from ClusterSets), as inventory
 * ManagedClusters override declared ones; when the inventory holds SveltosClusters, one it lacks is new and not ready
 * until sveltoscluster-manager reaches it. Without SveltosClusters in the inventory every one is assumed ready. @internal
 */
export function registerWithSveltos(emulated: EmulatedHub): SveltosPlanState {
  const { objects, hub, placements, inventoryGiven, declaredNames } = emulated;
  const sveltosDirect = sveltosStateFromObjects(objects as Obj[]);
  const clusterOfKey = new Map<string, string>();
  const viaOfKey = new Map<string, string>();
  const sveltosClusters: SveltosClusterModel[] = [];
  const seenKeys = new Set<string>();
  const reported = new Map<string, SveltosClusterModel>();
  for (const o of emulated.inventorySveltosClusters) {
    const m = clusterModelFromObject(o);
    reported.set(`${m.namespace}/${m.name}`, { ...m, observed: true, ...(m.ready ? {} : { notReadyReason: 'status.ready is not true on the hub' }) });
  }
  const sveltosInventory = reported.size > 0;
  const addSveltosCluster = (c: SveltosClusterModel, managedCluster: string, merge: LabelMerge, via: string) => {
    const key = `${c.kind === 'Cluster' ? 'Capi' : 'Sveltos'}:${c.namespace}/${c.name}`;
    if (seenKeys.has(key)) return;
    seenKeys.add(key);
    const real = c.kind === 'SveltosCluster' ? reported.get(`${c.namespace}/${c.name}`) : undefined;
    let model: SveltosClusterModel;
    if (real) {
      // As reported; a bridge rewrites labels on its next reconcile: clusterinventory-controller replaces them,
      // sveltos-ocm-addon adds the ManagedCluster's (never removing one).
      model = merge === 'reported' ? real : { ...real, labels: merge === 'replaced' ? { ...c.labels } : { ...real.labels, ...c.labels } };
    } else if (sveltosInventory && c.kind === 'SveltosCluster') {
      model = { ...c, ready: false, notReadyReason: 'not in the inventory: sveltoscluster-manager has not reached it yet' };
    } else model = c;
    sveltosClusters.push(model);
    clusterOfKey.set(key, managedCluster);
    viaOfKey.set(key, via);
  };
  // Direct: SveltosClusters in the YAML (without an inventory of SveltosClusters: assumed ready, the plan looks
  // ahead of the controllers).
  for (const c of sveltosDirect.clusters) {
    addSveltosCluster(sveltosInventory ? c : { ...c, ready: c.ready || !inventoryGiven || declaredNames.has(c.name) }, c.name, 'reported', c.kind === 'Cluster' ? 'declared CAPI Cluster' : 'declared SveltosCluster');
  }
  // SIG inventory: OCM writes one ClusterProfile per cluster in every namespace with a binding
  // (ClusterProfile gate on); clusterinventory-controller turns each into a SveltosCluster.
  for (const { profile: cp, precreated } of inventoryClusterProfiles(objects, hub)) {
    addSveltosCluster(sveltosClusterFromInventoryClusterProfile(cp, true), cp.metadata.name, 'replaced', precreated ? 'registration chain "inventory"' : `OCM ClusterProfile in bound namespace "${cp.metadata.namespace}"`);
  }
  // sveltos-ocm-addon: one SveltosCluster <c>/<c> per cluster the add-on is installed on, labels copied.
  for (const c of ocmAddonClusters(objects, hub, placements).clusters) addSveltosCluster(c, c.name, 'added', 'registration chain "sveltos-ocm-addon"');
  // SveltosClusters only the hub knows (registered by other means, the management cluster `mgmt`).
  for (const [id, real] of [...reported.entries()].sort(([a], [b]) => Order.strings(a, b))) {
    if (!seenKeys.has(`Sveltos:${id}`)) addSveltosCluster(real, real.name, 'reported', 'SveltosCluster on the hub');
  }
  const sveltos: SveltosState = { ...sveltosDirect, clusters: sveltosClusters };
  const selection = simulateSveltosSelection(sveltos);
  const rollout = planSveltosRollout(selection);
  return { sveltos, selection, rollout, clusterOfKey, viaOfKey };
}

/**
 * What the plan assumes about Sveltos, for its assumptions list: where SveltosCluster readiness comes from, how
 * sveltos-ocm-addon is installed when the input does not say, and what runs ClusterPromotions. @internal
 */
export function sveltosAssumptions(ctx: { readonly objects: readonly Obj[]; readonly sveltos: SveltosState; readonly inventoryGiven: boolean }): string[] {
  const out: string[] = [];
  const observed = ctx.sveltos.clusters.some((c) => c.observed);
  out.push(observed
    ? 'SveltosClusters come from the given inventory where present (labels and status as reported: status.ready gates ClusterSummaries, connectionStatus Down drops them from ClusterSets; sveltos-ocm-addon adds ManagedCluster labels, clusterinventory-controller replaces them); declared or bridge-made ones missing from it are new and not ready until sveltoscluster-manager reaches them'
    : `every SveltosCluster is ready and healthy${ctx.inventoryGiven ? ' (the inventory holds no SveltosCluster; add `kubectl get sveltosclusters -A -o yaml` to it to use their real status.ready and connectionStatus)' : ''}`);
  const addon = ocmAddonInstall(ctx.objects);
  if (addon) out.push(addon);
  if ((ctx.sveltos.promotions ?? []).length > 0) {
    out.push('ClusterPromotion: every stage is reached (the plan is the end state: each stage\'s ClusterProfile <promotion>-<stage> exists, earlier ones kept) and stages are run as the open-source addon-controller did up to v1.13; from v1.14 only a Sveltos Enterprise build runs them (free for two ClusterPromotions)');
  }
  return out;
}

/** The inventory ClusterProfiles the hub will hold: pre-created ones plus those OCM writes, with OCM's labels merged in. */
function inventoryClusterProfiles(objects: readonly Obj[], hub: HubState): { profile: Obj; precreated: boolean }[] {
  const gate = objects.some((o) => o.kind === 'ClusterManager' && (o.spec?.registrationConfiguration?.featureGates ?? []).some((g: Obj) => g.feature === 'ClusterProfile' && g.mode === 'Enable'));
  const precreated = new Map<string, Obj>();
  for (const o of objects) {
    if (o.kind === 'ClusterProfile' && groupOf(o.apiVersion) === 'multicluster.x-k8s.io') precreated.set(`${o.metadata?.namespace}/${o.metadata?.name}`, o);
  }
  if (!gate) return [...precreated.values()].map((profile) => ({ profile, precreated: true }));
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
        [INVENTORY_CLUSTER_MANAGER_LABEL]: OCM_CLUSTER_MANAGER,
        [OCM_CLUSTER_NAME_LABEL]: name,
      };
      const set = c.labels[CLUSTERSET_LABEL];
      if (set) labels[INVENTORY_CLUSTER_SET_LABEL] = set;
      out.set(key, { ...(pre ?? { apiVersion: 'multicluster.x-k8s.io/v1alpha1', kind: 'ClusterProfile', spec: { displayName: name } }), metadata: { ...(pre?.metadata ?? {}), name, namespace: ns, labels } });
    }
  }
  return [...out.entries()].sort(([a], [b]) => Order.strings(a, b)).map(([key, profile]) => ({ profile, precreated: precreated.has(key) }));
}

/** True when a cluster with `labels` is a member of `set` (ExclusiveClusterSetLabel or LabelSelector). */
export function inSet(set: { name: string; selectorType?: string; labelSelector?: any }, labels: Readonly<Record<string, string>>): boolean {
  if (set.selectorType === 'LabelSelector') return set.labelSelector !== undefined && LabelSelector.fromJson(set.labelSelector).matches(labels);
  return labels[CLUSTERSET_LABEL] === set.name;
}

const OCM_ADDON = 'sveltos-ocm-addon';
/** The placement the add-on's own install (`kubectl apply -k config/ocm`, OCMA:config/ocm/placement.yaml) names. */
const OCM_ADDON_DEFAULT_PLACEMENT = 'sveltos-ocm';

function isOcmAddonConfig(o: Obj): boolean {
  return o.kind === 'SveltosOCMCluster' && groupOf(o.apiVersion) === 'sveltos.open-cluster-management.io';
}

function isOcmAddonCma(o: Obj): boolean {
  return o.kind === 'ClusterManagementAddOn' && groupOf(o.apiVersion) === 'addon.open-cluster-management.io' && o.metadata?.name === OCM_ADDON;
}

/** The assumption the plan makes about how sveltos-ocm-addon is installed, when the input does not say. */
function ocmAddonInstall(objects: readonly Obj[]): string | undefined {
  if (!objects.some(isOcmAddonConfig) || objects.some(isOcmAddonCma)) return undefined;
  if (objects.some((o) => o.kind === 'ManagedClusterAddOn' && o.metadata?.name === OCM_ADDON)) return undefined;
  return `sveltos-ocm-addon: the input has no ClusterManagementAddOn ${OCM_ADDON}; it is assumed installed as its config/ocm does, on the clusters of the Placement(s) named ${OCM_ADDON_DEFAULT_PLACEMENT}`;
}

/**
 * SveltosClusters guilhem/sveltos-ocm-addon creates (OCMA:internal/controller/sveltosocmcluster_controller.go): each
 * reconcile of a SveltosOCMCluster lists every ManagedClusterAddOn named `sveltos-ocm-addon` and, for the cluster
 * of its namespace, writes SveltosCluster `<c>/<c>` with the ManagedCluster's labels when `spec.labelSync` (CRD
 * default true; additive) and annotation `sharding.projectsveltos.io/key` when `spec.shard` is set. The
 * ManagedClusterAddOns are the hand-made ones plus those the addon-manager creates from the ClusterManagementAddOn's
 * Placements install strategy (none for lifecycle `self`); with neither in the input, the add-on's own install
 * (config/ocm: Placement `sveltos-ocm`) is assumed, as RegistrationChain.sveltosOcmAddon() declares it. @internal
 */
export function ocmAddonClusters(objects: readonly Obj[], hub: HubState, placements: ReadonlyMap<string, PlacementScheduleResult>): { clusters: SveltosClusterModel[]; installedOn: string[] } {
  const configs = objects.filter(isOcmAddonConfig);
  if (configs.length === 0) return { clusters: [], installedOn: [] };
  const installed = new Set<string>();
  for (const o of objects) {
    if (o.kind === 'ManagedClusterAddOn' && o.metadata?.name === OCM_ADDON && o.metadata?.namespace) installed.add(o.metadata.namespace);
  }
  const cma = objects.find(isOcmAddonCma);
  const fromPlacements = (refs: { namespace: string; name: string }[]) => {
    for (const r of refs) for (const c of placements.get(`${r.namespace}/${r.name}`)?.selected ?? []) installed.add(c);
  };
  if (cma) {
    const self = cma.metadata?.annotations?.[OCM_ADDON_LIFECYCLE_ANNOTATION] === 'self';
    const strategy = cma.spec?.installStrategy ?? { type: 'Manual' };
    if (!self && strategy.type === 'Placements') fromPlacements((strategy.placements ?? []).map((p: Obj) => ({ namespace: p.namespace, name: p.name })));
  } else if (installed.size === 0) {
    fromPlacements([...placements.values()].filter((p) => p.name === OCM_ADDON_DEFAULT_PLACEMENT).map((p) => ({ namespace: p.namespace, name: p.name })));
  }
  // labelSync: each SveltosOCMCluster processes every cluster, and the copy is additive: one with labelSync is enough.
  const labelSync = configs.some((o) => o.spec?.labelSync !== false);
  const shards = [...new Set(configs.map((o) => o.spec?.shard).filter((x): x is string => typeof x === 'string' && x !== ''))];
  const byName = new Map(hub.clusters.map((c) => [c.name, c]));
  const clusters: SveltosClusterModel[] = [];
  // The controller reads ManagedCluster <c> for its labels: a namespace without one registers nothing.
  for (const name of [...installed].sort(Order.strings)) {
    const mc = byName.get(name);
    if (!mc) continue;
    clusters.push(sveltosClusterFromManagedCluster({ name, labels: { ...mc.labels } }, { labelSync, shard: shards.length === 1 ? shards[0] : undefined }).cluster);
  }
  return { clusters, installedOn: [...installed].sort(Order.strings) };
}
