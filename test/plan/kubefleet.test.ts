import * as fs from 'fs';
import * as path from 'path';
import { runEnginesVector, kubeFleetVectorMemberCluster } from '../support/conformance/engines';
import { planKubeFleet, scheduleFleetPlacement, fleetClusterFromObject, ineligibility, stageMaxConcurrency } from '../../lib/plan/kubefleet';
import type { FleetPlacementResult, FleetPlacementPolicyJson } from '../../lib/plan/kubefleet';

// The 9-cluster fleet of kubefleet test/scheduler/suite_test.go, read in place from a conformance vector.
const VECTORS = path.resolve(__dirname, '../../../shared/conformance/engines');
const FLEET_VECTOR = JSON.parse(fs.readFileSync(path.join(VECTORS, 'kubefleet-pickn-08-required-topology-spread.json'), 'utf8'));
const NOW = '2026-01-01T00:00:00Z';
const OPTIONS = { now: NOW, heartbeatCheckTimeoutSeconds: 24 * 3600, healthCheckTimeoutSeconds: 24 * 3600 };

const C1 = 'cluster-1-east-prod';
const C2 = 'cluster-2-east-prod';
const C3 = 'cluster-3-east-canary';
const C4 = 'cluster-4-central-prod';
const C5 = 'cluster-5-central-prod';
const C6 = 'cluster-6-west-prod';
const C7 = 'cluster-7-west-canary';
const C8 = 'unhealthy-cluster-east-prod';
const C9 = 'left-cluster-central-prod';

function fleetObjects(): any[] {
  return FLEET_VECTOR.clusters.map((c: any) => kubeFleetVectorMemberCluster(c));
}

function schedule(policy: FleetPlacementPolicyJson | undefined): FleetPlacementResult {
  const clusters = fleetObjects().map(fleetClusterFromObject);
  return scheduleFleetPlacement(clusters, { name: 'crp', spec: { resourceSelectors: [{ group: '', version: 'v1', kind: 'Namespace', name: 'app' }], ...(policy ? { policy } : {}) } }, OPTIONS);
}

const east = { labelSelector: { matchLabels: { region: 'east' } } };

describe('conformance vectors (../shared/conformance/engines, kubefleet)', () => {
  const files = fs.readdirSync(VECTORS).filter((f) => f.startsWith('kubefleet-') && f.endsWith('.json')).sort();

  test('every kubefleet vector passes', () => {
    expect(files.length).toBeGreaterThan(0);
    const failures = files.flatMap((f) => runEnginesVector(JSON.parse(fs.readFileSync(path.join(VECTORS, f), 'utf8'))).map((m) => `${f}: ${m}`));
    expect(failures).toEqual([]);
  });

  test('the runner reports a wrong expectation and an unknown key instead of ignoring them', () => {
    const v = JSON.parse(fs.readFileSync(path.join(VECTORS, 'kubefleet-pickn-02-not-enough.json'), 'utf8'));
    expect(runEnginesVector({ ...v, expected: [C1] })[0]).toMatch(/^expected: got \[.*\], want \["cluster-1-east-prod"\]/);
    expect(runEnginesVector({ ...v, orderMatters: true })).toEqual(['unknown vector key "orderMatters": the runner would ignore it']);
  });
});

describe('PickN (kubefleet test/scheduler/pickn_integration_test.go)', () => {
  test('"pick N clusters with no affinities/topology spread constraints specified": ties go to the greatest names', () => {
    const r = schedule({ placementType: 'PickN', numberOfClusters: 3 });
    expect(r.selected).toEqual([C7, C6, C5]);
    expect(r.notSelected[C1]).toMatch(/^scored below the clusters picked \(topology spread score 0, affinity score 0/);
    expect(r.notSelected[C8]).toBe('cluster is not connected to the fleet: no recent heartbeat signals (last received 1500.00 minutes ago)');
    expect(r.notSelected[C9]).toBe('cluster has left the fleet');
  });

  test('"pick 0 clusters": no scheduling cycle runs', () => {
    const r = schedule({ placementType: 'PickN', numberOfClusters: 0 });
    expect(r.selected).toEqual([]);
    expect(r.cycles).toBe(0);
    expect(r.notSelected[C1]).toBe('numberOfClusters is 0');
  });

  test('"pick with required affinity, multiple terms": terms are ORed; fewer matches than N picks them all', () => {
    const r = schedule({
      placementType: 'PickN',
      numberOfClusters: 4,
      affinity: { clusterAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { clusterSelectorTerms: [
        { labelSelector: { matchLabels: { region: 'east' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] } },
        { labelSelector: { matchLabels: { region: 'west' }, matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] } },
      ] } } },
    });
    expect([...r.selected].sort()).toEqual([C1, C2, C7]);
    expect(r.notSelected[C6]).toBe('does not match any of the 2 required cluster affinity terms (term 0: label region=west does not match region=east; term 1: label env=prod does not match env NotIn (prod))');
  });

  test('"pick with preferred affinity, multiple terms": weights add up per cluster', () => {
    const r = schedule({
      placementType: 'PickN',
      numberOfClusters: 4,
      affinity: { clusterAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 10, preference: { labelSelector: { matchLabels: { region: 'central' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] } } },
        { weight: 20, preference: { labelSelector: { matchLabels: { region: 'east' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['canary'] }] } } },
      ] } },
    });
    expect(r.selected).toEqual([C3, C5, C4, C7]);
    expect(r.scores[C3]).toEqual({ topologySpread: 0, affinity: 20 });
    expect(r.scores[C4]).toEqual({ topologySpread: 0, affinity: 10 });
  });

  test('"pick with required topology spread constraints, multiple terms": one cluster per cycle, scores re-computed', () => {
    const r = schedule({
      placementType: 'PickN',
      numberOfClusters: 2,
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'region', whenUnsatisfiable: 'DoNotSchedule' }, { maxSkew: 1, topologyKey: 'env', whenUnsatisfiable: 'DoNotSchedule' }],
    });
    expect(r.selected).toEqual([C7, C5]);
    expect(r.cycles).toBe(2);
    expect(r.scores).toEqual({ [C7]: { topologySpread: -2, affinity: 0 }, [C5]: { topologySpread: 1, affinity: 0 } });
    expect(r.notSelected[C3]).toBe('violated doNotSchedule topology spread constraint "env" (max skew 1)');
    expect(r.notSelected[C6]).toBe('violated doNotSchedule topology spread constraint "region" (max skew 1)');
    expect(r.notSelected[C1]).toMatch(/topology spread score 1, affinity score 0/);
  });

  test('"pick with preferred topology spread constraints": ScheduleAnyway costs 1000 points instead of filtering', () => {
    const r = schedule({ placementType: 'PickN', numberOfClusters: 2, topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'region', whenUnsatisfiable: 'ScheduleAnyway' }] });
    expect(r.selected).toEqual([C7, C5]);
    expect(r.scores[C5]).toEqual({ topologySpread: 0, affinity: 0 });
    expect(r.notSelected[C6]).toMatch(/topology spread score -1000/);
  });

  test('"pick with preferred topology spread constraints, multiple terms"', () => {
    const r = schedule({
      placementType: 'PickN',
      numberOfClusters: 2,
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'region', whenUnsatisfiable: 'ScheduleAnyway' }, { maxSkew: 1, topologyKey: 'env', whenUnsatisfiable: 'ScheduleAnyway' }],
    });
    expect(r.selected).toEqual([C7, C5]);
    expect(r.scores[C7]).toEqual({ topologySpread: -2, affinity: 0 });
    expect(r.scores[C5]).toEqual({ topologySpread: 1, affinity: 0 });
    expect(r.notSelected[C3]).toMatch(/topology spread score -1000,/);
    expect(r.notSelected[C6]).toMatch(/topology spread score -999,/);
  });

  test('"pick with mixed affinities and topology spread constraints, required only"', () => {
    const r = schedule({
      placementType: 'PickN',
      numberOfClusters: 2,
      affinity: { clusterAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { clusterSelectorTerms: [{ labelSelector: { matchExpressions: [{ key: 'region', operator: 'NotIn', values: ['west'] }] } }] } } },
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'region', whenUnsatisfiable: 'DoNotSchedule' }],
    });
    expect(r.selected).toEqual([C5, C3]);
    expect(r.scores[C5]).toEqual({ topologySpread: -1, affinity: 0 });
    expect(r.notSelected[C4]).toBe('violated doNotSchedule topology spread constraint "region" (max skew 1)');
  });

  test('"pick with mixed affinities and topology spread constraints, preferred only": six cycles', () => {
    const r = schedule({
      placementType: 'PickN',
      numberOfClusters: 6,
      affinity: { clusterAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 30, preference: east }] } },
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'env', whenUnsatisfiable: 'ScheduleAnyway' }],
    });
    expect(r.selected).toEqual([C3, C2, C1, C7, C6, C5]);
    expect(r.cycles).toBe(6);
    expect(r.scores).toEqual({
      [C1]: { affinity: 30, topologySpread: -1 },
      [C2]: { affinity: 30, topologySpread: 1 },
      [C3]: { affinity: 30, topologySpread: -1 },
      [C5]: { affinity: 0, topologySpread: -1000 },
      [C6]: { affinity: 0, topologySpread: -1 },
      [C7]: { affinity: 0, topologySpread: 1 },
    });
    expect(r.notSelected[C4]).toMatch(/topology spread score -1000, affinity score 0/);
  });

  test('"pick with mixed affinities and topology spread constraints, mixed"', () => {
    const r = schedule({
      placementType: 'PickN',
      numberOfClusters: 3,
      affinity: { clusterAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 40, preference: east }],
        requiredDuringSchedulingIgnoredDuringExecution: { clusterSelectorTerms: [{ labelSelector: { matchLabels: { env: 'prod' } } }] },
      } },
      topologySpreadConstraints: [{ maxSkew: 2, topologyKey: 'env', whenUnsatisfiable: 'ScheduleAnyway' }, { maxSkew: 1, topologyKey: 'region', whenUnsatisfiable: 'DoNotSchedule' }],
    });
    expect(r.selected).toEqual([C2, C6, C5]);
    expect(r.scores).toEqual({ [C2]: { affinity: 40, topologySpread: -2 }, [C6]: { affinity: 0, topologySpread: -1 }, [C5]: { affinity: 0, topologySpread: -999 } });
    expect(r.notSelected[C4]).toMatch(/topology spread score -999/);
    expect(r.notSelected[C3]).toMatch(/^does not match the required cluster affinity term/);
  });
});

describe('property-based scheduling (kubefleet test/scheduler/property_based_scheduling_integration_test.go)', () => {
  const sorter = (name: string, sortOrder: string, weight = 100): any => ({ weight, preference: { propertySorter: { name, sortOrder } } });

  test('"single sorter, ascending": min and max are taken over every cluster, the ineligible ones included', () => {
    const r = schedule({ placementType: 'PickN', numberOfClusters: 3, affinity: { clusterAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [sorter('kubernetes-fleet.io/node-count', 'Ascending')] } } });
    expect([...r.selected].sort()).toEqual([C1, C4, C6]);
    expect(r.scores[C1]).toEqual({ topologySpread: 0, affinity: 86 });
    expect(r.notSelected[C2]).toMatch(/affinity score 57/);
    expect(r.notSelected[C3]).toMatch(/affinity score 29/);
    expect(r.notSelected[C5]).toMatch(/affinity score 0/);
  });

  test('"single sorter, descending"', () => {
    const r = schedule({ placementType: 'PickN', numberOfClusters: 3, affinity: { clusterAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [sorter('kubernetes-fleet.io/node-count', 'Descending')] } } });
    expect(r.selected).toEqual([C7, C5, C3]);
    expect(r.scores[C3]).toEqual({ topologySpread: 0, affinity: 71 });
    expect(r.notSelected[C2]).toMatch(/affinity score 43/);
  });

  test('"single sorter, specified property not available across the board": every score is 0', () => {
    const r = schedule({ placementType: 'PickN', numberOfClusters: 3, affinity: { clusterAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [sorter('test.only/non-existent-property', 'Ascending')] } } });
    expect(r.selected).toEqual([C7, C6, C5]);
  });

  test('"multiple sorters": interpolated weights add up (resource quantities included)', () => {
    const r = schedule({
      placementType: 'PickN',
      numberOfClusters: 3,
      affinity: { clusterAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [
        sorter('kubernetes-fleet.io/node-count', 'Ascending', 100),
        sorter('test.only/energy-efficiency-rating', 'Descending', 80),
        sorter('resources.kubernetes-fleet.io/allocatable-memory', 'Descending', 60),
      ] } },
    });
    expect(r.selected).toEqual([C1, C4, C6]);
    expect(r.scores).toEqual({ [C1]: { topologySpread: 0, affinity: 168 }, [C4]: { topologySpread: 0, affinity: 146 }, [C6]: { topologySpread: 0, affinity: 135 } });
    expect(r.notSelected[C2]).toMatch(/affinity score 108/);
    expect(r.notSelected[C7]).toMatch(/affinity score 60/);
  });

  test('"both label selector and property sorter (single preferred term)"', () => {
    const r = schedule({
      placementType: 'PickN',
      numberOfClusters: 4,
      affinity: { clusterAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { labelSelector: { matchLabels: { env: 'canary' } }, propertySorter: { name: 'resources.kubernetes-fleet.io/available-cpu', sortOrder: 'Descending' } } }] } },
    });
    expect(r.selected).toEqual([C3, C7, C6, C5]);
    expect(r.scores[C3].affinity).toBe(75);
    expect(r.scores[C7].affinity).toBe(50);
  });

  test('"multiple terms, single expression": required terms with properties are ORed', () => {
    const term = (name: string, operator: string, value: string): any => ({ propertySelector: { matchExpressions: [{ name, operator, values: [value] }] } });
    const r = schedule({ placementType: 'PickAll', affinity: { clusterAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { clusterSelectorTerms: [
      term('kubernetes-fleet.io/node-count', 'Ge', '8'),
      term('test.only/energy-efficiency-rating', 'Gt', '99'),
      term('resources.kubernetes-fleet.io/total-cpu', 'Eq', '12'),
      term('resources.kubernetes-fleet.io/total-memory', 'Le', '4Gi'),
    ] } } } });
    expect(r.selected).toEqual([C1, C3, C4, C5, C7]);
    expect(r.notSelected[C2]).toBe('does not match any of the 4 required cluster affinity terms (term 0: property kubernetes-fleet.io/node-count is 4, not Ge 8; '
      + 'term 1: property test.only/energy-efficiency-rating is 60, not Gt 99; term 2: property resources.kubernetes-fleet.io/total-cpu is 8, not Eq 12; '
      + 'term 3: property resources.kubernetes-fleet.io/total-memory is 8Gi, not Le 4Gi)');
  });

  test('a property that is not a quantity fails the whole scheduling cycle', () => {
    const objects = fleetObjects();
    objects[0].status.properties['kubernetes-fleet.io/node-count'] = { value: 'two' };
    const plan = planKubeFleet([...objects, { apiVersion: 'placement.kubernetes-fleet.io/v1', kind: 'ClusterResourcePlacement', metadata: { name: 'p' }, spec: { resourceSelectors: [{ group: '', version: 'v1', kind: 'Namespace', name: 'a' }], policy: { placementType: 'PickAll', affinity: { clusterAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { clusterSelectorTerms: [{ propertySelector: { matchExpressions: [{ name: 'kubernetes-fleet.io/node-count', operator: 'Ge', values: ['1'] }] } }] } } } } } }], OPTIONS);
    expect(plan.placements[0].schedule.error).toBe('value two of property kubernetes-fleet.io/node-count from cluster cluster-1-east-prod is not a valid quantity');
    expect(plan.placements[0].schedule.selected).toEqual([]);
  });
});

describe('PickAll, PickFixed, taints and eligibility', () => {
  test('"pick all valid cluster with tolerated taints, ignore valid clusters with taints, CRP has some matching tolerations on creation" (kubefleet test/scheduler/tainttoleration_integration_test.go)', () => {
    // buildTaints: key = region label, value = env label. The upstream test builds one toleration per
    // cluster (two identical east=prod ones, which the webhook would reject as duplicates); one suffices.
    const objects = fleetObjects();
    for (const o of objects) {
      if ([C1, C2, C6].includes(o.metadata.name)) o.spec.taints = [{ key: o.metadata.labels.region, value: o.metadata.labels.env, effect: 'NoSchedule' }];
    }
    const crp = (name: string, policy?: any): any => ({ apiVersion: 'placement.kubernetes-fleet.io/v1', kind: 'ClusterResourcePlacement', metadata: { name }, spec: { resourceSelectors: [{ group: '', version: 'v1', kind: 'Namespace', name: 'a' }], ...(policy ? { policy } : {}) } });
    const plan = planKubeFleet([...objects, crp('no-policy'), crp('tolerant', {
      placementType: 'PickAll',
      affinity: { clusterAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { clusterSelectorTerms: [{ labelSelector: { matchLabels: { env: 'prod' }, matchExpressions: [{ key: 'region', operator: 'In', values: ['east', 'west'] }] } }] } } },
      tolerations: [{ key: 'east', operator: 'Equal', value: 'prod', effect: 'NoSchedule' }],
    })], OPTIONS);
    const [noPolicy, tolerant] = plan.placements.map((p) => p.schedule);
    expect(noPolicy.placementType).toBe('PickAll');
    expect(noPolicy.selected).toEqual([C3, C4, C5, C7]);
    expect(noPolicy.notSelected[C1]).toBe('taint {Key:east Value:prod Effect:NoSchedule} cannot be tolerated');
    expect(tolerant.selected).toEqual([C1, C2]);
    expect(tolerant.notSelected[C6]).toBe('taint {Key:west Value:prod Effect:NoSchedule} cannot be tolerated');
    expect(tolerant.notSelected[C3]).toBe('does not match the required cluster affinity term: label env=canary does not match env=prod');
  });

  test('PickFixed keeps the listed order, ignores taints and reports unknown and ineligible names', () => {
    const r = schedule({ placementType: 'PickFixed', clusterNames: [C6, C1, C8, 'non-existent-cluster'] });
    expect(r.selected).toEqual([C6, C1]);
    expect(r.notFound).toEqual(['non-existent-cluster']);
    expect(r.notSelected[C8]).toMatch(/^is listed in clusterNames but not eligible: cluster is not connected to the fleet/);
    expect(r.notSelected[C2]).toBe('is not in the PickFixed clusterNames');
  });

  test('eligibility (kubefleet pkg/scheduler/clustereligibilitychecker/checker.go)', () => {
    const base = kubeFleetVectorMemberCluster(FLEET_VECTOR.clusters[0]);
    const withAgent = (agent: any): any => fleetClusterFromObject({ ...base, status: { agentStatus: agent ? [agent] : [] } });
    const now = { now: NOW };
    expect(ineligibility(fleetClusterFromObject({ ...base, status: undefined }), now)).toBeUndefined();
    expect(ineligibility(withAgent(undefined), now)).toBe('cluster is not connected to the fleet: member agent not online yet');
    expect(ineligibility(withAgent({ type: 'MemberAgent', lastReceivedHeartbeat: '2025-12-31T23:50:00Z', conditions: [] }), now)).toBe('cluster is not connected to the fleet: no recent heartbeat signals (last received 10.00 minutes ago)');
    expect(ineligibility(withAgent({ type: 'MemberAgent', lastReceivedHeartbeat: NOW, conditions: [{ type: 'Joined', status: 'False' }] }), now)).toBe('cluster is not connected to the fleet: member agent not joined yet');
    expect(ineligibility(withAgent({ type: 'MemberAgent', lastReceivedHeartbeat: NOW, conditions: [{ type: 'Joined', status: 'True' }] }), now)).toBe('cluster is not connected to the fleet: health condition from member agent is not available');
    const unhealthy = { type: 'MemberAgent', lastReceivedHeartbeat: NOW, conditions: [{ type: 'Joined', status: 'True' }, { type: 'Healthy', status: 'False', lastTransitionTime: '2025-12-31T23:58:00Z' }] };
    expect(ineligibility(withAgent(unhealthy), now)).toBeUndefined();
    expect(ineligibility(withAgent({ ...unhealthy, conditions: [unhealthy.conditions[0], { ...unhealthy.conditions[1], lastTransitionTime: '2025-12-31T23:00:00Z' }] }), now))
      .toBe('cluster is not connected to the fleet: unhealthy for a prolonged period of time (last transitioned 60.00 minutes ago)');
    // Without an evaluation time the simulator never reads the clock: ages are not checked.
    expect(ineligibility(withAgent({ type: 'MemberAgent', lastReceivedHeartbeat: '2000-01-01T00:00:00Z', conditions: [{ type: 'Joined', status: 'True' }, { type: 'Healthy', status: 'True' }] }))).toBeUndefined();
  });

  test('declared MemberClusters without status are assumed joined, and the plan says so', () => {
    const plan = planKubeFleet([
      { apiVersion: 'cluster.kubernetes-fleet.io/v1', kind: 'MemberCluster', metadata: { name: 'a', labels: { env: 'prod' } }, spec: { identity: { kind: 'User', name: 'a' } } },
      { apiVersion: 'placement.kubernetes-fleet.io/v1', kind: 'ClusterResourcePlacement', metadata: { name: 'p' }, spec: { resourceSelectors: [{ group: '', version: 'v1', kind: 'Namespace', name: 'x' }] } },
    ]);
    expect(plan.placements[0].schedule.selected).toEqual(['a']);
    expect(plan.assumptions).toEqual(['MemberClusters without status are assumed joined and healthy: a']);
  });

  test('a placement the hub rejects schedules nothing', () => {
    const r = schedule({ placementType: 'PickAll', numberOfClusters: 2 });
    expect(r.rejected).toBe('clusterNames, numberOfClusters, and topologySpreadConstraints cannot be set when placementType is PickAll');
    expect(r.selected).toEqual([]);
  });
});

describe('staged update runs (kubefleet pkg/controllers/updaterun/initialization.go)', () => {
  const members = (): any[] => [
    ['m-1', { env: 'canary', order: '2' }],
    ['m-2', { env: 'canary', order: '1' }],
    ['m-3', { env: 'prod' }],
    ['m-4', { env: 'prod' }],
    ['m-5', { env: 'prod' }],
  ].map(([name, labels]) => ({ apiVersion: 'cluster.kubernetes-fleet.io/v1', kind: 'MemberCluster', metadata: { name, labels }, spec: { identity: { kind: 'User', name } } }));
  const crp = (strategy: any = { type: 'External' }): any => ({ apiVersion: 'placement.kubernetes-fleet.io/v1', kind: 'ClusterResourcePlacement', metadata: { name: 'app' }, spec: { resourceSelectors: [{ group: '', version: 'v1', kind: 'Namespace', name: 'app' }], strategy } });
  const strategy = (stages: any[]): any => ({ apiVersion: 'placement.kubernetes-fleet.io/v1', kind: 'ClusterStagedUpdateStrategy', metadata: { name: 'stages' }, spec: { stages } });
  const run = { apiVersion: 'placement.kubernetes-fleet.io/v1', kind: 'ClusterStagedUpdateRun', metadata: { name: 'run' }, spec: { placementName: 'app', stagedRolloutStrategyName: 'stages', state: 'Run' } };

  test('stages take their clusters in sortingLabelKey then name order, with maxConcurrency resolved', () => {
    const plan = planKubeFleet([...members(), crp(), run, strategy([
      { name: 'canary', labelSelector: { matchLabels: { env: 'canary' } }, sortingLabelKey: 'order', afterStageTasks: [{ type: 'TimedWait', waitTime: '1h' }] },
      { name: 'prod', labelSelector: { matchLabels: { env: 'prod' } }, maxConcurrency: '50%', beforeStageTasks: [{ type: 'Approval' }], afterStageTasks: [{ type: 'Approval' }] },
    ])]);
    expect(plan.placements[0].rollout).toEqual({
      type: 'External',
      updateRuns: [{
        name: 'run',
        strategy: 'stages',
        state: 'Run',
        stages: [
          { name: 'canary', clusters: ['m-2', 'm-1'], maxConcurrency: 1, approvalBefore: false, after: ['TimedWait 1h'] },
          { name: 'prod', clusters: ['m-3', 'm-4', 'm-5'], maxConcurrency: 1, approvalBefore: true, after: ['Approval'] },
        ],
      }],
    });
    expect(stageMaxConcurrency('50%', 5)).toBe(2);
    expect(stageMaxConcurrency('10%', 3)).toBe(1);
    expect(stageMaxConcurrency(3, 2)).toBe(3);
  });

  test('a cluster in two stages, or in none, fails initialization', () => {
    const both = planKubeFleet([...members(), crp(), run, strategy([{ name: 'a', labelSelector: {} }, { name: 'b', labelSelector: { matchLabels: { env: 'prod' } } }])]);
    expect(both.placements[0].rollout.updateRuns[0].error).toBe('cluster `m-3` appears in more than one stages');
    const none = planKubeFleet([...members(), crp(), run, strategy([{ name: 'a', labelSelector: { matchLabels: { env: 'canary' } } }, { name: 'b' }])]);
    expect(none.placements[0].rollout.updateRuns[0].error).toBe('some clusters are not placed in any stage, total 3, showing up to 10: m-3, m-4, m-5');
  });

  test('a run over a placement without the External strategy, or with no placement, fails', () => {
    const rolling = planKubeFleet([...members(), crp({ type: 'RollingUpdate' }), run, strategy([{ name: 'a', labelSelector: {} }])]);
    expect(rolling.placements[0].rollout.type).toBe('RollingUpdate');
    expect(rolling.placements[0].rollout.updateRuns[0].error).toMatch(/does not have an external rollout strategy/);
    const orphan = planKubeFleet([...members(), run, strategy([{ name: 'a', labelSelector: {} }])]);
    expect(orphan.orphanRuns[0].error).toBe('parent placement `app` not found');
  });
});
