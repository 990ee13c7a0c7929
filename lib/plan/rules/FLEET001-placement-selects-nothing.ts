// FLEET001: a Placement that selects no cluster (and is not Misconfigured: that is FLEET008).
import { FindingLevel, RuleDefinition } from './rule';

export const PLACEMENT_SELECTS_NOTHING: RuleDefinition = {
  id: 'FLEET001',
  name: 'placement-selects-nothing',
  description: 'A Placement selects no declared cluster.',
  level: FindingLevel.WARNING,
  check({ plan, ctx, report }) {
    for (const p of plan.placements) {
      const r = ctx.placements.get(p.id)!;
      if (r.misconfigured || r.error || p.selected.length > 0) continue;
      const why = r.satisfied?.reason === 'NoManagedClusterSetBindings' ? `namespace ${r.namespace} has no ManagedClusterSetBinding whose ManagedClusterSet exists`
        : r.satisfied?.reason === 'NoIntersection' ? `none of its clusterSets is bound to namespace ${r.namespace} (bound: ${r.boundClusterSets.join(', ') || 'none'})`
          : r.satisfied?.reason === 'AllManagedClusterSetsEmpty' ? `the eligible sets (${r.eligibleClusterSets.join(', ')}) have no member`
            : 'no available cluster passes its predicates and tolerations';
      report(`Placement ${p.id}`, `selects no declared cluster: ${why}`, 'check the selector against the cluster labels in the plan, bind a set into the namespace, or remove the placement');
    }
  },
};
