import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import * as l1 from '../imports/policy.karmada.io';
import { KarmadaRegistry, l1Object } from './_util';
import { OverridePolicyBase, OverrideSpecOptions } from './override-policy';

/** Props of {@link ClusterOverridePolicy}. */
export interface ClusterOverridePolicyProps extends OverrideSpecOptions {}

/**
 * A Karmada ClusterOverridePolicy (policy.karmada.io/v1alpha1, cluster-scoped): per-cluster changes to
 * resource templates in any namespace (and cluster-scoped ones) as they are propagated. Karmada applies
 * ClusterOverridePolicies before OverridePolicies.
 * @see https://karmada.io/docs/userguide/scheduling/override-policy
 */
export class ClusterOverridePolicy extends OverridePolicyBase {
  /** The ClusterOverridePolicies declared in the app of `scope`. */
  public static allIn(scope: Construct): readonly ClusterOverridePolicy[] {
    return KarmadaRegistry.of(scope).all<ClusterOverridePolicy>('ClusterOverridePolicy');
  }

  /** The generated L1 object. */
  public readonly apiObject: l1.ClusterOverridePolicy;

  constructor(scope: Construct, id: string, props: ClusterOverridePolicyProps = {}) {
    super(scope, id, 'ClusterOverridePolicy', undefined, props);
    this.apiObject = l1Object(l1.ClusterOverridePolicy, this, 'Resource', {
      metadata: { name: this.name },
      spec: Lazy.any({ produce: () => this._renderSpec() }) as unknown as l1.ClusterOverridePolicySpec,
    });
    KarmadaRegistry.of(this).register('ClusterOverridePolicy', this);
  }
}
