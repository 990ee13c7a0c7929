import { Testing } from 'cdk8s';
import { kubefleet, LabelSelector } from '../../lib';
import { synth } from '../support/fleet';

const { JsonPatchOverride, OverrideRule } = kubefleet;

function rules(...r: kubefleet.OverrideRule[]): any[] {
  const chart = Testing.chart();
  new kubefleet.ResourceOverride(chart, 'o', { namespace: 'app', resourceSelectors: [kubefleet.ResourceSelector.byName('apps', 'v1', 'Deployment', 'web')], rules: r });
  return synth(chart)[0].spec.policy.overrideRules;
}

describe('kubefleet override rules', () => {
  test('a JSON patch rule renders its patches; no cluster selector renders an empty term list (every cluster)', () => {
    expect(rules(OverrideRule.jsonPatch([JsonPatchOverride.replace('/spec/replicas', 2), JsonPatchOverride.add('/metadata/labels/cluster', JsonPatchOverride.MEMBER_CLUSTER_NAME), JsonPatchOverride.remove('/spec/paused')])))
      .toEqual([{
        clusterSelector: { clusterSelectorTerms: [] },
        overrideType: 'JSONPatch',
        jsonPatchOverrides: [
          { op: 'replace', path: '/spec/replicas', value: 2 },
          { op: 'add', path: '/metadata/labels/cluster', value: '${MEMBER-CLUSTER-NAME}' },
          { op: 'remove', path: '/spec/paused' },
        ],
      }]);
  });

  test('a delete rule on the clusters matching any selector', () => {
    expect(rules(OverrideRule.delete([LabelSelector.matchLabels({ env: 'canary' }), LabelSelector.in('region', 'west')]))).toEqual([{
      clusterSelector: { clusterSelectorTerms: [{ labelSelector: { matchLabels: { env: 'canary' } } }, { labelSelector: { matchExpressions: [{ key: 'region', operator: 'In', values: ['west'] }] } }] },
      overrideType: 'Delete',
    }]);
    expect(JsonPatchOverride.memberClusterLabel('region')).toBe('${MEMBER-CLUSTER-LABEL-KEY-region}');
  });

  test('fails for paths the webhook rejects', () => {
    expect(() => rules(OverrideRule.jsonPatch([JsonPatchOverride.replace('/kind', 'X')]))).toThrow(/typeMeta fields cannot be overridden; the KubeFleet webhook rejects it/);
    expect(() => rules(OverrideRule.jsonPatch([JsonPatchOverride.replace('/metadata/name', 'x')]))).toThrow(/only metadata labels and annotations can be overridden/);
    expect(() => rules(OverrideRule.jsonPatch([JsonPatchOverride.remove('/status/x')]))).toThrow(/status fields cannot be overridden/);
    expect(() => rules(OverrideRule.jsonPatch([JsonPatchOverride.replace('spec/replicas', 1)]))).toThrow(/the path must start with \//);
    expect(() => rules(OverrideRule.jsonPatch([JsonPatchOverride.replace('/spec//replicas', 1)]))).toThrow(/the path cannot contain an empty segment/);
  });

  test('fails for a JSON patch rule without patches', () => {
    expect(() => rules(OverrideRule.jsonPatch([]))).toThrow(/has no JSON patch; JSONPatchOverrides cannot be empty/);
  });
});
