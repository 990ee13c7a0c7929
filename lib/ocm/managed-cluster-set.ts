import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { fail } from '../core/errors';
import { requireProps } from '../core/validate';
import { validateDnsSubdomain } from '../core/names';
import { asSelector, LabelSelector } from '../core/selector';
import { FleetResource } from '../core/resource';
import * as l1 from '../imports/cluster.open-cluster-management.io';
import { FleetRegistry } from './_registry';
import { subjectOf, l1Object } from './_util';
import { ClusterLabels, IManagedCluster } from './managed-cluster';

/** The name of the hub's set of every cluster. */
const GLOBAL_SET = 'global';
/** The name of the hub's exclusive set of clusters that are in no other exclusive set. */
const DEFAULT_SET = 'default';

/** Fails for a declared `global` set that is not an empty LabelSelector or `default` set that is not exclusive: the hub reverts both. */
function checkReservedSet(subject: string, name: string, selector: ClusterSetSelector): void {
  if (name === GLOBAL_SET && !(selector.selectorType === 'LabelSelector' && selector.selector?.isEmpty)) {
    fail(subject, 'is the global set, which the hub\'s clusterset controller keeps as an empty LabelSelector (every cluster); it reverts any other selector. Use ManagedClusterSet.GLOBAL, or give your set another name (on a hub with the DefaultClusterSet feature gate off, reference it with ManagedClusterSet.fromName(\'global\', selector))');
  }
  if (name === DEFAULT_SET && selector.selectorType !== 'ExclusiveClusterSetLabel') {
    fail(subject, 'is the default set, which the hub\'s clusterset controller keeps exclusive (ExclusiveClusterSetLabel); it reverts a LabelSelector. Use ManagedClusterSet.DEFAULT, or give your set another name (on a hub with the DefaultClusterSet feature gate off, reference it with ManagedClusterSet.fromName(\'default\', selector))');
  }
}

/**
 * How a ManagedClusterSet picks its members.
 */
export class ClusterSetSelector {
  /** Members are the clusters labelled `cluster.open-cluster-management.io/clusterset=<set name>` (a cluster is in at most one such set). */
  public static exclusive(): ClusterSetSelector {
    return new ClusterSetSelector('ExclusiveClusterSetLabel');
  }

  /** Members are the clusters matching `selector` (`LabelSelector.all()` selects every cluster, like the `global` set). */
  public static labelSelector(selector: LabelSelector): ClusterSetSelector {
    const s = asSelector('ClusterSetSelector.labelSelector', 'selector', selector);
    if (!s) fail('ClusterSetSelector.labelSelector', 'needs a selector; use LabelSelector.all() for every cluster');
    return new ClusterSetSelector('LabelSelector', s);
  }

  private constructor(
    /** `ExclusiveClusterSetLabel` or `LabelSelector`. */
    public readonly selectorType: 'ExclusiveClusterSetLabel' | 'LabelSelector',
    /** The label selector, for `LabelSelector`. */
    public readonly selector?: LabelSelector,
  ) {}
}

/** The view of a cluster set other constructs consult. */
export interface IManagedClusterSet {
  /** The set name. */
  readonly name: string;
  /** How members are picked. */
  readonly selector: ClusterSetSelector;
}

/** Props of {@link ManagedClusterSet}. */
export interface ManagedClusterSetProps {
  /**
   * The set name (what bindings and placements reference).
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * How members are picked.
   * @default ClusterSetSelector.exclusive()
   */
  readonly selector?: ClusterSetSelector;
}

/**
 * An OCM ManagedClusterSet (cluster.open-cluster-management.io/v1beta2, cluster-scoped).
 * Exclusive membership is declared with `addCluster`, which writes the clusterset label on the
 * ManagedCluster.
 */
export class ManagedClusterSet extends FleetResource implements IManagedClusterSet {
  /**
   * The hub's `global` set (kept by the hub while the DefaultClusterSet feature gate is on, the
   * default): a LabelSelector set with an empty selector, so every cluster is a member.
   */
  public static readonly GLOBAL: IManagedClusterSet = Object.freeze({ name: GLOBAL_SET, selector: ClusterSetSelector.labelSelector(LabelSelector.all()) });

  /**
   * The hub's `default` set (kept by the hub while the DefaultClusterSet feature gate is on, the
   * default): an exclusive set. The hub's webhook labels every ManagedCluster that has no (or an
   * empty) clusterset label with `cluster.open-cluster-management.io/clusterset=default`, so a
   * cluster in no other exclusive set is in `default`.
   */
  public static readonly DEFAULT: IManagedClusterSet = Object.freeze({ name: DEFAULT_SET, selector: ClusterSetSelector.exclusive() });

  /**
   * A set managed elsewhere, referenced by name. Without `selector`, `global` is a LabelSelector
   * set of every cluster (as the hub keeps it) and any other name an exclusive set.
   * @param selector how the set picks its members (default: inferred from the name, as above)
   */
  public static fromName(name: string, selector?: ClusterSetSelector): IManagedClusterSet {
    const subject = subjectOf('ManagedClusterSet', name);
    validateDnsSubdomain(subject, 'name', name);
    if (selector !== undefined && !(selector instanceof ClusterSetSelector)) fail(subject, 'selector must be ClusterSetSelector.exclusive() or ClusterSetSelector.labelSelector(...)');
    if (selector === undefined && name === GLOBAL_SET) return ManagedClusterSet.GLOBAL;
    return { name, selector: selector ?? ClusterSetSelector.exclusive() };
  }

  /** The sets declared in the app of `scope`. */
  public static allIn(scope: Construct): readonly ManagedClusterSet[] {
    return FleetRegistry.of(scope).all<ManagedClusterSet>('ManagedClusterSet');
  }

  /** The set name. */
  public readonly name: string;
  /** How members are picked. */
  public readonly selector: ClusterSetSelector;
  /** The generated L1 object. */
  public readonly apiObject: l1.ManagedClusterSet;
  /** Cluster-scoped: no namespace. */
  public get namespace(): string | undefined {
    return undefined;
  }

  constructor(scope: Construct, id: string, props: ManagedClusterSetProps = {}) {
    super(scope, id);
    props = requireProps(`ManagedClusterSet "${id}"`, props, "{ selector: ClusterSetSelector.exclusive() }", true);
    this.name = props.name ?? id;
    const subject = subjectOf('ManagedClusterSet', this.name);
    validateDnsSubdomain(subject, 'name', this.name);
    if (this.name.length > 63) fail(subject, `name is ${this.name.length} characters; it is also a label value (clusterset label), so at most 63`);
    this.selector = props.selector ?? ClusterSetSelector.exclusive();
    if (!(this.selector instanceof ClusterSetSelector)) fail(subject, 'selector must be ClusterSetSelector.exclusive() or ClusterSetSelector.labelSelector(...)');
    this.selector.selector?.validate(subject, 'clusterSelector');
    checkReservedSet(subject, this.name, this.selector);
    this.apiObject = l1Object(l1.ManagedClusterSet, this, 'Resource', {
      metadata: { name: this.name },
      spec: Lazy.any({ produce: () => this._renderSpec() }) as unknown as l1.ManagedClusterSetSpec,
    });
    FleetRegistry.of(this).register('ManagedClusterSet', this);
  }

  /**
   * Makes clusters members of this exclusive set by labelling them
   * `cluster.open-cluster-management.io/clusterset=<set>`. A cluster can be in only one exclusive set.
   */
  public addCluster(...clusters: IManagedCluster[]): void {
    const subject = subjectOf('ManagedClusterSet', this.name);
    if (this.selector.selectorType !== 'ExclusiveClusterSetLabel') {
      fail(subject, `uses a LabelSelector, so membership follows cluster labels; addCluster("${clusters[0]?.name}") only works on exclusive sets. Label the cluster to match the selector instead`);
    }
    for (const c of clusters) {
      const current = c.labels[ClusterLabels.CLUSTER_SET];
      if (current !== undefined && current !== this.name) {
        fail(subject, `cannot add ManagedCluster "${c.name}": it is already in exclusive set "${current}" (label ${ClusterLabels.CLUSTER_SET}=${current}); a cluster belongs to at most one exclusive set. Use a LabelSelector set for overlapping groups`);
      }
      if (current === this.name) continue;
      c.addLabel(ClusterLabels.CLUSTER_SET, this.name);
    }
  }

  /** True when `cluster` is a member, by the same rule the hub applies. */
  public contains(cluster: IManagedCluster): boolean {
    return setContains(this, cluster.labels);
  }

  /** @internal */
  public _renderSpec(): l1.ManagedClusterSetSpec {
    if (this.selector.selectorType === 'LabelSelector') {
      return { clusterSelector: { selectorType: l1.ManagedClusterSetSpecClusterSelectorSelectorType.LABEL_SELECTOR, labelSelector: (this.selector.selector?.toJson() ?? {}) as l1.ManagedClusterSetSpecClusterSelectorLabelSelector } };
    }
    return { clusterSelector: { selectorType: l1.ManagedClusterSetSpecClusterSelectorSelectorType.EXCLUSIVE_CLUSTER_SET_LABEL } };
  }
}

/**
 * True when a cluster with `labels` is a member of `set`, by the hub's rules: the selector of a
 * LabelSelector set; the clusterset label of an exclusive set, where a cluster without that label
 * (or with an empty one) is in `default`, because the hub's webhook labels it so.
 */
export function setContains(set: IManagedClusterSet, labels: Readonly<Record<string, string>>): boolean {
  if (set.selector.selectorType === 'LabelSelector') return (set.selector.selector ?? LabelSelector.all()).matches(labels);
  const label = labels[ClusterLabels.CLUSTER_SET];
  if (set.name === DEFAULT_SET && (label === undefined || label === '')) return true;
  return label === set.name;
}
