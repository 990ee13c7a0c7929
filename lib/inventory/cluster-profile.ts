import { Construct } from 'constructs';
import { fail } from '../core/errors';
import { validateDnsLabel, validateDnsSubdomain, validateLabels, sortedRecord } from '../core/names';
import { FleetResource } from '../core/resource';
import * as l1 from '../imports/multicluster.x-k8s.io';
import { FleetRegistry } from '../ocm/_registry';
import { subjectOf } from '../ocm/_util';
import { FeatureGate, requireFeatureGate } from '../ocm/cluster-manager';
import { InventoryLabels, OCM_CLUSTER_MANAGER } from './labels';

/** A SIG-Multicluster ClusterProfile as others reference it. */
export interface IInventoryClusterProfile {
  /** The namespace (the inventory namespace). */
  readonly namespace: string;
  /** The name (conventionally the member cluster's name). */
  readonly name: string;
}

/** Props of {@link ClusterProfile}. */
export interface ClusterProfileProps {
  /** The inventory namespace the profile lives in. */
  readonly namespace: string;
  /**
   * The name; producers use the member cluster's name.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Human-readable name.
   * @default - the name
   */
  readonly displayName?: string;
  /**
   * The cluster manager that owns the profile (immutable upstream). When it is OCM
   * (`open-cluster-management`), the hub's ClusterManager must enable FeatureGate.CLUSTER_PROFILE.
   * @default 'open-cluster-management'
   */
  readonly clusterManagerName?: string;
  /**
   * Labels consumers select on (env, region, ...). `x-k8s.io/cluster-manager` is added.
   * @default - only the cluster-manager label
   */
  readonly labels?: Record<string, string>;
}

/**
 * A SIG-Multicluster ClusterProfile (multicluster.x-k8s.io/v1alpha1, namespaced): one member
 * cluster in the inventory. Only spec and labels are declared; status (version, properties,
 * conditions, accessProviders) is a subresource written by the cluster manager and its add-ons.
 */
export class ClusterProfile extends FleetResource implements IInventoryClusterProfile {
  /** A ClusterProfile managed elsewhere (e.g. written by OCM). */
  public static fromName(namespace: string, name: string): IInventoryClusterProfile {
    validateDnsLabel(subjectOf('ClusterProfile', name, namespace), 'namespace', namespace);
    validateDnsSubdomain(subjectOf('ClusterProfile', name, namespace), 'name', name);
    return { namespace, name };
  }

  /** The inventory ClusterProfiles declared in the app of `scope`. */
  public static allIn(scope: Construct): readonly ClusterProfile[] {
    return FleetRegistry.of(scope).all<ClusterProfile>('InventoryClusterProfile');
  }

  /** The namespace. */
  public readonly namespace: string;
  /** The name. */
  public readonly name: string;
  /** The display name. */
  public readonly displayName: string;
  /** The cluster manager name. */
  public readonly clusterManagerName: string;
  /** The generated L1 object. */
  public readonly apiObject: l1.ClusterProfile;
  private readonly _labels: Record<string, string>;

  constructor(scope: Construct, id: string, props: ClusterProfileProps) {
    super(scope, id);
    if (!props || typeof props !== 'object') fail(`inventory ClusterProfile "${id}"`, 'needs props with at least the inventory namespace, e.g. { namespace: "cluster-inventory" }');
    this.name = props.name ?? id;
    this.namespace = props.namespace;
    const subject = subjectOf('ClusterProfile', this.name, this.namespace);
    validateDnsSubdomain(subject, 'name', this.name);
    validateDnsLabel(subject, 'namespace', this.namespace);
    this.displayName = props.displayName ?? this.name;
    this.clusterManagerName = props.clusterManagerName ?? OCM_CLUSTER_MANAGER;
    if (!this.clusterManagerName) fail(subject, 'clusterManagerName must not be empty (spec.clusterManager.name is required)');
    validateLabels(subject, props.labels);
    const given = props.labels?.[InventoryLabels.CLUSTER_MANAGER];
    if (given !== undefined && given !== this.clusterManagerName) {
      fail(subject, `label ${InventoryLabels.CLUSTER_MANAGER}=${given} differs from spec.clusterManager.name "${this.clusterManagerName}"; the KEP requires them to be equal. Drop the label (it is set for you) or change clusterManagerName`);
    }
    this._labels = { ...(props.labels ?? {}), [InventoryLabels.CLUSTER_MANAGER]: this.clusterManagerName };
    validateLabels(subject, { [InventoryLabels.CLUSTER_MANAGER]: this.clusterManagerName });
    this.apiObject = new l1.ClusterProfile(this, 'Resource', {
      metadata: { name: this.name, namespace: this.namespace, labels: sortedRecord(this._labels) },
      spec: { displayName: this.displayName, clusterManager: { name: this.clusterManagerName } },
    });
    if (this.clusterManagerName === OCM_CLUSTER_MANAGER) {
      requireFeatureGate(this, subject, FeatureGate.CLUSTER_PROFILE, 'an inventory ClusterProfile managed by OCM');
    }
    FleetRegistry.of(this).register('InventoryClusterProfile', this);
  }

  /** Labels as declared, including the cluster-manager label (a copy). */
  public get labels(): Record<string, string> {
    return { ...this._labels };
  }
}
