import { Construct } from 'constructs';
import { describeValue, fail } from '../core/errors';
import { validateDnsLabel } from '../core/names';
import { FleetResource } from '../core/resource';
import * as l1 from '../imports/cluster.open-cluster-management.io';
import { FleetRegistry } from './_registry';
import { subjectOf, l1Object } from './_util';
import { IManagedClusterSet } from './managed-cluster-set';

/** Props of {@link ManagedClusterSetBinding}. */
export interface ManagedClusterSetBindingProps {
  /** The set to bind. */
  readonly clusterSet: IManagedClusterSet;
  /** The namespace that may then place onto the set's clusters. */
  readonly namespace: string;
  /**
   * The binding name. OCM requires it to equal the set name; it exists only so a mismatch in
   * ported YAML fails here instead of on the hub.
   * @default - the set name
   */
  readonly name?: string;
}

/**
 * An OCM ManagedClusterSetBinding (cluster.open-cluster-management.io/v1beta2, namespaced): lets
 * Placements in `namespace` select the set's clusters. Without one, a Placement selects nothing.
 */
export class ManagedClusterSetBinding extends FleetResource {
  /** The bindings declared in the app of `scope`. */
  public static allIn(scope: Construct): readonly ManagedClusterSetBinding[] {
    return FleetRegistry.of(scope).all<ManagedClusterSetBinding>('ManagedClusterSetBinding');
  }

  /** The bound set. */
  public readonly clusterSet: IManagedClusterSet;
  /** The namespace. */
  public readonly namespace: string;
  /** The binding name (equal to the set name). */
  public readonly name: string;
  /** The generated L1 object. */
  public readonly apiObject: l1.ManagedClusterSetBinding;

  constructor(scope: Construct, id: string, props: ManagedClusterSetBindingProps) {
    super(scope, id);
    const set: unknown = props?.clusterSet;
    if (typeof set !== 'object' || set === null || typeof (set as IManagedClusterSet).name !== 'string' || (set as IManagedClusterSet).name === '') {
      fail(subjectOf('ManagedClusterSetBinding', id, props?.namespace), `clusterSet must be a cluster set, got ${describeValue(set)}; use the set hub.addClusterSet() returned or ManagedClusterSet.fromName('prod')`);
    }
    this.clusterSet = props.clusterSet;
    this.namespace = props.namespace;
    this.name = props.name ?? props.clusterSet.name;
    const subject = subjectOf('ManagedClusterSetBinding', this.name, this.namespace);
    validateDnsLabel(subject, 'namespace', this.namespace);
    if (this.name !== this.clusterSet.name) {
      fail(subject, `name "${this.name}" differs from its set "${this.clusterSet.name}"; OCM requires metadata.name == spec.clusterSet. Omit 'name' (it defaults to the set name)`);
    }
    this.apiObject = l1Object(l1.ManagedClusterSetBinding, this, 'Resource', {
      metadata: { name: this.name, namespace: this.namespace },
      spec: { clusterSet: this.clusterSet.name },
    });
    FleetRegistry.of(this).register('ManagedClusterSetBinding', this, this.namespace);
  }
}

/**
 * The names of the sets bound to `namespace` in the app of `scope`, sorted. Bindings are indexed by
 * namespace when they register, so this costs the bindings of that namespace only.
 */
export function boundSets(scope: Construct, namespace: string): string[] {
  const bindings = FleetRegistry.of(scope).withKey<ManagedClusterSetBinding>('ManagedClusterSetBinding', namespace);
  return [...new Set(bindings.map((b) => b.clusterSet.name))].sort();
}
