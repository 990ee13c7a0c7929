import { fail } from '../core/errors';
import { isPinnedVersion } from '../core/values';

const CHART_NAME = /^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$/;

/** The Helm repository the OCM charts are published to. */
const OCM_REPOSITORY = 'https://open-cluster-management.io/helm-charts';
/** The Helm repository of Project Sveltos. */
const SVELTOS_REPOSITORY = 'https://projectsveltos.github.io/helm-charts';

/**
 * A Helm chart at one exact version: a repository (https or oci), a chart name and a pinned
 * version. Ranges (`^1.3`, `~1.3`, `>=1`, `1.x`, `*`) and `latest` are rejected, so a deploy
 * installs exactly what was reviewed.
 *
 * The defaults (`PinnedChart.OCM_CLUSTER_MANAGER`, ...) are the versions this library is tested
 * against; move one with `PinnedChart.OCM_KLUSTERLET.withVersion('1.4.0')`.
 */
export class PinnedChart {
  /** OCM hub: chart `cluster-manager` (the registration operator and the ClusterManager). */
  public static readonly OCM_CLUSTER_MANAGER = PinnedChart.fromRepository(OCM_REPOSITORY, 'cluster-manager', '1.3.1');
  /** OCM agent: chart `klusterlet`, the same release line as the hub chart. */
  public static readonly OCM_KLUSTERLET = PinnedChart.fromRepository(OCM_REPOSITORY, 'klusterlet', '1.3.1');
  /** OCM add-on: chart `cluster-proxy` (konnectivity tunnel and the user server). */
  public static readonly OCM_CLUSTER_PROXY = PinnedChart.fromRepository(OCM_REPOSITORY, 'cluster-proxy', '0.13.0');
  /** OCM add-on: chart `managed-serviceaccount`. */
  public static readonly OCM_MANAGED_SERVICEACCOUNT = PinnedChart.fromRepository(OCM_REPOSITORY, 'managed-serviceaccount', '0.12.0');
  /** Project Sveltos: chart `projectsveltos` (CRDs and all controllers, optionally the cluster-inventory controller). */
  public static readonly SVELTOS = PinnedChart.fromRepository(SVELTOS_REPOSITORY, 'projectsveltos', '1.13.0');

  /**
   * A chart from a Helm repository (`https://...`) or an OCI registry (`oci://...`).
   * @param repository the repository URL
   * @param chart the chart name
   * @param version the exact chart version, e.g. `1.3.1`
   */
  public static fromRepository(repository: string, chart: string, version: string): PinnedChart {
    const subject = `Helm chart ${JSON.stringify(chart)}`;
    if (typeof chart !== 'string' || !CHART_NAME.test(chart)) {
      fail(subject, 'chart name must consist of lower-case letters, digits, "-", "_" and "." (e.g. "cluster-manager")');
    }
    if (typeof repository !== 'string' || !/^(https|oci):\/\/[^\s/$.?#].[^\s]*$/.test(repository)) {
      fail(subject, `repository ${JSON.stringify(repository)} is not an https:// or oci:// URL (e.g. "https://open-cluster-management.io/helm-charts")`);
    }
    if (!isPinnedVersion(version)) {
      fail(subject, `version ${JSON.stringify(version)} is not pinned; use an exact version such as "1.3.1" (ranges like "^1.3", "~1.3", ">=1", "1.x", "*" and "latest" let the installed chart change without a code review)`);
    }
    return new PinnedChart(repository.replace(/\/+$/, ''), chart, version);
  }

  private constructor(
    /** The repository URL. */
    public readonly repository: string,
    /** The chart name. */
    public readonly chart: string,
    /** The exact version. */
    public readonly version: string,
  ) {}

  /** The same chart at another exact version. */
  public withVersion(version: string): PinnedChart {
    return PinnedChart.fromRepository(this.repository, this.chart, version);
  }

  /** The same chart and version from another repository (a mirror). */
  public fromMirror(repository: string): PinnedChart {
    return PinnedChart.fromRepository(repository, this.chart, this.version);
  }

  /** `chart@version (repository)`. */
  public toString(): string {
    return `${this.chart}@${this.version} (${this.repository})`;
  }
}
