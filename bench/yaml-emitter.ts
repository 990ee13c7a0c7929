// YAML serialization of a generated fleet: cdk8s's Yaml.stringify(...docs) (the yaml package, one
// document at a time) against YamlEmitter.documents(docs) (the fast path, the yaml package for the
// documents it declines). The fleet is the realistic benchmark's (bench/realistic-cell.cjs), built
// from the sources: N clusters in 4 environments and 3 DCs, 20 placements with progressive
// ManifestWorkReplicaSets, 20 Sveltos add-ons. 5,000 clusters give about 20,000 objects.
//   npx tsx bench/yaml-emitter.ts [clusters=5000] [runs=3]
import { App, Yaml } from 'cdk8s';
import { YamlEmitter } from '../lib/core/yaml-emitter';

/** The realistic benchmark's fleet with `n` clusters (not synthesized; plan off). */
export function buildRealisticFleet(n: number): App {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { realisticFleet } = require('./realistic-fleet.cjs');
  return realisticFleet(require('../lib'), { clusters: n, outdir: 'dist', plan: false });
}

/** Wall and CPU milliseconds of `f` (CPU time is steadier on a busy machine). */
function time(f: () => void): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  f();
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1e3 };
}

function main(): void {
  const clusters = Number(process.argv[2] ?? 5000);
  const runs = Number(process.argv[3] ?? 3);
  const docs = buildRealisticFleet(clusters).charts.flatMap((c) => c.toJson());
  let fast = 0;
  for (const d of docs) if (YamlEmitter.document(d) !== undefined) fast++;
  let expected = '';
  let actual = '';
  const yaml: { wall: number; cpu: number }[] = [];
  const emitter: { wall: number; cpu: number }[] = [];
  for (let r = 0; r < runs; r++) {
    yaml.push(time(() => (expected = Yaml.stringify(...docs))));
    emitter.push(time(() => (actual = YamlEmitter.documents(docs))));
  }
  const { version } = YamlEmitter.yamlVersion;
  const fmt = (xs: { wall: number; cpu: number }[]): string =>
    `${Math.round(Math.min(...xs.map((x) => x.wall)))} ms wall, ${Math.round(Math.min(...xs.map((x) => x.cpu)))} ms CPU (best of ${xs.length}; wall: ${xs.map((x) => Math.round(x.wall)).join(', ')})`;
  console.log(`${clusters} clusters, ${docs.length} objects, ${(expected.length / 1e6).toFixed(1)} MB of YAML, yaml ${version}`);
  console.log(`cdk8s Yaml.stringify(...docs):  ${fmt(yaml)}`);
  console.log(`YamlEmitter.documents(docs):    ${fmt(emitter)}`);
  console.log(`fast path: ${fast} of ${docs.length} documents (${((100 * fast) / docs.length).toFixed(1)}%); output ${actual === expected ? 'identical' : 'DIFFERENT'}`);
  if (actual !== expected) process.exitCode = 1;
}

if (require.main === module) main();
