/**
 * ClusterPromotion stages as a rollout: which stage reaches each cluster and in which order.
 *
 * Facts (AC:controllers/clusterpromotion_controller.go at 7875a2f3^, the last open-source implementation; since
 * 7875a2f3 the stage logic ships in the Sveltos Enterprise build only): for the current stage the controller
 * server-side-applies ClusterProfile `<promotion>-<stage>` (profileSpec + the stage's clusterSelector); it advances
 * when every ClusterSummary of that profile is Provisioned (`allClusterSummariesDeployed`; none at all counts as
 * deployed) and the stage's trigger lets it (`doMoveToNextStage`: no trigger ⇒ at once; auto ⇒ delay,
 * preHealthCheckDeployment, postDelayHealthChecks, promotionWindow; manual ⇒ the same, then `approved: true`).
 * Earlier stages' ClusterProfiles are kept, so a cluster two stages select gets both profiles: the later one meets
 * the earlier one's Helm releases and resources (equal tier) and reports Conflict, and its stage is never Provisioned.
 *
 * Pure TypeScript, no cdk8s / cdktf.
 */
import { Order } from '../../core/order';
import { SveltosClusterRef, SveltosPromotionModel, SveltosPromotionStage, describeCluster, profileKeyOf, promotionStageProfileName } from './model';
import type { SveltosSelection } from './selection';

/** One stage of a promotion, planned. */
export interface SveltosPromotionStagePlan {
  /** Stage name. */
  readonly name: string;
  /** Position (0 = first). */
  readonly index: number;
  /** The stage's ClusterProfile key (`ClusterProfile/<promotion>-<stage>`). */
  readonly profile: string;
  /** Clusters the stage's ClusterProfile gets a ClusterSummary on, in matching order. */
  readonly clusters: SveltosClusterRef[];
  /** Cluster keys this stage is the first to reach. */
  readonly newClusterKeys: string[];
  /** What has to happen before the promotion moves past this stage. */
  readonly gate: string;
}

/** One wave of a promotion: a stage, or a maxUpdate batch of a stage. */
export interface SveltosPromotionWave {
  /** Stage name. */
  readonly stage: string;
  /** Batch number inside the stage (1-based), when maxUpdate splits it. */
  readonly batch?: number;
  /** `stage qa` or `stage qa, batch 2`. */
  readonly label: string;
  /** Clusters first reached in this wave, in matching order. */
  readonly clusters: SveltosClusterRef[];
  /** Their keys. */
  readonly clusterKeys: string[];
}

/** A cluster that several stages select. */
export interface SveltosPromotionOverlap {
  /** Cluster key. */
  readonly clusterKey: string;
  /** The cluster. */
  readonly cluster: SveltosClusterRef;
  /** The stages selecting it, in pipeline order. */
  readonly stages: string[];
}

/** The rollout of one ClusterPromotion. */
export interface SveltosPromotionPlan {
  /** `ClusterPromotion/<name>`. */
  readonly key: string;
  /** Promotion name. */
  readonly name: string;
  /** Stages in pipeline order. */
  readonly stages: SveltosPromotionStagePlan[];
  /** Waves in order: each stage's newly reached clusters, split by maxUpdate. */
  readonly waves: SveltosPromotionWave[];
  /** Clusters selected by more than one stage. */
  readonly overlaps: SveltosPromotionOverlap[];
  /** True when the profile spec deploys something (Helm charts, policyRefs or kustomizationRefs). */
  readonly deploys: boolean;
  /** The pipeline in words: `qa → staging (manual approval) → production`. */
  readonly summary: string;
}

function durationText(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** What moves the promotion past a stage, in words. @internal */
export function promotionGate(promotion: string, stage: SveltosPromotionStage, last: boolean): string {
  if (last) return 'last stage: the promotion completes once every ClusterSummary of it is Provisioned';
  const base = 'promoted once every ClusterSummary of the stage is Provisioned';
  const t = stage.trigger;
  if (!t) return `${base}, at once (no trigger)`;
  const g = (t.auto ?? t.manual ?? {}) as Record<string, any>;
  const steps: string[] = [];
  const delay = durationText(g.delay);
  if (delay) steps.push(`after a delay of ${delay}`);
  if (Array.isArray(g.preHealthCheckDeployment) && g.preHealthCheckDeployment.length) steps.push(`after deploying its preHealthCheckDeployment (ClusterProfile preverification-${promotionStageProfileName(promotion, stage.name)})`);
  if (Array.isArray(g.postDelayHealthChecks) && g.postDelayHealthChecks.length) {
    steps.push(`once post-delay health check${g.postDelayHealthChecks.length > 1 ? 's' : ''} ${g.postDelayHealthChecks.map((h: any) => h?.name).join(', ')} pass${g.postDelayHealthChecks.length > 1 ? '' : 'es'}`);
  }
  if (t.auto) {
    const w = g.promotionWindow as { from?: string; to?: string } | undefined;
    if (w && w.from && w.to) steps.push(`within the window opening at "${w.from}" and closing at "${w.to}"`);
    return `${base}, automatically${steps.length ? ` ${steps.join(', ')}` : ''}`;
  }
  const approved = g.approved === true;
  steps.push(approved ? 'approved (trigger.manual.approved is true)' : 'after manual approval (set trigger.manual.approved: true)');
  return `${base}, ${steps.join(', ')}`;
}

/**
 * Plans every ClusterPromotion of the selection's state: per stage, the clusters its ClusterProfile reaches and the gate
 * to the next stage; waves = each stage's newly reached clusters (a cluster belongs to the first stage that reaches it),
 * split by the stage profile's maxUpdate; clusters selected by several stages.
 * @param waves the maxUpdate waves of a profile (cluster refs), as the rollout plan computed them
 * @internal
 */
export function planSveltosPromotions(selection: SveltosSelection, waves: (profileKey: string) => readonly SveltosClusterRef[][]): SveltosPromotionPlan[] {
  const out: SveltosPromotionPlan[] = [];
  for (const promotion of selection.state.promotions ?? []) {
    const firstStage = new Map<string, number>();
    const selectedBy = new Map<string, { cluster: SveltosClusterRef; stages: string[] }>();
    const stages: SveltosPromotionStagePlan[] = promotion.stages.map((st, index) => {
      const profile = profileKeyOf('ClusterProfile', undefined, promotionStageProfileName(promotion.name, st.name));
      const summaries = selection.profile(profile)?.clusterSummaries ?? [];
      const clusters = summaries.map((s) => selection.clusterRefOfId(s.clusterId));
      const newClusterKeys: string[] = [];
      for (const s of summaries) {
        if (!firstStage.has(s.clusterKey)) {
          firstStage.set(s.clusterKey, index);
          newClusterKeys.push(s.clusterKey);
        }
        const e = selectedBy.get(s.clusterKey) ?? { cluster: selection.clusterRefOfId(s.clusterId), stages: [] };
        e.stages.push(st.name);
        selectedBy.set(s.clusterKey, e);
      }
      return { name: st.name, index, profile, clusters, newClusterKeys, gate: promotionGate(promotion.name, st, index === promotion.stages.length - 1) };
    });
    const planWaves: SveltosPromotionWave[] = [];
    for (const st of stages) {
      const fresh = new Set(st.newClusterKeys);
      const batches = waves(st.profile).map((w) => w.filter((r) => fresh.has(selection.clusterKeyForRef(r)))).filter((w) => w.length > 0);
      batches.forEach((b, i) => {
        const batched = batches.length > 1;
        planWaves.push({
          stage: st.name,
          ...(batched ? { batch: i + 1 } : {}),
          label: batched ? `stage ${st.name}, batch ${i + 1}` : `stage ${st.name}`,
          clusters: b,
          clusterKeys: b.map((r) => selection.clusterKeyForRef(r)),
        });
      });
    }
    const overlaps = [...selectedBy.entries()]
      .filter(([, e]) => e.stages.length > 1)
      .map(([clusterKey, e]) => ({ clusterKey, cluster: e.cluster, stages: e.stages }))
      .sort(Order.by((o) => o.clusterKey));
    const spec = promotion.profileSpec;
    const deploys = [spec.helmCharts, spec.policyRefs, spec.kustomizationRefs].some((l) => Array.isArray(l) && l.length > 0);
    const summary = promotion.stages.map((st, i) => {
      if (i === promotion.stages.length - 1 || !st.trigger) return st.name;
      return `${st.name} (${st.trigger.manual ? 'manual approval' : 'auto'})`;
    }).join(' → ');
    out.push({ key: `ClusterPromotion/${promotion.name}`, name: promotion.name, stages, waves: planWaves, overlaps, deploys, summary });
  }
  return out;
}

/** The sentence a plan gives for a cluster several stages select. @internal */
export function describePromotionOverlap(promotion: SveltosPromotionModel | SveltosPromotionPlan, overlap: SveltosPromotionOverlap): string {
  const names = overlap.stages.map((s) => promotionStageProfileName(promotion.name, s));
  return `stages ${overlap.stages.join(' and ')} both select ${describeCluster(overlap.cluster)}: ClusterProfile ${names[0]} deploys there first, and ${names.slice(1).join(', ')} then ${names.length > 2 ? 'report' : 'reports'} Conflict for every Helm release and resource it already deployed (equal tier), so stage ${overlap.stages[1]} is never fully Provisioned and the promotion stops there`;
}
