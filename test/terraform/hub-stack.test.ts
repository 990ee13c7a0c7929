import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { Release } from '@cdktf/provider-helm/lib/release';
import { ClusterManagerDeployMode, FeatureGate } from '../../lib/ocm/cluster-manager';
import { ClusterAcceptance, HubStack, KubeconfigSource, PinnedChart } from '../../lib/terraform';
import { fleetHub, GATES, newApp, newHubStack, synthStack, valuesOf } from './support';

describe('HubStack', () => {
  test('installs pinned Helm releases of OCM, Sveltos, cluster-proxy and managed-serviceaccount', () => {
    const out = Testing.synth(newHubStack(newApp()));
    const ocmRepo = 'https://open-cluster-management.io/helm-charts';
    expect(out).toHaveResourceWithProperties(Release, { name: 'cluster-manager', chart: 'cluster-manager', version: '1.3.1', repository: ocmRepo, namespace: 'open-cluster-management', create_namespace: true, wait: true });
    expect(out).toHaveResourceWithProperties(Release, { name: 'projectsveltos', chart: 'projectsveltos', version: '1.13.0', repository: 'https://projectsveltos.github.io/helm-charts', namespace: 'projectsveltos' });
    expect(out).toHaveResourceWithProperties(Release, { name: 'cluster-proxy', chart: 'cluster-proxy', version: '0.13.0', repository: ocmRepo, namespace: 'open-cluster-management-addon', depends_on: ['helm_release.cluster-manager'] });
    expect(out).toHaveResourceWithProperties(Release, { name: 'managed-serviceaccount', chart: 'managed-serviceaccount', version: '0.12.0', repository: ocmRepo, namespace: 'open-cluster-management-addon' });
  });

  test('Kubernetes and Helm providers for the hub from the kubeconfig source', () => {
    const out = Testing.synth(newHubStack(newApp()));
    expect(out).toHaveProviderWithProperties(KubernetesProvider, { config_path: '~/.kube/config', config_context: 'hub' });
    expect(out).toHaveProviderWithProperties(HelmProvider, { kubernetes: { config_path: '~/.kube/config', config_context: 'hub' } });
  });

  test('the ClusterManager carries exactly the feature gates the Hub declares', () => {
    const hub = fleetHub({ featureGates: [...GATES, FeatureGate.MANIFEST_WORK_REPLICA_SET, FeatureGate.PLACEMENT_DEBUG_SERVER] });
    hub.clusterManager.disable(FeatureGate.DEFAULT_CLUSTER_SET);
    const out = synthStack(newHubStack(newApp(), hub));
    const values = valuesOf(out.resource.helm_release['cluster-manager']);
    expect(values).toEqual({
      createBootstrapSA: true,
      createBootstrapToken: false,
      clusterManager: {
        create: true,
        mode: 'Default',
        registrationConfiguration: {
          featureGates: [
            { feature: 'ClusterProfile', mode: 'Enable' },
            { feature: 'DefaultClusterSet', mode: 'Disable' },
            { feature: 'ManagedClusterAutoApproval', mode: 'Enable' },
          ],
        },
        workConfiguration: { workDriver: 'kube', featureGates: [{ feature: 'ManifestWorkReplicaSet', mode: 'Enable' }] },
        addOnManagerConfiguration: { featureGates: [] },
        placementConfiguration: { featureGates: [{ feature: 'PlacementDebugServer', mode: 'Enable' }] },
      },
    });
  });

  test('the inventory chain follows the ClusterProfile gate', () => {
    const on = synthStack(newHubStack(newApp()));
    expect(valuesOf(on.resource.helm_release.projectsveltos)).toEqual({ clusterInventory: { enabled: true } });
    expect(valuesOf(on.resource.helm_release['cluster-proxy'])).toEqual({ enableServiceProxy: true, featureGates: { clusterProfile: true }, userServer: { enabled: true } });
    expect(valuesOf(on.resource.helm_release['managed-serviceaccount'])).toEqual({ featureGates: { clusterProfileCredSyncer: true } });
    expect(on.resource.helm_release.projectsveltos.depends_on).toEqual(['helm_release.cluster-manager']);

    const off = synthStack(newHubStack(newApp(), fleetHub({ featureGates: [FeatureGate.MANAGED_CLUSTER_AUTO_APPROVAL] })));
    expect(valuesOf(off.resource.helm_release.projectsveltos)).toEqual({ clusterInventory: { enabled: false } });
    expect(off.resource.helm_release['cluster-proxy'].values).toBeUndefined();
    expect(off.resource.helm_release.projectsveltos.depends_on).toBeUndefined();
  });

  test('clusterInventory: false keeps the gate but not the chain; add-ons can be left out', () => {
    const out = synthStack(newHubStack(newApp(), fleetHub(), { clusterInventory: false, sveltos: false, managedServiceAccount: false }));
    expect(Object.keys(out.resource.helm_release).sort()).toEqual(['cluster-manager', 'cluster-proxy']);
  });

  test('charts can be moved to other pinned versions or mirrors', () => {
    const out = Testing.synth(newHubStack(newApp(), fleetHub(), { clusterManagerChart: PinnedChart.OCM_CLUSTER_MANAGER.withVersion('1.2.1').fromMirror('oci://mirror.example.com/ocm') }));
    expect(out).toHaveResourceWithProperties(Release, { name: 'cluster-manager', version: '1.2.1', repository: 'oci://mirror.example.com/ocm' });
  });

  test('the bootstrap identity: a ServiceAccount token Secret, after the chart created the ServiceAccount', () => {
    const out = Testing.synth(newHubStack(newApp()));
    expect(out).toHaveResourceWithProperties(SecretV1, {
      metadata: { name: 'agent-registration-bootstrap-token', namespace: 'open-cluster-management', annotations: { 'kubernetes.io/service-account.name': 'agent-registration-bootstrap' }, labels: { 'app.kubernetes.io/managed-by': 'cdk-fleet' } },
      type: 'kubernetes.io/service-account-token',
      wait_for_service_account_token: true,
      depends_on: ['helm_release.cluster-manager'],
    });
    expect(HubStack.BOOTSTRAP_USER).toBe('system:serviceaccount:open-cluster-management:agent-registration-bootstrap');
  });

  test('the token leaves the stack only as a sensitive output; the bootstrap kubeconfig is built from it', () => {
    const out = synthStack(newHubStack(newApp()));
    expect(out.output.bootstrap_token).toMatchObject({ sensitive: true, value: '${kubernetes_secret_v1.bootstrap-token.data.token}' });
    expect(out.output.hub_api_server).toMatchObject({ value: 'https://hub.example.com:6443' });
    expect(out.output.hub_api_server.sensitive).toBeUndefined();
    const kubeconfig: string = out.locals.bootstrap_kubeconfig;
    expect(kubeconfig).toMatch(/^\$\{yamlencode\(/);
    expect(kubeconfig).toContain('"server" = "https://hub.example.com:6443"');
    expect(kubeconfig).toContain('"token" = kubernetes_secret_v1.bootstrap-token.data.token');
    expect(kubeconfig).toContain('base64encode(kubernetes_secret_v1.bootstrap-token.data["ca.crt"])');
  });

  test('host, token and CA from variables; the API server URL defaults to the host variable', () => {
    const out = synthStack(newHubStack(newApp(), fleetHub(), {
      kubeconfig: KubeconfigSource.hostAndToken({ hostVariable: 'hub_host', tokenVariable: 'hub_token', caVariable: 'hub_ca' }),
      apiServerUrl: undefined,
    }));
    expect(out.provider.helm[0].kubernetes).toEqual({ host: '${var.hub_host}', token: '${var.hub_token}', cluster_ca_certificate: '${var.hub_ca}' });
    expect(out.variable.hub_token.sensitive).toBe(true);
    expect(out.output.hub_api_server.value).toBe('${var.hub_host}');
  });

  test('the same fleet declared in another order synthesizes to the same JSON', () => {
    const a = fleetHub({ featureGates: [FeatureGate.MANIFEST_WORK_REPLICA_SET, ...GATES] }, { b: { env: 'x' }, a: { env: 'y' } });
    const b = fleetHub({ featureGates: [...GATES.slice().reverse(), FeatureGate.MANIFEST_WORK_REPLICA_SET] }, { a: { env: 'y' }, b: { env: 'x' } });
    expect(Testing.synth(newHubStack(newApp(), a))).toEqual(Testing.synth(newHubStack(newApp(), b)));
  });

  test('fails with no kubeconfig source for the hub', () => {
    expect(() => newHubStack(newApp(), fleetHub(), { kubeconfig: undefined as any }))
      .toThrow(/HubStack "hub": has no kubeconfig source for the hub cluster; set kubeconfig: KubeconfigSource.file/);
  });

  test('fails with no hub', () => {
    expect(() => newHubStack(newApp(), undefined as any, { hub: undefined as any })).toThrow(/HubStack "hub": has no hub: pass the fleet's cdk8s Hub/);
  });

  test('fails with no backend', () => {
    expect(() => newHubStack(newApp(), fleetHub(), { backend: undefined as any })).toThrow(/HubStack "hub": has no backend; set backend: Backend.local/);
  });

  test('fails when auto-approval is wanted but the Hub does not enable ManagedClusterAutoApproval', () => {
    expect(() => newHubStack(newApp(), fleetHub({ featureGates: [FeatureGate.CLUSTER_PROFILE] })))
      .toThrow(/needs the registration feature gate ManagedClusterAutoApproval, but Hub "hub" does not enable it; add FeatureGate.MANAGED_CLUSTER_AUTO_APPROVAL/);
    expect(() => newHubStack(newApp(), fleetHub({ featureGates: [] }), { acceptance: ClusterAcceptance.manual() })).not.toThrow();
  });

  test('fails when clusterInventory is asked for without the ClusterProfile gate, or without its add-ons', () => {
    expect(() => newHubStack(newApp(), fleetHub({ featureGates: [FeatureGate.MANAGED_CLUSTER_AUTO_APPROVAL] }), { clusterInventory: true }))
      .toThrow(/clusterInventory needs the hub registration feature gate ClusterProfile/);
    expect(() => newHubStack(newApp(), fleetHub(), { clusterProxy: false }))
      .toThrow(/clusterInventory needs Sveltos, cluster-proxy and managed-serviceaccount, but clusterProxy is set to false/);
  });

  test('fails with a Hosted ClusterManager or a renamed one', () => {
    expect(() => newHubStack(newApp(), fleetHub({ featureGates: GATES, deployMode: ClusterManagerDeployMode.HOSTED })))
      .toThrow(/uses deploy mode Hosted/);
    expect(() => newHubStack(newApp(), fleetHub({ featureGates: GATES, clusterManagerName: 'hub-manager' })))
      .toThrow(/ClusterManager is named "hub-manager", but the cluster-manager chart always creates "cluster-manager"/);
  });

  test('fails without an API server URL the spokes can use', () => {
    expect(() => newHubStack(newApp(), fleetHub(), { apiServerUrl: undefined })).toThrow(/needs apiServerUrl, the hub API server URL the spokes register with/);
    expect(() => newHubStack(newApp(), fleetHub(), { apiServerUrl: 'hub.example.com:6443' })).toThrow(/apiServerUrl "hub.example.com:6443" is not an https:\/\/ URL/);
  });

  test('fails with a chart that is not pinned', () => {
    expect(() => newHubStack(newApp(), fleetHub(), { sveltosChart: { repository: 'https://x', chart: 'projectsveltos', version: 'latest' } as any }))
      .toThrow(/chart for release "projectsveltos" must be a PinnedChart/);
  });
});
