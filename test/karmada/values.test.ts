import { Testing } from 'cdk8s';
import { karmada, LabelSelector } from '../../lib';
import { synth } from '../support/fleet';

const { ClusterField, FieldSelectorRequirement, ReplicaScheduling, ResourceSelector, SpreadConstraint, SpreadField } = karmada;

function policyWith(props: Partial<karmada.PropagationPolicyProps>): any {
  const chart = Testing.chart();
  new karmada.PropagationPolicy(chart, 'p', { namespace: 'apps', resourceSelectors: [ResourceSelector.byName('apps/v1', 'Deployment', 'web')], ...props });
  return synth(chart)[0].spec;
}

describe('karmada values', () => {
  test('resource selectors render by name, by labels and for every object of a kind', () => {
    const spec = policyWith({
      resourceSelectors: [
        ResourceSelector.byName('apps/v1', 'Deployment', 'web', 'apps'),
        ResourceSelector.byLabels('v1', 'ConfigMap', LabelSelector.matchLabels({ app: 'web' })),
        ResourceSelector.all('v1', 'Service'),
      ],
    });
    expect(spec.resourceSelectors).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'apps', name: 'web' },
      { apiVersion: 'v1', kind: 'ConfigMap', labelSelector: { matchLabels: { app: 'web' } } },
      { apiVersion: 'v1', kind: 'Service' },
    ]);
  });

  test('a cluster affinity renders labelSelector, fieldSelector, clusterNames and exclude; empty parts are omitted', () => {
    const spec = policyWith({
      clusterAffinity: {
        labelSelector: LabelSelector.in('env', 'prod'),
        fieldSelector: [FieldSelectorRequirement.in(ClusterField.REGION, 'eu-west-1'), FieldSelectorRequirement.notIn(ClusterField.ZONE, 'eu-west-1c')],
        clusterNames: ['a', 'b'],
        exclude: ['b'],
      },
    });
    expect(spec.placement.clusterAffinity).toEqual({
      labelSelector: { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] },
      fieldSelector: { matchExpressions: [{ key: 'region', operator: 'In', values: ['eu-west-1'] }, { key: 'zone', operator: 'NotIn', values: ['eu-west-1c'] }] },
      clusterNames: ['a', 'b'],
      exclude: ['b'],
    });
    expect(policyWith({ clusterAffinity: {} }).placement).toEqual({ clusterAffinity: {} });
  });

  test('replica scheduling: duplicated, divided by static weights, equal weights, dynamic and aggregated', () => {
    expect(policyWith({ replicaScheduling: ReplicaScheduling.duplicated() }).placement.replicaScheduling).toEqual({ replicaSchedulingType: 'Duplicated' });
    expect(policyWith({ replicaScheduling: ReplicaScheduling.divided({ targetCluster: { clusterNames: ['a'] }, weight: 3 }) }).placement.replicaScheduling).toEqual({
      replicaSchedulingType: 'Divided',
      replicaDivisionPreference: 'Weighted',
      weightPreference: { staticWeightList: [{ targetCluster: { clusterNames: ['a'] }, weight: 3 }] },
    });
    expect(policyWith({ replicaScheduling: ReplicaScheduling.divided() }).placement.replicaScheduling).toEqual({ replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted' });
    expect(policyWith({ replicaScheduling: ReplicaScheduling.dividedByAvailableReplicas() }).placement.replicaScheduling.weightPreference).toEqual({ dynamicWeight: 'AvailableReplicas' });
    expect(policyWith({ replicaScheduling: ReplicaScheduling.aggregated() }).placement.replicaScheduling).toEqual({ replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' });
  });

  test('spread constraints render spreadByField with max and min groups', () => {
    const spec = policyWith({ spreadConstraints: [SpreadConstraint.byField(SpreadField.CLUSTER, { maxGroups: 3, minGroups: 2 }), SpreadConstraint.byField(SpreadField.REGION, { maxGroups: 2 })] });
    expect(spec.placement.spreadConstraints).toEqual([{ spreadByField: 'cluster', maxGroups: 3, minGroups: 2 }, { spreadByField: 'region', maxGroups: 2 }]);
  });

  test('fails for a field requirement without values or with a value that is not a label value', () => {
    expect(() => policyWith({ clusterAffinity: { fieldSelector: [FieldSelectorRequirement.in(ClusterField.REGION)] } })).toThrow(/clusterAffinity.fieldSelector region In has no values/);
    expect(() => policyWith({ clusterAffinity: { fieldSelector: [FieldSelectorRequirement.in(ClusterField.PROVIDER, 'a b')] } })).toThrow(/provider value "a b" is not a valid label value, so it never matches a cluster/);
    expect(() => policyWith({ clusterAffinity: { fieldSelector: [FieldSelectorRequirement.in('metadata.name' as any, 'x')] } })).toThrow(/field "metadata.name" is not one Karmada supports; allowed: provider, region, zone/);
  });

  test('fails for raw JSON where a value class is expected', () => {
    expect(() => policyWith({ clusterAffinity: { fieldSelector: [{ key: 'region', operator: 'In', values: ['x'] } as any] } })).toThrow(/fieldSelector\[0\] is a plain object .* not a FieldSelectorRequirement/);
    expect(() => policyWith({ clusterAffinity: { labelSelector: { matchLabels: { a: 'b' } } as any } })).toThrow(/clusterAffinity.labelSelector is a plain object/);
  });

  test('fails for an affinity whose every clusterName is excluded', () => {
    expect(() => policyWith({ clusterAffinity: { clusterNames: ['a'], exclude: ['a'] } })).toThrow(/lists a in both clusterNames and exclude; exclude wins, so it targets no cluster/);
  });

  test('fails for static weights below 1', () => {
    expect(() => policyWith({ replicaScheduling: ReplicaScheduling.divided({ targetCluster: { clusterNames: ['a'] }, weight: 0 }) })).toThrow(/static weight 0 is 0; a weight is a whole number >= 1/);
  });

  test('fails for a cluster spread constraint without maxGroups (the scheduler would select nothing)', () => {
    expect(() => policyWith({ spreadConstraints: [SpreadConstraint.byField(SpreadField.CLUSTER)] })).toThrow(/spread constraint by cluster needs maxGroups >= 1/);
  });

  test('fails for maxGroups below minGroups', () => {
    expect(() => policyWith({ spreadConstraints: [SpreadConstraint.byField(SpreadField.CLUSTER, { maxGroups: 1, minGroups: 2 })] })).toThrow(/maxGroups 1 lower than minGroups 2/);
  });

  test('fails for a resource selector in another namespace than the namespaced policy', () => {
    expect(() => policyWith({ resourceSelectors: [ResourceSelector.byName('apps/v1', 'Deployment', 'web', 'other')] })).toThrow(/resource selector Deployment has namespace "other", but the policy is in "apps"; Karmada rejects it/);
  });

  test('fails for toleration operators Karmada rejects and effects a Cluster taint never has', () => {
    expect(() => policyWith({ clusterTolerations: [{ key: 'k', operator: 'Lt' as any }] })).toThrow(/has operator "Lt"; allowed: Equal, Exists \(Karmada rejects Lt and Gt\)/);
    expect(() => policyWith({ clusterTolerations: [{ key: 'k', effect: 'PreferNoSchedule' as any }] })).toThrow(/effect "PreferNoSchedule"; allowed: NoSchedule, NoExecute/);
  });
});
