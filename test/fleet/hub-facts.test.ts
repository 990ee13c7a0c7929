import { inventory, ocm } from '../../lib';
import { newHub } from '../support/fleet';

describe('Hub.facts()', () => {
  test('plain data: gates, auto-approved users, clusters with labels, add-ons', () => {
    const { hub } = newHub({ featureGates: [ocm.FeatureGate.CLUSTER_PROFILE, ocm.FeatureGate.MANAGED_CLUSTER_AUTO_APPROVAL] });
    hub.clusterManager.addAutoApproveUser('system:b');
    hub.clusterManager.addAutoApproveUser('system:a');
    const prod = hub.addClusterSet('prod');
    hub.addCluster('z-edge', { labels: { env: 'edge' } });
    hub.addCluster('a-prod', { labels: { env: 'production' }, clusterSet: prod });
    hub.addClusterManagementAddOn('cluster-proxy');
    const facts = hub.facts();
    expect(facts.id).toBe(hub.node.id);
    expect(facts.clusterManagerName).toBe('cluster-manager');
    expect(facts.deployMode).toBe(ocm.ClusterManagerDeployMode.DEFAULT);
    expect(facts.featureGates.map((g) => `${g.component}:${g.name}=${g.enabled}`)).toEqual([
      'registration:ClusterProfile=true',
      'registration:ManagedClusterAutoApproval=true',
    ]);
    // the explicit gates plus OCM's defaults (AddonManagement, DefaultClusterSet, ResourceCleanup), sorted
    expect(facts.enabledFeatureGates).toEqual(['AddonManagement', 'ClusterProfile', 'DefaultClusterSet', 'ManagedClusterAutoApproval', 'ResourceCleanup']);
    expect(facts.autoApproveUsers).toEqual(['system:a', 'system:b']);
    expect(facts.clusters).toEqual([
      { name: 'a-prod', labels: { env: 'production', [ocm.ClusterLabels.CLUSTER_SET]: 'prod' } },
      { name: 'z-edge', labels: { env: 'edge' } },
    ]);
    expect(facts.clusterManagementAddOns).toEqual(['cluster-proxy']);
    expect(facts.sveltosAddons).toBe(false);
    expect(facts.registrationChain).toBeUndefined();
    expect(facts.addOnPlacement).toBeUndefined();
    expect(facts.declaresChainAddOns).toBe(false);
  });

  test('the registration chain and its add-on placement once Sveltos add-ons are wired', () => {
    const { hub } = newHub({ featureGates: [ocm.FeatureGate.CLUSTER_PROFILE], sveltosRegistration: inventory.RegistrationChain.inventory() });
    const facts = hub.facts();
    expect(facts.sveltosAddons).toBe(true);
    expect(facts.registrationChain?.kind).toBe(inventory.RegistrationChainKind.INVENTORY);
    expect([facts.addOnPlacement?.namespace, facts.addOnPlacement?.name]).toEqual(['cluster-inventory', 'inventory-addons']);
  });

  test('a snapshot: later declarations show in the next call', () => {
    const { hub } = newHub();
    const before = hub.facts();
    hub.addCluster('c1');
    expect(before.clusters).toEqual([]);
    expect(hub.facts().clusters.map((c) => c.name)).toEqual(['c1']);
  });
});
