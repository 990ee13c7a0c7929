// What the scheduler returns for one placement (part of the OCM placement simulator; see placement.ts).

/** Options for schedulePlacement / scheduleAll. */
export interface ScheduleOptions {
  /**
   * Evaluation time for tolerationSeconds and score validity; overrides `state.now`.
   * Ignored when a PreparedHubState is passed (it carries its own time).
   * @default - state.now, else the real clock
   */
  readonly now?: string | Date;
}

/** One decision group, as in Placement `status.decisionGroups` plus its clusters. */
export interface DecisionGroupResult {
  /** `decisionGroupIndex`. */
  readonly index: number;
  /** `decisionGroupName` (`""` for leftovers). */
  readonly name: string;
  /** The group's clusters, name-sorted. */
  readonly clusters: readonly string[];
  /** `clusterCount`. */
  readonly clusterCount: number;
  /** Names of the PlacementDecisions holding this group. */
  readonly decisionNames: readonly string[];
  /** The clusters of each of those PlacementDecisions (≤ 100 each). */
  readonly decisionSlices: readonly (readonly string[])[];
}

/** A PlacementDecision the controller writes. */
export interface PlacementDecisionResult {
  /** Namespace (the placement's). */
  readonly namespace: string;
  /** `<placement>-decision-<n>`. */
  readonly name: string;
  /** Labels: placement, decision-group-name, decision-group-index. */
  readonly labels: Readonly<Record<string, string>>;
  /** `status.decisions[].clusterName`, in order. */
  readonly clusters: readonly string[];
}

/** A status condition of the Placement. */
export interface PlacementConditionResult {
  /** `True` or `False`. */
  readonly status: 'True' | 'False';
  /** Reason. */
  readonly reason: string;
  /** Message. */
  readonly message: string;
}

/** Everything the placement controller would compute for one Placement, plus the why. */
export interface PlacementScheduleResult {
  /** Placement namespace. */
  readonly namespace: string;
  /** Placement name. */
  readonly name: string;
  /** Set when the controller skips the placement (deleting, or the disable annotation); then `selected` lists the existing decisions. */
  readonly skipped?: string;
  /** Set when the controller's sync fails (e.g. a set with an unknown selectorType): nothing is written. */
  readonly error?: string;
  /** PlacementMisconfigured=True. */
  readonly misconfigured: boolean;
  /** The PlacementMisconfigured message, `<plugin>:<msg>`. */
  readonly misconfiguredMessage?: string;
  /** Sets bound to the namespace whose ManagedClusterSet exists (sorted). */
  readonly boundClusterSets: readonly string[];
  /** Bound sets intersected with spec.clusterSets (sorted). */
  readonly eligibleClusterSets: readonly string[];
  /** Number of available clusters (members of eligible sets, not being deleted). */
  readonly availableClusters: number;
  /** Clusters passing the filters, in scheduler order (score desc, name asc). */
  readonly feasibleClusters: readonly string[];
  /** Selected clusters in scheduler order; empty when Misconfigured. */
  readonly selected: readonly string[];
  /** `status.numberOfSelectedClusters`. */
  readonly numberOfSelectedClusters: number;
  /** numberOfClusters − selected (0 when numberOfClusters is unset). */
  readonly unscheduled: number;
  /** Weight of each prioritizer that ran (weight ≠ 0), by plugin name. */
  readonly weights: Readonly<Record<string, number>>;
  /** Raw score (before weight) of each prioritizer per feasible cluster. */
  readonly scores: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Sum of score × weight per feasible cluster. */
  readonly totalScores: Readonly<Record<string, number>>;
  /** Decision groups (`status.decisionGroups`). */
  readonly groups: readonly DecisionGroupResult[];
  /** PlacementDecision objects written. */
  readonly placementDecisions: readonly PlacementDecisionResult[];
  /** PlacementSatisfied condition (absent when skipped or on error). */
  readonly satisfied?: PlacementConditionResult;
  /** When the controller requeues the placement (toleration expiry), RFC 3339. */
  readonly requeueTime?: string;
  /** Things to know (expired scores, CEL functions the simulator cannot evaluate, ...). */
  readonly warnings: readonly string[];
  /** For every hub cluster not selected, the first reason, as a short sentence (computed on first access). */
  readonly notSelected: Readonly<Record<string, string>>;
}

export const enum Stage {
  NotEligible = 0,
  Deleting,
  Available,
  PredicateFailed,
  TaintFailed,
  Misconfigured,
  Cut,
  Selected,
  GroupMisconfigured,
  Failed,
  Skipped,
}

export function defineLazy<T extends object>(obj: T, key: string, compute: () => unknown): void {
  Object.defineProperty(obj, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = compute();
      Object.defineProperty(obj, key, { value, enumerable: true, configurable: true, writable: false });
      return value;
    },
  });
}
