// FLEET015: a lower-tier policyRef of a Sveltos profile takes over a resource another of its refs
// deploys. The override works (LS:lib/deployer/utils.go ValidateObjectForUpdate skips the reference
// check for a strictly lower tier), but the overridden ref still meets the lower reference-tier on the
// object whenever its feature deploys again, and gets a ConflictError then.
import { describeReference } from '../sveltos/rollout';
import { clusterList, groupReferenceConflicts } from './FLEET014-reference-tier-conflict';
import { profileLabel } from './subjects';
import { FindingLevel, RuleDefinition } from './rule';

export const REFERENCE_TIER_OVERRIDE: RuleDefinition = {
  id: 'FLEET015',
  name: 'reference-tier-override',
  description: 'A lower-tier policyRef of a Sveltos profile overrides a resource another of its refs deploys; the overridden ref reports a conflict whenever it deploys again.',
  level: FindingLevel.WARNING,
  check({ ctx, report }) {
    for (const { first, clusters } of groupReferenceConflicts(ctx.rollout.referenceConflicts.filter((c) => c.takeover && c.owner))) {
      const owner = first.owner!;
      const losers = first.losers.map((c) => `${describeReference(c)} (tier ${c.tier})`).join(', ');
      report(profileLabel(first.profile), `${describeReference(owner)} (tier ${owner.tier}) takes resource ${first.target} over from ${losers} on ${clusterList(clusters)}; the overridden ref gets a conflict each time the Resources feature deploys again (at once when it is listed after the owner), so the ClusterSummary is not reliably Provisioned and dependsOn dependents and promotion stages wait`, 'remove the resource from the overridden ConfigMap/Secret, or acknowledge the override with the reason');
    }
  },
};
