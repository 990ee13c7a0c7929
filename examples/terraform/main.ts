import { App } from 'cdktf';
import { Backend, ClusterAcceptance, HubStack, KubeconfigSource, SpokeStack } from '../../lib/terraform';
import { buildFleet } from '../fleet';

/** What {@link buildBootstrap} creates. */
export interface ExampleBootstrap {
  /** The hub install. */
  readonly hubStack: HubStack;
  /** One spoke stack per managed cluster. */
  readonly spokeStacks: SpokeStack[];
}

/**
 * Day-0 bootstrap of the example fleet, driven by the same declaration as its hub YAML
 * (`examples/fleet.ts`): the hub stack installs OCM, Sveltos and the add-ons with the fleet's
 * feature gates, cluster-proxy and managed-serviceaccount installed by the fleet's inventory
 * placement (which tolerates the edge clusters' taint); one spoke stack per cluster installs its
 * klusterlet with a bootstrap kubeconfig read from the hub stack.
 * `cdktf deploy 'hub' 'spoke-*'` replaces clusteradm init / join / accept.
 */
export function buildBootstrap(app: App): ExampleBootstrap {
  const { hub } = buildFleet();

  // The hub from TF_VAR_hub_host / TF_VAR_hub_token / TF_VAR_hub_ca; the spokes through the
  // contexts of ~/.kube/config, one named after each cluster.
  const hubStack = new HubStack(app, 'hub', {
    hub,
    kubeconfig: KubeconfigSource.hostAndToken({ hostVariable: 'hub_host', tokenVariable: 'hub_token', caVariable: 'hub_ca' }),
    backend: Backend.local({ directory: '../../../terraform-state' }),
    // The fleet enables ManagedClusterAutoApproval and auto-approves the bootstrap identity
    // (HubStack.BOOTSTRAP_USER; checked at synth), so joining spokes are accepted declaratively
    // (no clusteradm accept), and GitOps applying the hub's ClusterManager keeps it that way.
    acceptance: ClusterAcceptance.autoApproval(),
  });

  const kubeconfigs: Record<string, KubeconfigSource> = {};
  for (const cluster of hub.clusters) kubeconfigs[cluster.name] = KubeconfigSource.file('~/.kube/config', cluster.name);
  const spokeStacks = SpokeStack.forHub(app, hubStack, { kubeconfigs });

  return { hubStack, spokeStacks };
}

if (require.main === module) {
  const app = new App();
  buildBootstrap(app);
  // Risks that are not errors (what the add-on charts do by themselves, what this app does not
  // install) are printed on stderr at synth.
  app.synth();
}
