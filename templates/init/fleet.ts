import { Construct } from 'constructs';
import { Duration, FleetApp, Hub, LabelSelector, PercentOrAbsolute, ocm, sveltos } from 'cdk-fleet';
import { StandardCluster } from './modules/standard-cluster';

/** The fleet: one hub, its clusters, where workloads go and how they roll out. */
export function buildFleet(scope: Construct): Hub {
  const hub = new Hub(scope, 'hub', {
    featureGates: [ocm.FeatureGate.MANIFEST_WORK_REPLICA_SET],
  });

  // Clusters: one set per environment, each cluster declared through the team's module.
  const production = hub.addClusterSet('production');
  const staging = hub.addClusterSet('staging');
  new StandardCluster(hub, 'prod-eu-1', { env: 'production', region: 'eu', clusterSet: production, canary: true });
  new StandardCluster(hub, 'prod-eu-2', { env: 'production', region: 'eu', clusterSet: production });
  new StandardCluster(hub, 'prod-us-1', { env: 'production', region: 'us', clusterSet: production });
  new StandardCluster(hub, 'staging-eu-1', { env: 'staging', region: 'eu', clusterSet: staging });

  // Workloads: the production set is bound into the apps namespace; the canary goes first.
  hub.bind(production, 'apps');
  const allProduction = hub.addPlacement('all-production', {
    namespace: 'apps',
    clusterSets: [production],
    decisionStrategy: { groups: [{ name: 'canary', labelSelector: LabelSelector.matchLabels({ canary: 'true' }) }] },
  });
  hub.addManifestWorkReplicaSet('hello', {
    namespace: 'apps',
    placements: [{
      placement: allProduction,
      rollout: ocm.Rollout.progressivePerGroup({ mandatoryDecisionGroups: [{ groupName: 'canary' }], progressDeadline: Duration.minutes(10) }),
    }],
    objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'hello', namespace: 'default' }, data: { greeting: 'hello from the hub' } }],
    // The next group starts when the works report Progressing=False (a Deployment would use ConditionRule.deploymentProgressing()).
    manifestConfigs: [{ resource: { resource: 'configmaps', name: 'hello', namespace: 'default' }, conditionRules: [ocm.ConditionRule.notProgressing()] }],
  });

  // Add-ons, delivered by Sveltos to every cluster (registered through the SIG cluster inventory).
  hub.addSveltosAddon('cert-manager', {
    clusterSelector: LabelSelector.in('env', 'production', 'staging'),
    maxUpdate: PercentOrAbsolute.percent(50),
    helmCharts: [sveltos.HelmChart.fromRepository({
      repositoryUrl: 'https://charts.jetstack.io',
      repositoryName: 'jetstack',
      chartName: 'jetstack/cert-manager',
      version: 'v1.15.3',
      releaseName: 'cert-manager',
      releaseNamespace: 'cert-manager',
      values: { crds: { enabled: true } },
    })],
  });
  return hub;
}

/** The cdk8s app: `cdk8s synth` writes dist/hub.k8s.yaml and the fleet plan (dist/fleet-plan.md). */
export function buildApp(): FleetApp {
  const app = new FleetApp();
  buildFleet(app);
  return app;
}
