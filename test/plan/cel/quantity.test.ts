// Quantities: kubernetes/apiserver v0.35.4 pkg/cel/library/quantity_test.go (TestQuantity),
// k8s.io/apimachinery v0.36.3 pkg/api/resource/quantity_test.go (TestQuantityParse,
// TestQuantityCmp, TestQuantityAsApproximateFloat64) and the library's doc examples.
import { Quantity } from '../../../lib/plan/ocm/cel/quantity';
import { js, run, value } from './harness';

describe('kubernetes/apiserver pkg/cel/library/quantity_test.go TestQuantity', () => {
  const cases: [string, string, unknown][] = [
    ['isQuantity', 'isQuantity("20")', true],
    ['isQuantity_megabytes', 'isQuantity("20M")', true],
    ['isQuantity_mebibytes', 'isQuantity("20Mi")', true],
    ['isQuantity_invalidSuffix', 'isQuantity("20Mo")', false],
    ['isQuantity_passingRegex', 'isQuantity("10Mm")', false],
    ['equality_reflexivity', 'quantity("200M") == quantity("200M")', true],
    ['equality_symmetry', 'quantity("200M") == quantity("0.2G") && quantity("0.2G") == quantity("200M")', true],
    ['equality_transitivity', 'quantity("2M") == quantity("0.002G") && quantity("2000k") == quantity("2M") && quantity("0.002G") == quantity("2000k")', true],
    ['inequality', 'quantity("200M") == quantity("0.3G")', false],
    ['quantity_less', 'quantity("50M").isLessThan(quantity("50Mi"))', true],
    ['quantity_less_obvious', 'quantity("50M").isLessThan(quantity("100M"))', true],
    ['quantity_less_false', 'quantity("100M").isLessThan(quantity("50M"))', false],
    ['quantity_greater', 'quantity("50Mi").isGreaterThan(quantity("50M"))', true],
    ['quantity_greater_obvious', 'quantity("150Mi").isGreaterThan(quantity("100Mi"))', true],
    ['quantity_greater_false', 'quantity("50M").isGreaterThan(quantity("100M"))', false],
    ['compare_equal', 'quantity("200M").compareTo(quantity("0.2G"))', 0n],
    ['compare_less', 'quantity("50M").compareTo(quantity("50Mi"))', -1n],
    ['compare_greater', 'quantity("50Mi").compareTo(quantity("50M"))', 1n],
    ['add_quantity', 'quantity("50k").add(quantity("20")) == quantity("50.02k")', true],
    ['add_int', 'quantity("50k").add(20).isLessThan(quantity("50020"))', false],
    ['sub_quantity', 'quantity("50k").sub(quantity("20")) == quantity("49.98k")', true],
    ['sub_int', 'quantity("50k").sub(20) == quantity("49980")', true],
    ['arith_chain_1', 'quantity("50k").add(20).sub(quantity("100k")).asInteger()', -49980n],
    ['arith_chain', 'quantity("50k").add(20).sub(quantity("100k")).sub(-50000).asInteger()', 20n],
    ['as_integer', 'quantity("50k").asInteger()', 50000n],
    ['is_integer (not)', 'quantity("9999999999999999999999999999999999999G").isInteger()', false],
    ['is_integer', 'quantity("50").isInteger()', true],
    ['as_float', 'quantity("50.703k").asApproximateFloat()', 50703],
  ];
  test.each(cases)('%s: %s', (_name, expr, want) => {
    expect(value(expr)).toEqual(want);
  });

  test('parse: quantity("12Mi") equals 12 × 2^20', () => {
    expect(value('quantity("12Mi") == quantity("12582912")')).toBe(true);
    expect(value('quantity("12Mi")')).toEqual({ 'kubernetes.Quantity': '' });
  });

  test('fails parseInvalidSuffix: quantity("10Mo") does not match the quantity regular expression', () => {
    expect(run('quantity("10Mo")').error).toMatch(/^quantities must match the regular expression/);
  });

  test("fails parseInvalidSuffixPassesRegex: quantity(\"10Mm\") is unable to parse quantity's suffix", () => {
    expect(run('quantity("10Mm")').error).toBe("unable to parse quantity's suffix");
  });

  test('fails isQuantity_noOverload: isQuantity([1, 2, 3]) is a compile error', () => {
    expect(run('isQuantity([1, 2, 3])').compileError).toMatch(/found no matching overload for 'isQuantity' applied to '\(list\(int\)\)'/);
  });

  test('fails as_integer_error: a value beyond int64 cannot convert to integer', () => {
    expect(run('quantity("9999999999999999999999999999999999999G").asInteger()').error).toBe('cannot convert value to integer');
  });
});

describe('kubernetes/apiserver pkg/cel/library/quantity.go doc examples and declarations', () => {
  test.each([
    ['quantity("50000000G").isInteger()', true],
    ['quantity("50k").isInteger()', true],
    ['quantity("50k").asInteger() == 50000', true],
    ['quantity("50k").sub(20000).asApproximateFloat() == 30000.0', true],
    ['quantity("50k").add(20) == quantity("50020")', true],
    ['quantity("50k").sub(20000) == quantity("30k")', true],
    ['quantity("50k").add(20).sub(quantity("100k")).sub(-50000) == quantity("20")', true],
    ['sign(quantity("-1Gi"))', -1n],
    ['sign(quantity("0"))', 0n],
    ['sign(quantity("5m"))', 1n],
  ])('%s', (expr, want) => {
    expect(value(expr)).toEqual(want);
  });

  test('fails "200K": a capital K is no suffix', () => {
    expect(value('isQuantity("200K")')).toBe(false);
    expect(run('quantity("200K")').error).toBe("unable to parse quantity's suffix");
  });

  test('fails q.sign(): sign is declared as a global function only (quantity_sign)', () => {
    expect(run('quantity("1").sign() == 1').compileError).toMatch(/found no matching overload for 'sign' applied to 'kubernetes.Quantity.\(\)'/);
  });

  test('fails quantity(...) > quantity(...): quantities have no ordering operators', () => {
    expect(run('quantity("2") > quantity("1")').compileError).toMatch(/found no matching overload for '_>_' applied to '\(kubernetes.Quantity, kubernetes.Quantity\)'/);
  });

  test('fails x == q.add(1): add/sub results are *Quantity upstream, which Quantity.Equal rejects', () => {
    expect(run('quantity("2") == quantity("1").add(1)').error).toBe('no such overload');
    expect(value('quantity("1").add(1) == quantity("2")')).toBe(true);
  });
});

describe('k8s.io/apimachinery pkg/api/resource/quantity_test.go TestQuantityParse', () => {
  // [input, value as a decimal string, format]
  const table: [string, string, string][] = [
    ['0', '0', 'DecimalSI'], ['0n', '0', 'DecimalSI'], ['0u', '0', 'DecimalSI'], ['0m', '0', 'DecimalSI'], ['0Ki', '0', 'BinarySI'],
    ['0k', '0', 'DecimalSI'], ['0Mi', '0', 'BinarySI'], ['0M', '0', 'DecimalSI'], ['0Gi', '0', 'BinarySI'], ['0G', '0', 'DecimalSI'],
    ['0Ti', '0', 'BinarySI'], ['0T', '0', 'DecimalSI'], ['1', '1', 'DecimalSI'],
    ['1Ki', '1024', 'BinarySI'], ['8Ki', '8192', 'BinarySI'], ['7Mi', '7340032', 'BinarySI'], ['6Gi', '6442450944', 'BinarySI'],
    ['5Ti', '5497558138880', 'BinarySI'], ['4Pi', '4503599627370496', 'BinarySI'], ['3Ei', '3458764513820540928', 'BinarySI'],
    ['10Ti', '10995116277760', 'BinarySI'], ['100Ti', '109951162777600', 'BinarySI'],
    ['5n', '5e-9', 'DecimalSI'], ['4u', '4e-6', 'DecimalSI'], ['3m', '3e-3', 'DecimalSI'], ['9', '9', 'DecimalSI'], ['8k', '8e3', 'DecimalSI'],
    ['50k', '5e4', 'DecimalSI'], ['7M', '7e6', 'DecimalSI'], ['6G', '6e9', 'DecimalSI'], ['5T', '5e12', 'DecimalSI'], ['40T', '4e13', 'DecimalSI'],
    ['300T', '3e14', 'DecimalSI'], ['2P', '2e15', 'DecimalSI'], ['1E', '1e18', 'DecimalSI'],
    ['1E-3', '1e-3', 'DecimalExponent'], ['1e3', '1e3', 'DecimalExponent'], ['1E6', '1e6', 'DecimalExponent'], ['1e9', '1e9', 'DecimalExponent'],
    ['1E12', '1e12', 'DecimalExponent'], ['1e15', '1e15', 'DecimalExponent'], ['1E18', '1e18', 'DecimalExponent'],
    ['1e14', '1e14', 'DecimalExponent'], ['1e13', '1e13', 'DecimalExponent'], ['100.035k', '100035', 'DecimalSI'],
    ['0.001', '1e-3', 'DecimalSI'], ['0.0005k', '5e-1', 'DecimalSI'], ['0.005', '5e-3', 'DecimalSI'], ['0.05', '5e-2', 'DecimalSI'],
    ['0.5', '5e-1', 'DecimalSI'], ['0.00050k', '5e-1', 'DecimalSI'], ['0.00500', '5e-3', 'DecimalSI'], ['0.05000', '5e-2', 'DecimalSI'],
    ['0.50000', '5e-1', 'DecimalSI'], ['0.5e0', '5e-1', 'DecimalExponent'], ['0.5e-1', '5e-2', 'DecimalExponent'], ['0.5e-2', '5e-3', 'DecimalExponent'],
    ['10.035M', '10035e3', 'DecimalSI'], ['1.2e3', '12e2', 'DecimalExponent'], ['1.3E+6', '13e5', 'DecimalExponent'], ['1.40e9', '14e8', 'DecimalExponent'],
    ['1.53E12', '153e10', 'DecimalExponent'], ['1.6e15', '16e14', 'DecimalExponent'], ['1.7E18', '17e17', 'DecimalExponent'],
    ['9.01', '901e-2', 'DecimalSI'], ['8.1k', '81e2', 'DecimalSI'], ['7.123456M', '7123456', 'DecimalSI'], ['6.987654321G', '6987654321', 'DecimalSI'],
    ['5.444T', '5444e9', 'DecimalSI'], ['40.1T', '401e11', 'DecimalSI'], ['300.2T', '3002e11', 'DecimalSI'], ['2.5P', '25e14', 'DecimalSI'],
    ['1.01E', '101e16', 'DecimalSI'],
    // Things that saturate/round
    ['3.001n', '4e-9', 'DecimalSI'], ['1.1E-9', '2e-9', 'DecimalExponent'], ['0.0000000001', '1e-9', 'DecimalSI'], ['0.0000000005', '1e-9', 'DecimalSI'],
    ['0.00000000050', '1e-9', 'DecimalSI'], ['0.5e-9', '1e-9', 'DecimalExponent'], ['0.9n', '1e-9', 'DecimalSI'], ['0.00000012345', '124e-9', 'DecimalSI'],
    ['0.00000012354', '124e-9', 'DecimalSI'], ['9Ei', '9223372036854775807', 'BinarySI'], ['9223372036854775807Ki', '9223372036854775807', 'BinarySI'],
    ['12E', '12e18', 'DecimalSI'],
    // We'll accept fractional binary stuff, too.
    ['100.035Ki', '10243584e-2', 'BinarySI'], ['0.5Mi', '524288', 'BinarySI'], ['0.05Gi', '536870912e-1', 'BinarySI'], ['0.025Ti', '274877906944e-1', 'BinarySI'],
    // Things written by trolls
    ['0.000000000001Ki', '2e-9', 'DecimalSI'], ['.001', '1e-3', 'DecimalSI'], ['.0001k', '100e-3', 'DecimalSI'], ['1.', '1', 'DecimalSI'], ['1.G', '1e9', 'DecimalSI'],
  ];
  test.each(table)('%s = %s (%s), also negated and with an explicit +', (input, want, format) => {
    const expected = Quantity.parse(want);
    for (const [prefix, sign] of [['', 1], ['-', -1], ['+', 1]] as const) {
      const got = Quantity.parse(prefix + input);
      expect(got.cmp(sign === 1 ? expected : Quantity.parse(`-${want}`))).toBe(0);
      expect(got.format).toBe(format);
    }
  });

  test.each(['1.1.M', '1+1.0M', '0.1mi', '0.1am', 'aoeu', '.5i', '1i', '-3.01i', '-3.01e-', ' 1', '1 ', ''])('fails to parse %j', (input) => {
    expect(() => Quantity.parse(input)).toThrow();
  });
});

describe('k8s.io/apimachinery pkg/api/resource/quantity_test.go TestQuantityCmp', () => {
  test.each([['0', '0', 0], ['100m', '50m', 1], ['50m', '100m', -1], ['10000T', '100Gi', 1]] as const)('%s vs %s = %d', (x, y, want) => {
    expect(Quantity.parse(x).cmp(Quantity.parse(y))).toBe(want);
  });
});

describe('k8s.io/apimachinery pkg/api/resource/quantity_test.go TestQuantityAsApproximateFloat64', () => {
  // decQuantity(v, e) written as the string that parses to the same amount (v × 10^e).
  test.each([
    ['0', 0], ['1', 1], ['1024', 1024], ['8192', 8 * 1024], ['7340032', 7 * 1024 * 1024], ['7340032e1', 7340032 * 10], ['7340032e4', 7340032 * 10000],
    ['7340032e8', 7340032 * 100000000], ['734003.2', 7340032 * 0.1], ['0.07340032', 7340032 / 100000000], ['12e18', 1.2e19], ['12e500', Infinity], ['-12e500', -Infinity],
  ] as const)('%s → %d', (input, want) => {
    expect(Quantity.parse(input).asApproximateFloat64()).toBe(want);
  });
});

describe('CEL quantity values', () => {
  test('a quantity in a list is found by indexOf (CEL equality)', () => {
    expect(js(run('[quantity("1Gi"), quantity("1G")].indexOf(quantity("1000M"))').value)).toBe(1n);
  });
});
