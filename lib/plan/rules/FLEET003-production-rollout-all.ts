// FLEET003: every production cluster of a workload updated in one wave (rollout All, Progressive
// without maxConcurrency, one decision group, a profile without maxUpdate, ...). What production
// means is the plan's: FleetPlanInput productionLabel / productionValues (default env in
// production, prod).
import { FindingLevel, RuleDefinition } from './rule';

/** The fix for workloads of the other engines. */
const FIX: Record<string, string> = {
  karmada: 'Karmada propagates to every selected cluster at once (it has no rollout strategy): place the workload with KubeFleet staged updates or an OCM progressive rollout, or acknowledge it',
  kubefleet: 'use a staged update (RolloutStrategy.external() and a ClusterStagedUpdateStrategy with a canary stage first), or a rollingUpdate maxUnavailable below 100%',
};

export const PRODUCTION_ROLLOUT_ALL: RuleDefinition = {
  id: 'FLEET003',
  name: 'production-rollout-all',
  description: 'Production clusters (the plan\'s production label, by default env=production or env=prod) are updated all at once (rollout type All).',
  level: FindingLevel.WARNING,
  check({ plan, isProduction, report }) {
    for (const w of plan.workloads) {
      // Policies apply at once by design, a ManifestWork has one cluster, and an add-on installs on
      // the union of its placements at once: none of them has a rollout to pace.
      if (w.kind === 'Policy' || w.kind === 'ManifestWork' || w.kind === 'ClusterManagementAddOn') continue;
      const prod = w.targets.filter(isProduction);
      if (prod.length < 2) continue;
      for (const wave of w.waves) {
        const inWave = wave.clusters.filter(isProduction);
        // A wave the engine paces (a KubeFleet stage's maxConcurrency, a rolling update's maxUnavailable) is not at once.
        if (inWave.length !== prod.length || (wave.maxConcurrency !== undefined && wave.maxConcurrency < inWave.length)) continue;
        const sveltos = w.kind === 'ClusterProfile' || w.kind === 'Profile' || w.kind === 'ClusterPromotion';
        const how = sveltos ? 'no maxUpdate limits it' : `rollout ${w.rollout}, wave ${wave.wave} (${wave.label})`;
        report(w.id, `updates all ${prod.length} production clusters (${prod.slice(0, 5).join(', ')}${prod.length > 5 ? ', ...' : ''}) at once: ${how}`,
          sveltos ? 'set maxUpdate (e.g. PercentOrAbsolute.percent(25)) on the profile' : FIX[w.engine ?? ''] ?? 'use Rollout.progressivePerGroup() with a canary decision group, or Rollout.progressive({ maxConcurrency })');
        break;
      }
    }
  },
};
