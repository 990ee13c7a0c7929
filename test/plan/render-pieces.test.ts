import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFleet } from '../../examples/fleet';
import { planOf } from '../../lib/fleet';
import { renderPlanMarkdown, writePlanJson, writePlanMarkdown } from '../../lib/plan/render';
import type { FleetPlan } from '../../lib/plan/types';

// FleetApp writes the plan files in pieces (writePlanJson, writePlanMarkdown); the pieces must
// make up exactly what the one-string renderers return.
function pieces(write: (plan: FleetPlan, w: (chunk: string) => void) => void, plan: FleetPlan): string[] {
  const out: string[] = [];
  write(plan, (c) => out.push(c));
  return out;
}

/** The realistic benchmark fleet (bench/realistic-fleet.cjs) with `n` clusters: several Markdown pieces. */
function realisticPlan(n: number): FleetPlan {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { realisticFleet } = require('../../bench/realistic-fleet.cjs');
  return realisticFleet(require('../../lib'), { clusters: n, outdir: 'unused', plan: false }).plan();
}

describe('plan files in pieces', () => {
  const plans: [string, FleetPlan][] = [['example', buildFleet({ outdir: 'unused' }).app.plan()], ['realistic 450 clusters', realisticPlan(450)]];

  test.each(plans)('JSON of the %s plan: JSON.stringify(plan, null, 2) byte for byte', (_, plan) => {
    const parts = pieces(writePlanJson, plan);
    expect(parts.length).toBeGreaterThan(plan.clusters.length / 100);
    expect(parts.join('')).toBe(`${JSON.stringify(plan, null, 2)}\n`);
  });

  test('JSON pieces follow JSON.stringify on empty containers, omitted values and nested newlines', () => {
    const odd = { a: [], b: {}, c: undefined, d: [undefined, () => 1, { x: 'line\nbreak', y: [1, { z: [] }] }], e: { f: { g: [1, 2] }, h: undefined }, i: null, j: Array.from({ length: 250 }, (_, n) => (n % 7 === 0 ? undefined : { n, s: `a\n${n}`, e: [] })), k: () => 1 } as unknown as FleetPlan;
    expect(pieces(writePlanJson, odd).join('')).toBe(`${JSON.stringify(odd, null, 2)}\n`);
  });

  test.each(plans)('Markdown of the %s plan: renderPlanMarkdown byte for byte', (_, plan) => {
    const parts = pieces(writePlanMarkdown, plan);
    expect(parts.join('')).toBe(renderPlanMarkdown(plan));
    if (plan.clusters.length > 400) expect(parts.length).toBeGreaterThan(2);
  });

  test('FleetApp writes the same files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdk-fleet-pieces-'));
    try {
      const { app } = buildFleet({ outdir: dir, printFindings: false });
      app.synth();
      const plan = planOf(app);
      expect(readFileSync(join(dir, 'fleet-plan.json'), 'utf8')).toBe(`${JSON.stringify(plan, null, 2)}\n`);
      expect(readFileSync(join(dir, 'fleet-plan.md'), 'utf8')).toBe(renderPlanMarkdown(plan));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
