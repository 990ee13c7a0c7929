import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { runSveltosSelectionVector } from '../support/conformance/sveltos-selection';
import {
  SveltosClusterModel,
  SveltosProfileModel,
  SveltosSetModel,
  SveltosState,
  sveltosClusterFromInventoryClusterProfile,
  sveltosClusterFromManagedCluster,
  sveltosStateFromObjects,
} from '../../lib/plan/sveltos/model';
import { limitReferencesToNamespace, selectSetClusters, simulateSveltosSelection } from '../../lib/plan/sveltos/selection';
import {
  areDependenciesDeployed,
  buildDependencyGraph,
  findDependencyCycles,
  maxUpdateWaves,
  planSveltosRollout,
  resolveMaxUpdate,
  resolveOwnership,
} from '../../lib/plan/sveltos/rollout';

const VECTORS = path.resolve(__dirname, '..', '..', '..', 'shared', 'conformance', 'sveltos-selection');

function sc(namespace: string, name: string, labels: Record<string, string>, extra: Partial<SveltosClusterModel> = {}): SveltosClusterModel {
  return { kind: 'SveltosCluster', apiVersion: 'lib.projectsveltos.io/v1beta1', namespace, name, labels, ready: true, paused: false, ...extra };
}

function cp(name: string, spec: SveltosProfileModel['spec'], extra: Partial<SveltosProfileModel> = {}): SveltosProfileModel {
  return { kind: 'ClusterProfile', name, spec, ...extra };
}

function state(clusters: SveltosClusterModel[], profiles: SveltosProfileModel[], sets: SveltosSetModel[] = []): SveltosState {
  return { clusters, profiles, sets };
}

describe('Sveltos selection', () => {
  test('an empty clusterSelector matches no cluster, with the reason', () => {
    const sel = simulateSveltosSelection(state([sc('a', 'c1', { env: 'prod' })], [cp('empty', { clusterSelector: {} }), cp('none', {})]));
    expect(sel.profile('ClusterProfile/empty')!.matchingClusters).toEqual([]);
    expect(sel.explain('ClusterProfile/empty', 'Sveltos:a/c1').reason).toBe('clusterSelector is empty: Sveltos matches no cluster');
    expect(sel.explain('ClusterProfile/none', 'Sveltos:a/c1').reason).toBe('clusterSelector is empty: Sveltos matches no cluster');
  });

  test('label mismatch, not ready and matchLabels reasons', () => {
    const clusters = [sc('a', 'stg', { env: 'staging' }), sc('a', 'down', { env: 'production' }, { ready: false }), sc('a', 'prod', { env: 'production' }), sc('a', 'bare', {})];
    const sel = simulateSveltosSelection(state(clusters, [cp('web', { clusterSelector: { matchExpressions: [{ key: 'env', operator: 'In', values: ['production'] }] } })]));
    const p = sel.profile('ClusterProfile/web')!;
    expect(p.matchingClusters.map((r) => r.name)).toEqual(['prod']);
    expect(p.clusterSummaries.map((s) => s.name)).toEqual(['web-sveltos-prod']);
    expect(sel.explain('ClusterProfile/web', 'Sveltos:a/stg').reason).toBe('label env=staging does not match env In (production)');
    expect(sel.explain('ClusterProfile/web', 'Sveltos:a/down').reason).toBe('not ready');
    expect(sel.explain('ClusterProfile/web', 'Sveltos:a/bare').reason).toBe('label env is missing (wanted env In (production))');
    expect(sel.explain('ClusterProfile/web', 'Sveltos:a/prod')).toMatchObject({ matching: true, clusterSummary: true, via: ['clusterSelector'] });
    expect(sel.unmatched('ClusterProfile/web').map((u) => u.cluster.name)).toEqual(['bare', 'down', 'stg']);
  });

  test('clusterRefs bypass labels and readiness at match time, but a ClusterSummary needs a ready cluster', () => {
    const clusters = [sc('a', 'r', {}), sc('a', 'nr', {}, { ready: false })];
    const refs = [
      { kind: 'SveltosCluster', apiVersion: 'lib.projectsveltos.io/v1beta1', namespace: 'a', name: 'r' },
      { kind: 'SveltosCluster', apiVersion: 'lib.projectsveltos.io/v1beta1', namespace: 'a', name: 'nr' },
    ];
    const sel = simulateSveltosSelection(state(clusters, [cp('p', { clusterRefs: refs })]));
    const p = sel.profile('ClusterProfile/p')!;
    expect(p.matchingClusters.map((r) => r.name)).toEqual(['r', 'nr']);
    expect(p.clusterSummaries.map((s) => s.clusterName)).toEqual(['r']);
    expect(sel.explain('ClusterProfile/p', 'Sveltos:a/nr')).toMatchObject({ matching: true, clusterSummary: false, via: ['clusterRefs'], reason: 'not ready' });
  });

  test('a Profile only reaches clusters in its namespace; its refs are forced there', () => {
    const clusters = [sc('team-a', 'a1', { env: 'prod' }), sc('team-b', 'b1', { env: 'prod' })];
    const profile: SveltosProfileModel = {
      kind: 'Profile', namespace: 'team-a', name: 'p',
      spec: { clusterSelector: { matchLabels: { env: 'prod' } }, clusterRefs: [{ kind: 'SveltosCluster', apiVersion: 'lib.projectsveltos.io/v1beta1', namespace: 'team-b', name: 'b1' }] },
    };
    const sel = simulateSveltosSelection(state(clusters, [profile]));
    const p = sel.profile('Profile/team-a/p')!;
    // the ref to team-b/b1 became team-a/b1, which does not exist
    expect(p.matchingClusters.map((r) => `${r.namespace}/${r.name}`)).toEqual(['team-a/a1', 'team-a/b1']);
    expect(p.clusterSummaries.map((s) => s.name)).toEqual(['p--p-sveltos-a1']);
    expect(sel.explain('Profile/team-a/p', 'Sveltos:team-b/b1').reason).toBe('outside namespace team-a');
    expect(p.problems.join('\n')).toMatch(/does not exist/);
    const rewritten = limitReferencesToNamespace({ policyRefs: [{ kind: 'Secret', namespace: 'x', name: 's', remoteURL: { url: 'https://x', secretRef: { name: 't', namespace: 'y' } } }] }, 'team-a');
    expect(rewritten.policyRefs![0]).toMatchObject({ namespace: 'team-a', remoteURL: { secretRef: { namespace: 'team-a' } } });
  });

  test('ClusterSet: maxReplicas caps, no maxReplicas selects nothing, stickiness, Down pruning', () => {
    const clusters = [sc('n', 'a', { app: 'web' }), sc('n', 'b', { app: 'web' }), sc('n', 'c', { app: 'web' }), sc('n', 'd', { app: 'db' })];
    const sets: SveltosSetModel[] = [
      { kind: 'ClusterSet', name: 'web-set', spec: { clusterSelector: { matchLabels: { app: 'web' } }, maxReplicas: 2 } },
      { kind: 'ClusterSet', name: 'zero', spec: { clusterSelector: { matchLabels: { app: 'web' } } } },
    ];
    const profiles = [cp('web', { setRefs: ['web-set'] }), cp('zero', { setRefs: ['zero'] }), cp('missing', { setRefs: ['nope'] })];
    const sel = simulateSveltosSelection(state(clusters, profiles, sets));
    expect(sel.set('ClusterSet/web-set')!.selectedClusterRefs.map((r) => r.name)).toEqual(['a', 'b']);
    expect(sel.profile('ClusterProfile/web')!.clusterSummaries.map((s) => s.clusterName)).toEqual(['a', 'b']);
    expect(sel.explain('ClusterProfile/web', 'Sveltos:n/c').reason).toBe('set web-set at maxReplicas=2 chose a, b');
    expect(sel.explain('ClusterProfile/web', 'Sveltos:n/d').reason).toBe('not matched by set web-set: label app=db does not match app=web');
    expect(sel.set('ClusterSet/zero')!.selectedClusterRefs).toEqual([]);
    expect(sel.explain('ClusterProfile/zero', 'Sveltos:n/a').reason).toBe('set zero has no maxReplicas: it selects no cluster');
    expect(sel.profile('ClusterProfile/missing')!.problems[0]).toMatch(/ClusterSet nope which does not exist/);

    // sticky: b and c were selected before and stay selected although a comes first
    const ref = (n: string) => ({ kind: 'SveltosCluster', apiVersion: 'lib.projectsveltos.io/v1beta1', namespace: 'n', name: n });
    const sticky = simulateSveltosSelection(state(clusters, [], [{ ...sets[0], status: { selectedClusterRefs: [ref('c'), ref('b')] } }]));
    expect(sticky.set('ClusterSet/web-set')!.selectedClusterRefs.map((r) => r.name)).toEqual(['c', 'b']);

    // b goes Down: pruned and replaced by a
    const down = clusters.map((c) => (c.name === 'b' ? { ...c, connectionStatus: 'Down' as const } : c));
    const failover = simulateSveltosSelection(state(down, [cp('web', { setRefs: ['web-set'] })], [{ ...sets[0], status: { selectedClusterRefs: [ref('c'), ref('b')] } }]));
    const fs_ = failover.set('ClusterSet/web-set')!;
    expect(fs_.prunedClusterRefs.map((r) => r.name)).toEqual(['b']);
    expect(fs_.selectedClusterRefs.map((r) => r.name)).toEqual(['c', 'a']);
    expect(failover.explain('ClusterProfile/web', 'Sveltos:n/b').reason).toBe('set web-set dropped it: connectionStatus Down');
  });

  test('selectSetClusters truncates to maxReplicas-1 when too many are selected (upstream off-by-one)', () => {
    const r = selectSetClusters({ maxReplicas: 2, matching: ['a', 'b', 'c'], previouslySelected: ['a', 'b', 'c'], key: (x) => x });
    expect(r.selected).toEqual(['a']);
  });

  test('paused clusters: skipped when maxUpdate is set, ClusterSummary (not programmed) otherwise', () => {
    const clusters = [sc('n', 'a', { e: '1' }), sc('n', 'p', { e: '1' }, { paused: true })];
    const sel = simulateSveltosSelection(state(clusters, [cp('limited', { clusterSelector: { matchLabels: { e: '1' } }, maxUpdate: 1 }), cp('free', { clusterSelector: { matchLabels: { e: '1' } } })]));
    expect(sel.profile('ClusterProfile/limited')!.clusterSummaries.map((s) => s.clusterName)).toEqual(['a']);
    expect(sel.explain('ClusterProfile/limited', 'Sveltos:n/p').reason).toBe('paused and maxUpdate is set: skipped until unpaused');
    const free = sel.profile('ClusterProfile/free')!;
    expect(free.clusterSummaries.map((s) => [s.clusterName, s.paused])).toEqual([['a', false], ['p', true]]);
    const plan = planSveltosRollout(sel);
    expect(plan.profile('ClusterProfile/free')!.pausedClusters.map((r) => r.name)).toEqual(['p']);
  });

  test('a paused profile is not reconciled', () => {
    const sel = simulateSveltosSelection(state([sc('n', 'a', { e: '1' })], [cp('p', { clusterSelector: { matchLabels: { e: '1' } } }, { annotations: { 'profile.projectsveltos.io/paused': 'true' } })]));
    expect(sel.profile('ClusterProfile/p')!.clusterSummaries).toEqual([]);
    expect(sel.explain('ClusterProfile/p', 'Sveltos:n/a').reason).toMatch(/^profile is paused/);
  });
});

describe('Sveltos dependsOn', () => {
  const clusters = [sc('n', 'a', { app: 'web' }), sc('n', 'b', { app: 'db' })];

  test('prerequisites are auto-deployed to the dependent\'s clusters, transitively, and ordered first', () => {
    const profiles = [
      cp('web', { clusterSelector: { matchLabels: { app: 'web' } }, dependsOn: ['cert-manager'], helmCharts: [{ releaseName: 'web', releaseNamespace: 'web' }] }),
      cp('cert-manager', { clusterSelector: { matchLabels: { app: 'db' } }, dependsOn: ['crds'], helmCharts: [{ releaseName: 'cm', releaseNamespace: 'cm' }] }),
      cp('crds', { clusterSelector: { matchLabels: { app: 'none' } }, policyRefs: [{ kind: 'ConfigMap', namespace: 'x', name: 'crds' }] }),
    ];
    const sel = simulateSveltosSelection(state(clusters, profiles));
    expect(sel.profile('ClusterProfile/cert-manager')!.clusterSummaries.map((s) => s.clusterName)).toEqual(['b', 'a']);
    expect(sel.profile('ClusterProfile/crds')!.clusterSummaries.map((s) => s.clusterName)).toEqual(['a', 'b']);
    expect(sel.explain('ClusterProfile/cert-manager', 'Sveltos:n/a').via).toEqual(['prerequisite of ClusterProfile/web']);
    const plan = planSveltosRollout(sel);
    expect(plan.clusterOrder('Sveltos:n/a')).toEqual([
      { stage: 0, profiles: ['ClusterProfile/crds'] },
      { stage: 1, profiles: ['ClusterProfile/cert-manager'] },
      { stage: 2, profiles: ['ClusterProfile/web'] },
    ]);
    expect(plan.blocked).toEqual([]);

    const off = simulateSveltosSelection(state(clusters, profiles), { autoDeployDependencies: false });
    expect(off.profile('ClusterProfile/cert-manager')!.clusterSummaries.map((s) => s.clusterName)).toEqual(['b']);
    const offPlan = planSveltosRollout(off);
    expect(offPlan.blocked.find((b) => b.profile === 'ClusterProfile/web')!.reason).toMatch(/^waits for ClusterProfile\/cert-manager, which has no ClusterSummary on this cluster/);
  });

  test('cycles are detected with their path and block deployment', () => {
    const profiles = [
      cp('a', { clusterSelector: { matchLabels: { app: 'web' } }, dependsOn: ['b'] }),
      cp('b', { clusterSelector: { matchLabels: { app: 'web' } }, dependsOn: ['c'] }),
      cp('c', { clusterSelector: { matchLabels: { app: 'web' } }, dependsOn: ['a'] }),
      cp('self', { clusterSelector: { matchLabels: { app: 'web' } }, dependsOn: ['self'] }),
      cp('behind', { clusterSelector: { matchLabels: { app: 'web' } }, dependsOn: ['a'] }),
    ];
    const graph = buildDependencyGraph(profiles);
    expect(findDependencyCycles(graph)).toEqual([
      ['ClusterProfile/a', 'ClusterProfile/b', 'ClusterProfile/c', 'ClusterProfile/a'],
      ['ClusterProfile/self', 'ClusterProfile/self'],
    ]);
    const sel = simulateSveltosSelection(state(clusters, profiles));
    expect(sel.cycles).toHaveLength(2);
    expect(sel.profile('ClusterProfile/a')!.problems.join()).toMatch(/dependsOn cycle ClusterProfile\/a → ClusterProfile\/b → ClusterProfile\/c → ClusterProfile\/a/);
    const plan = planSveltosRollout(sel);
    expect(plan.blocked.map((b) => b.profile).sort()).toEqual(['ClusterProfile/a', 'ClusterProfile/b', 'ClusterProfile/behind', 'ClusterProfile/c', 'ClusterProfile/self']);
    expect(plan.clusterOrder('Sveltos:n/a')).toEqual([]);
    expect(plan.profile('ClusterProfile/behind')!.stage).toBeUndefined();
  });

  test('a missing prerequisite blocks the dependent forever', () => {
    const sel = simulateSveltosSelection(state(clusters, [cp('web', { clusterSelector: { matchLabels: { app: 'web' } }, dependsOn: ['ghost'] })]));
    expect(sel.profile('ClusterProfile/web')!.problems[0]).toMatch(/dependsOn names ghost which does not exist/);
    expect(planSveltosRollout(sel).blocked[0].reason).toMatch(/ghost/);
  });

  test('the per-cluster gate needs every declared feature Provisioned', () => {
    const lookup = (fs_: { featureID: string; status: string }[]) => () => ({ declaredFeatures: ['Helm', 'Resources'], featureSummaries: fs_ });
    expect(areDependenciesDeployed(['x'], () => undefined).deployed).toBe(false);
    expect(areDependenciesDeployed(['x'], lookup([{ featureID: 'Helm', status: 'Provisioned' }])).deployed).toBe(false);
    expect(areDependenciesDeployed(['x'], lookup([{ featureID: 'Helm', status: 'Provisioned' }, { featureID: 'Resources', status: 'Provisioned' }])).deployed).toBe(true);
  });
});

describe('Sveltos maxUpdate', () => {
  test('resolution: numbers as is, any string as a percentage rounded up', () => {
    expect(resolveMaxUpdate(undefined, 10)).toBe(0);
    expect(resolveMaxUpdate(10, 0)).toBe(10);
    expect(resolveMaxUpdate('30%', 2)).toBe(1);
    expect(resolveMaxUpdate('50%', 4)).toBe(2);
    expect(resolveMaxUpdate('3', 200)).toBe(6); // "3" is read as 3%
  });

  test('waves over the clusters that get a ClusterSummary, in matching order', () => {
    expect(maxUpdateWaves([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(maxUpdateWaves([1, 2, 3], 0)).toEqual([[1, 2, 3]]);
    const clusters = ['a', 'b', 'c', 'd', 'e'].map((n) => sc('n', n, { e: '1' }));
    const sel = simulateSveltosSelection(state(clusters, [cp('p', { clusterSelector: { matchLabels: { e: '1' } }, maxUpdate: '40%' })]));
    const roll = planSveltosRollout(sel).profile('ClusterProfile/p')!;
    expect(roll.maxUpdate).toBe(2);
    expect(roll.waves.map((w) => w.map((r) => r.name))).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });
});

describe('Sveltos tiers and conflicts', () => {
  const clusters = [sc('n', 'a', { e: '1' }), sc('n', 'b', { e: '1' })];
  const helm = (tier?: number, extra: object = {}) => ({ clusterSelector: { matchLabels: { e: '1' } }, tier, helmCharts: [{ releaseName: 'kro', releaseNamespace: 'kro-system' }], ...extra });

  test('lower tier wins strictly; the conflict names both profiles and the cluster', () => {
    const sel = simulateSveltosSelection(state(clusters, [cp('first', helm(90)), cp('second', helm(undefined))]));
    const plan = planSveltosRollout(sel);
    expect(plan.conflicts).toHaveLength(2);
    const c = plan.conflictsOn('Sveltos:n/a')[0];
    expect(c).toMatchObject({ kind: 'HelmRelease', target: 'kro-system/kro', winner: 'ClusterProfile/first', losers: ['ClusterProfile/second'], stopsDeployment: ['ClusterProfile/second'] });
    expect(c.message).toBe('ClusterProfile/first and ClusterProfile/second both deploy Helm release kro-system/kro on SveltosCluster n/a: ClusterProfile/first wins (tier 90 is lower than ClusterProfile/second tier 100)');
  });

  test('equal tier keeps the incumbent; without one it is undetermined; a prerequisite deploys first', () => {
    expect(resolveOwnership([{ profile: 'x', tier: 100 }, { profile: 'y', tier: 100 }], 'y')).toMatchObject({ winner: 'y', losers: ['x'] });
    expect(resolveOwnership([{ profile: 'x', tier: 100 }, { profile: 'y', tier: 100 }]).winner).toBeUndefined();
    expect(resolveOwnership([{ profile: 'x', tier: 100 }, { profile: 'y', tier: 50 }], 'x').winner).toBe('y');
    const sel = simulateSveltosSelection(state(clusters, [cp('base', helm()), cp('app', helm(undefined, { dependsOn: ['base'], continueOnConflict: true }))]));
    const c = planSveltosRollout(sel).conflicts[0];
    expect(c.winner).toBe('ClusterProfile/base');
    expect(c.stopsDeployment).toEqual([]);
    const undetermined = planSveltosRollout(simulateSveltosSelection(state(clusters, [cp('x', helm()), cp('y', helm())])));
    expect(undetermined.conflicts[0].winner).toBeUndefined();
    expect(undetermined.conflicts[0].reason).toMatch(/equal tier 100/);
  });

  test('resource conflicts come from the ConfigMaps policyRefs point at', () => {
    const yamlText = `
apiVersion: v1
kind: List
items:
- apiVersion: lib.projectsveltos.io/v1beta1
  kind: SveltosCluster
  metadata: {namespace: fleet, name: c1, labels: {env: prod}}
  status: {ready: true}
- apiVersion: config.projectsveltos.io/v1beta1
  kind: ClusterProfile
  metadata: {name: base}
  spec:
    clusterSelector: {matchLabels: {env: prod}}
    tier: 50
    policyRefs: [{kind: ConfigMap, namespace: policies, name: ns-a}]
- apiVersion: config.projectsveltos.io/v1beta1
  kind: ClusterProfile
  metadata: {name: team}
  spec:
    clusterSelector: {matchLabels: {env: prod}}
    policyRefs: [{kind: ConfigMap, namespace: policies, name: ns-b}]
---
apiVersion: v1
kind: ConfigMap
metadata: {namespace: policies, name: ns-a}
data:
  ns.yaml: |
    apiVersion: v1
    kind: Namespace
    metadata: {name: shared}
---
apiVersion: v1
kind: ConfigMap
metadata: {namespace: policies, name: ns-b}
data:
  all.yaml: |
    apiVersion: v1
    kind: Namespace
    metadata: {name: shared}
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: {namespace: shared, name: web}
`;
    const objects = parseAllDocuments(yamlText).map((d) => d.toJS());
    const st = sveltosStateFromObjects(objects);
    expect(st.clusters).toHaveLength(1);
    expect(st.profiles).toHaveLength(2);
    expect(st.policySources!.find((s) => s.name === 'ns-b')!.resources).toEqual([
      { group: '', kind: 'Namespace', namespace: '', name: 'shared' },
      { group: 'apps', kind: 'Deployment', namespace: 'shared', name: 'web' },
    ]);
    const plan = planSveltosRollout(simulateSveltosSelection(st));
    expect(plan.conflicts).toHaveLength(1);
    expect(plan.conflicts[0]).toMatchObject({ kind: 'Resource', target: 'core/Namespace//shared', winner: 'ClusterProfile/base', losers: ['ClusterProfile/team'] });
    expect(plan.conflicts[0].message).toMatch(/ClusterProfile\/base and ClusterProfile\/team both deploy resource core\/Namespace\/\/shared on SveltosCluster fleet\/c1/);
  });
});

describe('Sveltos model', () => {
  test('sveltosStateFromObjects reads CAPI readiness, Sets and rejects bad input', () => {
    const st = sveltosStateFromObjects([
      { apiVersion: 'cluster.x-k8s.io/v1beta2', kind: 'Cluster', metadata: { namespace: 'n', name: 'capi' }, status: { initialization: { controlPlaneInitialized: true } } },
      { apiVersion: 'cluster.x-k8s.io/v1beta2', kind: 'Cluster', metadata: { namespace: 'n', name: 'old' }, status: { conditions: [{ type: 'ControlPlaneInitialized', status: 'True' }] } },
      { apiVersion: 'lib.projectsveltos.io/v1beta1', kind: 'Set', metadata: { namespace: 'n', name: 's' }, spec: { maxReplicas: 1 } },
      { apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'n', name: 'ignored' } },
    ]);
    expect(st.clusters.map((c) => [c.name, c.ready])).toEqual([['capi', true], ['old', true]]);
    expect(st.sets[0]).toMatchObject({ kind: 'Set', namespace: 'n', name: 's' });
    expect(() => sveltosStateFromObjects([{ apiVersion: 'config.projectsveltos.io/v1beta1', kind: 'Profile', metadata: { name: 'p' } }])).toThrow(/metadata.namespace is missing/);
    expect(() => sveltosStateFromObjects([{ apiVersion: 'config.projectsveltos.io/v1beta1', kind: 'ClusterProfile', metadata: { name: 'p' }, spec: { tier: 0 } }])).toThrow(/spec.tier 0 is invalid/);
  });

  test('bridges: sveltos-ocm-addon and clusterinventory-controller', () => {
    const m = sveltosClusterFromManagedCluster({ metadata: { name: 'c1', labels: { env: 'prod' } } }, { existingLabels: { 'projectsveltos.io/k8s-version': 'v1.30.0' }, shard: 's1' });
    expect(m.cluster).toMatchObject({ namespace: 'c1', name: 'c1', labels: { env: 'prod', 'projectsveltos.io/k8s-version': 'v1.30.0' }, annotations: { 'sharding.projectsveltos.io/key': 's1' } });
    expect(m.secret.server).toBe('https://cluster-proxy-addon-user.open-cluster-management-addon.svc:9092/c1');
    const inv = sveltosClusterFromInventoryClusterProfile({ metadata: { namespace: 'inv', name: 'c2', labels: { 'x-k8s.io/cluster-manager': 'ocm' } } });
    expect(inv.labels).toEqual({ 'x-k8s.io/cluster-manager': 'ocm', 'clusterinventory.projectsveltos.io/managed-by': 'clusterinventory-controller' });
    expect(inv.kubeconfigSecret).toBe('c2-sveltos-kubeconfig');
  });
});

describe('Sveltos selection conformance vectors', () => {
  const files = fs.readdirSync(VECTORS).filter((f) => f.endsWith('.json')).sort();

  test('the vector folder is found and not empty', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  test.each(files)('%s', (file) => {
    const vector = JSON.parse(fs.readFileSync(path.join(VECTORS, file), 'utf8'));
    expect(runSveltosSelectionVector(vector)).toEqual([]);
  });

  test('the runner fails on unknown keys and wrong expectations', () => {
    const load = (f: string) => JSON.parse(fs.readFileSync(path.join(VECTORS, f), 'utf8'));
    const v1 = load('maxupdate-003-percent-30-of-2.json');
    v1.expectedSomethingNew = 1;
    expect(runSveltosSelectionVector(v1).join()).toMatch(/unknown key "expectedSomethingNew"/);
    const v2 = load('maxupdate-003-percent-30-of-2.json');
    v2.expectedMaxUpdate = 2;
    expect(runSveltosSelectionVector(v2).join()).toMatch(/expectedMaxUpdate: expected 2/);
    const v3 = load('tier-001-helm-release-ownership-by-tier.json');
    v3.steps[1].kroOwner = 'first';
    expect(runSveltosSelectionVector(v3).join()).toMatch(/kroOwner: expected first/);
    const v4 = load('set-004-sticky-selection.json');
    v4.steps = [{ surprise: true }];
    expect(runSveltosSelectionVector(v4).length).toBeGreaterThan(0);
  });
});
