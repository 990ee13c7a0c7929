// The fleet plan's types: what buildFleetPlan returns and what the rules and renderers read.
import type { HubState } from './ocm/model';
import type { PlacementScheduleResult } from './ocm/placement';
import type { SveltosState } from './sveltos/model';
import type { SveltosRolloutPlan } from './sveltos/rollout';
import type { SveltosSelection } from './sveltos/selection';
import type { Finding } from './rules';

/** A Kubernetes object as read from YAML. @internal */
export type Obj = Record<string, any>;

/** Inputs of {@link buildFleetPlan}. */
export interface FleetPlanInput {
  /** The hub objects: what `cdk8s synth` wrote, or hand-written OCM / Sveltos YAML. */
  readonly objects: readonly unknown[];
  /**
   * Objects of a real hub (`kubectl get managedclusters -o yaml`, ...). Their ManagedClusters replace
   * declared ones of the same name, including status: claims, allocatable, conditions.
   * @default - none: declared clusters are assumed to have joined and be Available
   */
  readonly inventory?: readonly unknown[];
  /**
   * Cluster claims declared in code (they live on the spoke, so they are not in the YAML).
   * @default - none
   */
  readonly claims?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /**
   * The evaluation time for tolerationSeconds (RFC 3339).
   * @default '1970-01-01T00:00:00Z' when no inventory is given (no taint has a time then); the real clock otherwise
   */
  readonly now?: string;
}

/** One placement or profile that does not select a cluster, with the first reason. */
export interface NotSelected {
  /** `Placement ns/name` or `ClusterProfile name` / `Profile ns/name`. */
  readonly subject: string;
  /** The first reason, as a sentence. */
  readonly reason: string;
}

/** Where a workload or add-on lands on a cluster. */
export interface ClusterDelivery {
  /** The workload (`ManifestWorkReplicaSet ns/name`, `ClusterProfile name`, ...). */
  readonly workload: string;
  /** The rollout wave (1-based), in the workload's own order. */
  readonly wave: number;
  /** The wave's label (`canary`, `group 1`, `batch 2`, ...). */
  readonly waveLabel: string;
}

/** The plan of one cluster. */
export interface ClusterPlan {
  /** Cluster name. */
  readonly name: string;
  /** Labels. */
  readonly labels: Readonly<Record<string, string>>;
  /** Claims. */
  readonly claims: Readonly<Record<string, string>>;
  /** Taints as `key=value:Effect`. */
  readonly taints: readonly string[];
  /** Cluster sets it belongs to. */
  readonly clusterSets: readonly string[];
  /** Placements selecting it, with the decision group. */
  readonly placements: readonly { readonly placement: string; readonly group: string }[];
  /** Placements not selecting it, with the first reason. */
  readonly notSelectedBy: readonly NotSelected[];
  /** Sveltos profiles deploying to it. */
  readonly profiles: readonly string[];
  /** Sveltos profiles not deploying to it, with the first reason. */
  readonly notDeployedBy: readonly NotSelected[];
  /** Works and add-ons landing on it, with their wave. */
  readonly deliveries: readonly ClusterDelivery[];
  /** Sveltos dependsOn order on this cluster: profiles per stage, first stage first. */
  readonly dependsOnOrder: readonly (readonly string[])[];
}

/** The plan of one placement. */
export interface PlacementPlan {
  /** `ns/name`. */
  readonly id: string;
  /** Selected clusters in scheduler order. */
  readonly selected: readonly string[];
  /** Decision groups in index order. */
  readonly groups: readonly { readonly index: number; readonly name: string; readonly clusters: readonly string[]; readonly decisions: readonly string[] }[];
  /** PlacementSatisfied reason. */
  readonly satisfied?: string;
  /** Set when the scheduler would mark it Misconfigured. */
  readonly misconfigured?: string;
  /** numberOfClusters − selected. */
  readonly unscheduled: number;
}

/** One rollout wave. */
export interface Wave {
  /** 1-based wave number. */
  readonly wave: number;
  /** What the wave is (`mandatory group canary`, `group 1`, `batch 2`, `all`). */
  readonly label: string;
  /** Clusters updated in the wave, sorted. */
  readonly clusters: readonly string[];
}

/** The plan of one workload (ManifestWorkReplicaSet, ManifestWork, OCM add-on, policy, Sveltos profile). */
export interface WorkloadPlan {
  /** `Kind ns/name` or `Kind name`. */
  readonly id: string;
  /** Kind. */
  readonly kind: string;
  /** Placements (OCM) it follows. */
  readonly placements: readonly string[];
  /** The rollout strategy type (`All`, `Progressive`, `ProgressivePerGroup`, `maxUpdate 30%`, `single cluster`). */
  readonly rollout: string;
  /** Every target cluster, sorted. */
  readonly targets: readonly string[];
  /** Rollout waves in order. */
  readonly waves: readonly Wave[];
  /** Sveltos profiles this one depends on. */
  readonly dependsOn?: readonly string[];
  /** True for add-ons (OCM ClusterManagementAddOn, Sveltos profiles) — the matrix columns. */
  readonly isAddOn: boolean;
}

/** The fleet plan. */
export interface FleetPlan {
  /** Format version. */
  readonly version: 1;
  /** What the plan assumes about the hub. */
  readonly assumptions: readonly string[];
  /** Per cluster, sorted by name. */
  readonly clusters: readonly ClusterPlan[];
  /** Per placement, sorted by id. */
  readonly placements: readonly PlacementPlan[];
  /** Per workload, sorted by id. */
  readonly workloads: readonly WorkloadPlan[];
  /** The cluster × add-on matrix: add-on ids (columns) and, per cluster, the wave in which it gets each (0 = not at all). */
  readonly matrix: { readonly addons: readonly string[]; readonly rows: readonly { readonly cluster: string; readonly waves: readonly number[] }[] };
  /** Rule pack findings, sorted by id then subject. */
  readonly findings: readonly Finding[];
}

/** What a plan was built from, for rules and explanations. @internal */
export interface PlanContext {
  readonly objects: readonly Obj[];
  readonly hub: HubState;
  readonly placements: ReadonlyMap<string, PlacementScheduleResult>;
  readonly sveltos: SveltosState;
  readonly selection: SveltosSelection;
  readonly rollout: SveltosRolloutPlan;
  /** Sveltos cluster key → ManagedCluster name (or the SveltosCluster name when there is none). */
  readonly clusterOfKey: ReadonlyMap<string, string>;
  readonly inventoryGiven: boolean;
}
