import { Testing } from 'cdk8s';
import { karmada } from '../../lib';
import { synth } from '../support/fleet';

const { ImageComponent, ImageOverrider, LabelAnnotationOverrider, PlaintextOverrider } = karmada;

function overriders(rule: karmada.OverrideRule): any {
  const chart = Testing.chart();
  new karmada.OverridePolicy(chart, 'o', { namespace: 'apps', rules: [rule] });
  return synth(chart)[0].spec.overrideRules[0].overriders;
}

describe('karmada overriders', () => {
  test('plaintext add, replace and remove render as JSON-patch-like operations', () => {
    expect(overriders({ plaintext: [PlaintextOverrider.add('/metadata/labels/x', 'y'), PlaintextOverrider.replace('/spec/replicas', 2), PlaintextOverrider.remove('/spec/paused')] }).plaintext).toEqual([
      { path: '/metadata/labels/x', operator: 'add', value: 'y' },
      { path: '/spec/replicas', operator: 'replace', value: 2 },
      { path: '/spec/paused', operator: 'remove' },
    ]);
  });

  test('image overriders render component, operator, value and an optional predicate', () => {
    expect(overriders({ imageOverrider: [ImageOverrider.replace(ImageComponent.REGISTRY, 'registry.eu'), ImageOverrider.remove(ImageComponent.TAG, '/spec/template/spec/containers/0/image')] }).imageOverrider).toEqual([
      { component: 'Registry', operator: 'replace', value: 'registry.eu' },
      { component: 'Tag', operator: 'remove', predicate: { path: '/spec/template/spec/containers/0/image' } },
    ]);
  });

  test('labels and annotations overriders render sorted maps; remove lists the keys', () => {
    const o = overriders({ labelsOverrider: [LabelAnnotationOverrider.add({ z: '1', a: '2' })], annotationsOverrider: [LabelAnnotationOverrider.remove('note')] });
    expect(o.labelsOverrider).toEqual([{ operator: 'add', value: { a: '2', z: '1' } }]);
    expect(o.annotationsOverrider).toEqual([{ operator: 'remove', value: { note: '' } }]);
  });

  test('fails for a plaintext path that is not a JSON pointer', () => {
    expect(() => overriders({ plaintext: [PlaintextOverrider.replace('spec/replicas', 2)] })).toThrow(/plaintext path "spec\/replicas" must start with "\/"/);
  });

  test('fails for add and replace without a value', () => {
    expect(() => overriders({ plaintext: [PlaintextOverrider.add('/spec/x', undefined)] })).toThrow(/plaintext add \/spec\/x has no value/);
    expect(() => overriders({ imageOverrider: [ImageOverrider.replace(ImageComponent.TAG, '')] })).toThrow(/image replace of Tag needs a value/);
  });

  test('fails for an image predicate path the webhook rejects', () => {
    expect(() => overriders({ imageOverrider: [ImageOverrider.replace(ImageComponent.TAG, 'v2', 'spec/image')] })).toThrow(/image predicate path "spec\/image" must start with "\/".*Karmada rejects it/);
  });

  test('fails for label values and keys the webhook rejects', () => {
    expect(() => overriders({ labelsOverrider: [LabelAnnotationOverrider.add({ tier: 'not valid' })] })).toThrow(/label tier="not valid" has an invalid value; Karmada rejects it/);
    expect(() => overriders({ annotationsOverrider: [LabelAnnotationOverrider.add({ 'bad key!': 'x' })] })).toThrow(/annotation key "bad key!" is invalid; Karmada rejects it/);
    expect(() => overriders({ labelsOverrider: [LabelAnnotationOverrider.remove()] })).toThrow(/labels remove has no keys, so it changes nothing/);
  });
});
