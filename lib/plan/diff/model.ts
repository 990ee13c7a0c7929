// The data of a plan diff: what changes per cluster, per workload, per placement, in plumbing and findings.

/** How something changed between two plans. */
export enum ChangeKind {
  /** Only in the head plan. */
  ADDED = 'added',
  /** Only in the base plan. */
  REMOVED = 'removed',
  /** In both, with new content (a chart version, a work's payload, a policy's templates, ...). */
  CHANGED = 'changed',
  /** In both, with the same content, in another rollout step, wave or dependsOn stage. */
  MOVED = 'moved',
}

/** A workload a cluster gains, loses, gets new content of, or gets at another point of its rollout. */
export interface WorkloadChange {
  /** The workload id (`ClusterProfile cni`, `ManifestWork dc1/site`). */
  readonly workload: string;
  /** Its kind. */
  readonly kind: string;
  /** What happens to it on the cluster. */
  readonly change: ChangeKind;
  /** What changed, for a reader: `cilium/cilium 1.16.1 → 1.16.2`, `step 3 → 5`, `step 2 (wave 2: batch 2)`. */
  readonly detail: string;
  /** For a workload gained or lost: its Helm charts with versions (`cilium/cilium 1.16.2`). */
  readonly charts?: readonly string[];
  /** Why a reviewer should look twice (it leaves a production cluster, a chart version goes down), when so. */
  readonly warning?: string;
}

/** What changes on one cluster. */
export interface ClusterDiff {
  /** Cluster name. */
  readonly cluster: string;
  /** ADDED (new cluster), REMOVED (cluster gone) or CHANGED. */
  readonly change: ChangeKind;
  /** True when the cluster is production in the base or the head plan. */
  readonly production: boolean;
  /** Placements that now select it. */
  readonly placementsAdded: readonly string[];
  /** Placements that no longer select it. */
  readonly placementsRemoved: readonly string[];
  /** Workload changes on it, sorted by workload. */
  readonly workloads: readonly WorkloadChange[];
}

/** A workload that appears, disappears or changes fleet-wide. */
export interface WorkloadDiff {
  /** The workload id. */
  readonly workload: string;
  /** Its kind. */
  readonly kind: string;
  /** ADDED, REMOVED or CHANGED (content, rollout strategy or targets). */
  readonly change: ChangeKind;
  /** What changed, for a reader. */
  readonly details: readonly string[];
  /** Target clusters in the base plan. */
  readonly baseTargets: number;
  /** Target clusters in the head plan. */
  readonly headTargets: number;
}

/** A placement whose selection changes. */
export interface PlacementDiff {
  /** `ns/name`. */
  readonly placement: string;
  /** ADDED, REMOVED or CHANGED. */
  readonly change: ChangeKind;
  /** Clusters it now selects. */
  readonly selectedAdded: readonly string[];
  /** Clusters it no longer selects. */
  readonly selectedRemoved: readonly string[];
  /** Selected clusters in the base plan. */
  readonly baseSelected: number;
  /** Selected clusters in the head plan. */
  readonly headSelected: number;
}

/** A plumbing line that changes. */
export interface PlumbingDiff {
  /** Kind and name (or namespace) as in the plan. */
  readonly what: string;
  /** ADDED, REMOVED or CHANGED. */
  readonly change: ChangeKind;
  /** Clusters in the base plan. */
  readonly baseClusters: number;
  /** Clusters in the head plan. */
  readonly headClusters: number;
  /** True when the copies' content changes. */
  readonly contentChanged: boolean;
}

/** A finding that is new in the head plan, resolved in it, or whose message changes. */
export interface FindingDiff {
  /** ADDED (new), REMOVED (resolved) or CHANGED (same rule and subject, another message). */
  readonly change: ChangeKind;
  /** Rule id. */
  readonly id: string;
  /** Rule name. */
  readonly rule: string;
  /** Level. */
  readonly level: string;
  /** Subject. */
  readonly subject: string;
  /** Message. */
  readonly message: string;
  /** The base plan's message, for CHANGED. */
  readonly previousMessage?: string;
  /** The acknowledgement reason, when acknowledged. */
  readonly acknowledged?: string;
}

/** The counts of a diff, as in Terraform's `Plan: N to add, N to change, N to destroy`. */
export interface PlanDiffSummary {
  /** Cluster × workload deliveries the head adds. */
  readonly toAdd: number;
  /** Deliveries whose content changes. */
  readonly toChange: number;
  /** Deliveries the head removes. */
  readonly toDestroy: number;
  /** Deliveries that move to another rollout step, wave or dependsOn stage. */
  readonly moved: number;
  /** Clusters added. */
  readonly clustersAdded: number;
  /** Clusters removed. */
  readonly clustersRemoved: number;
  /** Open findings that are new. */
  readonly findingsNew: number;
  /** Findings that are resolved. */
  readonly findingsResolved: number;
  /** Changes marked with a warning (leaving a production cluster, a version going down). */
  readonly warnings: number;
}
