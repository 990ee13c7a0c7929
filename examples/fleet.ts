import { FleetApp, FleetAppProps, Hub, LabelSelector, PercentOrAbsolute, Duration, ocm } from '../lib';
import { ProductionCluster } from './modules/production-cluster';

/** The taint every edge factory cluster carries: they only connect outbound, over unreliable links. */
export const EDGE_TAINT = 'edge.acme-manufacturing.example/outbound-only';

/** Namespaces on the hub. */
export const NAMESPACES = { apps: 'fleet-apps', edge: 'edge-ops', policies: 'fleet-policies' } as const;

/** The example fleet: what {@link buildFleet} returns. */
export interface ExampleFleet {
  /** The cdk8s app. */
  readonly app: FleetApp;
  /** The hub. */
  readonly hub: Hub;
}

/**
 * ACME Manufacturing's fleet: twelve clusters in two data centres — per DC one dev, one staging
 * and two prod clusters, plus two edge factory clusters that only connect outbound — one cluster set per
 * environment, bindings, placements for "all production", "one canary per DC" and "edge only",
 * tolerations for the edge clusters' taint, a progressive ManifestWorkReplicaSet and a policy.
 */
export function buildFleet(props: FleetAppProps = {}): ExampleFleet {
  const app = new FleetApp({ outdir: 'dist', ...props });
  const hub = new Hub(app, 'hub', {
    featureGates: [ocm.FeatureGate.MANIFEST_WORK_REPLICA_SET, ocm.FeatureGate.CLUSTER_PROFILE],
  });

  const sets = {
    dev: hub.addClusterSet('dev'),
    staging: hub.addClusterSet('staging'),
    production: hub.addClusterSet('production'),
    edge: hub.addClusterSet('edge'),
  };

  for (const dc of ['dc1', 'dc2']) {
    hub.addCluster(`${dc}-dev`, { labels: { env: 'dev', dc }, clusterSet: sets.dev });
    hub.addCluster(`${dc}-staging`, { labels: { env: 'staging', dc }, clusterSet: sets.staging });
    new ProductionCluster(hub, `${dc}-prod-1`, { dc, clusterSet: sets.production, canary: true });
    new ProductionCluster(hub, `${dc}-prod-2`, { dc, clusterSet: sets.production });
    for (const site of ['press', 'paint']) {
      hub.addCluster(`${dc}-edge-${site}`, {
        labels: { env: 'edge', dc, site },
        claims: { 'region.open-cluster-management.io': dc === 'dc1' ? 'eu-central' : 'eu-west' },
        taints: [{ key: EDGE_TAINT, value: 'true', effect: ocm.TaintEffect.NO_SELECT }],
        leaseDurationSeconds: 300,
        clusterSet: sets.edge,
      });
    }
  }

  hub.bind(sets.production, NAMESPACES.apps, NAMESPACES.policies);
  hub.bind(sets.staging, NAMESPACES.apps);
  hub.bind(sets.dev, NAMESPACES.apps);
  hub.bind(sets.edge, NAMESPACES.edge);

  // Every production cluster, canaries first.
  const allProduction = hub.addPlacement('all-production', {
    namespace: NAMESPACES.apps,
    clusterSets: [sets.production],
    selector: LabelSelector.in('env', 'production'),
    decisionStrategy: {
      groups: [{ name: 'canary', labelSelector: LabelSelector.matchLabels({ canary: 'true' }) }],
      clustersPerDecisionGroup: PercentOrAbsolute.count(2),
    },
  });

  // One canary per data centre: the canary-labelled production cluster of each DC, one group per DC.
  hub.addPlacement('canary-per-dc', {
    namespace: NAMESPACES.apps,
    clusterSets: [sets.production],
    selector: LabelSelector.matchLabels({ env: 'production', canary: 'true' }),
    decisionStrategy: {
      groups: [
        { name: 'dc1', labelSelector: LabelSelector.matchLabels({ dc: 'dc1' }) },
        { name: 'dc2', labelSelector: LabelSelector.matchLabels({ dc: 'dc2' }) },
      ],
    },
  });

  // Edge factories only; they carry the outbound-only taint, and may still be joining.
  hub.addPlacement('edge-only', {
    namespace: NAMESPACES.edge,
    clusterSets: [sets.edge],
    tolerations: [
      { key: EDGE_TAINT, operator: ocm.TolerationOperator.EXISTS },
      { key: ocm.ClusterTaints.UNREACHABLE, operator: ocm.TolerationOperator.EXISTS, tolerationSeconds: 600 },
    ],
    decisionStrategy: { clustersPerDecisionGroup: PercentOrAbsolute.percent(50) },
  });

  // The line-of-business app, rolled out canaries first, then one DC group of two at a time.
  hub.addManifestWorkReplicaSet('quality-dashboard', {
    namespace: NAMESPACES.apps,
    placements: [{
      placement: allProduction,
      rollout: ocm.Rollout.progressivePerGroup({
        mandatoryDecisionGroups: [{ groupName: 'canary' }],
        progressDeadline: Duration.minutes(10),
        minSuccessTime: Duration.minutes(5),
        maxFailures: PercentOrAbsolute.count(0),
      }),
    }],
    objects: [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'quality' } },
      {
        apiVersion: 'apps/v1', kind: 'Deployment',
        metadata: { name: 'quality-dashboard', namespace: 'quality' },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'quality-dashboard' } },
          template: {
            metadata: { labels: { app: 'quality-dashboard' } },
            spec: { containers: [{ name: 'web', image: 'registry.acme-manufacturing.example/quality-dashboard:2.4.1' }] },
          },
        },
      },
    ],
    manifestConfigs: [{
      resource: { group: 'apps', resource: 'deployments', name: 'quality-dashboard', namespace: 'quality' },
      feedbackRules: [ocm.FeedbackRule.wellKnownStatus()],
    }],
  });

  // Production clusters must keep the audit namespace.
  const prodPolicies = hub.addPlacement('production', {
    namespace: NAMESPACES.policies,
    selector: LabelSelector.in('env', 'production'),
  });
  hub.addPolicy('audit-namespace', {
    namespace: NAMESPACES.policies,
    remediationAction: ocm.RemediationAction.ENFORCE,
    templates: [new ocm.ConfigurationPolicy({
      name: 'audit-namespace',
      severity: ocm.Severity.HIGH,
      mustHave: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'audit' } }],
    })],
    placements: [prodPolicies],
  });

  return { app, hub };
}
