import { Testing } from 'cdk8s';
import { KubeConfigMap } from 'cdk8s-plus-30/lib/imports/k8s';
import { ocm } from '../../lib';
import { find, synth } from '../support/fleet';

describe('ManifestWork', () => {
  test('embeds manifests from cdk8s constructs and raw objects, in the cluster namespace', () => {
    const chart = Testing.chart();
    const cluster = new ocm.ManagedCluster(chart, 'dc1-prod');
    const content = new ocm.ManifestChart();
    new KubeConfigMap(content, 'settings', { metadata: { name: 'settings', namespace: 'quality' }, data: { mode: 'strict' } });
    const work = new ocm.ManifestWork(chart, 'settings', {
      cluster,
      manifests: [content],
      deleteOption: ocm.DeleteOption.selectivelyOrphan({ resource: 'namespaces', name: 'quality' }),
      manifestConfigs: [{
        resource: { resource: 'configmaps', name: 'settings', namespace: 'quality' },
        feedbackRules: [ocm.FeedbackRule.jsonPaths({ mode: '.data.mode' })],
        updateStrategy: ocm.UpdateStrategy.serverSideApply({ force: true }),
      }],
      executor: ocm.WorkExecutor.serviceAccount('quality', 'deployer'),
    });
    work.addObjects({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'quality' } });
    const o = find(synth(chart), 'ManifestWork', 'settings', 'dc1-prod');
    expect(o.apiVersion).toBe('work.open-cluster-management.io/v1');
    expect(o.spec.workload.manifests).toEqual([
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'quality' }, data: { mode: 'strict' } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'quality' } },
    ]);
    expect(o.spec.deleteOption).toEqual({ propagationPolicy: 'SelectivelyOrphan', selectivelyOrphans: { orphaningRules: [{ group: '', resource: 'namespaces', name: 'quality' }] } });
    expect(o.spec.manifestConfigs).toEqual([{
      resourceIdentifier: { group: '', resource: 'configmaps', name: 'settings', namespace: 'quality' },
      feedbackRules: [{ type: 'JSONPaths', jsonPaths: [{ name: 'mode', path: '.data.mode' }] }],
      updateStrategy: { type: 'ServerSideApply', serverSideApply: { force: true } },
    }]);
    expect(o.spec.executor).toEqual({ subject: { type: 'ServiceAccount', serviceAccount: { namespace: 'quality', name: 'deployer' } } });
  });

  test('the ManifestChart content is not emitted on the hub', () => {
    const chart = Testing.chart();
    const content = new ocm.ManifestChart();
    new KubeConfigMap(content, 'cm', { metadata: { name: 'cm' } });
    new ocm.ManifestWork(chart, 'w', { cluster: ocm.ManagedCluster.fromName('c1'), manifests: [content] });
    expect(synth(chart).map((o) => o.kind)).toEqual(['ManifestWork']);
  });

  test('fails for a work without manifests', () => {
    const chart = Testing.chart();
    new ocm.ManifestWork(chart, 'empty', { cluster: ocm.ManagedCluster.fromName('c1') });
    expect(() => Testing.synth(chart)).toThrow(/ManifestWork "c1\/empty": has no manifests/);
  });

  test('fails for the same object twice, objects without a name, and bad field managers', () => {
    const chart = Testing.chart();
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'x' } };
    new ocm.ManifestWork(chart, 'dup', { cluster: ocm.ManagedCluster.fromName('c1'), objects: [cm, cm] });
    expect(() => Testing.synth(chart)).toThrow(/carries ConfigMap "x\/a" twice/);
    expect(() => new ocm.ManifestWork(Testing.chart(), 'w', { cluster: ocm.ManagedCluster.fromName('c1'), objects: [{ apiVersion: 'v1', kind: 'ConfigMap' }] })).toThrow(/needs apiVersion, kind and metadata.name/);
    expect(() => ocm.UpdateStrategy.serverSideApply({ fieldManager: 'me' })).toThrow(/must start with "work-agent"/);
  });
});
