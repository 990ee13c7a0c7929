// Plan assembly: workloads and their waves, per-cluster reasons, the matrix, assumptions, findings.
import { Order } from '../core/order';
import type { HubCluster, HubState } from './ocm/model';
import { inSet } from './chains';
import { groupOf } from './hub-emulation';
import { evaluateRules, profileLabel, subjectOf } from './rules';
import { ocmWaves } from './waves';
import type { ClusterDelivery, ClusterPlan, FleetPlan, NotSelected, Obj, PlacementPlan, PlanContext, Wave, WorkloadPlan } from './types';

/** Assembles the plan from what the simulators computed. @internal */
export function assemble(ctx: PlanContext, now: string): FleetPlan {
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
  })).sort((a, b) => Order.strings(a.id, b.id));

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
      workloads.push({ id: subjectOf(o), kind: o.kind, placements: (o.spec?.placementRefs ?? []).map((r: Obj) => `${ns}/${r.name}`), rollout: rollouts.join(', ') || 'All', targets: [...targets].sort(Order.strings), waves, isAddOn: false });
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
      const t = [...targets].sort(Order.strings);
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
      const t = o.spec?.disabled ? [] : [...targets].sort(Order.strings);
      workloads.push({ id: subjectOf(o), kind: o.kind, placements: refs, rollout: o.spec?.disabled ? 'disabled' : 'All', targets: t, waves: t.length ? [{ wave: 1, label: 'all', clusters: t }] : [], isAddOn: false });
    }
  }

  // Sveltos profiles.
  const nameOfKey = (key: string) => ctx.clusterOfKey.get(key) ?? key.replace(/^[^:]+:[^/]*\//, '');
  for (const p of selection.profiles) {
    const r = rollout.profile(p.key);
    const targets = p.clusterSummaries.map((s) => nameOfKey(s.clusterKey));
    const waves: Wave[] = (r?.waves ?? []).map((w, i) => ({ wave: i + 1, label: r!.maxUpdate > 0 ? `batch ${i + 1}` : 'all', clusters: w.map((ref) => nameOfKey(selection.clusterKeyForRef(ref))).sort(Order.strings) }));
    const id = p.kind === 'Profile' ? `Profile ${p.namespace}/${p.name}` : `ClusterProfile ${p.name}`;
    const maxUpdate = p.spec.maxUpdate;
    workloads.push({
      id, kind: p.kind, placements: [],
      rollout: maxUpdate !== undefined ? `maxUpdate ${maxUpdate}` : 'All',
      targets: [...new Set(targets)].sort(Order.strings),
      waves: waves.length ? waves : targets.length ? [{ wave: 1, label: 'all', clusters: [...new Set(targets)].sort(Order.strings) }] : [],
      dependsOn: p.prerequisites.map(profileLabel),
      isAddOn: true,
    });
  }
  workloads.sort((a, b) => Order.strings(a.id, b.id));

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
  const names = [...clusterNames].sort(Order.strings);
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
  }).sort((a, b) => Order.strings(a.id, b.id));
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
      profiles: [...profiles].sort(Order.strings),
      notDeployedBy,
      deliveries: (deliveries.get(name) ?? []).sort((a, b) => Order.strings(a.workload, b.workload)),
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
  return hub.clusterSets.filter((s) => inSet(s, c.labels)).map((s) => s.name).sort(Order.strings);
}


function defaultSetsNote(objects: readonly Obj[]): string | undefined {
  return objects.some((o) => o.kind === 'ClusterManager') ? undefined : 'no ClusterManager in the input: DefaultClusterSet assumed on (sets default and global exist)';
}
