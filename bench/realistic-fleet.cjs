// The realistic fleet of the benchmark (issue 11), built from a given copy of the library (the
// compiled build/ for the bench cells, the sources for tests): N clusters in 4 environments and 3
// DCs, 20 placements each with a progressive ManifestWorkReplicaSet (its Deployment reports
// Progressing, so every wave starts), 20 Sveltos add-ons (dependsOn chains, maxUpdate, tiers)
// through the inventory registration chain.
'use strict';

const ENVS = ['dev', 'staging', 'production', 'edge'];
const PLACEMENTS = 20;
const ADDONS = 20;

/**
 * Declares the fleet on a new FleetApp and returns the app (not synthesized).
 * @param {any} lib the cdk-fleet module (require('../build') or the sources)
 * @param {{ clusters: number, outdir: string, plan?: boolean }} options
 */
function realisticFleet(lib, options) {
  const { FleetApp, Hub, LabelSelector, PercentOrAbsolute, Duration, ocm, sveltos } = lib;
  const n = options.clusters;
  const app = new FleetApp({ outdir: options.outdir, plan: options.plan ?? true, printFindings: false, recordSourceLocations: false });
  const hub = new Hub(app, 'hub', { featureGates: [ocm.FeatureGate.MANIFEST_WORK_REPLICA_SET] });
  const sets = ENVS.map((e) => hub.addClusterSet(e));
  for (const s of sets) hub.bind(s, 'apps');
  for (let i = 0; i < n; i++) {
    hub.addCluster(`cluster-${String(i).padStart(5, '0')}`, {
      labels: { env: ENVS[i % 4], dc: `dc${i % 3}`, shard: `s${i % PLACEMENTS}`, canary: i % 20 === 0 ? 'true' : 'false' },
      clusterSet: sets[i % 4],
    });
  }
  for (let p = 0; p < PLACEMENTS; p++) {
    const placement = hub.addPlacement(`app-${p}`, {
      namespace: 'apps',
      selector: LabelSelector.in('shard', `s${p}`, `s${(p + 1) % PLACEMENTS}`),
      decisionStrategy: { groups: [{ name: 'canary', labelSelector: LabelSelector.matchLabels({ canary: 'true' }) }], clustersPerDecisionGroup: PercentOrAbsolute.percent(25) },
    });
    hub.addManifestWorkReplicaSet(`app-${p}`, {
      namespace: 'apps',
      placements: [{ placement, rollout: ocm.Rollout.progressivePerGroup({ mandatoryDecisionGroups: [{ groupName: 'canary' }], progressDeadline: Duration.minutes(10) }) }],
      objects: [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: `app-${p}`, namespace: 'apps' }, spec: { replicas: 2, selector: { matchLabels: { app: `app-${p}` } }, template: { metadata: { labels: { app: `app-${p}` } }, spec: { containers: [{ name: 'app', image: `registry.example.com/app-${p}:1.0.${p}` }] } } } }],
      manifestConfigs: [{ resource: { group: 'apps', resource: 'deployments', name: `app-${p}`, namespace: 'apps' }, conditionRules: [ocm.ConditionRule.deploymentProgressing()] }],
    });
  }
  const addons = [];
  for (let a = 0; a < ADDONS; a++) {
    const env = a % 5 === 4 ? ['production'] : ENVS;
    addons.push(hub.addSveltosAddon(`addon-${a}`, {
      clusterSelector: LabelSelector.in('env', ...env),
      dependsOn: a % 5 === 0 ? [] : [addons[a - 1]],
      ...(a % 3 === 0 ? { maxUpdate: PercentOrAbsolute.percent(25) } : {}),
      ...(a % 4 === 0 ? { tier: 50 + a } : {}),
      helmCharts: [sveltos.HelmChart.fromRepository({ repositoryUrl: 'https://charts.example.com', repositoryName: 'example', chartName: `example/addon-${a}`, version: `1.${a}.0`, releaseName: `addon-${a}`, releaseNamespace: `addon-${a}` })],
    }));
  }
  return app;
}

module.exports = { realisticFleet };
