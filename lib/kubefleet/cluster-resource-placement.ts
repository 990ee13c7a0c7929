import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { describeValue, fail } from '../core/errors';
import { WELL_KNOWN_NAMESPACED_KINDS } from '../core/kinds';
import { requireProps } from '../core/validate';
import { validateDnsSubdomain } from '../core/names';
import { FleetResource } from '../core/resource';
import * as l1 from '../imports/placement.kubernetes-fleet.io';
import { KubeFleetRegistry, l1Object, subjectOf } from './_util';
import { PlacementPolicy, ResourceSelector, RolloutStrategy, SelectionScope } from './values';

/** Well-known namespaced kinds (`group/kind`) a ClusterResourcePlacement cannot select on their own. */
const NAMESPACED_KINDS = WELL_KNOWN_NAMESPACED_KINDS;

/** Props of {@link ClusterResourcePlacement}. */
export interface ClusterResourcePlacementProps {
  /**
   * The placement name (at most 63 characters).
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * The cluster-scoped resources to place (a Namespace carries its contents); at least one before synth.
   * @default - none; add with addResourceSelector()
   */
  readonly resourceSelectors?: ResourceSelector[];
  /**
   * Which clusters (cannot be removed, nor its placement type changed, once applied).
   * @default - every joined cluster (PickAll)
   */
  readonly policy?: PlacementPolicy;
  /**
   * How changes roll out.
   * @default RolloutStrategy.rollingUpdate()
   */
  readonly strategy?: RolloutStrategy;
  /**
   * Old resource and policy snapshots kept (1 to 1000).
   * @default 10
   */
  readonly revisionHistoryLimit?: number;
}

/** A ClusterResourcePlacement as other constructs reference it. */
export interface IClusterResourcePlacement {
  /** The placement name. */
  readonly name: string;
}

/**
 * A KubeFleet ClusterResourcePlacement (placement.kubernetes-fleet.io/v1, cluster-scoped): which
 * cluster-scoped resources (Namespaces with their contents, CRDs, ClusterRoles, ...) go to which
 * member clusters, and how changes roll out.
 * @see https://kubefleet.dev/docs/concepts/crp/
 */
export class ClusterResourcePlacement extends FleetResource implements IClusterResourcePlacement {
  /** A ClusterResourcePlacement managed elsewhere. */
  public static fromName(name: string): IClusterResourcePlacement {
    validateDnsSubdomain(subjectOf('ClusterResourcePlacement', name), 'name', name);
    return { name };
  }

  /** The ClusterResourcePlacements declared in the app of `scope`. */
  public static allIn(scope: Construct): readonly ClusterResourcePlacement[] {
    return KubeFleetRegistry.of(scope).all<ClusterResourcePlacement>('ClusterResourcePlacement');
  }

  /** The placement name. */
  public readonly name: string;
  /** The policy, if any. */
  public readonly policy?: PlacementPolicy;
  /** The rollout strategy, if set. */
  public readonly strategy?: RolloutStrategy;
  /** The generated L1 object. */
  public readonly apiObject: l1.ClusterResourcePlacement;
  /** Cluster-scoped: no namespace. */
  public get namespace(): string | undefined {
    return undefined;
  }
  private readonly selectors: ResourceSelector[] = [];
  private readonly subject: string;

  constructor(scope: Construct, id: string, props: ClusterResourcePlacementProps = {}) {
    super(scope, id);
    props = requireProps(`ClusterResourcePlacement "${id}"`, props, "{ resourceSelectors: [...] }", true);
    this.name = props.name ?? id;
    const subject = this.subject = subjectOf('ClusterResourcePlacement', this.name);
    validateDnsSubdomain(subject, 'name', this.name);
    if (this.name.length > 63) fail(subject, `name is ${this.name.length} characters; the KubeFleet webhook allows at most 63`);
    if (props.policy !== undefined && !(props.policy instanceof PlacementPolicy)) {
      fail(subject, `policy is ${describeValue(props.policy)}; use PlacementPolicy.pickAll(), PlacementPolicy.pickN(3) or PlacementPolicy.pickFixed('member-1')`);
    }
    if (props.strategy !== undefined && !(props.strategy instanceof RolloutStrategy)) {
      fail(subject, `strategy is ${describeValue(props.strategy)}; use RolloutStrategy.rollingUpdate() or RolloutStrategy.external()`);
    }
    props.policy?._render(subject);
    props.strategy?._render(subject);
    const limit = props.revisionHistoryLimit;
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 1000)) fail(subject, `revisionHistoryLimit ${limit} is out of range; allowed: 1 to 1000`);
    this.policy = props.policy;
    this.strategy = props.strategy;
    for (const s of props.resourceSelectors ?? []) this.addResourceSelector(s);
    this.apiObject = l1Object(l1.ClusterResourcePlacement, this, 'Resource', {
      metadata: { name: this.name },
      spec: Lazy.any({
        produce: () => {
          const spec: Record<string, unknown> = { resourceSelectors: this.selectors.map((s) => s._render(subject)) };
          if (this.policy) spec.policy = this.policy._render(subject);
          if (this.strategy) spec.strategy = this.strategy._render(subject);
          if (limit !== undefined) spec.revisionHistoryLimit = limit;
          return spec;
        },
      }) as unknown as l1.ClusterResourcePlacementSpec,
    });
    KubeFleetRegistry.of(this).register('ClusterResourcePlacement', this);
    this.node.addValidation({ validate: () => this.validateSelectors() });
  }

  /** Adds a resource selector (selectors are ORed); returns it. */
  public addResourceSelector(selector: ResourceSelector): ResourceSelector {
    if (!(selector instanceof ResourceSelector)) {
      fail(this.subject, `resource selector is ${describeValue(selector)}; use ResourceSelector.namespace('app') or ResourceSelector.byName(...)`);
    }
    selector._render(this.subject);
    if (this.selectors.length >= 100) fail(this.subject, 'has more than 100 resource selectors; at most 100');
    this.selectors.push(selector);
    return selector;
  }

  /** The resource selectors (a copy). */
  public get resourceSelectors(): readonly ResourceSelector[] {
    return [...this.selectors];
  }

  /** True when rollouts are driven by ClusterStagedUpdateRuns. */
  public get isExternalRollout(): boolean {
    return this.strategy?.type === 'External';
  }

  private validateSelectors(): string[] {
    if (this.selectors.length === 0) {
      return [`${this.subject}: has no resource selector; the CRD requires at least one. Add one with addResourceSelector(ResourceSelector.namespace('app'))`];
    }
    if (!this.selectors.some((s) => s.isNamespace && s.selectionScope === SelectionScope.NAMESPACE_WITH_RESOURCE_SELECTORS)) {
      const namespaced = this.selectors.filter((s) => NAMESPACED_KINDS.has(`${s.group}/${s.kind}`));
      if (namespaced.length > 0) {
        return [`${this.subject}: selects namespaced ${namespaced.map((s) => s.kind).join(', ')}; the KubeFleet webhook rejects it (a ClusterResourcePlacement selects cluster-scoped resources). Select the Namespace instead, or use a Namespace selector with SelectionScope.NAMESPACE_WITH_RESOURCE_SELECTORS`];
      }
    }
    const scoped = this.selectors.filter((s) => s.isNamespace && s.selectionScope === SelectionScope.NAMESPACE_WITH_RESOURCE_SELECTORS);
    if (scoped.length > 0) {
      if (scoped.length > 1 || this.selectors.some((s) => s.isNamespace && s !== scoped[0])) {
        return [`${this.subject}: a Namespace selector with NamespaceWithResourceSelectors must be the only Namespace selector; the CRD rejects others next to it`];
      }
      if (!scoped[0].name) return [`${this.subject}: the NamespaceWithResourceSelectors Namespace selector must select by name, not by labels (CRD rule)`];
    }
    return [];
  }
}
