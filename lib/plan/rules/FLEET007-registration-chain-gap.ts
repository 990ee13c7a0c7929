// FLEET007: a cluster not visible to Sveltos the way the fleet expects.
import { subjectOf } from './subjects';
import { FindingLevel, RuleDefinition } from './rule';

type Obj = Record<string, any>;

export const REGISTRATION_CHAIN_GAP: RuleDefinition = {
  id: 'FLEET007',
  name: 'registration-chain-gap',
  description: 'A cluster is not visible to Sveltos the way the fleet expects (not registered, a chain missing its gate, an over-privileged bridge).',
  level: FindingLevel.WARNING,
  check({ plan, ctx, declared, report }) {
    if (plan.workloads.some((w) => w.kind === 'ClusterProfile' || w.kind === 'Profile')) {
      const registered = new Set(ctx.clusterOfKey.values());
      for (const c of declared) {
        if (registered.has(c.name)) continue;
        report(`ManagedCluster ${c.name}`, 'is not registered with Sveltos: no SveltosCluster, inventory ClusterProfile or sveltos-ocm-addon covers it, so no profile can reach it', 'choose a registration chain for it (RegistrationChain.inventory() binds its set into the inventory namespace)');
      }
    }
    const gate = ctx.objects.some((o) => o.kind === 'ClusterManager' && (o.spec?.registrationConfiguration?.featureGates ?? []).some((g: Obj) => g.feature === 'ClusterProfile' && g.mode === 'Enable'));
    if (!gate && ctx.objects.some((o) => o.kind === 'ClusterProfile' && String(o.apiVersion).startsWith('multicluster.x-k8s.io/'))) {
      const cm = ctx.objects.find((o) => o.kind === 'ClusterManager');
      report(cm ? subjectOf(cm) : 'ClusterManager (none declared)', 'inventory ClusterProfiles are declared but no ClusterManager enables the ClusterProfile gate, so OCM never fills their status', 'enable FeatureGate.CLUSTER_PROFILE on the ClusterManager');
    }
    for (const o of ctx.objects) {
      if (o.kind !== 'SveltosOCMCluster') continue;
      report(subjectOf(o), 'sveltos-ocm-addon grants */*/* on every selected spoke to its service account, and its label sync never removes labels (a label removed from a ManagedCluster stays on the SveltosCluster)', 'prefer the SIG inventory chain; if you keep the bridge, acknowledge it with the reason');
    }
  },
};
