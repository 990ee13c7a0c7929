// FLEET016: two stages of a ClusterPromotion select the same cluster. The controller keeps earlier
// stages' ClusterProfiles, so the later stage's ClusterProfile meets the earlier one's Helm releases
// and resources at the same tier and reports Conflict; its ClusterSummary is never Provisioned and the
// promotion never advances past that stage (AC:controllers/clusterpromotion_controller.go at
// 7875a2f3^: checkCurrentStageDeployment / allClusterSummariesDeployed).
import { describePromotionOverlap } from '../sveltos/promotion';
import { FindingLevel, RuleDefinition } from './rule';

export const PROMOTION_STAGE_OVERLAP: RuleDefinition = {
  id: 'FLEET016',
  name: 'promotion-stage-overlap',
  description: 'Two stages of a Sveltos ClusterPromotion select the same cluster: the later stage reports Conflict there and the promotion stalls.',
  level: FindingLevel.ERROR,
  check({ ctx, report }) {
    for (const p of ctx.rollout.promotions) {
      if (!p.deploys) continue;
      for (const o of p.overlaps) {
        report(`ClusterPromotion ${p.name}`, describePromotionOverlap(p, o), 'make the stages\' clusterSelectors disjoint (e.g. one value of an env label per stage)');
      }
    }
  },
};
