/**
 * The Sveltos model the selection simulator works on: clusters (SveltosCluster and CAPI Cluster),
 * ClusterSet / Set, ClusterProfile / Profile specs in upstream JSON field names, and the
 * ConfigMaps / Secrets that policyRefs point at (to find resource conflicts).
 *
 * Pure TypeScript: no cdk8s / cdktf imports. Facts: ../shared/reference/sveltos.md.
 */
import { apiGroupOf } from '../../core/kinds';
import { parseAllDocuments } from 'yaml';
import { fail } from '../../core/errors';
import type { LabelSelectorJson } from '../../core/selector';
import {
  CAPI_CLUSTER_API_VERSION,
  DEFAULT_SVELTOS_TIER,
  PROFILE_PAUSED_ANNOTATION,
  PROMOTION_NAME_LABEL,
  PROMOTION_STAGE_ANNOTATION,
  SVELTOS_LIB_API_VERSION,
  SVELTOS_LUA_ANNOTATION,
  SVELTOS_SECRET_TYPE,
  SVELTOS_TEMPLATE_ANNOTATION,
  sveltosClusterFromManagedCluster,
} from '../../core/sveltos';
import type { SveltosClusterModel, SveltosOcmAddonMapping, SveltosOcmAddonOptions } from '../../core/sveltos';

// The Sveltos vocabulary (apiVersions, labels, annotations) and the bridges that create SveltosClusters
// live in core (lib/core/sveltos.ts), where the L2 constructs read them too.
export {
  SVELTOS_LIB_API_VERSION,
  SVELTOS_CONFIG_API_VERSION,
  CAPI_CLUSTER_API_VERSION,
  PROFILE_PAUSED_ANNOTATION,
  SHARD_ANNOTATION,
  SVELTOS_SECRET_TYPE,
  SVELTOS_TEMPLATE_ANNOTATION,
  SVELTOS_LUA_ANNOTATION,
  DEFAULT_SVELTOS_TIER,
  PROMOTION_NAME_LABEL,
  PROMOTION_STAGE_ANNOTATION,
  CLUSTER_INVENTORY_MANAGED_BY_LABEL,
  sveltosClusterFromInventoryClusterProfile,
  sveltosClusterFromManagedCluster,
} from '../../core/sveltos';
export type { SveltosClusterKind, SveltosClusterModel, SveltosConnectionStatus, SveltosOcmAddonMapping, SveltosOcmAddonOptions } from '../../core/sveltos';

/** The cluster type Sveltos derives from the apiVersion group (`Capi` / `Sveltos`). */
export type SveltosClusterType = 'Sveltos' | 'Capi';
/** The two profile kinds. */
export type SveltosProfileKind = 'ClusterProfile' | 'Profile';
/** The two cluster-set kinds. */
export type SveltosSetKind = 'ClusterSet' | 'Set';

/** A reference to a cluster, as in `corev1.ObjectReference` (the fields Sveltos uses). */
export interface SveltosClusterRef {
  /** `SveltosCluster` or `Cluster` (CAPI). May be missing in hand-written refs. */
  readonly kind?: string;
  /** `lib.projectsveltos.io/v1beta1` or `cluster.x-k8s.io/<version>`. */
  readonly apiVersion?: string;
  /** The cluster namespace. */
  readonly namespace: string;
  /** The cluster name. */
  readonly name: string;
}

/** Spec of a ClusterSet / Set (shared Go type). */
export interface SveltosSetSpec {
  /**
   * Cluster selector; empty matches no cluster.
   * @default - none
   */
  readonly clusterSelector?: LabelSelectorJson;
  /**
   * Clusters added without label or readiness checks (a Set forces them into its namespace).
   * @default - none
   */
  readonly clusterRefs?: SveltosClusterRef[];
  /**
   * How many matching clusters to select; omitted or 0 selects NO cluster.
   * @default 0
   */
  readonly maxReplicas?: number;
}

/** Status of a ClusterSet / Set. */
export interface SveltosSetStatus {
  /**
   * Clusters currently matching.
   * @default - none
   */
  readonly matchingClusterRefs?: SveltosClusterRef[];
  /**
   * Clusters currently selected: kept while healthy and matching (stickiness).
   * @default - none
   */
  readonly selectedClusterRefs?: SveltosClusterRef[];
}

/** A ClusterSet (cluster-scoped) or a Set (namespaced). */
export interface SveltosSetModel {
  /** `ClusterSet` or `Set`. */
  readonly kind: SveltosSetKind;
  /**
   * Namespace (Set only).
   * @default - none (ClusterSet)
   */
  readonly namespace?: string;
  /** The set name, as named by a profile's `setRefs`. */
  readonly name: string;
  /**
   * The spec. When omitted the set is "observed only": the simulator uses `status.selectedClusterRefs`
   * as is (an imported set whose spec is not known).
   * @default - observed only
   */
  readonly spec?: SveltosSetSpec;
  /**
   * Current status: `selectedClusterRefs` feed stickiness.
   * @default - none
   */
  readonly status?: SveltosSetStatus;
}

/** A Helm chart entry of a profile (the fields the simulator reads; others are kept). */
export interface SveltosHelmChart {
  /** Chart repository URL. */
  readonly repositoryURL?: string;
  /** Repository name. */
  readonly repositoryName?: string;
  /** Chart name. */
  readonly chartName?: string;
  /** Chart version. */
  readonly chartVersion?: string;
  /** Helm release name (ownership unit with releaseNamespace). */
  readonly releaseName: string;
  /** Helm release namespace. */
  readonly releaseNamespace: string;
  /**
   * `Install` or `Uninstall`.
   * @default Install
   */
  readonly helmChartAction?: string;
  /** Any other upstream field. */
  readonly [key: string]: unknown;
}

/** A policyRef of a profile (ConfigMap / Secret / Flux source). */
export interface SveltosPolicyRef {
  /** `ConfigMap`, `Secret`, `GitRepository`, `OCIRepository` or `Bucket`. */
  readonly kind?: string;
  /**
   * Namespace; empty means the cluster's namespace (ClusterProfile) — forced to the Profile namespace for a Profile.
   * @default - the cluster's namespace
   */
  readonly namespace?: string;
  /** Name (may be a template). */
  readonly name?: string;
  /**
   * `Local` (management cluster) or `Remote` (managed cluster).
   * @default Remote
   */
  readonly deploymentType?: string;
  /**
   * Reference tier for conflicts between refs of the same profile.
   * @default 100
   */
  readonly tier?: number;
  /** Any other upstream field (path, optional, remoteURL, ...). */
  readonly [key: string]: unknown;
}

/** A kustomizationRef of a profile. */
export interface SveltosKustomizationRef {
  /** Source kind. */
  readonly kind?: string;
  /** Namespace. */
  readonly namespace?: string;
  /** Name. */
  readonly name?: string;
  /**
   * Reference tier for conflicts between refs of the same profile (AC:api/v1beta1/spec.go KustomizationRef.Tier).
   * @default 100
   */
  readonly tier?: number;
  /** Any other upstream field. */
  readonly [key: string]: unknown;
}

/** ClusterProfile / Profile spec in upstream JSON field names (AC:api/v1beta1/spec.go). */
export interface SveltosProfileSpec {
  /**
   * Cluster selector; an EMPTY selector matches NO cluster.
   * @default - none
   */
  readonly clusterSelector?: LabelSelectorJson;
  /**
   * Clusters added as given, without label or readiness checks.
   * @default - none
   */
  readonly clusterRefs?: SveltosClusterRef[];
  /**
   * ClusterSet names (ClusterProfile) or Set names (Profile).
   * @default - none
   */
  readonly setRefs?: string[];
  /**
   * `OneTime`, `Continuous`, `ContinuousWithDriftDetection` or `DryRun`.
   * @default Continuous
   */
  readonly syncMode?: string;
  /**
   * Conflict priority: lower wins.
   * @default 100
   */
  readonly tier?: number;
  /**
   * Keep deploying after a conflict.
   * @default false
   */
  readonly continueOnConflict?: boolean;
  /**
   * Keep deploying after an error.
   * @default false
   */
  readonly continueOnError?: boolean;
  /**
   * Max clusters updated at once: an integer, or a string that Sveltos ALWAYS reads as a percentage.
   * @default - no limit
   */
  readonly maxUpdate?: number | string;
  /**
   * `WithdrawPolicies` or `LeavePolicies`.
   * @default WithdrawPolicies
   */
  readonly stopMatchingBehavior?: string;
  /**
   * Names of profiles (same kind, same namespace for Profile) to deploy first.
   * @default - none
   */
  readonly dependsOn?: string[];
  /**
   * Helm charts.
   * @default - none
   */
  readonly helmCharts?: SveltosHelmChart[];
  /**
   * Policy references.
   * @default - none
   */
  readonly policyRefs?: SveltosPolicyRef[];
  /**
   * Kustomization references.
   * @default - none
   */
  readonly kustomizationRefs?: SveltosKustomizationRef[];
  /** Any other upstream field (templateResourceRefs, patches, validateHealths, ...). */
  readonly [key: string]: unknown;
}

/** Status of a (Cluster)Profile (the parts the simulator reads). */
export interface SveltosProfileStatus {
  /**
   * Clusters currently matching (used for a paused profile and by `getMaxUpdate`).
   * @default - none
   */
  readonly matchingClusters?: SveltosClusterRef[];
  /** Any other status field. */
  readonly [key: string]: unknown;
}

/** A ClusterProfile (cluster-scoped) or Profile (namespaced). */
export interface SveltosProfileModel {
  /** `ClusterProfile` or `Profile`. */
  readonly kind: SveltosProfileKind;
  /**
   * Namespace (Profile only).
   * @default - none (ClusterProfile)
   */
  readonly namespace?: string;
  /** The profile name. */
  readonly name: string;
  /**
   * metadata.labels (copied onto ClusterSummaries).
   * @default - none
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * metadata.annotations (`profile.projectsveltos.io/paused` pauses it).
   * @default - none
   */
  readonly annotations?: Readonly<Record<string, string>>;
  /** The spec. */
  readonly spec: SveltosProfileSpec;
  /**
   * The current status.
   * @default - none
   */
  readonly status?: SveltosProfileStatus;
}

/** Identity of a Kubernetes resource deployed to a managed cluster (the conflict unit). */
export interface SveltosResourceId {
  /** API group (`''` for the core group). */
  readonly group: string;
  /** Kind. */
  readonly kind: string;
  /** Namespace (`''` for cluster-scoped or unspecified). */
  readonly namespace: string;
  /** Name. */
  readonly name: string;
}

/** The content of a ConfigMap / Secret a policyRef points at, reduced to resource identities. */
export interface SveltosPolicySource {
  /** `ConfigMap` or `Secret`. */
  readonly kind: string;
  /** Namespace in the management cluster. */
  readonly namespace: string;
  /** Name. */
  readonly name: string;
  /** The resources its manifests declare. */
  readonly resources: SveltosResourceId[];
  /**
   * True when the content is a template or Lua: resource identities can only be known per cluster.
   * @default false
   */
  readonly templated?: boolean;
  /**
   * For a Secret: false when its type is not `addons.projectsveltos.io/cluster-profile` (Sveltos refuses it).
   * @default true
   */
  readonly typeAccepted?: boolean;
}

/** Everything the Sveltos simulator needs. */
export interface SveltosState {
  /** SveltosClusters and CAPI Clusters. */
  readonly clusters: SveltosClusterModel[];
  /** ClusterSets and Sets. */
  readonly sets: SveltosSetModel[];
  /** ClusterProfiles and Profiles. */
  readonly profiles: SveltosProfileModel[];
  /**
   * ConfigMaps / Secrets referenced by policyRefs, for resource conflict detection.
   * @default - none
   */
  readonly policySources?: SveltosPolicySource[];
  /**
   * ClusterPromotions. Their stages' ClusterProfiles (`<promotion>-<stage>`) are in `profiles` too.
   * @default - none
   */
  readonly promotions?: SveltosPromotionModel[];
}

/** The trigger of a ClusterPromotion stage (exactly one of `manual` / `auto`; AC:api/v1beta1/clusterpromotion_types.go Trigger). */
export interface SveltosPromotionTrigger {
  /**
   * Automatic promotion: `{ delay, preHealthCheckDeployment, postDelayHealthChecks, promotionWindow: { from, to } }`.
   * @default - none
   */
  readonly auto?: Record<string, unknown>;
  /**
   * Manual promotion: `{ delay, preHealthCheckDeployment, postDelayHealthChecks, approved, automaticReset }`.
   * @default - none
   */
  readonly manual?: Record<string, unknown>;
}

/** A stage of a ClusterPromotion. */
export interface SveltosPromotionStage {
  /** Stage name (its ClusterProfile is `<promotion>-<stage>`). */
  readonly name: string;
  /**
   * The stage's clusterSelector (an empty one matches no cluster).
   * @default - none
   */
  readonly clusterSelector?: LabelSelectorJson;
  /**
   * What promotes to the next stage.
   * @default - none: promote as soon as the stage is provisioned
   */
  readonly trigger?: SveltosPromotionTrigger;
}

/** A ClusterPromotion (config.projectsveltos.io/v1beta1, cluster-scoped). */
export interface SveltosPromotionModel {
  /** The promotion name. */
  readonly name: string;
  /** spec.profileSpec: the ClusterProfile spec of every stage, without selection fields. */
  readonly profileSpec: SveltosProfileSpec;
  /** spec.stages, in pipeline order. */
  readonly stages: SveltosPromotionStage[];
  /**
   * status.currentStageName, when the object comes from a hub.
   * @default - none (not started)
   */
  readonly currentStageName?: string;
}

// ---------------------------------------------------------------------------------------------
// keys and small helpers


/**
 * The cluster type of a ref as Sveltos derives it: from the apiVersion group when present
 * (`lib.projectsveltos.io` → Sveltos, `cluster.x-k8s.io` → Capi), else from the kind.
 * Returns undefined when neither tells (Sveltos needs both apiVersion and kind on a clusterRef).
 */
export function clusterTypeOfRef(ref: { kind?: string; apiVersion?: string }): SveltosClusterType | undefined {
  const group = apiGroupOf(ref.apiVersion);
  if (group === 'lib.projectsveltos.io') return 'Sveltos';
  if (group === 'cluster.x-k8s.io') return 'Capi';
  if (ref.kind === 'SveltosCluster') return 'Sveltos';
  if (ref.kind === 'Cluster') return 'Capi';
  return undefined;
}

/** The cluster type of a cluster model. */
export function clusterTypeOf(cluster: SveltosClusterModel): SveltosClusterType {
  return cluster.kind === 'SveltosCluster' ? 'Sveltos' : 'Capi';
}

/** A stable key for a cluster: `Sveltos:ns/name` or `Capi:ns/name`. */
export function clusterKeyOf(type: SveltosClusterType, namespace: string, name: string): string {
  return `${type}:${namespace}/${name}`;
}

/** The key of a cluster model (`Sveltos:ns/name`). */
export function clusterKey(cluster: SveltosClusterModel): string {
  return clusterKeyOf(clusterTypeOf(cluster), cluster.namespace, cluster.name);
}

/** Human form of a cluster: `SveltosCluster ns/name` or `Cluster ns/name`. */
export function describeCluster(cluster: { kind?: string; namespace: string; name: string }): string {
  return `${cluster.kind ?? 'cluster'} ${cluster.namespace}/${cluster.name}`;
}

/** A stable key for a profile: `ClusterProfile/name` or `Profile/ns/name`. */
export function profileKeyOf(kind: SveltosProfileKind, namespace: string | undefined, name: string): string {
  return kind === 'ClusterProfile' ? `ClusterProfile/${name}` : `Profile/${namespace ?? ''}/${name}`;
}

/** The key of a profile model. */
export function profileKey(profile: SveltosProfileModel): string {
  return profileKeyOf(profile.kind, profile.namespace, profile.name);
}

/** A stable key for a set: `ClusterSet/name` or `Set/ns/name`. */
export function setKeyOf(kind: SveltosSetKind, namespace: string | undefined, name: string): string {
  return kind === 'ClusterSet' ? `ClusterSet/${name}` : `Set/${namespace ?? ''}/${name}`;
}

/** The reference a profile or set puts in its status for a cluster model. */
export function refOfCluster(cluster: SveltosClusterModel): SveltosClusterRef {
  return { kind: cluster.kind, apiVersion: cluster.apiVersion, namespace: cluster.namespace, name: cluster.name };
}

/** The effective tier of a profile (`spec.tier`, default 100). */
export function profileTier(profile: SveltosProfileModel): number {
  const t = profile.spec.tier;
  return typeof t === 'number' && Number.isFinite(t) ? t : DEFAULT_SVELTOS_TIER;
}

/**
 * The effective tier of a policyRef / kustomizationRef (`tier`, CRD default 100, minimum 1). It only orders refs of
 * the SAME profile (AC:api/v1beta1/spec.go PolicyRef.Tier, KustomizationRef.Tier).
 * @internal
 */
export function referenceTier(ref: { readonly tier?: unknown }): number {
  const t = ref.tier;
  return typeof t === 'number' && Number.isFinite(t) ? t : DEFAULT_SVELTOS_TIER;
}

/** True when the profile carries the pause annotation. */
export function isProfilePaused(profile: SveltosProfileModel): boolean {
  return !!profile.annotations && Object.prototype.hasOwnProperty.call(profile.annotations, PROFILE_PAUSED_ANNOTATION);
}

/**
 * The name of the ClusterSummary Sveltos creates for (profile, cluster), in the cluster's namespace:
 * ClusterProfile → `<profile>-<capi|sveltos>-<cluster>`, Profile → `p--<profile>-<capi|sveltos>-<cluster>`.
 */
export function clusterSummaryName(profileKind: SveltosProfileKind, profileName: string, clusterType: SveltosClusterType, clusterName: string): string {
  const prefix = clusterType === 'Sveltos' ? 'sveltos' : 'capi';
  return profileKind === 'ClusterProfile' ? `${profileName}-${prefix}-${clusterName}` : `p--${profileName}-${prefix}-${clusterName}`;
}

/**
 * The labels of the ClusterSummary of (profile, cluster) (AC:controllers/profile_utils.go createClusterSummary and
 * addClusterSummaryLabels): the profile's labels, then `projectsveltos.io/cluster-profile-name` (ClusterProfile) or
 * `projectsveltos.io/profile-name` (Profile), `projectsveltos.io/cluster-name` and `projectsveltos.io/cluster-type`.
 * @internal
 */
export function clusterSummaryLabels(profileKind: SveltosProfileKind, profileName: string, profileLabels: Readonly<Record<string, string>> | undefined, clusterType: SveltosClusterType, clusterName: string): Record<string, string> {
  return {
    ...(profileLabels ?? {}),
    [profileKind === 'ClusterProfile' ? 'projectsveltos.io/cluster-profile-name' : 'projectsveltos.io/profile-name']: profileName,
    'projectsveltos.io/cluster-name': clusterName,
    'projectsveltos.io/cluster-type': clusterType,
  };
}

// ---------------------------------------------------------------------------------------------
// from Kubernetes JSON objects

type Obj = Record<string, any>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function strRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObj(v)) return out;
  for (const [k, val] of Object.entries(v)) {
    if (val !== undefined && val !== null) out[k] = String(val);
  }
  return out;
}

function subjectOf(o: Obj): string {
  const m = isObj(o.metadata) ? o.metadata : {};
  return `${o.kind ?? 'object'} ${m.namespace ? `${m.namespace}/` : ''}${m.name ?? '(no name)'}`;
}

function requireName(o: Obj): string {
  const name = isObj(o.metadata) ? o.metadata.name : undefined;
  if (typeof name !== 'string' || name === '') fail(subjectOf(o), 'metadata.name is missing; every Sveltos object needs a name');
  return name;
}

function requireNamespace(o: Obj): string {
  const ns = isObj(o.metadata) ? o.metadata.namespace : undefined;
  if (typeof ns !== 'string' || ns === '') {
    fail(subjectOf(o), `metadata.namespace is missing; ${o.kind} is namespaced, set metadata.namespace`);
  }
  return ns;
}

/** True when a CAPI Cluster object is ready to be configured (control plane initialized). */
export function isCapiClusterObjectReady(o: Obj): boolean {
  const st = isObj(o.status) ? o.status : {};
  if (isObj(st.initialization) && st.initialization.controlPlaneInitialized === true) return true;
  const conds = Array.isArray(st.conditions) ? st.conditions : [];
  return conds.some((c: any) => isObj(c) && c.type === 'ControlPlaneInitialized' && c.status === 'True');
}

/** Builds a cluster model from a SveltosCluster or CAPI Cluster object. */
export function clusterModelFromObject(o: Obj): SveltosClusterModel {
  const kind = o.kind;
  if (kind !== 'SveltosCluster' && kind !== 'Cluster') fail(subjectOf(o), `kind ${JSON.stringify(kind)} is not a Sveltos cluster kind; allowed: SveltosCluster, Cluster`);
  const md = isObj(o.metadata) ? o.metadata : {};
  const spec = isObj(o.spec) ? o.spec : {};
  const status = isObj(o.status) ? o.status : {};
  const annotations = strRecord(md.annotations);
  const cs = status.connectionStatus;
  return {
    kind,
    apiVersion: typeof o.apiVersion === 'string' && o.apiVersion ? o.apiVersion : kind === 'SveltosCluster' ? SVELTOS_LIB_API_VERSION : CAPI_CLUSTER_API_VERSION,
    namespace: requireNamespace(o),
    name: requireName(o),
    labels: strRecord(md.labels),
    annotations: Object.keys(annotations).length ? annotations : undefined,
    ready: kind === 'SveltosCluster' ? status.ready === true : isCapiClusterObjectReady(o),
    paused: spec.paused === true,
    connectionStatus: cs === 'Healthy' || cs === 'Down' ? cs : undefined,
    deleting: !!md.deletionTimestamp,
  };
}

function refList(v: unknown): SveltosClusterRef[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.filter(isObj).map((r) => {
    const ref: { kind?: string; apiVersion?: string; namespace: string; name: string } = { namespace: String(r.namespace ?? ''), name: String(r.name ?? '') };
    if (typeof r.kind === 'string') ref.kind = r.kind;
    if (typeof r.apiVersion === 'string') ref.apiVersion = r.apiVersion;
    return ref;
  });
}

/** Builds a set model from a ClusterSet or Set object (a missing spec = observed only). */
export function setModelFromObject(o: Obj): SveltosSetModel {
  const kind = o.kind;
  if (kind !== 'ClusterSet' && kind !== 'Set') fail(subjectOf(o), `kind ${JSON.stringify(kind)} is not ClusterSet or Set`);
  const spec = isObj(o.spec)
    ? {
      clusterSelector: isObj(o.spec.clusterSelector) ? (o.spec.clusterSelector as LabelSelectorJson) : undefined,
      clusterRefs: refList(o.spec.clusterRefs),
      maxReplicas: typeof o.spec.maxReplicas === 'number' ? o.spec.maxReplicas : undefined,
    }
    : undefined;
  const status = isObj(o.status)
    ? { matchingClusterRefs: refList(o.status.matchingClusterRefs), selectedClusterRefs: refList(o.status.selectedClusterRefs) }
    : undefined;
  return {
    kind,
    namespace: kind === 'Set' ? requireNamespace(o) : undefined,
    name: requireName(o),
    spec,
    status,
  };
}

/** Builds a profile model from a ClusterProfile or Profile object. */
export function profileModelFromObject(o: Obj): SveltosProfileModel {
  const kind = o.kind;
  if (kind !== 'ClusterProfile' && kind !== 'Profile') fail(subjectOf(o), `kind ${JSON.stringify(kind)} is not ClusterProfile or Profile`);
  const md = isObj(o.metadata) ? o.metadata : {};
  const labels = strRecord(md.labels);
  const annotations = strRecord(md.annotations);
  const spec = (isObj(o.spec) ? { ...o.spec } : {}) as SveltosProfileSpec;
  const tier = (spec as Obj).tier;
  if (tier !== undefined && (typeof tier !== 'number' || !Number.isInteger(tier) || tier < 1)) {
    fail(subjectOf(o), `spec.tier ${JSON.stringify(tier)} is invalid; allowed: an integer >= 1 (lower wins conflicts, default 100)`);
  }
  for (const field of ['policyRefs', 'kustomizationRefs'] as const) {
    const refs = (spec as Obj)[field];
    if (!Array.isArray(refs)) continue;
    refs.forEach((r: unknown, i: number) => {
      const t = isObj(r) ? r.tier : undefined;
      if (t !== undefined && (typeof t !== 'number' || !Number.isInteger(t) || t < 1 || t > 2147483647)) {
        fail(subjectOf(o), `spec.${field}[${i}].tier ${JSON.stringify(t)} is invalid; allowed: an integer from 1 to 2147483647 (lower wins between refs of this profile, default 100)`);
      }
    });
  }
  const mu = (spec as Obj).maxUpdate;
  if (mu !== undefined && !(typeof mu === 'number' && Number.isInteger(mu) && mu >= 0) && !(typeof mu === 'string' && /^((100|[0-9]{1,2})%|[0-9]+)$/.test(mu))) {
    fail(subjectOf(o), `spec.maxUpdate ${JSON.stringify(mu)} is invalid; use an integer (e.g. 3) or a percentage string (e.g. "25%")`);
  }
  return {
    kind,
    namespace: kind === 'Profile' ? requireNamespace(o) : undefined,
    name: requireName(o),
    labels: Object.keys(labels).length ? labels : undefined,
    annotations: Object.keys(annotations).length ? annotations : undefined,
    spec,
    status: isObj(o.status) ? { ...o.status, matchingClusters: refList(o.status.matchingClusters) } : undefined,
  };
}

function decodeBase64(s: string): string | undefined {
  try {
    return Buffer.from(s, 'base64').toString('utf8');
  } catch {
    return undefined;
  }
}

/**
 * The resource identities declared by manifest text (YAML or JSON, several documents, `kind: List` expanded).
 * Unparsable text yields no resource.
 */
export function resourcesFromManifestText(text: string): SveltosResourceId[] {
  const out: SveltosResourceId[] = [];
  let docs;
  try {
    docs = parseAllDocuments(text);
  } catch {
    return out;
  }
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) {
      v.forEach(visit);
      return;
    }
    if (!isObj(v)) return;
    if (typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items)) {
      v.items.forEach(visit);
      return;
    }
    if (typeof v.kind !== 'string' || typeof v.apiVersion !== 'string') return;
    const md = isObj(v.metadata) ? v.metadata : {};
    if (typeof md.name !== 'string') return;
    out.push({ group: apiGroupOf(v.apiVersion), kind: v.kind, namespace: typeof md.namespace === 'string' ? md.namespace : '', name: md.name });
  };
  for (const d of Array.isArray(docs) ? docs : [docs]) {
    if ((d as any).errors && (d as any).errors.length) continue;
    visit((d as any).toJS());
  }
  return out;
}

/** Builds a policy source from a ConfigMap or Secret object (each data value holds manifests). */
export function policySourceFromObject(o: Obj): SveltosPolicySource {
  const md = isObj(o.metadata) ? o.metadata : {};
  const annotations = strRecord(md.annotations);
  const templated = SVELTOS_TEMPLATE_ANNOTATION in annotations || SVELTOS_LUA_ANNOTATION in annotations;
  const texts: string[] = [];
  if (isObj(o.data)) {
    for (const k of Object.keys(o.data).sort()) {
      const v = o.data[k];
      if (typeof v !== 'string') continue;
      const t = o.kind === 'Secret' ? decodeBase64(v) : v;
      if (t !== undefined) texts.push(t);
    }
  }
  if (o.kind === 'Secret' && isObj(o.stringData)) {
    for (const k of Object.keys(o.stringData).sort()) if (typeof o.stringData[k] === 'string') texts.push(o.stringData[k]);
  }
  const resources = templated ? [] : texts.flatMap(resourcesFromManifestText);
  return {
    kind: String(o.kind),
    namespace: requireNamespace(o),
    name: requireName(o),
    resources,
    templated: templated || undefined,
    typeAccepted: o.kind === 'Secret' ? o.type === SVELTOS_SECRET_TYPE : undefined,
  };
}

/** The ProfileSpec fields a ClusterPromotion copies into each stage's ClusterProfile (AC reconcileStageProfile, up to v1.13). */
const PROMOTION_PROFILE_FIELDS = [
  'syncMode', 'tier', 'continueOnConflict', 'continueOnError', 'maxUpdate', 'stopMatchingBehavior', 'reloader', 'templateResourceRefs',
  'dependsOn', 'policyRefs', 'helmCharts', 'kustomizationRefs', 'preDeployChecks', 'validateHealths', 'patches', 'patchesFrom',
  'driftExclusions', 'maxConsecutiveFailures', 'preDeleteChecks', 'postDeleteChecks',
];

/** Builds a promotion model from a ClusterPromotion object; throws for what the CRD rejects. @internal */
export function promotionModelFromObject(o: Obj): SveltosPromotionModel {
  const subject = subjectOf(o);
  const name = requireName(o);
  const spec = isObj(o.spec) ? o.spec : {};
  const stages = Array.isArray(spec.stages) ? spec.stages : [];
  if (stages.length === 0) fail(subject, 'spec.stages is empty; the CRD needs at least one stage (minItems 1)');
  const seen = new Set<string>();
  const out: SveltosPromotionStage[] = stages.map((st: unknown, i: number) => {
    if (!isObj(st) || typeof st.name !== 'string' || st.name === '') fail(subject, `spec.stages[${i}] needs a name`);
    if (seen.has(st.name)) fail(subject, `spec.stages has stage "${st.name}" twice; stage names are the list-map key (the API server rejects duplicates)`);
    seen.add(st.name);
    let trigger: SveltosPromotionTrigger | undefined;
    if (st.trigger !== undefined) {
      const t = isObj(st.trigger) ? st.trigger : {};
      if (isObj(t.manual) === isObj(t.auto)) fail(subject, `spec.stages[${i}] (${st.name}) trigger must have either manual or auto, not both (CRD rule has(self.manual) != has(self.auto))`);
      trigger = isObj(t.manual) ? { manual: { ...t.manual } } : { auto: { ...t.auto } };
    }
    return { name: st.name, clusterSelector: isObj(st.clusterSelector) ? (st.clusterSelector as LabelSelectorJson) : undefined, trigger };
  });
  const profileSpec: Record<string, unknown> = {};
  const ps = isObj(spec.profileSpec) ? spec.profileSpec : {};
  for (const k of PROMOTION_PROFILE_FIELDS) if (ps[k] !== undefined) profileSpec[k] = ps[k];
  const status = isObj(o.status) ? o.status : {};
  return { name, profileSpec: profileSpec as SveltosProfileSpec, stages: out, currentStageName: typeof status.currentStageName === 'string' && status.currentStageName ? status.currentStageName : undefined };
}

/** The name of the ClusterProfile the promotion controller creates for a stage: `<promotion>-<stage>`. @internal */
export function promotionStageProfileName(promotion: string, stage: string): string {
  return `${promotion}-${stage}`;
}

/**
 * The ClusterProfiles a ClusterPromotion's controller creates, one per stage, once the pipeline has reached every stage
 * (earlier stages' profiles stay): `<promotion>-<stage>` = the profile spec plus the stage's clusterSelector, label
 * `config.projectsveltos.io/promotionname`, annotation `config.projectsveltos.io/stagename`
 * (AC:controllers/clusterpromotion_controller.go reconcileStageProfile, at 7875a2f3^).
 * @internal
 */
export function promotionStageProfiles(promotion: SveltosPromotionModel): SveltosProfileModel[] {
  return promotion.stages.map((st) => ({
    kind: 'ClusterProfile' as const,
    name: promotionStageProfileName(promotion.name, st.name),
    labels: { [PROMOTION_NAME_LABEL]: promotion.name },
    annotations: { [PROMOTION_STAGE_ANNOTATION]: st.name },
    spec: { ...promotion.profileSpec, ...(st.clusterSelector ? { clusterSelector: st.clusterSelector } : {}) },
  }));
}

/**
 * Builds the Sveltos state from Kubernetes JSON objects as they appear in YAML:
 * config.projectsveltos.io ClusterProfile / Profile, lib.projectsveltos.io SveltosCluster / ClusterSet / Set,
 * cluster.x-k8s.io Cluster, and the ConfigMaps / Secrets policyRefs may point at. `kind: List` (and `*List`)
 * objects are expanded. Other objects are ignored. Throws a FleetValidationError for malformed Sveltos objects.
 */
export function sveltosStateFromObjects(objects: any[]): SveltosState {
  const clusters: SveltosClusterModel[] = [];
  const sets: SveltosSetModel[] = [];
  const profiles: SveltosProfileModel[] = [];
  const policySources: SveltosPolicySource[] = [];
  const promotions: SveltosPromotionModel[] = [];
  const visit = (o: unknown): void => {
    if (Array.isArray(o)) {
      o.forEach(visit);
      return;
    }
    if (!isObj(o)) return;
    const kind = o.kind;
    const group = apiGroupOf(o.apiVersion);
    if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(o.items)) {
      o.items.forEach(visit);
      return;
    }
    if (kind === 'SveltosCluster' && (group === 'lib.projectsveltos.io' || !o.apiVersion)) clusters.push(clusterModelFromObject(o));
    else if (kind === 'Cluster' && group === 'cluster.x-k8s.io') clusters.push(clusterModelFromObject(o));
    else if ((kind === 'ClusterSet' || kind === 'Set') && (group === 'lib.projectsveltos.io' || !o.apiVersion)) sets.push(setModelFromObject(o));
    else if ((kind === 'ClusterProfile' || kind === 'Profile') && (group === 'config.projectsveltos.io' || !o.apiVersion)) profiles.push(profileModelFromObject(o));
    else if (kind === 'ClusterPromotion' && (group === 'config.projectsveltos.io' || !o.apiVersion)) promotions.push(promotionModelFromObject(o));
    else if ((kind === 'ConfigMap' || kind === 'Secret') && (o.apiVersion === 'v1' || !o.apiVersion) && isObj(o.metadata) && o.metadata.namespace) {
      policySources.push(policySourceFromObject(o));
    }
  };
  visit(objects);
  if (promotions.length === 0) return { clusters, sets, profiles, policySources };
  // The stages' ClusterProfiles, as the promotion controller server-side-applies them (with force: a declared
  // ClusterProfile of the same name is overwritten).
  const derived = promotions.flatMap(promotionStageProfiles);
  const names = new Set(derived.map((p) => p.name));
  return { clusters, sets, profiles: [...profiles.filter((p) => p.kind !== 'ClusterProfile' || !names.has(p.name)), ...derived], policySources, promotions };
}

// ---------------------------------------------------------------------------------------------
// bridges that create SveltosClusters

/** The hub objects sveltos-ocm-addon reads for one cluster `<c>` (OCMA reconcileCluster). @internal */
export interface SveltosOcmAddonHubObjects {
  /** ClusterManagementAddOn `managed-serviceaccount` exists on the hub. */
  readonly managedServiceAccountCma: boolean;
  /**
   * ManagedClusterAddOn `<c>/managed-serviceaccount`: `Available`, `NotAvailable`, or undefined when it does not exist.
   * @default - does not exist
   */
  readonly managedServiceAccountAddon?: 'Available' | 'NotAvailable';
  /** ManagedServiceAccount `<c>/sveltos-ocm` exists. */
  readonly managedServiceAccount: boolean;
  /**
   * Its `status.tokenSecretRef.name`.
   * @default - not set yet
   */
  readonly tokenSecretRef?: string;
  /** Secrets in `<c>` and whether each has key `token`. */
  readonly secrets: Readonly<Record<string, { readonly hasToken: boolean }>>;
  /** ManagedCluster `<c>` exists. */
  readonly managedCluster: boolean;
  /** Secret `open-cluster-management-addon/cluster-proxy-user-serving-cert` exists with key `ca.crt`. */
  readonly proxyCaSecret: boolean;
}

/** One pass of sveltos-ocm-addon over one cluster. @internal */
export interface SveltosOcmAddonReconcile {
  /** The SveltosOCMCluster `status.registeredClusters` entry, or undefined when the pass fails before one is made. */
  readonly registeredCluster?: { readonly clusterName: string; readonly clusterNamespace: string; readonly tokenSecretRef?: string; readonly sveltosClusterCreated: boolean };
  /** What is written (SveltosCluster, kubeconfig Secret), when the pass gets that far. */
  readonly mapping?: SveltosOcmAddonMapping;
  /** Why the pass stops early (waiting for the token, an error), or undefined when it completes. */
  readonly stoppedAt?: string;
  /** True when it stopped on an error (the ManagedClusterAddOn is then reported not Available). */
  readonly failed: boolean;
}

/**
 * One reconcile of sveltos-ocm-addon for cluster `<c>` (OCMA:internal/controller/sveltosocmcluster_controller.go
 * reconcileCluster), given the hub objects it reads: (0) the managed-serviceaccount ClusterManagementAddOn must exist
 * and `<c>/managed-serviceaccount` be Available (it is created when missing, which ends the pass); (1) ManagedServiceAccount
 * `<c>/sveltos-ocm` is created when missing (the pass ends, the cluster is listed with sveltosClusterCreated false);
 * (2, 3) its token Secret must be referenced and exist (else listed, not created); (4) ManagedCluster `<c>` must exist;
 * (5) the token and the cluster-proxy CA must be readable; then SveltosCluster `<c>/<c>` is written.
 * @internal
 */
export function reconcileSveltosOcmAddonCluster(managedCluster: { name: string; labels?: Record<string, string> }, hub: SveltosOcmAddonHubObjects, options: SveltosOcmAddonOptions = {}): SveltosOcmAddonReconcile {
  const name = managedCluster.name;
  const info = { clusterName: name, clusterNamespace: name };
  if (!hub.managedServiceAccountCma) return { stoppedAt: 'managed-serviceaccount ClusterManagementAddOn not found', failed: true };
  if (hub.managedServiceAccountAddon === undefined) return { stoppedAt: 'managed-serviceaccount addon just created, waiting for it to become available', failed: true };
  if (hub.managedServiceAccountAddon !== 'Available') return { stoppedAt: 'managed-serviceaccount addon is not yet available', failed: true };
  if (!hub.managedServiceAccount) return { registeredCluster: { ...info, sveltosClusterCreated: false }, stoppedAt: 'ManagedServiceAccount sveltos-ocm created, waiting for its token', failed: false };
  if (!hub.tokenSecretRef) return { registeredCluster: { ...info, sveltosClusterCreated: false }, stoppedAt: 'waiting for the ManagedServiceAccount token (status.tokenSecretRef)', failed: false };
  const withToken = { ...info, tokenSecretRef: hub.tokenSecretRef };
  const secret = hub.secrets[hub.tokenSecretRef];
  if (!secret) return { registeredCluster: { ...withToken, sveltosClusterCreated: false }, stoppedAt: `token Secret ${name}/${hub.tokenSecretRef} not found`, failed: false };
  if (!hub.managedCluster) return { stoppedAt: `ManagedCluster ${name} not found`, failed: true };
  if (!secret.hasToken) return { stoppedAt: 'token not found in secret', failed: true };
  if (!hub.proxyCaSecret) return { stoppedAt: 'failed to get cluster-proxy CA cert (is cluster-proxy installed with enableServiceProxy=true?)', failed: true };
  const mapping = sveltosClusterFromManagedCluster(managedCluster, options);
  return { registeredCluster: { ...withToken, sveltosClusterCreated: true }, mapping, failed: false };
}

/**
 * The SveltosOCMCluster status after a pass over the clusters (OCMA Reconcile): `registeredClusters` in the
 * ManagedClusterAddOn list order, and condition Available True/ClustersRegistered or False/NoClusters.
 * @internal
 */
export function sveltosOcmClusterStatus(passes: readonly SveltosOcmAddonReconcile[]): { readonly registeredClusters: NonNullable<SveltosOcmAddonReconcile['registeredCluster']>[]; readonly conditions: { readonly type: string; readonly status: 'True' | 'False'; readonly reason: string; readonly message: string }[] } {
  const registeredClusters = passes.filter((p) => p.registeredCluster && !p.failed).map((p) => p.registeredCluster!);
  const n = registeredClusters.length;
  return {
    registeredClusters,
    conditions: [n > 0
      ? { type: 'Available', status: 'True', reason: 'ClustersRegistered', message: `Successfully registered ${n} cluster(s)` }
      : { type: 'Available', status: 'False', reason: 'NoClusters', message: 'No managed clusters found' }],
  };
}
