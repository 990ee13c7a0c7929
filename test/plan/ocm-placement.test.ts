import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { runOcmPlacementVector } from '../support/conformance/ocm-placement';
import { hubStateFromObjects } from '../../lib/plan/ocm/model';
import type { HubCluster, HubState, PlacementInput } from '../../lib/plan/ocm/model';
import { prepareHubState, scheduleAll, schedulePlacement } from '../../lib/plan/ocm/placement';

const VECTORS = path.resolve(__dirname, '../../../shared/conformance/ocm-placement');
const SET_LABEL = 'cluster.open-cluster-management.io/clusterset';

function cluster(name: string, labels: Record<string, string> = {}, extra: Partial<HubCluster> = {}): HubCluster {
  return { name, labels, claims: {}, taints: [], ...extra };
}

/** A hub with a `global` set (every cluster) bound to `ns`. */
function globalHub(clusters: HubCluster[], extra: Partial<HubState> = {}): HubState {
  return {
    clusters,
    clusterSets: [{ name: 'global', selectorType: 'LabelSelector', labelSelector: {} }],
    bindings: [{ namespace: 'ns', clusterSet: 'global' }],
    ...extra,
  };
}

function placement(spec: PlacementInput['spec'] = {}, name = 'web'): PlacementInput {
  return { namespace: 'ns', name, spec };
}

describe('conformance vectors', () => {
  const files = fs.readdirSync(VECTORS).filter((f) => f.endsWith('.json')).sort();

  test('the vector folder is found and not empty', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  test('every ocm-placement vector passes', () => {
    const failures: string[] = [];
    for (const f of files) {
      for (const m of runOcmPlacementVector(JSON.parse(fs.readFileSync(path.join(VECTORS, f), 'utf8')))) failures.push(`${f}: ${m}`);
    }
    expect(failures).toEqual([]);
  });

  test('the runner reports wrong and unknown expectations instead of ignoring them', () => {
    const v = JSON.parse(fs.readFileSync(path.join(VECTORS, '01-predicate-label-selector.json'), 'utf8'));
    expect(runOcmPlacementVector({ ...v, expectedDecisions: ['cluster2'] })).toEqual([
      'expectedDecisions: got ["cluster1"], want ["cluster2"]',
    ]);
    expect(runOcmPlacementVector({ ...v, expectedSpread: 1 })).toEqual(['unknown expectation "expectedSpread": the runner cannot assert it']);
    expect(runOcmPlacementVector({ ...v, sortBy: 'Score' })).toEqual(['unknown vector key "sortBy": the runner would ignore it']);
  });
});

describe('reasons for clusters that are not selected', () => {
  test('namespace without a binding', () => {
    const r = schedulePlacement(globalHub([cluster('a')]), { namespace: 'ops', name: 'p', spec: {} });
    expect(r.notSelected).toEqual({ a: 'namespace ops has no ManagedClusterSetBinding' });
    expect(r.satisfied?.reason).toBe('NoManagedClusterSetBindings');
    expect(r.groups).toEqual([{ index: 0, name: '', clusters: [], clusterCount: 0, decisionNames: ['p-decision-1'], decisionSlices: [[]] }]);
  });

  test('binding to a set that does not exist', () => {
    const state: HubState = { clusters: [cluster('a')], clusterSets: [], bindings: [{ namespace: 'ns', clusterSet: 'prod' }] };
    expect(schedulePlacement(state, placement()).notSelected.a).toBe(
      'namespace ns has no ManagedClusterSetBinding to an existing ManagedClusterSet (ManagedClusterSet prod not found)',
    );
  });

  test('set membership, spec.clusterSets and deletion', () => {
    const state: HubState = {
      clusters: [
        cluster('p1', { [SET_LABEL]: 'prod' }),
        cluster('s1', { [SET_LABEL]: 'staging' }),
        cluster('d1', { [SET_LABEL]: 'dev' }),
        cluster('p2', { [SET_LABEL]: 'prod' }, { deleting: true }),
      ],
      clusterSets: [{ name: 'prod' }, { name: 'staging' }, { name: 'dev' }],
      bindings: [{ namespace: 'ns', clusterSet: 'prod' }, { namespace: 'ns', clusterSet: 'staging' }],
    };
    const all = schedulePlacement(state, placement());
    expect(all.selected).toEqual(['p1', 's1']);
    expect(all.notSelected).toEqual({ d1: 'not in an eligible cluster set (bound: prod, staging)', p2: 'being deleted' });

    const narrowed = schedulePlacement(state, placement({ clusterSets: ['prod'] }));
    expect(narrowed.selected).toEqual(['p1']);
    expect(narrowed.notSelected.s1).toBe('not in an eligible cluster set (eligible: prod; bound: prod, staging)');

    const none = schedulePlacement(state, placement({ clusterSets: ['dev'] }));
    expect(none.satisfied?.reason).toBe('NoIntersection');
    expect(none.notSelected.p1).toBe('none of spec.clusterSets (dev) is bound to namespace ns (bound: prod, staging)');
  });

  test('predicates: labels, claims, several predicates', () => {
    const state = globalHub([
      cluster('prod-1', { env: 'production' }, { claims: { region: 'eu' } }),
      cluster('stage-1', { env: 'staging' }),
      cluster('bare'),
    ]);
    const r = schedulePlacement(state, placement({ predicates: [{ requiredClusterSelector: { labelSelector: { matchExpressions: [{ key: 'env', operator: 'In', values: ['production'] }] } } }] }));
    expect(r.selected).toEqual(['prod-1']);
    expect(r.notSelected).toEqual({
      'bare': 'label env is missing (wanted env In (production))',
      'stage-1': 'label env=staging does not match env In (production)',
    });

    const claims = schedulePlacement(state, placement({ predicates: [{ requiredClusterSelector: { claimSelector: { matchExpressions: [{ key: 'region', operator: 'In', values: ['eu'] }] } } }] }));
    expect(claims.selected).toEqual(['prod-1']);
    expect(claims.notSelected.bare).toBe('claim region is missing (wanted region In (eu))');

    const two = schedulePlacement(state, placement({
      predicates: [
        { requiredClusterSelector: { labelSelector: { matchLabels: { env: 'production' } } } },
        { requiredClusterSelector: { labelSelector: { matchLabels: { env: 'dev' } } } },
      ],
    }));
    expect(two.notSelected['stage-1']).toBe('matches none of 2 predicates: label env=staging does not match env=production; label env=staging does not match env=dev');
  });

  test('CEL: false, runtime error, scores()', () => {
    const state = globalHub([cluster('a', { region: 'eu' }), cluster('b', { region: 'us' }), cluster('c')], {
      addOnPlacementScores: [{ cluster: 'a', name: 'load', scores: { cpu: 90 } }, { cluster: 'b', name: 'load', scores: { cpu: 10 } }],
    });
    const expr = 'managedCluster.metadata.labels["region"] == "eu"';
    const r = schedulePlacement(state, placement({ predicates: [{ requiredClusterSelector: { celSelector: { celExpressions: [expr] } } }] }));
    expect(r.selected).toEqual(['a']);
    expect(r.notSelected.b).toBe(`CEL expression "${expr}" is false`);
    expect(r.notSelected.c).toMatch(/^CEL expression ".*" failed: /);

    const scores = 'managedCluster.scores("load").exists(s, s.name == "cpu" && s.value > 50)';
    const s = schedulePlacement(state, placement({ predicates: [{ requiredClusterSelector: { celSelector: { celExpressions: [scores] } } }] }));
    expect(s.selected).toEqual(['a']);
    expect(s.notSelected.c).toMatch(/failed: .*not found/);
  });

  test('CEL: the strings extension, has() and claims', () => {
    const state = globalHub([cluster('Edge-1', { tier: 'EDGE' }, { claims: { 'kubeversion.open-cluster-management.io': 'v1.30.2' } }), cluster('core-1', { tier: 'core' })]);
    const r = schedulePlacement(state, placement({
      predicates: [{ requiredClusterSelector: { celSelector: { celExpressions: [
        'has(managedCluster.metadata.labels.tier) && managedCluster.metadata.labels.tier.lowerAscii() == "edge"',
        'managedCluster.status.clusterClaims.exists(c, c.name == "kubeversion.open-cluster-management.io" && c.value.startsWith("v1.30"))',
      ] } } }],
    }));
    expect(r.selected).toEqual(['Edge-1']);
  });

  test('CEL compile errors are Misconfigured; the Kubernetes CEL libraries evaluate', () => {
    const state = globalHub([cluster('a')]);
    for (const bad of ['managedCluster.metadata.name ==', 'cluster.metadata.name == "a"', 'managedCluster.metadata.name.nope()']) {
      const r = schedulePlacement(state, placement({ predicates: [{ requiredClusterSelector: { celSelector: { celExpressions: [bad] } } }] }));
      expect(r.misconfigured).toBe(true);
      expect(r.misconfiguredMessage).toMatch(/^Predicate:compilation failed/);
      expect(r.selected).toEqual([]);
      expect(r.notSelected.a).toMatch(/^placement is misconfigured \(Predicate:compilation failed/);
    }
    const q = schedulePlacement(state, placement({ predicates: [{ requiredClusterSelector: { celSelector: { celExpressions: ['quantity("1Gi").isGreaterThan(quantity("1Mi"))'] } } }] }));
    expect(q.misconfigured).toBe(false);
    expect(q.selected).toEqual(['a']);
    expect(q.warnings).toEqual([]);
  });

  test('taints: NoSelect, NoSelectIfNew, expired tolerationSeconds', () => {
    const state = globalHub([
      cluster('down', {}, { taints: [{ key: 'cluster.open-cluster-management.io/unreachable', effect: 'NoSelect' }] }),
      cluster('new', {}, { taints: [{ key: 'maintenance', value: 'true', effect: 'NoSelectIfNew' }] }),
      cluster('old', {}, { taints: [{ key: 'gpu', effect: 'NoSelect', timeAdded: '2024-01-01T00:00:00Z' }] }),
      cluster('ok', {}, { taints: [{ key: 'cost', effect: 'PreferNoSelect' }] }),
    ], { now: '2024-01-01T00:01:00Z' });
    const r = schedulePlacement(state, placement({ tolerations: [{ key: 'gpu', operator: 'Exists', tolerationSeconds: 30 }] }));
    expect(r.selected).toEqual(['ok']);
    expect(r.notSelected).toEqual({
      down: 'taint cluster.open-cluster-management.io/unreachable:NoSelect not tolerated',
      new: 'taint maintenance=true:NoSelectIfNew not tolerated (the cluster is not yet a decision of this placement)',
      old: 'taint gpu:NoSelect not tolerated (toleration expired at 2024-01-01T00:00:30Z)',
    });
  });

  test('cut by numberOfClusters, with the rank', () => {
    const state = globalHub(['c1', 'c2', 'c3', 'c4', 'c5'].map((n) => cluster(n)));
    const r = schedulePlacement(state, placement({ numberOfClusters: 3 }));
    expect(r.selected).toEqual(['c1', 'c2', 'c3']);
    expect(r.notSelected).toEqual({ c4: 'cut by numberOfClusters=3 (rank 4)', c5: 'cut by numberOfClusters=3 (rank 5)' });
    expect(r.satisfied).toEqual({ status: 'True', reason: 'AllDecisionsScheduled', message: 'All cluster decisions scheduled' });
  });
});

describe('decision groups and PlacementDecision objects', () => {
  const many = (n: number, labels: (i: number) => Record<string, string> = () => ({})): HubCluster[] =>
    Array.from({ length: n }, (_, i) => cluster(`c${String(i).padStart(3, '0')}`, labels(i)));

  test('more than 100 clusters are split into PlacementDecisions of at most 100', () => {
    const r = schedulePlacement(globalHub(many(250)), placement());
    expect(r.placementDecisions.map((d) => [d.name, d.clusters.length])).toEqual([
      ['web-decision-1', 100], ['web-decision-2', 100], ['web-decision-3', 50],
    ]);
    expect(r.groups).toHaveLength(1);
    expect(r.groups[0].decisionNames).toEqual(['web-decision-1', 'web-decision-2', 'web-decision-3']);
    expect(r.groups[0].clusterCount).toBe(250);
    expect(r.placementDecisions[2].labels).toEqual({
      'cluster.open-cluster-management.io/placement': 'web',
      'cluster.open-cluster-management.io/decision-group-name': '',
      'cluster.open-cluster-management.io/decision-group-index': '0',
    });
    expect(r.placementDecisions[1].clusters[0]).toBe('c100');
  });

  test('a large named group spans several objects and numbering continues across groups', () => {
    const r = schedulePlacement(globalHub(many(230, (i): Record<string, string> => (i < 150 ? { ring: 'canary' } : {}))), placement({
      decisionStrategy: { groupStrategy: { decisionGroups: [{ groupName: 'canary', groupClusterSelector: { labelSelector: { matchLabels: { ring: 'canary' } } } }] } },
    }));
    expect(r.groups.map((g) => [g.index, g.name, g.clusterCount, g.decisionNames])).toEqual([
      [0, 'canary', 150, ['web-decision-1', 'web-decision-2']],
      [1, '', 80, ['web-decision-3']],
    ]);
  });

  test('percentages round up as upstream computes them (7% of 100 is 8, a float artefact)', () => {
    const r = schedulePlacement(globalHub(many(100)), placement({ decisionStrategy: { groupStrategy: { clustersPerDecisionGroup: '7%' } } }));
    expect(r.groups[0].clusterCount).toBe(8);
    expect(r.groups).toHaveLength(13);
  });

  test('a count given as a string is Misconfigured and writes no PlacementDecision', () => {
    const r = schedulePlacement(globalHub(many(3)), placement({ decisionStrategy: { groupStrategy: { clustersPerDecisionGroup: '3' } } }));
    expect(r.misconfigured).toBe(true);
    expect(r.misconfiguredMessage).toBe(':3 invalid type: string is not a percentage');
    expect(r.placementDecisions).toEqual([]);
    expect(r.numberOfSelectedClusters).toBe(3);
  });
});

describe('prioritizers', () => {
  test('the Spread builtIn (API only) is Misconfigured', () => {
    const r = schedulePlacement(globalHub([cluster('a')]), placement({
      prioritizerPolicy: { mode: 'Exact', configurations: [{ scoreCoordinate: { type: 'BuiltIn', builtIn: 'Spread' }, weight: 1 }] },
    }));
    expect(r.misconfigured).toBe(true);
    expect(r.misconfiguredMessage).toBe(':incorrect builtin prioritizer: Spread');
    expect(r.selected).toEqual([]);
    expect(r.satisfied?.reason).toBe('NoManagedClusterMatched');
    expect(r.groups.map((g) => g.decisionNames)).toEqual([['web-decision-1']]);
    expect(r.notSelected.a).toBe('placement is misconfigured (:incorrect builtin prioritizer: Spread)');
  });

  test('Balance ignores the placement\'s own decisions; Steady keeps them', () => {
    const state = globalHub(['a', 'b', 'c'].map((n) => cluster(n)), {
      placementDecisions: [
        { namespace: 'ns', name: 'web-decision-1', placementLabel: 'web', clusters: ['a'] },
        { namespace: 'other', name: 'x-decision-1', placementLabel: 'x', clusters: ['a', 'b'] },
        { namespace: 'other', name: 'y-decision-1', placementLabel: 'y', clusters: ['b'] },
      ],
    });
    const r = schedulePlacement(state, placement({ numberOfClusters: 1 }));
    expect(r.scores).toEqual({ Balance: { a: 0, b: -100, c: 100 }, Steady: { a: 100, b: 0, c: 0 } });
    expect(r.totalScores).toEqual({ a: 100, b: -100, c: 100 });
    expect(r.selected).toEqual(['a']);
    expect(r.weights).toEqual({ Balance: 1, Steady: 1 });
  });

  test('AddOn scores and their expiry', () => {
    const state = globalHub(['a', 'b', 'c'].map((n) => cluster(n)), {
      now: '2025-01-01T00:00:00Z',
      addOnPlacementScores: [
        { cluster: 'a', name: 'res', scores: { free: 40 } },
        { cluster: 'b', name: 'res', scores: { free: 90 }, validUntil: '2024-12-31T00:00:00Z' },
        { cluster: 'c', name: 'res', scores: { free: 70 } },
      ],
    });
    const r = schedulePlacement(state, placement({ prioritizerPolicy: { mode: 'Exact', configurations: [{ scoreCoordinate: { type: 'AddOn', addOn: { resourceName: 'res', scoreName: 'free' } }, weight: 2 }] } }));
    expect(r.scores).toEqual({ 'AddOn/res/free': { a: 40, b: 0, c: 70 } });
    expect(r.selected).toEqual(['c', 'a', 'b']);
    expect(r.warnings.join('\n')).toMatch(/b\/res expired/);
  });
});

describe('hubStateFromObjects', () => {
  const yamlText = `
apiVersion: v1
kind: List
items:
- apiVersion: cluster.open-cluster-management.io/v1
  kind: ManagedCluster
  metadata:
    name: eu-1
    labels: { env: prod, cluster.open-cluster-management.io/clusterset: prod }
  spec:
    hubAcceptsClient: true
    taints:
    - key: cluster.open-cluster-management.io/unreachable
      effect: NoSelect
      timeAdded: "2025-01-01T00:00:00Z"
  status:
    clusterClaims:
    - { name: region, value: eu-west-1 }
    allocatable: { cpu: "8", memory: 32Gi }
    capacity: { cpu: "8", memory: 32Gi }
- apiVersion: cluster.open-cluster-management.io/v1
  kind: ManagedCluster
  metadata:
    name: eu-2
    labels: { env: prod, cluster.open-cluster-management.io/clusterset: prod }
  status:
    clusterClaims:
    - { name: region, value: eu-west-1 }
- apiVersion: cluster.open-cluster-management.io/v1
  kind: ManagedCluster
  metadata:
    name: old
    deletionTimestamp: "2025-01-01T00:00:00Z"
    labels: { cluster.open-cluster-management.io/clusterset: prod }
---
apiVersion: cluster.open-cluster-management.io/v1beta2
kind: ManagedClusterSet
metadata: { name: prod }
spec:
  clusterSelector: { selectorType: ExclusiveClusterSetLabel }
---
apiVersion: cluster.open-cluster-management.io/v1beta2
kind: ManagedClusterSetBinding
metadata: { name: prod, namespace: apps }
spec: { clusterSet: prod }
---
apiVersion: cluster.open-cluster-management.io/v1beta1
kind: Placement
metadata: { name: web, namespace: apps }
spec:
  predicates:
  - requiredClusterSelector:
      claimSelector:
        matchExpressions: [{ key: region, operator: In, values: [eu-west-1] }]
---
apiVersion: cluster.open-cluster-management.io/v1beta1
kind: PlacementDecision
metadata:
  name: web-decision-1
  namespace: apps
  labels: { cluster.open-cluster-management.io/placement: web }
status:
  decisions: [{ clusterName: eu-2, reason: "" }]
---
apiVersion: cluster.open-cluster-management.io/v1alpha1
kind: AddOnPlacementScore
metadata: { name: load, namespace: eu-1 }
status:
  scores: [{ name: cpu, value: 70 }]
---
apiVersion: v1
kind: ConfigMap
metadata: { name: ignored, namespace: apps }
`;
  const objects = parseAllDocuments(yamlText).map((d) => d.toJSON());

  test('reads every kind, including kubectl List output', () => {
    const state = hubStateFromObjects(objects);
    expect(state.clusters.map((c) => c.name)).toEqual(['eu-1', 'eu-2', 'old']);
    const eu1 = state.clusters[0];
    expect(eu1.claims).toEqual({ region: 'eu-west-1' });
    expect(eu1.taints).toEqual([{ key: 'cluster.open-cluster-management.io/unreachable', value: undefined, effect: 'NoSelect', timeAdded: '2025-01-01T00:00:00Z' }]);
    expect(eu1.allocatable).toEqual({ cpu: '8', memory: '32Gi' });
    expect(state.clusters[2].deleting).toBe(true);
    expect(state.clusterSets).toEqual([{ name: 'prod', selectorType: 'ExclusiveClusterSetLabel', labelSelector: undefined }]);
    expect(state.bindings).toEqual([{ namespace: 'apps', clusterSet: 'prod' }]);
    expect(state.placementDecisions).toEqual([{ namespace: 'apps', name: 'web-decision-1', placementLabel: 'web', clusters: ['eu-2'] }]);
    expect(state.addOnPlacementScores).toEqual([{ cluster: 'eu-1', name: 'load', scores: { cpu: 70 }, validUntil: undefined }]);
    expect(state.placements?.map((p) => `${p.namespace}/${p.name}`)).toEqual(['apps/web']);
  });

  test('schedules the placements it found', () => {
    const [r] = scheduleAll(hubStateFromObjects(objects));
    expect(r.selected).toEqual(['eu-2']);
    expect(r.notSelected).toEqual({
      'eu-1': 'taint cluster.open-cluster-management.io/unreachable:NoSelect not tolerated',
      'old': 'being deleted',
    });
  });

  test('the raw ManagedCluster is the CEL variable', () => {
    const state = hubStateFromObjects(objects);
    const r = schedulePlacement(state, {
      namespace: 'apps',
      name: 'cel',
      spec: {
        tolerations: [{ key: 'cluster.open-cluster-management.io/unreachable', operator: 'Exists' }],
        predicates: [{ requiredClusterSelector: { celSelector: { celExpressions: ['managedCluster.spec.hubAcceptsClient == true', 'managedCluster.scores("load").all(s, s.value > 50)'] } } }],
      },
    });
    expect(r.selected).toEqual(['eu-1']);
  });

  test('rejects nameless objects and duplicates', () => {
    expect(() => hubStateFromObjects([{ apiVersion: 'cluster.open-cluster-management.io/v1', kind: 'ManagedCluster', metadata: {} }])).toThrow(/metadata.name is missing/);
    const mc = { apiVersion: 'cluster.open-cluster-management.io/v1', kind: 'ManagedCluster', metadata: { name: 'a' } };
    expect(() => hubStateFromObjects([mc, mc])).toThrow(/appears twice/);
  });
});

describe('controller edge cases', () => {
  test('an unknown selectorType fails the sync: nothing is written', () => {
    const state: HubState = { clusters: [cluster('a')], clusterSets: [{ name: 'odd', selectorType: 'Magic' }], bindings: [{ namespace: 'ns', clusterSet: 'odd' }] };
    const r = schedulePlacement(state, placement());
    expect(r.error).toBe('failed to get clusterset: odd, clusters, Error: selectorType is not right: Magic');
    expect(r.placementDecisions).toEqual([]);
    expect(r.satisfied).toBeUndefined();
  });

  test('the scheduling-disable annotation keeps the existing decisions', () => {
    const state = globalHub([cluster('a'), cluster('b')], { placementDecisions: [{ namespace: 'ns', name: 'web-decision-1', placementLabel: 'web', clusters: ['b'] }] });
    const r = schedulePlacement(state, { ...placement(), annotations: { 'cluster.open-cluster-management.io/experimental-scheduling-disable': 'true' } });
    expect(r.skipped).toMatch(/disables scheduling/);
    expect(r.selected).toEqual(['b']);
    expect(r.notSelected.a).toMatch(/^placement is not scheduled/);
  });

  test('requeue time: the earliest toleration expiry among decided clusters', () => {
    const state = globalHub([
      cluster('a', {}, { taints: [{ key: 'k', effect: 'NoSelect', timeAdded: '2024-01-01T00:00:00Z' }] }),
      cluster('b', {}, { taints: [{ key: 'k', effect: 'NoSelect', timeAdded: '2024-01-01T00:00:30Z' }] }),
    ], { now: '2024-01-01T00:00:40Z', placementDecisions: [{ namespace: 'ns', name: 'web-decision-1', placementLabel: 'web', clusters: ['a', 'b'] }] });
    const r = schedulePlacement(state, placement({ tolerations: [{ key: 'k', operator: 'Exists', tolerationSeconds: 60 }] }));
    expect(r.selected).toEqual(['a', 'b']);
    expect(r.requeueTime).toBe('2024-01-01T00:01:00Z');
    expect(schedulePlacement(state, placement({ tolerations: [{ key: 'k', operator: 'Exists', tolerationSeconds: 60 }] }), { now: '2024-01-01T00:01:00Z' }).selected).toEqual(['b']);
  });
});

describe('determinism and shared preparation', () => {
  const clusters = Array.from({ length: 40 }, (_, i) => cluster(`c${i}`, { env: ['prod', 'dev'][i % 2], [SET_LABEL]: `s${i % 3}` }, {
    claims: { region: ['eu', 'us'][i % 2] },
    allocatable: { cpu: String(i % 7), memory: `${i}Gi` },
    capacity: { cpu: '8', memory: '64Gi' },
  }));
  const state: HubState = {
    clusters,
    clusterSets: [{ name: 's0' }, { name: 's1' }, { name: 's2' }],
    bindings: [{ namespace: 'ns', clusterSet: 's0' }, { namespace: 'ns', clusterSet: 's1' }, { namespace: 'ns', clusterSet: 's2' }],
    placementDecisions: [{ namespace: 'x', name: 'x-decision-1', placementLabel: 'x', clusters: ['c1', 'c2', 'c3'] }],
  };
  const placements: PlacementInput[] = [
    placement({ numberOfClusters: 7, prioritizerPolicy: { configurations: [{ scoreCoordinate: { builtIn: 'ResourceAllocatableMemory' }, weight: 2 }] } }, 'a'),
    placement({ predicates: [{ requiredClusterSelector: { labelSelector: { matchLabels: { env: 'prod' } } } }], decisionStrategy: { groupStrategy: { clustersPerDecisionGroup: '30%' } } }, 'b'),
  ];
  const shuffled = (s: HubState): HubState => ({
    ...s,
    clusters: [...s.clusters].reverse(),
    clusterSets: [...s.clusterSets].reverse(),
    bindings: [...s.bindings].reverse(),
  });

  test('input order does not change the result', () => {
    const a = JSON.stringify(scheduleAll(state, placements));
    const b = JSON.stringify(scheduleAll(shuffled(state), placements));
    expect(b).toBe(a);
    expect(JSON.stringify(scheduleAll(state, placements))).toBe(a);
  });

  test('scheduleAll equals schedulePlacement one by one, also with a PreparedHubState', () => {
    const prepared = prepareHubState(state);
    const one = placements.map((p) => JSON.stringify(schedulePlacement(state, p)));
    expect(scheduleAll(prepared, placements).map((r) => JSON.stringify(r))).toEqual(one);
    expect(placements.map((p) => JSON.stringify(schedulePlacement(prepared, p)))).toEqual(one);
  });
});
