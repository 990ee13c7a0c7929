// FLEET010: a rollout that stops for good before its last wave, so some clusters never get the
// workload (or, on an update, keep the previous version), with nothing on the hub marked failed.
//
// - ManifestWorkReplicaSet (Progressive / ProgressivePerGroup): the controller reads each
//   ManifestWork's Progressing condition (ocm pkg: work/hub/controllers/manifestworkreplicasetcontroller/
//   manifestworkreplicaset_deploy_reconcile.go clusterRolloutStatusFunc, shouldReturnToApply). The
//   work agent sets Progressing only from a manifestConfigs conditionRule
//   (pkg: work/spoke/conditions/helpers.go); without one every work of the first wave stays ToApply,
//   which keeps its slot in the batch or group and never times out (sdk-go
//   pkg/apis/cluster/v1alpha1/rollout.go determineRolloutStatus), so no later wave starts.
// - ClusterManagementAddOn config rollouts: a cluster in several install-strategy placements takes
//   its configs from the last one (ocm pkg/addon/controllers/addonconfiguration/graph.go), yet it
//   still counts in the earlier placements' rollouts, where it never reports; a decision group of
//   an earlier placement holding such a cluster never finishes (rollout.go progressivePerGroup).
//
// Level error: the rollout never finishes (FindingLevel.ERROR), silently; the hub reports no
// failure, only PlacementRolledOut=False for ever.
import { Order } from '../../core/order';
import { FindingLevel, RuleDefinition } from './rule';

export const ROLLOUT_NEVER_FINISHES: RuleDefinition = {
  id: 'FLEET010',
  name: 'rollout-never-finishes',
  description: 'A rollout stops for good before its last wave: a progressive ManifestWorkReplicaSet whose work template declares no Progressing condition rule (the hub waits for Progressing=False, which the work agent never reports), or an add-on config rollout whose decision group holds a cluster configured by a later placement.',
  level: FindingLevel.ERROR,
  check({ plan, report }) {
    for (const w of plan.workloads) {
      const blocked = w.waves.filter((x) => x.blocked);
      if (blocked.length === 0) continue;
      const clusters = [...new Set(blocked.flatMap((x) => x.clusters))].filter((c) => !w.targets.includes(c)).sort(Order.strings);
      const reasons = [...new Set(blocked.map((x) => x.blocked!))];
      const named = blocked.map((x) => `wave ${x.wave} (${x.label.replace(/ \(never starts\)$/, '')})`);
      const waves = `${named.slice(0, 3).join(', ')}${named.length > 3 ? ` and ${named.length - 3} more` : ''}`;
      const unconfigured = [...new Set(blocked.flatMap((x) => x.clusters))].sort(Order.strings);
      const lost = w.kind !== 'ManifestWorkReplicaSet'
        ? `${count(unconfigured)} (${list(unconfigured)}) never get their configs (on a config change they keep the previous ones)`
        : clusters.length > 0
          ? `${count(clusters)} (${list(clusters)}) never get the work (on an update they keep the previous template)`
          : 'its clusters get the work through another placement, but this rollout never completes';
      report(w.id, `the rollout never reaches ${waves}: it ${reasons.join('; it ')}. ${cap(lost)}, and the hub reports no failure`,
        w.kind === 'ManifestWorkReplicaSet'
          ? 'declare a Progressing condition rule on a resource of the work template: manifestConfigs: [{ resource: { group, resource, name, namespace }, conditionRules: [ocm.ConditionRule.deploymentProgressing()] }] (ConditionRule.progressing({ celExpressions }) for other kinds, ConditionRule.notProgressing() for objects with nothing to roll out), or roll out with Rollout.all()'
          : 'give each cluster one install-strategy placement (make the placements disjoint), or list the placement whose rollout uses decision groups last, or roll its configs out without decision groups (Rollout.all(), or Rollout.progressive() without mandatory groups)');
    }
  },
};

function list(clusters: readonly string[]): string {
  return `${clusters.slice(0, 5).join(', ')}${clusters.length > 5 ? ', ...' : ''}`;
}

function count(clusters: readonly string[]): string {
  return `${clusters.length} cluster${clusters.length === 1 ? '' : 's'}`;
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
