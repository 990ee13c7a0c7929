import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { fail } from '../core/errors';
import { INT32_MAX, requireProps } from '../core/validate';
import { validateDnsLabel, validateDnsSubdomain } from '../core/names';
import { asSelector, LabelSelector } from '../core/selector';
import { FleetResource } from '../core/resource';
import * as l1 from '../imports/lib.projectsveltos.io';
import { FleetRegistry } from '../ocm/_registry';
import { subjectOf } from '../ocm/_util';
import { IClusterRef, renderClusterRef, validateClusterRef } from './cluster-ref';

/** The two kinds of Sveltos cluster set. */
export enum SetKind {
  /** A cluster-scoped ClusterSet, referenced by ClusterProfiles. */
  CLUSTER_SET = 'ClusterSet',
  /** A namespaced Set, referenced by Profiles in the same namespace. */
  SET = 'Set',
}

/** A Sveltos ClusterSet or Set as profiles reference it; implemented by owned and imported sets. */
export interface ISveltosSet {
  /** The set name (what `setRefs` lists). */
  readonly name: string;
  /** The namespace (Set only). */
  readonly namespace?: string;
  /** ClusterSet or Set. */
  readonly setKind: SetKind;
}

/** Props shared by {@link ClusterSet} and {@link Set}. */
export interface SetOptions {
  /**
   * The set name.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Candidate clusters by label. Must not be empty: Sveltos matches no cluster with an empty selector.
   * @default - only `clusterRefs`
   */
  readonly clusterSelector?: LabelSelector;
  /**
   * Candidate clusters by reference.
   * @default - none
   */
  readonly clusterRefs?: IClusterRef[];
  /**
   * How many healthy candidates the set selects (kept while healthy; a Down one is replaced).
   * Required: with 0 or no value Sveltos selects no cluster at all.
   */
  readonly maxReplicas: number;
}

/** Props of {@link ClusterSet}. */
export interface ClusterSetProps extends SetOptions {}

/**
 * Shared implementation of ClusterSet and Set.
 * @internal
 */
export abstract class SetBase extends FleetResource implements ISveltosSet {
  /** The set name. */
  public readonly name: string;
  /** The namespace (Set only). */
  public readonly namespace?: string;
  /** ClusterSet or Set. */
  public readonly setKind: SetKind;
  /** How many clusters the set selects. */
  public readonly maxReplicas: number;
  /** The generated L1 object. */
  public abstract readonly apiObject: ApiObject;
  /** `ClusterSet "name"` or `Set "namespace/name"`, for messages. @internal */
  public readonly subject: string;
  private readonly selector?: LabelSelector;
  private readonly refs: IClusterRef[] = [];

  protected constructor(scope: Construct, id: string, kind: SetKind, namespace: string | undefined, props: SetOptions) {
    super(scope, id);
    props = requireProps(subjectOf(kind, id, namespace), props, '{ clusterSelector: LabelSelector.matchLabels({ env: "prod" }), maxReplicas: 1 }');
    this.name = props.name ?? id;
    this.namespace = namespace;
    this.setKind = kind;
    const subject = this.subject = subjectOf(kind, this.name, namespace);
    validateDnsSubdomain(subject, 'name', this.name);
    if (kind === SetKind.SET) validateDnsLabel(subject, 'namespace', namespace as string);
    if (FleetRegistry.of(scope).withKey(`Sveltos${kind}`, `${namespace ?? ''}/${this.name}`).length > 0) {
      fail(subject, `is declared twice in this app (two ${kind}s with the same ${namespace === undefined ? '' : 'namespace and '}name would overwrite each other); give one another name`);
    }
    const mr = props.maxReplicas;
    if (mr === undefined || mr === null || !Number.isInteger(mr) || mr < 1 || mr > INT32_MAX) {
      fail(subject, `maxReplicas is ${JSON.stringify(mr)}; Sveltos selects no cluster when maxReplicas is missing or 0. Set it to how many clusters the set should hold (a whole number from 1 to ${INT32_MAX}, an int32)`);
    }
    this.maxReplicas = mr;
    const clusterSelector = asSelector(subject, 'clusterSelector', props.clusterSelector);
    if (clusterSelector) {
      if (clusterSelector.isEmpty) {
        fail(subject, 'clusterSelector is empty, and Sveltos matches no cluster with an empty selector (unlike Kubernetes). Select on a label, e.g. LabelSelector.matchLabels({ env: "production" }), or list clusterRefs');
      }
      clusterSelector.validate(subject, 'clusterSelector');
      this.selector = clusterSelector;
    }
    if (props.clusterRefs !== undefined && !Array.isArray(props.clusterRefs)) fail(subject, 'clusterRefs must be a list of SveltosClusters or cluster references; wrap it in [ ]');
    for (const r of props.clusterRefs ?? []) this.addClusterRef(r);
    if (!this.selector && this.refs.length === 0) {
      fail(subject, 'has neither clusterSelector nor clusterRefs, so it never selects a cluster; pass one of them');
    }
    FleetRegistry.of(this).register(`Sveltos${kind}`, this, `${namespace ?? ''}/${this.name}`);
  }

  /** Adds a candidate cluster by reference. */
  public addClusterRef(ref: IClusterRef): void {
    validateClusterRef(this.subject, ref);
    if (this.namespace !== undefined && ref.namespace !== this.namespace) {
      fail(this.subject, `clusterRef ${ref.clusterKind} "${ref.namespace}/${ref.name}" is outside the Set's namespace "${this.namespace}"; Sveltos rewrites it to "${this.namespace}/${ref.name}". Reference a cluster in "${this.namespace}", or use a ClusterSet`);
    }
    this.refs.push(ref);
  }

  /** The spec in the generated L1 shape. @internal */
  public _renderSpec(): l1.ClusterSetSpec {
    return {
      ...(this.selector ? { clusterSelector: this.selector.toJson() as l1.ClusterSetSpecClusterSelector } : {}),
      ...(this.refs.length > 0 ? { clusterRefs: this.refs.map(renderClusterRef) } : {}),
      maxReplicas: this.maxReplicas,
    };
  }
}

/**
 * A Sveltos ClusterSet (lib.projectsveltos.io/v1beta1, cluster-scoped): picks up to `maxReplicas`
 * healthy clusters among its candidates and replaces one that goes Down (active/passive).
 * ClusterProfiles reference it with `setRefs`.
 */
export class ClusterSet extends SetBase {
  /** A ClusterSet managed elsewhere. */
  public static fromName(name: string): ISveltosSet {
    validateDnsSubdomain(subjectOf('ClusterSet', name), 'name', name);
    return { name, setKind: SetKind.CLUSTER_SET };
  }

  /** The ClusterSets declared in the app of `scope`. */
  public static allIn(scope: Construct): readonly ClusterSet[] {
    return FleetRegistry.of(scope).all<ClusterSet>(`Sveltos${SetKind.CLUSTER_SET}`);
  }

  /** The generated L1 object. */
  public readonly apiObject: l1.ClusterSet;

  constructor(scope: Construct, id: string, props: ClusterSetProps) {
    super(scope, id, SetKind.CLUSTER_SET, undefined, props ?? ({} as ClusterSetProps));
    this.apiObject = new l1.ClusterSet(this, 'Resource', {
      metadata: { name: this.name },
      spec: Lazy.any({ produce: () => this._renderSpec() }) as unknown as l1.ClusterSetSpec,
    });
  }
}
