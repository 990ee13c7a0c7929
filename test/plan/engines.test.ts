// The fleet plan over Karmada and KubeFleet objects (lib/plan/engines.ts): hand-written YAML of a
// Karmada API server and of a KubeFleet hub, alone and next to an OCM hub.
import { PlanDiff } from '../../lib/plan/diff';
import { PlanAnnotations } from '../../lib/plan/format';
import { explain, HtmlReport, renderPlanMarkdown, renderPlanText } from '../../lib/plan/render';
import { planOf, planSchemaErrors } from './support';

const member = (name: string, labels: Record<string, string>, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name, labels }, spec: { syncMode: 'Push', ...spec },
});
const policy = (name: string, namespace: string, spec: Record<string, unknown>) => ({ apiVersion: 'policy.karmada.io/v1alpha1', kind: 'PropagationPolicy', metadata: { name, namespace }, spec });
const deployment = (name: string, namespace: string, replicas: number) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace }, spec: { replicas } });
const weighted = (weights: Record<string, number>) => ({
  replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted',
  weightPreference: { staticWeightList: Object.entries(weights).map(([n, weight]) => ({ targetCluster: { clusterNames: [n] }, weight })) },
});

const KARMADA = [
  member('eu-1', { env: 'prod' }, { region: 'eu' }),
  member('us-1', { env: 'prod' }, { region: 'us', taints: [{ key: 'maintenance', effect: 'NoSchedule' }] }),
  member('us-2', { env: 'prod' }, { region: 'us' }),
  member('lab', { env: 'dev' }),
  policy('web', 'apps', {
    resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }],
    placement: { clusterAffinity: { labelSelector: { matchLabels: { env: 'prod' } } }, replicaScheduling: weighted({ 'eu-1': 2, 'us-1': 1, 'us-2': 1 }) },
  }),
  deployment('web', 'apps', 6),
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps' } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'orphan', namespace: 'apps' } },
];

const mc = (name: string, labels: Record<string, string>, taints?: unknown[]) => ({
  apiVersion: 'cluster.kubernetes-fleet.io/v1', kind: 'MemberCluster', metadata: { name, labels },
  spec: { identity: { kind: 'ServiceAccount', name: `fleet-member-agent-${name}`, namespace: 'fleet-system' }, ...(taints ? { taints } : {}) },
});
const crp = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'placement.kubernetes-fleet.io/v1', kind: 'ClusterResourcePlacement', metadata: { name }, spec });
const PICK_PROD = { placementType: 'PickAll', affinity: { clusterAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { clusterSelectorTerms: [{ labelSelector: { matchLabels: { env: 'prod' } } }] } } } };
const KUBEFLEET = [
  mc('a', { env: 'prod', canary: 'true' }),
  mc('b', { env: 'prod' }),
  mc('c', { env: 'prod' }),
  mc('d', { env: 'dev' }),
  mc('e', { env: 'prod' }, [{ key: 'edge', effect: 'NoSchedule' }]),
  crp('web', { resourceSelectors: [{ group: '', version: 'v1', kind: 'Namespace', name: 'web' }], policy: PICK_PROD, strategy: { type: 'External' } }),
  { apiVersion: 'placement.kubernetes-fleet.io/v1', kind: 'ClusterStagedUpdateStrategy', metadata: { name: 'canary-first' }, spec: { stages: [
    { name: 'canary', labelSelector: { matchLabels: { canary: 'true' } }, afterStageTasks: [{ type: 'TimedWait', waitTime: '1h' }] },
    { name: 'rest', labelSelector: { matchExpressions: [{ key: 'canary', operator: 'NotIn', values: ['true'] }] }, maxConcurrency: 2 },
  ] } },
  { apiVersion: 'placement.kubernetes-fleet.io/v1', kind: 'ClusterStagedUpdateRun', metadata: { name: 'web-1' }, spec: { placementName: 'web', stagedRolloutStrategyName: 'canary-first', state: 'Run' } },
  crp('tools', { resourceSelectors: [{ group: '', version: 'v1', kind: 'Namespace', name: 'web' }], strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '50%' } } }),
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'web' } },
];

describe('the fleet plan of a Karmada API server (hand-written YAML)', () => {
  const p = planOf(KARMADA);
  const w = p.workloads.find((x) => x.id === 'Deployment apps/web')!;

  test('each claimed resource template is a workload: the clusters it lands on, with the replicas Karmada divides', () => {
    expect(w).toMatchObject({ kind: 'Deployment', engine: 'karmada', placements: ['PropagationPolicy apps/web'], targets: ['eu-1', 'us-2'], replicas: { 'eu-1': 4, 'us-2': 2 } });
    expect(w.rollout).toBe('all at once (Karmada propagation; replicas divided by static weight)');
    expect(w.waves).toEqual([{ wave: 1, label: 'all at once', clusters: ['eu-1', 'us-2'], firstStep: 1, lastStep: 1 }]);
    expect(p.clusters.find((c) => c.name === 'eu-1')!.deliveries).toEqual([{ workload: 'Deployment apps/web', wave: 1, waveLabel: 'all at once', step: 1, replicas: 4 }]);
  });

  test('members are clusters of the plan, and every other cluster says why not', () => {
    expect(p.clusters.map((c) => [c.name, c.engines])).toEqual([['eu-1', ['karmada']], ['lab', ['karmada']], ['us-1', ['karmada']], ['us-2', ['karmada']]]);
    const why = (c: string) => p.clusters.find((x) => x.name === c)!.notPlacedBy;
    expect(why('us-1')).toEqual([{ subject: 'Deployment apps/web', reason: 'had untolerated taint {maintenance:NoSchedule}' }]);
    expect(why('lab')![0].reason).toMatch(/clusterAffinity\.labelSelector: label env=dev does not match env=prod/);
    expect(p.clusters.find((c) => c.name === 'us-1')!.taints).toEqual(['maintenance:NoSchedule']);
  });

  test('FLEET019: a template no policy claims (Namespaces are exempt: Karmada syncs them to every member)', () => {
    expect(p.findings.map((f) => [f.id, f.subject])).toEqual([['FLEET003', 'Deployment apps/web'], ['FLEET019', 'ConfigMap apps/orphan']]);
    expect(p.findings[0].fix).toMatch(/^Karmada propagates to every selected cluster at once/);
  });

  test('FLEET019: a Namespace kept from automatic propagation needs a policy too', () => {
    const skipped = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'quiet', labels: { 'namespace.karmada.io/skip-auto-propagation': 'true' } } };
    expect(planOf([...KARMADA, skipped]).findings.filter((f) => f.id === 'FLEET019').map((f) => f.subject)).toEqual(['ConfigMap apps/orphan', 'Namespace quiet']);
  });

  test('FLEET017 and FLEET018: a policy that selects no cluster, one the webhook rejects', () => {
    const q = planOf([
      ...KARMADA,
      policy('nowhere', 'apps', { resourceSelectors: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'orphan' }], placement: { clusterAffinity: { clusterNames: ['gone'] } } }),
      policy('bad', 'apps', { resourceSelectors: [{ apiVersion: 'v1', kind: 'Secret', namespace: 'other' }] }),
    ]);
    const finding = (id: string) => q.findings.filter((f) => f.id === id).map((f) => `${f.subject}: ${f.message}`);
    expect(finding('FLEET017')).toEqual(['PropagationPolicy apps/nowhere: selects no member cluster: scheduling fails: 0/4 clusters are available: no cluster passes the filters']);
    expect(finding('FLEET018')).toEqual(['PropagationPolicy apps/bad: the Karmada admission webhook rejects it: spec.resourceSelectors[0].namespace: Invalid value: "other": namespace of resource selector must be the same as the namespace of the policy']);
    expect(q.findings.find((f) => f.id === 'FLEET018')!.level).toBe('error');
    expect(q.clusters.find((c) => c.name === 'eu-1')!.notPlacedBy).toContainEqual({ subject: 'ConfigMap apps/orphan', reason: 'not in clusterAffinity.clusterNames' });
  });

  test('the members come from the inventory (a real control plane wins), annotations or code', () => {
    const inventory = [member('lab', { env: 'prod' })];
    const real = planOf(KARMADA, { inventory }).clusters.find((c) => c.name === 'lab')!;
    expect(real.labels).toEqual({ env: 'prod' });
    expect(real.notPlacedBy).toEqual([{ subject: 'Deployment apps/web', reason: 'matches no staticWeightList entry, so its weight is 0 and it gets no replicas' }]);
    const [eu, , , , ...rest] = KARMADA;
    const annotated = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'members', namespace: 'apps', annotations: { [PlanAnnotations.KARMADA_MEMBERS]: JSON.stringify([eu]) } } };
    expect(planOf([...rest, annotated]).clusters.map((c) => c.name)).toEqual(['eu-1']);
    expect(planOf(rest, { karmadaClusters: [eu] }).workloads.find((x) => x.id === 'Deployment apps/web')!.replicas).toEqual({ 'eu-1': 6 });
    const broken = { ...annotated, metadata: { ...annotated.metadata, annotations: { [PlanAnnotations.KARMADA_MEMBERS]: '{"not": "a list"}' } } };
    expect(planOf([...rest, broken]).warnings).toContainEqual({ subject: 'ConfigMap apps/members', message: `annotation ${PlanAnnotations.KARMADA_MEMBERS} is not a JSON list of cluster.karmada.io Cluster objects, so the plan ignores it` });
  });

  test('the plan validates against the schema; the renderers show replicas and reasons', () => {
    expect(planSchemaErrors(p)).toEqual([]);
    const md = renderPlanMarkdown(p);
    expect(md).toContain('- rollout: all at once (Karmada propagation; replicas divided by static weight) · engine: Karmada · placements: PropagationPolicy apps/web');
    expect(md).toContain('- targets (2): eu-1 ×4, us-2 ×2');
    expect(md).toContain('- member of: Karmada');
    expect(md).toContain('- not placed by (Karmada, KubeFleet):\n  - Deployment apps/web: had untolerated taint {maintenance:NoSchedule}');
    expect(renderPlanText(p)).toContain('    wave 1 all at once (step 1): eu-1 ×4, us-2 ×2');
    expect(explain(p, 'eu-1')).toEqual(['eu-1 receives Deployment apps/web in step 1 (wave 1: all at once) with 4 replicas']);
    expect(explain(p, 'us-1')).toEqual(['us-1 does NOT receive Deployment apps/web: had untolerated taint {maintenance:NoSchedule}']);
    expect(HtmlReport.render(p)).toContain('"notp":[[');
  });

  test('PlanDiff: a cluster whose replica count changes gets new content', () => {
    const head = planOf(KARMADA.map((o) => (o.kind === 'Deployment' ? deployment('web', 'apps', 9) : o)));
    const d = PlanDiff.between(p, head);
    expect(d.clusters.map((c) => [c.cluster, c.workloads.map((x) => `${x.change} ${x.detail}`)])).toEqual([
      ['eu-1', ['changed content changed; replicas 4 → 6']],
      ['us-2', ['changed content changed; replicas 2 → 3']],
    ]);
    expect(d.workloads[0].details).toEqual(['content changed', 'replicas eu-1 4 → 6, us-2 2 → 3']);
  });
});

describe('the fleet plan of a KubeFleet hub (hand-written YAML)', () => {
  const p = planOf(KUBEFLEET);
  const w = (id: string) => p.workloads.find((x) => x.id === id)!;

  test('a staged update run: one wave per stage, in stage order, with its concurrency and tasks', () => {
    expect(w('ClusterResourcePlacement web')).toMatchObject({ engine: 'kubefleet', targets: ['a', 'b', 'c'], rollout: 'External: ClusterStagedUpdateRun web-1 (strategy canary-first, 2 stages)' });
    expect(w('ClusterResourcePlacement web').waves).toEqual([
      { wave: 1, label: 'stage canary (1 at a time, then TimedWait 1h)', clusters: ['a'], firstStep: 1, lastStep: 1, maxConcurrency: 1 },
      { wave: 2, label: 'stage rest (2 at a time)', clusters: ['b', 'c'], firstStep: 2, lastStep: 2, maxConcurrency: 2 },
    ]);
  });

  test('a rolling update is one wave, paced by maxUnavailable (so FLEET003 does not call it all at once)', () => {
    expect(w('ClusterResourcePlacement tools').waves).toEqual([{ wave: 1, label: 'rolling update (maxUnavailable 50%)', clusters: ['a', 'b', 'c', 'd'], firstStep: 1, lastStep: 1, maxConcurrency: 2 }]);
    expect(p.findings).toEqual([]);
  });

  test('why not: the policy, the taint, the cluster outside the engine', () => {
    const why = (c: string) => p.clusters.find((x) => x.name === c)!.notPlacedBy;
    expect(why('e')).toEqual([
      { subject: 'ClusterResourcePlacement tools', reason: 'taint {Key:edge Value: Effect:NoSchedule} cannot be tolerated' },
      { subject: 'ClusterResourcePlacement web', reason: 'taint {Key:edge Value: Effect:NoSchedule} cannot be tolerated' },
    ]);
    expect(why('d')).toEqual([{ subject: 'ClusterResourcePlacement web', reason: expect.stringContaining('env') }]);
    expect(planSchemaErrors(p)).toEqual([]);
  });

  test('FLEET018: an update run that fails to initialize places nothing, and every selected cluster says so', () => {
    const q = planOf([...KUBEFLEET.filter((o) => o.kind !== 'ClusterStagedUpdateStrategy'), { apiVersion: 'placement.kubernetes-fleet.io/v1', kind: 'ClusterStagedUpdateStrategy', metadata: { name: 'canary-first' }, spec: { stages: [{ name: 'canary', labelSelector: { matchLabels: { canary: 'true' } } }] } }]);
    expect(q.findings.map((f) => `${f.id} ${f.subject}: ${f.message}`)).toEqual(['FLEET018 ClusterStagedUpdateRun web-1: fails to initialize: some clusters are not placed in any stage, total 2, showing up to 10: b, c']);
    expect(q.workloads.find((x) => x.id === 'ClusterResourcePlacement web')!.waves).toEqual([]);
    expect(q.clusters.find((c) => c.name === 'b')!.notPlacedBy).toContainEqual({ subject: 'ClusterResourcePlacement web', reason: expect.stringMatching(/^selected, but ClusterStagedUpdateRun web-1 fails to initialize/) });
  });

  test('FLEET017: a placement that selects no member cluster', () => {
    const q = planOf([...KUBEFLEET, crp('gpu', { resourceSelectors: [{ group: '', version: 'v1', kind: 'Namespace', name: 'web' }], policy: { placementType: 'PickFixed', clusterNames: ['gpu-1'] } })]);
    expect(q.findings.map((f) => `${f.id} ${f.subject}: ${f.message}`)).toEqual(['FLEET017 ClusterResourcePlacement gpu: selects no member cluster: none of its clusterNames is an eligible MemberCluster (not found: gpu-1)']);
  });
});

describe('one fleet, several control planes', () => {
  const hub = [
    { apiVersion: 'cluster.open-cluster-management.io/v1', kind: 'ManagedCluster', metadata: { name: 'a', labels: { env: 'prod' } }, spec: { hubAcceptsClient: true } },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps' } },
  ];
  const mark = (plane: string, objects: any[]) => objects.map((o) => ({ ...o, metadata: { ...o.metadata, annotations: { [PlanAnnotations.CONTROL_PLANE]: plane } } }));

  test('ManagedClusters and engine members of the same name are one cluster of the plan', () => {
    const p = planOf([...hub, ...KUBEFLEET]);
    expect(p.clusters.map((c) => `${c.name}:${(c.engines ?? []).join('+')}`)).toEqual(['a:kubefleet', 'b:kubefleet', 'c:kubefleet', 'd:kubefleet', 'e:kubefleet']);
    // the ManagedCluster's labels win (the hub adds the default set's); a cluster known only to KubeFleet carries its MemberCluster's
    expect(p.clusters.find((c) => c.name === 'a')!.labels).toEqual({ env: 'prod', 'cluster.open-cluster-management.io/clusterset': 'default' });
    expect(p.clusters.find((c) => c.name === 'b')!.labels).toEqual({ env: 'prod' });
  });

  test('marked objects say which are Karmada templates: the hub\'s Namespace and the KubeFleet hub\'s resources are not', () => {
    const objects = [...hub, ...mark('karmada', KARMADA), ...mark('kubefleet', KUBEFLEET)];
    const p = planOf(objects);
    expect(p.findings.filter((f) => f.id === 'FLEET019').map((f) => f.subject)).toEqual(['ConfigMap apps/orphan']);
    expect(p.workloads.map((x) => `${x.id} (${x.engine})`)).toEqual([
      'ClusterResourcePlacement tools (kubefleet)', 'ClusterResourcePlacement web (kubefleet)', 'Deployment apps/web (karmada)',
    ]);
    expect(p.clusters.find((c) => c.name === 'a')!.notPlacedBy).toContainEqual({ subject: 'Deployment apps/web', reason: 'is not a Karmada member cluster (no Cluster of that name)' });
    // FLEET017 with known hub resources: a placement whose selectors match nothing on the KubeFleet hub
    const q = planOf([...objects, ...mark('kubefleet', [crp('ghost', { resourceSelectors: [{ group: '', version: 'v1', kind: 'Namespace', name: 'ghost' }] })])]);
    expect(q.findings.filter((f) => f.id === 'FLEET017').map((f) => `${f.subject}: ${f.message}`)).toEqual(['ClusterResourcePlacement ghost: selects no resource on the hub: no object of the KubeFleet hub matches its resourceSelectors, so its clusters get nothing']);
  });
});
