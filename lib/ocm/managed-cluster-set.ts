import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { fail } from '../core/errors';
import { validateDnsSubdomain } from '../core/names';
import { LabelSelector } from '../core/selector';
import * as l1 from '../imports/cluster.open-cluster-management.io';
import { FleetRegistry } from './_registry';
import { subjectOf, l1Object } from './_util';
import { ClusterLabels, IManagedCluster } from './managed-cluster';

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
    return new ClusterSetSelector('LabelSelector', selector);
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
export class ManagedClusterSet extends Construct implements IManagedClusterSet {
  /** A set managed elsewhere (e.g. `global`, `default`), referenced by name. */
  public static fromName(name: string, selector: ClusterSetSelector = ClusterSetSelector.exclusive()): IManagedClusterSet {
    validateDnsSubdomain(subjectOf('ManagedClusterSet', name), 'name', name);
    return { name, selector };
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
  private readonly declared: IManagedCluster[] = [];

  constructor(scope: Construct, id: string, props: ManagedClusterSetProps = {}) {
    super(scope, id);
    this.name = props.name ?? id;
    const subject = subjectOf('ManagedClusterSet', this.name);
    validateDnsSubdomain(subject, 'name', this.name);
    if (this.name.length > 63) fail(subject, `name is ${this.name.length} characters; it is also a label value (clusterset label), so at most 63`);
    this.selector = props.selector ?? ClusterSetSelector.exclusive();
    if (!(this.selector instanceof ClusterSetSelector)) fail(subject, 'selector must be ClusterSetSelector.exclusive() or ClusterSetSelector.labelSelector(...)');
    this.selector.selector?.validate(subject, 'clusterSelector');
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
  public addCluster(...clusters: IManagedCluster[]): this {
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
      this.declared.push(c);
    }
    return this;
  }

  /** True when `cluster` is a member, by the same rule the hub applies. */
  public contains(cluster: IManagedCluster): boolean {
    return setContains(this, cluster.labels);
  }

  /** @internal */
  public _renderSpec(): Record<string, unknown> {
    if (this.selector.selectorType === 'LabelSelector') {
      return { clusterSelector: { selectorType: 'LabelSelector', labelSelector: this.selector.selector?.toJson() ?? {} } };
    }
    return { clusterSelector: { selectorType: 'ExclusiveClusterSetLabel' } };
  }
}

/** True when a cluster with `labels` is a member of `set`. */
export function setContains(set: IManagedClusterSet, labels: Readonly<Record<string, string>>): boolean {
  if (set.selector.selectorType === 'LabelSelector') return (set.selector.selector ?? LabelSelector.all()).matches(labels);
  return labels[ClusterLabels.CLUSTER_SET] === set.name;
}
