import { Testing } from 'cdk8s';
import { KubeDeployment } from 'cdk8s-plus-30/lib/imports/k8s';
import { LabelSelector } from '../../lib/core';
import { ManifestChart } from '../../lib/ocm';
import { ClusterProfile, ClusterRef, ClusterSet, HelmChart, PolicyRef, Profile, Set, SveltosCluster, ValuesFrom } from '../../lib/sveltos';
import { validateObjects } from '../support/crd-schema';

const dev = LabelSelector.matchLabels({ env: 'dev' });

describe('sveltos.Profile', () => {
  test('is namespaced; references, sets and manifests stay in its namespace', () => {
    const c = Testing.chart();
    const sc = new SveltosCluster(c, 'dev-1', { namespace: 'team-a', labels: { env: 'dev' } });
    const set = new Set(c, 'one', { namespace: 'team-a', clusterSelector: dev, maxReplicas: 1 });
    const base = new Profile(c, 'base', { namespace: 'team-a', clusterSelector: dev });
    const p = new Profile(c, 'web', { namespace: 'team-a', clusterRefs: [sc], setRefs: [set], dependsOn: [base] });
    const m = new ManifestChart();
    new KubeDeployment(m, 'web', { metadata: { name: 'web', namespace: 'web' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } } });
    p.addManifests(m);
    const objs = Testing.synth(c);
    const obj = objs.find((o) => o.kind === 'Profile' && o.metadata.name === 'web');
    expect(obj.metadata).toEqual({ name: 'web', namespace: 'team-a' });
    expect(obj.spec).toEqual({
      clusterRefs: [{ apiVersion: 'lib.projectsveltos.io/v1beta1', kind: 'SveltosCluster', namespace: 'team-a', name: 'dev-1' }],
      setRefs: ['one'],
      dependsOn: ['base'],
      syncMode: 'Continuous',
      policyRefs: [{ kind: 'ConfigMap', name: 'web-manifests', namespace: 'team-a' }],
    });
    expect(objs.find((o) => o.kind === 'ConfigMap').metadata).toEqual({ name: 'web-manifests', namespace: 'team-a' });
    expect(p.reachedClusters().map((r) => r.name)).toEqual(['dev-1']);
    expect(base.reachedClusters().map((r) => r.name)).toEqual(['dev-1']);
    expect(validateObjects(objs)).toEqual([]);
  });

  test('policyRefs without a namespace are rendered in the Profile namespace', () => {
    const c = Testing.chart();
    new Profile(c, 'p', { namespace: 'team-a', clusterSelector: dev, policyRefs: [PolicyRef.configMap('x')] });
    expect(Testing.synth(c)[0].spec.policyRefs).toEqual([{ kind: 'ConfigMap', name: 'x', namespace: 'team-a' }]);
  });

  test('fails with an empty clusterSelector (Sveltos matches nothing)', () => {
    expect(() => new Profile(Testing.chart(), 'p', { namespace: 'team-a', clusterSelector: LabelSelector.all() }))
      .toThrow(/Profile "team-a\/p": clusterSelector is empty/);
  });

  test('fails referencing a cluster outside its namespace', () => {
    expect(() => new Profile(Testing.chart(), 'p', { namespace: 'team-a', clusterRefs: [ClusterRef.sveltosCluster('team-b', 'c1')] }))
      .toThrow(/Profile "team-a\/p": clusterRef SveltosCluster "team-b\/c1" is outside the Profile's namespace "team-a"/);
  });

  test('fails referencing a Set outside its namespace, or a ClusterSet', () => {
    const c = Testing.chart();
    const other = new Set(c, 's', { namespace: 'team-b', clusterSelector: dev, maxReplicas: 1 });
    expect(() => new Profile(c, 'p', { namespace: 'team-a', setRefs: [other] }))
      .toThrow(/setRef Set "team-b\/s" is outside the Profile's namespace "team-a"/);
    const cs = new ClusterSet(c, 'cs', { clusterSelector: dev, maxReplicas: 1 });
    expect(() => new Profile(c, 'q', { namespace: 'team-a', setRefs: [cs] })).toThrow(/a Profile references Sets only/);
  });

  test('fails with policyRefs or Helm valuesFrom outside its namespace', () => {
    const c = Testing.chart();
    expect(() => new Profile(c, 'p', { namespace: 'team-a', policyRefs: [PolicyRef.configMap('x', { namespace: 'team-b' })] }))
      .toThrow(/policyRef ConfigMap "x" is in namespace "team-b", outside the Profile's namespace "team-a"/);
    const h = HelmChart.fromRepository({ repositoryUrl: 'https://a.example', repositoryName: 'a', chartName: 'a/a', version: '1.0.0', releaseName: 'a', releaseNamespace: 'a', valuesFrom: [ValuesFrom.configMap('v', { namespace: 'team-b' })] });
    expect(() => new Profile(c, 'q', { namespace: 'team-a', helmCharts: [h] })).toThrow(/reads values from ConfigMap "team-b\/v", outside the Profile's namespace/);
  });

  test('fails depending on a Profile of another namespace or on a ClusterProfile', () => {
    const c = Testing.chart();
    const p = new Profile(c, 'p', { namespace: 'team-a', clusterSelector: dev });
    expect(() => p.addDependsOn(Profile.fromName('team-b', 'base'))).toThrow(/Sveltos resolves dependsOn names in the Profile's namespace "team-a"/);
    expect(() => p.addDependsOn(new ClusterProfile(c, 'cp', { clusterSelector: dev }))).toThrow(/a Profile can only depend on Profiles/);
  });

  test('fails when no registered SveltosCluster lives in its namespace', () => {
    const c = Testing.chart();
    new SveltosCluster(c, 'dev-1', { namespace: 'fleet', labels: { env: 'dev' } });
    new Profile(c, 'p', { namespace: 'team-a', clusterSelector: dev });
    expect(() => Testing.synth(c)).toThrow(/a Profile only reaches SveltosClusters in its own namespace "team-a", and none is registered there \(they live in fleet\)/);
  });

  test('fails with a set name instead of a Set, pointing to Set.fromName in its namespace', () => {
    expect(() => new Profile(Testing.chart(), 'x', { namespace: 'team-a', setRefs: ['failover' as any] }))
      .toThrow(/Profile "team-a\/x": setRefs takes Set constructs or references, got "failover"; for a Set declared elsewhere use Set.fromName\("team-a", "failover"\)/);
  });

  test('templated reference namespaces are not checked against the Profile namespace', () => {
    const p = new Profile(Testing.chart(), 'x', { namespace: 'team-a', clusterSelector: dev });
    expect(() => p.addPolicyRef(PolicyRef.configMap('{{ .Cluster.metadata.name }}-extra', { namespace: '{{ .Cluster.metadata.namespace }}' }))).not.toThrow();
  });
});
