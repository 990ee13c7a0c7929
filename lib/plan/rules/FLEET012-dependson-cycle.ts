// FLEET012: a dependsOn cycle among Sveltos profiles: each waits for the other forever, so none of
// them (nor anything that depends on them) ever deploys. Sveltos does not reject it.
import { profileLabel } from './subjects';
import { FindingLevel, RuleDefinition } from './rule';

export const DEPENDSON_CYCLE: RuleDefinition = {
  id: 'FLEET012',
  name: 'dependson-cycle',
  description: 'Sveltos profiles depend on each other in a cycle, so none of them ever deploys.',
  level: FindingLevel.ERROR,
  check({ ctx, report }) {
    for (const cycle of ctx.rollout.cycles) {
      report(profileLabel(cycle[0]), `dependsOn cycle ${cycle.map(profileLabel).join(' → ')}: Sveltos deploys a profile only after its prerequisites are provisioned on the cluster, so none of these ever deploys`, 'remove one of the dependsOn edges');
    }
  },
};
