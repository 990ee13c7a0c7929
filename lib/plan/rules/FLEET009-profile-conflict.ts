// FLEET009: two Sveltos profiles of equal tier deploy the same thing to a cluster, or a dependsOn is blocked.
import { profileLabel } from './subjects';
import { FindingLevel, RuleDefinition } from './rule';

export const PROFILE_CONFLICT: RuleDefinition = {
  id: 'FLEET009',
  name: 'profile-conflict',
  description: 'Two Sveltos profiles of equal tier deploy the same Helm release or resource to a cluster, or a dependsOn is blocked.',
  level: FindingLevel.ERROR,
  check({ ctx, report }) {
    for (const c of ctx.rollout.conflicts) {
      // A strictly lower tier winning is Sveltos' override mechanism, working as intended.
      if (c.winner) continue;
      report(profileLabel(c.profiles[c.profiles.length - 1]), c.message, 'give one profile a lower tier (it then owns the release/resource), or stop deploying it twice');
    }
    for (const b of ctx.rollout.blocked) {
      if (b.reason.startsWith('dependsOn cycle')) continue; // FLEET012 names the cycle once
      report(profileLabel(b.profile), `blocked on ${b.clusterKey}: ${b.reason}`, 'fix the dependsOn chain so every prerequisite deploys to the cluster');
    }
  },
};
