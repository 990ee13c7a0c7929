import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { describeValue, fail } from '../core/errors';
import { validateDnsSubdomain } from '../core/names';
import { FleetResource } from '../core/resource';
import * as l1 from '../imports/placement.kubernetes-fleet.io';
import { l1Object, subjectOf } from './_util';
import { ClusterResourcePlacement, IClusterResourcePlacement } from './cluster-resource-placement';
import { IClusterStagedUpdateStrategy } from './cluster-staged-update-strategy';

/** The state of an update run. */
export enum UpdateRunState {
  /** Compute the stages, update nothing yet (the default). */
  INITIALIZE = 'Initialize',
  /** Execute the stages. */
  RUN = 'Run',
  /** Pause (cannot go back to Initialize). */
  STOP = 'Stop',
}

/** Props of {@link ClusterStagedUpdateRun}. */
export interface ClusterStagedUpdateRunProps {
  /**
   * The run name (at most 63 characters).
   * @default - the construct id
   */
  readonly name?: string;
  /** The placement to roll out (it must use RolloutStrategy.external()); immutable. */
  readonly placement: IClusterResourcePlacement;
  /** The strategy with the stages; immutable. */
  readonly strategy: IClusterStagedUpdateStrategy;
  /**
   * The resource snapshot to roll out; immutable.
   * @default - the latest snapshot
   */
  readonly resourceSnapshotIndex?: string;
  /**
   * The state (Initialize → Run → Stop; never back to Initialize).
   * @default UpdateRunState.INITIALIZE
   */
  readonly state?: UpdateRunState;
}

/**
 * A KubeFleet ClusterStagedUpdateRun (placement.kubernetes-fleet.io/v1, cluster-scoped): rolls a
 * placement with an External rollout strategy out through a ClusterStagedUpdateStrategy's stages.
 * @see https://kubefleet.dev/docs/how-tos/staged-update/
 */
export class ClusterStagedUpdateRun extends FleetResource {
  /** The name. */
  public readonly name: string;
  /** The placement. */
  public readonly placement: IClusterResourcePlacement;
  /** The strategy. */
  public readonly strategy: IClusterStagedUpdateStrategy;
  /** The generated L1 object. */
  public readonly apiObject: l1.ClusterStagedUpdateRun;
  /** Cluster-scoped: no namespace. */
  public get namespace(): string | undefined {
    return undefined;
  }

  constructor(scope: Construct, id: string, props: ClusterStagedUpdateRunProps) {
    super(scope, id);
    this.name = props?.name ?? id;
    const subject = subjectOf('ClusterStagedUpdateRun', this.name);
    validateDnsSubdomain(subject, 'name', this.name);
    if (this.name.length > 63) fail(subject, `name is ${this.name.length} characters; the CRD allows at most 63`);
    if (!props || typeof props.placement?.name !== 'string') fail(subject, `needs a placement, got ${describeValue(props?.placement)}`);
    if (typeof props.strategy?.name !== 'string') fail(subject, `needs a strategy, got ${describeValue(props.strategy)}`);
    if (props.state !== undefined && !Object.values(UpdateRunState).includes(props.state)) {
      fail(subject, `state ${JSON.stringify(props.state)} is invalid; allowed: Initialize, Run, Stop`);
    }
    if (props.resourceSnapshotIndex !== undefined && !/^\d+$/.test(props.resourceSnapshotIndex)) {
      fail(subject, `resourceSnapshotIndex ${JSON.stringify(props.resourceSnapshotIndex)} is not a snapshot index (a whole number such as "0")`);
    }
    this.placement = props.placement;
    this.strategy = props.strategy;
    const placement = props.placement;
    this.apiObject = l1Object(l1.ClusterStagedUpdateRun, this, 'Resource', {
      metadata: { name: this.name },
      spec: Lazy.any({
        produce: () => {
          const spec: Record<string, unknown> = { placementName: placement.name, stagedRolloutStrategyName: props.strategy.name };
          if (props.resourceSnapshotIndex !== undefined) spec.resourceSnapshotIndex = props.resourceSnapshotIndex;
          if (props.state !== undefined) spec.state = props.state;
          return spec;
        },
      }) as unknown as l1.ClusterStagedUpdateRunSpec,
    });
    this.node.addValidation({
      validate: () => (placement instanceof ClusterResourcePlacement && !placement.isExternalRollout
        ? [`${subject}: placement "${placement.name}" does not use an External rollout strategy, so the run fails to initialize; give the placement strategy: RolloutStrategy.external()`]
        : []),
    });
  }
}
