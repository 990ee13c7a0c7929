// Hub emulation: what the hub's controllers do to the objects before any placement is scheduled
// (a real hub's ManagedClusters replace declared ones, the taint controller adds unreachable /
// unavailable taints, the DefaultClusterSet webhook labels unlabelled clusters into `default`,
// declared claims are attached), then the scheduler runs on every Placement.
import { apiGroupOf } from '../core/kinds';
import { fail } from '../core/errors';
import { OCM_CLUSTER_SET_LABEL, OCM_UNAVAILABLE_TAINT, OCM_UNREACHABLE_TAINT } from '../core/ocm';
import { PLAN_DECLARED_CLAIMS_ANNOTATION } from '../core/plan-annotations';
import { hubStateFromObjects, HubCluster, HubState, PlacementInput } from './ocm/model';
import { prepareHubState, scheduleAll, PlacementScheduleResult } from './ocm/placement';
import type { FleetPlanInput, Obj } from './types';

/** The taint the hub puts on clusters whose Available condition is missing or Unknown. */
export const UNREACHABLE_TAINT = OCM_UNREACHABLE_TAINT;
const UNAVAILABLE = OCM_UNAVAILABLE_TAINT;
export const CLUSTERSET_LABEL = OCM_CLUSTER_SET_LABEL;
/**
 * Annotation carrying the claims declared in code on a ManagedCluster (JSON name → value), written
 * by FleetApp so `cdk-fleet plan` on the YAML sees what the synth-time plan saw. Claims themselves
 * live on the spoke and are never rendered into the hub object.
 */
export const DECLARED_CLAIMS_ANNOTATION = PLAN_DECLARED_CLAIMS_ANNOTATION;
/** Inventory kinds that carry the real hub's state; other inventory objects only fill gaps. */
const STATUS_KINDS = new Set(['ManagedCluster', 'PlacementDecision', 'AddOnPlacementScore']);
/**
 * The instant a plan without a clock is evaluated at. Its value never reaches the plan: every taint
 * of a declared cluster is stamped with it (the webhook stamps timeAdded on creation), so only
 * durations relative to it matter; a taint without timeAdded counts as added at Go's zero time.
 */
const NO_CLOCK = '2000-01-01T00:00:00Z';
/** Fields that record when the hub observed something (never validUntil: that is a deadline). */
const OBSERVED_AT = new Set(['timeAdded', 'lastTransitionTime', 'creationTimestamp', 'lastHeartbeatTime', 'lastUpdateTime', 'renewTime']);

/** Where the plan's clock came from. @internal */
export interface PlanClock {
  /** The evaluation time (RFC 3339); NO_CLOCK when `source` is `none`. */
  readonly now: string;
  /** `given` (input.now), `inventory` (its newest timestamp) or `none`. */
  readonly source: 'given' | 'inventory' | 'none';
  /** For `inventory`: which object and field held the newest timestamp. */
  readonly from?: string;
}

/** The newest observation timestamp in `objects` (taint timeAdded, condition lastTransitionTime, ...). @internal */
export function newestTimestamp(objects: readonly Obj[]): { time: string; from: string } | undefined {
  let best: { ms: number; from: string } | undefined;
  const visit = (v: unknown, field: string, owner: string): void => {
    if (Array.isArray(v)) { for (const x of v) visit(x, field, owner); return; }
    if (v && typeof v === 'object') { for (const [k, x] of Object.entries(v)) visit(x, k, owner); return; }
    if (typeof v !== 'string' || !OBSERVED_AT.has(field)) return;
    const ms = Date.parse(v);
    if (Number.isNaN(ms)) return;
    if (!best || ms > best.ms) best = { ms, from: `${owner} ${field}` };
  };
  for (const o of objects) visit(o, '', `${o.kind} ${o.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata?.name}`);
  return best && { time: new Date(best.ms).toISOString().replace('.000Z', 'Z'), from: best.from };
}

/** Stamps every taint with `time`, as the ManagedCluster webhook does when the cluster is created. */
function stampTaints(o: Obj, time: string): Obj {
  const taints = o.spec?.taints;
  if (!Array.isArray(taints) || taints.length === 0) return o;
  return { ...o, spec: { ...o.spec, taints: taints.map((t: Obj) => ({ ...t, timeAdded: time })) } };
}

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

/** The API group of an apiVersion. */
export const groupOf = apiGroupOf;

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
  readonly clock: PlanClock;
  readonly placements: Map<string, PlacementScheduleResult>;
  /** Hub-wide warnings of the scheduler's prepared state (copied into every placement's warnings). */
  readonly hubWarnings: readonly string[];
  /**
   * SveltosClusters of the inventory (a real hub's `kubectl get sveltosclusters -A -o yaml`): they override
   * declared and predicted ones of the same namespace/name, as inventory ManagedClusters do (chains.ts).
   */
  readonly inventorySveltosClusters: readonly Obj[];
}

/** Emulates the hub's controllers on the input and schedules every Placement. @internal */
export function emulateHub(input: FleetPlanInput): EmulatedHub {
  const objects = flattenObjects(input.objects);
  const inventory = flattenObjects(input.inventory ?? []);
  const inventoryGiven = input.inventory !== undefined;
  // The clock: the given time, else the newest observation in the inventory (and status objects),
  // else none. Declared clusters new to the hub get every taint stamped at that time, so
  // tolerationSeconds count from when the plan is applied.
  const observed = newestTimestamp([...inventory, ...objects.filter((o) => STATUS_KINDS.has(o.kind) && o.kind !== 'ManagedCluster')]);
  const clock: PlanClock = input.now !== undefined ? { now: input.now, source: 'given' }
    : observed ? { now: observed.time, source: 'inventory', from: observed.from } : { now: NO_CLOCK, source: 'none' };
  const now = clock.now;

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
        merged.push(stampTaints({ ...o, spec: { ...(o.spec ?? {}), taints } }, now));
        continue;
      }
      merged.push(stampTaints(o, now));
      continue;
    }
    merged.push(o);
  }
  for (const o of real.values()) {
    // The hub's taint controller: Available missing/Unknown → unreachable, False → unavailable.
    const status = availableStatus(o);
    const taints = [...(o.spec?.taints ?? [])];
    const want = status === 'True' ? undefined : status === 'False' ? UNAVAILABLE : UNREACHABLE_TAINT;
    // Added when the condition changed, if the inventory says when.
    const since = (o.status?.conditions ?? []).find((x: Obj) => x.type === 'ManagedClusterConditionAvailable')?.lastTransitionTime;
    if (want && !taints.some((t: Obj) => t.key === want)) taints.push({ key: want, effect: 'NoSelect', ...(since ? { timeAdded: since } : {}) });
    merged.push({ ...o, spec: { ...(o.spec ?? {}), taints } });
  }
  const key = (o: Obj) => `${o.kind}|${o.metadata?.namespace ?? ''}|${o.metadata?.name}`;
  const declaredKeys = new Set(objects.map(key));
  // SveltosClusters of the inventory carry the hub's readiness and connection status; the registration
  // chains (chains.ts) let them override declared and predicted ones.
  const inventorySveltosClusters = inventory.filter((o) => o.kind === 'SveltosCluster' && groupOf(o.apiVersion) === 'lib.projectsveltos.io');
  for (const o of inventory) {
    if (o.kind === 'ManagedCluster' || (o.kind === 'SveltosCluster' && groupOf(o.apiVersion) === 'lib.projectsveltos.io')) continue;
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
  const prepared = prepareHubState(hub, now);
  const placementInputs: PlacementInput[] = [...(hub.placements ?? [])];
  const results = scheduleAll(prepared, placementInputs);
  const placements = new Map<string, PlacementScheduleResult>();
  for (const r of results) placements.set(`${r.namespace}/${r.name}`, r);
  const hubWarnings = inventoryGiven && real.size === 0 && declaredNames.size > 0
    ? [...prepared.warnings, `the inventory holds no ManagedCluster, so every declared cluster is planned as not joined yet (the hub taints it unreachable); give the output of kubectl get managedclusters -o yaml from the hub`]
    : prepared.warnings;
  return { objects, inventoryGiven, declaredNames, hub, clock, placements, hubWarnings, inventorySveltosClusters };
}
