/**
 * Runner for the Sveltos selection conformance vectors (../shared/conformance/sveltos-selection, format in its
 * README). Every key the README documents is handled in every category where it means something, against the
 * simulators in lib/plan/sveltos; a key or value the runner cannot check (an unknown key, an unknown step key, an
 * unmodelled controller flag, an invariant it cannot read) is a failure, never silently ignored.
 *
 * `steps` are ordered sub-assertions of one test. Categories with their own step language (tier FV and requeue,
 * existingObject ownership, dependsOn gates and removal, maxUpdate rolling creation) use it; otherwise a step is read
 * as inputs to change (any input key, or `<root>.<path>` patches such as `clusters[rand-c1].status.ready`) plus its own
 * expectations, and runs through the same checks, carrying state over (a ClusterSet's selection stays sticky; a
 * SveltosCluster sveltos-ocm-addon wrote keeps its labels).
 */
import {
  SveltosOcmAddonHubObjects,
  SveltosState,
  clusterSummaryLabels,
  clusterSummaryName,
  clusterTypeOfRef,
  profileKeyOf,
  reconcileSveltosOcmAddonCluster,
  sveltosOcmClusterStatus,
  sveltosStateFromObjects,
} from '../../../lib/plan/sveltos/model';
import { limitReferencesToNamespace, selectMoreClusters, selectSetClusters, simulateSveltosSelection, SveltosSelection, SveltosSimulationOptions } from '../../../lib/plan/sveltos/selection';
import {
  SveltosConflict,
  SveltosRolloutPlan,
  areDependenciesDeployed,
  areDependentsRemoved,
  canDeployResource,
  hasHigherOwnershipPriority,
  validateObjectForUpdate,
  helmFeatureStatus,
  helmReleaseStatus,
  ownershipKey,
  planSveltosRollout,
  resolveMaxUpdate,
  resolveOwnership,
  shouldRequeueChallenger,
} from '../../../lib/plan/sveltos/rollout';

type Obj = Record<string, any>;

const COMMON_KEYS = new Set(['id', 'category', 'source', 'function', 'notes', 'clusters', 'profile', 'expectedMatches']);
/** Keys that describe the state a test sets up. */
const INPUT_KEYS = new Set(['clusters', 'profile', 'clusterSets', 'otherProfiles', 'existingObject', 'controllerConfig', 'hubObjects']);
/** Keys that state what the test asserts. */
const EXPECTATION_KEYS = new Set([
  'expectedMatches', 'expectedSelectedCount', 'expectedAfterPrune', 'expectedClusterSummaries', 'expectedClusterSummary',
  'expectedMaxUpdate', 'expectedRewrittenSpec', 'expectedSecret', 'expectedStatus', 'invariant',
]);
const KNOWN_KEYS = new Set([...COMMON_KEYS, ...INPUT_KEYS, ...EXPECTATION_KEYS, 'steps']);

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
  /** What a generic step hands to the next one. */
  carry: Carry;
}

/** State one generic step hands to the next (as the controllers keep it between reconciles). */
interface Carry {
  /** Per ClusterSet name: its status.selectedClusterRefs after the step (selection is sticky). */
  selected?: Map<string, Obj[]>;
  /** Per SveltosCluster `ns/name`: its labels after sveltos-ocm-addon wrote it (label sync is additive). */
  sveltosClusterLabels?: Map<string, Record<string, string>>;
}

function fail(ctx: Ctx, msg: string): void {
  ctx.failures.push(msg);
}

/**
 * Runs one Sveltos selection conformance vector and returns the failure messages (empty = pass).
 * Any key the runner does not understand (top level, step or controller flag) produces a failure.
 */
export function runSveltosSelectionVector(vector: unknown): string[] {
  if (!isObj(vector)) return ['vector is not a JSON object'];
  const failures: string[] = [];
  for (const k of Object.keys(vector)) if (!KNOWN_KEYS.has(k)) failures.push(`unknown key ${JSON.stringify(k)}: the runner does not handle it`);
  failures.push(...runVector(vector, {}).failures);
  return failures;
}

/** Runs one vector (or one merged step) through its category and reports keys left unchecked. */
function runVector(v: Obj, carry: Carry): { failures: string[]; carry: Carry } {
  const failures: string[] = [];
  const ctx: Ctx = { v, failures, used: new Set(['id', 'category', 'source', 'function', 'notes']), carry };
  // expectedMatches: null = not a matching test (nothing to assert)
  if (v.expectedMatches === null) ctx.used.add('expectedMatches');
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
        return { failures, carry: ctx.carry };
    }
  } catch (e) {
    failures.push(`runner error: ${(e as Error).message}`);
  }
  for (const k of Object.keys(v)) {
    if (KNOWN_KEYS.has(k) && !ctx.used.has(k)) failures.push(`key ${JSON.stringify(k)} is not handled for category ${v.category} / function ${v.function}`);
  }
  return { failures, carry: ctx.carry };
}

// ---------------------------------------------------------------------------------------------
// generic steps: inputs to change plus their own expectations

/** `<root>.<path>` where root is `profile`, `existingObject`, or `clusters[<name>]`, `clusterSets[<name>]`, `otherProfiles[<name>]`. */
const PATCH_KEY = /^(profile|existingObject|(clusters|clusterSets|otherProfiles)\[([^\]]+)\])\.(.+)$/;

/** True when every key of the step is an input, an expectation or a patch: the generic step language. */
function isGenericStep(step: unknown): step is Obj {
  return isObj(step) && Object.keys(step).every((k) => INPUT_KEYS.has(k) || EXPECTATION_KEYS.has(k) || PATCH_KEY.test(k));
}

function clone<T>(x: T): T {
  return x === undefined ? x : JSON.parse(JSON.stringify(x));
}

function setPath(root: Obj, path: string, value: unknown): void {
  const parts = path.split('.');
  let o = root;
  for (const p of parts.slice(0, -1)) {
    if (!isObj(o[p])) o[p] = {};
    o = o[p];
  }
  o[parts[parts.length - 1]] = clone(value);
}

/** The vector a step describes: the test's inputs, the step's inputs and patches, and only the step's expectations. */
function mergeStep(ctx: Ctx, step: Obj, i: number): Obj | undefined {
  const base = ctx.v;
  const merged: Obj = { id: base.id, category: base.category, source: base.source, function: base.function };
  // the initial state, except an existing object: what previous steps left is in the carry-over
  for (const k of INPUT_KEYS) if (base[k] !== undefined && k !== 'existingObject') merged[k] = clone(base[k]);
  for (const [k, val] of Object.entries(step)) {
    if (INPUT_KEYS.has(k) || EXPECTATION_KEYS.has(k)) {
      merged[k] = clone(val);
      continue;
    }
    const m = PATCH_KEY.exec(k)!;
    const list = m[2];
    if (!list) {
      if (!isObj(merged[m[1]])) merged[m[1]] = {};
      setPath(merged[m[1]], m[4], val);
      continue;
    }
    const entries = Array.isArray(merged[list]) ? merged[list] : [];
    const target = entries.find((e: Obj) => isObj(e) && e.name === m[3]);
    if (!target) {
      fail(ctx, `steps[${i}].${k}: ${list} has no entry named ${m[3]}`);
      return undefined;
    }
    setPath(target, m[4], val);
  }
  return merged;
}

/** Runs `steps` in the generic language, each through the category's checks, carrying state over. */
function runGenericSteps(ctx: Ctx): void {
  ctx.used.add('steps');
  const steps = ctx.v.steps;
  if (!Array.isArray(steps)) {
    fail(ctx, 'steps is not a list');
    return;
  }
  let carry = ctx.carry;
  steps.forEach((step: unknown, i: number) => {
    if (!isGenericStep(step)) {
      const bad = isObj(step) ? Object.keys(step).filter((k) => !(INPUT_KEYS.has(k) || EXPECTATION_KEYS.has(k) || PATCH_KEY.test(k))) : [];
      fail(ctx, `steps[${i}] ${isObj(step) ? `has keys ${bad.map((k) => JSON.stringify(k)).join(', ')} that are neither inputs, expectations nor <root>.<path> patches` : 'is not an object'}, and category ${ctx.v.category} / function ${ctx.v.function} has no step language of its own`);
      return;
    }
    const merged = mergeStep(ctx, step, i);
    if (!merged) return;
    const r = runVector(merged, carry);
    for (const f of r.failures) fail(ctx, `steps[${i}]: ${f}`);
    carry = r.carry;
  });
  ctx.carry = carry;
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
    for (const s of v.clusterSets ?? []) {
      const o = setObject(s);
      // a previous step's selection is this reconcile's status.selectedClusterRefs (sticky)
      const kept = ctx.carry.selected?.get(String(s.name));
      if (kept) o.status = { ...(o.status ?? {}), selectedClusterRefs: kept };
      objects.push(o);
    }
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
  if (selection.sets.length) ctx.carry = { ...ctx.carry, selected: new Map(selection.sets.map((x) => [x.name, x.selectedClusterRefs as Obj[]])) };
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
        case 'labels':
        case 'metadata.labels': {
          const labels = clusterSummaryLabels(subject.kind, subject.name, sim.state.profiles.find((x) => x.name === subject.name && x.kind === subject.kind)?.labels, cs.clusterType, cs.clusterName);
          const expected = isObj(want) ? want : {};
          const wrong = Object.entries(expected).filter(([lk, lv]) => labels[lk] !== lv);
          if (!isObj(want) || wrong.length) fail(ctx, `expectedClusterSummary.${k}: expected ${JSON.stringify(want)}, got ${JSON.stringify(labels)}`);
          continue;
        }
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
  checkCommon(ctx, sim);
  if (ctx.v.steps !== undefined) runGenericSteps(ctx);
}

/** The expectations every simulated vector can carry, besides expectedMatches. */
function checkCommon(ctx: Ctx, sim: Sim): void {
  checkSummaries(ctx, sim);
  checkRewrittenSpec(ctx);
  if (ctx.v.expectedMaxUpdate !== undefined) checkMaxUpdateFromSim(ctx, sim);
  checkSetFromSim(ctx, sim);
  checkStatusFromSim(ctx, sim);
  if (ctx.v.invariant !== undefined) checkInvariant(ctx, sim);
  for (const k of ['existingObject', 'hubObjects', 'expectedSecret'] as const) {
    if (ctx.v[k] === undefined) continue;
    ctx.used.add(k);
    fail(ctx, `${k} only applies to ${k === 'existingObject' ? 'tier (the owner annotations of a deployed resource) and ocm-addon (an existing SveltosCluster)' : 'ocm-addon vectors (the hub objects sveltos-ocm-addon reads and the kubeconfig Secret it writes)'}, not to category ${ctx.v.category}`);
  }
}

/** The one ClusterSet / Set of the vector, as simulated. */
function simulatedSet(ctx: Ctx, sim: Sim, what: string) {
  const sets = sim.selection.sets;
  if (sets.length !== 1) {
    fail(ctx, `${what}: the vector needs exactly one clusterSet, got ${sets.length}`);
    return undefined;
  }
  return sets[0];
}

/** expectedSelectedCount / expectedAfterPrune from the simulated ClusterSet (AC selectClusters, pruneConnectionDownClusters). */
function checkSetFromSim(ctx: Ctx, sim: Sim): void {
  const v = ctx.v;
  if (v.expectedSelectedCount !== undefined) {
    ctx.used.add('expectedSelectedCount');
    const set = simulatedSet(ctx, sim, 'expectedSelectedCount');
    if (set && set.selectedClusterRefs.length !== v.expectedSelectedCount) fail(ctx, `expectedSelectedCount: expected ${v.expectedSelectedCount}, got ${set.selectedClusterRefs.length}`);
  }
  if (v.expectedAfterPrune !== undefined) {
    ctx.used.add('expectedAfterPrune');
    const set = simulatedSet(ctx, sim, 'expectedAfterPrune');
    if (set) {
      const pruned = new Set(set.prunedClusterRefs.map((r) => `${r.namespace}/${r.name}`));
      compareRefLists('expectedAfterPrune (healthy matching clusters)', set.matchingClusterRefs.filter((r) => !pruned.has(`${r.namespace}/${r.name}`)) as Obj[], v.expectedAfterPrune, ctx.failures);
    }
  }
}

/** expectedStatus of a profile (status.matchingClusters) or of the vector's set (status.matchingClusterRefs, selectedClusterRefs). */
function checkStatusFromSim(ctx: Ctx, sim: Sim): void {
  const want = ctx.v.expectedStatus;
  if (want === undefined) return;
  ctx.used.add('expectedStatus');
  if (!isObj(want)) {
    fail(ctx, 'expectedStatus is not an object');
    return;
  }
  const subject = sim.subjectKey ? sim.selection.profile(sim.subjectKey) : undefined;
  for (const [k, val] of Object.entries(want)) {
    let got: Obj[] | undefined;
    if (k === 'matchingClusters' && subject) got = subject.matchingClusters as Obj[];
    else if (k === 'matchingClusterRefs' || k === 'selectedClusterRefs') {
      const set = simulatedSet(ctx, sim, `expectedStatus.${k}`);
      if (!set) continue;
      got = (k === 'matchingClusterRefs' ? set.matchingClusterRefs : set.selectedClusterRefs) as Obj[];
    }
    if (!got || !Array.isArray(val)) {
      fail(ctx, `expectedStatus.${k} is not a status field the simulator computes for category ${ctx.v.category} (profiles: matchingClusters; sets: matchingClusterRefs, selectedClusterRefs)`);
      continue;
    }
    compareRefLists(`expectedStatus.${k}`, got, val, ctx.failures);
  }
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
    const more = [...EXPECTATION_KEYS, ...INPUT_KEYS].filter((k) => !['expectedMaxUpdate', 'profile', 'clusters'].includes(k));
    if (more.some((k) => v[k] !== undefined && v[k] !== null)) {
      const sim = simulate(ctx);
      checkExpectedMatches(ctx, sim, 'matching');
      const { expectedMaxUpdate: _done, ...rest } = v;
      checkCommon({ ...ctx, v: rest }, sim);
    }
    if (v.steps !== undefined) runGenericSteps(ctx);
    return;
  }
  const sim = simulate(ctx);
  checkExpectedMatches(ctx, sim, 'summaries');
  checkCommon(ctx, sim);
  if (v.steps === undefined) return;
  // updateClusterSummaries run again and again: each step is one more pass (at most maxUpdate more ClusterSummaries)
  const waveKeys = new Set(['expectedClusterSummaries', 'expectedCreated']);
  if (Array.isArray(v.steps) && v.steps.every((st: unknown) => isObj(st) && Object.keys(st).every((k) => waveKeys.has(k)))) runWaveSteps(ctx, sim);
  else runGenericSteps(ctx);
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
  const previous: Obj[] | undefined = ctx.carry.selected?.get(String(s.name)) ?? s.status?.selectedClusterRefs;
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
  if (v.expectedStatus !== undefined) {
    ctx.used.add('expectedStatus');
    for (const [k, val] of Object.entries(isObj(v.expectedStatus) ? v.expectedStatus : {})) {
      const got = k === 'selectedClusterRefs' ? selected : k === 'matchingClusterRefs' ? matching : undefined;
      if (!got || !Array.isArray(val)) fail(ctx, `expectedStatus.${k} is not a ClusterSet status field (matchingClusterRefs, selectedClusterRefs)`);
      else compareRefLists(`expectedStatus.${k}`, got, val, ctx.failures);
    }
  }
  ctx.carry = { ...ctx.carry, selected: new Map([...(ctx.carry.selected ?? new Map()), [String(s.name), selected]]) };
  if (v.invariant !== undefined) checkSetInvariant(ctx, s, matching, downKeys);
  for (const k of ['expectedClusterSummaries', 'expectedClusterSummary', 'expectedMaxUpdate', 'expectedRewrittenSpec', 'expectedSecret', 'existingObject', 'hubObjects', 'otherProfiles', 'controllerConfig'] as const) {
    if (v[k] === undefined) continue;
    ctx.used.add(k);
    fail(ctx, `${k} needs a profile subject; this clusterset vector has none (profile: null)`);
  }
  if (v.steps !== undefined) runGenericSteps(ctx);
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
      if (step.challengerState !== undefined) checkChallengerState(ctx, i, step, requeued);
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
  if (firstSim) {
    checkExpectedMatches(ctx, firstSim, 'summaries');
    checkCommon(ctx, firstSim);
  }
}

/**
 * `challengerState` is the challenger's state before requeueLowerTierChallengers runs: the manager was registered first
 * (the chart manager's incumbent) and the challenger lost the release. The simulator must give a losing claimant exactly
 * that state (Helm feature FailedNonRetriable, release Conflict); and, with the step's tiers, the challenger must still
 * lose when it is not requeued, and win (take the release over) when it is.
 */
function checkChallengerState(ctx: Ctx, i: number, step: Obj, requeued: boolean): void {
  const parsed: Record<string, string> = {};
  for (const part of String(step.challengerState).split(',').map((x) => x.trim()).filter(Boolean)) {
    const m = /^(Helm|release)\s+(\S+)$/.exec(part);
    if (!m) {
      fail(ctx, `steps[${i}].challengerState part ${JSON.stringify(part)} is not "<Helm|release> <status>"`);
      return;
    }
    parsed[m[1]] = m[2];
  }
  const release = 'ns/release';
  const conflict = (tiers: [number, number]): SveltosConflict => {
    const d = resolveOwnership([{ profile: 'manager', tier: tiers[0] }, { profile: 'challenger', tier: tiers[1] }], 'manager');
    return { kind: 'HelmRelease', target: release, cluster: FV, clusterKey: FV_KEY, profiles: ['challenger', 'manager'], winner: d.winner, losers: d.losers, reason: d.reason, stopsDeployment: [], message: d.reason };
  };
  // before: the manager registered first and kept the release against the challenger
  const before = conflict([Number(step.managerTier), Math.max(Number(step.managerTier), Number(step.challengerTier))]);
  const got: Record<string, string> = { Helm: helmFeatureStatus('challenger', FV_KEY, [before]), release: helmReleaseStatus('challenger', FV_KEY, release, [before]) };
  for (const [k, want] of Object.entries(parsed)) {
    if (got[k] !== want) fail(ctx, `steps[${i}].challengerState: a challenger that lost the release is ${k} ${got[k]} in the simulator, the vector says ${want}`);
  }
  const after = conflict([Number(step.managerTier), Number(step.challengerTier)]);
  const wins = after.winner === 'challenger';
  if (wins !== requeued) fail(ctx, `steps[${i}]: with tiers manager ${step.managerTier} / challenger ${step.challengerTier} the challenger ${wins ? 'takes the release over' : 'keeps losing'}, but requeueLowerTierChallengers ${requeued ? 'requeues' : 'does not requeue'} it`);
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

/**
 * A resource already on the cluster (its Sveltos annotations: owner-tier / owner-name / owner-kind, reference-kind /
 * -namespace / -name / -tier) and, per step, a claim on it: LS ValidateObjectForUpdate (when the vector's function is
 * that) or CanDeployResource decides. Step keys: `claimingTier`
 * (or `tier`: the claiming profile's tier, default the subject's), `claimingReferenceTier` (the claiming ref's tier),
 * `claimingReference` ({kind, namespace, name} of the claiming ref; default: another ConfigMap), `sameProfile` (the
 * claim comes from the recorded owner profile); expectations `expectConflict`, `expectTakeOver`, `expectDeploy`.
 */
function runExistingObjectTier(ctx: Ctx): void {
  const v = ctx.v;
  ctx.used.add('existingObject');
  ctx.used.add('profile');
  ctx.used.add('clusters');
  const ann = (v.existingObject?.metadata?.annotations ?? v.existingObject?.annotations ?? {}) as Record<string, string>;
  const inputs = new Set(['claimingTier', 'tier', 'claimingReferenceTier', 'claimingReference', 'sameProfile']);
  const validateOnly = /ValidateObjectForUpdate/.test(String(v.function ?? ''));
  (v.steps as Obj[]).forEach((step, i) => {
    const same = step.sameProfile === true;
    const ref = isObj(step.claimingReference) ? step.claimingReference : { kind: 'ConfigMap', namespace: 'claiming-ns', name: 'claiming-configmap' };
    const profileName = same ? String(ann['projectsveltos.io/owner-name'] ?? v.profile?.name ?? 'claimant') : `${ann['projectsveltos.io/owner-name'] ?? 'owner'}-challenger`;
    const claim = {
      referenceKind: String(ref.kind), referenceNamespace: String(ref.namespace ?? ''), referenceName: String(ref.name ?? ''),
      referenceTier: step.claimingReferenceTier !== undefined ? Number(step.claimingReferenceTier) : undefined,
      profileKind: same ? String(ann['projectsveltos.io/owner-kind'] ?? 'ClusterProfile') : String(v.profile?.kind ?? 'ClusterProfile'),
      profileName,
      profileTier: Number(step.claimingTier ?? step.tier ?? v.profile?.spec?.tier ?? 100),
    };
    // ValidateObjectForUpdate alone reports the conflict; CanDeployResource then lets a lower owner tier take over
    const decision = validateOnly
      ? ((c) => ({ deploy: !c, takeOver: false, reason: c ?? 'no conflict' }))(validateObjectForUpdate(ann, claim).conflict)
      : canDeployResource(ann, claim);
    for (const [k, want] of Object.entries(step)) {
      if (inputs.has(k)) continue;
      const got = k === 'expectConflict' ? !decision.deploy : k === 'expectTakeOver' ? decision.takeOver : k === 'expectDeploy' ? decision.deploy : undefined;
      if (got === undefined) fail(ctx, `steps[${i}].${k} is not handled (inputs: claimingTier, claimingReferenceTier, claimingReference, sameProfile; expectations: expectConflict, expectTakeOver, expectDeploy)`);
      else if (got !== want) fail(ctx, `steps[${i}].${k}: expected ${want}, got ${got} (${decision.reason})`);
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
    // the steps exercise the gate; anything else the vector states is checked on the simulated profiles
    if ([...EXPECTATION_KEYS, 'clusterSets', 'controllerConfig'].some((k) => v[k] !== undefined && v[k] !== null)) {
      const sim = simulate(ctx);
      checkExpectedMatches(ctx, sim, 'summaries');
      checkCommon(ctx, sim);
    }
    return;
  }
  if (Array.isArray(v.steps) && String(v.function ?? '').includes('areDependentsRemoved')) {
    runDependentsRemoved(ctx);
    return;
  }
  const sim = simulate(ctx);
  checkExpectedMatches(ctx, sim, 'summaries');
  checkCommon(ctx, sim);
  if (v.steps !== undefined) runGenericSteps(ctx);
}

/**
 * AC areDependentsRemoved: the subject (a prerequisite) is not undeployed from a cluster while another ClusterSummary of
 * that cluster lists its name in dependsOn. Step keys: `dependents` (names of the profiles still deployed on the cluster
 * that list the subject in dependsOn, or `{ name, dependsOn }` ClusterSummaries) and `expectRemoved`.
 */
function runDependentsRemoved(ctx: Ctx): void {
  const v = ctx.v;
  ctx.used.add('steps');
  ctx.used.add('otherProfiles');
  const subject = String(v.profile?.name ?? '');
  (v.steps as Obj[]).forEach((step, i) => {
    const others = (Array.isArray(step.dependents) ? step.dependents : []).map((d: unknown) => (isObj(d) ? { name: String(d.name), dependsOn: (d.dependsOn ?? []) as string[] } : { name: String(d), dependsOn: [subject] }));
    const r = areDependentsRemoved(subject, others);
    for (const [k, want] of Object.entries(step)) {
      if (k === 'dependents') continue;
      if (k === 'expectRemoved') {
        if (r.removed !== want) fail(ctx, `steps[${i}].expectRemoved: expected ${want}, got ${r.removed}${r.reason ? ` (${r.reason})` : ''}`);
      } else fail(ctx, `steps[${i}].${k} is not handled (inputs: dependents; expectation: expectRemoved)`);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// invariants: the statements the runner can check against the simulators

interface InvariantCheck {
  /** What the invariant is about, for the failure message. */
  readonly name: string;
  /** True when the invariant text is this one. */
  readonly matches: (text: string) => boolean;
  /** Checks it. */
  readonly check: (ctx: Ctx, sim: Sim) => void;
}

const INVARIANTS: readonly InvariantCheck[] = [
  {
    name: 'dependsOn gate (a dependent deploys nothing until every dependency feature is Provisioned)',
    matches: (t) => /dependency featureSummary != Provisioned/.test(t) && /featureSummaries == nil/.test(t),
    check: checkDependencyInvariant,
  },
  {
    name: 'readiness (a not-ready cluster gets no ClusterSummary)',
    matches: (t) => /not[- ]ready/i.test(t) && /ClusterSummary/i.test(t),
    check: checkReadinessInvariant,
  },
  {
    name: 'tier (only a strictly lower tier takes a release or resource over; equal tiers keep the owner)',
    matches: (t) => /lower tier|tier.*strictly|equal tier/i.test(t),
    check: checkTierInvariant,
  },
  {
    name: 'delete protection (a prerequisite is not removed while a dependent still lists it)',
    matches: (t) => /depend/i.test(t) && /(remov|delet|undeploy|withdraw)/i.test(t),
    check: checkDeleteProtectionInvariant,
  },
  {
    name: 'maxUpdate bound (at most maxUpdate clusters are updated at once)',
    matches: (t) => /maxUpdate/.test(t) && /(at most|never more|<=)/i.test(t),
    check: checkMaxUpdateInvariant,
  },
];

function checkInvariant(ctx: Ctx, sim: Sim): void {
  ctx.used.add('invariant');
  const text = String(ctx.v.invariant);
  const found = INVARIANTS.filter((x) => x.matches(text));
  if (found.length === 0) {
    fail(ctx, `invariant ${JSON.stringify(text)} matches none of the invariants the runner checks: ${INVARIANTS.map((x) => x.name).join('; ')}`);
    return;
  }
  for (const inv of found) inv.check(ctx, sim);
}

function checkReadinessInvariant(ctx: Ctx, sim: Sim): void {
  const subject = sim.subjectKey ? sim.selection.profile(sim.subjectKey) : undefined;
  if (!subject) {
    fail(ctx, 'invariant (readiness): no subject profile');
    return;
  }
  for (const c of sim.selection.clusters) {
    const key = sim.selection.clusterKeyForRef(c);
    if (!c.ready && sim.selection.hasClusterSummary(subject.key, key)) fail(ctx, `invariant (readiness): ${key} is not ready but gets a ClusterSummary`);
  }
  for (const r of subject.matchingClusters) {
    const key = sim.selection.clusterKeyForRef(r);
    const m = sim.selection.cluster(key);
    if (m && m.ready && !(m.paused && subject.maxUpdate !== 0) && !sim.selection.hasClusterSummary(subject.key, key)) fail(ctx, `invariant (readiness): ${key} is ready and matching but gets no ClusterSummary`);
  }
}

function checkTierInvariant(ctx: Ctx, sim: Sim): void {
  const tierOf = new Map(sim.selection.profiles.map((p) => [p.key, p.tier]));
  for (const c of sim.plan.conflicts) {
    const tiers = c.profiles.map((p) => tierOf.get(p) ?? 100);
    const min = Math.min(...tiers);
    const lowest = c.profiles.filter((p) => (tierOf.get(p) ?? 100) === min);
    if (lowest.length === 1 && c.winner !== lowest[0]) fail(ctx, `invariant (tier): ${c.target} on ${c.clusterKey}: ${lowest[0]} has the strictly lowest tier ${min} but ${c.winner ?? 'nobody'} owns it`);
    if (lowest.length > 1 && c.winner !== undefined && !lowest.includes(c.winner)) fail(ctx, `invariant (tier): ${c.target} on ${c.clusterKey}: ${c.winner} owns it without the lowest tier`);
  }
  for (const t of [1, 90, 100, 2147483647]) {
    if (!hasHigherOwnershipPriority(t, t - 1) || hasHigherOwnershipPriority(t, t) || hasHigherOwnershipPriority(t, t + 1)) fail(ctx, `invariant (tier): the ownership comparison is not strict at tier ${t}`);
  }
}

function checkDeleteProtectionInvariant(ctx: Ctx, sim: Sim): void {
  const dependent = sim.subjectKey ? sim.selection.profile(sim.subjectKey) : undefined;
  const names = (dependent?.spec.dependsOn ?? []) as string[];
  if (!dependent || names.length === 0) {
    fail(ctx, 'invariant (delete protection): the subject depends on no profile');
    return;
  }
  for (const s of dependent.clusterSummaries) {
    for (const pre of names) {
      if (areDependentsRemoved(pre, [{ name: s.name, dependsOn: names }]).removed) fail(ctx, `invariant (delete protection): ${pre} could be removed from ${s.clusterKey} while ${s.name} depends on it`);
      if (!areDependentsRemoved(pre, []).removed) fail(ctx, `invariant (delete protection): ${pre} cannot be removed from ${s.clusterKey} once no ClusterSummary depends on it`);
    }
  }
  if (dependent.clusterSummaries.length === 0) fail(ctx, 'invariant (delete protection): the dependent has no ClusterSummary to check');
}

function checkMaxUpdateInvariant(ctx: Ctx, sim: Sim): void {
  const roll = sim.subjectKey ? sim.plan.profile(sim.subjectKey) : undefined;
  if (!roll) {
    fail(ctx, 'invariant (maxUpdate): no subject profile');
    return;
  }
  if (roll.maxUpdate > 0) {
    roll.waves.forEach((w, i) => {
      if (w.length > roll.maxUpdate) fail(ctx, `invariant (maxUpdate): wave ${i + 1} updates ${w.length} clusters, more than maxUpdate ${roll.maxUpdate}`);
    });
  }
}

/** ClusterSet invariants, over the vector's one set (AC selectClusters). */
function checkSetInvariant(ctx: Ctx, set: Obj, matching: Obj[], downKeys: Set<string>): void {
  ctx.used.add('invariant');
  const text = String(ctx.v.invariant);
  const max = set.spec?.maxReplicas ?? 0;
  const selected = ctx.carry.selected?.get(String(set.name)) ?? [];
  let checked = false;
  if (/Down/.test(text)) {
    checked = true;
    for (const r of selected) if (downKeys.has(refKey(r))) fail(ctx, `invariant: ${fmtRef(r)} is Down but selected`);
  }
  if (/maxReplicas/.test(text)) {
    checked = true;
    if (selected.length > max) fail(ctx, `invariant: ${selected.length} selected, more than maxReplicas ${max}`);
  }
  if (/sticky|stay(s)? selected|remain(s)? selected/i.test(text)) {
    checked = true;
    const matchingKeys = new Set(matching.map(refKey));
    for (const r of set.status?.selectedClusterRefs ?? []) {
      if (matchingKeys.has(refKey(r)) && !downKeys.has(refKey(r)) && selected.length <= max && !selected.some((x) => refKey(x) === refKey(r))) fail(ctx, `invariant: ${fmtRef(r)} was selected, is still healthy and matching, but was dropped`);
    }
  }
  if (!checked) fail(ctx, `invariant ${JSON.stringify(text)} matches none of the ClusterSet invariants the runner checks (Down clusters never selected; at most maxReplicas; selection is sticky)`);
}

function checkDependencyInvariant(ctx: Ctx, sim: Sim): void {
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

/** One `hubObjects` entry: `Kind ns/name [(Condition)] [with <field>=<value>] [{keys}]` (README format). */
const HUB_OBJECT = /^(\w+) (?:([^/\s]+)\/)?([^\s/]+)(?: \((\w+)\))?(?: with ([\w.]+)=(\S+))?(?: \{([^}]*)\})?$/;

/**
 * The hub objects sveltos-ocm-addon reads for each cluster, from `hubObjects`. The controller test suite's BeforeEach
 * creates the managed-serviceaccount ClusterManagementAddOn (OCMA internal/controller/sveltosocmcluster_controller_test.go),
 * so it counts as present unless an entry names it. Without `hubObjects`, every prerequisite is present and the add-on
 * is installed on every ManagedCluster of the vector.
 */
function ocmHubObjects(ctx: Ctx, clusterNames: readonly string[]): { installedOn: string[]; hub: Map<string, SveltosOcmAddonHubObjects> } | undefined {
  const v = ctx.v;
  const hub = new Map<string, SveltosOcmAddonHubObjects>();
  if (v.hubObjects === undefined) {
    for (const c of clusterNames) hub.set(c, { managedServiceAccountCma: true, managedServiceAccountAddon: 'Available', managedServiceAccount: true, tokenSecretRef: 'token', secrets: { token: { hasToken: true } }, managedCluster: true, proxyCaSecret: true });
    return { installedOn: [...clusterNames], hub };
  }
  ctx.used.add('hubObjects');
  if (!Array.isArray(v.hubObjects)) {
    fail(ctx, 'hubObjects is not a list');
    return undefined;
  }
  const installedOn: string[] = [];
  let cma = true;
  let proxyCa = false;
  const per = new Map<string, { addon?: 'Available' | 'NotAvailable'; msa: boolean; tokenRef?: string; secrets: Record<string, { hasToken: boolean }> }>();
  const of = (ns: string) => {
    let e = per.get(ns);
    if (!e) per.set(ns, (e = { msa: false, secrets: {} }));
    return e;
  };
  for (const raw of v.hubObjects as unknown[]) {
    const m = HUB_OBJECT.exec(String(raw));
    if (!m) {
      fail(ctx, `hubObjects entry ${JSON.stringify(raw)} is not "Kind ns/name [(Condition)] [with field=value] [{keys}]"`);
      continue;
    }
    const [, kind, ns, name, cond, field, value, keys] = m;
    const keyList = (keys ?? '').split(',').map((k) => k.split(':')[0].trim()).filter(Boolean);
    if (kind === 'ManagedClusterAddOn' && name === 'sveltos-ocm-addon' && ns) installedOn.push(ns);
    else if (kind === 'ManagedClusterAddOn' && name === 'managed-serviceaccount' && ns) of(ns).addon = cond === 'Available' ? 'Available' : 'NotAvailable';
    else if (kind === 'ClusterManagementAddOn' && name === 'managed-serviceaccount') cma = cond !== 'Missing';
    else if (kind === 'ManagedServiceAccount' && name === 'sveltos-ocm' && ns) {
      of(ns).msa = true;
      if (field === 'status.tokenSecretRef.name') of(ns).tokenRef = value;
      else if (field) fail(ctx, `hubObjects entry ${JSON.stringify(raw)}: field ${field} is not read by sveltos-ocm-addon`);
    } else if (kind === 'Secret' && ns === 'open-cluster-management-addon' && name === 'cluster-proxy-user-serving-cert') proxyCa = keyList.includes('ca.crt');
    else if (kind === 'Secret' && ns) of(ns).secrets[name] = { hasToken: keyList.includes('token') };
    else fail(ctx, `hubObjects entry ${JSON.stringify(raw)} is not an object sveltos-ocm-addon reads`);
  }
  for (const c of installedOn) {
    const e = of(c);
    hub.set(c, { managedServiceAccountCma: cma, managedServiceAccountAddon: e.addon, managedServiceAccount: e.msa, tokenSecretRef: e.tokenRef, secrets: e.secrets, managedCluster: clusterNames.includes(c), proxyCaSecret: proxyCa });
  }
  return { installedOn, hub };
}

/**
 * sveltos-ocm-addon: one reconcile of the SveltosOCMCluster (`profile`) over the clusters it has ManagedClusterAddOns for,
 * through reconcileSveltosOcmAddonCluster; `existingObject` is a SveltosCluster already there (label sync is additive).
 */
function runOcm(ctx: Ctx): void {
  const v = ctx.v;
  ctx.used.add('profile');
  ctx.used.add('clusters');
  const cfg = (v.profile?.spec ?? {}) as Obj;
  const existing = new Map(ctx.carry.sveltosClusterLabels ?? []);
  const managedClusters = ((v.clusters ?? []) as Obj[]).filter((c) => c.kind === 'ManagedCluster');
  if (v.existingObject !== undefined) {
    // the SveltosCluster already on the hub (its name, or every cluster's when unnamed)
    ctx.used.add('existingObject');
    const o = isObj(v.existingObject) ? v.existingObject : {};
    const md = isObj(o.metadata) ? o.metadata : o;
    const keys = md.name ? [`${md.namespace ?? md.name}/${md.name}`] : managedClusters.map((c) => `${c.name}/${c.name}`);
    for (const k of keys) existing.set(k, { ...(isObj(md.labels) ? md.labels : {}) });
  }
  const read = ocmHubObjects(ctx, managedClusters.map((c) => String(c.name)));
  if (!read) return;
  // CRD default labelSync: true; the removed field sveltosNamespace (and any other) is pruned by the API server
  const labelSync = cfg.labelSync !== false;
  const passes = read.installedOn.map((name) => {
    const mc = managedClusters.find((c) => c.name === name);
    return reconcileSveltosOcmAddonCluster({ name, labels: mc?.labels ?? {} }, read.hub.get(name)!, { labelSync, shard: cfg.shard, existingLabels: existing.get(`${name}/${name}`) });
  });
  const created = passes.filter((p) => p.mapping).map((p) => p.mapping!);
  ctx.carry = { ...ctx.carry, sveltosClusterLabels: new Map([...existing, ...created.map((m): [string, Record<string, string>] => [`${m.cluster.namespace}/${m.cluster.name}`, { ...m.cluster.labels }])]) };
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
    const sec = created[0]?.secret as Obj | undefined;
    for (const [k, want] of Object.entries(v.expectedSecret as Obj)) {
      if (sec?.[k] !== want) fail(ctx, `expectedSecret.${k}: expected ${JSON.stringify(want)}, got ${JSON.stringify(sec?.[k])}`);
    }
  }
  if (v.expectedStatus !== undefined) {
    ctx.used.add('expectedStatus');
    const status = sveltosOcmClusterStatus(passes) as unknown as Obj;
    for (const [k, want] of Object.entries(v.expectedStatus as Obj)) {
      if ((k !== 'registeredClusters' && k !== 'conditions') || !Array.isArray(want)) {
        fail(ctx, `expectedStatus.${k} is not a SveltosOCMCluster status field (registeredClusters, conditions)`);
        continue;
      }
      compareRefLists(`expectedStatus.${k}`, status[k], want, ctx.failures);
    }
  }
  if (v.invariant !== undefined) {
    ctx.used.add('invariant');
    const text = String(v.invariant);
    if (/label/i.test(text) && /(never removed|additive|kept)/i.test(text)) {
      for (const m of created) {
        const before = existing.get(`${m.cluster.namespace}/${m.cluster.name}`) ?? {};
        for (const [lk, lv] of Object.entries(before)) if (!(lk in m.cluster.labels)) fail(ctx, `invariant (additive label sync): label ${lk}=${lv} was removed from SveltosCluster ${m.cluster.namespace}/${m.cluster.name}`);
      }
    } else fail(ctx, `invariant ${JSON.stringify(text)} matches none of the sveltos-ocm-addon invariants the runner checks (label sync is additive: labels are never removed)`);
  }
  for (const k of ['clusterSets', 'otherProfiles', 'controllerConfig', 'expectedSelectedCount', 'expectedAfterPrune', 'expectedClusterSummaries', 'expectedClusterSummary', 'expectedMaxUpdate', 'expectedRewrittenSpec'] as const) {
    if (v[k] === undefined) continue;
    ctx.used.add(k);
    fail(ctx, `${k} does not apply to sveltos-ocm-addon (it writes SveltosClusters; profiles select them)`);
  }
  if (v.steps !== undefined) runGenericSteps(ctx);
}

/** The FV workload cluster key the runner uses for `Cluster|SveltosCluster (FV workload cluster)` placeholders. */
export const SVELTOS_CONFORMANCE_FV_CLUSTER_KEY = FV_KEY;
