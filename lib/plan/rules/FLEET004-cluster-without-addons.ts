// FLEET004: a declared cluster no Sveltos profile selects (only when the fleet has profiles).
import { FindingLevel, RuleDefinition } from './rule';

export const CLUSTER_WITHOUT_ADDONS: RuleDefinition = {
  id: 'FLEET004',
  name: 'cluster-without-addons',
  description: 'A cluster that no add-on profile selects.',
  level: FindingLevel.WARNING,
  check({ plan, declared, report }) {
    if (!plan.workloads.some((w) => w.kind === 'ClusterProfile' || w.kind === 'Profile')) return;
    for (const c of declared) {
      if (c.profiles.length > 0) continue;
      const first = c.notDeployedBy[0];
      report(`ManagedCluster ${c.name}`, 'no add-on profile selects this cluster', `label it so a profile matches, or acknowledge with a reason (${first ? `first reason: ${first.subject}: ${first.reason}` : 'no profile'})`);
    }
  },
};
