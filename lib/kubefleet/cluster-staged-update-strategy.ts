import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { describeValue, fail } from '../core/errors';
import { requireOptionalBoolean, requireProps } from '../core/validate';
import { validateDnsSubdomain, validateLabelKey } from '../core/names';
import { asSelector, LabelSelector } from '../core/selector';
import { Duration, PercentOrAbsolute } from '../core/values';
import { FleetResource } from '../core/resource';
import * as l1 from '../imports/placement.kubernetes-fleet.io';
import { KubeFleetRegistry, l1Object, subjectOf } from './_util';

/** A task that runs after a stage (`afterStageTasks[]`). */
export class StageTask {
  /** Wait for someone to approve (a ClusterApprovalRequest the run creates). */
  public static approval(): StageTask {
    return new StageTask('Approval');
  }

  /** Wait `waitTime` before the next stage. */
  public static timedWait(waitTime: Duration): StageTask {
    return new StageTask('TimedWait', waitTime);
  }

  private constructor(
    /** `Approval` or `TimedWait`. */
    public readonly type: string,
    /** The wait (TimedWait). */
    public readonly waitTime?: Duration,
  ) {}

  /** Renders the task. @internal */
  public _render(): Record<string, unknown> {
    return this.waitTime ? { type: this.type, waitTime: this.waitTime.toString() } : { type: this.type };
  }
}

/** One stage of a staged update. */
export interface Stage {
  /** The stage name (lower-case letters and digits only, at most 63). */
  readonly name: string;
  /**
   * The selected clusters in this stage; LabelSelector.all() for every cluster not in an earlier
   * stage (a cluster in two stages, or in none, fails the update run).
   */
  readonly labelSelector: LabelSelector;
  /**
   * A label with an integer value that orders the clusters within the stage (then by name).
   * @default - by name
   */
  readonly sortingLabelKey?: string;
  /**
   * Clusters updated at the same time (a count >= 1, or a percentage of the stage, rounded down, at least 1).
   * @default PercentOrAbsolute.count(1)
   */
  readonly maxConcurrency?: PercentOrAbsolute;
  /**
   * Require an approval before the stage starts.
   * @default false
   */
  readonly approvalBeforeStage?: boolean;
  /**
   * Tasks after the stage (at most two, at most one of each type).
   * @default - none
   */
  readonly afterStageTasks?: StageTask[];
}

/** Props of {@link ClusterStagedUpdateStrategy}. */
export interface ClusterStagedUpdateStrategyProps {
  /**
   * The strategy name.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * The stages, in order (at least one before synth, at most 31).
   * @default - none; add with addStage()
   */
  readonly stages?: Stage[];
}

/** A ClusterStagedUpdateStrategy as other constructs reference it. */
export interface IClusterStagedUpdateStrategy {
  /** The strategy name. */
  readonly name: string;
}

const STAGE_NAME = /^[a-z0-9]+$/;

/**
 * A KubeFleet ClusterStagedUpdateStrategy (placement.kubernetes-fleet.io/v1, cluster-scoped): the
 * ordered stages a ClusterStagedUpdateRun rolls a placement through, with approvals and waits.
 * @see https://kubefleet.dev/docs/how-tos/staged-update/
 */
export class ClusterStagedUpdateStrategy extends FleetResource implements IClusterStagedUpdateStrategy {
  /** A strategy managed elsewhere. */
  public static fromName(name: string): IClusterStagedUpdateStrategy {
    validateDnsSubdomain(subjectOf('ClusterStagedUpdateStrategy', name), 'name', name);
    return { name };
  }

  /** The name. */
  public readonly name: string;
  /** The generated L1 object. */
  public readonly apiObject: l1.ClusterStagedUpdateStrategy;
  /** Cluster-scoped: no namespace. */
  public get namespace(): string | undefined {
    return undefined;
  }
  private readonly stageList: Stage[] = [];
  private readonly subject: string;

  constructor(scope: Construct, id: string, props: ClusterStagedUpdateStrategyProps = {}) {
    super(scope, id);
    props = requireProps(`ClusterStagedUpdateStrategy "${id}"`, props, "{ stages: [...] }", true);
    this.name = props.name ?? id;
    const subject = this.subject = subjectOf('ClusterStagedUpdateStrategy', this.name);
    validateDnsSubdomain(subject, 'name', this.name);
    for (const s of props.stages ?? []) this.addStage(s);
    this.apiObject = l1Object(l1.ClusterStagedUpdateStrategy, this, 'Resource', {
      metadata: { name: this.name },
      spec: Lazy.any({ produce: () => ({ stages: this.stageList.map((s) => this.renderStage(s)) }) }) as unknown as l1.ClusterStagedUpdateStrategySpec,
    });
    KubeFleetRegistry.of(this).register('ClusterStagedUpdateStrategy', this);
    this.node.addValidation({ validate: () => (this.stageList.length === 0 ? [`${subject}: has no stage, so an update run has nothing to do; add one with addStage({ name: 'canary', labelSelector })`] : []) });
  }

  /** Appends a stage; returns it. */
  public addStage(stage: Stage): Stage {
    this.renderStage(stage);
    requireOptionalBoolean(this.subject, `stage "${stage.name}" approvalBeforeStage`, stage.approvalBeforeStage);
    if (this.stageList.some((s) => s.name === stage.name)) fail(this.subject, `stage "${stage.name}" appears twice; stage names must be unique (they name the approval requests)`);
    if (this.stageList.length >= 31) fail(this.subject, 'has more than 31 stages; at most 31');
    this.stageList.push(stage);
    return stage;
  }

  /** The stages in order (a copy). */
  public get stages(): readonly Stage[] {
    return [...this.stageList];
  }

  private renderStage(s: Stage): Record<string, unknown> {
    const subject = this.subject;
    if (typeof s !== 'object' || s === null) fail(subject, `stage is ${describeValue(s)}, not a Stage`);
    if (typeof s.name !== 'string' || !STAGE_NAME.test(s.name) || s.name.length > 63) {
      fail(subject, `stage name ${JSON.stringify(s.name)} is invalid; use lower-case letters and digits only (^[a-z0-9]+$), at most 63, e.g. "canary"`);
    }
    const where = `stage "${s.name}"`;
    const sel = asSelector(subject, `${where} labelSelector`, s.labelSelector);
    if (!sel) fail(subject, `${where} has no labelSelector, so it would select no cluster; use LabelSelector.all() for every cluster`);
    sel.validate(subject, `${where} labelSelector`);
    const out: Record<string, unknown> = { name: s.name, labelSelector: sel.toJson() };
    if (s.sortingLabelKey !== undefined) {
      validateLabelKey(subject, `${where} sortingLabelKey`, s.sortingLabelKey);
      out.sortingLabelKey = s.sortingLabelKey;
    }
    if (s.maxConcurrency !== undefined) {
      if (!(s.maxConcurrency instanceof PercentOrAbsolute)) fail(subject, `${where} maxConcurrency is ${describeValue(s.maxConcurrency)}; use PercentOrAbsolute.count(2) or PercentOrAbsolute.percent(50)`);
      if (!s.maxConcurrency.isPercent && s.maxConcurrency.amount < 1) fail(subject, `${where} maxConcurrency ${s.maxConcurrency} must be at least 1`);
      out.maxConcurrency = s.maxConcurrency.toJson();
    }
    if (s.approvalBeforeStage) out.beforeStageTasks = [{ type: 'Approval' }];
    const after = s.afterStageTasks ?? [];
    if (after.length > 2) fail(subject, `${where} has ${after.length} afterStageTasks; at most 2`);
    after.forEach((t, i) => {
      if (!(t instanceof StageTask)) fail(subject, `${where} afterStageTasks[${i}] is ${describeValue(t)}; use StageTask.approval() or StageTask.timedWait(Duration.hours(1))`);
    });
    if (after.length === 2 && after[0].type === after[1].type) fail(subject, `${where} has two ${after[0].type} afterStageTasks; the update run fails on two tasks of the same type`);
    for (const t of after) {
      if (t.waitTime && t.waitTime.toSeconds() <= 0) fail(subject, `${where} TimedWait of ${t.waitTime} never waits; the update run fails on a wait <= 0. Use e.g. Duration.minutes(30)`);
    }
    if (after.length > 0) out.afterStageTasks = after.map((t) => t._render());
    return out;
  }
}
