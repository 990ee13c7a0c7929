import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

// Every public member of the library carries JSDoc, and every optional field of an exported
// *Props / *Options interface documents its default (`@default`), as the conventions require.
const root = join(__dirname, '..');
const files: string[] = [];
const walk = (d: string) => {
  for (const e of readdirSync(d)) {
    const p = join(d, e);
    if (statSync(p).isDirectory()) { if (e !== 'imports') walk(p); } else if (e.endsWith('.ts')) files.push(p);
  }
};
walk(join(root, 'lib'));

const hasDoc = (n: ts.Node) => ts.getJSDocCommentsAndTags(n).length > 0;
const isExported = (n: ts.Node) => !!(ts.getCombinedModifierFlags(n as ts.Declaration) & ts.ModifierFlags.Export);
const isPrivate = (n: ts.Node) => {
  const f = ts.getCombinedModifierFlags(n as ts.Declaration);
  const name = (n as any).name?.getText?.() ?? '';
  return !!(f & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) || name.startsWith('_') || name.startsWith('#');
};
const internal = (n: ts.Node) => ts.getJSDocTags(n).some((t) => t.tagName.text === 'internal');

function problems(): string[] {
  const out: string[] = [];
  for (const f of files) {
    const src = ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.ES2022, true);
    const where = (n: ts.Node) => `${relative(root, f)}:${src.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
    for (const st of src.statements) {
      if (!isExported(st) || internal(st)) continue;
      const decls: ts.Node[] = ts.isVariableStatement(st) ? [st] : [st];
      for (const d of decls) {
        const name = (d as any).name?.getText?.() ?? (ts.isVariableStatement(d) ? d.declarationList.declarations[0].name.getText() : '?');
        if (!hasDoc(d)) out.push(`${where(d)} ${name}: no JSDoc`);
        if (ts.isClassDeclaration(d)) {
          for (const m of d.members) {
            if (ts.isConstructorDeclaration(m) || isPrivate(m) || internal(m) || ts.isIndexSignatureDeclaration(m)) continue;
            if (!hasDoc(m)) out.push(`${where(m)} ${name}.${(m as any).name?.getText?.()}: no JSDoc`);
          }
        }
        if (ts.isInterfaceDeclaration(d)) {
          for (const m of d.members) {
            if (ts.isIndexSignatureDeclaration(m)) continue;
            if (!hasDoc(m)) { out.push(`${where(m)} ${name}.${(m as any).name?.getText?.()}: no JSDoc`); continue; }
            if (/(Props|Options)$/.test(name) && ts.isPropertySignature(m) && m.questionToken && !ts.getJSDocTags(m).some((t) => t.tagName.text === 'default')) {
              out.push(`${where(m)} ${name}.${m.name.getText()}: optional without @default`);
            }
          }
        }
      }
    }
  }
  return out;
}

test('every public member has JSDoc and every optional prop a @default', () => {
  expect(problems()).toEqual([]);
});
