// Registration chains: how each ManagedCluster becomes one or more SveltosClusters (direct
// SveltosClusters in the YAML, OCM's inventory ClusterProfiles turned into SveltosClusters by the
// clusterinventory-controller, sveltos-ocm-addon), then the Sveltos simulators.
import { Order } from '../core/order';
import { LabelSelector } from '../core/selector';
import { HubState } from './ocm/model';
import { PlacementScheduleResult } from './ocm/placement';
import { CLUSTERSET_LABEL, EmulatedHub, groupOf } from './hub-emulation';
import { sveltosStateFromObjects, sveltosClusterFromInventoryClusterProfile, SveltosClusterModel, SveltosState } from './sveltos/model';
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

/** Registers the hub's clusters with Sveltos through every chain present, then simulates selection and rollout. @internal */
export function registerWithSveltos(emulated: EmulatedHub): SveltosPlanState {
  const { objects, hub, placements, inventoryGiven, declaredNames } = emulated;
  const sveltosDirect = sveltosStateFromObjects(objects as Obj[]);
  const clusterOfKey = new Map<string, string>();
  const viaOfKey = new Map<string, string>();
  const sveltosClusters: SveltosClusterModel[] = [];
  const seenKeys = new Set<string>();
  const addSveltosCluster = (c: SveltosClusterModel, managedCluster: string, via: string) => {
    const key = `${c.kind === 'Cluster' ? 'Capi' : 'Sveltos'}:${c.namespace}/${c.name}`;
    if (seenKeys.has(key)) return;
    seenKeys.add(key);
    sveltosClusters.push(c);
    clusterOfKey.set(key, managedCluster);
    viaOfKey.set(key, via);
  };
  // Direct: SveltosClusters in the YAML (assumed ready: the plan looks ahead of the controllers).
  for (const c of sveltosDirect.clusters) addSveltosCluster({ ...c, ready: c.ready || !inventoryGiven || declaredNames.has(c.name) }, c.name, c.kind === 'Cluster' ? 'declared CAPI Cluster' : 'declared SveltosCluster');
  // SIG inventory: OCM writes one ClusterProfile per cluster in every namespace with a binding
  // (ClusterProfile gate on); clusterinventory-controller turns each into a SveltosCluster.
  for (const { profile: cp, precreated } of inventoryClusterProfiles(objects, hub)) {
    addSveltosCluster(sveltosClusterFromInventoryClusterProfile(cp, true), cp.metadata.name, precreated ? 'registration chain "inventory"' : `OCM ClusterProfile in bound namespace "${cp.metadata.namespace}"`);
  }
  // sveltos-ocm-addon: one SveltosCluster per selected ManagedCluster, labels copied.
  for (const c of ocmAddonClusters(objects, hub, placements)) addSveltosCluster(c, c.name, 'registration chain "sveltos-ocm-addon"');
  const sveltos: SveltosState = { ...sveltosDirect, clusters: sveltosClusters };
  const selection = simulateSveltosSelection(sveltos);
  const rollout = planSveltosRollout(selection);
  return { sveltos, selection, rollout, clusterOfKey, viaOfKey };
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
        'x-k8s.io/cluster-manager': 'open-cluster-management',
        'open-cluster-management.io/cluster-name': name,
      };
      const set = c.labels[CLUSTERSET_LABEL];
      if (set) labels['multicluster.x-k8s.io/clusterset'] = set;
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
