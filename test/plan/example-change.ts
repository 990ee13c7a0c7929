// The example fleet before and after a realistic pull request: a production cluster added
// (dc2-prod-3, in code), the CNI add-on's chart bumped (cilium 1.16.1 → 1.16.2) and the policy
// placement narrowed to dc1 (both edits of the synthesized objects, as a reviewer would see them).
import { buildFleet } from '../../examples/fleet';
import { ProductionCluster } from '../../examples/modules/production-cluster';

/** The hub objects of the example fleet, before (`head = false`) or after the change. */
export function exampleFleetObjects(head: boolean): any[] {
  const { app, hub } = buildFleet({ outdir: 'unused', printFindings: false });
  if (head) {
    new ProductionCluster(hub, 'dc2-prod-3', { dc: 'dc2', clusterSet: hub.clusterSets.find((s) => s.name === 'production')! });
  }
  const objects = app.charts.flatMap((c) => c.toJson());
  if (!head) return objects;
  return objects.map((o: any) => {
    if (o.kind === 'ClusterProfile' && o.apiVersion.startsWith('config.projectsveltos.io') && o.metadata.name === 'cni') {
      return { ...o, spec: { ...o.spec, helmCharts: o.spec.helmCharts.map((h: any) => ({ ...h, chartVersion: '1.16.2' })) } };
    }
    if (o.kind === 'Placement' && o.metadata.namespace === 'fleet-policies' && o.metadata.name === 'production') {
      const predicates = o.spec.predicates.map((p: any) => ({ requiredClusterSelector: { labelSelector: { matchExpressions: [...p.requiredClusterSelector.labelSelector.matchExpressions, { key: 'dc', operator: 'In', values: ['dc1'] }] } } }));
      return { ...o, spec: { ...o.spec, predicates } };
    }
    return o;
  });
}
