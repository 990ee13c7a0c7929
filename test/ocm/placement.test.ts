import { App, Testing } from 'cdk8s';
import { Hub, LabelSelector, PercentOrAbsolute, ocm } from '../../lib';
import { find, newHub, synth } from '../support/fleet';

function boundHub(): { app: App; hub: Hub; prod: ocm.ManagedClusterSet } {
  const { app, hub } = newHub();
  const prod = hub.addClusterSet('production');
  hub.bind(prod, 'apps');
  return { app, hub, prod };
}

describe('Placement', () => {
  test('renders predicates (OR across, AND within), sets, count, tolerations, prioritizers and groups', () => {
    const { hub, prod } = boundHub();
    hub.addPlacement('web', {
      namespace: 'apps',
      clusterSets: [prod],
      predicates: [
        {
          labelSelector: LabelSelector.in('env', 'production'),
          claimSelector: LabelSelector.in('region.open-cluster-management.io', 'eu-central'),
          celExpressions: ['managedCluster.metadata.labels["tier"] == "gold"'],
        },
        { labelSelector: LabelSelector.matchLabels({ canary: 'true' }) },
      ],
      numberOfClusters: 3,
      tolerations: [
        { key: ocm.ClusterTaints.UNREACHABLE, operator: ocm.TolerationOperator.EXISTS, tolerationSeconds: 300 },
        { key: 'gpu', value: 'true', effect: ocm.TaintEffect.NO_SELECT_IF_NEW },
      ],
      prioritizerPolicy: ocm.PrioritizerPolicy.exact(
        ocm.Prioritizer.builtIn(ocm.BuiltInPrioritizer.RESOURCE_ALLOCATABLE_MEMORY, 2),
        ocm.Prioritizer.addOn('resource-usage', 'cpuAvailable', -1),
      ),
      decisionStrategy: {
        groups: [{ name: 'canary', labelSelector: LabelSelector.matchLabels({ canary: 'true' }) }],
        clustersPerDecisionGroup: PercentOrAbsolute.percent(25),
      },
    });
    const p = find(synth(hub), 'Placement', 'web', 'apps');
    expect(p.apiVersion).toBe('cluster.open-cluster-management.io/v1beta1');
    expect(p.spec).toEqual({
      clusterSets: ['production'],
      numberOfClusters: 3,
      predicates: [
        {
          requiredClusterSelector: {
            labelSelector: { matchExpressions: [{ key: 'env', operator: 'In', values: ['production'] }] },
            claimSelector: { matchExpressions: [{ key: 'region.open-cluster-management.io', operator: 'In', values: ['eu-central'] }] },
            celSelector: { celExpressions: ['managedCluster.metadata.labels["tier"] == "gold"'] },
          },
        },
        { requiredClusterSelector: { labelSelector: { matchLabels: { canary: 'true' } } } },
      ],
      tolerations: [
        { key: 'cluster.open-cluster-management.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
        { key: 'gpu', operator: 'Equal', value: 'true', effect: 'NoSelectIfNew' },
      ],
      prioritizerPolicy: {
        mode: 'Exact',
        configurations: [
          { scoreCoordinate: { type: 'BuiltIn', builtIn: 'ResourceAllocatableMemory' }, weight: 2 },
          { scoreCoordinate: { type: 'AddOn', addOn: { resourceName: 'resource-usage', scoreName: 'cpuAvailable' } }, weight: -1 },
        ],
      },
      decisionStrategy: {
        groupStrategy: {
          decisionGroups: [{ groupName: 'canary', groupClusterSelector: { labelSelector: { matchLabels: { canary: 'true' } } } }],
          clustersPerDecisionGroup: '25%',
        },
      },
    });
  });

  test('an empty placement renders an empty spec (every cluster of the bound sets)', () => {
    const { hub } = boundHub();
    hub.addPlacement('everything', { namespace: 'apps' });
    expect(find(synth(hub), 'Placement', 'everything', 'apps').spec).toEqual({});
  });

  test('predicates added later are rendered (lazy spec)', () => {
    const { hub } = boundHub();
    const p = hub.addPlacement('late', { namespace: 'apps' });
    p.addPredicate({ labelSelector: LabelSelector.exists('gpu') });
    expect(find(synth(hub), 'Placement', 'late', 'apps').spec.predicates).toHaveLength(1);
  });

  test('fails when the namespace has no ManagedClusterSetBinding', () => {
    const { hub } = boundHub();
    hub.addPlacement('web', { namespace: 'ops' });
    expect(() => Testing.synth(hub)).toThrow(/Placement "ops\/web": namespace "ops" has no ManagedClusterSetBinding in this app, so the hub would select no cluster/);
  });

  test('fails when clusterSets name a set not bound to the namespace', () => {
    const { hub } = boundHub();
    const staging = hub.addClusterSet('staging');
    hub.addPlacement('web', { namespace: 'apps', clusterSets: [staging] });
    expect(() => Testing.synth(hub)).toThrow(/clusterSets "staging" not bound to namespace "apps" \(bound: production\)/);
  });

  test('fails for a toleration with an empty key and operator Equal', () => {
    const { hub } = boundHub();
    expect(() => hub.addPlacement('web', { namespace: 'apps', tolerations: [{ value: 'x' }] }))
      .toThrow(/Placement "apps\/web": toleration with empty key needs operator Exists, got Equal/);
  });

  test('fails for a toleration with operator Exists and a value', () => {
    const { hub } = boundHub();
    expect(() => hub.addPlacement('web', { namespace: 'apps', tolerations: [{ key: 'k', operator: ocm.TolerationOperator.EXISTS, value: 'v' }] }))
      .toThrow(/operator Exists with value "v"; Exists must have an empty value/);
  });

  test('fails for the Spread builtIn prioritizer, which the scheduler rejects', () => {
    const { hub } = boundHub();
    expect(() => hub.addPlacement('web', { namespace: 'apps', prioritizerPolicy: ocm.PrioritizerPolicy.additive(ocm.Prioritizer.builtIn('Spread' as any)) }))
      .toThrow(/builtIn prioritizer "Spread" is not one the OCM scheduler accepts \(the API documents Spread, but the scheduler rejects it.*allowed: Balance, Steady, ResourceAllocatableCPU, ResourceAllocatableMemory/);
  });

  test('fails for any other unknown builtIn prioritizer and out-of-range weights', () => {
    const { hub } = boundHub();
    expect(() => hub.addPlacement('a', { namespace: 'apps', prioritizerPolicy: ocm.PrioritizerPolicy.additive(ocm.Prioritizer.builtIn('Latency' as any)) })).toThrow(/"Latency" is not one the OCM scheduler accepts/);
    expect(() => hub.addPlacement('b', { namespace: 'apps', prioritizerPolicy: ocm.PrioritizerPolicy.additive(ocm.Prioritizer.builtIn(ocm.BuiltInPrioritizer.BALANCE, 11)) })).toThrow(/weight 11 is out of range; allowed: a whole number from -10 to 10/);
  });

  test('fails for a bad decision group name', () => {
    const { hub } = boundHub();
    expect(() => hub.addPlacement('web', { namespace: 'apps', decisionStrategy: { groups: [{ name: 'canary wave!' }] } }))
      .toThrow(/decision group name "canary wave!" is invalid; it must match/);
    expect(() => hub.addPlacement('web2', { namespace: 'apps', decisionStrategy: { groups: [{ name: 'a' }] } })).toThrow(/decision group name "a" is invalid/);
  });

  test('fails for a bad clustersPerDecisionGroup', () => {
    const { hub } = boundHub();
    expect(() => hub.addPlacement('web', { namespace: 'apps', decisionStrategy: { clustersPerDecisionGroup: PercentOrAbsolute.count(0) } }))
      .toThrow(/clustersPerDecisionGroup 0 is invalid; use a count >= 1 or a percentage from 1% to 100%/);
    expect(() => hub.addPlacement('web2', { namespace: 'apps', decisionStrategy: { clustersPerDecisionGroup: '10%' as any } }))
      .toThrow(/must be PercentOrAbsolute/);
  });

  test('fails for claim matchLabels, a negative count and invalid names', () => {
    const { hub } = boundHub();
    expect(() => hub.addPlacement('a', { namespace: 'apps', predicates: [{ claimSelector: LabelSelector.matchLabels({ region: 'eu' }) }] })).toThrow(/claimSelector uses matchLabels/);
    expect(() => hub.addPlacement('b', { namespace: 'apps', numberOfClusters: -1 })).toThrow(/numberOfClusters must be a whole number from 0 to 2147483647 \(a Kubernetes int32\), got number -1/);
    expect(() => hub.addPlacement('C', { namespace: 'apps' })).toThrow(/name "C" is not a valid DNS-1123 subdomain/);
    expect(() => hub.addPlacement('d', { namespace: 'Apps' })).toThrow(/namespace "Apps" is not a valid DNS-1123 label/);
  });

  test('selector is ANDed into every predicate; alone it is the single predicate', () => {
    const { hub } = boundHub();
    hub.addPlacement('web', {
      namespace: 'apps',
      selector: LabelSelector.matchLabels({ env: 'production' }),
      predicates: [
        { labelSelector: LabelSelector.in('region', 'eu') },
        { claimSelector: LabelSelector.exists('gpu.example.com') },
      ],
    });
    hub.addPlacement('only', { namespace: 'apps', selector: LabelSelector.matchLabels({ env: 'production' }) });
    const late = hub.addPlacement('late', { namespace: 'apps', selector: LabelSelector.matchLabels({ env: 'production' }) });
    late.addPredicate({ celExpressions: ['true'] });
    const objs = synth(hub);
    expect(find(objs, 'Placement', 'web', 'apps').spec.predicates).toEqual([
      { requiredClusterSelector: { labelSelector: { matchLabels: { env: 'production' }, matchExpressions: [{ key: 'region', operator: 'In', values: ['eu'] }] } } },
      { requiredClusterSelector: { labelSelector: { matchLabels: { env: 'production' } }, claimSelector: { matchExpressions: [{ key: 'gpu.example.com', operator: 'Exists' }] } } },
    ]);
    expect(find(objs, 'Placement', 'only', 'apps').spec.predicates).toEqual([{ requiredClusterSelector: { labelSelector: { matchLabels: { env: 'production' } } } }]);
    expect(find(objs, 'Placement', 'late', 'apps').spec.predicates).toEqual([
      { requiredClusterSelector: { labelSelector: { matchLabels: { env: 'production' } }, celSelector: { celExpressions: ['true'] } } },
    ]);
  });

  test('fails when a predicate contradicts the selector', () => {
    const { hub } = boundHub();
    expect(() => hub.addPlacement('web', { namespace: 'apps', selector: LabelSelector.matchLabels({ env: 'production' }), predicates: [{ labelSelector: LabelSelector.matchLabels({ env: 'staging' }) }] }))
      .toThrow(/Placement "apps\/web": predicate 0 labelSelector contradicts the placement's selector, which is ANDed into every predicate: matchLabels env=production and env=staging can never both hold/);
  });

  test('an empty claimSelector is omitted, in predicates and decision groups', () => {
    const { hub } = boundHub();
    hub.addPlacement('web', {
      namespace: 'apps',
      predicates: [{ labelSelector: LabelSelector.exists('env'), claimSelector: LabelSelector.all() }],
      decisionStrategy: { groups: [{ name: 'canary', labelSelector: LabelSelector.matchLabels({ canary: 'true' }), claimSelector: LabelSelector.all() }] },
    });
    const spec = find(synth(hub), 'Placement', 'web', 'apps').spec;
    expect(spec.predicates).toEqual([{ requiredClusterSelector: { labelSelector: { matchExpressions: [{ key: 'env', operator: 'Exists' }] } } }]);
    expect(spec.decisionStrategy.groupStrategy.decisionGroups).toEqual([{ groupName: 'canary', groupClusterSelector: { labelSelector: { matchLabels: { canary: 'true' } } } }]);
  });

  test('decision group claimSelector renders its expressions', () => {
    const { hub } = boundHub();
    hub.addPlacement('web', { namespace: 'apps', decisionStrategy: { groups: [{ name: 'eu', claimSelector: LabelSelector.in('region.open-cluster-management.io', 'eu-central') }] } });
    expect(find(synth(hub), 'Placement', 'web', 'apps').spec.decisionStrategy.groupStrategy.decisionGroups).toEqual([
      { groupName: 'eu', groupClusterSelector: { claimSelector: { matchExpressions: [{ key: 'region.open-cluster-management.io', operator: 'In', values: ['eu-central'] }] } } },
    ]);
  });

  test('fails for decision group claim matchLabels (the API would drop them and match every cluster)', () => {
    const { hub } = boundHub();
    expect(() => hub.addPlacement('web', { namespace: 'apps', decisionStrategy: { groups: [{ name: 'eu', claimSelector: LabelSelector.matchLabels({ region: 'eu' }) }] } }))
      .toThrow(/Placement "apps\/web": decision group "eu" claimSelector uses matchLabels \(region=eu\), which the Placement API does not have for claims, so the hub would drop it and match every cluster; use LabelSelector.in\('region', 'eu'\) instead/);
  });

  test('clusterSets are rendered sorted, whatever the declaration order', () => {
    const { hub, prod } = boundHub();
    const canary = hub.addClusterSet('canary');
    hub.bind(canary, 'apps');
    const p = hub.addPlacement('web', { namespace: 'apps', clusterSets: [prod, canary] });
    expect(find(synth(hub), 'Placement', 'web', 'apps').spec.clusterSets).toEqual(['canary', 'production']);
    expect(p.clusterSetNames).toEqual(['canary', 'production']);
  });

  test('decisionGroupNames lists the groups in order', () => {
    const { hub } = boundHub();
    const p = hub.addPlacement('web', { namespace: 'apps', decisionStrategy: { groups: [{ name: 'wave-2' }, { name: 'wave-1' }] } });
    expect(p.decisionGroupNames).toEqual(['wave-2', 'wave-1']);
    expect(hub.addPlacement('plain', { namespace: 'apps' }).decisionGroupNames).toEqual([]);
  });

  test('sees the bindings of its own namespace only, including ones declared after it', () => {
    const { hub } = boundHub();
    const staging = hub.addClusterSet('staging');
    hub.bind(staging, 'other');
    hub.addPlacement('web', { namespace: 'ops', clusterSets: [staging] });
    hub.bind(staging, 'ops');
    expect(find(synth(hub), 'Placement', 'web', 'ops').spec.clusterSets).toEqual(['staging']);
  });

  test('fails for selectors given as plain JSON instead of LabelSelector', () => {
    const { hub } = boundHub();
    expect(() => hub.addPlacement('a', { namespace: 'apps', selector: { matchLabels: { env: 'prod' } } as any }))
      .toThrow('Placement "apps/a": selector is a plain object ({"matchLabels":{"env":"prod"}}), not a LabelSelector; use LabelSelector.fromJson({...}) or LabelSelector.in(...) / LabelSelector.matchLabels(...)');
    expect(() => hub.addPlacement('b', { namespace: 'apps', predicates: [{ labelSelector: { matchLabels: { env: 'prod' } } as any }] }))
      .toThrow(/Placement "apps\/b": predicate 0 labelSelector is a plain object/);
    expect(() => hub.addPlacement('c', { namespace: 'apps', predicates: [{ claimSelector: { matchExpressions: [] } as any }] }))
      .toThrow(/Placement "apps\/c": predicate 0 claimSelector is a plain object/);
    expect(() => hub.addPlacement('d', { namespace: 'apps', decisionStrategy: { groups: [{ name: 'canary', labelSelector: { matchLabels: { canary: 'true' } } as any }] } }))
      .toThrow(/Placement "apps\/d": decision group "canary" labelSelector is a plain object/);
  });

  test('fails for clusterSets given as names or objects without a name', () => {
    const { hub } = boundHub();
    expect(() => hub.addPlacement('a', { namespace: 'apps', clusterSets: ['prod'] as any }))
      .toThrow(`Placement "apps/a": clusterSets entry "prod" is a string, not a cluster set; use ManagedClusterSet.fromName("prod") or the set hub.addClusterSet() returned`);
    expect(() => hub.addPlacement('b', { namespace: 'apps', clusterSets: [{ set: 'prod' }] as any }))
      .toThrow(/Placement "apps\/b": clusterSets entry a plain object \(\{"set":"prod"\}\) has no name, so it is not a cluster set; use ManagedClusterSet.fromName\('prod'\)/);
  });
});

