import { Construct } from 'constructs';
import { validateDnsSubdomain } from '../core/names';
import { Duration } from '../core/values';
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
export class ManagedServiceAccount extends Construct {
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

  constructor(scope: Construct, id: string, props: ManagedServiceAccountProps) {
    super(scope, id);
    this.name = props.name ?? id;
    this.cluster = props.cluster;
    const subject = subjectOf('ManagedServiceAccount', this.name, this.cluster.name);
    validateDnsSubdomain(subject, 'name', this.name);
    const sync = props.syncToClusterProfile ?? true;
    this.apiObject = new l1.ManagedServiceAccountV1Beta1(this, 'Resource', {
      metadata: {
        name: this.name,
        namespace: this.cluster.name,
        ...(sync ? { labels: { [InventoryLabels.SYNC_TO_CLUSTER_PROFILE]: 'true' } } : {}),
      },
      spec: { rotation: props.validity ? { validity: goDuration(props.validity) } : {} },
    });
    FleetRegistry.of(this).register('ManagedServiceAccount', this);
  }
}

/** A Duration as Go's time.Duration prints it (`168h0m0s`), the form the API stores. @internal */
export function goDuration(d: Duration): string {
  const s = d.toSeconds();
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h > 0 ? `${h}h${m}m${sec}s` : m > 0 ? `${m}m${sec}s` : `${sec}s`;
}
