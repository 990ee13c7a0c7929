import { Testing } from 'cdk8s';
import { buildFleet, EDGE_TAINT, FLEET_SECTIONS, FleetSection, NAMESPACES } from '../examples/fleet';
import { planOf } from '../lib/fleet';
import { validateObjects } from './support/crd-schema';

describe('example fleet', () => {
  const { hub } = buildFleet({ outdir: 'unused' });
  const objects = Testing.synth(hub);
  const of = (kind: string) => objects.filter((o) => o.kind === kind);

  test('every emitted object validates against its upstream CRD', () => {
    expect(validateObjects(objects)).toEqual([]);
    expect(objects.some((o) => 'status' in o)).toBe(false);
  });

  test('twelve clusters in two data centres, each in its environment set', () => {
    const clusters = of('ManagedCluster');
    expect(clusters).toHaveLength(12);
    const byDc = (dc: string) => clusters.filter((c) => c.metadata.labels.dc === dc).map((c) => c.metadata.name);
    expect(byDc('dc1')).toEqual(['dc1-dev', 'dc1-edge-paint', 'dc1-edge-press', 'dc1-prod-1', 'dc1-prod-2', 'dc1-staging']);
    expect(byDc('dc2')).toHaveLength(6);
    for (const c of clusters) {
      const env = c.metadata.labels.env;
      expect(c.metadata.labels['cluster.open-cluster-management.io/clusterset']).toBe(env === 'edge' ? 'edge' : env);
    }
    const edge = clusters.filter((c) => c.metadata.labels.env === 'edge');
    expect(edge).toHaveLength(4);
    for (const c of edge) expect(c.spec.taints).toEqual([{ key: EDGE_TAINT, value: 'true', effect: 'NoSelect' }]);
  });

  test('placements are bound, edge-only tolerates the edge taint, production rolls out canaries first', () => {
    const bindings = of('ManagedClusterSetBinding').map((b) => `${b.metadata.namespace}/${b.metadata.name}`);
    expect(bindings).toEqual(['cluster-inventory/global', 'edge-ops/edge', 'fleet-apps/dev', 'fleet-apps/production', 'fleet-apps/staging', 'fleet-policies/production', 'team-quality/staging']);
    const edgeOnly = of('Placement').find((p) => p.metadata.name === 'edge-only')!;
    expect(edgeOnly.metadata.namespace).toBe(NAMESPACES.edge);
    expect(edgeOnly.spec.tolerations[0]).toEqual({ key: EDGE_TAINT, operator: 'Exists' });
    const mwrs = of('ManifestWorkReplicaSet')[0];
    expect(mwrs.spec.placementRefs[0]).toEqual({
      name: 'all-production',
      rolloutStrategy: {
        type: 'ProgressivePerGroup',
        progressivePerGroup: { mandatoryDecisionGroups: [{ groupName: 'canary' }], maxFailures: 0, minSuccessTime: '5m', progressDeadline: '10m' },
      },
    });
    const cm = of('ClusterManager')[0];
    expect(cm.spec.workConfiguration.featureGates).toEqual([{ feature: 'ManifestWorkReplicaSet', mode: 'Enable' }]);
  });

  test('add-ons: which declared clusters each profile reaches through the SIG inventory chain', () => {
    const p = planOf(buildFleet({ outdir: 'unused' }).app);
    const targets = (id: string) => p.workloads.find((w) => w.id === id)!.targets;
    const all = p.clusters.map((c) => c.name);
    expect(targets('ClusterProfile cni')).toEqual(all);
    expect(targets('ClusterProfile cert-manager')).toEqual(all);
    expect(targets('ClusterProfile kyverno')).toEqual(all);
    expect(targets('ClusterProfile kyverno-policies')).toEqual(all);
    expect(targets('ClusterProfile monitoring-production')).toEqual(['dc1-prod-1', 'dc1-prod-2', 'dc2-prod-1', 'dc2-prod-2']);
    expect(targets('ClusterProfile monitoring')).toEqual(all.filter((c) => !c.includes('prod')));
    expect(targets('Profile team-quality/quality-exporter')).toEqual(['dc1-staging', 'dc2-staging']);
    // dependsOn order on every cluster: CNI, then cert-manager, then monitoring and the policy engine, then its policies
    expect(p.clusters.find((c) => c.name === 'dc1-edge-press')!.dependsOnOrder).toEqual([
      ['ClusterProfile cni'], ['ClusterProfile cert-manager'], ['ClusterProfile kyverno', 'ClusterProfile monitoring'], ['ClusterProfile kyverno-policies'],
    ]);
    // maxUpdate 50% on production monitoring: two waves of two
    expect(p.workloads.find((w) => w.id === 'ClusterProfile monitoring-production')!.waves.map((w) => w.clusters.length)).toEqual([2, 2]);
    expect(p.findings.filter((f) => !f.acknowledged)).toEqual([]);
  });

  test('every cluster has a labelled inventory ClusterProfile; production monitoring detects drift', () => {
    const profiles = of('ClusterProfile').filter((o) => o.apiVersion === 'multicluster.x-k8s.io/v1alpha1');
    expect(profiles).toHaveLength(12);
    for (const cp of profiles) {
      expect(cp.metadata.namespace).toBe(NAMESPACES.inventory);
      expect(cp.metadata.labels['x-k8s.io/cluster-manager']).toBe(cp.spec.clusterManager.name);
      expect(cp.metadata.labels.env).toBeDefined();
    }
    const mon = of('ClusterProfile').find((o) => o.apiVersion === 'config.projectsveltos.io/v1beta1' && o.metadata.name === 'monitoring-production');
    expect(mon.spec.syncMode).toBe('ContinuousWithDriftDetection');
    expect(mon.spec.maxUpdate).toBe('50%');
    expect(mon.spec.helmCharts[0]).toMatchObject({ chartName: 'prometheus-community/kube-prometheus-stack', chartVersion: '61.3.2' });
  });

  test('the factory app: KubeFleet places it on the edge clusters, press sites first; every other cluster says why not', () => {
    const { app } = buildFleet({ outdir: 'unused' });
    const kubefleet = app.charts.find((c) => c.node.id === 'kubefleet')!.toJson();
    expect(validateObjects(kubefleet)).toEqual([]);
    expect(kubefleet.filter((o) => o.kind === 'MemberCluster')).toHaveLength(12);
    const p = planOf(app);
    const w = p.workloads.find((x) => x.id === 'ClusterResourcePlacement vision-inspection')!;
    expect(w.waves.map((x) => [x.label, x.clusters])).toEqual([
      ['stage canary (2 at a time)', ['dc1-edge-press', 'dc2-edge-press']],
      ['stage rest (2 at a time)', ['dc1-edge-paint', 'dc2-edge-paint']],
    ]);
    expect(p.clusters.find((c) => c.name === 'dc1-prod-1')!.notPlacedBy).toEqual([
      { subject: 'ClusterResourcePlacement vision-inspection', reason: 'does not match the required cluster affinity term: label env=production does not match env=edge' },
    ]);
  });

  test('declared in any order, the example synthesizes to the same YAML and plan', () => {
    const render = (order?: readonly FleetSection[]) => {
      const { app } = buildFleet({ outdir: 'unused', printFindings: false }, order);
      return { yaml: app.synthYaml(), plan: JSON.stringify(planOf(app)) };
    };
    const reference = render(FLEET_SECTIONS);
    for (const order of [
      ['addons', 'placements', 'workloads', 'bindings', 'clusters', 'factory'],
      ['placements', 'addons', 'factory', 'clusters', 'workloads', 'bindings'],
      ['factory', 'bindings', 'addons', 'placements', 'clusters', 'workloads'],
      ['placements', 'workloads', 'clusters', 'addons', 'bindings', 'factory'],
    ] as FleetSection[][]) {
      const other = render(order);
      expect({ order, yaml: other.yaml }).toEqual({ order, yaml: reference.yaml });
      expect({ order, plan: other.plan }).toEqual({ order, plan: reference.plan });
    }
  });

  test('synthesizes byte-identically twice', () => {
    const a = buildFleet({ outdir: 'unused' }).app.synthYaml();
    const b = buildFleet({ outdir: 'unused' }).app.synthYaml();
    expect(a).toEqual(b);
  });
});
