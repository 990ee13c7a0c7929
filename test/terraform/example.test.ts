import 'cdktf/lib/testing/adapters/jest';
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
