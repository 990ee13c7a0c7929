// Plan time: the whole fleet plan (scheduling every placement, every not-selected reason, waves,
// matrix, rules) for generated hubs. Each size in its own process, so peak RSS is per size; time is
// the plan's CPU time (user + system).
//   tsx bench/plan.ts                              every size, one run each
//   tsx bench/plan.ts <clusters> <placements>      one size: prints one JSON line {clusters, placements, ms, wallMs, rssMb, ...}
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildFleetPlan } from '../lib/plan/fleet-plan';

function hub(clusters: number, placements: number): unknown[] {
  const objs: unknown[] = [
    { apiVersion: 'operator.open-cluster-management.io/v1', kind: 'ClusterManager', metadata: { name: 'cluster-manager' }, spec: {} },
  ];
  const envs = ['dev', 'staging', 'production', 'edge'];
  for (const e of envs) {
    objs.push({ apiVersion: 'cluster.open-cluster-management.io/v1beta2', kind: 'ManagedClusterSet', metadata: { name: e }, spec: { clusterSelector: { selectorType: 'ExclusiveClusterSetLabel' } } });
    objs.push({ apiVersion: 'cluster.open-cluster-management.io/v1beta2', kind: 'ManagedClusterSetBinding', metadata: { name: e, namespace: 'apps' }, spec: { clusterSet: e } });
  }
  for (let i = 0; i < clusters; i++) {
    objs.push({
      apiVersion: 'cluster.open-cluster-management.io/v1', kind: 'ManagedCluster',
      metadata: { name: `cluster-${String(i).padStart(5, '0')}`, labels: { 'cluster.open-cluster-management.io/clusterset': envs[i % 4], env: envs[i % 4], shard: `s${i % 20}`, dc: `dc${i % 3}` } },
      spec: { hubAcceptsClient: true, ...(i % 50 === 0 ? { taints: [{ key: 'maintenance', effect: 'NoSelect' }] } : {}) },
    });
  }
  for (let p = 0; p < placements; p++) {
    const spec: Record<string, unknown> = { predicates: [{ requiredClusterSelector: { labelSelector: { matchExpressions: [{ key: 'shard', operator: 'In', values: [`s${p % 20}`, `s${(p + 7) % 20}`] }] } } }] };
    if (p % 3 === 0) spec.numberOfClusters = 25;
    if (p % 4 === 0) spec.decisionStrategy = { groupStrategy: { clustersPerDecisionGroup: '25%' } };
    objs.push({ apiVersion: 'cluster.open-cluster-management.io/v1beta1', kind: 'Placement', metadata: { name: `p-${p}`, namespace: 'apps' }, spec });
    objs.push({ apiVersion: 'work.open-cluster-management.io/v1alpha1', kind: 'ManifestWorkReplicaSet', metadata: { name: `w-${p}`, namespace: 'apps' }, spec: { manifestWorkTemplate: { workload: { manifests: [] } }, placementRefs: [{ name: `p-${p}`, rolloutStrategy: p % 2 ? { type: 'All' } : { type: 'ProgressivePerGroup' } }] } });
  }
  return objs;
}

const [, , c, p] = process.argv;
if (c && p) {
  const objects = hub(Number(c), Number(p));
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const { plan } = buildFleetPlan({ objects });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(c0);
  // CPU time of the plan (user + system, GC included): steadier than wall time on a busy machine
  const ms = (cpu.user + cpu.system) / 1e3;
  const reasons = plan.clusters.reduce((n, x) => n + x.notSelectedBy.length, 0);
  console.log(JSON.stringify({ clusters: Number(c), placements: Number(p), ms: Math.round(ms), wallMs: Math.round(wallMs), rssMb: Math.round(process.resourceUsage().maxRSS / 1024), reasons, findings: plan.findings.length }));
} else {
  const tsx = join(__dirname, '..', 'node_modules', '.bin', 'tsx');
  console.log(`${'clusters'.padStart(8)} ${'placements'.padStart(10)} ${'CPU ms'.padStart(8)} ${'peak MB'.padStart(8)} ${'reasons'.padStart(9)}  target`);
  for (const [cl, pl, target] of [[1000, 1000, 1000], [5000, 200, 5000]]) {
    const r = spawnSync(tsx, [__filename, String(cl), String(pl)], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const line = (r.stdout ?? '').trim().split('\n').pop() ?? '';
    let x: any;
    try { x = JSON.parse(line); } catch { console.log(`plan bench ${cl}x${pl} failed: ${r.stderr}`); continue; }
    console.log(`${String(cl).padStart(8)} ${String(pl).padStart(10)} ${String(x.ms).padStart(8)} ${String(x.rssMb).padStart(8)} ${String(x.reasons).padStart(9)}  < ${target / 1000} s ${x.ms < target ? 'ok' : 'MISSED'}`);
  }
}
