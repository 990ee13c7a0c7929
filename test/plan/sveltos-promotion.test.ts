// ClusterPromotion in the plan: AC:controllers/clusterpromotion_controller.go at 7875a2f3^ (reconcileStageProfile:
// ClusterProfile `<promotion>-<stage>` = profileSpec + the stage's clusterSelector; checkCurrentStageDeployment /
// allClusterSummariesDeployed; doMoveToNextStage), sample AC:config/samples/config_v1beta1_clusterpromotion.yaml.
import { Testing } from 'cdk8s';
import { plan as fleetPlan } from '../../lib';
import { Duration, LabelSelector, PercentOrAbsolute } from '../../lib/core';
import { PROMOTION_NAME_LABEL, PROMOTION_STAGE_ANNOTATION, sveltosStateFromObjects } from '../../lib/plan/sveltos/model';
import { promotionGate } from '../../lib/plan/sveltos/promotion';
import { planSveltosRollout } from '../../lib/plan/sveltos/rollout';
import { simulateSveltosSelection } from '../../lib/plan/sveltos/selection';
import { ClusterPromotion, HealthFeature, HelmChart, PolicyRef, PromotionTrigger, SveltosCluster } from '../../lib/sveltos';

const sc = (name: string, env: string) => ({
  apiVersion: 'lib.projectsveltos.io/v1beta1', kind: 'SveltosCluster', metadata: { name, namespace: 'fleet', labels: { env } }, spec: {}, status: { ready: true },
});
const kyverno = {
  repositoryURL: 'https://kyverno.github.io/kyverno/', repositoryName: 'kyverno', chartName: 'kyverno/kyverno', chartVersion: '3.8.2',
  releaseName: 'kyverno-latest', releaseNamespace: 'kyverno', helmChartAction: 'Install',
};
const promotion = (stages: unknown[], profileSpec: Record<string, unknown> = {}) => ({
  apiVersion: 'config.projectsveltos.io/v1beta1', kind: 'ClusterPromotion', metadata: { name: 'test' },
  spec: { profileSpec: { syncMode: 'Continuous', helmCharts: [kyverno], ...profileSpec }, stages },
});
const stage = (name: string, env: string, trigger?: unknown) => ({ name, clusterSelector: { matchLabels: { env } }, ...(trigger ? { trigger } : {}) });
const fleet = [sc('staging-1', 'staging'), sc('staging-2', 'staging'), sc('prod-1', 'production'), sc('prod-2', 'production'), sc('prod-3', 'production'), sc('dev-1', 'dev')];
const sample = promotion([stage('staging', 'staging', { auto: { delay: '5m' } }), stage('production', 'production', { auto: { delay: '5m' } })]);

describe('ClusterPromotion in the plan', () => {
  test('each stage becomes ClusterProfile <promotion>-<stage>: the profile spec plus the stage selector, labelled and annotated as the controller does', () => {
    const state = sveltosStateFromObjects([...fleet, sample]);
    expect(state.promotions!.map((p) => p.name)).toEqual(['test']);
    expect(state.profiles.map((p) => p.name)).toEqual(['test-staging', 'test-production']);
    expect(state.profiles[1]).toEqual({
      kind: 'ClusterProfile', name: 'test-production',
      labels: { [PROMOTION_NAME_LABEL]: 'test' }, annotations: { [PROMOTION_STAGE_ANNOTATION]: 'production' },
      spec: { syncMode: 'Continuous', helmCharts: [kyverno], clusterSelector: { matchLabels: { env: 'production' } } },
    });
    const sel = simulateSveltosSelection(state);
    expect(sel.profile('ClusterProfile/test-staging')!.clusterSummaries.map((s) => s.name)).toEqual(['test-staging-sveltos-staging-1', 'test-staging-sveltos-staging-2']);
  });

  test('the rollout: a stage reaches its clusters only after the previous one; maxUpdate batches each stage', () => {
    const r = planSveltosRollout(simulateSveltosSelection(sveltosStateFromObjects([...fleet, promotion(sample.spec.stages, { maxUpdate: '50%' })])));
    const p = r.promotion('ClusterPromotion/test')!;
    expect(p.summary).toBe('staging (auto) → production');
    expect(p.stages.map((s) => [s.name, s.profile, s.clusters.map((c) => c.name)])).toEqual([
      ['staging', 'ClusterProfile/test-staging', ['staging-1', 'staging-2']],
      ['production', 'ClusterProfile/test-production', ['prod-1', 'prod-2', 'prod-3']],
    ]);
    // 50% of 2 = 1 per batch in staging; 50% of 3 = 2 (ceil) in production
    expect(p.waves.map((w) => [w.label, w.clusters.map((c) => c.name)])).toEqual([
      ['stage staging, batch 1', ['staging-1']],
      ['stage staging, batch 2', ['staging-2']],
      ['stage production, batch 1', ['prod-1', 'prod-2']],
      ['stage production, batch 2', ['prod-3']],
    ]);
    expect(p.stages[0].gate).toBe('promoted once every ClusterSummary of the stage is Provisioned, automatically after a delay of 5m');
    expect(p.stages[1].gate).toBe('last stage: the promotion completes once every ClusterSummary of it is Provisioned');
    expect(p.overlaps).toEqual([]);
  });

  test('gates: no trigger, manual approval, pre-health-check deployment, post-delay checks and window', () => {
    expect(promotionGate('p', { name: 'a' }, false)).toBe('promoted once every ClusterSummary of the stage is Provisioned, at once (no trigger)');
    expect(promotionGate('p', { name: 'qa', trigger: { manual: { delay: '10m' } } }, false)).toBe('promoted once every ClusterSummary of the stage is Provisioned, after a delay of 10m, after manual approval (set trigger.manual.approved: true)');
    expect(promotionGate('p', { name: 'qa', trigger: { manual: { approved: true } } }, false)).toBe('promoted once every ClusterSummary of the stage is Provisioned, approved (trigger.manual.approved is true)');
    expect(promotionGate('p', { name: 'qa', trigger: { auto: { preHealthCheckDeployment: [{ kind: 'ConfigMap', name: 'job' }], postDelayHealthChecks: [{ name: 'job-done' }], promotionWindow: { from: '0 22 * * *', to: '0 6 * * *' } } } }, false))
      .toBe('promoted once every ClusterSummary of the stage is Provisioned, automatically after deploying its preHealthCheckDeployment (ClusterProfile preverification-p-qa), once post-delay health check job-done passes, within the window opening at "0 22 * * *" and closing at "0 6 * * *"');
  });

  test('the fleet plan shows the promotion as one workload whose waves are its stages, and each cluster\'s stage', () => {
    const { plan } = fleetPlan.buildFleetPlan({ objects: [...fleet, sample] });
    expect(plan.workloads.map((w) => w.id)).toEqual(['ClusterPromotion test']);
    const w = plan.workloads[0];
    expect(w).toMatchObject({ kind: 'ClusterPromotion', rollout: 'stages staging (auto) → production', targets: ['prod-1', 'prod-2', 'prod-3', 'staging-1', 'staging-2'], charts: [{ chart: 'kyverno/kyverno', version: '3.8.2', release: 'kyverno/kyverno-latest' }] });
    expect(w.waves.map((x) => [x.wave, x.label, x.clusters])).toEqual([[1, 'stage staging', ['staging-1', 'staging-2']], [2, 'stage production', ['prod-1', 'prod-2', 'prod-3']]]);
    const prod1 = plan.clusters.find((c) => c.name === 'prod-1')!;
    expect(prod1.deliveries).toEqual([{ workload: 'ClusterPromotion test', wave: 2, waveLabel: 'stage production', step: 2 }]);
    expect(prod1.profiles).toEqual(['ClusterProfile test-production']);
    const dev = plan.clusters.find((c) => c.name === 'dev-1')!;
    expect(dev.deliveries).toEqual([]);
    expect(dev.notDeployedBy.find((n) => n.subject === 'ClusterProfile test-production')!.reason).toBe('label env=dev does not match env=production');
    expect(plan.assumptions.join('\n')).toMatch(/ClusterPromotion: every stage is reached/);
    // a production stage without maxUpdate updates every production cluster at once: FLEET003 names maxUpdate
    const f3 = plan.findings.find((f) => f.id === 'FLEET003' && f.subject === 'ClusterPromotion test')!;
    expect(f3.message).toMatch(/updates all 3 production clusters .* at once: no maxUpdate limits it/);
  });

  test('fails, through FLEET016, stages that select the same cluster: the later stage meets the earlier one\'s release and the promotion stalls', () => {
    const overlapping = promotion([stage('staging', 'staging'), { name: 'all', clusterSelector: { matchExpressions: [{ key: 'env', operator: 'In', values: ['staging', 'production'] }] } }]);
    const { plan, context } = fleetPlan.buildFleetPlan({ objects: [...fleet, overlapping] });
    const f = plan.findings.filter((x) => x.id === 'FLEET016');
    expect(f.map((x) => `${x.level} ${x.subject}`)).toEqual(['error ClusterPromotion test', 'error ClusterPromotion test']);
    expect(f[0].message).toBe('stages staging and all both select SveltosCluster fleet/staging-1: ClusterProfile test-staging deploys there first, and test-all then reports Conflict for every Helm release and resource it already deployed (equal tier), so stage all is never fully Provisioned and the promotion stops there');
    // the earlier stage owns the release: the conflict has a winner, so FLEET009 stays quiet and FLEET016 explains it
    const c = context.rollout.conflicts.find((x) => x.clusterKey === 'Sveltos:fleet/staging-1')!;
    expect(c).toMatchObject({ winner: 'ClusterProfile/test-staging', losers: ['ClusterProfile/test-all'] });
    expect(c.reason).toMatch(/equal tier 100: ClusterProfile\/test-staging reaches the cluster first/);
    expect(plan.findings.filter((x) => x.id === 'FLEET009')).toEqual([]);
    // the cluster belongs to the first stage that reaches it
    expect(plan.workloads[0].waves.map((x) => [x.label, x.clusters])).toEqual([['stage staging', ['staging-1', 'staging-2']], ['stage all', ['prod-1', 'prod-2', 'prod-3']]]);
  });

  test('a declared ClusterProfile of a stage\'s name is replaced by the stage\'s (server-side apply with force)', () => {
    const declared = { apiVersion: 'config.projectsveltos.io/v1beta1', kind: 'ClusterProfile', metadata: { name: 'test-staging' }, spec: { clusterSelector: { matchLabels: { env: 'dev' } } } };
    const state = sveltosStateFromObjects([...fleet, declared, sample]);
    expect(state.profiles.filter((p) => p.name === 'test-staging').map((p) => p.spec.clusterSelector)).toEqual([{ matchLabels: { env: 'staging' } }]);
  });

  test('fails ClusterPromotion objects the CRD rejects', () => {
    expect(() => sveltosStateFromObjects([promotion([])])).toThrow('ClusterPromotion test: spec.stages is empty; the CRD needs at least one stage (minItems 1)');
    expect(() => sveltosStateFromObjects([promotion([stage('a', 'x'), stage('a', 'y')])])).toThrow('ClusterPromotion test: spec.stages has stage "a" twice; stage names are the list-map key (the API server rejects duplicates)');
    expect(() => sveltosStateFromObjects([promotion([stage('a', 'x', { auto: {}, manual: {} })])])).toThrow(/spec.stages\[0\] \(a\) trigger must have either manual or auto, not both/);
    expect(() => sveltosStateFromObjects([promotion([stage('a', 'x', {})])])).toThrow(/trigger must have either manual or auto/);
  });

  test('the L2 construct and the plan agree: a promotion built in code is planned stage by stage', () => {
    const c = Testing.chart();
    for (const [name, env] of [['s1', 'staging'], ['p1', 'production'], ['p2', 'production']]) new SveltosCluster(c, name, { namespace: 'fleet', name, labels: { env } });
    const p = new ClusterPromotion(c, 'web', {
      maxUpdate: PercentOrAbsolute.count(1),
      helmCharts: [HelmChart.fromRepository({ repositoryUrl: 'https://kyverno.github.io/kyverno/', repositoryName: 'kyverno', chartName: 'kyverno/kyverno', version: '3.8.2', releaseName: 'kyverno', releaseNamespace: 'kyverno' })],
    });
    p.addStage({
      name: 'staging', clusterSelector: LabelSelector.matchLabels({ env: 'staging' }),
      trigger: PromotionTrigger.manual({ delay: Duration.minutes(30), preHealthCheckDeployment: [PolicyRef.configMap('smoke')], postDelayHealthChecks: [{ name: 'smoke-ok', featureId: HealthFeature.RESOURCES, script: 'function evaluate() return {healthy = true} end' }] }),
    });
    p.addStage({ name: 'production', clusterSelector: LabelSelector.matchLabels({ env: 'production' }) });
    const { plan, context } = fleetPlan.buildFleetPlan({ objects: Testing.synth(c) });
    expect(plan.workloads.map((w) => [w.id, w.rollout])).toEqual([['ClusterPromotion web', 'stages staging (manual approval) → production, maxUpdate 1']]);
    expect(plan.workloads[0].waves.map((w) => [w.label, w.clusters])).toEqual([['stage staging', ['s1']], ['stage production, batch 1', ['p1']], ['stage production, batch 2', ['p2']]]);
    expect(context.rollout.promotion('ClusterPromotion/web')!.stages[0].gate).toBe('promoted once every ClusterSummary of the stage is Provisioned, after a delay of 30m, after deploying its preHealthCheckDeployment (ClusterProfile preverification-web-staging), once post-delay health check smoke-ok passes, after manual approval (set trigger.manual.approved: true)');
  });
});
