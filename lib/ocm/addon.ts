import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { fail } from '../core/errors';
import { requireProps } from '../core/validate';
import { validateDnsLabel, validateDnsSubdomain, sortedRecord } from '../core/names';
import { FleetResource } from '../core/resource';
import * as l1 from '../imports/addon.open-cluster-management.io';
import { FleetRegistry } from './_registry';
import { subjectOf, l1Object } from './_util';
import { IManagedCluster } from './managed-cluster';
import { IPlacement, Placement } from './placement';
import { Rollout } from './rollout';

/** A reference to an add-on configuration object (e.g. an AddOnDeploymentConfig). */
export interface AddOnConfigRef {
  /**
   * API group of the config.
   * @default ''
   */
  readonly group?: string;
  /** Plural resource, e.g. `addondeploymentconfigs`. */
  readonly resource: string;
  /** Name. */
  readonly name: string;
  /**
   * Namespace (for namespaced configs).
   * @default - cluster-scoped config
   */
  readonly namespace?: string;
}

/** Something usable as an add-on config: our AddOnDeploymentConfig or a raw reference. */
export interface IAddOnConfig {
  /** The reference in API shape. */
  readonly configRef: AddOnConfigRef;
}

/** Props of {@link AddOnDeploymentConfig}. */
export interface AddOnDeploymentConfigProps {
  /** Namespace of the config on the hub. */
  readonly namespace: string;
  /**
   * Name.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Variables for template add-ons (`{{NAME}}`): names match `^[a-zA-Z_][_a-zA-Z0-9]*$`.
   * @default - none
   */
  readonly customizedVariables?: Record<string, string>;
  /**
   * Node selector for the add-on agents.
   * @default - not specified
   */
  readonly nodeSelector?: Record<string, string>;
  /**
   * Image registry mirrors, source → mirror (an empty source replaces every registry).
   * @default - none
   */
  readonly registries?: Record<string, string>;
  /**
   * Namespace the agents are installed into on the spoke.
   * @default - 'open-cluster-management-agent-addon'
   */
  readonly agentInstallNamespace?: string;
}

/**
 * An OCM AddOnDeploymentConfig (addon.open-cluster-management.io/v1alpha1): per-placement or
 * per-cluster settings of an add-on's agents.
 */
export class AddOnDeploymentConfig extends FleetResource implements IAddOnConfig {
  /** Name. */
  public readonly name: string;
  /** Namespace. */
  public readonly namespace: string;
  /** The generated L1 object. */
  public readonly apiObject: l1.AddOnDeploymentConfig;

  constructor(scope: Construct, id: string, props: AddOnDeploymentConfigProps) {
    super(scope, id);
    props = requireProps(`AddOnDeploymentConfig "${id}"`, props, "{ namespace: 'open-cluster-management' }");
    this.name = props.name ?? id;
    this.namespace = props.namespace;
    const subject = subjectOf('AddOnDeploymentConfig', this.name, this.namespace);
    validateDnsSubdomain(subject, 'name', this.name);
    validateDnsLabel(subject, 'namespace', this.namespace);
    const vars = props.customizedVariables ?? {};
    for (const [k, v] of Object.entries(vars)) {
      if (!/^[a-zA-Z_][_a-zA-Z0-9]*$/.test(k) || k.length > 255) fail(subject, `customized variable name ${JSON.stringify(k)} is invalid; use letters, digits and "_" starting with a letter or "_" (at most 255)`);
      if (v.length > 1024) fail(subject, `customized variable ${k} is ${v.length} characters; at most 1024`);
    }
    if (props.agentInstallNamespace) validateDnsLabel(subject, 'agentInstallNamespace', props.agentInstallNamespace);
    const spec: Record<string, unknown> = {};
    if (props.agentInstallNamespace) spec.agentInstallNamespace = props.agentInstallNamespace;
    const cv = sortedRecord(vars);
    if (cv) spec.customizedVariables = Object.entries(cv).map(([name, value]) => ({ name, value }));
    const ns = sortedRecord(props.nodeSelector);
    if (ns) spec.nodePlacement = { nodeSelector: ns };
    const reg = sortedRecord(props.registries);
    if (reg) spec.registries = Object.entries(reg).map(([source, mirror]) => (source ? { source, mirror } : { mirror }));
    this.apiObject = l1Object(l1.AddOnDeploymentConfig, this, 'Resource', {
      metadata: { name: this.name, namespace: this.namespace },
      spec: spec as l1.AddOnDeploymentConfigSpec,
    });
  }

  /** The reference in API shape. */
  public get configRef(): AddOnConfigRef {
    return { group: 'addon.open-cluster-management.io', resource: 'addondeploymentconfigs', name: this.name, namespace: this.namespace };
  }
}

/** One placement of a Placements install strategy. */
export interface AddOnPlacement {
  /** The placement whose clusters get the add-on. */
  readonly placement: IPlacement;
  /**
   * Configs for the clusters of this placement (override the defaults).
   * @default - the add-on's defaults
   */
  readonly configs?: IAddOnConfig[];
  /**
   * How config changes roll out.
   * @default Rollout.all()
   */
  readonly rollout?: Rollout;
}

/** How the add-on manager installs an add-on. */
export class InstallStrategy {
  /** The hub does nothing; create ManagedClusterAddOns yourself. */
  public static manual(): InstallStrategy {
    return new InstallStrategy('Manual', []);
  }

  /**
   * Install on every cluster of these placements. The add-on manager deletes the add-on from
   * every other cluster, including ManagedClusterAddOns created by hand.
   */
  public static placements(...placements: AddOnPlacement[]): InstallStrategy {
    if (placements.length === 0) fail('InstallStrategy.placements', 'needs at least one placement; use InstallStrategy.manual() to install by hand');
    return new InstallStrategy('Placements', placements);
  }

  private constructor(
    /** `Manual` or `Placements`. */
    public readonly type: 'Manual' | 'Placements',
    /** Placements, in order (the last one selecting a cluster supplies its configs). */
    public readonly placements: readonly AddOnPlacement[],
  ) {}
}

/** A config type an add-on supports, with an optional default. */
export interface SupportedConfig {
  /**
   * API group (must equal the defaultConfig's group when both are given).
   * @default - the defaultConfig's group, or '' (the core group) without a defaultConfig
   */
  readonly group?: string;
  /**
   * Plural resource (must equal the defaultConfig's resource when both are given).
   * @default - the defaultConfig's resource; required without a defaultConfig
   */
  readonly resource?: string;
  /**
   * The default config.
   * @default - none
   */
  readonly defaultConfig?: IAddOnConfig;
}

/** Props of {@link ClusterManagementAddOn}. */
export interface ClusterManagementAddOnProps {
  /**
   * The add-on name (also the ManagedClusterAddOn name in each cluster namespace).
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Display name.
   * @default - none
   */
  readonly displayName?: string;
  /**
   * Description.
   * @default - none
   */
  readonly description?: string;
  /**
   * Install strategy.
   * @default InstallStrategy.manual()
   */
  readonly installStrategy?: InstallStrategy;
  /**
   * Supported config types and defaults.
   * @default - none
   */
  readonly supportedConfigs?: SupportedConfig[];
  /**
   * Annotations (e.g. `addon.open-cluster-management.io/lifecycle: addon-manager`).
   * @default - none
   */
  readonly annotations?: Record<string, string>;
}

/**
 * An OCM ClusterManagementAddOn (addon.open-cluster-management.io/v1alpha1, the storage version;
 * cluster-scoped): an add-on and where the hub installs it.
 */
export class ClusterManagementAddOn extends FleetResource {
  /** The ClusterManagementAddOns declared in the app of `scope`. */
  public static allIn(scope: Construct): readonly ClusterManagementAddOn[] {
    return FleetRegistry.of(scope).all<ClusterManagementAddOn>('ClusterManagementAddOn');
  }

  /** The add-on name. */
  public readonly name: string;
  /** The install strategy. */
  public readonly installStrategy: InstallStrategy;
  /** The generated L1 object. */
  public readonly apiObject: l1.ClusterManagementAddOn;
  /** Cluster-scoped: no namespace. */
  public get namespace(): string | undefined {
    return undefined;
  }

  constructor(scope: Construct, id: string, props: ClusterManagementAddOnProps = {}) {
    super(scope, id);
    props = requireProps(`ClusterManagementAddOn "${id}"`, props, "{ installStrategy: ... }", true);
    this.name = props.name ?? id;
    const subject = subjectOf('ClusterManagementAddOn', this.name);
    validateDnsLabel(subject, 'name', this.name);
    const supportedConfigs = (props.supportedConfigs ?? []).map((c, i) => resolveSupportedConfig(subject, i, c));
    this.installStrategy = props.installStrategy ?? InstallStrategy.manual();
    const seen = new Set<string>();
    for (const p of this.installStrategy.placements) {
      const key = `${p.placement.namespace}/${p.placement.name}`;
      if (seen.has(key)) fail(subject, `placement ${key} is listed twice in the install strategy`);
      seen.add(key);
      p.rollout?._validate(`${subject} rollout on placement "${key}"`, p.placement instanceof Placement ? p.placement.decisionGroupNames : undefined);
    }
    this.apiObject = l1Object(l1.ClusterManagementAddOn, this, 'Resource', {
      metadata: { name: this.name, ...(props.annotations ? { annotations: props.annotations } : {}) },
      spec: Lazy.any({
        produce: () => {
          const spec: Record<string, unknown> = {};
          if (props.displayName || props.description) {
            spec.addOnMeta = { ...(props.displayName ? { displayName: props.displayName } : {}), ...(props.description ? { description: props.description } : {}) };
          }
          const s = this.installStrategy;
          spec.installStrategy = s.type === 'Manual' ? { type: 'Manual' } : {
            type: 'Placements',
            placements: s.placements.map((p) => ({
              name: p.placement.name,
              namespace: p.placement.namespace,
              ...(p.configs?.length ? { configs: p.configs.map((c) => renderConfigRef(c.configRef)) } : {}),
              rolloutStrategy: (p.rollout ?? Rollout.all())._render(),
            })),
          };
          if (supportedConfigs.length > 0) {
            spec.supportedConfigs = supportedConfigs.map((c) => ({
              group: c.group,
              resource: c.resource,
              ...(c.defaultConfig ? { defaultConfig: { name: c.defaultConfig.name, ...(c.defaultConfig.namespace ? { namespace: c.defaultConfig.namespace } : {}) } } : {}),
            }));
          }
          return spec;
        },
      }) as unknown as l1.ClusterManagementAddOnSpec,
    });
    FleetRegistry.of(this).register('ClusterManagementAddOn', this);
  }
}

/** Props of {@link ManagedClusterAddOn}. */
export interface ManagedClusterAddOnProps {
  /** The add-on (its name is the ManagedClusterAddOn name). */
  readonly addon: ClusterManagementAddOn | string;
  /** The cluster (the object lives in its hub namespace). */
  readonly cluster: IManagedCluster;
  /**
   * Per-cluster configs (highest precedence).
   * @default - none
   */
  readonly configs?: IAddOnConfig[];
}

/**
 * An OCM ManagedClusterAddOn (addon.open-cluster-management.io/v1alpha1) in a cluster's hub
 * namespace: enables an add-on on one cluster.
 */
export class ManagedClusterAddOn extends Construct {
  /** The generated L1 object. */
  public readonly apiObject: l1.ManagedClusterAddOn;
  /** The add-on name. */
  public readonly addonName: string;

  constructor(scope: Construct, id: string, props: ManagedClusterAddOnProps) {
    super(scope, id);
    props = requireProps(`ManagedClusterAddOn "${id}"`, props, "{ addon, cluster }");
    const addon = props.addon;
    this.addonName = typeof addon === 'string' ? addon : addon.name;
    const subject = subjectOf('ManagedClusterAddOn', this.addonName, props.cluster.name);
    validateDnsLabel(subject, 'add-on name', this.addonName);
    if (typeof addon !== 'string' && addon.installStrategy.type === 'Placements') {
      fail(subject, `add-on "${addon.name}" uses a Placements install strategy, whose manager deletes ManagedClusterAddOns on clusters its placements do not select, including this one. Add the cluster through a placement, or use InstallStrategy.manual()`);
    }
    const spec: Record<string, unknown> = {};
    if (props.configs?.length) spec.configs = props.configs.map((c) => renderConfigRef(c.configRef));
    this.apiObject = l1Object(l1.ManagedClusterAddOn, this, 'Resource', {
      metadata: { name: this.addonName, namespace: props.cluster.name },
      spec: spec as l1.ManagedClusterAddOnSpec,
    });
  }
}

/**
 * A supported config with group and resource resolved: taken from the defaultConfig's reference when
 * not given, and checked against it when given (the hub looks the default up by group and resource,
 * so a mismatch would point it at another kind, or at the core group).
 */
function resolveSupportedConfig(subject: string, i: number, c: SupportedConfig): { group: string; resource: string; defaultConfig?: AddOnConfigRef } {
  const what = `supportedConfigs[${i}]`;
  if (typeof c !== 'object' || c === null) fail(subject, `${what} must be an object like { group, resource, defaultConfig }, got ${JSON.stringify(c)}`);
  const ref = c.defaultConfig?.configRef;
  if (c.defaultConfig !== undefined && (typeof ref !== 'object' || ref === null)) {
    fail(subject, `${what} defaultConfig has no configRef; pass an AddOnDeploymentConfig or an object with configRef: { group, resource, name }`);
  }
  if (ref) {
    const refGroup = ref.group ?? '';
    if (c.group !== undefined && c.group !== refGroup) {
      fail(subject, `${what} has group ${JSON.stringify(c.group)} but its defaultConfig "${ref.name}" is in group ${JSON.stringify(refGroup)}; omit group (it defaults to the defaultConfig's) or fix one of them`);
    }
    if (c.resource !== undefined && c.resource !== ref.resource) {
      fail(subject, `${what} has resource ${JSON.stringify(c.resource)} but its defaultConfig "${ref.name}" is a ${JSON.stringify(ref.resource)}; omit resource (it defaults to the defaultConfig's) or fix one of them`);
    }
    return { group: refGroup, resource: ref.resource, defaultConfig: ref };
  }
  if (!c.resource) fail(subject, `${what} has no resource; give the plural resource (e.g. 'addondeploymentconfigs' with group 'addon.open-cluster-management.io') or a defaultConfig`);
  return { group: c.group ?? '', resource: c.resource };
}

function renderConfigRef(c: AddOnConfigRef): Record<string, unknown> {
  return { group: c.group ?? '', resource: c.resource, name: c.name, ...(c.namespace ? { namespace: c.namespace } : {}) };
}
