import { compareQuantities, parseQuantity, quantityToNumber } from '../../lib/core/quantity';

function cmp(a: string, b: string): number {
  return compareQuantities(parseQuantity(a)!, parseQuantity(b)!);
}

describe('core quantity', () => {
  test('binary, decimal and exponent suffixes compare exactly', () => {
    expect(cmp('4Gi', '4294967296')).toBe(0);
    expect(cmp('1k', '1000')).toBe(0);
    expect(cmp('1e3', '1k')).toBe(0);
    expect(cmp('500m', '0.5')).toBe(0);
    expect(cmp('0.1', '100m')).toBe(0);
    expect(cmp('1Ki', '1k')).toBe(1);
    expect(cmp('-1', '0')).toBe(-1);
    expect(cmp('14', '14')).toBe(0);
    expect(cmp('16Gi', '4Gi')).toBe(1);
  });

  test('values resource.ParseQuantity rejects are undefined', () => {
    for (const bad of ['', 'three', '1K', '4GB', ' 4', '1.2.3', 'Gi']) expect(parseQuantity(bad)).toBeUndefined();
  });

  test('approximate float for interpolation', () => {
    expect(quantityToNumber(parseQuantity('1.5Gi')!)).toBe(1.5 * 2 ** 30);
    expect(quantityToNumber(parseQuantity('250m')!)).toBeCloseTo(0.25);
  });
});
