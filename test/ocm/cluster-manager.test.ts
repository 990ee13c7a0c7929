import { Testing } from 'cdk8s';
import { ocm } from '../../lib';
import { find, synth } from '../support/fleet';

describe('ClusterManager', () => {
  test('writes each gate into its component list, sorted, with mode Enable/Disable', () => {
    const chart = Testing.chart();
    const cm = new ocm.ClusterManager(chart, 'cm', {
      enable: [ocm.FeatureGate.MANIFEST_WORK_REPLICA_SET, ocm.FeatureGate.CLUSTER_PROFILE, ocm.FeatureGate.MANAGED_CLUSTER_AUTO_APPROVAL],
      disable: [ocm.FeatureGate.DEFAULT_CLUSTER_SET],
      autoApproveUsers: ['system:serviceaccount:open-cluster-management:agent-registration-bootstrap'],
    });
    cm.enable(ocm.FeatureGate.ADDON_MANAGEMENT);
    const spec = find(synth(chart), 'ClusterManager', 'cluster-manager').spec;
    expect(spec.registrationConfiguration.featureGates).toEqual([
      { feature: 'ClusterProfile', mode: 'Enable' },
      { feature: 'DefaultClusterSet', mode: 'Disable' },
      { feature: 'ManagedClusterAutoApproval', mode: 'Enable' },
    ]);
    expect(spec.registrationConfiguration.autoApproveUsers).toEqual(['system:serviceaccount:open-cluster-management:agent-registration-bootstrap']);
    expect(spec.workConfiguration.featureGates).toEqual([{ feature: 'ManifestWorkReplicaSet', mode: 'Enable' }]);
    expect(spec.addOnManagerConfiguration.featureGates).toEqual([{ feature: 'AddonManagement', mode: 'Enable' }]);
    expect(spec.deployOption).toEqual({ mode: 'Default' });
    expect(spec.placementConfiguration).toBeUndefined();
  });

  test('knows upstream defaults', () => {
    const cm = new ocm.ClusterManager(Testing.chart(), 'cm');
    expect(cm.isEnabled(ocm.FeatureGate.DEFAULT_CLUSTER_SET)).toBe(true);
    expect(cm.isEnabled(ocm.FeatureGate.CLUSTER_PROFILE)).toBe(false);
    cm.disable(ocm.FeatureGate.DEFAULT_CLUSTER_SET);
    expect(cm.isEnabled(ocm.FeatureGate.DEFAULT_CLUSTER_SET)).toBe(false);
  });

  test('hosted mode', () => {
    const chart = Testing.chart();
    new ocm.ClusterManager(chart, 'cm', { deployMode: ocm.ClusterManagerDeployMode.HOSTED, name: 'hub-a' });
    expect(find(synth(chart), 'ClusterManager', 'hub-a').spec.deployOption.mode).toBe('Hosted');
  });

  test('fails for a gate that is not a FeatureGate', () => {
    expect(() => new ocm.ClusterManager(Testing.chart(), 'cm', { enable: ['ClusterProfile' as any] })).toThrow(/is not a FeatureGate; use one of FeatureGate\./);
  });

  test('fails for an invalid name', () => {
    expect(() => new ocm.ClusterManager(Testing.chart(), 'cm', { name: 'Cluster_Manager' })).toThrow(/ClusterManager "Cluster_Manager": name "Cluster_Manager" is not a valid DNS-1123 subdomain/);
  });
});
