// FLEET017: a Karmada PropagationPolicy / ClusterPropagationPolicy or a KubeFleet
// ClusterResourcePlacement that lands nothing anywhere: it selects no member cluster, claims no
// resource template (Karmada), or its resource selectors match no resource on the hub (KubeFleet).
// Policies and placements the engine rejects are FLEET018.
import { FindingLevel, RuleDefinition } from './rule';

export const ENGINE_PLACEMENT_SELECTS_NOTHING: RuleDefinition = {
  id: 'FLEET017',
  name: 'engine-placement-selects-nothing',
  description: 'A Karmada propagation policy or KubeFleet ClusterResourcePlacement selects no member cluster, or no resource to propagate.',
  level: FindingLevel.WARNING,
  check({ ctx, report }) {
    const { karmada, kubefleet } = ctx.engines;
    for (const p of karmada?.policies ?? []) {
      const s = p.schedule;
      if (s.rejected) continue;
      const subject = `${s.kind} ${s.namespace ? `${s.namespace}/` : ''}${s.name}`;
      if (s.selected.length === 0 && !s.undetermined) {
        const first = Object.entries(s.notSelected)[0];
        const why = s.error ? `scheduling fails: ${s.error}` : karmada!.clusters.length === 0 ? 'there is no member Cluster' : `no member cluster passes its placement (first: ${first[0]}: ${first[1]})`;
        report(subject, `selects no member cluster: ${why}`, 'compare its clusterAffinity with the member Clusters\' labels and fields in the plan, add clusterTolerations for their taints, or remove the policy');
      } else if (p.resources.length === 0 && ctx.engines.karmadaTemplatesKnown) {
        report(subject, 'claims no resource template: none of its resourceSelectors matches a template it wins (a namespaced policy only sees its own namespace; a more precise or higher-priority policy takes precedence)', 'fix apiVersion, kind, name or labelSelector of its resourceSelectors, or remove the policy');
      }
    }
    for (const p of kubefleet?.placements ?? []) {
      const s = p.schedule;
      if (s.rejected || s.error) continue;
      const subject = `ClusterResourcePlacement ${s.name}`;
      if (s.selected.length === 0) {
        const first = Object.entries(s.notSelected)[0];
        const why = kubefleet!.clusters.length === 0 ? 'there is no MemberCluster'
          : s.placementType === 'PickFixed' ? `none of its clusterNames is an eligible MemberCluster${s.notFound.length ? ` (not found: ${s.notFound.join(', ')})` : ''}`
            : s.placementType === 'PickN' && s.numberOfClusters === 0 ? 'numberOfClusters is 0'
              : `no MemberCluster passes its policy (first: ${first[0]}: ${first[1]})`;
        report(subject, `selects no member cluster: ${why}`, 'compare its affinity with the MemberClusters\' labels in the plan, add tolerations for their taints, or remove the placement');
      } else if (ctx.engines.kubefleetResourcesKnown && (ctx.engines.placementResources.get(s.name) ?? 0) === 0) {
        report(subject, 'selects no resource on the hub: no object of the KubeFleet hub matches its resourceSelectors, so its clusters get nothing', 'select the Namespace of the workload (ResourceSelector.namespace(...)) or fix group, version, kind and name');
      }
    }
  },
};
