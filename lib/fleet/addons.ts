import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { fail } from '../core/errors';
import { Duration } from '../core/values';
import { InventoryAddOns, SveltosOcmCluster } from '../inventory/addons';
import { InventoryNamespace } from '../inventory/inventory-namespace';
import { ClusterRegistration, RegistrationChain, RegistrationChainKind } from '../inventory/registration';
import { ClusterManagementAddOn, ClusterManagementAddOnProps } from '../ocm/addon';
import { FeatureGate } from '../ocm/cluster-manager';
import { IManagedCluster } from '../ocm/managed-cluster';
import { Placement, TolerationOperator } from '../ocm/placement';
import { ClusterProfile } from '../sveltos/cluster-profile';
import { Profile } from '../sveltos/profile';
import { ProfileBase, ProfileOptions } from '../sveltos/profile-base';
import type { Hub } from './hub';

/** Props of {@link FleetAddons}. */
export interface FleetAddonsProps {
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
   * The chain's placement ({@link FleetAddons.addOnPlacement}) is declared either way: it is what
   * the add-ons must be installed by (a HubStack passes it to its releases as
   * `installByPlacement`). The hub YAML is synthesized without knowing whether a HubStack will
   * read it, so it is kept even when nothing else installs by it; it then only costs the
   * scheduler one PlacementDecision set.
   * @default true
   */
  readonly declareAddOns?: boolean;
}

/** Options of {@link FleetAddons.addAddon}: the Sveltos profile props plus where it lives. */
export interface FleetAddonOptions extends ProfileOptions {
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
 * ClusterProfile, a ManagedServiceAccount and its spoke RBAC. Declare the clusters (and their
 * labels) first; clusters declared later need `registerClusters()`.
 */
export class FleetAddons extends Construct {
  /**
   * The hub's FleetAddons, created on first use (with `props`) under id `Addons`. A later call may
   * repeat the same settings (an equal chain, the same declareAddOns) but not change them.
   */
  public static of(hub: Hub, props: FleetAddonsProps = {}): FleetAddons {
    const existing = FleetAddons.find(hub);
    if (existing) {
      if (props.chain !== undefined && !sameChain(props.chain, existing.chain)) {
        const same = props.chain instanceof RegistrationChain && props.chain.kind === existing.chain.kind;
        fail(`hub "${hub.node.id}"`, `already registers its clusters with Sveltos through the ${existing.chain.kind} chain (${existing.chain.describe()}${same ? `, ${chainDetails(existing.chain)}` : ''}); a hub has one registration chain, and this call asks for ${props.chain instanceof RegistrationChain ? `${props.chain.describe()}${same ? `, ${chainDetails(props.chain)}` : ''}` : JSON.stringify(props.chain)}. Pass the chain on first use only: call hub.useRegistrationChain(...) before any hub.addAddon(...), which creates the wiring with the default chain`);
      }
      if (props.declareAddOns !== undefined && props.declareAddOns !== existing.declareAddOns) {
        fail(`hub "${hub.node.id}"`, `already wires its add-ons with declareAddOns: ${existing.declareAddOns}, and this call asks for declareAddOns: ${props.declareAddOns}; the setting is fixed on first use. Call hub.useRegistrationChain({ declareAddOns: ${props.declareAddOns} }) before any hub.addAddon(...), which creates the wiring with the defaults`);
      }
      return existing;
    }
    return new FleetAddons(hub, 'Addons', props);
  }

  /** The hub's FleetAddons if it has one (never creates it). */
  public static find(hub: Hub): FleetAddons | undefined {
    const existing = hub.node.tryFindChild('Addons');
    return existing instanceof FleetAddons ? existing : undefined;
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
   * FleetAddons declares the add-ons themselves (see `declareAddOns`).
   */
  public readonly addOnPlacement?: Placement;
  /** Whether the chain's OCM add-ons are declared as ClusterManagementAddOns on the hub. */
  public readonly declareAddOns: boolean;
  private readonly _profiles: ProfileBase[] = [];
  private readonly byName = new Map<string, string>();
  private readonly notes: string[] = [];

  constructor(hub: Hub, id: string, props: FleetAddonsProps = {}) {
    super(hub, id);
    this.hub = hub;
    this.chain = props.chain ?? RegistrationChain.inventory();
    if (!(this.chain instanceof RegistrationChain)) fail('FleetAddons', 'chain must be RegistrationChain.inventory(), .sveltosOcmAddon() or .direct()');
    this.declareAddOns = props.declareAddOns ?? true;
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
    this.registerClusters();
    this.node.addValidation({ validate: () => this.validateRegistered() });
  }

  /** Registers every cluster declared on the hub so far (idempotent). */
  public registerClusters(): this {
    this.registration.addCluster(...this.hub.clusters);
    return this;
  }

  /**
   * Declares an add-on: a Sveltos ClusterProfile, or a Profile when `namespace` is given. Clusters
   * declared on the hub so far are registered first.
   */
  public addAddon(id: string, options: FleetAddonOptions = {}): ProfileBase {
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
    this.registerClusters();
    const clusterRefs = [...(options.clusterRefs ?? [])];
    for (const c of options.clusters ?? []) {
      if (!this.chain.registers(c)) {
        fail(`add-on "${name}"`, `cluster "${c.name}" is not in cluster set "${this.chain.clusterSet?.name}", so the ${this.chain.kind} chain gives it no SveltosCluster; add it to the set or drop it from clusters`);
      }
      clusterRefs.push(this.chain.sveltosClusterRef(c));
    }
    const profile = options.namespace !== undefined
      ? new Profile(this, constructId, { ...options, name, namespace: options.namespace, clusterRefs })
      : new ClusterProfile(this, constructId, { ...options, name, clusterRefs });
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
      this.notes.push(`ClusterManagementAddOn "${name}" is declared elsewhere, so FleetAddons does not install it; make sure its install strategy covers the clusters of placement "${this.addOnPlacement?.namespace}/${this.addOnPlacement?.name}"`);
      return;
    }
    this.hub.addAddOn(name, props);
  }

  private validateRegistered(): string[] {
    const missing = this.hub.clusters.filter((c) => !this.registration.has(c)).map((c) => c.name);
    if (missing.length === 0) return [];
    return [`FleetAddons: ManagedCluster ${missing.slice(0, 5).map((n) => `"${n}"`).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''} ${missing.length > 1 ? 'were' : 'was'} declared after the fleet's add-ons, so the ${this.chain.kind} chain never registered ${missing.length > 1 ? 'them' : 'it'} with Sveltos. Declare clusters before addAddon, or call FleetAddons.of(hub).registerClusters() after declaring them`];
  }
}

/** True when two chains register the same clusters the same way (kind and every setting), whatever their identity. */
function sameChain(a: RegistrationChain, b: RegistrationChain): boolean {
  return a === b || (a instanceof RegistrationChain && chainKey(a) === chainKey(b));
}

function chainKey(c: RegistrationChain): string {
  // copyLabels has no public getter on RegistrationChain; it is part of the chain's identity.
  const copyLabels = (c as unknown as { copyLabels?: readonly string[] }).copyLabels;
  return JSON.stringify({
    kind: c.kind,
    clusterSet: c.clusterSet?.name ?? null,
    namespace: c.namespace ?? null,
    copyLabels: copyLabels ? [...copyLabels].sort() : null,
    settings: c._settings,
  }, (_k, v) => (v instanceof Duration ? `${v.toSeconds()}s` : v));
}

/** The settings of a chain, for an error message that shows how two chains of one kind differ. */
function chainDetails(c: RegistrationChain): string {
  return `settings ${chainKey(c)}`;
}
