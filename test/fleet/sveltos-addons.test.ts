import { ApiObject, App, Testing } from 'cdk8s';
import { LabelSelector, PercentOrAbsolute } from '../../lib/core';
import { SveltosAddons } from '../../lib/fleet/sveltos-addons';
import { Hub, HubProps } from '../../lib/fleet/hub';
import { RegistrationChain } from '../../lib/inventory';
import { ClusterManagementAddOn, FeatureGate, InstallStrategy, ManagedClusterSet, ManifestChart } from '../../lib/ocm';
import { HelmChart, ProfileBase, SyncMode } from '../../lib/sveltos';
import { validateObjects } from '../support/crd-schema';

const chart = (repo: string, name: string, version: string, release: string, ns: string, repositoryName = name) =>
  HelmChart.fromRepository({ repositoryUrl: repo, repositoryName, chartName: `${repositoryName}/${name}`, version, releaseName: release, releaseNamespace: ns });

/** The example fleet: four clusters in two exclusive sets. */
function exampleHub(reverse = false, app: App = Testing.app(), props: HubProps = {}) {
  const hub = new Hub(app, 'hub', props);
  const prod = hub.addClusterSet('prod');
  const nonprod = hub.addClusterSet('nonprod');
  const clusters: [string, Record<string, string>, any, Record<string, string>?][] = [
    ['prod-eu-1', { env: 'production', region: 'eu' }, prod],
    ['prod-us-1', { env: 'production', region: 'us' }, prod],
    ['staging-1', { env: 'staging', region: 'eu' }, nonprod],
    ['dev-1', { env: 'dev', region: 'eu' }, nonprod, { 'platform.open-cluster-management.io': 'KIND' }],
  ];
  for (const [name, labels, clusterSet, claims] of reverse ? clusters.reverse() : clusters) hub.addCluster(name, { labels, clusterSet, claims });
  return { app, hub, prod, nonprod };
}

/** The seed talk's add-on stack: CNI → cert-manager → monitoring → policy engine → policies. */
function addonStack(hub: Hub, nonprod: any) {
  const addons = SveltosAddons.of(hub);
  const everywhere = LabelSelector.in('env', 'production', 'staging', 'dev');
  const production = LabelSelector.matchLabels({ env: 'production' });
  const cni = addons.addAddon('cni', { clusterSelector: everywhere, tier: 10, helmCharts: [chart('https://helm.cilium.io/', 'cilium', '1.16.1', 'cilium', 'kube-system')] });
  const certManager = addons.addAddon('cert-manager', { clusterSelector: everywhere, dependsOn: [cni], helmCharts: [chart('https://charts.jetstack.io', 'cert-manager', 'v1.15.3', 'cert-manager', 'cert-manager', 'jetstack')] });
  const kps = () => chart('https://prometheus-community.github.io/helm-charts', 'kube-prometheus-stack', '61.3.2', 'kube-prometheus-stack', 'monitoring', 'prometheus-community');
  const monitoringProd = addons.addAddon('monitoring-production', {
    clusterSelector: production,
    dependsOn: [certManager],
    helmCharts: [kps()],
    syncMode: SyncMode.CONTINUOUS_WITH_DRIFT_DETECTION,
    driftExclusions: [{ paths: ['/spec/replicas'], target: { kind: 'Deployment', namespace: 'monitoring' } }],
    maxUpdate: PercentOrAbsolute.percent(50),
  });
  const monitoring = addons.addAddon('monitoring', { clusterSelector: LabelSelector.in('env', 'staging', 'dev'), dependsOn: [certManager], helmCharts: [kps()] });
  const kyverno = addons.addAddon('kyverno', { clusterSelector: everywhere, dependsOn: [certManager], helmCharts: [chart('https://kyverno.github.io/kyverno/', 'kyverno', '3.2.6', 'kyverno', 'kyverno')] });
  const policies = addons.addAddon('kyverno-policies', { clusterSelector: everywhere, dependsOn: [kyverno] });
  const content = new ManifestChart();
  new ApiObject(content, 'require-labels', {
    apiVersion: 'kyverno.io/v1',
    kind: 'ClusterPolicy',
    metadata: { name: 'require-team-label' },
    spec: {
      validationFailureAction: 'Enforce',
      rules: [{
        name: 'team-label',
        match: { any: [{ resources: { kinds: ['Deployment'] } }] },
        validate: { message: 'cluster {{ .Cluster.metadata.name }} needs a team label', pattern: { metadata: { labels: { team: '?*' } } } },
      }],
    },
  });
  policies.addManifests(content);
  // a team's own Profile: bind its set into the team namespace, so OCM writes ClusterProfiles there
  hub.bind(nonprod, 'team-a');
  const teamApp = addons.addAddon('team-a-app', {
    namespace: 'team-a',
    clusterSelector: LabelSelector.matchLabels({ 'multicluster.x-k8s.io/clusterset': 'nonprod' }),
    helmCharts: [chart('https://charts.bitnami.com/bitnami', 'nginx', '18.1.11', 'web', 'team-a', 'bitnami')],
  });
  return { addons, cni, certManager, monitoringProd, monitoring, kyverno, policies, teamApp };
}

const reached = (p: ProfileBase) => p.reachedClusters().map((r) => r.managedCluster ?? `${r.namespace}/${r.name}`);

describe('SveltosAddons', () => {
  test('the example add-on stack reads as part of the hub and every object validates', () => {
    const { hub, nonprod } = exampleHub(false, undefined, { declareChainAddOns: true });
    const stack = addonStack(hub, nonprod);
    const objs = Testing.synth(hub);
    expect(validateObjects(objs)).toEqual([]);

    // the inventory chain is wired end to end
    expect(hub.clusterManager.isEnabled(FeatureGate.CLUSTER_PROFILE)).toBe(true);
    const ns = objs.find((o) => o.kind === 'Namespace' && o.metadata.name === 'cluster-inventory');
    expect(ns.metadata.labels).toEqual({ 'multicluster.x-k8s.io/clusterset': 'global' });
    expect(objs.find((o) => o.kind === 'ManagedClusterSetBinding' && o.metadata.namespace === 'cluster-inventory').spec).toEqual({ clusterSet: 'global' });
    // tolerates every taint: registered edge or joining clusters need the add-ons too
    expect(objs.find((o) => o.kind === 'Placement' && o.metadata.name === 'inventory-addons').spec).toEqual({ clusterSets: ['global'], tolerations: [{ operator: 'Exists' }] });
    expect(objs.filter((o) => o.kind === 'ClusterManagementAddOn').map((o) => `${o.metadata.name}:${o.spec.installStrategy.type}`)).toEqual(['cluster-proxy:Placements', 'managed-serviceaccount:Placements']);
    const inventory = objs.filter((o) => o.apiVersion === 'multicluster.x-k8s.io/v1alpha1');
    expect(inventory.map((o) => `${o.metadata.namespace}/${o.metadata.name} env=${o.metadata.labels.env}`)).toEqual([
      'cluster-inventory/dev-1 env=dev', 'cluster-inventory/prod-eu-1 env=production', 'cluster-inventory/prod-us-1 env=production', 'cluster-inventory/staging-1 env=staging',
    ]);
    expect(objs.filter((o) => o.kind === 'ManagedServiceAccount').map((o) => o.metadata.namespace)).toEqual(['dev-1', 'prod-eu-1', 'prod-us-1', 'staging-1']);

    // which declared clusters each profile selects through the chain
    expect(reached(stack.cni)).toEqual(['dev-1', 'prod-eu-1', 'prod-us-1', 'staging-1']);
    expect(reached(stack.certManager)).toEqual(['dev-1', 'prod-eu-1', 'prod-us-1', 'staging-1']);
    expect(reached(stack.monitoringProd)).toEqual(['prod-eu-1', 'prod-us-1']);
    expect(reached(stack.monitoring)).toEqual(['dev-1', 'staging-1']);
    expect(reached(stack.kyverno)).toEqual(['dev-1', 'prod-eu-1', 'prod-us-1', 'staging-1']);
    expect(reached(stack.policies)).toEqual(['dev-1', 'prod-eu-1', 'prod-us-1', 'staging-1']);
    expect(stack.teamApp.reachedClusters().map((r) => `${r.namespace}/${r.name}`)).toEqual(['team-a/dev-1', 'team-a/staging-1']);
    expect(stack.cni.reachedClusters()[0].namespace).toBe('cluster-inventory');

    // the Sveltos objects carry the fields Sveltos reads
    const profile = (name: string) => objs.find((o) => o.kind === 'ClusterProfile' && o.apiVersion.startsWith('config.') && o.metadata.name === name);
    expect(profile('cert-manager').spec.dependsOn).toEqual(['cni']);
    expect(profile('monitoring-production').spec).toMatchObject({ syncMode: 'ContinuousWithDriftDetection', maxUpdate: '50%', dependsOn: ['cert-manager'], helmCharts: [{ chartVersion: '61.3.2' }] });
    expect(profile('kyverno-policies').spec.policyRefs).toEqual([{ kind: 'ConfigMap', name: 'kyverno-policies-manifests', namespace: 'projectsveltos' }]);
    const cm = objs.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'kyverno-policies-manifests');
    expect(cm.metadata.annotations).toEqual({ 'projectsveltos.io/template': 'ok' });
    expect(cm.data['manifests.yaml']).toContain('message: cluster {{ .Cluster.metadata.name }} needs a team label');
    const team = objs.find((o) => o.kind === 'Profile');
    expect(team.metadata).toEqual({ name: 'team-a-app', namespace: 'team-a' });
    expect(stack.addons.warnings.join('\n')).toMatch(/only those in "cluster-inventory" carry the fleet's labels/);
  });

  test('synthesizes byte-identical output whatever the order of declarations', () => {
    const a = exampleHub();
    addonStack(a.hub, a.nonprod);
    const b = exampleHub(true);
    addonStack(b.hub, b.nonprod);
    expect(JSON.stringify(Testing.synth(a.hub))).toEqual(JSON.stringify(Testing.synth(b.hub)));
  });

  test('sveltos-ocm-addon chain: its add-on, config and placement, with warnings', () => {
    const { hub } = exampleHub(false, undefined, { sveltosRegistration: RegistrationChain.sveltosOcmAddon(), declareChainAddOns: true });
    const addons = SveltosAddons.of(hub);
    const cp = addons.addAddon('eu', { clusterSelector: LabelSelector.matchLabels({ region: 'eu' }) });
    const objs = Testing.synth(hub);
    expect(validateObjects(objs)).toEqual([]);
    expect(objs.find((o) => o.kind === 'SveltosOCMCluster').metadata).toEqual({ name: 'default', namespace: 'open-cluster-management' });
    expect(objs.find((o) => o.kind === 'Placement').metadata).toEqual({ name: 'sveltos-ocm', namespace: 'open-cluster-management-addon' });
    expect(objs.filter((o) => o.kind === 'ClusterManagementAddOn').map((o) => o.metadata.name)).toEqual(['cluster-proxy', 'managed-serviceaccount', 'sveltos-ocm-addon']);
    expect(objs.some((o) => o.apiVersion === 'multicluster.x-k8s.io/v1alpha1' || o.kind === 'SveltosCluster')).toBe(false);
    expect(cp.reachedClusters().map((r) => `${r.namespace}/${r.name}`)).toEqual(['dev-1/dev-1', 'prod-eu-1/prod-eu-1', 'staging-1/staging-1']);
    expect(addons.warnings.join('\n')).toMatch(/\["\*"\].*cluster-admin equivalent/);
    expect(addons.warnings.join('\n')).toMatch(/never removes one/);
  });

  test('direct chain: a SveltosCluster per cluster; clusters option becomes clusterRefs', () => {
    const { hub } = exampleHub(false, undefined, { sveltosRegistration: RegistrationChain.direct({ namespace: 'fleet' }) });
    const addons = SveltosAddons.of(hub);
    const p = addons.addAddon('canary', { clusters: [hub.cluster('dev-1')], helmCharts: [chart('https://charts.jetstack.io', 'cert-manager', 'v1.15.3', 'cert-manager', 'cert-manager', 'jetstack')] });
    const objs = Testing.synth(hub);
    expect(validateObjects(objs)).toEqual([]);
    expect(objs.filter((o) => o.kind === 'SveltosCluster').map((o) => `${o.metadata.namespace}/${o.metadata.name}:${o.spec.kubeconfigName}`)).toEqual([
      'fleet/dev-1:dev-1-sveltos-kubeconfig', 'fleet/prod-eu-1:prod-eu-1-sveltos-kubeconfig', 'fleet/prod-us-1:prod-us-1-sveltos-kubeconfig', 'fleet/staging-1:staging-1-sveltos-kubeconfig',
    ]);
    expect(objs.find((o) => o.kind === 'ClusterProfile').spec.clusterRefs).toEqual([{ apiVersion: 'lib.projectsveltos.io/v1beta1', kind: 'SveltosCluster', namespace: 'fleet', name: 'dev-1' }]);
    expect(reached(p)).toEqual(['dev-1']);
    expect(hub.clusterManager.isEnabled(FeatureGate.CLUSTER_PROFILE)).toBe(false);
  });

  test('SveltosAddons.of returns the hub\'s one instance', () => {
    const { hub } = exampleHub();
    const a = SveltosAddons.of(hub);
    expect(SveltosAddons.of(hub)).toBe(a);
  });

  test('fails when sveltosRegistration is not a RegistrationChain', () => {
    expect(() => new Hub(Testing.app(), 'hub', { sveltosRegistration: 'inventory' as any })).toThrow(/Hub "hub": sveltosRegistration must be RegistrationChain.inventory\(\), .sveltosOcmAddon\(\) or .direct\(\), got string "inventory"/);
    expect(() => new Hub(Testing.app(), 'hub', { declareChainAddOns: 'false' as any })).toThrow(/Hub "hub": declareChainAddOns must be true or false, got string "false"/);
  });

  test('an add-on declared elsewhere is reused and noted', () => {
    const { hub } = exampleHub(false, undefined, { declareChainAddOns: true });
    hub.addClusterManagementAddOn('cluster-proxy', { installStrategy: InstallStrategy.manual() });
    const addons = SveltosAddons.of(hub);
    expect(ClusterManagementAddOn.allIn(hub).filter((a) => a.name === 'cluster-proxy')).toHaveLength(1);
    expect(addons.warnings.join('\n')).toMatch(/ClusterManagementAddOn "cluster-proxy" is declared elsewhere/);
  });

  test('by default (declareChainAddOns: false) the ClusterManagementAddOns are left to their Helm releases, and the placement they install by is kept', () => {
    const { hub } = exampleHub();
    const addons = SveltosAddons.of(hub);
    const objs = Testing.synth(hub);
    expect(objs.filter((o) => o.kind === 'ClusterManagementAddOn')).toEqual([]);
    expect(addons.declareAddOns).toBe(false);
    // the placement stays: a HubStack passes it to its releases as installByPlacement
    expect(objs.find((o) => o.kind === 'Placement' && o.metadata.name === 'inventory-addons').spec).toEqual({ clusterSets: ['global'], tolerations: [{ operator: 'Exists' }] });
    expect(addons.addOnPlacement?.name).toBe('inventory-addons');
    expect(addons.warnings.join('\n')).toMatch(/ClusterManagementAddOn "cluster-proxy" is not declared \(declareAddOns is off\); whatever creates it must install it on the clusters of placement "cluster-inventory\/inventory-addons" \(a Terraform HubStack passes that placement to its cluster-proxy release as installByPlacement/);
  });

  test('find never creates; a chain set on the hub is wired before any add-on', () => {
    const { hub } = exampleHub();
    expect(SveltosAddons.find(hub)).toBeUndefined();
    const a = SveltosAddons.of(hub);
    expect(SveltosAddons.find(hub)).toBe(a);
    expect(SveltosAddons.of(hub)).toBe(a);
    const b = exampleHub(false, undefined, { sveltosRegistration: RegistrationChain.inventory({ namespace: 'inv' }) }).hub;
    expect(SveltosAddons.find(b)?.chain.namespace).toBe('inv');
    expect(Testing.synth(b).filter((o) => o.kind === 'ClusterProfile').map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toContain('inv/dev-1');
  });

  test('fails when an add-on id or name is used twice', () => {
    const { hub } = exampleHub();
    hub.addSveltosAddon('cni', { clusterSelector: LabelSelector.exists('env') });
    expect(() => hub.addSveltosAddon('cni', { clusterSelector: LabelSelector.exists('env') }))
      .toThrow(/add-on "cni": is declared twice on hub "hub" \(addAddon\("cni"\) was already called\); give the second add-on another id/);
    expect(() => hub.addSveltosAddon('cni-2', { name: 'cni', clusterSelector: LabelSelector.exists('env') }))
      .toThrow(/add-on "cni-2": would be ClusterProfile "cni", which add-on "cni" already declares; two profiles with one name overwrite each other/);
    hub.bind(hub.clusterSets[0], 'team-a');
    hub.addSveltosAddon('app', { namespace: 'team-a', clusterSelector: LabelSelector.exists('env') });
    expect(() => hub.addSveltosAddon('app', { namespace: 'team-a', clusterSelector: LabelSelector.exists('env') }))
      .toThrow(/add-on "app": is declared twice on hub "hub" \(addAddon\("app", \{ namespace: "team-a" \}\) was already called\)/);
    // the same id as a Profile in a namespace and as a ClusterProfile are different add-ons
    expect(() => hub.addSveltosAddon('app', { clusterSelector: LabelSelector.exists('env') })).not.toThrow();
  });

  test('fails when two add-ons of equal tier deploy the same Helm release to the same declared cluster', () => {
    const { hub } = exampleHub();
    const addons = SveltosAddons.of(hub);
    const cm = () => chart('https://charts.jetstack.io', 'cert-manager', 'v1.15.3', 'cert-manager', 'cert-manager', 'jetstack');
    addons.addAddon('platform', { clusterSelector: LabelSelector.matchLabels({ region: 'eu' }), helmCharts: [cm()] });
    addons.addAddon('security', { clusterSelector: LabelSelector.matchLabels({ env: 'production' }), helmCharts: [cm()] });
    expect(() => Testing.synth(hub)).toThrow(/hub\/Addons\/ClusterProfile-security: FLEET009 ClusterProfile security: ClusterProfile\/platform and ClusterProfile\/security both deploy Helm release cert-manager\/cert-manager on SveltosCluster cluster-inventory\/prod-eu-1: equal tier 100/);
  });

  test('fails on a selector over a claim, through the chain', () => {
    const { hub } = exampleHub();
    SveltosAddons.of(hub).addAddon('kind-only', { clusterSelector: LabelSelector.in('platform.open-cluster-management.io', 'KIND') });
    expect(() => Testing.synth(hub)).toThrow(/hub\/Addons\/ClusterProfile-kind-only: FLEET011 ClusterProfile kind-only: clusterSelector uses "platform.open-cluster-management.io", which is a ClusterClaim of ManagedCluster "dev-1", not a label/);
  });

  test('clusters, labels and sets declared after the add-ons are registered at synth', () => {
    const { hub, prod } = exampleHub();
    SveltosAddons.of(hub).addAddon('cni', { clusterSelector: LabelSelector.exists('env') });
    const late = hub.addCluster('late-1', { labels: { env: 'dev' } });
    late.addLabel('region', 'eu');
    prod.addCluster(late);
    const objects = Testing.synth(hub);
    const profile = objects.find((o) => o.kind === 'ClusterProfile' && o.apiVersion.startsWith('multicluster.x-k8s.io/') && o.metadata.name === 'late-1');
    expect(profile.metadata.namespace).toBe('cluster-inventory');
    expect(profile.metadata.labels).toEqual(expect.objectContaining({ env: 'dev', region: 'eu', 'cluster.open-cluster-management.io/clusterset': 'prod' }));
    expect(objects.filter((o) => o.kind === 'ManagedServiceAccount').map((o) => o.metadata.namespace)).toContain('late-1');
  });

  test('fails when clusters lists a cluster the chain does not register (decided at synth)', () => {
    const { hub } = exampleHub(false, undefined, { sveltosRegistration: RegistrationChain.inventory({ clusterSet: ManagedClusterSet.fromName('prod') }) });
    const addons = SveltosAddons.of(hub);
    addons.addAddon('x', { clusters: [hub.cluster('dev-1')] });
    expect(() => Testing.synth(hub)).toThrow(/add-on "x": cluster "dev-1" is not in cluster set "prod", so the inventory chain gives it no SveltosCluster/);
  });
});
