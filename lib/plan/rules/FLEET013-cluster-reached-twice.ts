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
      // The first key per spoke, and all of them for the spokes reached more than once (findings
      // are sorted by message, so the order of reports does not matter).
      const first = new Map<string, string>();
      const twice = new Map<string, string[]>();
      for (const s of p.clusterSummaries) {
        const name = ctx.clusterOfKey.get(s.clusterKey) ?? s.clusterName;
        const prev = first.get(name);
        if (prev === undefined) {
          first.set(name, s.clusterKey);
          continue;
        }
        const keys = twice.get(name);
        if (keys) keys.push(s.clusterKey); else twice.set(name, [prev, s.clusterKey]);
      }
      for (const [name, keys] of twice) {
        report(profileLabel(p.key), `reaches cluster ${name} ${keys.length} times (${keys.sort().join(', ')}): the spoke is registered with Sveltos more than once and the selector matches every copy, so both ClusterSummaries apply the same content and withdrawing one removes it`, 'select on labels only the fleet\'s own registration carries (e.g. env), not on OCM\'s cluster-name or clusterset labels, or bind the set into fewer namespaces');
      }
    }
  },
};
