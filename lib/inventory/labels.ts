import { CLUSTER_INVENTORY_MANAGED_BY_LABEL } from '../plan/sveltos/model';

/** The cluster manager name OCM writes on the ClusterProfiles it manages. */
export const OCM_CLUSTER_MANAGER = 'open-cluster-management';

/** Well-known label keys of the SIG-Multicluster inventory and its producers and consumers. */
export class InventoryLabels {
  /** On every ClusterProfile: the cluster manager, equal to `spec.clusterManager.name`. */
  public static readonly CLUSTER_MANAGER = 'x-k8s.io/cluster-manager';
  /** On the inventory namespace (and, from OCM, on each ClusterProfile): the cluster set. */
  public static readonly CLUSTER_SET = 'multicluster.x-k8s.io/clusterset';
  /** OCM's cluster-name label on the ClusterProfiles it manages. */
  public static readonly OCM_CLUSTER_NAME = 'open-cluster-management.io/cluster-name';
  /** On a ManagedServiceAccount: copy its token next to every ClusterProfile of the cluster. */
  public static readonly SYNC_TO_CLUSTER_PROFILE = 'authentication.open-cluster-management.io/sync-to-clusterprofile';
  /** Sveltos' clusterinventory-controller marks the SveltosClusters it creates with this label. */
  public static readonly SVELTOS_MANAGED_BY = CLUSTER_INVENTORY_MANAGED_BY_LABEL;
}
