import { Testing } from 'cdk8s';
import { KubeNamespace } from 'cdk8s-plus-30/lib/imports/k8s';
import { ocm } from '../../lib';
import { find, newHub, synth } from '../support/fleet';

describe('Policy', () => {
  test('distributes a ConfigurationPolicy to a placement in one call', () => {
    const { hub } = newHub();
    hub.bind(hub.addClusterSet('production'), 'policies');
    const placement = hub.addPlacement('prod', { namespace: 'policies' });
    const content = new ocm.ManifestChart();
    new KubeNamespace(content, 'audit', { metadata: { name: 'audit' } });
    hub.addPolicy('audit', {
      namespace: 'policies',
      remediationAction: ocm.RemediationAction.ENFORCE,
      templates: [new ocm.ConfigurationPolicy({
        name: 'audit-ns',
        severity: ocm.Severity.HIGH,
        mustHave: [content],
        mustNotHave: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'legacy' } }],
      })],
      placements: [placement],
    });
    const objs = synth(hub);
    const policy = find(objs, 'Policy', 'audit', 'policies');
    expect(policy.spec.disabled).toBe(false);
    expect(policy.spec.remediationAction).toBe('enforce');
    expect(policy.spec['policy-templates']).toEqual([{
      objectDefinition: {
        apiVersion: 'policy.open-cluster-management.io/v1', kind: 'ConfigurationPolicy', metadata: { name: 'audit-ns' },
        spec: {
          remediationAction: 'inform', severity: 'high',
          'object-templates': [
            { complianceType: 'musthave', objectDefinition: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'audit' } } },
            { complianceType: 'mustnothave', objectDefinition: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'legacy' } } },
          ],
        },
      },
    }]);
    const binding = find(objs, 'PlacementBinding', 'audit', 'policies');
    expect(binding.placementRef).toEqual({ apiGroup: 'cluster.open-cluster-management.io', kind: 'Placement', name: 'prod' });
    expect(binding.subjects).toEqual([{ apiGroup: 'policy.open-cluster-management.io', kind: 'Policy', name: 'audit' }]);
    expect(binding.spec).toBeUndefined();
  });

  test('fails for a placement in another namespace, an empty template and long names', () => {
    const chart = Testing.chart();
    const tpl = new ocm.ConfigurationPolicy({ name: 't', mustHave: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }] });
    const p = new ocm.Policy(chart, 'p', { namespace: 'policies', templates: [tpl] });
    expect(() => p.bindTo(ocm.Placement.fromName('apps', 'prod'))).toThrow(/a PlacementBinding references a Placement in its own namespace "policies"/);
    expect(() => new ocm.ConfigurationPolicy({ name: 'empty' })).toThrow(/has no object templates/);
    expect(() => new ocm.Policy(chart, 'long', { namespace: 'policies', name: 'x'.repeat(60), templates: [tpl] })).toThrow(/at most 63/);
  });
});
