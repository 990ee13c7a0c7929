import { asSelector, LabelSelector } from '../../lib/core';

describe('LabelSelector', () => {
  test('Kubernetes semantics for every operator', () => {
    const labels = { env: 'production', dc: 'dc1' };
    expect(LabelSelector.all().matches(labels)).toBe(true);
    expect(LabelSelector.matchLabels({ env: 'production' }).matches(labels)).toBe(true);
    expect(LabelSelector.in('env', 'staging', 'production').matches(labels)).toBe(true);
    expect(LabelSelector.notIn('env', 'production').matches(labels)).toBe(false);
    expect(LabelSelector.notIn('tier', 'gold').matches(labels)).toBe(true); // absent key passes NotIn
    expect(LabelSelector.exists('dc').matches(labels)).toBe(true);
    expect(LabelSelector.doesNotExist('dc').matches(labels)).toBe(false);
    expect(LabelSelector.in('env', 'production').and(LabelSelector.matchLabels({ dc: 'dc2' })).matches(labels)).toBe(false);
  });

  test('first mismatch reads like the plan', () => {
    expect(LabelSelector.in('env', 'production').firstMismatch({ env: 'staging' })).toBe('label env=staging does not match env In (production)');
    expect(LabelSelector.matchLabels({ env: 'production' }).firstMismatch({})).toBe('label env is missing (wanted env=production)');
    expect(LabelSelector.exists('region').firstMismatch({}, 'claim')).toBe('claim region is missing (wanted region Exists)');
  });

  test('renders Kubernetes JSON without empty parts', () => {
    expect(LabelSelector.all().toJson()).toEqual({});
    expect(LabelSelector.exists('a').toJson()).toEqual({ matchExpressions: [{ key: 'a', operator: 'Exists' }] });
    expect(LabelSelector.matchLabels({ b: '1', a: '2' }).toJson()).toEqual({ matchLabels: { a: '2', b: '1' } });
  });

  test('fails for In without values and Exists with values', () => {
    expect(() => LabelSelector.in('env').validate('Placement "p"')).toThrow(/env In needs at least one value/);
    expect(() => LabelSelector.fromJson({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }).validate('Placement "p"')).toThrow(/must not have values/);
    expect(() => LabelSelector.fromJson({ matchExpressions: [{ key: 'a', operator: 'Has' as any, values: ['x'] }] }).validate('Placement "p"')).toThrow(/allowed: In, NotIn, Exists, DoesNotExist/);
    expect(() => LabelSelector.matchLabels({ env: 'a' }).and(LabelSelector.matchLabels({ env: 'b' }))).toThrow(/can never both hold/);
  });

  test('isLabelSelector and asSelector accept selectors and undefined', () => {
    const sel = LabelSelector.in('env', 'prod');
    expect(LabelSelector.isLabelSelector(sel)).toBe(true);
    expect(LabelSelector.isLabelSelector({ matchLabels: { env: 'prod' } })).toBe(false);
    expect(asSelector('Placement "p"', 'selector', sel)).toBe(sel);
    expect(asSelector('Placement "p"', 'selector', undefined)).toBeUndefined();
  });

  test('fails for a selector given as plain JSON or another value', () => {
    expect(() => asSelector('Placement "apps/web"', 'selector', { matchLabels: { env: 'prod' } }))
      .toThrow('Placement "apps/web": selector is a plain object ({"matchLabels":{"env":"prod"}}), not a LabelSelector; use LabelSelector.fromJson({...}) or LabelSelector.in(...) / LabelSelector.matchLabels(...)');
    expect(() => asSelector('Placement "apps/web"', 'selector', 'env=prod')).toThrow(/selector must be a LabelSelector, got string "env=prod"/);
    expect(() => asSelector('Placement "apps/web"', 'selector', null)).toThrow(/got null/);
  });
});
