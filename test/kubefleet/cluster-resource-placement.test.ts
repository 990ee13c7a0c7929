import { Testing } from 'cdk8s';
import { kubefleet, LabelSelector } from '../../lib';
import { find, synth } from '../support/fleet';

const { PlacementPolicy, ResourceSelector, SelectionScope } = kubefleet;

describe('kubefleet.ClusterResourcePlacement', () => {
  test('renders selectors, policy, strategy and revisionHistoryLimit; no policy means PickAll', () => {
    const chart = Testing.chart();
    new kubefleet.ClusterResourcePlacement(chart, 'app', {
      resourceSelectors: [ResourceSelector.namespace('app')],
      policy: PlacementPolicy.pickN(2, { requiredClusterAffinity: [{ labelSelector: LabelSelector.matchLabels({ env: 'prod' }) }] }),
      strategy: kubefleet.RolloutStrategy.external(),
      revisionHistoryLimit: 5,
    });
    new kubefleet.ClusterResourcePlacement(chart, 'crds', { resourceSelectors: [ResourceSelector.byName('apiextensions.k8s.io', 'v1', 'CustomResourceDefinition', 'widgets.example.com')] });
    const objects = synth(chart);
    const app = find(objects, 'ClusterResourcePlacement', 'app');
    expect(app.apiVersion).toBe('placement.kubernetes-fleet.io/v1');
    expect(app.spec).toEqual({
      resourceSelectors: [{ group: '', version: 'v1', kind: 'Namespace', name: 'app' }],
      policy: {
        placementType: 'PickN',
        numberOfClusters: 2,
        affinity: { clusterAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { clusterSelectorTerms: [{ labelSelector: { matchLabels: { env: 'prod' } } }] } } },
      },
      strategy: { type: 'External' },
      revisionHistoryLimit: 5,
    });
    expect(find(objects, 'ClusterResourcePlacement', 'crds').spec).toEqual({ resourceSelectors: [{ group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition', name: 'widgets.example.com' }] });
  });

  test('selectors added later are rendered (lazy spec)', () => {
    const chart = Testing.chart();
    const crp = new kubefleet.ClusterResourcePlacement(chart, 'app');
    crp.addResourceSelector(ResourceSelector.namespace('app', SelectionScope.NAMESPACE_WITH_RESOURCE_SELECTORS));
    crp.addResourceSelector(ResourceSelector.byName('apps', 'v1', 'Deployment', 'web'));
    expect(synth(chart)[0].spec.resourceSelectors).toHaveLength(2);
  });

  test('fails without a resource selector', () => {
    const chart = Testing.chart();
    new kubefleet.ClusterResourcePlacement(chart, 'app');
    expect(() => Testing.synth(chart)).toThrow(/ClusterResourcePlacement "app": has no resource selector; the CRD requires at least one/);
  });

  test('fails for a namespaced kind without a NamespaceWithResourceSelectors namespace selector', () => {
    const chart = Testing.chart();
    new kubefleet.ClusterResourcePlacement(chart, 'app', { resourceSelectors: [ResourceSelector.byName('apps', 'v1', 'Deployment', 'web')] });
    expect(() => Testing.synth(chart)).toThrow(/selects namespaced Deployment; the KubeFleet webhook rejects it/);
  });

  test('fails for NamespaceWithResourceSelectors next to another namespace selector or by labels (CRD rules)', () => {
    const chart = Testing.chart();
    new kubefleet.ClusterResourcePlacement(chart, 'a', { resourceSelectors: [ResourceSelector.namespace('x', SelectionScope.NAMESPACE_WITH_RESOURCE_SELECTORS), ResourceSelector.namespace('y')] });
    expect(() => Testing.synth(chart)).toThrow(/NamespaceWithResourceSelectors must be the only Namespace selector/);
    const chart2 = Testing.chart();
    new kubefleet.ClusterResourcePlacement(chart2, 'b', { resourceSelectors: [ResourceSelector.namespacesByLabels(LabelSelector.matchLabels({ a: 'b' }), SelectionScope.NAMESPACE_WITH_RESOURCE_SELECTORS)] });
    expect(() => Testing.synth(chart2)).toThrow(/must select by name, not by labels/);
  });

  test('fails for names longer than 63, out-of-range history limits and raw JSON policies', () => {
    const chart = Testing.chart();
    expect(() => new kubefleet.ClusterResourcePlacement(chart, 'x'.repeat(64))).toThrow(/the KubeFleet webhook allows at most 63/);
    expect(() => new kubefleet.ClusterResourcePlacement(chart, 'a', { revisionHistoryLimit: 0 })).toThrow(/revisionHistoryLimit 0 is out of range/);
    expect(() => new kubefleet.ClusterResourcePlacement(chart, 'b', { policy: { placementType: 'PickAll' } as any })).toThrow(/policy is a plain object .*; use PlacementPolicy.pickAll\(\)/);
  });
});
