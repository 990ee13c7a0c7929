// Kubernetes regex functions: k8s.io/apiextensions-apiserver v0.35.4
// pkg/apiserver/schema/cel/validation_test.go TestValidationExpressions, case "stdlib regex
// functions" (with `self.str` bound as managedCluster.str). A constant pattern that does not
// compile fails program instantiation (Misconfigured); `matches` has no such optimization in
// OCM's programs, so its bad pattern fails at evaluation.
import { run, value } from './harness';

const obj = { managedCluster: { str: 'this is a 123 string 456' } };
const bind = (e: string): string => e.replace(/self\./g, 'managedCluster.');

describe('apiextensions-apiserver schema/cel/validation_test.go TestValidationExpressions "stdlib regex functions"', () => {
  test.each([
    "self.str.find('[0-9]+') == '123'",
    "self.str.find('[0-9]+') != '456'",
    "self.str.find('xyz') == ''",
    "self.str.findAll('[0-9]+') == ['123', '456']",
    "self.str.findAll('[0-9]+', 0) == []",
    "self.str.findAll('[0-9]+', 1) == ['123']",
    "self.str.findAll('[0-9]+', 2) == ['123', '456']",
    "self.str.findAll('[0-9]+', 3) == ['123', '456']",
    "self.str.findAll('[0-9]+', -1) == ['123', '456']",
    "self.str.findAll('xyz') == []",
    "self.str.findAll('xyz', 1) == []",
  ])('%s', (expr) => {
    expect(value(bind(expr), obj)).toBe(true);
  });

  test.each([
    "self.str.find(')') == ''",
    "self.str.findAll(')') == []",
    "self.str.findAll(')', 1) == []",
  ])('fails %s: program instantiation fails on the constant pattern', (expr) => {
    expect(run(bind(expr), obj).compileError).toBe('instantiation failed: error parsing regexp: unexpected ): `)`');
  });

  test("fails self.str.matches('x++'): an invalid pattern (at evaluation in OCM's programs)", () => {
    expect(run(bind("self.str.matches('x++')"), obj).error).toBe('error parsing regexp: invalid nested repetition operator: `++`');
  });
});

describe("kubernetes/apiserver pkg/cel/library/regex.go and Go's regexp (RE2) semantics", () => {
  test.each([
    ["'abc123'.find('[0-9]+')", '123'],
    ["'a1b2c3'.findAll('[a-z]')", ['a', 'b', 'c']],
    ["'baaab'.findAll('a*')", ['', 'aaa', '']],
    ["'Kubernetes'.find('(?i)kube')", 'Kube'],
    ["'héllo wörld'.findAll('\\\\pL+')", ['héllo', 'wörld']],
    ["'v1.30.2'.matches('^v[0-9]+\\\\.[0-9]+')", true],
  ])('%s', (expr, want) => {
    expect(value(expr)).toEqual(want);
  });

  test('fails a computed invalid pattern: "Illegal regex" at evaluation', () => {
    expect(run("'x'.find(managedCluster.re)", { managedCluster: { re: '(' } }).error).toBe('Illegal regex: error parsing regexp: missing closing ): `(`');
  });

  test('fails lookahead: RE2 has none, so the constant pattern fails instantiation', () => {
    expect(run("'abc'.find('a(?=b)')").compileError).toBe('instantiation failed: error parsing regexp: invalid or unsupported Perl syntax: `(?=`');
  });
});
