import { Testing } from 'cdk8s';
import { kubefleet, LabelSelector } from '../../lib';
import { find, synth } from '../support/fleet';

describe('kubefleet.ClusterResourceOverride', () => {
  test('renders the placement reference, the selectors by name and the rules', () => {
    const chart = Testing.chart();
    const crp = new kubefleet.ClusterResourcePlacement(chart, 'app', { resourceSelectors: [kubefleet.ResourceSelector.namespace('app')] });
    const cro = new kubefleet.ClusterResourceOverride(chart, 'ns-labels', { placement: crp });
    cro.addResourceSelector(kubefleet.ResourceSelector.namespace('app'));
    cro.addRule(kubefleet.OverrideRule.jsonPatch([kubefleet.JsonPatchOverride.add('/metadata/labels/tier', 'gold')], [LabelSelector.matchLabels({ env: 'prod' })]));
    expect(find(synth(chart), 'ClusterResourceOverride', 'ns-labels').spec).toEqual({
      placement: { name: 'app', scope: 'Cluster' },
      clusterResourceSelectors: [{ group: '', version: 'v1', kind: 'Namespace', name: 'app' }],
      policy: { overrideRules: [{ clusterSelector: { clusterSelectorTerms: [{ labelSelector: { matchLabels: { env: 'prod' } } }] }, overrideType: 'JSONPatch', jsonPatchOverrides: [{ op: 'add', path: '/metadata/labels/tier', value: 'gold' }] }] },
    });
  });

  test('fails for selectors by labels or without a name (the webhook selects by name only)', () => {
    const chart = Testing.chart();
    const cro = new kubefleet.ClusterResourceOverride(chart, 'o');
    expect(() => cro.addResourceSelector(kubefleet.ResourceSelector.namespacesByLabels(LabelSelector.matchLabels({ a: 'b' })))).toThrow(/selects by labels; the KubeFleet webhook only accepts selection by name/);
    expect(() => cro.addResourceSelector(kubefleet.ResourceSelector.all('', 'v1', 'Namespace'))).toThrow(/has no name; the KubeFleet webhook requires one/);
  });

  test('fails without selectors or rules, and when two overrides select the same resource', () => {
    const chart = Testing.chart();
    new kubefleet.ClusterResourceOverride(chart, 'empty');
    expect(() => Testing.synth(chart)).toThrow(/ClusterResourceOverride "empty": has no resource selector/);
    const chart2 = Testing.chart();
    const rule = kubefleet.OverrideRule.jsonPatch([kubefleet.JsonPatchOverride.add('/metadata/labels/a', 'b')]);
    new kubefleet.ClusterResourceOverride(chart2, 'first', { clusterResourceSelectors: [kubefleet.ResourceSelector.namespace('app')], rules: [rule] });
    new kubefleet.ClusterResourceOverride(chart2, 'second', { clusterResourceSelectors: [kubefleet.ResourceSelector.namespace('app')], rules: [rule] });
    expect(() => Testing.synth(chart2)).toThrow(/ClusterResourceOverride "second": Namespace app is already selected by ClusterResourceOverride "first"/);
  });
});
