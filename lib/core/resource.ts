import type { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

/**
 * The base of the L2 constructs, in the manner of cdk8s-plus `Resource`: each owns exactly one L1
 * object (construct id `Resource`), whose spec it renders lazily so later `addX()` calls are honoured.
 * Engine folders (lib/ocm, lib/sveltos, lib/inventory, lib/karmada, lib/kubefleet) extend it; their
 * static `allIn(scope)` reads their engine's registry.
 */
export abstract class FleetResource extends Construct {
  /** `metadata.name` of the object (a contract: other objects and tools reference it). */
  public abstract readonly name: string;
  /** `metadata.namespace` of the object; undefined for cluster-scoped kinds. */
  public abstract readonly namespace?: string;
  /** The generated L1 object. */
  public abstract readonly apiObject: ApiObject;

  /** Creates the construct; the subclass sets `name`, `namespace` and `apiObject`. */
  protected constructor(scope: Construct, id: string) {
    super(scope, id);
  }
}
