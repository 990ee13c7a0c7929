// Semantic versions: kubernetes/apiserver v0.35.4 pkg/cel/library/semver_test.go (TestSemver). OCM
// builds SemverLib() without options, i.e. version 0, so the cases upstream runs at version 1
// (the normalizing two-argument overloads) are compile errors here.
import { run, value } from './harness';

describe('kubernetes/apiserver pkg/cel/library/semver_test.go TestSemver (version 0)', () => {
  const cases: [string, string, unknown][] = [
    ['parse', 'semver("1.2.3") == semver("1.2.3+build")', true],
    ['isSemver', 'isSemver("1.2.3-beta.1+build.1")', true],
    ['isSemver_empty_false', 'isSemver("")', false],
    ['isSemver_v_prefix_false', 'isSemver("v1.0.0")', false],
    ['isSemver_v_leading_whitespace_false', 'isSemver(" 1.0.0")', false],
    ['isSemver_v_contains_whitespace_false', 'isSemver("1. 0.0")', false],
    ['isSemver_v_trailing_whitespace_false', 'isSemver("1.0.0 ")', false],
    ['isSemver_leading_zeros_false', 'isSemver("01.01.01")', false],
    ['isSemver_major_only_false', 'isSemver("1")', false],
    ['isSemver_major_minor_only_false', 'isSemver("1.1")', false],
    ['equality_reflexivity', 'semver("1.2.3") == semver("1.2.3")', true],
    ['inequality', 'semver("1.2.3") == semver("1.0.0")', false],
    ['semver_less', 'semver("1.0.0").isLessThan(semver("1.2.3"))', true],
    ['semver_less_false', 'semver("1.0.0").isLessThan(semver("1.0.0"))', false],
    ['semver_greater', 'semver("1.2.3").isGreaterThan(semver("1.0.0"))', true],
    ['semver_greater_false', 'semver("1.0.0").isGreaterThan(semver("1.0.0"))', false],
    ['compare_equal', 'semver("1.2.3").compareTo(semver("1.2.3"))', 0n],
    ['compare_less', 'semver("1.0.0").compareTo(semver("1.2.3"))', -1n],
    ['compare_greater', 'semver("1.2.3").compareTo(semver("1.0.0"))', 1n],
    ['major', 'semver("1.2.3").major()', 1n],
    ['minor', 'semver("1.2.3").minor()', 2n],
    ['patch', 'semver("1.2.3").patch()', 3n],
  ];
  test.each(cases)('%s: %s', (_name, expr, want) => {
    expect(value(expr)).toEqual(want);
  });

  test('fails parseInvalidVersion: semver("v1.0") has no Major.Minor.Patch elements', () => {
    expect(run('semver("v1.0")').error).toBe('No Major.Minor.Patch elements found');
  });

  test('fails isSemver_noOverload: isSemver([1, 2, 3])', () => {
    expect(run('isSemver([1, 2, 3])').compileError).toMatch(/found no matching overload for 'isSemver' applied to '\(list\(int\)\)'/);
  });

  test.each([
    ['isSemver_empty_normalize_false', 'isSemver("", true)'],
    ['isSemver_v_prefix_normalize_true', 'isSemver("v1.0.0", true)'],
    ['isSemver_leading_zeros_normalize_true', 'isSemver("01.01.01", true)'],
    ['isSemver_major_only_normalize_true', 'isSemver("1", true)'],
    ['equality_normalize', 'semver("v01.01", true) == semver("1.1.0")'],
  ])('fails %s (a version 1 overload): %s', (_name, expr) => {
    expect(run(expr).compileError).toMatch(/found no matching overload for '(isSemver|semver)' applied to '\(string, bool\)'/);
  });
});

describe('github.com/blang/semver/v4 Compare and Parse, as the semver library uses them', () => {
  test.each([
    ['semver("1.0.0-alpha").isLessThan(semver("1.0.0-alpha.1"))', true],
    ['semver("1.0.0-alpha.1").isLessThan(semver("1.0.0-alpha.beta"))', true],
    ['semver("1.0.0-beta.2").isLessThan(semver("1.0.0-beta.11"))', true],
    ['semver("1.0.0-rc.1").isLessThan(semver("1.0.0"))', true],
    ['semver("1.30.2").isGreaterThan(semver("1.30.0"))', true],
    ['semver("1.30.2").compareTo(semver("1.31.0"))', -1n],
  ])('%s', (expr, want) => {
    expect(value(expr)).toBe(want);
  });

  test.each([
    ['semver("1.02.3")', 'Minor number must not contain leading zeroes "02"'],
    ['semver("1.2.3-01")', 'Numeric PreRelease version must not contain leading zeroes "01"'],
    ['semver("1.2.x")', 'Invalid character(s) found in patch number "x"'],
    ['semver("1.2.3+")', 'Build meta data is empty'],
  ])('fails %s', (expr, message) => {
    expect(run(expr).error).toBe(message);
  });

  test('fails semver comparisons with operators: Semver declares only compareTo/isLessThan/isGreaterThan', () => {
    expect(run('semver("1.30.0") < semver("1.31.0")').compileError).toMatch(/found no matching overload for '_<_' applied to '\(kubernetes.Semver, kubernetes.Semver\)'/);
  });
});
