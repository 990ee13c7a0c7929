/**
 * The OCM and SIG-Multicluster inventory vocabulary shared by the L2 constructs (lib/ocm, lib/inventory)
 * and the simulators (lib/plan): well-known labels, taints and annotations.
 *
 * Pure TypeScript: no cdk8s / cdktf imports. Facts: ../shared/reference/ocm.md.
 */

/** Label key that puts a ManagedCluster into an `ExclusiveClusterSetLabel` ManagedClusterSet. */
export const OCM_CLUSTER_SET_LABEL = 'cluster.open-cluster-management.io/clusterset';
/** The cluster name label OCM stamps on ClusterProfiles and CSRs. */
export const OCM_CLUSTER_NAME_LABEL = 'open-cluster-management.io/cluster-name';
/** The taint the hub puts on clusters whose Available condition is missing or Unknown. */
export const OCM_UNREACHABLE_TAINT = 'cluster.open-cluster-management.io/unreachable';
/** The taint the hub puts on clusters whose Available condition is False. */
export const OCM_UNAVAILABLE_TAINT = 'cluster.open-cluster-management.io/unavailable';
/** Prefix of the add-on availability labels the hub maintains on ManagedClusters (`feature.open-cluster-management.io/addon-<name>`). */
export const OCM_ADDON_LABEL_PREFIX = 'feature.open-cluster-management.io/addon-';
/** The annotation on a ClusterManagementAddOn that says who manages its lifecycle (`self` or `addon-manager`). */
export const OCM_ADDON_LIFECYCLE_ANNOTATION = 'addon.open-cluster-management.io/lifecycle';

/** The cluster manager name OCM writes on the ClusterProfiles it manages. */
export const OCM_CLUSTER_MANAGER = 'open-cluster-management';
/** On every SIG ClusterProfile: the cluster manager, equal to `spec.clusterManager.name`. */
export const INVENTORY_CLUSTER_MANAGER_LABEL = 'x-k8s.io/cluster-manager';
/** On the inventory namespace (and, from OCM, on each SIG ClusterProfile): the cluster set. */
export const INVENTORY_CLUSTER_SET_LABEL = 'multicluster.x-k8s.io/clusterset';
