import { Construct } from 'constructs';
import { describeValue, fail } from '../core/errors';
import { requireProps } from '../core/validate';
import { dnsLabelProblem, labelKeyProblem, labelValueProblem, sortedRecord, validateLabels } from '../core/names';
import { Order } from '../core/order';
import { KarmadaRegistry, subjectOf } from './_util';
import { TaintEffect } from './values';

/** How Karmada reaches a member cluster. */
export enum ClusterSyncMode {
  /** The control plane pushes to the member (`karmadactl join`, credentials in karmada-cluster). */
  PUSH = 'Push',
  /** A karmada-agent in the member pulls (`karmadactl register`). */
  PULL = 'Pull',
}

/** A taint on a member Cluster. */
export interface ClusterTaint {
  /** The key (a label key). */
  readonly key: string;
  /**
   * The value (a label value).
   * @default - empty
   */
  readonly value?: string;
  /** The effect: NoSchedule or NoExecute. */
  readonly effect: TaintEffect;
}

/** Props of {@link Cluster}. */
export interface ClusterProps {
  /**
   * The cluster name (a DNS label of at most 48 characters: Karmada prefixes it for the execution namespace).
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Labels on the Cluster object (what clusterAffinity.labelSelector matches).
   * @default - none
   */
  readonly labels?: Record<string, string>;
  /**
   * `spec.provider` (field selector key `provider`).
   * @default - none
   */
  readonly provider?: string;
  /**
   * `spec.region` (field selector key `region`).
   * @default - none
   */
  readonly region?: string;
  /**
   * `spec.zones` (field selector key `zone`).
   * @default - none
   */
  readonly zones?: string[];
  /**
   * Taints (policies need clusterTolerations to land on the cluster).
   * @default - none
   */
  readonly taints?: ClusterTaint[];
  /**
   * How the cluster is registered.
   * @default ClusterSyncMode.PUSH
   */
  readonly syncMode?: ClusterSyncMode;
}

/** Options of {@link Cluster.registrationCommands}. */
export interface ClusterRegistrationOptions {
  /**
   * Push mode: path of the member cluster's kubeconfig.
   * @default '<member-kubeconfig>'
   */
  readonly clusterKubeconfig?: string;
  /**
   * Push mode: the context in that kubeconfig.
   * @default - the kubeconfig's current context
   */
  readonly clusterContext?: string;
  /**
   * Pull mode: the Karmada API server endpoint the agent registers with.
   * @default '<karmada-apiserver-endpoint>'
   */
  readonly karmadaApiServer?: string;
}

/** A Karmada member cluster as other constructs reference it. */
export interface ICluster {
  /** The cluster name. */
  readonly name: string;
}

/**
 * A Karmada member Cluster (cluster.karmada.io/v1alpha1) as the fleet plan sees it: name, labels,
 * provider, region, zones and taints. It is MODELLED, NOT EMITTED: the Cluster object is served by
 * karmada-aggregated-apiserver and written at registration — `karmadactl join` (Push) creates it with
 * the credentials Secret it generates, and in Pull mode the karmada-agent creates and keeps updating it
 * (syncMode, apiEndpoint, id, secretRef; karmada cmd/agent/app/agent.go). A Cluster applied from Git
 * would lack those credentials or fight the agent. Declare it here so policies can be checked and
 * planned against it, and run {@link registrationCommands} (or the equivalent automation) to register it.
 */
export class Cluster extends Construct implements ICluster {
  /** A cluster registered elsewhere. */
  public static fromName(name: string): ICluster {
    const p = clusterNameProblem(name);
    if (p) fail(subjectOf('Cluster', String(name)), `name ${JSON.stringify(name)} is invalid: it ${p}`);
    return { name };
  }

  /** The Clusters declared in the app of `scope`. */
  public static allIn(scope: Construct): readonly Cluster[] {
    return KarmadaRegistry.of(scope).all<Cluster>('Cluster');
  }

  /** The cluster name. */
  public readonly name: string;
  /** Labels (sorted). */
  public readonly labels: Readonly<Record<string, string>>;
  /** `spec.provider`, if set. */
  public readonly provider?: string;
  /** `spec.region`, if set. */
  public readonly region?: string;
  /** `spec.zones`. */
  public readonly zones: readonly string[];
  /** `spec.taints`. */
  public readonly taints: readonly ClusterTaint[];
  /** The sync mode. */
  public readonly syncMode: ClusterSyncMode;

  constructor(scope: Construct, id: string, props: ClusterProps = {}) {
    super(scope, id);
    props = requireProps(`Cluster "${id}"`, props, "{ labels: { env: 'prod' } }", true);
    this.name = props.name ?? id;
    const subject = subjectOf('Cluster', this.name);
    const p = clusterNameProblem(this.name);
    if (p) fail(subject, `name ${JSON.stringify(this.name)} is invalid: it ${p}`);
    validateLabels(subject, props.labels);
    this.labels = sortedRecord(props.labels) ?? {};
    for (const [what, v] of [['provider', props.provider], ['region', props.region]] as const) {
      if (v === undefined) continue;
      const vp = typeof v === 'string' && v !== '' ? labelValueProblem(v) : 'must be a non-empty string';
      if (vp) fail(subject, `${what} ${JSON.stringify(v)} is invalid (Karmada validates it as a label value): it ${vp}`);
    }
    this.provider = props.provider;
    this.region = props.region;
    const zones = props.zones ?? [];
    if (!Array.isArray(zones)) fail(subject, `zones must be a list, got ${describeValue(zones)}`);
    for (const z of zones) {
      const zp = typeof z === 'string' && z !== '' ? labelValueProblem(z) : 'must be a non-empty string';
      if (zp) fail(subject, `zone ${JSON.stringify(z)} is invalid (Karmada validates it as a label value): it ${zp}`);
    }
    this.zones = [...zones];
    const seen = new Set<string>();
    for (const t of props.taints ?? []) {
      const kp = labelKeyProblem(t.key);
      if (kp) fail(subject, `taint key ${JSON.stringify(t.key)} is invalid: it ${kp}`);
      if (t.value) {
        const vp = labelValueProblem(t.value);
        if (vp) fail(subject, `taint ${t.key} value ${JSON.stringify(t.value)} is invalid: it ${vp}`);
      }
      if (!Object.values(TaintEffect).includes(t.effect)) fail(subject, `taint ${t.key} has effect ${JSON.stringify(t.effect)}; a Cluster taint is NoSchedule or NoExecute`);
      const k = `${t.key}:${t.effect}`;
      if (seen.has(k)) fail(subject, `taint ${t.key}:${t.effect} appears twice; Karmada requires taints unique by key and effect`);
      seen.add(k);
    }
    this.taints = (props.taints ?? []).map((t) => ({ ...t }));
    this.syncMode = props.syncMode ?? ClusterSyncMode.PUSH;
    if (!Object.values(ClusterSyncMode).includes(this.syncMode)) fail(subject, `syncMode ${JSON.stringify(this.syncMode)} is invalid; allowed: Push, Pull`);
    KarmadaRegistry.of(this).register('Cluster', this);
  }

  /**
   * The Cluster object as the Karmada control plane holds it after registration (the fields the
   * scheduler reads), in `cluster.karmada.io/v1alpha1` shape: what the fleet plan's Karmada simulator
   * takes as input. Never synthesized into YAML.
   */
  public toPlanObject(): Record<string, unknown> {
    const spec: Record<string, unknown> = { syncMode: this.syncMode };
    if (this.provider) spec.provider = this.provider;
    if (this.region) spec.region = this.region;
    if (this.zones.length > 0) spec.zones = [...this.zones];
    if (this.taints.length > 0) spec.taints = this.taints.map((t) => (t.value ? { key: t.key, value: t.value, effect: t.effect } : { key: t.key, effect: t.effect }));
    const metadata: Record<string, unknown> = { name: this.name };
    if (Object.keys(this.labels).length > 0) metadata.labels = { ...this.labels };
    return { apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata, spec };
  }

  /**
   * The karmadactl commands that register the cluster as declared: `join` (Push, run against the
   * control plane) or `register` (Pull, run against the member, after `karmadactl token create`), with
   * provider, region and zones; then `label` and `taint` for the labels and taints.
   */
  public registrationCommands(options: ClusterRegistrationOptions = {}): string[] {
    const fields: string[] = [];
    if (this.provider) fields.push(`--cluster-provider=${this.provider}`);
    if (this.region) fields.push(`--cluster-region=${this.region}`);
    if (this.zones.length > 0) fields.push(`--cluster-zones=${this.zones.join(',')}`);
    const out: string[] = [];
    if (this.syncMode === ClusterSyncMode.PUSH) {
      const ctx = options.clusterContext ? [`--cluster-context=${options.clusterContext}`] : [];
      out.push(['karmadactl join', this.name, `--cluster-kubeconfig=${options.clusterKubeconfig ?? '<member-kubeconfig>'}`, ...ctx, ...fields].join(' '));
    } else {
      out.push(['karmadactl register', options.karmadaApiServer ?? '<karmada-apiserver-endpoint>', '--token=<token>', '--discovery-token-ca-cert-hash=<hash>', `--cluster-name=${this.name}`, ...fields].join(' '));
    }
    const labels = Object.keys(this.labels).sort(Order.strings);
    if (labels.length > 0) out.push(`karmadactl label clusters ${this.name} --overwrite ${labels.map((k) => `${k}=${this.labels[k]}`).join(' ')}`);
    for (const t of this.taints) out.push(`karmadactl taint clusters ${this.name} ${t.key}${t.value ? `=${t.value}` : ''}:${t.effect} --overwrite`);
    return out;
  }
}

/** karmada pkg/apis/cluster/validation ValidateClusterName: a DNS label of at most 48 characters. */
function clusterNameProblem(name: string): string | undefined {
  if (typeof name !== 'string') return 'must be a string';
  if (name.length > 48) return `must be at most 48 characters (Karmada derives the execution namespace karmada-es-<name> from it), got ${name.length}`;
  return dnsLabelProblem(name);
}
