import { Testing } from 'cdk8s';
import { karmada } from '../../lib';
import { planKarmada } from '../../lib/plan/karmada';

describe('karmada.Cluster (modelled, not emitted)', () => {
  test('emits no object; the plan object carries labels, provider, region, zones and taints', () => {
    const chart = Testing.chart();
    const c = new karmada.Cluster(chart, 'member1', {
      labels: { env: 'prod' },
      provider: 'aws',
      region: 'eu-west-1',
      zones: ['eu-west-1a', 'eu-west-1b'],
      taints: [{ key: 'maintenance', value: 'true', effect: karmada.TaintEffect.NO_SCHEDULE }],
    });
    expect(Testing.synth(chart)).toEqual([]);
    expect(c.toPlanObject()).toEqual({
      apiVersion: 'cluster.karmada.io/v1alpha1',
      kind: 'Cluster',
      metadata: { name: 'member1', labels: { env: 'prod' } },
      spec: { syncMode: 'Push', provider: 'aws', region: 'eu-west-1', zones: ['eu-west-1a', 'eu-west-1b'], taints: [{ key: 'maintenance', value: 'true', effect: 'NoSchedule' }] },
    });
    expect(karmada.Cluster.allIn(chart)).toEqual([c]);
  });

  test('registration commands: karmadactl join (Push) or register (Pull), then label and taint', () => {
    const chart = Testing.chart();
    const push = new karmada.Cluster(chart, 'member1', { labels: { env: 'prod', tier: 'a' }, region: 'eu', zones: ['a', 'b'], taints: [{ key: 'gpu', effect: karmada.TaintEffect.NO_SCHEDULE }] });
    expect(push.registrationCommands({ clusterKubeconfig: '~/.kube/member1', clusterContext: 'member1' })).toEqual([
      'karmadactl join member1 --cluster-kubeconfig=~/.kube/member1 --cluster-context=member1 --cluster-region=eu --cluster-zones=a,b',
      'karmadactl label clusters member1 --overwrite env=prod tier=a',
      'karmadactl taint clusters member1 gpu:NoSchedule --overwrite',
    ]);
    const pull = new karmada.Cluster(chart, 'edge1', { syncMode: karmada.ClusterSyncMode.PULL, provider: 'onprem' });
    expect(pull.registrationCommands({ karmadaApiServer: 'https://karmada.example:5443' })).toEqual([
      'karmadactl register https://karmada.example:5443 --token=<token> --discovery-token-ca-cert-hash=<hash> --cluster-name=edge1 --cluster-provider=onprem',
    ]);
  });

  test('the plan object feeds the Karmada simulator', () => {
    const chart = Testing.chart();
    const a = new karmada.Cluster(chart, 'a', { labels: { env: 'prod' } });
    const b = new karmada.Cluster(chart, 'b', { labels: { env: 'dev' } });
    const policy = { apiVersion: 'policy.karmada.io/v1alpha1', kind: 'ClusterPropagationPolicy', metadata: { name: 'p' }, spec: { resourceSelectors: [{ apiVersion: 'v1', kind: 'Namespace' }], placement: { clusterAffinity: { labelSelector: { matchLabels: { env: 'prod' } } } } } };
    const plan = planKarmada([a.toPlanObject(), b.toPlanObject(), policy]);
    expect(plan.policies[0].schedule.selected).toEqual([{ cluster: 'a' }]);
    expect(plan.policies[0].schedule.notSelected).toEqual({ b: 'clusterAffinity.labelSelector: label env=dev does not match env=prod' });
  });

  test('fails for names longer than 48 characters or not DNS labels', () => {
    const chart = Testing.chart();
    expect(() => new karmada.Cluster(chart, 'x'.repeat(49))).toThrow(/must be at most 48 characters \(Karmada derives the execution namespace karmada-es-<name> from it\)/);
    expect(() => karmada.Cluster.fromName('Member_1')).toThrow(/Cluster "Member_1": name "Member_1" is invalid/);
  });

  test('fails for region, zones and taints Karmada rejects', () => {
    const chart = Testing.chart();
    expect(() => new karmada.Cluster(chart, 'a', { region: 'eu west' })).toThrow(/region "eu west" is invalid \(Karmada validates it as a label value\)/);
    expect(() => new karmada.Cluster(chart, 'b', { zones: [''] })).toThrow(/zone "" is invalid/);
    expect(() => new karmada.Cluster(chart, 'c', { taints: [{ key: 'k', effect: 'PreferNoSchedule' as any }] })).toThrow(/a Cluster taint is NoSchedule or NoExecute/);
    expect(() => new karmada.Cluster(chart, 'd', { taints: [{ key: 'k', effect: karmada.TaintEffect.NO_SCHEDULE }, { key: 'k', value: 'v', effect: karmada.TaintEffect.NO_SCHEDULE }] }))
      .toThrow(/taint k:NoSchedule appears twice; Karmada requires taints unique by key and effect/);
  });
});
