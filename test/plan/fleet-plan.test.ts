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
    expect(cluster('dc2-prod-2').deliveries).toContainEqual({ workload: 'ManifestWorkReplicaSet fleet-apps/quality-dashboard', wave: 2, waveLabel: 'all-production: group #1' });
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
    expect(found[0].message).toMatch(/updates 3 production clusters \(p1, p2, p3\) at once through placement apps\/prod \(rollout type All\)/);
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
