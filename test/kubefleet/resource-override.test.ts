import { Testing } from 'cdk8s';
import { kubefleet } from '../../lib';
import { find, synth } from '../support/fleet';

describe('kubefleet.ResourceOverride', () => {
  test('renders namespaced selectors (group, version, kind, name) and rules', () => {
    const chart = Testing.chart();
    new kubefleet.ResourceOverride(chart, 'web-replicas', {
      namespace: 'app',
      placement: kubefleet.ClusterResourcePlacement.fromName('app'),
      resourceSelectors: [kubefleet.ResourceSelector.byName('apps', 'v1', 'Deployment', 'web')],
      rules: [kubefleet.OverrideRule.jsonPatch([kubefleet.JsonPatchOverride.replace('/spec/replicas', 5)])],
    });
    const o = find(synth(chart), 'ResourceOverride', 'web-replicas', 'app');
    expect(o.spec).toEqual({
      placement: { name: 'app', scope: 'Cluster' },
      resourceSelectors: [{ group: 'apps', version: 'v1', kind: 'Deployment', name: 'web' }],
      policy: { overrideRules: [{ clusterSelector: { clusterSelectorTerms: [] }, overrideType: 'JSONPatch', jsonPatchOverrides: [{ op: 'replace', path: '/spec/replicas', value: 5 }] }] },
    });
  });

  test('fails for a Namespace selector and for two overrides of the same resource in one namespace', () => {
    const chart = Testing.chart();
    const ro = new kubefleet.ResourceOverride(chart, 'o', { namespace: 'app' });
    expect(() => ro.addResourceSelector(kubefleet.ResourceSelector.namespace('app'))).toThrow(/selects a Namespace, which is cluster-scoped; use a ClusterResourceOverride/);
    const chart2 = Testing.chart();
    const props = { namespace: 'app', resourceSelectors: [kubefleet.ResourceSelector.byName('apps', 'v1', 'Deployment', 'web')], rules: [kubefleet.OverrideRule.delete()] };
    new kubefleet.ResourceOverride(chart2, 'a', props);
    new kubefleet.ResourceOverride(chart2, 'other-ns', { ...props, namespace: 'other' });
    new kubefleet.ResourceOverride(chart2, 'b', props);
    expect(() => Testing.synth(chart2)).toThrow(/ResourceOverride "app\/b": Deployment web is already selected by ResourceOverride "app\/a"/);
  });

  test('fails without a namespace', () => {
    const chart = Testing.chart();
    expect(() => new kubefleet.ResourceOverride(chart, 'o', {} as any)).toThrow(/ResourceOverride "o": needs props with a namespace/);
  });
});
