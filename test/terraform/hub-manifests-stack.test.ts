import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { KubeSecret } from 'cdk8s-plus-30/lib/imports/k8s';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { HubManifestsStack, KubeconfigSource, SpokeStack } from '../../lib/terraform';
import { fleetHub, kubeconfigsFor, newApp, newHubStack, synthAll, synthStack } from './support';

function hubWithObjects() {
  const hub = fleetHub();
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

  test('fails with a Secret on the hub (its data would be plain text in Terraform)', () => {
    const hub = hubWithObjects();
    new KubeSecret(hub, 'creds', { metadata: { name: 'creds', namespace: 'fleet-apps' }, stringData: { password: 'x' } });
    expect(() => newHubStack(newApp(), hub, { applyHubManifests: true }))
      .toThrow(/HubManifestsStack "hub-manifests": the Hub declares Secret Secret\/fleet-apps\/creds; applying it through Terraform would write its data in plain text/);
  });

  test('fails with a ClusterManagementAddOn that an add-on release already creates', () => {
    const hub = hubWithObjects();
    hub.addAddOn('cluster-proxy');
    expect(() => newHubStack(newApp(), hub, { applyHubManifests: true }))
      .toThrow(/the Hub declares ClusterManagementAddOn "cluster-proxy", which the cluster-proxy Helm release of HubStack "hub" already creates/);
    const other = hubWithObjects();
    other.addAddOn('cluster-proxy');
    expect(() => newHubStack(newApp(), other, { applyHubManifests: true, clusterProxy: false, clusterInventory: false })).not.toThrow();
  });

  test('fails with no hub', () => {
    expect(() => new HubManifestsStack(newApp(), 'm', { hubStack: undefined as any })).toThrow(/HubManifestsStack "m": has no hub/);
  });
});
