import { ApiObject, Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { describeValue, fail } from '../core/errors';
import { CHART_PROP_KEYS, requireArray, requireKnownKeys, requireKnownProps, requireOptionalBoolean, requireProps } from '../core/validate';
import { RegistrationChain } from '../inventory/registration';
import { validateDnsLabel } from '../core/names';
import { ClusterManagementAddOn, ClusterManagementAddOnProps } from '../ocm/addon';
import { ClusterManager, ClusterManagerDeployMode, FeatureGate } from '../ocm/cluster-manager';
import { Order } from '../core/order';
import { ManagedCluster, ManagedClusterProps, IManagedCluster } from '../ocm/managed-cluster';
import { ManagedClusterSet, ManagedClusterSetProps, IManagedClusterSet } from '../ocm/managed-cluster-set';
import { ManagedClusterSetBinding } from '../ocm/managed-cluster-set-binding';
import { ManifestWork, ManifestWorkProps } from '../ocm/manifest-work';
import { ManifestWorkReplicaSet, ManifestWorkReplicaSetProps } from '../ocm/manifest-work-replica-set';
import { Placement, PlacementProps } from '../ocm/placement';
import { Policy, PolicyProps } from '../ocm/policy';
import { SveltosAddonOptions, SveltosAddons, SveltosAddonsProps } from './sveltos-addons';
import { FleetChart } from './fleet-chart';
import { HubFacts } from './hub-facts';
import { ProfileBase } from '../sveltos/profile-base';

/** Props of {@link Hub}. */
export interface HubProps extends ChartProps {
  /**
   * The ClusterManager name.
   * @default 'cluster-manager'
   */
  readonly clusterManagerName?: string;
  /**
   * Feature gates to enable on the ClusterManager.
   * @default - none beyond upstream defaults
   */
  readonly featureGates?: FeatureGate[];
  /**
   * ClusterManager deploy mode.
   * @default ClusterManagerDeployMode.DEFAULT
   */
  readonly deployMode?: ClusterManagerDeployMode;
  /**
   * Emit a Namespace for every namespace the hub binds cluster sets into (GitOps then creates them).
   * @default true
   */
  readonly createNamespaces?: boolean;
  /**
   * How the hub's clusters become SveltosClusters, for the Sveltos add-ons declared with
   * `hub.addSveltosAddon()`. Setting it wires the chain (gate, bindings, placement, per-cluster
   * objects) at once, even before any add-on.
   * @default - RegistrationChain.inventory(), wired by the first hub.addSveltosAddon()
   */
  readonly sveltosRegistration?: RegistrationChain;
  /**
   * Declare the registration chain's OCM add-ons (cluster-proxy, managed-serviceaccount, and
   * sveltos-ocm-addon for that chain) as ClusterManagementAddOns in the hub YAML. Off by default:
   * their Helm releases (a Terraform `HubStack`, or your own `helm install`) create them, installed
   * by the chain's placement, and two owners of one ClusterManagementAddOn fight.
   * @default false
   */
  readonly declareChainAddOns?: boolean;
}

/** Options of {@link Hub.addCluster}: the ManagedCluster props plus set membership. */
export interface HubClusterOptions extends ManagedClusterProps {
  /**
   * The exclusive cluster set the cluster joins (a cluster is in at most one exclusive set).
   * @default - none
   */
  readonly clusterSet?: ManagedClusterSet;
}

/**
 * The OCM hub as one declaration: it owns the ClusterManager and offers addCluster, addClusterSet,
 * bind, addPlacement, addManifestWork, addManifestWorkReplicaSet, addClusterManagementAddOn and addPolicy, so a fleet
 * reads top to bottom. It is a chart: everything it declares synthesizes into one YAML file,
 * ordered by kind, namespace and name.
 */
export class Hub extends FleetChart {
  /** The keys of {@link HubProps}. @internal */
  public static readonly PROP_KEYS: readonly string[] = [...CHART_PROP_KEYS, 'clusterManagerName', 'featureGates', 'deployMode', 'createNamespaces', 'sveltosRegistration', 'declareChainAddOns'];

  /** The hub's ClusterManager. */
  public readonly clusterManager: ClusterManager;
  /** How the hub wires Sveltos (HubProps.sveltosRegistration and declareChainAddOns). @internal */
  public readonly _sveltosAddonsProps: SveltosAddonsProps;
  private readonly createNamespaces: boolean;
  private readonly namespaces = new Map<string, ApiObject>();
  private readonly bindings = new Map<string, ManagedClusterSetBinding>();
  private readonly _clusters = new Map<string, ManagedCluster>();
  private readonly _sets = new Map<string, ManagedClusterSet>();
  /** Every ManagedCluster of the hub's subtree, in declaration order, indexed incrementally. */
  private readonly subtreeClusters: ManagedCluster[] = [];
  /** The first of subtreeClusters with each name. */
  private readonly clustersByName = new Map<string, ManagedCluster>();
  /** How many registered ManagedClusters of the app have been looked at. */
  private clustersSeen = 0;
  /** subtreeClusters sorted by name, until another cluster is declared. */
  private sortedClusters?: ManagedCluster[];

  constructor(scope: Construct, id: string, props: HubProps = {}) {
    props = requireKnownProps(`Hub "${id}"`, props, '{ featureGates: [FeatureGate.MANAGED_CLUSTER_AUTO_APPROVAL] }', Hub.PROP_KEYS, true);
    super(scope, id, props);
    this.createNamespaces = requireOptionalBoolean(`Hub "${id}"`, 'createNamespaces', props.createNamespaces) ?? true;
    requireArray(`Hub "${id}"`, 'featureGates', props.featureGates, '[FeatureGate.MANAGED_CLUSTER_AUTO_APPROVAL]');
    this.clusterManager = new ClusterManager(this, 'ClusterManager', {
      name: props.clusterManagerName,
      enable: props.featureGates,
      deployMode: props.deployMode,
    });
    if (props.sveltosRegistration !== undefined && !(props.sveltosRegistration instanceof RegistrationChain)) {
      fail(`Hub "${id}"`, `sveltosRegistration must be RegistrationChain.inventory(), .sveltosOcmAddon() or .direct(), got ${describeValue(props.sveltosRegistration)}`);
    }
    this._sveltosAddonsProps = { chain: props.sveltosRegistration, declareAddOns: requireOptionalBoolean(`Hub "${id}"`, 'declareChainAddOns', props.declareChainAddOns) };
    if (props.sveltosRegistration) SveltosAddons.of(this);
  }

  /** Declares a managed cluster (its id is its name unless `name` is given). */
  public addCluster(id: string, options: HubClusterOptions = {}): ManagedCluster {
    const name = options.name ?? id;
    const subject = `ManagedCluster "${name}"`;
    if (this._clusters.has(name)) fail(subject, 'is declared twice on the hub; cluster names are hub namespaces and must be unique');
    requireKnownKeys(subject, 'options', requireProps(subject, options, "{ labels: { env: 'prod' } }", true) as Record<string, unknown>, [...ManagedCluster.PROP_KEYS, 'clusterSet']);
    if (options.clusterSet !== undefined && !(options.clusterSet instanceof ManagedClusterSet)) {
      fail(subject, `clusterSet ${describeValue(options.clusterSet)} is not a ManagedClusterSet declared in this app; pass the set hub.addClusterSet() returned (only a declared exclusive set can label its clusters)`);
    }
    const { clusterSet: _set, ...clusterProps } = options;
    const cluster = new ManagedCluster(this, this.childId(subject, 'hub.addCluster', 'Cluster', id), { ...clusterProps, name });
    options.clusterSet?.addCluster(cluster);
    this._clusters.set(name, cluster);
    return cluster;
  }

  /** Declares a cluster set. */
  public addClusterSet(id: string, props: ManagedClusterSetProps = {}): ManagedClusterSet {
    props = requireProps(`ManagedClusterSet "${id}"`, props, '{ selector: LabelSelector.matchLabels({ env: \'prod\' }) }', true);
    const name = props.name ?? id;
    const subject = `ManagedClusterSet "${name}"`;
    if (this._sets.has(name)) fail(subject, 'is declared twice on the hub');
    const set = new ManagedClusterSet(this, this.childId(subject, 'hub.addClusterSet', 'ClusterSet', id), { ...props, name });
    this._sets.set(name, set);
    return set;
  }

  /** Binds `set` into each namespace (idempotent), creating the namespaces unless disabled. */
  public bind(set: IManagedClusterSet, ...namespaces: string[]): ManagedClusterSetBinding[] {
    if (typeof set === 'string') fail(`hub.bind(${JSON.stringify(set)})`, `the first argument is a string, not a cluster set; use hub.bind(ManagedClusterSet.fromName(${JSON.stringify(set)}), ...) or the set hub.addClusterSet() returned`);
    if (typeof set !== 'object' || set === null || typeof set.name !== 'string' || set.name === '') {
      fail('hub.bind()', `the first argument must be a cluster set, got ${describeValue(set)}; e.g. hub.bind(hub.addClusterSet('prod'), 'apps') or hub.bind(ManagedClusterSet.GLOBAL, 'apps')`);
    }
    if (namespaces.length === 0) fail(`ManagedClusterSet "${set.name}"`, 'hub.bind() needs at least one namespace');
    return namespaces.map((ns) => {
      const subject = `ManagedClusterSetBinding "${ns}/${set.name}"`;
      validateDnsLabel(subject, 'namespace', ns);
      const key = `${ns}/${set.name}`;
      let b = this.bindings.get(key);
      if (!b) {
        this.ensureNamespace(ns);
        b = new ManagedClusterSetBinding(this, this.childId(subject, 'hub.bind', 'Binding', ns, set.name), { clusterSet: set, namespace: ns });
        this.bindings.set(key, b);
      }
      return b;
    });
  }

  /** Declares a placement. */
  public addPlacement(id: string, props: PlacementProps): Placement {
    const ns = this.requireNamespace('Placement', 'addPlacement', id, props);
    const subject = `Placement "${ns}/${props.name ?? id}"`;
    return new Placement(this, this.childId(subject, 'hub.addPlacement', 'Placement', ns, id), { ...props, name: props.name ?? id });
  }

  /** Declares a ManifestWork for one cluster. */
  public addManifestWork(id: string, props: ManifestWorkProps): ManifestWork {
    const name = props?.name ?? id;
    const cluster = props?.cluster;
    if (typeof cluster !== 'object' || cluster === null || typeof cluster.name !== 'string') {
      fail(`ManifestWork "${name}"`, `needs the cluster it is for, got ${describeValue(cluster)}; e.g. hub.addManifestWork('${id}', { cluster: hub.cluster('dc1-prod'), ... })`);
    }
    const subject = `ManifestWork "${cluster.name}/${name}"`;
    validateDnsLabel(subject, 'cluster name', cluster.name);
    return new ManifestWork(this, this.childId(subject, 'hub.addManifestWork', 'ManifestWork', cluster.name, id), { ...props, name });
  }

  /** Declares a ManifestWorkReplicaSet (enables nothing by itself: the gate must be on). */
  public addManifestWorkReplicaSet(id: string, props: ManifestWorkReplicaSetProps): ManifestWorkReplicaSet {
    const ns = this.requireNamespace('ManifestWorkReplicaSet', 'addManifestWorkReplicaSet', id, props);
    const subject = `ManifestWorkReplicaSet "${ns}/${props.name ?? id}"`;
    return new ManifestWorkReplicaSet(this, this.childId(subject, 'hub.addManifestWorkReplicaSet', 'ManifestWorkReplicaSet', ns, id), { ...props, name: props.name ?? id });
  }

  /** Declares an OCM add-on (ClusterManagementAddOn). */
  public addClusterManagementAddOn(id: string, props: ClusterManagementAddOnProps = {}): ClusterManagementAddOn {
    props = requireProps(`ClusterManagementAddOn "${id}"`, props, '{ installStrategy: InstallStrategy.manual() }', true);
    const subject = `ClusterManagementAddOn "${props.name ?? id}"`;
    return new ClusterManagementAddOn(this, this.childId(subject, 'hub.addClusterManagementAddOn', 'AddOn', id), { ...props, name: props.name ?? id });
  }

  /**
   * Declares a Sveltos add-on (a ClusterProfile, or a Profile when `namespace` is given) as part of
   * the hub, through the hub's registration chain (HubProps.sveltosRegistration). Every cluster the
   * hub declares, before or after, is registered at synth.
   */
  public addSveltosAddon(id: string, options: SveltosAddonOptions = {}): ProfileBase {
    return SveltosAddons.of(this).addAddon(id, requireProps(`Sveltos add-on "${id}"`, options, '{ helmCharts: [HelmChart.fromRepository(...)] }', true));
  }

  /** Declares a governance policy and its PlacementBindings. */
  public addPolicy(id: string, props: PolicyProps): Policy {
    const ns = this.requireNamespace('Policy', 'addPolicy', id, props);
    const subject = `Policy "${ns}/${props.name ?? id}"`;
    return new Policy(this, this.childId(subject, 'hub.addPolicy', 'Policy', ns, id), { ...props, name: props.name ?? id });
  }

  /** Every ManagedCluster declared in the hub's subtree (including through modules), sorted by name. */
  public get clusters(): ManagedCluster[] {
    this.indexClusters();
    if (!this.sortedClusters) this.sortedClusters = [...this.subtreeClusters].sort(Order.by((c) => c.name));
    return [...this.sortedClusters];
  }

  /** The cluster sets declared on the hub, sorted by name. */
  public get clusterSets(): ManagedClusterSet[] {
    return [...this._sets.values()].sort(Order.by((s) => s.name));
  }

  /** Every Placement declared in the hub's subtree, in declaration order. */
  public get placements(): readonly Placement[] {
    return Placement.allIn(this).filter((p) => Chart.of(p) === this);
  }

  /**
   * What the Hub declares now, as plain data (ClusterManager gates and auto-approved users, clusters
   * and their labels, add-ons and the Sveltos registration chain), for tools that install or
   * bootstrap the hub, such as the Terraform `HubStack` and `SpokeStack`.
   */
  public facts(): HubFacts {
    const cm = this.clusterManager;
    const spec = cm.apiObject.toJson().spec as { registrationConfiguration?: { autoApproveUsers?: string[] } } | undefined;
    const addons = SveltosAddons.find(this);
    return {
      id: this.node.id,
      clusterManagerName: cm.name,
      deployMode: cm.deployMode,
      featureGates: cm.featureGates,
      enabledFeatureGates: FeatureGate.all().filter((g) => cm.isEnabled(g)).map((g) => g.name).sort(Order.strings),
      autoApproveUsers: [...(spec?.registrationConfiguration?.autoApproveUsers ?? [])].sort(Order.strings),
      clusters: this.clusters.map((c) => ({ name: c.name, labels: c.labels })),
      clusterManagementAddOns: [...new Set(ClusterManagementAddOn.allIn(this).filter((a) => Chart.of(a) === this).map((a) => a.name))].sort(Order.strings),
      sveltosAddons: addons !== undefined,
      registrationChain: addons?.chain,
      addOnPlacement: addons?.addOnPlacement,
      declaresChainAddOns: addons?.declareAddOns ?? false,
    };
  }

  /** A declared cluster by name (a map lookup; clusters declared since the last call are indexed first). */
  public cluster(name: string): IManagedCluster {
    this.indexClusters();
    const c = this.clustersByName.get(name);
    if (!c) fail(`ManagedCluster "${name}"`, `is not declared on hub "${this.node.id}" (declared: ${this.clusters.map((x) => x.name).slice(0, 10).join(', ') || 'none'})`);
    return c;
  }

  /** Indexes the ManagedClusters registered in the app since the last call (the registry only grows). */
  private indexClusters(): void {
    const all = ManagedCluster.allIn(this);
    if (this.clustersSeen === all.length) return;
    for (; this.clustersSeen < all.length; this.clustersSeen++) {
      const c = all[this.clustersSeen];
      if (Chart.of(c) !== this) continue;
      this.subtreeClusters.push(c);
      if (!this.clustersByName.has(c.name)) this.clustersByName.set(c.name, c);
    }
    this.sortedClusters = undefined;
  }

  /**
   * The construct id `Kind(part,...)` of a child declared through an add* helper. The parts are a
   * DNS-1123 namespace or cluster name (no ",") followed by the user's id, so two different
   * declarations never get the same id; a second declaration with the same parts fails here.
   */
  private childId(subject: string, helper: string, kind: string, ...parts: string[]): string {
    for (const part of parts) {
      if (typeof part !== 'string' || part === '') fail(subject, `${helper}() needs a non-empty id, got ${describeValue(part)}`);
      if (part.includes('/')) fail(subject, `${helper}() id ${JSON.stringify(part)} contains "/", which construct ids may not; use "-" or "." instead`);
    }
    const id = `${kind}(${parts.join(',')})`;
    if (this.node.tryFindChild(id)) {
      fail(subject, `is declared twice on hub "${this.node.id}" (${helper}() with the same ${parts.length > 1 ? 'namespace and id' : 'id'}: construct id ${JSON.stringify(id)}); use another id`);
    }
    return id;
  }

  /** The namespace of an add* helper's props, validated (it is part of the construct id), or a clear error. */
  private requireNamespace(kind: string, helper: string, id: string, props: { readonly namespace: string; readonly name?: string } | undefined): string {
    const subject = `${kind} "${props?.name ?? id}"`;
    if (typeof props !== 'object' || props === null) fail(subject, `hub.${helper}('${id}') needs props with at least a namespace, e.g. hub.${helper}('${id}', { namespace: 'apps', ... })`);
    if (props.namespace === undefined) fail(subject, `hub.${helper}('${id}', ...) needs a namespace, e.g. { namespace: 'apps', ... }`);
    validateDnsLabel(subject, 'namespace', props.namespace);
    return props.namespace;
  }

  private ensureNamespace(ns: string): void {
    if (!this.createNamespaces || this.namespaces.has(ns)) return;
    this.namespaces.set(ns, new ApiObject(this, `Namespace(${ns})`, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }));
  }
}

