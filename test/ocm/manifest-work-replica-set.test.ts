import { Testing } from 'cdk8s';
import { Duration, LabelSelector, PercentOrAbsolute, ocm } from '../../lib';
import { find, newHub, synth } from '../support/fleet';

const CM = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default' }, data: { k: 'v' } };

function setup(gate = true) {
  const { hub } = newHub({ featureGates: gate ? [ocm.FeatureGate.MANIFEST_WORK_REPLICA_SET] : [] });
  const prod = hub.addClusterSet('production');
  hub.bind(prod, 'apps');
  const placement = hub.addPlacement('prod', {
    namespace: 'apps',
    decisionStrategy: { groups: [{ name: 'canary', labelSelector: LabelSelector.matchLabels({ canary: 'true' }) }] },
  });
  return { hub, placement };
}

describe('ManifestWorkReplicaSet', () => {
  test('renders the template and placement refs with rollout strategies', () => {
    const { hub, placement } = setup();
    hub.addManifestWorkReplicaSet('web', {
      namespace: 'apps',
      objects: [CM],
      placements: [{
        placement,
        rollout: ocm.Rollout.progressivePerGroup({ mandatoryDecisionGroups: [{ groupName: 'canary' }], progressDeadline: Duration.minutes(10), maxFailures: PercentOrAbsolute.percent(10) }),
      }],
    });
    const o = find(synth(hub), 'ManifestWorkReplicaSet', 'web', 'apps');
    expect(o.apiVersion).toBe('work.open-cluster-management.io/v1alpha1');
    expect(o.spec.manifestWorkTemplate.workload.manifests).toEqual([CM]);
    expect(o.spec.placementRefs).toEqual([{
      name: 'prod',
      rolloutStrategy: { type: 'ProgressivePerGroup', progressivePerGroup: { mandatoryDecisionGroups: [{ groupName: 'canary' }], maxFailures: '10%', progressDeadline: '10m' } },
    }]);
  });

  test('carries condition rules into the work template, valid against the ManifestWorkReplicaSet CRD', () => {
    const { hub, placement } = setup();
    hub.addManifestWorkReplicaSet('web', {
      namespace: 'apps',
      objects: [CM],
      manifestConfigs: [{ resource: { resource: 'configmaps', name: 'a', namespace: 'default' }, conditionRules: [ocm.ConditionRule.notProgressing()] }],
      placements: [{ placement, rollout: ocm.Rollout.progressivePerGroup({ mandatoryDecisionGroups: [{ groupName: 'canary' }] }) }],
    });
    expect(find(synth(hub), 'ManifestWorkReplicaSet', 'web', 'apps').spec.manifestWorkTemplate.manifestConfigs).toEqual([{
      resourceIdentifier: { group: '', resource: 'configmaps', name: 'a', namespace: 'default' },
      conditionRules: [{ condition: 'Progressing', type: 'CEL', celExpressions: ['false'], message: 'Applied; nothing rolls out' }],
    }]);
  });

  test('defaults to rollout type All', () => {
    const { hub, placement } = setup();
    hub.addManifestWorkReplicaSet('web', { namespace: 'apps', objects: [CM], placements: [{ placement }] });
    expect(find(synth(hub), 'ManifestWorkReplicaSet', 'web', 'apps').spec.placementRefs[0].rolloutStrategy).toEqual({ type: 'All' });
  });

  test('fails when <namespace>.<name> exceeds 63 characters', () => {
    const { hub } = setup();
    const name = 'a'.repeat(60);
    expect(() => hub.addManifestWorkReplicaSet(name, { namespace: 'apps', objects: [CM] }))
      .toThrow(/"apps\.a+" is 65 characters; OCM writes <namespace>\.<name> into a label .* Shorten the name to at most 58 characters/);
  });

  test('fails without the ManifestWorkReplicaSet feature gate', () => {
    const { hub, placement } = setup(false);
    hub.addManifestWorkReplicaSet('web', { namespace: 'apps', objects: [CM], placements: [{ placement }] });
    expect(() => Testing.synth(hub)).toThrow(/ManifestWorkReplicaSet "apps\/web": a ManifestWorkReplicaSet needs the work feature gate ManifestWorkReplicaSet, but ClusterManager "cluster-manager" does not enable it; enable it with clusterManager.enable\(FeatureGate.MANIFEST_WORK_REPLICA_SET\)/);
  });

  test('fails for a placement in another namespace, a missing mandatory group, or no placement', () => {
    const { hub, placement } = setup();
    expect(() => hub.addManifestWorkReplicaSet('a', { namespace: 'ops', objects: [CM], placements: [{ placement }] })).toThrow(/is in another namespace/);
    expect(() => hub.addManifestWorkReplicaSet('b', { namespace: 'apps', objects: [CM], placements: [{ placement, rollout: ocm.Rollout.progressivePerGroup({ mandatoryDecisionGroups: [{ groupName: 'pilot' }] }) }] }))
      .toThrow(/mandatory decision group "pilot" is not a decision group of the placement \(groups: canary\)/);
    hub.addManifestWorkReplicaSet('c', { namespace: 'apps', objects: [CM] });
    expect(() => Testing.synth(hub)).toThrow(/has no placement, so it deploys nowhere/);
  });
});
