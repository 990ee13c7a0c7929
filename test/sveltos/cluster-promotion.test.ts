// sveltos.ClusterPromotion: AC:api/v1beta1/clusterpromotion_types.go and the stage logic of
// AC:controllers/clusterpromotion_controller.go (7875a2f3^). Samples: AC:config/samples/config_v1beta1_clusterpromotion.yaml
// and AC:test/fv/promotion_test.go "Deploy ClusterPromotion with multiple stages".
import { Testing } from 'cdk8s';
import { Duration, LabelSelector, PercentOrAbsolute } from '../../lib/core';
import {
  ClusterProfile, ClusterPromotion, HealthFeature, HelmChart, KustomizationRef, PolicyRef, Profile, PromotionTrigger, SourceKind,
  StopMatchingBehavior, SyncMode,
} from '../../lib/sveltos';
import { validateObjects } from '../support/crd-schema';

const env = (v: string) => LabelSelector.matchLabels({ env: v });
const kyverno = () => HelmChart.fromRepository({
  repositoryUrl: 'https://kyverno.github.io/kyverno/', repositoryName: 'kyverno', chartName: 'kyverno/kyverno', version: '3.8.2',
  releaseName: 'kyverno-latest', releaseNamespace: 'kyverno', valuesYaml: 'admissionController:\n  replicas: 3\n',
});
const jobCheck = { name: 'job-completion-check', featureId: HealthFeature.RESOURCES, group: 'batch', version: 'v1', kind: 'Job', namespace: 'default', script: 'function evaluate() return {healthy = true} end' };

describe('sveltos.ClusterPromotion', () => {
  test('renders the upstream sample (config_v1beta1_clusterpromotion.yaml): profileSpec and two auto stages, CRD-valid', () => {
    const c = Testing.chart();
    const p = new ClusterPromotion(c, 'test', {
      syncMode: SyncMode.CONTINUOUS,
      helmCharts: [kyverno()],
      stages: [
        { name: 'staging', clusterSelector: env('staging'), trigger: PromotionTrigger.auto({ delay: Duration.minutes(5) }) },
        { name: 'production', clusterSelector: env('production'), trigger: PromotionTrigger.auto({ delay: Duration.minutes(5) }) },
      ],
    });
    const objs = Testing.synth(c);
    expect(validateObjects(objs)).toEqual([]);
    expect(objs).toHaveLength(1);
    expect(objs[0]).toEqual({
      apiVersion: 'config.projectsveltos.io/v1beta1',
      kind: 'ClusterPromotion',
      metadata: { name: 'test' },
      spec: {
        profileSpec: {
          syncMode: 'Continuous',
          helmCharts: [{
            repositoryURL: 'https://kyverno.github.io/kyverno/', repositoryName: 'kyverno', chartName: 'kyverno/kyverno', chartVersion: '3.8.2',
            releaseName: 'kyverno-latest', releaseNamespace: 'kyverno', helmChartAction: 'Install', values: 'admissionController:\n  replicas: 3\n',
          }],
        },
        stages: [
          { name: 'staging', clusterSelector: { matchLabels: { env: 'staging' } }, trigger: { auto: { delay: '5m' } } },
          { name: 'production', clusterSelector: { matchLabels: { env: 'production' } }, trigger: { auto: { delay: '5m' } } },
        ],
      },
    });
    expect(p.stages.map((s) => s.clusterProfileName)).toEqual(['test-staging', 'test-production']);
  });

  test('fv promotion_test: tier, pre-health-check deployment, post-delay checks, window, manual trigger and every profile field, CRD-valid', () => {
    const c = Testing.chart();
    const prereq = new ClusterProfile(c, 'cni', { clusterSelector: env('staging') });
    const p = new ClusterPromotion(c, 'contour', {
      tier: 90,
      maxUpdate: PercentOrAbsolute.percent(50),
      continueOnConflict: true,
      continueOnError: true,
      reloader: true,
      stopMatchingBehavior: StopMatchingBehavior.LEAVE_POLICIES,
      syncMode: SyncMode.CONTINUOUS_WITH_DRIFT_DETECTION,
      driftExclusions: [{ paths: ['/spec/replicas'] }],
      dependsOn: [prereq],
      policyRefs: [PolicyRef.configMap('optional-cm', { namespace: 'default', optional: true })],
      kustomizationRefs: [KustomizationRef.fromSource(SourceKind.GIT_REPOSITORY, 'flux-system', { namespace: 'flux-system', path: './base', tier: 50 })],
      validateHealths: [{ name: 'contour-up', featureId: HealthFeature.HELM, script: 'function evaluate() return {healthy = true} end' }],
      templateResourceRefs: [{ identifier: 'Cfg', apiVersion: 'v1', kind: 'ConfigMap', name: 'cfg', namespace: 'projectsveltos' }],
      patches: [{ patch: 'metadata:\n  labels:\n    team: edge\n', target: { kind: 'Deployment' } }],
      preserveClusterProfilesOnDelete: true,
    });
    const staging = p.addStage({
      name: 'staging',
      clusterSelector: env('staging'),
      trigger: PromotionTrigger.auto({
        delay: Duration.minutes(2),
        preHealthCheckDeployment: [PolicyRef.configMap('minute-counter', { namespace: 'default' })],
        postDelayHealthChecks: [jobCheck],
        promotionWindow: { from: '0 22 * * 1-5', to: 'CRON_TZ=Europe/Paris 0 6 * * 2-6' },
      }),
    });
    const canary = p.addStage({ name: 'canary', clusterSelector: LabelSelector.in('ring', 'canary'), trigger: PromotionTrigger.manual({ approved: false, automaticReset: false }) });
    p.addStage({ name: 'production', clusterSelector: env('production') });
    expect(staging).toMatchObject({ name: 'staging', index: 0, clusterProfileName: 'contour-staging', preverificationClusterProfileName: 'preverification-contour-staging' });
    expect(canary.trigger!.isManual).toBe(true);
    expect(staging.trigger!.delay!.toString()).toBe('2m');
    const objs = Testing.synth(c);
    expect(validateObjects(objs)).toEqual([]);
    const obj = objs.find((o) => o.kind === 'ClusterPromotion');
    expect(obj.spec.preserveClusterProfilesOnDelete).toBe(true);
    expect(obj.spec.profileSpec).toMatchObject({
      tier: 90, maxUpdate: '50%', continueOnConflict: true, continueOnError: true, reloader: true, stopMatchingBehavior: 'LeavePolicies',
      syncMode: 'ContinuousWithDriftDetection', driftExclusions: [{ paths: ['/spec/replicas'] }], dependsOn: ['cni'],
      policyRefs: [{ kind: 'ConfigMap', name: 'optional-cm', namespace: 'default', optional: true }],
      kustomizationRefs: [{ kind: 'GitRepository', name: 'flux-system', namespace: 'flux-system', path: './base', tier: 50 }],
      validateHealths: [{ name: 'contour-up', featureID: 'Helm' }],
      templateResourceRefs: [{ identifier: 'Cfg', resource: { apiVersion: 'v1', kind: 'ConfigMap', name: 'cfg', namespace: 'projectsveltos' } }],
      patches: [{ patch: 'metadata:\n  labels:\n    team: edge\n', target: { kind: 'Deployment' } }],
    });
    expect(obj.spec.stages[0].trigger).toEqual({
      auto: {
        delay: '2m',
        preHealthCheckDeployment: [{ kind: 'ConfigMap', name: 'minute-counter', namespace: 'default' }],
        postDelayHealthChecks: [{ name: 'job-completion-check', featureID: 'Resources', group: 'batch', version: 'v1', kind: 'Job', namespace: 'default', script: 'function evaluate() return {healthy = true} end' }],
        promotionWindow: { from: '0 22 * * 1-5', to: 'CRON_TZ=Europe/Paris 0 6 * * 2-6' },
      },
    });
    expect(obj.spec.stages[1].trigger).toEqual({ manual: { approved: false, automaticReset: false } });
    expect(obj.spec.stages[2]).toEqual({ name: 'production', clusterSelector: { matchLabels: { env: 'production' } } });
  });

  test('methods that add a child return it', () => {
    const c = Testing.chart();
    const p = new ClusterPromotion(c, 'p', { stages: [{ name: 'qa', clusterSelector: env('qa') }] });
    const h = kyverno();
    expect(p.addHelmChart(h)).toBe(h);
    const r = PolicyRef.configMap('x');
    expect(p.addPolicyRef(r)).toBe(r);
    const k = KustomizationRef.fromSource(SourceKind.BUCKET, 'b');
    expect(p.addKustomizationRef(k)).toBe(k);
    const d = ClusterProfile.fromName('cni');
    expect(p.addDependsOn(d)).toBe(d);
    expect(validateObjects(Testing.synth(c))).toEqual([]);
  });

  test('fails without a stage at synth (CRD minItems 1)', () => {
    const c = Testing.chart();
    new ClusterPromotion(c, 'empty', { helmCharts: [kyverno()] });
    expect(() => Testing.synth(c)).toThrow(/ClusterPromotion "empty": has no stage; add at least one with addStage\(\{ name, clusterSelector \}\) \(the CRD needs one\)/);
  });

  test('fails duplicate stages, empty selectors and stage names that make invalid ClusterProfile names', () => {
    const c = Testing.chart();
    const p = new ClusterPromotion(c, 'p', { stages: [{ name: 'qa', clusterSelector: env('qa') }] });
    expect(() => p.addStage({ name: 'qa', clusterSelector: env('qa') })).toThrow('ClusterPromotion "p": stage "qa" is declared twice; stage names are the list-map key of spec.stages (the API server rejects duplicates) and name the stage\'s ClusterProfile');
    expect(() => p.addStage({ name: 'prod', clusterSelector: LabelSelector.matchLabels({}) })).toThrow(/stage "prod" has an empty clusterSelector: Sveltos matches no cluster with an empty selector/);
    expect(() => p.addStage({ name: 'Prod', clusterSelector: env('prod') })).toThrow(/stage "Prod" names ClusterProfile "p-Prod", which must consist of lower-case letters/);
    expect(() => p.addStage({ name: 'x'.repeat(62), clusterSelector: env('prod') })).toThrow(/names ClusterProfile "p-x+", which must be (at most|no more than) 63 characters/);
    expect(() => p.addStage({ name: 'prod', clusterSelector: { matchLabels: { env: 'prod' } } as any })).toThrow(/stage "prod" clusterSelector must be a LabelSelector/);
    expect(() => p.addStage({ name: 'prod' } as any)).toThrow(/stage "prod" clusterSelector must be a LabelSelector/);
    expect(() => p.addStage({ name: '', clusterSelector: env('prod') })).toThrow(/stage name must be a non-empty string/);
    expect(() => new ClusterPromotion(c, 'Bad_Name')).toThrow(/ClusterPromotion "Bad_Name": name "Bad_Name" is invalid: it must consist of lower-case letters/);
  });

  test('fails triggers the controller cannot run', () => {
    expect(() => PromotionTrigger.auto({ promotionWindow: { from: '0 22 * *', to: '0 6 * * *' } })).toThrow('PromotionTrigger.auto: promotionWindow.from "0 22 * *" has 4 fields; a standard cron expression has 5 (minute hour day-of-month month day-of-week), e.g. "0 22 * * 1-5", or is a descriptor such as "@daily"; the promotion controller cannot parse it and the stage would never advance');
    expect(() => PromotionTrigger.auto({ promotionWindow: { from: '@daily', to: '' } })).toThrow(/promotionWindow.to must be a non-empty string, got string ""/);
    expect(() => PromotionTrigger.auto({ promotionWindow: { from: '@daily', to: '0 6 * * ~' } })).toThrow(/promotionWindow.to "0 6 \* \* ~" has field "~", which is not a cron field/);
    expect(() => PromotionTrigger.auto({ delay: '5m' as any })).toThrow(/PromotionTrigger.auto: delay must be a Duration \(Duration.minutes\(n\), Duration.hours\(n\)\), got string "5m"/);
    expect(() => PromotionTrigger.manual({ approved: 'yes' as any })).toThrow('PromotionTrigger.manual: approved must be true or false, got string "yes"');
    expect(() => PromotionTrigger.manual({ preHealthCheckDeployment: [{ kind: 'ConfigMap', name: 'x' } as any] })).toThrow(/preHealthCheckDeployment\[0\] must be a PolicyRef/);
    expect(() => PromotionTrigger.auto({ postDelayHealthChecks: [jobCheck, jobCheck] })).toThrow(/postDelayHealthChecks "job-completion-check" is declared twice/);
    expect(() => PromotionTrigger.auto({ postDelayHealthChecks: [{ name: 'x', featureId: HealthFeature.HELM }] })).toThrow(/validateHealths "x" has neither script nor evaluateCel/);
    // AC postDelayChecksAlreadyIncluded compares names: a same-named check would never be added
    const c = Testing.chart();
    const p = new ClusterPromotion(c, 'p', { validateHealths: [jobCheck] });
    expect(() => p.addStage({ name: 'qa', clusterSelector: env('qa'), trigger: PromotionTrigger.auto({ postDelayHealthChecks: [jobCheck] }) })).toThrow(/stage "qa" post-delay health check "job-completion-check" has the name of a validateHealths entry; the controller adds post-delay checks by name and would skip it/);
    expect(() => p.addStage({ name: 'qa', clusterSelector: env('qa'), trigger: { manual: {} } as any })).toThrow(/stage "qa" trigger must be a PromotionTrigger \(PromotionTrigger.auto\(\{...\}\), PromotionTrigger.manual\(\{...\}\)\)/);
  });

  test('fails profile fields the CRD or Sveltos rejects', () => {
    const c = Testing.chart();
    expect(() => new ClusterPromotion(c, 'a', { tier: 0 })).toThrow('ClusterPromotion "a": tier must be a whole number from 1 to 2147483647 (a Kubernetes int32), got number 0');
    expect(() => new ClusterPromotion(c, 'b', { maxUpdate: PercentOrAbsolute.count(0) })).toThrow(/maxUpdate 0 is not usable: 0 means "no limit" to Sveltos/);
    expect(() => new ClusterPromotion(c, 'c', { syncMode: 'Always' as any })).toThrow(/syncMode must be one of SyncMode\./);
    expect(() => new ClusterPromotion(c, 'd', { driftExclusions: [{ paths: ['/spec/replicas'] }] })).toThrow(/driftExclusions only apply with syncMode ContinuousWithDriftDetection, but syncMode is Continuous/);
    expect(() => new ClusterPromotion(c, 'e', { dependsOn: [Profile.fromName('team', 'x')] })).toThrow('ClusterPromotion "e": cannot depend on Profile "team/x": each stage is a ClusterProfile, and a ClusterProfile can only depend on ClusterProfiles');
    expect(() => new ClusterPromotion(c, 'f', { helmCharts: [kyverno(), kyverno()] })).toThrow(/deploys Helm release kyverno\/kyverno-latest twice/);
    expect(() => new ClusterPromotion(c, 'g', { stages: 'qa' as any })).toThrow(/stages must be a list, got string "qa"/);
    expect(() => new ClusterPromotion(c, 'h', { policyRefs: [{ kind: 'ConfigMap', name: 'x' } as any] })).toThrow(/policyRefs entry must be a PolicyRef/);
  });

  test('fails a declared ClusterProfile with the name of a stage\'s ClusterProfile (the controller would overwrite it)', () => {
    const c = Testing.chart();
    new ClusterProfile(c, 'web-prod', { clusterSelector: env('prod') });
    new ClusterPromotion(c, 'web', { stages: [{ name: 'prod', clusterSelector: env('prod') }] });
    expect(() => Testing.synth(c)).toThrow(/ClusterPromotion "web": stage "prod" creates ClusterProfile "web-prod", which .*web-prod also declares; the promotion controller server-side-applies its own spec over it/);
  });
});
