import { buildFleetPlan } from '../../lib/plan/fleet-plan';
import { ChangeKind, PlanDiff } from '../../lib/plan/diff';
import { renderPlanJson } from '../../lib/plan/render';
import { exampleFleetObjects } from './example-change';
import { fixture, planOf } from './support';

describe('diff of the example fleet before and after a pull request', () => {
  // head: dc2-prod-3 added, cilium 1.16.1 → 1.16.2, fleet-policies/production narrowed to dc1
  const base = buildFleetPlan({ objects: exampleFleetObjects(false) }).plan;
  const head = buildFleetPlan({ objects: exampleFleetObjects(true) }).plan;
  const d = PlanDiff.between(base, head);
  const cluster = (n: string) => d.clusters.find((c) => c.cluster === n)!;
  const content = (n: string) => cluster(n).workloads.filter((w) => w.change !== ChangeKind.MOVED).map((w) => `${w.change} ${w.workload}${w.charts ? ` [${w.charts.join(', ')}]` : ''}: ${w.detail}${w.warning ? ` (${w.warning})` : ''}`);

  test('names exactly the three changes and their effect per cluster', () => {
    expect(d.summary).toEqual({ toAdd: 6, toChange: 12, toDestroy: 2, moved: 20, clustersAdded: 1, clustersRemoved: 0, findingsNew: 0, findingsResolved: 0, warnings: 2 });
    expect(d.summaryLine()).toBe('Plan: 6 to add, 12 to change, 2 to destroy. clusters: 1 added, 0 removed · 20 rollout moves · 2 to review');
    // the new cluster, its placements and what it gets
    expect(cluster('dc2-prod-3')).toMatchObject({ change: ChangeKind.ADDED, production: true, placementsAdded: ['cluster-inventory/inventory-addons', 'fleet-apps/all-production'], placementsRemoved: [] });
    expect(content('dc2-prod-3')).toEqual([
      'added ClusterProfile cert-manager [jetstack/cert-manager v1.15.3]: step 4 (wave 3: batch 3)',
      'added ClusterProfile cni [cilium/cilium 1.16.2]: step 3 (wave 3: batch 3)',
      'added ClusterProfile kyverno [kyverno/kyverno 3.2.6]: step 5 (wave 3: batch 3)',
      'added ClusterProfile kyverno-policies: step 6 (wave 1: all)',
      'added ClusterProfile monitoring-production [prometheus-community/kube-prometheus-stack 61.3.2]: step 5 (wave 2: batch 2)',
      'added ManifestWorkReplicaSet fleet-apps/quality-dashboard: step 3 (wave 3: all-production: group #2)',
    ]);
    // the version bump reaches every other cluster
    for (const c of base.clusters) expect(content(c.name)).toContain('changed ClusterProfile cni: cilium/cilium 1.16.1 → 1.16.2');
    // the narrowed placement: the dc2 production clusters lose the policy, flagged
    expect(cluster('dc2-prod-1').placementsRemoved).toEqual(['fleet-policies/production']);
    expect(content('dc2-prod-1')).toEqual([
      'changed ClusterProfile cni: cilium/cilium 1.16.1 → 1.16.2',
      'removed Policy fleet-policies/audit-namespace: was step 1 (wave 1: all) (leaves a production cluster)',
    ]);
    expect(content('dc1-prod-1')).toEqual(['changed ClusterProfile cni: cilium/cilium 1.16.1 → 1.16.2']);
    expect(d.placements.map((p) => [p.placement, p.baseSelected, p.headSelected, p.selectedAdded, p.selectedRemoved])).toEqual([
      ['cluster-inventory/inventory-addons', 12, 13, ['dc2-prod-3'], []],
      ['fleet-apps/all-production', 4, 5, ['dc2-prod-3'], []],
      ['fleet-policies/production', 4, 2, [], ['dc2-prod-1', 'dc2-prod-2']],
    ]);
    expect(d.workloads.find((w) => w.workload === 'ClusterProfile cni')!.details).toEqual(['cilium/cilium 1.16.1 → 1.16.2', 'targets 12 → 13 (+ dc2-prod-3)']);
    expect(d.plumbing.map((p) => `${p.what}: ${p.baseClusters} → ${p.headClusters}`)).toEqual([
      'ClusterProfile.multicluster.x-k8s.io in cluster-inventory: 12 → 13', 'ManagedServiceAccount sveltos: 12 → 13', 'ManifestWork sveltos-rbac: 12 → 13',
    ]);
    // the acknowledged FLEET003 now counts 5 production clusters: a changed finding, not new + resolved
    expect(d.findings).toEqual([expect.objectContaining({ change: ChangeKind.CHANGED, id: 'FLEET003', subject: 'ClusterProfile kyverno-policies', previousMessage: expect.stringMatching(/^updates all 4 production/), message: expect.stringMatching(/^updates all 5 production/) })]);
  });

  test('the waves and dependsOn stages that move are listed apart from content changes', () => {
    const moved = (n: string) => cluster(n).workloads.filter((w) => w.change === ChangeKind.MOVED).map((w) => `${w.workload}: ${w.detail}`);
    // one more production cluster: maxUpdate 25% batches of 4 instead of 3 shift dc1-prod-1 forward
    expect(moved('dc1-prod-1')).toEqual([
      'ClusterProfile cert-manager: step 3 → 2, wave 2 (batch 2) → 1 (batch 1)',
      'ClusterProfile kyverno: step 4 → 3, wave 2 (batch 2) → 1 (batch 1)',
      'ClusterProfile kyverno-policies: step 5 → 4',
      'ClusterProfile monitoring-production: step 4 → 3',
    ]);
  });

  test('Markdown for the pull-request comment: summary line, grouped table, details, warning marks', () => {
    const md = d.toMarkdown();
    expect(md.split('\n').slice(0, 5)).toEqual([
      '## Fleet plan diff', '', '**Plan: 6 to add, 12 to change, 2 to destroy. clusters: 1 added, 0 removed · 20 rollout moves · 2 to review**', '',
      '⚠️ 2 changes to review: marked ⚠️ below (leaving a production cluster, a chart version going down).',
    ]);
    expect(md).toContain('| **dc2-prod-3** (production) | new cluster | + cluster-inventory/inventory-addons<br>+ fleet-apps/all-production | + `ClusterProfile cert-manager` jetstack/cert-manager v1.15.3<br>+ `ClusterProfile cni` cilium/cilium 1.16.2<br>');
    expect(md).toContain('| **8 clusters**: dc1-dev, dc1-edge-paint, dc1-edge-press, dc1-staging, dc2-dev, dc2-edge-paint … (+2) | changed | — | ~ `ClusterProfile cni`: cilium/cilium 1.16.1 → 1.16.2 |');
    expect(md).toContain('| ⚠️ **2 clusters**: dc2-prod-1, dc2-prod-2 (production) | changed | ⚠️ − fleet-policies/production | ~ `ClusterProfile cni`: cilium/cilium 1.16.1 → 1.16.2<br>⚠️ − `Policy fleet-policies/audit-namespace` (leaves a production cluster) |');
    expect(md).toContain('<details>\n<summary>Placements (3)</summary>\n\n| placement | selected | now selects | no longer selects |');
    expect(md).toContain('| fleet-policies/production | 4 → 2 | — | dc2-prod-1, dc2-prod-2 |');
    expect(md).toContain('<summary>Rollout moves (20): same content, another step, wave or dependsOn stage</summary>');
    expect(md.match(/<details>/g)!.length).toBe(md.match(/<\/details>/g)!.length);
  });

  test('text and JSON carry the same changes', () => {
    const text = d.toText();
    expect(text).toContain('  + dc2-prod-3 (production, new cluster)\n      + selected by Placement cluster-inventory/inventory-addons\n      + selected by Placement fleet-apps/all-production\n      + ClusterProfile cert-manager jetstack/cert-manager v1.15.3: step 4 (wave 3: batch 3)');
    expect(text).toContain('  ! ~ dc2-prod-2 (production, changed)\n      ! − no longer selected by Placement fleet-policies/production\n      ~ ClusterProfile cni: cilium/cilium 1.16.1 → 1.16.2\n      ! − Policy fleet-policies/audit-namespace: was step 1 (wave 1: all) (leaves a production cluster)');
    const json = JSON.parse(d.toJson());
    expect(json.plans).toEqual({ base: '2.1', head: '2.1' });
    expect(json.summary.toChange).toBe(12);
    expect(json.clusters.find((c: any) => c.cluster === 'dc2-prod-3').change).toBe('added');
    expect(d.toJson()).toBe(PlanDiff.between(base, head).toJson());
  });

  test('the same plan diffs to nothing', () => {
    const same = PlanDiff.between(base, JSON.parse(renderPlanJson(base)));
    expect(same.hasChanges).toBe(false);
    expect(same.toText()).toBe('No changes. The fleet plan is the same.\n');
    expect(same.toMarkdown()).toBe('## Fleet plan diff\n\n**No changes. The fleet plan is the same.**\n');
  });
});

describe('diff details', () => {
  const objects = fixture('hand-written.yaml');
  const edit = (f: (o: any) => any) => objects.map((o) => f(JSON.parse(JSON.stringify(o))));
  const base = planOf(objects);

  test('a chart version going down and a work payload change', () => {
    const head = planOf(edit((o) => {
      if (o.kind === 'ClusterProfile' && o.metadata.name === 'ingress') o.spec.helmCharts[0].chartVersion = '4.9.0';
      if (o.kind === 'ManifestWorkReplicaSet') o.spec.manifestWorkTemplate.workload.manifests[0].data.image = 'web:1.1.0';
      return o;
    }));
    const d = PlanDiff.between(base, head);
    const east = d.clusters.find((c) => c.cluster === 'east')!;
    expect(east.workloads).toEqual([
      { workload: 'ClusterProfile ingress', kind: 'ClusterProfile', change: ChangeKind.CHANGED, detail: 'ingress-nginx/ingress-nginx 4.11.2 → 4.9.0', warning: 'a chart version goes down' },
      { workload: 'ManifestWorkReplicaSet apps/web', kind: 'ManifestWorkReplicaSet', change: ChangeKind.CHANGED, detail: 'payload changed' },
    ]);
    expect(d.toMarkdown()).toContain('⚠️ ~ `ClusterProfile ingress`: ingress-nginx/ingress-nginx 4.11.2 → 4.9.0 (a chart version goes down)');
  });

  test('a production cluster removed is flagged with everything it loses', () => {
    const head = planOf(objects.filter((o) => !(o.metadata?.name === 'west' && ['ManagedCluster', 'SveltosCluster'].includes(o.kind))));
    const d = PlanDiff.between(base, head);
    const west = d.clusters.find((c) => c.cluster === 'west')!;
    expect(west.change).toBe(ChangeKind.REMOVED);
    expect(west.workloads.every((w) => w.change === ChangeKind.REMOVED && w.warning === 'leaves a production cluster')).toBe(true);
    expect(d.summary.clustersRemoved).toBe(1);
    expect(d.toMarkdown()).toMatch(/\| ⚠️ \*\*west\*\* \(production\) \| cluster removed \|/);
  });

  test('fails for a plan of another major format version', () => {
    expect(() => PlanDiff.between({ ...base, formatVersion: '3.0' }, base)).toThrow(/the base plan: has plan formatVersion "3.0", but this cdk-fleet reads formatVersion 2.x/);
    expect(() => PlanDiff.between(base, { version: 1 } as any)).toThrow(/the head plan: is a plan of format 1/);
  });

  test('a Markdown comment over the limit drops its longest details first', () => {
    const head = planOf(edit((o) => {
      if (o.kind === 'ClusterProfile' && o.metadata.name === 'cni') o.spec.helmCharts[0].chartVersion = '1.17.0';
      return o;
    }));
    const d = PlanDiff.between(base, head);
    const full = d.toMarkdown();
    const cut = d.toMarkdown({ maxLength: full.length - 50 });
    expect(cut.length).toBeLessThanOrEqual(full.length - 50);
    expect(cut).toMatch(/— cut to fit the comment; run cdk-fleet diff --format text for all of it<\/summary>/);
    expect(cut).toContain('**Plan: 0 to add, 3 to change, 0 to destroy.**');
  });
});
