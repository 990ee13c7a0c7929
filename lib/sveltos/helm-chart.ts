import { fail } from '../core/errors';
import { requireOptionalBoolean } from '../core/validate';
import { validateDnsLabel } from '../core/names';
import * as l1 from '../imports/config.projectsveltos.io';
import { show } from './_show';
import { describeForeign, escapeAction, foreignTemplateActions } from './_template';
import { sveltosYaml } from './_yaml';
import { isPinnedVersion } from '../core/values';

/** What Sveltos does with a Helm release. */
export enum HelmChartAction {
  /** Install or upgrade the release (the default). */
  INSTALL = 'Install',
  /** Uninstall the release. */
  UNINSTALL = 'Uninstall',
}

/** The kind of object `valuesFrom` reads. */
export enum ValuesSourceKind {
  /** A ConfigMap. */
  CONFIG_MAP = 'ConfigMap',
  /** A Secret (it must have type `addons.projectsveltos.io/cluster-profile`). */
  SECRET = 'Secret',
}

/** Options of {@link ValuesFrom}. */
export interface ValuesFromOptions {
  /**
   * The namespace on the management cluster. Must stay empty for a Profile (it resolves to the
   * Profile's namespace); the name may be a template such as `{{ .Cluster.metadata.name }}-values`.
   * @default - the cluster's namespace
   */
  readonly namespace?: string;
  /**
   * Do not fail when the object is missing.
   * @default false
   */
  readonly optional?: boolean;
}

/**
 * Helm values read from a ConfigMap or Secret on the management cluster. Their content is a
 * template only when the object carries the annotation `projectsveltos.io/template`.
 */
export class ValuesFrom {
  /** Values from every key of a ConfigMap. */
  public static configMap(name: string, options: ValuesFromOptions = {}): ValuesFrom {
    return new ValuesFrom(ValuesSourceKind.CONFIG_MAP, name, options);
  }

  /** Values from every key of a Secret of type `addons.projectsveltos.io/cluster-profile`. */
  public static secret(name: string, options: ValuesFromOptions = {}): ValuesFrom {
    return new ValuesFrom(ValuesSourceKind.SECRET, name, options);
  }

  /** The namespace, or undefined for the cluster's namespace. */
  public readonly namespace?: string;
  /** Whether a missing object is tolerated. */
  public readonly optional: boolean;

  private constructor(
    /** ConfigMap or Secret. */
    public readonly kind: ValuesSourceKind,
    /** The object name (may be a template). */
    public readonly name: string,
    options: ValuesFromOptions,
  ) {
    if (!name || typeof name !== 'string') fail('ValuesFrom', `a ${kind} reference needs a name, got ${JSON.stringify(name)}`);
    const o = options ?? {};
    // name and namespace may be templates (resolved per cluster), which are not validated
    if (o.namespace && !o.namespace.includes('{{')) validateDnsLabel(`valuesFrom ${kind} "${name}"`, 'namespace', o.namespace);
    this.namespace = o.namespace || undefined;
    this.optional = requireOptionalBoolean(`valuesFrom ${kind} "${name}"`, 'optional', o.optional) ?? false;
  }
}

/** Options of {@link HelmChart.fromRepository}. */
export interface HelmChartRepositoryOptions {
  /** The repository: `https://...` (classic Helm repository) or `oci://...` (OCI registry). */
  readonly repositoryUrl: string;
  /** The repository name, e.g. `kyverno`. */
  readonly repositoryName: string;
  /** The chart, e.g. `kyverno/kyverno` for a Helm repository or `kro` for an OCI one. */
  readonly chartName: string;
  /** The exact chart version, e.g. `3.2.6`. Ranges, wildcards and `latest` are rejected. */
  readonly version: string;
  /** The release name (at most 53 characters, Helm's limit). */
  readonly releaseName: string;
  /** The namespace of the release on each managed cluster. */
  readonly releaseNamespace: string;
  /**
   * Values as an object, rendered to YAML. String values may hold Sveltos template
   * expressions (`{{ .Cluster.metadata.name }}`); Sveltos instantiates Helm values per cluster.
   * @default - none
   */
  readonly values?: Record<string, any>;
  /**
   * Values as YAML text (may hold template expressions). Use either this or `values`.
   * @default - none
   */
  readonly valuesYaml?: string;
  /**
   * Values read from ConfigMaps or Secrets on the management cluster.
   * @default - none
   */
  readonly valuesFrom?: ValuesFrom[];
  /**
   * Install or uninstall.
   * @default HelmChartAction.INSTALL
   */
  readonly action?: HelmChartAction;
}

/** An exact SemVer 2 version (optional leading `v`), with no range operators or wildcards. */

/** A Helm chart a Sveltos profile deploys. */
export class HelmChart {
  /**
   * A chart from a Helm repository (`https://`) or an OCI registry (`oci://`), at a pinned
   * version so that every cluster and every synth gets the same chart.
   */
  public static fromRepository(options: HelmChartRepositoryOptions): HelmChart {
    if (!options || typeof options !== 'object') {
      fail('HelmChart.fromRepository', `needs options { repositoryUrl, repositoryName, chartName, version, releaseName, releaseNamespace }, got ${show(options)}`);
    }
    const subject = `Helm chart "${options.releaseNamespace}/${options.releaseName}"`;
    if (!/^(https?|oci):\/\/\S+$/.test(options.repositoryUrl ?? '')) {
      fail(subject, `repositoryUrl ${JSON.stringify(options.repositoryUrl)} is not an http(s):// or oci:// URL; use e.g. "https://kyverno.github.io/kyverno/" or "oci://registry.k8s.io/kro/charts"`);
    }
    if (!options.repositoryName) fail(subject, 'needs a repositoryName (Sveltos requires it for http and oci repositories), e.g. "kyverno"');
    if (!options.chartName) fail(subject, 'needs a chartName (Sveltos requires it for http and oci repositories), e.g. "kyverno/kyverno"');
    const v = options.version;
    if (!isPinnedVersion(v)) {
      fail(subject, `chart ${options.chartName} has version ${JSON.stringify(v)}, which is not pinned; use an exact version such as "3.2.6" (ranges like "^3.2", wildcards like "3.x" and "latest" resolve differently over time and per cluster)`);
    }
    validateDnsLabel(subject, 'releaseNamespace', options.releaseNamespace);
    validateDnsLabel(subject, 'releaseName', options.releaseName);
    if (options.releaseName.length > 53) fail(subject, `releaseName is ${options.releaseName.length} characters; Helm allows at most 53`);
    if (options.values !== undefined && options.valuesYaml !== undefined) {
      fail(subject, 'has both values and valuesYaml; pass the values one way only');
    }
    if (options.values !== undefined && (typeof options.values !== 'object' || options.values === null || Array.isArray(options.values))) {
      fail(subject, `values must be an object (a map of Helm values), got ${JSON.stringify(options.values)?.slice(0, 60)}; pass YAML text as valuesYaml`);
    }
    const action = options.action ?? HelmChartAction.INSTALL;
    if (!Object.values(HelmChartAction).includes(action)) fail(subject, `action ${JSON.stringify(action)} is invalid; allowed: ${Object.values(HelmChartAction).join(', ')}`);
    if (options.valuesYaml !== undefined && typeof options.valuesYaml !== 'string') {
      fail(subject, `valuesYaml must be YAML text, got ${JSON.stringify(options.valuesYaml)?.slice(0, 60)}; pass an object as values`);
    }
    if (options.valuesFrom !== undefined && !Array.isArray(options.valuesFrom)) {
      fail(subject, 'valuesFrom must be a list of ValuesFrom.configMap(...) or ValuesFrom.secret(...)');
    }
    for (const vf of options.valuesFrom ?? []) {
      if (!(vf instanceof ValuesFrom)) fail(subject, `valuesFrom entries must be ValuesFrom.configMap(...) or ValuesFrom.secret(...), got ${show(vf)}`);
    }
    const chart = new HelmChart(options, action);
    const foreign = chart.valuesYaml ? foreignTemplateActions(chart.valuesYaml) : [];
    if (foreign.length > 0) {
      fail(subject, `values hold ${describeForeign(foreign)}, which Sveltos cannot render: it instantiates Helm values as a Go template on every cluster (missingkey=error; only .Cluster, .MgmtResources, .InfrastructureProvider, .KubeadmControlPlane, Go builtins, sprig and Sveltos functions exist), so the chart fails to deploy everywhere. Escape text meant for the chart or its software, e.g. ${escapeAction(foreign[0].action)}, which Sveltos outputs as ${foreign[0].action}`);
    }
    return chart;
  }

  /** The repository URL. */
  public readonly repositoryUrl: string;
  /** The repository name. */
  public readonly repositoryName: string;
  /** The chart name. */
  public readonly chartName: string;
  /** The pinned chart version. */
  public readonly version: string;
  /** The release name. */
  public readonly releaseName: string;
  /** The release namespace. */
  public readonly releaseNamespace: string;
  /** Install or uninstall. */
  public readonly action: HelmChartAction;
  /** The values as YAML text, or undefined. */
  public readonly valuesYaml?: string;
  /** Values read from ConfigMaps or Secrets. */
  public readonly valuesFrom: readonly ValuesFrom[];

  private constructor(options: HelmChartRepositoryOptions, action: HelmChartAction) {
    this.repositoryUrl = options.repositoryUrl;
    this.repositoryName = options.repositoryName;
    this.chartName = options.chartName;
    this.version = options.version;
    this.releaseName = options.releaseName;
    this.releaseNamespace = options.releaseNamespace;
    this.action = action;
    this.valuesYaml = options.values !== undefined ? sveltosYaml(options.values) : options.valuesYaml;
    this.valuesFrom = [...(options.valuesFrom ?? [])];
  }

  /** The release this chart owns on a cluster: `releaseNamespace/releaseName`. */
  public get release(): string {
    return `${this.releaseNamespace}/${this.releaseName}`;
  }

  /** The entry in the generated L1 shape. @internal */
  public _render(): l1.ClusterProfileSpecHelmCharts {
    return {
      repositoryUrl: this.repositoryUrl,
      repositoryName: this.repositoryName,
      chartName: this.chartName,
      chartVersion: this.version,
      releaseName: this.releaseName,
      releaseNamespace: this.releaseNamespace,
      helmChartAction: this.action as unknown as l1.ClusterProfileSpecHelmChartsHelmChartAction,
      ...(this.valuesYaml !== undefined ? { values: this.valuesYaml } : {}),
      ...(this.valuesFrom.length > 0 ? {
        valuesFrom: this.valuesFrom.map((v) => ({
          kind: v.kind as unknown as l1.ClusterProfileSpecHelmChartsValuesFromKind,
          name: v.name,
          ...(v.namespace ? { namespace: v.namespace } : {}),
          ...(v.optional ? { optional: true } : {}),
        })),
      } : {}),
    };
  }
}
