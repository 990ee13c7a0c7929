import { Testing } from 'cdk8s';
import { kubefleet, LabelSelector } from '../../lib';
import { find, synth } from '../support/fleet';

describe('kubefleet.ClusterStagedUpdateRun', () => {
  test('renders the placement, the strategy, the snapshot index and the state', () => {
    const chart = Testing.chart();
    const crp = new kubefleet.ClusterResourcePlacement(chart, 'app', { resourceSelectors: [kubefleet.ResourceSelector.namespace('app')], strategy: kubefleet.RolloutStrategy.external() });
    const strategy = new kubefleet.ClusterStagedUpdateStrategy(chart, 'stages', { stages: [{ name: 'all', labelSelector: LabelSelector.all() }] });
    new kubefleet.ClusterStagedUpdateRun(chart, 'app-v2', { placement: crp, strategy, resourceSnapshotIndex: '1', state: kubefleet.UpdateRunState.RUN });
    expect(find(synth(chart), 'ClusterStagedUpdateRun', 'app-v2').spec).toEqual({ placementName: 'app', stagedRolloutStrategyName: 'stages', resourceSnapshotIndex: '1', state: 'Run' });
  });

  test('accepts placements and strategies managed elsewhere', () => {
    const chart = Testing.chart();
    new kubefleet.ClusterStagedUpdateRun(chart, 'r', { placement: kubefleet.ClusterResourcePlacement.fromName('app'), strategy: kubefleet.ClusterStagedUpdateStrategy.fromName('stages') });
    expect(synth(chart)[0].spec).toEqual({ placementName: 'app', stagedRolloutStrategyName: 'stages' });
  });

  test('fails for a placement without the External rollout strategy', () => {
    const chart = Testing.chart();
    const crp = new kubefleet.ClusterResourcePlacement(chart, 'app', { resourceSelectors: [kubefleet.ResourceSelector.namespace('app')] });
    new kubefleet.ClusterStagedUpdateRun(chart, 'r', { placement: crp, strategy: kubefleet.ClusterStagedUpdateStrategy.fromName('stages') });
    expect(() => Testing.synth(chart)).toThrow(/placement "app" does not use an External rollout strategy, so the run fails to initialize/);
  });

  test('fails for long names, unknown states and snapshot indexes that are not numbers', () => {
    const chart = Testing.chart();
    const props = { placement: kubefleet.ClusterResourcePlacement.fromName('app'), strategy: kubefleet.ClusterStagedUpdateStrategy.fromName('s') };
    expect(() => new kubefleet.ClusterStagedUpdateRun(chart, 'x'.repeat(64), props)).toThrow(/the CRD allows at most 63/);
    expect(() => new kubefleet.ClusterStagedUpdateRun(chart, 'a', { ...props, state: 'Pause' as any })).toThrow(/state "Pause" is invalid; allowed: Initialize, Run, Stop/);
    expect(() => new kubefleet.ClusterStagedUpdateRun(chart, 'b', { ...props, resourceSnapshotIndex: 'latest' })).toThrow(/resourceSnapshotIndex "latest" is not a snapshot index/);
  });
});
