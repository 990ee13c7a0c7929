import { convertRemovedVersion, goYamlPlainScalar, parseSelectorString } from '../../lib/plan/input/convert';

describe('how kubectl reads a plain YAML scalar (go-yaml v2, YAML 1.1)', () => {
  test.each([
    ['yes', { type: 'bool', value: true }], ['On', { type: 'bool', value: true }], ['y', { type: 'bool', value: true }],
    ['NO', { type: 'bool', value: false }], ['off', { type: 'bool', value: false }], ['false', { type: 'bool', value: false }],
    ['~', { type: 'null' }], ['null', { type: 'null' }],
    ['1.31', { type: 'float', value: 1.31 }], ['1.30', { type: 'float', value: 1.3 }], ['1e3', { type: 'float', value: 1000 }],
    ['42', { type: 'int', value: 42 }], ['1_000', { type: 'int', value: 1000 }], ['0x1F', { type: 'int', value: 31 }],
    ['0777', { type: 'int', value: 511 }], ['0o17', { type: 'int', value: 15 }], ['-0b101', { type: 'int', value: -5 }],
    ['prod', { type: 'string', value: 'prod' }], ['v1.31', { type: 'string', value: 'v1.31' }], ['2024-01-01', { type: 'string', value: '2024-01-01' }],
    ['1.2.3', { type: 'string', value: '1.2.3' }], ['yes-please', { type: 'string', value: 'yes-please' }],
  ])('%s', (text, want) => {
    expect(goYamlPlainScalar(text)).toEqual(want);
  });
});

describe('metav1.ParseToLabelSelector, for Sveltos v1alpha1 selectors', () => {
  test('equality gives matchLabels; in, notin, exists and !key give sorted expressions', () => {
    expect(parseSelectorString('env=prod, tier in (b,a), !legacy, gpu, zone notin (z1)')).toEqual({
      selector: {
        matchLabels: { env: 'prod' },
        matchExpressions: [
          { key: 'gpu', operator: 'Exists' },
          { key: 'legacy', operator: 'DoesNotExist' },
          { key: 'tier', operator: 'In', values: ['a', 'b'] },
          { key: 'zone', operator: 'NotIn', values: ['z1'] },
        ],
      },
    });
    expect(parseSelectorString('env==prod')).toEqual({ selector: { matchLabels: { env: 'prod' } } });
    expect(parseSelectorString('')).toEqual({ selector: {} });
  });

  test('fails on operators ParseToLabelSelector refuses and on broken syntax', () => {
    expect(parseSelectorString('env!=prod')).toEqual({ error: '"!=" is not a valid label selector operator (the conversion refuses it)' });
    expect(parseSelectorString('size>3')).toEqual({ error: '">" is not a valid label selector operator (the conversion refuses it)' });
    expect(parseSelectorString('tier in a')).toEqual({ error: 'expected "(" after in' });
    expect(parseSelectorString('env=prod,')).toEqual({ error: 'expected a requirement after ","' });
  });
});

describe('objects of removed versions, read as the served version', () => {
  test('a v1beta1 ManagedClusterSet: LegacyClusterSetLabel is ExclusiveClusterSetLabel', () => {
    const o = { apiVersion: 'cluster.open-cluster-management.io/v1beta1', kind: 'ManagedClusterSet', metadata: { name: 'a' }, spec: { clusterSelector: { selectorType: 'LegacyClusterSetLabel' } } };
    expect(convertRemovedVersion(o, 'cluster.open-cluster-management.io', 'v1beta2')).toEqual({ note: 'selectorType LegacyClusterSetLabel read as ExclusiveClusterSetLabel, as the v1beta1 to v1beta2 conversion did' });
    expect(o).toEqual({ apiVersion: 'cluster.open-cluster-management.io/v1beta2', kind: 'ManagedClusterSet', metadata: { name: 'a' }, spec: { clusterSelector: { selectorType: 'ExclusiveClusterSetLabel' } } });
  });

  test('a v1alpha1 Sveltos ClusterSet: the selector string becomes a label selector', () => {
    const o: any = { apiVersion: 'lib.projectsveltos.io/v1alpha1', kind: 'ClusterSet', metadata: { name: 's' }, spec: { clusterSelector: 'env=prod' } };
    convertRemovedVersion(o, 'lib.projectsveltos.io', 'v1beta1');
    expect(o.spec.clusterSelector).toEqual({ matchLabels: { env: 'prod' } });
  });

  test('fails when the v1alpha1 conversion would have failed', () => {
    const o = { apiVersion: 'config.projectsveltos.io/v1alpha1', kind: 'ClusterProfile', metadata: { name: 'p' }, spec: { clusterSelector: 'env!=dev' } };
    expect(convertRemovedVersion(o, 'config.projectsveltos.io', 'v1beta1')).toEqual({
      error: 'spec.clusterSelector "env!=dev" cannot be converted to a v1beta1 label selector: "!=" is not a valid label selector operator (the conversion refuses it); write spec.clusterSelector as {matchLabels: ...} with apiVersion config.projectsveltos.io/v1beta1',
    });
  });
});
