/**
 * The Karmada control-plane state the scheduler simulator reads: member Clusters
 * (cluster.karmada.io/v1alpha1), PropagationPolicies / ClusterPropagationPolicies
 * (policy.karmada.io/v1alpha1) and the resource templates they may claim.
 *
 * Pure data, no cdk8s/cdktf imports. `karmadaStateFromObjects` builds it from Kubernetes JSON objects
 * as they appear in YAML (hand-written manifests, synthesized output or `kubectl get -o yaml` lists).
 */
import { apiGroupOf as groupOf } from '../../core/kinds';
import { fail } from '../../core/errors';
import type { LabelSelectorJson } from '../../core/selector';

/** API group of PropagationPolicy, ClusterPropagationPolicy, OverridePolicy and ClusterOverridePolicy. */
export const KARMADA_POLICY_GROUP = 'policy.karmada.io';
/** API group of the member Cluster (an aggregated API, not a CRD). */
export const KARMADA_CLUSTER_GROUP = 'cluster.karmada.io';

/** A taint on a member Cluster (`spec.taints[]`, a core/v1 Taint). */
export interface KarmadaTaint {
  /** Taint key. */
  readonly key: string;
  /**
   * Taint value.
   * @default ''
   */
  readonly value?: string;
  /** `NoSchedule`, `PreferNoSchedule` or `NoExecute`. */
  readonly effect: string;
}

/** A member Cluster as the Karmada scheduler sees it. */
export interface KarmadaCluster {
  /** Cluster name. */
  readonly name: string;
  /** `metadata.labels` (what clusterAffinity.labelSelector matches). */
  readonly labels: Readonly<Record<string, string>>;
  /**
   * `spec.provider` (field selector key `provider`).
   * @default - none
   */
  readonly provider?: string;
  /**
   * `spec.region` (field selector key `region`).
   * @default - none
   */
  readonly region?: string;
  /**
   * `spec.zones` (field selector key `zone`); the deprecated `spec.zone` is read as a one-element list.
   * @default - none
   */
  readonly zones?: readonly string[];
  /**
   * `spec.taints`.
   * @default - none
   */
  readonly taints?: readonly KarmadaTaint[];
  /**
   * True when `metadata.deletionTimestamp` is set: the scheduler skips deleting clusters.
   * @default false
   */
  readonly deleting?: boolean;
}

/** A corev1 Toleration as found in `placement.clusterTolerations`. */
export interface KarmadaTolerationJson {
  /** The API field `key`. */
  readonly key?: string;
  /** The API field `operator`. */
  readonly operator?: string;
  /** The API field `value`. */
  readonly value?: string;
  /** The API field `effect`. */
  readonly effect?: string;
  /** The API field `tolerationSeconds`. */
  readonly tolerationSeconds?: number;
}

/** One field selector requirement (a corev1 NodeSelectorRequirement). */
export interface KarmadaFieldRequirementJson {
  /** The API field `key`. */
  readonly key: string;
  /** The API field `operator`. */
  readonly operator: string;
  /** The API field `values`. */
  readonly values?: readonly string[];
}

/** `ClusterAffinity` in API shape. */
export interface KarmadaClusterAffinityJson {
  /** The API field `labelSelector`. */
  readonly labelSelector?: LabelSelectorJson;
  /** The API field `fieldSelector`. */
  readonly fieldSelector?: { readonly matchExpressions?: readonly KarmadaFieldRequirementJson[] };
  /** The API field `clusterNames`. */
  readonly clusterNames?: readonly string[];
  /** The API field `exclude`. */
  readonly exclude?: readonly string[];
}

/** `ClusterAffinityTerm` in API shape. */
export interface KarmadaClusterAffinityTermJson extends KarmadaClusterAffinityJson {
  /** The API field `affinityName`. */
  readonly affinityName: string;
  /** The API field `overflowAffinities` (groups used on top of this one for workloads that need more capacity). */
  readonly overflowAffinities?: readonly (KarmadaClusterAffinityJson & { readonly affinityName: string })[];
}

/** `SpreadConstraint` in API shape. */
export interface KarmadaSpreadConstraintJson {
  /** The API field `spreadByField`. */
  readonly spreadByField?: string;
  /** The API field `spreadByLabel`. */
  readonly spreadByLabel?: string;
  /** The API field `maxGroups`. */
  readonly maxGroups?: number;
  /** The API field `minGroups`. */
  readonly minGroups?: number;
}

/** `ReplicaSchedulingStrategy` in API shape. */
export interface KarmadaReplicaSchedulingJson {
  /** The API field `replicaSchedulingType`. */
  readonly replicaSchedulingType?: string;
  /** The API field `replicaDivisionPreference`. */
  readonly replicaDivisionPreference?: string;
  /** The API field `weightPreference`. */
  readonly weightPreference?: {
    readonly staticWeightList?: readonly { readonly targetCluster: KarmadaClusterAffinityJson; readonly weight: number }[];
    readonly dynamicWeight?: string;
  };
}

/** `Placement` in API shape (the fields the scheduler reads). */
export interface KarmadaPlacementJson {
  /** The API field `clusterAffinity`. */
  readonly clusterAffinity?: KarmadaClusterAffinityJson;
  /** The API field `clusterAffinities`. */
  readonly clusterAffinities?: readonly KarmadaClusterAffinityTermJson[];
  /** The API field `clusterTolerations`. */
  readonly clusterTolerations?: readonly KarmadaTolerationJson[];
  /** The API field `spreadConstraints`. */
  readonly spreadConstraints?: readonly KarmadaSpreadConstraintJson[];
  /** The API field `replicaScheduling`. */
  readonly replicaScheduling?: KarmadaReplicaSchedulingJson;
}

/** `ResourceSelector` in API shape. */
export interface KarmadaResourceSelectorJson {
  /** The API field `apiVersion`. */
  readonly apiVersion: string;
  /** The API field `kind`. */
  readonly kind: string;
  /** The API field `namespace`. */
  readonly namespace?: string;
  /** The API field `name`. */
  readonly name?: string;
  /** The API field `labelSelector`. */
  readonly labelSelector?: LabelSelectorJson;
}

/** A PropagationPolicy or ClusterPropagationPolicy. */
export interface KarmadaPolicy {
  /** `PropagationPolicy` or `ClusterPropagationPolicy`. */
  readonly kind: 'PropagationPolicy' | 'ClusterPropagationPolicy';
  /**
   * Namespace (PropagationPolicy only).
   * @default - cluster-scoped
   */
  readonly namespace?: string;
  /** Name. */
  readonly name: string;
  /** The spec as written (`resourceSelectors`, `placement`, `priority`, ...). */
  readonly spec: {
    readonly resourceSelectors?: readonly KarmadaResourceSelectorJson[];
    readonly placement?: KarmadaPlacementJson;
    readonly priority?: number;
    readonly preemption?: string;
    readonly [key: string]: unknown;
  };
}

/** A resource template (any object that is not a Karmada API object) a policy may claim. */
export interface KarmadaResourceTemplate {
  /** apiVersion. */
  readonly apiVersion: string;
  /** kind. */
  readonly kind: string;
  /**
   * Namespace.
   * @default - cluster-scoped
   */
  readonly namespace?: string;
  /** Name. */
  readonly name: string;
  /** `metadata.labels`. */
  readonly labels: Readonly<Record<string, string>>;
  /**
   * Replicas as Karmada's default interpreter reads them (Deployment, ReplicaSet, StatefulSet:
   * spec.replicas, defaulted to 1 by the API server; Job: min(parallelism, completions); Pod: 1).
   * @default - not a workload: propagated without a replica count
   */
  readonly replicas?: number;
}

/** Everything the simulator needs. */
export interface KarmadaState {
  /** Member clusters. */
  readonly clusters: readonly KarmadaCluster[];
  /** Propagation policies. */
  readonly policies: readonly KarmadaPolicy[];
  /**
   * Resource templates (for claims and replica counts).
   * @default - none
   */
  readonly resources?: readonly KarmadaResourceTemplate[];
}

type Obj = Record<string, any>;

function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Flattens arrays and `kind: List` wrappers into `out`. */
export function flattenObjects(objects: readonly unknown[], out: Obj[]): void {
  for (const o of objects) {
    if (Array.isArray(o)) flattenObjects(o, out);
    else if (isObj(o) && o.kind === 'List' && Array.isArray(o.items)) flattenObjects(o.items, out);
    else if (isObj(o)) out.push(o);
  }
}

function stringMap(x: unknown, subject: string, what: string): Record<string, string> {
  if (x === undefined || x === null) return {};
  if (!isObj(x)) fail(subject, `${what} must be a map of strings`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(x)) out[k] = v === null || v === undefined ? '' : String(v);
  return out;
}

function nameOf(o: Obj): string {
  const n = o.metadata?.name;
  if (typeof n !== 'string' || n === '') fail(`${o.kind ?? 'object'}`, 'has no metadata.name; every object needs one');
  return n;
}

const REPLICA_KINDS: Record<string, (spec: Obj) => number> = {
  'apps/v1/Deployment': (s) => (typeof s.replicas === 'number' ? s.replicas : 1),
  'apps/v1/ReplicaSet': (s) => (typeof s.replicas === 'number' ? s.replicas : 1),
  'apps/v1/StatefulSet': (s) => (typeof s.replicas === 'number' ? s.replicas : 1),
  'batch/v1/Job': (s) => {
    const parallelism = typeof s.parallelism === 'number' ? s.parallelism : 1;
    const completions = typeof s.completions === 'number' ? s.completions : parallelism;
    return Math.min(parallelism, completions);
  },
  'v1/Pod': () => 1,
};

/**
 * The replica count Karmada's default resource interpreter reads from a template
 * (karmada pkg/resourceinterpreter/default/native/replica.go), with the API server's defaults
 * applied (replicas and parallelism default to 1); undefined for kinds without replicas.
 */
export function templateReplicas(apiVersion: string, kind: string, spec: unknown): number | undefined {
  const f = REPLICA_KINDS[`${apiVersion}/${kind}`];
  return f ? f(isObj(spec) ? spec : {}) : undefined;
}

/**
 * Builds the simulator state from Kubernetes objects. Reads `cluster.karmada.io/v1alpha1` Clusters,
 * `policy.karmada.io` PropagationPolicies and ClusterPropagationPolicies; every other object that is not
 * a Karmada API object is a resource template (Namespaces included: ClusterPropagationPolicies select them). Throws a
 * FleetValidationError for a nameless object or a duplicate cluster or policy.
 */
export function karmadaStateFromObjects(objects: readonly unknown[]): KarmadaState {
  const flat: Obj[] = [];
  flattenObjects(objects, flat);
  const clusters: KarmadaCluster[] = [];
  const policies: KarmadaPolicy[] = [];
  const resources: KarmadaResourceTemplate[] = [];
  const seen = new Set<string>();
  const once = (key: string, subject: string): void => {
    if (seen.has(key)) fail(subject, 'appears twice in the input; keep one definition');
    seen.add(key);
  };
  for (const o of flat) {
    const group = groupOf(o.apiVersion);
    if (group === KARMADA_CLUSTER_GROUP && o.kind === 'Cluster') {
      const name = nameOf(o);
      const subject = `Cluster "${name}"`;
      once(`Cluster/${name}`, subject);
      const spec: Obj = isObj(o.spec) ? o.spec : {};
      const zones: string[] = Array.isArray(spec.zones) ? spec.zones.map(String) : typeof spec.zone === 'string' && spec.zone !== '' ? [spec.zone] : [];
      const taints: KarmadaTaint[] = (Array.isArray(spec.taints) ? spec.taints : []).filter(isObj).map((t: Obj) => ({
        key: String(t.key ?? ''),
        value: t.value === undefined || t.value === null ? undefined : String(t.value),
        effect: String(t.effect ?? ''),
      }));
      clusters.push({
        name,
        labels: stringMap(o.metadata?.labels, subject, 'metadata.labels'),
        provider: typeof spec.provider === 'string' && spec.provider !== '' ? spec.provider : undefined,
        region: typeof spec.region === 'string' && spec.region !== '' ? spec.region : undefined,
        zones,
        taints,
        deleting: o.metadata?.deletionTimestamp ? true : undefined,
      });
      continue;
    }
    if (group === KARMADA_POLICY_GROUP) {
      if (o.kind !== 'PropagationPolicy' && o.kind !== 'ClusterPropagationPolicy') continue;
      const name = nameOf(o);
      const namespace = o.kind === 'PropagationPolicy' ? o.metadata?.namespace : undefined;
      if (o.kind === 'PropagationPolicy' && (typeof namespace !== 'string' || namespace === '')) {
        fail(`PropagationPolicy "${name}"`, 'has no metadata.namespace; a PropagationPolicy is namespaced');
      }
      once(`${o.kind}/${namespace ?? ''}/${name}`, `${o.kind} "${namespace ? `${namespace}/` : ''}${name}"`);
      policies.push({ kind: o.kind, namespace, name, spec: isObj(o.spec) ? o.spec : {} });
      continue;
    }
    if (group.endsWith('karmada.io') || typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') continue;
    if (!isObj(o.metadata) || typeof o.metadata.name !== 'string') continue;
    resources.push({
      apiVersion: o.apiVersion,
      kind: o.kind,
      namespace: typeof o.metadata.namespace === 'string' && o.metadata.namespace !== '' ? o.metadata.namespace : undefined,
      name: o.metadata.name,
      labels: stringMap(o.metadata.labels, `${o.kind} "${o.metadata.name}"`, 'metadata.labels'),
      replicas: templateReplicas(o.apiVersion, o.kind, o.spec),
    });
  }
  return { clusters, policies, resources };
}
