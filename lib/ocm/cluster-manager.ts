import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { requireArray, requireProps } from '../core/validate';
import { fail } from '../core/errors';
import { Order } from '../core/order';
import { validateDnsSubdomain } from '../core/names';
import { FleetResource } from '../core/resource';
import * as l1 from '../imports/operator.open-cluster-management.io';
import { FleetRegistry } from './_registry';
import { subjectOf, l1Object } from './_util';

/** The hub component a feature gate belongs to (the ClusterManager field it is written to). */
export enum FeatureGateComponent {
  /** `spec.registrationConfiguration.featureGates` */
  REGISTRATION = 'registration',
  /** `spec.workConfiguration.featureGates` */
  WORK = 'work',
  /** `spec.addOnManagerConfiguration.featureGates` */
  ADDON_MANAGER = 'addOnManager',
  /** `spec.placementConfiguration.featureGates` */
  PLACEMENT = 'placement',
}

/**
 * A hub feature gate, typed: its name and the component that reads it. Unknown names are dropped
 * silently by the OCM operator, so only the gates it knows are offered.
 */
export class FeatureGate {
  /** Registration: keeps the `default` and `global` cluster sets (on by default upstream). */
  public static readonly DEFAULT_CLUSTER_SET = new FeatureGate('DefaultClusterSet', FeatureGateComponent.REGISTRATION, true);
  /** Registration: auto-accepts clusters whose bootstrap identity is in `autoApproveUsers` (off by default). */
  public static readonly MANAGED_CLUSTER_AUTO_APPROVAL = new FeatureGate('ManagedClusterAutoApproval', FeatureGateComponent.REGISTRATION, false);
  /** Registration: garbage-collects resources in a deleted cluster's namespace (on by default). */
  public static readonly RESOURCE_CLEANUP = new FeatureGate('ResourceCleanup', FeatureGateComponent.REGISTRATION, true);
  /** Registration: writes a SIG-Multicluster ClusterProfile per cluster and bound namespace (off by default). */
  public static readonly CLUSTER_PROFILE = new FeatureGate('ClusterProfile', FeatureGateComponent.REGISTRATION, false);
  /** Registration: imports clusters, e.g. Cluster API clusters (off by default). */
  public static readonly CLUSTER_IMPORTER = new FeatureGate('ClusterImporter', FeatureGateComponent.REGISTRATION, false);
  /** Registration: v1beta1 CSR API compatibility (off by default). */
  public static readonly V1BETA1_CSR_API_COMPATIBILITY = new FeatureGate('V1beta1CSRAPICompatibility', FeatureGateComponent.REGISTRATION, false);
  /** Work: the ManifestWorkReplicaSet controller (off by default). */
  public static readonly MANIFEST_WORK_REPLICA_SET = new FeatureGate('ManifestWorkReplicaSet', FeatureGateComponent.WORK, false);
  /** Work: validates works without an executor (off by default). */
  public static readonly NIL_EXECUTOR_VALIDATING = new FeatureGate('NilExecutorValidating', FeatureGateComponent.WORK, false);
  /** Work: CloudEvents work drivers (off by default). */
  public static readonly CLOUD_EVENTS_DRIVERS = new FeatureGate('CloudEventsDrivers', FeatureGateComponent.WORK, false);
  /** Work: deletes ManifestWorks after ttlSecondsAfterFinished (off by default). */
  public static readonly CLEAN_UP_COMPLETED_MANIFEST_WORK = new FeatureGate('CleanUpCompletedManifestWork', FeatureGateComponent.WORK, false);
  /** Add-on manager: add-on management (on by default). */
  public static readonly ADDON_MANAGEMENT = new FeatureGate('AddonManagement', FeatureGateComponent.ADDON_MANAGER, true);
  /** Placement: the placement debug server (off by default). */
  public static readonly PLACEMENT_DEBUG_SERVER = new FeatureGate('PlacementDebugServer', FeatureGateComponent.PLACEMENT, false);

  /** Every gate this library knows. */
  public static all(): FeatureGate[] {
    return [
      FeatureGate.DEFAULT_CLUSTER_SET, FeatureGate.MANAGED_CLUSTER_AUTO_APPROVAL, FeatureGate.RESOURCE_CLEANUP,
      FeatureGate.CLUSTER_PROFILE, FeatureGate.CLUSTER_IMPORTER, FeatureGate.V1BETA1_CSR_API_COMPATIBILITY,
      FeatureGate.MANIFEST_WORK_REPLICA_SET, FeatureGate.NIL_EXECUTOR_VALIDATING, FeatureGate.CLOUD_EVENTS_DRIVERS,
      FeatureGate.CLEAN_UP_COMPLETED_MANIFEST_WORK, FeatureGate.ADDON_MANAGEMENT, FeatureGate.PLACEMENT_DEBUG_SERVER,
    ];
  }

  private constructor(
    /** The upstream gate name, e.g. `ClusterProfile`. */
    public readonly name: string,
    /** The component whose featureGates list carries it. */
    public readonly component: FeatureGateComponent,
    /** Whether upstream enables it when it is not listed. */
    public readonly enabledByDefault: boolean,
  ) {}
}

/** How the hub controllers are deployed. */
export enum ClusterManagerDeployMode {
  /** Hub controllers run on the hub in `open-cluster-management-hub`. */
  DEFAULT = 'Default',
  /** Hub controllers run on a hosting cluster, using secret `external-hub-kubeconfig`. */
  HOSTED = 'Hosted',
}

/** Props of {@link ClusterManager}. */
export interface ClusterManagerProps {
  /**
   * The ClusterManager name.
   * @default 'cluster-manager'
   */
  readonly name?: string;
  /**
   * Gates to enable (written with mode Enable in their component's list).
   * @default - none beyond upstream defaults
   */
  readonly enable?: FeatureGate[];
  /**
   * Gates to disable explicitly (mode Disable), e.g. `FeatureGate.DEFAULT_CLUSTER_SET`.
   * @default - none
   */
  readonly disable?: FeatureGate[];
  /**
   * Deploy mode.
   * @default ClusterManagerDeployMode.DEFAULT
   */
  readonly deployMode?: ClusterManagerDeployMode;
  /**
   * Users auto-approved with ManagedClusterAutoApproval (bootstrap identities), e.g.
   * `system:serviceaccount:open-cluster-management:agent-registration-bootstrap`.
   * @default - none
   */
  readonly autoApproveUsers?: string[];
}

/** The read-only view of a hub ClusterManager that other constructs consult. */
export interface IClusterManager {
  /** The ClusterManager name. */
  readonly name: string;
  /** True when `gate` is enabled (explicitly or by upstream default, and not disabled). */
  isEnabled(gate: FeatureGate): boolean;
}

/**
 * The OCM hub operator's ClusterManager (operator.open-cluster-management.io/v1, cluster-scoped):
 * which hub features run. Feature gates are typed values so a misspelt gate cannot be written
 * (the operator drops unknown names silently).
 */
export class ClusterManager extends FleetResource implements IClusterManager {
  /** The ClusterManagers declared in the app of `scope`. */
  public static allIn(scope: Construct): readonly ClusterManager[] {
    return FleetRegistry.of(scope).all<ClusterManager>('ClusterManager');
  }

  /** The ClusterManager name. */
  public readonly name: string;
  /** Deploy mode. */
  public readonly deployMode: ClusterManagerDeployMode;
  /** The generated L1 object. */
  public readonly apiObject: l1.ClusterManager;
  /** Cluster-scoped: no namespace. */
  public get namespace(): string | undefined {
    return undefined;
  }
  private readonly gates = new Map<string, { gate: FeatureGate; enabled: boolean }>();
  private readonly autoApproveUsers: string[];

  constructor(scope: Construct, id: string, props: ClusterManagerProps = {}) {
    super(scope, id);
    props = requireProps(subjectOf('ClusterManager', id), props, '{ enable: [FeatureGate.MANAGED_CLUSTER_AUTO_APPROVAL] }', true);
    requireArray(subjectOf('ClusterManager', id), 'enable', props.enable, '[FeatureGate.MANAGED_CLUSTER_AUTO_APPROVAL]');
    requireArray(subjectOf('ClusterManager', id), 'disable', props.disable, '[FeatureGate.MANAGED_CLUSTER_AUTO_APPROVAL]');
    this.name = props.name ?? 'cluster-manager';
    validateDnsSubdomain(subjectOf('ClusterManager', this.name), 'name', this.name);
    this.deployMode = props.deployMode ?? ClusterManagerDeployMode.DEFAULT;
    this.autoApproveUsers = [...(props.autoApproveUsers ?? [])];
    for (const g of props.enable ?? []) this.enable(g);
    for (const g of props.disable ?? []) this.disable(g);
    this.apiObject = l1Object(l1.ClusterManager, this, 'Resource', {
      metadata: { name: this.name },
      spec: Lazy.any({ produce: () => this._renderSpec() }) as unknown as l1.ClusterManagerSpec,
    });
    FleetRegistry.of(this).register('ClusterManager', this);
  }

  /** Enables gates (mode Enable). */
  public enable(...gates: FeatureGate[]): void {
    for (const g of gates) this.set(g, true);
  }

  /** Disables gates explicitly (mode Disable). */
  public disable(...gates: FeatureGate[]): void {
    for (const g of gates) this.set(g, false);
  }

  /** Adds an auto-approved bootstrap identity (needs ManagedClusterAutoApproval to take effect). */
  public addAutoApproveUser(user: string): void {
    if (!this.autoApproveUsers.includes(user)) this.autoApproveUsers.push(user);
  }

  /** True when `gate` is enabled (explicitly or by upstream default, and not disabled). */
  public isEnabled(gate: FeatureGate): boolean {
    const s = this.gates.get(gate.name);
    return s ? s.enabled : gate.enabledByDefault;
  }

  /** The gates written explicitly, as `{name, enabled, component}` sorted by name. */
  public get featureGates(): { name: string; component: FeatureGateComponent; enabled: boolean }[] {
    return [...this.gates.values()]
      .map((s) => ({ name: s.gate.name, component: s.gate.component, enabled: s.enabled }))
      .sort(Order.by((g) => g.name));
  }

  private set(gate: FeatureGate, enabled: boolean): void {
    if (!(gate instanceof FeatureGate)) {
      fail(subjectOf('ClusterManager', this.name), `feature gate ${JSON.stringify(gate)} is not a FeatureGate; use one of FeatureGate.${FeatureGate.all().map((g) => g.name).join(', FeatureGate.')}`);
    }
    this.gates.set(gate.name, { gate, enabled });
  }

  /** @internal */
  public _renderSpec(): l1.ClusterManagerSpec {
    const list = <Mode extends string>(c: FeatureGateComponent) => {
      const gates = this.featureGates.filter((g) => g.component === c).map((g) => ({ feature: g.name, mode: (g.enabled ? 'Enable' : 'Disable') as string as Mode }));
      return gates.length > 0 ? { featureGates: gates } : undefined;
    };
    const registration = list<l1.ClusterManagerSpecRegistrationConfigurationFeatureGatesMode>(FeatureGateComponent.REGISTRATION);
    const work = list<l1.ClusterManagerSpecWorkConfigurationFeatureGatesMode>(FeatureGateComponent.WORK);
    const addon = list<l1.ClusterManagerSpecAddOnManagerConfigurationFeatureGatesMode>(FeatureGateComponent.ADDON_MANAGER);
    const placement = list<l1.ClusterManagerSpecPlacementConfigurationFeatureGatesMode>(FeatureGateComponent.PLACEMENT);
    return {
      deployOption: { mode: this.deployMode as string as l1.ClusterManagerSpecDeployOptionMode },
      ...(registration || this.autoApproveUsers.length > 0 ? {
        registrationConfiguration: {
          ...(this.autoApproveUsers.length > 0 ? { autoApproveUsers: [...this.autoApproveUsers].sort() } : {}),
          ...(registration ?? {}),
        },
      } : {}),
      ...(work ? { workConfiguration: { ...work, workDriver: l1.ClusterManagerSpecWorkConfigurationWorkDriver.KUBE } } : {}),
      ...(addon ? { addOnManagerConfiguration: addon } : {}),
      ...(placement ? { placementConfiguration: placement } : {}),
    };
  }
}

/**
 * Throws at synth (through a validation) unless some ClusterManager in the app enables `gate`.
 * @internal
 */
export function requireFeatureGate(c: Construct, subject: string, gate: FeatureGate, what: string): void {
  c.node.addValidation({
    validate: () => {
      const managers = ClusterManager.allIn(c);
      if (managers.some((m) => m.isEnabled(gate))) return [];
      const where = managers.length === 0
        ? 'the app declares no ClusterManager'
        : `ClusterManager ${managers.map((m) => `"${m.name}"`).join(', ')} does not enable it`;
      return [`${subject}: ${what} needs the ${gate.component} feature gate ${gate.name}, but ${where}; enable it with clusterManager.enable(FeatureGate.${constName(gate)}) (or new Hub(..., { featureGates: [FeatureGate.${constName(gate)}] }))`];
    },
  });
}

function constName(g: FeatureGate): string {
  return g.name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/V1beta1/i, 'V1BETA1').toUpperCase();
}
