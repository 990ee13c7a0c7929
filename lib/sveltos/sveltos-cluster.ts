import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { fail } from '../core/errors';
import { validateDnsLabel, validateDnsSubdomain, validateLabels } from '../core/names';
import { Duration } from '../core/values';
import { FleetResource } from '../core/resource';
import { requireKnownKeys, requireOptionalBoolean } from '../core/validate';
import * as l1 from '../imports/lib.projectsveltos.io';
import { FleetRegistry } from '../ocm/_registry';
import { subjectOf } from '../ocm/_util';
import { IManagedCluster } from '../ocm/managed-cluster';
import { show } from './_show';
import { ClusterRef, IClusterRef, SVELTOS_LIB_API_VERSION } from './cluster-ref';

/** How Sveltos renews the token of the kubeconfig it uses (TokenRequest). */
export interface TokenRequestRenewalOption {
  /** How often to request a new token (Sveltos renews 10 minutes early when this is longer than 10 minutes). */
  readonly renewInterval: Duration;
  /**
   * How long each token is valid; longer than the interval leaves a buffer for lost connectivity.
   * @default - the renew interval
   */
  readonly tokenDuration?: Duration;
  /**
   * Namespace of the ServiceAccount on the managed cluster.
   * @default - deduced from the current kubeconfig
   */
  readonly serviceAccountNamespace?: string;
  /**
   * Name of the ServiceAccount on the managed cluster.
   * @default - deduced from the current kubeconfig
   */
  readonly serviceAccountName?: string;
  /**
   * Secret key the renewed kubeconfig is written to.
   * @default - the SveltosCluster's kubeconfigKeyName (otherwise Sveltos writes `re-kubeconfig` and
   * rewrites spec.kubeconfigKeyName, which GitOps would then revert)
   */
  readonly kubeconfigKeyName?: string;
}

/** Props of {@link SveltosCluster}. */
export interface SveltosClusterProps {
  /** The namespace on the management cluster (Profiles only reach clusters in their namespace). */
  readonly namespace: string;
  /**
   * The cluster name.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Labels: what Sveltos clusterSelectors match.
   * @default - none
   */
  readonly labels?: Record<string, string>;
  /**
   * Name of the Secret (same namespace) holding the kubeconfig. The Secret is never emitted here:
   * Terraform or an external secret store fills it.
   * @default - `<name>-sveltos-kubeconfig`
   */
  readonly kubeconfigSecretName?: string;
  /**
   * The key of the kubeconfig in that Secret. Always written: with no key Sveltos takes an
   * arbitrary key of the Secret.
   * @default 'kubeconfig'
   */
  readonly kubeconfigKeyName?: string;
  /**
   * Token renewal through TokenRequest.
   * @default - no renewal
   */
  readonly tokenRequestRenewalOption?: TokenRequestRenewalOption;
  /**
   * Pause: no add-on is deployed to the cluster while paused.
   * @default false
   */
  readonly paused?: boolean;
  /**
   * The OCM ManagedCluster this SveltosCluster stands for (used by the conflict checks and the plan).
   * @default - none
   */
  readonly managedCluster?: IManagedCluster;
}

/**
 * A SveltosCluster (lib.projectsveltos.io/v1beta1, namespaced): a cluster Sveltos programs through
 * a kubeconfig held in a Secret. Credentials are only ever referenced by Secret name.
 */
export class SveltosCluster extends FleetResource implements IClusterRef {
  /** A SveltosCluster managed elsewhere. */
  public static fromName(namespace: string, name: string): IClusterRef {
    return ClusterRef.sveltosCluster(namespace, name);
  }

  /** The SveltosClusters declared in the app of `scope`. */
  public static allIn(scope: Construct): readonly SveltosCluster[] {
    return FleetRegistry.of(scope).all<SveltosCluster>('SveltosCluster');
  }

  /** The namespace. */
  public readonly namespace: string;
  /** The name. */
  public readonly name: string;
  /** `lib.projectsveltos.io/v1beta1`. */
  public readonly clusterApiVersion = SVELTOS_LIB_API_VERSION;
  /** `SveltosCluster`. */
  public readonly clusterKind = 'SveltosCluster';
  /** The kubeconfig Secret name. */
  public readonly kubeconfigSecretName: string;
  /** The kubeconfig key. */
  public readonly kubeconfigKeyName: string;
  /** Whether the cluster is paused. */
  public readonly paused: boolean;
  /** The ManagedCluster it stands for, if any. */
  public readonly managedCluster?: IManagedCluster;
  /** The generated L1 object. */
  public readonly apiObject: l1.SveltosCluster;
  private readonly _labels: Record<string, string> = {};
  private readonly renewal?: TokenRequestRenewalOption;

  constructor(scope: Construct, id: string, props: SveltosClusterProps) {
    super(scope, id);
    if (!props || typeof props !== 'object') fail(`SveltosCluster "${id}"`, 'needs props with at least a namespace, e.g. { namespace: "fleet" }');
    this.name = props.name ?? id;
    this.namespace = props.namespace;
    const subject = subjectOf('SveltosCluster', this.name, this.namespace);
    validateDnsSubdomain(subject, 'name', this.name);
    validateDnsLabel(subject, 'namespace', this.namespace);
    for (const k of Object.keys(props as object)) {
      if (/^(kubeconfig|kubeconfigData|token|bearerToken|clientKeyData|clientCertificateData|password)$/.test(k)) {
        fail(subject, `prop ${JSON.stringify(k)} would inline credentials into YAML; a SveltosCluster only references a Secret (kubeconfigSecretName / kubeconfigKeyName) that Terraform or an external secret store fills`);
      }
    }
    requireKnownKeys(subject, 'props', props as unknown as Record<string, unknown>, ['namespace', 'name', 'labels', 'kubeconfigSecretName', 'kubeconfigKeyName', 'tokenRequestRenewalOption', 'paused', 'managedCluster']);
    if (this.name.length > 63) fail(subject, `name is ${this.name.length} characters; Sveltos writes the cluster name as a label value (projectsveltos.io/cluster-name), so at most 63. Use a shorter name`);
    requireOptionalBoolean(subject, 'paused', props.paused);
    if (FleetRegistry.of(scope).withKey('SveltosCluster', `${this.namespace}/${this.name}`).length > 0) {
      fail(subject, 'is declared twice in this app (two SveltosClusters with the same namespace and name would overwrite each other); give one another name');
    }
    this.kubeconfigSecretName = props.kubeconfigSecretName ?? `${this.name}-sveltos-kubeconfig`;
    validateDnsSubdomain(subject, 'kubeconfigSecretName', this.kubeconfigSecretName);
    this.kubeconfigKeyName = props.kubeconfigKeyName ?? 'kubeconfig';
    if (!/^[-._a-zA-Z0-9]+$/.test(this.kubeconfigKeyName)) {
      fail(subject, `kubeconfigKeyName ${JSON.stringify(this.kubeconfigKeyName)} is not a valid Secret key; use letters, digits, "-", "_" and "."`);
    }
    this.paused = props.paused ?? false;
    this.managedCluster = props.managedCluster;
    const r = props.tokenRequestRenewalOption;
    if (r) {
      if (typeof r !== 'object') fail(subject, `tokenRequestRenewalOption must be an object such as { renewInterval: Duration.hours(1) }, got ${JSON.stringify(r)}`);
      if (!(r.renewInterval instanceof Duration) || r.renewInterval.toSeconds() <= 0) {
        fail(subject, `tokenRequestRenewalOption.renewInterval must be a positive Duration, got ${show(r.renewInterval)}; use e.g. Duration.hours(1) (or Duration.parse("1h"))`);
      }
      if (r.tokenDuration !== undefined && !(r.tokenDuration instanceof Duration)) {
        fail(subject, `tokenRequestRenewalOption.tokenDuration must be a Duration, got ${show(r.tokenDuration)}; use e.g. Duration.hours(2)${typeof r.tokenDuration === 'string' ? ` (or Duration.parse(${JSON.stringify(r.tokenDuration)}))` : ''}`);
      }
      if (r.tokenDuration && r.tokenDuration.toSeconds() < r.renewInterval.toSeconds()) {
        fail(subject, `tokenRequestRenewalOption.tokenDuration ${r.tokenDuration} is shorter than renewInterval ${r.renewInterval}; the token would expire before it is renewed. Use a tokenDuration >= the interval`);
      }
      if (r.serviceAccountNamespace) validateDnsLabel(subject, 'tokenRequestRenewalOption.serviceAccountNamespace', r.serviceAccountNamespace);
      if (r.serviceAccountName) validateDnsSubdomain(subject, 'tokenRequestRenewalOption.serviceAccountName', r.serviceAccountName);
      this.renewal = r;
    }
    this.apiObject = new l1.SveltosCluster(this, 'Resource', {
      metadata: { name: this.name, namespace: this.namespace },
      spec: Lazy.any({ produce: () => this._renderSpec() }) as unknown as l1.SveltosClusterSpec,
    });
    if (props.labels !== undefined && (typeof props.labels !== 'object' || props.labels === null || Array.isArray(props.labels))) {
      fail(subject, `labels must be a map of label keys to values, got ${show(props.labels)}`);
    }
    for (const [k, v] of Object.entries(props.labels ?? {})) this.addLabel(k, v);
    FleetRegistry.of(this).register('SveltosCluster', this, `${this.namespace}/${this.name}`);
  }

  /** Labels as declared (a copy). */
  public get labels(): Record<string, string> {
    return { ...this._labels };
  }

  /** Adds (or replaces) a label. */
  public addLabel(key: string, value: string): void {
    validateLabels(subjectOf('SveltosCluster', this.name, this.namespace), { [key]: value });
    this._labels[key] = value;
    this.apiObject.metadata.addLabel(key, value);
  }

  /** The spec in the generated L1 shape. @internal */
  public _renderSpec(): l1.SveltosClusterSpec {
    const r = this.renewal;
    return {
      kubeconfigName: this.kubeconfigSecretName,
      kubeconfigKeyName: this.kubeconfigKeyName,
      ...(this.paused ? { paused: true } : {}),
      ...(r ? {
        tokenRequestRenewalOption: {
          renewTokenRequestInterval: r.renewInterval.toString(),
          ...(r.tokenDuration ? { tokenDuration: r.tokenDuration.toString() } : {}),
          ...(r.serviceAccountNamespace ? { saNamespace: r.serviceAccountNamespace } : {}),
          ...(r.serviceAccountName ? { saName: r.serviceAccountName } : {}),
          kubeconfigKeyName: r.kubeconfigKeyName ?? this.kubeconfigKeyName,
        },
      } : {}),
    };
  }
}
