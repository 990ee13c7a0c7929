import { apiGroupOf as groupOf } from '../core/kinds';
import { createHash } from 'node:crypto';
import { ApiObject, ApiObjectProps } from 'cdk8s';
import { Construct } from 'constructs';
import { describeValue, fail } from '../core/errors';
import { labelKeyProblem, validateDnsLabel } from '../core/names';
import { WELL_KNOWN_NAMESPACED_KINDS } from '../core/kinds';
import { Order } from '../core/order';
import { KARMADA_SKIP_AUTO_PROPAGATION_LABEL } from '../core/plan-annotations';
import { asSelector, LabelSelector, SelectorRequirement } from '../core/selector';
import { requireArray, requireKnownProps, requireOptionalBoolean } from '../core/validate';
import { PercentOrAbsolute } from '../core/values';
import * as karmada from '../karmada';
import * as kubefleet from '../kubefleet';
import { FeatureGate } from '../ocm/cluster-manager';
import { IManagedClusterSet } from '../ocm/managed-cluster-set';
import { ManifestWorkReplicaSet } from '../ocm/manifest-work-replica-set';
import { Placement, TolerationOperator } from '../ocm/placement';
import { ConditionRule, ManifestConfig, ResourceIdentifier } from '../ocm/manifest-work';
import { Rollout } from '../ocm/rollout';
import { WARNING_ANNOTATION } from './_engines';
import { Hub } from './hub';
import { KarmadaControlPlane } from './karmada-control-plane';
import { KubeFleetHub } from './kubefleet-hub';

/** The kinds of {@link WorkloadRollout}. */
export enum WorkloadRolloutType {
  /** Every cluster at once. */
  ALL_AT_ONCE = 'AllAtOnce',
  /** Alphabetical batches of maxConcurrency clusters, one batch after the other. */
  PROGRESSIVE = 'Progressive',
  /** The canary clusters first, then the others. */
  CANARY_FIRST = 'CanaryFirst',
}

/** Options of {@link WorkloadRollout.progressive}. */
export interface ProgressiveWorkloadRolloutOptions {
  /** Clusters updated at the same time (a count, or a percentage of the clusters). */
  readonly maxConcurrency: PercentOrAbsolute;
}

/** Options of {@link WorkloadRollout.canaryFirst}. */
export interface CanaryFirstWorkloadRolloutOptions {
  /** The canary clusters, by label (one requirement, e.g. `LabelSelector.matchLabels({ canary: 'true' })`). */
  readonly canary: LabelSelector;
  /**
   * After the canaries, clusters updated at the same time (alphabetical batches).
   * @default - every other cluster at once
   */
  readonly maxConcurrency?: PercentOrAbsolute;
}

/**
 * How a {@link FleetWorkload} rolls out over its clusters, whatever the engine: all at once, in
 * alphabetical batches, or the canary clusters first. Each engine renders it in its own terms
 * (OCM: a ManifestWorkReplicaSet rollout strategy; KubeFleet: a rolling update or a staged update
 * run; Karmada has no rollout: only all at once).
 */
export class WorkloadRollout {
  /** Every cluster at once. */
  public static allAtOnce(): WorkloadRollout {
    return new WorkloadRollout(WorkloadRolloutType.ALL_AT_ONCE);
  }

  /** Alphabetical batches of `maxConcurrency` clusters, each after the previous one succeeds. */
  public static progressive(options: ProgressiveWorkloadRolloutOptions): WorkloadRollout {
    if (!options || !(options.maxConcurrency instanceof PercentOrAbsolute)) {
      fail('WorkloadRollout.progressive', `maxConcurrency is ${describeValue(options?.maxConcurrency)}; use PercentOrAbsolute.count(2) or PercentOrAbsolute.percent(25)`);
    }
    if (!options.maxConcurrency.isPercent && options.maxConcurrency.amount < 1) fail('WorkloadRollout.progressive', 'maxConcurrency 0 would never update a cluster; use at least 1 or a percentage');
    return new WorkloadRollout(WorkloadRolloutType.PROGRESSIVE, options.maxConcurrency);
  }

  /** The clusters matching `canary` first (all at once), then the others (at once, or in batches of maxConcurrency). */
  public static canaryFirst(options: CanaryFirstWorkloadRolloutOptions): WorkloadRollout {
    const subject = 'WorkloadRollout.canaryFirst';
    const canary = asSelector(subject, 'canary', options?.canary);
    if (!canary || canary.isEmpty) fail(subject, 'needs a canary selector that matches some clusters only, e.g. LabelSelector.matchLabels({ canary: \'true\' })');
    canary.validate(subject, 'canary');
    const mc = options.maxConcurrency;
    if (mc !== undefined && !(mc instanceof PercentOrAbsolute)) fail(subject, `maxConcurrency is ${describeValue(mc)}; use PercentOrAbsolute.count(2) or PercentOrAbsolute.percent(25)`);
    if (mc && !mc.isPercent && mc.amount < 1) fail(subject, 'maxConcurrency 0 would never update a cluster; use at least 1 or a percentage');
    return new WorkloadRollout(WorkloadRolloutType.CANARY_FIRST, mc, canary);
  }

  private constructor(
    /** The kind of rollout. */
    public readonly type: WorkloadRolloutType,
    /** Progressive and canary first: clusters updated at the same time (after the canaries). */
    public readonly maxConcurrency?: PercentOrAbsolute,
    /** Canary first: the canary clusters. */
    public readonly canary?: LabelSelector,
  ) {}

  /** The rollout in words: `all at once`, `batches of 2`, `canary first (canary=true), then all at once`. */
  public toString(): string {
    const batches = this.maxConcurrency ? `batches of ${this.maxConcurrency}` : 'all at once';
    if (this.type === WorkloadRolloutType.ALL_AT_ONCE) return 'all at once';
    if (this.type === WorkloadRolloutType.PROGRESSIVE) return batches;
    return `canary first (${describeSelector(this.canary!)}), then ${batches}`;
  }
}

/** Options of {@link WorkloadEngine.ocm}. */
export interface OcmWorkloadOptions {
  /** The hub namespace of the Placement and the ManifestWorkReplicaSet (bind the fleet's cluster sets into it). */
  readonly namespace: string;
  /**
   * The cluster sets the Placement chooses from.
   * @default - every set bound into the namespace
   */
  readonly clusterSets?: IManagedClusterSet[];
}

/** Options of {@link WorkloadEngine.karmada}. */
export interface KarmadaWorkloadOptions {
  /**
   * How the replicas of Deployments, StatefulSets and Jobs are scheduled onto the clusters.
   * @default karmada.ReplicaScheduling.duplicated() - every cluster runs the objects as written, as with OCM and KubeFleet
   */
  readonly replicaScheduling?: karmada.ReplicaScheduling;
  /**
   * Karmada has no rollout strategy: a propagation policy propagates to every selected cluster at
   * once. A workload with another rollout fails, unless this is set: it is then rendered all at
   * once, and the plan says so in a warning.
   * @default false
   */
  readonly acceptAllAtOnce?: boolean;
}

/** Options of {@link WorkloadEngine.kubeFleet}. */
export interface KubeFleetWorkloadOptions {
  /**
   * The state of the ClusterStagedUpdateRun of a progressive or canary-first rollout (Initialize
   * only computes its stages; Run executes them).
   * @default kubefleet.UpdateRunState.RUN
   */
  readonly runState?: kubefleet.UpdateRunState;
}

/** What a workload renders, whatever the engine. */
interface WorkloadIntent {
  readonly name: string;
  readonly subject: string;
  readonly scope: Construct;
  readonly objects: Record<string, any>[];
  readonly clusters: LabelSelector;
  readonly rollout: WorkloadRollout;
  readonly tolerateTaints: string[];
}

/** What an engine rendered for a workload. */
interface Rendered {
  placement?: Placement;
  manifestWorkReplicaSet?: ManifestWorkReplicaSet;
  propagationPolicies?: karmada.PropagationPolicyBase[];
  clusterResourcePlacement?: kubefleet.ClusterResourcePlacement;
  stagedUpdateStrategy?: kubefleet.ClusterStagedUpdateStrategy;
  stagedUpdateRun?: kubefleet.ClusterStagedUpdateRun;
  templates?: ApiObject[];
}

/**
 * Where a {@link FleetWorkload} is placed, and how: the OCM hub (a Placement and a
 * ManifestWorkReplicaSet), the fleet's Karmada control plane (propagation policies and the resource
 * templates) or its KubeFleet hub (a ClusterResourcePlacement, with a staged update for
 * progressive and canary-first rollouts).
 */
export class WorkloadEngine {
  /**
   * The OCM hub: a Placement over the workload's clusters and a ManifestWorkReplicaSet with the
   * rollout, in `namespace`; the hub's ClusterManager enables the ManifestWorkReplicaSet feature gate.
   */
  public static ocm(hub: Hub, options: OcmWorkloadOptions): WorkloadEngine {
    if (!(hub instanceof Hub)) fail('WorkloadEngine.ocm', `needs the fleet's Hub, got ${describeValue(hub)}`);
    requireKnownProps('WorkloadEngine.ocm', options, "{ namespace: 'fleet-apps' }", ['namespace', 'clusterSets']);
    if (typeof options.namespace !== 'string') fail('WorkloadEngine.ocm', 'needs a namespace for the Placement and the ManifestWorkReplicaSet, e.g. { namespace: \'fleet-apps\' } (bind the fleet\'s cluster sets into it)');
    validateDnsLabel('WorkloadEngine.ocm', 'namespace', options.namespace);
    return new WorkloadEngine('ocm', (w) => renderOcm(hub, options, w));
  }

  /** The fleet's Karmada control plane: a PropagationPolicy per namespace (a ClusterPropagationPolicy for cluster-scoped objects) and the resource templates. */
  public static karmada(controlPlane: KarmadaControlPlane, options: KarmadaWorkloadOptions = {}): WorkloadEngine {
    if (!(controlPlane instanceof KarmadaControlPlane)) fail('WorkloadEngine.karmada', `needs the fleet's KarmadaControlPlane, got ${describeValue(controlPlane)}`);
    options = requireKnownProps('WorkloadEngine.karmada', options, '{ acceptAllAtOnce: true }', ['replicaScheduling', 'acceptAllAtOnce'], true);
    requireOptionalBoolean('WorkloadEngine.karmada', 'acceptAllAtOnce', options.acceptAllAtOnce);
    if (options.replicaScheduling !== undefined && !(options.replicaScheduling instanceof karmada.ReplicaScheduling)) {
      fail('WorkloadEngine.karmada', `replicaScheduling is ${describeValue(options.replicaScheduling)}; use karmada.ReplicaScheduling.duplicated() or karmada.ReplicaScheduling.divided(...)`);
    }
    return new WorkloadEngine('karmada', (w) => renderKarmada(controlPlane, options, w));
  }

  /** The fleet's KubeFleet hub: a ClusterResourcePlacement (PickAll) and the resources, with a staged update strategy and run for progressive and canary-first rollouts. */
  public static kubeFleet(hub: KubeFleetHub, options: KubeFleetWorkloadOptions = {}): WorkloadEngine {
    if (!(hub instanceof KubeFleetHub)) fail('WorkloadEngine.kubeFleet', `needs the fleet's KubeFleetHub, got ${describeValue(hub)}`);
    options = requireKnownProps('WorkloadEngine.kubeFleet', options, '{ runState: kubefleet.UpdateRunState.RUN }', ['runState'], true);
    if (options.runState !== undefined && !Object.values(kubefleet.UpdateRunState).includes(options.runState)) {
      fail('WorkloadEngine.kubeFleet', `runState ${JSON.stringify(options.runState)} is invalid; allowed: Initialize, Run, Stop`);
    }
    return new WorkloadEngine('kubefleet', (w) => renderKubeFleet(hub, options, w));
  }

  private constructor(
    /** `ocm`, `karmada` or `kubefleet`. */
    public readonly name: string,
    renderer: (w: WorkloadIntent) => Rendered,
  ) {
    RENDERERS.set(this, renderer);
  }
}

/** How each engine renders a workload (kept out of the public API). */
const RENDERERS = new WeakMap<WorkloadEngine, (w: WorkloadIntent) => Rendered>();

/** Props of {@link FleetWorkload}: these objects, to these clusters, rolled out like this, by this engine. */
export interface FleetWorkloadProps {
  /**
   * The workload name (a DNS label): the name of the Placement and ManifestWorkReplicaSet, of the
   * propagation policies, or of the ClusterResourcePlacement and its staged update strategy.
   * @default - the construct id
   */
  readonly name?: string;
  /** The engine that places it. */
  readonly engine: WorkloadEngine;
  /**
   * The Kubernetes objects to deliver (JSON). The Namespaces of namespaced objects are added when
   * missing, so every engine creates them on the clusters.
   */
  readonly objects: Record<string, any>[];
  /**
   * The clusters of the fleet it goes to, by label (the same labels on ManagedClusters, Karmada
   * members and MemberClusters).
   * @default - every cluster of the fleet
   */
  readonly clusters?: LabelSelector;
  /**
   * How it rolls out.
   * @default WorkloadRollout.allAtOnce()
   */
  readonly rollout?: WorkloadRollout;
  /**
   * Taint keys it tolerates (any value, any effect): OCM tolerations, Karmada clusterTolerations,
   * KubeFleet tolerations.
   * @default - none
   */
  readonly tolerateTaints?: string[];
}

/**
 * One workload intent — these objects, to these clusters of the fleet, rolled out like this —
 * rendered for one engine: OCM (a Placement and a ManifestWorkReplicaSet in the Hub), Karmada
 * (propagation policies and the resource templates in the {@link KarmadaControlPlane} chart) or
 * KubeFleet (a ClusterResourcePlacement, a staged update strategy and run, and the resources in the
 * {@link KubeFleetHub} chart). The same props render the same intent for each engine; where an
 * engine cannot express it exactly, the construct fails with the reason (Karmada has no
 * progressive rollout; KubeFleet stages need a canary selector of one requirement), or renders the
 * nearest faithful form only when asked to and records a warning the fleet plan shows.
 */
export class FleetWorkload extends Construct {
  /** The keys of {@link FleetWorkloadProps}. @internal */
  public static readonly PROP_KEYS: readonly string[] = ['name', 'engine', 'objects', 'clusters', 'rollout', 'tolerateTaints'];

  /** The workload name. */
  public readonly name: string;
  /** The engine that places it. */
  public readonly engine: WorkloadEngine;
  /** The clusters it goes to. */
  public readonly clusters: LabelSelector;
  /** How it rolls out. */
  public readonly rollout: WorkloadRollout;
  /** OCM: the Placement. */
  public readonly placement?: Placement;
  /** OCM: the ManifestWorkReplicaSet. */
  public readonly manifestWorkReplicaSet?: ManifestWorkReplicaSet;
  /** Karmada: the PropagationPolicies (one per namespace) and the ClusterPropagationPolicy (cluster-scoped objects). */
  public readonly propagationPolicies: karmada.PropagationPolicyBase[];
  /** KubeFleet: the ClusterResourcePlacement. */
  public readonly clusterResourcePlacement?: kubefleet.ClusterResourcePlacement;
  /** KubeFleet, progressive and canary-first rollouts: the staged update strategy. */
  public readonly stagedUpdateStrategy?: kubefleet.ClusterStagedUpdateStrategy;
  /** KubeFleet, progressive and canary-first rollouts: the update run (named after the content, so new content starts a new run). */
  public readonly stagedUpdateRun?: kubefleet.ClusterStagedUpdateRun;
  private readonly _objects: Record<string, any>[];

  constructor(scope: Construct, id: string, props: FleetWorkloadProps) {
    super(scope, id);
    props = requireKnownProps(`FleetWorkload "${id}"`, props, '{ engine: WorkloadEngine.ocm(hub, { namespace }), objects: [...] }', FleetWorkload.PROP_KEYS);
    this.name = props.name ?? id;
    const subject = `FleetWorkload "${this.name}"`;
    validateDnsLabel(subject, 'name', this.name);
    if (!props || !(props.engine instanceof WorkloadEngine)) {
      fail(subject, `needs an engine, got ${describeValue(props?.engine)}; use WorkloadEngine.ocm(hub, { namespace }), WorkloadEngine.karmada(controlPlane) or WorkloadEngine.kubeFleet(kubeFleetHub)`);
    }
    this.engine = props.engine;
    const clusters = asSelector(subject, 'clusters', props.clusters) ?? LabelSelector.all();
    clusters.validate(subject, 'clusters');
    this.clusters = clusters;
    if (props.rollout !== undefined && !(props.rollout instanceof WorkloadRollout)) {
      fail(subject, `rollout is ${describeValue(props.rollout)}; use WorkloadRollout.allAtOnce(), WorkloadRollout.progressive({ maxConcurrency }) or WorkloadRollout.canaryFirst({ canary })`);
    }
    this.rollout = props.rollout ?? WorkloadRollout.allAtOnce();
    const tolerateTaints = requireArray<string>(subject, 'tolerateTaints', props.tolerateTaints, "['example.com/edge']");
    for (const k of tolerateTaints) {
      const p = typeof k === 'string' ? labelKeyProblem(k) : 'must be a string';
      if (p) fail(subject, `tolerateTaints key ${JSON.stringify(k)} is not a taint key: it ${p}`);
    }
    this._objects = workloadObjects(subject, props.objects);
    const rendered = RENDERERS.get(this.engine)!({ name: this.name, subject, scope: this, objects: this._objects, clusters, rollout: this.rollout, tolerateTaints: [...new Set(tolerateTaints)].sort(Order.strings) });
    this.placement = rendered.placement;
    this.manifestWorkReplicaSet = rendered.manifestWorkReplicaSet;
    this.propagationPolicies = rendered.propagationPolicies ?? [];
    this.clusterResourcePlacement = rendered.clusterResourcePlacement;
    this.stagedUpdateStrategy = rendered.stagedUpdateStrategy;
    this.stagedUpdateRun = rendered.stagedUpdateRun;
  }

  /** The objects it delivers, with the Namespaces added for namespaced objects (a copy). */
  public get objects(): Record<string, any>[] {
    return this._objects.map((o) => JSON.parse(JSON.stringify(o)));
  }
}

/** Well-known namespaced kinds (`group/kind`): an object of one needs metadata.namespace. */
const NAMESPACED = WELL_KNOWN_NAMESPACED_KINDS;

const versionOf = (apiVersion: string) => apiVersion.slice(apiVersion.lastIndexOf('/') + 1);
const where = (o: Record<string, any>) => `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;

/** The intent's objects, checked and copied, with a Namespace for each namespace used (Namespaces first). */
function workloadObjects(subject: string, given: unknown): Record<string, any>[] {
  const list = requireArray<Record<string, any>>(subject, 'objects', given, "[{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'web' }, spec: {...} }]");
  if (list.length === 0) fail(subject, 'has no objects to deliver; give at least one in objects');
  const out: Record<string, any>[] = [];
  const seen = new Set<string>();
  for (const [i, o] of list.entries()) {
    if (typeof o !== 'object' || o === null || Array.isArray(o)) fail(subject, `objects[${i}] is ${describeValue(o)}, not a Kubernetes object`);
    if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string' || typeof o.metadata?.name !== 'string' || o.metadata.name === '') {
      fail(subject, `objects[${i}] needs apiVersion, kind and metadata.name, got ${describeValue(o)}`);
    }
    const copy = JSON.parse(JSON.stringify(o));
    if (copy.metadata.namespace !== undefined) validateDnsLabel(subject, `objects[${i}] metadata.namespace`, copy.metadata.namespace);
    if (copy.metadata.namespace === undefined && NAMESPACED.has(`${groupOf(copy.apiVersion)}/${copy.kind}`)) {
      fail(subject, `objects[${i}] ${copy.kind} ${copy.metadata.name} has no metadata.namespace; a ${copy.kind} is namespaced, and the engines need to know where it goes`);
    }
    const key = where(copy);
    if (seen.has(key)) fail(subject, `objects hold ${key} twice; keep one`);
    seen.add(key);
    out.push(copy);
  }
  const namespaces = [...new Set(out.map((o) => o.metadata.namespace).filter((n): n is string => !!n))].sort(Order.strings);
  for (const ns of namespaces) {
    if (!seen.has(`Namespace ${ns}`)) out.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  }
  return [...out.filter((o) => o.kind === 'Namespace' && o.apiVersion === 'v1'), ...out.filter((o) => !(o.kind === 'Namespace' && o.apiVersion === 'v1'))];
}

function describeSelector(s: LabelSelector): string {
  const parts = Object.keys(s.matchLabels).sort(Order.strings).map((k) => `${k}=${s.matchLabels[k]}`);
  for (const e of s.matchExpressions) parts.push(`${e.key} ${e.operator}${e.values?.length ? ` (${e.values.join(', ')})` : ''}`);
  return parts.join(', ');
}

/** OCM: a Placement (a `canary` decision group for canary first) and a ManifestWorkReplicaSet with the rollout. */
function renderOcm(hub: Hub, options: OcmWorkloadOptions, w: WorkloadIntent): Rendered {
  const r = w.rollout;
  // The intent needs ManifestWorkReplicaSets: the hub's ClusterManager enables them.
  hub.clusterManager.enable(FeatureGate.MANIFEST_WORK_REPLICA_SET);
  const placement = hub.addPlacement(w.name, {
    namespace: options.namespace,
    clusterSets: options.clusterSets,
    selector: w.clusters.isEmpty ? undefined : w.clusters,
    tolerations: w.tolerateTaints.map((key) => ({ key, operator: TolerationOperator.EXISTS })),
    decisionStrategy: r.type === WorkloadRolloutType.CANARY_FIRST ? { groups: [{ name: 'canary', labelSelector: r.canary }] } : undefined,
  });
  const rollout = r.type === WorkloadRolloutType.ALL_AT_ONCE ? Rollout.all()
    : r.type === WorkloadRolloutType.PROGRESSIVE ? Rollout.progressive({ maxConcurrency: r.maxConcurrency })
      : Rollout.progressive({ mandatoryDecisionGroups: [{ groupName: 'canary' }], maxConcurrency: r.maxConcurrency });
  const manifestWorkReplicaSet = hub.addManifestWorkReplicaSet(w.name, {
    namespace: options.namespace,
    placements: [{ placement, rollout }],
    objects: w.objects,
    manifestConfigs: r.type === WorkloadRolloutType.ALL_AT_ONCE ? undefined : progressingRules(w.objects),
  });
  return { placement, manifestWorkReplicaSet };
}

/**
 * The `Progressing` condition rules a staged ManifestWorkReplicaSet waits for (without one the
 * rollout never leaves its first wave): every apps/v1 Deployment reports its rollout as
 * `kubectl rollout status` does; a workload without Deployments reports Progressing=False once its
 * first object is applied (nothing in it rolls out).
 */
function progressingRules(objects: readonly Record<string, any>[]): ManifestConfig[] {
  const identify = (o: Record<string, any>): ResourceIdentifier => {
    const slash = String(o.apiVersion).lastIndexOf('/');
    return {
      group: slash < 0 ? '' : String(o.apiVersion).slice(0, slash),
      resource: defaultPlural(String(o.kind)),
      name: o.metadata.name,
      ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
    };
  };
  const deployments = objects.filter((o) => o.apiVersion === 'apps/v1' && o.kind === 'Deployment');
  if (deployments.length > 0) return deployments.map((o) => ({ resource: identify(o), conditionRules: [ConditionRule.deploymentProgressing()] }));
  return objects.length > 0 ? [{ resource: identify(objects[0]), conditionRules: [ConditionRule.notProgressing()] }] : [];
}

/** The resource name Kubernetes derives from a kind when a CRD does not choose one (lower case, English plural). */
function defaultPlural(kind: string): string {
  const k = kind.toLowerCase();
  if (/[^aeiou]y$/.test(k)) return `${k.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(k)) return `${k}es`;
  return `${k}s`;
}

/** Karmada: the templates (Namespaces kept from automatic propagation, so only the policy places them) and one policy per namespace plus one for cluster-scoped objects. */
function renderKarmada(plane: KarmadaControlPlane, options: KarmadaWorkloadOptions, w: WorkloadIntent): Rendered {
  const warnings: string[] = [];
  if (w.rollout.type !== WorkloadRolloutType.ALL_AT_ONCE) {
    if (!options.acceptAllAtOnce) {
      fail(w.subject, `rollout ${w.rollout} cannot be placed by Karmada: a propagation policy propagates to every selected cluster at once (Karmada has no rollout strategy). Use WorkloadRollout.allAtOnce(), place it with WorkloadEngine.kubeFleet(...) or WorkloadEngine.ocm(...), or pass acceptAllAtOnce: true to WorkloadEngine.karmada() to render it all at once`);
    }
    warnings.push(`the workload's rollout (${w.rollout}) is rendered all at once: Karmada has no rollout strategy (a propagation policy propagates to every selected cluster at once)`);
  }
  const scope = engineScope(plane, w);
  const templates: ApiObject[] = [];
  const objects = w.objects.map((o) => JSON.parse(JSON.stringify(o)));
  for (const o of objects) {
    if (o.metadata.namespace === undefined && o.kind === 'Namespace') {
      plane._namespaces.claim(o.metadata.name, w.name);
      // Karmada's namespace sync controller would put the namespace on every member: the policy places it instead.
      o.metadata.labels = { ...(o.metadata.labels ?? {}), [KARMADA_SKIP_AUTO_PROPAGATION_LABEL]: 'true' };
    }
    templates.push(new ApiObject(scope, `${o.kind}(${o.metadata.namespace ?? ''},${o.metadata.name})`, o as ApiObjectProps));
  }
  const placement = {
    clusterAffinity: w.clusters.isEmpty ? undefined : { labelSelector: w.clusters },
    clusterTolerations: w.tolerateTaints.map((key) => ({ key, operator: karmada.TolerationOperator.EXISTS })),
    replicaScheduling: options.replicaScheduling ?? karmada.ReplicaScheduling.duplicated(),
  };
  const policies: karmada.PropagationPolicyBase[] = [];
  const byNamespace = new Map<string, Record<string, any>[]>();
  const clusterScoped: Record<string, any>[] = [];
  for (const o of objects) {
    if (o.metadata.namespace) byNamespace.set(o.metadata.namespace, [...(byNamespace.get(o.metadata.namespace) ?? []), o]);
    else clusterScoped.push(o);
  }
  for (const ns of [...byNamespace.keys()].sort(Order.strings)) {
    policies.push(new karmada.PropagationPolicy(scope, `PropagationPolicy(${ns})`, {
      name: w.name, namespace: ns, ...placement,
      resourceSelectors: byNamespace.get(ns)!.map((o) => karmada.ResourceSelector.byName(o.apiVersion, o.kind, o.metadata.name)),
    }));
  }
  if (clusterScoped.length > 0) {
    policies.push(new karmada.ClusterPropagationPolicy(scope, 'ClusterPropagationPolicy', {
      name: w.name, ...placement,
      resourceSelectors: clusterScoped.map((o) => karmada.ResourceSelector.byName(o.apiVersion, o.kind, o.metadata.name)),
    }));
  }
  for (const p of policies) if (warnings.length) (p as karmada.PropagationPolicy | karmada.ClusterPropagationPolicy).apiObject.metadata.addAnnotation(WARNING_ANNOTATION, warnings.join('\n'));
  return { propagationPolicies: policies, templates };
}

/** KubeFleet: the resources, a PickAll ClusterResourcePlacement of their namespaces and cluster-scoped objects, and the rollout. */
function renderKubeFleet(hub: KubeFleetHub, options: KubeFleetWorkloadOptions, w: WorkloadIntent): Rendered {
  const r = w.rollout;
  const scope = engineScope(hub, w);
  const templates = w.objects.map((o) => new ApiObject(scope, `${o.kind}(${o.metadata.namespace ?? ''},${o.metadata.name})`, o as ApiObjectProps));
  const selectors: kubefleet.ResourceSelector[] = [];
  for (const o of w.objects) {
    if (o.metadata.namespace) continue;
    if (o.kind === 'Namespace' && o.apiVersion === 'v1') {
      hub._namespaces.claim(o.metadata.name, w.name);
      // The namespace carries its contents; it is the workload's alone on this hub (NamespaceOwners).
      selectors.push(kubefleet.ResourceSelector.namespace(o.metadata.name));
    } else {
      selectors.push(kubefleet.ResourceSelector.byName(groupOf(o.apiVersion), versionOf(o.apiVersion), o.kind, o.metadata.name));
    }
  }
  const policy = kubefleet.PlacementPolicy.pickAll({
    requiredClusterAffinity: w.clusters.isEmpty ? undefined : [{ labelSelector: w.clusters }],
    tolerations: w.tolerateTaints.length ? w.tolerateTaints.map((key) => ({ key, operator: kubefleet.TolerationOperator.EXISTS })) : undefined,
  });
  if (r.type === WorkloadRolloutType.ALL_AT_ONCE) {
    const crp = new kubefleet.ClusterResourcePlacement(scope, 'ClusterResourcePlacement', {
      name: w.name, resourceSelectors: selectors, policy,
      strategy: kubefleet.RolloutStrategy.rollingUpdate({ maxUnavailable: PercentOrAbsolute.percent(100) }),
    });
    return { clusterResourcePlacement: crp, templates };
  }
  // Progressive and canary first: stages in order, clusters by name within a stage (as OCM's
  // alphabetical batches), driven by an update run named after what it rolls out.
  const all = PercentOrAbsolute.percent(100);
  const rest = r.maxConcurrency ?? all;
  const stages: kubefleet.Stage[] = r.type === WorkloadRolloutType.PROGRESSIVE
    ? [{ name: 'all', labelSelector: LabelSelector.all(), maxConcurrency: rest }]
    : [{ name: 'canary', labelSelector: r.canary!, maxConcurrency: all }, { name: 'rest', labelSelector: complement(w.subject, r.canary!), maxConcurrency: rest }];
  const crp = new kubefleet.ClusterResourcePlacement(scope, 'ClusterResourcePlacement', { name: w.name, resourceSelectors: selectors, policy, strategy: kubefleet.RolloutStrategy.external() });
  const strategy = new kubefleet.ClusterStagedUpdateStrategy(scope, 'ClusterStagedUpdateStrategy', { name: w.name, stages });
  if (rest.isPercent && rest.amount < 100) {
    strategy.apiObject.metadata.addAnnotation(WARNING_ANNOTATION, `maxConcurrency ${rest} is a percentage of the stage's clusters, which KubeFleet rounds down (at least 1) where OCM rounds up: batches may be one cluster smaller than with OCM`);
  }
  const digest = createHash('sha256').update(JSON.stringify({ objects: w.objects, clusters: w.clusters.toJson(), tolerate: w.tolerateTaints })).digest('hex').slice(0, 8);
  const runName = `${w.name}-${digest}`;
  if (runName.length > 63) fail(w.subject, `name is ${w.name.length} characters; KubeFleet names its update run <name>-<8 hex> (at most 63), so use at most 54`);
  const run = new kubefleet.ClusterStagedUpdateRun(scope, 'ClusterStagedUpdateRun', {
    name: runName, placement: crp, strategy, state: options.runState ?? kubefleet.UpdateRunState.RUN,
  });
  return { clusterResourcePlacement: crp, stagedUpdateStrategy: strategy, stagedUpdateRun: run, templates };
}

/** The construct in the engine's chart that holds a workload's objects. */
function engineScope(chart: Construct, w: WorkloadIntent): Construct {
  const id = `Workload(${w.name})`;
  if (chart.node.tryFindChild(id)) fail(w.subject, `is declared twice on ${chart.node.id} (two FleetWorkloads named ${w.name}); give one another name`);
  return new Construct(chart, id);
}

/**
 * The clusters a canary selector does not match, as one label selector (a KubeFleet stage): the
 * negation of its one requirement (In ↔ NotIn, Exists ↔ DoesNotExist). A selector of several
 * requirements has no one-selector complement.
 */
function complement(subject: string, canary: LabelSelector): LabelSelector {
  const reqs: SelectorRequirement[] = [
    ...Object.keys(canary.matchLabels).map((key): SelectorRequirement => ({ key, operator: 'In', values: [canary.matchLabels[key]] })),
    ...canary.matchExpressions,
  ];
  if (reqs.length !== 1) {
    fail(subject, `canary selector (${describeSelector(canary)}) has ${reqs.length} requirements; KubeFleet stages select the clusters after the canaries with one label selector, the canary selector's complement, which only a selector of one requirement has. Mark the canaries with one label, e.g. LabelSelector.matchLabels({ canary: 'true' })`);
  }
  const e = reqs[0];
  const negated: Record<string, SelectorRequirement['operator']> = { In: 'NotIn', NotIn: 'In', Exists: 'DoesNotExist', DoesNotExist: 'Exists' };
  return LabelSelector.fromJson({ matchExpressions: [e.values?.length ? { key: e.key, operator: negated[e.operator], values: [...e.values] } : { key: e.key, operator: negated[e.operator] }] });
}
