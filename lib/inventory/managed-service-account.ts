import { Construct } from 'constructs';
import { fail } from '../core/errors';
import { requireOptionalBoolean } from '../core/validate';
import { validateDnsSubdomain } from '../core/names';
import { Duration } from '../core/values';
import { FleetResource } from '../core/resource';
import * as l1 from '../imports/authentication.open-cluster-management.io';
import { FleetRegistry } from '../ocm/_registry';
import { subjectOf } from '../ocm/_util';
import { IManagedCluster } from '../ocm/managed-cluster';
import { InventoryLabels } from './labels';

/** Props of {@link ManagedServiceAccount}. */
export interface ManagedServiceAccountProps {
  /** The cluster: the object lives in its hub namespace and the ServiceAccount on that spoke. */
  readonly cluster: IManagedCluster;
  /**
   * The name (also the spoke ServiceAccount's name).
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Label the account so managed-serviceaccount copies its token next to every ClusterProfile of
   * the cluster (as Secret `<cluster>-<name>`), where inventory consumers read it.
   * @default true
   */
  readonly syncToClusterProfile?: boolean;
  /**
   * How long each token is valid before rotation.
   * @default - upstream default (8640h)
   */
  readonly validity?: Duration;
}

/**
 * An OCM ManagedServiceAccount (authentication.open-cluster-management.io/v1beta1) in a cluster's
 * hub namespace: a ServiceAccount on the spoke whose rotated token is reported to the hub. It grants
 * no rights on the spoke by itself; ship RBAC (e.g. in a ManifestWork). Needs the
 * managed-serviceaccount add-on on the cluster.
 */
export class ManagedServiceAccount extends FleetResource {
  /** The ManagedServiceAccounts declared in the app of `scope`. */
  public static allIn(scope: Construct): readonly ManagedServiceAccount[] {
    return FleetRegistry.of(scope).all<ManagedServiceAccount>('ManagedServiceAccount');
  }

  /** The name. */
  public readonly name: string;
  /** The cluster. */
  public readonly cluster: IManagedCluster;
  /** The generated L1 object. */
  public readonly apiObject: l1.ManagedServiceAccountV1Beta1;
  /** The hub namespace the object lives in: the cluster's name. */
  public get namespace(): string {
    return this.cluster.name;
  }

  constructor(scope: Construct, id: string, props: ManagedServiceAccountProps) {
    super(scope, id);
    this.name = props?.name ?? id;
    const c = props?.cluster as Partial<IManagedCluster> | undefined;
    if (!c || typeof c !== 'object' || typeof c.name !== 'string' || !c.name) {
      fail(`ManagedServiceAccount "${this.name}"`, 'needs cluster: the ManagedCluster whose hub namespace holds it (a declared one or ManagedCluster.fromName(name))');
    }
    this.cluster = props.cluster;
    const subject = subjectOf('ManagedServiceAccount', this.name, this.cluster.name);
    validateDnsSubdomain(subject, 'name', this.name);
    if (props.validity !== undefined && (!(props.validity instanceof Duration) || props.validity.toSeconds() <= 0)) {
      fail(subject, `validity must be a positive Duration, got ${JSON.stringify(props.validity)}; use e.g. Duration.hours(720)`);
    }
    const sync = requireOptionalBoolean(subject, 'syncToClusterProfile', props.syncToClusterProfile) ?? true;
    this.apiObject = new l1.ManagedServiceAccountV1Beta1(this, 'Resource', {
      metadata: {
        name: this.name,
        namespace: this.cluster.name,
        ...(sync ? { labels: { [InventoryLabels.SYNC_TO_CLUSTER_PROFILE]: 'true' } } : {}),
      },
      spec: { rotation: props.validity ? { validity: props.validity.toString() } : {} },
    });
    FleetRegistry.of(this).register('ManagedServiceAccount', this);
  }
}
