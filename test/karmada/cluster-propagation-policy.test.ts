import { Testing } from 'cdk8s';
import { karmada } from '../../lib';
import { find, synth } from '../support/fleet';

describe('karmada.ClusterPropagationPolicy', () => {
  test('renders a cluster-scoped policy that selects templates in any namespace', () => {
    const chart = Testing.chart();
    new karmada.ClusterPropagationPolicy(chart, 'namespaces', {
      resourceSelectors: [karmada.ResourceSelector.all('v1', 'Namespace'), karmada.ResourceSelector.byName('apps/v1', 'Deployment', 'web', 'apps')],
      replicaScheduling: karmada.ReplicaScheduling.duplicated(),
    });
    const p = find(synth(chart), 'ClusterPropagationPolicy', 'namespaces');
    expect(p.metadata).toEqual({ name: 'namespaces' });
    expect(p.spec).toEqual({
      resourceSelectors: [{ apiVersion: 'v1', kind: 'Namespace' }, { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'apps', name: 'web' }],
      placement: { replicaScheduling: { replicaSchedulingType: 'Duplicated' } },
    });
    expect(karmada.ClusterPropagationPolicy.fromName('x')).toEqual({ name: 'x' });
  });

  test('fails without a resource selector', () => {
    const chart = Testing.chart();
    new karmada.ClusterPropagationPolicy(chart, 'empty');
    expect(() => Testing.synth(chart)).toThrow(/ClusterPropagationPolicy "empty": has no resource selector/);
  });
});
