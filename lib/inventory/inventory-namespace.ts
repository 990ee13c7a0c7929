import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { describeValue, fail } from '../core/errors';
import { validateDnsLabel, validateLabels } from '../core/names';
import { FleetResource } from '../core/resource';
import { InventoryLabels } from './labels';

/** Props of {@link InventoryNamespace}. */
export interface InventoryNamespaceProps {
  /**
   * The namespace name.
   * @default - the construct id
   */
  readonly name?: string;
  /** The cluster set whose ClusterProfiles the namespace holds (the ManagedClusterSet name for OCM). */
  readonly clusterSet: string;
}

/**
 * The namespace holding an inventory's ClusterProfiles, labelled
 * `multicluster.x-k8s.io/clusterset=<set>` as the SIG-Multicluster API asks.
 */
export class InventoryNamespace extends FleetResource {
  /** Labels an existing Namespace object (e.g. one the Hub created for a binding) with its cluster set. */
  public static label(namespace: ApiObject, clusterSet: string): void {
    if (!(namespace instanceof ApiObject)) fail('InventoryNamespace.label', `needs the Namespace ApiObject to label, got ${describeValue(namespace)}; e.g. InventoryNamespace.label(new KubeNamespace(chart, 'ns'), 'prod')`);
    validateLabels(`Namespace "${namespace.name}"`, { [InventoryLabels.CLUSTER_SET]: clusterSet });
    namespace.metadata.addLabel(InventoryLabels.CLUSTER_SET, clusterSet);
  }

  /** The namespace name. */
  public readonly name: string;
  /** The cluster set. */
  public readonly clusterSet: string;
  /** The generated L1 object. */
  public readonly apiObject: ApiObject;
  /** Cluster-scoped: no namespace. */
  public get namespace(): string | undefined {
    return undefined;
  }

  constructor(scope: Construct, id: string, props: InventoryNamespaceProps) {
    super(scope, id);
    this.name = props?.name ?? id;
    if (!props || typeof props.clusterSet !== 'string' || !props.clusterSet) {
      fail(`Namespace "${this.name}"`, `needs clusterSet: the cluster set whose ClusterProfiles the namespace holds (the ManagedClusterSet name), got ${JSON.stringify(props?.clusterSet)}`);
    }
    this.clusterSet = props.clusterSet;
    validateDnsLabel(`Namespace "${this.name}"`, 'name', this.name);
    validateLabels(`Namespace "${this.name}"`, { [InventoryLabels.CLUSTER_SET]: this.clusterSet });
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: this.name, labels: { [InventoryLabels.CLUSTER_SET]: this.clusterSet } },
    });
  }
}
