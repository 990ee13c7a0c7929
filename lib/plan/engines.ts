// The Karmada and KubeFleet part of the fleet plan: which objects belong to which control plane,
// the members of each engine, and every Karmada-propagated resource template and every KubeFleet
// ClusterResourcePlacement as a workload of the plan (targets, replicas, waves, per-cluster reasons).
//
// Which objects go to which API server. A folder of YAML does not say which file is applied where,
// so objects may carry the annotation plan.cdk-fleet.io/control-plane (`karmada`, `kubefleet`); the
// charts cdk-fleet synthesizes for those control planes stamp it on every object. When any object
// carries it, the Karmada resource templates are exactly the objects marked `karmada`. Without it
// (hand-written YAML) every object outside the fleet APIs (OCM, Sveltos, KubeFleet, the SIG
// inventory, Karmada itself) is a template, as for a folder applied to a Karmada API server.
//
// Karmada members. Karmada creates its Cluster objects at registration (`karmadactl join`), so they
// are not in the YAML: they come from FleetPlanInput.karmadaClusters (FleetApp passes the declared
// karmada.Cluster models), from the annotation plan.cdk-fleet.io/karmada-members (a JSON list of
// Cluster objects, which FleetApp writes so `cdk-fleet plan` on the YAML sees the same members),
// from Cluster objects in the input, and from the inventory (a real control plane's Clusters win).
import { apiGroupOf as groupOf } from '../core/kinds';
import { Order } from '../core/order';
import { KARMADA_SKIP_AUTO_PROPAGATION_LABEL } from '../core/plan-annotations';
import { PercentOrAbsolute } from '../core/values';
import { digestOf } from './digest';
import { PlanAnnotations } from './format';
import { subjectOf } from './rules/subjects';
import { karmadaStateFromObjects, KARMADA_CLUSTER_GROUP, KARMADA_POLICY_GROUP, planKarmadaState } from './karmada';
import type { KarmadaPlan, KarmadaScheduleResult } from './karmada';
import { FLEET_CLUSTER_GROUP, FLEET_PLACEMENT_GROUP, kubeFleetStateFromObjects, planKubeFleetState } from './kubefleet';
import type { FleetPlacementPlan, FleetUpdateRunResult, KubeFleetPlan } from './kubefleet';
import type { NotSelected, Obj, PlanWarning } from './types';

/** The engines besides OCM and Sveltos that the plan simulates. @internal */
export const KARMADA = 'karmada';
/** @internal */
export const KUBEFLEET = 'kubefleet';
const ENGINE_NAMES: Record<string, string> = { [KARMADA]: 'Karmada', [KUBEFLEET]: 'KubeFleet' };

/** A workload of an engine before its rollout steps are known. @internal */
export interface EngineWorkload {
  readonly id: string;
  readonly kind: string;
  readonly engine: string;
  readonly placements: string[];
  readonly rollout: string;
  readonly targets: string[];
  readonly waves: { wave: number; label: string; clusters: readonly string[]; maxConcurrency?: number }[];
  readonly isAddOn: false;
  readonly digest: string;
  readonly replicas?: Record<string, number>;
}

/** A cluster as an engine knows it. @internal */
export interface EngineMember {
  readonly name: string;
  readonly engines: string[];
  readonly labels: Record<string, string>;
  readonly taints: string[];
}

/** What the engine simulators computed, for assembly and the rules. @internal */
export interface EnginesPlan {
  /** The Karmada plan, when the input holds Karmada objects or members. */
  readonly karmada?: KarmadaPlan;
  /** The KubeFleet plan, when the input holds KubeFleet objects. */
  readonly kubefleet?: KubeFleetPlan;
  /** Engine members by name. */
  readonly members: ReadonlyMap<string, EngineMember>;
  /** Karmada templates and KubeFleet placements as workloads, sorted by id. */
  readonly workloads: readonly EngineWorkload[];
  /** Why a workload does not land on a cluster: workload id → cluster → reason. */
  readonly reasons: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** What the simulators could not evaluate exactly, and warnings recorded on the objects. */
  readonly warnings: readonly PlanWarning[];
  /** What the plan assumes about the engines. */
  readonly assumptions: readonly string[];
  /** Karmada templates no policy claims (subjects), when the templates are known. */
  readonly unclaimed: readonly string[];
  /** True when the Karmada templates are known (marked objects, or a folder of Karmada objects only). */
  readonly karmadaTemplatesKnown: boolean;
  /** True when the KubeFleet hub's resources are known (objects marked `kubefleet`). */
  readonly kubefleetResourcesKnown: boolean;
  /** Per ClusterResourcePlacement name: how many hub resources its selectors match. */
  readonly placementResources: ReadonlyMap<string, number>;
  /** Per ClusterResourcePlacement name: the update run the plan follows, when External. */
  readonly drivingRuns: ReadonlyMap<string, FleetUpdateRunResult>;
}

/** Inputs of {@link planEngines}. @internal */
export interface EnginesInput {
  /** The hub objects (flattened). */
  readonly objects: readonly Obj[];
  /** The inventory objects (flattened). */
  readonly inventory: readonly Obj[];
  /** Karmada member Clusters declared in code. */
  readonly karmadaClusters?: readonly unknown[];
  /** The plan's clock, when it has one. */
  readonly now?: string;
}

const isKarmadaApi = (o: Obj) => groupOf(o.apiVersion).endsWith('karmada.io');
const isFleetApi = (o: Obj) => groupOf(o.apiVersion).endsWith('kubernetes-fleet.io');
/** API groups of the fleet's own control planes: never resource templates of another engine. */
const FLEET_GROUPS = /(^|\.)(open-cluster-management\.io|projectsveltos\.io|kubernetes-fleet\.io|karmada\.io)$|^multicluster\.x-k8s\.io$/;
const isControlPlaneApi = (o: Obj) => FLEET_GROUPS.test(groupOf(o.apiVersion));
const controlPlaneOf = (o: Obj): string | undefined => {
  const v = o.metadata?.annotations?.[PlanAnnotations.CONTROL_PLANE];
  return typeof v === 'string' ? v.trim() : undefined;
};

/** True when `objects` hold anything the engine simulators plan (policies, placements, members). @internal */
export function hasEngineObjects(objects: readonly Obj[]): boolean {
  return objects.some((o) => (groupOf(o.apiVersion) === KARMADA_POLICY_GROUP && (o.kind === 'PropagationPolicy' || o.kind === 'ClusterPropagationPolicy'))
    || (groupOf(o.apiVersion) === KARMADA_CLUSTER_GROUP && o.kind === 'Cluster')
    || (groupOf(o.apiVersion) === FLEET_PLACEMENT_GROUP && o.kind === 'ClusterResourcePlacement')
    || (groupOf(o.apiVersion) === FLEET_CLUSTER_GROUP && o.kind === 'MemberCluster'));
}

/** Runs the Karmada and KubeFleet simulators on the objects that belong to them. @internal */
export function planEngines(input: EnginesInput): EnginesPlan {
  const { objects, inventory } = input;
  const warnings: PlanWarning[] = [];
  const assumptions: string[] = [];
  const members = new Map<string, EngineMember>();
  const workloads: EngineWorkload[] = [];
  const reasons = new Map<string, Map<string, string>>();
  const marked = objects.some((o) => controlPlaneOf(o) !== undefined);

  // Warnings recorded on objects (constructs that render the nearest faithful form of an intent).
  for (const o of objects) {
    const w = o.metadata?.annotations?.[PlanAnnotations.WARNING];
    if (typeof w !== 'string') continue;
    for (const line of w.split('\n').map((l) => l.trim()).filter(Boolean)) warnings.push({ subject: subjectOf(o), message: line });
  }

  // --- Karmada.
  const karmadaClusters = karmadaMembers(objects, inventory, input.karmadaClusters ?? [], warnings);
  const policies = objects.filter((o) => groupOf(o.apiVersion) === KARMADA_POLICY_GROUP && (o.kind === 'PropagationPolicy' || o.kind === 'ClusterPropagationPolicy'));
  const onlyKarmada = !objects.some((o) => isControlPlaneApi(o) && !isKarmadaApi(o));
  const templates = objects.filter((o) => !isKarmadaApi(o) && (marked ? controlPlaneOf(o) === KARMADA : !isControlPlaneApi(o)));
  let karmada: KarmadaPlan | undefined;
  const unclaimed: string[] = [];
  const karmadaTemplatesKnown = policies.length > 0 && (marked || onlyKarmada);
  if (policies.length > 0 || karmadaClusters.length > 0) {
    const state = karmadaStateFromObjects([...karmadaClusters, ...policies, ...templates]);
    karmada = planKarmadaState(state);
    for (const c of state.clusters) {
      addMember(members, c.name, KARMADA, c.labels, (c.taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`));
    }
    const byTemplate = new Map(templates.map((t) => [templateKey(t), t]));
    for (const p of karmada.policies) {
      const policyId = `${p.schedule.kind} ${p.schedule.namespace ? `${p.schedule.namespace}/` : ''}${p.schedule.name}`;
      if (p.schedule.undetermined) warnings.push({ subject: policyId, message: p.schedule.undetermined });
      for (const r of p.resources) {
        const id = `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
        const s = r.schedule;
        const targets = s.selected.map((t) => t.cluster).sort(Order.strings);
        const replicas: Record<string, number> = {};
        for (const t of s.selected) if (t.replicas !== undefined) replicas[t.cluster] = t.replicas;
        for (const w of s.warnings) warnings.push({ subject: id, message: w });
        if (s.undetermined && r.schedule.replicas !== undefined && s.undetermined !== p.schedule.undetermined) warnings.push({ subject: id, message: s.undetermined });
        const why = new Map<string, string>();
        const targetSet = new Set(targets);
        for (const c of state.clusters) {
          if (targetSet.has(c.name)) continue;
          why.set(c.name, s.notSelected[c.name] ?? (s.undetermined ? `passes every filter, but whether it is picked is decided at run time: ${s.undetermined}` : s.error ? `scheduling fails: ${s.error}` : 'not selected'));
        }
        reasons.set(id, why);
        const template = byTemplate.get(`${r.kind}|${r.namespace ?? ''}|${r.name}`);
        workloads.push({
          id,
          kind: r.kind,
          engine: KARMADA,
          placements: [policyId],
          rollout: `all at once (Karmada propagation; ${replicaStrategy(s)})`,
          targets,
          waves: targets.length ? [{ wave: 1, label: 'all at once', clusters: targets }] : [],
          isAddOn: false,
          digest: digestOf(template ? contentOf(template) : { kind: r.kind, name: r.name }),
          ...(Object.keys(replicas).length ? { replicas } : {}),
        });
      }
    }
    if (karmadaTemplatesKnown) {
      const byKey = new Map(templates.map((t) => [`${t.kind}/${t.metadata?.namespace ? `${t.metadata.namespace}/` : ''}${t.metadata?.name}`, t]));
      for (const u of karmada.unclaimed) {
        const t = byKey.get(u);
        // Namespaces reach every member through Karmada's namespace sync controller
        // (pkg/controllers/namespace/namespace_sync_controller.go), claimed or not, unless labelled
        // to skip it (pkg/apis/policy/v1alpha1 NamespaceSkipAutoPropagationLabel).
        if (!t || (t.kind === 'Namespace' && t.metadata?.labels?.[KARMADA_SKIP_AUTO_PROPAGATION_LABEL] !== 'true')) continue;
        unclaimed.push(subjectOf(t));
      }
    }
    assumptions.push('Karmada: member Clusters are as declared (labels, provider, region, zones, taints; registered with karmadactl, so not in the YAML), every member serves every API, and no ResourceBinding exists yet (first scheduling)');
  }

  // --- KubeFleet.
  const fleetObjects = kubeFleetObjects(objects, inventory);
  let kubefleet: KubeFleetPlan | undefined;
  const placementResources = new Map<string, number>();
  const drivingRuns = new Map<string, FleetUpdateRunResult>();
  const hubResources = objects.filter((o) => !isFleetApi(o) && (marked ? controlPlaneOf(o) === KUBEFLEET : !isControlPlaneApi(o)));
  const kubefleetResourcesKnown = marked && hubResources.length > 0;
  if (fleetObjects.length > 0) {
    const state = kubeFleetStateFromObjects(fleetObjects);
    kubefleet = planKubeFleetState(state, input.now !== undefined ? { now: input.now } : {});
    for (const c of state.clusters) addMember(members, c.name, KUBEFLEET, { ...c.labels }, (c.taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`));
    const specOf = new Map(state.placements.map((p) => [p.name, p.spec]));
    for (const p of kubefleet.placements) {
      const w = fleetWorkload(p, specOf.get(p.schedule.name) ?? {}, hubResources, state.clusters.map((c) => c.name), warnings);
      workloads.push(w.workload);
      reasons.set(w.workload.id, w.reasons);
      placementResources.set(p.schedule.name, w.resources);
      if (w.run) drivingRuns.set(p.schedule.name, w.run);
    }
    // The simulator names every MemberCluster without status: a count reads better at fleet scale.
    assumptions.push(...kubefleet.assumptions.map((a) => `KubeFleet: ${a.replace(/^MemberClusters without status are assumed joined and healthy: (.*)$/, (_, names: string) => `every MemberCluster without status (${names.split(', ').length}) is assumed joined and healthy`)}`));
    assumptions.push('KubeFleet: no ClusterResourceBinding exists yet (first scheduling); a staged update run updates its stages in order once its state is Run');
  }

  workloads.sort(Order.by((w) => w.id));
  warnings.sort((a, b) => Order.strings(a.subject, b.subject) || Order.strings(a.message, b.message));
  return {
    karmada, kubefleet, members, workloads, reasons, warnings, assumptions,
    unclaimed: unclaimed.sort(Order.strings), karmadaTemplatesKnown, kubefleetResourcesKnown, placementResources, drivingRuns,
  };
}

/** Why `workload` does not land on `cluster` (an engine workload the cluster does not get). @internal */
export function engineReason(plan: EnginesPlan, workload: EngineWorkload, cluster: string): string {
  const r = plan.reasons.get(workload.id)?.get(cluster);
  if (r) return r;
  return plan.members.get(cluster)?.engines.includes(workload.engine)
    ? 'not selected'
    : `is not a ${ENGINE_NAMES[workload.engine]} member cluster (no ${workload.engine === KARMADA ? 'Cluster' : 'MemberCluster'} of that name)`;
}

/** Per cluster, the engine workloads that do not land on it, with the first reason, sorted by workload. @internal */
export function notPlacedBy(plan: EnginesPlan, cluster: string): NotSelected[] {
  let delivered = DELIVERED.get(plan);
  if (!delivered) {
    delivered = new Map(plan.workloads.map((w) => [w.id, new Set(w.waves.flatMap((x) => x.clusters))]));
    DELIVERED.set(plan, delivered);
  }
  const out: NotSelected[] = [];
  for (const w of plan.workloads) {
    if (delivered.get(w.id)!.has(cluster)) continue;
    out.push({ subject: w.id, reason: engineReason(plan, w, cluster) });
  }
  return out;
}

/** Per plan, the clusters each engine workload lands on (a wave delivers it), for linear per-cluster reasons. */
const DELIVERED = new WeakMap<EnginesPlan, Map<string, Set<string>>>();

function addMember(members: Map<string, EngineMember>, name: string, engine: string, labels: Readonly<Record<string, string>>, taints: string[]): void {
  const m = members.get(name);
  if (!m) {
    members.set(name, { name, engines: [engine], labels: { ...labels }, taints: [...taints] });
    return;
  }
  if (!m.engines.includes(engine)) m.engines.push(engine);
  m.engines.sort(Order.strings);
  for (const [k, v] of Object.entries(labels)) if (!(k in m.labels)) m.labels[k] = v;
  for (const t of taints) if (!m.taints.includes(t)) m.taints.push(t);
}

/** The member Clusters, by name: annotations, then declared in code, then objects, then the inventory (last wins). */
function karmadaMembers(objects: readonly Obj[], inventory: readonly Obj[], declared: readonly unknown[], warnings: PlanWarning[]): Obj[] {
  const byName = new Map<string, Obj>();
  const isCluster = (o: unknown): o is Obj => !!o && typeof o === 'object' && groupOf((o as Obj).apiVersion) === KARMADA_CLUSTER_GROUP && (o as Obj).kind === 'Cluster' && typeof (o as Obj).metadata?.name === 'string';
  for (const o of objects) {
    const text = o.metadata?.annotations?.[PlanAnnotations.KARMADA_MEMBERS];
    if (typeof text !== 'string') continue;
    let list: unknown;
    try {
      list = JSON.parse(text);
    } catch {
      list = undefined;
    }
    if (!Array.isArray(list) || !list.every(isCluster)) {
      warnings.push({ subject: subjectOf(o), message: `annotation ${PlanAnnotations.KARMADA_MEMBERS} is not a JSON list of cluster.karmada.io Cluster objects, so the plan ignores it` });
      continue;
    }
    for (const c of list) byName.set(c.metadata.name, c);
  }
  for (const c of declared) if (isCluster(c)) byName.set(c.metadata.name, c);
  for (const c of objects) if (isCluster(c)) byName.set(c.metadata.name, c);
  for (const c of inventory) if (isCluster(c)) byName.set(c.metadata.name, c);
  return [...byName.values()].sort(Order.by((c) => c.metadata.name));
}

/** The KubeFleet objects: the hub's placements, strategies and runs, and MemberClusters (the inventory's replace declared ones). */
function kubeFleetObjects(objects: readonly Obj[], inventory: readonly Obj[]): Obj[] {
  const isMember = (o: Obj) => groupOf(o.apiVersion) === FLEET_CLUSTER_GROUP && o.kind === 'MemberCluster';
  const placementKinds = new Set(['ClusterResourcePlacement', 'ClusterStagedUpdateStrategy', 'ClusterStagedUpdateRun']);
  const placements = objects.filter((o) => groupOf(o.apiVersion) === FLEET_PLACEMENT_GROUP && placementKinds.has(o.kind));
  const byName = new Map<string, Obj>();
  for (const o of objects) if (isMember(o)) byName.set(o.metadata?.name, o);
  for (const o of inventory) if (isMember(o)) byName.set(o.metadata?.name, o);
  if (placements.length === 0 && byName.size === 0) return [];
  return [...byName.values(), ...placements];
}

function templateKey(o: Obj): string {
  return `${o.kind}|${o.metadata?.namespace ?? ''}|${o.metadata?.name}`;
}

function replicaStrategy(s: KarmadaScheduleResult): string {
  if (s.replicas === undefined) return 'no replicas';
  switch (s.strategy) {
    case 'Duplicated': return 'every replica on every cluster (Duplicated)';
    case 'StaticWeight': return 'replicas divided by static weight';
    default: return `replicas divided by ${s.strategy} (estimator capacity at run time)`;
  }
}

/** One ClusterResourcePlacement as a workload: targets, waves (stages or one rolling-update wave), reasons. */
function fleetWorkload(p: FleetPlacementPlan, spec: Obj, hubResources: readonly Obj[], memberNames: readonly string[], warnings: PlanWarning[]): { workload: EngineWorkload; reasons: Map<string, string>; resources: number; run?: FleetUpdateRunResult } {
  const s = p.schedule;
  const id = `ClusterResourcePlacement ${s.name}`;
  const targets = [...s.selected].sort(Order.strings);
  const why = new Map<string, string>();
  const selected = new Set(s.selected);
  for (const n of memberNames) if (!selected.has(n)) why.set(n, s.notSelected[n] ?? 'not selected');
  for (const n of s.notFound) warnings.push({ subject: id, message: `PickFixed lists ${n}, which is not a MemberCluster; the placement reports it as not found` });
  const waves: EngineWorkload['waves'] = [];
  let rollout: string;
  let run: FleetUpdateRunResult | undefined;
  if (p.rollout.type === 'External') {
    const runs = p.rollout.updateRuns;
    const running = runs.filter((r) => r.state === 'Run');
    run = (running.length ? running : runs)[(running.length ? running : runs).length - 1];
    if (runs.length > 1) warnings.push({ subject: id, message: `${runs.length} ClusterStagedUpdateRuns name this placement (${runs.map((r) => r.name).join(', ')}); the plan follows ${run!.name}` });
    if (!run) {
      rollout = 'External (no ClusterStagedUpdateRun: nothing rolls out)';
      for (const n of targets) why.set(n, 'selected, but no ClusterStagedUpdateRun rolls the placement out (its strategy is External)');
    } else if (run.error) {
      rollout = `External: ClusterStagedUpdateRun ${run.name} fails to initialize`;
      for (const n of targets) why.set(n, `selected, but ClusterStagedUpdateRun ${run.name} fails to initialize: ${run.error}`);
    } else {
      rollout = `External: ClusterStagedUpdateRun ${run.name} (strategy ${run.strategy}, ${run.stages.length} stage${run.stages.length === 1 ? '' : 's'})`;
      if (run.state !== 'Run') warnings.push({ subject: id, message: `ClusterStagedUpdateRun ${run.name} is in state ${run.state}: it updates no cluster until its state is Run` });
      for (const st of run.stages) {
        if (st.clusters.length === 0) continue;
        const parts = [`${st.maxConcurrency} at a time`, ...(st.approvalBefore ? ['approval before'] : []), ...st.after.map((a) => `then ${a}`)];
        waves.push({ wave: waves.length + 1, label: `stage ${st.name} (${parts.join(', ')})`, clusters: [...st.clusters], maxConcurrency: st.maxConcurrency });
      }
    }
  } else {
    const mu = p.rollout.maxUnavailable ?? '25%';
    const ms = p.rollout.maxSurge ?? '25%';
    rollout = `RollingUpdate (maxUnavailable ${mu}, maxSurge ${ms})`;
    if (targets.length) {
      // maxUnavailable is relative to N for PickN, to the selected clusters otherwise; percentages round up.
      const total = s.placementType === 'PickN' ? s.numberOfClusters ?? targets.length : targets.length;
      let limit = targets.length;
      try {
        limit = Math.max(1, PercentOrAbsolute.parse(mu).resolve(total));
      } catch { /* the CRD rejects other values */ }
      waves.push({ wave: 1, label: `rolling update (maxUnavailable ${mu})`, clusters: targets, ...(limit < targets.length ? { maxConcurrency: limit } : {}) });
    }
  }
  const matched = matchResources(spec, hubResources);
  return {
    workload: {
      id, kind: 'ClusterResourcePlacement', engine: KUBEFLEET, placements: [], rollout, targets, waves, isAddOn: false,
      digest: digestOf(matched.length ? matched.map(contentOf) : { resourceSelectors: spec.resourceSelectors ?? [] }),
    },
    reasons: why,
    resources: matched.length,
    run,
  };
}

/** The hub resources a placement's resource selectors select (a Namespace carries its contents). */
function matchResources(spec: Obj, resources: readonly Obj[]): Obj[] {
  const selectors: Obj[] = Array.isArray(spec.resourceSelectors) ? spec.resourceSelectors : [];
  const selects = (sel: Obj, o: Obj): boolean => {
    const group = groupOf(o.apiVersion);
    const version = typeof o.apiVersion === 'string' ? o.apiVersion.slice(o.apiVersion.lastIndexOf('/') + 1) : '';
    if ((sel.group ?? '') !== group || sel.version !== version || sel.kind !== o.kind) return false;
    if (sel.name) return sel.name === o.metadata?.name;
    const ml: Record<string, string> = sel.labelSelector?.matchLabels ?? {};
    const labels: Record<string, string> = o.metadata?.labels ?? {};
    return Object.entries(ml).every(([k, v]) => labels[k] === v);
  };
  const namespaceSelectors = selectors.filter((s) => (s.group ?? '') === '' && s.kind === 'Namespace');
  const scoped = namespaceSelectors.find((s) => s.selectionScope === 'NamespaceWithResourceSelectors');
  const out: Obj[] = [];
  const namespaces = new Map<string, string>();
  for (const o of resources) {
    if (o.kind !== 'Namespace' || groupOf(o.apiVersion) !== '') continue;
    const sel = namespaceSelectors.find((s) => selects(s, o));
    if (sel) namespaces.set(o.metadata?.name, sel.selectionScope ?? 'NamespaceWithResources');
  }
  for (const o of resources) {
    const ns = o.metadata?.namespace;
    if (!ns) {
      if (o.kind === 'Namespace' ? namespaces.has(o.metadata?.name) : selectors.some((s) => selects(s, o))) out.push(o);
      continue;
    }
    const scope = namespaces.get(ns);
    if (scope === 'NamespaceWithResources') out.push(o);
    else if (scope === 'NamespaceWithResourceSelectors' && scoped && selectors.some((s) => s !== scoped && selects(s, o))) out.push(o);
  }
  return out.sort(Order.by(subjectOf));
}

/** What an object delivers: everything but its status and the plan's own annotations. */
function contentOf(o: Obj): Obj {
  const { status, metadata, ...rest } = o;
  return { ...rest, metadata: { name: metadata?.name, namespace: metadata?.namespace, labels: metadata?.labels ?? {} } };
}

