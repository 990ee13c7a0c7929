// Registration chains in the plan: SveltosClusters from an inventory (status.ready gates ClusterSummaries,
// connectionStatus Down drops them from ClusterSets: LS:lib/clusterproxy/cluster_utils.go GetMatchingClusters,
// AC:controllers/set_utils.go selectClusters), and sveltos-ocm-addon read as guilhem/sveltos-ocm-addon does
// (OCMA:api/v1alpha1/sveltosocmcluster_types.go, OCMA:internal/controller/sveltosocmcluster_controller.go, README
// "Cluster Selection", config/ocm).
import { Testing } from 'cdk8s';
import { Hub, LabelSelector, plan as fleetPlan } from '../../lib';
import { RegistrationChain } from '../../lib/inventory';
import { ClusterProfile } from '../../lib/sveltos';

const mc = (name: string, labels: Record<string, string>, available = true) => ({
  apiVersion: 'cluster.open-cluster-management.io/v1', kind: 'ManagedCluster', metadata: { name, labels }, spec: { hubAcceptsClient: true },
  status: { conditions: [{ type: 'ManagedClusterConditionAvailable', status: available ? 'True' : 'False', lastTransitionTime: '2026-09-01T10:00:00Z' }] },
});
const sveltosCluster = (namespace: string, name: string, labels: Record<string, string>, status?: Record<string, unknown>) => ({
  apiVersion: 'lib.projectsveltos.io/v1beta1', kind: 'SveltosCluster', metadata: { name, namespace, labels }, spec: { kubeconfigName: `${name}-sveltos-kubeconfig` }, ...(status ? { status } : {}),
});
const clusterProfile = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'config.projectsveltos.io/v1beta1', kind: 'ClusterProfile', metadata: { name }, spec });
const prodProfile = clusterProfile('web', { clusterSelector: { matchLabels: { env: 'prod' } } });

describe('SveltosClusters from an inventory', () => {
  const declared = [sveltosCluster('fleet', 'a', { env: 'prod' }), sveltosCluster('fleet', 'b', { env: 'prod' }), sveltosCluster('fleet', 'c', { env: 'prod' }), prodProfile];

  test('without SveltosClusters in the inventory every SveltosCluster is assumed ready, and the plan says so', () => {
    const { plan, context } = fleetPlan.buildFleetPlan({ objects: declared });
    expect(context.selection.profile('ClusterProfile/web')!.clusterSummaries.map((s) => s.clusterName)).toEqual(['a', 'b', 'c']);
    expect(plan.assumptions).toContain('every SveltosCluster is ready and healthy');
    const withMcs = fleetPlan.buildFleetPlan({ objects: declared, inventory: [mc('x', {})] }).plan;
    expect(withMcs.assumptions.join('\n')).toMatch(/every SveltosCluster is ready and healthy \(the inventory holds no SveltosCluster; add `kubectl get sveltosclusters -A -o yaml` to it/);
  });

  test('inventory SveltosClusters override declared ones: not ready gets no ClusterSummary; one missing from the inventory is new, not ready', () => {
    const inventory = [
      sveltosCluster('fleet', 'a', { env: 'prod', 'projectsveltos.io/k8s-version': 'v1.30.2' }, { ready: true, connectionStatus: 'Healthy' }),
      sveltosCluster('fleet', 'b', { env: 'prod' }, { ready: false }),
      sveltosCluster('mgmt', 'mgmt', { env: 'prod' }, { ready: true }),
    ];
    const { plan, context } = fleetPlan.buildFleetPlan({ objects: declared, inventory });
    const sel = context.selection;
    expect(sel.profile('ClusterProfile/web')!.clusterSummaries.map((s) => `${s.clusterNamespace}/${s.clusterName}`)).toEqual(['fleet/a', 'mgmt/mgmt']);
    expect(sel.explain('ClusterProfile/web', 'Sveltos:fleet/b').reason).toBe('not ready (status.ready is not true on the hub)');
    expect(sel.explain('ClusterProfile/web', 'Sveltos:fleet/c').reason).toBe('not ready (not in the inventory: sveltoscluster-manager has not reached it yet)');
    // the hub's own labels (k8s-version added by sveltoscluster-manager) are what selectors see
    expect(sel.cluster('Sveltos:fleet/a')!.labels).toEqual({ env: 'prod', 'projectsveltos.io/k8s-version': 'v1.30.2' });
    expect(sel.cluster('Sveltos:fleet/a')!.observed).toBe(true);
    expect(plan.clusters.find((c) => c.name === 'b')!.notDeployedBy).toEqual([{ subject: 'ClusterProfile web', reason: 'not ready (status.ready is not true on the hub)' }]);
    expect(plan.assumptions.join('\n')).toMatch(/^SveltosClusters come from the given inventory where present \(labels and status as reported: status.ready gates ClusterSummaries, connectionStatus Down drops them from ClusterSets/m);
  });

  test('a Down SveltosCluster is pruned from a ClusterSet and replaced (set-005: connectionStatus Down), but still matches a ClusterProfile selector', () => {
    const set = { apiVersion: 'lib.projectsveltos.io/v1beta1', kind: 'ClusterSet', metadata: { name: 'active' }, spec: { clusterSelector: { matchLabels: { env: 'prod' } }, maxReplicas: 1 }, status: { selectedClusterRefs: [{ kind: 'SveltosCluster', apiVersion: 'lib.projectsveltos.io/v1beta1', namespace: 'fleet', name: 'a' }] } };
    const viaSet = clusterProfile('failover', { setRefs: ['active'] });
    const inventory = [
      sveltosCluster('fleet', 'a', { env: 'prod' }, { ready: true, connectionStatus: 'Down' }),
      sveltosCluster('fleet', 'b', { env: 'prod' }, { ready: true, connectionStatus: 'Healthy' }),
      sveltosCluster('fleet', 'c', { env: 'prod' }, { ready: true }),
    ];
    const { context } = fleetPlan.buildFleetPlan({ objects: [...declared, set, viaSet], inventory });
    const s = context.selection.set('ClusterSet/active')!;
    expect(s.prunedClusterRefs.map((r) => r.name)).toEqual(['a']);
    expect(s.selectedClusterRefs.map((r) => r.name)).toEqual(['b']);
    expect(context.selection.explain('ClusterProfile/failover', 'Sveltos:fleet/a').reason).toBe('set active dropped it: connectionStatus Down');
    expect(context.selection.profile('ClusterProfile/web')!.clusterSummaries.map((x) => x.clusterName)).toEqual(['a', 'b', 'c']);
  });
});

// The README's "Cluster Selection" YAML, verbatim in substance.
const readmeSelection = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'sveltos-ocm-addon' } },
  { apiVersion: 'cluster.open-cluster-management.io/v1beta2', kind: 'ManagedClusterSetBinding', metadata: { name: 'default', namespace: 'sveltos-ocm-addon' }, spec: { clusterSet: 'default' } },
  { apiVersion: 'cluster.open-cluster-management.io/v1beta1', kind: 'Placement', metadata: { name: 'sveltos-enabled-clusters', namespace: 'sveltos-ocm-addon' }, spec: { predicates: [{ requiredClusterSelector: { labelSelector: { matchLabels: { 'sveltos-enabled': 'true' } } } }] } },
  {
    apiVersion: 'addon.open-cluster-management.io/v1alpha1', kind: 'ClusterManagementAddOn',
    metadata: { name: 'sveltos-ocm-addon', annotations: { 'addon.open-cluster-management.io/lifecycle': 'addon-manager' } },
    spec: {
      addOnMeta: { displayName: 'Sveltos OCM Integration', description: 'Registers OCM managed clusters with Sveltos' },
      supportedConfigs: [{ group: 'sveltos.open-cluster-management.io', resource: 'sveltosocmclusters' }],
      installStrategy: { type: 'Placements', placements: [{ name: 'sveltos-enabled-clusters', namespace: 'sveltos-ocm-addon', configs: [{ group: 'sveltos.open-cluster-management.io', resource: 'sveltosocmclusters', name: 'default', namespace: 'open-cluster-management' }] }] },
    },
  },
];
const config = (spec: Record<string, unknown>) => ({ apiVersion: 'sveltos.open-cluster-management.io/v1alpha1', kind: 'SveltosOCMCluster', metadata: { name: 'default', namespace: 'open-cluster-management' }, spec });
const clusters = [mc('cluster1', { 'sveltos-enabled': 'true', env: 'prod', region: 'us-east-1' }), mc('cluster2', { env: 'prod' })];
const plain = (c: ReturnType<typeof mc>) => ({ ...c, status: undefined });

describe('sveltos-ocm-addon in the plan', () => {
  test('README Cluster Selection: the add-on is installed by its ClusterManagementAddOn placement; SveltosCluster <c>/<c> carries the ManagedCluster labels', () => {
    const { plan, context } = fleetPlan.buildFleetPlan({ objects: [...clusters.map(plain), ...readmeSelection, config({ tokenValidity: '168h', labelSync: true, shard: '' }), prodProfile] });
    const registered = [...context.clusterOfKey.entries()];
    expect(registered).toEqual([['Sveltos:cluster1/cluster1', 'cluster1']]);
    expect(context.selection.cluster('Sveltos:cluster1/cluster1')!.labels).toEqual({ 'sveltos-enabled': 'true', env: 'prod', region: 'us-east-1', 'cluster.open-cluster-management.io/clusterset': 'default' });
    expect(context.selection.profile('ClusterProfile/web')!.clusterSummaries.map((s) => s.name)).toEqual(['web-sveltos-cluster1']);
    expect(plan.findings.map((f) => `${f.id} ${f.subject}`)).toContain('FLEET007 ManagedCluster cluster2');
    expect(plan.assumptions.join('\n')).not.toMatch(/sveltos-ocm-addon: the input has no ClusterManagementAddOn/);
  });

  test('labelSync: false copies no label; the removed fields (syncLabels, sveltosNamespace, placementRef) change nothing; shard is an annotation', () => {
    const off = fleetPlan.buildFleetPlan({ objects: [...clusters.map(plain), ...readmeSelection, config({ labelSync: false }), prodProfile] }).context;
    expect(off.selection.cluster('Sveltos:cluster1/cluster1')!.labels).toEqual({});
    expect(off.selection.profile('ClusterProfile/web')!.clusterSummaries).toEqual([]);
    const stale = fleetPlan.buildFleetPlan({ objects: [...clusters.map(plain), ...readmeSelection, config({ syncLabels: false, sveltosNamespace: 'projectsveltos', placementRef: { name: 'elsewhere' }, shard: 'edge' }), prodProfile] }).context;
    const c = stale.selection.cluster('Sveltos:cluster1/cluster1')!;
    expect([c.namespace, c.labels.env, c.annotations]).toEqual(['cluster1', 'prod', { 'sharding.projectsveltos.io/key': 'edge' }]);
    expect(stale.selection.cluster('Sveltos:projectsveltos/cluster1')).toBeUndefined();
  });

  test('hand-made ManagedClusterAddOns register their namespace\'s cluster; lifecycle self installs nothing; a namespace without ManagedCluster registers nothing', () => {
    const mca = (ns: string) => ({ apiVersion: 'addon.open-cluster-management.io/v1alpha1', kind: 'ManagedClusterAddOn', metadata: { name: 'sveltos-ocm-addon', namespace: ns }, spec: {} });
    const selfCma = { ...readmeSelection[3], metadata: { name: 'sveltos-ocm-addon', annotations: { 'addon.open-cluster-management.io/lifecycle': 'self' } } };
    const ctx = fleetPlan.buildFleetPlan({ objects: [...clusters.map(plain), ...readmeSelection.slice(0, 3), selfCma, mca('cluster2'), mca('ghost'), config({})] }).context;
    expect([...ctx.clusterOfKey.keys()]).toEqual(['Sveltos:cluster2/cluster2']);
  });

  test('without a ClusterManagementAddOn, the add-on\'s own install (config/ocm: Placement sveltos-ocm over the global set) is assumed', () => {
    const configOcm = [
      { apiVersion: 'cluster.open-cluster-management.io/v1beta2', kind: 'ManagedClusterSetBinding', metadata: { name: 'global', namespace: 'open-cluster-management-addon' }, spec: { clusterSet: 'global' } },
      { apiVersion: 'cluster.open-cluster-management.io/v1beta1', kind: 'Placement', metadata: { name: 'sveltos-ocm', namespace: 'open-cluster-management-addon' }, spec: { clusterSets: ['global'] } },
      config({ tokenValidity: '168h', labelSync: true }),
    ];
    const { plan, context } = fleetPlan.buildFleetPlan({ objects: [...clusters.map(plain), ...configOcm] });
    expect([...context.clusterOfKey.keys()]).toEqual(['Sveltos:cluster1/cluster1', 'Sveltos:cluster2/cluster2']);
    expect(plan.assumptions).toContain('sveltos-ocm-addon: the input has no ClusterManagementAddOn sveltos-ocm-addon; it is assumed installed as its config/ocm does, on the clusters of the Placement(s) named sveltos-ocm');
    // no placement either: nothing is registered
    const none = fleetPlan.buildFleetPlan({ objects: [...clusters.map(plain), config({})] }).context;
    expect([...none.clusterOfKey.keys()]).toEqual([]);
  });

  test('with an inventory, label sync is additive over the hub\'s SveltosCluster and its readiness is the hub\'s', () => {
    const inventory = [
      mc('cluster1', { 'sveltos-enabled': 'true', env: 'prod', 'cluster.open-cluster-management.io/clusterset': 'default' }),
      sveltosCluster('cluster1', 'cluster1', { legacy: 'kept', env: 'staging' }, { ready: false }),
    ];
    const { context } = fleetPlan.buildFleetPlan({ objects: [...clusters.map(plain), ...readmeSelection, config({}), prodProfile], inventory });
    const c = context.selection.cluster('Sveltos:cluster1/cluster1')!;
    expect(c.labels).toEqual({ legacy: 'kept', env: 'prod', 'sveltos-enabled': 'true', 'cluster.open-cluster-management.io/clusterset': 'default' });
    expect(context.selection.explain('ClusterProfile/web', 'Sveltos:cluster1/cluster1').reason).toBe('not ready (status.ready is not true on the hub)');
  });

  test('the plan agrees with RegistrationChain.sveltosOcmAddon(): same SveltosClusters, same labels', () => {
    const app = Testing.app();
    const hub = new Hub(app, 'hub', { sveltosRegistration: RegistrationChain.sveltosOcmAddon() });
    const prod = hub.addClusterSet('prod');
    const p1 = hub.addCluster('prod-1', { labels: { env: 'prod', region: 'eu' }, clusterSet: prod });
    const p2 = hub.addCluster('prod-2', { labels: { env: 'prod', region: 'us' }, clusterSet: prod });
    const cp = new ClusterProfile(hub, 'eu', { clusterSelector: LabelSelector.matchLabels({ region: 'eu' }) });
    const { context } = fleetPlan.buildFleetPlan({ objects: Testing.synth(hub) });
    const chain = RegistrationChain.sveltosOcmAddon();
    for (const c of [p1, p2]) {
      const ref = chain.sveltosClusterRef(c);
      const planned = context.selection.cluster(`Sveltos:${ref.namespace}/${ref.name}`);
      expect(planned).toBeDefined();
      expect(planned!.labels).toEqual(chain.sveltosClusterLabels(c));
    }
    expect(cp.reachedClusters().map((r) => `${r.namespace}/${r.name}`)).toEqual(['prod-1/prod-1']);
    expect(context.selection.profile('ClusterProfile/eu')!.clusterSummaries.map((s) => `${s.clusterNamespace}/${s.clusterName}`)).toEqual(['prod-1/prod-1']);
  });
});
