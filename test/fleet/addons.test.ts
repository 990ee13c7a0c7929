import { ApiObject, App, Testing } from 'cdk8s';
import { Duration, LabelSelector, PercentOrAbsolute } from '../../lib/core';
import { FleetAddons } from '../../lib/fleet/addons';
import { Hub } from '../../lib/fleet/hub';
import { RegistrationChain } from '../../lib/inventory';
import { ClusterManagementAddOn, FeatureGate, InstallStrategy, ManifestChart } from '../../lib/ocm';
import { HelmChart, ProfileBase, SyncMode } from '../../lib/sveltos';
import { validateObjects } from '../support/crd-schema';

const chart = (repo: string, name: string, version: string, release: string, ns: string, repositoryName = name) =>
  HelmChart.fromRepository({ repositoryUrl: repo, repositoryName, chartName: `${repositoryName}/${name}`, version, releaseName: release, releaseNamespace: ns });

/** The example fleet: four clusters in two exclusive sets. */
function exampleHub(reverse = false, app: App = Testing.app()) {
  const hub = new Hub(app, 'hub');
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
  const addons = FleetAddons.of(hub);
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

describe('FleetAddons', () => {
  test('the example add-on stack reads as part of the hub and every object validates', () => {
    const { hub, nonprod } = exampleHub();
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
    const { hub } = exampleHub();
    const addons = FleetAddons.of(hub, { chain: RegistrationChain.sveltosOcmAddon() });
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
    const { hub } = exampleHub();
    const addons = FleetAddons.of(hub, { chain: RegistrationChain.direct({ namespace: 'fleet' }) });
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

  test('FleetAddons.of returns the hub\'s one instance', () => {
    const { hub } = exampleHub();
    const a = FleetAddons.of(hub);
    expect(FleetAddons.of(hub)).toBe(a);
  });

  test('fails when a second registration chain is asked of the same hub', () => {
    const { hub } = exampleHub();
    FleetAddons.of(hub);
    expect(() => FleetAddons.of(hub, { chain: RegistrationChain.direct() })).toThrow(/already registers its clusters with Sveltos through the inventory chain/);
  });

  test('an add-on declared elsewhere is reused and noted', () => {
    const { hub } = exampleHub();
    hub.addAddOn('cluster-proxy', { installStrategy: InstallStrategy.manual() });
    const addons = FleetAddons.of(hub);
    expect(ClusterManagementAddOn.allIn(hub).filter((a) => a.name === 'cluster-proxy')).toHaveLength(1);
    expect(addons.warnings.join('\n')).toMatch(/ClusterManagementAddOn "cluster-proxy" is declared elsewhere/);
  });

  test('declareAddOns: false leaves the ClusterManagementAddOns to their Helm releases, and keeps the placement they install by', () => {
    const { hub } = exampleHub();
    const addons = FleetAddons.of(hub, { declareAddOns: false });
    const objs = Testing.synth(hub);
    expect(objs.filter((o) => o.kind === 'ClusterManagementAddOn')).toEqual([]);
    expect(addons.declareAddOns).toBe(false);
    // the placement stays: a HubStack passes it to its releases as installByPlacement
    expect(objs.find((o) => o.kind === 'Placement' && o.metadata.name === 'inventory-addons').spec).toEqual({ clusterSets: ['global'], tolerations: [{ operator: 'Exists' }] });
    expect(addons.addOnPlacement?.name).toBe('inventory-addons');
    expect(addons.warnings.join('\n')).toMatch(/ClusterManagementAddOn "cluster-proxy" is not declared \(declareAddOns is off\); whatever creates it must install it on the clusters of placement "cluster-inventory\/inventory-addons" \(a Terraform HubStack passes that placement to its cluster-proxy release as installByPlacement/);
  });

  test('an equal chain asked for again is the same chain; find never creates', () => {
    const { hub } = exampleHub();
    expect(FleetAddons.find(hub)).toBeUndefined();
    const a = hub.useRegistrationChain({ chain: RegistrationChain.inventory({ namespace: 'inv', copyLabels: ['env', 'region'] }), declareAddOns: false });
    expect(hub.useRegistrationChain({ chain: RegistrationChain.inventory({ namespace: 'inv', copyLabels: ['region', 'env'] }), declareAddOns: false })).toBe(a);
    expect(hub.useRegistrationChain({ chain: RegistrationChain.inventory({ namespace: 'inv', copyLabels: ['env', 'region'] }) })).toBe(a);
    expect(FleetAddons.find(hub)).toBe(a);
    const b = exampleHub().hub;
    const ocmAddon = b.useRegistrationChain({ chain: RegistrationChain.sveltosOcmAddon({ tokenValidity: Duration.hours(24) }) });
    expect(b.useRegistrationChain({ chain: RegistrationChain.sveltosOcmAddon({ tokenValidity: Duration.minutes(1440) }) })).toBe(ocmAddon);
  });

  test('fails when a second chain of the same kind differs in its settings', () => {
    const { hub } = exampleHub();
    hub.useRegistrationChain({ chain: RegistrationChain.inventory() });
    expect(() => hub.useRegistrationChain({ chain: RegistrationChain.inventory({ namespace: 'other' }) }))
      .toThrow(/hub "hub": already registers its clusters with Sveltos through the inventory chain \(registration chain "inventory" \(ClusterProfiles in "cluster-inventory".*this call asks for registration chain "inventory" \(ClusterProfiles in "other"/);
    expect(() => hub.useRegistrationChain({ chain: RegistrationChain.inventory({ copyLabels: ['env'] }) })).toThrow(/already registers its clusters/);
  });

  test('fails when a later call asks for another declareAddOns', () => {
    const { hub } = exampleHub();
    hub.addAddon('cni', { clusterSelector: LabelSelector.exists('env') }); // creates the wiring with the defaults
    expect(() => hub.useRegistrationChain({ declareAddOns: false }))
      .toThrow(/hub "hub": already wires its add-ons with declareAddOns: true, and this call asks for declareAddOns: false; the setting is fixed on first use. Call hub.useRegistrationChain\(\{ declareAddOns: false \}\) before any hub.addAddon\(\.\.\.\)/);
  });

  test('fails when an add-on id or name is used twice', () => {
    const { hub } = exampleHub();
    hub.addAddon('cni', { clusterSelector: LabelSelector.exists('env') });
    expect(() => hub.addAddon('cni', { clusterSelector: LabelSelector.exists('env') }))
      .toThrow(/add-on "cni": is declared twice on hub "hub" \(addAddon\("cni"\) was already called\); give the second add-on another id/);
    expect(() => hub.addAddon('cni-2', { name: 'cni', clusterSelector: LabelSelector.exists('env') }))
      .toThrow(/add-on "cni-2": would be ClusterProfile "cni", which add-on "cni" already declares; two profiles with one name overwrite each other/);
    hub.bind(hub.clusterSets[0], 'team-a');
    hub.addAddon('app', { namespace: 'team-a', clusterSelector: LabelSelector.exists('env') });
    expect(() => hub.addAddon('app', { namespace: 'team-a', clusterSelector: LabelSelector.exists('env') }))
      .toThrow(/add-on "app": is declared twice on hub "hub" \(addAddon\("app", \{ namespace: "team-a" \}\) was already called\)/);
    // the same id as a Profile in a namespace and as a ClusterProfile are different add-ons
    expect(() => hub.addAddon('app', { clusterSelector: LabelSelector.exists('env') })).not.toThrow();
  });

  test('fails when two add-ons of equal tier deploy the same Helm release to the same declared cluster', () => {
    const { hub } = exampleHub();
    const addons = FleetAddons.of(hub);
    const cm = () => chart('https://charts.jetstack.io', 'cert-manager', 'v1.15.3', 'cert-manager', 'cert-manager', 'jetstack');
    addons.addAddon('platform', { clusterSelector: LabelSelector.matchLabels({ region: 'eu' }), helmCharts: [cm()] });
    addons.addAddon('security', { clusterSelector: LabelSelector.matchLabels({ env: 'production' }), helmCharts: [cm()] });
    expect(() => Testing.synth(hub)).toThrow(/ClusterProfile "platform" and ClusterProfile "security" both deploy Helm release cert-manager\/cert-manager to ManagedCluster "prod-eu-1" at tier 100/);
  });

  test('fails on a selector over a claim, through the chain', () => {
    const { hub } = exampleHub();
    FleetAddons.of(hub).addAddon('kind-only', { clusterSelector: LabelSelector.in('platform.open-cluster-management.io', 'KIND') });
    expect(() => Testing.synth(hub)).toThrow(/ClusterProfile "kind-only": clusterSelector uses "platform.open-cluster-management.io", which is a ClusterClaim of ManagedCluster "dev-1", not a label/);
  });

  test('fails when a cluster is declared after the add-ons', () => {
    const { hub } = exampleHub();
    FleetAddons.of(hub).addAddon('cni', { clusterSelector: LabelSelector.exists('env') });
    hub.addCluster('late-1', { labels: { env: 'dev' } });
    expect(() => Testing.synth(hub)).toThrow(/ManagedCluster "late-1" was declared after the fleet's add-ons/);
    FleetAddons.of(hub).registerClusters();
    expect(() => Testing.synth(hub)).not.toThrow();
  });

  test('fails when clusters lists a cluster the chain does not register', () => {
    const { hub, prod } = exampleHub();
    const addons = FleetAddons.of(hub, { chain: RegistrationChain.inventory({ clusterSet: prod }) });
    expect(() => addons.addAddon('x', { clusters: [hub.cluster('dev-1')] })).toThrow(/cluster "dev-1" is not in cluster set "prod"/);
  });
});
