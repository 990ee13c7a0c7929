import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { Release } from '@cdktf/provider-helm/lib/release';
import { ManagedCluster } from '../../lib/ocm/managed-cluster';
import { ClusterAcceptance, KubeconfigSource, PinnedChart, SpokeGrouping, SpokeStack } from '../../lib/terraform';
import { fleetHub, kubeconfigsFor, newApp, newHubStack, synthAll, synthStack, valuesOf } from './support';

const REMOTE_KUBECONFIG = '${data.terraform_remote_state.cross-stack-reference-input-hub.outputs.cross-stack-output-localbootstrap_kubeconfig}';

function setup(grouping?: SpokeGrouping) {
  const app = newApp();
  const hub = fleetHub();
  const hubStack = newHubStack(app, hub);
  const spokes = SpokeStack.forHub(app, hubStack, { kubeconfigs: kubeconfigsFor(hub), grouping });
  return { app, hub, hubStack, spokes };
}

describe('SpokeStack', () => {
  test('one stack per spoke by default, in a stable order', () => {
    expect(setup().spokes.map((s) => s.node.id)).toEqual(['spoke-dev-eu-1', 'spoke-prod-eu-1', 'spoke-prod-us-1']);
  });

  test('the klusterlet release: cluster name, Default mode, declared labels, pinned chart', () => {
    const { spokes } = setup();
    const out = synthStack(spokes[1]);
    const release = out.resource.helm_release['klusterlet-prod-eu-1'];
    expect(release).toMatchObject({
      name: 'klusterlet', namespace: 'open-cluster-management', create_namespace: true,
      chart: 'klusterlet', version: '1.3.1', repository: 'https://open-cluster-management.io/helm-charts',
      provider: 'helm.prod-eu-1',
    });
    expect(valuesOf(release)).toEqual({
      klusterlet: {
        create: true,
        mode: 'Default',
        name: 'klusterlet',
        clusterName: 'prod-eu-1',
        namespace: 'open-cluster-management-agent',
        registrationConfiguration: { clusterLabels: { dc: 'eu', env: 'production' } },
      },
    });
  });

  test('the bootstrap hub kubeconfig comes from the hub stack, only as a sensitive value', () => {
    // A cross-stack reference resolves when the whole app synthesizes (Testing.synth of one stack does not prepare it).
    const { app } = setup();
    const { stacks } = synthAll(app);
    const out = JSON.stringify(stacks['spoke-dev-eu-1']);
    expect(out).toHaveResourceWithProperties(Release, {
      set_sensitive: [{ name: 'bootstrapHubKubeConfig', type: 'string', value: REMOTE_KUBECONFIG }],
    });
    const release = stacks['spoke-dev-eu-1'].resource.helm_release['klusterlet-dev-eu-1'];
    expect(release.set).toBeUndefined();
    expect(release.values.join('\n')).not.toContain('bootstrapHubKubeConfig');
  });

  test('provider aliases: one aliased Helm provider per spoke, and Kubernetes providers on demand', () => {
    const { spokes } = setup(SpokeGrouping.byLabel('dc'));
    expect(spokes.map((s) => s.node.id)).toEqual(['spoke-eu', 'spoke-us']);
    const eu = spokes[0];
    eu.kubernetesProvider('prod-eu-1');
    const out = Testing.synth(eu);
    expect(out).toHaveProviderWithProperties(HelmProvider, { alias: 'dev-eu-1', kubernetes: { config_path: '~/.kube/config', config_context: 'dev-eu-1' } });
    expect(out).toHaveProviderWithProperties(HelmProvider, { alias: 'prod-eu-1', kubernetes: { config_path: '~/.kube/config', config_context: 'prod-eu-1' } });
    const json = JSON.parse(out);
    expect(json.provider.kubernetes).toEqual([{ alias: 'prod-eu-1', config_path: '~/.kube/config', config_context: 'prod-eu-1' }]);
    expect(Object.values<any>(json.resource.helm_release).map((r) => r.provider).sort()).toEqual(['helm.dev-eu-1', 'helm.prod-eu-1']);
    expect(() => eu.kubernetesProvider('prod-us-1')).toThrow(/SpokeStack "spoke-eu": has no spoke "prod-us-1"/);
  });

  test('a cluster whose name starts with a digit gets a valid alias', () => {
    const app = newApp();
    const hub = fleetHub(undefined, { '1st-plant': { env: 'edge' } });
    const [spoke] = SpokeStack.forHub(app, newHubStack(app, hub), { kubeconfigs: kubeconfigsFor(hub) });
    expect(Testing.synth(spoke)).toHaveProviderWithProperties(HelmProvider, { alias: 'cluster-1st-plant' });
  });

  test('cross-stack dependencies in manifest.json: every spoke stack depends on the hub', () => {
    const { app } = setup();
    const { manifest, stacks } = synthAll(app);
    expect(Object.keys(manifest.stacks).sort()).toEqual(['hub', 'spoke-dev-eu-1', 'spoke-prod-eu-1', 'spoke-prod-us-1']);
    expect(manifest.stacks.hub.dependencies).toEqual([]);
    for (const id of ['spoke-dev-eu-1', 'spoke-prod-eu-1', 'spoke-prod-us-1']) expect(manifest.stacks[id].dependencies).toEqual(['hub']);
    // The hub exports the kubeconfig once, sensitive; each spoke reads it through its remote state.
    expect(stacks.hub.output['cross-stack-output-localbootstrap_kubeconfig']).toEqual({ sensitive: true, value: '${local.bootstrap_kubeconfig}' });
    expect(stacks['spoke-prod-us-1'].data.terraform_remote_state['cross-stack-reference-input-hub']).toEqual({
      backend: 'local', config: { path: '../../../state/hub.tfstate' }, workspace: '${terraform.workspace}',
    });
    expect(stacks['spoke-prod-us-1'].terraform.backend).toEqual({ local: { path: '../../../state/spoke-prod-us-1.tfstate' } });
  });

  test('snapshot: the hub stack and one spoke stack as Terraform sees them', () => {
    const { app } = setup();
    const { stacks } = synthAll(app);
    expect({ hub: stacks.hub, spoke: stacks['spoke-prod-eu-1'] }).toMatchSnapshot();
  });

  test('hash buckets are stable: adding clusters never moves an existing one', () => {
    const bucketsOf = (names: string[]) => {
      const app = newApp();
      const hub = fleetHub(undefined, Object.fromEntries(names.map((n) => [n, { env: 'x' }])));
      const stacks = SpokeStack.forHub(app, newHubStack(app, hub), { kubeconfigs: kubeconfigsFor(hub), grouping: SpokeGrouping.hashBuckets(4) });
      return new Map(stacks.flatMap((s) => s.clusterNames.map((n) => [n, s.node.id])));
    };
    const names = Array.from({ length: 40 }, (_, i) => `site-${i}`);
    const before = bucketsOf(names);
    const after = bucketsOf([...names, 'site-new-1', 'a-first', 'zz-last']);
    for (const n of names) expect(after.get(n)).toBe(before.get(n));
    expect(new Set(before.values())).toEqual(new Set(['spoke-00', 'spoke-01', 'spoke-02', 'spoke-03']));
  });

  test('manual acceptance: the stack outputs the clusteradm accept command', () => {
    const app = newApp();
    const hub = fleetHub({ featureGates: [] });
    const hubStack = newHubStack(app, hub, { acceptance: ClusterAcceptance.manual() });
    const [eu] = SpokeStack.forHub(app, hubStack, { kubeconfigs: kubeconfigsFor(hub), grouping: SpokeGrouping.byLabel('dc') });
    expect(synthStack(eu).output.accept_command.value).toBe('clusteradm accept --clusters dev-eu-1,prod-eu-1');
    expect(synthStack(setup().spokes[0]).output).toBeUndefined();
  });

  test('a stack of chosen clusters, with its own backend, chart and variables', () => {
    const app = newApp();
    const hub = fleetHub();
    const hubStack = newHubStack(app, hub);
    const stack = new SpokeStack(app, 'prod', {
      hub: hubStack,
      clusters: [hub.cluster('prod-us-1'), hub.cluster('prod-eu-1')],
      kubeconfigs: {
        'prod-eu-1': KubeconfigSource.hostAndToken({ hostVariable: 'prod_eu_1_host', tokenVariable: 'prod_eu_1_token', caVariable: 'prod_eu_1_ca' }),
        'prod-us-1': KubeconfigSource.file('kubeconfigs/prod-us-1.yaml'),
      },
      klusterletChart: PinnedChart.OCM_KLUSTERLET.withVersion('1.4.0'),
      stampClusterLabels: false,
    });
    const out = synthStack(stack);
    expect(stack.clusterNames).toEqual(['prod-eu-1', 'prod-us-1']);
    expect(out.variable.prod_eu_1_token.sensitive).toBe(true);
    expect(out.provider.helm).toEqual([
      { alias: 'prod-eu-1', kubernetes: { host: '${var.prod_eu_1_host}', token: '${var.prod_eu_1_token}', cluster_ca_certificate: '${var.prod_eu_1_ca}' } },
      { alias: 'prod-us-1', kubernetes: { config_path: 'kubeconfigs/prod-us-1.yaml' } },
    ]);
    expect(out.resource.helm_release['klusterlet-prod-us-1'].version).toBe('1.4.0');
    expect(valuesOf(out.resource.helm_release['klusterlet-prod-us-1']).klusterlet.registrationConfiguration).toBeUndefined();
  });

  test('fails with no kubeconfig source for a cluster', () => {
    const app = newApp();
    const hub = fleetHub();
    const { 'prod-us-1': _, ...kubeconfigs } = kubeconfigsFor(hub);
    expect(() => SpokeStack.forHub(app, newHubStack(app, hub), { kubeconfigs }))
      .toThrow(/SpokeStack "spoke-prod-us-1": no kubeconfig source for cluster "prod-us-1"; add it to kubeconfigs, e.g. kubeconfigs: \{ "prod-us-1": KubeconfigSource.file\("~\/.kube\/config", "prod-us-1"\) \}/);
  });

  test('fails with a kubeconfig given as a path string instead of a KubeconfigSource', () => {
    const app = newApp();
    const hub = fleetHub();
    const hubStack = newHubStack(app, hub);
    const kubeconfigs: any = { ...kubeconfigsFor(hub), 'prod-eu-1': '~/.kube/config' };
    expect(() => SpokeStack.forHub(app, hubStack, { kubeconfigs }))
      .toThrow(/SpokeStack.forHub: kubeconfigs\["prod-eu-1"\] is the string "~\/.kube\/config", not a KubeconfigSource; wrap it: kubeconfigs: \{ "prod-eu-1": KubeconfigSource.file\("~\/.kube\/config", "prod-eu-1"\) \}/);
    expect(() => new SpokeStack(app, 'direct', { hub: hubStack, clusters: [hub.cluster('prod-eu-1')], kubeconfigs }))
      .toThrow(/SpokeStack "direct": kubeconfigs\["prod-eu-1"\] is the string "~\/.kube\/config", not a KubeconfigSource/);
    expect(() => new SpokeStack(app, 'obj', { hub: hubStack, clusters: [hub.cluster('prod-eu-1')], kubeconfigs: { 'prod-eu-1': { configPath: 'x' } as any } }))
      .toThrow(/kubeconfigs\["prod-eu-1"\] is a plain object, not a KubeconfigSource/);
  });

  test('fails when byLabel would put two spellings of a value into one stack', () => {
    const app = newApp();
    const hub = fleetHub(undefined, { 'a-1': { dc: 'DC_1' }, 'b-1': { dc: 'dc-1' }, 'c-1': { dc: 'dc-2' } });
    expect(() => SpokeStack.forHub(app, newHubStack(app, hub), { kubeconfigs: kubeconfigsFor(hub), grouping: SpokeGrouping.byLabel('dc') }))
      .toThrow(/SpokeStack.forHub: ManagedCluster "a-1" \(label dc=DC_1\) and ManagedCluster "b-1" \(label dc=dc-1\) would both go to stack "spoke-dc-1"/);
    // one spelling per stack is fine, whatever its case
    const ok = newApp();
    const same = fleetHub(undefined, { 'a-1': { dc: 'DC_1' }, 'b-1': { dc: 'DC_1' } });
    expect(SpokeStack.forHub(ok, newHubStack(ok, same), { kubeconfigs: kubeconfigsFor(same), grouping: SpokeGrouping.byLabel('dc') }).map((x) => x.node.id)).toEqual(['spoke-dc-1']);
  });

  test('fails when two spokes of one stack would share a provider alias', () => {
    const app = newApp();
    const hub = fleetHub(undefined, { '1a': { env: 'x' }, 'cluster-1a': { env: 'x' } });
    const hubStack = newHubStack(app, hub);
    expect(() => new SpokeStack(app, 'both', { hub: hubStack, clusters: hub.clusters, kubeconfigs: kubeconfigsFor(hub) }))
      .toThrow(/SpokeStack "both": clusters "1a" and "cluster-1a" would both use Terraform provider alias "cluster-1a" \(a cluster name that starts with a digit is prefixed with "cluster-"\); put them in different spoke stacks/);
    expect(SpokeStack.forHub(app, hubStack, { kubeconfigs: kubeconfigsFor(hub) })).toHaveLength(2);
  });

  test('fails with a cluster name that is not a DNS label', () => {
    const app = newApp();
    const hub = fleetHub();
    const hubStack = newHubStack(app, hub);
    const imported: any = { name: 'Prod_EU', labels: {}, taints: [], claims: {} };
    expect(() => new SpokeStack(app, 'odd', { hub: hubStack, clusters: [imported], kubeconfigs: { Prod_EU: KubeconfigSource.file('~/.kube/config') } }))
      .toThrow(/SpokeStack "odd": cluster name "Prod_EU" is not a valid DNS-1123 label: it must consist of lower-case letters/);
    expect(() => SpokeStack.forHub(app, hubStack, { kubeconfigs: kubeconfigsFor(hub), clusters: [imported] }))
      .toThrow(/SpokeStack.forHub: cluster name "Prod_EU" is not a valid DNS-1123 label/);
  });

  test('fails with a spoke with no hub', () => {
    const hub = fleetHub();
    expect(() => new SpokeStack(newApp(), 'orphan', { hub: undefined as any, clusters: hub.clusters, kubeconfigs: kubeconfigsFor(hub) }))
      .toThrow(/SpokeStack "orphan": has no hub: pass hub, the HubStack the spokes join/);
    expect(() => SpokeStack.forHub(newApp(), undefined as any, { kubeconfigs: {} })).toThrow(/SpokeStack.forHub: has no hub/);
  });

  test('fails with a cluster the hub does not declare, or kubeconfigs for one', () => {
    const app = newApp();
    const hub = fleetHub();
    const hubStack = newHubStack(app, hub);
    expect(() => new SpokeStack(app, 'x', { hub: hubStack, clusters: [ManagedCluster.fromName('stray-1')], kubeconfigs: { 'stray-1': KubeconfigSource.file('~/.kube/config') } }))
      .toThrow(/cluster "stray-1" is not declared on Hub "hub", so the hub would never know it/);
    expect(() => SpokeStack.forHub(app, hubStack, { kubeconfigs: { ...kubeconfigsFor(hub), 'prod-eu-2': KubeconfigSource.file('~/.kube/config') } }))
      .toThrow(/kubeconfigs name a cluster the hub does not declare: prod-eu-2/);
  });

  test('fails when a cluster would join twice', () => {
    const app = newApp();
    const hub = fleetHub();
    const hubStack = newHubStack(app, hub);
    new SpokeStack(app, 'a', { hub: hubStack, clusters: [hub.cluster('prod-eu-1')], kubeconfigs: kubeconfigsFor(hub) });
    expect(() => new SpokeStack(app, 'b', { hub: hubStack, clusters: [hub.cluster('prod-eu-1')], kubeconfigs: kubeconfigsFor(hub) }))
      .toThrow(/SpokeStack "b": cluster "prod-eu-1" already joins the hub through stack "a"/);
  });

  test('fails when byLabel meets a cluster without the label, or with no clusters', () => {
    const app = newApp();
    const hub = fleetHub();
    expect(() => SpokeStack.forHub(app, newHubStack(app, hub), { kubeconfigs: kubeconfigsFor(hub), grouping: SpokeGrouping.byLabel('region') }))
      .toThrow(/ManagedCluster "dev-eu-1": has no label region/);
    expect(() => SpokeGrouping.hashBuckets(0)).toThrow(/count 0 must be a whole number/);
    expect(() => new SpokeStack(newApp(), 'empty', { hub: newHubStack(newApp(), fleetHub()), clusters: [], kubeconfigs: {} })).toThrow(/has no clusters/);
  });
});
