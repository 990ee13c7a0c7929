// One cell of the realistic benchmark (issue 11), run by bench/run.ts in its own process against
// the compiled package (build/), so the numbers are what a platform repo pays:
//   node bench/realistic-cell.cjs lib   <clusters> <objects.json> <outdir>  FleetApp: YAML, synth-time checks, the plan
//   node bench/realistic-cell.cjs yaml  <clusters> <objects.json> <outdir>  the same fleet with FleetApp plan: false
//   node bench/realistic-cell.cjs floor <clusters> <objects.json> <outdir>  the lib cell's objects as plain ApiObjects in one chart
// The fleet is bench/realistic-fleet.cjs. Prints one JSON line: {mode, clusters, objects, cpuS, wallS, rssMb}.
'use strict';
const { existsSync, readFileSync, writeFileSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const [mode, nText, objectsFile, outdir] = process.argv.slice(2);
const n = Number(nText);
const { realisticFleet } = require('./realistic-fleet.cjs');

function buildFleet(plan) {
  return realisticFleet(require('../build'), { clusters: n, outdir, plan });
}

const t0 = process.hrtime.bigint();
let objects = 0;
if (mode === 'lib' || mode === 'yaml') {
  const app = buildFleet(mode === 'lib');
  app.synth();
  const text = readFileSync(join(outdir, 'hub.k8s.yaml'), 'utf8');
  objects = text.split('\n---\n').length;
  if (mode === 'lib') {
    // the floor synthesizes exactly these objects (parsed back from the YAML, outside the timing;
    // once per size: the fleet is deterministic)
    const cpu = process.cpuUsage();
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    const rss = process.resourceUsage().maxRSS / 1024;
    if (!existsSync(objectsFile)) {
      const { parseAllDocuments } = require('yaml');
      writeFileSync(objectsFile, JSON.stringify(parseAllDocuments(text).map((d) => d.toJS())));
    }
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
