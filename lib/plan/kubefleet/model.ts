/**
 * The KubeFleet hub state the scheduler simulator reads: MemberClusters
 * (cluster.kubernetes-fleet.io), ClusterResourcePlacements, ClusterStagedUpdateStrategies and
 * ClusterStagedUpdateRuns (placement.kubernetes-fleet.io, v1 or v1beta1: the same JSON).
 *
 * Pure data, no cdk8s/cdktf imports. `kubeFleetStateFromObjects` builds it from Kubernetes JSON objects
 * as they appear in YAML (hand-written manifests, synthesized output or `kubectl get -o yaml` lists).
 */
import { apiGroupOf as groupOf } from '../../core/kinds';
import { fail } from '../../core/errors';
import type { LabelSelectorJson } from '../../core/selector';

/** API group of MemberCluster. */
export const FLEET_CLUSTER_GROUP = 'cluster.kubernetes-fleet.io';
/** API group of ClusterResourcePlacement, the staged update kinds and the overrides. */
export const FLEET_PLACEMENT_GROUP = 'placement.kubernetes-fleet.io';

/** A MemberCluster taint (`spec.taints[]`; effect is always NoSchedule). */
export interface FleetTaint {
  /** Key. */
  readonly key: string;
  /**
   * Value.
   * @default ''
   */
  readonly value?: string;
  /** Effect (`NoSchedule`). */
  readonly effect: string;
}

/** The member agent's status (`status.agentStatus[type=MemberAgent]`), as eligibility reads it. */
export interface FleetMemberAgentStatus {
  /**
   * `lastReceivedHeartbeat` (RFC 3339).
   * @default - none
   */
  readonly lastReceivedHeartbeat?: string;
  /**
   * Status of the `Joined` condition (`True`, `False`, `Unknown`).
   * @default - no Joined condition
   */
  readonly joined?: string;
  /**
   * Status of the `Healthy` condition.
   * @default - no Healthy condition
   */
  readonly healthy?: string;
  /**
   * `lastTransitionTime` of the `Healthy` condition (RFC 3339).
   * @default - none
   */
  readonly healthyLastTransitionTime?: string;
}

/** A MemberCluster as the KubeFleet scheduler sees it. */
export interface FleetCluster {
  /** Name. */
  readonly name: string;
  /** `metadata.labels`. */
  readonly labels: Readonly<Record<string, string>>;
  /**
   * `spec.taints`.
   * @default - none
   */
  readonly taints?: readonly FleetTaint[];
  /**
   * Non-resource properties (`status.properties[name].value`), e.g. `kubernetes-fleet.io/node-count`.
   * @default - none
   */
  readonly properties?: Readonly<Record<string, string>>;
  /**
   * `status.resourceUsage.capacity` (resource name → quantity); read as
   * `resources.kubernetes-fleet.io/total-<resource>`.
   * @default - none
   */
  readonly capacity?: Readonly<Record<string, string>>;
  /**
   * `status.resourceUsage.allocatable`; read as `resources.kubernetes-fleet.io/allocatable-<resource>`.
   * @default - none
   */
  readonly allocatable?: Readonly<Record<string, string>>;
  /**
   * `status.resourceUsage.available`; read as `resources.kubernetes-fleet.io/available-<resource>`.
   * @default - none
   */
  readonly available?: Readonly<Record<string, string>>;
  /**
   * True when `metadata.deletionTimestamp` is set (the cluster is leaving the fleet).
   * @default false
   */
  readonly deleting?: boolean;
  /**
   * True when the object has a `status` (read from a hub); false for declared objects, which the plan
   * assumes to have joined and to be healthy.
   * @default false
   */
  readonly hasStatus?: boolean;
  /**
   * The member agent status, when `hasStatus`.
   * @default - none
   */
  readonly memberAgent?: FleetMemberAgentStatus;
}

/** `ClusterSelectorTerm` in API shape. */
export interface FleetClusterSelectorTermJson {
  /** The API field `labelSelector`. */
  readonly labelSelector?: LabelSelectorJson;
  /** The API field `propertySelector`. */
  readonly propertySelector?: { readonly matchExpressions?: readonly { readonly name: string; readonly operator: string; readonly values?: readonly string[] }[] };
  /** The API field `propertySorter`. */
  readonly propertySorter?: { readonly name: string; readonly sortOrder: string };
}

/** `PlacementPolicy` in API shape. */
export interface FleetPlacementPolicyJson {
  /** The API field `placementType`. */
  readonly placementType?: string;
  /** The API field `clusterNames`. */
  readonly clusterNames?: readonly string[];
  /** The API field `numberOfClusters`. */
  readonly numberOfClusters?: number;
  /** The API field `affinity`. */
  readonly affinity?: {
    readonly clusterAffinity?: {
      readonly requiredDuringSchedulingIgnoredDuringExecution?: { readonly clusterSelectorTerms?: readonly FleetClusterSelectorTermJson[] };
      readonly preferredDuringSchedulingIgnoredDuringExecution?: readonly { readonly weight: number; readonly preference: FleetClusterSelectorTermJson }[];
    };
  };
  /** The API field `topologySpreadConstraints`. */
  readonly topologySpreadConstraints?: readonly { readonly maxSkew?: number; readonly topologyKey: string; readonly whenUnsatisfiable?: string }[];
  /** The API field `tolerations`. */
  readonly tolerations?: readonly { readonly key?: string; readonly operator?: string; readonly value?: string; readonly effect?: string }[];
}

/** `RolloutStrategy` in API shape. */
export interface FleetRolloutStrategyJson {
  /** The API field `type`. */
  readonly type?: string;
  /** The API field `rollingUpdate`. */
  readonly rollingUpdate?: { readonly maxUnavailable?: number | string; readonly maxSurge?: number | string; readonly unavailablePeriodSeconds?: number };
  readonly [key: string]: unknown;
}

/** A ClusterResourcePlacement. */
export interface FleetPlacement {
  /** Name. */
  readonly name: string;
  /** The spec as written. */
  readonly spec: {
    readonly resourceSelectors?: readonly Record<string, unknown>[];
    readonly policy?: FleetPlacementPolicyJson;
    readonly strategy?: FleetRolloutStrategyJson;
    readonly [key: string]: unknown;
  };
}

/** One stage of a ClusterStagedUpdateStrategy, in API shape. */
export interface FleetStageJson {
  /** The API field `name`. */
  readonly name: string;
  /** The API field `labelSelector`. */
  readonly labelSelector?: LabelSelectorJson;
  /** The API field `sortingLabelKey`. */
  readonly sortingLabelKey?: string;
  /** The API field `maxConcurrency`. */
  readonly maxConcurrency?: number | string;
  /** The API field `afterStageTasks`. */
  readonly afterStageTasks?: readonly { readonly type: string; readonly waitTime?: string }[];
  /** The API field `beforeStageTasks`. */
  readonly beforeStageTasks?: readonly { readonly type: string; readonly waitTime?: string }[];
}

/** A ClusterStagedUpdateStrategy. */
export interface FleetStagedUpdateStrategy {
  /** Name. */
  readonly name: string;
  /** `spec.stages`. */
  readonly stages: readonly FleetStageJson[];
}

/** A ClusterStagedUpdateRun. */
export interface FleetStagedUpdateRun {
  /** Name. */
  readonly name: string;
  /** `spec.placementName`. */
  readonly placementName: string;
  /** `spec.stagedRolloutStrategyName`. */
  readonly stagedRolloutStrategyName: string;
  /**
   * `spec.state` (`Initialize`, `Run`, `Stop`).
   * @default 'Initialize'
   */
  readonly state?: string;
  /**
   * `spec.resourceSnapshotIndex`.
   * @default - the latest snapshot
   */
  readonly resourceSnapshotIndex?: string;
}

/** Everything the simulator needs. */
export interface FleetState {
  /** Member clusters. */
  readonly clusters: readonly FleetCluster[];
  /** ClusterResourcePlacements. */
  readonly placements: readonly FleetPlacement[];
  /**
   * ClusterStagedUpdateStrategies.
   * @default - none
   */
  readonly strategies?: readonly FleetStagedUpdateStrategy[];
  /**
   * ClusterStagedUpdateRuns.
   * @default - none
   */
  readonly updateRuns?: readonly FleetStagedUpdateRun[];
}

type Obj = Record<string, any>;

function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function flatten(objects: readonly unknown[], out: Obj[]): void {
  for (const o of objects) {
    if (Array.isArray(o)) flatten(o, out);
    else if (isObj(o) && o.kind === 'List' && Array.isArray(o.items)) flatten(o.items, out);
    else if (isObj(o)) out.push(o);
  }
}

function stringMap(x: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObj(x)) return out;
  for (const [k, v] of Object.entries(x)) out[k] = v === null || v === undefined ? '' : String(v);
  return out;
}

function nameOf(o: Obj): string {
  const n = o.metadata?.name;
  if (typeof n !== 'string' || n === '') fail(`${o.kind ?? 'object'}`, 'has no metadata.name; every object needs one');
  return n;
}

function conditionOf(conditions: unknown, type: string): Obj | undefined {
  return Array.isArray(conditions) ? conditions.find((c) => isObj(c) && c.type === type) : undefined;
}

/** Reads one MemberCluster object. */
export function fleetClusterFromObject(o: Obj): FleetCluster {
  const name = nameOf(o);
  const spec: Obj = isObj(o.spec) ? o.spec : {};
  const status: Obj | undefined = isObj(o.status) ? o.status : undefined;
  const properties: Record<string, string> = {};
  if (isObj(status?.properties)) {
    for (const [k, v] of Object.entries(status!.properties)) {
      if (isObj(v) && v.value !== undefined && v.value !== null) properties[k] = String(v.value);
    }
  }
  const agent = Array.isArray(status?.agentStatus) ? status!.agentStatus.find((a: unknown) => isObj(a) && a.type === 'MemberAgent') : undefined;
  const joined = conditionOf(agent?.conditions, 'Joined');
  const healthy = conditionOf(agent?.conditions, 'Healthy');
  const usage: Obj = isObj(status?.resourceUsage) ? status!.resourceUsage : {};
  return {
    name,
    labels: stringMap(o.metadata?.labels),
    taints: (Array.isArray(spec.taints) ? spec.taints : []).filter(isObj).map((t: Obj) => ({
      key: String(t.key ?? ''),
      value: t.value === undefined || t.value === null ? undefined : String(t.value),
      effect: String(t.effect ?? 'NoSchedule'),
    })),
    properties,
    capacity: stringMap(usage.capacity),
    allocatable: stringMap(usage.allocatable),
    available: stringMap(usage.available),
    deleting: o.metadata?.deletionTimestamp ? true : undefined,
    hasStatus: status !== undefined && Array.isArray(status.agentStatus) ? true : undefined,
    memberAgent: agent
      ? {
        lastReceivedHeartbeat: typeof agent.lastReceivedHeartbeat === 'string' ? agent.lastReceivedHeartbeat : undefined,
        joined: typeof joined?.status === 'string' ? joined.status : undefined,
        healthy: typeof healthy?.status === 'string' ? healthy.status : undefined,
        healthyLastTransitionTime: typeof healthy?.lastTransitionTime === 'string' ? healthy.lastTransitionTime : undefined,
      }
      : undefined,
  };
}

/**
 * Builds the simulator state from Kubernetes objects: MemberClusters, ClusterResourcePlacements,
 * ClusterStagedUpdateStrategies and ClusterStagedUpdateRuns (any served version). Other objects are
 * ignored. Throws a FleetValidationError for a nameless object or a duplicate.
 */
export function kubeFleetStateFromObjects(objects: readonly unknown[]): FleetState {
  const flat: Obj[] = [];
  flatten(objects, flat);
  const clusters: FleetCluster[] = [];
  const placements: FleetPlacement[] = [];
  const strategies: FleetStagedUpdateStrategy[] = [];
  const updateRuns: FleetStagedUpdateRun[] = [];
  const seen = new Set<string>();
  const once = (kind: string, name: string): void => {
    if (seen.has(`${kind}/${name}`)) fail(`${kind} "${name}"`, 'appears twice in the input; keep one definition');
    seen.add(`${kind}/${name}`);
  };
  for (const o of flat) {
    const group = groupOf(o.apiVersion);
    if (group === FLEET_CLUSTER_GROUP && o.kind === 'MemberCluster') {
      const c = fleetClusterFromObject(o);
      once('MemberCluster', c.name);
      clusters.push(c);
    } else if (group === FLEET_PLACEMENT_GROUP) {
      const spec: Obj = isObj(o.spec) ? o.spec : {};
      switch (o.kind) {
        case 'ClusterResourcePlacement': {
          const name = nameOf(o);
          once(o.kind, name);
          placements.push({ name, spec });
          break;
        }
        case 'ClusterStagedUpdateStrategy': {
          const name = nameOf(o);
          once(o.kind, name);
          strategies.push({ name, stages: Array.isArray(spec.stages) ? spec.stages.filter(isObj) as unknown as FleetStageJson[] : [] });
          break;
        }
        case 'ClusterStagedUpdateRun': {
          const name = nameOf(o);
          once(o.kind, name);
          updateRuns.push({
            name,
            placementName: String(spec.placementName ?? ''),
            stagedRolloutStrategyName: String(spec.stagedRolloutStrategyName ?? ''),
            state: typeof spec.state === 'string' ? spec.state : undefined,
            resourceSnapshotIndex: typeof spec.resourceSnapshotIndex === 'string' ? spec.resourceSnapshotIndex : undefined,
          });
          break;
        }
        default:
          break;
      }
    }
  }
  return { clusters, placements, strategies, updateRuns };
}
