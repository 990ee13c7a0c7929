// The scheduler (part of the OCM placement simulator; see placement.ts).
import { DECISION_GROUP_INDEX_LABEL, DECISION_GROUP_NAME_LABEL, PLACEMENT_DISABLE_ANNOTATION, PLACEMENT_LABEL } from './model';
import type { HubState, PlacementInput, PlacementSpecJson } from './model';
import { CompiledCel } from './cel';
import { groupLength } from './decision-groups';
import { CompiledPredicate, predicateMatches } from './predicates';
import { ClusterRec, OwnDecisions, PreparedHubState, SentenceMemo } from './prepared-state';
import { Prioritizer, prioritizersOf, scoreWith } from './prioritizers';
import { formatTime } from './quantities';
import { DecisionGroupResult, PlacementConditionResult, PlacementDecisionResult, PlacementScheduleResult, ScheduleOptions, Stage, defineLazy } from './results';
import { compileSelector } from './selectors';
import { sortByIdx, sortOrder } from './sorting';
import { Toleration, checkCluster, describeTaint } from './taints';

export const MAX_DECISIONS_PER_OBJECT = 100;

export function tolerationsOf(spec: PlacementSpecJson): Toleration[] {
  return (spec.tolerations ?? []).map((t) => ({
    key: t?.key ?? '',
    operator: t?.operator ?? 'Equal',
    value: t?.value ?? '',
    effect: t?.effect ?? '',
    seconds: typeof t?.tolerationSeconds === 'number' ? t.tolerationSeconds : undefined,
  }));
}

/** The placement-wide sentence for clusters that are not members of an eligible set. */
export function notEligibleSentence(ns: string, nsBindings: readonly string[], bound: readonly string[], eligible: readonly string[], specSets: readonly string[]): string {
  if (nsBindings.length === 0) return `namespace ${ns} has no ManagedClusterSetBinding`;
  if (bound.length === 0) {
    return `namespace ${ns} has no ManagedClusterSetBinding to an existing ManagedClusterSet (ManagedClusterSet ${nsBindings.join(', ')} not found)`;
  }
  if (eligible.length === 0) return `none of spec.clusterSets (${specSets.join(', ')}) is bound to namespace ${ns} (bound: ${bound.join(', ')})`;
  if (specSets.length > 0 && eligible.length < bound.length) {
    return `not in an eligible cluster set (eligible: ${eligible.join(', ')}; bound: ${bound.join(', ')})`;
  }
  return `not in an eligible cluster set (bound: ${bound.join(', ')})`;
}

/** getAvailableClusters: marks members of the eligible sets; returns them (name order) or the sync error. */
export function availableClusters(ix: PreparedHubState, eligible: readonly string[], stage: Uint8Array): ClusterRec[] | string {
  for (const s of eligible) {
    const m = ix.membersOf(ix.setByName.get(s)!);
    if ('error' in m) return `failed to get clusterset: ${s}, clusters, Error: ${m.error}`;
    const members = m.members;
    for (let k = 0; k < members.length; k++) {
      const i = members[k];
      if (stage[i] !== Stage.NotEligible) continue;
      stage[i] = ix.clusters[i].deleting ? Stage.Deleting : Stage.Available;
    }
  }
  const out: ClusterRec[] = [];
  for (let i = 0; i < stage.length; i++) if (stage[i] === Stage.Available) out.push(ix.clusters[i]);
  return out;
}

/** Builds the Predicate plugin's selectors; a string is the Misconfigured message. */
export function compilePredicates(ix: PreparedHubState, spec: PlacementSpecJson, subject: string, warnings: string[]): CompiledPredicate[] | string {
  const out: CompiledPredicate[] = [];
  const preds = spec.predicates ?? [];
  for (let pi = 0; pi < preds.length; pi++) {
    const rcs = preds[pi]?.requiredClusterSelector ?? {};
    const where = `predicates[${pi}].requiredClusterSelector`;
    const label = compileSelector(rcs.labelSelector, subject, `${where}.labelSelector`);
    if (typeof label === 'string') return `Predicate:${label}`;
    const claim = compileSelector(rcs.claimSelector ? { matchExpressions: rcs.claimSelector.matchExpressions } : undefined, subject, `${where}.claimSelector`);
    if (typeof claim === 'string') return `Predicate:${claim}`;
    const cel: { text: string; program: Extract<CompiledCel, { ok: true }> }[] = [];
    for (const text of rcs.celSelector?.celExpressions ?? []) {
      const program = ix.compile(text);
      if (!program.ok) return `Predicate:${program.error}`;
      if (program.unsupported.length > 0) {
        warnings.push(`CEL expression "${text}" uses ${program.unsupported.map((f) => `${f}()`).join(', ')}, which cdk-fleet cannot evaluate; clusters count as not matching it`);
      }
      cel.push({ text, program });
    }
    out.push({
      label,
      claim,
      cel,
      labelMatches: label.empty ? undefined : ix.selectorMatches(label, false),
      claimMatches: claim.empty ? undefined : ix.selectorMatches(claim, true),
    });
  }
  return out;
}

/** The Predicate filter over `clusters` (a cluster passes when any predicate matches). */
export function filterByPredicates(ix: PreparedHubState, clusters: readonly ClusterRec[], predicates: readonly CompiledPredicate[], stage: Uint8Array): ClusterRec[] {
  const out: ClusterRec[] = [];
  for (let i = 0; i < clusters.length; i++) {
    const c = clusters[i];
    let ok = false;
    for (let p = 0; p < predicates.length; p++) {
      if (predicateMatches(ix, predicates[p], c)) {
        ok = true;
        break;
      }
    }
    if (ok) out.push(c);
    else stage[c.idx] = Stage.PredicateFailed;
  }
  return out;
}

/** Toleration validation of the TaintToleration plugin; the Misconfigured message or undefined. */
export function tolerationProblem(tolerations: readonly Toleration[]): string | undefined {
  for (const t of tolerations) {
    if (t.key.length === 0 && t.operator !== 'Exists') return 'TaintToleration:If the key is empty, operator must be Exists.';
    if (t.operator === 'Exists' && t.value.length > 0) return 'TaintToleration:If the operator is Exists, the value should be empty.';
  }
  return undefined;
}

/** The TaintToleration filter. */
export function filterByTaints(clusters: readonly ClusterRec[], tolerations: readonly Toleration[], own: OwnDecisions | undefined, now: number, stage: Uint8Array): ClusterRec[] {
  const out: ClusterRec[] = [];
  const decided = own?.countByIdx;
  for (let i = 0; i < clusters.length; i++) {
    const c = clusters[i];
    if (c.taints.length === 0 || checkCluster(c, tolerations, decided !== undefined && decided[c.idx] > 0, now).ok) out.push(c);
    else stage[c.idx] = Stage.TaintFailed;
  }
  return out;
}

/** Scores and sorts the feasible clusters. */
export interface Ranking {
  /** Feasible clusters in scheduler order. */
  readonly feasible: ClusterRec[];
  /** Total per position of `feasible`. */
  readonly totals: Float64Array;
  /** Raw scores per prioritizer, per position of `feasible` (NaN = no entry). */
  readonly raw: Float64Array[];
}

export function rank(ix: PreparedHubState, ps: readonly Prioritizer[], placement: PlacementInput, filtered: readonly ClusterRec[], warnings: string[]): Ranking {
  const n = filtered.length;
  const raw: Float64Array[] = [];
  for (const p of ps) raw.push(scoreWith(ix, p, placement, filtered, warnings));
  const totals = new Float64Array(n);
  for (let k = 0; k < ps.length; k++) addWeighted(totals, raw[k], ps[k].weight);
  const order = sortOrder(totals);
  const feasible = new Array<ClusterRec>(n);
  for (let j = 0; j < n; j++) feasible[j] = filtered[order[j]];
  return { feasible, totals: permute(totals, order), raw: raw.map((r) => permute(r, order)) };
}

export function addWeighted(totals: Float64Array, scores: Float64Array, weight: number): void {
  for (let i = 0; i < totals.length; i++) {
    const s = scores[i];
    if (s === s) totals[i] += s * weight;
  }
}

export function permute(values: Float64Array, order: Int32Array): Float64Array {
  const out = new Float64Array(order.length);
  for (let j = 0; j < order.length; j++) out[j] = values[order[j]];
  return out;
}

/** TaintToleration.RequeueAfter: the earliest toleration expiry among clusters currently decided. */
export function requeueTime(ix: PreparedHubState, own: OwnDecisions | undefined, tolerations: readonly Toleration[], now: number): number | undefined {
  let requeue: number | undefined;
  if (!own) return undefined;
  for (const name of own.names) {
    const c = ix.clusterByName.get(name);
    if (!c) continue;
    const r = checkCluster(c, tolerations, true, now);
    if (r.ok && r.requeue !== undefined && (requeue === undefined || r.requeue < requeue)) requeue = r.requeue;
  }
  return requeue;
}

/** generateDecisionGroups: the groups, or the Misconfigured message. */
export function decisionGroups(spec: PlacementSpecJson, chosen: readonly ClusterRec[], subject: string, all: readonly ClusterRec[]): { name: string; clusters: ClusterRec[] }[] | string {
  const gs = spec.decisionStrategy?.groupStrategy ?? {};
  const len = groupLength(gs.clustersPerDecisionGroup, chosen.length);
  if (typeof len === 'string') return len;
  const groups: { name: string; clusters: ClusterRec[] }[] = [];
  const divide = (name: string, matched: ClusterRec[]): void => {
    sortByIdx(matched, all);
    for (let i = 0; i < matched.length; i += len) groups.push({ name, clusters: matched.slice(i, i + len) });
  };
  const taken = new Uint8Array(all.length);
  const defs = gs.decisionGroups ?? [];
  for (let gi = 0; gi < defs.length; gi++) {
    const d = defs[gi];
    const where = `decisionStrategy.groupStrategy.decisionGroups[${gi}].groupClusterSelector`;
    const label = compileSelector(d?.groupClusterSelector?.labelSelector, subject, `${where}.labelSelector`);
    if (typeof label === 'string') return label;
    const cs = d?.groupClusterSelector?.claimSelector;
    const claim = compileSelector(cs ? { matchExpressions: cs.matchExpressions } : undefined, subject, `${where}.claimSelector`);
    if (typeof claim === 'string') return claim;
    const matched: ClusterRec[] = [];
    for (const c of chosen) {
      if (taken[c.idx]) continue;
      if (!label.test(c.labels) || !claim.test(c.claims)) continue;
      taken[c.idx] = 1;
      matched.push(c);
    }
    divide(d?.groupName ?? '', matched);
  }
  divide('', chosen.filter((c) => !taken[c.idx]));
  if (groups.length === 0) groups.push({ name: '', clusters: [] });
  return groups;
}

/** generateDecision for every group: status groups and PlacementDecision objects of ≤ 100 clusters. */
export function decisionObjects(placement: PlacementInput, raw: readonly { name: string; clusters: ClusterRec[] }[]): { groups: DecisionGroupResult[]; objects: PlacementDecisionResult[] } {
  const groups: DecisionGroupResult[] = [];
  const objects: PlacementDecisionResult[] = [];
  let pdIndex = 1;
  raw.forEach((g, gi) => {
    const names = g.clusters.map((c) => c.name);
    const slices: string[][] = [];
    for (let i = 0; i < names.length; i += MAX_DECISIONS_PER_OBJECT) slices.push(names.slice(i, i + MAX_DECISIONS_PER_OBJECT));
    if (slices.length === 0) slices.push([]);
    const decisionNames: string[] = [];
    for (const slice of slices) {
      const pdName = `${placement.name}-decision-${pdIndex++}`;
      decisionNames.push(pdName);
      objects.push({
        namespace: placement.namespace,
        name: pdName,
        labels: { [PLACEMENT_LABEL]: placement.name, [DECISION_GROUP_NAME_LABEL]: g.name, [DECISION_GROUP_INDEX_LABEL]: String(gi) },
        clusters: slice,
      });
    }
    groups.push({ index: gi, name: g.name, clusters: names, clusterCount: names.length, decisionNames, decisionSlices: slices });
  });
  return { groups, objects };
}

/** newSatisfiedCondition. */
export function satisfiedCondition(specSets: readonly string[], eligible: readonly string[], bindings: number, available: number, selected: number, unscheduled: number): PlacementConditionResult {
  if (bindings === 0) return { status: 'False', reason: 'NoManagedClusterSetBindings', message: 'No valid ManagedClusterSetBindings found in placement namespace' };
  if (eligible.length === 0) return { status: 'False', reason: 'NoIntersection', message: `None of ManagedClusterSets [${specSets.join(',')}] is bound to placement namespace` };
  if (available === 0) return { status: 'False', reason: 'AllManagedClusterSetsEmpty', message: `All ManagedClusterSets [${eligible.join(',')}] have no member ManagedCluster` };
  if (selected === 0) return { status: 'False', reason: 'NoManagedClusterMatched', message: 'No ManagedCluster matches any of the cluster predicate' };
  if (unscheduled === 0) return { status: 'True', reason: 'AllDecisionsScheduled', message: 'All cluster decisions scheduled' };
  return { status: 'False', reason: 'NotAllDecisionsScheduled', message: `${unscheduled} cluster decisions unscheduled` };
}

/** What the reasons of not-selected clusters are computed from (lazily). */
export interface ReasonContext {
  readonly ix: PreparedHubState;
  readonly stage: Uint8Array;
  readonly notEligible: string;
  readonly predicates: readonly CompiledPredicate[];
  readonly tolerations: readonly Toleration[];
  readonly own: OwnDecisions | undefined;
  readonly feasible: readonly ClusterRec[];
  readonly numberOfClusters: number | undefined;
  readonly misconfigured: string | undefined;
  readonly error: string | undefined;
  readonly skipped: string | undefined;
}

export function reasons(ctx: ReasonContext): Record<string, string> {
  const out: Record<string, string> = {};
  const list = reasonList(ctx);
  for (let i = 0; i < list.length; i++) {
    const r = list[i];
    if (r !== undefined) out[ctx.ix.clusters[i].name] = r;
  }
  return out;
}

/** What {@link notSelectedByIndex} reads for each result. */
const REASONS = new WeakMap<PlacementScheduleResult, ReasonContext>();

/**
 * The reasons of `result`'s not-selected clusters as an array aligned with `clusters` (the hub's
 * clusters in the scheduler's order; undefined where selected), without building the
 * `notSelected` record: a plan of a thousand clusters × a thousand placements reads a million
 * reasons. Undefined for a result the scheduler did not compute (then read `notSelected`).
 * @internal
 */
export function notSelectedByIndex(result: PlacementScheduleResult): { readonly clusters: readonly ClusterRec[]; readonly reasons: readonly (string | undefined)[] } | undefined {
  const ctx = REASONS.get(result);
  return ctx ? { clusters: ctx.ix.clusters, reasons: reasonList(ctx) } : undefined;
}

function reasonList(ctx: ReasonContext): (string | undefined)[] {
  const { ix, stage } = ctx;
  const out: (string | undefined)[] = new Array(stage.length).fill(undefined);
  let rankOf: Int32Array | undefined;
  let sentences: SentenceMemo | undefined;
  for (let i = 0; i < stage.length; i++) {
    const c = ix.clusters[i];
    switch (stage[i] as Stage) {
      case Stage.Selected:
        break;
      case Stage.NotEligible:
        out[i] = ctx.notEligible;
        break;
      case Stage.Deleting:
        out[i] = 'being deleted';
        break;
      case Stage.PredicateFailed:
        if (sentences === undefined) sentences = ix.predicateSentences(ctx.predicates.map((p) => `${p.label.key}\u0001${p.claim.key}\u0001${p.cel.map((e) => e.text).join('\u0002')}`).join('\u0003'));
        out[i] = ix.predicateSentence(ctx.predicates, sentences, c);
        break;
      case Stage.TaintFailed: {
        const r = checkCluster(c, ctx.tolerations, ctx.own?.names.has(c.name) ?? false, ix.nowMs);
        if (r.ok) {
          out[i] = 'not tolerated';
          break;
        }
        let why = '';
        if (!r.check.ok && r.check.expiredAt !== undefined) why = ` (toleration expired at ${formatTime(r.check.expiredAt)})`;
        else if (r.taint.effect === 'NoSelectIfNew') why = ' (the cluster is not yet a decision of this placement)';
        out[i] = `taint ${describeTaint(r.taint)} not tolerated${why}`;
        break;
      }
      case Stage.Misconfigured:
        out[i] = `placement is misconfigured (${ctx.misconfigured})`;
        break;
      case Stage.GroupMisconfigured:
        out[i] = `placement is misconfigured (${ctx.misconfigured}); no PlacementDecision is written`;
        break;
      case Stage.Cut: {
        if (!rankOf) {
          rankOf = new Int32Array(stage.length);
          for (let j = 0; j < ctx.feasible.length; j++) rankOf[ctx.feasible[j].idx] = j + 1;
        }
        out[i] = `cut by numberOfClusters=${ctx.numberOfClusters} (rank ${rankOf[i]})`;
        break;
      }
      case Stage.Failed:
        out[i] = `scheduling failed: ${ctx.error}`;
        break;
      case Stage.Skipped:
        if (!ctx.own?.names.has(c.name)) out[i] = `placement is not scheduled: ${ctx.skipped}; existing PlacementDecisions are kept`;
        break;
      default:
        out[i] = 'not selected';
    }
  }
  return out;
}

export function scheduleOne(ix: PreparedHubState, placement: PlacementInput): PlacementScheduleResult {
  const spec: PlacementSpecJson = placement.spec ?? {};
  const ns = placement.namespace;
  const subject = `placement "${ns}/${placement.name}"`;
  const N = ix.clusters.length;
  const stage = new Uint8Array(N);
  const warnings: string[] = [...ix.warnings];
  const now = ix.nowMs;
  const own = ix.ownDecisions(ns, placement.name);
  const specSets = spec.clusterSets ?? [];
  const tolerations = tolerationsOf(spec);

  let skipped: string | undefined;
  let error: string | undefined;
  let misconfigured: string | undefined;
  let groupsMisconfigured = false;
  let notEligible = '';
  let bound: string[] = [];
  let eligible: string[] = [];
  let available: ClusterRec[] = [];
  let predicates: CompiledPredicate[] = [];
  let prioritizers: Prioritizer[] = [];
  let ranking: Ranking = { feasible: [], totals: new Float64Array(0), raw: [] };
  let selectedRecs: ClusterRec[] = [];
  let unscheduled = 0;
  let requeue: number | undefined;

  if (placement.deleting) skipped = 'the placement is being deleted';
  else if (placement.annotations?.[PLACEMENT_DISABLE_ANNOTATION] === 'true') skipped = `annotation ${PLACEMENT_DISABLE_ANNOTATION}=true disables scheduling`;

  if (skipped) {
    stage.fill(Stage.Skipped);
  } else {
    const nsBindings = ix.bindingsByNs.get(ns) ?? [];
    bound = nsBindings.filter((s) => ix.setByName.has(s));
    eligible = specSets.length > 0 ? bound.filter((s) => specSets.includes(s)) : bound;
    notEligible = notEligibleSentence(ns, nsBindings, bound, eligible, specSets);
    const av = availableClusters(ix, eligible, stage);
    if (typeof av === 'string') {
      error = av;
      stage.fill(Stage.Failed);
    } else {
      available = av;
    }
  }

  // The scheduler: filters, prioritizers, selection (Schedule()).
  if (!skipped && !error) {
    let filtered = available;
    if ((spec.predicates ?? []).length > 0 && filtered.length > 0) {
      const ps = compilePredicates(ix, spec, subject, warnings);
      if (typeof ps === 'string') misconfigured = ps;
      else {
        predicates = ps;
        filtered = filterByPredicates(ix, filtered, predicates, stage);
      }
    }
    if (!misconfigured && filtered.length > 0) {
      misconfigured = tolerationProblem(tolerations);
      if (!misconfigured) filtered = filterByTaints(filtered, tolerations, own, now, stage);
    }
    if (!misconfigured) {
      const ps = prioritizersOf(spec);
      if (typeof ps === 'string') misconfigured = `:${ps}`;
      else prioritizers = ps;
    }
    if (misconfigured) {
      for (const c of filtered) stage[c.idx] = Stage.Misconfigured;
      prioritizers = [];
    } else {
      ranking = rank(ix, prioritizers, placement, filtered, warnings);
      const n = spec.numberOfClusters;
      if (typeof n === 'number' && n < 0) {
        error = `numberOfClusters ${n} is negative: the scheduler would panic slicing the cluster list`;
        stage.fill(Stage.Failed);
        ranking = { feasible: [], totals: new Float64Array(0), raw: [] };
      } else {
        const feasible = ranking.feasible;
        selectedRecs = typeof n === 'number' && n < feasible.length ? feasible.slice(0, n) : feasible;
        unscheduled = typeof n === 'number' ? n - selectedRecs.length : 0;
        for (let j = 0; j < feasible.length; j++) stage[feasible[j].idx] = j < selectedRecs.length ? Stage.Selected : Stage.Cut;
        requeue = requeueTime(ix, own, tolerations, now);
      }
    }
  }

  // Decision groups and PlacementDecision objects (generatePlacementDecisionsAndStatus).
  let groups: DecisionGroupResult[] = [];
  let objects: PlacementDecisionResult[] = [];
  const scheduled = !skipped && !error;
  if (scheduled) {
    const chosen = misconfigured ? [] : selectedRecs;
    const raw = decisionGroups(spec, chosen, subject, ix.clusters);
    if (typeof raw === 'string') {
      groupsMisconfigured = true;
      if (!misconfigured) misconfigured = `:${raw}`;
      for (const c of selectedRecs) stage[c.idx] = Stage.GroupMisconfigured;
    } else {
      ({ groups, objects } = decisionObjects(placement, raw));
    }
  }

  const scheduledCount = misconfigured && !groupsMisconfigured ? 0 : selectedRecs.length;
  const selected = skipped ? [...(own?.names ?? [])].sort() : misconfigured ? [] : selectedRecs.map((c) => c.name);
  const satisfied = scheduled ? satisfiedCondition(specSets, eligible, bound.length, available.length, scheduledCount, unscheduled) : undefined;
  const feasible = misconfigured && !groupsMisconfigured ? [] : ranking.feasible;

  const result: Record<string, unknown> = {
    namespace: ns,
    name: placement.name,
    ...(skipped ? { skipped } : {}),
    ...(error ? { error } : {}),
    misconfigured: misconfigured !== undefined,
    ...(misconfigured ? { misconfiguredMessage: misconfigured } : {}),
    boundClusterSets: bound,
    eligibleClusterSets: eligible,
    availableClusters: available.length,
    selected,
    numberOfSelectedClusters: skipped ? selected.length : scheduledCount,
    unscheduled,
    weights: Object.fromEntries(prioritizers.map((p) => [p.name, p.weight])),
    groups,
    placementDecisions: objects,
    ...(satisfied ? { satisfied } : {}),
    ...(requeue !== undefined ? { requeueTime: formatTime(requeue) } : {}),
    warnings,
  };
  const { raw, totals } = ranking;
  defineLazy(result, 'feasibleClusters', () => feasible.map((c) => c.name));
  defineLazy(result, 'scores', () => {
    const out: Record<string, Record<string, number>> = {};
    prioritizers.forEach((p, k) => {
      const m: Record<string, number> = out[p.name] ?? {};
      feasible.forEach((c, j) => {
        if (!Number.isNaN(raw[k][j])) m[c.name] = raw[k][j];
      });
      out[p.name] = m;
    });
    return out;
  });
  defineLazy(result, 'totalScores', () => {
    const out: Record<string, number> = {};
    feasible.forEach((c, j) => (out[c.name] = totals[j] || 0));
    return out;
  });
  const ctx: ReasonContext = {
    ix, stage, notEligible, predicates, tolerations, own, feasible: ranking.feasible,
    numberOfClusters: spec.numberOfClusters, misconfigured, error, skipped,
  };
  defineLazy(result, 'notSelected', () => reasons(ctx));
  REASONS.set(result as unknown as PlacementScheduleResult, ctx);
  return result as unknown as PlacementScheduleResult;
}

export function prepared(state: HubState | PreparedHubState, options?: ScheduleOptions): PreparedHubState {
  return state instanceof PreparedHubState ? state : new PreparedHubState(state, options?.now);
}

/**
 * Schedules one Placement exactly as the OCM placement controller does (ocm commit 00f84c3):
 * bindings → eligible sets → available clusters → Predicate → TaintToleration → prioritizers →
 * sort (score desc, name asc) → numberOfClusters → decision groups → PlacementDecisions of ≤ 100.
 * @param state the hub state, or a PreparedHubState shared across calls
 * @param placement the Placement (namespace, name, spec with upstream field names)
 * @param options evaluation time
 */
export function schedulePlacement(state: HubState | PreparedHubState, placement: PlacementInput, options?: ScheduleOptions): PlacementScheduleResult {
  return scheduleOne(prepared(state, options), placement);
}

/**
 * Schedules many Placements against one hub state, sharing its indexes and compiled CEL.
 * Every placement sees the same existing PlacementDecisions (those in the state); the decisions
 * computed here are not fed back into Balance or Steady of later placements.
 * @param state the hub state, or a PreparedHubState
 * @param placements the placements, in the order results are wanted
 * @default placements state.placements
 * @param options evaluation time
 */
export function scheduleAll(state: HubState | PreparedHubState, placements?: readonly PlacementInput[], options?: ScheduleOptions): PlacementScheduleResult[] {
  const ix = prepared(state, options);
  return (placements ?? ix.state.placements ?? []).map((p) => scheduleOne(ix, p));
}
