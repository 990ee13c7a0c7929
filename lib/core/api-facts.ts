// What the CLI knows about API kinds without a cluster: the CRDs' facts (generated into
// crds.generated.ts by scripts/crd-table.ts), the versions upstream removed (hand-written below,
// with the commits that removed them) and the scope of the built-in Kubernetes kinds.
import { CRD_FACTS } from './crds.generated';

/** Schema defaults: `d` the default of this node, `p` properties, `i` array items, `a` additionalProperties. @internal */
export interface DefaultNode {
  readonly d?: unknown;
  readonly p?: Readonly<Record<string, DefaultNode>>;
  readonly i?: DefaultNode;
  readonly a?: DefaultNode;
}

/** An integer, number or boolean field of a CRD schema (`spec.a[].b`; `{}` is a map value). @internal */
export interface TypedField {
  readonly path: string;
  readonly type: 'integer' | 'number' | 'boolean';
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
}

/** One version of a CRD. @internal */
export interface CrdVersionFacts {
  readonly name: string;
  readonly served: boolean;
  readonly storage: boolean;
  readonly deprecated?: boolean;
  readonly defaults?: DefaultNode;
  readonly typed?: readonly TypedField[];
}

/** One CRD: group, kind, scope and versions (`file`: where under ../shared/crds it was read). @internal */
export interface CrdKindFacts {
  readonly group: string;
  readonly kind: string;
  readonly scope: 'Namespaced' | 'Cluster';
  readonly file: string;
  readonly versions: readonly CrdVersionFacts[];
}

/** A version upstream served once and removed: where and when, for the warning. @internal */
export interface RemovedVersion {
  readonly group: string;
  readonly kinds: readonly string[];
  readonly version: string;
  /** Where it was removed, e.g. `open-cluster-management-io/api 86605928 (#179, 2022-09)`. */
  readonly removedIn: string;
}

/**
 * Versions that were served and are gone. Read from the upstream histories:
 * open-cluster-management-io/api commit 86605928 "remove API Placement PlacementDecision ClusterSet
 * ClusterSetBinding API version v1alpha1 (#179)" and 9675ab73 "remove ClusterSet ClusterSetBinding
 * API version v1beta1 (#266)"; projectsveltos/addon-controller 28b720f6 "Remove CRD version
 * v1alpha1" (api/v1alpha1/*_types.go), projectsveltos/libsveltos 660fb42 "Remove v1alpha1 APIs"
 * (api/v1alpha1/*_type.go) and projectsveltos/event-manager api/v1alpha1/eventtrigger_types.go.
 */
const REMOVED: readonly RemovedVersion[] = [
  { group: 'cluster.open-cluster-management.io', kinds: ['ManagedClusterSet', 'ManagedClusterSetBinding', 'Placement', 'PlacementDecision'], version: 'v1alpha1', removedIn: 'open-cluster-management-io/api 86605928 (#179, 2022-09)' },
  { group: 'cluster.open-cluster-management.io', kinds: ['ManagedClusterSet', 'ManagedClusterSetBinding'], version: 'v1beta1', removedIn: 'open-cluster-management-io/api 9675ab73 (#266, 2023-08)' },
  { group: 'config.projectsveltos.io', kinds: ['ClusterProfile', 'Profile', 'ClusterSummary'], version: 'v1alpha1', removedIn: 'projectsveltos/addon-controller 28b720f6 (2025-02)' },
  { group: 'lib.projectsveltos.io', kinds: ['Classifier', 'ClusterHealthCheck', 'ClusterSet', 'EventSource', 'HealthCheck', 'Set', 'SveltosCluster'], version: 'v1alpha1', removedIn: 'projectsveltos/libsveltos 660fb42 (2025-02)' },
  { group: 'lib.projectsveltos.io', kinds: ['EventTrigger'], version: 'v1alpha1', removedIn: 'projectsveltos/event-manager (its CRD now serves v1beta1 only)' },
];

/**
 * Kinds served outside a CRD file in ../shared/crds: Karmada's Cluster is an aggregated API
 * (shared/crds/karmada/cluster.karmada.io_v1alpha1_clusters.openapi.json; cluster-scoped, v1alpha1).
 */
const EXTRA: readonly CrdKindFacts[] = [
  { group: 'cluster.karmada.io', kind: 'Cluster', scope: 'Cluster', file: 'karmada/cluster.karmada.io_v1alpha1_clusters.openapi.json', versions: [{ name: 'v1alpha1', served: true, storage: true }] },
];

/**
 * Built-in kinds by `group/kind` (core group ''), with their scope, as `kubectl api-resources`
 * lists them (k8s.io/api, Kubernetes 1.33). Others are unknown: no namespace is defaulted for them.
 */
const CLUSTER_SCOPED_BUILTINS = [
  '/Namespace', '/Node', '/PersistentVolume', '/ComponentStatus',
  'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/ClusterRoleBinding',
  'apiextensions.k8s.io/CustomResourceDefinition', 'apiregistration.k8s.io/APIService',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration', 'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy', 'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'admissionregistration.k8s.io/MutatingAdmissionPolicy', 'admissionregistration.k8s.io/MutatingAdmissionPolicyBinding',
  'storage.k8s.io/StorageClass', 'storage.k8s.io/CSIDriver', 'storage.k8s.io/CSINode', 'storage.k8s.io/VolumeAttachment', 'storage.k8s.io/VolumeAttributesClass',
  'scheduling.k8s.io/PriorityClass', 'node.k8s.io/RuntimeClass',
  'networking.k8s.io/IngressClass', 'networking.k8s.io/IPAddress', 'networking.k8s.io/ServiceCIDR',
  'certificates.k8s.io/CertificateSigningRequest', 'certificates.k8s.io/ClusterTrustBundle',
  'flowcontrol.apiserver.k8s.io/FlowSchema', 'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
  'resource.k8s.io/DeviceClass', 'resource.k8s.io/ResourceSlice',
];
const NAMESPACED_BUILTINS = [
  '/ConfigMap', '/Secret', '/Service', '/ServiceAccount', '/Pod', '/PodTemplate', '/ReplicationController', '/Endpoints',
  '/Event', '/LimitRange', '/ResourceQuota', '/PersistentVolumeClaim',
  'apps/Deployment', 'apps/StatefulSet', 'apps/DaemonSet', 'apps/ReplicaSet', 'apps/ControllerRevision',
  'batch/Job', 'batch/CronJob', 'autoscaling/HorizontalPodAutoscaler', 'policy/PodDisruptionBudget',
  'networking.k8s.io/Ingress', 'networking.k8s.io/NetworkPolicy',
  'rbac.authorization.k8s.io/Role', 'rbac.authorization.k8s.io/RoleBinding',
  'coordination.k8s.io/Lease', 'discovery.k8s.io/EndpointSlice', 'events.k8s.io/Event',
  'storage.k8s.io/CSIStorageCapacity', 'resource.k8s.io/ResourceClaim', 'resource.k8s.io/ResourceClaimTemplate',
];
const BUILTIN_SCOPE = new Map<string, 'Namespaced' | 'Cluster'>([
  ...CLUSTER_SCOPED_BUILTINS.map((k) => [k, 'Cluster'] as const),
  ...NAMESPACED_BUILTINS.map((k) => [k, 'Namespaced'] as const),
]);

const BY_KIND = new Map<string, CrdKindFacts>([...CRD_FACTS, ...EXTRA].map((f) => [`${f.group}/${f.kind}`, f]));
const KINDS_OF_GROUP = new Map<string, string[]>();
for (const f of [...CRD_FACTS, ...EXTRA]) KINDS_OF_GROUP.set(f.group, [...(KINDS_OF_GROUP.get(f.group) ?? []), f.kind]);

/** Lookups over the CRD facts, the removed versions and the built-in kinds. @internal */
export class ApiFacts {
  /** The CRD of `group`/`kind`, or undefined. */
  public static crd(group: string, kind: string): CrdKindFacts | undefined {
    return BY_KIND.get(`${group}/${kind}`);
  }

  /** `Namespaced`, `Cluster` or undefined (unknown kind). */
  public static scope(group: string, kind: string): 'Namespaced' | 'Cluster' | undefined {
    return BY_KIND.get(`${group}/${kind}`)?.scope ?? BUILTIN_SCOPE.get(`${group}/${kind}`);
  }

  /** The kinds of a group that has CRDs here (empty for other groups). */
  public static kindsOf(group: string): readonly string[] {
    return KINDS_OF_GROUP.get(group) ?? [];
  }

  /** Every CRD of a kind of that name, in any group. */
  public static crdsNamed(kind: string): readonly CrdKindFacts[] {
    return [...CRD_FACTS, ...EXTRA].filter((f) => f.kind === kind);
  }

  /** The removal of `group/kind` `version`, or undefined when it never was removed. */
  public static removed(group: string, kind: string, version: string): RemovedVersion | undefined {
    return REMOVED.find((r) => r.group === group && r.version === version && r.kinds.includes(kind));
  }

  /** Every removed version (for tests). */
  public static removedVersions(): readonly RemovedVersion[] {
    return REMOVED;
  }

  /** The version a client should use: the storage version if served, else the first served one. */
  public static preferredVersion(crd: CrdKindFacts): CrdVersionFacts | undefined {
    return crd.versions.find((v) => v.served && v.storage) ?? crd.versions.find((v) => v.served);
  }

  private constructor() {}
}
