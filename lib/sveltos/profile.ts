import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { validateDnsLabel, validateDnsSubdomain } from '../core/names';
import * as l1 from '../imports/config.projectsveltos.io';
import { FleetRegistry } from '../ocm/_registry';
import { subjectOf } from '../ocm/_util';
import { IProfile, ProfileBase, ProfileKind, ProfileOptions } from './profile-base';

/** Props of {@link Profile}. */
export interface ProfileProps extends ProfileOptions {
  /** The namespace: the Profile only reaches clusters (and Sets, ConfigMaps, prerequisites) in it. */
  readonly namespace: string;
  /**
   * The profile name.
   * @default - the construct id
   */
  readonly name?: string;
}

/**
 * A Sveltos Profile (config.projectsveltos.io/v1beta1, namespaced): like a ClusterProfile, but it
 * only reaches clusters in its own namespace, so a team can own one without fleet-wide rights.
 * Sveltos rewrites every reference it holds to its namespace; references elsewhere fail here.
 */
export class Profile extends ProfileBase {
  /** A Profile managed elsewhere (for dependsOn). */
  public static fromName(namespace: string, name: string): IProfile {
    validateDnsLabel(subjectOf('Profile', name, namespace), 'namespace', namespace);
    validateDnsSubdomain(subjectOf('Profile', name, namespace), 'name', name);
    return { name, namespace, profileKind: ProfileKind.PROFILE };
  }

  /** The Profiles declared in the app of `scope`. */
  public static allIn(scope: Construct): readonly Profile[] {
    return FleetRegistry.of(scope).all<Profile>('SveltosProfileNamespaced');
  }

  /** The generated L1 object. */
  public readonly apiObject: l1.Profile;

  constructor(scope: Construct, id: string, props: ProfileProps) {
    // a Profile's manifests ConfigMaps live in its namespace (the base validates it first)
    super(scope, id, ProfileKind.PROFILE, props?.name ?? id, props?.namespace, props?.namespace as string, props ?? ({} as ProfileProps));
    this.apiObject = new l1.Profile(this, 'Resource', {
      metadata: { name: this.name, namespace: this.namespace, ...(this._labels ? { labels: this._labels } : {}) },
      spec: Lazy.any({ produce: () => this._renderSpec() }) as unknown as l1.ProfileSpec,
    });
    FleetRegistry.of(this).register('SveltosProfileNamespaced', this);
  }
}
