import 'cdktf/lib/testing/adapters/jest';
import { App as K8sApp, Testing as K8sTesting } from 'cdk8s';
import { App } from 'cdktf';
import { LabelSelector } from '../../lib/core';
import { Hub } from '../../lib/fleet';
import { Backend, HubStack, KubeconfigSource, SpokeStack } from '../../lib/terraform';
import { valuesOf } from './support';

// Issue 8: a Hub with no special options, a HubStack and SpokeStack.forHub with their defaults
// synthesize on the first try, and the hub YAML and the Terraform agree.
describe('defaults that compose', () => {
  const k8s = new K8sApp();
  const hub = new Hub(k8s, 'hub');
  const prod = hub.addClusterSet('production');
  for (const name of ['prod-1', 'prod-2']) hub.addCluster(name, { labels: { env: 'production' }, clusterSet: prod });
  hub.addSveltosAddon('cni', { clusterSelector: LabelSelector.exists('env') });
  const app = new App({ outdir: K8sTesting.app().outdir });
  const hubStack = new HubStack(app, 'hub', {
    hub,
    kubeconfig: KubeconfigSource.file('~/.kube/config', 'hub'),
    apiServerUrl: 'https://hub.example.com:6443',
    backend: Backend.local({ directory: '../../../terraform-state' }),
  });
  const kubeconfigs: Record<string, KubeconfigSource> = {};
  for (const c of hub.clusters) kubeconfigs[c.name] = KubeconfigSource.file('~/.kube/config', c.name);
  const spokes = SpokeStack.forHub(app, hubStack, { kubeconfigs });

  test('the Terraform app synthesizes on the first try, printing the stack\'s warnings on stderr', () => {
    let stderr = '';
    const write = process.stderr.write;
    process.stderr.write = ((s: string) => { stderr += s; return true; }) as typeof process.stderr.write;
    try {
      expect(() => app.synth()).not.toThrow();
    } finally {
      process.stderr.write = write;
    }
    expect(spokes.map((s) => s.node.id)).toEqual(['spoke-prod-1', 'spoke-prod-2']);
    expect(stderr).toMatch(/^warning: HubStack "hub": the managed-serviceaccount release is told to install by placement "cluster-inventory\/inventory-addons"/m);
  });

  test('the hub YAML and the Terraform agree: gates, add-on ownership, placement, acceptance', () => {
    const yaml = K8sTesting.synth(hub);
    const tf = JSON.parse(require('cdktf').Testing.synth(hubStack));
    // the ClusterManager the chart creates carries exactly the gates GitOps applies
    const gitopsGates = yaml.find((o) => o.kind === 'ClusterManager').spec.registrationConfiguration.featureGates;
    expect(valuesOf(tf.resource.helm_release['cluster-manager']).clusterManager.registrationConfiguration.featureGates).toEqual(gitopsGates);
    expect(gitopsGates).toEqual([{ feature: 'ClusterProfile', mode: 'Enable' }]);
    // one owner per ClusterManagementAddOn: the releases, installed by the placement the YAML declares
    expect(yaml.filter((o) => o.kind === 'ClusterManagementAddOn')).toEqual([]);
    const placement = yaml.find((o) => o.kind === 'Placement' && o.metadata.name === 'inventory-addons');
    expect(valuesOf(tf.resource.helm_release['cluster-proxy']).installByPlacement).toEqual({ placementName: placement.metadata.name, placementNamespace: placement.metadata.namespace });
    // the default Hub does not auto-approve, so acceptance is manual and each spoke says how to accept it
    expect(hubStack.acceptance.isAutomatic).toBe(false);
    const spoke = JSON.parse(require('cdktf').Testing.synth(spokes[0]));
    expect(spoke.output.accept_command.value).toMatch(/clusteradm accept --clusters prod-1/);
  });
});
