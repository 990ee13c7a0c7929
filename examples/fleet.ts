import { ApiObject } from 'cdk8s';
import {
  acknowledge, FleetApp, FleetAppProps, FleetWorkload, Hub, KubeFleetHub, LabelSelector, PercentOrAbsolute, Duration, WorkloadEngine, WorkloadRollout, ocm, sveltos, inventory,
} from '../lib';
import { ProductionCluster } from './modules/production-cluster';

/** The taint every edge factory cluster carries: they only connect outbound, over unreliable links. */
export const EDGE_TAINT = 'edge.acme-manufacturing.example/outbound-only';

/** The klusterlet bootstrap identity (the cluster-manager chart's bootstrap ServiceAccount). */
export const BOOTSTRAP_USER = 'system:serviceaccount:open-cluster-management:agent-registration-bootstrap';

/** Namespaces on the hub. */
export const NAMESPACES = { apps: 'fleet-apps', edge: 'edge-ops', policies: 'fleet-policies', inventory: 'cluster-inventory', team: 'team-quality' } as const;

/** A pinned Helm chart from a public repository. */
function chart(repositoryUrl: string, repositoryName: string, name: string, version: string, releaseNamespace: string, releaseName = name, values?: Record<string, unknown>): sveltos.HelmChart {
  return sveltos.HelmChart.fromRepository({ repositoryUrl, repositoryName, chartName: `${repositoryName}/${name}`, version, releaseName, releaseNamespace, values });
}

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
 * tolerations for the edge clusters' taint, a progressive ManifestWorkReplicaSet, a policy, and
 * the add-on stack delivered by Sveltos through the SIG cluster inventory: CNI → cert-manager →
 * monitoring → a policy engine with its policies as raw manifests, drift detection and maxUpdate on
 * production, and one team's own Profile; and the factory-floor inspection app on the edge clusters,
 * placed by KubeFleet (every cluster is also a KubeFleet member), the press sites first.
 */
export function buildFleet(props: FleetAppProps = {}, order: readonly FleetSection[] = FLEET_SECTIONS): ExampleFleet {
  const app = new FleetApp({ outdir: 'dist', ...props });
  const hub = new Hub(app, 'hub', {
    featureGates: [ocm.FeatureGate.MANIFEST_WORK_REPLICA_SET, ocm.FeatureGate.CLUSTER_PROFILE, ocm.FeatureGate.MANAGED_CLUSTER_AUTO_APPROVAL],
    // Sveltos add-ons reach every cluster through the SIG inventory (the default chain, in the
    // fleet's own namespace); cluster-proxy and managed-serviceaccount come from their Helm releases.
    sveltosRegistration: inventory.RegistrationChain.inventory({ namespace: NAMESPACES.inventory }),
  });
  // The bootstrap identity the Terraform HubStack creates: spokes joining with it are accepted.
  hub.clusterManager.addAutoApproveUser(BOOTSTRAP_USER);

  const sets = {
    dev: hub.addClusterSet('dev'),
    staging: hub.addClusterSet('staging'),
    production: hub.addClusterSet('production'),
    edge: hub.addClusterSet('edge'),
  };

  const placements: Placements = {};
  const sections: Record<FleetSection, () => void> = {
    clusters: () => declareClusters(hub, sets),
    bindings: () => declareBindings(hub, sets),
    placements: () => Object.assign(placements, declarePlacements(hub, sets)),
    workloads: () => declareWorkloads(hub, placements),
    addons: () => declareAddons(hub, sets),
    factory: () => declareFactoryApps(app, hub),
  };
  for (const section of order) sections[section]();
  return { app, hub };
}

/** The parts of the example, declared in this order by default; any order that declares placements before the workloads that use them gives the same output. */
export type FleetSection = 'clusters' | 'bindings' | 'placements' | 'workloads' | 'addons' | 'factory';
/** The default order of the example's sections. */
export const FLEET_SECTIONS: readonly FleetSection[] = ['clusters', 'bindings', 'placements', 'workloads', 'addons', 'factory'];

type Sets = Record<'dev' | 'staging' | 'production' | 'edge', ocm.ManagedClusterSet>;
type Placements = { allProduction?: ocm.Placement; production?: ocm.Placement };

/** Twelve clusters in two data centres, each in its environment's set. */
function declareClusters(hub: Hub, sets: Sets): void {
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
}

/** Each set bound into the namespaces whose placements use it. */
function declareBindings(hub: Hub, sets: Sets): void {
  hub.bind(sets.production, NAMESPACES.apps, NAMESPACES.policies);
  hub.bind(sets.staging, NAMESPACES.apps);
  hub.bind(sets.dev, NAMESPACES.apps);
  hub.bind(sets.edge, NAMESPACES.edge);
}

/** The fleet's placements. */
function declarePlacements(hub: Hub, sets: Sets): Required<Placements> {
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
  // Production clusters must keep the audit namespace.
  const prodPolicies = hub.addPlacement('production', {
    namespace: NAMESPACES.policies,
    selector: LabelSelector.in('env', 'production'),
  });
  return { allProduction, production: prodPolicies };
}

/** A progressive ManifestWorkReplicaSet and a governance policy. */
function declareWorkloads(hub: Hub, placements: Placements): void {
  const allProduction = placements.allProduction!;
  const prodPolicies = placements.production!;
  // The line-of-business app: the canary group (one cluster per DC) first, then the other decision group.
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
      // The next group starts when the works report Progressing=False: the Deployment's rollout is done.
      conditionRules: [ocm.ConditionRule.deploymentProgressing()],
    }],
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
}

/** The Sveltos add-on stack. */
function declareAddons(hub: Hub, sets: Sets): void {
  // Add-ons, delivered by Sveltos. Every cluster is registered through the SIG inventory: OCM's
  // ClusterProfile gate, the global set bound into the inventory namespace, and a pre-created
  // inventory ClusterProfile per cluster carrying the fleet's labels (env, dc, ...). The
  // cluster-proxy and managed-serviceaccount add-ons come from the Terraform HubStack's releases.
  const everywhere = LabelSelector.in('env', 'dev', 'staging', 'production', 'edge');
  const production = LabelSelector.matchLabels({ env: 'production' });
  const cni = hub.addSveltosAddon('cni', {
    clusterSelector: everywhere,
    tier: 10,
    maxUpdate: PercentOrAbsolute.percent(25),
    helmCharts: [chart('https://helm.cilium.io/', 'cilium', 'cilium', '1.16.1', 'kube-system', 'cilium', { kubeProxyReplacement: true })],
  });
  const certManager = hub.addSveltosAddon('cert-manager', {
    clusterSelector: everywhere,
    dependsOn: [cni],
    maxUpdate: PercentOrAbsolute.percent(25),
    helmCharts: [chart('https://charts.jetstack.io', 'jetstack', 'cert-manager', 'v1.15.3', 'cert-manager', 'cert-manager', { crds: { enabled: true } })],
  });
  const monitoring = (values: Record<string, unknown>) => chart('https://prometheus-community.github.io/helm-charts', 'prometheus-community', 'kube-prometheus-stack', '61.3.2', 'monitoring', 'kube-prometheus-stack', values);
  hub.addSveltosAddon('monitoring-production', {
    clusterSelector: production,
    dependsOn: [certManager],
    helmCharts: [monitoring({ prometheus: { prometheusSpec: { retention: '30d' } } })],
    syncMode: sveltos.SyncMode.CONTINUOUS_WITH_DRIFT_DETECTION,
    driftExclusions: [{ paths: ['/spec/replicas'], target: { kind: 'Deployment', namespace: 'monitoring' } }],
    maxUpdate: PercentOrAbsolute.percent(50),
  });
  hub.addSveltosAddon('monitoring', {
    clusterSelector: LabelSelector.in('env', 'dev', 'staging', 'edge'),
    dependsOn: [certManager],
    helmCharts: [monitoring({ prometheus: { prometheusSpec: { retention: '3d' } } })],
  });
  const kyverno = hub.addSveltosAddon('kyverno', {
    clusterSelector: everywhere,
    dependsOn: [certManager],
    helmCharts: [chart('https://kyverno.github.io/kyverno/', 'kyverno', 'kyverno', '3.2.6', 'kyverno')],
    maxUpdate: PercentOrAbsolute.percent(25),
  });
  // The policies are typed TypeScript too: raw manifests packaged into a ConfigMap on the hub.
  const policies = new ocm.ManifestChart('kyverno-policies');
  new ApiObject(policies, 'require-team-label', {
    apiVersion: 'kyverno.io/v1',
    kind: 'ClusterPolicy',
    metadata: { name: 'require-team-label' },
    spec: {
      validationFailureAction: 'Enforce',
      rules: [{
        name: 'team-label',
        match: { any: [{ resources: { kinds: ['Deployment'] } }] },
        validate: { message: 'deployments on {{ .Cluster.metadata.name }} need a team label', pattern: { metadata: { labels: { team: '?*' } } } },
      }],
    },
  });
  const kyvernoPolicies = hub.addSveltosAddon('kyverno-policies', { clusterSelector: everywhere, dependsOn: [kyverno] });
  kyvernoPolicies.addManifests(policies);
  // An advisory finding, accepted with its reason (it shows as acknowledged in the plan).
  acknowledge(kyvernoPolicies, 'FLEET003', 'admission policies only; the security team ships them to every cluster at once so no cluster runs unguarded');
  // The quality team's own Profile: it reaches only the SveltosClusters in its namespace, which OCM
  // fills with ClusterProfiles of the sets bound there (staging only).
  hub.bind(sets.staging, NAMESPACES.team);
  hub.addSveltosAddon('quality-exporter', {
    namespace: NAMESPACES.team,
    clusterSelector: LabelSelector.matchLabels({ 'multicluster.x-k8s.io/clusterset': 'staging' }),
    helmCharts: [chart('https://prometheus-community.github.io/helm-charts', 'prometheus-community', 'prometheus-blackbox-exporter', '9.0.0', NAMESPACES.team, 'quality-exporter')],
  });
}

/**
 * The factory-floor inspection app, placed by KubeFleet: the edge factories only connect outbound,
 * and KubeFleet's member agents pull from their hub. Every cluster of the fleet is a KubeFleet
 * member (a MemberCluster in dist/kubefleet.k8s.yaml, the edge taint as NoSchedule); the app goes
 * to the edge clusters, the press sites first, then the paint sites (a staged update run).
 */
function declareFactoryApps(app: FleetApp, hub: Hub): void {
  const kubeFleet = new KubeFleetHub(app, 'kubefleet', { hub });
  new FleetWorkload(app, 'vision-inspection', {
    engine: WorkloadEngine.kubeFleet(kubeFleet),
    clusters: LabelSelector.matchLabels({ env: 'edge' }),
    rollout: WorkloadRollout.canaryFirst({ canary: LabelSelector.matchLabels({ site: 'press' }) }),
    tolerateTaints: [EDGE_TAINT],
    objects: [
      {
        apiVersion: 'apps/v1', kind: 'Deployment',
        metadata: { name: 'vision-inspector', namespace: 'inspection' },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'vision-inspector' } },
          template: {
            metadata: { labels: { app: 'vision-inspector' } },
            spec: { containers: [{ name: 'inspector', image: 'registry.acme-manufacturing.example/vision-inspector:1.8.0' }] },
          },
        },
      },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'inspector-config', namespace: 'inspection' }, data: { 'reject-threshold': '0.92' } },
    ],
  });
}
