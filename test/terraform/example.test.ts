import 'cdktf/lib/testing/adapters/jest';
import { Testing as K8sTesting } from 'cdk8s';
import { EDGE_TAINT } from '../../examples/fleet';
import { buildBootstrap } from '../../examples/terraform/main';
import { newApp, synthAll, valuesOf } from './support';

describe('examples/terraform (the cdktf app of the example fleet)', () => {
  const app = newApp();
  const { hubStack, spokeStacks } = buildBootstrap(app);
  const { manifest, stacks } = synthAll(app);

  test('a hub stack and one spoke stack per cluster of the example fleet', () => {
    expect(Object.keys(manifest.stacks)).toHaveLength(13);
    expect(spokeStacks).toHaveLength(12);
    for (const s of spokeStacks) expect(manifest.stacks[s.node.id].dependencies).toEqual(['hub']);
    expect(spokeStacks.map((s) => s.clusterNames[0])).toEqual(hubStack.hub.clusters.map((c) => c.name));
  });

  test('the hub installs the gates the example fleet declares, and the inventory chain it implies', () => {
    const cm = valuesOf(stacks.hub.resource.helm_release['cluster-manager']).clusterManager;
    expect(cm.registrationConfiguration.featureGates.map((g: any) => g.feature)).toContain('ClusterProfile');
    expect(cm.workConfiguration.featureGates).toEqual([{ feature: 'ManifestWorkReplicaSet', mode: 'Enable' }]);
    expect(valuesOf(stacks.hub.resource.helm_release.projectsveltos)).toEqual({ clusterInventory: { enabled: true } });
  });

  test('the add-on releases install by the fleet\'s inventory placement, so the tainted edge clusters get them too', () => {
    const byPlacement = { placementName: 'inventory-addons', placementNamespace: 'cluster-inventory' };
    expect(valuesOf(stacks.hub.resource.helm_release['cluster-proxy']).installByPlacement).toEqual(byPlacement);
    expect(valuesOf(stacks.hub.resource.helm_release['managed-serviceaccount']).installByPlacement).toEqual(byPlacement);
    const objects = K8sTesting.synth(hubStack.hub);
    const placement = objects.find((o) => o.kind === 'Placement' && o.metadata.name === 'inventory-addons');
    expect(placement.spec).toEqual({ clusterSets: ['global'], tolerations: [{ operator: 'Exists' }] });
    const edge = objects.filter((o) => o.kind === 'ManagedCluster' && (o.spec.taints ?? []).some((t: any) => t.key === EDGE_TAINT));
    expect(edge).toHaveLength(4);
    // the Hub leaves the add-ons' ClusterManagementAddOns to the releases, and auto-approves the bootstrap identity
    expect(objects.filter((o) => o.kind === 'ClusterManagementAddOn')).toEqual([]);
    expect(objects.find((o) => o.kind === 'ClusterManager').spec.registrationConfiguration.autoApproveUsers).toContain('system:serviceaccount:open-cluster-management:agent-registration-bootstrap');
  });

  test('every klusterlet is named after its cluster and reads the hub kubeconfig from the hub stack', () => {
    for (const s of spokeStacks) {
      const name = s.clusterNames[0];
      const release = stacks[s.node.id].resource.helm_release[`klusterlet-${name}`];
      expect(valuesOf(release).klusterlet.clusterName).toBe(name);
      expect(release.provider).toBe(`helm.${name}`);
      expect(release.set_sensitive[0].value).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-hub\.outputs\./);
    }
  });
});
