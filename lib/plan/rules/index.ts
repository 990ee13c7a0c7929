// The rule pack: advisory checks with stable ids, a level, a reason and a fix, one file per rule
// (in the manner of cdk-nag's rule files). A finding can be acknowledged per object with a
// mandatory reason, through the annotation `ack.cdk-fleet.io/<RULE-ID>: <reason>` (what
// `acknowledge()` in lib/fleet writes).
import { Order } from '../../core/order';
import { PlanAnnotations } from '../format';
import type { FleetPlan, PlanContext } from '../types';
import { PLACEMENT_SELECTS_NOTHING } from './FLEET001-placement-selects-nothing';
import { PROFILE_SELECTS_NOTHING } from './FLEET002-profile-selects-nothing';
import { PRODUCTION_ROLLOUT_ALL } from './FLEET003-production-rollout-all';
import { CLUSTER_WITHOUT_ADDONS } from './FLEET004-cluster-without-addons';
import { MISSING_BASE_ADDON } from './FLEET005-missing-base-addon';
import { NEW_CLUSTERS_INVISIBLE } from './FLEET006-new-clusters-invisible';
import { REGISTRATION_CHAIN_GAP } from './FLEET007-registration-chain-gap';
import { PLACEMENT_MISCONFIGURED } from './FLEET008-placement-misconfigured';
import { PROFILE_CONFLICT } from './FLEET009-profile-conflict';
import { ROLLOUT_NEVER_FINISHES } from './FLEET010-rollout-never-finishes';
import { SVELTOS_SELECTOR_SEES_NOTHING } from './FLEET011-sveltos-selector-sees-nothing';
import { DEPENDSON_CYCLE } from './FLEET012-dependson-cycle';
import { CLUSTER_REACHED_TWICE } from './FLEET013-cluster-reached-twice';
import { REFERENCE_TIER_CONFLICT } from './FLEET014-reference-tier-conflict';
import { REFERENCE_TIER_OVERRIDE } from './FLEET015-reference-tier-override';
import { PROMOTION_STAGE_OVERLAP } from './FLEET016-promotion-stage-overlap';
import { ENGINE_PLACEMENT_SELECTS_NOTHING } from './FLEET017-engine-placement-selects-nothing';
import { ENGINE_REJECTS } from './FLEET018-engine-rejects';
import { KARMADA_TEMPLATE_UNCLAIMED } from './FLEET019-karmada-template-unclaimed';
import { Finding, Rule, RuleDefinition } from './rule';
import { subjectOf } from './subjects';

export { FailOn, FindingLevel, failingLevels } from './rule';
export type { Finding, Rule } from './rule';
export { subjectOf, profileLabel } from './subjects';

/** Annotation prefix that acknowledges a rule on an object: `ack.cdk-fleet.io/FLEET003: "<reason>"`. */
export const ACK_ANNOTATION_PREFIX = 'ack.cdk-fleet.io/';

const DEFINITIONS: readonly RuleDefinition[] = [
  PLACEMENT_SELECTS_NOTHING,
  PROFILE_SELECTS_NOTHING,
  PRODUCTION_ROLLOUT_ALL,
  CLUSTER_WITHOUT_ADDONS,
  MISSING_BASE_ADDON,
  NEW_CLUSTERS_INVISIBLE,
  REGISTRATION_CHAIN_GAP,
  PLACEMENT_MISCONFIGURED,
  PROFILE_CONFLICT,
  ROLLOUT_NEVER_FINISHES,
  SVELTOS_SELECTOR_SEES_NOTHING,
  DEPENDSON_CYCLE,
  CLUSTER_REACHED_TWICE,
  REFERENCE_TIER_CONFLICT,
  REFERENCE_TIER_OVERRIDE,
  PROMOTION_STAGE_OVERLAP,
  ENGINE_PLACEMENT_SELECTS_NOTHING,
  ENGINE_REJECTS,
  KARMADA_TEMPLATE_UNCLAIMED,
];

/** Every rule, in id order. */
export const RULES: readonly Rule[] = DEFINITIONS.map(({ id, name, description, level }) => ({ id, name, description, level }));

/** Evaluates every rule on a plan. Findings are sorted by id, subject, then message. */
export function evaluateRules(plan: Omit<FleetPlan, 'findings'>, ctx: PlanContext): Finding[] {
  const acks = new Map<string, Record<string, string>>();
  const sources = new Map<string, string>();
  for (const o of ctx.objects) {
    const ann = o.metadata?.annotations ?? {};
    const source = ann[PlanAnnotations.SOURCE];
    if (typeof source === 'string' && source.trim()) sources.set(subjectOf(o), source.trim());
    const mine: Record<string, string> = {};
    for (const [k, v] of Object.entries(ann)) if (k.startsWith(ACK_ANNOTATION_PREFIX) && typeof v === 'string' && v.trim()) mine[k.slice(ACK_ANNOTATION_PREFIX.length)] = v;
    if (Object.keys(mine).length) acks.set(subjectOf(o), mine);
  }
  // Production as the plan defines it (FleetPlanInput productionLabel / productionValues).
  const production = new Set(plan.clusters.filter((c) => c.production).map((c) => c.name));
  const hubNames = new Set(ctx.hub.clusters.map((h) => h.name));
  const declared = plan.clusters.filter((c) => hubNames.has(c.name));
  const findings: Finding[] = [];
  for (const rule of DEFINITIONS) {
    rule.check({
      plan,
      ctx,
      declared,
      isProduction: (c) => production.has(c),
      report: (subject, message, fix) => {
        const ack = acks.get(subject)?.[rule.id];
        const source = ctx.sources?.[subject] ?? sources.get(subject);
        const constructPath = ctx.constructPaths?.[subject];
        findings.push({ id: rule.id, rule: rule.name, level: rule.level, subject, message, fix, ...(ack ? { acknowledged: ack } : {}), ...(source ? { source } : {}), ...(constructPath ? { constructPath } : {}) });
      },
    });
  }
  return findings.sort((a, b) => Order.strings(a.id, b.id) || Order.strings(a.subject, b.subject) || Order.strings(a.message, b.message));
}
