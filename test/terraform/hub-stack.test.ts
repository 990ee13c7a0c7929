import 'cdktf/lib/testing/adapters/jest';
import { App as K8sApp, Testing as K8sTesting } from 'cdk8s';
import { Testing } from 'cdktf';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { Release } from '@cdktf/provider-helm/lib/release';
import { LabelSelector } from '../../lib/core';
import { RegistrationChain } from '../../lib/inventory';
import { ClusterManagerDeployMode, FeatureGate } from '../../lib/ocm/cluster-manager';
import { TaintEffect } from '../../lib/ocm/managed-cluster';
import { Hub, SveltosAddons } from '../../lib/fleet';
import { ClusterAcceptance, HubStack, KubeconfigSource, PinnedChart } from '../../lib/terraform';
import { BACKEND, fleetHub, GATES, newApp, newHubStack, synthAll, synthStack, valuesOf } from './support';

const AUTO_APPROVAL_ONLY = [FeatureGate.MANAGED_CLUSTER_AUTO_APPROVAL];

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
    expect(HubStack.SVELTOS_NAMESPACE).toBe('projectsveltos');
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

  test('chart values are read from the Hub at synth: later gates, chains and placements are honoured', () => {
    const hub = fleetHub({ featureGates: AUTO_APPROVAL_ONLY });
    const stack = newHubStack(newApp(), hub);
    const before = synthStack(stack);
    expect(stack.clusterInventory).toBe(false);
    expect(valuesOf(before.resource.helm_release['cluster-manager']).clusterManager.registrationConfiguration.featureGates.map((g: any) => g.feature)).toEqual(['ManagedClusterAutoApproval']);
    expect(before.resource.helm_release['cluster-proxy'].values).toBeUndefined();

    // After the stack: the inventory chain enables the ClusterProfile gate and declares the add-on placement.
    hub.addSveltosAddon('cni', { clusterSelector: LabelSelector.exists('env') });
    const after = synthStack(stack);
    expect(stack.clusterInventory).toBe(true);
    expect(valuesOf(after.resource.helm_release['cluster-manager']).clusterManager.registrationConfiguration.featureGates.map((g: any) => g.feature)).toEqual(['ClusterProfile', 'ManagedClusterAutoApproval']);
    expect(valuesOf(after.resource.helm_release.projectsveltos)).toEqual({ clusterInventory: { enabled: true } });
    expect(after.resource.helm_release.projectsveltos.depends_on).toEqual(['helm_release.cluster-manager']);
    expect(valuesOf(after.resource.helm_release['cluster-proxy'])).toEqual({
      enableServiceProxy: true,
      featureGates: { clusterProfile: true },
      installByPlacement: { placementName: 'inventory-addons', placementNamespace: 'cluster-inventory' },
      userServer: { enabled: true },
    });
    // The GitOps ClusterManager and the Helm one carry the same registration gates.
    const gitops = K8sTesting.synth(hub).find((o) => o.kind === 'ClusterManager').spec.registrationConfiguration.featureGates;
    expect(valuesOf(after.resource.helm_release['cluster-manager']).clusterManager.registrationConfiguration.featureGates).toEqual(gitops);
  });

  test('cluster-proxy and managed-serviceaccount install by the SveltosAddons placement, which tolerates every taint', () => {
    const hub = fleetHub();
    hub.addCluster('edge-1', { labels: { env: 'edge' }, taints: [{ key: 'edge.example.com/outbound-only', effect: TaintEffect.NO_SELECT }] });
    const addons = SveltosAddons.of(hub);
    const stack = newHubStack(newApp(), hub);
    const out = synthStack(stack);
    const byPlacement = { placementName: 'inventory-addons', placementNamespace: 'cluster-inventory' };
    expect(valuesOf(out.resource.helm_release['cluster-proxy']).installByPlacement).toEqual(byPlacement);
    expect(valuesOf(out.resource.helm_release['managed-serviceaccount'])).toEqual({ featureGates: { clusterProfileCredSyncer: true }, installByPlacement: byPlacement });
    expect(stack.addOnPlacement).toBe(addons.addOnPlacement);
    // the placement the releases install by is in the hub YAML, tolerating every taint (the edge cluster's too)
    const placement = K8sTesting.synth(hub).find((o) => o.kind === 'Placement' && o.metadata.name === 'inventory-addons');
    expect(placement.spec.tolerations).toEqual([{ operator: 'Exists' }]);
    expect(stack.warnings.join('\n')).toMatch(/the managed-serviceaccount release is told to install by placement "cluster-inventory\/inventory-addons" through the chart value installByPlacement/);
    expect(stack.warnings.join('\n')).not.toMatch(/chart's own placement on the global set/);
  });

  test('without SveltosAddons the releases keep their chart placements, and the warnings say what that misses', () => {
    const stack = newHubStack(newApp(), fleetHub());
    expect(valuesOf(synthStack(stack).resource.helm_release['cluster-proxy']).installByPlacement).toBeUndefined();
    expect(stack.addOnPlacement).toBeUndefined();
    expect(stack.warnings.join('\n')).toMatch(/the cluster-proxy and managed-serviceaccount releases install their add-ons by the chart's own placement on the global set, which tolerates none of the fleet's taints.*OCM writes a ClusterProfile per cluster there too.*Declare the hub's Sveltos add-ons with hub.addSveltosAddon\(\) or set sveltosRegistration on the Hub/);
  });

  test('sveltos-ocm-addon chain: cluster-proxy runs its user server and installs by the chain\'s placement', () => {
    const hub = fleetHub({ featureGates: AUTO_APPROVAL_ONLY, sveltosRegistration: RegistrationChain.sveltosOcmAddon() });
    const stack = newHubStack(newApp(), hub);
    const out = synthStack(stack);
    expect(stack.clusterInventory).toBe(false);
    expect(valuesOf(out.resource.helm_release['cluster-proxy'])).toEqual({
      enableServiceProxy: true,
      installByPlacement: { placementName: 'sveltos-ocm', placementNamespace: 'open-cluster-management-addon' },
      userServer: { enabled: true },
    });
    expect(valuesOf(out.resource.helm_release.projectsveltos)).toEqual({ clusterInventory: { enabled: false } });
    const warnings = stack.warnings.join('\n');
    expect(warnings).toMatch(/this stack does not install sveltos-ocm-addon \(it has no Helm chart\).*and its ClusterManagementAddOn "sveltos-ocm-addon", which the Hub does not declare/);
    expect(warnings).toMatch(/ca.crt of Secret cluster-proxy-user-serving-cert/);
  });

  test('fails at synth when the Hub declares a ClusterManagementAddOn one of its releases also creates (add-ons wired after the stack)', () => {
    const hub = fleetHub({ featureGates: GATES, declareChainAddOns: true });
    const stack = newHubStack(newApp(), hub);
    hub.addSveltosAddon('cni', { clusterSelector: LabelSelector.exists('env') }); // the chain's add-ons declared on the Hub
    expect(() => synthStack(stack)).toThrow(/HubStack "hub": the Hub declares ClusterManagementAddOn "cluster-proxy", which the cluster-proxy Helm release of this stack also creates \(two owners.*\); declare it once: drop declareChainAddOns: true from the Hub \(the default leaves the add-ons to their releases, installed by the chain's placement\)/);
    expect(() => synthStack(stack)).toThrow(/ClusterManagementAddOn "managed-serviceaccount", which the managed-serviceaccount Helm release of this stack also creates/);
  });

  test('fails at construction when the Hub already declares a ClusterManagementAddOn a release creates, with or without applyHubManifests', () => {
    for (const applyHubManifests of [false, true]) {
      const hub = fleetHub();
      hub.addClusterManagementAddOn('managed-serviceaccount');
      expect(() => newHubStack(newApp(), hub, { applyHubManifests }))
        .toThrow(/HubStack "hub": the Hub declares ClusterManagementAddOn "managed-serviceaccount", which the managed-serviceaccount Helm release of this stack also creates .*; remove it from the Hub, or set managedServiceAccount: false on the HubStack and keep the Hub's/);
    }
    const hub = fleetHub();
    hub.addClusterManagementAddOn('managed-serviceaccount');
    expect(() => synthStack(newHubStack(newApp(), hub, { managedServiceAccount: false, clusterInventory: false }))).not.toThrow();
  });

  test('warnings: auto-approved users the chart cannot carry', () => {
    const hub = fleetHub();
    hub.clusterManager.addAutoApproveUser('system:serviceaccount:ops:registrar');
    expect(newHubStack(newApp(), hub).warnings.join('\n')).toMatch(/the cluster-manager chart writes only its bootstrap identity into the ClusterManager's autoApproveUsers; "system:serviceaccount:ops:registrar" reaches it only when GitOps applies the Hub's ClusterManager/);
  });

  test('applyHubManifests: the manifests stack follows the hub stack, and hub_ready_command tells how long to wait', () => {
    const app = newApp();
    const stack = newHubStack(app, fleetHub(), { applyHubManifests: true });
    const { manifest, stacks } = synthAll(app);
    expect(manifest.stacks['hub-manifests'].dependencies).toEqual(['hub']);
    expect(stacks.hub.output.hub_ready_command).toMatchObject({ value: 'kubectl wait --for=condition=Applied clustermanager/cluster-manager --timeout=10m' });
    expect(stack.manifests).toBeDefined();
    expect(synthStack(newHubStack(newApp(), fleetHub())).output.hub_ready_command).toBeUndefined();
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

  test('fails at synth when auto-approval is wanted but the Hub does not enable ManagedClusterAutoApproval', () => {
    expect(() => synthStack(newHubStack(newApp(), fleetHub({ featureGates: [FeatureGate.CLUSTER_PROFILE] }))))
      .toThrow(/HubStack "hub": spokes are accepted by auto-approval \(acceptance: ClusterAcceptance.autoApproval\(\), which replaces clusteradm accept\), which needs the registration feature gate ManagedClusterAutoApproval, but Hub "hub" does not enable it; add FeatureGate.MANAGED_CLUSTER_AUTO_APPROVAL/);
    expect(() => synthStack(newHubStack(newApp(), fleetHub({ featureGates: [] }), { acceptance: ClusterAcceptance.manual() }))).not.toThrow();
  });

  test('by default, acceptance is what the Hub declares: automatic with the gate and the bootstrap user, else manual', () => {
    const base = { kubeconfig: KubeconfigSource.file('~/.kube/config', 'hub'), apiServerUrl: 'https://hub.example.com:6443', backend: BACKEND, printWarnings: false };
    const plain = new Hub(new K8sApp(), 'hub');
    const manual = new HubStack(newApp(), 'hub', { hub: plain, ...base });
    expect(manual.acceptance.isAutomatic).toBe(false);
    expect(() => synthStack(manual)).not.toThrow();
    const auto = new HubStack(newApp(), 'hub', { hub: fleetHub(), ...base });
    expect(auto.acceptance.isAutomatic).toBe(true);
  });

  test('fails at synth when auto-approval is wanted but the Hub\'s ClusterManager does not auto-approve the bootstrap identity', () => {
    const hub = new Hub(new K8sApp(), 'hub', { featureGates: GATES });
    const stack = newHubStack(newApp(), hub);
    expect(() => synthStack(stack))
      .toThrow(/HubStack "hub": spokes are accepted by auto-approval of system:serviceaccount:open-cluster-management:agent-registration-bootstrap, but the ClusterManager of Hub "hub" does not list that user in autoApproveUsers, so GitOps applying the Hub's ClusterManager would replace the chart's list and silently stop accepting spokes; add hub.clusterManager.addAutoApproveUser\(HubStack.BOOTSTRAP_USER\), or pass acceptance: ClusterAcceptance.manual\(\)/);
    // declared after the stack: read at synth
    hub.clusterManager.addAutoApproveUser(HubStack.BOOTSTRAP_USER);
    expect(() => synthStack(stack)).not.toThrow();
    // cdktf synth (app.synth) runs the same check
    const app = newApp();
    newHubStack(app, new Hub(new K8sApp(), 'hub', { featureGates: GATES }));
    expect(() => app.synth()).toThrow(/does not list that user in autoApproveUsers/);
  });

  test('fails at synth when clusterInventory is asked for without the ClusterProfile gate, or without its add-ons', () => {
    expect(() => synthStack(newHubStack(newApp(), fleetHub({ featureGates: AUTO_APPROVAL_ONLY }), { clusterInventory: true })))
      .toThrow(/clusterInventory needs the hub registration feature gate ClusterProfile/);
    expect(() => synthStack(newHubStack(newApp(), fleetHub(), { clusterProxy: false })))
      .toThrow(/clusterInventory \(on because Hub "hub" enables the ClusterProfile gate\) needs Sveltos, cluster-proxy and managed-serviceaccount, but clusterProxy is set to false/);
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

  test('fails with an acceptance that is not a ClusterAcceptance', () => {
    expect(() => newHubStack(newApp(), fleetHub(), { acceptance: 'auto' as any })).toThrow(/HubStack "hub": acceptance must be ClusterAcceptance.autoApproval\(\) or ClusterAcceptance.manual\(\)/);
  });

  test('fails with a chart that is not pinned', () => {
    expect(() => newHubStack(newApp(), fleetHub(), { sveltosChart: { repository: 'https://x', chart: 'projectsveltos', version: 'latest' } as any }))
      .toThrow(/chart for release "projectsveltos" must be a PinnedChart/);
  });
});
