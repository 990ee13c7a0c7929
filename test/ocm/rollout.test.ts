import { Duration, PercentOrAbsolute, ocm } from '../../lib';

describe('Rollout', () => {
  test('renders each type in API shape', () => {
    expect(ocm.Rollout.all()._render()).toEqual({ type: 'All' });
    expect(ocm.Rollout.all({ progressDeadline: Duration.minutes(10) })._render()).toEqual({ type: 'All', all: { progressDeadline: '10m' } });
    expect(ocm.Rollout.progressive({ maxConcurrency: PercentOrAbsolute.percent(25), minSuccessTime: Duration.minutes(5), maxFailures: PercentOrAbsolute.count(1), mandatoryDecisionGroups: [{ groupName: 'canary' }] })._render()).toEqual({
      type: 'Progressive',
      progressive: { mandatoryDecisionGroups: [{ groupName: 'canary' }], maxConcurrency: '25%', maxFailures: 1, minSuccessTime: '5m' },
    });
    expect(ocm.Rollout.progressivePerGroup({ mandatoryDecisionGroups: [{ groupIndex: 0 }] })._render()).toEqual({
      type: 'ProgressivePerGroup', progressivePerGroup: { mandatoryDecisionGroups: [{ groupIndex: 0 }] },
    });
  });

  test('fails for a mandatory group the placement does not have', () => {
    expect(() => ocm.Rollout.progressivePerGroup({ mandatoryDecisionGroups: [{ groupName: 'canary' }] })._validate('MWRS "a/b"', ['wave1']))
      .toThrow(/mandatory decision group "canary" is not a decision group of the placement \(groups: wave1\)/);
    expect(() => ocm.Rollout.progressive({ maxConcurrency: PercentOrAbsolute.count(0) })._validate('x', undefined)).toThrow(/maxConcurrency 0/);
  });
});
