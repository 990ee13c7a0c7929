import { Testing } from 'cdk8s';
import { ocm, testing } from 'cdk-fleet';
import { StandardCluster } from './standard-cluster';

describe('StandardCluster', () => {
  function build(canary: boolean) {
    const chart = Testing.chart();
    const set = new ocm.ManagedClusterSet(chart, 'production');
    return new StandardCluster(chart, 'prod-eu-9', { env: 'production', region: 'eu', clusterSet: set, canary });
  }

  test('carries the labels and set membership every cluster must have', () => {
    const cluster = testing.findObject(testing.synthObjects(build(true)), 'ManagedCluster', 'prod-eu-9');
    expect(cluster.metadata.labels).toEqual({
      'env': 'production',
      'region': 'eu',
      'canary': 'true',
      'cluster.open-cluster-management.io/clusterset': 'production',
    });
  });

  test('fails for a region outside the convention', () => {
    const chart = Testing.chart();
    const set = new ocm.ManagedClusterSet(chart, 'production');
    expect(() => new StandardCluster(chart, 'x', { env: 'staging', region: 'frankfurt', clusterSet: set })).toThrow(/region "frankfurt" must be a two-letter code/);
  });

  test('snapshot of the module output', () => {
    expect(testing.synthObjects(build(false))).toMatchSnapshot();
  });
});
