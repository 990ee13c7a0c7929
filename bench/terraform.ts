// Terraform synth benchmark: the hub stack plus N spokes, each size in its own process so peak
// memory is per cell.
//   tsx bench/terraform.ts                          runs every cell and prints a table
//   tsx bench/terraform.ts cell <spokes> <grouping> one cell; grouping: per-cluster | buckets
// A cell prints one JSON line: {bench, spokes, grouping, stacks, buildMs, synthMs, ms, rssMb, bytes}.
// Most of the time is cdktf's: it captures a full stack trace for every token it creates (each
// helm_release creates dozens), and resolves every stack's tokens at synth.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App as K8sApp } from 'cdk8s';
import { App } from 'cdktf';
import { Hub, ocm } from '../lib';
import { Backend, HubStack, KubeconfigSource, SpokeGrouping, SpokeStack } from '../lib/terraform';

const SIZES = [100, 1000];
const GROUPINGS = ['per-cluster', 'buckets'] as const;
const SPOKES_PER_BUCKET = 20;

function cell(spokes: number, grouping: string): void {
  const out = mkdtempSync(join(tmpdir(), 'cdk-fleet-tf-bench-'));
  const t0 = process.hrtime.bigint();
  const hub = new Hub(new K8sApp(), 'hub', {
    featureGates: [ocm.FeatureGate.MANAGED_CLUSTER_AUTO_APPROVAL, ocm.FeatureGate.CLUSTER_PROFILE, ocm.FeatureGate.MANIFEST_WORK_REPLICA_SET],
  });
  // Auto-approval (the HubStack default) needs the bootstrap identity on the Hub's ClusterManager.
  hub.clusterManager.addAutoApproveUser(HubStack.BOOTSTRAP_USER);
  const envs = ['dev', 'staging', 'production', 'edge'];
  for (let i = 0; i < spokes; i++) {
    hub.addCluster(`cluster-${String(i).padStart(5, '0')}`, { labels: { env: envs[i % envs.length], dc: `dc${i % 3}` } });
  }
  const app = new App({ outdir: out, stackTraces: false });
  const hubStack = new HubStack(app, 'hub', {
    hub,
    kubeconfig: KubeconfigSource.hostAndToken({ hostVariable: 'hub_host', tokenVariable: 'hub_token', caVariable: 'hub_ca' }),
    backend: Backend.local({ directory: '../../../terraform-state' }),
  });
  const kubeconfigs: Record<string, KubeconfigSource> = {};
  for (const c of hub.clusters) kubeconfigs[c.name] = KubeconfigSource.file('~/.kube/config', c.name);
  const stacks = SpokeStack.forHub(app, hubStack, {
    kubeconfigs,
    grouping: grouping === 'buckets' ? SpokeGrouping.hashBuckets(Math.max(1, Math.ceil(spokes / SPOKES_PER_BUCKET))) : SpokeGrouping.perCluster(),
  });
  const t1 = process.hrtime.bigint();
  app.synth();
  const t2 = process.hrtime.bigint();
  const bytes = sizeOf(out);
  rmSync(out, { recursive: true, force: true });
  console.log(JSON.stringify({
    bench: 'terraform', spokes, grouping, stacks: stacks.length + 1,
    buildMs: Math.round(Number(t1 - t0) / 1e6), synthMs: Math.round(Number(t2 - t1) / 1e6), ms: Math.round(Number(t2 - t0) / 1e6),
    rssMb: Math.round(process.resourceUsage().maxRSS / 1024), bytes,
  }));
}

function sizeOf(dir: string): number {
  let total = 0;
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    const s = statSync(p);
    total += s.isDirectory() ? sizeOf(p) : s.size;
  }
  return total;
}

function main(): void {
  const rows: any[] = [];
  for (const grouping of GROUPINGS) {
    for (const spokes of SIZES) {
      const start = process.hrtime.bigint();
      const r = spawnSync(process.execPath, ['--import', 'tsx', __filename, 'cell', String(spokes), grouping], { encoding: 'utf8' });
      const wallS = Number(process.hrtime.bigint() - start) / 1e9;
      const line = (r.stdout ?? '').trim().split('\n').pop() ?? '';
      if (r.status !== 0 || !line.startsWith('{')) {
        process.stderr.write(r.stderr ?? '');
        throw new Error(`cell ${spokes} ${grouping} failed (exit ${r.status})`);
      }
      rows.push({ ...JSON.parse(line), wallS: Math.round(wallS * 100) / 100 });
    }
  }
  console.log('Terraform synth (hub stack + spokes; cdktf app.synth to a temp dir; one process per cell)');
  console.log('| spokes | grouping | stacks | build ms | synth ms | total ms | ms/spoke | process wall s | peak RSS MB | output MB |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    console.log(`| ${r.spokes} | ${r.grouping} | ${r.stacks} | ${r.buildMs} | ${r.synthMs} | ${r.ms} | ${(r.ms / r.spokes).toFixed(2)} | ${r.wallS} | ${r.rssMb} | ${(r.bytes / 1e6).toFixed(2)} |`);
  }
  for (const r of rows) console.log(JSON.stringify(r));
}

if (process.argv[2] === 'cell') cell(Number(process.argv[3]), process.argv[4] ?? 'per-cluster');
else main();
