import { Construct } from 'constructs';
import { fail } from '../core/errors';
import { requireOptionalBoolean } from '../core/validate';
import { validateDnsLabel, validateDnsSubdomain } from '../core/names';
import { OCM_ADDON_LIFECYCLE_ANNOTATION } from '../core/ocm';
import { Duration } from '../core/values';
import { FleetResource } from '../core/resource';
import * as l1 from '../imports/sveltos.open-cluster-management.io';
import { AddOnConfigRef, ClusterManagementAddOnProps, IAddOnConfig, InstallStrategy } from '../ocm/addon';
import { subjectOf } from '../ocm/_util';
import { IPlacement } from '../ocm/placement';

const LIFECYCLE = { [OCM_ADDON_LIFECYCLE_ANNOTATION]: 'addon-manager' };

/**
 * ClusterManagementAddOn props for the OCM add-ons the inventory fan-in and the Sveltos bridges
 * need, each installed by placements: `new ClusterManagementAddOn(scope, id, InventoryAddOns.clusterProxy(placement))`
 * or `hub.addClusterManagementAddOn('cluster-proxy', InventoryAddOns.clusterProxy(placement))`.
 */
export class InventoryAddOns {
  /** cluster-proxy: reaches spoke API servers from the hub and writes ClusterProfile accessProviders. */
  public static readonly CLUSTER_PROXY = 'cluster-proxy';
  /** managed-serviceaccount: spoke ServiceAccounts with rotated tokens reported to the hub. */
  public static readonly MANAGED_SERVICE_ACCOUNT = 'managed-serviceaccount';
  /** sveltos-ocm-addon: registers each selected ManagedCluster as a SveltosCluster. */
  public static readonly SVELTOS_OCM_ADDON = 'sveltos-ocm-addon';

  /** cluster-proxy, configured by ManagedProxyConfiguration `cluster-proxy`, on the placements' clusters. */
  public static clusterProxy(...placements: IPlacement[]): ClusterManagementAddOnProps {
    return {
      name: InventoryAddOns.CLUSTER_PROXY,
      displayName: 'cluster-proxy',
      annotations: LIFECYCLE,
      supportedConfigs: [
        { group: 'proxy.open-cluster-management.io', resource: 'managedproxyconfigurations', defaultConfig: { configRef: { group: 'proxy.open-cluster-management.io', resource: 'managedproxyconfigurations', name: 'cluster-proxy' } } },
        { group: 'addon.open-cluster-management.io', resource: 'addondeploymentconfigs' },
      ],
      installStrategy: InstallStrategy.placements(...placements.map((placement) => ({ placement }))),
    };
  }

  /** managed-serviceaccount on the placements' clusters. */
  public static managedServiceAccount(...placements: IPlacement[]): ClusterManagementAddOnProps {
    return {
      name: InventoryAddOns.MANAGED_SERVICE_ACCOUNT,
      displayName: 'managed-serviceaccount',
      annotations: LIFECYCLE,
      supportedConfigs: [{ group: 'addon.open-cluster-management.io', resource: 'addondeploymentconfigs' }],
      installStrategy: InstallStrategy.placements(...placements.map((placement) => ({ placement }))),
    };
  }

  /** sveltos-ocm-addon on the placements' clusters, configured by `config`. */
  public static sveltosOcmAddon(config: SveltosOcmCluster, ...placements: IPlacement[]): ClusterManagementAddOnProps {
    return {
      name: InventoryAddOns.SVELTOS_OCM_ADDON,
      displayName: 'sveltos-ocm-addon',
      annotations: LIFECYCLE,
      supportedConfigs: [{ group: SVELTOS_OCM_GROUP, resource: 'sveltosocmclusters' }],
      installStrategy: InstallStrategy.placements(...placements.map((placement) => ({ placement, configs: [config] }))),
    };
  }

  private constructor() {}
}

const SVELTOS_OCM_GROUP = 'sveltos.open-cluster-management.io';

/** Props of {@link SveltosOcmCluster}. */
export interface SveltosOcmClusterProps {
  /**
   * The namespace.
   * @default 'open-cluster-management'
   */
  readonly namespace?: string;
  /**
   * The name.
   * @default 'default'
   */
  readonly name?: string;
  /**
   * Validity of the ManagedServiceAccount token behind each kubeconfig.
   * @default Duration.hours(168)
   */
  readonly tokenValidity?: Duration;
  /**
   * Copy ManagedCluster labels to the SveltosCluster (additive: a removed label is never removed).
   * @default true
   */
  readonly labelSync?: boolean;
  /**
   * Shard key written as annotation `sharding.projectsveltos.io/key` on each SveltosCluster.
   * @default - no shard
   */
  readonly shard?: string;
}

/**
 * The sveltos-ocm-addon configuration (sveltos.open-cluster-management.io/v1alpha1
 * SveltosOCMCluster): how the add-on turns each ManagedCluster into a SveltosCluster.
 */
export class SveltosOcmCluster extends FleetResource implements IAddOnConfig {
  /** The namespace. */
  public readonly namespace: string;
  /** The name. */
  public readonly name: string;
  /** Whether labels are copied. */
  public readonly labelSync: boolean;
  /** The shard key, if any. */
  public readonly shard?: string;
  /** The generated L1 object. */
  public readonly apiObject: l1.SveltosOcmCluster;

  constructor(scope: Construct, id: string, props: SveltosOcmClusterProps = {}) {
    super(scope, id);
    props = props ?? {};
    this.namespace = props.namespace ?? 'open-cluster-management';
    this.name = props.name ?? 'default';
    const subject = subjectOf('SveltosOCMCluster', this.name, this.namespace);
    validateDnsLabel(subject, 'namespace', this.namespace);
    validateDnsSubdomain(subject, 'name', this.name);
    const validity = props.tokenValidity ?? Duration.hours(168);
    if (!(validity instanceof Duration)) fail(subject, `tokenValidity must be a Duration, got ${JSON.stringify(validity)}; use e.g. Duration.hours(168)`);
    if (validity.toSeconds() <= 0) fail(subject, 'tokenValidity must be positive (0 means the add-on default of 168h; omit it instead)');
    this.labelSync = requireOptionalBoolean(`SveltosOcmCluster "${id}"`, 'labelSync', props.labelSync) ?? true;
    this.shard = props.shard;
    this.apiObject = new l1.SveltosOcmCluster(this, 'Resource', {
      metadata: { name: this.name, namespace: this.namespace },
      spec: { tokenValidity: validity.toString(), labelSync: this.labelSync, ...(this.shard ? { shard: this.shard } : {}) },
    });
  }

  /** The reference the ClusterManagementAddOn uses. */
  public get configRef(): AddOnConfigRef {
    return { group: SVELTOS_OCM_GROUP, resource: 'sveltosocmclusters', name: this.name, namespace: this.namespace };
  }
}
