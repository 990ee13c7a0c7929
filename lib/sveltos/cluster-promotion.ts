import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { describeValue, fail } from '../core/errors';
import { dnsSubdomainProblem, labelValueProblem } from '../core/names';
import { LabelSelector } from '../core/selector';
import { PROMOTION_NAME_LABEL, PROMOTION_STAGE_ANNOTATION } from '../core/sveltos';
import {
  INT32_MAX, requireArray, requireEnum, requireInstance, requireOptionalBoolean, requireOptionalEnum, requireOptionalInstance,
  requireOptionalInteger, requireProps, requireString,
} from '../core/validate';
import { Duration, PercentOrAbsolute } from '../core/values';
import { FleetResource } from '../core/resource';
import * as l1 from '../imports/config.projectsveltos.io';
import { subjectOf } from '../ocm/_util';
import { ClusterProfile } from './cluster-profile';
import { HelmChart, HelmChartAction } from './helm-chart';
import { IProfile, ProfileKind, ProfileSpecOptions, StopMatchingBehavior, SyncMode } from './profile-base';
import {
  DriftExclusion, KustomizationRef, Patch, PolicyRef, renderHealth, renderSelector, renderTemplateResourceRef,
  TemplateResourceRef, ValidateHealth, validateHealth,
} from './refs';

// Facts: AC:api/v1beta1/clusterpromotion_types.go (HEAD 60c63580) and the stage logic of
// AC:controllers/clusterpromotion_controller.go as shipped up to v1.13.0 (commit 7875a2f3^; since
// 7875a2f3 the open-source build only ships a stub and the logic is in the Sveltos Enterprise build).

/** The recurring window in which an automatic promotion may advance (robfig/cron standard expressions). */
export interface PromotionWindow {
  /** Cron expression (5 fields, or a descriptor such as `@daily`) at which the window opens. */
  readonly from: string;
  /** Cron expression at which the window closes. */
  readonly to: string;
}

/** Gates shared by the automatic and the manual trigger, evaluated once the stage is provisioned. */
export interface PromotionGateOptions {
  /**
   * Time to wait after every ClusterSummary of the stage is Provisioned.
   * @default - no delay
   */
  readonly delay?: Duration;
  /**
   * Manifests deployed to the stage's clusters after the delay (ClusterProfile
   * `preverification-<promotion>-<stage>`, deleted when the stage advances), e.g. a validation Job.
   * @default - none
   */
  readonly preHealthCheckDeployment?: PolicyRef[];
  /**
   * Health checks added to the stage's ClusterProfile after the delay; the stage advances only once
   * its ClusterSummaries are Provisioned with them.
   * @default - none
   */
  readonly postDelayHealthChecks?: ValidateHealth[];
}

/** Options of {@link PromotionTrigger.auto}. */
export interface AutoTriggerOptions extends PromotionGateOptions {
  /**
   * Advance only while this window is open (checked after the delay and the health checks).
   * @default - any time
   */
  readonly promotionWindow?: PromotionWindow;
}

/** Options of {@link PromotionTrigger.manual}. */
export interface ManualTriggerOptions extends PromotionGateOptions {
  /**
   * Set to true (on the hub object) to approve the promotion to the next stage.
   * @default - not approved
   */
  readonly approved?: boolean;
  /**
   * Reset `approved` after promoting, so the next manual stage needs its own approval.
   * @default true
   */
  readonly automaticReset?: boolean;
}

/**
 * What moves a promotion from a stage to the next one, once every ClusterSummary of the stage is
 * Provisioned: `PromotionTrigger.auto({...})` or `PromotionTrigger.manual({...})` (the CRD allows
 * exactly one of them). A stage without trigger advances at once.
 */
export class PromotionTrigger {
  /** Promote automatically: after the delay, the pre-health-check deployment and the health checks, within the window. */
  public static auto(options: AutoTriggerOptions = {}): PromotionTrigger {
    const subject = 'PromotionTrigger.auto';
    const o = requireProps(subject, options, '{ delay: Duration.minutes(30) }', true);
    const gates = validateGates(subject, o);
    if (o.promotionWindow !== undefined) validateWindow(subject, o.promotionWindow);
    return new PromotionTrigger(false, gates, o.promotionWindow ? { from: o.promotionWindow.from, to: o.promotionWindow.to } : undefined, undefined, undefined);
  }

  /** Promote when approved: after the delay, the pre-health-check deployment and the health checks, once `approved` is true. */
  public static manual(options: ManualTriggerOptions = {}): PromotionTrigger {
    const subject = 'PromotionTrigger.manual';
    const o = requireProps(subject, options, '{ approved: false }', true);
    const gates = validateGates(subject, o);
    const approved = requireOptionalBoolean(subject, 'approved', o.approved);
    const automaticReset = requireOptionalBoolean(subject, 'automaticReset', o.automaticReset);
    return new PromotionTrigger(true, gates, undefined, approved, automaticReset);
  }

  private constructor(
    /** True for a manual trigger. */
    public readonly isManual: boolean,
    private readonly gates: Required<Pick<PromotionGateOptions, 'preHealthCheckDeployment' | 'postDelayHealthChecks'>> & { readonly delay?: Duration },
    /** The promotion window (automatic trigger only). */
    public readonly promotionWindow: PromotionWindow | undefined,
    /** Whether the promotion is approved (manual trigger only). */
    public readonly approved: boolean | undefined,
    private readonly automaticReset: boolean | undefined,
  ) {}

  /** The delay after the stage is provisioned, if any. */
  public get delay(): Duration | undefined {
    return this.gates.delay;
  }

  /** Names of the post-delay health checks. */
  public get postDelayHealthCheckNames(): string[] {
    return this.gates.postDelayHealthChecks.map((h) => h.name);
  }

  /** True when a pre-health-check deployment is declared (a `preverification-...` ClusterProfile). */
  public get hasPreHealthCheckDeployment(): boolean {
    return this.gates.preHealthCheckDeployment.length > 0;
  }

  /** The trigger in the generated L1 shape. @internal */
  public _render(): l1.ClusterPromotionSpecStagesTrigger {
    const g = this.gates;
    const common = {
      ...(g.delay ? { delay: g.delay.toString() } : {}),
      ...(g.preHealthCheckDeployment.length ? { preHealthCheckDeployment: g.preHealthCheckDeployment.map((r) => r._render()) as unknown as l1.ClusterPromotionSpecStagesTriggerAutoPreHealthCheckDeployment[] } : {}),
      ...(g.postDelayHealthChecks.length ? { postDelayHealthChecks: g.postDelayHealthChecks.map(renderHealth) as unknown as l1.ClusterPromotionSpecStagesTriggerAutoPostDelayHealthChecks[] } : {}),
    };
    if (this.isManual) {
      return {
        manual: {
          ...(common as unknown as l1.ClusterPromotionSpecStagesTriggerManual),
          ...(this.approved !== undefined ? { approved: this.approved } : {}),
          ...(this.automaticReset !== undefined ? { automaticReset: this.automaticReset } : {}),
        },
      };
    }
    return { auto: { ...common, ...(this.promotionWindow ? { promotionWindow: { ...this.promotionWindow } } : {}) } };
  }
}

function validateGates(subject: string, o: PromotionGateOptions): { delay?: Duration; preHealthCheckDeployment: PolicyRef[]; postDelayHealthChecks: ValidateHealth[] } {
  const delay = requireOptionalInstance(subject, 'delay', o.delay, Duration, 'Duration.minutes(n), Duration.hours(n)');
  const deploy = requireArray<PolicyRef>(subject, 'preHealthCheckDeployment', o.preHealthCheckDeployment, '[PolicyRef.configMap("validation-job")]');
  deploy.forEach((r, i) => requireInstance(subject, `preHealthCheckDeployment[${i}]`, r, PolicyRef, 'PolicyRef.configMap/secret/fluxSource(...)'));
  const checks = requireArray<ValidateHealth>(subject, 'postDelayHealthChecks', o.postDelayHealthChecks);
  const seen = new Set<string>();
  for (const h of checks) {
    validateHealth(subject, h);
    if (seen.has(h.name)) fail(subject, `postDelayHealthChecks "${h.name}" is declared twice; the controller adds the checks to the stage's ClusterProfile by name`);
    seen.add(h.name);
  }
  return { delay, preHealthCheckDeployment: [...deploy], postDelayHealthChecks: [...checks] };
}

/** robfig/cron `ParseStandard` descriptors. */
const CRON_DESCRIPTORS = /^@(yearly|annually|monthly|weekly|daily|midnight|hourly)$|^@every\s+\S+$/;
const CRON_FIELD = /^[0-9A-Za-z*?,/-]+$/;

function cronProblem(expr: string): string | undefined {
  let e = expr.trim();
  const tz = /^(CRON_TZ|TZ)=\S+\s+/.exec(e);
  if (tz) e = e.slice(tz[0].length);
  if (CRON_DESCRIPTORS.test(e)) return undefined;
  const fields = e.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) return `has ${fields.length} field${fields.length === 1 ? '' : 's'}; a standard cron expression has 5 (minute hour day-of-month month day-of-week), e.g. "0 22 * * 1-5", or is a descriptor such as "@daily"`;
  const bad = fields.find((f) => !CRON_FIELD.test(f));
  return bad ? `has field ${JSON.stringify(bad)}, which is not a cron field` : undefined;
}

function validateWindow(subject: string, w: PromotionWindow): void {
  if (!w || typeof w !== 'object' || Array.isArray(w)) fail(subject, `promotionWindow must be { from, to } (cron expressions), got ${describeValue(w)}`);
  for (const k of ['from', 'to'] as const) {
    const v = requireString(subject, `promotionWindow.${k}`, w[k], 'a cron expression such as "0 22 * * 1-5" (the CRD needs at least one character)');
    const p = cronProblem(v);
    // The controller parses both with cron.ParseStandard and, on error, never advances the stage.
    if (p) fail(subject, `promotionWindow.${k} ${JSON.stringify(v)} ${p}; the promotion controller cannot parse it and the stage would never advance`);
  }
}

/** Options of a stage of a {@link ClusterPromotion}. */
export interface PromotionStageOptions {
  /** The stage name, e.g. `qa`, `staging`, `production`. It names the stage's ClusterProfile `<promotion>-<stage>`. */
  readonly name: string;
  /** The clusters the stage deploys to. Must not be empty: Sveltos matches no cluster with an empty selector. */
  readonly clusterSelector: LabelSelector;
  /**
   * What promotes to the next stage once this one is provisioned (ignored on the last stage, which only completes).
   * @default - advance as soon as every ClusterSummary of the stage is Provisioned
   */
  readonly trigger?: PromotionTrigger;
}

/** A stage of a {@link ClusterPromotion}, as added. */
export class PromotionStage {
  /** @internal */
  public static _create(promotion: string, options: PromotionStageOptions, index: number): PromotionStage {
    return new PromotionStage(promotion, options.name, options.clusterSelector, options.trigger, index);
  }

  private constructor(
    private readonly promotion: string,
    /** The stage name. */
    public readonly name: string,
    /** The clusters it deploys to. */
    public readonly clusterSelector: LabelSelector,
    /** What promotes to the next stage, if anything. */
    public readonly trigger: PromotionTrigger | undefined,
    /** Position in the pipeline (0 = first). */
    public readonly index: number,
  ) {}

  /** The ClusterProfile the promotion controller creates for this stage: `<promotion>-<stage>`. */
  public get clusterProfileName(): string {
    return `${this.promotion}-${this.name}`;
  }

  /** The ClusterProfile of the stage's pre-health-check deployment: `preverification-<promotion>-<stage>`. */
  public get preverificationClusterProfileName(): string {
    return `preverification-${this.promotion}-${this.name}`;
  }
}

/** Props of {@link ClusterPromotion}: the stages and the profile spec every stage's ClusterProfile gets. */
export interface ClusterPromotionProps extends ProfileSpecOptions {
  /**
   * The promotion name (also the value of label `config.projectsveltos.io/promotionname` on the ClusterProfiles it creates).
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * The stages, in pipeline order (at least one, added here or with addStage).
   * @default - none yet
   */
  readonly stages?: PromotionStageOptions[];
  /**
   * Keep the stages' ClusterProfiles when the promotion is deleted.
   * @default false
   */
  readonly preserveClusterProfilesOnDelete?: boolean;
}

/**
 * A Sveltos ClusterPromotion (config.projectsveltos.io/v1beta1, cluster-scoped): one profile spec
 * promoted through ordered stages. For the current stage the controller server-side-applies
 * ClusterProfile `<promotion>-<stage>` (the profile spec plus the stage's clusterSelector, label
 * `config.projectsveltos.io/promotionname`), waits until every ClusterSummary of it is Provisioned,
 * then passes the stage's trigger (none: at once; auto: delay, pre-health-check deployment,
 * post-delay health checks, window; manual: the same, then `approved: true`) and moves to the next
 * stage. Earlier stages' ClusterProfiles stay; a change of the profile spec or of the stages'
 * names and selectors restarts from the first stage. The open-source addon-controller runs this
 * logic up to v1.13; from v1.14 it is a Sveltos Enterprise feature (free for two promotions).
 */
export class ClusterPromotion extends FleetResource {
  /** The label the promotion controller puts on every ClusterProfile it creates (value: the promotion name). */
  public static readonly PROMOTION_NAME_LABEL = PROMOTION_NAME_LABEL;
  /** The annotation the promotion controller puts on each stage's ClusterProfile (value: the stage name). */
  public static readonly STAGE_NAME_ANNOTATION = PROMOTION_STAGE_ANNOTATION;

  /** The promotion name. */
  public readonly name: string;
  /** The generated L1 object. */
  public readonly apiObject: l1.ClusterPromotion;
  /** Cluster-scoped: no namespace. */
  public get namespace(): string | undefined {
    return undefined;
  }
  /** The sync mode of the stages' ClusterProfiles. */
  public readonly syncMode: SyncMode;
  /** The tier of the stages' ClusterProfiles. */
  public readonly tier: number;
  private readonly subject: string;
  private readonly props: ClusterPromotionProps;
  private readonly _stages: PromotionStage[] = [];
  private readonly _helmCharts: HelmChart[] = [];
  private readonly _policyRefs: PolicyRef[] = [];
  private readonly _kustomizationRefs: KustomizationRef[] = [];
  private readonly _dependsOn: IProfile[] = [];
  private readonly _validateHealths: ValidateHealth[] = [];
  private readonly _templateResourceRefs: TemplateResourceRef[];
  private readonly _patches: Patch[];
  private readonly _driftExclusions: DriftExclusion[];
  private readonly maxUpdate?: PercentOrAbsolute;

  constructor(scope: Construct, id: string, props: ClusterPromotionProps = {}) {
    super(scope, id);
    props = requireProps(`ClusterPromotion "${id}"`, props, '{ stages: [{ name: "qa", clusterSelector: LabelSelector.matchLabels({ env: "qa" }) }], helmCharts: [...] }', true);
    this.props = props;
    this.name = props.name ?? id;
    const subject = this.subject = subjectOf('ClusterPromotion', this.name);
    requireString(subject, 'name', this.name);
    const nameProblem = dnsSubdomainProblem(this.name) ?? labelValueProblem(this.name);
    // The name is the object name and the value of label config.projectsveltos.io/promotionname.
    if (nameProblem) fail(subject, `name ${JSON.stringify(this.name)} is invalid: it ${nameProblem}; it names the object and is the value of label ${PROMOTION_NAME_LABEL} on every stage's ClusterProfile`);

    this.syncMode = requireOptionalEnum(subject, 'syncMode', props.syncMode, SyncMode, 'SyncMode') ?? SyncMode.CONTINUOUS;
    requireOptionalEnum(subject, 'stopMatchingBehavior', props.stopMatchingBehavior, StopMatchingBehavior, 'StopMatchingBehavior');
    // CRD: profileSpec.tier int32, minimum 1, default 100.
    this.tier = requireOptionalInteger(subject, 'tier', props.tier, { min: 1, max: INT32_MAX }) ?? 100;
    requireOptionalBoolean(subject, 'continueOnConflict', props.continueOnConflict);
    requireOptionalBoolean(subject, 'continueOnError', props.continueOnError);
    requireOptionalBoolean(subject, 'reloader', props.reloader);
    requireOptionalBoolean(subject, 'preserveClusterProfilesOnDelete', props.preserveClusterProfilesOnDelete);
    const mu = requireOptionalInstance(subject, 'maxUpdate', props.maxUpdate, PercentOrAbsolute, 'PercentOrAbsolute.count(n), PercentOrAbsolute.percent(n)');
    if (mu && !mu.isPercent && (mu.amount === 0 || mu.amount > INT32_MAX)) {
      fail(subject, `maxUpdate ${mu.amount} is not usable: 0 means "no limit" to Sveltos and the API takes at most ${INT32_MAX}; omit maxUpdate for no limit, or use a count from 1 or a percentage`);
    }
    this.maxUpdate = mu;
    for (const s of requireArray<PromotionStageOptions>(subject, 'stages', props.stages, '[{ name: "qa", clusterSelector: ... }]')) this.addStage(s);
    for (const h of requireArray<HelmChart>(subject, 'helmCharts', props.helmCharts)) this.addHelmChart(h);
    for (const r of requireArray<PolicyRef>(subject, 'policyRefs', props.policyRefs)) this.addPolicyRef(r);
    for (const r of requireArray<KustomizationRef>(subject, 'kustomizationRefs', props.kustomizationRefs)) this.addKustomizationRef(r);
    for (const d of requireArray<IProfile>(subject, 'dependsOn', props.dependsOn)) this.addDependsOn(d);
    for (const h of requireArray<ValidateHealth>(subject, 'validateHealths', props.validateHealths)) {
      validateHealth(subject, h);
      if (this._validateHealths.some((x) => x.name === h.name)) fail(subject, `validateHealths "${h.name}" is declared twice`);
      this._validateHealths.push(h);
    }
    this._templateResourceRefs = [...requireArray<TemplateResourceRef>(subject, 'templateResourceRefs', props.templateResourceRefs)];
    for (const r of this._templateResourceRefs) {
      if (!r || typeof r !== 'object' || !r.identifier || !r.apiVersion || !r.kind || !r.name) fail(subject, `a templateResourceRef is { identifier, apiVersion, kind, name, namespace? }, got ${describeValue(r)}`);
    }
    if (new Set(this._templateResourceRefs.map((r) => r.identifier)).size !== this._templateResourceRefs.length) fail(subject, 'templateResourceRefs identifiers must be unique (they key .MgmtResources)');
    this._patches = [...requireArray<Patch>(subject, 'patches', props.patches)];
    for (const p of this._patches) if (!p || typeof p !== 'object' || typeof p.patch !== 'string' || !p.patch.trim()) fail(subject, `a patch needs patch text, got ${describeValue(p)}`);
    this._driftExclusions = [...requireArray<DriftExclusion>(subject, 'driftExclusions', props.driftExclusions)];
    if (this._driftExclusions.length && this.syncMode !== SyncMode.CONTINUOUS_WITH_DRIFT_DETECTION) {
      fail(subject, `driftExclusions only apply with syncMode ContinuousWithDriftDetection, but syncMode is ${this.syncMode}; set syncMode: SyncMode.CONTINUOUS_WITH_DRIFT_DETECTION or drop them`);
    }
    for (const d of this._driftExclusions) {
      if (!d || typeof d !== 'object' || !Array.isArray(d.paths) || d.paths.length === 0 || d.paths.some((p) => typeof p !== 'string' || !p.startsWith('/'))) {
        fail(subject, `a drift exclusion is { paths: ["/spec/replicas"], target? } with JSON6902 paths, got ${describeValue(d)}`);
      }
    }

    this.apiObject = new l1.ClusterPromotion(this, 'Resource', {
      metadata: { name: this.name },
      spec: Lazy.any({ produce: () => this._renderSpec() }) as unknown as l1.ClusterPromotionSpec,
    });
    this.node.addValidation({ validate: () => this.validatePromotion() });
  }

  /** The stages, in pipeline order (a copy). */
  public get stages(): PromotionStage[] {
    return [...this._stages];
  }

  /** Adds a stage at the end of the pipeline and returns it. */
  public addStage(options: PromotionStageOptions): PromotionStage {
    const o = requireProps(this.subject, options, '{ name: "prod", clusterSelector: LabelSelector.matchLabels({ env: "prod" }) }');
    const name = requireString(this.subject, 'stage name', o.name, 'e.g. "qa"');
    if (this._stages.some((s) => s.name === name)) fail(this.subject, `stage "${name}" is declared twice; stage names are the list-map key of spec.stages (the API server rejects duplicates) and name the stage's ClusterProfile`);
    const profileName = `${this.name}-${name}`;
    // The stage's ClusterProfile name is also the value of label projectsveltos.io/cluster-profile-name on its ClusterSummaries.
    const p = dnsSubdomainProblem(profileName) ?? labelValueProblem(profileName);
    if (p) fail(this.subject, `stage "${name}" names ClusterProfile "${profileName}", which ${p}; the controller could not create it (and the name is a label value on its ClusterSummaries, 63 characters at most). Use a short lower-case stage name`);
    const selector = requireInstance(this.subject, `stage "${name}" clusterSelector`, o.clusterSelector, LabelSelector, 'LabelSelector.matchLabels({...}), LabelSelector.expressions(...)');
    if (selector.isEmpty) {
      fail(this.subject, `stage "${name}" has an empty clusterSelector: Sveltos matches no cluster with an empty selector, so the stage would deploy nowhere and be promoted at once. Select on a label, e.g. LabelSelector.matchLabels({ env: "${name}" })`);
    }
    selector.validate(this.subject, `stage "${name}" clusterSelector`);
    const trigger = requireOptionalInstance(this.subject, `stage "${name}" trigger`, o.trigger, PromotionTrigger, 'PromotionTrigger.auto({...}), PromotionTrigger.manual({...})');
    if (trigger) {
      const clash = trigger.postDelayHealthCheckNames.find((n) => this._validateHealths.some((h) => h.name === n) || (this.props.validateHealths ?? []).some((h) => h?.name === n));
      // postDelayChecksAlreadyIncluded compares by name: a same-named check is never added.
      if (clash) fail(this.subject, `stage "${name}" post-delay health check "${clash}" has the name of a validateHealths entry; the controller adds post-delay checks by name and would skip it. Rename it`);
      if (trigger.hasPreHealthCheckDeployment) {
        const pre = `preverification-${profileName}`;
        const pp = dnsSubdomainProblem(pre) ?? labelValueProblem(pre);
        if (pp) fail(this.subject, `stage "${name}" has a preHealthCheckDeployment, deployed by ClusterProfile "${pre}", which ${pp}; shorten the promotion or stage name`);
      }
    }
    const stage = PromotionStage._create(this.name, { name, clusterSelector: selector, trigger }, this._stages.length);
    this._stages.push(stage);
    return stage;
  }

  /** Adds a Helm chart to the profile spec and returns it. */
  public addHelmChart(chart: HelmChart): HelmChart {
    requireInstance(this.subject, 'helmCharts entry', chart, HelmChart, 'HelmChart.fromRepository(...)');
    if (this._helmCharts.some((h) => h.release === chart.release)) fail(this.subject, `deploys Helm release ${chart.release} twice; keep one HelmChart per release`);
    this._helmCharts.push(chart);
    return chart;
  }

  /** Adds a policyRef to the profile spec and returns it. */
  public addPolicyRef(ref: PolicyRef): PolicyRef {
    requireInstance(this.subject, 'policyRefs entry', ref, PolicyRef, 'PolicyRef.configMap/secret/fluxSource(...)');
    this._policyRefs.push(ref);
    return ref;
  }

  /** Adds a kustomizationRef to the profile spec and returns it. */
  public addKustomizationRef(ref: KustomizationRef): KustomizationRef {
    requireInstance(this.subject, 'kustomizationRefs entry', ref, KustomizationRef, 'KustomizationRef.fromSource(...)');
    this._kustomizationRefs.push(ref);
    return ref;
  }

  /** Adds a prerequisite ClusterProfile (stages are ClusterProfiles, which only depend on ClusterProfiles) and returns it. */
  public addDependsOn(profile: IProfile): IProfile {
    if (!profile || typeof profile !== 'object' || !profile.name || !profile.profileKind) {
      fail(this.subject, `dependsOn takes ClusterProfile constructs (or ClusterProfile.fromName), got ${describeValue(profile)}`);
    }
    requireEnum(this.subject, 'dependsOn profileKind', profile.profileKind, ProfileKind, 'ProfileKind');
    if (profile.profileKind !== ProfileKind.CLUSTER_PROFILE) {
      fail(this.subject, `cannot depend on ${subjectOf(profile.profileKind, profile.name, profile.namespace)}: each stage is a ClusterProfile, and a ClusterProfile can only depend on ClusterProfiles`);
    }
    if (!this._dependsOn.some((d) => d.name === profile.name)) this._dependsOn.push(profile);
    return profile;
  }

  /** The spec in the generated L1 shape. @internal */
  public _renderSpec(): l1.ClusterPromotionSpec {
    const p = this.props;
    const spec: { -readonly [K in keyof l1.ClusterPromotionSpecProfileSpec]: l1.ClusterPromotionSpecProfileSpec[K] } = {};
    spec.syncMode = this.syncMode as unknown as l1.ClusterPromotionSpecProfileSpecSyncMode;
    if (p.tier !== undefined) spec.tier = this.tier;
    if (p.continueOnConflict) spec.continueOnConflict = true;
    if (p.continueOnError) spec.continueOnError = true;
    if (this.maxUpdate) {
      spec.maxUpdate = typeof this.maxUpdate.value === 'number'
        ? l1.ClusterPromotionSpecProfileSpecMaxUpdate.fromNumber(this.maxUpdate.value)
        : l1.ClusterPromotionSpecProfileSpecMaxUpdate.fromString(this.maxUpdate.value);
    }
    if (p.stopMatchingBehavior) spec.stopMatchingBehavior = p.stopMatchingBehavior as unknown as l1.ClusterPromotionSpecProfileSpecStopMatchingBehavior;
    if (p.reloader) spec.reloader = true;
    if (this._dependsOn.length) spec.dependsOn = this._dependsOn.map((d) => d.name);
    if (this._helmCharts.length) spec.helmCharts = this._helmCharts.map((h) => h._render()) as unknown as l1.ClusterPromotionSpecProfileSpecHelmCharts[];
    if (this._policyRefs.length) spec.policyRefs = this._policyRefs.map((r) => r._render()) as unknown as l1.ClusterPromotionSpecProfileSpecPolicyRefs[];
    if (this._kustomizationRefs.length) spec.kustomizationRefs = this._kustomizationRefs.map((r) => r._render()) as unknown as l1.ClusterPromotionSpecProfileSpecKustomizationRefs[];
    if (this._templateResourceRefs.length) spec.templateResourceRefs = this._templateResourceRefs.map(renderTemplateResourceRef) as unknown as l1.ClusterPromotionSpecProfileSpecTemplateResourceRefs[];
    if (this._validateHealths.length) spec.validateHealths = this._validateHealths.map(renderHealth) as unknown as l1.ClusterPromotionSpecProfileSpecValidateHealths[];
    if (this._patches.length) spec.patches = this._patches.map((x) => ({ patch: x.patch, ...(renderSelector(x.target) ? { target: renderSelector(x.target) } : {}) }));
    if (this._driftExclusions.length) {
      spec.driftExclusions = this._driftExclusions.map((d) => ({ paths: [...d.paths], ...(renderSelector(d.target) ? { target: renderSelector(d.target) as l1.ClusterPromotionSpecProfileSpecDriftExclusionsTarget } : {}) }));
    }
    return {
      profileSpec: spec,
      stages: this._stages.map((s) => ({
        name: s.name,
        clusterSelector: s.clusterSelector.toJson() as l1.ClusterPromotionSpecStagesClusterSelector,
        ...(s.trigger ? { trigger: s.trigger._render() } : {}),
      })),
      ...(p.preserveClusterProfilesOnDelete ? { preserveClusterProfilesOnDelete: true } : {}),
    };
  }

  private validatePromotion(): string[] {
    const problems: string[] = [];
    // CRD: spec.stages minItems 1.
    if (this._stages.length === 0) problems.push(`${this.subject}: has no stage; add at least one with addStage({ name, clusterSelector }) (the CRD needs one)`);
    const declared = new Map(ClusterProfile.allIn(this).map((c) => [c.name, c]));
    for (const s of this._stages) {
      for (const name of [s.clusterProfileName, ...(s.trigger?.hasPreHealthCheckDeployment ? [s.preverificationClusterProfileName] : [])]) {
        const twin = declared.get(name);
        if (twin) problems.push(`${this.subject}: stage "${s.name}" creates ClusterProfile "${name}", which ${twin.node.path} also declares; the promotion controller server-side-applies its own spec over it (with force) and GitOps puts yours back. Rename the stage or the ClusterProfile`);
      }
    }
    for (const h of this._helmCharts) {
      if (h.action === HelmChartAction.UNINSTALL && this._stages.length > 1) {
        problems.push(`${this.subject}: Helm chart ${h.release} has action Uninstall, which every stage's ClusterProfile would perform in turn; use a ClusterProfile to uninstall`);
      }
    }
    return problems;
  }
}
