/**
 * `npm run docs`: writes docs/API.md, the API reference of the package, from the JSDoc of
 * everything `cdk-fleet` and `cdk-fleet/terraform` export (read by scripts/api-model.ts).
 * `npm run docs -- --check` exits 1 when docs/API.md is not current (run in the test suite).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ApiItem, ApiMember, readPublicApi } from './api-model';

const root = resolve(__dirname, '..');
/** Where the reference is written. */
export const API_DOCS = join(root, 'docs', 'API.md');

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();
const cell = (s: string) => oneLine(s).replace(/\|/g, '\\|');
const anchor = (entry: string, name: string) => `${entry}-${name}`.toLowerCase().replace(/[^a-z0-9]+/g, '-');

function member(m: ApiMember): string {
  const flags = [m.static ? 'static' : '', m.optional ? 'optional' : '', m.kind === 'getter' ? 'getter' : ''].filter(Boolean).join(', ');
  const doc = m.doc ? cell(m.doc) : '';
  const dflt = m.defaultValue !== undefined ? ` *Default:* ${cell(m.defaultValue)}` : '';
  return `| \`${m.name}\`${flags ? ` (${flags})` : ''} | \`${cell(m.signature)}\` | ${doc}${dflt} |`;
}

function item(it: ApiItem): string[] {
  const out = [`### ${it.name}`, '', `<a id="${anchor(it.entry, it.name)}"></a>${it.kind} · \`import { ${it.name.split('.')[0]} } from '${it.entry}'\``, ''];
  if (it.doc) out.push(it.doc.trim(), '');
  out.push('```ts', it.signature, '```', '');
  const members = it.members.filter((m) => m.kind !== 'constructor' || it.kind === 'class');
  if (members.length) {
    out.push('| member | signature | description |', '| --- | --- | --- |', ...members.map(member), '');
  }
  return out;
}

/** docs/API.md for `api` (default: read from the entry points). */
export function renderApiDocs(api: readonly ApiItem[] = readPublicApi(root)): string {
  const lines = [
    '# API reference',
    '',
    'Generated from the JSDoc by `npm run docs` (scripts/api-docs.ts); do not edit by hand. The test suite fails when it is not current.',
    '',
  ];
  for (const entry of ['cdk-fleet', 'cdk-fleet/terraform']) {
    const items = api.filter((i) => i.entry === entry);
    lines.push(`## \`${entry}\``, '');
    const groups = new Map<string, ApiItem[]>();
    for (const i of items) {
      const ns = i.name.includes('.') ? i.name.split('.').slice(0, -1).join('.') : '';
      if (!groups.has(ns)) groups.set(ns, []);
      groups.get(ns)!.push(i);
    }
    lines.push('| name | kind | summary |', '| --- | --- | --- |');
    for (const i of items) lines.push(`| [${i.name}](#${anchor(entry, i.name)}) | ${i.kind} | ${cell(i.doc.split(/\.\s|\n\n/)[0] ?? '')} |`);
    lines.push('');
    for (const [, group] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      for (const i of group) lines.push(...item(i));
    }
  }
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

if (require.main === module) {
  const text = renderApiDocs();
  if (process.argv.includes('--check')) {
    let current = '';
    try { current = readFileSync(API_DOCS, 'utf8'); } catch { /* missing */ }
    if (current !== text) {
      console.error('docs/API.md is not current: run npm run docs');
      process.exitCode = 1;
    }
  } else {
    writeFileSync(API_DOCS, text);
    console.log(`wrote ${API_DOCS}`);
  }
}
