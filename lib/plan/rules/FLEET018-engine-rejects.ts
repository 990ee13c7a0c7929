// FLEET018: what Karmada or KubeFleet would reject or fail on: a policy the Karmada admission
// webhook rejects, a ClusterResourcePlacement the API server (CRD rules) or the KubeFleet webhook
// rejects or whose scheduling cycle fails, a ClusterStagedUpdateRun that fails to initialize.
// The cdk-fleet constructs reject these inputs at synth; hand-written YAML may still hold them.
import { FindingLevel, RuleDefinition } from './rule';

export const ENGINE_REJECTS: RuleDefinition = {
  id: 'FLEET018',
  name: 'engine-rejects',
  description: 'Karmada or KubeFleet would reject a policy, placement or update run (webhook, CRD validation) or fail on it.',
  level: FindingLevel.ERROR,
  check({ ctx, report }) {
    const { karmada, kubefleet, drivingRuns } = ctx.engines;
    for (const p of karmada?.policies ?? []) {
      const s = p.schedule;
      if (!s.rejected) continue;
      report(`${s.kind} ${s.namespace ? `${s.namespace}/` : ''}${s.name}`, `the Karmada admission webhook rejects it: ${s.rejected}`, 'fix the policy spec (the cdk-fleet karmada constructs reject these inputs at synth)');
    }
    for (const p of kubefleet?.placements ?? []) {
      const s = p.schedule;
      const subject = `ClusterResourcePlacement ${s.name}`;
      if (s.rejected) report(subject, `the hub rejects it (CRD validation or the KubeFleet webhook): ${s.rejected}`, 'fix the placement spec (the cdk-fleet kubefleet constructs reject these inputs at synth)');
      else if (s.error) report(subject, `the scheduling cycle fails, so nothing is scheduled: ${s.error}`, 'fix the placement\'s property selectors and sorters');
      for (const run of p.rollout.updateRuns) {
        if (!run.error) continue;
        const driving = drivingRuns.get(s.name) === run;
        report(`ClusterStagedUpdateRun ${run.name}`, `fails to initialize${driving ? '' : ' (not the run the plan follows)'}: ${run.error}`, 'fix the run\'s strategy stages (every selected cluster in exactly one stage) or give the placement strategy type External');
      }
    }
    for (const run of kubefleet?.orphanRuns ?? []) {
      report(`ClusterStagedUpdateRun ${run.name}`, `fails to initialize: ${run.error}`, 'name an existing ClusterResourcePlacement in placementName, or remove the run');
    }
  },
};
