// Values shared by the Karmada constructs: resource selectors, cluster affinities, tolerations,
// spread constraints and replica scheduling (karmada pkg/apis/policy/v1alpha1/propagation_types.go),
// with the checks karmada's webhook (pkg/util/validation/validation.go) and scheduler apply.
import { fail } from '../core/errors';
import { INT32_MAX } from '../core/validate';
import { labelValueProblem, validateDnsSubdomain } from '../core/names';
import { asSelector, LabelSelector } from '../core/selector';
import { renderClusterAffinity } from './_render';

/** A member Cluster field the field selector and spread constraints read. */
export enum ClusterField {
  /** `spec.provider`. */
  PROVIDER = 'provider',
  /** `spec.region`. */
  REGION = 'region',
  /** `spec.zones` (a requirement on zone holds for any of them). */
  ZONE = 'zone',
}

/**
 * One requirement of a cluster affinity's field selector: `provider`, `region` or `zone`, with In or
 * NotIn (the only keys and operators the Karmada webhook accepts).
 */
export class FieldSelectorRequirement {
  /** The field has one of `values` (for zone: any of the cluster's zones is one of them). */
  public static in(field: ClusterField, ...values: string[]): FieldSelectorRequirement {
    return new FieldSelectorRequirement(field, 'In', values);
  }

  /** The field has none of `values` (for zone: none of the cluster's zones is one of them). */
  public static notIn(field: ClusterField, ...values: string[]): FieldSelectorRequirement {
    return new FieldSelectorRequirement(field, 'NotIn', values);
  }

  private constructor(
    /** The field. */
    public readonly field: ClusterField,
    /** `In` or `NotIn`. */
    public readonly operator: string,
    /** The values. */
    public readonly values: readonly string[],
  ) {}

  /** Throws for an unknown field or a requirement that can never be met. @internal */
  public _validate(subject: string, where: string): void {
    if (!Object.values(ClusterField).includes(this.field)) {
      fail(subject, `${where} field ${JSON.stringify(this.field)} is not one Karmada supports; allowed: provider, region, zone`);
    }
    if (this.values.length === 0) {
      fail(subject, `${where} ${this.field} ${this.operator} has no values; Karmada needs at least one (use FieldSelectorRequirement.in('${this.field}', 'x'))`);
    }
    for (const v of this.values) {
      const p = labelValueProblem(v);
      if (p) fail(subject, `${where} ${this.field} value ${JSON.stringify(v)} is not a valid label value, so it never matches a cluster: it ${p}`);
    }
  }

  /** The requirement in API shape. @internal */
  public _render(): Record<string, unknown> {
    return { key: this.field, operator: this.operator, values: [...this.values] };
  }
}

/**
 * Which clusters a policy (or a static weight, or an override rule) targets. Every part given must
 * hold (labelSelector AND fieldSelector AND clusterNames); `exclude` always wins. An empty affinity
 * targets every cluster.
 */
export interface ClusterAffinity {
  /**
   * Selector over the Cluster objects' labels.
   * @default - any labels
   */
  readonly labelSelector?: LabelSelector;
  /**
   * Requirements on provider, region and zone, all of which must hold.
   * @default - any fields
   */
  readonly fieldSelector?: FieldSelectorRequirement[];
  /**
   * Only these clusters.
   * @default - any cluster
   */
  readonly clusterNames?: string[];
  /**
   * Never these clusters.
   * @default - none excluded
   */
  readonly exclude?: string[];
}

/** One named group of `clusterAffinities`: the scheduler tries the groups in order and uses the first that schedules. */
export interface ClusterAffinityTerm extends ClusterAffinity {
  /** The group name (a label key, unique in the policy). */
  readonly affinityName: string;
}

/** A toleration operator. */
export enum TolerationOperator {
  /** The taint's key and value must equal the toleration's. */
  EQUAL = 'Equal',
  /** The key must match (an empty key matches every key); any value. */
  EXISTS = 'Exists',
}

/** A taint effect on a Karmada member Cluster. */
export enum TaintEffect {
  /** New workloads are not scheduled to the cluster. */
  NO_SCHEDULE = 'NoSchedule',
  /** Workloads already on the cluster are evicted too (when taint-based eviction is on). */
  NO_EXECUTE = 'NoExecute',
}

/** A toleration of member Cluster taints (`placement.clusterTolerations`, a core/v1 Toleration). */
export interface ClusterToleration {
  /**
   * The taint key; empty matches every key.
   * @default - every key
   */
  readonly key?: string;
  /**
   * The operator.
   * @default TolerationOperator.EQUAL
   */
  readonly operator?: TolerationOperator;
  /**
   * The taint value, for Equal.
   * @default - empty
   */
  readonly value?: string;
  /**
   * The effect tolerated; empty tolerates every effect.
   * @default - every effect
   */
  readonly effect?: TaintEffect;
  /**
   * For NoExecute: how long the workload stays after the taint appears, in seconds.
   * @default - forever
   */
  readonly tolerationSeconds?: number;
}

/** A field spread constraints group clusters by. */
export enum SpreadField {
  /** Each cluster is its own group (required whenever any field constraint is used). */
  CLUSTER = 'cluster',
  /** Group by `spec.region`. */
  REGION = 'region',
  /** Group by `spec.zones`. */
  ZONE = 'zone',
  /** Group by `spec.provider`. */
  PROVIDER = 'provider',
}

/** Options of {@link SpreadConstraint.byField}. */
export interface SpreadConstraintOptions {
  /**
   * The most groups to select. Required for SpreadField.CLUSTER: the scheduler takes
   * min(feasible clusters, maxGroups) clusters, so an unset maxGroups selects none.
   * @default - no maximum (not allowed for SpreadField.CLUSTER)
   */
  readonly maxGroups?: number;
  /**
   * The fewest groups to select; scheduling fails when fewer are feasible.
   * @default 1
   */
  readonly minGroups?: number;
}

/** How the selected clusters spread over groups (`placement.spreadConstraints[]`). */
export class SpreadConstraint {
  /** Spread over groups of `field` (spreadByField). */
  public static byField(field: SpreadField, options: SpreadConstraintOptions = {}): SpreadConstraint {
    return new SpreadConstraint(field, options.maxGroups, options.minGroups);
  }

  private constructor(
    /** The field. */
    public readonly field: SpreadField,
    /** maxGroups, if set. */
    public readonly maxGroups?: number,
    /** minGroups, if set. */
    public readonly minGroups?: number,
  ) {}

  /** Throws for values the webhook rejects or the scheduler cannot satisfy. @internal */
  public _validate(subject: string): void {
    if (!Object.values(SpreadField).includes(this.field)) fail(subject, `spread constraint field ${JSON.stringify(this.field)} is not one of cluster, region, zone, provider`);
    for (const [what, v] of [['maxGroups', this.maxGroups], ['minGroups', this.minGroups]] as const) {
      if (v !== undefined && (!Number.isInteger(v) || v < 0 || v > INT32_MAX)) fail(subject, `spread constraint by ${this.field} has ${what} ${v}; use a whole number from 0 to ${INT32_MAX} (an int32)`);
    }
    const min = this.minGroups || 1;
    if (this.maxGroups !== undefined && this.maxGroups > 0 && this.maxGroups < min) {
      fail(subject, `spread constraint by ${this.field} has maxGroups ${this.maxGroups} lower than minGroups ${min}; Karmada rejects it`);
    }
    if (this.field === SpreadField.CLUSTER && !this.maxGroups) {
      fail(subject, 'spread constraint by cluster needs maxGroups >= 1: the scheduler selects min(feasible clusters, maxGroups) clusters, so without it nothing is scheduled');
    }
  }

  /** The constraint in API shape. @internal */
  public _render(): Record<string, unknown> {
    const out: Record<string, unknown> = { spreadByField: this.field };
    if (this.maxGroups !== undefined) out.maxGroups = this.maxGroups;
    if (this.minGroups !== undefined) out.minGroups = this.minGroups;
    return out;
  }
}

/** A static weight for the clusters an affinity matches (a cluster takes the highest weight that matches it). */
export interface StaticClusterWeight {
  /** The clusters. */
  readonly targetCluster: ClusterAffinity;
  /** The weight (a whole number >= 1). */
  readonly weight: number;
}

/** How a workload's replicas are scheduled onto the selected clusters (`placement.replicaScheduling`). */
export class ReplicaScheduling {
  /** Every selected cluster runs all replicas. */
  public static duplicated(): ReplicaScheduling {
    return new ReplicaScheduling('Duplicated');
  }

  /**
   * The replicas are divided by static weights (Webster/Sainte-Laguë apportionment); with no weights,
   * every selected cluster weighs the same. Clusters no weight matches get no replicas.
   */
  public static divided(...weights: StaticClusterWeight[]): ReplicaScheduling {
    return new ReplicaScheduling('Divided', 'Weighted', weights);
  }

  /** The replicas are divided in proportion to the replicas each cluster can still run (estimators). */
  public static dividedByAvailableReplicas(): ReplicaScheduling {
    return new ReplicaScheduling('Divided', 'Weighted', [], true);
  }

  /** The replicas are packed onto as few clusters as their available resources allow. */
  public static aggregated(): ReplicaScheduling {
    return new ReplicaScheduling('Divided', 'Aggregated');
  }

  private constructor(
    /** `Duplicated` or `Divided`. */
    public readonly type: string,
    /** `Weighted` or `Aggregated` (Divided only). */
    public readonly divisionPreference?: string,
    /** Static weights (Divided, Weighted). */
    public readonly weights: readonly StaticClusterWeight[] = [],
    /** True for dynamic weights by available replicas. */
    public readonly dynamic = false,
  ) {}

  /** Validates and renders the strategy in API shape. @internal */
  public _render(subject: string): Record<string, unknown> {
    const out: Record<string, unknown> = { replicaSchedulingType: this.type };
    if (this.divisionPreference) out.replicaDivisionPreference = this.divisionPreference;
    if (this.dynamic) out.weightPreference = { dynamicWeight: 'AvailableReplicas' };
    else if (this.weights.length > 0) {
      out.weightPreference = {
        staticWeightList: this.weights.map((w, i) => {
          if (!Number.isInteger(w.weight) || w.weight < 1) fail(subject, `static weight ${i} is ${w.weight}; a weight is a whole number >= 1 (clusters no weight matches already get no replicas)`);
          return { targetCluster: renderClusterAffinity(subject, `static weight ${i} targetCluster`, w.targetCluster), weight: w.weight };
        }),
      };
    }
    return out;
  }
}

/** How a policy resolves an object that already exists in a member cluster. */
export enum ConflictResolution {
  /** Stop and report the conflict (the default). */
  ABORT = 'Abort',
  /** Take the object over. */
  OVERWRITE = 'Overwrite',
}

/** Whether a policy may take resource templates from lower-priority policies. */
export enum Preemption {
  /** May preempt (every resource selector then needs a name). */
  ALWAYS = 'Always',
  /** Never preempts (the default). */
  NEVER = 'Never',
}

/**
 * Which resource templates a policy selects (`resourceSelectors[]`). A selector with a name ignores
 * label selectors upstream, so the factories keep the two apart.
 */
export class ResourceSelector {
  /** Every object of `apiVersion`/`kind` (in `namespace`, when given). */
  public static all(apiVersion: string, kind: string, namespace?: string): ResourceSelector {
    return new ResourceSelector(apiVersion, kind, namespace);
  }

  /** The object named `name`. */
  public static byName(apiVersion: string, kind: string, name: string, namespace?: string): ResourceSelector {
    return new ResourceSelector(apiVersion, kind, namespace, name);
  }

  /** The objects whose labels match `selector`. */
  public static byLabels(apiVersion: string, kind: string, selector: LabelSelector, namespace?: string): ResourceSelector {
    return new ResourceSelector(apiVersion, kind, namespace, undefined, selector);
  }

  private constructor(
    /** apiVersion of the selected objects. */
    public readonly apiVersion: string,
    /** kind of the selected objects. */
    public readonly kind: string,
    /** Namespace, if restricted. */
    public readonly namespace?: string,
    /** Name, if one object. */
    public readonly name?: string,
    /** Label selector, if by labels. */
    public readonly labelSelector?: LabelSelector,
  ) {}

  /** Validates the selector for a policy in `policyNamespace` (undefined: cluster-scoped) and renders it. @internal */
  public _render(subject: string, policyNamespace: string | undefined): Record<string, unknown> {
    if (typeof this.apiVersion !== 'string' || this.apiVersion === '' || typeof this.kind !== 'string' || this.kind === '') {
      fail(subject, `a resource selector needs an apiVersion and a kind, got ${JSON.stringify(this.apiVersion)} / ${JSON.stringify(this.kind)}`);
    }
    if (policyNamespace && this.namespace && this.namespace !== policyNamespace) {
      fail(subject, `resource selector ${this.kind} has namespace "${this.namespace}", but the policy is in "${policyNamespace}"; Karmada rejects it (a namespaced policy selects only its own namespace). Use a cluster-scoped policy or drop the namespace`);
    }
    if (this.name !== undefined) validateDnsSubdomain(subject, `resource selector ${this.kind} name`, this.name);
    const sel = asSelector(subject, `resource selector ${this.kind} labelSelector`, this.labelSelector);
    sel?.validate(subject, `resource selector ${this.kind} labelSelector`);
    const out: Record<string, unknown> = { apiVersion: this.apiVersion, kind: this.kind };
    if (this.namespace) out.namespace = this.namespace;
    if (this.name) out.name = this.name;
    if (sel) out.labelSelector = sel.toJson();
    return out;
  }
}
