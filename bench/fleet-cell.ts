// One benchmark cell, run in its own process so peak memory is per cell:
//   tsx bench/fleet-cell.ts lib <clusters> <objects.json>   cdk-fleet constructs → YAML through FleetApp (synth-time
//                                                           checks, no plan files); writes the objects for the floor
//   tsx bench/fleet-cell.ts app <clusters> <objects.json>   the same in a plain cdk8s App (cdk8s renders every chart
//                                                           again after the validation's simulation)
//   tsx bench/fleet-cell.ts floor <clusters> <objects.json> the same objects as plain ApiObjects in one chart
// Prints one JSON line: {mode, clusters, objects, ms, rssMb}.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiObject, App, Chart } from 'cdk8s';
import { FleetApp, Hub, LabelSelector, ocm } from '../lib';

const [mode, nText, objectsFile] = process.argv.slice(2);
const n = Number(nText);
const PLACEMENTS = 20;
const ENVS = ['dev', 'staging', 'production', 'edge'];

function buildLib(app: App): Hub {
  const hub = new Hub(app, 'hub', { featureGates: [ocm.FeatureGate.MANIFEST_WORK_REPLICA_SET] });
  const sets = ENVS.map((e) => hub.addClusterSet(e));
  for (const s of sets) hub.bind(s, 'apps');
  for (let p = 0; p < PLACEMENTS; p++) {
    hub.addPlacement(`app-${p}`, { namespace: 'apps', selector: LabelSelector.in('shard', `s${p}`), numberOfClusters: Math.ceil(n / PLACEMENTS) });
  }
  for (let i = 0; i < n; i++) {
    const env = ENVS[i % ENVS.length];
    const c = hub.addCluster(`cluster-${String(i).padStart(5, '0')}`, {
      labels: { env, shard: `s${i % PLACEMENTS}`, dc: `dc${i % 3}` },
      clusterSet: sets[i % ENVS.length],
    });
    hub.addManifestWork('agent-config', {
      cluster: c,
      objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'agent-config', namespace: 'kube-system' }, data: { cluster: c.name, env } }],
    });
  }
  return hub;
}

const out = mkdtempSync(join(tmpdir(), 'cdk-fleet-bench-'));
let objects = 0;
const start = process.hrtime.bigint();
if (mode === 'lib' || mode === 'app') {
  const app = mode === 'lib' ? new FleetApp({ outdir: out, plan: false, printFindings: false }) : new App({ outdir: out });
  buildLib(app);
  app.synth();
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  const docs = (app.charts[0] as Chart).toJson();
  objects = docs.length;
  writeFileSync(objectsFile, JSON.stringify(docs));
  report(elapsed);
} else {
  const docs = JSON.parse(readFileSync(objectsFile, 'utf8')) as any[];
  const t0 = process.hrtime.bigint();
  const app = new App({ outdir: out });
  const chart = new Chart(app, 'hub');
  docs.forEach((d, i) => new ApiObject(chart, `o${i}`, d));
  app.synth();
  objects = docs.length;
  report(Number(process.hrtime.bigint() - t0) / 1e6);
}
rmSync(out, { recursive: true, force: true });

function report(ms: number): void {
  const rssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ mode, clusters: n, objects, ms: Math.round(ms), rssMb: Math.round(rssMb) }));
}
