/**
 * Runner for the Sveltos selection conformance vectors (../shared/conformance/sveltos-selection, format in its
 * README). Every expectation key a vector carries is asserted; a key the runner does not understand is a failure.
 */
import {
  SveltosState,
  clusterSummaryName,
  clusterTypeOfRef,
  profileKeyOf,
  sveltosClusterFromManagedCluster,
  sveltosStateFromObjects,
} from '../../../lib/plan/sveltos/model';
import { limitReferencesToNamespace, selectMoreClusters, selectSetClusters, simulateSveltosSelection, SveltosSelection, SveltosSimulationOptions } from '../../../lib/plan/sveltos/selection';
import {
  SveltosConflict,
  SveltosRolloutPlan,
  areDependenciesDeployed,
  hasHigherOwnershipPriority,
  helmFeatureStatus,
  helmReleaseStatus,
  ownershipKey,
  planSveltosRollout,
  resolveMaxUpdate,
  shouldRequeueChallenger,
} from '../../../lib/plan/sveltos/rollout';

type Obj = Record<string, any>;

const COMMON_KEYS = new Set(['id', 'category', 'source', 'function', 'notes', 'clusters', 'profile', 'expectedMatches']);
const KNOWN_KEYS = new Set([
  ...COMMON_KEYS,
  'clusterSets', 'otherProfiles', 'steps', 'expectedSelectedCount', 'expectedAfterPrune', 'expectedClusterSummaries',
  'expectedClusterSummary', 'expectedMaxUpdate', 'expectedRewrittenSpec', 'existingObject', 'controllerConfig',
  'hubObjects', 'expectedSecret', 'expectedStatus', 'invariant',
]);

/** The namespace/name used for the FV workload cluster placeholder (`Cluster|SveltosCluster (FV workload cluster)`). */
const FV = { namespace: 'default', name: 'fv-workload' };
const FV_KEY = `Sveltos:${FV.namespace}/${FV.name}`;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (isObj(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stable(v[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

function deepEqual(a: unknown, b: unknown): boolean {
  return stable(a) === stable(b);
}

function stripPlaceholder(s: string): string {
  const m = /^<(.*)>$/.exec(s);
  return m ? m[1] : s;
}

function isFvPlaceholderKind(kind: unknown): boolean {
  return typeof kind === 'string' && kind.includes('FV workload cluster');
}

/** Vector cluster entry → Kubernetes object. */
function clusterObject(c: Obj): Obj {
  if (isFvPlaceholderKind(c.kind)) {
    return { apiVersion: 'lib.projectsveltos.io/v1beta1', kind: 'SveltosCluster', metadata: { ...FV, labels: c.labels ?? {} }, status: { ready: true } };
  }
  return {
    apiVersion: c.apiVersion ?? (c.kind === 'SveltosCluster' ? 'lib.projectsveltos.io/v1beta1' : 'cluster.x-k8s.io/v1beta2'),
    kind: c.kind,
    metadata: { namespace: c.namespace, name: c.name, labels: c.labels ?? {}, annotations: c.annotations },
    spec: c.spec,
    status: c.status,
  };
}

function normalizeSpec(spec: Obj | undefined): Obj {
  const s: Obj = { ...(spec ?? {}) };
  if (Array.isArray(s.helmCharts)) {
    s.helmCharts = s.helmCharts.map((h: unknown) => (typeof h === 'string' ? { releaseName: stripPlaceholder(h), releaseNamespace: stripPlaceholder(h) } : h));
  }
  return s;
}

function profileObject(p: Obj): Obj {
  return {
    apiVersion: 'config.projectsveltos.io/v1beta1',
    kind: p.kind,
    metadata: { name: p.name, namespace: p.namespace, labels: p.labels, annotations: p.annotations },
    spec: normalizeSpec(p.spec),
    status: p.status,
  };
}

function setObject(s: Obj): Obj {
  return { apiVersion: 'lib.projectsveltos.io/v1beta1', kind: s.kind, metadata: { name: s.name, namespace: s.namespace }, spec: s.spec, status: s.status };
}

function fmtRef(r: Obj | undefined): string {
  if (!r) return '(none)';
  if (r.name === undefined && r.namespace === undefined) return JSON.stringify(r);
  return `${r.kind ? `${r.kind} ` : ''}${r.namespace ?? ''}/${r.name ?? ''}`;
}

/** True when `actual` carries every field `expected` carries, with equal values. */
function refMatches(actual: Obj | undefined, expected: Obj): boolean {
  if (!actual) return false;
  return Object.keys(expected).every((k) => deepEqual(actual[k], expected[k]));
}

function compareRefLists(what: string, actual: Obj[], expected: Obj[], failures: string[]): void {
  const ok = actual.length === expected.length && expected.every((e, i) => refMatches(actual[i], e));
  if (!ok) failures.push(`${what}: expected [${expected.map(fmtRef).join(', ')}], got [${actual.map(fmtRef).join(', ')}]`);
}

interface Ctx {
  readonly v: Obj;
  readonly failures: string[];
  readonly used: Set<string>;
}

function fail(ctx: Ctx, msg: string): void {
  ctx.failures.push(msg);
}

/**
 * Runs one Sveltos selection conformance vector and returns the failure messages (empty = pass).
 * Any key the runner does not understand (top level, step or controller flag) produces a failure.
 */
export function runSveltosSelectionVector(vector: unknown): string[] {
  const failures: string[] = [];
  if (!isObj(vector)) return ['vector is not a JSON object'];
  const v = vector;
  const ctx: Ctx = { v, failures, used: new Set(['id', 'category', 'source', 'function', 'notes']) };
  // expectedMatches: null = not a matching test (nothing to assert)
  if (v.expectedMatches === null) ctx.used.add('expectedMatches');
  for (const k of Object.keys(v)) if (!KNOWN_KEYS.has(k)) failures.push(`unknown key ${JSON.stringify(k)}: the runner does not handle it`);
  try {
    switch (v.category) {
      case 'ocm-addon':
        runOcm(ctx);
        break;
      case 'maxUpdate':
        runMaxUpdate(ctx);
        break;
      case 'clusterset':
        runClusterSet(ctx);
        break;
      case 'tier':
        runTier(ctx);
        break;
      case 'dependsOn':
        runDependsOn(ctx);
        break;
      case 'selection':
      case 'readiness':
        runSelection(ctx);
        break;
      default:
        failures.push(`unknown category ${JSON.stringify(v.category)}`);
        return failures;
    }
  } catch (e) {
    failures.push(`runner error: ${(e as Error).message}`);
  }
  for (const k of Object.keys(v)) {
    if (KNOWN_KEYS.has(k) && !ctx.used.has(k)) failures.push(`key ${JSON.stringify(k)} is not handled for category ${v.category} / function ${v.function}`);
  }
  return failures;
}

// ---------------------------------------------------------------------------------------------
// full simulation

interface Sim {
  readonly state: SveltosState;
  readonly selection: SveltosSelection;
  readonly plan: SveltosRolloutPlan;
  readonly subjectKey?: string;
}

function controllerOptions(ctx: Ctx): SveltosSimulationOptions {
  const cfg = ctx.v.controllerConfig;
  if (cfg === undefined) return {};
  ctx.used.add('controllerConfig');
  if (!isObj(cfg)) {
    fail(ctx, 'controllerConfig is not an object');
    return {};
  }
  const out: { autoDeployDependencies?: boolean; capiOnboardAnnotation?: string } = {};
  for (const [rawKey, val] of Object.entries(cfg)) {
    const k = rawKey.replace(/^-+/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    if (k === 'autoDeployDependencies') out.autoDeployDependencies = !(val === false || val === 'false');
    else if (k === 'capiOnboardAnnotation') out.capiOnboardAnnotation = String(val ?? '');
    else fail(ctx, `controllerConfig ${rawKey} is not modelled by the simulator`);
  }
  return out;
}

function simulate(ctx: Ctx, opts: { secondTier?: { name: string; tier: number | undefined }; incumbents?: Map<string, string> } = {}): Sim {
  const v = ctx.v;
  ctx.used.add('clusters');
  ctx.used.add('profile');
  const objects: Obj[] = [];
  for (const c of v.clusters ?? []) objects.push(clusterObject(c));
  if (v.clusterSets !== undefined) {
    ctx.used.add('clusterSets');
    for (const s of v.clusterSets ?? []) objects.push(setObject(s));
  }
  const profiles: Obj[] = [];
  if (isObj(v.profile)) profiles.push(v.profile);
  if (v.otherProfiles !== undefined) {
    ctx.used.add('otherProfiles');
    for (const p of v.otherProfiles ?? []) if (isObj(p.spec)) profiles.push(p);
  }
  for (const p of profiles) {
    const o = profileObject(p);
    if (opts.secondTier && p.name === opts.secondTier.name) {
      if (opts.secondTier.tier === undefined) delete o.spec.tier;
      else o.spec.tier = opts.secondTier.tier;
    }
    objects.push(o);
  }
  const state = sveltosStateFromObjects(objects);
  const selection = simulateSveltosSelection(state, controllerOptions(ctx));
  const plan = planSveltosRollout(selection, { incumbents: opts.incumbents });
  const subjectKey = isObj(v.profile) ? profileKeyOf(v.profile.kind, v.profile.namespace, v.profile.name) : undefined;
  return { state, selection, plan, subjectKey };
}

type MatchMode = 'matching' | 'summaries';

/** True when the vector exercises one call of updateClusterSummaries: at most maxUpdate ClusterSummaries per pass. */
function isSinglePass(ctx: Ctx): boolean {
  return String(ctx.v.function ?? '').includes('updateClusterSummaries');
}

/** The ClusterSummaries of the subject: all of them, or those one updateClusterSummaries pass creates. */
function subjectSummaries(ctx: Ctx, sim: Sim) {
  const subject = sim.subjectKey ? sim.selection.profile(sim.subjectKey) : undefined;
  if (!subject) return [];
  if (!isSinglePass(ctx) || subject.maxUpdate === 0) return subject.clusterSummaries;
  return subject.clusterSummaries.slice(0, subject.maxUpdate);
}

function checkExpectedMatches(ctx: Ctx, sim: Sim, mode: MatchMode): void {
  const v = ctx.v;
  if (v.expectedMatches === null || v.expectedMatches === undefined) return;
  ctx.used.add('expectedMatches');
  if (!Array.isArray(v.expectedMatches)) {
    fail(ctx, 'expectedMatches is neither a list nor null');
    return;
  }
  const subject = sim.subjectKey ? sim.selection.profile(sim.subjectKey) : undefined;
  if (!subject) {
    fail(ctx, `expectedMatches: subject profile ${sim.subjectKey} was not simulated`);
    return;
  }
  const expected = v.expectedMatches as unknown[];
  if (expected.some((e) => typeof e === 'string')) {
    // FV placeholders: "<FV workload cluster>", "<the FV workload cluster> for both profiles"
    for (const e of expected) {
      if (typeof e !== 'string' || !/FV workload cluster/.test(e)) {
        fail(ctx, `expectedMatches entry ${JSON.stringify(e)} is not understood`);
        continue;
      }
      const keys = /both profiles|all profiles/.test(e) ? sim.selection.profiles.map((p) => p.key) : [subject.key];
      for (const k of keys) {
        if (!sim.selection.hasClusterSummary(k, FV_KEY)) fail(ctx, `expectedMatches: ${k} does not reach the FV workload cluster (${sim.selection.explain(k, FV_KEY).reason})`);
      }
    }
    return;
  }
  const actual: Obj[] = mode === 'matching'
    ? (subject.matchingClusters as Obj[])
    : subjectSummaries(ctx, sim).map((s) => sim.selection.clusterRefOfId(s.clusterId) as Obj);
  compareRefLists(`expectedMatches (${mode === 'matching' ? 'status.matchingClusters' : 'clusters with a ClusterSummary'} of ${subject.key})`, actual, expected as Obj[], ctx.failures);
}

function checkSummaries(ctx: Ctx, sim: Sim): void {
  const v = ctx.v;
  const subject = sim.subjectKey ? sim.selection.profile(sim.subjectKey) : undefined;
  if (v.expectedClusterSummaries !== undefined) {
    ctx.used.add('expectedClusterSummaries');
    const n = subjectSummaries(ctx, sim).length;
    if (n !== v.expectedClusterSummaries) fail(ctx, `expectedClusterSummaries: expected ${v.expectedClusterSummaries}, got ${n}`);
  }
  if (v.expectedClusterSummary !== undefined) {
    ctx.used.add('expectedClusterSummary');
    const e = v.expectedClusterSummary as Obj;
    const cs = subjectSummaries(ctx, sim).find((s) => (e['spec.clusterName'] === undefined || s.clusterName === e['spec.clusterName']) && (e['spec.clusterNamespace'] === undefined || s.clusterNamespace === e['spec.clusterNamespace']));
    if (!cs || !subject) {
      fail(ctx, `expectedClusterSummary: no ClusterSummary for cluster ${e['spec.clusterNamespace']}/${e['spec.clusterName']}`);
      return;
    }
    for (const [k, want] of Object.entries(e)) {
      let got: unknown;
      switch (k) {
        case 'namespace': got = cs.namespace; break;
        case 'name': got = cs.name; break;
        case 'spec.clusterName': got = cs.clusterName; break;
        case 'spec.clusterNamespace': got = cs.clusterNamespace; break;
        case 'spec.clusterType': got = cs.clusterType; break;
        case 'nameFormat': {
          const expectedName = String(want)
            .replace(/<clusterProfileName>|<profileName>/g, subject.name)
            .replace(/<clusterName>/g, cs.clusterName);
          if (cs.name !== expectedName) fail(ctx, `expectedClusterSummary.nameFormat: expected ${expectedName}, got ${cs.name}`);
          continue;
        }
        default:
          fail(ctx, `expectedClusterSummary.${k} is not handled`);
          continue;
      }
      if (got !== want) fail(ctx, `expectedClusterSummary.${k}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    }
  }
}

function checkRewrittenSpec(ctx: Ctx): void {
  const v = ctx.v;
  if (v.expectedRewrittenSpec === undefined) return;
  ctx.used.add('expectedRewrittenSpec');
  const p = v.profile as Obj;
  if (!isObj(p) || p.kind !== 'Profile') {
    fail(ctx, 'expectedRewrittenSpec needs a Profile subject');
    return;
  }
  const rewritten = limitReferencesToNamespace(p.spec ?? {}, p.namespace) as Obj;
  for (const [k, want] of Object.entries(v.expectedRewrittenSpec as Obj)) {
    if (!deepEqual(rewritten[k], want)) fail(ctx, `expectedRewrittenSpec.${k}: expected ${JSON.stringify(want)}, got ${JSON.stringify(rewritten[k])}`);
  }
}

function runSelection(ctx: Ctx): void {
  const sim = simulate(ctx);
  checkExpectedMatches(ctx, sim, ctx.v.category === 'readiness' ? 'summaries' : 'matching');
  checkSummaries(ctx, sim);
  checkRewrittenSpec(ctx);
  if (ctx.v.expectedMaxUpdate !== undefined) checkMaxUpdateFromSim(ctx, sim);
}

function checkMaxUpdateFromSim(ctx: Ctx, sim: Sim): void {
  ctx.used.add('expectedMaxUpdate');
  const p = sim.subjectKey ? sim.selection.profile(sim.subjectKey) : undefined;
  if (p?.maxUpdate !== ctx.v.expectedMaxUpdate) fail(ctx, `expectedMaxUpdate: expected ${ctx.v.expectedMaxUpdate}, got ${p?.maxUpdate}`);
}

// ---------------------------------------------------------------------------------------------
// maxUpdate

function runMaxUpdate(ctx: Ctx): void {
  const v = ctx.v;
  if (typeof v.function === 'string' && v.function.includes('getMaxUpdate')) {
    ctx.used.add('profile');
    ctx.used.add('clusters');
    ctx.used.add('expectedMaxUpdate');
    const p = v.profile as Obj;
    const count = (p?.status?.matchingClusters ?? []).length;
    const got = resolveMaxUpdate(p?.spec?.maxUpdate, count);
    if (v.expectedMaxUpdate !== undefined && got !== v.expectedMaxUpdate) fail(ctx, `expectedMaxUpdate: expected ${v.expectedMaxUpdate} for maxUpdate ${JSON.stringify(p?.spec?.maxUpdate)} over ${count} matching clusters, got ${got}`);
    if (v.expectedMatches !== null && v.expectedMatches !== undefined) {
      const sim = simulate(ctx);
      checkExpectedMatches(ctx, sim, 'matching');
      checkSummaries(ctx, sim);
    }
    return;
  }
  const sim = simulate(ctx);
  checkExpectedMatches(ctx, sim, 'summaries');
  checkSummaries(ctx, sim);
  if (v.expectedMaxUpdate !== undefined) checkMaxUpdateFromSim(ctx, sim);
  if (v.steps !== undefined) runWaveSteps(ctx, sim);
}

function runWaveSteps(ctx: Ctx, sim: Sim): void {
  ctx.used.add('steps');
  const roll = sim.subjectKey ? sim.plan.profile(sim.subjectKey) : undefined;
  (ctx.v.steps as Obj[]).forEach((step, i) => {
    for (const [k, want] of Object.entries(step)) {
      if (k === 'expectedClusterSummaries' || k === 'expectedCreated') {
        const got = roll?.waves.slice(0, i + 1).reduce((n, w) => n + w.length, 0) ?? 0;
        if (got !== want) fail(ctx, `steps[${i}].${k}: expected ${want}, got ${got}`);
      } else fail(ctx, `steps[${i}].${k} is not handled`);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// ClusterSet / Set

function refKey(r: Obj): string {
  return `${clusterTypeOfRef(r) ?? '?'}:${r.namespace}/${r.name}`;
}

function runClusterSet(ctx: Ctx): void {
  const v = ctx.v;
  if (isObj(v.profile)) {
    runSelection(ctx);
    return;
  }
  ctx.used.add('profile');
  ctx.used.add('clusters');
  ctx.used.add('clusterSets');
  const sets = (v.clusterSets ?? []) as Obj[];
  if (sets.length !== 1) {
    fail(ctx, `clusterset vector needs exactly one clusterSet, got ${sets.length}`);
    return;
  }
  const s = sets[0];
  const downKeys = new Set<string>();
  for (const c of (v.clusters ?? []) as Obj[]) {
    if (c.kind === 'SveltosCluster' && c.status?.connectionStatus === 'Down') downKeys.add(refKey({ ...c, kind: 'SveltosCluster' }));
  }
  let matching: Obj[];
  if (Array.isArray(s.status?.matchingClusterRefs)) matching = s.status.matchingClusterRefs;
  else {
    // compute matching from the spec and the clusters (spec must be present)
    const sim = simulate(ctx);
    const r = sim.selection.sets[0];
    matching = r ? (r.matchingClusterRefs as Obj[]) : [];
  }
  const previous: Obj[] | undefined = s.status?.selectedClusterRefs;
  const fn = String(v.function ?? '');
  let selected: Obj[];
  let healthy: Obj[];
  if (fn.includes('selectMoreClusters')) {
    healthy = matching;
    selected = selectMoreClusters(previous, matching, s.spec?.maxReplicas ?? 0, refKey) ?? [];
  } else {
    const res = selectSetClusters<Obj>({ maxReplicas: s.spec?.maxReplicas, matching, previouslySelected: previous, isDown: (r) => downKeys.has(refKey(r)), key: refKey });
    healthy = res.healthy;
    selected = res.selected;
  }
  if (Array.isArray(v.expectedMatches)) ctx.used.add('expectedMatches');
  if (Array.isArray(v.expectedMatches)) compareRefLists('expectedMatches (status.selectedClusterRefs)', selected, v.expectedMatches, ctx.failures);
  if (v.expectedSelectedCount !== undefined) {
    ctx.used.add('expectedSelectedCount');
    if (selected.length !== v.expectedSelectedCount) fail(ctx, `expectedSelectedCount: expected ${v.expectedSelectedCount}, got ${selected.length}`);
  }
  if (v.expectedAfterPrune !== undefined) {
    ctx.used.add('expectedAfterPrune');
    compareRefLists('expectedAfterPrune (healthy matching clusters)', healthy, v.expectedAfterPrune, ctx.failures);
  }
}

// ---------------------------------------------------------------------------------------------
// tiers

function findOtherProfile(ctx: Ctx, short: string): Obj | undefined {
  const all: Obj[] = [ctx.v.profile, ...((ctx.v.otherProfiles ?? []) as Obj[])].filter(isObj);
  return all.find((p) => p.name === short) ?? all.find((p) => typeof p.name === 'string' && p.name.endsWith(`-${short}`));
}

function releaseTarget(profile: Obj, releaseName: string): string | undefined {
  for (const h of normalizeSpec(profile.spec).helmCharts ?? []) {
    if (isObj(h) && stripPlaceholder(String(h.releaseName)) === releaseName) return `${h.releaseNamespace}/${h.releaseName}`;
  }
  return undefined;
}

function runTier(ctx: Ctx): void {
  const v = ctx.v;
  if (!Array.isArray(v.steps)) {
    runSelection(ctx);
    return;
  }
  ctx.used.add('steps');
  const fn = String(v.function ?? '');
  if (fn.includes('requeueLowerTierChallengers')) {
    ctx.used.add('profile');
    ctx.used.add('clusters');
    (v.steps as Obj[]).forEach((step, i) => {
      const requeued = shouldRequeueChallenger(Number(step.managerTier), Number(step.challengerTier));
      for (const [k, want] of Object.entries(step)) {
        if (k === 'managerTier' || k === 'challengerTier' || k === 'challengerState') continue;
        if (k === 'expectRequeued') {
          if (requeued !== want) fail(ctx, `steps[${i}].expectRequeued: expected ${want}, got ${requeued} (manager tier ${step.managerTier}, challenger tier ${step.challengerTier})`);
        } else if (k === 'challengerHelmStatusAfter') {
          const got = requeued ? 'Provisioning' : 'FailedNonRetriable';
          if (got !== want) fail(ctx, `steps[${i}].challengerHelmStatusAfter: expected ${want}, got ${got}`);
        } else fail(ctx, `steps[${i}].${k} is not handled`);
      }
    });
    return;
  }
  if (v.existingObject !== undefined) {
    runExistingObjectTier(ctx);
    return;
  }
  // FV: a sequence of tier changes on the same cluster, ownership carried over between steps
  const subject = v.profile as Obj;
  let incumbents = new Map<string, string>();
  const subjectKey = profileKeyOf(subject.kind, subject.namespace, subject.name);
  for (const h of normalizeSpec(subject.spec).helmCharts ?? []) {
    if (isObj(h)) incumbents.set(ownershipKey(FV_KEY, 'HelmRelease', `${h.releaseNamespace}/${h.releaseName}`), subjectKey);
  }
  let firstSim: Sim | undefined;
  (v.steps as Obj[]).forEach((step, i) => {
    const tierKeys = Object.keys(step).filter((k) => k.endsWith('.tier'));
    let secondTier: { name: string; tier: number | undefined } | undefined;
    for (const tk of tierKeys) {
      const short = tk.slice(0, -'.tier'.length);
      const p = findOtherProfile(ctx, short);
      if (!p) {
        fail(ctx, `steps[${i}].${tk}: no profile named ${short}`);
        continue;
      }
      const t = step[tk];
      secondTier = { name: p.name, tier: typeof t === 'number' ? t : undefined };
    }
    const sim = simulate(ctx, { secondTier, incumbents });
    firstSim = firstSim ?? sim;
    const conflicts = sim.plan.conflicts;
    const next = new Map(incumbents);
    for (const c of conflicts) if (c.winner) next.set(ownershipKey(c.clusterKey, c.kind, c.target), c.winner);
    for (const [k, want] of Object.entries(step)) {
      if (tierKeys.includes(k)) continue;
      checkTierStepKey(ctx, sim, conflicts, i, k, want);
    }
    incumbents = next;
  });
  if (firstSim) checkExpectedMatches(ctx, firstSim, 'summaries');
}

function checkTierStepKey(ctx: Ctx, sim: Sim, conflicts: SveltosConflict[], i: number, k: string, want: unknown): void {
  let m: RegExpExecArray | null;
  const keyOf = (short: string): string | undefined => {
    const p = findOtherProfile(ctx, short);
    return p ? profileKeyOf(p.kind, p.namespace, p.name) : undefined;
  };
  if ((m = /^(.+)Owner$/.exec(k))) {
    const release = m[1];
    const owners = sim.selection.profiles.filter((p) => (p.spec.helmCharts ?? []).some((h) => stripPlaceholder(String(h.releaseName)) === release));
    const target = owners.length ? releaseTarget(findOtherProfile(ctx, owners[0].name)!, release) : undefined;
    const c = conflicts.find((x) => x.kind === 'HelmRelease' && x.clusterKey === FV_KEY && x.target === target);
    const winner = c ? c.winner : owners.length === 1 ? owners[0].key : undefined;
    const wantKey = keyOf(String(want));
    if (!winner || winner !== wantKey) fail(ctx, `steps[${i}].${k}: expected ${want}, got ${winner ?? 'undetermined'}${c ? ` (${c.reason})` : ''}`);
  } else if ((m = /^([^.]+)\.helmReleaseSummaries\[(.+)\]\.status$/.exec(k))) {
    const p = findOtherProfile(ctx, m[1]);
    const target = p ? releaseTarget(p, m[2]) : undefined;
    const pk = keyOf(m[1]);
    if (!p || !target || !pk) {
      fail(ctx, `steps[${i}].${k}: profile or release not found`);
      return;
    }
    const got = helmReleaseStatus(pk, FV_KEY, target, conflicts);
    if (got !== want) fail(ctx, `steps[${i}].${k}: expected ${want}, got ${got}`);
  } else if ((m = /^([^.]+)\.FeatureHelm$/.exec(k))) {
    const pk = keyOf(m[1]);
    if (!pk) {
      fail(ctx, `steps[${i}].${k}: no profile ${m[1]}`);
      return;
    }
    const got = sim.selection.hasClusterSummary(pk, FV_KEY) ? helmFeatureStatus(pk, FV_KEY, conflicts) : 'no ClusterSummary';
    if (got !== want) fail(ctx, `steps[${i}].${k}: expected ${want}, got ${got}`);
  } else if ((m = /^(.+)VersionDeployed$/.exec(k))) {
    const release = m[1];
    let winnerKey: string | undefined;
    let winnerProfile: Obj | undefined;
    for (const p of sim.selection.profiles) {
      const prof = findOtherProfile(ctx, p.name);
      const target = prof ? releaseTarget(prof, release) : undefined;
      if (!target) continue;
      if (helmReleaseStatus(p.key, FV_KEY, target, conflicts) === 'Managing') {
        winnerKey = p.key;
        winnerProfile = prof;
      }
    }
    const chart = (normalizeSpec(winnerProfile?.spec).helmCharts ?? []).find((h: Obj) => stripPlaceholder(String(h.releaseName)) === release);
    const got = chart?.chartVersion;
    const norm = (s: unknown) => String(s ?? '').replace(/^v/, '');
    if (!winnerKey || norm(got) !== norm(want)) fail(ctx, `steps[${i}].${k}: expected ${want}, got ${got ?? 'nothing'} (from ${winnerKey ?? 'no owner'})`);
  } else if ((m = /^([^.]+)\.clusterConfiguration\.charts$/.exec(k))) {
    const p = findOtherProfile(ctx, m[1]);
    const pk = keyOf(m[1]);
    if (!p || !pk) {
      fail(ctx, `steps[${i}].${k}: no profile ${m[1]}`);
      return;
    }
    const managed = (normalizeSpec(p.spec).helmCharts ?? [])
      .filter((h: Obj) => helmReleaseStatus(pk, FV_KEY, `${h.releaseNamespace}/${h.releaseName}`, conflicts) === 'Managing')
      .map((h: Obj) => stripPlaceholder(String(h.releaseName)))
      .sort();
    const wanted = Array.isArray(want) ? [...want].map(String).sort() : want;
    if (!deepEqual(managed, wanted)) fail(ctx, `steps[${i}].${k}: expected ${JSON.stringify(wanted)}, got ${JSON.stringify(managed)}`);
  } else {
    fail(ctx, `steps[${i}].${k} is not handled`);
  }
}

function runExistingObjectTier(ctx: Ctx): void {
  const v = ctx.v;
  ctx.used.add('existingObject');
  ctx.used.add('profile');
  ctx.used.add('clusters');
  const ann = (v.existingObject?.metadata?.annotations ?? v.existingObject?.annotations ?? {}) as Obj;
  // unparsable or 0 owner tier ⇒ MaxInt32 (LS deployer)
  const parsed = Number(ann['projectsveltos.io/owner-tier']);
  const ownerTier = !Number.isFinite(parsed) || parsed <= 0 ? 2147483647 : parsed;
  (v.steps as Obj[]).forEach((step, i) => {
    const claimTier = Number(step.claimingTier ?? step.tier ?? v.profile?.spec?.tier ?? 100);
    const wins = hasHigherOwnershipPriority(ownerTier, claimTier);
    for (const [k, want] of Object.entries(step)) {
      if (k === 'claimingTier' || k === 'tier') continue;
      if (k === 'expectConflict') {
        if (!wins !== want) fail(ctx, `steps[${i}].expectConflict: expected ${want}, got ${!wins}`);
      } else if (k === 'expectTakeOver') {
        if (wins !== want) fail(ctx, `steps[${i}].${k}: expected ${want}, got ${wins}`);
      } else fail(ctx, `steps[${i}].${k} is not handled`);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// dependsOn

function parseFeatureSummaries(x: unknown): { featureID: string; status: string }[] {
  const out: { featureID: string; status: string }[] = [];
  for (const e of Array.isArray(x) ? x : []) {
    if (!isObj(e)) continue;
    if (typeof e.featureID === 'string') out.push({ featureID: e.featureID, status: String(e.status) });
    else for (const [f, st] of Object.entries(e)) out.push({ featureID: f, status: String(st) });
  }
  return out;
}

function runDependsOn(ctx: Ctx): void {
  const v = ctx.v;
  ctx.used.add('profile');
  ctx.used.add('clusters');
  const subject = v.profile as Obj;
  if (Array.isArray(v.steps) && String(v.function ?? '').includes('areDependenciesDeployed')) {
    ctx.used.add('steps');
    ctx.used.add('otherProfiles');
    const others = (v.otherProfiles ?? []) as Obj[];
    // the ClusterSummary names the vector states must be the ones Sveltos derives
    const cluster = ((v.clusters ?? []) as Obj[])[0];
    for (const o of others) {
      if (o.clusterSummary !== undefined && cluster) {
        const type = clusterTypeOfRef(cluster) ?? 'Capi';
        const name = clusterSummaryName(o.kind, o.name, type, cluster.name);
        if (name !== o.clusterSummary) fail(ctx, `otherProfiles ${o.name}.clusterSummary: expected ${o.clusterSummary}, Sveltos would name it ${name}`);
      }
    }
    (v.steps as Obj[]).forEach((step, i) => {
      const summaries = new Map<string, { declaredFeatures: string[]; featureSummaries: { featureID: string; status: string }[] }>();
      for (const [k, val] of Object.entries(step)) {
        const m = /^(.+)\.featureSummaries$/.exec(k);
        if (m) {
          const o = findOtherProfile(ctx, m[1]);
          if (!o) {
            fail(ctx, `steps[${i}].${k}: no profile ${m[1]}`);
            continue;
          }
          summaries.set(o.name, { declaredFeatures: (o.features ?? []) as string[], featureSummaries: parseFeatureSummaries(val) });
        } else if (k !== 'expectDeployed') fail(ctx, `steps[${i}].${k} is not handled`);
      }
      if (step.expectDeployed !== undefined) {
        const r = areDependenciesDeployed(subject?.spec?.dependsOn ?? [], (name) => summaries.get(name));
        if (r.deployed !== step.expectDeployed) fail(ctx, `steps[${i}].expectDeployed: expected ${step.expectDeployed}, got ${r.deployed}${r.reason ? ` (${r.reason})` : ''}`);
      }
    });
    if (v.expectedMatches !== null && v.expectedMatches !== undefined) fail(ctx, 'expectedMatches alongside areDependenciesDeployed steps is not handled');
    return;
  }
  const sim = simulate(ctx);
  checkExpectedMatches(ctx, sim, 'summaries');
  checkSummaries(ctx, sim);
  if (v.invariant !== undefined) {
    ctx.used.add('invariant');
    checkDependencyInvariant(ctx, sim);
  }
  if (v.steps !== undefined) fail(ctx, 'steps for this dependsOn function are not handled');
}

function checkDependencyInvariant(ctx: Ctx, sim: Sim): void {
  const text = String(ctx.v.invariant);
  if (!/dependency featureSummary != Provisioned/.test(text) || !/dependent ClusterSummary status\.featureSummaries == nil/.test(text)) {
    fail(ctx, `invariant ${JSON.stringify(text)} is not understood`);
    return;
  }
  const dependent = sim.subjectKey ? sim.selection.profile(sim.subjectKey) : undefined;
  if (!dependent) {
    fail(ctx, 'invariant: no dependent profile');
    return;
  }
  for (const s of dependent.clusterSummaries) {
    // ordering: every prerequisite deploys at an earlier stage on this cluster
    const order = sim.plan.clusterOrder(s.clusterKey);
    const stageOf = (k: string) => order.find((st) => st.profiles.includes(k))?.stage;
    for (const pre of dependent.prerequisites) {
      const a = stageOf(pre);
      const b = stageOf(dependent.key);
      if (a === undefined || b === undefined || !(a < b)) fail(ctx, `invariant: on ${s.clusterKey} ${pre} (stage ${a}) must deploy before ${dependent.key} (stage ${b})`);
    }
    // gate: not deployed while a prerequisite is missing / not provisioned; deployed once all are
    const prereqs = dependent.prerequisites.map((k) => sim.selection.profile(k)!);
    const names = dependent.spec.dependsOn ?? [];
    const declared = (name: string) => {
      const p = prereqs.find((x) => x.name === name);
      return p ? ((p.spec.helmCharts ?? []).length ? ['Helm'] : []).concat((p.spec.policyRefs ?? []).length ? ['Resources'] : []).concat((p.spec.kustomizationRefs ?? []).length ? ['Kustomize'] : []) : [];
    };
    const none = areDependenciesDeployed(names, () => undefined);
    const provisioning = areDependenciesDeployed(names, (n) => ({ declaredFeatures: declared(n), featureSummaries: declared(n).map((f) => ({ featureID: f, status: 'Provisioning' })) }));
    const done = areDependenciesDeployed(names, (n) => ({ declaredFeatures: declared(n), featureSummaries: declared(n).map((f) => ({ featureID: f, status: 'Provisioned' })) }));
    if (none.deployed || provisioning.deployed || !done.deployed) fail(ctx, `invariant: dependency gate wrong on ${s.clusterKey} (none=${none.deployed}, provisioning=${provisioning.deployed}, provisioned=${done.deployed})`);
  }
  if (dependent.clusterSummaries.length === 0) fail(ctx, 'invariant: the dependent has no ClusterSummary to check');
}

// ---------------------------------------------------------------------------------------------
// sveltos-ocm-addon

function runOcm(ctx: Ctx): void {
  const v = ctx.v;
  ctx.used.add('profile');
  ctx.used.add('clusters');
  const cfg = (v.profile?.spec ?? {}) as Obj;
  let existingLabels: Record<string, string> | undefined;
  if (v.existingObject !== undefined) {
    ctx.used.add('existingObject');
    existingLabels = v.existingObject?.metadata?.labels ?? v.existingObject?.labels;
  }
  let ready = true;
  if (v.hubObjects !== undefined) {
    ctx.used.add('hubObjects');
    const hub = ((v.hubObjects ?? []) as unknown[]).map(String);
    const msaAvailable = hub.some((h) => /managed-serviceaccount \(Available\)/.test(h));
    const token = hub.some((h) => /ManagedServiceAccount .*tokenSecretRef/.test(h));
    ready = msaAvailable && token;
  }
  const mapped = ((v.clusters ?? []) as Obj[])
    .filter((c) => c.kind === 'ManagedCluster')
    .map((c) => sveltosClusterFromManagedCluster({ name: c.name, labels: c.labels }, { labelSync: cfg.labelSync, shard: cfg.shard, existingLabels }));
  const created = ready ? mapped : [];
  if (Array.isArray(v.expectedMatches)) {
    ctx.used.add('expectedMatches');
    const actual = created.map((m) => {
      const o = m.sveltosCluster as Obj;
      return { kind: o.kind, apiVersion: o.apiVersion, namespace: o.metadata.namespace, name: o.metadata.name, labels: o.metadata.labels ?? {}, annotations: o.metadata.annotations, spec: o.spec };
    });
    compareRefLists('expectedMatches (SveltosClusters created)', actual, v.expectedMatches, ctx.failures);
  }
  if (v.expectedSecret !== undefined) {
    ctx.used.add('expectedSecret');
    const s = created[0]?.secret as Obj | undefined;
    for (const [k, want] of Object.entries(v.expectedSecret as Obj)) {
      if (s?.[k] !== want) fail(ctx, `expectedSecret.${k}: expected ${JSON.stringify(want)}, got ${JSON.stringify(s?.[k])}`);
    }
  }
  if (v.expectedStatus !== undefined) {
    ctx.used.add('expectedStatus');
    const status: Obj = { registeredClusters: created.map((m) => m.registeredCluster) };
    for (const [k, want] of Object.entries(v.expectedStatus as Obj)) {
      if (k !== 'registeredClusters' || !Array.isArray(want)) {
        fail(ctx, `expectedStatus.${k} is not handled`);
        continue;
      }
      compareRefLists('expectedStatus.registeredClusters', status.registeredClusters, want, ctx.failures);
    }
  }
}

/** The FV workload cluster key the runner uses for `Cluster|SveltosCluster (FV workload cluster)` placeholders. */
export const SVELTOS_CONFORMANCE_FV_CLUSTER_KEY = FV_KEY;
