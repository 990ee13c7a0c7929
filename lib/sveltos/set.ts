import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { validateDnsLabel, validateDnsSubdomain } from '../core/names';
import * as l1 from '../imports/lib.projectsveltos.io';
import { FleetRegistry } from '../ocm/_registry';
import { subjectOf } from '../ocm/_util';
import { ISveltosSet, SetBase, SetKind, SetOptions } from './cluster-set';

/** Props of {@link Set}. */
export interface SetProps extends SetOptions {
  /** The namespace; the set only considers clusters in it. */
  readonly namespace: string;
}

/**
 * A Sveltos Set (lib.projectsveltos.io/v1beta1, namespaced): a ClusterSet restricted to the
 * clusters of its namespace. Profiles in the same namespace reference it with `setRefs`.
 */
export class Set extends SetBase {
  /** A Set managed elsewhere. */
  public static fromName(namespace: string, name: string): ISveltosSet {
    validateDnsLabel(subjectOf('Set', name, namespace), 'namespace', namespace);
    validateDnsSubdomain(subjectOf('Set', name, namespace), 'name', name);
    return { name, namespace, setKind: SetKind.SET };
  }

  /** The Sets declared in the app of `scope`. */
  public static allIn(scope: Construct): readonly Set[] {
    return FleetRegistry.of(scope).all<Set>(`Sveltos${SetKind.SET}`);
  }

  /** The generated L1 object. */
  public readonly apiObject: l1.Set;

  constructor(scope: Construct, id: string, props: SetProps) {
    super(scope, id, SetKind.SET, props?.namespace, props ?? ({} as SetProps));
    this.apiObject = new l1.Set(this, 'Resource', {
      metadata: { name: this.name, namespace: this.namespace },
      spec: Lazy.any({ produce: () => this._renderSpec() }) as unknown as l1.SetSpec,
    });
  }
}
