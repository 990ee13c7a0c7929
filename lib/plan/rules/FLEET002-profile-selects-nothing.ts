// FLEET002: a Sveltos profile that deploys to no cluster.
import { FindingLevel, RuleDefinition } from './rule';

export const PROFILE_SELECTS_NOTHING: RuleDefinition = {
  id: 'FLEET002',
  name: 'profile-selects-nothing',
  description: 'A Sveltos ClusterProfile or Profile deploys to no declared cluster.',
  level: FindingLevel.WARNING,
  check({ plan, report }) {
    for (const w of plan.workloads) {
      if ((w.kind === 'ClusterProfile' || w.kind === 'Profile') && w.targets.length === 0) {
        report(w.id, 'deploys to no cluster: its clusterSelector, clusterRefs and setRefs match no registered, ready cluster', 'compare the selector with the labels the registration chain puts on SveltosClusters (see each cluster\'s "not deployed by" reasons)');
      }
    }
  },
};
