import { Fn, Lazy, TerraformLocal, TerraformOutput, TerraformStack, Token } from 'cdktf';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { Release } from '@cdktf/provider-helm/lib/release';
import { Construct } from 'constructs';
import { fail } from '../core/errors';
import { requireKnownKeys, requireOptionalBoolean, requireStringList } from '../core/validate';
import type { Hub } from '../fleet/hub';
import type { HubClusterFacts } from '../fleet/hub-facts';
import { InventoryAddOns } from '../inventory/addons';
import { RegistrationChain, RegistrationChainKind } from '../inventory/registration';
import { ClusterManagerDeployMode, FeatureGate, FeatureGateComponent } from '../ocm/cluster-manager';
import { ManagedCluster } from '../ocm/managed-cluster';
import type { IPlacement } from '../ocm/placement';
import { SVELTOS_NAMESPACE } from '../sveltos/cluster-profile';
import { helmValues, listForHumans } from './_util';
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
   * `cdktf deploy` replace `clusteradm accept`. The fleet's Hub must declare both halves, so the
   * ClusterManager GitOps applies does not undo it: the registration feature gate
   * `ManagedClusterAutoApproval` (`featureGates: [FeatureGate.MANAGED_CLUSTER_AUTO_APPROVAL, ...]`)
   * and the bootstrap identity as an auto-approved user
   * (`hub.clusterManager.addAutoApproveUser(HubStack.BOOTSTRAP_USER)`). Checked at synth.
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

const HUB_STACK_KEYS = ['hub', 'kubeconfig', 'backend', 'apiServerUrl', 'acceptance', 'clusterManagerChart', 'sveltos', 'sveltosChart', 'clusterInventory', 'clusterProxy', 'clusterProxyChart',
  'managedServiceAccount', 'managedServiceAccountChart', 'applyHubManifests', 'preinstalledApiGroups', 'printWarnings'];

/** Props of {@link HubStack}. */
export interface HubStackProps {
  /**
   * The fleet's hub, as declared with the cdk8s `Hub`: its ClusterManager (feature gates,
   * auto-approved users), its add-on wiring (`SveltosAddons`) and its clusters drive this stack.
   * They are read at synth, so declarations made after this stack is created are honoured.
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
   * @default - what the Hub declares: ClusterAcceptance.autoApproval() when its ClusterManager
   * enables FeatureGate.MANAGED_CLUSTER_AUTO_APPROVAL and auto-approves HubStack.BOOTSTRAP_USER,
   * otherwise ClusterAcceptance.manual() (each spoke stack outputs its `clusteradm accept` command)
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
   * @default - true when the hub's ClusterManager enables FeatureGate.CLUSTER_PROFILE at synth
   */
  readonly clusterInventory?: boolean;
  /**
   * Whether to install the cluster-proxy add-on. Its release creates ClusterManagementAddOn
   * `cluster-proxy`, installed by the placement of the hub's `SveltosAddons` when it has one.
   * @default true
   */
  readonly clusterProxy?: boolean;
  /**
   * The cluster-proxy chart.
   * @default PinnedChart.OCM_CLUSTER_PROXY
   */
  readonly clusterProxyChart?: PinnedChart;
  /**
   * Whether to install the managed-serviceaccount add-on. Its release creates
   * ClusterManagementAddOn `managed-serviceaccount`, installed by the placement of the hub's
   * `SveltosAddons` when it has one.
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
   * `<id>-manifests` ({@link HubManifestsStack}), which must be deployed in a second step, once
   * the hub's CRDs exist (the output `hub_ready_command` waits for them):
   * `cdktf deploy <id>`, then `kubectl wait ...`, then `cdktf deploy <id>-manifests 'spoke-*'`.
   * @default false
   */
  readonly applyHubManifests?: boolean;
  /**
   * With `applyHubManifests`: API groups whose CRDs are installed on the hub by something other
   * than this stack before the manifests stack is planned, e.g.
   * `'sveltos.open-cluster-management.io'` (sveltos-ocm-addon's `make install`) or
   * `'policy.open-cluster-management.io'` (the governance policy framework). Objects of any other
   * group whose CRD no release of this stack installs are refused at synth.
   * @default - none
   */
  readonly preinstalledApiGroups?: string[];
  /**
   * Print the stack's `warnings` on stderr at synth (`cdktf synth` relays them; so does plain node).
   * @default true
   */
  readonly printWarnings?: boolean;
}

/**
 * The hub's day-0 install as one Terraform stack — what `clusteradm init` does, declaratively:
 * Kubernetes and Helm providers for the hub; pinned Helm releases of the OCM cluster-manager
 * (its ClusterManager carrying exactly the feature gates the fleet's Hub declares), Sveltos,
 * cluster-proxy and managed-serviceaccount (installed by the placement of the hub's
 * `SveltosAddons`, so tainted clusters get them too); and the bootstrap identity spokes register
 * with, whose token leaves the stack only as a sensitive output and inside the bootstrap
 * kubeconfig that {@link SpokeStack}s read through a cross-stack reference.
 *
 * The chart values are computed from the fleet's Hub at synth, and synth fails when the Hub and
 * this stack disagree in a way GitOps would later undo or fight over: auto-approval the Hub's
 * ClusterManager does not declare, a ClusterManagementAddOn both the Hub and a release create, or
 * an inventory chain without its add-ons. Risks that are not errors are listed in `warnings`.
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
  /** Namespace Sveltos is installed in (the Sveltos docs insist on it); the Sveltos constructs' namespace. */
  public static readonly SVELTOS_NAMESPACE = SVELTOS_NAMESPACE;
  /** The bootstrap ServiceAccount the cluster-manager chart creates (`createBootstrapSA`). */
  public static readonly BOOTSTRAP_SERVICE_ACCOUNT = 'agent-registration-bootstrap';
  /**
   * The user name klusterlets register as, which the chart adds to the ClusterManager's
   * `autoApproveUsers`. With `ClusterAcceptance.autoApproval()` the fleet's Hub must declare it
   * too, or GitOps would drop it: `hub.clusterManager.addAutoApproveUser(HubStack.BOOTSTRAP_USER)`.
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
  private readonly clusterInventoryProp?: boolean;
  private readonly joined = new Map<string, string>();
  private declaredCache?: { registered: number; byName: ReadonlyMap<string, HubClusterFacts> };

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
    requireKnownKeys(subject, 'props', props as unknown as Record<string, unknown>, HUB_STACK_KEYS);
    for (const k of ['sveltos', 'clusterInventory', 'clusterProxy', 'managedServiceAccount', 'applyHubManifests', 'printWarnings'] as const) requireOptionalBoolean(subject, k, props[k]);
    requireStringList(subject, 'preinstalledApiGroups', props.preinstalledApiGroups);
    if (props.acceptance !== undefined && !(props.acceptance instanceof ClusterAcceptance)) {
      fail(subject, 'acceptance must be ClusterAcceptance.autoApproval() or ClusterAcceptance.manual()');
    }
    this.hub = props.hub;
    this.kubeconfig = props.kubeconfig;
    this.backend = props.backend;
    this.acceptance = props.acceptance ?? (hubAutoApproves(this.hub) ? ClusterAcceptance.autoApproval() : ClusterAcceptance.manual());
    this.clusterInventoryProp = props.clusterInventory;

    const cm = this.hub.facts();
    if (cm.deployMode === ClusterManagerDeployMode.HOSTED) {
      fail(subject, `ClusterManager "${cm.clusterManagerName}" uses deploy mode Hosted, which needs an external hub kubeconfig this stack does not provision; use ClusterManagerDeployMode.DEFAULT (or install the hosted hub another way)`);
    }
    if (cm.clusterManagerName !== 'cluster-manager') {
      fail(subject, `ClusterManager is named "${cm.clusterManagerName}", but the cluster-manager chart always creates "cluster-manager"; leave clusterManagerName unset on the Hub`);
    }

    this.apiServerUrl = resolveApiServerUrl(subject, props.apiServerUrl, props.kubeconfig, this);
    this.backend._bind(this);

    const connection = this.kubeconfig._connection(this);
    this.kubernetesProvider = new KubernetesProvider(this, 'kubernetes', { ...connection });
    this.helmProvider = new HelmProvider(this, 'helm', { kubernetes: { ...connection } });

    // Every value below is produced at synth from the Hub as it is then.
    this.clusterManagerRelease = release(this, 'cluster-manager', props.clusterManagerChart ?? PinnedChart.OCM_CLUSTER_MANAGER, HubStack.OCM_NAMESPACE, () => this.clusterManagerValues());
    const afterHub = [this.clusterManagerRelease];
    if (props.sveltos ?? true) {
      this.sveltosRelease = release(this, 'projectsveltos', props.sveltosChart ?? PinnedChart.SVELTOS, HubStack.SVELTOS_NAMESPACE,
        () => ({ clusterInventory: { enabled: this.clusterInventory } }));
      // The cluster-inventory controller needs the ClusterProfile CRD, which the OCM operator installs.
      const hubRelease = `${this.clusterManagerRelease.terraformResourceType}.${this.clusterManagerRelease.friendlyUniqueId}`;
      this.sveltosRelease.dependsOn = Lazy.listValue({ produce: () => (this.clusterInventory ? [hubRelease] : undefined) });
    }
    if (props.clusterProxy ?? true) {
      this.clusterProxyRelease = release(this, 'cluster-proxy', props.clusterProxyChart ?? PinnedChart.OCM_CLUSTER_PROXY, HubStack.ADDON_NAMESPACE,
        () => this.clusterProxyValues(), afterHub);
    }
    if (props.managedServiceAccount ?? true) {
      this.managedServiceAccountRelease = release(this, 'managed-serviceaccount', props.managedServiceAccountChart ?? PinnedChart.OCM_MANAGED_SERVICEACCOUNT, HubStack.ADDON_NAMESPACE,
        () => this.managedServiceAccountValues(), afterHub);
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

    // Two owners of one ClusterManagementAddOn can never be undone by a later declaration: refuse
    // them now (and again at synth, for add-ons declared after this stack).
    const conflicts = this.addOnConflicts();
    if (conflicts.length > 0) fail(subject, conflicts.join('; '));
    let printed = props.printWarnings === false;
    this.node.addValidation({
      validate: () => {
        const problems = this.problems().map((p) => `${subject}: ${p}`);
        if (!printed && problems.length === 0) {
          printed = true;
          process.stderr.write(this.warnings.map((w) => `warning: ${subject}: ${w}\n`).join(''));
        }
        return problems;
      },
    });

    if (props.applyHubManifests) {
      new TerraformOutput(this, 'hub_ready_command', {
        value: HUB_READY_COMMAND,
        staticId: true,
        description: `run against the hub after deploying this stack and before deploying ${id}-manifests: the OCM operator installs the hub CRDs after its chart is ready`,
      });
      this.manifests = new HubManifestsStack(scope, `${id}-manifests`, { hubStack: this, preinstalledApiGroups: props.preinstalledApiGroups });
    }
  }

  /** Whether the ClusterProfile inventory chain is installed (read from the Hub when not set explicitly). */
  public get clusterInventory(): boolean {
    return this.clusterInventoryProp ?? gateEnabled(this.hub, FeatureGate.CLUSTER_PROFILE);
  }

  /** The hub's registration chain, when the Hub wires its add-ons with `SveltosAddons`. */
  public get registrationChain(): RegistrationChain | undefined {
    return this.hub.facts().registrationChain;
  }

  /**
   * The placement the cluster-proxy and managed-serviceaccount releases install their add-ons by
   * (chart values `installByPlacement`): the `SveltosAddons` placement of the hub, which tolerates
   * every taint; undefined when the hub has none (the charts then use their own placements).
   */
  public get addOnPlacement(): IPlacement | undefined {
    return this.hub.facts().addOnPlacement;
  }

  /**
   * Risks of this install that are not errors, each with its fix: what the add-on charts do by
   * themselves, what this stack does not install, what GitOps and Helm each own.
   */
  public get warnings(): string[] {
    const out: string[] = [];
    const facts = this.hub.facts();
    const placement = facts.addOnPlacement;
    const chain = facts.registrationChain;
    const releases = [this.clusterProxyRelease && 'cluster-proxy', this.managedServiceAccountRelease && 'managed-serviceaccount'].filter((r): r is string => !!r);
    if (releases.length > 0 && !placement) {
      out.push(`the ${releases.join(' and ')} release${releases.length > 1 ? 's install their add-ons' : ' installs its add-on'} by the chart's own placement on the global set, which tolerates none of the fleet's taints, so tainted clusters (e.g. edge sites) never get ${releases.length > 1 ? 'them' : 'it'}; the charts also bind the global set into "${HubStack.ADDON_NAMESPACE}", so with the ClusterProfile gate OCM writes a ClusterProfile per cluster there too. Declare the hub's Sveltos add-ons with hub.addSveltosAddon() or set sveltosRegistration on the Hub: the releases then install by the chain's placement, which tolerates every taint`);
    }
    if (placement && this.managedServiceAccountRelease) {
      out.push(`the managed-serviceaccount release is told to install by placement "${placement.namespace}/${placement.name}" through the chart value installByPlacement, which only chart versions whose ClusterManagementAddOn template reads it honour; versions driven by agentInstallAll install by their own Placement "global" in "${HubStack.ADDON_NAMESPACE}" (tolerating only the unreachable and unavailable taints) and bind the global set there, which also makes OCM write ClusterProfiles into "${HubStack.ADDON_NAMESPACE}"; check helm template of the pinned chart before relying on it for tainted clusters`);
    }
    if (chain?.kind === RegistrationChainKind.SVELTOS_OCM_ADDON) {
      out.push(`this stack does not install sveltos-ocm-addon (it has no Helm chart): deploy its controller and its SveltosOCMCluster CRD separately (make install deploy in guilhem/sveltos-ocm-addon)${facts.sveltosAddons && !facts.declaresChainAddOns ? ', and its ClusterManagementAddOn "sveltos-ocm-addon", which the Hub does not declare (declareAddOns is off)' : ''}`);
      out.push(`sveltos-ocm-addon builds every kubeconfig with the ca.crt of Secret cluster-proxy-user-serving-cert in "${HubStack.ADDON_NAMESPACE}", but the certificate cluster-proxy generates (userServer.enabled) holds only tls.crt and tls.key; provision that Secret with a ca.crt, or the SveltosClusters never become ready`);
      if (!this.clusterProxyRelease) out.push(`sveltos-ocm-addon needs cluster-proxy in "${HubStack.ADDON_NAMESPACE}" (it hard-codes that namespace) with enableServiceProxy=true and userServer.enabled=true; clusterProxy is off, so install it that way elsewhere`);
      if (!this.managedServiceAccountRelease) out.push('sveltos-ocm-addon needs managed-serviceaccount (0.7 or later); managedServiceAccount is off, so install it elsewhere');
      if (!this.sveltosRelease) out.push('sveltos-ocm-addon only writes SveltosClusters; sveltos is off, so nothing deploys the add-ons unless Sveltos is installed elsewhere');
    }
    const others = facts.autoApproveUsers.filter((u) => u !== HubStack.BOOTSTRAP_USER);
    if (others.length > 0) {
      out.push(`the cluster-manager chart writes only its bootstrap identity into the ClusterManager's autoApproveUsers; ${listForHumans(others.map((u) => `"${u}"`))} reach${others.length > 1 ? '' : 'es'} it only when GitOps applies the Hub's ClusterManager`);
    }
    if (this.manifests) out.push(...this.manifests.warnings);
    return out;
  }

  /** The namespaces the releases create (`createNamespace: true`), with the release that creates each. @internal */
  public _releaseNamespaces(): ReadonlyMap<string, string> {
    const out = new Map<string, string>([[HubStack.OCM_NAMESPACE, 'cluster-manager']]);
    if (this.sveltosRelease) out.set(HubStack.SVELTOS_NAMESPACE, 'projectsveltos');
    if (this.clusterProxyRelease) out.set(HubStack.ADDON_NAMESPACE, 'cluster-proxy');
    else if (this.managedServiceAccountRelease) out.set(HubStack.ADDON_NAMESPACE, 'managed-serviceaccount');
    return out;
  }

  /** The API groups whose CRDs this stack installs (at synth), with what installs each. @internal */
  public _crdGroups(): ReadonlyMap<string, string> {
    const operator = 'the OCM operator of the cluster-manager release';
    const out = new Map<string, string>([
      ['operator.open-cluster-management.io', 'the cluster-manager release'],
      ['cluster.open-cluster-management.io', operator],
      ['work.open-cluster-management.io', operator],
      ['addon.open-cluster-management.io', operator],
    ]);
    if (gateEnabled(this.hub, FeatureGate.CLUSTER_PROFILE)) out.set('multicluster.x-k8s.io', `${operator} (gate ClusterProfile)`);
    if (this.sveltosRelease) {
      out.set('config.projectsveltos.io', 'the projectsveltos release');
      out.set('lib.projectsveltos.io', 'the projectsveltos release');
    }
    if (this.clusterProxyRelease) out.set('proxy.open-cluster-management.io', 'the cluster-proxy release');
    if (this.managedServiceAccountRelease) out.set('authentication.open-cluster-management.io', 'the managed-serviceaccount release');
    return out;
  }

  /**
   * The clusters declared on the fleet's Hub, by name (computed once per declared cluster count,
   * so a thousand spoke stacks do not each sort the fleet).
   * @internal
   */
  public _declaredClusters(): ReadonlyMap<string, HubClusterFacts> {
    const registered = ManagedCluster.allIn(this.hub).length;
    if (!this.declaredCache || this.declaredCache.registered !== registered) {
      this.declaredCache = { registered, byName: new Map(this.hub.facts().clusters.map((c) => [c.name, c])) };
    }
    return this.declaredCache.byName;
  }

  /** The spoke stack `cluster` joins through, if any. @internal */
  public _joinedThrough(cluster: string): string | undefined {
    return this.joined.get(cluster);
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

  /** The chart values that make the chart's ClusterManager exactly the declared one. */
  private clusterManagerValues(): Record<string, unknown> {
    const gates = this.hub.facts().featureGates;
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
   * cluster-proxy: its ClusterManagementAddOn installs by the SveltosAddons placement (and the chart
   * then creates neither its own Placement nor its `global` binding); the user server for the
   * inventory chain (ClusterProfile access provider) and for sveltos-ocm-addon (its kubeconfigs
   * point at the user server).
   */
  private clusterProxyValues(): Record<string, unknown> {
    const values: Record<string, unknown> = { ...this.installByPlacement() };
    const inventory = this.clusterInventory;
    if (inventory || this.registrationChain?.kind === RegistrationChainKind.SVELTOS_OCM_ADDON) {
      values.enableServiceProxy = true;
      values.userServer = { enabled: true };
    }
    if (inventory) values.featureGates = { clusterProfile: true };
    return values;
  }

  /** managed-serviceaccount: installs by the SveltosAddons placement; the credential syncer for the inventory chain. */
  private managedServiceAccountValues(): Record<string, unknown> {
    const values: Record<string, unknown> = { ...this.installByPlacement() };
    if (this.clusterInventory) values.featureGates = { clusterProfileCredSyncer: true };
    return values;
  }

  private installByPlacement(): Record<string, unknown> {
    const p = this.addOnPlacement;
    return p ? { installByPlacement: { placementName: p.name, placementNamespace: p.namespace } } : {};
  }

  /** What is wrong between the Hub (as it is now) and this stack; empty when nothing is. */
  private problems(): string[] {
    const out: string[] = [];
    const facts = this.hub.facts();
    const hubId = facts.id;
    if (this.acceptance.isAutomatic) {
      if (!facts.enabledFeatureGates.includes(FeatureGate.MANAGED_CLUSTER_AUTO_APPROVAL.name)) {
        out.push(`spokes are accepted by auto-approval (acceptance: ClusterAcceptance.autoApproval(), which replaces clusteradm accept), which needs the registration feature gate ManagedClusterAutoApproval, but Hub "${hubId}" does not enable it; add FeatureGate.MANAGED_CLUSTER_AUTO_APPROVAL to the Hub's featureGates, or pass acceptance: ClusterAcceptance.manual() and accept each cluster with clusteradm accept`);
      }
      if (!facts.autoApproveUsers.includes(HubStack.BOOTSTRAP_USER)) {
        out.push(`spokes are accepted by auto-approval of ${HubStack.BOOTSTRAP_USER}, but the ClusterManager of Hub "${hubId}" does not list that user in autoApproveUsers, so GitOps applying the Hub's ClusterManager would replace the chart's list and silently stop accepting spokes; add hub.clusterManager.addAutoApproveUser(HubStack.BOOTSTRAP_USER), or pass acceptance: ClusterAcceptance.manual()`);
      }
    }
    if (this.clusterInventory) {
      if (!facts.enabledFeatureGates.includes(FeatureGate.CLUSTER_PROFILE.name)) {
        out.push(`clusterInventory needs the hub registration feature gate ClusterProfile (OCM writes the ClusterProfiles the chain consumes), but Hub "${hubId}" does not enable it; add FeatureGate.CLUSTER_PROFILE to the Hub's featureGates or set clusterInventory: false`);
      }
      const missing = [!this.sveltosRelease && 'sveltos', !this.clusterProxyRelease && 'clusterProxy', !this.managedServiceAccountRelease && 'managedServiceAccount'].filter(Boolean);
      if (missing.length > 0) {
        out.push(`clusterInventory${this.clusterInventoryProp === undefined ? ' (on because Hub "' + hubId + '" enables the ClusterProfile gate)' : ''} needs Sveltos, cluster-proxy and managed-serviceaccount, but ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} set to false; enable ${missing.length === 1 ? 'it' : 'them'} or set clusterInventory: false`);
      }
    }
    out.push(...this.addOnConflicts());
    return out;
  }

  /** ClusterManagementAddOns the Hub declares that a release of this stack also creates. */
  private addOnConflicts(): string[] {
    const owned = new Map<string, string>();
    if (this.clusterProxyRelease) owned.set(InventoryAddOns.CLUSTER_PROXY, 'clusterProxy');
    if (this.managedServiceAccountRelease) owned.set(InventoryAddOns.MANAGED_SERVICE_ACCOUNT, 'managedServiceAccount');
    if (owned.size === 0) return [];
    const facts = this.hub.facts();
    const names = facts.clusterManagementAddOns.filter((name) => owned.has(name));
    return names.map((name) => {
      const prop = owned.get(name)!;
      const fix = facts.declaresChainAddOns
        ? `declare it once: drop declareChainAddOns: true from the Hub (the default leaves the add-ons to their releases, installed by the chain's placement), or set ${prop}: false on the HubStack and keep the Hub's`
        : `remove it from the Hub, or set ${prop}: false on the HubStack and keep the Hub's`;
      return `the Hub declares ClusterManagementAddOn "${name}", which the ${name} Helm release of this stack also creates (two owners: applied through Terraform it would be created twice; applied by GitOps, GitOps and Helm would overwrite each other's install strategy); ${fix}`;
    });
  }
}

/** A command that returns once the OCM operator has applied the hub (its CRDs exist). */
const HUB_READY_COMMAND = 'kubectl wait --for=condition=Applied clustermanager/cluster-manager --timeout=10m';

/** True when the Hub's ClusterManager auto-approves the bootstrap identity (gate and user). */
function hubAutoApproves(hub: Hub): boolean {
  const facts = hub.facts();
  return facts.enabledFeatureGates.includes(FeatureGate.MANAGED_CLUSTER_AUTO_APPROVAL.name) && facts.autoApproveUsers.includes(HubStack.BOOTSTRAP_USER);
}

/** True when the Hub's ClusterManager has `gate` in effect (explicitly or by upstream default). */
function gateEnabled(hub: Hub, gate: FeatureGate): boolean {
  return hub.facts().enabledFeatureGates.includes(gate.name);
}

function release(stack: HubStack, name: string, chart: PinnedChart, namespace: string, values: () => Record<string, unknown>, dependsOn?: Release[]): Release {
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
    values: Lazy.listValue({
      produce: () => {
        const v = values();
        return Object.keys(v).length > 0 ? [helmValues(v)] : undefined;
      },
    }),
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
