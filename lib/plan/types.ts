// The fleet plan's types: what buildFleetPlan returns and what the rules and renderers read.
import type { EnginesPlan } from './engines';
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
   * The time (RFC 3339) at which tolerationSeconds and score validity are evaluated.
   * @default - the newest timestamp of the inventory (taint timeAdded, condition
   * lastTransitionTime, creationTimestamp, ...); without an inventory no clock is needed: every
   * taint of a declared cluster counts as added when the plan is applied, as the hub's webhook
   * stamps it on creation
   */
  readonly now?: string;
  /**
   * The label key whose values mark a production cluster (FLEET003, the diff's warnings).
   * @default 'env'
   */
  readonly productionLabel?: string;
  /**
   * The values of `productionLabel` that mark a production cluster.
   * @default ['production', 'prod']
   */
  readonly productionValues?: readonly string[];
  /**
   * The construct path of each object, by finding subject (`Placement ns/name`): the logical
   * location of its findings in SARIF. FleetApp fills it from the app.
   * @default - none: findings are located by their subject
   */
  readonly constructPaths?: Readonly<Record<string, string>>;
  /**
   * Where each object was declared in the user's code (`fleet.ts:42`, relative to the project
   * root), by finding subject: the physical location of its findings in SARIF. FleetApp fills it
   * from the constructs; hand-written YAML may carry the annotation plan.cdk-fleet.io/source.
   * @default - none
   */
  readonly sources?: Readonly<Record<string, string>>;
  /**
   * Karmada member Clusters declared in code (`karmada.Cluster.toPlanObject()`, in
   * cluster.karmada.io/v1alpha1 shape). Karmada creates them at registration (`karmadactl join`),
   * so they are not in the YAML; FleetApp passes the declared ones and records them on the
   * objects (annotation plan.cdk-fleet.io/karmada-members) for `cdk-fleet plan`.
   * @default - none beyond the Cluster objects and annotations in `objects` and `inventory`
   */
  readonly karmadaClusters?: readonly unknown[];
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
  /** The workload's own rollout wave (1-based) in which the cluster gets it. */
  readonly wave: number;
  /** The wave's label (`canary`, `group 1`, `batch 2`, ...). */
  readonly waveLabel: string;
  /**
   * The fleet rollout step (1-based) in which the cluster gets it: its wave, pushed after the
   * steps in which the cluster gets the workload's dependsOn prerequisites.
   */
  readonly step: number;
  /**
   * The replicas the cluster runs, where the engine assigns them (Karmada: the full count when
   * Duplicated, its share when Divided). Since format 2.1.
   * @default - not counted (the workload is applied as written)
   */
  readonly replicas?: number;
}

/** The workloads a cluster gets in one rollout step. */
export interface RolloutStep {
  /** The fleet rollout step (1-based). */
  readonly step: number;
  /** The workloads landing in it, sorted. */
  readonly workloads: readonly string[];
}

/** A placement that selects a cluster, with the decision group the cluster is in. */
export interface SelectedBy {
  /** The placement, `ns/name`. */
  readonly placement: string;
  /** The decision group's name, or `#<index>` for unnamed groups. */
  readonly group: string;
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
  /** True when the plan's production label marks it production. */
  readonly production: boolean;
  /** Cluster sets it belongs to. */
  readonly clusterSets: readonly string[];
  /** Placements selecting it, with the decision group. */
  readonly placements: readonly SelectedBy[];
  /** Placements not selecting it, with the first reason. */
  readonly notSelectedBy: readonly NotSelected[];
  /** Sveltos profiles deploying to it. */
  readonly profiles: readonly string[];
  /** Sveltos profiles not deploying to it, with the first reason. */
  readonly notDeployedBy: readonly NotSelected[];
  /** Works, policies and add-ons landing on it, with their wave and step, sorted by workload. */
  readonly deliveries: readonly ClusterDelivery[];
  /** Its rollout order: the steps in which it gets its workloads, first step first. */
  readonly rolloutOrder: readonly RolloutStep[];
  /** Sveltos dependsOn order on this cluster: profiles per stage, first stage first. */
  readonly dependsOnOrder: readonly (readonly string[])[];
  /**
   * The engines besides OCM it is a member of (`karmada`: a Karmada Cluster of this name,
   * `kubefleet`: a KubeFleet MemberCluster of this name), sorted. Since format 2.1.
   * @default - a member of no other engine
   */
  readonly engines?: readonly string[];
  /**
   * Karmada-propagated resources and KubeFleet ClusterResourcePlacements that do not land on it,
   * with the first reason (also for clusters that are not members of that engine). Since format 2.1.
   * @default - none
   */
  readonly notPlacedBy?: readonly NotSelected[];
}

/** One decision group of a placement. */
export interface DecisionGroupPlan {
  /** `decisionGroupIndex`. */
  readonly index: number;
  /** `decisionGroupName` (`''` for unnamed groups). */
  readonly name: string;
  /** The group's clusters. */
  readonly clusters: readonly string[];
  /** The PlacementDecisions holding it. */
  readonly decisions: readonly string[];
}

/** The plan of one placement. */
export interface PlacementPlan {
  /** `ns/name`. */
  readonly id: string;
  /** Selected clusters in scheduler order. */
  readonly selected: readonly string[];
  /** Decision groups in index order. */
  readonly groups: readonly DecisionGroupPlan[];
  /** PlacementSatisfied reason. */
  readonly satisfied?: string;
  /** Set when the scheduler would mark it Misconfigured. */
  readonly misconfigured?: string;
  /** numberOfClusters − selected. */
  readonly unscheduled: number;
  /** What the simulator could not evaluate exactly (CEL it cannot run, expired scores, ...). */
  readonly warnings?: readonly string[];
}

/** One rollout wave of a workload. */
export interface Wave {
  /** 1-based wave number, in the workload's own order. */
  readonly wave: number;
  /** What the wave is (`mandatory group canary`, `group 1`, `batch 2`, `all`). */
  readonly label: string;
  /** Clusters updated in the wave, sorted (a KubeFleet stage: in update order). */
  readonly clusters: readonly string[];
  /**
   * The first fleet rollout step in which a cluster of the wave gets the workload (for a wave that
   * never starts, the step it would have started in).
   */
  readonly firstStep: number;
  /** The last fleet rollout step in which a cluster of the wave gets the workload (after dependsOn). */
  readonly lastStep: number;
  /**
   * Set when the rollout never reaches this wave: why (the wave upstream waits for forever). Its
   * clusters do not get the workload from this wave: no delivery, no rollout step (format 2.1).
   * @default - the wave starts
   */
  readonly blocked?: string;
  /**
   * Clusters updated at the same time within the wave, where the engine paces it (a KubeFleet
   * stage's maxConcurrency, a rolling update's maxUnavailable). Since format 2.1.
   * @default - every cluster of the wave at once
   */
  readonly maxConcurrency?: number;
}

/** A Helm chart a Sveltos profile deploys. */
export interface ChartPlan {
  /** `repository/chart`, as in `chartName`. */
  readonly chart: string;
  /** `chartVersion`. */
  readonly version: string;
  /** `releaseNamespace/releaseName`. */
  readonly release: string;
}

/**
 * The plan of one workload (ManifestWorkReplicaSet, ManifestWork, OCM add-on, policy, Sveltos
 * profile, Karmada-propagated resource, KubeFleet ClusterResourcePlacement).
 */
export interface WorkloadPlan {
  /** `Kind ns/name` or `Kind name`. */
  readonly id: string;
  /** Kind. */
  readonly kind: string;
  /** Placements it follows (OCM `ns/name`; Karmada: the claiming policy, `PropagationPolicy ns/name`). */
  readonly placements: readonly string[];
  /** The rollout strategy type (`All`, `Progressive`, `ProgressivePerGroup`, `maxUpdate 30%`, `single cluster`). */
  readonly rollout: string;
  /** Every cluster the workload reaches, sorted (clusters only in waves that never start are not targets). */
  readonly targets: readonly string[];
  /** Rollout waves in order. */
  readonly waves: readonly Wave[];
  /** Sveltos profiles this one depends on. */
  readonly dependsOn?: readonly string[];
  /** True for add-ons (OCM ClusterManagementAddOn, Sveltos profiles). */
  readonly isAddOn: boolean;
  /** Helm charts it deploys (Sveltos profiles). */
  readonly charts?: readonly ChartPlan[];
  /**
   * `sha256:<12 hex>` of what it delivers (the work's manifests, the policy's templates, the
   * profile's charts, values and referenced ConfigMaps, the add-on's configs): a change means new
   * content on its clusters.
   */
  readonly digest: string;
  /**
   * The engine that places it, besides OCM and Sveltos on the hub: `karmada` (a resource template
   * a PropagationPolicy or ClusterPropagationPolicy claims) or `kubefleet` (a
   * ClusterResourcePlacement). Since format 2.1.
   * @default - the OCM hub (works, policies, add-ons) or Sveltos (profiles)
   */
  readonly engine?: string;
  /**
   * Replicas per target cluster, where the engine assigns them (Karmada). Since format 2.1.
   * @default - not counted
   */
  readonly replicas?: Readonly<Record<string, number>>;
}

/** Library plumbing of one kind and name, collapsed: the per-cluster objects registration creates. */
export interface PlumbingPlan {
  /** Kind (`ManifestWork`, `ManagedServiceAccount`, `ClusterProfile.multicluster.x-k8s.io`, ...). */
  readonly kind: string;
  /** The object name shared by every cluster's copy, when they share one. */
  readonly name?: string;
  /** The namespace holding every copy, when they share one. */
  readonly namespace?: string;
  /** What it is for. */
  readonly purpose: string;
  /** The clusters it exists for, sorted. */
  readonly clusters: readonly string[];
  /** `sha256:<12 hex>` of the copies' content (their specs, with the cluster's name masked). */
  readonly digest: string;
}

/** A column of the cluster × workload matrix. */
export interface MatrixColumn {
  /** The column header: the workload id, or `ManifestWork <name>` for same-named works of every cluster. */
  readonly id: string;
  /** Kind of its workloads. */
  readonly kind: string;
  /** The workloads it shows. */
  readonly workloads: readonly string[];
}

/** A row of the cluster × workload matrix. */
export interface MatrixRow {
  /** Cluster name. */
  readonly cluster: string;
  /** Per column, the rollout step in which the cluster gets it (0 = not at all). */
  readonly steps: readonly number[];
}

/** The cluster × workload matrix. */
export interface PlanMatrix {
  /** Columns: every workload that is not plumbing, sorted by id. */
  readonly columns: readonly MatrixColumn[];
  /** One row per cluster, sorted by name. */
  readonly rows: readonly MatrixRow[];
}

/** Something the simulators could not evaluate exactly. */
export interface PlanWarning {
  /** What it is about (`Placement ns/name`). */
  readonly subject: string;
  /** The warning. */
  readonly message: string;
}

/** Which clusters count as production. */
export interface ProductionDefinition {
  /** The label key. */
  readonly label: string;
  /** Its values that mean production. */
  readonly values: readonly string[];
}

/**
 * The fleet plan (plan format {@link PlanFormat.VERSION}). Compatibility: `formatVersion` is
 * `MAJOR.MINOR`; a minor version only adds optional fields, a major version changes or removes
 * fields. Readers accept every plan of their own major version and ignore fields they do not know.
 */
export interface FleetPlan {
  /** The plan format, `MAJOR.MINOR` (see {@link PlanFormat}). */
  readonly formatVersion: string;
  /** The time tolerationSeconds and score validity were evaluated at; absent when no clock was needed. */
  readonly evaluatedAt?: string;
  /** Which clusters count as production. */
  readonly production: ProductionDefinition;
  /** What the plan assumes about the hub. */
  readonly assumptions: readonly string[];
  /** What the simulators could not evaluate exactly, by subject. */
  readonly warnings: readonly PlanWarning[];
  /** Per cluster, sorted by name. */
  readonly clusters: readonly ClusterPlan[];
  /** Per placement, sorted by id. */
  readonly placements: readonly PlacementPlan[];
  /** Per workload (plumbing excluded), sorted by id. */
  readonly workloads: readonly WorkloadPlan[];
  /** Library plumbing, one entry per kind and name. */
  readonly plumbing: readonly PlumbingPlan[];
  /** The cluster × workload matrix; each cell is the rollout step in which the cluster gets the workload. */
  readonly matrix: PlanMatrix;
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
  /** Sveltos cluster key → how the SveltosCluster comes to exist. */
  readonly viaOfKey: ReadonlyMap<string, string>;
  readonly inventoryGiven: boolean;
  /** Construct paths by subject. */
  readonly constructPaths?: Readonly<Record<string, string>>;
  /** Source locations by subject. */
  readonly sources?: Readonly<Record<string, string>>;
  /** What the Karmada and KubeFleet simulators computed. */
  readonly engines: EnginesPlan;
}
