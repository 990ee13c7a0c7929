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

  test('All takes only progressDeadline', () => {
    // @ts-expect-error maxFailures is not an option of Rollout.all
    expect(() => ocm.Rollout.all({ maxFailures: PercentOrAbsolute.count(1) }))
      .toThrow('Rollout.all: option maxFailures is not used by OCM for the All type (only progressDeadline is); remove it, or use Rollout.progressive(...) / Rollout.progressivePerGroup(...)');
    expect(() => ocm.Rollout.all({ minSuccessTime: Duration.minutes(1), maxFailures: PercentOrAbsolute.count(1) } as any)).toThrow(/options minSuccessTime, maxFailures are not used/);
  });
});
