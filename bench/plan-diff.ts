// Plan diff and HTML report at scale: two plans of 5,000 clusters × 20 add-ons (the head bumps
// one add-on's chart, adds one cluster and removes another), diffed the way `cdk-fleet diff
// base.json head.json --format markdown` does (read, parse, check the format, diff, render); and
// the HTML report of 5,000 clusters opened in Debian's headless Chromium. Each measurement in its
// own process. A benchmark, not a test: it prints numbers and whether each target holds.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlanDiff } from '../lib/plan/diff';
import { buildFleetPlan } from '../lib/plan/fleet-plan';
import { PlanFormat } from '../lib/plan/format';
import { HtmlReport, renderPlanJson } from '../lib/plan/render';
import { launchBrowser } from '../test/plan/browser';
import { largeFleet } from '../test/plan/large-fleet';

const CLUSTERS = 5000;
const ADDONS = 20;
const runs = Number(process.env.BENCH_RUNS ?? 3);
const tsx = join(__dirname, '..', 'node_modules', '.bin', 'tsx');
const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');

function child(args: string[]): any {
  const r = spawnSync(tsx, [__filename, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const line = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line);
  } catch {
    throw new Error(`plan-diff bench ${args[0]} failed (exit ${r.status}):\n${r.stderr}`);
  }
}

async function main(): Promise<void> {
  const [, , mode, dir] = process.argv;
  if (mode === 'prepare') {
    const base = buildFleetPlan({ objects: largeFleet({ clusters: CLUSTERS, addons: ADDONS }) }).plan;
    const head = buildFleetPlan({ objects: largeFleet({ clusters: CLUSTERS, addons: ADDONS, bump: true, addCluster: true, removeCluster: true }) }).plan;
    writeFileSync(join(dir, 'base.json'), renderPlanJson(base));
    writeFileSync(join(dir, 'head.json'), renderPlanJson(head));
    writeFileSync(join(dir, 'report.html'), HtmlReport.render(head));
    console.log(JSON.stringify({ ok: true }));
    return;
  }
  if (mode === 'diff') {
    const t0 = process.hrtime.bigint();
    const read = (f: string) => PlanFormat.read(JSON.parse(readFileSync(join(dir, f), 'utf8')), f);
    const d = PlanDiff.between(read('base.json'), read('head.json'));
    const md = d.toMarkdown();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    console.log(JSON.stringify({ ms: Math.round(ms), rssMb: Math.round(process.resourceUsage().maxRSS / 1024), summary: d.summaryLine(), markdownKb: Math.round(md.length / 1024) }));
    return;
  }
  const work = mkdtempSync(join(tmpdir(), 'cdk-fleet-bench-diff-'));
  try {
    const t0 = Date.now();
    child(['prepare', work]);
    const size = (f: string) => (readFileSync(join(work, f)).length / 1e6).toFixed(1);
    console.log(`two plans of 5,000 clusters × ${ADDONS} add-ons built in ${((Date.now() - t0) / 1000).toFixed(1)} s (plan JSON ${size('base.json')} MB each, HTML ${size('report.html')} MB)\n`);
    const cells = Array.from({ length: runs }, () => child(['diff', work]));
    const sorted = [...cells].sort((a, b) => a.ms - b.ms);
    const median = sorted[Math.floor(sorted.length / 2)];
    const peak = Math.max(...cells.map((c) => c.rssMb));
    console.log(`diff (read + parse + diff + markdown), median of ${runs}: ${median.ms} ms, peak ${peak} MB; markdown ${median.markdownKb} KB`);
    console.log(`  ${median.summary}`);
    // The HTML report: from opening the file to the first matrix rows on screen.
    const browser = await launchBrowser();
    const times: number[] = [];
    try {
      for (let i = 0; i < runs; i++) {
        const page = await browser.context.newPage();
        const s = Date.now();
        await page.goto(`file://${join(work, 'report.html')}`);
        await page.waitForSelector('#matrix-rows .row');
        times.push(Date.now() - s);
        await page.close();
      }
    } finally {
      await browser.close();
    }
    const html = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
    console.log(`HTML report of 5,000 clusters in headless Chromium, open to first rows, median of ${runs}: ${html} ms\n`);
    console.log(`target: diff of 5,000 × 20 under 3 s and 1 GiB   ${(median.ms / 1000).toFixed(2)} s, ${peak} MB  ${verdict(median.ms < 3000 && peak < 1024)}`);
    console.log(`target: HTML report of 5,000 clusters under 3 s  ${(html / 1000).toFixed(2)} s  ${verdict(html < 3000)}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
