// Optional types (OCM's `cel.OptionalTypes()`, latest version): google/cel-go cel/cel_test.go
// TestOptionalValuesCompile and TestOptionalValuesEval. Upstream binds typed variables; here each
// variable is written in place: `m` is managedCluster.m (JSON), `optm`/`optl`/`x`/`y` are
// optional.of(...)/optional.none() expressions, `z` a literal.
import { run, value } from './harness';

function expand(expr: string, subst: Record<string, string>): string {
  return expr.replace(/(?<!\.\??)(?<![\w'])(optm|optl|m|x|y|z)\b(?!')/g, (v) => subst[v] ?? v);
}

describe('google/cel-go cel/cel_test.go TestOptionalValuesCompile', () => {
  test.each([
    'x.or(optional.of(y)).orValue(42)',
    'm.?x.hasValue()',
    'has(m.?x.y)',
    "m.k[?'dashed-index'].orValue('default value')",
    'l[?y]',
    "optm.c['index'].orValue('default value')",
    "optm.c[?'index']",
    'optl[0]',
    'optl[?0]',
  ])('%s compiles', (expr) => {
    const e = expand(expr, { x: 'optional.of(1)', y: '0', m: 'managedCluster.m', optm: 'optional.of(managedCluster.m)', optl: 'optional.of(["a"])' }).replace(/\bl\[/, '["a"][');
    expect(run(e).compileError).toBeUndefined();
  });
});

describe('google/cel-go cel/cel_test.go TestOptionalValuesEval', () => {
  const cases: [string, Record<string, string>, Record<string, unknown>, unknown][] = [
    ["has({'foo': optional.none()}.foo)", {}, {}, true],
    ["has({'foo': optional.none()}.foo.value)", {}, {}, false],
    ["has({?'foo': optional.none()}.foo)", {}, {}, false],
    ['{}.?invalid', {}, {}, 'optional.none()'],
    ["{'null_field': dyn(null)}.?null_field", {}, {}, { optional: null }],
    ["{'null_field': dyn(null)}.?null_field.?nested", {}, {}, 'optional.none()'],
    ["{'zero_field': dyn(0)}.?zero_field.?invalid", {}, {}, 'optional.none()'],
    ['{0: dyn(0)}[?0].?invalid', {}, {}, 'optional.none()'],
    ['{true: dyn(0)}[?false].?invalid', {}, {}, 'optional.none()'],
    ['{true: dyn(0)}[?true].?invalid', {}, {}, 'optional.none()'],
    ['x.or(y).orValue(z)', { x: 'optional.none()', y: 'optional.none()', z: '42' }, {}, 42n],
    ['x.optMap(y, y + 1)', { x: 'optional.none()' }, {}, 'optional.none()'],
    ['m.?key.optFlatMap(k, k.?subkey)', { m: 'managedCluster.m' }, { m: {} }, 'optional.none()'],
    ['m.?key.optFlatMap(k, k.?subkey)', { m: 'managedCluster.m' }, { m: { key: {} } }, 'optional.none()'],
    ['m.?key.optFlatMap(k, k.?subkey)', { m: 'managedCluster.m' }, { m: { key: { subkey: 'subvalue' } } }, { optional: 'subvalue' }],
    ['m.?key.optFlatMap(k, k.?subkey)', { m: 'managedCluster.m' }, { m: { key: { subkey: '' } } }, { optional: '' }],
    ['m.?key.optFlatMap(k, optional.ofNonZeroValue(k.subkey))', { m: 'managedCluster.m' }, { m: { key: { subkey: '' } } }, 'optional.none()'],
    ['x.optMap(y, y + 1)', { x: 'optional.of(42)' }, {}, { optional: 43n }],
    ['optional.ofNonZeroValue(z).or(optional.of(10)).value() == 42', { z: '42' }, {}, true],
    ['(has(m.x) ? optional.of(m.x) : optional.none()).hasValue()', { m: 'managedCluster.m' }, { m: {} }, false],
    ['m.?x.hasValue()', { m: 'managedCluster.m' }, { m: {} }, false],
    ['has(m.?x.y)', { m: 'managedCluster.m' }, { m: {} }, false],
    ['has(m.?x.y)', { m: 'managedCluster.m' }, { m: { x: { y: 'z' } } }, true],
    ['type(optional.none()) == optional_type', {}, {}, true],
    ["optional.ofNonZeroValue('').or(optional.of(m.c['dashed-index'])).orValue('default value')", { m: 'managedCluster.m' }, { m: { c: { 'dashed-index': 'goodbye' } } }, 'goodbye'],
    ["m.c[?'dashed-index'].orValue('default value')", { m: 'managedCluster.m' }, { m: { c: { 'dashed-index': 'goodbye' } } }, 'goodbye'],
    ["m.c[?'missing-index'].orValue('default value')", { m: 'managedCluster.m' }, { m: { c: {} } }, 'default value'],
    ["optm.c.index.orValue('default value')", { optm: 'optional.of(managedCluster.m)' }, { m: { c: { index: 'goodbye' } } }, 'goodbye'],
    ["optm.c.missing.or(optl[0]).orValue('default value')", { optm: 'optional.of(managedCluster.m)', optl: 'optional.none()' }, { m: { c: {} } }, 'default value'],
    ["optm.c.missing.or(optl[0]).orValue('default value')", { optm: 'optional.of(managedCluster.m)', optl: "optional.of(['list-value'])" }, { m: { c: {} } }, 'list-value'],
    ["optm.c['index'].orValue('default value')", { optm: 'optional.of(managedCluster.m)' }, { m: { c: { index: 'goodbye' } } }, 'goodbye'],
    ["optm.c['missing'].orValue('default value')", { optm: 'optional.of(managedCluster.m)' }, { m: { c: {} } }, 'default value'],
    ['has(optm.c) && !has(optm.c.missing)', { optm: 'optional.of(managedCluster.m)' }, { m: { c: { entry: 'hello world' } } }, true],
    ["m.?c.missing.or(m.?c['dashed-index']).orValue('').size()", { m: 'managedCluster.m' }, { m: { c: { 'dashed-index': 'goodbye' } } }, 7n],
    ["{?'nested_map': optional.ofNonZeroValue({?'map': m.?c})}", { m: 'managedCluster.m' }, { m: { c: { 'dashed-index': 'goodbye' } } }, { nested_map: { map: { 'dashed-index': 'goodbye' } } }],
    ["{?'nested_map': optional.ofNonZeroValue({?'map': m.?c}), 'singleton': true}", { m: 'managedCluster.m' }, { m: {} }, { singleton: true }],
    ['[?m.?c, ?x, ?y]', { m: 'managedCluster.m', x: 'optional.of(42)', y: 'optional.none()' }, { m: {} }, [42n]],
    ['[?optional.ofNonZeroValue(m.?c.orValue({}))]', { m: 'managedCluster.m' }, { m: { c: [] } }, []],
    ["optional.ofNonZeroValue({?'nested_map': optional.ofNonZeroValue({?'map': m.?c})})", { m: 'managedCluster.m' }, { m: {} }, 'optional.none()'],
    ['[].first()', {}, {}, 'optional.none()'],
    ["['a','b','c'].first()", {}, {}, { optional: 'a' }],
    ['[].last()', {}, {}, 'optional.none()'],
    ['[1, 2, 3].last()', {}, {}, { optional: 3n }],
    ['optional.unwrap([])', {}, {}, []],
    ['optional.unwrap([optional.none(), optional.none()])', {}, {}, []],
    ['optional.unwrap([optional.of(42), optional.none(), optional.of("a")])', {}, {}, [42n, 'a']],
    ['optional.unwrap([optional.of(42), optional.of("a")])', {}, {}, [42n, 'a']],
    ['[].unwrapOpt()', {}, {}, []],
    ['[optional.none(), optional.none()].unwrapOpt()', {}, {}, []],
    ['[optional.of(42), optional.none(), optional.of("a")].unwrapOpt()', {}, {}, [42n, 'a']],
    ['[optional.of(42), optional.of("a")].unwrapOpt()', {}, {}, [42n, 'a']],
    ['optional.of(optional.of(1)) != dyn(optional.of(1))', {}, {}, true],
    ['(true ? optional.of(optional.of(1)) : dyn(optional.of(2))) != dyn(optional.of(1))', {}, {}, true],
  ];
  test.each(cases)('%s  %j', (expr, subst, mc, want) => {
    expect(value(expand(expr, subst), { managedCluster: mc })).toEqual(want);
  });

  test("fails has({?'foo': optional.none()}.foo.value): no such key: foo", () => {
    expect(run("has({?'foo': optional.none()}.foo.value)").error).toBe('no such key: foo');
  });

  test('fails optional.ofNonZeroValue(m.a.z).orValue(...): no such key: a (the argument errs before orValue)', () => {
    expect(run("optional.ofNonZeroValue(managedCluster.m.a.z).orValue(managedCluster.m.c['dashed-index'])", { managedCluster: { m: { c: { 'dashed-index': 'x' } } } }).error).toBe('no such key: a');
  });
});

describe('cel-go cel/library.go optional functions and macros', () => {
  test('or/orValue short-circuit: the alternative is not evaluated when a value is present', () => {
    expect(value('optional.of(1).orValue(1/0)')).toBe(1n);
    expect(value('optional.of(1).or(optional.of(1/0)).value()')).toBe(1n);
  });

  test('fails value() of none: optional.none() dereference', () => {
    expect(run('optional.none().value()').error).toBe('optional.none() dereference');
  });

  test('fails an optional list element that is not optional: a compile error', () => {
    expect(run('[?1]').compileError).toMatch(/expected type 'optional_type\(int\)' but found 'int'/);
  });

  test('fails optMap with a non-identifier variable: a compile error', () => {
    expect(run('optional.of(1).optMap(1, 2)').compileError).toMatch(/optMap\(\) variable name must be a simple identifier/);
  });

  test('optional syntax on a ManagedCluster: a claim with a default', () => {
    const mc = { managedCluster: { metadata: { labels: { region: 'eu-west' } } } };
    expect(value("managedCluster.metadata.labels[?'region'].orValue('none') == 'eu-west'", mc)).toBe(true);
    expect(value("managedCluster.metadata.?annotations[?'tier'].orValue('none') == 'none'", mc)).toBe(true);
    expect(value("managedCluster.?spec.?taints.orValue([]).size() == 0", mc)).toBe(true);
  });
});
