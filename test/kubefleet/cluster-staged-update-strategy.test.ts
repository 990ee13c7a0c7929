import { Testing } from 'cdk8s';
import { Duration, kubefleet, LabelSelector, PercentOrAbsolute } from '../../lib';
import { find, synth } from '../support/fleet';

const { StageTask } = kubefleet;

describe('kubefleet.ClusterStagedUpdateStrategy', () => {
  test('renders stages with selectors, sorting, concurrency, approvals and waits, in order', () => {
    const chart = Testing.chart();
    const s = new kubefleet.ClusterStagedUpdateStrategy(chart, 'canary-then-prod', {
      stages: [{ name: 'canary', labelSelector: LabelSelector.matchLabels({ env: 'canary' }), afterStageTasks: [StageTask.timedWait(Duration.hours(1))] }],
    });
    s.addStage({
      name: 'prod',
      labelSelector: LabelSelector.matchLabels({ env: 'prod' }),
      sortingLabelKey: 'order',
      maxConcurrency: PercentOrAbsolute.percent(25),
      approvalBeforeStage: true,
      afterStageTasks: [StageTask.approval(), StageTask.timedWait(Duration.minutes(30))],
    });
    const o = find(synth(chart), 'ClusterStagedUpdateStrategy', 'canary-then-prod');
    expect(o.spec).toEqual({
      stages: [
        { name: 'canary', labelSelector: { matchLabels: { env: 'canary' } }, afterStageTasks: [{ type: 'TimedWait', waitTime: '1h' }] },
        {
          name: 'prod',
          labelSelector: { matchLabels: { env: 'prod' } },
          sortingLabelKey: 'order',
          maxConcurrency: '25%',
          beforeStageTasks: [{ type: 'Approval' }],
          afterStageTasks: [{ type: 'Approval' }, { type: 'TimedWait', waitTime: '30m' }],
        },
      ],
    });
    expect(s.stages.map((x) => x.name)).toEqual(['canary', 'prod']);
  });

  test('fails without a stage', () => {
    const chart = Testing.chart();
    new kubefleet.ClusterStagedUpdateStrategy(chart, 'empty');
    expect(() => Testing.synth(chart)).toThrow(/ClusterStagedUpdateStrategy "empty": has no stage/);
  });

  test('fails for stage names the CRD rejects, duplicates and stages without a selector', () => {
    const chart = Testing.chart();
    const s = new kubefleet.ClusterStagedUpdateStrategy(chart, 's');
    expect(() => s.addStage({ name: 'Canary-1', labelSelector: LabelSelector.all() })).toThrow(/stage name "Canary-1" is invalid; use lower-case letters and digits only/);
    s.addStage({ name: 'canary', labelSelector: LabelSelector.all() });
    expect(() => s.addStage({ name: 'canary', labelSelector: LabelSelector.all() })).toThrow(/stage "canary" appears twice/);
    expect(() => s.addStage({ name: 'prod' } as any)).toThrow(/stage "prod" has no labelSelector, so it would select no cluster/);
  });

  test('fails for after-stage tasks the update run rejects', () => {
    const chart = Testing.chart();
    const s = new kubefleet.ClusterStagedUpdateStrategy(chart, 's');
    expect(() => s.addStage({ name: 'a', labelSelector: LabelSelector.all(), afterStageTasks: [StageTask.approval(), StageTask.approval()] })).toThrow(/two Approval afterStageTasks; the update run fails/);
    expect(() => s.addStage({ name: 'b', labelSelector: LabelSelector.all(), afterStageTasks: [StageTask.timedWait(Duration.seconds(0))] })).toThrow(/TimedWait of 0s never waits/);
    expect(() => s.addStage({ name: 'c', labelSelector: LabelSelector.all(), maxConcurrency: PercentOrAbsolute.count(0) })).toThrow(/maxConcurrency 0 must be at least 1/);
  });
});
