import { Testing } from 'cdk8s';
import { karmada, LabelSelector } from '../../lib';
import { find, synth } from '../support/fleet';

const { ResourceSelector, ReplicaScheduling, SpreadConstraint, SpreadField } = karmada;

describe('karmada.PropagationPolicy', () => {
  test('renders resource selectors, placement and policy options, and validates against the CRD', () => {
    const chart = Testing.chart();
    new karmada.PropagationPolicy(chart, 'web', {
      namespace: 'apps',
      resourceSelectors: [ResourceSelector.byName('apps/v1', 'Deployment', 'web')],
      clusterAffinity: { labelSelector: LabelSelector.matchLabels({ env: 'prod' }) },
      clusterTolerations: [{ key: 'maintenance', operator: karmada.TolerationOperator.EXISTS, effect: karmada.TaintEffect.NO_EXECUTE, tolerationSeconds: 60 }],
      replicaScheduling: ReplicaScheduling.divided({ targetCluster: { labelSelector: LabelSelector.matchLabels({ size: 'large' }) }, weight: 2 }),
      priority: 10,
      propagateDeps: true,
      conflictResolution: karmada.ConflictResolution.OVERWRITE,
    });
    const p = find(synth(chart), 'PropagationPolicy', 'web', 'apps');
    expect(p.apiVersion).toBe('policy.karmada.io/v1alpha1');
    expect(p.spec).toEqual({
      resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }],
      placement: {
        clusterAffinity: { labelSelector: { matchLabels: { env: 'prod' } } },
        clusterTolerations: [{ key: 'maintenance', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }],
        replicaScheduling: {
          replicaSchedulingType: 'Divided',
          replicaDivisionPreference: 'Weighted',
          weightPreference: { staticWeightList: [{ targetCluster: { labelSelector: { matchLabels: { size: 'large' } } }, weight: 2 }] },
        },
      },
      priority: 10,
      propagateDeps: true,
      conflictResolution: 'Overwrite',
    });
  });

  test('selectors, affinity groups, tolerations and spread constraints added after construction are rendered (lazy spec)', () => {
    const chart = Testing.chart();
    const pp = new karmada.PropagationPolicy(chart, 'web', { namespace: 'apps' });
    pp.addResourceSelector(ResourceSelector.all('v1', 'ConfigMap'));
    pp.addClusterAffinityTerm({ affinityName: 'primary', clusterNames: ['a'] });
    pp.addClusterAffinityTerm({ affinityName: 'backup', clusterNames: ['b'] });
    pp.addClusterToleration({ key: 'gpu', value: 'true' });
    pp.addSpreadConstraint(SpreadConstraint.byField(SpreadField.CLUSTER, { maxGroups: 1 }));
    const spec = synth(chart)[0].spec;
    expect(spec.resourceSelectors).toEqual([{ apiVersion: 'v1', kind: 'ConfigMap' }]);
    expect(spec.placement).toEqual({
      clusterAffinities: [{ affinityName: 'primary', clusterNames: ['a'] }, { affinityName: 'backup', clusterNames: ['b'] }],
      clusterTolerations: [{ key: 'gpu', operator: 'Equal', value: 'true' }],
      spreadConstraints: [{ spreadByField: 'cluster', maxGroups: 1 }],
    });
  });

  test('allIn lists the policies of the app; fromName references one managed elsewhere', () => {
    const chart = Testing.chart();
    const pp = new karmada.PropagationPolicy(chart, 'web', { namespace: 'apps', resourceSelectors: [ResourceSelector.all('v1', 'Service')] });
    expect(karmada.PropagationPolicy.allIn(chart)).toEqual([pp]);
    expect(karmada.PropagationPolicy.fromName('apps', 'other')).toEqual({ namespace: 'apps', name: 'other' });
  });

  test('fails without a resource selector (the CRD requires one)', () => {
    const chart = Testing.chart();
    new karmada.PropagationPolicy(chart, 'web', { namespace: 'apps' });
    expect(() => Testing.synth(chart)).toThrow(/PropagationPolicy "apps\/web": has no resource selector; Karmada requires at least one/);
  });

  test('fails for clusterAffinity together with clusterAffinities', () => {
    const chart = Testing.chart();
    expect(() => new karmada.PropagationPolicy(chart, 'web', { namespace: 'apps', clusterAffinity: {}, clusterAffinities: [{ affinityName: 'a' }] }))
      .toThrow(/sets both clusterAffinity and clusterAffinities; Karmada rejects it/);
  });

  test('fails for duplicate or invalid clusterAffinities names', () => {
    const chart = Testing.chart();
    const pp = new karmada.PropagationPolicy(chart, 'web', { namespace: 'apps', clusterAffinities: [{ affinityName: 'primary' }] });
    expect(() => pp.addClusterAffinityTerm({ affinityName: 'primary' })).toThrow(/clusterAffinities name "primary" is used twice/);
    expect(() => pp.addClusterAffinityTerm({ affinityName: 'not a key' })).toThrow(/clusterAffinities name "not a key" is invalid/);
  });

  test('fails for a region spread constraint without a cluster one, and for two by the same field', () => {
    const chart = Testing.chart();
    const pp = new karmada.PropagationPolicy(chart, 'web', { namespace: 'apps', resourceSelectors: [ResourceSelector.all('v1', 'Service')] });
    pp.addSpreadConstraint(SpreadConstraint.byField(SpreadField.REGION, { maxGroups: 2 }));
    expect(() => pp.addSpreadConstraint(SpreadConstraint.byField(SpreadField.REGION, { maxGroups: 1 }))).toThrow(/has two spread constraints by region/);
    expect(() => Testing.synth(chart)).toThrow(/spread constraints by region need one by cluster too; Karmada rejects them without it/);
  });

  test('fails for preemption Always with an unnamed resource selector', () => {
    const chart = Testing.chart();
    new karmada.PropagationPolicy(chart, 'web', { namespace: 'apps', preemption: karmada.Preemption.ALWAYS, resourceSelectors: [ResourceSelector.all('v1', 'Service')] });
    expect(() => Testing.synth(chart)).toThrow(/preemption Always needs a name in every resource selector .*unnamed: Service/);
  });

  test('fails for a missing namespace and an invalid name', () => {
    const chart = Testing.chart();
    expect(() => new karmada.PropagationPolicy(chart, 'web', {} as any)).toThrow(/PropagationPolicy "web": needs props with a namespace/);
    expect(() => new karmada.PropagationPolicy(chart, 'Web', { namespace: 'apps' })).toThrow(/name "Web" is not a valid DNS-1123 subdomain/);
  });
});
