import { Construct } from 'constructs';
import { fail } from '../core/errors';
import { requireOptionalBoolean, requireProps } from '../core/validate';
import { validateDnsLabel, validateDnsSubdomain, validateLabelKey } from '../core/names';
import { Order } from '../core/order';
import { LabelSelector } from '../core/selector';
import { Duration } from '../core/values';
import { FleetRegistry } from '../ocm/_registry';
import { ClusterLabels, IManagedCluster } from '../ocm/managed-cluster';
import { ClusterSetSelector, IManagedClusterSet, ManagedClusterSet, setContains } from '../ocm/managed-cluster-set';
import { ManagedClusterSetBinding } from '../ocm/managed-cluster-set-binding';
import { ManifestWork } from '../ocm/manifest-work';
import { sveltosClusterFromInventoryClusterProfile, sveltosClusterFromManagedCluster } from '../core/sveltos';
import { ClusterRef, IClusterRef } from '../sveltos/cluster-ref';
import { SveltosCluster, TokenRequestRenewalOption } from '../sveltos/sveltos-cluster';
import { ClusterProfile } from './cluster-profile';
import { InventoryLabels, OCM_CLUSTER_MANAGER } from './labels';
import { ManagedServiceAccount } from './managed-service-account';

/** The ways a declared ManagedCluster becomes a SveltosCluster. */
export enum RegistrationChainKind {
  /** OCM writes SIG ClusterProfiles; Sveltos' clusterinventory-controller turns them into SveltosClusters. */
  INVENTORY = 'inventory',
  /** sveltos-ocm-addon writes a SveltosCluster per ManagedCluster. */
  SVELTOS_OCM_ADDON = 'sveltos-ocm-addon',
  /** One SveltosCluster per cluster, declared here, with a kubeconfig Secret filled elsewhere. */
  DIRECT = 'direct',
}

/** Options of {@link RegistrationChain.inventory}. */
export interface InventoryChainOptions {
  /**
   * The inventory namespace: the cluster set is bound into it, OCM writes one ClusterProfile per
   * member there, and the SveltosClusters appear there.
   * @default 'cluster-inventory'
   */
  readonly namespace?: string;
  /**
   * The cluster set whose members are inventoried.
   * @default - the `global` set (every cluster)
   */
  readonly clusterSet?: IManagedClusterSet;
  /**
   * ManagedCluster label keys copied onto the pre-created ClusterProfiles (and so onto the
   * SveltosClusters). OCM itself only stamps cluster-manager, cluster-name and clusterset labels.
   * @default - every label of the ManagedCluster
   */
  readonly copyLabels?: string[];
  /**
   * Name of the ManagedServiceAccount (per cluster) whose token Sveltos uses.
   * @default 'sveltos'
   */
  readonly serviceAccountName?: string;
  /**
   * ClusterRole on each spoke bound to that ServiceAccount through a ManifestWork (Sveltos deploys
   * arbitrary add-ons, so it needs broad rights). Set to an empty string to ship RBAC yourself.
   * @default 'cluster-admin'
   */
  readonly spokeClusterRole?: string;
}

/** Options of {@link RegistrationChain.sveltosOcmAddon}. */
export interface SveltosOcmAddonChainOptions {
  /**
   * The cluster set whose members the add-on registers (through a placement).
   * @default - the `global` set (every cluster)
   */
  readonly clusterSet?: IManagedClusterSet;
  /**
   * Namespace of the add-on's placement (the set is bound into it).
   * @default 'open-cluster-management-addon'
   */
  readonly placementNamespace?: string;
  /**
   * Namespace of the SveltosOCMCluster config.
   * @default 'open-cluster-management'
   */
  readonly configNamespace?: string;
  /**
   * Copy ManagedCluster labels onto the SveltosClusters.
   * @default true
   */
  readonly labelSync?: boolean;
  /**
   * Validity of the token behind each kubeconfig.
   * @default Duration.hours(168)
   */
  readonly tokenValidity?: Duration;
  /**
   * Shard key annotated on each SveltosCluster.
   * @default - none
   */
  readonly shard?: string;
}

/** Options of {@link RegistrationChain.direct}. */
export interface DirectChainOptions {
  /**
   * Namespace of the SveltosClusters and their kubeconfig Secrets.
   * @default 'projectsveltos'
   */
  readonly namespace?: string;
  /**
   * ManagedCluster label keys copied onto the SveltosClusters.
   * @default - every label of the ManagedCluster
   */
  readonly copyLabels?: string[];
  /**
   * Key of the kubeconfig in each `<cluster>-sveltos-kubeconfig` Secret.
   * @default 'kubeconfig'
   */
  readonly kubeconfigKeyName?: string;
  /**
   * Token renewal for each SveltosCluster.
   * @default - none
   */
  readonly tokenRequestRenewalOption?: TokenRequestRenewalOption;
}

const GLOBAL_SET = ManagedClusterSet.fromName('global', ClusterSetSelector.labelSelector(LabelSelector.all()));

/**
 * The labels clusterinventory-controller gives the SveltosCluster of inventory ClusterProfile
 * `namespace/name`: the ClusterProfile's labels plus its managed-by label (the plan's model of it).
 */
function inventorySveltosClusterLabels(namespace: string, name: string, profileLabels: Record<string, string>): Record<string, string> {
  return { ...sveltosClusterFromInventoryClusterProfile({ metadata: { namespace, name, labels: profileLabels } }).labels };
}

/** Throws unless `cluster` is a ManagedCluster (or a reference to one). */
function requireCluster(subject: string, cluster: unknown): asserts cluster is IManagedCluster {
  const c = cluster as Partial<IManagedCluster> | undefined;
  if (!c || typeof c !== 'object' || typeof c.name !== 'string' || !c.name || typeof c.labels !== 'object') {
    fail(subject, `needs a ManagedCluster (a declared one or ManagedCluster.fromName(name)), got ${c && typeof c === 'object' ? `{ ${Object.keys(c).sort().join(', ')} }` : JSON.stringify(c)}`);
  }
}

/**
 * How declared ManagedClusters become SveltosClusters, so that Sveltos selectors can be checked
 * against the labels they will really see. A value: `RegistrationChain.inventory()` (the default),
 * `.sveltosOcmAddon()` (opt-in) or `.direct()`.
 */
export class RegistrationChain {
  /**
   * Via the SIG inventory: ClusterManager gate ClusterProfile and a binding into the inventory
   * namespace make OCM write one ClusterProfile per member; cluster-proxy fills its accessProviders,
   * managed-serviceaccount syncs the token, and Sveltos' clusterinventory-controller (helm
   * `clusterInventory.enabled: true`, provider file mapping `open-cluster-management` to the
   * managed-serviceaccount credentials plugin) creates the SveltosCluster. The library pre-creates
   * the ClusterProfiles with the fleet's labels, which OCM would not copy.
   */
  public static inventory(options: InventoryChainOptions = {}): RegistrationChain {
    options = requireProps('RegistrationChain.inventory', options, "{ namespace: 'cluster-inventory' }", true);
    const namespace = options.namespace ?? 'cluster-inventory';
    validateDnsLabel('RegistrationChain.inventory', 'namespace', namespace);
    const sa = options.serviceAccountName ?? 'sveltos';
    validateDnsSubdomain('RegistrationChain.inventory', 'serviceAccountName', sa);
    for (const k of options.copyLabels ?? []) validateLabelKey('RegistrationChain.inventory', 'copyLabels entry', k);
    const role = options.spokeClusterRole ?? 'cluster-admin';
    if (role) validateDnsSubdomain('RegistrationChain.inventory', 'spokeClusterRole', role);
    const warnings = [
      `OCM writes a ClusterProfile into every namespace that has a ManagedClusterSetBinding, and clusterinventory-controller turns each into a SveltosCluster; only those in "${namespace}" carry the fleet's labels, so select on fleet labels (not on ${InventoryLabels.OCM_CLUSTER_NAME} or ${InventoryLabels.CLUSTER_SET}) to reach each spoke once`,
    ];
    if (role) {
      warnings.push(`ManagedServiceAccount "${sa}" is bound to ClusterRole "${role}" on every inventoried spoke (Sveltos deploys with its token); pass spokeClusterRole to narrow it`);
    }
    return new RegistrationChain(RegistrationChainKind.INVENTORY, options.clusterSet ?? GLOBAL_SET, namespace, options.copyLabels, warnings, {
      serviceAccountName: sa,
      spokeClusterRole: role || undefined,
    });
  }

  /**
   * Via sveltos-ocm-addon (opt-in): its ClusterManagementAddOn, a placement and a SveltosOCMCluster
   * config; for each selected cluster it creates a ManagedServiceAccount, grants it `*`/`*`/`*` on
   * the spoke, and writes SveltosCluster `<cluster>/<cluster>` with the ManagedCluster's labels.
   */
  public static sveltosOcmAddon(options: SveltosOcmAddonChainOptions = {}): RegistrationChain {
    options = requireProps('RegistrationChain.sveltosOcmAddon', options, "{ placementNamespace: 'open-cluster-management-addon' }", true);
    const placementNamespace = options.placementNamespace ?? 'open-cluster-management-addon';
    const configNamespace = options.configNamespace ?? 'open-cluster-management';
    validateDnsLabel('RegistrationChain.sveltosOcmAddon', 'placementNamespace', placementNamespace);
    validateDnsLabel('RegistrationChain.sveltosOcmAddon', 'configNamespace', configNamespace);
    const labelSync = requireOptionalBoolean('RegistrationChain.sveltosOcmAddon', 'labelSync', options.labelSync) ?? true;
    if (options.tokenValidity !== undefined && !(options.tokenValidity instanceof Duration)) {
      fail('RegistrationChain.sveltosOcmAddon', `tokenValidity must be a Duration, got ${JSON.stringify(options.tokenValidity)}; use e.g. Duration.hours(168)`);
    }
    const warnings = [
      'sveltos-ocm-addon grants ClusterRole sveltos-ocm-admin with apiGroups ["*"], resources ["*"], verbs ["*"] on every selected spoke (cluster-admin equivalent) through ManifestWork sveltos-ocm-rbac',
      'sveltos-ocm-addon copies ManagedCluster labels to SveltosClusters but never removes one: a label removed from a ManagedCluster stays on its SveltosCluster, and selectors keep matching it',
      'sveltos-ocm-addon cleans up only when its SveltosOCMCluster is deleted: a cluster leaving the placement keeps its SveltosCluster, kubeconfig Secret, ManagedServiceAccount and RBAC',
    ];
    if (!labelSync) warnings.push('sveltos-ocm-addon labelSync is off: SveltosClusters carry no ManagedCluster labels, so only clusterRefs reach them');
    return new RegistrationChain(RegistrationChainKind.SVELTOS_OCM_ADDON, options.clusterSet ?? GLOBAL_SET, undefined, undefined, warnings, {
      placementNamespace,
      configNamespace,
      labelSync,
      tokenValidity: options.tokenValidity,
      shard: options.shard,
    });
  }

  /**
   * Direct: one SveltosCluster per declared cluster, carrying its labels, with a kubeconfig Secret
   * reference (`<cluster>-sveltos-kubeconfig`) that Terraform or an external secret store fills.
   */
  public static direct(options: DirectChainOptions = {}): RegistrationChain {
    options = requireProps('RegistrationChain.direct', options, "{ namespace: 'projectsveltos' }", true);
    const namespace = options.namespace ?? 'projectsveltos';
    validateDnsLabel('RegistrationChain.direct', 'namespace', namespace);
    for (const k of options.copyLabels ?? []) validateLabelKey('RegistrationChain.direct', 'copyLabels entry', k);
    return new RegistrationChain(RegistrationChainKind.DIRECT, undefined, namespace, options.copyLabels, [], {
      kubeconfigKeyName: options.kubeconfigKeyName,
      tokenRequestRenewalOption: options.tokenRequestRenewalOption,
    });
  }

  /** Known risks of the chain, for the plan's rule report. */
  public readonly warnings: readonly string[];

  private constructor(
    /** Which chain. */
    public readonly kind: RegistrationChainKind,
    /** The OCM cluster set it registers (inventory, sveltos-ocm-addon), or undefined (direct: every declared cluster). */
    public readonly clusterSet: IManagedClusterSet | undefined,
    /** Where the SveltosClusters live, or undefined when each lives in its cluster's namespace. */
    public readonly namespace: string | undefined,
    private readonly copyLabels: string[] | undefined,
    warnings: string[],
    /** Chain-specific settings. @internal */
    public readonly _settings: {
      readonly serviceAccountName?: string;
      readonly spokeClusterRole?: string;
      readonly placementNamespace?: string;
      readonly configNamespace?: string;
      readonly labelSync?: boolean;
      readonly tokenValidity?: Duration;
      readonly shard?: string;
      readonly kubeconfigKeyName?: string;
      readonly tokenRequestRenewalOption?: TokenRequestRenewalOption;
    },
  ) {
    this.warnings = [...warnings];
  }

  /** True when the chain gives `cluster` a SveltosCluster (members of the chain's set). */
  public registers(cluster: IManagedCluster): boolean {
    requireCluster(`RegistrationChain "${this.kind}"`, cluster);
    return this.clusterSet === undefined || setContains(this.clusterSet, cluster.labels);
  }

  /** The SveltosCluster the chain creates for `cluster`. */
  public sveltosClusterRef(cluster: IManagedCluster): IClusterRef {
    requireCluster(`RegistrationChain "${this.kind}"`, cluster);
    return ClusterRef.sveltosCluster(this.namespace ?? cluster.name, cluster.name);
  }

  /**
   * The labels a Sveltos clusterSelector sees on the SveltosCluster of `cluster` (besides
   * `projectsveltos.io/k8s-version`, which Sveltos adds once the cluster is ready), or an empty map
   * when the chain does not register it.
   */
  public sveltosClusterLabels(cluster: IManagedCluster): Record<string, string> {
    if (!this.registers(cluster)) return {};
    switch (this.kind) {
      case RegistrationChainKind.INVENTORY:
        return inventorySveltosClusterLabels(this.namespace!, cluster.name, this._inventoryProfileLabels(cluster));
      case RegistrationChainKind.SVELTOS_OCM_ADDON:
        return { ...sveltosClusterFromManagedCluster({ name: cluster.name, labels: cluster.labels }, { labelSync: this._settings.labelSync }).cluster.labels };
      default:
        return this.copied(cluster);
    }
  }

  /** The chain in words, for messages and the plan. */
  public describe(): string {
    switch (this.kind) {
      case RegistrationChainKind.INVENTORY:
        return `registration chain "inventory" (ClusterProfiles in "${this.namespace}", labels ${this.copyLabels ? `copied: ${this.copyLabels.join(', ') || 'none'}` : 'copied: all'})`;
      case RegistrationChainKind.SVELTOS_OCM_ADDON:
        return `registration chain "sveltos-ocm-addon" (labelSync ${this._settings.labelSync ? 'on' : 'off'})`;
      default:
        return `registration chain "direct" (SveltosClusters in "${this.namespace}")`;
    }
  }

  /** Labels of the inventory ClusterProfile pre-created for `cluster` (what OCM also stamps included). @internal */
  public _inventoryProfileLabels(cluster: IManagedCluster): Record<string, string> {
    return { ...this.copied(cluster), ...ocmStampedLabels(cluster) };
  }

  private copied(cluster: IManagedCluster): Record<string, string> {
    const labels = cluster.labels;
    if (!this.copyLabels) return { ...labels };
    const out: Record<string, string> = {};
    for (const k of this.copyLabels) if (k in labels) out[k] = labels[k];
    return out;
  }
}

/** The labels OCM's ClusterProfile controllers put on every ClusterProfile of `cluster`. */
function ocmStampedLabels(cluster: IManagedCluster): Record<string, string> {
  const set = cluster.labels[ClusterLabels.CLUSTER_SET];
  return {
    [InventoryLabels.CLUSTER_MANAGER]: OCM_CLUSTER_MANAGER,
    [InventoryLabels.OCM_CLUSTER_NAME]: cluster.name,
    ...(set ? { [InventoryLabels.CLUSTER_SET]: set } : {}),
  };
}

/** Props of {@link ClusterRegistration}. */
export interface ClusterRegistrationProps {
  /** The chain. */
  readonly chain: RegistrationChain;
  /**
   * Clusters to register now (more with `addCluster`).
   * @default - none
   */
  readonly clusters?: IManagedCluster[];
}

/**
 * Registers declared ManagedClusters with Sveltos through a {@link RegistrationChain}: the
 * per-cluster objects of the chain (inventory: a labelled ClusterProfile, a ManagedServiceAccount
 * and its spoke RBAC; direct: a SveltosCluster) and the prediction of every SveltosCluster the
 * chain yields, which the Sveltos constructs check their selectors against. Hub-wide pieces (the
 * feature gate, the binding, the add-ons and their placement) are wired by `SveltosAddons`.
 */
export class ClusterRegistration extends Construct {
  /** The registrations declared in the app of `scope`. */
  public static allIn(scope: Construct): readonly ClusterRegistration[] {
    return FleetRegistry.of(scope).all<ClusterRegistration>('ClusterRegistration');
  }

  /** The chain. */
  public readonly chain: RegistrationChain;
  private readonly registered = new Map<string, { cluster: IManagedCluster; labels: Record<string, string> }>();
  private readonly skipped = new Map<string, IManagedCluster>();

  constructor(scope: Construct, id: string, props: ClusterRegistrationProps) {
    super(scope, id);
    if (!(props?.chain instanceof RegistrationChain)) {
      fail(`ClusterRegistration "${id}"`, `chain must be RegistrationChain.inventory(), .sveltosOcmAddon() or .direct(), got ${props?.chain === undefined ? 'none' : JSON.stringify(props.chain)}`);
    }
    this.chain = props.chain;
    if (props.clusters !== undefined && !Array.isArray(props.clusters)) fail(`ClusterRegistration "${id}"`, 'clusters must be a list of ManagedClusters');
    for (const c of props.clusters ?? []) this.addCluster(c);
    FleetRegistry.of(this).register('ClusterRegistration', this);
    this.node.addValidation({ validate: () => this.validateLabelsUnchanged() });
  }

  /** Registers clusters (idempotent per name). Clusters outside the chain's set are skipped and reported in `warnings`. */
  public addCluster(...clusters: IManagedCluster[]): void {
    for (const c of clusters) {
      requireCluster(`ClusterRegistration "${this.node.id}"`, c);
      if (this.registered.has(c.name) || this.skipped.has(c.name)) continue;
      if (!this.chain.registers(c)) {
        this.skipped.set(c.name, c);
        continue;
      }
      this.registered.set(c.name, { cluster: c, labels: this.emittedLabels(c) });
      this.materialize(c);
    }
  }

  /** True when `cluster` was registered (or skipped as outside the chain's set). */
  public has(cluster: IManagedCluster): boolean {
    requireCluster(`ClusterRegistration "${this.node.id}"`, cluster);
    return this.registered.has(cluster.name) || this.skipped.has(cluster.name);
  }

  /** The registered clusters, sorted by name. */
  public get clusters(): IManagedCluster[] {
    return [...this.registered.values()].map((r) => r.cluster).sort(Order.by((c) => c.name));
  }

  /** The chain's warnings plus the clusters it leaves out, for the plan's rule report. */
  public get warnings(): string[] {
    const out = [...this.chain.warnings];
    const skipped = [...this.skipped.keys()].sort();
    if (skipped.length > 0) {
      out.push(`ManagedCluster ${skipped.slice(0, 5).map((n) => `"${n}"`).join(', ')}${skipped.length > 5 ? ` and ${skipped.length - 5} more` : ''} ${skipped.length > 1 ? 'are' : 'is'} not in cluster set "${this.chain.clusterSet?.name}", so the ${this.chain.kind} chain gives ${skipped.length > 1 ? 'them' : 'it'} no SveltosCluster and no Sveltos profile reaches ${skipped.length > 1 ? 'them' : 'it'}`);
    }
    return out;
  }

  private emittedLabels(c: IManagedCluster): Record<string, string> {
    return this.chain.kind === RegistrationChainKind.INVENTORY ? this.chain._inventoryProfileLabels(c) : this.chain.sveltosClusterLabels(c);
  }

  private materialize(c: IManagedCluster): void {
    const s = this.chain._settings;
    const scope = new Construct(this, `Cluster-${c.name}`);
    switch (this.chain.kind) {
      case RegistrationChainKind.INVENTORY: {
        new ClusterProfile(scope, 'ClusterProfile', {
          namespace: this.chain.namespace!,
          name: c.name,
          displayName: c.name,
          labels: this.chain._inventoryProfileLabels(c),
        });
        const sa = s.serviceAccountName!;
        new ManagedServiceAccount(scope, 'ManagedServiceAccount', { cluster: c, name: sa, syncToClusterProfile: true });
        if (s.spokeClusterRole) {
          new ManifestWork(scope, 'Rbac', {
            cluster: c,
            name: `${sa}-rbac`,
            objects: [{
              apiVersion: 'rbac.authorization.k8s.io/v1',
              kind: 'ClusterRoleBinding',
              metadata: { name: `${sa}-managed-serviceaccount` },
              roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: s.spokeClusterRole },
              subjects: [{ kind: 'ServiceAccount', name: sa, namespace: 'open-cluster-management-agent-addon' }],
            }],
          });
        }
        break;
      }
      case RegistrationChainKind.DIRECT: {
        new SveltosCluster(scope, 'SveltosCluster', {
          namespace: this.chain.namespace!,
          name: c.name,
          labels: this.chain.sveltosClusterLabels(c),
          kubeconfigKeyName: s.kubeconfigKeyName,
          tokenRequestRenewalOption: s.tokenRequestRenewalOption,
          managedCluster: c,
        });
        break;
      }
      default:
        break; // sveltos-ocm-addon writes its objects itself
    }
  }

  private validateLabelsUnchanged(): string[] {
    const problems: string[] = [];
    if (this.chain.kind === RegistrationChainKind.SVELTOS_OCM_ADDON) return problems; // nothing emitted per cluster
    if (this.chain.kind === RegistrationChainKind.INVENTORY && this.registered.size > 0) {
      const ns = this.chain.namespace!;
      const set = this.chain.clusterSet!.name;
      if (!ManagedClusterSetBinding.allIn(this).some((b) => b.namespace === ns && b.clusterSet.name === set)) {
        problems.push(`ClusterRegistration "${this.node.id}": the inventory chain needs ManagedClusterSet "${set}" bound into namespace "${ns}": OCM writes (and keeps) ClusterProfiles only in namespaces with a binding, and deletes its own elsewhere. Add hub.bind(set, '${ns}') (SveltosAddons does this for you)`);
      }
    }
    for (const { cluster, labels } of this.registered.values()) {
      const now = this.emittedLabels(cluster);
      if (JSON.stringify(sortKeys(now)) !== JSON.stringify(sortKeys(labels))) {
        problems.push(`ManagedCluster "${cluster.name}": its labels changed after it was registered with the ${this.chain.kind} chain, so its ${this.chain.kind === RegistrationChainKind.INVENTORY ? 'inventory ClusterProfile' : 'SveltosCluster'} would carry stale labels; declare every label (and set membership) before registering clusters or adding add-ons`);
      }
    }
    return problems;
  }
}

function sortKeys(r: Record<string, string>): [string, string][] {
  return Object.keys(r).sort().map((k) => [k, r[k]]);
}
