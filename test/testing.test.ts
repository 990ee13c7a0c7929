import { Testing } from 'cdk8s';
import { testing, ocm } from '../lib';

describe('testing helpers', () => {
  test('synthObjects renders one subtree, ordered by kind and name, as plain objects', () => {
    const chart = Testing.chart();
    const set = new ocm.ManagedClusterSet(chart, 'edge');
    const b = new ocm.ManagedCluster(chart, 'b');
    const a = new ocm.ManagedCluster(chart, 'a');
    set.addCluster(b, a);
    const objs = testing.synthObjects(chart);
    expect(testing.namesOf(objs, 'ManagedCluster')).toEqual(['a', 'b']);
    expect(objs[0].kind).toBe('ManagedClusterSet');
    expect(testing.findObject(objs, 'ManagedCluster', 'a').metadata.labels).toEqual({ 'cluster.open-cluster-management.io/clusterset': 'edge' });
    expect(testing.objectsOfKind(objs, 'ManagedCluster', 'cluster.open-cluster-management.io/v1')).toHaveLength(2);
    expect(testing.synthObjects(a)).toHaveLength(1);
  });

  test('findObject explains what exists when nothing matches', () => {
    const chart = Testing.chart();
    new ocm.ManagedCluster(chart, 'a');
    expect(() => testing.findObject(testing.synthObjects(chart), 'ManagedCluster', 'z')).toThrow(/expected one ManagedCluster "z", found 0; ManagedCluster objects present: a/);
  });

  test('synthObjects runs the subtree validations', () => {
    // a Placement whose namespace has no binding fails only in a validation, not while rendering
    const chart = Testing.chart();
    new ocm.Placement(chart, 'p', { namespace: 'ops' });
    expect(() => testing.synthObjects(chart)).toThrow(/Validation failed[\s\S]*namespace "ops" has no ManagedClusterSetBinding/);
  });
});
