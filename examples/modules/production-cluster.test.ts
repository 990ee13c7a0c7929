import { Testing } from 'cdk8s';
import { testing, ocm } from '../../lib';
import { ProductionCluster } from './production-cluster';

// How a platform team tests its own module built on cdk-fleet.
describe('ProductionCluster module', () => {
  function build(canary: boolean) {
    const chart = Testing.chart();
    const set = new ocm.ManagedClusterSet(chart, 'production');
    const module = new ProductionCluster(chart, 'dc2-prod-7', { dc: 'dc2', clusterSet: set, canary });
    return { chart, module };
  }

  test('carries the labels and set membership the organisation requires', () => {
    const { module } = build(true);
    const cluster = testing.findObject(testing.synthObjects(module), 'ManagedCluster', 'dc2-prod-7');
    expect(cluster.metadata.labels).toEqual({
      'env': 'production',
      'dc': 'dc2',
      'tier': 'gold',
      'canary': 'true',
      'cluster.open-cluster-management.io/clusterset': 'production',
    });
    expect(module.cluster.claims).toEqual({ 'region.open-cluster-management.io': 'eu-west' });
  });

  test('snapshot of the module output', () => {
    const { module } = build(false);
    expect(testing.synthObjects(module)).toMatchSnapshot();
  });

  test('fails for a data centre name outside the convention', () => {
    const chart = Testing.chart();
    const set = new ocm.ManagedClusterSet(chart, 'production');
    expect(() => new ProductionCluster(chart, 'x', { dc: 'frankfurt', clusterSet: set })).toThrow(/dc "frankfurt" must look like dc1, dc2/);
  });
});
