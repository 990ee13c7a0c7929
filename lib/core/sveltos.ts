/**
 * The Sveltos vocabulary shared by the L2 constructs (lib/sveltos, lib/inventory) and the simulators
 * (lib/plan/sveltos): apiVersions, well-known labels and annotations, the cluster model, and the two
 * bridges that create SveltosClusters (sveltos-ocm-addon, clusterinventory-controller).
 *
 * Pure TypeScript: no cdk8s / cdktf imports. Facts: ../shared/reference/sveltos.md.
 */
import { fail } from './errors';

/** apiVersion of SveltosCluster, ClusterSet and Set (`lib.projectsveltos.io/v1beta1`). */
export const SVELTOS_LIB_API_VERSION = 'lib.projectsveltos.io/v1beta1';
/** apiVersion of ClusterProfile and Profile (`config.projectsveltos.io/v1beta1`). */
export const SVELTOS_CONFIG_API_VERSION = 'config.projectsveltos.io/v1beta1';
/** apiVersion of the CAPI Cluster that libsveltos is built against (`cluster.x-k8s.io/v1beta2`). */
export const CAPI_CLUSTER_API_VERSION = 'cluster.x-k8s.io/v1beta2';
/** The pause annotation of a (Cluster)Profile: any value pauses reconciliation. */
export const PROFILE_PAUSED_ANNOTATION = 'profile.projectsveltos.io/paused';
/** The sharding annotation on a cluster (`sharding.projectsveltos.io/key`). */
export const SHARD_ANNOTATION = 'sharding.projectsveltos.io/key';
/** The Secret type Sveltos requires for Secrets read through policyRefs / valuesFrom / patchesFrom. */
export const SVELTOS_SECRET_TYPE = 'addons.projectsveltos.io/cluster-profile';
/** Annotation that marks a referenced ConfigMap / Secret as a Go template. */
export const SVELTOS_TEMPLATE_ANNOTATION = 'projectsveltos.io/template';
/** Annotation that marks a referenced ConfigMap / Secret as a Lua program. */
export const SVELTOS_LUA_ANNOTATION = 'projectsveltos.io/lua';
/** Default `tier` of a (Cluster)Profile and of a policyRef / kustomizationRef (CRD default). */
export const DEFAULT_SVELTOS_TIER = 100;

/** Label the promotion controller puts on the ClusterProfiles it creates (value: the promotion name). @internal */
export const PROMOTION_NAME_LABEL = 'config.projectsveltos.io/promotionname';
/** Annotation the promotion controller puts on a stage's ClusterProfile (value: the stage name). @internal */
export const PROMOTION_STAGE_ANNOTATION = 'config.projectsveltos.io/stagename';

/** The label clusterinventory-controller adds to every SveltosCluster it manages. */
export const CLUSTER_INVENTORY_MANAGED_BY_LABEL = 'clusterinventory.projectsveltos.io/managed-by';

/** The two kinds of cluster Sveltos manages. */
export type SveltosClusterKind = 'SveltosCluster' | 'Cluster';
/** `status.connectionStatus` of a SveltosCluster. */
export type SveltosConnectionStatus = 'Healthy' | 'Down';
/** A cluster Sveltos can program: a SveltosCluster or a CAPI Cluster. */
export interface SveltosClusterModel {
  /** `SveltosCluster` or CAPI `Cluster`. */
  readonly kind: SveltosClusterKind;
  /** The apiVersion (`lib.projectsveltos.io/v1beta1` or `cluster.x-k8s.io/v1beta2`). */
  readonly apiVersion: string;
  /** The namespace the cluster object lives in. */
  readonly namespace: string;
  /** The cluster object's name. */
  readonly name: string;
  /** metadata.labels: what clusterSelector sees. */
  readonly labels: Readonly<Record<string, string>>;
  /**
   * metadata.annotations.
   * @default - none
   */
  readonly annotations?: Readonly<Record<string, string>>;
  /**
   * Ready to be configured: SveltosCluster `status.ready`; CAPI `status.initialization.controlPlaneInitialized`
   * or condition ControlPlaneInitialized=True.
   */
  readonly ready: boolean;
  /** `spec.paused` (both kinds). */
  readonly paused: boolean;
  /**
   * SveltosCluster `status.connectionStatus`; ClusterSet/Set drop `Down` clusters.
   * @default - unknown (treated as Healthy)
   */
  readonly connectionStatus?: SveltosConnectionStatus;
  /**
   * True when metadata.deletionTimestamp is set: a cluster being deleted never matches a selector.
   * @default false
   */
  readonly deleting?: boolean;
  /**
   * True when the object (labels and status) was read from a real hub (an inventory), not predicted.
   * @default false
   */
  readonly observed?: boolean;
  /**
   * Why the cluster is not ready, for explanations (`status.ready is false on the hub`, ...).
   * @default - none given
   */
  readonly notReadyReason?: string;
}

// ---------------------------------------------------------------------------------------------
// bridges that create SveltosClusters

/** Options of the sveltos-ocm-addon mapping (SveltosOCMCluster spec). */
export interface SveltosOcmAddonOptions {
  /**
   * `spec.labelSync`: copy every ManagedCluster label (additive, never removed).
   * @default true
   */
  readonly labelSync?: boolean;
  /**
   * `spec.shard`: sets annotation `sharding.projectsveltos.io/key`.
   * @default - none
   */
  readonly shard?: string;
  /**
   * Labels already on the SveltosCluster (kept: label sync is additive).
   * @default - none
   */
  readonly existingLabels?: Readonly<Record<string, string>>;
  /**
   * Whether to model the SveltosCluster as ready (sc-manager reached the spoke through cluster-proxy).
   * @default true
   */
  readonly ready?: boolean;
}

/** What sveltos-ocm-addon writes on the hub for one ManagedCluster. */
export interface SveltosOcmAddonMapping {
  /** The SveltosCluster object (no status). */
  readonly sveltosCluster: Record<string, unknown>;
  /** The kubeconfig Secret (without the token: a reference only). */
  readonly secret: { readonly namespace: string; readonly name: string; readonly key: string; readonly server: string };
  /** The SveltosOCMCluster status entry. */
  readonly registeredCluster: { readonly clusterName: string; readonly clusterNamespace: string; readonly sveltosClusterCreated: boolean };
  /** The cluster as the simulator sees it. */
  readonly cluster: SveltosClusterModel;
}

/**
 * What guilhem/sveltos-ocm-addon creates for a ManagedCluster `<c>`: SveltosCluster `<c>/<c>` with
 * kubeconfigName `<c>-sveltos-kubeconfig` / key `kubeconfig`, pointing at the cluster-proxy user server
 * `https://cluster-proxy-addon-user.open-cluster-management-addon.svc:9092/<c>`; ManagedCluster labels copied
 * verbatim when labelSync (additive), shard as an annotation.
 */
export function sveltosClusterFromManagedCluster(managedCluster: { metadata?: { name?: string; labels?: Record<string, string> }; name?: string; labels?: Record<string, string> }, options: SveltosOcmAddonOptions = {}): SveltosOcmAddonMapping {
  const name = managedCluster.metadata?.name ?? managedCluster.name;
  if (!name) fail('ManagedCluster', 'metadata.name is missing');
  const mcLabels = managedCluster.metadata?.labels ?? managedCluster.labels ?? {};
  const labels: Record<string, string> = { ...(options.existingLabels ?? {}) };
  if (options.labelSync ?? true) Object.assign(labels, mcLabels);
  const annotations: Record<string, string> = {};
  if (options.shard) annotations[SHARD_ANNOTATION] = options.shard;
  const secretName = `${name}-sveltos-kubeconfig`;
  const metadata: Record<string, unknown> = { name, namespace: name };
  if (Object.keys(labels).length) metadata.labels = labels;
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  return {
    sveltosCluster: {
      apiVersion: SVELTOS_LIB_API_VERSION,
      kind: 'SveltosCluster',
      metadata,
      spec: { kubeconfigName: secretName, kubeconfigKeyName: 'kubeconfig' },
    },
    secret: { namespace: name, name: secretName, key: 'kubeconfig', server: `https://cluster-proxy-addon-user.open-cluster-management-addon.svc:9092/${name}` },
    registeredCluster: { clusterName: name, clusterNamespace: name, sveltosClusterCreated: true },
    cluster: {
      kind: 'SveltosCluster',
      apiVersion: SVELTOS_LIB_API_VERSION,
      namespace: name,
      name,
      labels,
      annotations: Object.keys(annotations).length ? annotations : undefined,
      ready: options.ready ?? true,
      paused: false,
    },
  };
}

/**
 * What projectsveltos/clusterinventory-controller creates for a SIG-Multicluster ClusterProfile
 * (multicluster.x-k8s.io): SveltosCluster `<ns>/<name>` (same namespace and name) whose labels are REPLACED by the
 * ClusterProfile's labels plus `clusterinventory.projectsveltos.io/managed-by: clusterinventory-controller`, and
 * kubeconfig Secret `<name>-sveltos-kubeconfig` (key `kubeconfig`).
 * @param ready whether to model the SveltosCluster as ready (default true)
 */
export function sveltosClusterFromInventoryClusterProfile(clusterProfile: { metadata?: { name?: string; namespace?: string; labels?: Record<string, string> }; spec?: { displayName?: string } }, ready = true): SveltosClusterModel & { readonly kubeconfigSecret: string } {
  const name = clusterProfile.metadata?.name;
  const namespace = clusterProfile.metadata?.namespace;
  if (!name || !namespace) fail('multicluster.x-k8s.io ClusterProfile', 'metadata.name and metadata.namespace are required');
  const annotations = clusterProfile.spec?.displayName ? { 'clusterinventory.projectsveltos.io/display-name': clusterProfile.spec.displayName } : undefined;
  return {
    kind: 'SveltosCluster',
    apiVersion: SVELTOS_LIB_API_VERSION,
    namespace,
    name,
    labels: { ...(clusterProfile.metadata?.labels ?? {}), [CLUSTER_INVENTORY_MANAGED_BY_LABEL]: 'clusterinventory-controller' },
    annotations,
    ready,
    paused: false,
    kubeconfigSecret: `${name}-sveltos-kubeconfig`,
  };
}
