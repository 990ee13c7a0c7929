// FLEET006: clusters that are new or not reporting carry the unreachable taint (planning against an inventory).
import { UNREACHABLE_TAINT } from '../hub-emulation';
import { FindingLevel, RuleDefinition } from './rule';

export const NEW_CLUSTERS_INVISIBLE: RuleDefinition = {
  id: 'FLEET006',
  name: 'new-clusters-invisible',
  description: 'New or disconnected clusters carry the automatic unreachable:NoSelect taint and are invisible to placements that do not tolerate it.',
  level: FindingLevel.INFO,
  check({ plan, ctx, report }) {
    if (!ctx.inventoryGiven) return;
    for (const p of plan.placements) {
      const r = ctx.placements.get(p.id)!;
      const hidden = Object.entries(r.notSelected).filter(([, reason]) => reason.includes(UNREACHABLE_TAINT)).map(([cluster]) => cluster).sort();
      if (hidden.length === 0) continue;
      report(`Placement ${p.id}`, `${hidden.length === 1 ? `cluster ${hidden[0]} is` : `clusters ${hidden.join(', ')} are`} new or not reporting Available and carry ${UNREACHABLE_TAINT}:NoSelect, so this placement cannot select them until they report`, `expected while clusters join; to deploy to joining clusters add a toleration { key: '${UNREACHABLE_TAINT}', operator: Exists }`);
    }
  },
};
