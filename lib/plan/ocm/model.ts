/**
 * The OCM hub state the Placement simulator reads: ManagedClusters, ManagedClusterSets,
 * ManagedClusterSetBindings, existing PlacementDecisions, AddOnPlacementScores and Placements.
 *
 * Pure data, no cdk8s/cdktf imports. `hubStateFromObjects` builds it from Kubernetes JSON objects as
 * they appear in YAML (hand-written manifests or `kubectl get ... -o yaml` lists).
 */
import { apiGroupOf as groupOf } from '../../core/kinds';
import { fail } from '../../core/errors';
import type { LabelSelectorJson, SelectorRequirement } from '../../core/selector';
import { OCM_CLUSTER_SET_LABEL } from '../../core/ocm';

/** Label key that puts a ManagedCluster into an `ExclusiveClusterSetLabel` ManagedClusterSet. */
export const CLUSTER_SET_LABEL = OCM_CLUSTER_SET_LABEL;
/** Label on a PlacementDecision naming the Placement (same namespace) it belongs to. */
export const PLACEMENT_LABEL = 'cluster.open-cluster-management.io/placement';
/** Label on a PlacementDecision carrying its decision group index. */
export const DECISION_GROUP_INDEX_LABEL = 'cluster.open-cluster-management.io/decision-group-index';
/** Label on a PlacementDecision carrying its decision group name. */
export const DECISION_GROUP_NAME_LABEL = 'cluster.open-cluster-management.io/decision-group-name';
/** Annotation that makes the placement controller skip a Placement when set to `"true"`. */
export const PLACEMENT_DISABLE_ANNOTATION = 'cluster.open-cluster-management.io/experimental-scheduling-disable';

/** A taint on a ManagedCluster (`spec.taints[]`). */
export interface ClusterTaint {
  /** Taint key. */
  readonly key: string;
  /**
   * Taint value.
   * @default ''
   */
  readonly value?: string;
  /** `NoSelect`, `NoSelectIfNew` or `PreferNoSelect`. */
  readonly effect: string;
  /**
   * When the taint was added (RFC 3339). Needed for `tolerationSeconds`; a missing value behaves like
   * Go's zero time (any `tolerationSeconds` has long expired).
   * @default - zero time
   */
  readonly timeAdded?: string;
}

/** A ManagedCluster as the scheduler sees it. */
export interface HubCluster {
  /** Cluster name (= its namespace on the hub). */
  readonly name: string;
  /** `metadata.labels`. */
  readonly labels: Readonly<Record<string, string>>;
  /** `status.clusterClaims[]` as name → value. */
  readonly claims: Readonly<Record<string, string>>;
  /** `spec.taints[]`. */
  readonly taints: readonly ClusterTaint[];
  /**
   * `status.allocatable` (resource name → quantity string).
   * @default - none
   */
  readonly allocatable?: Readonly<Record<string, string>>;
  /**
   * `status.capacity` (resource name → quantity string).
   * @default - none
   */
  readonly capacity?: Readonly<Record<string, string>>;
  /**
   * True when `metadata.deletionTimestamp` is set.
   * @default false
   */
  readonly deleting?: boolean;
  /**
   * The original ManagedCluster JSON, used as the CEL variable `managedCluster` when present.
   * @default - synthesized from the fields above
   */
  readonly object?: Readonly<Record<string, unknown>>;
}

/** A ManagedClusterSet (v1beta2). */
export interface HubClusterSet {
  /** Set name. */
  readonly name: string;
  /**
   * `spec.clusterSelector.selectorType`: `ExclusiveClusterSetLabel` or `LabelSelector`.
   * @default 'ExclusiveClusterSetLabel'
   */
  readonly selectorType?: string;
  /**
   * `spec.clusterSelector.labelSelector` (used with `LabelSelector`; `{}` selects every cluster,
   * an absent selector selects none).
   * @default - none
   */
  readonly labelSelector?: LabelSelectorJson;
}

/** A ManagedClusterSetBinding (v1beta2); its name equals the set it binds. */
export interface HubClusterSetBinding {
  /** Namespace the set is bound to. */
  readonly namespace: string;
  /** The bound ManagedClusterSet (= the binding's name). */
  readonly clusterSet: string;
}

/** An existing PlacementDecision. */
export interface HubPlacementDecision {
  /** Namespace. */
  readonly namespace: string;
  /** Object name. */
  readonly name: string;
  /**
   * Value of label `cluster.open-cluster-management.io/placement`, or null when absent.
   * @default null
   */
  readonly placementLabel?: string | null;
  /** `status.decisions[].clusterName`. */
  readonly clusters: readonly string[];
}

/** An AddOnPlacementScore (v1alpha1) in a cluster namespace. */
export interface HubAddOnPlacementScore {
  /** Cluster namespace the object lives in. */
  readonly cluster: string;
  /** Object name (the `resourceName` prioritizers and `scores()` refer to). */
  readonly name: string;
  /** `status.scores[]` as name → value. */
  readonly scores: Readonly<Record<string, number>>;
  /**
   * `status.validUntil` (RFC 3339); after it the AddOn prioritizer counts the score as 0.
   * @default - never expires
   */
  readonly validUntil?: string;
}

/** A label or claim selector of a Placement, in upstream JSON shape. */
export interface PlacementClusterSelectorJson {
  /**
   * Selector over `metadata.labels`.
   * @default - matches everything
   */
  readonly labelSelector?: LabelSelectorJson;
  /**
   * Selector over cluster claims (only `matchExpressions`).
   * @default - matches everything
   */
  readonly claimSelector?: { readonly matchExpressions?: SelectorRequirement[] };
  /**
   * CEL expressions, all of which must be true.
   * @default - none
   */
  readonly celSelector?: { readonly celExpressions?: string[] };
}

/** Placement v1beta1 `spec`, with upstream field names. */
export interface PlacementSpecJson {
  /**
   * ManagedClusterSets to restrict candidates to.
   * @default - every set bound to the namespace
   */
  readonly clusterSets?: string[];
  /**
   * How many clusters to select.
   * @default - all feasible clusters
   */
  readonly numberOfClusters?: number;
  /**
   * Predicates, ORed.
   * @default - every cluster passes
   */
  readonly predicates?: { readonly requiredClusterSelector?: PlacementClusterSelectorJson }[];
  /**
   * Prioritizer policy.
   * @default - Additive with Balance and Steady weight 1
   */
  readonly prioritizerPolicy?: {
    readonly mode?: string;
    readonly configurations?: {
      readonly scoreCoordinate?: {
        readonly type?: string;
        readonly builtIn?: string;
        readonly addOn?: { readonly resourceName: string; readonly scoreName: string };
      };
      readonly weight?: number;
    }[];
  };
  /**
   * Tolerations.
   * @default - none
   */
  readonly tolerations?: {
    readonly key?: string;
    readonly operator?: string;
    readonly value?: string;
    readonly effect?: string;
    readonly tolerationSeconds?: number;
  }[];
  /**
   * Decision strategy (decision groups).
   * @default - one group of every selected cluster
   */
  readonly decisionStrategy?: {
    readonly groupStrategy?: {
      readonly decisionGroups?: {
        readonly groupName?: string;
        readonly groupClusterSelector?: Omit<PlacementClusterSelectorJson, 'celSelector'>;
      }[];
      readonly clustersPerDecisionGroup?: number | string;
    };
  };
  /** API-only fields the scheduler ignores (`spreadPolicy`, `sortBy`, `scoreRateLimit`, ...). */
  readonly [other: string]: unknown;
}

/** A Placement to schedule. */
export interface PlacementInput {
  /** Namespace. */
  readonly namespace: string;
  /** Name. */
  readonly name: string;
  /**
   * `spec`.
   * @default {}
   */
  readonly spec?: PlacementSpecJson;
  /**
   * `metadata.annotations` (the scheduling-disable annotation is honoured).
   * @default - none
   */
  readonly annotations?: Readonly<Record<string, string>>;
  /**
   * True when `metadata.deletionTimestamp` is set (the controller then skips it).
   * @default false
   */
  readonly deleting?: boolean;
}

/** Everything on the hub the placement scheduler reads. Treat it as immutable once built. */
export interface HubState {
  /** ManagedClusters. */
  readonly clusters: readonly HubCluster[];
  /** ManagedClusterSets. */
  readonly clusterSets: readonly HubClusterSet[];
  /** ManagedClusterSetBindings. */
  readonly bindings: readonly HubClusterSetBinding[];
  /**
   * Existing PlacementDecisions in every namespace (Balance, Steady and NoSelectIfNew read them).
   * @default - none
   */
  readonly placementDecisions?: readonly HubPlacementDecision[];
  /**
   * AddOnPlacementScores.
   * @default - none
   */
  readonly addOnPlacementScores?: readonly HubAddOnPlacementScore[];
  /**
   * Placements found in the input (scheduleAll's default list).
   * @default - none
   */
  readonly placements?: readonly PlacementInput[];
  /**
   * The time (RFC 3339) at which tolerationSeconds and score validity are evaluated.
   * @default - the real clock when scheduling
   */
  readonly now?: string;
}

/** An empty hub state. */
export function emptyHubState(): HubState {
  return { clusters: [], clusterSets: [], bindings: [], placementDecisions: [], addOnPlacementScores: [], placements: [] };
}

type Obj = Record<string, any>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringMap(v: unknown, subject: string, what: string): Record<string, string> {
  if (v === undefined || v === null) return {};
  if (!isObj(v)) fail(subject, `${what} must be a map of strings, got ${JSON.stringify(v)}`);
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) {
    if (val === null || val === undefined) continue;
    out[k] = typeof val === 'string' ? val : String(val);
  }
  return out;
}

const CLUSTER_GROUP = 'cluster.open-cluster-management.io';

function flatten(objects: readonly unknown[], out: Obj[]): void {
  for (const o of objects) {
    if (o === null || o === undefined) continue;
    if (Array.isArray(o)) {
      flatten(o, out);
      continue;
    }
    if (!isObj(o)) fail('hub objects', `expected Kubernetes objects, got ${JSON.stringify(o)}`);
    if (typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items)) {
      flatten(o.items, out);
      continue;
    }
    out.push(o);
  }
}

function nameOf(o: Obj): string {
  const n = o.metadata?.name;
  if (typeof n !== 'string' || n.length === 0) {
    fail(`${o.kind ?? 'object'}`, `metadata.name is missing; every ${o.kind ?? 'object'} needs a name`);
  }
  return n;
}

function namespaceOf(o: Obj, kind: string, name: string): string {
  const ns = o.metadata?.namespace;
  if (typeof ns !== 'string' || ns.length === 0) {
    fail(`${kind} "${name}"`, 'metadata.namespace is missing; this kind is namespaced, add the namespace');
  }
  return ns;
}

/**
 * Builds a HubState from Kubernetes objects (as parsed from YAML or JSON). Accepts `kind: List`
 * wrappers (`kubectl get ... -o yaml`) and nested arrays; objects of other kinds or API groups are
 * ignored. Reads ManagedCluster (labels, spec.taints, status.clusterClaims/allocatable/capacity,
 * deletionTimestamp), ManagedClusterSet v1beta2, ManagedClusterSetBinding v1beta2 (its name is the
 * bound set, as the controller reads it), Placement v1beta1, PlacementDecision and AddOnPlacementScore.
 * Throws a FleetValidationError for a nameless object or a duplicate.
 */
export function hubStateFromObjects(objects: readonly unknown[]): HubState {
  const flat: Obj[] = [];
  flatten(objects, flat);
  const clusters: HubCluster[] = [];
  const clusterSets: HubClusterSet[] = [];
  const bindings: HubClusterSetBinding[] = [];
  const placementDecisions: HubPlacementDecision[] = [];
  const addOnPlacementScores: HubAddOnPlacementScore[] = [];
  const placements: PlacementInput[] = [];
  const seen = new Set<string>();
  const once = (key: string, subject: string): void => {
    if (seen.has(key)) fail(subject, 'appears twice in the input; keep one definition');
    seen.add(key);
  };

  for (const o of flat) {
    if (groupOf(o.apiVersion) !== CLUSTER_GROUP) continue;
    const kind = o.kind;
    switch (kind) {
      case 'ManagedCluster': {
        const name = nameOf(o);
        once(`ManagedCluster/${name}`, `ManagedCluster "${name}"`);
        const subject = `ManagedCluster "${name}"`;
        const claims: Record<string, string> = {};
        for (const c of (o.status?.clusterClaims ?? []) as Obj[]) {
          if (isObj(c) && typeof c.name === 'string') claims[c.name] = c.value === undefined || c.value === null ? '' : String(c.value);
        }
        const taints: ClusterTaint[] = [];
        for (const t of (o.spec?.taints ?? []) as Obj[]) {
          if (!isObj(t)) continue;
          taints.push({
            key: String(t.key ?? ''),
            value: t.value === undefined || t.value === null ? undefined : String(t.value),
            effect: String(t.effect ?? ''),
            timeAdded: typeof t.timeAdded === 'string' ? t.timeAdded : undefined,
          });
        }
        const allocatable = o.status?.allocatable ? stringMap(o.status.allocatable, subject, 'status.allocatable') : undefined;
        const capacity = o.status?.capacity ? stringMap(o.status.capacity, subject, 'status.capacity') : undefined;
        clusters.push({
          name,
          labels: stringMap(o.metadata?.labels, subject, 'metadata.labels'),
          claims,
          taints,
          allocatable,
          capacity,
          deleting: o.metadata?.deletionTimestamp ? true : undefined,
          object: o,
        });
        break;
      }
      case 'ManagedClusterSet': {
        const name = nameOf(o);
        once(`ManagedClusterSet/${name}`, `ManagedClusterSet "${name}"`);
        const cs = o.spec?.clusterSelector;
        clusterSets.push({
          name,
          selectorType: typeof cs?.selectorType === 'string' && cs.selectorType !== '' ? cs.selectorType : undefined,
          labelSelector: isObj(cs?.labelSelector) ? (cs.labelSelector as LabelSelectorJson) : undefined,
        });
        break;
      }
      case 'ManagedClusterSetBinding': {
        const name = nameOf(o);
        const namespace = namespaceOf(o, kind, name);
        once(`ManagedClusterSetBinding/${namespace}/${name}`, `ManagedClusterSetBinding "${namespace}/${name}"`);
        bindings.push({ namespace, clusterSet: name });
        break;
      }
      case 'PlacementDecision': {
        const name = nameOf(o);
        const namespace = namespaceOf(o, kind, name);
        once(`PlacementDecision/${namespace}/${name}`, `PlacementDecision "${namespace}/${name}"`);
        const label = o.metadata?.labels?.[PLACEMENT_LABEL];
        placementDecisions.push({
          namespace,
          name,
          placementLabel: typeof label === 'string' ? label : null,
          clusters: ((o.status?.decisions ?? []) as Obj[])
            .filter((d) => isObj(d) && typeof d.clusterName === 'string')
            .map((d) => d.clusterName as string),
        });
        break;
      }
      case 'AddOnPlacementScore': {
        const name = nameOf(o);
        const namespace = namespaceOf(o, kind, name);
        once(`AddOnPlacementScore/${namespace}/${name}`, `AddOnPlacementScore "${namespace}/${name}"`);
        const scores: Record<string, number> = {};
        for (const s of (o.status?.scores ?? []) as Obj[]) {
          if (isObj(s) && typeof s.name === 'string') scores[s.name] = Number(s.value ?? 0);
        }
        addOnPlacementScores.push({
          cluster: namespace,
          name,
          scores,
          validUntil: typeof o.status?.validUntil === 'string' ? o.status.validUntil : undefined,
        });
        break;
      }
      case 'Placement': {
        const name = nameOf(o);
        const namespace = namespaceOf(o, kind, name);
        once(`Placement/${namespace}/${name}`, `Placement "${namespace}/${name}"`);
        const annotations = o.metadata?.annotations ? stringMap(o.metadata.annotations, `Placement "${namespace}/${name}"`, 'metadata.annotations') : undefined;
        placements.push({
          namespace,
          name,
          spec: isObj(o.spec) ? (o.spec as PlacementSpecJson) : {},
          annotations,
          deleting: o.metadata?.deletionTimestamp ? true : undefined,
        });
        break;
      }
      default:
        break;
    }
  }
  return { clusters, clusterSets, bindings, placementDecisions, addOnPlacementScores, placements };
}
