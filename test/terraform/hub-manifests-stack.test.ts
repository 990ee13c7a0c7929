import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { ApiObject } from 'cdk8s';
import { KubeSecret } from 'cdk8s-plus-30/lib/imports/k8s';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { RegistrationChain } from '../../lib/inventory';
import { FeatureGate } from '../../lib/ocm/cluster-manager';
import { ManifestWork } from '../../lib/ocm/manifest-work';
import { HubManifestsStack, KubeconfigSource, SpokeStack } from '../../lib/terraform';
import { GATES, fleetHub, kubeconfigsFor, newApp, newHubStack, synthAll, synthStack } from './support';

function hubWithObjects(props?: Parameters<typeof fleetHub>[0]) {
  const hub = fleetHub(props);
  const prod = hub.addClusterSet('production');
  hub.bind(prod, 'fleet-apps');
  hub.addManifestWork('greeting', {
    cluster: hub.cluster('prod-eu-1'),
    objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'greeting', namespace: 'default' }, data: { 'shell': 'echo ${HOME}', 'template': '%{ if true }yes%{ endif }', '${key}': 'v' } }],
  });
  return hub;
}

describe('HubManifestsStack', () => {
  test('applyHubManifests: one kubernetes_manifest per hub object, except the ClusterManager the chart owns', () => {
    const app = newApp();
    const hub = hubWithObjects();
    const hubStack = newHubStack(app, hub, { applyHubManifests: true });
    expect(hubStack.manifests).toBeInstanceOf(HubManifestsStack);
    const out = synthStack(hubStack.manifests!);
    const kinds = Object.values<any>(out.resource.kubernetes_manifest).map((m) => `${m.manifest.kind}/${m.manifest.metadata.name}`);
    expect(kinds.sort()).toEqual([
      'ManagedCluster/dev-eu-1',
      'ManagedCluster/prod-eu-1',
      'ManagedCluster/prod-us-1',
      'ManagedClusterSet/production',
      'ManagedClusterSetBinding/production',
      'ManifestWork/greeting',
      'Namespace/fleet-apps',
    ]);
    expect(out.resource.kubernetes_manifest['managedclustersetbinding_fleet-apps_production'].depends_on).toEqual(['kubernetes_manifest.namespace_fleet-apps']);
    expect(out.resource.kubernetes_manifest['managedcluster_prod-eu-1'].depends_on).toBeUndefined();
    expect(Object.keys(out.resource.kubernetes_manifest)).toContain('managedcluster_prod-eu-1');
    expect(Object.keys(out.resource.kubernetes_manifest)).toContain('managedclustersetbinding_fleet-apps_production');
    expect(hubStack.manifests!.objects.get('ManagedCluster/prod-eu-1')).toBeInstanceOf(Manifest);
    expect(out.provider.kubernetes).toEqual([{ config_path: '~/.kube/config', config_context: 'hub' }]);
  });

  test('the objects are the Hub\'s own, with ${ and %{ escaped so Terraform writes them literally', () => {
    const app = newApp();
    const hub = hubWithObjects();
    const out = Testing.synth(newHubStack(app, hub, { applyHubManifests: true }).manifests!);
    expect(out).toHaveResourceWithProperties(Manifest, {
      manifest: { apiVersion: 'cluster.open-cluster-management.io/v1', kind: 'ManagedCluster', metadata: { name: 'prod-eu-1', labels: { dc: 'eu', env: 'production' } }, spec: { hubAcceptsClient: true } },
    });
    const work = JSON.parse(out).resource.kubernetes_manifest['manifestwork_prod-eu-1_greeting'].manifest;
    expect(work.spec.workload.manifests[0].data).toEqual({ 'shell': 'echo $${HOME}', 'template': '%%{ if true }yes%%{ endif }', '$${key}': 'v' });
  });

  test('cross-stack dependencies: manifests after the hub, spokes after the manifests', () => {
    const app = newApp();
    const hub = hubWithObjects();
    const hubStack = newHubStack(app, hub, { applyHubManifests: true });
    SpokeStack.forHub(app, hubStack, { kubeconfigs: kubeconfigsFor(hub) });
    const { manifest } = synthAll(app);
    expect(manifest.stacks['hub-manifests'].dependencies).toEqual(['hub']);
    expect(manifest.stacks['spoke-prod-eu-1'].dependencies.sort()).toEqual(['hub', 'hub-manifests']);
  });

  test('host and token variables are declared in the manifests stack too', () => {
    const app = newApp();
    const hubStack = newHubStack(app, hubWithObjects(), {
      kubeconfig: KubeconfigSource.hostAndToken({ hostVariable: 'hub_host', tokenVariable: 'hub_token', caVariable: 'hub_ca' }),
      applyHubManifests: true,
    });
    expect(synthStack(hubStack.manifests!).variable.hub_token.sensitive).toBe(true);
  });

  test('each object\'s content is read from the Hub at synth', () => {
    const hub = hubWithObjects();
    const stack = newHubStack(newApp(), hub, { applyHubManifests: true }).manifests!;
    const work = ManifestWork.allIn(hub).find((w) => w.name === 'greeting')!;
    work.addObjects({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'later', namespace: 'default' }, data: { a: 'b' } });
    const manifests = synthStack(stack).resource.kubernetes_manifest['manifestwork_prod-eu-1_greeting'].manifest.spec.workload.manifests;
    expect(manifests.map((m: any) => m.metadata.name)).toEqual(['greeting', 'later']);
  });

  test('Namespaces the Helm releases create are left to them; their labels are reported', () => {
    const hub = hubWithObjects({ featureGates: GATES, sveltosRegistration: RegistrationChain.sveltosOcmAddon() });
    const ns = hub.node.children.find((c): c is ApiObject => c instanceof ApiObject && c.kind === 'Namespace' && c.name === 'open-cluster-management-addon')!;
    ns.metadata.addLabel('team', 'platform');
    const hubStack = newHubStack(newApp(), hub, { applyHubManifests: true, preinstalledApiGroups: ['sveltos.open-cluster-management.io'] });
    const out = synthStack(hubStack.manifests!);
    const objects = Object.values<any>(out.resource.kubernetes_manifest).map((m) => `${m.manifest.kind}/${m.manifest.metadata.namespace ?? ''}/${m.manifest.metadata.name}`);
    expect(objects).not.toContain('Namespace//open-cluster-management-addon');
    expect(objects).toContain('Placement/open-cluster-management-addon/sveltos-ocm');
    expect(objects).toContain('SveltosOCMCluster/open-cluster-management/default');
    // objects in a release namespace do not wait for a Namespace resource (the stack waits for the hub stack)
    expect(out.resource.kubernetes_manifest['placement_open-cluster-management-addon_sveltos-ocm'].depends_on).toBeUndefined();
    expect(hubStack.warnings.join('\n')).toMatch(/Namespace "open-cluster-management-addon" is created by the cluster-proxy Helm release, so this stack does not apply the Hub's Namespace object and its labels \(\{"labels":\{"team":"platform"\}\}\) are not set/);
  });

  test('fails with a Secret on the hub (its data would be plain text in Terraform)', () => {
    const hub = hubWithObjects();
    new KubeSecret(hub, 'creds', { metadata: { name: 'creds', namespace: 'fleet-apps' }, stringData: { password: 'x' } });
    expect(() => newHubStack(newApp(), hub, { applyHubManifests: true }))
      .toThrow(/HubManifestsStack "hub-manifests": the Hub declares Secret Secret\/fleet-apps\/creds; applying it through Terraform would write its data in plain text/);
    // declared after the stack: refused at synth
    const later = hubWithObjects();
    const stack = newHubStack(newApp(), later, { applyHubManifests: true }).manifests!;
    new KubeSecret(later, 'creds', { metadata: { name: 'creds', namespace: 'fleet-apps' }, stringData: { password: 'x' } });
    expect(() => synthStack(stack)).toThrow(/the Hub declares Secret Secret\/fleet-apps\/creds/);
  });

  test('fails at synth when objects are added to or removed from the Hub after the stack was created', () => {
    const hub = hubWithObjects();
    const stack = newHubStack(newApp(), hub, { applyHubManifests: true }).manifests!;
    hub.addCluster('late-1', { labels: { env: 'dev' } });
    hub.addPlacement('late', { namespace: 'fleet-apps' });
    expect(() => synthStack(stack)).toThrow(/HubManifestsStack "hub-manifests": the Hub changed after this stack was created \(added ManagedCluster\/late-1, Placement\/fleet-apps\/late\), and this stack has one resource per object it saw then; create the HubStack after the fleet is fully declared/);
  });

  test('fails when a SveltosOCMCluster (or any kind) has no CRD install before the stack is planned', () => {
    const hub = hubWithObjects({ featureGates: GATES, sveltosRegistration: RegistrationChain.sveltosOcmAddon() });
    expect(() => newHubStack(newApp(), hub, { applyHubManifests: true }))
      .toThrow(/HubManifestsStack "hub-manifests": the Hub declares SveltosOCMCluster\/open-cluster-management\/default \(API group sveltos.open-cluster-management.io\), whose CRD no release of HubStack "hub" installs, and kubernetes_manifest needs the CRD when this stack is planned; install sveltos-ocm-addon's SveltosOCMCluster CRD first \(make install in guilhem\/sveltos-ocm-addon; it has no Helm chart\), then list the group in preinstalledApiGroups: \["sveltos.open-cluster-management.io"\]/);
    const noSveltos = hubWithObjects({ featureGates: [FeatureGate.MANAGED_CLUSTER_AUTO_APPROVAL] });
    noSveltos.addSveltosAddon('cni', {});
    expect(() => newHubStack(newApp(), noSveltos, { applyHubManifests: true, sveltos: false, clusterProxy: false, managedServiceAccount: false, clusterInventory: false }))
      .toThrow(/ClusterProfile\/cni \(API group config.projectsveltos.io\), whose CRD no release of HubStack "hub" installs.*or set sveltos: true on the HubStack/);
    expect(() => newHubStack(newApp(), hubWithObjects(), { applyHubManifests: true, preinstalledApiGroups: ['not a group'] }))
      .toThrow(/preinstalledApiGroups must be a list of API group names/);
  });

  test('fails with no hub', () => {
    expect(() => new HubManifestsStack(newApp(), 'm', { hubStack: undefined as any })).toThrow(/HubManifestsStack "m": has no hub/);
  });
});
