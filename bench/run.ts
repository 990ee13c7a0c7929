// `npm run bench`: synth speed and memory against the floor (the same objects as plain cdk8s
// ApiObjects in one chart), each cell in its own process. A benchmark, not a test: it prints
// numbers and whether each target holds; it never fails CI.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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

console.log(`# cdk-fleet benchmark (median of ${runs} runs, peak RSS = max over runs)\n`);
console.log('## Hub synth: ManagedCluster + set membership + one ManifestWork per cluster, 20 placements\n');
console.log(`${pad('clusters', 8)} ${pad('objects', 8)} ${pad('lib ms', 8)} ${pad('floor ms', 9)} ${pad('ratio', 6)} ${pad('lib MB', 7)} ${pad('floor MB', 9)}`);
const work = mkdtempSync(join(tmpdir(), 'cdk-fleet-bench-'));
const results: Record<number, { lib: Cell; floor: Cell }> = {};
for (const n of [500, 1000, 5000]) {
  const file = join(work, `objects-${n}.json`);
  const lib: Cell[] = [];
  const floor: Cell[] = [];
  for (let i = 0; i < runs; i++) {
    lib.push(cell('fleet-cell.ts', ['lib', String(n), file]));
    floor.push(cell('fleet-cell.ts', ['floor', String(n), file]));
  }
  const l = median(lib);
  const f = median(floor);
  results[n] = { lib: l, floor: f };
  console.log(`${pad(n, 8)} ${pad(l.objects, 8)} ${pad(l.ms, 8)} ${pad(f.ms, 9)} ${pad((l.ms / f.ms).toFixed(2), 6)} ${pad(l.rssMb, 7)} ${pad(f.rssMb, 9)}`);
}
rmSync(work, { recursive: true, force: true });
const r5k = results[5000].lib;
const worstRatio = Math.max(...Object.values(results).map((r) => r.lib.ms / r.floor.ms));
const growth = results[5000].lib.ms / results[500].lib.ms;
console.log('');
console.log(`target: at most 1.5x the floor          worst ${worstRatio.toFixed(2)}x  ${verdict(worstRatio <= 1.5)}`);
console.log(`target: 5,000 clusters under 15 s, 1 GiB  ${(r5k.ms / 1000).toFixed(1)} s, ${r5k.rssMb} MB  ${verdict(r5k.ms < 15000 && r5k.rssMb < 1024)}`);
console.log(`target: linear (10x clusters <= 11x time) 500 -> 5,000: ${growth.toFixed(1)}x  ${verdict(growth <= 11)}`);

// Further sections, present once their parts exist.
for (const [title, script] of [['Fleet plan', 'plan.ts'], ['Terraform synth', 'terraform.ts']] as const) {
  if (!existsSync(join(__dirname, script))) continue;
  console.log(`\n## ${title}\n`);
  const r = spawnSync(tsx, [join(__dirname, script)], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) console.log(`(${script} exited ${r.status})`);
}
