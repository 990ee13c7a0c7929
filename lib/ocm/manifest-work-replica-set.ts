import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { fail } from '../core/errors';
import { requireKnownKeys, requireProps } from '../core/validate';
import { validateDnsSubdomain, validateDnsLabel } from '../core/names';
import * as l1 from '../imports/work.open-cluster-management.io';
import { FleetRegistry } from './_registry';
import { subjectOf, l1Object } from './_util';
import { FeatureGate, requireFeatureGate } from './cluster-manager';
import { WORK_OPTION_KEYS, WorkConstruct, WorkContent, WorkOptions } from './manifest-work';
import { IPlacement, Placement } from './placement';
import { Rollout } from './rollout';

/** One placement a ManifestWorkReplicaSet deploys to, with its rollout. */
export interface PlacementRollout {
  /** The placement (in the same namespace as the ManifestWorkReplicaSet). */
  readonly placement: IPlacement;
  /**
   * How the work rolls out over the placement's clusters.
   * @default Rollout.all()
   */
  readonly rollout?: Rollout;
}

/** The keys {@link ManifestWorkReplicaSetProps} adds to WorkOptions. @internal */
export const MANIFEST_WORK_REPLICA_SET_OWN_KEYS: readonly string[] = ['namespace', 'name', 'placements', 'cascadeDeletionPolicy'];

/** Props of {@link ManifestWorkReplicaSet}. */
export interface ManifestWorkReplicaSetProps extends WorkOptions {
  /** The namespace (its placements must be in it too). */
  readonly namespace: string;
  /**
   * The name; `<namespace>.<name>` must be at most 63 characters.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Placements and their rollouts.
   * @default - none; add with addPlacement()
   */
  readonly placements?: PlacementRollout[];
  /**
   * How generated ManifestWorks are deleted with this object.
   * @default 'Background'
   */
  readonly cascadeDeletionPolicy?: 'Background' | 'Foreground';
}

/**
 * An OCM ManifestWorkReplicaSet (work.open-cluster-management.io/v1alpha1): one work template fanned
 * out to every cluster of its placements, rolled out as declared. Needs the ManifestWorkReplicaSet
 * feature gate on the ClusterManager.
 */
export class ManifestWorkReplicaSet extends WorkConstruct {
  /** The ManifestWorkReplicaSets declared in the app of `scope`. */
  public static allIn(scope: Construct): readonly ManifestWorkReplicaSet[] {
    return FleetRegistry.of(scope).all<ManifestWorkReplicaSet>('ManifestWorkReplicaSet');
  }

  /** The name. */
  public readonly name: string;
  /** The namespace. */
  public readonly namespace: string;
  /** The generated L1 object. */
  public readonly apiObject: l1.ManifestWorkReplicaSet;
  /** @internal */
  protected readonly content: WorkContent;
  private readonly refs: PlacementRollout[] = [];
  private readonly subject: string;

  constructor(scope: Construct, id: string, props: ManifestWorkReplicaSetProps) {
    super(scope, id);
    props = requireProps(`ManifestWorkReplicaSet "${id}"`, props, "{ namespace: 'apps', placements: [...], objects: [...] }");
    requireKnownKeys(`ManifestWorkReplicaSet "${props.name ?? id}"`, 'props', props as unknown as Record<string, unknown>, [...WORK_OPTION_KEYS, ...MANIFEST_WORK_REPLICA_SET_OWN_KEYS]);
    this.name = props.name ?? id;
    this.namespace = props.namespace;
    const subject = this.subject = subjectOf('ManifestWorkReplicaSet', this.name, this.namespace);
    validateDnsLabel(subject, 'namespace', this.namespace);
    validateDnsSubdomain(subject, 'name', this.name);
    const full = `${this.namespace}.${this.name}`;
    if (full.length > 63) {
      fail(subject, `"${full}" is ${full.length} characters; OCM writes <namespace>.<name> into a label of every generated ManifestWork, so it must be at most 63 (the controller stops with InvalidManifestWorkName). Shorten the name to at most ${63 - this.namespace.length - 1} characters`);
    }
    if (props.cascadeDeletionPolicy && !['Background', 'Foreground'].includes(props.cascadeDeletionPolicy)) {
      fail(subject, `cascadeDeletionPolicy ${JSON.stringify(props.cascadeDeletionPolicy)} is invalid; allowed: Background, Foreground`);
    }
    this.content = new WorkContent(subject, props);
    for (const p of props.placements ?? []) this.addPlacement(p.placement, p.rollout);
    this.apiObject = l1Object(l1.ManifestWorkReplicaSet, this, 'Resource', {
      metadata: { name: this.name, namespace: this.namespace },
      spec: Lazy.any({
        produce: () => ({
          ...(props.cascadeDeletionPolicy ? { cascadeDeletionPolicy: props.cascadeDeletionPolicy } : {}),
          manifestWorkTemplate: this.content.render(),
          placementRefs: this.refs.map((r) => ({ name: r.placement.name, rolloutStrategy: (r.rollout ?? Rollout.all())._render() })),
        }),
      }) as unknown as l1.ManifestWorkReplicaSetSpec,
    });
    FleetRegistry.of(this).register('ManifestWorkReplicaSet', this);
    requireFeatureGate(this, subject, FeatureGate.MANIFEST_WORK_REPLICA_SET, 'a ManifestWorkReplicaSet');
    this.node.addValidation({
      validate: () => (this.refs.length === 0 ? [`${subject}: has no placement, so it deploys nowhere; add one with addPlacement(placement, rollout)`] : []),
    });
  }

  /** Deploys to `placement`'s clusters with `rollout`. */
  public addPlacement(placement: IPlacement, rollout?: Rollout): void {
    if (placement.namespace !== this.namespace) {
      fail(this.subject, `placement "${placement.namespace}/${placement.name}" is in another namespace; placementRefs name a Placement in "${this.namespace}". Declare the placement in "${this.namespace}"`);
    }
    if (this.refs.some((r) => r.placement.name === placement.name)) fail(this.subject, `placement "${placement.name}" is referenced twice`);
    const groups = placement instanceof Placement ? placement.decisionGroupNames : undefined;
    rollout?._validate(`${this.subject} rollout on placement "${placement.name}"`, groups);
    this.refs.push({ placement, rollout });
  }

  /** Placements and rollouts, in order. */
  public get placements(): readonly PlacementRollout[] {
    return [...this.refs];
  }
}
