import { App, Chart, ChartProps, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { describeValue, fail } from '../core/errors';
import { validateDnsSubdomain, validateDnsLabel } from '../core/names';
import { requireArray, requireDeliverableObject, requireKnownKeys, requireManifestWorkSize, requireOptionalBoolean, requireOptionalString, requirePlainObject, requireProps, requireString, requireStringMap } from '../core/validate';
import { ApiFacts } from '../core/api-facts';
import { FleetResource } from '../core/resource';
import * as l1 from '../imports/work.open-cluster-management.io';
import { FleetRegistry } from './_registry';
import { manifestsOf, subjectOf, l1Object } from './_util';
import { IManagedCluster } from './managed-cluster';

/**
 * A chart for authoring the content of a ManifestWork, add-on or policy with any cdk8s
 * constructs (cdk8s-plus workloads, our own L2s). It lives in its own app that is never
 * synthesized, so its objects appear only where you embed them.
 */
export class ManifestChart extends Chart {
  constructor(id = 'manifests', props: ChartProps = {}) {
    super(new App(), id, { disableResourceNameHashes: true, ...props });
  }
}

/** The identifier of one resource inside a work (group + plural resource + name + namespace). */
export interface ResourceIdentifier {
  /**
   * API group; empty for the core group.
   * @default ''
   */
  readonly group?: string;
  /** Plural resource, e.g. `deployments`. */
  readonly resource: string;
  /** The name; `*` wildcards allowed. */
  readonly name: string;
  /**
   * The namespace; `*` wildcards allowed; empty for cluster-scoped resources.
   * @default - cluster-scoped
   */
  readonly namespace?: string;
}

/** What status the work agent reports back for a resource. */
export class FeedbackRule {
  /** The well-known status fields of the kind (e.g. Deployment replicas). */
  public static wellKnownStatus(): FeedbackRule {
    return new FeedbackRule({ type: 'WellKnownStatus' });
  }

  /** Named JSON paths into the resource's status, e.g. `{ isAvailable: '.status.conditions[?(@.type=="Available")].status' }`. */
  public static jsonPaths(paths: Record<string, string>): FeedbackRule {
    requireStringMap('FeedbackRule.jsonPaths', 'paths', requirePlainObject('FeedbackRule.jsonPaths', 'paths', paths));
    const names = Object.keys(paths);
    if (names.length === 0) fail('FeedbackRule.jsonPaths', 'needs at least one named path');
    return new FeedbackRule({ type: 'JSONPaths', jsonPaths: names.sort().map((name) => ({ name, path: paths[name] })) });
  }

  private constructor(/** API shape. @internal */ public readonly _json: Record<string, unknown>) {}
}

/** Options of server-side apply. */
export interface ServerSideApplyOptions {
  /**
   * Force conflicts.
   * @default false
   */
  readonly force?: boolean;
  /**
   * The field manager; must start with `work-agent`.
   * @default 'work-agent'
   */
  readonly fieldManager?: string;
}

/** How the work agent writes a resource. */
export class UpdateStrategy {
  /** Update the resource (the agent's default). */
  public static update(): UpdateStrategy {
    return new UpdateStrategy({ type: 'Update' });
  }
  /** Create it once; never update it. */
  public static createOnly(): UpdateStrategy {
    return new UpdateStrategy({ type: 'CreateOnly' });
  }
  /** Only check it exists and report feedback; never write or delete it. */
  public static readOnly(): UpdateStrategy {
    return new UpdateStrategy({ type: 'ReadOnly' });
  }
  /** Server-side apply. */
  public static serverSideApply(options: ServerSideApplyOptions = {}): UpdateStrategy {
    options = requireProps('UpdateStrategy.serverSideApply', options, "{ fieldManager: 'work-agent-web', force: true }", true);
    if (options.fieldManager !== undefined && !options.fieldManager.startsWith('work-agent')) {
      fail('UpdateStrategy.serverSideApply', `fieldManager ${JSON.stringify(options.fieldManager)} must start with "work-agent" (the work agent rejects others)`);
    }
    requireOptionalBoolean('UpdateStrategy.serverSideApply', 'force', options.force);
    const ssa: Record<string, unknown> = {};
    if (options.force !== undefined) ssa.force = options.force;
    if (options.fieldManager !== undefined) ssa.fieldManager = options.fieldManager;
    return new UpdateStrategy(Object.keys(ssa).length ? { type: 'ServerSideApply', serverSideApply: ssa } : { type: 'ServerSideApply' });
  }
  private constructor(/** API shape. @internal */ public readonly _json: Record<string, unknown>) {}
}

/** Options of a condition rule evaluated with CEL. */
export interface CelConditionOptions {
  /**
   * CEL expressions over `object` (the resource as it is on the spoke); the condition is True when
   * every expression is true, False otherwise (also when one fails to evaluate). The work agent
   * evaluates them with OCM's CEL library (`hasConditions(...)` and the Kubernetes extensions).
   */
  readonly celExpressions: string[];
  /**
   * The condition's message.
   * @default - "Manifest is <condition>" / "Manifest is not <condition>"
   */
  readonly message?: string;
  /**
   * A CEL expression over `object` and `result` (the rule's boolean outcome) giving the message;
   * overrides `message` when it yields a non-empty string.
   * @default - none
   */
  readonly messageExpression?: string;
}

/**
 * A condition the work agent sets from a resource's state (ManifestWork `manifestConfigs[].conditionRules`).
 *
 * The agent's status controller evaluates the rules of the first manifestConfig matching the
 * resource (ocm pkg: work/spoke/controllers/statuscontroller/availablestatus_controller.go,
 * pkg: work/spoke/conditions/reader.go) and aggregates each condition onto the ManifestWork
 * (pkg: work/spoke/conditions/helpers.go: `Progressing` is True when any resource is progressing,
 * False when none is).
 *
 * The `Progressing` condition is what a progressive ManifestWorkReplicaSet rollout waits for: the
 * hub moves to the next wave only when the works of the current one report Progressing=False
 * (ocm pkg: work/hub/controllers/manifestworkreplicasetcontroller/manifestworkreplicaset_deploy_reconcile.go,
 * clusterRolloutStatusFunc). Nothing else sets it, so a work without a Progressing rule stays
 * "to apply" forever and the rollout never leaves its first wave.
 */
export class ConditionRule {
  /**
   * `Progressing` from CEL: True while the expressions hold (the resource is still rolling out),
   * False once they do not. A ManifestWorkReplicaSet's next wave starts when every work of the
   * current wave reports Progressing=False.
   */
  public static progressing(options: CelConditionOptions): ConditionRule {
    return ConditionRule.cel(ConditionRule.PROGRESSING, options);
  }

  /**
   * `Progressing` for an apps/v1 Deployment, with the checks of `kubectl rollout status`: True until
   * the controller has observed the current generation and every replica is updated and available
   * with no old replica left.
   */
  public static deploymentProgressing(): ConditionRule {
    const num = (path: string, otherwise: string) => `(has(object.${path}) ? object.${path} : ${otherwise})`;
    const updated = num('status.updatedReplicas', '0');
    return ConditionRule.progressing({
      celExpressions: [
        '!(has(object.status) && has(object.status.observedGeneration) && object.status.observedGeneration >= object.metadata.generation'
        + ` && ${updated} >= ${num('spec.replicas', '1')}`
        + ` && ${num('status.replicas', '0')} <= ${updated}`
        + ` && ${num('status.availableReplicas', '0')} >= ${updated})`,
      ],
      messageExpression: "result ? 'Deployment rollout in progress' : 'Deployment rollout complete'",
    });
  }

  /**
   * `Progressing` False as soon as the agent reads the resource back: for objects with nothing to
   * roll out (ConfigMaps, Namespaces, RBAC), so a ManifestWorkReplicaSet moves on once they are
   * applied.
   */
  public static notProgressing(): ConditionRule {
    return ConditionRule.progressing({ celExpressions: ['false'], message: 'Applied; nothing rolls out' });
  }

  /** Any condition from CEL (True when every expression holds). */
  public static cel(condition: string, options: CelConditionOptions): ConditionRule {
    const subject = `ConditionRule.cel(${JSON.stringify(condition)})`;
    ConditionRule.validateCondition(subject, condition);
    const opts = options as CelConditionOptions | undefined;
    const expressions = requireArray<unknown>(subject, 'celExpressions', opts?.celExpressions, `["object.status.phase == 'Running'"]`);
    if (expressions.length === 0) {
      fail(subject, `needs at least one CEL expression; with none the agent sets ${condition}=True for good (an empty list is true). Give celExpressions, e.g. ["object.status.phase == 'Running'"]`);
    }
    expressions.forEach((e, i) => requireString(subject, `celExpressions[${i}]`, e));
    const message = requireOptionalString(subject, 'message', opts?.message);
    const messageExpression = requireOptionalString(subject, 'messageExpression', opts?.messageExpression);
    return new ConditionRule(condition, {
      condition,
      type: 'CEL',
      celExpressions: [...expressions] as string[],
      ...(message !== undefined ? { message } : {}),
      ...(messageExpression !== undefined ? { messageExpression } : {}),
    });
  }

  /**
   * `Complete` from the agent's built-in rules (type WellKnownConditions): Jobs when Complete or
   * Failed, Pods in phase Succeeded or Failed (ocm pkg: work/spoke/conditions/rules/rule.go). Other
   * kinds get no condition. A work whose completable resources are all Complete stops being updated.
   */
  public static wellKnownComplete(): ConditionRule {
    return new ConditionRule('Complete', { condition: 'Complete', type: 'WellKnownConditions' });
  }

  /** The condition type the MWRS rollout reads. */
  private static readonly PROGRESSING = 'Progressing';

  /** metav1.Condition type: an optional DNS-subdomain prefix and a name (the ManifestWork status rejects others). */
  private static validateCondition(subject: string, condition: unknown): void {
    requireString(subject, 'condition', condition);
    const c = condition as string;
    const ok = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$/.test(c) && c.length <= 316;
    if (!ok) fail(subject, `condition ${JSON.stringify(c)} is not a valid condition type (letters, digits, "-", "_", "." starting and ending with a letter or digit, optionally prefixed by "<dns-subdomain>/", at most 316 characters); the work's status would be rejected. Use e.g. "Progressing" or "Ready"`);
  }

  private constructor(
    /** The condition type the rule sets (`Progressing`, `Complete`, ...). */
    public readonly condition: string,
    /** API shape. @internal */
    public readonly _json: Record<string, unknown>,
  ) {}
}

/** The keys of {@link WorkOptions}. @internal */
export const WORK_OPTION_KEYS: readonly string[] = ['manifests', 'objects', 'deleteOption', 'manifestConfigs', 'executor'];
/** The keys {@link ManifestWorkProps} adds to WorkOptions. @internal */
export const MANIFEST_WORK_OWN_KEYS: readonly string[] = ['cluster', 'name'];

/** Per-resource configuration of a work. */
export interface ManifestConfig {
  /** Which resource(s) it applies to. */
  readonly resource: ResourceIdentifier;
  /**
   * Status to report back.
   * @default - none
   */
  readonly feedbackRules?: FeedbackRule[];
  /**
   * How to write the resource.
   * @default - UpdateStrategy.update()
   */
  readonly updateStrategy?: UpdateStrategy;
  /**
   * Conditions the work agent sets from the resource's state, at most one rule per condition.
   * A progressive ManifestWorkReplicaSet needs a `Progressing` rule on at least one resource of
   * its template ({@link ConditionRule.deploymentProgressing}, {@link ConditionRule.progressing},
   * {@link ConditionRule.notProgressing}), or its rollout never leaves the first wave.
   * @default - none
   */
  readonly conditionRules?: ConditionRule[];
}

/** What happens to applied resources when the work is deleted. */
export class DeleteOption {
  /** Delete them, waiting for dependents (the default). */
  public static foreground(): DeleteOption {
    return new DeleteOption({ propagationPolicy: 'Foreground' });
  }
  /** Leave every resource on the spoke. */
  public static orphan(): DeleteOption {
    return new DeleteOption({ propagationPolicy: 'Orphan' });
  }
  /** Leave only the listed resources on the spoke. */
  public static selectivelyOrphan(...resources: ResourceIdentifier[]): DeleteOption {
    resources.forEach((r, i) => requirePlainObject('DeleteOption.selectivelyOrphan', `resources[${i}]`, r));
    if (resources.length === 0) fail('DeleteOption.selectivelyOrphan', 'needs at least one resource to orphan; use DeleteOption.foreground() to delete everything');
    return new DeleteOption({
      propagationPolicy: 'SelectivelyOrphan',
      selectivelyOrphans: { orphaningRules: resources.map((r) => ({ group: r.group ?? '', resource: r.resource, name: r.name, ...(r.namespace ? { namespace: r.namespace } : {}) })) },
    });
  }
  private constructor(/** API shape. @internal */ public readonly _json: Record<string, unknown>) {}
}

/** The identity the work agent uses to apply the manifests. */
export class WorkExecutor {
  /** A service account on the spoke (the agent checks it may write each manifest). */
  public static serviceAccount(namespace: string, name: string): WorkExecutor {
    validateDnsLabel('WorkExecutor.serviceAccount', 'namespace', namespace);
    validateDnsSubdomain('WorkExecutor.serviceAccount', 'name', name);
    return new WorkExecutor({ subject: { type: 'ServiceAccount', serviceAccount: { namespace, name } } });
  }
  private constructor(/** API shape. @internal */ public readonly _json: Record<string, unknown>) {}
}

/** What a work carries and how it is applied (shared by ManifestWork and ManifestWorkReplicaSet). */
export interface WorkOptions {
  /**
   * cdk8s constructs whose objects become the manifests (e.g. a {@link ManifestChart}).
   * @default - none
   */
  readonly manifests?: IConstruct[];
  /**
   * Raw Kubernetes objects (JSON) added as manifests.
   * @default - none
   */
  readonly objects?: Record<string, any>[];
  /**
   * What happens to applied resources when the work is deleted.
   * @default DeleteOption.foreground()
   */
  readonly deleteOption?: DeleteOption;
  /**
   * Per-resource feedback and update strategies.
   * @default - none
   */
  readonly manifestConfigs?: ManifestConfig[];
  /**
   * The identity used to apply.
   * @default - the work agent's own identity
   */
  readonly executor?: WorkExecutor;
}

/**
 * Holds a work's manifests and options and renders a ManifestWorkSpec.
 * @internal
 */
export class WorkContent {
  private readonly constructs: IConstruct[] = [];
  private readonly objects: Record<string, any>[] = [];

  constructor(private readonly subject: string, private readonly options: WorkOptions) {
    this.constructs.push(...requireArray<IConstruct>(subject, 'manifests', options.manifests, '[new ManifestChart(...)]'));
    for (const o of requireArray<Record<string, any>>(subject, 'objects', options.objects, "[{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' } }]")) this.addObject(o);
    for (const c of options.manifestConfigs ?? []) {
      if (!c.resource?.resource || !c.resource?.name) fail(subject, 'a manifestConfig needs resource.resource (plural, e.g. "deployments") and resource.name (or "*")');
      const rules = requireArray<unknown>(subject, 'manifestConfigs[].conditionRules', c.conditionRules);
      const seen = new Set<string>();
      for (const r of rules) {
        if (!(r instanceof ConditionRule)) fail(subject, `conditionRules of resource "${c.resource.resource}/${c.resource.name}" must be ConditionRule values (ConditionRule.progressing(...), ConditionRule.deploymentProgressing(), ...), got ${JSON.stringify(r)?.slice(0, 80)}`);
        if (seen.has(r.condition)) fail(subject, `resource "${c.resource.resource}/${c.resource.name}" has two condition rules for ${r.condition}; the API keeps one rule per condition (conditionRules is a map keyed by condition). Keep one`);
        seen.add(r.condition);
      }
    }
  }

  public addConstructs(cs: IConstruct[]): void {
    this.constructs.push(...cs);
  }

  public addObject(o: Record<string, any>): void {
    if (!o || typeof o !== 'object' || !o.apiVersion || !o.kind || !o.metadata?.name) {
      fail(this.subject, `manifest ${JSON.stringify(o)?.slice(0, 80)} needs apiVersion, kind and metadata.name`);
    }
    this.objects.push(o);
  }

  public manifests(): Record<string, any>[] {
    const all = [...manifestsOf(...this.constructs), ...this.objects];
    if (all.length === 0) fail(this.subject, 'has no manifests; pass `manifests` (cdk8s constructs) or `objects`, or call addManifests()');
    const seen = new Set<string>();
    for (const m of all) {
      const key = `${m.apiVersion}/${m.kind}/${m.metadata?.namespace ?? ''}/${m.metadata?.name}`;
      if (seen.has(key)) fail(this.subject, `carries ${m.kind} "${m.metadata?.namespace ? `${m.metadata.namespace}/` : ''}${m.metadata?.name}" twice; the work agent would apply it twice. Keep one`);
      seen.add(key);
      requireDeliverableObject(this.subject, m, ApiFacts.scope);
    }
    requireManifestWorkSize(this.subject, all);
    return all;
  }

  public render(): Record<string, unknown> {
    const spec: Record<string, unknown> = { workload: { manifests: this.manifests() } };
    if (this.options.deleteOption) spec.deleteOption = this.options.deleteOption._json;
    const mc = this.options.manifestConfigs ?? [];
    if (mc.length > 0) {
      spec.manifestConfigs = mc.map((c) => {
        const o: Record<string, unknown> = {
          resourceIdentifier: { group: c.resource.group ?? '', resource: c.resource.resource, name: c.resource.name, ...(c.resource.namespace ? { namespace: c.resource.namespace } : {}) },
        };
        if (c.feedbackRules?.length) o.feedbackRules = c.feedbackRules.map((f) => f._json);
        if (c.updateStrategy) o.updateStrategy = c.updateStrategy._json;
        if (c.conditionRules?.length) o.conditionRules = c.conditionRules.map((r) => r._json);
        return o;
      });
    }
    if (this.options.executor) spec.executor = this.options.executor._json;
    return spec;
  }
}

/** What ManifestWork and ManifestWorkReplicaSet share: manifests added after construction. */
export abstract class WorkConstruct extends FleetResource {
  /** @internal */
  protected abstract readonly content: WorkContent;

  /** Adds the objects of cdk8s constructs as manifests. */
  public addManifests(...constructs: IConstruct[]): void {
    this.content.addConstructs(constructs);
  }

  /** Adds raw Kubernetes objects as manifests. */
  public addObjects(...objects: Record<string, any>[]): void {
    for (const o of objects) this.content.addObject(o);
  }
}

/** Props of {@link ManifestWork}. */
export interface ManifestWorkProps extends WorkOptions {
  /** The cluster the work is applied to (the work lives in its hub namespace). */
  readonly cluster: IManagedCluster;
  /**
   * The work name.
   * @default - the construct id
   */
  readonly name?: string;
}

/**
 * An OCM ManifestWork (work.open-cluster-management.io/v1) in a cluster's hub namespace: manifests
 * the work agent applies on that one spoke.
 */
export class ManifestWork extends WorkConstruct {
  /** The ManifestWorks declared in the app of `scope`. */
  public static allIn(scope: Construct): readonly ManifestWork[] {
    return FleetRegistry.of(scope).all<ManifestWork>('ManifestWork');
  }

  /** The work name. */
  public readonly name: string;
  /** The target cluster. */
  public readonly cluster: IManagedCluster;
  /** The generated L1 object. */
  public readonly apiObject: l1.ManifestWork;
  /** The hub namespace the object lives in: the cluster's name. */
  public get namespace(): string {
    return this.cluster.name;
  }
  /** @internal */
  protected readonly content: WorkContent;

  constructor(scope: Construct, id: string, props: ManifestWorkProps) {
    super(scope, id);
    requireProps(subjectOf('ManifestWork', id), props, '{ cluster: ManagedCluster.fromName("prod-1"), objects: [...] }');
    requireKnownKeys(subjectOf('ManifestWork', props.name ?? id, typeof props.cluster?.name === 'string' ? props.cluster.name : undefined), 'props', props as unknown as Record<string, unknown>, [...WORK_OPTION_KEYS, ...MANIFEST_WORK_OWN_KEYS]);
    if (typeof props.cluster === 'string') fail(subjectOf('ManifestWork', props.name ?? id), `cluster must be a ManagedCluster, got ${describeValue(props.cluster)}; use ManagedCluster.fromName(${JSON.stringify(props.cluster)}) or the cluster hub.addCluster() returned`);
    this.name = props.name ?? id;
    this.cluster = props.cluster;
    const subject = subjectOf('ManifestWork', this.name, this.cluster?.name);
    if (!this.cluster?.name) fail(subject, 'needs a cluster');
    validateDnsSubdomain(subject, 'name', this.name);
    this.content = new WorkContent(subject, props);
    this.apiObject = l1Object(l1.ManifestWork, this, 'Resource', {
      metadata: { name: this.name, namespace: this.cluster.name },
      spec: Lazy.any({ produce: () => this.content.render() }) as unknown as l1.ManifestWorkSpec,
    });
    FleetRegistry.of(this).register('ManifestWork', this);
  }

}
