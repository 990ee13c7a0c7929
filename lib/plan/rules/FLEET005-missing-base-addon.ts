// FLEET005: one cluster misses an add-on every other cluster gets (fleets of 3 clusters or more).
import { FindingLevel, RuleDefinition } from './rule';

export const MISSING_BASE_ADDON: RuleDefinition = {
  id: 'FLEET005',
  name: 'missing-base-addon',
  description: 'A cluster misses an add-on that every other cluster gets.',
  level: FindingLevel.WARNING,
  check({ plan, declared, report }) {
    if (declared.length < 3) return;
    for (const a of plan.workloads.filter((w) => w.isAddOn)) {
      const targets = new Set(a.targets);
      const missing = declared.filter((c) => !targets.has(c.name));
      if (missing.length !== 1) continue;
      report(`ManagedCluster ${missing[0].name}`, `misses ${a.id}, which every other cluster (${declared.length - 1}) gets`, 'check its labels against the add-on\'s selector, or acknowledge why this cluster is different');
    }
  },
};
