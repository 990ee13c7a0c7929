// FLEET013: one Sveltos profile reaches the same spoke through two SveltosClusters (the spoke is
// registered twice, e.g. OCM writes an inventory ClusterProfile into every bound namespace): both
// ClusterSummaries apply the same content, and withdrawing one removes it from the spoke.
import { profileLabel } from './subjects';
import { FindingLevel, RuleDefinition } from './rule';

export const CLUSTER_REACHED_TWICE: RuleDefinition = {
  id: 'FLEET013',
  name: 'cluster-reached-twice',
  description: 'A Sveltos profile reaches one spoke through two SveltosClusters, so everything is deployed twice.',
  level: FindingLevel.ERROR,
  check({ ctx, report }) {
    for (const p of ctx.selection.profiles) {
      if (p.spec.syncMode === 'DryRun') continue;
      const byCluster = new Map<string, string[]>();
      for (const s of p.clusterSummaries) {
        const name = ctx.clusterOfKey.get(s.clusterKey) ?? s.clusterName;
        const keys = byCluster.get(name);
        if (keys) keys.push(s.clusterKey); else byCluster.set(name, [s.clusterKey]);
      }
      for (const [name, keys] of byCluster) {
        if (keys.length < 2) continue;
        report(profileLabel(p.key), `reaches cluster ${name} ${keys.length} times (${keys.sort().join(', ')}): the spoke is registered with Sveltos more than once and the selector matches every copy, so both ClusterSummaries apply the same content and withdrawing one removes it`, 'select on labels only the fleet\'s own registration carries (e.g. env), not on OCM\'s cluster-name or clusterset labels, or bind the set into fewer namespaces');
      }
    }
  },
};
