import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { validateDnsSubdomain } from '../core/names';
import * as l1 from '../imports/config.projectsveltos.io';
import { FleetRegistry } from '../ocm/_registry';
import { subjectOf } from '../ocm/_util';
import { IProfile, ProfileBase, ProfileKind, ProfileOptions } from './profile-base';

/** The namespace Sveltos is installed in (its docs insist on it). */
export const SVELTOS_NAMESPACE = 'projectsveltos';

/** Props of {@link ClusterProfile}. */
export interface ClusterProfileProps extends ProfileOptions {
  /**
   * The profile name.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Namespace on the hub of the ConfigMaps `addManifests` creates. It is written into each
   * policyRef (an empty namespace would resolve to each cluster's own namespace).
   * @default 'projectsveltos'
   */
  readonly manifestsNamespace?: string;
}

/**
 * A Sveltos ClusterProfile (config.projectsveltos.io/v1beta1, cluster-scoped): add-ons (Helm
 * charts, manifests, kustomizations) deployed to every matching cluster in any namespace.
 */
export class ClusterProfile extends ProfileBase {
  /** A ClusterProfile managed elsewhere (for dependsOn). */
  public static fromName(name: string): IProfile {
    validateDnsSubdomain(subjectOf('ClusterProfile', name), 'name', name);
    return { name, profileKind: ProfileKind.CLUSTER_PROFILE };
  }

  /** The ClusterProfiles declared in the app of `scope`. */
  public static allIn(scope: Construct): readonly ClusterProfile[] {
    return FleetRegistry.of(scope).all<ClusterProfile>('SveltosClusterProfile');
  }

  /** The generated L1 object. */
  public readonly apiObject: l1.ClusterProfile;

  constructor(scope: Construct, id: string, props: ClusterProfileProps = {}) {
    props = props ?? {};
    super(scope, id, ProfileKind.CLUSTER_PROFILE, props.name ?? id, undefined, props.manifestsNamespace ?? SVELTOS_NAMESPACE, props);
    this.apiObject = new l1.ClusterProfile(this, 'Resource', {
      metadata: { name: this.name, ...(this._labels ? { labels: this._labels } : {}) },
      spec: Lazy.any({ produce: () => this._renderSpec() }) as unknown as l1.ClusterProfileSpec,
    });
    FleetRegistry.of(this).register('SveltosClusterProfile', this);
  }
}
