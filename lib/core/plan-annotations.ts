/**
 * The annotations cdk-fleet's own constructs write for the plan to read (their meaning is
 * documented on `plan.PlanAnnotations`), and the Karmada label the workloads set: one home, shared
 * by the constructs (lib/fleet) and the simulators (lib/plan), which never import each other.
 *
 * Pure TypeScript: no cdk8s / cdktf imports.
 */

/** The control plane an object is applied to (`karmada`, `kubefleet`). */
export const PLAN_CONTROL_PLANE_ANNOTATION = 'plan.cdk-fleet.io/control-plane';
/** Warnings about the object, one per line. */
export const PLAN_WARNING_ANNOTATION = 'plan.cdk-fleet.io/warning';
/** The claims declared in code on a ManagedCluster (JSON name → value). */
export const PLAN_DECLARED_CLAIMS_ANNOTATION = 'plan.cdk-fleet.io/declared-claims';
/** Karmada: a Namespace with this label set to `true` is not propagated to member clusters automatically. */
export const KARMADA_SKIP_AUTO_PROPAGATION_LABEL = 'namespace.karmada.io/skip-auto-propagation';
