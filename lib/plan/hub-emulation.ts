// Hub emulation: what the hub's controllers do to the objects before any placement is scheduled
// (a real hub's ManagedClusters replace declared ones, the taint controller adds unreachable /
// unavailable taints, the DefaultClusterSet webhook labels unlabelled clusters into `default`,
// declared claims are attached), then the scheduler runs on every Placement.
import { fail } from '../core/errors';
import { hubStateFromObjects, HubCluster, HubState, PlacementInput } from './ocm/model';
import { prepareHubState, scheduleAll, PlacementScheduleResult } from './ocm/placement';
import type { FleetPlanInput, Obj } from './types';

/** The taint the hub puts on clusters whose Available condition is missing or Unknown. */
export const UNREACHABLE_TAINT = 'cluster.open-cluster-management.io/unreachable';
const UNAVAILABLE = 'cluster.open-cluster-management.io/unavailable';
export const CLUSTERSET_LABEL = 'cluster.open-cluster-management.io/clusterset';
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

export const groupOf = (apiVersion: string | undefined) => (apiVersion && apiVersion.includes('/') ? apiVersion.split('/')[0] : '');

/** The available condition of a ManagedCluster from a real hub: 'True', 'False' or undefined (missing/Unknown). */
function availableStatus(o: Obj): string | undefined {
  const c = (o.status?.conditions ?? []).find((x: Obj) => x.type === 'ManagedClusterConditionAvailable');
  return c && (c.status === 'True' || c.status === 'False') ? c.status : undefined;
}

/** What the hub emulation produced: the objects, the OCM hub state and every placement's schedule. @internal */
export interface EmulatedHub {
  readonly objects: Obj[];
  readonly inventoryGiven: boolean;
  readonly declaredNames: ReadonlySet<string>;
  readonly hub: HubState;
  readonly now: string;
  readonly placements: Map<string, PlacementScheduleResult>;
}

/** Emulates the hub's controllers on the input and schedules every Placement. @internal */
export function emulateHub(input: FleetPlanInput): EmulatedHub {
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
  return { objects, inventoryGiven, declaredNames, hub, now, placements };
}
