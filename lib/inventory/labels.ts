import { INVENTORY_CLUSTER_MANAGER_LABEL, INVENTORY_CLUSTER_SET_LABEL, OCM_CLUSTER_NAME_LABEL } from '../core/ocm';
import { CLUSTER_INVENTORY_MANAGED_BY_LABEL } from '../core/sveltos';

export { OCM_CLUSTER_MANAGER } from '../core/ocm';

/** Well-known label keys of the SIG-Multicluster inventory and its producers and consumers. */
export class InventoryLabels {
  /** On every ClusterProfile: the cluster manager, equal to `spec.clusterManager.name`. */
  public static readonly CLUSTER_MANAGER = INVENTORY_CLUSTER_MANAGER_LABEL;
  /** On the inventory namespace (and, from OCM, on each ClusterProfile): the cluster set. */
  public static readonly CLUSTER_SET = INVENTORY_CLUSTER_SET_LABEL;
  /** OCM's cluster-name label on the ClusterProfiles it manages. */
  public static readonly OCM_CLUSTER_NAME = OCM_CLUSTER_NAME_LABEL;
  /** On a ManagedServiceAccount: copy its token next to every ClusterProfile of the cluster. */
  public static readonly SYNC_TO_CLUSTER_PROFILE = 'authentication.open-cluster-management.io/sync-to-clusterprofile';
  /** Sveltos' clusterinventory-controller marks the SveltosClusters it creates with this label. */
  public static readonly SVELTOS_MANAGED_BY = CLUSTER_INVENTORY_MANAGED_BY_LABEL;
}
