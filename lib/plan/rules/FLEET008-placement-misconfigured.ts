// FLEET008: a Placement the scheduler marks Misconfigured, or fails on (hand-written YAML).
import { FindingLevel, RuleDefinition } from './rule';

export const PLACEMENT_MISCONFIGURED: RuleDefinition = {
  id: 'FLEET008',
  name: 'placement-misconfigured',
  description: 'The scheduler would mark a Placement Misconfigured or fail on it (hand-written YAML).',
  level: FindingLevel.ERROR,
  check({ plan, ctx, report }) {
    for (const p of plan.placements) {
      const r = ctx.placements.get(p.id)!;
      if (!r.misconfigured && !r.error) continue;
      report(`Placement ${p.id}`, `the scheduler would ${r.error ? `fail: ${r.error}` : `mark it Misconfigured (${r.misconfiguredMessage}) and write no decisions`}`, 'fix the placement spec (the cdk-fleet Placement construct rejects these inputs at synth)');
    }
  },
};
