import { Testing } from 'cdk8s';
import { kubefleet } from '../../lib';
import { find, synth } from '../support/fleet';

const { MemberClusterIdentity } = kubefleet;

describe('kubefleet.MemberCluster', () => {
  test('renders identity, labels, heartbeat period and NoSchedule taints', () => {
    const chart = Testing.chart();
    new kubefleet.MemberCluster(chart, 'member-1', {
      identity: MemberClusterIdentity.serviceAccount('fleet-member-agent-member-1', 'fleet-system'),
      labels: { region: 'east', env: 'prod' },
      heartbeatPeriodSeconds: 30,
      taints: [{ key: 'maintenance', value: 'true' }, { key: 'gpu' }],
    });
    const m = find(synth(chart), 'MemberCluster', 'member-1');
    expect(m.apiVersion).toBe('cluster.kubernetes-fleet.io/v1');
    expect(m.metadata).toEqual({ name: 'member-1', labels: { env: 'prod', region: 'east' } });
    expect(m.spec).toEqual({
      identity: { kind: 'ServiceAccount', name: 'fleet-member-agent-member-1', namespace: 'fleet-system' },
      heartbeatPeriodSeconds: 30,
      taints: [{ key: 'maintenance', value: 'true', effect: 'NoSchedule' }, { key: 'gpu', effect: 'NoSchedule' }],
    });
  });

  test('user and group identities carry the RBAC API group', () => {
    const chart = Testing.chart();
    new kubefleet.MemberCluster(chart, 'a', { identity: MemberClusterIdentity.user('member-a') });
    new kubefleet.MemberCluster(chart, 'b', { identity: MemberClusterIdentity.group('members') });
    const [a, b] = synth(chart);
    expect(a.spec.identity).toEqual({ kind: 'User', name: 'member-a', apiGroup: 'rbac.authorization.k8s.io' });
    expect(b.spec.identity).toEqual({ kind: 'Group', name: 'members', apiGroup: 'rbac.authorization.k8s.io' });
    expect(kubefleet.MemberCluster.allIn(chart)).toHaveLength(2);
  });

  test('fails without an identity', () => {
    const chart = Testing.chart();
    expect(() => new kubefleet.MemberCluster(chart, 'a', {} as any)).toThrow(/MemberCluster "a": needs an identity/);
  });

  test('fails for names the hub cannot turn into the fleet-member-<name> namespace', () => {
    const chart = Testing.chart();
    expect(() => new kubefleet.MemberCluster(chart, 'x'.repeat(51), { identity: MemberClusterIdentity.user('u') })).toThrow(/must be at most 50 characters \(the hub creates the namespace fleet-member-<name>/);
    expect(() => new kubefleet.MemberCluster(chart, 'Member.1', { identity: MemberClusterIdentity.user('u') })).toThrow(/name "Member.1" is invalid/);
  });

  test('fails for heartbeat periods out of range and taints the webhook rejects', () => {
    const chart = Testing.chart();
    const identity = MemberClusterIdentity.user('u');
    expect(() => new kubefleet.MemberCluster(chart, 'a', { identity, heartbeatPeriodSeconds: 601 })).toThrow(/heartbeatPeriodSeconds 601 is out of range; allowed: 1 to 600/);
    expect(() => new kubefleet.MemberCluster(chart, 'b', { identity, taints: [{ key: 'bad key' }] })).toThrow(/taint key "bad key" is invalid; the KubeFleet webhook rejects it/);
    expect(() => new kubefleet.MemberCluster(chart, 'c', { identity, taints: [{ key: 'k', value: 'v' }, { key: 'k', value: 'v' }] })).toThrow(/taint k=v appears twice/);
  });
});
