// OCM rollouts in the plan: ManifestWorkReplicaSet waves that never start without a Progressing
// condition rule (FLEET010), and ClusterManagementAddOn config rollouts per install-strategy
// placement. Expectations come from the upstream code and tests named in each test.
import { buildFleet } from '../../examples/fleet';
import { planOf as planOfApp } from '../../lib/fleet';
import { buildFleetPlan } from '../../lib/plan/fleet-plan';
import type { FleetPlan } from '../../lib/plan/types';
import { planSchemaErrors } from './support';

const MC = (name: string, labels: Record<string, string> = {}) => ({ apiVersion: 'cluster.open-cluster-management.io/v1', kind: 'ManagedCluster', metadata: { name, labels: { 'cluster.open-cluster-management.io/clusterset': 'all', ...labels } }, spec: {} });
const SET = { apiVersion: 'cluster.open-cluster-management.io/v1beta2', kind: 'ManagedClusterSet', metadata: { name: 'all' }, spec: {} };
const BIND = { apiVersion: 'cluster.open-cluster-management.io/v1beta2', kind: 'ManagedClusterSetBinding', metadata: { name: 'all', namespace: 'apps' }, spec: { clusterSet: 'all' } };
const PL = (name: string, spec: Record<string, unknown> = {}) => ({ apiVersion: 'cluster.open-cluster-management.io/v1beta1', kind: 'Placement', metadata: { name, namespace: 'apps' }, spec });
/** c00..c09; the first `canaries` carry canary=true. */
const clusters = (canaries = 2) => Array.from({ length: 10 }, (_, i) => MC(`c${String(i).padStart(2, '0')}`, { canary: i < canaries ? 'true' : 'false' }));
const CANARY = { groupName: 'canary', groupClusterSelector: { labelSelector: { matchLabels: { canary: 'true' } } } };
const grouped = (clustersPerDecisionGroup?: number | string) => ({ decisionStrategy: { groupStrategy: { decisionGroups: [CANARY], ...(clustersPerDecisionGroup !== undefined ? { clustersPerDecisionGroup } : {}) } } });

const CONFIGMAP = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web', namespace: 'default' } };
const PROGRESSING_CEL = { condition: 'Progressing', type: 'CEL', celExpressions: ['false'] };
const MWRS = (rolloutStrategy: Record<string, unknown>, template: Record<string, unknown> = { workload: { manifests: [CONFIGMAP] } }) => ({
  apiVersion: 'work.open-cluster-management.io/v1alpha1', kind: 'ManifestWorkReplicaSet', metadata: { name: 'web', namespace: 'apps' },
  spec: { manifestWorkTemplate: template, placementRefs: [{ name: 'p', rolloutStrategy }] },
});
const WITH_RULE = (manifestConfigs: unknown[], manifests: unknown[] = [CONFIGMAP]) => ({ workload: { manifests }, manifestConfigs });

const build = (objects: unknown[]): FleetPlan => buildFleetPlan({ objects }).plan;
const waves = (p: FleetPlan, id: string) => p.workloads.find((w) => w.id === id)!.waves.map((w) => `${w.wave} ${w.label}: ${w.clusters.join(',')}${w.blocked ? ' [blocked]' : ''}`);
const fleet010 = (p: FleetPlan) => p.findings.filter((f) => f.id === 'FLEET010');
const WEB = 'ManifestWorkReplicaSet apps/web';

describe('ManifestWorkReplicaSet without a Progressing condition rule', () => {
  // ocm manifestworkreplicaset_deploy_test.go TestClusterRolloutStatusFunc "no progressing condition -
  // should return ToApply"; sdk-go rollout_test.go "test progressivePerGroup rollout with timeout 90s
  // and all workload clusterRollOutStatus are in ToApply status": the first group stays the rollout.
  test('ProgressivePerGroup: only the first (mandatory) group gets the work; the later groups never start', () => {
    const p = build([...clusters(), SET, BIND, PL('p', grouped(4)), MWRS({ type: 'ProgressivePerGroup', progressivePerGroup: { mandatoryDecisionGroups: [{ groupName: 'canary' }] } })]);
    expect(waves(p, WEB)).toEqual([
      '1 p: mandatory group canary: c00,c01',
      '2 p: group #1 (never starts): c02,c03,c04,c05 [blocked]',
      '3 p: group #2 (never starts): c06,c07,c08,c09 [blocked]',
    ]);
    const w = p.workloads.find((x) => x.id === WEB)!;
    expect(w.targets).toEqual(['c00', 'c01']);
    expect(w.waves[1].blocked).toBe('waits for Progressing=False on the ManifestWorks of wave 1 (mandatory group canary), which the work agent never reports: no manifestConfig of the work template declares a Progressing condition rule');
    // No delivery, no rollout step, nothing in the matrix for the clusters the rollout never reaches.
    const cluster = (n: string) => p.clusters.find((c) => c.name === n)!;
    expect(cluster('c00').deliveries).toEqual([{ workload: WEB, wave: 1, waveLabel: 'p: mandatory group canary', step: 1 }]);
    expect(cluster('c05').deliveries).toEqual([]);
    expect(cluster('c05').rolloutOrder).toEqual([]);
    expect(p.matrix.rows.map((r) => r.steps[0])).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(fleet010(p).map((f) => [f.level, f.subject, f.message])).toEqual([['error', WEB,
      'the rollout never reaches wave 2 (p: group #1), wave 3 (p: group #2): it waits for Progressing=False on the ManifestWorks of wave 1 (mandatory group canary), which the work agent never reports: no manifestConfig of the work template declares a Progressing condition rule. 8 clusters (c02, c03, c04, c05, c06, ...) never get the work (on an update they keep the previous template), and the hub reports no failure']]);
    expect(fleet010(p)[0].fix).toMatch(/^declare a Progressing condition rule on a resource of the work template: manifestConfigs: \[\{ resource: \{ group, resource, name, namespace \}, conditionRules: \[ocm.ConditionRule.deploymentProgressing\(\)\] \}\]/);
    expect(planSchemaErrors(p)).toEqual([]);
  });

  // sdk-go rollout_test.go "test progressive rollout with timeout 90s and workload clusterRollOutStatus
  // are in ToApply status" (ToApply clusters keep their place in the batch, and ToApply never times
  // out); ocm integration test work: manifestworkreplicaset_test.go "rollout progressive" (the works of
  // the next batch appear only after the test sets Progressing=False on the first).
  test('Progressive: the first batch of maxConcurrency only, even with a progressDeadline', () => {
    const p = build([...clusters(), SET, BIND, PL('p'), MWRS({ type: 'Progressive', progressive: { maxConcurrency: 4, progressDeadline: '10m' } })]);
    expect(waves(p, WEB)).toEqual([
      '1 p: batch 1: c00,c01,c02,c03',
      '2 p: batch 2 (never starts): c04,c05,c06,c07 [blocked]',
      '3 p: batch 3 (never starts): c08,c09 [blocked]',
    ]);
  });

  test('Progressive with mandatory groups stops at the first mandatory group', () => {
    const p = build([...clusters(), SET, BIND, PL('p', grouped()), MWRS({ type: 'Progressive', progressive: { mandatoryDecisionGroups: [{ groupName: 'canary' }] } })]);
    expect(waves(p, WEB)).toEqual(['1 p: mandatory group canary: c00,c01', '2 p: batch 1 (never starts): c02,c03,c04,c05,c06,c07,c08,c09 [blocked]']);
  });

  test('All, or a progressive rollout with a single wave, reaches every cluster: no finding', () => {
    const all = build([...clusters(), SET, BIND, PL('p'), MWRS({ type: 'All' })]);
    expect(waves(all, WEB)).toEqual(['1 p: all: c00,c01,c02,c03,c04,c05,c06,c07,c08,c09']);
    const one = build([...clusters(), SET, BIND, PL('p'), MWRS({ type: 'Progressive' })]);
    expect(waves(one, WEB)).toEqual(['1 p: batch 1: c00,c01,c02,c03,c04,c05,c06,c07,c08,c09']);
    expect([...fleet010(all), ...fleet010(one)]).toEqual([]);
  });
});

describe('which condition rules make the works report Progressing', () => {
  const progressive = { type: 'Progressive', progressive: { maxConcurrency: 5 } };
  const plan = (template: Record<string, unknown>) => build([...clusters(), SET, BIND, PL('p'), MWRS(progressive, template)]);
  const id = (name: string, extra: Record<string, unknown> = {}) => ({ resourceIdentifier: { group: '', resource: 'configmaps', name, namespace: 'default', ...extra } });

  test('a CEL Progressing rule on a manifest of the template: every wave starts', () => {
    for (const name of ['web', '*', 'w*']) {
      const p = plan(WITH_RULE([{ ...id(name), conditionRules: [PROGRESSING_CEL] }]));
      expect(waves(p, WEB)).toEqual(['1 p: batch 1: c00,c01,c02,c03,c04', '2 p: batch 2: c05,c06,c07,c08,c09']);
      expect(fleet010(p)).toEqual([]);
    }
  });

  // ocm pkg: work/spoke/conditions/rules/rule.go: WellKnownConditions define only Complete (Jobs,
  // Pods), so a WellKnownConditions Progressing rule sets nothing (reader.go skips it); a CEL rule
  // without expressions is always True (Progressing for good).
  test('a WellKnownConditions Progressing rule, or a CEL rule without expressions, does not count', () => {
    expect(fleet010(plan(WITH_RULE([{ ...id('web'), conditionRules: [{ condition: 'Progressing', type: 'WellKnownConditions' }] }])))).toHaveLength(1);
    expect(fleet010(plan(WITH_RULE([{ ...id('web'), conditionRules: [{ condition: 'Progressing', type: 'CEL', celExpressions: [] }] }])))).toHaveLength(1);
    expect(fleet010(plan(WITH_RULE([{ ...id('web'), conditionRules: [{ ...PROGRESSING_CEL, condition: 'Ready' }] }])))).toHaveLength(1);
  });

  // ocm pkg: work/helper/helpers.go resourceMatch (group and resource equal, name and namespace with
  // `*` wildcards) and FindManifestConfiguration (the first matching manifestConfig with condition
  // rules wins).
  test('a rule that matches no manifest, or one shadowed by an earlier matching manifestConfig, does not count', () => {
    expect(fleet010(plan(WITH_RULE([{ ...id('other'), conditionRules: [PROGRESSING_CEL] }])))).toHaveLength(1);
    expect(fleet010(plan(WITH_RULE([{ ...id('web', { resource: 'configmap' }), conditionRules: [PROGRESSING_CEL] }])))).toHaveLength(1);
    expect(fleet010(plan(WITH_RULE([{ ...id('web', { namespace: 'kube-system' }), conditionRules: [PROGRESSING_CEL] }])))).toHaveLength(1);
    expect(fleet010(plan(WITH_RULE([
      { ...id('*'), conditionRules: [{ condition: 'Complete', type: 'WellKnownConditions' }] },
      { ...id('web'), conditionRules: [PROGRESSING_CEL] },
    ])))).toHaveLength(1);
    // An earlier manifestConfig with only feedback rules does not shadow the condition rules.
    expect(fleet010(plan(WITH_RULE([{ ...id('*'), feedbackRules: [{ type: 'WellKnownStatus' }] }, { ...id('web'), conditionRules: [PROGRESSING_CEL] }])))).toEqual([]);
  });

  // The agent maps kinds to resources through discovery; built-in kinds follow apimachinery's guess
  // (meta/restmapper.go UnsafeGuessKindToResource), a CRD's plural is whatever the CRD says.
  test('resources of built-in kinds are matched by their plural; CRD kinds by group, name and namespace', () => {
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } };
    const policy = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'shop' } };
    const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'shop' } };
    const rule = (group: string, resource: string, name: string) => ({ resourceIdentifier: { group, resource, name, namespace: 'shop' }, conditionRules: [PROGRESSING_CEL] });
    expect(fleet010(plan(WITH_RULE([rule('apps', 'deployments', 'web')], [deployment])))).toEqual([]);
    expect(fleet010(plan(WITH_RULE([rule('networking.k8s.io', 'networkpolicies', 'deny')], [policy])))).toEqual([]);
    expect(fleet010(plan(WITH_RULE([rule('', 'deployments', 'web')], [deployment])))).toHaveLength(1);
    expect(fleet010(plan(WITH_RULE([rule('example.com', 'widgetries', 'w')], [widget])))).toEqual([]);
  });
});

describe('decision groups in OCM rollouts', () => {
  // sdk-go rollout.go: mandatory groups are fulfilled into group keys per decision group index
  // (fulfillGroupKeys) and rolled out one index at a time (progressivePerGroup, GetOrderedGroupKeys).
  test('a mandatory group split over several decision groups rolls out one decision group at a time', () => {
    const template = WITH_RULE([{ resourceIdentifier: { group: '', resource: 'configmaps', name: 'web', namespace: 'default' }, conditionRules: [PROGRESSING_CEL] }]);
    const p = build([...clusters(4), SET, BIND, PL('p', grouped(3)), MWRS({ type: 'ProgressivePerGroup', progressivePerGroup: { mandatoryDecisionGroups: [{ groupName: 'canary' }] } }, template)]);
    expect(waves(p, WEB)).toEqual([
      '1 p: mandatory group canary #0: c00,c01,c02',
      '2 p: mandatory group canary #1: c03',
      '3 p: group #2: c04,c05,c06',
      '4 p: group #3: c07,c08,c09',
    ]);
  });
});

describe('the example fleet', () => {
  test('quality-dashboard declares a Progressing rule, so every wave of its rollout starts', () => {
    const p = planOfApp(buildFleet({ outdir: 'unused', printFindings: false }).app);
    const w = p.workloads.find((x) => x.id === 'ManifestWorkReplicaSet fleet-apps/quality-dashboard')!;
    expect(w.waves.map((x) => [x.label, x.clusters, x.blocked])).toEqual([
      ['all-production: mandatory group canary', ['dc1-prod-1', 'dc2-prod-1'], undefined],
      ['all-production: group #1', ['dc1-prod-2', 'dc2-prod-2'], undefined],
    ]);
    expect(fleet010(p)).toEqual([]);
  });
});

describe('ClusterManagementAddOn config rollouts per install-strategy placement', () => {
  const ADC = { group: 'addon.open-cluster-management.io', resource: 'addondeploymentconfigs' };
  const CMA = (placements: Record<string, unknown>[], spec: Record<string, unknown> = {}) => ({
    apiVersion: 'addon.open-cluster-management.io/v1alpha1', kind: 'ClusterManagementAddOn', metadata: { name: 'agent' },
    spec: { installStrategy: { type: 'Placements', placements: placements.map((p) => ({ namespace: 'apps', ...p })) }, ...spec },
  });
  const WITH_DEFAULT = { supportedConfigs: [{ ...ADC, defaultConfig: { name: 'default', namespace: 'apps' } }] };
  const AGENT = 'ClusterManagementAddOn agent';
  const NUMBER = (n: number, extra: Record<string, unknown> = {}) => ({ numberOfClusters: n, ...extra });

  // ocm addonconfiguration/addon_configuration_reconciler_test.go "placement rollout progressive with
  // MaxConcurrency 1" and "... with MaxConcurrency 50%": of two clusters, the first is configured, the
  // second waits (Configured=False) for the next batch.
  test('Progressive: the install wave, then config batches of maxConcurrency over the placement', () => {
    for (const maxConcurrency of [1, '50%']) {
      const p = build([...clusters(), SET, BIND, PL('p', NUMBER(2)), CMA([{ name: 'p', configs: [{ ...ADC, name: 'tuned', namespace: 'apps' }], rolloutStrategy: { type: 'Progressive', progressive: { maxConcurrency } } }])]);
      expect(waves(p, AGENT)).toEqual(['1 install: c00,c01', '1 configs of apps/p: batch 1: c00', '2 configs of apps/p: batch 2: c01']);
      expect(p.workloads.find((w) => w.id === AGENT)!.rollout).toBe(`Placements (configs roll out per placement: p: Progressive (maxConcurrency ${maxConcurrency}))`);
    }
  });

  // "placement rollout progressive with default MaxConcurrency 100%" (a placement without
  // clustersPerDecisionGroup: every cluster at once); graph.go addPlacementNode: an unset
  // maxConcurrency takes the placement's clustersPerDecisionGroup.
  test('Progressive without maxConcurrency uses the placement clustersPerDecisionGroup', () => {
    const progressive = [{ name: 'p', rolloutStrategy: { type: 'Progressive' } }];
    expect(waves(build([...clusters(), SET, BIND, PL('p', NUMBER(4)), CMA(progressive, WITH_DEFAULT)]), AGENT))
      .toEqual(['1 install: c00,c01,c02,c03', '1 configs of apps/p: batch 1: c00,c01,c02,c03']);
    expect(waves(build([...clusters(), SET, BIND, PL('p', NUMBER(4, { decisionStrategy: { groupStrategy: { clustersPerDecisionGroup: 3 } } })), CMA(progressive, WITH_DEFAULT)]), AGENT))
      .toEqual(['1 install: c00,c01,c02,c03', '1 configs of apps/p: batch 1: c00,c01,c02', '2 configs of apps/p: batch 2: c03']);
  });

  // "placement rollout progressive with mandatory decision groups" and "placement rollout progressive
  // per group": group1 (cluster1, cluster2) first, cluster3 after.
  test('mandatory groups first; ProgressivePerGroup group by group', () => {
    const placement = PL('p', NUMBER(5, grouped(2)));
    const mandatory = build([...clusters(), SET, BIND, placement, CMA([{ name: 'p', rolloutStrategy: { type: 'Progressive', progressive: { mandatoryDecisionGroups: [{ groupName: 'canary' }], maxConcurrency: 2 } } }], WITH_DEFAULT)]);
    expect(waves(mandatory, AGENT)).toEqual(['1 install: c00,c01,c02,c03,c04', '1 configs of apps/p: mandatory group canary: c00,c01', '2 configs of apps/p: batch 1: c02,c03', '3 configs of apps/p: batch 2: c04']);
    const perGroup = build([...clusters(), SET, BIND, placement, CMA([{ name: 'p', rolloutStrategy: { type: 'ProgressivePerGroup' } }], WITH_DEFAULT)]);
    expect(waves(perGroup, AGENT)).toEqual(['1 install: c00,c01,c02,c03,c04', '1 configs of apps/p: group canary: c00,c01', '2 configs of apps/p: group #1: c02,c03', '3 configs of apps/p: group #2: c04']);
    // The clusters' own rollout steps: the install lands in step 1, the configs in their wave's step.
    const c04 = perGroup.clusters.find((c) => c.name === 'c04')!;
    expect(c04.deliveries).toEqual([
      { workload: AGENT, wave: 1, waveLabel: 'install', step: 1 },
      { workload: AGENT, wave: 3, waveLabel: 'configs of apps/p: group #2', step: 3 },
    ]);
    expect(c04.rolloutOrder).toEqual([{ step: 1, workloads: [AGENT] }, { step: 3, workloads: [AGENT] }]);
    const w = perGroup.workloads.find((x) => x.id === AGENT)!;
    expect(w.waves.map((x) => [x.firstStep, x.lastStep])).toEqual([[1, 1], [1, 1], [2, 2], [3, 3]]);
    expect(planSchemaErrors(perGroup)).toEqual([]);
  });

  // graph.go setRolloutStatus: an add-on whose desired configs are empty succeeds at once.
  test('without any config (default, placement or ManagedClusterAddOn) only the install wave', () => {
    const p = build([...clusters(), SET, BIND, PL('p', NUMBER(3)), CMA([{ name: 'p', rolloutStrategy: { type: 'Progressive', progressive: { maxConcurrency: 1 } } }])]);
    expect(waves(p, AGENT)).toEqual(['1 install: c00,c01,c02']);
    // A ManagedClusterAddOn listing its own configs rolls out with the placement's strategy.
    const mca = { apiVersion: 'addon.open-cluster-management.io/v1alpha1', kind: 'ManagedClusterAddOn', metadata: { name: 'agent', namespace: 'c01' }, spec: { configs: [{ ...ADC, name: 'mine', namespace: 'c01' }] } };
    const own = build([...clusters(), SET, BIND, PL('p', NUMBER(3)), mca, CMA([{ name: 'p', rolloutStrategy: { type: 'Progressive', progressive: { maxConcurrency: 1 } } }])]);
    expect(waves(own, AGENT)).toEqual(['1 install: c00,c01,c02', '1 configs of apps/p: batch 1: c01']);
    // The reserved no-default name (v1beta1 conversion of a supportedConfig without a default) is no config.
    const reserved = build([...clusters(), SET, BIND, PL('p', NUMBER(3)), CMA([{ name: 'p' }], { supportedConfigs: [{ ...ADC, defaultConfig: { name: '__reserved_no_default__' } }] })]);
    expect(waves(reserved, AGENT)).toEqual(['1 install: c00,c01,c02']);
  });

  // graph_test.go "placement overlap": cluster2 in placement1 and placement2 takes placement2's configs.
  test('a cluster in several placements is configured by the last one', () => {
    const p = build([...clusters(), SET, BIND, PL('a', NUMBER(2)), PL('b', NUMBER(3)), CMA([{ name: 'a', configs: [{ ...ADC, name: 'x', namespace: 'apps' }] }, { name: 'b', configs: [{ ...ADC, name: 'y', namespace: 'apps' }] }])]);
    expect(waves(p, AGENT)).toEqual(['1 install: c00,c01,c02', '1 configs of apps/b: all: c00,c01,c02']);
    const q = build([...clusters(), SET, BIND, PL('a', NUMBER(3)), PL('b', NUMBER(1)), CMA([{ name: 'a' }, { name: 'b' }], WITH_DEFAULT)]);
    expect(waves(q, AGENT)).toEqual(['1 install: c00,c01,c02', '1 configs of apps/a: all: c01,c02', '1 configs of apps/b: all: c00']);
  });

  // graph.go: the earlier placement's rollout still tracks every cluster it selects (its decision
  // tracker), but a cluster configured by a later placement is not its child and never reports, so
  // sdk-go rollout.go progressivePerGroup keeps returning at the group holding it.
  test('a decision group holding a cluster configured by a later placement never finishes: later groups never get their configs (FLEET010)', () => {
    const p = build([...clusters(), SET, BIND, PL('a', NUMBER(6, grouped(2))), PL('b', NUMBER(1)), CMA([{ name: 'a', rolloutStrategy: { type: 'ProgressivePerGroup' } }, { name: 'b' }], WITH_DEFAULT)]);
    expect(waves(p, AGENT)).toEqual([
      '1 install: c00,c01,c02,c03,c04,c05',
      '1 configs of apps/a: group canary: c01',
      '2 configs of apps/a: group #1 (never starts): c02,c03 [blocked]',
      '3 configs of apps/a: group #2 (never starts): c04,c05 [blocked]',
      '1 configs of apps/b: all: c00',
    ]);
    const w = p.workloads.find((x) => x.id === AGENT)!;
    expect(w.targets).toEqual(['c00', 'c01', 'c02', 'c03', 'c04', 'c05']);
    expect(w.waves[2].blocked).toBe('waits for group canary to finish, but its cluster c00 takes its configs from the later placement apps/b, so it never reports to this rollout');
    expect(p.clusters.find((c) => c.name === 'c03')!.deliveries).toEqual([{ workload: AGENT, wave: 1, waveLabel: 'install', step: 1 }]);
    expect(fleet010(p).map((f) => f.message)).toEqual([
      'the rollout never reaches wave 2 (configs of apps/a: group #1), wave 3 (configs of apps/a: group #2): it waits for group canary to finish, but its cluster c00 takes its configs from the later placement apps/b, so it never reports to this rollout. 4 clusters (c02, c03, c04, c05) never get their configs (on a config change they keep the previous ones), and the hub reports no failure',
    ]);
    expect(fleet010(p)[0].fix).toMatch(/list the placement whose rollout uses decision groups last/);
    // Listing the grouped placement last fixes it: it configures every cluster it selects.
    const fixed = build([...clusters(), SET, BIND, PL('a', NUMBER(6, grouped(2))), PL('b', NUMBER(1)), CMA([{ name: 'b' }, { name: 'a', rolloutStrategy: { type: 'ProgressivePerGroup' } }], WITH_DEFAULT)]);
    expect(waves(fixed, AGENT).filter((x) => x.includes('apps/a'))).toEqual(['1 configs of apps/a: group canary: c00,c01', '2 configs of apps/a: group #1: c02,c03', '3 configs of apps/a: group #2: c04,c05']);
    expect(fleet010(fixed)).toEqual([]);
  });

  test('Manual and lifecycle self: no config rollout by the hub', () => {
    const manual = { ...CMA([]), spec: { installStrategy: { type: 'Manual' }, ...WITH_DEFAULT } };
    const mca = (ns: string) => ({ apiVersion: 'addon.open-cluster-management.io/v1alpha1', kind: 'ManagedClusterAddOn', metadata: { name: 'agent', namespace: ns }, spec: {} });
    expect(waves(build([...clusters(), SET, BIND, manual, mca('c01'), mca('c00')]), AGENT)).toEqual(['1 manual: c00,c01']);
    const self = { ...CMA([{ name: 'p', rolloutStrategy: { type: 'Progressive', progressive: { maxConcurrency: 1 } } }], WITH_DEFAULT), metadata: { name: 'agent', annotations: { 'addon.open-cluster-management.io/lifecycle': 'self' } } };
    expect(waves(build([...clusters(), SET, BIND, PL('p', NUMBER(2)), self]), AGENT)).toEqual([]);
  });
});
