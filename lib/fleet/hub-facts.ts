import type { RegistrationChain } from '../inventory/registration';
import type { ClusterManagerDeployMode, FeatureGateComponent } from '../ocm/cluster-manager';
import type { IPlacement } from '../ocm/placement';

/** A cluster as the Hub declares it: what installers (Terraform spoke stacks) need to join it. */
export interface HubClusterFacts {
  /** The ManagedCluster name (also its namespace on the hub). */
  readonly name: string;
  /** The ManagedCluster's labels as declared. */
  readonly labels: Readonly<Record<string, string>>;
}

/** A feature gate the Hub's ClusterManager writes explicitly. */
export interface HubFeatureGateFacts {
  /** The upstream gate name, e.g. `ClusterProfile`. */
  readonly name: string;
  /** The component whose featureGates list carries it. */
  readonly component: FeatureGateComponent;
  /** True for mode Enable, false for mode Disable. */
  readonly enabled: boolean;
}

/**
 * What a Hub declares, as plain read-only data, for tools that install or bootstrap it (the
 * Terraform `HubStack` and `SpokeStack`) without reaching into its constructs. Read it with
 * `hub.facts()` when you need it: it is a snapshot of the Hub at that moment.
 */
export interface HubFacts {
  /** The Hub's construct id. */
  readonly id: string;
  /** The ClusterManager name. */
  readonly clusterManagerName: string;
  /** The ClusterManager deploy mode. */
  readonly deployMode: ClusterManagerDeployMode;
  /** The feature gates the ClusterManager writes explicitly, sorted by name. */
  readonly featureGates: readonly HubFeatureGateFacts[];
  /** The names of every feature gate in effect (enabled explicitly or by upstream default, and not disabled), sorted. */
  readonly enabledFeatureGates: readonly string[];
  /** The users the ClusterManager auto-approves (`registrationConfiguration.autoApproveUsers`), sorted. */
  readonly autoApproveUsers: readonly string[];
  /** Every ManagedCluster declared in the Hub's subtree, sorted by name. */
  readonly clusters: readonly HubClusterFacts[];
  /** The names of the ClusterManagementAddOns the Hub declares, sorted. */
  readonly clusterManagementAddOns: readonly string[];
  /** True when the Hub wires Sveltos add-ons (`hub.addSveltosAddon()` or `HubProps.sveltosRegistration`). */
  readonly sveltosAddons: boolean;
  /**
   * How the Hub's clusters become SveltosClusters.
   * @default - none (the Hub wires no Sveltos add-ons)
   */
  readonly registrationChain?: RegistrationChain;
  /**
   * The placement the registration chain's OCM add-ons install by (it tolerates every taint).
   * @default - none (the Hub wires no Sveltos add-ons, or the chain needs no placement)
   */
  readonly addOnPlacement?: IPlacement;
  /** True when the Hub declares the chain's OCM add-ons itself (`HubProps.declareChainAddOns`). */
  readonly declaresChainAddOns: boolean;
}
