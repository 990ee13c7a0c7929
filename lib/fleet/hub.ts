import { Chart, ChartProps } from 'cdk8s';
import { KubeNamespace } from 'cdk8s-plus-30/lib/imports/k8s';
import { Construct } from 'constructs';
import { fail } from '../core/errors';
import { validateDnsLabel } from '../core/names';
import { ClusterManagementAddOn, ClusterManagementAddOnProps } from '../ocm/addon';
import { ClusterManager, ClusterManagerDeployMode, FeatureGate } from '../ocm/cluster-manager';
import { ManagedCluster, ManagedClusterProps, IManagedCluster } from '../ocm/managed-cluster';
import { ManagedClusterSet, ManagedClusterSetProps, IManagedClusterSet } from '../ocm/managed-cluster-set';
import { ManagedClusterSetBinding } from '../ocm/managed-cluster-set-binding';
import { ManifestWork, ManifestWorkProps } from '../ocm/manifest-work';
import { ManifestWorkReplicaSet, ManifestWorkReplicaSetProps } from '../ocm/manifest-work-replica-set';
import { Placement, PlacementProps } from '../ocm/placement';
import { Policy, PolicyProps } from '../ocm/policy';
import { FleetAddonOptions, FleetAddons, FleetAddonsProps } from './addons';
import { FleetChart } from './fleet-chart';
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
 * bind, addPlacement, addManifestWork, addManifestWorkReplicaSet, addAddOn and addPolicy, so a fleet
 * reads top to bottom. It is a chart: everything it declares synthesizes into one YAML file,
 * ordered by kind, namespace and name.
 */
export class Hub extends FleetChart {
  /** The hub's ClusterManager. */
  public readonly clusterManager: ClusterManager;
  private readonly createNamespaces: boolean;
  private readonly namespaces = new Map<string, KubeNamespace>();
  private readonly bindings = new Map<string, ManagedClusterSetBinding>();
  private readonly _clusters = new Map<string, ManagedCluster>();
  private readonly _sets = new Map<string, ManagedClusterSet>();

  constructor(scope: Construct, id: string, props: HubProps = {}) {
    super(scope, id, props);
    this.createNamespaces = props.createNamespaces ?? true;
    this.clusterManager = new ClusterManager(this, 'ClusterManager', {
      name: props.clusterManagerName,
      enable: props.featureGates,
      deployMode: props.deployMode,
    });
  }

  /** Declares a managed cluster (its id is its name unless `name` is given). */
  public addCluster(id: string, options: HubClusterOptions = {}): ManagedCluster {
    const name = options.name ?? id;
    if (this._clusters.has(name)) fail(`ManagedCluster "${name}"`, 'is declared twice on the hub; cluster names are hub namespaces and must be unique');
    const cluster = new ManagedCluster(this, `Cluster-${id}`, { ...options, name });
    options.clusterSet?.addCluster(cluster);
    this._clusters.set(name, cluster);
    return cluster;
  }

  /** Declares a cluster set. */
  public addClusterSet(id: string, props: ManagedClusterSetProps = {}): ManagedClusterSet {
    const name = props.name ?? id;
    if (this._sets.has(name)) fail(`ManagedClusterSet "${name}"`, 'is declared twice on the hub');
    const set = new ManagedClusterSet(this, `ClusterSet-${id}`, { ...props, name });
    this._sets.set(name, set);
    return set;
  }

  /** Binds `set` into each namespace (idempotent), creating the namespaces unless disabled. */
  public bind(set: IManagedClusterSet, ...namespaces: string[]): ManagedClusterSetBinding[] {
    if (namespaces.length === 0) fail(`ManagedClusterSet "${set.name}"`, 'hub.bind() needs at least one namespace');
    return namespaces.map((ns) => {
      validateDnsLabel(`ManagedClusterSetBinding "${ns}/${set.name}"`, 'namespace', ns);
      const key = `${ns}/${set.name}`;
      let b = this.bindings.get(key);
      if (!b) {
        this.ensureNamespace(ns);
        b = new ManagedClusterSetBinding(this, `Binding-${ns}-${set.name}`, { clusterSet: set, namespace: ns });
        this.bindings.set(key, b);
      }
      return b;
    });
  }

  /** Declares a placement. */
  public addPlacement(id: string, props: PlacementProps): Placement {
    return new Placement(this, `Placement-${props.namespace}-${id}`, { ...props, name: props.name ?? id });
  }

  /** Declares a ManifestWork for one cluster. */
  public addManifestWork(id: string, props: ManifestWorkProps): ManifestWork {
    return new ManifestWork(this, `ManifestWork-${props.cluster.name}-${id}`, { ...props, name: props.name ?? id });
  }

  /** Declares a ManifestWorkReplicaSet (enables nothing by itself: the gate must be on). */
  public addManifestWorkReplicaSet(id: string, props: ManifestWorkReplicaSetProps): ManifestWorkReplicaSet {
    return new ManifestWorkReplicaSet(this, `ManifestWorkReplicaSet-${props.namespace}-${id}`, { ...props, name: props.name ?? id });
  }

  /** Declares an OCM add-on (ClusterManagementAddOn). */
  public addAddOn(id: string, props: ClusterManagementAddOnProps = {}): ClusterManagementAddOn {
    return new ClusterManagementAddOn(this, `AddOn-${id}`, { ...props, name: props.name ?? id });
  }

  /**
   * Chooses how the hub's clusters become visible to Sveltos (once per hub; the default on first
   * `addAddon` is `RegistrationChain.inventory()`), and wires that chain end to end.
   */
  public useRegistrationChain(props: FleetAddonsProps): FleetAddons {
    return FleetAddons.of(this, props);
  }

  /**
   * Declares a Sveltos add-on (a ClusterProfile, or a Profile when `namespace` is given) as part of
   * the hub, through the hub's registration chain. Declare the clusters first.
   */
  public addAddon(id: string, options: FleetAddonOptions = {}): ProfileBase {
    return FleetAddons.of(this).addAddon(id, options);
  }

  /** Declares a governance policy and its PlacementBinding. */
  public addPolicy(id: string, props: PolicyProps): Policy {
    return new Policy(this, `Policy-${props.namespace}-${id}`, { ...props, name: props.name ?? id });
  }

  /** Every ManagedCluster declared in the hub's subtree (including through modules), sorted by name. */
  public get clusters(): ManagedCluster[] {
    return ManagedCluster.allIn(this).filter((c) => Chart.of(c) === this).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** The cluster sets declared on the hub, sorted by name. */
  public get clusterSets(): ManagedClusterSet[] {
    return [...this._sets.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  /** Every Placement declared in the hub's subtree, in declaration order. */
  public get placements(): readonly Placement[] {
    return Placement.allIn(this).filter((p) => Chart.of(p) === this);
  }

  /** A declared cluster by name. */
  public cluster(name: string): IManagedCluster {
    const c = this.clusters.find((x) => x.name === name);
    if (!c) fail(`ManagedCluster "${name}"`, `is not declared on hub "${this.node.id}" (declared: ${this.clusters.map((x) => x.name).slice(0, 10).join(', ') || 'none'})`);
    return c;
  }

  private ensureNamespace(ns: string): void {
    if (!this.createNamespaces || this.namespaces.has(ns)) return;
    this.namespaces.set(ns, new KubeNamespace(this, `Namespace-${ns}`, { metadata: { name: ns } }));
  }
}
