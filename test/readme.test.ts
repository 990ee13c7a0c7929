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
