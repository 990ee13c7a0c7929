import { dnsLabelProblem, dnsSubdomainProblem, labelKeyProblem, labelValueProblem, validateLabels, sortedRecord } from '../../lib/core';

describe('names', () => {
  test('DNS-1123 labels', () => {
    expect(dnsLabelProblem('prod-eu-1')).toBeUndefined();
    expect(dnsLabelProblem('Prod')).toMatch(/lower-case/);
    expect(dnsLabelProblem('-a')).toMatch(/start and end/);
    expect(dnsLabelProblem('a'.repeat(64))).toMatch(/at most 63/);
    expect(dnsLabelProblem('')).toMatch(/empty/);
    expect(dnsLabelProblem('a.b')).toBeDefined();
  });

  test('DNS-1123 subdomains allow dots', () => {
    expect(dnsSubdomainProblem('a.b-c')).toBeUndefined();
    expect(dnsSubdomainProblem('a..b')).toBeDefined();
    expect(dnsSubdomainProblem('a'.repeat(254))).toMatch(/253/);
  });

  test('label keys and values', () => {
    expect(labelKeyProblem('cluster.open-cluster-management.io/clusterset')).toBeUndefined();
    expect(labelKeyProblem('env')).toBeUndefined();
    expect(labelKeyProblem('a/b/c')).toMatch(/one "\/"/);
    expect(labelKeyProblem('Bad_Prefix/x')).toMatch(/prefix/);
    expect(labelKeyProblem('-x')).toMatch(/name part/);
    expect(labelValueProblem('')).toBeUndefined();
    expect(labelValueProblem('v1.2_3')).toBeUndefined();
    expect(labelValueProblem('has space')).toBeDefined();
    expect(labelValueProblem('a'.repeat(64))).toMatch(/63/);
  });

  test('fails with the subject, the bad value and the rule', () => {
    expect(() => validateLabels('ManagedCluster "x"', { 'env': 'prod uction' })).toThrow(/ManagedCluster "x": label env="prod uction" has an invalid value/);
    expect(() => validateLabels('ManagedCluster "x"', { '-bad': 'v' })).toThrow(/label key "-bad" is invalid/);
  });

  test('empty maps are omitted; keys are sorted', () => {
    expect(sortedRecord({})).toBeUndefined();
    expect(Object.keys(sortedRecord({ b: 1, a: 2 })!)).toEqual(['a', 'b']);
  });
});
