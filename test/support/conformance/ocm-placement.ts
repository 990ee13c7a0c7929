/**
 * Runs one OCM Placement conformance vector (../shared/conformance/ocm-placement, format in its
 * README) through the simulator and checks exactly the expectations the vector states.
 */
import { schedulePlacement } from '../../../lib/plan/ocm/placement';
import type { PlacementScheduleResult } from '../../../lib/plan/ocm/placement';
import type { HubState, PlacementInput } from '../../../lib/plan/ocm/model';

const INPUT_KEYS = new Set([
  'id', 'source', 'asserted', 'notes', 'clusters', 'clusterSets', 'bindings', 'placement',
  'existingPlacementDecisions', 'addOnPlacementScores', 'now', 'orderMatters',
]);

const EXPECTATION_KEYS = new Set([
  'expectedDecisions', 'expectedDecisionCount', 'expectedUnscheduled', 'expectedMisconfigured',
  'expectedSatisfiedReason', 'expectedEligibleClusterSets', 'expectedScores', 'expectedTotalScores',
  'expectedGroups', 'expectedPlacementDecisionObjects', 'expectedRequeueTime', 'expectedError',
]);

const CLUSTER_KEYS = new Set(['name', 'labels', 'claims', 'taints', 'clusterSets', 'allocatable', 'capacity', 'deleting']);
const GROUP_KEYS = new Set(['groupIndex', 'groupName', 'clusters', 'clusterCount', 'decisionNames', 'decisionSlices']);

type Json = Record<string, any>;

function show(v: unknown): string {
  return JSON.stringify(v);
}

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => show(x) === show(b[i]));
}

function sorted(a: readonly string[]): string[] {
  return [...a].sort();
}

function sameRecord(actual: Readonly<Record<string, unknown>> | undefined, expected: Json): boolean {
  const a = actual ?? {};
  const ak = Object.keys(a).sort();
  const ek = Object.keys(expected).sort();
  return sameList(ak, ek) && ek.every((k) => a[k] === expected[k]);
}

/** Converts a vector's inputs into the simulator's HubState and PlacementInput. */
export function ocmVectorInputs(vector: Json): { state: HubState; placement: PlacementInput } {
  const state: HubState = {
    clusters: (vector.clusters ?? []).map((c: Json) => ({
      name: c.name,
      labels: c.labels ?? {},
      claims: c.claims ?? {},
      taints: c.taints ?? [],
      allocatable: c.allocatable,
      capacity: c.capacity,
      deleting: c.deleting === true,
    })),
    clusterSets: (vector.clusterSets ?? []).map((s: Json) => ({ name: s.name, selectorType: s.selectorType, labelSelector: s.labelSelector })),
    bindings: (vector.bindings ?? []).map((b: Json) => ({ namespace: b.namespace, clusterSet: b.clusterSet })),
    placementDecisions: (vector.existingPlacementDecisions ?? []).map((d: Json) => ({
      namespace: d.namespace,
      name: d.name,
      placementLabel: d.placementLabel ?? null,
      clusters: d.clusters ?? [],
    })),
    addOnPlacementScores: (vector.addOnPlacementScores ?? []).map((s: Json) => ({
      cluster: s.cluster,
      name: s.name,
      scores: s.scores ?? {},
      validUntil: s.validUntil,
    })),
    now: vector.now,
  };
  const p = vector.placement ?? {};
  return { state, placement: { namespace: p.namespace, name: p.name, spec: p.spec ?? {} } };
}

function checkGroups(result: PlacementScheduleResult, expected: Json[], failures: string[]): void {
  if (result.groups.length !== expected.length) {
    failures.push(`expectedGroups: got ${result.groups.length} groups ${show(result.groups.map((g) => ({ index: g.index, name: g.name, clusters: g.clusters })))}, want ${expected.length}`);
    return;
  }
  expected.forEach((eg, i) => {
    const g = result.groups[i];
    for (const key of Object.keys(eg)) {
      if (!GROUP_KEYS.has(key)) failures.push(`expectedGroups[${i}]: unknown key ${show(key)} (the runner cannot assert it)`);
    }
    const cmp = (key: string, actual: unknown): void => {
      if (!(key in eg)) return;
      if (show(actual) !== show(eg[key])) failures.push(`expectedGroups[${i}].${key}: got ${show(actual)}, want ${show(eg[key])}`);
    };
    cmp('groupIndex', g.index);
    cmp('groupName', g.name);
    cmp('clusters', g.clusters);
    cmp('clusterCount', g.clusterCount);
    cmp('decisionNames', g.decisionNames);
    cmp('decisionSlices', g.decisionSlices);
  });
}

/**
 * Runs one OCM Placement conformance vector and returns its failures (empty = pass). Every
 * `expected*` key present is asserted; an unknown key (expectation or input) is itself a failure,
 * so a vector is never passed by silently ignoring part of it.
 * @param vector the parsed JSON vector
 */
export function runOcmPlacementVector(vector: unknown): string[] {
  const failures: string[] = [];
  if (typeof vector !== 'object' || vector === null || Array.isArray(vector)) return ['vector is not a JSON object'];
  const v = vector as Json;
  for (const key of Object.keys(v)) {
    if (key.startsWith('expected')) {
      if (!EXPECTATION_KEYS.has(key)) failures.push(`unknown expectation ${show(key)}: the runner cannot assert it`);
    } else if (!INPUT_KEYS.has(key)) {
      failures.push(`unknown vector key ${show(key)}: the runner would ignore it`);
    }
  }
  (v.clusters ?? []).forEach((c: Json, i: number) => {
    for (const key of Object.keys(c ?? {})) {
      if (!CLUSTER_KEYS.has(key)) failures.push(`clusters[${i}]: unknown key ${show(key)}: the runner would ignore it`);
    }
  });
  if (!v.placement || typeof v.placement.name !== 'string' || typeof v.placement.namespace !== 'string') {
    failures.push('placement needs a namespace and a name');
    return failures;
  }

  let result: PlacementScheduleResult;
  try {
    const { state, placement } = ocmVectorInputs(v);
    result = schedulePlacement(state, placement);
  } catch (e) {
    failures.push(`simulator threw: ${(e as Error).message}`);
    return failures;
  }

  if ('expectedDecisions' in v) {
    const want: string[] = v.expectedDecisions ?? [];
    if (v.orderMatters === true) {
      if (!sameList(result.selected, want)) failures.push(`expectedDecisions (scheduler order): got ${show(result.selected)}, want ${show(want)}`);
    } else if (!sameList(sorted(result.selected), sorted(want))) {
      failures.push(`expectedDecisions: got ${show(sorted(result.selected))}, want ${show(sorted(want))}`);
    }
  }
  if ('expectedDecisionCount' in v && result.selected.length !== v.expectedDecisionCount) {
    failures.push(`expectedDecisionCount: got ${result.selected.length}, want ${v.expectedDecisionCount}`);
  }
  if ('expectedUnscheduled' in v && result.unscheduled !== v.expectedUnscheduled) {
    failures.push(`expectedUnscheduled: got ${result.unscheduled}, want ${v.expectedUnscheduled}`);
  }
  if ('expectedMisconfigured' in v && result.misconfigured !== v.expectedMisconfigured) {
    failures.push(`expectedMisconfigured: got ${result.misconfigured}${result.misconfiguredMessage ? ` (${result.misconfiguredMessage})` : ''}, want ${v.expectedMisconfigured}`);
  }
  if ('expectedSatisfiedReason' in v && result.satisfied?.reason !== v.expectedSatisfiedReason) {
    failures.push(`expectedSatisfiedReason: got ${show(result.satisfied?.reason)}, want ${show(v.expectedSatisfiedReason)}`);
  }
  if ('expectedEligibleClusterSets' in v && !sameList(sorted(result.eligibleClusterSets), sorted(v.expectedEligibleClusterSets ?? []))) {
    failures.push(`expectedEligibleClusterSets: got ${show(result.eligibleClusterSets)}, want ${show(v.expectedEligibleClusterSets)}`);
  }
  if ('expectedScores' in v) {
    for (const [plugin, want] of Object.entries((v.expectedScores ?? {}) as Json)) {
      const got = result.scores[plugin];
      if (!sameRecord(got, want)) failures.push(`expectedScores.${plugin}: got ${show(got)}, want ${show(want)}`);
    }
  }
  if ('expectedTotalScores' in v && !sameRecord(result.totalScores, v.expectedTotalScores ?? {})) {
    failures.push(`expectedTotalScores: got ${show(result.totalScores)}, want ${show(v.expectedTotalScores)}`);
  }
  if ('expectedGroups' in v) checkGroups(result, v.expectedGroups ?? [], failures);
  if ('expectedPlacementDecisionObjects' in v && result.placementDecisions.length !== v.expectedPlacementDecisionObjects) {
    failures.push(`expectedPlacementDecisionObjects: got ${result.placementDecisions.length}, want ${v.expectedPlacementDecisionObjects}`);
  }
  if ('expectedRequeueTime' in v) {
    const want = v.expectedRequeueTime;
    const got = result.requeueTime;
    const same = want === null || want === undefined ? got === undefined : got !== undefined && Date.parse(got) === Date.parse(want);
    if (!same) failures.push(`expectedRequeueTime: got ${show(got)}, want ${show(want)}`);
  }
  if ('expectedError' in v && (result.error !== undefined) !== v.expectedError) {
    failures.push(`expectedError: got ${result.error !== undefined}${result.error ? ` (${result.error})` : ''}, want ${v.expectedError}`);
  }
  return failures;
}
