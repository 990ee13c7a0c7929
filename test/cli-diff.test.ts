import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { main } from '../lib/cli/main';
import { exampleFleetObjects } from './plan/example-change';

function run(argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main(argv, (s) => { out += s; }, (s) => { err += s; });
  return { code, out, err };
}

describe('cdk-fleet diff', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdk-fleet-diff-'));
  const base = join(dir, 'base');
  const head = join(dir, 'head');
  beforeAll(() => {
    for (const [d, isHead] of [[base, false], [head, true]] as const) {
      mkdirSync(d);
      writeFileSync(join(d, 'hub.k8s.yaml'), exampleFleetObjects(isHead).map((o) => stringify(o)).join('---\n'));
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('two folders of synthesized YAML, in text (default), markdown and json', () => {
    const text = run(['diff', base, head]);
    expect(text.code).toBe(0);
    expect(text.out.split('\n')[0]).toBe('Plan: 6 to add, 12 to change, 2 to destroy. clusters: 1 added, 0 removed · 20 rollout moves · 2 to review');
    expect(text.out).toContain('  + dc2-prod-3 (production, new cluster)');
    expect(text.out).toContain('      ~ ClusterProfile cni: cilium/cilium 1.16.1 → 1.16.2');
    expect(text.out).toContain('  ~ fleet-policies/production: 4 → 2 clusters; − dc2-prod-1, dc2-prod-2');
    const md = run(['diff', base, head, '--format', 'markdown']);
    expect(md.out).toMatch(/^## Fleet plan diff\n\n\*\*Plan: 6 to add, 12 to change, 2 to destroy\./);
    expect(md.out).toContain('⚠️ − `Policy fleet-policies/audit-namespace` (leaves a production cluster)');
    const json = JSON.parse(run(['diff', base, head, '-f', 'json']).out);
    expect(json.summary).toMatchObject({ toAdd: 6, toChange: 12, toDestroy: 2, clustersAdded: 1 });
  });

  test('two plan JSON files give the same diff as the folders', () => {
    const b = join(dir, 'base.json');
    const h = join(dir, 'head.json');
    writeFileSync(b, run(['plan', base, '--format', 'json']).out);
    writeFileSync(h, run(['plan', head, '--format', 'json']).out);
    expect(run(['diff', b, h, '--format', 'json']).out).toBe(run(['diff', base, head, '--format', 'json']).out);
  });

  test('--detailed-exitcode: 0 without changes, 2 with changes, 1 on error', () => {
    expect(run(['diff', base, base, '--detailed-exitcode'])).toEqual({ code: 0, out: 'No changes. The fleet plan is the same.\n', err: '' });
    expect(run(['diff', base, head, '--detailed-exitcode']).code).toBe(2);
    expect(run(['diff', base, join(dir, 'nope'), '--detailed-exitcode']).code).toBe(1);
  });

  test('fails for a plan of an incompatible formatVersion, naming the file', () => {
    const old = join(dir, 'old.json');
    writeFileSync(old, JSON.stringify({ version: 1, assumptions: [], clusters: [], placements: [], workloads: [], matrix: { addons: [], rows: [] }, findings: [] }));
    const r = run(['diff', old, base]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`cdk-fleet: ${old}: is a plan of format 1 ("version": 1), which this cdk-fleet no longer reads; it reads formatVersion 2.x: re-create it with this cdk-fleet (cdk-fleet plan <dir> --format json, or synth again)\n`);
    const future = join(dir, 'future.json');
    writeFileSync(future, JSON.stringify({ formatVersion: '3.0', clusters: [] }));
    expect(run(['diff', base, future]).err).toMatch(/future.json: has plan formatVersion "3.0", but this cdk-fleet reads formatVersion 2.x/);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ nope');
    expect(run(['diff', broken, base]).err).toMatch(/broken.json: not valid JSON/);
  });

  test('fails for usage errors: one input, an unknown format', () => {
    expect(run(['diff', base]).err).toMatch(/diff needs <base> <head>/);
    expect(run(['diff', base, head, '--format', 'html']).err).toMatch(/--format html is unknown; use text, markdown, json/);
    expect(run(['diff', '--help']).out).toMatch(/^usage: cdk-fleet diff <base> <head> \[options\]/);
    expect(run(['--help']).out).toMatch(/diff <base> <head> +Shows what changes between two fleet plans/);
  });
});
