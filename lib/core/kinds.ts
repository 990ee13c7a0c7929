/**
 * Well-known Kubernetes kinds the constructs reason about without a cluster's discovery.
 *
 * Pure TypeScript: no cdk8s / cdktf imports.
 */

/** Well-known namespaced built-in kinds (`group/kind`, `''` for the core group): an object of one needs metadata.namespace. */
export const WELL_KNOWN_NAMESPACED_KINDS: ReadonlySet<string> = new Set([
  '/ConfigMap', '/Secret', '/Service', '/ServiceAccount', '/Pod', '/PersistentVolumeClaim', '/Endpoints', '/LimitRange', '/ResourceQuota',
  'apps/Deployment', 'apps/StatefulSet', 'apps/DaemonSet', 'apps/ReplicaSet', 'batch/Job', 'batch/CronJob',
  'networking.k8s.io/Ingress', 'networking.k8s.io/NetworkPolicy', 'rbac.authorization.k8s.io/Role', 'rbac.authorization.k8s.io/RoleBinding',
  'autoscaling/HorizontalPodAutoscaler', 'policy/PodDisruptionBudget',
]);

/** The API group of an apiVersion (`''` for the core group, `v1`, or anything that is not a string). @internal */
export function apiGroupOf(apiVersion: unknown): string {
  if (typeof apiVersion !== 'string') return '';
  const i = apiVersion.indexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}
