import { ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { describeValue, fail } from '../core/errors';
import { CHART_PROP_KEYS, requireKnownProps } from '../core/validate';
import { labelKeyProblem } from '../core/names';
import { Order } from '../core/order';
import { asSelector, LabelSelector } from '../core/selector';
import { Cluster, ClusterRegistrationOptions, ClusterSyncMode, TaintEffect } from '../karmada';
import { FleetRegistry } from '../ocm/_registry';
import { markControlPlane, NamespaceOwners, scheduleTaints } from './_engines';
import { FleetChart } from './fleet-chart';
import { Hub } from './hub';

/** Props of {@link KarmadaControlPlane}. */
export interface KarmadaControlPlaneProps extends ChartProps {
  /** The fleet: its declared clusters become the Karmada members (same names and labels). */
  readonly hub: Hub;
  /**
   * Which of the fleet's clusters are Karmada members (matched against their labels).
   * @default - every cluster of the hub
   */
  readonly members?: LabelSelector;
  /**
   * The cluster label whose value is a member's `spec.region` (what fieldSelector `region` and
   * spread constraints by region read).
   * @default - no region
   */
  readonly regionLabel?: string;
  /**
   * The cluster label whose value is a member's `spec.provider`.
   * @default - no provider
   */
  readonly providerLabel?: string;
  /**
   * The cluster label whose value is a member's one zone (`spec.zones`).
   * @default - no zones
   */
  readonly zoneLabel?: string;
  /**
   * How the members are registered: Push (`karmadactl join`) or Pull (a karmada-agent in the member).
   * @default ClusterSyncMode.PUSH
   */
  readonly syncMode?: ClusterSyncMode;
}

/**
 * The fleet's Karmada control plane: a chart of what is applied to the Karmada API server (the
 * propagation policies and resource templates of the {@link FleetWorkload}s placed with
 * `WorkloadEngine.karmada(...)`), and the fleet's clusters as Karmada members. The members are
 * MODELLED, NOT EMITTED (Karmada creates its Cluster objects at registration): one
 * `karmada.Cluster` per declared cluster of the hub, with its name, labels, region, provider and zone
 * from the labels named here, and its taints from the ManagedCluster's (NoSelect and NoSelectIfNew
 * become NoSchedule); {@link registrationCommands} lists the `karmadactl` commands that register them
 * so. Every object of the chart carries the annotation `plan.cdk-fleet.io/control-plane: karmada`, so
 * `cdk-fleet plan` on a folder holding several control planes knows which objects are Karmada's.
 * Clusters may be declared before or after: the members are made at synth.
 */
export class KarmadaControlPlane extends FleetChart {
  /** The keys of {@link KarmadaControlPlaneProps}. @internal */
  public static readonly PROP_KEYS: readonly string[] = [...CHART_PROP_KEYS, 'hub', 'members', 'regionLabel', 'providerLabel', 'zoneLabel', 'syncMode'];

  /** The fleet whose clusters are the members. */
  public readonly hub: Hub;
  /** @internal */
  public readonly _namespaces = new NamespaceOwners('Karmada');
  private readonly memberSelector: LabelSelector;
  private readonly regionLabel?: string;
  private readonly providerLabel?: string;
  private readonly zoneLabel?: string;
  private readonly syncMode?: ClusterSyncMode;
  private readonly byName = new Map<string, Cluster>();

  constructor(scope: Construct, id: string, props: KarmadaControlPlaneProps) {
    props = requireKnownProps(`KarmadaControlPlane "${id}"`, props, "{ hub }", KarmadaControlPlane.PROP_KEYS);
    super(scope, id, props);
    const subject = `KarmadaControlPlane "${id}"`;
    if (!props || !(props.hub instanceof Hub)) fail(subject, `needs the fleet's hub, got ${describeValue(props?.hub)}; e.g. new KarmadaControlPlane(app, 'karmada', { hub })`);
    this.hub = props.hub;
    const members = asSelector(subject, 'members', props.members) ?? LabelSelector.all();
    members.validate(subject, 'members');
    this.memberSelector = members;
    for (const [what, key] of [['regionLabel', props.regionLabel], ['providerLabel', props.providerLabel], ['zoneLabel', props.zoneLabel]] as const) {
      if (key === undefined) continue;
      const p = typeof key === 'string' ? labelKeyProblem(key) : 'must be a string';
      if (p) fail(subject, `${what} ${JSON.stringify(key)} is not a label key: it ${p}`);
    }
    if (props.syncMode !== undefined && !Object.values(ClusterSyncMode).includes(props.syncMode)) fail(subject, `syncMode ${JSON.stringify(props.syncMode)} is invalid; allowed: Push, Pull`);
    this.regionLabel = props.regionLabel;
    this.providerLabel = props.providerLabel;
    this.zoneLabel = props.zoneLabel;
    this.syncMode = props.syncMode;
    FleetRegistry.of(this).addPreparer(() => {
      this.addMembers();
      markControlPlane(this, 'karmada');
    });
  }

  /** The member Clusters (modelled, not emitted), sorted by name. */
  public get members(): Cluster[] {
    FleetRegistry.of(this).prepare();
    return [...this.byName.values()].sort((a, b) => Order.strings(a.name, b.name));
  }

  /** The `karmadactl` commands that register every member as declared, member by member in name order. */
  public registrationCommands(options: ClusterRegistrationOptions = {}): string[] {
    return this.members.flatMap((m) => m.registrationCommands(options));
  }

  /** One member per fleet cluster the members selector matches (idempotent: runs at every prepare). */
  private addMembers(): void {
    for (const c of this.hub.clusters) {
      if (this.byName.has(c.name)) continue;
      const labels = c.labels;
      if (!this.memberSelector.matches(labels)) continue;
      if (c.name.length > 48) {
        fail(`KarmadaControlPlane "${this.node.id}"`, `cluster ${c.name} cannot be a Karmada member: its name is ${c.name.length} characters and Karmada allows 48 (it derives the execution namespace karmada-es-<name>); leave it out with the members selector, or rename it`);
      }
      const from = (key: string | undefined) => (key !== undefined && labels[key] ? labels[key] : undefined);
      const zone = from(this.zoneLabel);
      this.byName.set(c.name, new Cluster(this, `Member(${c.name})`, {
        name: c.name,
        labels,
        region: from(this.regionLabel),
        provider: from(this.providerLabel),
        zones: zone ? [zone] : undefined,
        taints: scheduleTaints(c.taints).map((t) => ({ ...t, effect: TaintEffect.NO_SCHEDULE })),
        syncMode: this.syncMode,
      }));
    }
  }
}
