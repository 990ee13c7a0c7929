import { renderPlanJson, renderPlanMarkdown, renderPlanText } from '../../lib/plan/render';
import { PlanFormat } from '../../lib/plan/format';
import { exampleObjects, fixture, planOf, planSchemaErrors } from './support';

const NODE = (name: string, labels: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'cluster.open-cluster-management.io/v1', kind: 'ManagedCluster',
  metadata: { name, labels: { 'cluster.open-cluster-management.io/clusterset': 's', ...labels } }, spec: { hubAcceptsClient: true }, ...extra,
});
const SET = { apiVersion: 'cluster.open-cluster-management.io/v1beta2', kind: 'ManagedClusterSet', metadata: { name: 's' }, spec: {} };
const BIND = { apiVersion: 'cluster.open-cluster-management.io/v1beta2', kind: 'ManagedClusterSetBinding', metadata: { name: 's', namespace: 'apps' }, spec: { clusterSet: 's' } };
const PLACEMENT = (name: string, spec: Record<string, unknown> = {}) => ({ apiVersion: 'cluster.open-cluster-management.io/v1beta1', kind: 'Placement', metadata: { name, namespace: 'apps' }, spec });
/** A placement scored by an AddOnPlacementScore that expired before the plan's clock: a warning. */
const SCORED = PLACEMENT('scored', { prioritizerPolicy: { mode: 'Additive', configurations: [{ scoreCoordinate: { type: 'AddOn', addOn: { resourceName: 'demo', scoreName: 'cpu' } }, weight: 1 }] } });
const EXPIRED_SCORE = { apiVersion: 'cluster.open-cluster-management.io/v1alpha1', kind: 'AddOnPlacementScore', metadata: { name: 'demo', namespace: 'a' }, status: { validUntil: '2026-01-01T00:00:00Z', scores: [{ name: 'cpu', value: 50 }] } };

describe('plan format', () => {
  const example = planOf(exampleObjects());
  const hand = planOf(fixture('hand-written.yaml'));

  test('the example plan and a hand-written hub validate against schema/fleet-plan.schema.json', () => {
    expect(example.formatVersion).toBe(PlanFormat.VERSION);
    expect(planSchemaErrors(example)).toEqual([]);
    expect(planSchemaErrors(hand)).toEqual([]);
    // with an inventory, warnings and a clock
    const inventory = [NODE('a', { env: 'prod' }, { status: { conditions: [{ type: 'ManagedClusterConditionAvailable', status: 'True', lastTransitionTime: '2026-03-01T10:00:00Z' }] } }), EXPIRED_SCORE];
    const withWarnings = planOf([NODE('a', { env: 'prod' }), SET, BIND, SCORED], { inventory });
    expect(withWarnings.warnings).toHaveLength(1);
    expect(withWarnings.evaluatedAt).toBe('2026-03-01T10:00:00Z');
    expect(planSchemaErrors(withWarnings)).toEqual([]);
  });

  test('fails schema validation for a plan of the old format or with a misspelt field', () => {
    const { formatVersion, ...old } = JSON.parse(renderPlanJson(hand));
    expect(formatVersion).toBe('2.1');
    expect(planSchemaErrors({ ...old, version: 1 })).toEqual(expect.arrayContaining(["/ must have required property 'formatVersion'", '/ must NOT have additional properties']));
    const typo = JSON.parse(renderPlanJson(hand));
    typo.clusters[0].delivieries = [];
    expect(planSchemaErrors(typo)).toEqual(['/clusters/0 must NOT have additional properties']);
  });

  test('fails to read a plan of another major format version, with the version and the way out', () => {
    const json = JSON.parse(renderPlanJson(hand));
    expect(PlanFormat.read(json, 'head.json').clusters).toHaveLength(3);
    expect(PlanFormat.read({ ...json, formatVersion: '2.7' }, 'head.json').formatVersion).toBe('2.7');
    expect(() => PlanFormat.read({ version: 1, clusters: [] }, 'base.json')).toThrow('base.json: is a plan of format 1 ("version": 1), which this cdk-fleet no longer reads; it reads formatVersion 2.x: re-create it with this cdk-fleet (cdk-fleet plan <dir> --format json, or synth again)');
    expect(() => PlanFormat.read({ ...json, formatVersion: '3.0' }, 'head.json')).toThrow(/head.json: has plan formatVersion "3.0", but this cdk-fleet reads formatVersion 2.x \(it writes 2.1\)/);
    expect(() => PlanFormat.read([], 'x.json')).toThrow(/x.json: is not a fleet plan/);
    expect(() => PlanFormat.read({ formatVersion: '2.0', clusters: [] }, 'x.json')).toThrow(/"placements" is missing/);
  });
});

describe('a readable plan', () => {
  const example = planOf(exampleObjects());
  const cluster = (n: string) => example.clusters.find((c) => c.name === n)!;

  test('one rollout order per cluster: a profile lands in a later step than its dependsOn prerequisite on the same cluster', () => {
    const stepOf = (c: string, w: string) => cluster(c).deliveries.find((d) => d.workload === w)!.step;
    for (const c of example.clusters) {
      expect(stepOf(c.name, 'ClusterProfile cert-manager')).toBeGreaterThan(stepOf(c.name, 'ClusterProfile cni'));
      expect(stepOf(c.name, 'ClusterProfile kyverno')).toBeGreaterThan(stepOf(c.name, 'ClusterProfile cert-manager'));
      expect(stepOf(c.name, 'ClusterProfile kyverno-policies')).toBeGreaterThan(stepOf(c.name, 'ClusterProfile kyverno'));
    }
    // dc2-prod-1 is in the last cni batch (4): cert-manager 5, kyverno and monitoring-production 6, policies 7
    expect(cluster('dc2-prod-1').rolloutOrder).toEqual([
      { step: 1, workloads: ['ManifestWorkReplicaSet fleet-apps/quality-dashboard', 'Policy fleet-policies/audit-namespace'] },
      { step: 4, workloads: ['ClusterProfile cni'] },
      { step: 5, workloads: ['ClusterProfile cert-manager'] },
      { step: 6, workloads: ['ClusterProfile kyverno', 'ClusterProfile monitoring-production'] },
      { step: 7, workloads: ['ClusterProfile kyverno-policies'] },
    ]);
    // kyverno-policies has no maxUpdate: one wave, landing in steps 4 (first dc1 batch) to 7
    const policies = example.workloads.find((w) => w.id === 'ClusterProfile kyverno-policies')!;
    expect(policies.waves.map((w) => [w.wave, w.firstStep, w.lastStep])).toEqual([[1, 4, 7]]);
    const md = renderPlanMarkdown(example);
    expect(md).toContain('| dc2-prod-1 | 5 | 4 | 6 | 7 | — | 6 | — | 1 | 1 | — |');
    expect(md).toContain('- rollout order: step 1: ManifestWorkReplicaSet fleet-apps/quality-dashboard, Policy fleet-policies/audit-namespace → step 4: ClusterProfile cni → step 5: ClusterProfile cert-manager → step 6: ClusterProfile kyverno, ClusterProfile monitoring-production → step 7: ClusterProfile kyverno-policies');
  });

  test('the matrix has every workload kind: add-ons, ManifestWorkReplicaSets, ManifestWorks, policies and OCM add-ons', () => {
    expect(example.matrix.columns.map((c) => c.id)).toEqual([
      'ClusterProfile cert-manager', 'ClusterProfile cni', 'ClusterProfile kyverno', 'ClusterProfile kyverno-policies', 'ClusterProfile monitoring',
      'ClusterProfile monitoring-production', 'ClusterResourcePlacement vision-inspection', 'ManifestWorkReplicaSet fleet-apps/quality-dashboard', 'Policy fleet-policies/audit-namespace', 'Profile team-quality/quality-exporter',
    ]);
    const hand = planOf(fixture('hand-written.yaml'));
    expect(hand.matrix.columns).toEqual([
      { id: 'ClusterManagementAddOn metrics-agent', kind: 'ClusterManagementAddOn', workloads: ['ClusterManagementAddOn metrics-agent'] },
      { id: 'ClusterProfile cni', kind: 'ClusterProfile', workloads: ['ClusterProfile cni'] },
      { id: 'ClusterProfile ingress', kind: 'ClusterProfile', workloads: ['ClusterProfile ingress'] },
      { id: 'ManifestWork site-config', kind: 'ManifestWork', workloads: ['ManifestWork east/site-config', 'ManifestWork lab/site-config'] },
      { id: 'ManifestWorkReplicaSet apps/web', kind: 'ManifestWorkReplicaSet', workloads: ['ManifestWorkReplicaSet apps/web'] },
      { id: 'Policy apps/audit', kind: 'Policy', workloads: ['Policy apps/audit'] },
    ]);
    expect(hand.matrix.rows).toEqual([
      { cluster: 'east', steps: [1, 1, 2, 1, 1, 1] },
      { cluster: 'lab', steps: [1, 2, 3, 1, 0, 0] },
      { cluster: 'west', steps: [1, 3, 4, 0, 2, 1] },
    ]);
    const text = renderPlanText(hand);
    expect(text).toContain('  [4] ManifestWork site-config');
    expect(text).toContain('  west        1    3    4    -    2    1');
    expect(renderPlanMarkdown(hand)).toContain('- one ManifestWork per cluster (2): east, lab\n- content: 2 variants');
  });

  test('library plumbing is one line per kind, not a workload', () => {
    expect(example.plumbing.map((p) => [p.kind, p.name ?? p.namespace, p.clusters.length])).toEqual([
      ['ClusterProfile.multicluster.x-k8s.io', 'cluster-inventory', 12],
      ['ManagedServiceAccount', 'sveltos', 12],
      ['ManifestWork', 'sveltos-rbac', 12],
    ]);
    expect(example.workloads.filter((w) => w.id.includes('sveltos-rbac'))).toEqual([]);
    const md = renderPlanMarkdown(example);
    expect(md.match(/sveltos-rbac/g)).toHaveLength(1);
    expect(md).toContain('- `ManifestWork sveltos-rbac` × 12 clusters — spoke RBAC for ManagedServiceAccount sveltos (registration) (dc1-dev, dc1-edge-paint, dc1-edge-press, dc1-prod-1, dc1-prod-2, dc1-staging … (+6))');
    expect(md).toContain('- `ManagedServiceAccount sveltos` × 12 clusters');
    expect(md).not.toMatch(/^### ManifestWork /m);
    // an object marked as plumbing by annotation joins it, with its purpose
    const marked = planOf([...fixture('hand-written.yaml').map((o) => (o.kind === 'ManifestWork'
      ? { ...o, metadata: { ...o.metadata, annotations: { 'plan.cdk-fleet.io/plumbing': 'site identity for the log shipper' } } } : o))]);
    expect(marked.plumbing).toContainEqual(expect.objectContaining({ kind: 'ManifestWork', name: 'site-config', purpose: 'site identity for the log shipper', clusters: ['east', 'lab'] }));
    expect(marked.matrix.columns.map((c) => c.id)).not.toContain('ManifestWork site-config');
  });

  test('charts and content digests let a reader see what each workload delivers', () => {
    const w = example.workloads.find((x) => x.id === 'ClusterProfile cni')!;
    expect(w.charts).toEqual([{ chart: 'cilium/cilium', version: '1.16.1', release: 'kube-system/cilium' }]);
    expect(w.digest).toMatch(/^sha256:[0-9a-f]{12}$/);
    const hand = planOf(fixture('hand-written.yaml'));
    const sites = hand.workloads.filter((x) => x.kind === 'ManifestWork');
    expect(new Set(sites.map((x) => x.digest)).size).toBe(2);
  });
});

describe('the clock', () => {
  test('without an inventory no clock is needed: a declared taint counts as added when the plan is applied', () => {
    const tainted = NODE('edge', { env: 'edge' });
    (tainted.spec as any).taints = [{ key: 'flaky', effect: 'NoSelect' }];
    const p = planOf([tainted, SET, BIND, PLACEMENT('tolerant', { tolerations: [{ key: 'flaky', operator: 'Exists', tolerationSeconds: 300 }] })]);
    expect(p.placements[0].selected).toEqual(['edge']);
    expect(p.evaluatedAt).toBeUndefined();
    expect(p.assumptions).toContain('no clock needed: the plan is the moment the declared clusters are created, when the hub stamps every taint\'s timeAdded, so a toleration with tolerationSeconds still holds');
    const example = planOf(exampleObjects());
    for (const text of [renderPlanMarkdown(example), renderPlanJson(example), renderPlanText(example)]) expect(text).not.toMatch(/1970/);
  });

  test('with an inventory, the newest timestamp in it; a given time wins', () => {
    const inventory = [
      NODE('a', { env: 'prod' }, { spec: { hubAcceptsClient: true, taints: [{ key: 'cluster.open-cluster-management.io/unreachable', effect: 'NoSelect', timeAdded: '2026-03-01T09:58:00Z' }] }, status: { conditions: [{ type: 'ManagedClusterConditionAvailable', status: 'Unknown', lastTransitionTime: '2026-03-01T09:58:00Z' }] } }),
      NODE('b', { env: 'prod' }, { metadata: { name: 'b', creationTimestamp: '2026-03-01T10:00:00Z', labels: { 'cluster.open-cluster-management.io/clusterset': 's' } }, status: { conditions: [{ type: 'ManagedClusterConditionAvailable', status: 'True' }] } }),
    ];
    const objects = [NODE('a', { env: 'prod' }), NODE('b', { env: 'prod' }), SET, BIND, PLACEMENT('p', { tolerations: [{ key: 'cluster.open-cluster-management.io/unreachable', operator: 'Exists', tolerationSeconds: 300 }] })];
    const p = planOf(objects, { inventory });
    expect(p.evaluatedAt).toBe('2026-03-01T10:00:00Z');
    expect(p.assumptions).toContain('time: 2026-03-01T10:00:00Z, the newest timestamp in the inventory (ManagedCluster b creationTimestamp); tolerationSeconds and AddOnPlacementScore validity are evaluated then');
    // a's unreachable taint is 2 minutes old at that time: still tolerated for 300 s
    expect(p.placements[0].selected).toEqual(['a', 'b']);
    const later = planOf(objects, { inventory, now: '2026-03-01T10:10:00Z' });
    expect(later.evaluatedAt).toBe('2026-03-01T10:10:00Z');
    expect(later.placements[0].selected).toEqual(['b']);
    expect(later.assumptions).toContain('time: 2026-03-01T10:10:00Z (given); tolerationSeconds and AddOnPlacementScore validity are evaluated then');
  });
});

describe('production and warnings', () => {
  const objects = fixture('hand-written.yaml');

  test('what production means is set by a label key and values (default env in production, prod)', () => {
    const byDefault = planOf(objects);
    expect(byDefault.production).toEqual({ label: 'env', values: ['production', 'prod'] });
    expect(byDefault.clusters.filter((c) => c.production).map((c) => c.name)).toEqual(['east', 'west']);
    expect(byDefault.findings.map((f) => `${f.id} ${f.subject}`)).toEqual(['FLEET003 ClusterProfile ingress']);
    const gold = planOf(objects, { productionLabel: 'tier', productionValues: ['gold', 'silver', 'bronze'] });
    expect(gold.clusters.filter((c) => c.production).map((c) => c.name)).toEqual(['east', 'lab', 'west']);
    expect(gold.findings.find((f) => f.id === 'FLEET003')!.message).toBe('updates all 3 production clusters (east, lab, west) at once: no maxUpdate limits it');
    expect(planOf(objects, { productionLabel: 'tier', productionValues: ['gold'] }).findings.filter((f) => f.id === 'FLEET003')).toEqual([]);
  });

  test('fails for an empty production label or no values', () => {
    expect(() => planOf(objects, { productionLabel: ' ' })).toThrow(/productionLabel: must be a label key/);
    expect(() => planOf(objects, { productionValues: [] })).toThrow(/productionValues: must list at least one value of label env/);
  });

  test('placement warnings reach JSON, Markdown, text and the console', () => {
    const p = planOf([NODE('a', { env: 'prod' }), SET, BIND, SCORED, EXPIRED_SCORE], { now: '2026-03-01T10:00:00Z' });
    const message = 'AddOn/demo/cpu: AddOnPlacementScores a/demo expired (scored 0)';
    expect(p.warnings).toEqual([{ subject: 'Placement apps/scored', message }]);
    expect(p.placements[0].warnings).toEqual([message]);
    expect(JSON.parse(renderPlanJson(p)).warnings).toEqual([{ subject: 'Placement apps/scored', message }]);
    expect(renderPlanMarkdown(p)).toContain(`## Warnings\n\nWhat the simulators could not evaluate exactly:\n\n| subject | warning |\n| --- | --- |\n| Placement apps/scored | ${message} |`);
    expect(renderPlanText(p)).toContain(`Warnings (1):\n  Placement apps/scored: ${message}`);
    const { renderFindingsConsole } = require('../../lib/plan/render');
    expect(renderFindingsConsole(p)).toContain(`warning: Placement apps/scored: ${message}`);
  });
});
