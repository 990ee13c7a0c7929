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
    const binding = find(objs, 'PlacementBinding', 'audit-prod', 'policies');
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

  test('one PlacementBinding <policy>-<placement> per placement, including ones bound later', () => {
    const { hub } = newHub();
    hub.bind(hub.addClusterSet('production'), 'policies');
    const prod = hub.addPlacement('prod', { namespace: 'policies' });
    const canary = hub.addPlacement('canary', { namespace: 'policies' });
    const policy = hub.addPolicy('audit', { namespace: 'policies', templates: [template()], placements: [prod] });
    policy.bindTo(canary);
    policy.bindTo(prod); // binding the same placement again is a no-op
    const bindings = synth(hub).filter((o) => o.kind === 'PlacementBinding');
    expect(bindings.map((b) => [b.metadata.name, b.placementRef.name])).toEqual([['audit-canary', 'canary'], ['audit-prod', 'prod']]);
    expect(policy.placementBindings).toHaveLength(2);
    expect(policy.placementBinding).toBe(policy.placementBindings[0]);
  });

  test('fails for a policy bound to no placement', () => {
    const { hub } = newHub();
    hub.addPolicy('audit', { namespace: 'policies', templates: [template()] });
    expect(() => Testing.synth(hub)).toThrow(/Policy "policies\/audit": has no placement, so it is distributed nowhere; pass placements or call bindTo\(\)/);
  });

  test('fails when the template constructs render no object (object-templates would be [])', () => {
    const { hub } = newHub();
    hub.bind(hub.addClusterSet('production'), 'policies');
    const empty = new ocm.ManifestChart();
    hub.addPolicy('audit', {
      namespace: 'policies',
      templates: [new ocm.ConfigurationPolicy({ name: 'audit-ns', mustHave: [empty] })],
      placements: [hub.addPlacement('prod', { namespace: 'policies' })],
    });
    expect(() => Testing.synth(hub)).toThrow(/Policy "policies\/audit": template "audit-ns": its mustHave, mustOnlyHave and mustNotHave constructs render no Kubernetes object, so object-templates would be \[\] and the policy compliant on every cluster while checking nothing/);
    expect(() => new ocm.ConfigurationPolicy({ name: 'direct', mustNotHave: [new ocm.ManifestChart()] }).toJson()).toThrow(/ConfigurationPolicy "direct": its mustHave, mustOnlyHave and mustNotHave constructs render no Kubernetes object/);
  });

  test('fails for templates that are not ConfigurationPolicies and for a placement that is not one', () => {
    const chart = Testing.chart();
    expect(() => new ocm.Policy(chart, 'p', { namespace: 'policies', templates: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } } as any] }))
      .toThrow(`Policy "policies/p": templates[0] is a plain object ({"apiVersion":"v1","kind":"Namespace","metadata":{"name":"a"}}), not a ConfigurationPolicy; wrap the objects: new ConfigurationPolicy({ name: '...', mustHave: [...] })`);
    const p = new ocm.Policy(chart, 'q', { namespace: 'policies', templates: [template()] });
    expect(() => p.bindTo('prod' as any)).toThrow(`Policy "policies/q": cannot bind to string "prod": it is not a placement; pass a Placement or Placement.fromName('policies', 'name')`);
  });
});

function template(): ocm.ConfigurationPolicy {
  return new ocm.ConfigurationPolicy({ name: 'ns', mustHave: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'audit' } }] });
}

