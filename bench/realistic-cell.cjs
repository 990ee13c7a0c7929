// One cell of the realistic benchmark (issue 11), run by bench/run.ts in its own process against
// the compiled package (build/), so the numbers are what a platform repo pays:
//   node bench/realistic-cell.cjs lib   <clusters> <objects.json> <outdir>  FleetApp: YAML, synth-time checks, the plan
//   node bench/realistic-cell.cjs yaml  <clusters> <objects.json> <outdir>  the same fleet with FleetApp plan: false
//   node bench/realistic-cell.cjs floor <clusters> <objects.json> <outdir>  the lib cell's objects as plain ApiObjects in one chart
// The fleet: N clusters in 4 environments and 3 DCs, 20 Sveltos add-ons (dependsOn chains,
// maxUpdate, tiers) through the inventory registration chain, 20 placements each with a
// progressive ManifestWorkReplicaSet. Prints one JSON line: {mode, clusters, objects, cpuS, wallS, rssMb}.
'use strict';
const { readFileSync, writeFileSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const [mode, nText, objectsFile, outdir] = process.argv.slice(2);
const n = Number(nText);
const ENVS = ['dev', 'staging', 'production', 'edge'];
const PLACEMENTS = 20;
const ADDONS = 20;

function buildFleet(plan) {
  const { FleetApp, Hub, LabelSelector, PercentOrAbsolute, Duration, ocm, sveltos } = require('../build');
  const app = new FleetApp({ outdir, plan, printFindings: false });
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

const t0 = process.hrtime.bigint();
let objects = 0;
if (mode === 'lib' || mode === 'yaml') {
  const app = buildFleet(mode === 'lib');
  app.synth();
  const text = readFileSync(join(outdir, 'hub.k8s.yaml'), 'utf8');
  objects = text.split('\n---\n').length;
  if (mode === 'lib') {
    // the floor synthesizes exactly these objects (parsed back from the YAML, outside the timing)
    const cpu = process.cpuUsage();
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    const rss = process.resourceUsage().maxRSS / 1024;
    const { parseAllDocuments } = require('yaml');
    writeFileSync(objectsFile, JSON.stringify(parseAllDocuments(text).map((d) => d.toJS())));
    report(cpu, wall, rss, readdirSync(outdir));
    return;
  }
} else {
  const { ApiObject, App, Chart } = require('cdk8s');
  const docs = JSON.parse(readFileSync(objectsFile, 'utf8'));
  const app = new App({ outdir });
  const chart = new Chart(app, 'hub');
  docs.forEach((d, i) => new ApiObject(chart, `o${i}`, d));
  app.synth();
  objects = docs.length;
}
report(process.cpuUsage(), Number(process.hrtime.bigint() - t0) / 1e9, process.resourceUsage().maxRSS / 1024, readdirSync(outdir));

function report(cpu, wallS, rssMb, files) {
  const cpuS = (cpu.user + cpu.system) / 1e6;
  console.log(JSON.stringify({ mode, clusters: n, objects, cpuS: Number(cpuS.toFixed(2)), wallS: Number(wallS.toFixed(2)), rssMb: Math.round(rssMb), files: files.sort() }));
}
