import { Testing } from 'cdk8s';
import { ocm } from '../../lib';
import { find, newHub, synth } from '../support/fleet';

describe('add-ons', () => {
  test('ClusterManagementAddOn with a Placements strategy, per-placement configs and rollout', () => {
    const { hub } = newHub();
    const set = hub.addClusterSet('production');
    hub.bind(set, 'open-cluster-management-addon');
    const placement = hub.addPlacement('proxy', { namespace: 'open-cluster-management-addon' });
    const config = new ocm.AddOnDeploymentConfig(hub, 'proxy-config', {
      namespace: 'open-cluster-management-addon',
      nodeSelector: { 'node-role.kubernetes.io/infra': '' },
      customizedVariables: { LOG_LEVEL: '2' },
      registries: { 'quay.io/open-cluster-management': 'mirror.acme.example/ocm' },
    });
    hub.addClusterManagementAddOn('cluster-proxy', {
      displayName: 'cluster-proxy',
      installStrategy: ocm.InstallStrategy.placements({ placement, configs: [config], rollout: ocm.Rollout.progressive() }),
      supportedConfigs: [{ group: 'addon.open-cluster-management.io', resource: 'addondeploymentconfigs', defaultConfig: config }],
    });
    const objs = synth(hub);
    const cma = find(objs, 'ClusterManagementAddOn', 'cluster-proxy');
    expect(cma.apiVersion).toBe('addon.open-cluster-management.io/v1alpha1');
    expect(cma.spec.installStrategy).toEqual({
      type: 'Placements',
      placements: [{
        name: 'proxy', namespace: 'open-cluster-management-addon',
        configs: [{ group: 'addon.open-cluster-management.io', resource: 'addondeploymentconfigs', name: 'proxy-config', namespace: 'open-cluster-management-addon' }],
        rolloutStrategy: { type: 'Progressive' },
      }],
    });
    expect(cma.spec.supportedConfigs).toEqual([{ group: 'addon.open-cluster-management.io', resource: 'addondeploymentconfigs', defaultConfig: { name: 'proxy-config', namespace: 'open-cluster-management-addon' } }]);
    expect(find(objs, 'AddOnDeploymentConfig', 'proxy-config').spec).toEqual({
      customizedVariables: [{ name: 'LOG_LEVEL', value: '2' }],
      nodePlacement: { nodeSelector: { 'node-role.kubernetes.io/infra': '' } },
      registries: [{ source: 'quay.io/open-cluster-management', mirror: 'mirror.acme.example/ocm' }],
    });
  });

  test('ManagedClusterAddOn for a manual add-on lives in the cluster namespace', () => {
    const chart = Testing.chart();
    const addon = new ocm.ClusterManagementAddOn(chart, 'observability');
    new ocm.ManagedClusterAddOn(chart, 'obs', { addon, cluster: ocm.ManagedCluster.fromName('dc1-prod') });
    const objs = synth(chart);
    expect(find(objs, 'ClusterManagementAddOn', 'observability').spec.installStrategy).toEqual({ type: 'Manual' });
    expect(find(objs, 'ManagedClusterAddOn', 'observability', 'dc1-prod').spec).toEqual({});
  });

  test('fails for a hand-made ManagedClusterAddOn of a Placements add-on (the manager would delete it)', () => {
    const { hub } = newHub();
    hub.bind(hub.addClusterSet('s'), 'ns');
    const addon = hub.addClusterManagementAddOn('x', { installStrategy: ocm.InstallStrategy.placements({ placement: hub.addPlacement('p', { namespace: 'ns' }) }) });
    expect(() => new ocm.ManagedClusterAddOn(hub, 'm', { addon, cluster: ocm.ManagedCluster.fromName('c1') })).toThrow(/uses a Placements install strategy, whose manager deletes ManagedClusterAddOns/);
  });

  test('fails for bad customized variable names', () => {
    expect(() => new ocm.AddOnDeploymentConfig(Testing.chart(), 'c', { namespace: 'ns', customizedVariables: { '1BAD': 'x' } })).toThrow(/customized variable name "1BAD" is invalid/);
  });

  test('supportedConfigs take group and resource from the defaultConfig', () => {
    const { hub } = newHub();
    const config = new ocm.AddOnDeploymentConfig(hub, 'defaults', { namespace: 'open-cluster-management-hub' });
    hub.addClusterManagementAddOn('observability', { supportedConfigs: [{ defaultConfig: config }, { resource: 'configmaps' }] });
    expect(find(synth(hub), 'ClusterManagementAddOn', 'observability').spec.supportedConfigs).toEqual([
      { group: 'addon.open-cluster-management.io', resource: 'addondeploymentconfigs', defaultConfig: { name: 'defaults', namespace: 'open-cluster-management-hub' } },
      { group: '', resource: 'configmaps' },
    ]);
  });

  test('fails when a supportedConfig disagrees with its defaultConfig or has no resource', () => {
    const { hub } = newHub();
    const config = new ocm.AddOnDeploymentConfig(hub, 'defaults', { namespace: 'ns' });
    expect(() => hub.addClusterManagementAddOn('a', { supportedConfigs: [{ group: '', resource: 'addondeploymentconfigs', defaultConfig: config }] }))
      .toThrow(`ClusterManagementAddOn "a": supportedConfigs[0] has group "" but its defaultConfig "defaults" is in group "addon.open-cluster-management.io"; omit group (it defaults to the defaultConfig's) or fix one of them`);
    expect(() => hub.addClusterManagementAddOn('b', { supportedConfigs: [{ resource: 'configmaps', defaultConfig: config }] }))
      .toThrow(/supportedConfigs\[0\] has resource "configmaps" but its defaultConfig "defaults" is a "addondeploymentconfigs"/);
    expect(() => hub.addClusterManagementAddOn('c', { supportedConfigs: [{ group: 'addon.open-cluster-management.io' }] }))
      .toThrow(/ClusterManagementAddOn "c": supportedConfigs\[0\] has no resource; give the plural resource/);
  });
});
