// `npm run bench`: synth speed and memory against the floor (the same objects as plain cdk8s
// ApiObjects in one chart), each cell in its own process. A benchmark, not a test: it prints
// numbers and whether each target holds; it never fails CI.
//   npm run bench                          every section
//   npm run bench -- --only realistic      one section (hub, realistic, plan, terraform; comma-separated for several)
// BENCH_RUNS (default 3) runs per cell, the median reported; BENCH_RUNS_20K for the 20,000-cluster
// realistic cell (default 1 in the full bench, BENCH_RUNS with --only).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const runs = Number(process.env.BENCH_RUNS ?? 3);

interface Cell { mode: string; clusters: number; objects: number; ms: number; rssMb: number }

function cell(script: string, args: string[]): any {
  const r = spawnSync(tsx, [join(__dirname, script), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const line = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line);
  } catch {
    throw new Error(`bench cell ${script} ${args.join(' ')} failed (exit ${r.status}):\n${r.stderr}`);
  }
}

function median(cells: Cell[]): Cell {
  const sorted = [...cells].sort((a, b) => a.ms - b.ms);
  const m = sorted[Math.floor(sorted.length / 2)];
  return { ...m, rssMb: Math.max(...cells.map((c) => c.rssMb)) };
}

const pad = (s: string | number, n: number) => String(s).padStart(n);
const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');

const onlyArg = process.argv.indexOf('--only');
const only = onlyArg >= 0 ? new Set((process.argv[onlyArg + 1] ?? '').split(',')) : undefined;
const wanted = (section: string) => !only || only.has(section);

console.log(`# cdk-fleet benchmark (median of ${runs} runs, peak RSS = max over runs; ${cpus().length} cores, node ${process.version})\n`);

function hubSection(): void {
  console.log('## Hub synth: ManagedCluster + set membership + one ManifestWork per cluster, 20 placements\n');
  console.log('lib: FleetApp (YAML and the synth-time checks: one simulation, no plan files); plain App: the same Hub in a');
  console.log('plain cdk8s App (cdk8s renders every chart again after the validation\'s simulation: reported, no target)\n');
  console.log(`${pad('clusters', 8)} ${pad('objects', 8)} ${pad('lib ms', 8)} ${pad('floor ms', 9)} ${pad('ratio', 6)} ${pad('lib MB', 7)} ${pad('floor MB', 9)} ${pad('plain App ms', 13)} ${pad('ratio', 6)}`);
  const work = mkdtempSync(join(tmpdir(), 'cdk-fleet-bench-'));
  const results: Record<number, { lib: Cell; floor: Cell }> = {};
  for (const n of [500, 1000, 5000]) {
    const file = join(work, `objects-${n}.json`);
    const lib: Cell[] = [];
    const floor: Cell[] = [];
    const plain: Cell[] = [];
    for (let i = 0; i < runs; i++) {
      lib.push(cell('fleet-cell.ts', ['lib', String(n), file]));
      floor.push(cell('fleet-cell.ts', ['floor', String(n), file]));
      plain.push(cell('fleet-cell.ts', ['app', String(n), join(work, `objects-${n}-app.json`)]));
    }
    const l = median(lib);
    const f = median(floor);
    const a = median(plain);
    results[n] = { lib: l, floor: f };
    console.log(`${pad(n, 8)} ${pad(l.objects, 8)} ${pad(l.ms, 8)} ${pad(f.ms, 9)} ${pad((l.ms / f.ms).toFixed(2), 6)} ${pad(l.rssMb, 7)} ${pad(f.rssMb, 9)} ${pad(a.ms, 13)} ${pad((a.ms / f.ms).toFixed(2), 6)}`);
  }
  rmSync(work, { recursive: true, force: true });
  const r5k = results[5000].lib;
  const worstRatio = Math.max(...Object.values(results).map((r) => r.lib.ms / r.floor.ms));
  const growth = results[5000].lib.ms / results[500].lib.ms;
  console.log('');
  console.log(`target: at most 1.5x the floor          worst ${worstRatio.toFixed(2)}x  ${verdict(worstRatio <= 1.5)}`);
  console.log(`target: 5,000 clusters under 15 s, 1 GiB  ${(r5k.ms / 1000).toFixed(1)} s, ${r5k.rssMb} MB  ${verdict(r5k.ms < 15000 && r5k.rssMb < 1024)}`);
  console.log(`target: linear (10x clusters <= 11x time) 500 -> 5,000: ${growth.toFixed(1)}x  ${verdict(growth <= 11)}`);
}

/** One realistic cell (bench/realistic-cell.cjs, node on the compiled build/): CPU seconds of the whole process. */
interface RealCell { mode: string; clusters: number; objects: number; cpuS: number; wallS: number; rssMb: number }

function realCell(mode: string, n: number, objectsFile: string, outdir: string): RealCell {
  rmSync(outdir, { recursive: true, force: true });
  const r = spawnSync(process.execPath, [join(__dirname, 'realistic-cell.cjs'), mode, String(n), objectsFile, outdir], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  rmSync(outdir, { recursive: true, force: true });
  const line = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line);
  } catch {
    throw new Error(`realistic cell ${mode} ${n} failed (exit ${r.status}):\n${r.stderr}`);
  }
}

function medianBy<T>(xs: T[], f: (x: T) => number): T {
  return [...xs].sort((a, b) => f(a) - f(b))[Math.floor(xs.length / 2)];
}

/**
 * The realistic cell (issue 11): N clusters in 4 environments and 3 DCs, 20 Sveltos add-ons through
 * the inventory registration chain, 20 placements with progressive ManifestWorkReplicaSets, through
 * FleetApp (YAML, synth-time checks, plan files), against the floor: the same objects as plain
 * ApiObjects in one chart, written by cdk8s's own synth. Library and floor run alternately, so a
 * busy machine slows both alike.
 */
function realisticSection(): void {
  console.log('## Realistic fleet: FleetApp (YAML + checks + plan files) against the cdk8s floor\n');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) {
    console.log(`(npm run build failed: ${build.stderr})`);
    return;
  }
  // The 20,000-cluster cell takes about a minute per library + floor pair on 2 cores: one pair in
  // the full bench (kept under ten minutes), BENCH_RUNS pairs when the section runs alone.
  const runs20k = Number(process.env.BENCH_RUNS_20K ?? (only ? runs : 1));
  console.log(`${pad('clusters', 8)} ${pad('objects', 8)} ${pad('lib CPU s', 9)} ${pad('floor CPU s', 11)} ${pad('ratio', 6)} ${pad('lib MB', 7)} ${pad('floor MB', 9)} ${pad('runs', 5)}`);
  const work = mkdtempSync(join(tmpdir(), 'cdk-fleet-realistic-'));
  const res: Record<number, { lib: RealCell; floor: RealCell; runs: number }> = {};
  try {
    for (const n of [1000, 5000, 20000]) {
      const k = n === 20000 ? runs20k : runs;
      const file = join(work, `objects-${n}.json`);
      const lib: RealCell[] = [];
      const floor: RealCell[] = [];
      for (let i = 0; i < k; i++) {
        lib.push(realCell('lib', n, file, join(work, 'out')));
        floor.push(realCell('floor', n, file, join(work, 'out')));
      }
      const l = { ...medianBy(lib, (c) => c.cpuS), rssMb: Math.max(...lib.map((c) => c.rssMb)) };
      const f = { ...medianBy(floor, (c) => c.cpuS), rssMb: Math.max(...floor.map((c) => c.rssMb)) };
      res[n] = { lib: l, floor: f, runs: k };
      console.log(`${pad(n, 8)} ${pad(l.objects, 8)} ${pad(l.cpuS.toFixed(2), 9)} ${pad(f.cpuS.toFixed(2), 11)} ${pad((l.cpuS / f.cpuS).toFixed(2), 6)} ${pad(l.rssMb, 7)} ${pad(f.rssMb, 9)} ${pad(k, 5)}${k < runs ? `  (${k} run${k > 1 ? 's' : ''} only: BENCH_RUNS_20K=${runs} or --only realistic for the median of ${runs})` : ''}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const plan = [] as { ms: number; rssMb: number }[];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(tsx, [join(__dirname, 'plan.ts'), '1000', '1000'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
    try {
      plan.push(JSON.parse((r.stdout ?? '').trim().split('\n').pop() ?? ''));
    } catch {
      console.log(`(plan 1000 x 1000 failed: ${r.stderr})`);
    }
  }
  const ratio = (n: number) => res[n].lib.cpuS / res[n].floor.cpuS;
  const growth = res[20000].lib.cpuS / res[5000].lib.cpuS;
  const mark = (ok: boolean) => (ok ? 'PASS' : 'MISS');
  console.log('');
  console.log(`target: at most 1.5x the floor at 5,000      ${ratio(5000).toFixed(2)}x  ${mark(ratio(5000) <= 1.5)}`);
  console.log(`target: at most 1.5x the floor at 20,000     ${ratio(20000).toFixed(2)}x  ${mark(ratio(20000) <= 1.5)}`);
  console.log(`target: 20,000 clusters under 1.5 GiB        ${res[20000].lib.rssMb} MB  ${mark(res[20000].lib.rssMb < 1536)}`);
  console.log(`target: 4x the clusters at most 4.4x the time  5,000 -> 20,000: ${growth.toFixed(2)}x  ${mark(growth <= 4.4)}`);
  if (plan.length > 0) {
    const p = medianBy(plan, (x) => x.ms);
    console.log(`target: plan alone, 1,000 clusters x 1,000 placements under 1 s  ${(p.ms / 1000).toFixed(2)} s CPU (${p.rssMb} MB; median of ${plan.length})  ${mark(p.ms < 1000)}`);
  }
}

if (wanted('hub')) hubSection();
if (wanted('realistic')) {
  console.log('');
  realisticSection();
}
for (const [section, title, script] of [['plan', 'Fleet plan', 'plan.ts'], ['terraform', 'Terraform synth', 'terraform.ts']] as const) {
  if (!wanted(section) || !existsSync(join(__dirname, script))) continue;
  console.log(`\n## ${title}\n`);
  const r = spawnSync(tsx, [join(__dirname, script)], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) console.log(`(${script} exited ${r.status})`);
}
