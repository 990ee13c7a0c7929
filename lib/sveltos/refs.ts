import { DEFAULT_SVELTOS_TIER } from '../core/sveltos';
import { describeValue, fail } from '../core/errors';
import { validateDnsLabel } from '../core/names';
import {
  INT32_MAX, requireArray, requireEnum, requireOptionalBoolean, requireOptionalEnum, requireOptionalString,
  requirePlainObject, requireString, requireStringMap,
} from '../core/validate';
import * as l1 from '../imports/config.projectsveltos.io';
import { show } from './_show';

/** Where the content of a policyRef or kustomizationRef comes from. */
export enum SourceKind {
  /** A ConfigMap on the management cluster; every data key holds manifests. */
  CONFIG_MAP = 'ConfigMap',
  /** A Secret of type `addons.projectsveltos.io/cluster-profile`; every data key holds manifests. */
  SECRET = 'Secret',
  /** A Flux GitRepository. */
  GIT_REPOSITORY = 'GitRepository',
  /** A Flux OCIRepository. */
  OCI_REPOSITORY = 'OCIRepository',
  /** A Flux Bucket. */
  BUCKET = 'Bucket',
}

/** Where referenced content is applied. */
export enum DeploymentType {
  /** Into each selected managed cluster (the default). */
  REMOTE = 'Remote',
  /** Into the management cluster. */
  LOCAL = 'Local',
}

/** Options shared by policyRefs and kustomizationRefs. */
export interface ReferenceOptions {
  /**
   * Namespace of the referenced object on the management cluster (may be a template). For a
   * ClusterProfile an empty namespace means the *cluster's* namespace; a Profile forces its own.
   * @default - the cluster's namespace (ClusterProfile) / the Profile's namespace (Profile)
   */
  readonly namespace?: string;
  /**
   * Where the content is applied.
   * @default DeploymentType.REMOTE
   */
  readonly deploymentType?: DeploymentType;
  /**
   * Do not fail when the referenced object is missing.
   * @default false
   */
  readonly optional?: boolean;
  /**
   * Priority of this reference against other references of the same profile that produce the
   * same object (lower wins; minimum 1).
   * @default 100
   */
  readonly tier?: number;
  /**
   * Do not create missing namespaces of the deployed objects.
   * @default false
   */
  readonly skipNamespaceCreation?: boolean;
}

/** Options of a policyRef to a Flux source. */
export interface FluxReferenceOptions extends ReferenceOptions {
  /**
   * Path inside the source (may be a template).
   * @default - the source root
   */
  readonly path?: string;
}

function validateCommon(subject: string, options: unknown): void {
  const o = requirePlainObject(subject, 'options', options) as ReferenceOptions;
  if (requireOptionalString(subject, 'namespace', o.namespace) && !o.namespace!.includes('{{')) validateDnsLabel(subject, 'namespace', o.namespace!);
  // CRD: tier int32, minimum 1, default 100 (AC:api/v1beta1/spec.go PolicyRef.Tier / KustomizationRef.Tier).
  if (o.tier !== undefined && (typeof o.tier !== 'number' || !Number.isInteger(o.tier) || o.tier < 1 || o.tier > INT32_MAX)) {
    fail(subject, `tier must be a whole number from 1 to ${INT32_MAX}, got ${describeValue(o.tier)}; it orders the refs of one profile that deploy the same object (a strictly lower tier takes the object over; default ${DEFAULT_SVELTOS_TIER})`);
  }
  requireOptionalEnum(subject, 'deploymentType', o.deploymentType, DeploymentType, 'DeploymentType');
  requireOptionalBoolean(subject, 'optional', o.optional);
  requireOptionalBoolean(subject, 'skipNamespaceCreation', o.skipNamespaceCreation);
  if ('path' in o) requireOptionalString(subject, 'path', (o as FluxReferenceOptions).path);
}

/** A reference to manifests a profile deploys (`spec.policyRefs[]`). */
export class PolicyRef {
  /** Manifests stored in every data key of a ConfigMap on the management cluster. */
  public static configMap(name: string, options: ReferenceOptions = {}): PolicyRef {
    return new PolicyRef(SourceKind.CONFIG_MAP, name, options);
  }

  /** Manifests stored in a Secret of type `addons.projectsveltos.io/cluster-profile`. */
  public static secret(name: string, options: ReferenceOptions = {}): PolicyRef {
    return new PolicyRef(SourceKind.SECRET, name, options);
  }

  /** Manifests in a Flux source (GitRepository, OCIRepository or Bucket) at `path`. */
  public static fluxSource(kind: SourceKind, name: string, options: FluxReferenceOptions = {}): PolicyRef {
    if (kind === SourceKind.CONFIG_MAP || kind === SourceKind.SECRET) {
      fail(`policyRef ${kind} "${name}"`, `is not a Flux source; use PolicyRef.${kind === SourceKind.SECRET ? 'secret' : 'configMap'}(...)`);
    }
    return new PolicyRef(kind, name, options);
  }

  /** Options as given. */
  public readonly options: FluxReferenceOptions;

  private constructor(
    /** The kind of the referenced object. */
    public readonly kind: SourceKind,
    /** Its name (may be a template). */
    public readonly name: string,
    options: FluxReferenceOptions,
  ) {
    const subject = `policyRef ${kind} "${name}"`;
    options = options ?? {};
    requireEnum(subject, 'kind', kind, SourceKind, 'SourceKind');
    requireString(subject, 'name', name, 'the name of the referenced object (may be a template)');
    validateCommon(subject, options);
    this.options = { ...options };
  }

  /** The namespace, or undefined. */
  public get namespace(): string | undefined {
    return this.options.namespace || undefined;
  }

  /**
   * The reference tier: among refs of the same profile deploying the same object, a strictly lower
   * tier takes it over; equal tiers conflict.
   */
  public get tier(): number {
    return this.options.tier ?? DEFAULT_SVELTOS_TIER;
  }

  /** The entry in the generated L1 shape. @internal */
  public _render(namespaceOverride?: string): l1.ClusterProfileSpecPolicyRefs {
    const o = this.options;
    const ns = namespaceOverride ?? o.namespace;
    return {
      kind: this.kind as unknown as l1.ClusterProfileSpecPolicyRefsKind,
      name: this.name,
      ...(ns ? { namespace: ns } : {}),
      ...(o.path ? { path: o.path } : {}),
      ...(o.deploymentType ? { deploymentType: o.deploymentType as unknown as l1.ClusterProfileSpecPolicyRefsDeploymentType } : {}),
      ...(o.optional ? { optional: true } : {}),
      ...(o.tier !== undefined ? { tier: o.tier } : {}),
      ...(o.skipNamespaceCreation ? { skipNamespaceCreation: true } : {}),
    };
  }
}

/** Options of a kustomizationRef. */
export interface KustomizationRefOptions extends FluxReferenceOptions {
  /**
   * Namespace every object of the kustomization is placed in.
   * @default - as in the kustomization
   */
  readonly targetNamespace?: string;
  /**
   * Kustomize components to include.
   * @default - none
   */
  readonly components?: string[];
  /**
   * Key/values substituted into the kustomize output (templated per cluster).
   * @default - none
   */
  readonly values?: Record<string, string>;
}

/** A kustomization a profile builds and deploys (`spec.kustomizationRefs[]`). */
export class KustomizationRef {
  /** A kustomization stored in a ConfigMap, Secret or Flux source. */
  public static fromSource(kind: SourceKind, name: string, options: KustomizationRefOptions = {}): KustomizationRef {
    return new KustomizationRef(kind, name, options);
  }

  /** Options as given. */
  public readonly options: KustomizationRefOptions;

  private constructor(
    /** The kind of the referenced object. */
    public readonly kind: SourceKind,
    /** Its name (may be a template). */
    public readonly name: string,
    options: KustomizationRefOptions,
  ) {
    const subject = `kustomizationRef ${kind} "${name}"`;
    options = options ?? {};
    requireEnum(subject, 'kind', kind, SourceKind, 'SourceKind');
    requireString(subject, 'name', name, 'the name of the referenced object (may be a template)');
    validateCommon(subject, options);
    if (requireOptionalString(subject, 'targetNamespace', options.targetNamespace)) validateDnsLabel(subject, 'targetNamespace', options.targetNamespace!);
    requireArray<string>(subject, 'components', options.components, '["../components/ha"]');
    requireStringMap(subject, 'values', options.values);
    this.options = { ...options };
  }

  /** The namespace, or undefined. */
  public get namespace(): string | undefined {
    return this.options.namespace || undefined;
  }

  /**
   * The reference tier: among refs of the same profile deploying the same object, a strictly lower
   * tier takes it over; equal tiers conflict.
   */
  public get tier(): number {
    return this.options.tier ?? DEFAULT_SVELTOS_TIER;
  }

  /** The entry in the generated L1 shape. @internal */
  public _render(namespaceOverride?: string): l1.ClusterProfileSpecKustomizationRefs {
    const o = this.options;
    const ns = namespaceOverride ?? o.namespace;
    const values = o.values && Object.keys(o.values).length > 0 ? Object.fromEntries(Object.keys(o.values).sort().map((k) => [k, o.values![k]])) : undefined;
    return {
      kind: this.kind as unknown as l1.ClusterProfileSpecKustomizationRefsKind,
      name: this.name,
      ...(ns ? { namespace: ns } : {}),
      ...(o.path ? { path: o.path } : {}),
      ...(o.targetNamespace ? { targetNamespace: o.targetNamespace } : {}),
      ...(o.components?.length ? { components: [...o.components] } : {}),
      ...(values ? { values } : {}),
      ...(o.deploymentType ? { deploymentType: o.deploymentType as unknown as l1.ClusterProfileSpecKustomizationRefsDeploymentType } : {}),
      ...(o.optional ? { optional: true } : {}),
      ...(o.tier !== undefined ? { tier: o.tier } : {}),
      ...(o.skipNamespaceCreation ? { skipNamespaceCreation: true } : {}),
    };
  }
}

/** Selects the deployed resources a patch or drift exclusion applies to. */
export interface PatchSelector {
  /**
   * API group.
   * @default - any
   */
  readonly group?: string;
  /**
   * API version.
   * @default - any
   */
  readonly version?: string;
  /**
   * Kind.
   * @default - any
   */
  readonly kind?: string;
  /**
   * Namespace (a regular expression).
   * @default - any
   */
  readonly namespace?: string;
  /**
   * Name (a regular expression).
   * @default - any
   */
  readonly name?: string;
  /**
   * Label selector in string form, e.g. `app=web`.
   * @default - any
   */
  readonly labelSelector?: string;
  /**
   * Annotation selector in string form.
   * @default - any
   */
  readonly annotationSelector?: string;
}

/** A post-render patch applied to every resource of the profile that matches `target`. */
export interface Patch {
  /** A strategic-merge patch or a JSON6902 patch (YAML text; may hold template expressions). */
  readonly patch: string;
  /**
   * The resources to patch.
   * @default - every resource of the profile (strategic merge uses the patch's own kind/name)
   */
  readonly target?: PatchSelector;
}

/** Paths drift detection ignores (and does not overwrite on redeploy). */
export interface DriftExclusion {
  /** JSON6902 paths, e.g. `/spec/replicas`. */
  readonly paths: string[];
  /**
   * The resources the paths apply to.
   * @default - every resource of the profile
   */
  readonly target?: PatchSelector;
}

/** The feature a health check belongs to. */
export enum HealthFeature {
  /** Resources deployed from policyRefs. */
  RESOURCES = 'Resources',
  /** Helm charts. */
  HELM = 'Helm',
  /** Kustomizations. */
  KUSTOMIZE = 'Kustomize',
}

/** How a label filter compares. */
export enum LabelFilterOperation {
  /** The label equals the value. */
  EQUAL = 'Equal',
  /** The label differs from the value. */
  DIFFERENT = 'Different',
  /** The label is present. */
  HAS = 'Has',
  /** The label is absent. */
  DOES_NOT_HAVE = 'DoesNotHave',
}

/** A filter on the labels of the resources a health check fetches. */
export interface LabelFilter {
  /** The label key. */
  readonly key: string;
  /** The comparison. */
  readonly operation: LabelFilterOperation;
  /**
   * The value (for Equal / Different).
   * @default - none
   */
  readonly value?: string;
}

/** A named CEL rule of a health check. */
export interface CelRule {
  /** The rule name. */
  readonly name: string;
  /** The CEL expression over `resource`, true when healthy. */
  readonly rule: string;
}

/** A check Sveltos runs on the managed cluster after deploying (`spec.validateHealths[]`). */
export interface ValidateHealth {
  /** The check name. */
  readonly name: string;
  /** The feature whose deployment it gates. */
  readonly featureId: HealthFeature;
  /**
   * API group of the resources to fetch.
   * @default '' (core)
   */
  readonly group?: string;
  /**
   * API version of the resources to fetch (required with `kind`).
   * @default - none
   */
  readonly version?: string;
  /**
   * Kind of the resources to fetch.
   * @default - none
   */
  readonly kind?: string;
  /**
   * Namespace of the resources to fetch.
   * @default - every namespace / cluster-scoped
   */
  readonly namespace?: string;
  /**
   * Label filters on the fetched resources.
   * @default - none
   */
  readonly labelFilters?: LabelFilter[];
  /**
   * A Lua script whose `evaluate()` returns `{ healthy = bool, message = string }`.
   * @default - none
   */
  readonly script?: string;
  /**
   * CEL rules (all must hold).
   * @default - none
   */
  readonly evaluateCel?: CelRule[];
}

/** A management-cluster object exposed to templates as `.MgmtResources.<identifier>`. */
export interface TemplateResourceRef {
  /** The identifier templates use. */
  readonly identifier: string;
  /** API version of the object. */
  readonly apiVersion: string;
  /** Kind of the object. */
  readonly kind: string;
  /** Name (may be a template, e.g. `{{ .Cluster.metadata.name }}-config`). */
  readonly name: string;
  /**
   * Namespace (may be a template).
   * @default - the cluster's namespace
   */
  readonly namespace?: string;
  /**
   * Tolerate a missing object.
   * @default false
   */
  readonly optional?: boolean;
  /**
   * Do not redeploy when only the object's status changes.
   * @default false
   */
  readonly ignoreStatusChanges?: boolean;
  /**
   * Only redeploy when these fields change.
   * @default - any change
   */
  readonly watchFields?: string[];
}

/** @internal */
export function renderSelector(t: PatchSelector | undefined): l1.ClusterProfileSpecPatchesTarget | undefined {
  if (!t) return undefined;
  const o: Record<string, string> = {};
  for (const k of ['group', 'version', 'kind', 'namespace', 'name', 'labelSelector', 'annotationSelector'] as const) {
    if (t[k] !== undefined && t[k] !== '') o[k] = t[k] as string;
  }
  return Object.keys(o).length > 0 ? o : undefined;
}

/** @internal */
export function validateHealth(subject: string, h: ValidateHealth): void {
  if (!h || typeof h !== 'object') {
    fail(subject, `a validateHealths entry is { name, featureId, script or evaluateCel, ... }, got ${show(h)}`);
  }
  if (!h.name) fail(subject, 'a validateHealths entry needs a name');
  if (!Object.values(HealthFeature).includes(h.featureId)) {
    fail(subject, `validateHealths "${h.name}" has featureId ${JSON.stringify(h.featureId)}; allowed: ${Object.values(HealthFeature).join(', ')}`);
  }
  if (!h.script && !(h.evaluateCel && h.evaluateCel.length > 0)) {
    fail(subject, `validateHealths "${h.name}" has neither script nor evaluateCel, so it can never report healthy; add a Lua script or CEL rules`);
  }
  if (h.kind && !h.version) fail(subject, `validateHealths "${h.name}" fetches kind ${h.kind} but has no version; Sveltos needs group, version and kind`);
  if (h.labelFilters !== undefined && !Array.isArray(h.labelFilters)) fail(subject, `validateHealths "${h.name}" labelFilters must be a list`);
  if (h.evaluateCel !== undefined && !Array.isArray(h.evaluateCel)) fail(subject, `validateHealths "${h.name}" evaluateCel must be a list of { name, rule }`);
  for (const f of h.labelFilters ?? []) {
    if (!f || typeof f !== 'object') fail(subject, `validateHealths "${h.name}" has label filter ${show(f)}; use { key, operation, value? }`);
    if (!Object.values(LabelFilterOperation).includes(f.operation)) {
      fail(subject, `validateHealths "${h.name}" label filter ${f.key} has operation ${JSON.stringify(f.operation)}; allowed: ${Object.values(LabelFilterOperation).join(', ')}`);
    }
  }
}

/** @internal */
export function renderHealth(h: ValidateHealth): l1.ClusterProfileSpecValidateHealths {
  return {
    name: h.name,
    featureId: h.featureId as unknown as l1.ClusterProfileSpecValidateHealthsFeatureId,
    ...(h.group !== undefined ? { group: h.group } : {}),
    ...(h.version ? { version: h.version } : {}),
    ...(h.kind ? { kind: h.kind } : {}),
    ...(h.namespace ? { namespace: h.namespace } : {}),
    ...(h.labelFilters?.length ? {
      labelFilters: h.labelFilters.map((f) => ({
        key: f.key,
        operation: f.operation as unknown as l1.ClusterProfileSpecValidateHealthsLabelFiltersOperation,
        ...(f.value !== undefined ? { value: f.value } : {}),
      })),
    } : {}),
    ...(h.script ? { script: h.script } : {}),
    ...(h.evaluateCel?.length ? { evaluateCel: h.evaluateCel.map((r) => ({ name: r.name, rule: r.rule })) } : {}),
  };
}

/** @internal */
export function renderTemplateResourceRef(r: TemplateResourceRef): l1.ClusterProfileSpecTemplateResourceRefs {
  return {
    identifier: r.identifier,
    resource: { apiVersion: r.apiVersion, kind: r.kind, name: r.name, ...(r.namespace ? { namespace: r.namespace } : {}) },
    ...(r.optional ? { optional: true } : {}),
    ...(r.ignoreStatusChanges ? { ignoreStatusChanges: true } : {}),
    ...(r.watchFields?.length ? { watchFields: [...r.watchFields] } : {}),
  };
}
