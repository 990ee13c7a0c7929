import { Testing } from 'cdk8s';
import { Duration } from '../../lib/core';
import { SveltosCluster } from '../../lib/sveltos';
import { validateObjects } from '../support/crd-schema';

describe('sveltos.SveltosCluster', () => {
  test('references its kubeconfig Secret by name and key only', () => {
    const c = Testing.chart();
    const sc = new SveltosCluster(c, 'prod-1', {
      namespace: 'fleet',
      labels: { env: 'production' },
      paused: true,
      tokenRequestRenewalOption: { renewInterval: Duration.hours(1), tokenDuration: Duration.hours(3), serviceAccountNamespace: 'sveltos', serviceAccountName: 'sveltos' },
    });
    sc.addLabel('region', 'eu-west-1');
    const objs = Testing.synth(c);
    expect(objs).toEqual([{
      apiVersion: 'lib.projectsveltos.io/v1beta1',
      kind: 'SveltosCluster',
      metadata: { name: 'prod-1', namespace: 'fleet', labels: { env: 'production', region: 'eu-west-1' } },
      spec: {
        kubeconfigName: 'prod-1-sveltos-kubeconfig',
        kubeconfigKeyName: 'kubeconfig',
        paused: true,
        tokenRequestRenewalOption: { renewTokenRequestInterval: '1h', tokenDuration: '3h', saNamespace: 'sveltos', saName: 'sveltos', kubeconfigKeyName: 'kubeconfig' },
      },
    }]);
    expect(JSON.stringify(objs)).not.toMatch(/token:|client-key|BEGIN/);
    expect(validateObjects(objs)).toEqual([]);
    expect(SveltosCluster.allIn(c)).toEqual([sc]);
  });

  test('custom Secret name and key', () => {
    const c = Testing.chart();
    new SveltosCluster(c, 'x', { namespace: 'fleet', kubeconfigSecretName: 'x-kubeconfig', kubeconfigKeyName: 'value' });
    expect(Testing.synth(c)[0].spec).toEqual({ kubeconfigName: 'x-kubeconfig', kubeconfigKeyName: 'value' });
  });

  test('fails when given inline credentials', () => {
    expect(() => new SveltosCluster(Testing.chart(), 'x', { namespace: 'fleet', kubeconfig: 'apiVersion: v1\nkind: Config' } as any))
      .toThrow(/prop "kubeconfig" would inline credentials into YAML; a SveltosCluster only references a Secret/);
  });

  test('fails with a token that expires before it is renewed', () => {
    expect(() => new SveltosCluster(Testing.chart(), 'x', { namespace: 'fleet', tokenRequestRenewalOption: { renewInterval: Duration.hours(2), tokenDuration: Duration.hours(1) } }))
      .toThrow(/tokenDuration 1h is shorter than renewInterval 2h/);
  });

  test('fails with an invalid label', () => {
    expect(() => new SveltosCluster(Testing.chart(), 'x', { namespace: 'fleet', labels: { env: 'not valid!' } })).toThrow(/SveltosCluster "fleet\/x": label env="not valid!"/);
  });

  test('fails with a token duration or interval given as text instead of a Duration', () => {
    expect(() => new SveltosCluster(Testing.chart(), 'a', { namespace: 'fleet', tokenRequestRenewalOption: { renewInterval: Duration.hours(1), tokenDuration: '2h' as any } }))
      .toThrow(/SveltosCluster "fleet\/a": tokenRequestRenewalOption.tokenDuration must be a Duration, got "2h"; use e.g. Duration.hours\(2\) \(or Duration.parse\("2h"\)\)/);
    expect(() => new SveltosCluster(Testing.chart(), 'a', { namespace: 'fleet', tokenRequestRenewalOption: { renewInterval: '1h' as any } }))
      .toThrow(/tokenRequestRenewalOption.renewInterval must be a positive Duration, got "1h"/);
  });

  test('fails without props or with labels that are not a map', () => {
    expect(() => new (SveltosCluster as any)(Testing.chart(), 'a')).toThrow(/SveltosCluster "a": needs props with at least a namespace/);
    expect(() => new SveltosCluster(Testing.chart(), 'a', { namespace: 'fleet', labels: 'env=prod' as any })).toThrow(/labels must be a map of label keys to values, got "env=prod"/);
  });
});
