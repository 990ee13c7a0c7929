import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { validateDnsSubdomain } from '../core/names';
import * as l1 from '../imports/policy.karmada.io';
import { KarmadaRegistry, l1Object, subjectOf } from './_util';
import { IPropagationPolicy, PropagationPolicyBase, PropagationSpecOptions } from './propagation-policy';

/** Props of {@link ClusterPropagationPolicy}. */
export interface ClusterPropagationPolicyProps extends PropagationSpecOptions {}

/**
 * A Karmada ClusterPropagationPolicy (policy.karmada.io/v1alpha1, cluster-scoped): like a
 * PropagationPolicy, for cluster-scoped templates and templates in any namespace. A namespaced
 * PropagationPolicy that matches a template always wins over it.
 * @see https://karmada.io/docs/userguide/scheduling/resource-propagating
 */
export class ClusterPropagationPolicy extends PropagationPolicyBase {
  /** A ClusterPropagationPolicy managed elsewhere. */
  public static fromName(name: string): IPropagationPolicy {
    validateDnsSubdomain(subjectOf('ClusterPropagationPolicy', name), 'name', name);
    return { name };
  }

  /** The ClusterPropagationPolicies declared in the app of `scope`. */
  public static allIn(scope: Construct): readonly ClusterPropagationPolicy[] {
    return KarmadaRegistry.of(scope).all<ClusterPropagationPolicy>('ClusterPropagationPolicy');
  }

  /** The generated L1 object. */
  public readonly apiObject: l1.ClusterPropagationPolicy;

  constructor(scope: Construct, id: string, props: ClusterPropagationPolicyProps = {}) {
    super(scope, id, 'ClusterPropagationPolicy', undefined, props);
    this.apiObject = l1Object(l1.ClusterPropagationPolicy, this, 'Resource', {
      metadata: { name: this.name },
      spec: Lazy.any({ produce: () => this._renderSpec() }) as unknown as l1.ClusterPropagationPolicySpec,
    });
    KarmadaRegistry.of(this).register('ClusterPropagationPolicy', this);
  }
}
