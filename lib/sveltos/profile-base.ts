import { ApiObject, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { fail } from '../core/errors';
import { validateDnsLabel, validateDnsSubdomain, validateLabels } from '../core/names';
import { asSelector, LabelSelector } from '../core/selector';
import { requireKnownKeys, requireOptionalBoolean } from '../core/validate';
import { PercentOrAbsolute } from '../core/values';
import * as l1 from '../imports/config.projectsveltos.io';
import { FleetRegistry } from '../ocm/_registry';
import { manifestsOf, subjectOf } from '../ocm/_util';
import { SVELTOS_SECRET_TYPE, SVELTOS_TEMPLATE_ANNOTATION } from '../core/sveltos';
import { FleetResource } from '../core/resource';
import { show } from './_show';
import { describeForeign, escapeAction, foreignTemplateActions } from './_template';
import { hasSveltosTemplate, sveltosYaml } from './_yaml';
import { IClusterRef, renderClusterRef, validateClusterRef } from './cluster-ref';
import { ISveltosSet, SetKind } from './cluster-set';
import { HelmChart } from './helm-chart';
import {
  DeploymentType, DriftExclusion, KustomizationRef, Patch, PolicyRef, renderHealth, renderSelector,
  renderTemplateResourceRef, TemplateResourceRef, ValidateHealth, validateHealth,
} from './refs';

/** How a profile keeps clusters in sync. */
export enum SyncMode {
  /** Deploy once; later profile changes never reach clusters already matched. */
  ONE_TIME = 'OneTime',
  /** Re-apply on every profile change (the default). */
  CONTINUOUS = 'Continuous',
  /** Continuous, plus a drift-detection manager that re-syncs resources changed on the cluster. */
  CONTINUOUS_WITH_DRIFT_DETECTION = 'ContinuousWithDriftDetection',
  /** Change nothing; report per cluster what would change (ClusterReport). */
  DRY_RUN = 'DryRun',
}

/** What happens to deployed add-ons when a cluster stops matching (or the profile is deleted). */
export enum StopMatchingBehavior {
  /** Remove them (the default). */
  WITHDRAW_POLICIES = 'WithdrawPolicies',
  /** Leave them on the cluster (also when the profile itself is deleted). */
  LEAVE_POLICIES = 'LeavePolicies',
}

/** The two Sveltos profile kinds. */
export enum ProfileKind {
  /** Cluster-scoped; reaches clusters in every namespace. */
  CLUSTER_PROFILE = 'ClusterProfile',
  /** Namespaced; reaches only clusters in its namespace. */
  PROFILE = 'Profile',
}

/** A Sveltos profile as others reference it (dependsOn); implemented by owned and imported profiles. */
export interface IProfile {
  /** The profile name. */
  readonly name: string;
  /** The namespace (Profile only). */
  readonly namespace?: string;
  /** ClusterProfile or Profile. */
  readonly profileKind: ProfileKind;
}

/** A SveltosCluster a profile reaches, as the library predicts it from the app's declarations. */
export interface ReachedCluster {
  /** The SveltosCluster namespace. */
  readonly namespace: string;
  /** The SveltosCluster name. */
  readonly name: string;
  /**
   * The declared ManagedCluster behind it.
   * @default - unknown (a cluster referenced by name only)
   */
  readonly managedCluster?: string;
  /** How the SveltosCluster gets there (a registration chain, a declared SveltosCluster, ...). */
  readonly via: string;
}

/** Options of {@link ProfileBase.addManifestsWithOptions}. */
export interface AddManifestsOptions {
  /** cdk8s constructs (e.g. a `ManifestChart`, cdk8s-plus objects, our own L2s) whose objects are deployed. */
  readonly manifests: IConstruct[];
  /**
   * Name of the ConfigMap holding them.
   * @default - `<profile>-manifests`, then `<profile>-manifests-2`, ...
   */
  readonly name?: string;
  /**
   * Mark the content as a Sveltos template (annotation `projectsveltos.io/template`), so
   * `{{ .Cluster.metadata.name }}` and friends are instantiated per cluster. Any other `{{` in the
   * content (e.g. Prometheus alert text) must then be escaped as `{{ "{{" }}`.
   * @default - true when the content holds a Sveltos template expression (`.Cluster`, `.MgmtResources`, getResource, ...)
   */
  readonly template?: boolean;
  /**
   * Priority of this reference against other references of the profile producing the same object.
   * @default 100
   */
  readonly tier?: number;
  /**
   * Where the objects are applied.
   * @default DeploymentType.REMOTE
   */
  readonly deploymentType?: DeploymentType;
}

const PROFILE_KEYS = ['clusterSelector', 'clusterRefs', 'setRefs', 'helmCharts', 'policyRefs', 'kustomizationRefs', 'syncMode', 'tier', 'continueOnConflict', 'continueOnError',
  'dependsOn', 'maxUpdate', 'stopMatchingBehavior', 'driftExclusions', 'validateHealths', 'templateResourceRefs', 'patches', 'reloader', 'labels'];

/**
 * What a Sveltos profile deploys and how: shared by {@link ClusterProfile}, {@link Profile} and
 * the profile spec of a {@link ClusterPromotion}.
 */
export interface ProfileSpecOptions {
  /**
   * Helm charts, deployed in order.
   * @default - none
   */
  readonly helmCharts?: HelmChart[];
  /**
   * Manifests in ConfigMaps, Secrets or Flux sources, deployed in order.
   * @default - none
   */
  readonly policyRefs?: PolicyRef[];
  /**
   * Kustomizations, deployed in order.
   * @default - none
   */
  readonly kustomizationRefs?: KustomizationRef[];
  /**
   * How clusters are kept in sync.
   * @default SyncMode.CONTINUOUS
   */
  readonly syncMode?: SyncMode;
  /**
   * Priority when two profiles deploy the same resource or Helm release to a cluster: lower wins;
   * with equal tiers the first to arrive keeps it.
   * @default 100
   */
  readonly tier?: number;
  /**
   * Keep deploying the rest of the profile after a conflict.
   * @default false
   */
  readonly continueOnConflict?: boolean;
  /**
   * Keep deploying the rest of the profile after an error.
   * @default false
   */
  readonly continueOnError?: boolean;
  /**
   * Profiles that must be provisioned on a cluster before this one deploys there (of the same kind;
   * for a Profile, in the same namespace). Sveltos also deploys them to every cluster this one reaches.
   * @default - none
   */
  readonly dependsOn?: IProfile[];
  /**
   * At most this many (or this share of) matching clusters are updated at once. Omit it for no
   * limit (a count of 0 is rejected: Sveltos reads 0 as "no limit" too).
   * @default - no limit
   */
  readonly maxUpdate?: PercentOrAbsolute;
  /**
   * What happens to deployed add-ons when a cluster stops matching.
   * @default StopMatchingBehavior.WITHDRAW_POLICIES
   */
  readonly stopMatchingBehavior?: StopMatchingBehavior;
  /**
   * Paths drift detection ignores; only with SyncMode.CONTINUOUS_WITH_DRIFT_DETECTION.
   * @default - none
   */
  readonly driftExclusions?: DriftExclusion[];
  /**
   * Checks run on the cluster after deploying; the profile is not provisioned until they pass.
   * @default - none
   */
  readonly validateHealths?: ValidateHealth[];
  /**
   * Management-cluster objects exposed to templates as `.MgmtResources.<identifier>`.
   * @default - none
   */
  readonly templateResourceRefs?: TemplateResourceRef[];
  /**
   * Post-render patches applied to every deployed resource they target.
   * @default - none
   */
  readonly patches?: Patch[];
  /**
   * Rolling-restart Deployments, StatefulSets and DaemonSets of this profile when a mounted
   * ConfigMap or Secret changes.
   * @default false
   */
  readonly reloader?: boolean;
}

/** Props shared by {@link ClusterProfile} and {@link Profile}. */
export interface ProfileOptions extends ProfileSpecOptions {
  /**
   * Clusters by label. Must not be empty: Sveltos matches no cluster with an empty selector.
   * @default - no selector (only clusterRefs, setRefs and dependents reach clusters)
   */
  readonly clusterSelector?: LabelSelector;
  /**
   * Clusters by reference (matched without label checks, once ready).
   * @default - none
   */
  readonly clusterRefs?: IClusterRef[];
  /**
   * ClusterSets (ClusterProfile) or Sets in the same namespace (Profile) whose selected clusters are reached.
   * @default - none
   */
  readonly setRefs?: ISveltosSet[];
  /**
   * Labels of the profile object (copied onto its ClusterSummaries).
   * @default - none
   */
  readonly labels?: Record<string, string>;
}

const CONFIGMAP_LIMIT = 1024 * 1024;

interface ManifestSet {
  readonly name: string;
  readonly constructs: IConstruct[];
  readonly template?: boolean;
  readonly configMap: ApiObject;
}

/**
 * What ClusterProfile and Profile share (one Go Spec type upstream). Not used directly.
 */
export abstract class ProfileBase extends FleetResource implements IProfile {
  /** The profile name. */
  public readonly name: string;
  /** The namespace (Profile only). */
  public readonly namespace?: string;
  /** ClusterProfile or Profile. */
  public readonly profileKind: ProfileKind;
  /** The sync mode. */
  public readonly syncMode: SyncMode;
  /** The tier (lower wins). */
  public readonly tier: number;
  /** The rollout limit, if any. */
  public readonly maxUpdate?: PercentOrAbsolute;
  /** What happens when a cluster stops matching. */
  public readonly stopMatchingBehavior: StopMatchingBehavior;
  /** The generated L1 object. */
  public abstract readonly apiObject: ApiObject;
  /** `ClusterProfile "name"` or `Profile "namespace/name"`, for messages. @internal */
  public readonly subject: string;
  private readonly props: ProfileOptions;
  private readonly selector?: LabelSelector;
  private readonly manifestsNamespace: string;
  private readonly clusterRefItems: IClusterRef[] = [];
  private readonly _setRefs: ISveltosSet[] = [];
  private readonly _helmCharts: HelmChart[] = [];
  private readonly _policyRefs: PolicyRef[] = [];
  private readonly _kustomizationRefs: KustomizationRef[] = [];
  private readonly _dependsOn: IProfile[] = [];
  private readonly _driftExclusions: DriftExclusion[] = [];
  private readonly _validateHealths: ValidateHealth[] = [];
  private readonly _templateResourceRefs: TemplateResourceRef[] = [];
  private readonly _patches: Patch[] = [];
  private readonly _manifests: ManifestSet[] = [];

  /** @internal */
  protected constructor(scope: Construct, id: string, kind: ProfileKind, name: string, namespace: string | undefined, manifestsNamespace: string, props: ProfileOptions) {
    super(scope, id);
    this.name = name;
    this.namespace = namespace;
    this.profileKind = kind;
    this.props = props;
    const subject = this.subject = subjectOf(kind, name, namespace);
    validateDnsSubdomain(subject, 'name', name);
    if (name.length > 63) fail(subject, `name is ${name.length} characters; Sveltos writes the profile name as a label value (on its ClusterSummaries and ClusterReports), so at most 63. Use a shorter name`);
    if (kind === ProfileKind.PROFILE) validateDnsLabel(subject, 'namespace', namespace as string);
    const key = `${kind}/${namespace ?? ''}/${name}`;
    if (FleetRegistry.of(scope).withKey('SveltosProfile', key).length > 0) {
      fail(subject, `is declared twice in this app (two ${kind}s with the same ${namespace === undefined ? '' : 'namespace and '}name would overwrite each other); give one another name`);
    }
    requireKnownKeys(subject, 'props', props as unknown as Record<string, unknown>, [...PROFILE_KEYS, 'name', kind === ProfileKind.PROFILE ? 'namespace' : 'manifestsNamespace']);
    requireOptionalBoolean(subject, 'continueOnConflict', props.continueOnConflict);
    requireOptionalBoolean(subject, 'continueOnError', props.continueOnError);
    requireOptionalBoolean(subject, 'reloader', props.reloader);
    validateDnsLabel(subject, 'manifests namespace', manifestsNamespace);
    this.manifestsNamespace = manifestsNamespace;
    validateLabels(subject, props.labels);

    this.syncMode = props.syncMode ?? SyncMode.CONTINUOUS;
    if (!Object.values(SyncMode).includes(this.syncMode)) {
      fail(subject, `syncMode ${JSON.stringify(this.syncMode)} is invalid; allowed: ${Object.values(SyncMode).join(', ')}`);
    }
    this.stopMatchingBehavior = props.stopMatchingBehavior ?? StopMatchingBehavior.WITHDRAW_POLICIES;
    if (!Object.values(StopMatchingBehavior).includes(this.stopMatchingBehavior)) {
      fail(subject, `stopMatchingBehavior ${JSON.stringify(this.stopMatchingBehavior)} is invalid; allowed: ${Object.values(StopMatchingBehavior).join(', ')}`);
    }
    this.tier = props.tier ?? 100;
    if (!Number.isInteger(this.tier) || this.tier < 1 || this.tier > 2147483647) {
      fail(subject, `tier ${props.tier} is invalid; use a whole number >= 1 (lower wins; default 100)`);
    }
    if (props.maxUpdate !== undefined) {
      const mu = props.maxUpdate as unknown;
      // PercentOrAbsolute already limits percentages to 1..100% and counts to whole numbers >= 0
      if (!(mu instanceof PercentOrAbsolute)) {
        fail(subject, `maxUpdate ${JSON.stringify(mu)} is invalid; use PercentOrAbsolute.count(n) (n >= 1) or PercentOrAbsolute.percent(n) (1 to 100), or omit maxUpdate for no limit`);
      }
      if (!mu.isPercent && mu.amount === 0) {
        fail(subject, 'maxUpdate is PercentOrAbsolute.count(0), which Sveltos reads as "no limit" (every matching cluster at once), not as "update none"; omit maxUpdate for no limit, or use a count >= 1 or a percentage');
      }
      if (!mu.isPercent && mu.amount > 2147483647) {
        fail(subject, `maxUpdate ${mu.amount} is above 2147483647, the largest count the API accepts; use a percentage such as PercentOrAbsolute.percent(100), or omit maxUpdate for no limit`);
      }
      this.maxUpdate = mu;
    }
    const clusterSelector = asSelector(subject, 'clusterSelector', props.clusterSelector);
    if (clusterSelector) {
      if (clusterSelector.isEmpty) {
        fail(subject, 'clusterSelector is empty, and Sveltos matches no cluster with an empty selector (unlike Kubernetes). Select on a label, e.g. LabelSelector.matchLabels({ env: "production" }); to reach every ready cluster use LabelSelector.exists("projectsveltos.io/k8s-version"), which Sveltos puts on each one');
      }
      clusterSelector.validate(subject, 'clusterSelector');
      this.selector = clusterSelector;
    }
    const list = <T>(what: string, v: T[] | undefined): T[] => {
      if (v !== undefined && !Array.isArray(v)) fail(subject, `${what} must be a list, got ${show(v)}; wrap it in [ ]`);
      return v ?? [];
    };
    for (const r of list('clusterRefs', props.clusterRefs)) this.addClusterRef(r);
    for (const s of list('setRefs', props.setRefs)) this.addSetRef(s);
    for (const h of list('helmCharts', props.helmCharts)) this.addHelmChart(h);
    for (const p of list('policyRefs', props.policyRefs)) this.addPolicyRef(p);
    for (const k of list('kustomizationRefs', props.kustomizationRefs)) this.addKustomizationRef(k);
    for (const d of list('dependsOn', props.dependsOn)) this.addDependsOn(d);
    for (const d of list('driftExclusions', props.driftExclusions)) this.addDriftExclusion(d);
    for (const v of list('validateHealths', props.validateHealths)) this.addValidateHealth(v);
    for (const t of list('templateResourceRefs', props.templateResourceRefs)) this.addTemplateResourceRef(t);
    for (const p of list('patches', props.patches)) this.addPatch(p);

    FleetRegistry.of(this).register('SveltosProfile', this, key);
    this.node.addValidation({ validate: () => this.validateManifests() });
  }

  /** The clusterSelector, if any. */
  public get clusterSelector(): LabelSelector | undefined {
    return this.selector;
  }

  /** The cluster references (a copy). */
  public get clusterRefs(): IClusterRef[] {
    return [...this.clusterRefItems];
  }

  /** The set references (a copy). */
  public get setRefs(): ISveltosSet[] {
    return [...this._setRefs];
  }

  /** The Helm charts (a copy). */
  public get helmCharts(): HelmChart[] {
    return [...this._helmCharts];
  }

  /** The prerequisites (a copy). */
  public get dependsOn(): IProfile[] {
    return [...this._dependsOn];
  }

  /** Whether this profile changes clusters (false in DryRun). */
  public get deploys(): boolean {
    return this.syncMode !== SyncMode.DRY_RUN;
  }

  /**
   * The SveltosClusters this profile reaches, predicted from the app's declarations (SveltosClusters
   * and registration chains): selector matches (in the Profile's namespace for a Profile), clusterRefs,
   * the clusters its sets pick, and the clusters of the profiles that depend on it (Sveltos deploys
   * prerequisites there too). Call it after everything is declared.
   */
  public reachedClusters(): ReachedCluster[] {
    const model = FleetRegistry.of(this).model(this.node.root);
    if (!model) fail(this.subject, 'reachedClusters() needs the fleet model: import cdk-fleet (its fleet layer plans the app)');
    return model.reachedSveltosClusters(this.profileKind, this.profileKind === ProfileKind.PROFILE ? this.namespace : undefined, this.name);
  }

  /** Adds a cluster by reference. */
  public addClusterRef(ref: IClusterRef): void {
    validateClusterRef(this.subject, ref);
    if (this.profileKind === ProfileKind.PROFILE && ref.namespace !== this.namespace) {
      fail(this.subject, `clusterRef ${ref.clusterKind} "${ref.namespace}/${ref.name}" is outside the Profile's namespace "${this.namespace}"; a Profile only reaches clusters in its own namespace (Sveltos rewrites the reference to "${this.namespace}/${ref.name}"). Use a ClusterProfile, or a cluster in "${this.namespace}"`);
    }
    if (!this.clusterRefItems.some((r) => r.namespace === ref.namespace && r.name === ref.name && r.clusterKind === ref.clusterKind)) this.clusterRefItems.push(ref);
  }

  /** Adds a ClusterSet (ClusterProfile) or a Set in the same namespace (Profile). */
  public addSetRef(set: ISveltosSet): void {
    const want = this.profileKind === ProfileKind.CLUSTER_PROFILE ? SetKind.CLUSTER_SET : SetKind.SET;
    if (!set || typeof set !== 'object' || !set.name || !set.setKind) {
      const named = typeof set === 'string' ? (set as string) : typeof (set as { name?: unknown } | undefined)?.name === 'string' ? (set as { name: string }).name : 'name';
      const how = want === SetKind.CLUSTER_SET ? `ClusterSet.fromName(${JSON.stringify(named)})` : `Set.fromName(${JSON.stringify(this.namespace)}, ${JSON.stringify(named)})`;
      fail(this.subject, `setRefs takes ${want} constructs or references, got ${show(set)}; for a ${want} declared elsewhere use ${how}`);
    }
    if (set.setKind !== want) {
      fail(this.subject, `setRef ${set.setKind} "${set.namespace ? `${set.namespace}/` : ''}${set.name}" is not a ${want}; a ${this.profileKind} references ${want}s only`);
    }
    if (this.profileKind === ProfileKind.PROFILE && set.namespace !== this.namespace) {
      fail(this.subject, `setRef Set "${set.namespace}/${set.name}" is outside the Profile's namespace "${this.namespace}"; Sveltos looks the name up in "${this.namespace}". Use a Set in "${this.namespace}", or a ClusterProfile with a ClusterSet`);
    }
    if (!this._setRefs.some((s) => s.name === set.name)) this._setRefs.push(set);
  }

  /** Adds Helm charts (deployed in order). */
  public addHelmChart(...charts: HelmChart[]): void {
    for (const c of charts) {
      if (!(c instanceof HelmChart)) fail(this.subject, `helmCharts entries must be HelmChart.fromRepository(...), got ${show(c)}`);
      if (this._helmCharts.some((h) => h.release === c.release)) {
        fail(this.subject, `deploys Helm release ${c.release} twice; keep one HelmChart per release`);
      }
      if (this.profileKind === ProfileKind.PROFILE) {
        for (const v of c.valuesFrom) {
          if (v.namespace && !v.namespace.includes('{{') && v.namespace !== this.namespace) {
            fail(this.subject, `Helm chart ${c.release} reads values from ${v.kind} "${v.namespace}/${v.name}", outside the Profile's namespace "${this.namespace}"; leave the namespace empty (it resolves to "${this.namespace}")`);
          }
        }
      }
      this._helmCharts.push(c);
    }
  }

  /** Adds policyRefs (deployed in order). */
  public addPolicyRef(...refs: PolicyRef[]): void {
    for (const r of refs) {
      if (!(r instanceof PolicyRef)) fail(this.subject, `policyRefs entries must be PolicyRef.configMap/secret/fluxSource(...), got ${show(r)}`);
      this.checkRefNamespace(`policyRef ${r.kind} "${r.name}"`, r.namespace);
      this._policyRefs.push(r);
    }
  }

  /** Adds kustomizationRefs (deployed in order). */
  public addKustomizationRef(...refs: KustomizationRef[]): void {
    for (const r of refs) {
      if (!(r instanceof KustomizationRef)) fail(this.subject, `kustomizationRefs entries must be KustomizationRef.fromSource(...), got ${show(r)}`);
      this.checkRefNamespace(`kustomizationRef ${r.kind} "${r.name}"`, r.namespace);
      this._kustomizationRefs.push(r);
    }
  }

  /** Adds prerequisites: profiles that must be provisioned on a cluster before this one deploys there. */
  public addDependsOn(...profiles: IProfile[]): void {
    for (const p of profiles) {
      if (!p || typeof p !== 'object' || !p.name || !p.profileKind) {
        fail(this.subject, `dependsOn takes profile constructs (or ClusterProfile.fromName / Profile.fromName), got ${show(p)}`);
      }
      if (p.profileKind !== this.profileKind) {
        fail(this.subject, `cannot depend on ${subjectOf(p.profileKind, p.name, p.namespace)}: a ${this.profileKind} can only depend on ${this.profileKind}s`);
      }
      if (this.profileKind === ProfileKind.PROFILE && p.namespace !== this.namespace) {
        fail(this.subject, `cannot depend on ${subjectOf(p.profileKind, p.name, p.namespace)}: Sveltos resolves dependsOn names in the Profile's namespace "${this.namespace}"`);
      }
      if (p.name === this.name) fail(this.subject, 'cannot depend on itself');
      if (!this._dependsOn.some((d) => d.name === p.name)) this._dependsOn.push(p);
    }
  }

  /** Adds drift exclusions (needs SyncMode.CONTINUOUS_WITH_DRIFT_DETECTION). */
  public addDriftExclusion(...exclusions: DriftExclusion[]): void {
    for (const d of exclusions) {
      if (!d || typeof d !== 'object') fail(this.subject, `a drift exclusion is { paths: ["/spec/replicas"], target? }, got ${show(d)}`);
      if (!Array.isArray(d.paths)) {
        fail(this.subject, `drift exclusion paths must be a list of JSON6902 paths, got ${show(d.paths)}; write paths: [${typeof d.paths === 'string' ? JSON.stringify(d.paths) : '"/spec/replicas"'}]`);
      }
      if (d.paths.length === 0) fail(this.subject, 'a drift exclusion needs at least one path, e.g. "/spec/replicas"');
      for (const p of d.paths) {
        if (typeof p !== 'string' || !p.startsWith('/')) fail(this.subject, `drift exclusion path ${JSON.stringify(p)} is not a JSON6902 path; write it like "/spec/replicas"`);
      }
      if (this.syncMode !== SyncMode.CONTINUOUS_WITH_DRIFT_DETECTION) {
        fail(this.subject, `driftExclusions (${d.paths.join(', ')}) only apply with syncMode ContinuousWithDriftDetection, but syncMode is ${this.syncMode}; set syncMode: SyncMode.CONTINUOUS_WITH_DRIFT_DETECTION or drop the exclusions`);
      }
      this._driftExclusions.push(d);
    }
  }

  /** Adds health checks run after deploying. */
  public addValidateHealth(...checks: ValidateHealth[]): void {
    for (const h of checks) {
      validateHealth(this.subject, h);
      if (this._validateHealths.some((x) => x.name === h.name)) fail(this.subject, `validateHealths "${h.name}" is declared twice`);
      this._validateHealths.push(h);
    }
  }

  /** Exposes management-cluster objects to templates. */
  public addTemplateResourceRef(...refs: TemplateResourceRef[]): void {
    for (const r of refs) {
      if (!r || typeof r !== 'object') fail(this.subject, `a templateResourceRef is { identifier, apiVersion, kind, name, namespace? }, got ${show(r)}`);
      requireOptionalBoolean(this.subject, `templateResourceRef "${r.identifier}" optional`, r.optional);
      requireOptionalBoolean(this.subject, `templateResourceRef "${r.identifier}" ignoreStatusChanges`, r.ignoreStatusChanges);
      if (!r.identifier) fail(this.subject, 'a templateResourceRef needs an identifier (the name templates use)');
      if (!r.apiVersion || !r.kind || !r.name) fail(this.subject, `templateResourceRef "${r.identifier}" needs apiVersion, kind and name`);
      if (this._templateResourceRefs.some((x) => x.identifier === r.identifier)) {
        fail(this.subject, `templateResourceRef identifier "${r.identifier}" is used twice; identifiers are the keys of .MgmtResources`);
      }
      this._templateResourceRefs.push(r);
    }
  }

  /** Adds post-render patches. */
  public addPatch(...patches: Patch[]): void {
    for (const p of patches) {
      if (!p || typeof p !== 'object' || typeof p.patch !== 'string' || !p.patch.trim()) {
        fail(this.subject, `a patch needs patch text (a strategic-merge or JSON6902 patch), got ${show(p)}`);
      }
      this._patches.push(p);
    }
  }

  /**
   * Deploys the objects of cdk8s constructs (cdk8s-plus objects, our own L2s, a whole
   * `ManifestChart`): they are rendered into a ConfigMap on the hub and referenced with a policyRef.
   * Content holding Sveltos template expressions is marked as a template; it must then hold no other
   * `{{ }}` (Kyverno, Prometheus, ...): pass such objects in a separate call. Core Secrets are
   * rejected (a ConfigMap would hold them in plain text): create the Secret outside this program and
   * reference it with `PolicyRef.secret(...)`. Author the objects in a `ManifestChart` so they are
   * not also synthesized elsewhere.
   */
  public addManifests(...constructs: IConstruct[]): void {
    this.addManifestsWithOptions({ manifests: constructs });
  }

  /** Like {@link addManifests}, with a chosen ConfigMap name, template flag, tier or deployment type. */
  public addManifestsWithOptions(options: AddManifestsOptions): void {
    const n = this._manifests.length + 1;
    const name = options.name ?? (n === 1 ? `${this.name}-manifests` : `${this.name}-manifests-${n}`);
    validateDnsSubdomain(this.subject, 'manifests ConfigMap name', name);
    if (this._manifests.some((m) => m.name === name)) fail(this.subject, `manifests ConfigMap "${name}" is declared twice; give addManifestsWithOptions a different name`);
    if (!options || !Array.isArray(options.manifests) || options.manifests.length === 0) fail(this.subject, 'addManifests needs at least one construct (e.g. a ManifestChart)');
    for (const c of options.manifests) {
      if (!c || typeof c !== 'object' || !(c as IConstruct).node) fail(this.subject, `addManifests takes cdk8s constructs (a ManifestChart, cdk8s-plus objects, ApiObjects), got ${show(c)}`);
    }
    requireOptionalBoolean(this.subject, 'addManifests template', options.template);
    const set: { constructs: IConstruct[]; template?: boolean; name: string } = { constructs: [...options.manifests], template: options.template, name };
    const secret = this.secretProblem(set);
    if (secret) fail(this.subject, secret);
    const configMap = new ApiObject(this, `Manifests${n}`, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace: this.manifestsNamespace },
      data: Lazy.any({ produce: () => ({ 'manifests.yaml': this.manifestText(set) }) }),
    });
    configMap.metadata.addAnnotation(SVELTOS_TEMPLATE_ANNOTATION, Lazy.any({ produce: () => (this.isTemplated(set) ? 'ok' : undefined) }) as unknown as string);
    this._manifests.push({ ...set, configMap });
    this._policyRefs.push(PolicyRef.configMap(name, {
      namespace: this.manifestsNamespace,
      ...(options.tier !== undefined ? { tier: options.tier } : {}),
      ...(options.deploymentType ? { deploymentType: options.deploymentType } : {}),
    }));
  }

  /** The spec in the generated L1 shape (ClusterProfile and Profile share it). @internal */
  public _renderSpec(): l1.ClusterProfileSpec {
    const p = this.props;
    const ns = this.profileKind === ProfileKind.PROFILE ? this.namespace : undefined;
    const spec: { -readonly [K in keyof l1.ClusterProfileSpec]: l1.ClusterProfileSpec[K] } = {};
    if (this.selector) spec.clusterSelector = this.selector.toJson() as l1.ClusterProfileSpecClusterSelector;
    if (this.clusterRefItems.length > 0) spec.clusterRefs = this.clusterRefItems.map(renderClusterRef);
    if (this._setRefs.length > 0) spec.setRefs = this._setRefs.map((s) => s.name);
    spec.syncMode = this.syncMode as unknown as l1.ClusterProfileSpecSyncMode;
    if (p.tier !== undefined) spec.tier = this.tier;
    if (p.continueOnConflict) spec.continueOnConflict = true;
    if (p.continueOnError) spec.continueOnError = true;
    if (this.maxUpdate) {
      spec.maxUpdate = typeof this.maxUpdate.value === 'number'
        ? l1.ClusterProfileSpecMaxUpdate.fromNumber(this.maxUpdate.value)
        : l1.ClusterProfileSpecMaxUpdate.fromString(this.maxUpdate.value);
    }
    if (p.stopMatchingBehavior) spec.stopMatchingBehavior = this.stopMatchingBehavior as unknown as l1.ClusterProfileSpecStopMatchingBehavior;
    if (p.reloader) spec.reloader = true;
    if (this._dependsOn.length > 0) spec.dependsOn = this._dependsOn.map((d) => d.name);
    if (this._helmCharts.length > 0) spec.helmCharts = this._helmCharts.map((h) => h._render());
    if (this._policyRefs.length > 0) spec.policyRefs = this._policyRefs.map((r) => r._render(ns));
    if (this._kustomizationRefs.length > 0) spec.kustomizationRefs = this._kustomizationRefs.map((r) => r._render(ns));
    if (this._templateResourceRefs.length > 0) spec.templateResourceRefs = this._templateResourceRefs.map(renderTemplateResourceRef);
    if (this._validateHealths.length > 0) spec.validateHealths = this._validateHealths.map(renderHealth);
    if (this._patches.length > 0) spec.patches = this._patches.map((x) => ({ patch: x.patch, ...(renderSelector(x.target) ? { target: renderSelector(x.target) } : {}) }));
    if (this._driftExclusions.length > 0) {
      spec.driftExclusions = this._driftExclusions.map((d) => ({ paths: [...d.paths], ...(renderSelector(d.target) ? { target: renderSelector(d.target) as l1.ClusterProfileSpecDriftExclusionsTarget } : {}) }));
    }
    return spec;
  }

  /** Labels of the profile object. @internal */
  protected get _labels(): Record<string, string> | undefined {
    return this.props.labels && Object.keys(this.props.labels).length > 0 ? { ...this.props.labels } : undefined;
  }

  private checkRefNamespace(what: string, namespace: string | undefined): void {
    if (this.profileKind === ProfileKind.PROFILE && namespace && !namespace.includes('{{') && namespace !== this.namespace) {
      fail(this.subject, `${what} is in namespace "${namespace}", outside the Profile's namespace "${this.namespace}"; Sveltos silently rewrites it to "${this.namespace}". Leave the namespace empty, or use a ClusterProfile`);
    }
  }

  private objectsOf(m: { constructs: IConstruct[] }): any[] {
    return manifestsOf(...m.constructs);
  }

  private manifestText(m: { constructs: IConstruct[]; name: string }): string {
    const objs = this.objectsOf(m);
    if (objs.length === 0) fail(this.subject, `manifests ConfigMap "${m.name}" holds no Kubernetes object; the constructs passed to addManifests contain no ApiObject`);
    return objs.map((o) => sveltosYaml(o)).join('---\n');
  }

  private isTemplated(m: { constructs: IConstruct[]; template?: boolean; name: string }): boolean {
    return m.template ?? hasSveltosTemplate(this.manifestText(m));
  }

  /** Why the manifests must not go into a ConfigMap (a core Secret among them), or undefined. */
  private secretProblem(m: { constructs: IConstruct[]; name: string }): string | undefined {
    const secrets = this.objectsOf(m).filter((o) => o?.kind === 'Secret' && o?.apiVersion === 'v1');
    if (secrets.length === 0) return undefined;
    const names = secrets.map((o) => `${o.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata?.name}`);
    const first = secrets[0].metadata?.name ?? 'my-secret';
    return `addManifests got Secret ${names.map((x) => `"${x}"`).join(', ')}, whose data (or stringData) would be stored in plain text in hub ConfigMap "${m.name}". Keep secrets out of this program: create a Secret of type ${SVELTOS_SECRET_TYPE} on the hub (outside the app, e.g. by an external secret store) whose data holds the Secret manifest, and reference it with addPolicyRef(PolicyRef.secret(${JSON.stringify(first)}, { namespace: ... }))`;
  }

  private validateManifests(): string[] {
    const problems: string[] = [];
    for (const m of this._manifests) {
      const secret = this.secretProblem(m);
      if (secret) {
        problems.push(`${this.subject}: ${secret}`);
        continue;
      }
      const text = this.manifestText(m);
      const size = Buffer.byteLength(text, 'utf8');
      if (size > CONFIGMAP_LIMIT - 4096) {
        problems.push(`${this.subject}: manifests ConfigMap "${m.name}" would hold ${size} bytes, above the 1 MiB a ConfigMap may hold; split the constructs over several addManifests calls`);
      }
      const foreign = this.isTemplated(m) ? foreignTemplateActions(text) : [];
      if (foreign.length > 0) {
        const why = m.template ? 'is marked as a Sveltos template (template: true)' : 'is a Sveltos template (it holds Sveltos expressions such as {{ .Cluster... }})';
        problems.push(`${this.subject}: manifests ConfigMap "${m.name}" ${why}, but also holds ${describeForeign(foreign)}; Sveltos instantiates the whole ConfigMap as a Go template (missingkey=error) and fails on every cluster. Do not mix them: pass the objects with Kyverno, Prometheus or other {{ }} text to a separate addManifests call (deployed verbatim), or escape each such action, e.g. ${escapeAction(foreign[0].action)}`);
      }
    }
    return problems;
  }
}
