import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { describeValue, fail } from '../core/errors';
import { requireOptionalBoolean, requireProps } from '../core/validate';
import { labelKeyProblem, validateDnsLabel, validateDnsSubdomain } from '../core/names';
import { FleetResource } from '../core/resource';
import * as l1 from '../imports/policy.karmada.io';
import { KarmadaRegistry, l1Object, subjectOf } from './_util';
import { renderClusterAffinity, renderToleration } from './_render';
import {
  ClusterAffinity, ClusterAffinityTerm, ClusterToleration, ConflictResolution, Preemption, ReplicaScheduling, ResourceSelector,
  SpreadConstraint, SpreadField,
} from './values';

/** What PropagationPolicy and ClusterPropagationPolicy share (`PropagationSpec`). */
export interface PropagationSpecOptions {
  /**
   * The policy name.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * The resource templates the policy propagates (at least one, before synth).
   * @default - none; add with addResourceSelector()
   */
  readonly resourceSelectors?: ResourceSelector[];
  /**
   * The clusters the templates go to. Cannot be combined with clusterAffinities.
   * @default - every cluster
   */
  readonly clusterAffinity?: ClusterAffinity;
  /**
   * Ordered groups of clusters: the scheduler uses the first group that schedules (failover tiers).
   * Cannot be combined with clusterAffinity.
   * @default - none
   */
  readonly clusterAffinities?: ClusterAffinityTerm[];
  /**
   * Tolerations of member Cluster taints.
   * @default - none (NoSchedule and NoExecute taints keep the templates away)
   */
  readonly clusterTolerations?: ClusterToleration[];
  /**
   * How the selected clusters spread over groups.
   * @default - every feasible cluster is selected
   */
  readonly spreadConstraints?: SpreadConstraint[];
  /**
   * How replicas are scheduled.
   * @default ReplicaScheduling.duplicated()
   */
  readonly replicaScheduling?: ReplicaScheduling;
  /**
   * Priority among policies that match the same template (higher wins).
   * @default 0
   */
  readonly priority?: number;
  /**
   * Whether the policy may take templates from lower-priority policies.
   * @default Preemption.NEVER
   */
  readonly preemption?: Preemption;
  /**
   * Also propagate the ConfigMaps, Secrets, ServiceAccounts and PVCs the templates reference.
   * @default false
   */
  readonly propagateDeps?: boolean;
  /**
   * What to do when the object already exists in a member cluster.
   * @default ConflictResolution.ABORT
   */
  readonly conflictResolution?: ConflictResolution;
}

/** A Karmada propagation policy as other objects reference it. */
export interface IPropagationPolicy {
  /** The policy name. */
  readonly name: string;
  /** The namespace (PropagationPolicy), or undefined (ClusterPropagationPolicy). */
  readonly namespace?: string;
}

/**
 * What PropagationPolicy and ClusterPropagationPolicy share: resource selectors and the placement,
 * validated as the Karmada webhook validates them (karmada pkg/util/validation/validation.go
 * ValidatePropagationSpec), rendered lazily.
 */
export abstract class PropagationPolicyBase extends FleetResource implements IPropagationPolicy {
  /** The policy name. */
  public readonly name: string;
  /** The namespace, or undefined for a ClusterPropagationPolicy. */
  public readonly namespace?: string;
  /** @internal */
  protected readonly subject: string;
  private readonly selectors: ResourceSelector[] = [];
  private readonly tolerations: ClusterToleration[] = [];
  private readonly spread: SpreadConstraint[] = [];
  private readonly affinityTerms: ClusterAffinityTerm[] = [];
  private readonly clusterAffinity?: ClusterAffinity;
  private readonly options: PropagationSpecOptions;

  /** @internal */
  protected constructor(scope: Construct, id: string, kind: string, namespace: string | undefined, props: PropagationSpecOptions) {
    super(scope, id);
    props = requireProps(`${kind} "${id}"`, props, '{ resourceSelectors: [...], placement: ... }', true);
    this.name = props.name ?? id;
    this.namespace = namespace;
    const subject = this.subject = subjectOf(kind, this.name, namespace);
    validateDnsSubdomain(subject, 'name', this.name);
    if (namespace !== undefined) validateDnsLabel(subject, 'namespace', namespace);
    requireOptionalBoolean(subject, 'propagateDeps', props.propagateDeps);
    if (props.clusterAffinity && props.clusterAffinities) {
      fail(subject, 'sets both clusterAffinity and clusterAffinities; Karmada rejects it (clusterAffinities cannot co-exist with clusterAffinity). Keep one');
    }
    if (props.priority !== undefined && (!Number.isInteger(props.priority) || Math.abs(props.priority) > 2 ** 31 - 1)) {
      fail(subject, `priority ${props.priority} is not a 32-bit whole number`);
    }
    if (props.preemption !== undefined && !Object.values(Preemption).includes(props.preemption)) {
      fail(subject, `preemption ${JSON.stringify(props.preemption)} is invalid; allowed: Always, Never`);
    }
    if (props.conflictResolution !== undefined && !Object.values(ConflictResolution).includes(props.conflictResolution)) {
      fail(subject, `conflictResolution ${JSON.stringify(props.conflictResolution)} is invalid; allowed: Abort, Overwrite`);
    }
    if (props.replicaScheduling !== undefined && !(props.replicaScheduling instanceof ReplicaScheduling)) {
      fail(subject, `replicaScheduling is ${describeValue(props.replicaScheduling)}; use ReplicaScheduling.duplicated() or ReplicaScheduling.divided(...)`);
    }
    props.replicaScheduling?._render(subject);
    if (props.clusterAffinity) renderClusterAffinity(subject, 'clusterAffinity', props.clusterAffinity);
    this.clusterAffinity = props.clusterAffinity;
    this.options = props;
    for (const s of props.resourceSelectors ?? []) this.addResourceSelector(s);
    for (const t of props.clusterAffinities ?? []) this.addClusterAffinityTerm(t);
    for (const t of props.clusterTolerations ?? []) this.addClusterToleration(t);
    for (const c of props.spreadConstraints ?? []) this.addSpreadConstraint(c);
    this.node.addValidation({ validate: () => this.validateLater() });
  }

  /** Adds a resource selector; returns it. */
  public addResourceSelector(selector: ResourceSelector): ResourceSelector {
    if (!(selector instanceof ResourceSelector)) {
      fail(this.subject, `resource selector is ${describeValue(selector)}; use ResourceSelector.byName(...), ResourceSelector.byLabels(...) or ResourceSelector.all(...)`);
    }
    selector._render(this.subject, this.namespace);
    this.selectors.push(selector);
    return selector;
  }

  /** Adds a clusterAffinities group (tried after the ones added before); returns it. */
  public addClusterAffinityTerm(term: ClusterAffinityTerm): ClusterAffinityTerm {
    if (this.clusterAffinity) fail(this.subject, 'has clusterAffinity; Karmada rejects clusterAffinities next to it. Keep one');
    const p = labelKeyProblem(term.affinityName);
    if (p) fail(this.subject, `clusterAffinities name ${JSON.stringify(term.affinityName)} is invalid: it ${p}`);
    if (this.affinityTerms.some((t) => t.affinityName === term.affinityName)) {
      fail(this.subject, `clusterAffinities name "${term.affinityName}" is used twice; each affinity term in a policy must have a unique name`);
    }
    renderClusterAffinity(this.subject, `clusterAffinities "${term.affinityName}"`, term);
    this.affinityTerms.push(term);
    return term;
  }

  /** Adds a toleration of member Cluster taints; returns it. */
  public addClusterToleration(toleration: ClusterToleration): ClusterToleration {
    renderToleration(this.subject, toleration);
    this.tolerations.push(toleration);
    return toleration;
  }

  /** Adds a spread constraint (at most one per field); returns it. */
  public addSpreadConstraint(constraint: SpreadConstraint): SpreadConstraint {
    if (!(constraint instanceof SpreadConstraint)) fail(this.subject, `spread constraint is ${describeValue(constraint)}; use SpreadConstraint.byField(SpreadField.CLUSTER, { maxGroups: 2 })`);
    constraint._validate(this.subject);
    if (this.spread.some((c) => c.field === constraint.field)) {
      fail(this.subject, `has two spread constraints by ${constraint.field}; Karmada rejects multiple ${constraint.field} spread constraints`);
    }
    this.spread.push(constraint);
    return constraint;
  }

  /** The resource selectors (a copy). */
  public get resourceSelectors(): readonly ResourceSelector[] {
    return [...this.selectors];
  }

  private validateLater(): string[] {
    const errors: string[] = [];
    if (this.selectors.length === 0) {
      errors.push(`${this.subject}: has no resource selector; Karmada requires at least one. Add one with addResourceSelector(ResourceSelector.byName('apps/v1', 'Deployment', 'web'))`);
    }
    if (this.spread.length > 0 && !this.spread.some((c) => c.field === SpreadField.CLUSTER)) {
      errors.push(`${this.subject}: spread constraints by ${this.spread.map((c) => c.field).join(', ')} need one by cluster too; Karmada rejects them without it. Add SpreadConstraint.byField(SpreadField.CLUSTER, { maxGroups: N })`);
    }
    if (this.options.preemption === Preemption.ALWAYS) {
      const unnamed = this.selectors.filter((s) => !s.name).map((s) => s.kind);
      if (unnamed.length > 0) {
        errors.push(`${this.subject}: preemption Always needs a name in every resource selector (Karmada rejects unnamed ones as they may preempt unexpected resources); unnamed: ${unnamed.join(', ')}`);
      }
    }
    return errors;
  }

  /** The spec in API shape (what is rendered). @internal */
  public _renderSpec(): Record<string, unknown> {
    const o = this.options;
    const placement: Record<string, unknown> = {};
    if (this.clusterAffinity) placement.clusterAffinity = renderClusterAffinity(this.subject, 'clusterAffinity', this.clusterAffinity);
    if (this.affinityTerms.length > 0) {
      placement.clusterAffinities = this.affinityTerms.map((t) => ({ affinityName: t.affinityName, ...renderClusterAffinity(this.subject, `clusterAffinities "${t.affinityName}"`, t) }));
    }
    if (this.tolerations.length > 0) placement.clusterTolerations = this.tolerations.map((t) => renderToleration(this.subject, t));
    if (this.spread.length > 0) placement.spreadConstraints = this.spread.map((c) => c._render());
    if (o.replicaScheduling) placement.replicaScheduling = o.replicaScheduling._render(this.subject);
    const spec: Record<string, unknown> = { resourceSelectors: this.selectors.map((s) => s._render(this.subject, this.namespace)) };
    if (Object.keys(placement).length > 0) spec.placement = placement;
    if (o.priority !== undefined) spec.priority = o.priority;
    if (o.preemption !== undefined) spec.preemption = o.preemption;
    if (o.propagateDeps !== undefined) spec.propagateDeps = o.propagateDeps;
    if (o.conflictResolution !== undefined) spec.conflictResolution = o.conflictResolution;
    return spec;
  }
}

/** Props of {@link PropagationPolicy}. */
export interface PropagationPolicyProps extends PropagationSpecOptions {
  /** The namespace; the policy selects templates in this namespace only. */
  readonly namespace: string;
}

/**
 * A Karmada PropagationPolicy (policy.karmada.io/v1alpha1, namespaced): which member clusters the
 * resource templates of its namespace propagate to, and how their replicas are scheduled.
 * @see https://karmada.io/docs/userguide/scheduling/resource-propagating
 */
export class PropagationPolicy extends PropagationPolicyBase {
  /** A PropagationPolicy managed elsewhere. */
  public static fromName(namespace: string, name: string): IPropagationPolicy {
    validateDnsSubdomain(subjectOf('PropagationPolicy', name, namespace), 'name', name);
    return { namespace, name };
  }

  /** The PropagationPolicies declared in the app of `scope`. */
  public static allIn(scope: Construct): readonly PropagationPolicy[] {
    return KarmadaRegistry.of(scope).all<PropagationPolicy>('PropagationPolicy');
  }

  /** The namespace. */
  public readonly namespace: string;
  /** The generated L1 object. */
  public readonly apiObject: l1.PropagationPolicy;

  constructor(scope: Construct, id: string, props: PropagationPolicyProps) {
    if (!props || typeof props.namespace !== 'string') fail(subjectOf('PropagationPolicy', id), 'needs props with a namespace, e.g. { namespace: \'apps\' }');
    super(scope, id, 'PropagationPolicy', props.namespace, props);
    this.namespace = props.namespace;
    this.apiObject = l1Object(l1.PropagationPolicy, this, 'Resource', {
      metadata: { name: this.name, namespace: this.namespace },
      spec: Lazy.any({ produce: () => this._renderSpec() }) as unknown as l1.PropagationPolicySpec,
    });
    KarmadaRegistry.of(this).register('PropagationPolicy', this);
  }
}
