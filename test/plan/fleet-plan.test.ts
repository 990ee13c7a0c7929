import { Testing } from 'cdk8s';
import { buildFleet } from '../../examples/fleet';
import { LabelSelector, PercentOrAbsolute, ocm, plan as fleetPlan } from '../../lib';
import { planOf } from '../../lib/fleet';
import { newHub } from '../support/fleet';

describe('fleet plan of the example fleet', () => {
  const { app } = buildFleet({ outdir: 'unused' });
  const p = planOf(app);
  const cluster = (n: string) => p.clusters.find((c) => c.name === n)!;

  test('every cluster, with the placements that select it and why the others do not', () => {
    expect(p.clusters.map((c) => c.name)).toHaveLength(12);
    expect(cluster('dc1-prod-1').placements).toEqual([
      { placement: 'cluster-inventory/inventory-addons', group: '#0' },
      { placement: 'fleet-apps/all-production', group: 'canary' },
      { placement: 'fleet-apps/canary-per-dc', group: 'dc1' },
      { placement: 'fleet-policies/production', group: '#0' },
    ]);
    expect(cluster('dc1-prod-2').notSelectedBy).toContainEqual({ subject: 'Placement fleet-apps/canary-per-dc', reason: 'label canary=false does not match canary=true' });
    expect(cluster('dc1-staging').notSelectedBy).toContainEqual({ subject: 'Placement fleet-apps/all-production', reason: expect.stringMatching(/not in an eligible cluster set \(eligible: production/) });
    expect(cluster('dc2-edge-press').claims).toEqual({ 'region.open-cluster-management.io': 'eu-west' });
  });

  test('edge-only selects exactly the four edge clusters, tolerating their taint', () => {
    const edge = p.placements.find((x) => x.id === 'edge-ops/edge-only')!;
    expect([...edge.selected].sort()).toEqual(['dc1-edge-paint', 'dc1-edge-press', 'dc2-edge-paint', 'dc2-edge-press']);
    expect(edge.groups.map((g) => g.clusters.length)).toEqual([2, 2]);
  });

  test('the progressive ManifestWorkReplicaSet rolls out canaries first, then the rest', () => {
    const w = p.workloads.find((x) => x.id === 'ManifestWorkReplicaSet fleet-apps/quality-dashboard')!;
    expect(w.waves.map((x) => x.clusters)).toEqual([['dc1-prod-1', 'dc2-prod-1'], ['dc1-prod-2', 'dc2-prod-2']]);
    expect(w.waves[0].label).toBe('all-production: mandatory group canary');
    expect(cluster('dc2-prod-2').deliveries).toContainEqual({ workload: 'ManifestWorkReplicaSet fleet-apps/quality-dashboard', wave: 2, waveLabel: 'all-production: group #1', step: 2 });
  });

  test('the plan files are byte-stable', () => {
    const again = planOf(buildFleet({ outdir: 'unused' }).app);
    expect(fleetPlan.renderPlanJson(again)).toEqual(fleetPlan.renderPlanJson(p));
    expect(fleetPlan.renderPlanMarkdown(again)).toEqual(fleetPlan.renderPlanMarkdown(p));
  });
});

describe('fleet plan against a real hub inventory', () => {
  test('inventory status replaces declared clusters; missing Available adds the unreachable taint', () => {
    const { app, hub } = newHub();
    const set = hub.addClusterSet('prod');
    hub.addCluster('a', { labels: { env: 'production' }, clusterSet: set });
    hub.addCluster('b', { labels: { env: 'production' }, clusterSet: set });
    hub.bind(set, 'apps');
    hub.addPlacement('all', { namespace: 'apps' });
    const inventory = [{
      apiVersion: 'v1', kind: 'List',
      items: [{
        apiVersion: 'cluster.open-cluster-management.io/v1', kind: 'ManagedCluster',
        metadata: { name: 'a', labels: { 'env': 'production', 'cluster.open-cluster-management.io/clusterset': 'prod' } },
        spec: { hubAcceptsClient: true },
        status: { conditions: [{ type: 'ManagedClusterConditionAvailable', status: 'Unknown' }], clusterClaims: [{ name: 'region', value: 'eu' }] },
      }],
    }];
    const p = planOf(app, inventory);
    const a = p.clusters.find((c) => c.name === 'a')!;
    expect(a.taints).toEqual(['cluster.open-cluster-management.io/unreachable:NoSelect']);
    expect(a.claims).toEqual({ region: 'eu' });
    expect(a.notSelectedBy).toEqual([{ subject: 'Placement apps/all', reason: 'taint cluster.open-cluster-management.io/unreachable:NoSelect not tolerated' }]);
    const f = p.findings.find((x) => x.id === 'FLEET006')!;
    expect(f.subject).toBe('Placement apps/all');
    expect(f.message).toMatch(/clusters a, b are new or not reporting Available/);
  });
});

describe('rule pack', () => {
  function fleet() {
    const { app, hub } = newHub({ featureGates: [ocm.FeatureGate.MANIFEST_WORK_REPLICA_SET] });
    const set = hub.addClusterSet('prod');
    for (const n of ['p1', 'p2', 'p3']) hub.addCluster(n, { labels: { env: 'production' }, clusterSet: set });
    hub.bind(set, 'apps');
    return { app, hub, set };
  }
  const ids = (app: any) => planOf(app).findings.map((f) => `${f.id} ${f.subject}`);

  test('FLEET001 fires for a placement that selects nothing, not for one that selects', () => {
    const { app, hub } = fleet();
    hub.addPlacement('none', { namespace: 'apps', selector: LabelSelector.in('env', 'staging') });
    hub.addPlacement('some', { namespace: 'apps' });
    expect(ids(app)).toContain('FLEET001 Placement apps/none');
    expect(ids(app)).not.toContain('FLEET001 Placement apps/some');
  });

  test('FLEET003 fires for production updated with rollout All, not for a progressive rollout', () => {
    const { app, hub } = fleet();
    const p = hub.addPlacement('prod', { namespace: 'apps', decisionStrategy: { clustersPerDecisionGroup: PercentOrAbsolute.count(1) } });
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default' } };
    hub.addManifestWorkReplicaSet('big-bang', { namespace: 'apps', objects: [cm], placements: [{ placement: p }] });
    hub.addManifestWorkReplicaSet('careful', { namespace: 'apps', objects: [cm], placements: [{ placement: p, rollout: ocm.Rollout.progressivePerGroup() }] });
    const found = planOf(app).findings.filter((f) => f.id === 'FLEET003');
    expect(found.map((f) => f.subject)).toEqual(['ManifestWorkReplicaSet apps/big-bang']);
    expect(found[0].message).toBe('updates all 3 production clusters (p1, p2, p3) at once: rollout All, wave 1 (prod: all)');
  });

  test('FLEET003 also fires for a progressive rollout that behaves like All (no maxConcurrency)', () => {
    const { app, hub } = fleet();
    const p = hub.addPlacement('prod', { namespace: 'apps' });
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default' } };
    hub.addManifestWorkReplicaSet('sneaky', { namespace: 'apps', objects: [cm], placements: [{ placement: p, rollout: ocm.Rollout.progressive() }] });
    hub.addManifestWorkReplicaSet('batched', { namespace: 'apps', objects: [cm], placements: [{ placement: p, rollout: ocm.Rollout.progressive({ maxConcurrency: PercentOrAbsolute.count(1) }) }] });
    expect(planOf(app).findings.filter((f) => f.id === 'FLEET003').map((f) => f.subject)).toEqual(['ManifestWorkReplicaSet apps/sneaky']);
  });

  test('an acknowledged finding is listed as acknowledged with its reason', () => {
    const { app, hub } = fleet();
    const p = hub.addPlacement('none', { namespace: 'apps', selector: LabelSelector.in('env', 'staging') });
    fleetAck(p, 'FLEET001', 'staging joins next quarter');
    const f = planOf(app).findings.find((x) => x.id === 'FLEET001')!;
    expect(f.acknowledged).toBe('staging joins next quarter');
    expect(Testing.synth(hub).find((o) => o.kind === 'Placement').metadata.annotations).toEqual({ 'ack.cdk-fleet.io/FLEET001': 'staging joins next quarter' });
  });

  test('fails to acknowledge without a reason or with an unknown rule', () => {
    const { hub } = fleet();
    const p = hub.addPlacement('x', { namespace: 'apps' });
    expect(() => fleetAck(p, 'FLEET001', '')).toThrow(/needs a reason/);
    expect(() => fleetAck(p, 'NOPE', 'because')).toThrow(/rule "NOPE" is unknown; rules: FLEET001/);
  });

  test('FLEET008 fires for hand-written YAML the scheduler marks Misconfigured', () => {
    const objects = [
      { apiVersion: 'cluster.open-cluster-management.io/v1', kind: 'ManagedCluster', metadata: { name: 'c1', labels: { 'cluster.open-cluster-management.io/clusterset': 's' } }, spec: {} },
      { apiVersion: 'cluster.open-cluster-management.io/v1beta2', kind: 'ManagedClusterSet', metadata: { name: 's' }, spec: {} },
      { apiVersion: 'cluster.open-cluster-management.io/v1beta2', kind: 'ManagedClusterSetBinding', metadata: { name: 's', namespace: 'ns' }, spec: { clusterSet: 's' } },
      { apiVersion: 'cluster.open-cluster-management.io/v1beta1', kind: 'Placement', metadata: { name: 'bad', namespace: 'ns' }, spec: { tolerations: [{ operator: 'Equal', value: 'x' }] } },
      { apiVersion: 'cluster.open-cluster-management.io/v1beta1', kind: 'Placement', metadata: { name: 'good', namespace: 'ns' }, spec: {} },
    ];
    const p = fleetPlan.buildFleetPlan({ objects }).plan;
    expect(p.findings.map((f) => `${f.id} ${f.subject}`)).toEqual(['FLEET008 Placement ns/bad']);
    expect(p.findings[0].message).toMatch(/Misconfigured/);
  });
});

import { acknowledge as fleetAck } from '../../lib/fleet';

// Hand-written objects for the wave and semantics tests.
const MC = (name: string, labels: Record<string, string> = {}) => ({ apiVersion: 'cluster.open-cluster-management.io/v1', kind: 'ManagedCluster', metadata: { name, labels: { 'cluster.open-cluster-management.io/clusterset': 'all', ...labels } }, spec: {} });
const SET = { apiVersion: 'cluster.open-cluster-management.io/v1beta2', kind: 'ManagedClusterSet', metadata: { name: 'all' }, spec: {} };
const BIND = (ns: string, set = 'all') => ({ apiVersion: 'cluster.open-cluster-management.io/v1beta2', kind: 'ManagedClusterSetBinding', metadata: { name: set, namespace: ns }, spec: { clusterSet: set } });
const PL = (name: string, spec: Record<string, unknown> = {}, ns = 'apps') => ({ apiVersion: 'cluster.open-cluster-management.io/v1beta1', kind: 'Placement', metadata: { name, namespace: ns }, spec });
// The template reports Progressing (a CEL condition rule on its ConfigMap), so every wave starts;
// test/plan/ocm-rollouts.test.ts covers templates that do not.
const TEMPLATE = {
  workload: { manifests: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'w', namespace: 'default' } }] },
  manifestConfigs: [{ resourceIdentifier: { group: '', resource: 'configmaps', name: 'w', namespace: 'default' }, conditionRules: [{ condition: 'Progressing', type: 'CEL', celExpressions: ['false'] }] }],
};
const MWRS = (name: string, refs: Record<string, unknown>[]) => ({ apiVersion: 'work.open-cluster-management.io/v1alpha1', kind: 'ManifestWorkReplicaSet', metadata: { name, namespace: 'apps' }, spec: { manifestWorkTemplate: TEMPLATE, placementRefs: refs } });
const ten = Array.from({ length: 10 }, (_, i) => MC(`c${String(i).padStart(2, '0')}`, { canary: i < 2 ? 'true' : 'false' }));
const build = (objects: unknown[], extra: Record<string, unknown> = {}) => fleetPlan.buildFleetPlan({ objects, ...extra }).plan;
const waves = (p: any, id: string) => p.workloads.find((w: any) => w.id === id).waves.map((w: any) => `${w.wave} ${w.label}: ${w.clusters.join(',')}`);

describe('rollout waves (sdk-go rollout semantics)', () => {
  const groups = { decisionStrategy: { groupStrategy: { decisionGroups: [{ groupName: 'canary', groupClusterSelector: { labelSelector: { matchLabels: { canary: 'true' } } } }] } } };

  test('Progressive: mandatory groups, then maxConcurrency % of the clusters outside them (ceil)', () => {
    const p = build([...ten, SET, BIND('apps'), PL('p', groups), MWRS('w', [{ name: 'p', rolloutStrategy: { type: 'Progressive', progressive: { mandatoryDecisionGroups: [{ groupName: 'canary' }], maxConcurrency: '50%' } } }])]);
    expect(waves(p, 'ManifestWorkReplicaSet apps/w')).toEqual([
      '1 p: mandatory group canary: c00,c01',
      '2 p: batch 1: c02,c03,c04,c05',
      '3 p: batch 2: c06,c07,c08,c09',
    ]);
  });

  test('Progressive without maxConcurrency: every remaining cluster at once', () => {
    const p = build([...ten, SET, BIND('apps'), PL('p'), MWRS('w', [{ name: 'p', rolloutStrategy: { type: 'Progressive' } }])]);
    expect(waves(p, 'ManifestWorkReplicaSet apps/w')).toHaveLength(1);
  });

  test('placementRefs roll out independently: waves are numbered per placement', () => {
    const p = build([...ten, SET, BIND('apps'), PL('a', { numberOfClusters: 2 }), PL('b'), MWRS('w', [{ name: 'a' }, { name: 'b', rolloutStrategy: { type: 'Progressive', progressive: { maxConcurrency: 5 } } }])]);
    expect(waves(p, 'ManifestWorkReplicaSet apps/w').map((w: string) => w.split(':')[0])).toEqual(['1 a', '1 b', '2 b']);
  });

  test('an add-on installs on the union of its placements at once; lifecycle self is left alone', () => {
    const cma = (name: string, annotations?: Record<string, string>) => ({
      apiVersion: 'addon.open-cluster-management.io/v1alpha1', kind: 'ClusterManagementAddOn', metadata: { name, ...(annotations ? { annotations } : {}) },
      spec: { installStrategy: { type: 'Placements', placements: [{ name: 'a', namespace: 'apps' }, { name: 'b', namespace: 'apps', rolloutStrategy: { type: 'Progressive' } }] } },
    });
    const p = build([...ten, SET, BIND('apps'), PL('a', { numberOfClusters: 2 }), PL('b', { numberOfClusters: 4 }), cma('x'), cma('y', { 'addon.open-cluster-management.io/lifecycle': 'self' })]);
    const x = p.workloads.find((w) => w.id === 'ClusterManagementAddOn x')!;
    expect(x.waves).toHaveLength(1);
    expect(x.targets).toEqual(['c00', 'c01', 'c02', 'c03']);
    expect(x.rollout).toMatch(/configs roll out per placement: a: All, b: Progressive/);
    expect(p.workloads.find((w) => w.id === 'ClusterManagementAddOn y')!.targets).toEqual([]);
  });

  test('policies reach clusters through PlacementBindings, PolicySets included, PlacementRules ignored', () => {
    const policy = (name: string) => ({ apiVersion: 'policy.open-cluster-management.io/v1', kind: 'Policy', metadata: { name, namespace: 'apps' }, spec: { disabled: false, 'policy-templates': [] } });
    const pset = { apiVersion: 'policy.open-cluster-management.io/v1beta1', kind: 'PolicySet', metadata: { name: 'baseline', namespace: 'apps' }, spec: { policies: ['p1'] } };
    const pb = (name: string, ref: Record<string, unknown>, subject: Record<string, unknown>) => ({ apiVersion: 'policy.open-cluster-management.io/v1', kind: 'PlacementBinding', metadata: { name, namespace: 'apps' }, placementRef: ref, subjects: [subject] });
    const p = build([...ten, SET, BIND('apps'), PL('two', { numberOfClusters: 2 }), policy('p1'), policy('p2'), pset,
      pb('b1', { apiGroup: 'cluster.open-cluster-management.io', kind: 'Placement', name: 'two' }, { apiGroup: 'policy.open-cluster-management.io', kind: 'PolicySet', name: 'baseline' }),
      pb('b2', { apiGroup: 'apps.open-cluster-management.io', kind: 'PlacementRule', name: 'two' }, { apiGroup: 'policy.open-cluster-management.io', kind: 'Policy', name: 'p2' })]);
    expect(p.workloads.find((w) => w.id === 'Policy apps/p1')!.targets).toEqual(['c00', 'c01']);
    expect(p.workloads.find((w) => w.id === 'Policy apps/p2')!.targets).toEqual([]);
  });
});

describe('hub semantics the plan reproduces', () => {
  test('clusters without a clusterset label are in default; global holds every cluster', () => {
    const bare = { apiVersion: 'cluster.open-cluster-management.io/v1', kind: 'ManagedCluster', metadata: { name: 'bare' }, spec: {} };
    const p = build([bare, BIND('d', 'default'), BIND('g', 'global'), PL('pd', {}, 'd'), PL('pg', {}, 'g')]);
    expect(p.placements.map((x) => `${x.id}=${x.selected.join(',')}`)).toEqual(['d/pd=bare', 'g/pg=bare']);
    expect(p.findings.filter((f) => f.id === 'FLEET001')).toEqual([]);
  });

  test('an inventory with more kinds than ManagedClusters merges instead of failing', () => {
    const p = build([...ten.slice(0, 2), SET, BIND('apps'), PL('p')], { inventory: [{ ...ten[0], status: { conditions: [{ type: 'ManagedClusterConditionAvailable', status: 'True' }] } }, SET], now: '2026-01-01T00:00:00Z' });
    expect(p.placements[0].selected).toEqual(['c00']);
  });

  test('the plan of an app with an inventory is byte-stable when now is given', () => {
    const inv = [{ ...ten[0], status: { conditions: [{ type: 'ManagedClusterConditionAvailable', status: 'True' }] } }];
    const a = fleetPlan.renderPlanJson(build([ten[0], SET, BIND('apps'), PL('p')], { inventory: inv, now: '2026-01-01T00:00:00Z' }));
    const b = fleetPlan.renderPlanJson(build([ten[0], SET, BIND('apps'), PL('p')], { inventory: inv, now: '2026-01-01T00:00:00Z' }));
    expect(a).toEqual(b);
  });

  test('declared claims travel in an annotation, so a plan of the YAML sees them', () => {
    const withClaims = { ...MC('eu1'), metadata: { ...MC('eu1').metadata, annotations: { [fleetPlan.DECLARED_CLAIMS_ANNOTATION]: '{"region":"eu"}' } } };
    const p = build([withClaims, MC('us1'), SET, BIND('apps'), PL('eu', { predicates: [{ requiredClusterSelector: { claimSelector: { matchExpressions: [{ key: 'region', operator: 'In', values: ['eu'] }] } } }] })]);
    expect(p.placements[0].selected).toEqual(['eu1']);
  });
});
