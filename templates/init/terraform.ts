import { App } from 'cdktf';
import { App as K8sApp } from 'cdk8s';
import { Backend, HubStack, KubeconfigSource, SpokeStack } from 'cdk-fleet/terraform';
import { buildFleet } from './fleet';

// `cdktf synth` / `cdktf deploy 'hub' 'spoke-*'`: installs OCM and Sveltos on the hub and joins
// every cluster of the same fleet declaration (replacing clusteradm init / join / accept).
const hub = buildFleet(new K8sApp());
const app = new App();
const hubStack = new HubStack(app, 'hub', {
  hub,
  kubeconfig: KubeconfigSource.file('~/.kube/config', 'hub'),
  apiServerUrl: 'https://hub.example.com:6443',
  // Terraform state next to this repository (the path is relative to cdktf.out/stacks/<stack>).
  backend: Backend.local({ directory: '../../../terraform-state' }),
});
const kubeconfigs: Record<string, KubeconfigSource> = {};
for (const cluster of hub.clusters) kubeconfigs[cluster.name] = KubeconfigSource.file('~/.kube/config', cluster.name);
SpokeStack.forHub(app, hubStack, { kubeconfigs });
app.synth();
