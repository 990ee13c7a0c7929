import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { describeValue, fail } from '../core/errors';
import { InventoryAddOns, SveltosOcmCluster } from '../inventory/addons';
import { InventoryNamespace } from '../inventory/inventory-namespace';
import { ClusterRegistration, RegistrationChain, RegistrationChainKind } from '../inventory/registration';
import { ClusterManagementAddOn, ClusterManagementAddOnProps } from '../ocm/addon';
import { FeatureGate } from '../ocm/cluster-manager';
import { IManagedCluster } from '../ocm/managed-cluster';
import { Placement, TolerationOperator } from '../ocm/placement';
import { FleetRegistry } from '../ocm/_registry';
import { ClusterProfile } from '../sveltos/cluster-profile';
import { Profile } from '../sveltos/profile';
import { ProfileBase, ProfileOptions } from '../sveltos/profile-base';
import type { Hub } from './hub';

/** Props of {@link SveltosAddons}. */
export interface SveltosAddonsProps {
  /**
   * How the hub's clusters become SveltosClusters.
   * @default RegistrationChain.inventory()
   */
  readonly chain?: RegistrationChain;
  /**
   * Declare the chain's OCM add-ons (cluster-proxy, managed-serviceaccount, and sveltos-ocm-addon
   * for that chain) as ClusterManagementAddOns installed by the chain's placement. Turn it off when
   * the add-ons' Helm releases create their own ClusterManagementAddOns (e.g. a Terraform HubStack
   * with clusterProxy / managedServiceAccount releases, which refuses a hub that declares them too);
   * their install strategies must then cover the registered clusters.
   *
   * The chain's placement ({@link SveltosAddons.addOnPlacement}) is declared either way: it is what
   * the add-ons must be installed by (a HubStack passes it to its releases as
   * `installByPlacement`). The hub YAML is synthesized without knowing whether a HubStack will
   * read it, so it is kept even when nothing else installs by it; it then only costs the
   * scheduler one PlacementDecision set.
   * @default true
   */
  readonly declareAddOns?: boolean;
}

/** Options of {@link SveltosAddons.addAddon}: the Sveltos profile props plus where it lives. */
export interface SveltosAddonOptions extends ProfileOptions {
  /**
   * The profile name.
   * @default - the id
   */
  readonly name?: string;
  /**
   * A namespace makes it a Sveltos Profile, which only reaches SveltosClusters in that namespace
   * (with the inventory chain: the inventory namespace; with sveltos-ocm-addon: one cluster's namespace).
   * @default - a cluster-scoped ClusterProfile
   */
  readonly namespace?: string;
  /**
   * Declared clusters to reach by reference (through the SveltosCluster the chain gives each).
   * @default - none
   */
  readonly clusters?: IManagedCluster[];
  /**
   * Namespace of the ConfigMaps `addManifests` creates (ClusterProfile only).
   * @default 'projectsveltos'
   */
  readonly manifestsNamespace?: string;
}

/**
 * A fleet's Sveltos add-ons as part of its hub declaration: `addAddon` declares ClusterProfiles and
 * Profiles, and the chosen {@link RegistrationChain} is wired end to end so every declared cluster
 * is visible to them. For the inventory chain (the default) that is the ClusterManager gate
 * ClusterProfile, the cluster set bound into the (labelled) inventory namespace, cluster-proxy and
 * managed-serviceaccount installed by a placement, and per cluster a labelled inventory
 * ClusterProfile, a ManagedServiceAccount and its spoke RBAC. Clusters, labels, sets and add-ons
 * may be declared in any order: every cluster the hub declares is registered at synth.
 */
export class SveltosAddons extends Construct {
  /**
   * The hub's SveltosAddons, created on first use under id `Addons` with the hub's settings
   * (HubProps.sveltosRegistration and declareChainAddOns).
   */
  public static of(hub: Hub): SveltosAddons {
    return SveltosAddons.find(hub) ?? new SveltosAddons(hub, 'Addons', hub._sveltosAddonsProps);
  }

  /** The hub's SveltosAddons if it has one (never creates it). */
  public static find(hub: Hub): SveltosAddons | undefined {
    const existing = hub.node.tryFindChild('Addons');
    return existing instanceof SveltosAddons ? existing : undefined;
  }

  /** The hub. */
  public readonly hub: Hub;
  /** The registration chain. */
  public readonly chain: RegistrationChain;
  /** The per-cluster registration. */
  public readonly registration: ClusterRegistration;
  /**
   * The placement that installs the chain's OCM add-ons (none for the direct chain). It tolerates
   * every taint, so tainted clusters (edge, joining) get the add-ons too. Declared whether or not
   * SveltosAddons declares the add-ons themselves (see `declareAddOns`).
   */
  public readonly addOnPlacement?: Placement;
  /** Whether the chain's OCM add-ons are declared as ClusterManagementAddOns on the hub. */
  public readonly declareAddOns: boolean;
  private readonly _profiles: ProfileBase[] = [];
  private readonly byName = new Map<string, string>();
  private readonly notes: string[] = [];
  /** Clusters add-ons reach by reference, checked at synth against the chain's set. */
  private readonly referenced: { addon: string; cluster: IManagedCluster }[] = [];

  constructor(hub: Hub, id: string, props: SveltosAddonsProps = {}) {
    super(hub, id);
    this.hub = hub;
    this.chain = props.chain ?? RegistrationChain.inventory();
    if (!(this.chain instanceof RegistrationChain)) fail('SveltosAddons', 'chain must be RegistrationChain.inventory(), .sveltosOcmAddon() or .direct()');
    this.declareAddOns = props.declareAddOns ?? false;
    const s = this.chain._settings;
    switch (this.chain.kind) {
      case RegistrationChainKind.INVENTORY: {
        const ns = this.chain.namespace!;
        const set = this.chain.clusterSet!;
        hub.clusterManager.enable(FeatureGate.CLUSTER_PROFILE);
        hub.bind(set, ns);
        const nsObject = hub.node.children.find((c): c is ApiObject => c instanceof ApiObject && c.kind === 'Namespace' && c.name === ns);
        if (nsObject) InventoryNamespace.label(nsObject, set.name);
        else this.notes.push(`the hub does not create namespace "${ns}" (createNamespaces is off); create it with label multicluster.x-k8s.io/clusterset=${set.name} (or an InventoryNamespace)`);
        // Every registered cluster needs the add-ons, tainted ones included (edge, joining).
        this.addOnPlacement = hub.addPlacement('inventory-addons', { namespace: ns, clusterSets: [set], tolerations: [{ operator: TolerationOperator.EXISTS }] });
        this.ensureAddOn(InventoryAddOns.clusterProxy(this.addOnPlacement));
        this.ensureAddOn(InventoryAddOns.managedServiceAccount(this.addOnPlacement));
        break;
      }
      case RegistrationChainKind.SVELTOS_OCM_ADDON: {
        const ns = s.placementNamespace!;
        const set = this.chain.clusterSet!;
        hub.bind(set, ns);
        this.addOnPlacement = hub.addPlacement('sveltos-ocm', { namespace: ns, clusterSets: [set], tolerations: [{ operator: TolerationOperator.EXISTS }] });
        const config = new SveltosOcmCluster(this, 'SveltosOcmCluster', {
          namespace: s.configNamespace,
          labelSync: s.labelSync,
          tokenValidity: s.tokenValidity,
          shard: s.shard,
        });
        this.ensureAddOn(InventoryAddOns.clusterProxy(this.addOnPlacement));
        this.ensureAddOn(InventoryAddOns.managedServiceAccount(this.addOnPlacement));
        this.ensureAddOn(InventoryAddOns.sveltosOcmAddon(config, this.addOnPlacement));
        break;
      }
      default:
        break;
    }
    this.registration = new ClusterRegistration(this, 'Registration', { chain: this.chain });
    // Every cluster of the hub is registered at synth, once all declarations are made.
    FleetRegistry.of(this).addPreparer(() => this.registration.addCluster(...this.hub.clusters));
    this.node.addValidation({ validate: () => this.validateClusterRefs() });
  }

  /** Declares an add-on: a Sveltos ClusterProfile, or a Profile when `namespace` is given. */
  public addAddon(id: string, options: SveltosAddonOptions = {}): ProfileBase {
    const name = options.name ?? id;
    const kind = options.namespace !== undefined ? 'Profile' : 'ClusterProfile';
    const where = options.namespace !== undefined ? `${options.namespace}/${name}` : name;
    const constructId = options.namespace !== undefined ? `Profile-${options.namespace}-${id}` : `ClusterProfile-${id}`;
    if (this.node.tryFindChild(constructId)) {
      fail(`add-on "${id}"`, `is declared twice on hub "${this.hub.node.id}" (addAddon("${id}"${options.namespace !== undefined ? `, { namespace: "${options.namespace}" }` : ''}) was already called); give the second add-on another id, or keep the profile the first call returned and extend it`);
    }
    const twin = this.byName.get(`${kind}/${where}`);
    if (twin !== undefined) {
      fail(`add-on "${id}"`, `would be ${kind} "${where}", which add-on "${twin}" already declares; two profiles with one name overwrite each other on the hub, so give this one another name`);
    }
    const clusterRefs = [...(options.clusterRefs ?? [])];
    if (options.clusters !== undefined && !Array.isArray(options.clusters)) fail(`add-on "${name}"`, `clusters must be a list of ManagedClusters, got ${describeValue(options.clusters)}`);
    for (const c of options.clusters ?? []) {
      clusterRefs.push(this.chain.sveltosClusterRef(c));
      this.referenced.push({ addon: name, cluster: c });
    }
    const { clusters: _clusters, ...profileOptions } = options;
    const profile = options.namespace !== undefined
      ? new Profile(this, constructId, { ...profileOptions, name, namespace: options.namespace, clusterRefs })
      : new ClusterProfile(this, constructId, { ...profileOptions, name, clusterRefs });
    this._profiles.push(profile);
    this.byName.set(`${kind}/${where}`, id);
    return profile;
  }

  /** The add-ons declared through this helper, in declaration order. */
  public get profiles(): readonly ProfileBase[] {
    return [...this._profiles];
  }

  /** Risks and gaps of the wiring (chain warnings, clusters left out, add-ons declared elsewhere), for the plan's rule report. */
  public get warnings(): string[] {
    return [...this.registration.warnings, ...this.notes];
  }

  private ensureAddOn(props: ClusterManagementAddOnProps): void {
    const name = props.name!;
    if (!this.declareAddOns) {
      this.notes.push(`ClusterManagementAddOn "${name}" is not declared (declareAddOns is off); whatever creates it must install it on the clusters of placement "${this.addOnPlacement?.namespace}/${this.addOnPlacement?.name}" (a Terraform HubStack passes that placement to its ${name} release as installByPlacement; the placement is declared either way)`);
      return;
    }
    const existing = ClusterManagementAddOn.allIn(this).find((a) => a.name === name);
    if (existing) {
      this.notes.push(`ClusterManagementAddOn "${name}" is declared elsewhere, so SveltosAddons does not install it; make sure its install strategy covers the clusters of placement "${this.addOnPlacement?.namespace}/${this.addOnPlacement?.name}"`);
      return;
    }
    this.hub.addClusterManagementAddOn(name, props);
  }

  /** Clusters given to addAddon({ clusters }) that the chain does not register (decided at synth, when set membership is final). */
  private validateClusterRefs(): string[] {
    return this.referenced
      .filter(({ cluster }) => !this.chain.registers(cluster))
      .map(({ addon, cluster }) => `add-on "${addon}": cluster "${cluster.name}" is not in cluster set "${this.chain.clusterSet?.name}", so the ${this.chain.kind} chain gives it no SveltosCluster and the clusterRef reaches nothing; add it to the set or drop it from clusters`);
  }
}
