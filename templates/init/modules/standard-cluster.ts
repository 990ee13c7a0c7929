import { Construct } from 'constructs';
import { ocm } from 'cdk-fleet';

/** Props of {@link StandardCluster}. */
export interface StandardClusterProps {
  /** The environment: `production` or `staging`. */
  readonly env: 'production' | 'staging';
  /** The region (`eu`, `us`, ...). */
  readonly region: string;
  /** The environment's cluster set. */
  readonly clusterSet: ocm.ManagedClusterSet;
  /**
   * The region's canary: first wave of every progressive rollout.
   * @default false
   */
  readonly canary?: boolean;
}

/**
 * The platform team's module: a managed cluster with the labels and set membership every cluster
 * of the organisation must carry. Test it like any construct (modules/standard-cluster.test.ts).
 */
export class StandardCluster extends Construct {
  /** The managed cluster. */
  public readonly cluster: ocm.ManagedCluster;

  constructor(scope: Construct, id: string, props: StandardClusterProps) {
    super(scope, id);
    if (!/^[a-z]{2}$/.test(props.region)) throw new Error(`StandardCluster "${id}": region ${JSON.stringify(props.region)} must be a two-letter code such as "eu"`);
    this.cluster = new ocm.ManagedCluster(this, 'Cluster', {
      name: id,
      labels: { env: props.env, region: props.region, canary: props.canary ? 'true' : 'false' },
    });
    props.clusterSet.addCluster(this.cluster);
  }
}
