// The HTML report's why / why-not panel for Karmada and KubeFleet workloads, in headless Chromium.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HtmlReport } from '../../lib/plan/render';
import { launchBrowser } from './browser';
import { exampleObjects, planOf } from './support';

test('clicking a cluster shows the engines it is a member of, what they place on it (stage, replicas) and why not', async () => {
  const work = mkdtempSync(join(tmpdir(), 'cdk-fleet-html-engines-'));
  const browser = await launchBrowser();
  try {
    const file = join(work, 'example.html');
    writeFileSync(file, HtmlReport.render(planOf(exampleObjects())));
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`file://${file}`);
    await page.waitForSelector('#matrix-rows .row');
    const items = (id: string) => page.$$eval(`#${id} li`, (lis) => lis.map((li) => li.textContent));
    await page.click('.row[data-cluster="dc2-edge-paint"]');
    expect(await page.textContent('#panel p.engines')).toBe('member of: KubeFleet');
    expect(await items('why-placed')).toEqual(['ClusterResourcePlacement vision-inspection: step 2 (wave 2: stage rest (2 at a time))']);
    expect(await items('why-not-placed')).toEqual(['none']);
    await page.click('.row[data-cluster="dc1-dev"]');
    expect(await items('why-placed')).toEqual(['none']);
    expect(await items('why-not-placed')).toEqual(['ClusterResourcePlacement vision-inspection: does not match the required cluster affinity term: label env=dev does not match env=edge']);
    expect(errors).toEqual([]);
  } finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true });
  }
});
