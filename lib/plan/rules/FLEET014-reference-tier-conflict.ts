// FLEET014: two policyRefs of one Sveltos profile deploy the same resource with the same tier.
// LS:lib/deployer/utils.go ValidateObjectForUpdate: only a ref with a STRICTLY lower tier than the
// projectsveltos.io/reference-tier recorded on the object may overwrite it; otherwise the ref gets a
// ConflictError (AC:test/fv/second_tier_test.go, first assertion: equal tiers report "A conflict was
// detected while deploying resource").
import { describeReference, SveltosReferenceConflict } from '../sveltos/rollout';
import { profileLabel } from './subjects';
import { FindingLevel, RuleDefinition } from './rule';

/** Groups per-cluster reference conflicts by (profile, resource, refs), keeping the clusters. @internal */
export function groupReferenceConflicts(conflicts: readonly SveltosReferenceConflict[]): { first: SveltosReferenceConflict; clusters: string[] }[] {
  const groups = new Map<string, { first: SveltosReferenceConflict; clusters: string[] }>();
  for (const c of conflicts) {
    const key = `${c.profile}|${c.target}|${c.claims.map(describeReference).join(',')}`;
    const g = groups.get(key);
    if (g) g.clusters.push(c.cluster.name);
    else groups.set(key, { first: c, clusters: [c.cluster.name] });
  }
  return [...groups.values()];
}

/** `cluster a`, `clusters a, b, c` or `clusters a, b, c, d, e and 3 more`. @internal */
export function clusterList(names: readonly string[]): string {
  const shown = names.slice(0, 5).join(', ');
  return names.length === 1 ? `cluster ${shown}` : `clusters ${shown}${names.length > 5 ? ` and ${names.length - 5} more` : ''}`;
}

export const REFERENCE_TIER_CONFLICT: RuleDefinition = {
  id: 'FLEET014',
  name: 'reference-tier-conflict',
  description: 'Two policyRefs of one Sveltos profile deploy the same resource with the same tier: the second reports a conflict on every deployment.',
  level: FindingLevel.ERROR,
  check({ ctx, report }) {
    for (const { first, clusters } of groupReferenceConflicts(ctx.rollout.referenceConflicts.filter((c) => !c.takeover))) {
      const refs = first.claims.map((c) => `${describeReference(c)} (${c.field}[${c.index}], tier ${c.tier})`).join(' and ');
      const stop = first.stopsDeployment ? '; continueOnConflict is false, so its deployment stops there and the ClusterSummary is never Provisioned' : '; the ClusterSummary reports the conflict and is never Provisioned';
      report(profileLabel(first.profile), `${refs} both deploy resource ${first.target} to ${clusterList(clusters)}: ${first.reason}${stop}`, 'keep the resource in one ConfigMap/Secret, or give the ref that should own it a lower tier (PolicyRef.configMap(name, { tier: 50 }))');
    }
  },
};
