import { Testing } from 'cdk8s';
import { karmada } from '../../lib';
import { find, synth } from '../support/fleet';

describe('karmada.ClusterOverridePolicy', () => {
  test('renders a cluster-scoped override without resource selectors (every template)', () => {
    const chart = Testing.chart();
    new karmada.ClusterOverridePolicy(chart, 'team-label', {
      rules: [{ targetCluster: { exclude: ['legacy'] }, labelsOverrider: [karmada.LabelAnnotationOverrider.add({ team: 'platform' })] }],
    });
    const p = find(synth(chart), 'ClusterOverridePolicy', 'team-label');
    expect(p.metadata).toEqual({ name: 'team-label' });
    expect(p.spec).toEqual({ overrideRules: [{ targetCluster: { exclude: ['legacy'] }, overriders: { labelsOverrider: [{ operator: 'add', value: { team: 'platform' } }] } }] });
    expect(karmada.ClusterOverridePolicy.allIn(chart)).toHaveLength(1);
  });

  test('fails without a rule', () => {
    const chart = Testing.chart();
    new karmada.ClusterOverridePolicy(chart, 'empty');
    expect(() => Testing.synth(chart)).toThrow(/ClusterOverridePolicy "empty": has no override rule/);
  });
});
