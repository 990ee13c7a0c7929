import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { INT32_MAX, requireKnownKeys, requireOptionalBoolean, requireProps } from '../core/validate';
import { fail } from '../core/errors';
import { Order } from '../core/order';
import { validateDnsLabel, validateLabels, labelValueProblem } from '../core/names';
import { OCM_ADDON_LABEL_PREFIX, OCM_CLUSTER_NAME_LABEL, OCM_CLUSTER_SET_LABEL, OCM_UNAVAILABLE_TAINT, OCM_UNREACHABLE_TAINT } from '../core/ocm';
import { FleetResource } from '../core/resource';
import * as l1 from '../imports/cluster.open-cluster-management.io';
import { FleetRegistry } from './_registry';
import { subjectOf, l1Object } from './_util';

/** Well-known ManagedCluster label keys. */
export class ClusterLabels {
  /** Exclusive cluster set membership: `cluster.open-cluster-management.io/clusterset=<set>`. */
  public static readonly CLUSTER_SET = OCM_CLUSTER_SET_LABEL;
  /** The cluster name label OCM stamps on ClusterProfiles and CSRs. */
  public static readonly CLUSTER_NAME = OCM_CLUSTER_NAME_LABEL;
  /** Prefix of the add-on availability labels the hub maintains (`feature.open-cluster-management.io/addon-<name>`). */
  public static readonly ADDON_PREFIX = OCM_ADDON_LABEL_PREFIX;
  /** Conventional environment label (dev, staging, production, ...). */
  public static readonly ENV = 'env';
  /** Conventional region / data-centre label. */
  public static readonly REGION = 'region';
  /** Conventional vendor label (OpenShift, EKS, ...). */
  public static readonly VENDOR = 'vendor';
  /** Conventional cloud label. */
  public static readonly CLOUD = 'cloud';

  /** The add-on availability label for add-on `name`. */
  public static addon(name: string): string {
    return `${ClusterLabels.ADDON_PREFIX}${name}`;
  }
}

/** Well-known taint keys the hub itself adds. */
export class ClusterTaints {
  /** Added while the Available condition is missing or Unknown (new or disconnected clusters). */
  public static readonly UNREACHABLE = OCM_UNREACHABLE_TAINT;
  /** Added while the Available condition is False. */
  public static readonly UNAVAILABLE = OCM_UNAVAILABLE_TAINT;
}

/** The effect of a ManagedCluster taint. */
export enum TaintEffect {
  /** Placements without a matching toleration do not select the cluster; selected ones are evicted. */
  NO_SELECT = 'NoSelect',
  /** Never filters (and nothing scores it at this upstream commit). */
  PREFER_NO_SELECT = 'PreferNoSelect',
  /** New placements need a toleration; clusters already decided are kept. */
  NO_SELECT_IF_NEW = 'NoSelectIfNew',
}

/** A ManagedCluster taint. */
export interface Taint {
  /** The taint key (a label key). */
  readonly key: string;
  /**
   * The taint value.
   * @default - no value
   */
  readonly value?: string;
  /** The effect. */
  readonly effect: TaintEffect;
}

/** A ClusterClaim the spoke reports (`status.clusterClaims`), declared for planning only. */
export interface ClusterClaimValue {
  /** The claim name, e.g. `region.open-cluster-management.io`. */
  readonly name: string;
  /** The claim value. */
  readonly value: string;
}

/** The view of a managed cluster other constructs consult; implemented by owned and imported clusters. */
export interface IManagedCluster {
  /** The cluster name (also its namespace on the hub). */
  readonly name: string;
  /** Labels as declared (a copy). */
  readonly labels: Record<string, string>;
  /** Taints as declared. */
  readonly taints: readonly Taint[];
  /** Claims declared for planning (they live on the spoke). */
  readonly claims: Record<string, string>;
  /** Adds (or replaces) a label. */
  addLabel(key: string, value: string): void;
}

/** Props of {@link ManagedCluster}. */
export interface ManagedClusterProps {
  /**
   * The cluster name: a DNS-1123 label, also the cluster's namespace on the hub.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Labels (env, region, ...), the keys placements select on.
   * @default - none
   */
  readonly labels?: Record<string, string>;
  /**
   * Whether the hub accepts the cluster's agent.
   * @default true
   */
  readonly hubAcceptsClient?: boolean;
  /**
   * Taints.
   * @default - none
   */
  readonly taints?: Taint[];
  /**
   * Lease duration in seconds; the hub marks the cluster unknown after 5 × this without a renewal.
   * @default 60
   */
  readonly leaseDurationSeconds?: number;
  /**
   * ClusterClaims the spoke reports (e.g. `{ 'region.open-cluster-management.io': 'eu-west-1' }`).
   * They live on the spoke, so they are not rendered into the hub object; the plan uses them.
   * @default - none
   */
  readonly claims?: Record<string, string>;
  /**
   * The spoke API server URL (`managedClusterClientConfigs[0].url`).
   * @default - filled in by the klusterlet
   */
  readonly apiServerUrl?: string;
}

/**
 * An OCM ManagedCluster (cluster.open-cluster-management.io/v1, cluster-scoped): one spoke as the
 * hub sees it. Its name is contract: it is also the hub namespace for the cluster's works and add-ons.
 */
export class ManagedCluster extends FleetResource implements IManagedCluster {
  /** The keys of {@link ManagedClusterProps} (a typo among them fails instead of being ignored). @internal */
  public static readonly PROP_KEYS: readonly string[] = ['name', 'labels', 'hubAcceptsClient', 'taints', 'leaseDurationSeconds', 'claims', 'apiServerUrl'];

  /** A cluster managed elsewhere, referenced by name (nothing is emitted for it). */
  public static fromName(name: string): IManagedCluster {
    validateDnsLabel(subjectOf('ManagedCluster', name), 'name', name);
    return new ImportedManagedCluster(name);
  }

  /** The ManagedClusters declared in the app of `scope`. */
  public static allIn(scope: Construct): readonly ManagedCluster[] {
    return FleetRegistry.of(scope).all<ManagedCluster>('ManagedCluster');
  }

  /** The cluster name. */
  public readonly name: string;
  /** Whether the hub accepts the cluster's agent. */
  public readonly hubAcceptsClient: boolean;
  /** Lease duration in seconds. */
  public readonly leaseDurationSeconds: number;
  /** The generated L1 object. */
  public readonly apiObject: l1.ManagedCluster;
  /** Cluster-scoped: no namespace. */
  public get namespace(): string | undefined {
    return undefined;
  }
  private readonly _labels: Record<string, string> = {};
  private readonly _taints: Taint[] = [];
  private readonly _claims: Record<string, string>;
  private readonly apiServerUrl?: string;

  constructor(scope: Construct, id: string, props: ManagedClusterProps = {}) {
    super(scope, id);
    props = requireProps(`ManagedCluster "${id}"`, props, "{ labels: { env: 'prod' } }", true);
    requireKnownKeys(`ManagedCluster "${props.name ?? id}"`, 'props', props as Record<string, unknown>, ManagedCluster.PROP_KEYS);
    this.name = props.name ?? id;
    const subject = subjectOf('ManagedCluster', this.name);
    validateDnsLabel(subject, 'name', this.name);
    this.hubAcceptsClient = requireOptionalBoolean(subject, 'hubAcceptsClient', props.hubAcceptsClient) ?? true;
    this.leaseDurationSeconds = props.leaseDurationSeconds ?? 60;
    if (!Number.isInteger(this.leaseDurationSeconds) || this.leaseDurationSeconds < 1 || this.leaseDurationSeconds > INT32_MAX) {
      fail(subject, `leaseDurationSeconds ${this.leaseDurationSeconds} is invalid; use a positive whole number of seconds up to ${INT32_MAX} (an int32; default 60)`);
    }
    this._claims = { ...(props.claims ?? {}) };
    for (const [k, v] of Object.entries(this._claims)) {
      if (!k) fail(subject, 'a claim has an empty name');
      if (typeof v !== 'string' || v.length < 1 || v.length > 1024) fail(subject, `claim ${k}=${JSON.stringify(v)} must be a string of 1 to 1024 characters`);
    }
    this.apiServerUrl = props.apiServerUrl;
    this.apiObject = l1Object(l1.ManagedCluster, this, 'Resource', {
      metadata: { name: this.name },
      spec: Lazy.any({ produce: () => this._renderSpec() }) as unknown as l1.ManagedClusterSpec,
    });
    for (const [k, v] of Object.entries(props.labels ?? {})) this.addLabel(k, v);
    for (const t of props.taints ?? []) this.addTaint(t);
    FleetRegistry.of(this).register('ManagedCluster', this);
  }

  /** Labels as declared, including set membership written by `ManagedClusterSet.addCluster` (a copy). */
  public get labels(): Record<string, string> {
    return { ...this._labels };
  }

  /** Taints as declared (a copy). */
  public get taints(): readonly Taint[] {
    return [...this._taints];
  }

  /** Claims declared for planning (a copy). */
  public get claims(): Record<string, string> {
    return { ...this._claims };
  }

  /** Adds (or replaces) a label. */
  public addLabel(key: string, value: string): void {
    validateLabels(subjectOf('ManagedCluster', this.name), { [key]: value });
    this._labels[key] = value;
    this.apiObject.metadata.addLabel(key, value);
  }

  /** Adds a taint. */
  public addTaint(taint: Taint): void {
    const subject = subjectOf('ManagedCluster', this.name);
    if (typeof taint?.key !== 'string' || taint.key === '') {
      fail(subject, `taint ${JSON.stringify(taint)} has no key; every ManagedCluster taint needs a non-empty key, a label key such as "dedicated" or "example.com/gpu"`);
    }
    validateLabels(subject, { [taint.key]: taint.value ?? '' }, 'taint');
    const effects = Object.values(TaintEffect) as string[];
    if (!effects.includes(taint.effect)) fail(subject, `taint ${taint.key} has effect ${JSON.stringify(taint.effect)}; allowed: ${effects.join(', ')}`);
    if (this._taints.some((t) => t.key === taint.key && t.effect === taint.effect)) {
      fail(subject, `taint ${taint.key}:${taint.effect} is declared twice; keep one`);
    }
    if (taint.value !== undefined && labelValueProblem(taint.value)) fail(subject, `taint ${taint.key} value ${JSON.stringify(taint.value)} is not a valid label value`);
    this._taints.push({ ...taint });
  }

  /** @internal */
  public _renderSpec(): l1.ManagedClusterSpec {
    const effect = (e: TaintEffect) => e as string as l1.ManagedClusterSpecTaintsEffect;
    return {
      hubAcceptsClient: this.hubAcceptsClient,
      ...(this.leaseDurationSeconds !== 60 ? { leaseDurationSeconds: this.leaseDurationSeconds } : {}),
      ...(this.apiServerUrl ? { managedClusterClientConfigs: [{ url: this.apiServerUrl }] } : {}),
      ...(this._taints.length > 0 ? {
        taints: [...this._taints]
          .sort((a, b) => Order.strings(a.key, b.key) || Order.strings(a.effect, b.effect))
          .map((t) => (t.value ? { key: t.key, value: t.value, effect: effect(t.effect) } : { key: t.key, effect: effect(t.effect) })),
      } : {}),
    };
  }
}

class ImportedManagedCluster implements IManagedCluster {
  public readonly labels: Record<string, string> = {};
  public readonly taints: readonly Taint[] = [];
  public readonly claims: Record<string, string> = {};
  constructor(public readonly name: string) {}
  public addLabel(_key: string, _value: string): void {
    fail(subjectOf('ManagedCluster', this.name), 'is imported with ManagedCluster.fromName, so its labels are managed elsewhere; declare it with new ManagedCluster(...) to manage its labels and set membership');
  }
}
