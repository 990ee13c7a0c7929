import { Construct } from 'constructs';
import { ocm } from '../../lib';

/** Props of {@link ProductionCluster}. */
export interface ProductionClusterProps {
  /** The data centre (`dc1`, `dc2`). */
  readonly dc: string;
  /** The production cluster set the cluster joins. */
  readonly clusterSet: ocm.ManagedClusterSet;
  /**
   * Marks the cluster as its data centre's canary (first wave of every progressive rollout).
   * @default false
   */
  readonly canary?: boolean;
  /**
   * The spoke API server URL.
   * @default - reported by the klusterlet
   */
  readonly apiServerUrl?: string;
}

/**
 * A reusable module, as a platform team would write one on top of cdk-fleet: a production
 * ManagedCluster with the labels, claims and set membership the organisation requires.
 * Every production cluster gets `env=production`, `dc`, `tier=gold`, a `canary` label and the
 * region claim, and joins the production set.
 */
export class ProductionCluster extends Construct {
  /** The managed cluster. */
  public readonly cluster: ocm.ManagedCluster;

  constructor(scope: Construct, id: string, props: ProductionClusterProps) {
    super(scope, id);
    if (!/^dc[0-9]+$/.test(props.dc)) {
      throw new Error(`ProductionCluster "${id}": dc ${JSON.stringify(props.dc)} must look like dc1, dc2, ...`);
    }
    this.cluster = new ocm.ManagedCluster(this, 'Cluster', {
      name: id,
      labels: {
        env: 'production',
        dc: props.dc,
        tier: 'gold',
        canary: props.canary ? 'true' : 'false',
      },
      claims: { 'region.open-cluster-management.io': props.dc === 'dc1' ? 'eu-central' : 'eu-west' },
      apiServerUrl: props.apiServerUrl,
    });
    props.clusterSet.addCluster(this.cluster);
  }
}
