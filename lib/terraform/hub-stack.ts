import { Fn, TerraformLocal, TerraformOutput, TerraformStack, Token } from 'cdktf';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { Release } from '@cdktf/provider-helm/lib/release';
import { Construct } from 'constructs';
import { fail } from '../core/errors';
import type { Hub } from '../fleet/hub';
import { ClusterManagerDeployMode, FeatureGate, FeatureGateComponent } from '../ocm/cluster-manager';
import { ManagedCluster } from '../ocm/managed-cluster';
import { helmValues } from './_util';
import { Backend } from './backend';
import { HubManifestsStack } from './hub-manifests-stack';
import { KubeconfigSource } from './kubeconfig-source';
import { PinnedChart } from './pinned-chart';

/**
 * How the hub accepts a joining spoke (what `clusteradm accept` does by hand: approve the
 * agent's CSR and set `hubAcceptsClient`).
 */
export class ClusterAcceptance {
  /**
   * The hub accepts every cluster that registers with the bootstrap identity this stack creates:
   * the registration controller approves its CSR and sets `hubAcceptsClient`. This is what lets
   * `cdktf deploy` replace `clusteradm accept`. It needs the hub registration feature gate
   * `ManagedClusterAutoApproval`, declared on the fleet's Hub
   * (`featureGates: [FeatureGate.MANAGED_CLUSTER_AUTO_APPROVAL, ...]`), so the ClusterManager GitOps
   * applies and the one this stack installs agree.
   */
  public static autoApproval(): ClusterAcceptance {
    return new ClusterAcceptance(true);
  }

  /**
   * A person accepts each cluster (`clusteradm accept --clusters <names>`); each spoke stack
   * outputs that command as `accept_command`.
   */
  public static manual(): ClusterAcceptance {
    return new ClusterAcceptance(false);
  }

  private constructor(
    /** True when the hub accepts spokes by itself. */
    public readonly isAutomatic: boolean,
  ) {}
}

/** Props of {@link HubStack}. */
export interface HubStackProps {
  /**
   * The fleet's hub, as declared with the cdk8s `Hub`: its ClusterManager (feature gates) and
   * clusters drive this stack. Only its public getters are read.
   */
  readonly hub: Hub;
  /** How Terraform reaches the hub's API server. */
  readonly kubeconfig: KubeconfigSource;
  /** Where the state of this stack (and, by default, of the stacks that build on it) lives. */
  readonly backend: Backend;
  /**
   * The hub API server URL as the spokes reach it, written into their bootstrap kubeconfig
   * (a literal `https://` URL, or a Terraform expression such as a variable's value).
   * @default - the host variable of a `KubeconfigSource.hostAndToken` kubeconfig
   */
  readonly apiServerUrl?: string;
  /**
   * How the hub accepts joining spokes.
   * @default ClusterAcceptance.autoApproval()
   */
  readonly acceptance?: ClusterAcceptance;
  /**
   * The OCM hub chart.
   * @default PinnedChart.OCM_CLUSTER_MANAGER
   */
  readonly clusterManagerChart?: PinnedChart;
  /**
   * Whether to install Project Sveltos on the hub.
   * @default true
   */
  readonly sveltos?: boolean;
  /**
   * The Sveltos chart.
   * @default PinnedChart.SVELTOS
   */
  readonly sveltosChart?: PinnedChart;
  /**
   * Whether to run the ClusterProfile inventory chain: the Sveltos cluster-inventory controller,
   * cluster-proxy's ClusterProfile access provider (with its user server) and
   * managed-serviceaccount's credential syncer. Needs the hub gate `ClusterProfile`.
   * @default - true when the hub's ClusterManager enables FeatureGate.CLUSTER_PROFILE
   */
  readonly clusterInventory?: boolean;
  /**
   * Whether to install the cluster-proxy add-on.
   * @default true
   */
  readonly clusterProxy?: boolean;
  /**
   * The cluster-proxy chart.
   * @default PinnedChart.OCM_CLUSTER_PROXY
   */
  readonly clusterProxyChart?: PinnedChart;
  /**
   * Whether to install the managed-serviceaccount add-on.
   * @default true
   */
  readonly managedServiceAccount?: boolean;
  /**
   * The managed-serviceaccount chart.
   * @default PinnedChart.OCM_MANAGED_SERVICEACCOUNT
   */
  readonly managedServiceAccountChart?: PinnedChart;
  /**
   * Also apply the hub's own YAML (ManagedClusters, sets, bindings, placements, works, ...)
   * through Terraform, for teams without GitOps on the hub. The objects go to a second stack,
   * `<id>-manifests` ({@link HubManifestsStack}), planned after this one has installed the CRDs.
   * @default false
   */
  readonly applyHubManifests?: boolean;
}

/**
 * The hub's day-0 install as one Terraform stack — what `clusteradm init` does, declaratively:
 * Kubernetes and Helm providers for the hub; pinned Helm releases of the OCM cluster-manager
 * (its ClusterManager carrying exactly the feature gates the fleet's Hub declares), Sveltos,
 * cluster-proxy and managed-serviceaccount; and the bootstrap identity spokes register with,
 * whose token leaves the stack only as a sensitive output and inside the bootstrap kubeconfig
 * that {@link SpokeStack}s read through a cross-stack reference.
 *
 * @example
 * const hubStack = new HubStack(app, 'hub', {
 *   hub,                                            // the cdk8s Hub of the fleet
 *   kubeconfig: KubeconfigSource.file('~/.kube/config', 'hub'),
 *   apiServerUrl: 'https://hub.example.com:6443',
 *   backend: Backend.local({ directory: '../../../terraform-state' }),
 * });
 */
export class HubStack extends TerraformStack {
  /** Namespace of the OCM hub operator and of the bootstrap identity. */
  public static readonly OCM_NAMESPACE = 'open-cluster-management';
  /** Namespace the OCM add-on managers (cluster-proxy, managed-serviceaccount) are installed in. */
  public static readonly ADDON_NAMESPACE = 'open-cluster-management-addon';
  /** Namespace Sveltos is installed in (the Sveltos docs insist on it). */
  public static readonly SVELTOS_NAMESPACE = 'projectsveltos';
  /** The bootstrap ServiceAccount the cluster-manager chart creates (`createBootstrapSA`). */
  public static readonly BOOTSTRAP_SERVICE_ACCOUNT = 'agent-registration-bootstrap';
  /**
   * The user name klusterlets register as, which the chart adds to the ClusterManager's
   * `autoApproveUsers`. If GitOps also applies the hub's ClusterManager, declare it there too:
   * `hub.clusterManager.addAutoApproveUser(HubStack.BOOTSTRAP_USER)`.
   */
  public static readonly BOOTSTRAP_USER = `system:serviceaccount:${HubStack.OCM_NAMESPACE}:${HubStack.BOOTSTRAP_SERVICE_ACCOUNT}`;

  /** The fleet's hub declaration this stack installs. */
  public readonly hub: Hub;
  /** How Terraform reaches the hub (also used by the manifests stack). */
  public readonly kubeconfig: KubeconfigSource;
  /** The backend of this stack; spoke stacks use it unless given their own. */
  public readonly backend: Backend;
  /** How spokes are accepted. */
  public readonly acceptance: ClusterAcceptance;
  /** Whether the ClusterProfile inventory chain is installed. */
  public readonly clusterInventory: boolean;
  /** The Kubernetes provider for the hub (the stack's default provider). */
  public readonly kubernetesProvider: KubernetesProvider;
  /** The Helm provider for the hub (the stack's default provider). */
  public readonly helmProvider: HelmProvider;
  /** The OCM cluster-manager release (operator, CRDs, ClusterManager, bootstrap ServiceAccount). */
  public readonly clusterManagerRelease: Release;
  /** The Sveltos release, unless disabled. */
  public readonly sveltosRelease?: Release;
  /** The cluster-proxy release, unless disabled. */
  public readonly clusterProxyRelease?: Release;
  /** The managed-serviceaccount release, unless disabled. */
  public readonly managedServiceAccountRelease?: Release;
  /** The long-lived token Secret of the bootstrap ServiceAccount (delete it to revoke the token). */
  public readonly bootstrapTokenSecret: SecretV1;
  /** The hub API server URL written into the spokes' bootstrap kubeconfig. */
  public readonly apiServerUrl: string;
  /**
   * The bootstrap hub kubeconfig (a sensitive Terraform value). Referenced from another stack it
   * becomes a sensitive cross-stack output of this one.
   */
  public readonly bootstrapKubeconfig: string;
  /** The stack applying the hub's YAML, when `applyHubManifests` is set. */
  public readonly manifests?: HubManifestsStack;
  private readonly joined = new Map<string, string>();
  private declaredCache?: { registered: number; byName: ReadonlyMap<string, ManagedCluster> };

  constructor(scope: Construct, id: string, props: HubStackProps) {
    super(scope, id);
    const subject = `HubStack "${id}"`;
    if (!props || typeof props !== 'object') fail(subject, 'needs props: { hub, kubeconfig, backend }');
    if (!props.hub || typeof props.hub !== 'object' || !props.hub.clusterManager) {
      fail(subject, 'has no hub: pass the fleet\'s cdk8s Hub as hub (the same declaration that produces the hub YAML)');
    }
    if (!(props.kubeconfig instanceof KubeconfigSource)) {
      fail(subject, 'has no kubeconfig source for the hub cluster; set kubeconfig: KubeconfigSource.file("~/.kube/config", "<context>") or KubeconfigSource.hostAndToken({ hostVariable, tokenVariable, caVariable })');
    }
    if (!(props.backend instanceof Backend)) {
      fail(subject, 'has no backend; set backend: Backend.local({ directory: "../../../terraform-state" }) or Backend.s3/gcs/azurerm/remote(...) (cdktf\'s default local backend writes an absolute path)');
    }
    this.hub = props.hub;
    this.kubeconfig = props.kubeconfig;
    this.backend = props.backend;
    this.acceptance = props.acceptance ?? ClusterAcceptance.autoApproval();

    const cm = this.hub.clusterManager;
    if (cm.deployMode === ClusterManagerDeployMode.HOSTED) {
      fail(subject, `ClusterManager "${cm.name}" uses deploy mode Hosted, which needs an external hub kubeconfig this stack does not provision; use ClusterManagerDeployMode.DEFAULT (or install the hosted hub another way)`);
    }
    if (cm.name !== 'cluster-manager') {
      fail(subject, `ClusterManager is named "${cm.name}", but the cluster-manager chart always creates "cluster-manager"; leave clusterManagerName unset on the Hub`);
    }
    if (this.acceptance.isAutomatic && !cm.isEnabled(FeatureGate.MANAGED_CLUSTER_AUTO_APPROVAL)) {
      fail(subject, `spokes are accepted by auto-approval (the default, which replaces clusteradm accept), which needs the registration feature gate ManagedClusterAutoApproval, but Hub "${this.hub.node.id}" does not enable it; add FeatureGate.MANAGED_CLUSTER_AUTO_APPROVAL to the Hub's featureGates, or pass acceptance: ClusterAcceptance.manual() and accept each cluster with clusteradm accept`);
    }
    const inventoryGate = cm.isEnabled(FeatureGate.CLUSTER_PROFILE);
    this.clusterInventory = props.clusterInventory ?? inventoryGate;
    const sveltos = props.sveltos ?? true;
    const clusterProxy = props.clusterProxy ?? true;
    const msa = props.managedServiceAccount ?? true;
    if (this.clusterInventory) {
      if (!inventoryGate) {
        fail(subject, `clusterInventory needs the hub registration feature gate ClusterProfile (OCM writes the ClusterProfiles the chain consumes), but Hub "${this.hub.node.id}" does not enable it; add FeatureGate.CLUSTER_PROFILE to the Hub's featureGates or set clusterInventory: false`);
      }
      const missing = [!sveltos && 'sveltos', !clusterProxy && 'clusterProxy', !msa && 'managedServiceAccount'].filter(Boolean);
      if (missing.length > 0) {
        fail(subject, `clusterInventory needs Sveltos, cluster-proxy and managed-serviceaccount, but ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} set to false; enable ${missing.length === 1 ? 'it' : 'them'} or set clusterInventory: false`);
      }
    }

    this.apiServerUrl = resolveApiServerUrl(subject, props.apiServerUrl, props.kubeconfig, this);
    this.backend._bind(this);

    const connection = this.kubeconfig._connection(this);
    this.kubernetesProvider = new KubernetesProvider(this, 'kubernetes', { ...connection });
    this.helmProvider = new HelmProvider(this, 'helm', { kubernetes: { ...connection } });

    this.clusterManagerRelease = release(this, 'cluster-manager', props.clusterManagerChart ?? PinnedChart.OCM_CLUSTER_MANAGER, HubStack.OCM_NAMESPACE, this.clusterManagerValues());

    const afterHub = [this.clusterManagerRelease];
    if (sveltos) {
      this.sveltosRelease = release(this, 'projectsveltos', props.sveltosChart ?? PinnedChart.SVELTOS, HubStack.SVELTOS_NAMESPACE,
        { clusterInventory: { enabled: this.clusterInventory } }, this.clusterInventory ? afterHub : undefined);
    }
    if (clusterProxy) {
      this.clusterProxyRelease = release(this, 'cluster-proxy', props.clusterProxyChart ?? PinnedChart.OCM_CLUSTER_PROXY, HubStack.ADDON_NAMESPACE,
        this.clusterInventory ? { enableServiceProxy: true, featureGates: { clusterProfile: true }, userServer: { enabled: true } } : {}, afterHub);
    }
    if (msa) {
      this.managedServiceAccountRelease = release(this, 'managed-serviceaccount', props.managedServiceAccountChart ?? PinnedChart.OCM_MANAGED_SERVICEACCOUNT, HubStack.ADDON_NAMESPACE,
        this.clusterInventory ? { featureGates: { clusterProfileCredSyncer: true } } : {}, afterHub);
    }

    this.bootstrapTokenSecret = new SecretV1(this, 'bootstrap-token', {
      metadata: {
        name: `${HubStack.BOOTSTRAP_SERVICE_ACCOUNT}-token`,
        namespace: HubStack.OCM_NAMESPACE,
        annotations: { 'kubernetes.io/service-account.name': HubStack.BOOTSTRAP_SERVICE_ACCOUNT },
        labels: { 'app.kubernetes.io/managed-by': 'cdk-fleet' },
      },
      type: 'kubernetes.io/service-account-token',
      waitForServiceAccountToken: true,
      dependsOn: [this.clusterManagerRelease],
    });
    const token = Fn.lookup(this.bootstrapTokenSecret.data, 'token', '');
    const ca = Fn.lookup(this.bootstrapTokenSecret.data, 'ca.crt', '');
    const kubeconfig = new TerraformLocal(this, 'bootstrap-kubeconfig', Fn.yamlencode({
      'apiVersion': 'v1',
      'kind': 'Config',
      'clusters': [{ name: 'hub', cluster: { 'server': this.apiServerUrl, 'certificate-authority-data': Fn.base64encode(ca) } }],
      'contexts': [{ name: 'bootstrap', context: { cluster: 'hub', user: 'bootstrap' } }],
      'current-context': 'bootstrap',
      'users': [{ name: 'bootstrap', user: { token } }],
    }));
    kubeconfig.overrideLogicalId('bootstrap_kubeconfig');
    this.bootstrapKubeconfig = kubeconfig.asString;

    new TerraformOutput(this, 'bootstrap_token', {
      value: token,
      sensitive: true,
      staticId: true,
      description: `token of ${HubStack.BOOTSTRAP_USER}, for a manual clusteradm join --hub-token`,
    });
    new TerraformOutput(this, 'hub_api_server', {
      value: this.apiServerUrl,
      staticId: true,
      description: 'the hub API server URL in the spokes\' bootstrap kubeconfig',
    });

    if (props.applyHubManifests) {
      this.manifests = new HubManifestsStack(scope, `${id}-manifests`, { hubStack: this });
    }
  }

  /** The chart values that make the chart's ClusterManager exactly the declared one. */
  private clusterManagerValues(): Record<string, unknown> {
    const gates = this.hub.clusterManager.featureGates;
    const of = (c: FeatureGateComponent) => gates
      .filter((g) => g.component === c)
      .map((g) => ({ feature: g.name, mode: g.enabled ? 'Enable' : 'Disable' }));
    // Every list is written, empty or not: Helm replaces lists, so this also drops the gates the
    // chart enables by default, and the CR carries the declared gates and nothing else.
    return {
      createBootstrapSA: true,
      createBootstrapToken: false,
      clusterManager: {
        create: true,
        mode: ClusterManagerDeployMode.DEFAULT,
        registrationConfiguration: { featureGates: of(FeatureGateComponent.REGISTRATION) },
        workConfiguration: { workDriver: 'kube', featureGates: of(FeatureGateComponent.WORK) },
        addOnManagerConfiguration: { featureGates: of(FeatureGateComponent.ADDON_MANAGER) },
        placementConfiguration: { featureGates: of(FeatureGateComponent.PLACEMENT) },
      },
    };
  }

  /**
   * The clusters declared on the fleet's Hub, by name (computed once per declared cluster count,
   * so a thousand spoke stacks do not each sort the fleet).
   * @internal
   */
  public _declaredClusters(): ReadonlyMap<string, ManagedCluster> {
    const registered = ManagedCluster.allIn(this.hub).length;
    if (!this.declaredCache || this.declaredCache.registered !== registered) {
      this.declaredCache = { registered, byName: new Map(this.hub.clusters.map((c) => [c.name, c])) };
    }
    return this.declaredCache.byName;
  }

  /**
   * Records that `cluster` joins through stack `stackId`; a cluster joins once.
   * @internal
   */
  public _registerSpoke(cluster: string, stackId: string): void {
    const prev = this.joined.get(cluster);
    if (prev !== undefined) {
      fail(`SpokeStack "${stackId}"`, `cluster "${cluster}" already joins the hub through stack "${prev}"; a cluster must be in exactly one spoke stack`);
    }
    this.joined.set(cluster, stackId);
  }
}

function release(stack: HubStack, name: string, chart: PinnedChart, namespace: string, values: Record<string, unknown>, dependsOn?: Release[]): Release {
  if (!(chart instanceof PinnedChart)) {
    fail(`HubStack "${stack.node.id}"`, `chart for release "${name}" must be a PinnedChart, e.g. PinnedChart.fromRepository("https://...", "${name}", "1.2.3")`);
  }
  return new Release(stack, name, {
    name,
    namespace,
    createNamespace: true,
    repository: chart.repository,
    chart: chart.chart,
    version: chart.version,
    values: Object.keys(values).length > 0 ? [helmValues(values)] : undefined,
    wait: true,
    dependsOn,
  });
}

function resolveApiServerUrl(subject: string, url: string | undefined, kubeconfig: KubeconfigSource, stack: TerraformStack): string {
  if (url === undefined) {
    if (!kubeconfig.hasHostVariable) {
      fail(subject, 'needs apiServerUrl, the hub API server URL the spokes register with (e.g. "https://hub.example.com:6443"); it can only be taken from the kubeconfig when that is KubeconfigSource.hostAndToken(...)');
    }
    return kubeconfig._connection(stack).host!;
  }
  if (typeof url !== 'string') fail(subject, `apiServerUrl must be a string, got ${typeof url}`);
  if (!Token.isUnresolved(url) && !/^https:\/\/[^\s,/]+(\/[^\s,]*)?$/.test(url)) {
    fail(subject, `apiServerUrl ${JSON.stringify(url)} is not an https:// URL; use the URL the spokes reach the hub API server at, e.g. "https://hub.example.com:6443"`);
  }
  return url;
}
