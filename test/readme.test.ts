import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ts from 'typescript';

// The README's "A fleet in code" snippet runs as written and emits what it describes.
test('the README fleet snippet synthesizes', () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## A fleet in code'));
  const code = /```ts\n([\s\S]*?)```/.exec(section)![1];
  const out = mkdtempSync(join(tmpdir(), 'cdk-fleet-readme-'));
  try {
    const source = code.replace("from 'cdk-fleet'", "from '../lib'").replace('new App()', `new App({ outdir: ${JSON.stringify(out)} })`);
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    new Function('require', 'exports', js)((m: string) => require(m === '../lib' ? '../lib' : m), {});
    const yaml = readFileSync(join(out, 'hub.k8s.yaml'), 'utf8');
    expect(yaml).toMatch(/kind: ManifestWorkReplicaSet/);
    expect(yaml).toMatch(/mandatoryDecisionGroups:\n\s+- groupName: canary/);
    expect(yaml).toMatch(/name: fleet-apps/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

// The README's "One workload, three engines" snippet: KubeFleet places it canaries first.
test('the README workload snippet synthesizes and plans what its comment says', () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### One workload, three engines'));
  const code = /```ts\n([\s\S]*?)```/.exec(section)![1];
  const out = mkdtempSync(join(tmpdir(), 'cdk-fleet-readme-'));
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const source = code.replace("from 'cdk-fleet'", "from '../lib'").replace('new FleetApp()', `new FleetApp({ outdir: ${JSON.stringify(out)} })`);
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    new Function('require', 'exports', js)((m: string) => require(m === '../lib' ? '../lib' : m), {});
    const yaml = readFileSync(join(out, 'kubefleet.k8s.yaml'), 'utf8');
    for (const kind of ['MemberCluster', 'ClusterResourcePlacement', 'ClusterStagedUpdateStrategy', 'ClusterStagedUpdateRun']) expect(yaml).toContain(`kind: ${kind}\n`);
    const plan = JSON.parse(readFileSync(join(out, 'fleet-plan.json'), 'utf8'));
    const web = plan.workloads.find((w: any) => w.id === 'ClusterResourcePlacement web');
    expect(web.waves.map((w: any) => [w.label.split(' (')[0], w.clusters])).toEqual([['stage canary', ['eu-1']], ['stage rest', ['eu-2']]]);
    expect(plan.clusters.find((c: any) => c.name === 'dev-1').notPlacedBy.map((n: any) => n.subject)).toContain('ClusterResourcePlacement web');
  } finally {
    stderr.mockRestore();
    rmSync(out, { recursive: true, force: true });
  }
});
