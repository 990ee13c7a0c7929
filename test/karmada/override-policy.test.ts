import { Testing } from 'cdk8s';
import { karmada, LabelSelector } from '../../lib';
import { find, synth } from '../support/fleet';

describe('karmada.OverridePolicy', () => {
  test('renders resource selectors and rules with a target cluster', () => {
    const chart = Testing.chart();
    const op = new karmada.OverridePolicy(chart, 'eu-registry', {
      namespace: 'apps',
      resourceSelectors: [karmada.ResourceSelector.byLabels('apps/v1', 'Deployment', LabelSelector.matchLabels({ app: 'web' }))],
    });
    op.addRule({ targetCluster: { labelSelector: LabelSelector.matchLabels({ region: 'eu' }) }, imageOverrider: [karmada.ImageOverrider.replace(karmada.ImageComponent.REGISTRY, 'registry.eu')] });
    op.addRule({ plaintext: [karmada.PlaintextOverrider.replace('/spec/replicas', 1)] });
    const p = find(synth(chart), 'OverridePolicy', 'eu-registry', 'apps');
    expect(p.spec).toEqual({
      resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', labelSelector: { matchLabels: { app: 'web' } } }],
      overrideRules: [
        { targetCluster: { labelSelector: { matchLabels: { region: 'eu' } } }, overriders: { imageOverrider: [{ component: 'Registry', operator: 'replace', value: 'registry.eu' }] } },
        { overriders: { plaintext: [{ path: '/spec/replicas', operator: 'replace', value: 1 }] } },
      ],
    });
  });

  test('fails without a rule, and for a rule with no overrider', () => {
    const chart = Testing.chart();
    const op = new karmada.OverridePolicy(chart, 'o', { namespace: 'apps' });
    expect(() => op.addRule({ targetCluster: { clusterNames: ['a'] } })).toThrow(/override rule 0 has no overrider, so it changes nothing/);
    expect(() => Testing.synth(chart)).toThrow(/OverridePolicy "apps\/o": has no override rule, so it changes nothing/);
  });

  test('fails for a resource selector in another namespace', () => {
    const chart = Testing.chart();
    expect(() => new karmada.OverridePolicy(chart, 'o', { namespace: 'apps', resourceSelectors: [karmada.ResourceSelector.all('v1', 'ConfigMap', 'kube-system')] }))
      .toThrow(/namespace "kube-system", but the policy is in "apps"; Karmada rejects it/);
  });

  test('fails for raw objects where overriders are expected', () => {
    const chart = Testing.chart();
    const op = new karmada.OverridePolicy(chart, 'o', { namespace: 'apps' });
    expect(() => op.addRule({ plaintext: [{ path: '/x', operator: 'remove' } as any] })).toThrow(/plaintext\[0\] is a plain object .*; use PlaintextOverrider/);
  });
});
