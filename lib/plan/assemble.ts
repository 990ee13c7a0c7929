// Plan assembly: workloads and their waves, the fleet rollout steps across dependsOn, per-cluster
// reasons, library plumbing, the matrix, warnings, assumptions, findings.
import { OCM_ADDON_LIFECYCLE_ANNOTATION } from '../core/ocm';
import { Order } from '../core/order';
import type { HubCluster, HubState } from './ocm/model';
import { inSet, sveltosAssumptions } from './chains';
import { notPlacedBy } from './engines';
import { canonicalJson, digestOf, digestOfText } from './digest';
import { PlanAnnotations, PlanFormat } from './format';
import { groupOf, PlanClock } from './hub-emulation';
import { evaluateRules, profileLabel, subjectOf } from './rules';
import { notSelectedByIndex } from './ocm/scheduler';
import { ocmWaves, workReportsProgressing } from './waves';
import type {
  ChartPlan, ClusterDelivery, ClusterPlan, FleetPlan, MatrixColumn, NotSelected, Obj, PlacementPlan, PlanContext,
  PlanWarning, PlumbingPlan, ProductionDefinition, RolloutStep, SelectedBy, Wave, WorkloadPlan,
} from './types';

/** What assembly needs besides the simulators' results. @internal */
export interface AssembleOptions {
  readonly clock: PlanClock;
  readonly production: ProductionDefinition;
  /** Warnings of the scheduler's prepared state, copied into every placement's warnings. */
  readonly hubWarnings: readonly string[];
}

/** A workload before its rollout steps are known. */
type DraftWorkload = Omit<WorkloadPlan, 'waves'> & { waves: { wave: number; label: string; clusters: readonly string[]; blocked?: string; maxConcurrency?: number }[] };

/** Assembles the plan from what the simulators computed. @internal */
export function assemble(ctx: PlanContext, options: AssembleOptions): FleetPlan {
  const { objects, hub, placements, selection, rollout } = ctx;
  const clusterNames = new Set(hub.clusters.map((c) => c.name));
  for (const name of ctx.clusterOfKey.values()) clusterNames.add(name);
  // Karmada and KubeFleet members are clusters of the same fleet: merged by name.
  for (const name of ctx.engines.members.keys()) clusterNames.add(name);
  const drafts: DraftWorkload[] = [];
  const hubWarnings = new Set(options.hubWarnings);

  const placementPlans: PlacementPlan[] = [...placements.values()].map((r) => {
    const own = [...new Set(r.warnings)].filter((w) => !hubWarnings.has(w));
    return {
      id: `${r.namespace}/${r.name}`,
      selected: [...r.selected],
      groups: r.groups.map((g) => ({ index: g.index, name: g.name, clusters: [...g.clusters], decisions: [...g.decisionNames] })),
      ...(r.satisfied ? { satisfied: r.satisfied.reason } : {}),
      ...(r.misconfigured ? { misconfigured: r.misconfiguredMessage ?? 'Misconfigured' } : {}),
      unscheduled: r.unscheduled,
      ...(own.length ? { warnings: own } : {}),
    };
  }).sort(Order.by((p) => p.id));

  const placementOf = (ns: string, name: string) => placements.get(`${ns}/${name}`);
  // One pass over the objects: PlacementBindings by the policies they place (PolicySets expanded
  // into their policies), hand-made ManagedClusterAddOns by add-on name, ManagedServiceAccounts by
  // cluster namespace, and every object by subject (for digests of what profiles reference).
  const policySets = new Map<string, string[]>();
  for (const o of objects) if (o.kind === 'PolicySet') policySets.set(`${o.metadata?.namespace}/${o.metadata?.name}`, o.spec?.policies ?? []);
  const policyBindings = new Map<string, Obj[]>();
  const manualAddOns = new Map<string, string[]>();
  // Cluster namespaces whose ManagedClusterAddOn (by add-on name) lists its own configs.
  const addOnConfigsIn = new Map<string, Set<string>>();
  const serviceAccounts = new Map<string, Set<string>>();
  const bySubject = new Map<string, Obj>();
  for (const o of objects) {
    bySubject.set(subjectOf(o), o);
    if (o.kind === 'PlacementBinding') {
      const ns = o.metadata?.namespace;
      for (const sub of o.subjects ?? []) {
        const names = sub.kind === 'PolicySet' ? policySets.get(`${ns}/${sub.name}`) ?? [] : sub.kind === 'Policy' ? [sub.name] : [];
        for (const n of names) push(policyBindings, `${ns}/${n}`, o);
      }
    } else if (o.kind === 'ManagedClusterAddOn') {
      push(manualAddOns, o.metadata?.name, o.metadata?.namespace);
      if ((o.spec?.configs ?? []).length > 0) {
        if (!addOnConfigsIn.has(o.metadata?.name)) addOnConfigsIn.set(o.metadata?.name, new Set());
        addOnConfigsIn.get(o.metadata?.name)!.add(o.metadata?.namespace);
      }
    } else if (o.kind === 'ManagedServiceAccount') {
      const ns = o.metadata?.namespace ?? '';
      if (!serviceAccounts.has(ns)) serviceAccounts.set(ns, new Set());
      serviceAccounts.get(ns)!.add(o.metadata?.name);
    }
  }

  const plumbing = new PlumbingCollector();
  for (const o of objects) {
    const ns = o.metadata?.namespace ?? '';
    const purpose = plumbingPurpose(o, serviceAccounts);
    if (purpose) {
      plumbing.add(o, purpose);
      continue;
    }
    if (o.kind === 'ManifestWorkReplicaSet') {
      // Each placementRef rolls out on its own, at the same time as the others: waves are numbered
      // per placement. The controller moves past a wave only when its works report
      // Progressing=False, which the work agent sets only from a condition rule of the template.
      const waves: DraftWorkload['waves'] = [];
      const targets = new Set<string>();
      const rollouts: string[] = [];
      const reportsProgressing = workReportsProgressing(o.spec?.manifestWorkTemplate ?? {});
      for (const ref of o.spec?.placementRefs ?? []) {
        const r = placementOf(ns, ref.name);
        if (!r) continue;
        const w = ocmWaves(r, ref.rolloutStrategy, { reportsProgressing });
        rollouts.push(w.rollout);
        for (const wave of w.waves) {
          waves.push({ wave: wave.wave, label: `${ref.name}: ${wave.label}`, clusters: wave.clusters, ...(wave.blocked ? { blocked: wave.blocked } : {}) });
          if (!wave.blocked) wave.clusters.forEach((c) => targets.add(c));
        }
      }
      drafts.push({ id: subjectOf(o), kind: o.kind, placements: (o.spec?.placementRefs ?? []).map((r: Obj) => `${ns}/${r.name}`), rollout: rollouts.join(', ') || 'All', targets: [...targets].sort(Order.strings), waves, isAddOn: false, digest: digestOf(o.spec?.manifestWorkTemplate ?? {}) });
    } else if (o.kind === 'ManifestWork' && groupOf(o.apiVersion) === 'work.open-cluster-management.io') {
      drafts.push({ id: subjectOf(o), kind: o.kind, placements: [], rollout: 'single cluster', targets: [ns], waves: [{ wave: 1, label: 'single cluster', clusters: [ns] }], isAddOn: false, digest: digestOf(o.spec ?? {}) });
    } else if (o.kind === 'ClusterManagementAddOn') {
      const strategy = o.spec?.installStrategy ?? { type: 'Manual' };
      const self = o.metadata?.annotations?.[OCM_ADDON_LIFECYCLE_ANNOTATION] === 'self';
      const targets = new Set<string>();
      const refs: string[] = [];
      const configWaves: DraftWorkload['waves'] = [];
      let rollout = 'Manual';
      if (self) {
        rollout = 'lifecycle self (the add-on installs itself; the hub manager does nothing)';
      } else if (strategy.type === 'Placements') {
        // The manager creates the ManagedClusterAddOn on the union of the placements' clusters at
        // once (the install wave); each cluster takes configs and config rollout from the LAST
        // placement selecting it (addonconfiguration/graph.go addPlacementNode).
        const owner = new Map<string, string>();
        const strategies: string[] = [];
        for (const p of strategy.placements ?? []) {
          const id = `${p.namespace}/${p.name}`;
          refs.push(id);
          for (const c of placementOf(p.namespace, p.name)?.selected ?? []) owner.set(c, id);
        }
        for (const c of owner.keys()) targets.add(c);
        // Then each placement rolls its configs out over the clusters it configures, with its own
        // rolloutStrategy, at the same time as the others: waves are numbered per placement, and
        // config wave 1 lands with the install. A cluster without any desired config (no default,
        // no placement configs, none on its ManagedClusterAddOn) succeeds at once: nothing rolls
        // out there (graph.go setRolloutStatus).
        const defaults = hasDefaultConfigs(o.spec ?? {});
        const ownConfigs = addOnConfigsIn.get(o.metadata?.name) ?? new Set<string>();
        for (const p of strategy.placements ?? []) {
          const id = `${p.namespace}/${p.name}`;
          const r = placementOf(p.namespace, p.name);
          if (!r) {
            strategies.push(`${p.name}: ${p.rolloutStrategy?.type ?? 'All'}`);
            continue;
          }
          const configured = defaults || (p.configs ?? []).length > 0;
          const updates = new Set(r.selected.filter((c) => owner.get(c) === id && (configured || ownConfigs.has(c))));
          const elsewhere = new Map(r.selected.filter((c) => owner.get(c) !== id).map((c) => [c, owner.get(c)!] as [string, string]));
          const cpdg = (hub.placements ?? []).find((x) => x.namespace === p.namespace && x.name === p.name)?.spec?.decisionStrategy?.groupStrategy?.clustersPerDecisionGroup;
          const w = ocmWaves(r, p.rolloutStrategy, { addon: true, clustersPerDecisionGroup: cpdg, updates, configuredElsewhere: elsewhere });
          strategies.push(`${p.name}: ${w.rollout}`);
          for (const wave of w.waves) configWaves.push({ wave: wave.wave, label: `configs of ${id}: ${wave.label}`, clusters: wave.clusters, ...(wave.blocked ? { blocked: wave.blocked } : {}) });
        }
        rollout = `Placements (configs roll out per placement: ${strategies.join(', ') || 'none'})`;
      } else {
        for (const c of manualAddOns.get(o.metadata?.name) ?? []) targets.add(c);
      }
      const t = [...targets].sort(Order.strings);
      const configs = { supportedConfigs: o.spec?.supportedConfigs ?? [], placementConfigs: (strategy.placements ?? []).map((p: Obj) => p.configs ?? []) };
      const install = t.length ? [{ wave: 1, label: strategy.type === 'Placements' ? 'install' : 'manual', clusters: t }] : [];
      drafts.push({ id: subjectOf(o), kind: o.kind, placements: refs, rollout, targets: t, waves: [...install, ...configWaves], isAddOn: true, digest: digestOf(configs) });
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
      drafts.push({ id: subjectOf(o), kind: o.kind, placements: refs, rollout: o.spec?.disabled ? 'disabled' : 'All', targets: t, waves: t.length ? [{ wave: 1, label: 'all', clusters: t }] : [], isAddOn: false, digest: digestOf(o.spec ?? {}) });
    }
  }

  // Sveltos profiles; a ClusterPromotion's stage ClusterProfiles make up one workload, whose waves are its stages.
  const nameOfKey = (key: string) => ctx.clusterOfKey.get(key) ?? key.replace(/^[^:]+:[^/]*\//, '');
  const stageProfiles = new Set(rollout.promotions.flatMap((pr) => pr.stages.map((st) => st.profile)));
  for (const pr of rollout.promotions) {
    const spec: Obj = bySubject.get(`ClusterPromotion ${pr.name}`)?.spec?.profileSpec ?? ctx.sveltos.promotions?.find((x) => x.name === pr.name)?.profileSpec ?? {};
    const waves = pr.waves.map((w, i) => ({ wave: i + 1, label: w.label, clusters: [...new Set(w.clusterKeys.map(nameOfKey))].sort(Order.strings) }));
    const charts: ChartPlan[] = (spec.helmCharts ?? []).map((h: Obj) => ({ chart: String(h.chartName ?? ''), version: String(h.chartVersion ?? ''), release: `${h.releaseNamespace ?? ''}/${h.releaseName ?? ''}` }));
    drafts.push({
      id: `ClusterPromotion ${pr.name}`, kind: 'ClusterPromotion', placements: [], rollout: `stages ${pr.summary}${spec.maxUpdate !== undefined ? `, maxUpdate ${spec.maxUpdate}` : ''}`,
      targets: [...new Set(waves.flatMap((w) => w.clusters))].sort(Order.strings), waves,
      dependsOn: (spec.dependsOn ?? []).map((d: string) => `ClusterProfile ${d}`), isAddOn: true, ...(charts.length ? { charts } : {}),
      digest: digestOf(profileContent(spec, undefined, bySubject)),
    });
  }
  for (const p of selection.profiles) {
    if (stageProfiles.has(p.key)) continue;
    const r = rollout.profile(p.key);
    const targets = [...new Set(p.clusterSummaries.map((s) => nameOfKey(s.clusterKey)))].sort(Order.strings);
    const waves = (r?.waves ?? []).map((w, i) => ({ wave: i + 1, label: r!.maxUpdate > 0 ? `batch ${i + 1}` : 'all', clusters: w.map((ref) => nameOfKey(selection.clusterKeyForRef(ref))).sort(Order.strings) }));
    const id = p.kind === 'Profile' ? `Profile ${p.namespace}/${p.name}` : `ClusterProfile ${p.name}`;
    const raw = bySubject.get(p.kind === 'Profile' ? `Profile ${p.namespace}/${p.name}` : `ClusterProfile ${p.name}`);
    const spec: Obj = raw?.spec ?? p.spec;
    const maxUpdate = p.spec.maxUpdate;
    const charts: ChartPlan[] = (spec.helmCharts ?? []).map((h: Obj) => ({ chart: String(h.chartName ?? ''), version: String(h.chartVersion ?? ''), release: `${h.releaseNamespace ?? ''}/${h.releaseName ?? ''}` }));
    drafts.push({
      id, kind: p.kind, placements: [],
      rollout: maxUpdate !== undefined ? `maxUpdate ${maxUpdate}` : 'All',
      targets,
      waves: waves.length ? waves : targets.length ? [{ wave: 1, label: 'all', clusters: targets }] : [],
      dependsOn: p.prerequisites.map(profileLabel),
      isAddOn: true,
      ...(charts.length ? { charts } : {}),
      digest: digestOf(profileContent(spec, p.kind === 'Profile' ? p.namespace : undefined, bySubject)),
    });
  }
  // Karmada-propagated resources and KubeFleet placements (engines.ts).
  drafts.push(...ctx.engines.workloads);
  drafts.sort(Order.by((w) => w.id));

  // The fleet rollout steps: a workload reaches a cluster in its own wave, but never before the
  // step after the one in which the cluster gets each of its dependsOn prerequisites.
  const steps = new RolloutSteps(drafts);
  const workloads: WorkloadPlan[] = drafts.map((d) => ({
    ...d,
    waves: d.waves.map((w): Wave => {
      let first = Infinity;
      let last = 0;
      // Without dependsOn, a wave that starts reaches each of its clusters in its own step.
      if (!w.blocked && !steps.dependsOn(d.id)) first = last = w.wave;
      else for (const c of w.clusters) {
        const s = steps.at(d.id, c, w.wave);
        if (s < first) first = s;
        if (s > last) last = s;
      }
      return { wave: w.wave, label: w.label, clusters: w.clusters, firstStep: w.clusters.length ? first : w.wave, lastStep: w.clusters.length ? last : w.wave, ...(w.blocked ? { blocked: w.blocked } : {}), ...(w.maxConcurrency !== undefined ? { maxConcurrency: w.maxConcurrency } : {}) };
    }),
  }));

  // Per cluster.
  const deliveries = new Map<string, ClusterDelivery[]>();
  for (const w of workloads) {
    for (const wave of w.waves) {
      // A wave that never starts delivers nothing.
      if (wave.blocked) continue;
      // Clusters reaching the wave in the same step share one (read-only) record.
      const shared = new Map<number, ClusterDelivery>();
      for (const c of wave.clusters) {
        const step = steps.at(w.id, c, wave.wave);
        const replicas = w.replicas?.[c];
        let d = replicas === undefined ? shared.get(step) : undefined;
        if (d === undefined) {
          d = { workload: w.id, wave: wave.wave, waveLabel: wave.label, step, ...(replicas !== undefined ? { replicas } : {}) };
          if (replicas === undefined) shared.set(step, d);
        }
        push(deliveries, c, d);
      }
    }
  }
  const keysOfCluster = new Map<string, string[]>();
  // A spoke may have several SveltosClusters (OCM writes an inventory ClusterProfile per bound
  // namespace); the one carrying the most labels is the fleet's own, used for explanations.
  const primaryKey = (keys: string[]) => keys.reduce((best, k) => (Object.keys(selection.cluster(k)?.labels ?? {}).length > Object.keys(selection.cluster(best)?.labels ?? {}).length ? k : best), keys[0]);
  for (const [key, name] of ctx.clusterOfKey) push(keysOfCluster, name, key);
  // Per placement, in plan order, straight into every cluster's selectedBy and notSelectedBy:
  // one pass over the clusters per placement, with the placement's decision groups and reasons in
  // arrays indexed by cluster (reused across placements), so the clusters × placements work is a
  // tight loop over local arrays with no per-placement arrays of every cluster left to collect.
  const names = [...clusterNames].sort(Order.strings);
  const indexOf = new Map(names.map((n, i) => [n, i]));
  const hubByName = new Map(hub.clusters.map((c) => [c.name, c]));
  const isHub = names.map((n) => hubByName.has(n));
  // The position in `names` of each of the scheduler's clusters (every placement shares them).
  const positions = new Map<readonly { name: string }[], Int32Array | undefined>();
  const positionsOf = (cs: readonly { name: string }[]): Int32Array | undefined => {
    if (positions.has(cs)) return positions.get(cs);
    let at: Int32Array | undefined = new Int32Array(cs.length);
    for (let j = 0; j < cs.length; j++) {
      const i = indexOf.get(cs[j].name);
      if (i === undefined) { at = undefined; break; }
      at[j] = i;
    }
    positions.set(cs, at);
    return at;
  };
  const sortedPlacements = [...placements.values()].map((r) => ({ r, id: `${r.namespace}/${r.name}` })).sort(Order.by((p) => p.id));
  const selectedByOf: SelectedBy[][] = names.map(() => []);
  // A hub cluster's notSelectedBy has room for every placement, filled up to notSelectedCount and
  // cut to it at the end (cheaper than growing a thousand arrays a placement at a time).
  const room = sortedPlacements.length <= 50_000 ? sortedPlacements.length : 0;
  const notSelectedByOf: NotSelected[][] = isHub.map((h) => (h ? new Array<NotSelected>(room) : []));
  const notSelectedCount = new Int32Array(names.length);
  const groupAt: (string | undefined)[] = new Array(names.length).fill(undefined);
  const reasonAt: (string | undefined)[] = new Array(names.length).fill(undefined);
  for (const { r, id } of sortedPlacements) {
    for (const g of r.groups) for (const cl of g.clusters) groupAt[indexOf.get(cl)!] = g.name || `#${g.index}`;
    for (const cl of r.selected) { const i = indexOf.get(cl)!; if (groupAt[i] === undefined) groupAt[i] = ''; }
    const byIndex = notSelectedByIndex(r);
    const at = byIndex && positionsOf(byIndex.clusters);
    if (byIndex && at) {
      for (let j = 0; j < at.length; j++) reasonAt[at[j]] = byIndex.reasons[j];
    } else {
      const reasons = r.notSelected;
      for (let i = 0; i < names.length; i++) reasonAt[i] = reasons[names[i]];
    }
    // Clusters selected in the same group, or not selected for the same reason, share one
    // (read-only) entry: a thousand clusters × a thousand placements are a million entries, but
    // only as many distinct ones as groups and reasons.
    const subject = `Placement ${id}`;
    const selectedEntries = new Map<string, SelectedBy>();
    const entries = new Map<string, NotSelected>();
    for (let ci = 0; ci < names.length; ci++) {
      const g = groupAt[ci];
      if (g !== undefined) {
        let e = selectedEntries.get(g);
        if (e === undefined) selectedEntries.set(g, (e = { placement: id, group: g }));
        selectedByOf[ci].push(e);
        groupAt[ci] = undefined;
      } else if (isHub[ci]) {
        const reason = reasonAt[ci] ?? 'not selected';
        let e = entries.get(reason);
        if (e === undefined) entries.set(reason, (e = { subject, reason }));
        notSelectedByOf[ci][notSelectedCount[ci]++] = e;
      }
      reasonAt[ci] = undefined;
    }
  }
  for (let ci = 0; ci < names.length; ci++) notSelectedByOf[ci].length = notSelectedCount[ci];
  const productionValues = new Set(options.production.values);
  const profileEntries = new Map<string, Map<string, NotSelected>>();
  const entry = (entries: Map<string, NotSelected>, subject: string, reason: string): NotSelected => {
    let e = entries.get(reason);
    if (e === undefined) {
      e = { subject, reason };
      entries.set(reason, e);
    }
    return e;
  };
  const clusters: ClusterPlan[] = names.map((name, ci) => {
    const c = hubByName.get(name);
    const selectedBy = selectedByOf[ci];
    const notSelectedBy = notSelectedByOf[ci];
    const keys = keysOfCluster.get(name) ?? [];
    const profiles = new Set<string>();
    for (const k of keys) for (const p of selection.profilesWithClusterSummary(k)) profiles.add(profileLabel(p.key));
    const notDeployedBy: NotSelected[] = [];
    for (const p of selection.profiles) {
      const label = profileLabel(p.key);
      if (profiles.has(label)) continue;
      if (!profileEntries.has(label)) profileEntries.set(label, new Map());
      const entries = profileEntries.get(label)!;
      if (keys.length === 0) {
        notDeployedBy.push(entry(entries, label, 'the cluster is not registered with Sveltos (no SveltosCluster through any registration chain)'));
        continue;
      }
      notDeployedBy.push(entry(entries, label, selection.explain(p.key, primaryKey(keys)).reason ?? 'not selected'));
    }
    const order = keys.length ? rollout.clusterOrder(primaryKey(keys)).map((s) => s.profiles.map(profileLabel)) : [];
    // A cluster known only to Sveltos carries its SveltosCluster's labels; one known only to
    // Karmada or KubeFleet its member labels.
    const member = ctx.engines.members.get(name);
    const labels: Record<string, string> = { ...(c?.labels ?? (keys.length ? selection.cluster(primaryKey(keys))?.labels : undefined) ?? member?.labels ?? {}) };
    const mine = (deliveries.get(name) ?? []).sort((a, b) => Order.strings(a.workload, b.workload) || a.wave - b.wave);
    return {
      name,
      labels,
      claims: { ...(c?.claims ?? {}) },
      taints: c ? c.taints.map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`) : [...(member?.taints ?? [])],
      production: productionValues.has(labels[options.production.label] ?? '\u0000'),
      clusterSets: clusterSetsOf(hub, c),
      placements: selectedBy,
      notSelectedBy,
      profiles: [...profiles].sort(Order.strings),
      notDeployedBy,
      deliveries: mine,
      rolloutOrder: rolloutOrderOf(mine),
      dependsOnOrder: order,
      ...(member ? { engines: [...member.engines] } : {}),
      ...(ctx.engines.workloads.length ? { notPlacedBy: notPlacedBy(ctx.engines, name) } : {}),
    };
  });

  const matrix = matrixOf(workloads, clusters);
  const warnings: PlanWarning[] = [];
  for (const w of options.hubWarnings) {
    const m = /^ManagedCluster "([^"]+)": (.*)$/.exec(w);
    warnings.push(m ? { subject: `ManagedCluster ${m[1]}`, message: m[2] } : { subject: 'hub', message: w });
  }
  for (const p of placementPlans) for (const w of p.warnings ?? []) warnings.push({ subject: `Placement ${p.id}`, message: w });
  warnings.push(...ctx.engines.warnings);
  warnings.sort((a, b) => Order.strings(a.subject, b.subject) || Order.strings(a.message, b.message));

  const assumptions = [
    ctx.inventoryGiven
      ? 'ManagedClusters come from the given inventory where present (status, claims and taints as reported; the hub\'s unreachable/unavailable taints applied from the Available condition); declared clusters missing from it are new and carry the unreachable taint until they report Available'
      : 'every declared cluster has joined and is Available (no automatic unreachable taint); claims are the ones declared in code',
    ...(defaultSetsNote(objects) ? [defaultSetsNote(objects)!] : []),
    'no PlacementDecisions exist yet (first scheduling: Balance scores every cluster 100, Steady 0)',
    ...sveltosAssumptions(ctx),
    'rollout steps: each workload reaches a cluster in its own wave, and never before the step after the cluster gets its dependsOn prerequisites; one step is one wave of any workload',
  ];
  assumptions.push(...ctx.engines.assumptions);
  const clockNote = clockAssumption(options.clock, ctx.inventoryGiven, (hub.placements ?? []).some((p) => (p.spec?.tolerations ?? []).some((t: Obj) => t.tolerationSeconds !== undefined)));
  if (clockNote) assumptions.push(clockNote);
  const partial: Omit<FleetPlan, 'findings'> = {
    formatVersion: PlanFormat.VERSION,
    ...(options.clock.source !== 'none' ? { evaluatedAt: options.clock.now } : {}),
    production: { label: options.production.label, values: [...options.production.values] },
    assumptions,
    warnings,
    clusters,
    placements: placementPlans,
    workloads,
    plumbing: plumbing.plans(),
    matrix,
  };
  const findings = evaluateRules(partial, ctx);
  return { ...partial, findings };
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const a = m.get(k);
  if (a) a.push(v); else m.set(k, [v]);
}

/** The rollout steps of every (workload, cluster), across dependsOn. */
class RolloutSteps {
  private readonly waves = new Map<string, DraftWorkload['waves']>();
  /** The earliest wave that starts, per workload and cluster (made when first asked). */
  private readonly waveAts = new Map<string, Map<string, number>>();
  private readonly deps = new Map<string, readonly string[]>();
  /** Steps of workloads with dependsOn (the others' are their waves). */
  private readonly memo = new Map<string, Map<string, number>>();
  private readonly visiting = new Set<string>();

  constructor(workloads: readonly DraftWorkload[]) {
    for (const w of workloads) {
      this.waves.set(w.id, w.waves);
      if (w.dependsOn?.length) this.deps.set(w.id, w.dependsOn);
    }
  }

  /** True when `workload` waits for prerequisites. */
  public dependsOn(workload: string): boolean {
    return this.deps.has(workload);
  }

  /** The step in which `cluster` gets `workload` in `wave` (its earliest wave when omitted). */
  public at(workload: string, cluster: string, wave?: number): number {
    const s = this.step(workload, cluster);
    return wave === undefined ? s : Math.max(wave, s);
  }

  private waveAt(workload: string): Map<string, number> | undefined {
    let m = this.waveAts.get(workload);
    if (m === undefined) {
      const waves = this.waves.get(workload);
      if (waves === undefined) return undefined;
      m = new Map();
      for (const wave of waves) {
        if (wave.blocked) continue;
        for (const c of wave.clusters) if (!m.has(c) || m.get(c)! > wave.wave) m.set(c, wave.wave);
      }
      this.waveAts.set(workload, m);
    }
    return m;
  }

  private step(workload: string, cluster: string): number {
    const deps = this.deps.get(workload);
    if (deps === undefined) return this.waveAt(workload)?.get(cluster) ?? 1;
    let memo = this.memo.get(workload);
    if (memo === undefined) this.memo.set(workload, (memo = new Map()));
    const known = memo.get(cluster);
    if (known !== undefined) return known;
    let s = this.waveAt(workload)?.get(cluster) ?? 1;
    if (!this.visiting.has(workload)) {
      this.visiting.add(workload);
      for (const q of deps) {
        if (this.waveAt(q)?.has(cluster)) s = Math.max(s, this.step(q, cluster) + 1);
      }
      this.visiting.delete(workload);
    }
    memo.set(cluster, s);
    return s;
  }
}

function rolloutOrderOf(deliveries: readonly ClusterDelivery[]): RolloutStep[] {
  const byStep = new Map<number, Set<string>>();
  for (const d of deliveries) {
    if (!byStep.has(d.step)) byStep.set(d.step, new Set());
    byStep.get(d.step)!.add(d.workload);
  }
  return [...byStep.keys()].sort((a, b) => a - b).map((step) => ({ step, workloads: [...byStep.get(step)!].sort(Order.strings) }));
}

/** The matrix: one column per workload, same-named ManifestWorks of every cluster in one column. */
function matrixOf(workloads: readonly WorkloadPlan[], clusters: readonly ClusterPlan[]): FleetPlan['matrix'] {
  const columns = new Map<string, { id: string; kind: string; workloads: string[] }>();
  const columnOf = new Map<string, string>();
  for (const w of workloads) {
    const id = w.kind === 'ManifestWork' ? `ManifestWork ${w.id.slice(w.id.indexOf('/') + 1)}` : w.id;
    if (!columns.has(id)) columns.set(id, { id, kind: w.kind, workloads: [] });
    columns.get(id)!.workloads.push(w.id);
    columnOf.set(w.id, id);
  }
  const sorted: MatrixColumn[] = [...columns.values()].sort(Order.by((c) => c.id));
  const index = new Map(sorted.map((c, i) => [c.id, i]));
  const rows = clusters.map((c) => {
    const steps: number[] = new Array(sorted.length).fill(0);
    for (const d of c.deliveries) {
      const i = index.get(columnOf.get(d.workload)!)!;
      if (steps[i] === 0 || d.step < steps[i]) steps[i] = d.step;
    }
    return { cluster: c.name, steps };
  });
  return { columns: sorted, rows };
}

const RBAC_KINDS = new Set(['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding', 'ServiceAccount']);
/** Where the managed-serviceaccount agent creates the spoke ServiceAccounts. */
const MSA_NAMESPACE = 'open-cluster-management-agent-addon';

/** What a plumbing object is for, or undefined for objects that are not plumbing. */
function plumbingPurpose(o: Obj, serviceAccounts: ReadonlyMap<string, ReadonlySet<string>>): string | undefined {
  const marked = o.metadata?.annotations?.[PlanAnnotations.PLUMBING];
  if (typeof marked === 'string' && marked.trim()) return marked.trim();
  const group = groupOf(o.apiVersion);
  if (o.kind === 'ManagedServiceAccount' && group === 'authentication.open-cluster-management.io') return 'a spoke ServiceAccount whose token the hub keeps (registration)';
  if (o.kind === 'ClusterProfile' && group === 'multicluster.x-k8s.io') return 'SIG inventory ClusterProfile carrying the fleet\'s labels to Sveltos (registration)';
  if (o.kind === 'SveltosCluster' && group === 'lib.projectsveltos.io') return 'registers the cluster with Sveltos';
  if (o.kind === 'ManifestWork' && group === 'work.open-cluster-management.io') {
    // Spoke RBAC for a ManagedServiceAccount of the same cluster: only RBAC objects, binding that
    // ServiceAccount in the managed-serviceaccount agent's namespace.
    const manifests: Obj[] = o.spec?.workload?.manifests ?? [];
    const accounts = serviceAccounts.get(o.metadata?.namespace ?? '');
    if (!accounts || manifests.length === 0 || !manifests.every((m) => RBAC_KINDS.has(m?.kind))) return undefined;
    for (const m of manifests) {
      for (const s of m.subjects ?? []) {
        if (s.kind === 'ServiceAccount' && s.namespace === MSA_NAMESPACE && accounts.has(s.name)) return `spoke RBAC for ManagedServiceAccount ${s.name} (registration)`;
      }
    }
  }
  return undefined;
}

/** Collects plumbing objects into one entry per kind and name (per-cluster namespaces) or per kind and namespace (one object per cluster). */
class PlumbingCollector {
  private readonly groups = new Map<string, { kind: string; name?: string; namespace?: string; purpose: string; clusters: Set<string>; contents: Set<string> }>();

  public add(o: Obj, purpose: string): void {
    const group = groupOf(o.apiVersion);
    const perNamespace = o.kind === 'ManifestWork' || o.kind === 'ManagedServiceAccount' || o.kind === 'ManagedClusterAddOn';
    const kind = o.kind === 'ClusterProfile' && group !== 'config.projectsveltos.io' ? `ClusterProfile.${group}` : o.kind;
    const name: string = o.metadata?.name ?? '';
    const namespace: string = o.metadata?.namespace ?? '';
    const cluster = perNamespace ? namespace : name;
    const key = perNamespace ? `${kind}|name|${name}|${purpose}` : `${kind}|ns|${namespace}|${purpose}`;
    if (!this.groups.has(key)) this.groups.set(key, { kind, ...(perNamespace ? { name } : namespace ? { namespace } : {}), purpose, clusters: new Set(), contents: new Set() });
    const g = this.groups.get(key)!;
    g.clusters.add(cluster);
    const { metadata, status, ...content } = o;
    g.contents.add(cluster ? canonicalJson({ ...content, labels: metadata?.labels ?? {} }).replaceAll(cluster, '<cluster>') : canonicalJson(content));
  }

  public plans(): PlumbingPlan[] {
    return [...this.groups.values()].map((g) => ({
      kind: g.kind,
      ...(g.name !== undefined ? { name: g.name } : {}),
      ...(g.namespace !== undefined ? { namespace: g.namespace } : {}),
      purpose: g.purpose,
      clusters: [...g.clusters].sort(Order.strings),
      digest: digestOfText([...g.contents].sort(Order.strings).join('\n')),
    })).sort((a, b) => Order.strings(a.kind, b.kind) || Order.strings(a.name ?? a.namespace ?? '', b.name ?? b.namespace ?? ''));
  }
}

/** What a Sveltos profile delivers: its spec without selection and ordering, plus the ConfigMaps and Secrets' keys it references. */
function profileContent(spec: Obj, namespace: string | undefined, bySubject: ReadonlyMap<string, Obj>): Obj {
  const content: Obj = { ...spec };
  for (const k of ['clusterSelector', 'clusterRefs', 'setRefs', 'dependsOn', 'maxUpdate']) delete content[k];
  const referenced: Obj[] = [];
  for (const ref of spec.policyRefs ?? []) {
    const ns = ref.namespace || namespace || '';
    const o = bySubject.get(`${ref.kind} ${ns ? `${ns}/` : ''}${ref.name}`);
    // Secrets count by their keys only: their values never enter the plan.
    if (o) referenced.push(o.kind === 'Secret' ? { kind: 'Secret', name: ref.name, keys: Object.keys({ ...(o.data ?? {}), ...(o.stringData ?? {}) }).sort(Order.strings) } : { kind: o.kind, name: ref.name, data: o.data ?? {}, binaryData: o.binaryData ?? {} });
  }
  return { content, referenced };
}

function clockAssumption(clock: PlanClock, inventoryGiven: boolean, tolerationSeconds: boolean): string | undefined {
  if (clock.source === 'given') return `time: ${clock.now} (given); tolerationSeconds and AddOnPlacementScore validity are evaluated then`;
  if (clock.source === 'inventory') return `time: ${clock.now}, the newest timestamp in the inventory (${clock.from}); tolerationSeconds and AddOnPlacementScore validity are evaluated then`;
  if (!inventoryGiven && !tolerationSeconds) return undefined;
  return inventoryGiven
    ? 'no clock: the inventory carries no timestamp; taints without timeAdded count as added long ago (their tolerationSeconds have run out), and declared clusters\' taints as added when the plan is applied'
    : 'no clock needed: the plan is the moment the declared clusters are created, when the hub stamps every taint\'s timeAdded, so a toleration with tolerationSeconds still holds';
}

/** True when a ClusterManagementAddOn names a default config (v1alpha1 supportedConfigs[].defaultConfig, v1beta1 defaultConfigs; the reserved no-default name does not count, cmainstallprogression/controller.go). */
function hasDefaultConfigs(spec: Obj): boolean {
  const named = (c: Obj | undefined) => !!c?.name && c.name !== '__reserved_no_default__';
  return (spec.supportedConfigs ?? []).some((c: Obj) => named(c.defaultConfig)) || (spec.defaultConfigs ?? []).some((c: Obj) => named(c));
}

function clusterSetsOf(hub: HubState, c: HubCluster | undefined): string[] {
  if (!c) return [];
  return hub.clusterSets.filter((s) => inSet(s, c.labels)).map((s) => s.name).sort(Order.strings);
}

function defaultSetsNote(objects: readonly Obj[]): string | undefined {
  return objects.some((o) => o.kind === 'ClusterManager') ? undefined : 'no ClusterManager in the input: DefaultClusterSet assumed on (sets default and global exist)';
}
