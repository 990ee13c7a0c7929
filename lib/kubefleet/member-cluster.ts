import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { fail } from '../core/errors';
import { dnsLabelProblem, labelKeyProblem, labelValueProblem, sortedRecord, validateDnsLabel, validateDnsSubdomain, validateLabels } from '../core/names';
import { FleetResource } from '../core/resource';
import * as l1 from '../imports/cluster.kubernetes-fleet.io';
import { KubeFleetRegistry, l1Object, subjectOf } from './_util';

/** The identity the member agent authenticates to the hub as (an RBAC subject). */
export class MemberClusterIdentity {
  /** A ServiceAccount on the hub. */
  public static serviceAccount(name: string, namespace: string): MemberClusterIdentity {
    return new MemberClusterIdentity('ServiceAccount', name, namespace, '');
  }

  /** A user. */
  public static user(name: string): MemberClusterIdentity {
    return new MemberClusterIdentity('User', name, undefined, 'rbac.authorization.k8s.io');
  }

  /** A group. */
  public static group(name: string): MemberClusterIdentity {
    return new MemberClusterIdentity('Group', name, undefined, 'rbac.authorization.k8s.io');
  }

  private constructor(
    /** `ServiceAccount`, `User` or `Group`. */
    public readonly kind: string,
    /** The name. */
    public readonly name: string,
    /** The namespace (ServiceAccount). */
    public readonly namespace: string | undefined,
    /** The API group of the subject. */
    public readonly apiGroup: string,
  ) {}

  /** Validates and renders the subject. @internal */
  public _render(subject: string): Record<string, unknown> {
    if (typeof this.name !== 'string' || this.name === '') fail(subject, `identity ${this.kind} needs a name`);
    if (this.kind === 'ServiceAccount') {
      validateDnsSubdomain(subject, 'identity ServiceAccount name', this.name);
      validateDnsLabel(subject, 'identity ServiceAccount namespace', this.namespace ?? '');
      return { kind: this.kind, name: this.name, namespace: this.namespace };
    }
    return { kind: this.kind, name: this.name, apiGroup: this.apiGroup };
  }
}

/** A MemberCluster taint (the effect is always NoSchedule). */
export interface MemberClusterTaint {
  /** The key. */
  readonly key: string;
  /**
   * The value.
   * @default - empty
   */
  readonly value?: string;
}

/** Props of {@link MemberCluster}. */
export interface MemberClusterProps {
  /**
   * The cluster name (the hub creates namespace `fleet-member-<name>`, so at most 50 characters).
   * @default - the construct id
   */
  readonly name?: string;
  /** Who the member agent authenticates as. */
  readonly identity: MemberClusterIdentity;
  /**
   * Labels (what placements' label selectors match).
   * @default - none
   */
  readonly labels?: Record<string, string>;
  /**
   * How often the member agent sends heartbeats, in seconds (1 to 600).
   * @default 60
   */
  readonly heartbeatPeriodSeconds?: number;
  /**
   * Taints (NoSchedule): only placements that tolerate them (or PickFixed ones) land here.
   * @default - none
   */
  readonly taints?: MemberClusterTaint[];
}

/** A KubeFleet member cluster as other constructs reference it. */
export interface IMemberCluster {
  /** The cluster name. */
  readonly name: string;
}

/**
 * A KubeFleet MemberCluster (cluster.kubernetes-fleet.io/v1, cluster-scoped): the hub's record of a
 * member, created before its member agent joins. Its status (joined, healthy, properties, resource
 * usage) is written by the agents; placements select it by its labels.
 * @see https://kubefleet.dev/docs/concepts/membercluster/
 */
export class MemberCluster extends FleetResource implements IMemberCluster {
  /** A MemberCluster managed elsewhere. */
  public static fromName(name: string): IMemberCluster {
    const p = memberNameProblem(name);
    if (p) fail(subjectOf('MemberCluster', String(name)), `name ${JSON.stringify(name)} is invalid: it ${p}`);
    return { name };
  }

  /** The MemberClusters declared in the app of `scope`. */
  public static allIn(scope: Construct): readonly MemberCluster[] {
    return KubeFleetRegistry.of(scope).all<MemberCluster>('MemberCluster');
  }

  /** The cluster name. */
  public readonly name: string;
  /** Labels (sorted). */
  public readonly labels: Readonly<Record<string, string>>;
  /** Taints. */
  public readonly taints: readonly MemberClusterTaint[];
  /** The generated L1 object. */
  public readonly apiObject: l1.MemberCluster;
  /** Cluster-scoped: no namespace. */
  public get namespace(): string | undefined {
    return undefined;
  }

  constructor(scope: Construct, id: string, props: MemberClusterProps) {
    super(scope, id);
    this.name = props?.name ?? id;
    const subject = subjectOf('MemberCluster', this.name);
    const p = memberNameProblem(this.name);
    if (p) fail(subject, `name ${JSON.stringify(this.name)} is invalid: it ${p}`);
    if (!props || !(props.identity instanceof MemberClusterIdentity)) {
      fail(subject, 'needs an identity, e.g. identity: MemberClusterIdentity.serviceAccount(\'fleet-member-agent\', \'fleet-system\')');
    }
    const identity = props.identity._render(subject);
    validateLabels(subject, props.labels);
    this.labels = sortedRecord(props.labels) ?? {};
    const hb = props.heartbeatPeriodSeconds;
    if (hb !== undefined && (!Number.isInteger(hb) || hb < 1 || hb > 600)) fail(subject, `heartbeatPeriodSeconds ${hb} is out of range; allowed: 1 to 600`);
    const taints = props.taints ?? [];
    if (taints.length > 100) fail(subject, `has ${taints.length} taints; at most 100`);
    const seen = new Set<string>();
    for (const t of taints) {
      const kp = labelKeyProblem(t.key);
      if (kp) fail(subject, `taint key ${JSON.stringify(t.key)} is invalid; the KubeFleet webhook rejects it: it ${kp}`);
      if (t.value) {
        const vp = labelValueProblem(t.value);
        if (vp) fail(subject, `taint ${t.key} value ${JSON.stringify(t.value)} is invalid; the KubeFleet webhook rejects it: it ${vp}`);
      }
      const k = `${t.key}=${t.value ?? ''}`;
      if (seen.has(k)) fail(subject, `taint ${k} appears twice; taints must be unique`);
      seen.add(k);
    }
    this.taints = taints.map((t) => ({ ...t }));
    this.apiObject = l1Object(l1.MemberCluster, this, 'Resource', {
      metadata: { name: this.name, ...(Object.keys(this.labels).length > 0 ? { labels: { ...this.labels } } : {}) },
      spec: Lazy.any({
        produce: () => {
          const spec: Record<string, unknown> = { identity };
          if (hb !== undefined) spec.heartbeatPeriodSeconds = hb;
          if (this.taints.length > 0) spec.taints = this.taints.map((t) => (t.value ? { key: t.key, value: t.value, effect: 'NoSchedule' } : { key: t.key, effect: 'NoSchedule' }));
          return spec;
        },
      }) as unknown as l1.MemberClusterSpec,
    });
    KubeFleetRegistry.of(this).register('MemberCluster', this);
  }
}

/** A DNS label of at most 50 characters: the hub creates namespace fleet-member-<name>. */
function memberNameProblem(name: string): string | undefined {
  if (typeof name !== 'string') return 'must be a string';
  if (name.length > 50) return `must be at most 50 characters (the hub creates the namespace fleet-member-<name>, at most 63), got ${name.length}`;
  return dnsLabelProblem(name);
}
