// FLEET019: a resource template on the Karmada API server that no PropagationPolicy or
// ClusterPropagationPolicy claims: Karmada keeps it on the control plane and propagates it nowhere
// (karmada pkg/detector/detector.go: an unmatched template waits for a policy). Namespaces are
// exempt unless labelled namespace.karmada.io/skip-auto-propagation=true: Karmada's namespace sync
// controller propagates the others to every member.
import { FindingLevel, RuleDefinition } from './rule';

export const KARMADA_TEMPLATE_UNCLAIMED: RuleDefinition = {
  id: 'FLEET019',
  name: 'karmada-template-unclaimed',
  description: 'A resource template on the Karmada API server that no propagation policy claims, so it reaches no member cluster.',
  level: FindingLevel.WARNING,
  check({ ctx, report }) {
    for (const subject of ctx.engines.unclaimed) {
      report(subject, 'is a resource template on the Karmada API server, but no PropagationPolicy or ClusterPropagationPolicy claims it, so it reaches no member cluster', 'add a resourceSelector for it to a policy (a namespaced PropagationPolicy only sees its own namespace), or remove it');
    }
  },
};
