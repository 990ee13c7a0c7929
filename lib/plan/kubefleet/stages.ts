// Staged update runs (part of the KubeFleet scheduler simulator; see index.ts).
// kubefleet pkg/controllers/updaterun/initialization.go (validatePlacement: the placement must use the
// External rollout strategy; computeRunStageStatus: each stage takes the selected clusters its label
// selector matches — a nil selector matches none —, sorted by the integer sortingLabelKey then by name;
// a cluster in two stages or in none fails initialization) and execution.go calculateMaxConcurrencyValue
// (a percentage of the stage's clusters, rounded down, at least 1).
import { FleetValidationError } from '../../core/errors';
import { LabelSelector } from '../../core/selector';
import { Order } from '../../core/order';
import type { FleetCluster, FleetPlacement, FleetStageJson, FleetStagedUpdateRun, FleetStagedUpdateStrategy } from './model';

/** One stage of a staged update run, as the run's status would list it. */
export interface FleetStageResult {
  /** Stage name. */
  readonly name: string;
  /** The stage's clusters, in update order. */
  readonly clusters: readonly string[];
  /** Clusters updated at the same time (maxConcurrency resolved against the stage's size). */
  readonly maxConcurrency: number;
  /** True when an Approval must be granted before the stage starts (beforeStageTasks). */
  readonly approvalBefore: boolean;
  /** After-stage tasks: `Approval` or `TimedWait <waitTime>`, in order. */
  readonly after: readonly string[];
}

/** A ClusterStagedUpdateRun and the stages it would run. */
export interface FleetUpdateRunResult {
  /** Run name. */
  readonly name: string;
  /** The strategy it uses. */
  readonly strategy: string;
  /** `Initialize` (default: stages computed, nothing updated), `Run` or `Stop`. */
  readonly state: string;
  /** Stages in order (empty when initialization fails). */
  readonly stages: readonly FleetStageResult[];
  /**
   * Why initialization fails (the run then updates nothing).
   * @default - initializes
   */
  readonly error?: string;
}

/** intstr.GetScaledValueFromIntOrPercent(value, total, roundUp=false), at least 1. */
export function stageMaxConcurrency(value: number | string | undefined, clusters: number): number {
  let n: number;
  if (value === undefined) n = 1;
  else if (typeof value === 'number') n = value;
  else if (/^\d+%$/.test(value)) n = Math.floor((Number(value.slice(0, -1)) * clusters) / 100);
  else n = Number(value);
  return n >= 1 ? n : 1;
}

function describeTask(t: { type: string; waitTime?: string }): string {
  return t.type === 'TimedWait' ? `TimedWait ${t.waitTime ?? ''}`.trim() : t.type;
}

function stageClusters(stage: FleetStageJson, selected: readonly FleetCluster[]): FleetCluster[] | string {
  if (stage.labelSelector === undefined || stage.labelSelector === null) return [];
  let sel: LabelSelector;
  try {
    sel = LabelSelector.fromJson(stage.labelSelector);
    sel.validate('stage');
  } catch (e) {
    return `the stage label selector is invalid, stage: ${stage.name}, err: ${e instanceof FleetValidationError ? e.problem : (e as Error).message}`;
  }
  return selected.filter((c) => sel.matches(c.labels));
}

/**
 * The stages `run` would compute for `placement`, whose scheduler selected `selected` clusters
 * (their MemberCluster objects). `strategy` is the run's ClusterStagedUpdateStrategy, if it exists.
 */
export function computeUpdateRun(run: FleetStagedUpdateRun, placement: FleetPlacement | undefined, strategy: FleetStagedUpdateStrategy | undefined, selected: readonly FleetCluster[]): FleetUpdateRunResult {
  const base = { name: run.name, strategy: run.stagedRolloutStrategyName, state: run.state ?? 'Initialize', stages: [] as FleetStageResult[] };
  if (!placement) return { ...base, error: `parent placement \`${run.placementName}\` not found` };
  if (placement.spec.strategy?.type !== 'External') {
    return { ...base, error: `the placement \`${placement.name}\` does not have an external rollout strategy (strategy.type External); the run cannot drive it` };
  }
  if (!strategy) return { ...base, error: `referenced updateStrategy \`${run.stagedRolloutStrategyName}\` not found` };
  const placed = new Set<string>();
  const stages: FleetStageResult[] = [];
  for (const stage of strategy.stages) {
    if ((stage.beforeStageTasks ?? []).length > 1) return { ...base, error: `the before stage tasks are invalid, stage: ${stage.name}, err: beforeStageTasks can have at most one task` };
    const after = stage.afterStageTasks ?? [];
    if (after.length === 2 && after[0].type === after[1].type) {
      return { ...base, error: `the after stage tasks are invalid, stage: ${stage.name}, err: afterStageTasks cannot have two tasks of the same type: ${after[0].type}` };
    }
    const matched = stageClusters(stage, selected);
    if (typeof matched === 'string') return { ...base, error: matched };
    for (const c of matched) {
      if (placed.has(c.name)) return { ...base, error: `cluster \`${c.name}\` appears in more than one stages` };
      if (stage.sortingLabelKey !== undefined && !/^[+-]?\d+$/.test(c.labels[stage.sortingLabelKey] ?? '')) {
        return { ...base, error: `the sorting label \`${stage.sortingLabelKey}:${c.labels[stage.sortingLabelKey] ?? ''}\` on cluster \`${c.name}\` is not valid` };
      }
      placed.add(c.name);
    }
    const key = stage.sortingLabelKey;
    const ordered = [...matched].sort((a, b) => {
      if (key !== undefined) {
        const d = Number(a.labels[key]) - Number(b.labels[key]);
        if (d !== 0) return d;
      }
      return Order.strings(a.name, b.name);
    });
    stages.push({
      name: stage.name,
      clusters: ordered.map((c) => c.name),
      maxConcurrency: stageMaxConcurrency(stage.maxConcurrency, ordered.length),
      approvalBefore: (stage.beforeStageTasks ?? []).some((t) => t.type === 'Approval'),
      after: (stage.afterStageTasks ?? []).map(describeTask),
    });
  }
  const missing = selected.filter((c) => !placed.has(c.name)).map((c) => c.name).sort(Order.strings);
  if (missing.length > 0) {
    return { ...base, error: `some clusters are not placed in any stage, total ${missing.length}, showing up to 10: ${missing.slice(0, 10).join(', ')}` };
  }
  return { ...base, stages };
}
