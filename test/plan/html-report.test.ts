import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { HtmlReport } from '../../lib/plan/render';
import type { FleetPlan } from '../../lib/plan/types';
import { launchBrowser } from './browser';
import { largeFleet } from './large-fleet';
import { exampleObjects, planOf } from './support';

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

describe('HTML report in headless Chromium', () => {
  const work = mkdtempSync(join(tmpdir(), 'cdk-fleet-html-'));
  const plan = planOf(exampleObjects());
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let requests: string[];
  let errors: string[];

  async function open(p: FleetPlan, name: string): Promise<Page> {
    const file = join(work, name);
    writeFileSync(file, HtmlReport.render(p));
    const page = await browser.context.newPage();
    page.on('request', (r) => { if (!r.url().startsWith('file://')) requests.push(r.url()); });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`file://${file}`);
    await page.waitForSelector('#matrix-rows .row');
    return page;
  }
  const visibleRows = (page: Page) => page.$$eval('#matrix-rows .row', (rows) => rows.map((r) => [r.getAttribute('data-cluster'), ...[...r.querySelectorAll('.cell[data-col]')].map((c) => c.textContent)]));

  beforeAll(async () => { browser = await launchBrowser(); });
  beforeEach(() => { requests = []; errors = []; });
  afterAll(async () => { await browser?.close(); rmSync(work, { recursive: true, force: true }); });

  test('renders the matrix of the plan: every column and every cell', async () => {
    const page = await open(plan, 'example.html');
    expect(await page.$$eval('#matrix-head .col', (cols) => cols.map((c) => c.textContent))).toEqual(plan.matrix.columns.map((c) => c.id));
    expect(await visibleRows(page)).toEqual(plan.matrix.rows.map((r) => [r.cluster, ...r.steps.map((s) => (s ? String(s) : ''))]));
    expect(await page.textContent('#matrix-count')).toBe('12 of 12 clusters');
    expect(await page.textContent('#summary')).toContain('12 clusters · 5 placements · 10 workloads · 0 open findings (1 acknowledged)');
    expect(await page.$$eval('#findings tbody tr', (rows) => rows.map((r) => r.querySelector('td')!.textContent))).toEqual(['FLEET003 production-rollout-all']);
    expect(await page.$$eval('details.workload', (ds) => ds.map((d) => d.getAttribute('data-workload')))).toEqual(plan.workloads.map((w) => w.id));
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('clicking a cluster shows why it is and is not selected, and its rollout order', async () => {
    const page = await open(plan, 'example.html');
    await page.click('.row[data-cluster="dc1-prod-2"]');
    expect(await page.textContent('#panel h3')).toBe('dc1-prod-2 (production)');
    const items = (id: string) => page.$$eval(`#${id} li`, (lis) => lis.map((li) => li.textContent));
    expect(await items('why-selected')).toEqual([
      'Placement cluster-inventory/inventory-addons: decision group #0',
      'Placement fleet-apps/all-production: decision group #1',
      'Placement fleet-policies/production: decision group #0',
    ]);
    expect(await items('why-not-selected')).toEqual([
      'Placement edge-ops/edge-only: not in an eligible cluster set (bound: edge)',
      'Placement fleet-apps/canary-per-dc: label canary=false does not match canary=true',
    ]);
    expect(await items('why-not-deployed')).toContain('ClusterProfile monitoring: label env=production does not match env In (dev, staging, edge)');
    const c = plan.clusters.find((x) => x.name === 'dc1-prod-2')!;
    expect(await items('rollout-order')).toEqual(c.rolloutOrder.map((s) => `step ${s.step}: ${s.workloads.join(', ')}`));
    expect(await page.getAttribute('.row.selected', 'data-cluster')).toBe('dc1-prod-2');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'html-report.png'), fullPage: false });
    await page.close();
  });

  test('a label filter keeps only the matching clusters', async () => {
    const page = await open(plan, 'example.html');
    await page.selectOption('#filter-key', 'env');
    expect(await page.$$eval('#filter-value option', (os) => os.map((o) => o.textContent))).toEqual(['any', 'dev', 'edge', 'production', 'staging']);
    await page.selectOption('#filter-value', 'edge');
    expect((await visibleRows(page)).map((r) => r[0])).toEqual(['dc1-edge-paint', 'dc1-edge-press', 'dc2-edge-paint', 'dc2-edge-press']);
    expect(await page.textContent('#matrix-count')).toBe('4 of 12 clusters');
    await page.fill('#filter-name', 'dc2');
    expect((await visibleRows(page)).map((r) => r[0])).toEqual(['dc2-edge-paint', 'dc2-edge-press']);
    await page.fill('#filter-name', '');
    await page.selectOption('#filter-key', '');
    await page.check('#filter-production');
    expect((await visibleRows(page)).map((r) => r[0])).toEqual(['dc1-prod-1', 'dc1-prod-2', 'dc2-prod-1', 'dc2-prod-2']);
    await page.close();
  });

  test('5,000 clusters: only the rows in view are in the DOM, scrolling reaches the last one', async () => {
    const big = planOf(largeFleet({ clusters: 5000, addons: 20 }));
    const page = await open(big, 'large.html');
    expect(await page.textContent('#matrix-count')).toBe('5000 of 5000 clusters');
    expect((await page.$$('#matrix-rows .row')).length).toBeLessThan(80);
    await page.$eval('#matrix-body', (b) => { b.scrollTop = b.scrollHeight; });
    await page.waitForFunction(() => (globalThis as any).document.querySelector('#matrix-rows .row:last-child')?.getAttribute('data-cluster') === 'cluster-04999');
    const last = (await visibleRows(page)).pop()!;
    expect(last).toEqual(['cluster-04999', ...big.matrix.rows[4999].steps.map((s) => (s ? String(s) : ''))]);
    await page.click('.row[data-cluster="cluster-04999"]');
    expect(await page.textContent('#panel h3')).toBe('cluster-04999');
    expect(errors).toEqual([]);
    await page.close();
  }, 60000);

  test('the report is one deterministic file with no network reference', () => {
    const html = HtmlReport.render(plan);
    expect(html).toBe(HtmlReport.render(planOf(exampleObjects())));
    expect(html).not.toMatch(/(src|href)=["'](https?:)?\/\//);
    expect(html).toContain(`content="default-src 'none'`);
    expect(html).not.toMatch(/<\/script>[^]*<\/script>[^]*<\/script>/);
  });
});
