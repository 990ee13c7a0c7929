import { Testing } from 'cdk8s';
import { kubefleet, LabelSelector, PercentOrAbsolute } from '../../lib';
import { synth } from '../support/fleet';

const { PlacementPolicy, PropertyRequirement, PropertySorter, ResourceSelector, RolloutStrategy, SelectionScope } = kubefleet;

function crpSpec(props: Partial<kubefleet.ClusterResourcePlacementProps>): any {
  const chart = Testing.chart();
  new kubefleet.ClusterResourcePlacement(chart, 'crp', { resourceSelectors: [ResourceSelector.namespace('app')], ...props });
  return synth(chart)[0].spec;
}

describe('kubefleet values', () => {
  test('resource selectors: a namespace with a scope, by labels, by name and every object of a kind', () => {
    const spec = crpSpec({
      resourceSelectors: [
        ResourceSelector.namespace('app', SelectionScope.NAMESPACE_ONLY),
        ResourceSelector.namespacesByLabels(LabelSelector.matchLabels({ team: 'a' })),
        ResourceSelector.byName('rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'viewer'),
        ResourceSelector.all('apiextensions.k8s.io', 'v1', 'CustomResourceDefinition'),
      ],
    });
    expect(spec.resourceSelectors).toEqual([
      { group: '', version: 'v1', kind: 'Namespace', name: 'app', selectionScope: 'NamespaceOnly' },
      { group: '', version: 'v1', kind: 'Namespace', labelSelector: { matchLabels: { team: 'a' } } },
      { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRole', name: 'viewer' },
      { group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition' },
    ]);
  });

  test('PickAll with required terms (label and property parts) and tolerations', () => {
    const spec = crpSpec({
      policy: PlacementPolicy.pickAll({
        requiredClusterAffinity: [
          { labelSelector: LabelSelector.matchLabels({ env: 'prod' }), propertySelector: [PropertyRequirement.ge('kubernetes-fleet.io/node-count', '3'), PropertyRequirement.gt('resources.kubernetes-fleet.io/available-memory', '4Gi')] },
          { labelSelector: LabelSelector.in('region', 'west') },
        ],
        tolerations: [{ key: 'gpu', value: 'true' }, { operator: kubefleet.TolerationOperator.EXISTS }],
      }),
    });
    expect(spec.policy).toEqual({
      placementType: 'PickAll',
      affinity: {
        clusterAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            clusterSelectorTerms: [
              {
                labelSelector: { matchLabels: { env: 'prod' } },
                propertySelector: { matchExpressions: [{ name: 'kubernetes-fleet.io/node-count', operator: 'Ge', values: ['3'] }, { name: 'resources.kubernetes-fleet.io/available-memory', operator: 'Gt', values: ['4Gi'] }] },
              },
              { labelSelector: { matchExpressions: [{ key: 'region', operator: 'In', values: ['west'] }] } },
            ],
          },
        },
      },
      tolerations: [{ key: 'gpu', operator: 'Equal', value: 'true' }, { operator: 'Exists' }],
    });
  });

  test('PickN with preferred terms (label weight and property sorter) and topology spread', () => {
    const spec = crpSpec({
      policy: PlacementPolicy.pickN(3, {
        preferredClusterAffinity: [{ weight: 20, labelSelector: LabelSelector.matchLabels({ region: 'east' }) }, { weight: 100, propertySorter: PropertySorter.ascending('kubernetes-fleet.io/node-count') }],
        topologySpreadConstraints: [{ topologyKey: 'region', maxSkew: 2, whenUnsatisfiable: kubefleet.WhenUnsatisfiable.SCHEDULE_ANYWAY }],
      }),
    });
    expect(spec.policy).toEqual({
      placementType: 'PickN',
      numberOfClusters: 3,
      affinity: {
        clusterAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 20, preference: { labelSelector: { matchLabels: { region: 'east' } } } },
            { weight: 100, preference: { propertySorter: { name: 'kubernetes-fleet.io/node-count', sortOrder: 'Ascending' } } },
          ],
        },
      },
      topologySpreadConstraints: [{ topologyKey: 'region', maxSkew: 2, whenUnsatisfiable: 'ScheduleAnyway' }],
    });
  });

  test('PickFixed lists the cluster names; rollout strategies render rolling update options or External', () => {
    expect(crpSpec({ policy: PlacementPolicy.pickFixed('member-1', 'member-2') }).policy).toEqual({ placementType: 'PickFixed', clusterNames: ['member-1', 'member-2'] });
    expect(crpSpec({ strategy: RolloutStrategy.rollingUpdate({ maxUnavailable: PercentOrAbsolute.count(1), maxSurge: PercentOrAbsolute.percent(50), unavailablePeriodSeconds: 30 }) }).strategy)
      .toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: '50%', unavailablePeriodSeconds: 30 } });
    expect(crpSpec({ strategy: RolloutStrategy.external() }).strategy).toEqual({ type: 'External' });
  });

  test('fails for an empty-key toleration that is not Exists and for Exists with a value (CRD rules)', () => {
    expect(() => crpSpec({ policy: PlacementPolicy.pickAll({ tolerations: [{ value: 'x' }] }) })).toThrow(/toleration with an empty key needs operator Exists, got Equal \(the CRD rejects it\)/);
    expect(() => crpSpec({ policy: PlacementPolicy.pickAll({ tolerations: [{ key: 'k', operator: kubefleet.TolerationOperator.EXISTS, value: 'v' }] }) })).toThrow(/value must be empty when the operator is Exists/);
    expect(() => crpSpec({ policy: PlacementPolicy.pickAll({ tolerations: [{ key: 'k', value: 'v' }, { key: 'k', value: 'v' }] }) })).toThrow(/appears twice; tolerations must be unique/);
  });

  test('fails for property requirements the webhook rejects', () => {
    expect(() => crpSpec({ policy: PlacementPolicy.pickAll({ requiredClusterAffinity: [{ propertySelector: [PropertyRequirement.ge('kubernetes-fleet.io/node-count', 'three')] }] }) }))
      .toThrow(/"three": the value is not a Kubernetes quantity/);
    expect(() => crpSpec({ policy: PlacementPolicy.pickAll({ requiredClusterAffinity: [{ propertySelector: [PropertyRequirement.ge('resources.kubernetes-fleet.io/used-cpu', '1')] }] }) }))
      .toThrow(/has capacity type "used"; allowed: total, allocatable, available/);
    expect(() => crpSpec({ policy: PlacementPolicy.pickAll({ requiredClusterAffinity: [{ propertySelector: [PropertyRequirement.gt('kubernetes-fleet.io/node-count', '5'), PropertyRequirement.lt('kubernetes-fleet.io/node-count', '3')] }] }) }))
      .toThrow(/inconsistent requirements on property kubernetes-fleet.io\/node-count: lower bound \(5\) and upper bound \(3\) exclude all values/);
    expect(() => crpSpec({ policy: PlacementPolicy.pickAll({ requiredClusterAffinity: [{ propertySelector: [PropertyRequirement.eq('kubernetes-fleet.io/node-count', '4'), PropertyRequirement.ne('kubernetes-fleet.io/node-count', '4000m')] }] }) }))
      .toThrow(/conflicting Eq and Ne on the same value 4/);
  });

  test('fails for a resource property the scheduler cannot read', () => {
    expect(() => crpSpec({ policy: PlacementPolicy.pickAll({ requiredClusterAffinity: [{ propertySelector: [PropertyRequirement.ge('resources.kubernetes-fleet.io/allocatable-ephemeral-storage', '1Gi')] }] }) }))
      .toThrow(/is a resource property the scheduler cannot read/);
  });

  test('fails for preferred affinity or topology spread outside PickN, and for out-of-range weights', () => {
    expect(() => crpSpec({ policy: PlacementPolicy.pickAll({ ...({ preferredClusterAffinity: [{ weight: 1 }] } as any) }) })).toThrow(/preferred cluster affinity is only for PickN; the KubeFleet webhook rejects it for PickAll/);
    expect(() => crpSpec({ policy: PlacementPolicy.pickAll({ ...({ topologySpreadConstraints: [{ topologyKey: 'region' }] } as any) }) })).toThrow(/topology spread constraints are only for PickN/);
    expect(() => crpSpec({ policy: PlacementPolicy.pickN(1, { preferredClusterAffinity: [{ weight: 101 }] }) })).toThrow(/weight 101; a weight is a whole number from -100 to 100/);
  });

  test('fails for PickFixed without names or with a duplicate, and for a negative PickN count', () => {
    expect(() => crpSpec({ policy: PlacementPolicy.pickFixed() })).toThrow(/PickFixed needs at least one cluster name/);
    expect(() => crpSpec({ policy: PlacementPolicy.pickFixed('a', 'a') })).toThrow(/PickFixed lists a twice/);
    expect(() => crpSpec({ policy: PlacementPolicy.pickN(-1) })).toThrow(/PickN numberOfClusters -1 is invalid/);
  });
});
