import * as fs from 'fs';
import * as path from 'path';
import { runEnginesVector } from '../support/conformance/engines';
import { clusterMatches, clusterAffinityMismatch, planKarmada, scheduleKarmadaPlacement, staticWeights, websterSeats } from '../../lib/plan/karmada';
import type { KarmadaCluster, KarmadaClusterAffinityJson, KarmadaPlacementJson } from '../../lib/plan/karmada';

const VECTORS = path.resolve(__dirname, '../../../shared/conformance/engines');

describe('conformance vectors (../shared/conformance/engines, karmada)', () => {
  const files = fs.readdirSync(VECTORS).filter((f) => f.startsWith('karmada-') && f.endsWith('.json')).sort();

  test('every karmada vector passes', () => {
    expect(files.length).toBeGreaterThan(0);
    const failures = files.flatMap((f) => runEnginesVector(JSON.parse(fs.readFileSync(path.join(VECTORS, f), 'utf8'))).map((m) => `${f}: ${m}`));
    expect(failures).toEqual([]);
  });

  test('the runner reports a wrong division instead of ignoring it', () => {
    const v = JSON.parse(fs.readFileSync(path.join(VECTORS, 'karmada-weight-02-3-2-1-13.json'), 'utf8'));
    expect(runEnginesVector({ ...v, expected: [{ name: 'member1', replicas: 6 }, { name: 'member2', replicas: 5 }, { name: 'member3', replicas: 2 }] })).toEqual([
      'expected: got [{"name":"member1","replicas":7},{"name":"member2","replicas":4},{"name":"member3","replicas":2}], want [{"name":"member1","replicas":6},{"name":"member2","replicas":5},{"name":"member3","replicas":2}]',
    ]);
  });
});

describe('ClusterMatches (karmada pkg/util/selector_test.go TestClusterMatches)', () => {
  const cluster: KarmadaCluster = { name: 'cluster1', labels: { foo: 'bar' }, zones: ['zone1', 'zone2', 'zone3'], region: 'region1', provider: 'provider1' };
  const zones = cluster.zones as string[];
  const f = (key: string, operator: string, values?: string[]): any => ({ fieldSelector: { matchExpressions: [values ? { key, operator, values } : { key, operator }] } });
  const labels = (v: string): any => ({ labelSelector: { matchLabels: { foo: v } } });
  const names = (...n: string[]): any => ({ clusterNames: n });
  const cases: [string, KarmadaClusterAffinityJson, boolean][] = [
    ['test cluster excluded and names', { exclude: ['cluster1'], ...names('cluster1') }, false],
    ['test cluster excluded and label selector', { exclude: ['cluster1'], ...labels('bar') }, false],
    ['test cluster excluded and field selector', { exclude: ['cluster1'], ...f('zone', 'In', zones) }, false],
    ['test cluster names', names('cluster1'), true],
    ['test cluster names not matched', names('cluster2'), false],
    ['test cluster names and label selector', { ...labels('bar'), ...names('cluster1') }, true],
    ['test cluster names and label selector not matched', { ...labels('unmatched'), ...names('cluster1') }, false],
    ['test cluster names and field selector(zone & region)', { ...names('cluster1'), fieldSelector: { matchExpressions: [{ key: 'zone', operator: 'In', values: zones }, { key: 'region', operator: 'In', values: ['region1'] }] } }, true],
    ['test cluster names and field selector(provider)', { ...names('cluster1'), ...f('provider', 'In', ['provider1']) }, true],
    ['test cluster names and field selector(region)', { ...names('cluster1'), ...f('region', 'In', ['region1']) }, true],
    ['test cluster names and field selector(zone not in)', { ...names('cluster1'), ...f('zone', 'NotIn', zones) }, false],
    ['test cluster names and field selector(provider not in)', { ...names('cluster1'), ...f('provider', 'NotIn', ['provider1']) }, false],
    ['test cluster names and field selector(region not in)', { ...names('cluster1'), ...f('region', 'NotIn', ['region1']) }, false],
    ['test label selector and field selector(zone)', { ...labels('bar'), ...f('zone', 'In', zones) }, true],
    ['test label selector and field selector(provider)', { ...labels('bar'), ...f('provider', 'In', ['provider1']) }, true],
    ['test label selector and field selector(region)', { ...labels('bar'), ...f('region', 'In', ['region1']) }, true],
    ['test label selector and field selector(zone not in)', { ...labels('bar'), ...f('zone', 'NotIn', zones) }, false],
    ['test label selector and field selector(provider) [NotIn]', { ...labels('bar'), ...f('provider', 'NotIn', ['provider1']) }, false],
    ['test label selector and field selector(region) [NotIn]', { ...labels('bar'), ...f('region', 'NotIn', ['region1']) }, false],
    ['test label selector', labels('bar'), true],
    ['test label selector not matched', labels('unmatched'), false],
    ['test empty cluster affinity matched', {}, true],
    ['test label selector error', { labelSelector: { matchLabels: { '': 'bar' } } }, false],
    ['test field selector error', { fieldSelector: { matchExpressions: [{ key: '' } as any] } }, false],
    ['test field selector zone matched', f('zone', 'In', zones), true],
    ['test field selector zone partially matched', { ...names('cluster1'), ...f('zone', 'NotIn', zones) }, false],
    ['test field selector zone not matched', { ...names('cluster1'), ...f('zone', 'In', ['zone2']) }, true],
    ['test field selector region matched', f('region', 'In', ['region1']), true],
    ['test field selector region not matched [NotIn]', { ...names('cluster1'), ...f('region', 'NotIn', ['region1']) }, false],
    ['test field selector region not matched [In]', { ...names('cluster1'), ...f('region', 'In', ['region2']) }, false],
    ['test field selector provider matched', f('provider', 'In', ['provider1']), true],
    ['test field selector provider not matched [NotIn]', f('provider', 'NotIn', ['provider1']), false],
    ['test field selector provider not matched [In]', f('provider', 'In', ['provider2']), false],
    ['test field selector other key not matched', f('metadata.name', 'In', ['cluster1']), false],
    ['test field selector cluster names and label selector', { ...f('zone', 'In', zones), ...labels('bar'), ...names('cluster1') }, true],
    ['test field selector cluster names and label selector not matched [names]', { ...f('zone', 'In', zones), ...labels('bar'), ...names('cluster2') }, false],
    ['test field selector cluster names and label selector not matched [zone NotIn]', { ...f('zone', 'NotIn', zones), ...labels('bar'), ...names('cluster1') }, false],
    ['test field selector cluster names and label selector not matched [label]', { ...f('zone', 'In', zones), ...labels('Unmatched'), ...names('cluster1') }, false],
  ];
  test.each(cases)('%s', (_name, affinity, want) => {
    expect(clusterMatches(cluster, affinity)).toBe(want);
  });

  test('the first reason follows the upstream order: exclude, labels, zones, other fields, names', () => {
    expect(clusterAffinityMismatch(cluster, { exclude: ['cluster1'], ...labels('x') }, 'clusterAffinity')).toBe('excluded by clusterAffinity.exclude');
    expect(clusterAffinityMismatch(cluster, { ...labels('x'), ...names('cluster2') }, 'clusterAffinity')).toBe('clusterAffinity.labelSelector: label foo=bar does not match foo=x');
    expect(clusterAffinityMismatch(cluster, { fieldSelector: { matchExpressions: [{ key: 'region', operator: 'In', values: ['r2'] }, { key: 'zone', operator: 'In', values: ['z9'] }] } }, 'clusterAffinity'))
      .toBe('clusterAffinity.fieldSelector: has zones [zone1, zone2, zone3], none of them in zone In (z9)');
    expect(clusterAffinityMismatch(cluster, f('metadata.name', 'In', ['cluster1']), 'clusterAffinity')).toBe('clusterAffinity.fieldSelector: field selector key "metadata.name" is not provider, region or zone, so it never matches');
    expect(clusterAffinityMismatch({ name: 'c', labels: {} }, f('region', 'In', ['eu']), 'clusterAffinity')).toBe('clusterAffinity.fieldSelector: has no region (wanted region In (eu))');
  });
});

describe('TaintToleration (karmada pkg/scheduler/framework/plugins/tainttoleration/taint_toleration_test.go)', () => {
  const tainted: KarmadaCluster = { name: 'cluster1', labels: {}, taints: [{ key: 'key1', value: 'value1', effect: 'NoSchedule' }] };

  test('"no taints", "tolerated taint" and "untolerated taint"', () => {
    expect(scheduleKarmadaPlacement([{ name: 'cluster1', labels: {} }], {}).selected).toEqual([{ cluster: 'cluster1' }]);
    expect(scheduleKarmadaPlacement([tainted], { clusterTolerations: [{ key: 'key1', operator: 'Equal', value: 'value1', effect: 'NoSchedule' }] }).selected).toEqual([{ cluster: 'cluster1' }]);
    const r = scheduleKarmadaPlacement([tainted], {});
    expect(r.selected).toEqual([]);
    expect(r.notSelected.cluster1).toContain('untolerated taint {key1=value1:NoSchedule}');
    expect(r.error).toBe('0/1 clusters are available: no cluster passes the filters');
  });

  test('NoExecute taints filter too; PreferNoSchedule and an Exists toleration with no key do not block', () => {
    const c = (effect: string): KarmadaCluster => ({ name: 'c', labels: {}, taints: [{ key: 'k', effect }] });
    expect(scheduleKarmadaPlacement([c('NoExecute')], {}).selected).toEqual([]);
    expect(scheduleKarmadaPlacement([c('PreferNoSchedule')], {}).selected).toEqual([{ cluster: 'c' }]);
    expect(scheduleKarmadaPlacement([c('NoExecute')], { clusterTolerations: [{ operator: 'Exists' }] }).selected).toEqual([{ cluster: 'c' }]);
  });
});

describe('static-weight division (karmada pkg/scheduler/core/assignment_test.go Test_assignByStaticWeightStrategy)', () => {
  const members = ['member1', 'member2', 'member3'].map((name): KarmadaCluster => ({ name, labels: {} }));
  const weighted = (...w: [string, number][]): KarmadaPlacementJson => ({
    replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted', weightPreference: { staticWeightList: w.map(([n, weight]) => ({ targetCluster: { clusterNames: [n] }, weight })) } },
  });
  const split = (clusters: KarmadaCluster[], p: KarmadaPlacementJson, replicas: number): Record<string, number> =>
    Object.fromEntries(scheduleKarmadaPlacement(clusters, p, { replicas }).selected.map((t) => [t.cluster, t.replicas!]));

  test('"replica 12, weight 3:2:1", "replica 13, weight 3:2:1", "replica 14, weight 3:2:1"', () => {
    const p = weighted(['member1', 3], ['member2', 2], ['member3', 1]);
    expect(split(members, p, 12)).toEqual({ member1: 6, member2: 4, member3: 2 });
    expect(split(members, p, 13)).toEqual({ member1: 7, member2: 4, member3: 2 });
    expect(split(members, p, 14)).toEqual({ member1: 7, member2: 5, member3: 2 });
  });

  test('"replica 12, default weight"', () => {
    expect(split(members, { replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted' } }, 12)).toEqual({ member1: 4, member2: 4, member3: 4 });
  });

  test('"selected cluster without weight should be ignored": it gets no replicas and says why', () => {
    const r = scheduleKarmadaPlacement(members.slice(0, 2), weighted(['member1', 1]), { replicas: 2 });
    expect(r.selected).toEqual([{ cluster: 'member1', replicas: 2, weight: 1 }]);
    expect(r.notSelected.member2).toBe('matches no staticWeightList entry, so its weight is 0 and it gets no replicas');
  });

  test('"cluster with multiple weights": the maximum of the matching weights counts', () => {
    expect(staticWeights(members.slice(0, 2), [{ targetCluster: { clusterNames: ['member1'] }, weight: 1 }, { targetCluster: { clusterNames: ['member2'] }, weight: 1 }, { targetCluster: { clusterNames: ['member1'] }, weight: 2 }]))
      .toEqual([{ name: 'member1', weight: 2 }, { name: 'member2', weight: 1 }]);
  });

  test('weights by label: targetCluster is a full ClusterAffinity; all-zero weights fall back to 1 each', () => {
    const clusters: KarmadaCluster[] = [{ name: 'a', labels: { size: 'large' } }, { name: 'b', labels: { size: 'small' } }];
    expect(staticWeights(clusters, [{ targetCluster: { labelSelector: { matchLabels: { size: 'large' } } }, weight: 3 }])).toEqual([{ name: 'a', weight: 3 }]);
    expect(staticWeights(clusters, [{ targetCluster: { clusterNames: ['zzz'] }, weight: 3 }])).toEqual([{ name: 'a', weight: 1 }, { name: 'b', weight: 1 }]);
  });

  test('a cluster left with 0 replicas after the division is dropped, with its share as the reason', () => {
    const r = scheduleKarmadaPlacement(members, weighted(['member1', 5], ['member2', 1], ['member3', 1]), { replicas: 2 });
    expect(r.selected).toEqual([{ cluster: 'member1', replicas: 2, weight: 5 }]);
    expect(r.notSelected.member2).toBe('gets 0 of 2 replicas (weight 1 of 7), and Karmada drops clusters with no replicas');
  });

  test('Duplicated gives every selected cluster the full count; the policy-level view shows static weights', () => {
    expect(split(members, { replicaScheduling: { replicaSchedulingType: 'Duplicated' } }, 5)).toEqual({ member1: 5, member2: 5, member3: 5 });
    expect(scheduleKarmadaPlacement(members, weighted(['member1', 3])).selected).toEqual([{ cluster: 'member1', weight: 3 }]);
  });
});

describe('Webster apportionment (karmada pkg/util/helper/webstermethod_test.go, binding_test.go)', () => {
  const parties = [{ name: 'PartyA', weight: 100000 }, { name: 'PartyB', weight: 80000 }, { name: 'PartyC', weight: 30000 }, { name: 'PartyD', weight: 20000 }];
  const seats = (n: number, p = parties, desc = false): number[] => websterSeats(n, p, desc).map((s) => s.seats);

  test('TestAllocateWebsterSeats "classic example", rounds 1 to 8', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => seats(n))).toEqual([
      [1, 0, 0, 0], [1, 1, 0, 0], [2, 1, 0, 0], [2, 1, 1, 0], [2, 2, 1, 0], [2, 2, 1, 1], [3, 2, 1, 1], [3, 3, 1, 1],
    ]);
    expect(websterSeats(1, [])).toEqual([]);
    expect(seats(0)).toEqual([0, 0, 0, 0]);
  });

  test('Test_dispenser_AllocateByWeight brand-new and HA cases (empty UID: names ascending)', () => {
    const abc = [{ name: 'A', weight: 170 }, { name: 'B', weight: 110 }, { name: 'C', weight: 60 }];
    expect(seats(5, abc)).toEqual([2, 2, 1]);
    expect(seats(6, abc)).toEqual([3, 2, 1]);
    const ha = [{ name: 'A', weight: 2 }, { name: 'B', weight: 1 }];
    expect([1, 2, 3].map((n) => seats(n, ha))).toEqual([[1, 0], [1, 1], [2, 1]]);
  });

  test('"brand new assign 5 replicas with odd/even uuid": the UID decides exact ties, so the plan warns', () => {
    const ab = [{ name: 'A', weight: 1 }, { name: 'B', weight: 1 }];
    expect(seats(5, ab, false)).toEqual([3, 2]);
    expect(seats(5, ab, true)).toEqual([2, 3]);
    const r = scheduleKarmadaPlacement([{ name: 'A', labels: {} }, { name: 'B', labels: {} }], { replicaScheduling: { replicaSchedulingType: 'Divided' } }, { replicas: 5 });
    expect(r.selected).toEqual([{ cluster: 'A', replicas: 3, weight: 1 }, { cluster: 'B', replicas: 2, weight: 1 }]);
    expect(r.warnings).toEqual([expect.stringMatching(/^exact ties in the Webster division: .*so the split may be A=2, B=3 instead/)]);
    expect(scheduleKarmadaPlacement([{ name: 'A', labels: {} }, { name: 'B', labels: {} }], { replicaScheduling: { replicaSchedulingType: 'Divided' } }, { replicas: 4 }).warnings).toEqual([]);
  });
});

describe('planKarmada over control-plane objects', () => {
  const cluster = (name: string, labels: Record<string, string> = {}, spec: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): any =>
    ({ apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name, labels, ...extra }, spec: { syncMode: 'Push', ...spec } });
  const pp = (name: string, spec: any, namespace = 'apps'): any => ({ apiVersion: 'policy.karmada.io/v1alpha1', kind: 'PropagationPolicy', metadata: { name, namespace }, spec });
  const cpp = (name: string, spec: any): any => ({ apiVersion: 'policy.karmada.io/v1alpha1', kind: 'ClusterPropagationPolicy', metadata: { name }, spec });
  const deploy = (name: string, replicas?: number, labels: Record<string, string> = {}, namespace = 'apps'): any =>
    ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace, labels }, spec: replicas === undefined ? {} : { replicas } });
  const clusters = [cluster('a', { env: 'prod' }, { region: 'eu' }), cluster('b', { env: 'prod' }, { region: 'us' }), cluster('c', { env: 'dev' })];

  test('templates go to the claiming policy: a PropagationPolicy beats a ClusterPropagationPolicy, then priority, precision and name (karmada pkg/detector/compare.go)', () => {
    const plan = planKarmada([
      ...clusters,
      deploy('web', 4, { app: 'web' }),
      deploy('api', 2, { app: 'api' }),
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ignored', namespace: 'kube-system' } },
      pp('by-labels', { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', labelSelector: { matchLabels: { app: 'web' } } }] }),
      pp('by-name', { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }] }),
      pp('all-high', { priority: 5, resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' }] }),
      pp('all-low', { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment' }] }),
      cpp('everything', { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment' }, { apiVersion: 'v1', kind: 'Namespace' }, { apiVersion: 'v1', kind: 'ConfigMap' }] }),
    ]);
    const claims = Object.fromEntries(plan.policies.map((p) => [p.schedule.name, p.resources.map((r) => r.name)]));
    expect(claims).toEqual({ 'everything': ['apps'], 'all-high': ['api'], 'all-low': [], 'by-labels': [], 'by-name': ['web'] });
    expect(plan.unclaimed).toEqual(['ConfigMap/kube-system/ignored']);
    expect(plan.clusters).toEqual(['a', 'b', 'c']);
  });

  test('each claimed workload is divided with its own replica count (Deployment replicas default to 1)', () => {
    const plan = planKarmada([
      ...clusters,
      deploy('web', 3),
      deploy('one'),
      pp('weighted', {
        resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment' }],
        placement: {
          clusterAffinity: { labelSelector: { matchLabels: { env: 'prod' } } },
          replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted', weightPreference: { staticWeightList: [{ targetCluster: { fieldSelector: { matchExpressions: [{ key: 'region', operator: 'In', values: ['eu'] }] } }, weight: 2 }, { targetCluster: { clusterNames: ['b'] }, weight: 1 }] } },
        },
      }),
    ]);
    const [p] = plan.policies;
    expect(p.schedule.selected).toEqual([{ cluster: 'a', weight: 2 }, { cluster: 'b', weight: 1 }]);
    expect(p.schedule.notSelected).toEqual({ c: 'clusterAffinity.labelSelector: label env=dev does not match env=prod' });
    const byName = Object.fromEntries(p.resources.map((r) => [r.name, r.schedule]));
    expect(byName.web.selected).toEqual([{ cluster: 'a', replicas: 2, weight: 2 }, { cluster: 'b', replicas: 1, weight: 1 }]);
    expect(byName.one.selected).toEqual([{ cluster: 'a', replicas: 1, weight: 2 }]);
    expect(byName.one.notSelected.b).toBe('gets 0 of 1 replicas (weight 1 of 3), and Karmada drops clusters with no replicas');
  });

  test('clusterAffinities: the first group with a feasible cluster wins (karmada pkg/scheduler/scheduler.go)', () => {
    const plan = planKarmada([...clusters, pp('dr', { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment' }], placement: { clusterAffinities: [
      { affinityName: 'primary', clusterNames: ['gone'] },
      { affinityName: 'backup', labelSelector: { matchLabels: { env: 'dev' } } },
    ] } })]);
    const s = plan.policies[0].schedule;
    expect(s.affinityName).toBe('backup');
    expect(s.selected).toEqual([{ cluster: 'c' }]);
    expect(s.notSelected.a).toBe('clusterAffinities[1] "backup".labelSelector: label env=prod does not match env=dev');
  });

  test('spread constraints: all feasible clusters when maxGroups covers them, undetermined when they cut the list, an error below minGroups', () => {
    const spec = (maxGroups: number, minGroups = 1): any => ({ resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment' }], placement: { spreadConstraints: [{ spreadByField: 'cluster', maxGroups, minGroups }] } });
    const [all, cut, few] = planKarmada([...clusters, pp('all', spec(5)), pp('cut', spec(2)), pp('few', spec(5, 4))]).policies.map((p) => p.schedule);
    expect(all.selected.map((t) => t.cluster)).toEqual(['a', 'b', 'c']);
    expect(cut.selected).toEqual([]);
    expect(cut.feasible).toEqual(['a', 'b', 'c']);
    expect(cut.undetermined).toBe('spreadConstraints cluster maxGroups 2 picks 2 of 3 feasible clusters by score and available replicas at run time');
    expect(few.error).toBe('the number of feasible clusters (3) is less than spreadConstraint.MinGroups (4)');
  });

  test('a region spread constraint filters clusters without a region; deleting clusters are skipped', () => {
    const plan = planKarmada([...clusters, cluster('d', {}, { region: 'ap' }, { deletionTimestamp: '2026-01-01T00:00:00Z' }), pp('by-region', { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment' }], placement: { spreadConstraints: [{ spreadByField: 'cluster', maxGroups: 3 }, { spreadByField: 'region', maxGroups: 2 }] } })]);
    const s = plan.policies[0].schedule;
    expect(s.notSelected.c).toBe('has no region, which spreadConstraints spreadByField region needs');
    expect(s.notSelected.d).toBe('is being deleted, so the scheduler skips it');
    expect(s.undetermined).toMatch(/^spreadConstraints by region pick regions/);
  });

  test('Aggregated and dynamic-weight division are undetermined for workloads (estimator capacity)', () => {
    const plan = planKarmada([...clusters, deploy('web', 3), pp('agg', { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment' }], placement: { replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' } } })]);
    const r = plan.policies[0].resources[0].schedule;
    expect(r.selected).toEqual([{ cluster: 'a' }, { cluster: 'b' }, { cluster: 'c' }]);
    expect(r.undetermined).toBe('Aggregated division assigns replicas by the available replicas the estimators report at run time');
  });

  test('policies the webhook rejects never claim templates and select nothing', () => {
    const plan = planKarmada([...clusters, deploy('web', 1), pp('bad', { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'other' }] })]);
    const p = plan.policies[0];
    expect(p.schedule.rejected).toBe('spec.resourceSelectors[0].namespace: Invalid value: "other": namespace of resource selector must be the same as the namespace of the policy');
    expect(p.resources).toEqual([]);
    expect(plan.unclaimed).toEqual(['Deployment/apps/web']);
    expect(planKarmada([...clusters, pp('both', { resourceSelectors: [{ apiVersion: 'v1', kind: 'Service' }], placement: { clusterAffinity: {}, clusterAffinities: [{ affinityName: 'x' }] } })]).policies[0].schedule.rejected)
      .toBe('spec.placement: clusterAffinities cannot co-exist with clusterAffinity');
  });
});

describe('overflowAffinities (karmada pkg/scheduler/framework/plugins/clusteraffinity/cluster_affinity.go)', () => {
  test('workloads may also use the overflow groups of the chosen term; the policy-level view uses the term only', () => {
    const clusters: KarmadaCluster[] = [{ name: 'a', labels: { tier: 'primary' } }, { name: 'b', labels: { tier: 'burst' } }];
    const placement: KarmadaPlacementJson = {
      clusterAffinities: [{ affinityName: 'main', labelSelector: { matchLabels: { tier: 'primary' } }, overflowAffinities: [{ affinityName: 'burst', labelSelector: { matchLabels: { tier: 'burst' } } }] }],
      replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' },
    };
    expect(scheduleKarmadaPlacement(clusters, placement).feasible).toEqual(['a']);
    const workload = scheduleKarmadaPlacement(clusters, placement, { replicas: 10 });
    expect(workload.feasible).toEqual(['a', 'b']);
    expect(workload.undetermined).toMatch(/^Aggregated division assigns replicas by the available replicas/);
  });
});
