import { ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { describeValue, fail } from '../core/errors';
import { CHART_PROP_KEYS, requireKnownProps } from '../core/validate';
import { validateDnsLabel } from '../core/names';
import { Order } from '../core/order';
import { asSelector, LabelSelector } from '../core/selector';
import { MemberCluster, MemberClusterIdentity } from '../kubefleet';
import { FleetRegistry } from '../ocm/_registry';
import { markControlPlane, NamespaceOwners, scheduleTaints } from './_engines';
import { FleetChart } from './fleet-chart';
import { Hub } from './hub';

/** Props of {@link KubeFleetHub}. */
export interface KubeFleetHubProps extends ChartProps {
  /** The fleet: its declared clusters become the MemberClusters (same names and labels). */
  readonly hub: Hub;
  /**
   * Which of the fleet's clusters join KubeFleet (matched against their labels).
   * @default - every cluster of the hub
   */
  readonly members?: LabelSelector;
  /**
   * The namespace on the KubeFleet hub of the ServiceAccounts the member agents authenticate as.
   * @default 'fleet-system'
   */
  readonly identityNamespace?: string;
  /**
   * The prefix of each member's ServiceAccount name: `<prefix><cluster name>`.
   * @default 'fleet-member-agent-'
   */
  readonly identityPrefix?: string;
  /**
   * How often the member agents send heartbeats, in seconds (1 to 600).
   * @default 60
   */
  readonly heartbeatPeriodSeconds?: number;
}

/**
 * The fleet's KubeFleet hub: a chart of what is applied to the KubeFleet hub cluster — one
 * MemberCluster per declared cluster of the hub (same name and labels; NoSelect and NoSelectIfNew
 * ManagedCluster taints become NoSchedule taints), and the ClusterResourcePlacements, staged update
 * strategies and runs and the resources of the {@link FleetWorkload}s placed with
 * `WorkloadEngine.kubeFleet(...)`. Each member authenticates as the ServiceAccount
 * `<identityPrefix><name>` in `identityNamespace` (create it, and give its token to the member
 * agent, when the member joins). Every object of the chart carries the annotation
 * `plan.cdk-fleet.io/control-plane: kubefleet`. Clusters may be declared before or after: the
 * MemberClusters are made at synth.
 */
export class KubeFleetHub extends FleetChart {
  /** The keys of {@link KubeFleetHubProps}. @internal */
  public static readonly PROP_KEYS: readonly string[] = [...CHART_PROP_KEYS, 'hub', 'members', 'identityNamespace', 'identityPrefix', 'heartbeatPeriodSeconds'];

  /** The fleet whose clusters are the members. */
  public readonly hub: Hub;
  /** @internal */
  public readonly _namespaces = new NamespaceOwners('KubeFleet');
  private readonly memberSelector: LabelSelector;
  private readonly identityNamespace: string;
  private readonly identityPrefix: string;
  private readonly heartbeatPeriodSeconds?: number;
  private readonly byName = new Map<string, MemberCluster>();

  constructor(scope: Construct, id: string, props: KubeFleetHubProps) {
    props = requireKnownProps(`KubeFleetHub "${id}"`, props, "{ hub }", KubeFleetHub.PROP_KEYS);
    super(scope, id, props);
    const subject = `KubeFleetHub "${id}"`;
    if (!props || !(props.hub instanceof Hub)) fail(subject, `needs the fleet's hub, got ${describeValue(props?.hub)}; e.g. new KubeFleetHub(app, 'kubefleet', { hub })`);
    this.hub = props.hub;
    const members = asSelector(subject, 'members', props.members) ?? LabelSelector.all();
    members.validate(subject, 'members');
    this.memberSelector = members;
    this.identityNamespace = props.identityNamespace ?? 'fleet-system';
    validateDnsLabel(subject, 'identityNamespace', this.identityNamespace);
    this.identityPrefix = props.identityPrefix ?? 'fleet-member-agent-';
    if (typeof this.identityPrefix !== 'string') fail(subject, `identityPrefix must be a string, got ${describeValue(this.identityPrefix)}`);
    this.heartbeatPeriodSeconds = props.heartbeatPeriodSeconds;
    FleetRegistry.of(this).addPreparer(() => {
      this.addMembers();
      markControlPlane(this, 'kubefleet');
    });
  }

  /** The MemberClusters, sorted by name. */
  public get members(): MemberCluster[] {
    FleetRegistry.of(this).prepare();
    return [...this.byName.values()].sort((a, b) => Order.strings(a.name, b.name));
  }

  /** One MemberCluster per fleet cluster the members selector matches; labels added since are synced (runs at every prepare). */
  private addMembers(): void {
    for (const c of this.hub.clusters) {
      const labels = c.labels;
      const existing = this.byName.get(c.name);
      if (existing) {
        for (const [k, v] of Object.entries(labels)) existing.apiObject.metadata.addLabel(k, v);
        continue;
      }
      if (!this.memberSelector.matches(labels)) continue;
      if (c.name.length > 50) {
        fail(`KubeFleetHub "${this.node.id}"`, `cluster ${c.name} cannot be a MemberCluster: its name is ${c.name.length} characters and KubeFleet allows 50 (the hub creates the namespace fleet-member-<name>); leave it out with the members selector, or rename it`);
      }
      this.byName.set(c.name, new MemberCluster(this, `Member(${c.name})`, {
        name: c.name,
        identity: MemberClusterIdentity.serviceAccount(`${this.identityPrefix}${c.name}`, this.identityNamespace),
        labels,
        heartbeatPeriodSeconds: this.heartbeatPeriodSeconds,
        taints: scheduleTaints(c.taints),
      }));
    }
  }
}
