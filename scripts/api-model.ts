/**
 * The public API of the package, read with the TypeScript checker from its entry points
 * (`lib/index.ts` → `cdk-fleet`, `lib/terraform/index.ts` → `cdk-fleet/terraform`): every exported
 * declaration reachable from them, through `export *` and `export * as ns`. Used by the API
 * reference generator (scripts/api-docs.ts) and by the test that every public member is documented.
 */
import { join } from 'node:path';
import * as ts from 'typescript';

/** One member of a class, interface or enum. */
export interface ApiMember {
  readonly name: string;
  readonly kind: 'property' | 'method' | 'constructor' | 'enum member' | 'getter';
  readonly static: boolean;
  readonly optional: boolean;
  readonly signature: string;
  readonly doc: string;
  readonly defaultValue?: string;
  readonly where: string;
  readonly hasDoc: boolean;
}

/** One exported declaration. */
export interface ApiItem {
  /** Import path: `cdk-fleet` or `cdk-fleet/terraform`. */
  readonly entry: string;
  /** Qualified name: `Hub`, `ocm.Placement`, ... */
  readonly name: string;
  readonly kind: 'class' | 'interface' | 'enum' | 'function' | 'variable' | 'type';
  readonly signature: string;
  readonly doc: string;
  readonly hasDoc: boolean;
  readonly where: string;
  readonly members: readonly ApiMember[];
}

const ENTRIES: readonly [string, string][] = [['cdk-fleet', 'lib/index.ts'], ['cdk-fleet/terraform', 'lib/terraform/index.ts']];

const isInternal = (n: ts.Node) => ts.getJSDocTags(n).some((t) => t.tagName.text === 'internal');
const docOf = (checker: ts.TypeChecker, s: ts.Symbol) => ts.displayPartsToString(s.getDocumentationComment(checker)).trim();
const tagOf = (n: ts.Node, tag: string) => {
  const t = ts.getJSDocTags(n).find((x) => x.tagName.text === tag);
  if (!t) return undefined;
  return (typeof t.comment === 'string' ? t.comment : ts.getTextOfJSDocComment(t.comment) ?? '').trim();
};
const hidden = (m: ts.Node) => {
  const f = ts.getCombinedModifierFlags(m as ts.Declaration);
  const name = (m as { name?: ts.Node }).name?.getText() ?? '';
  return !!(f & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) || name.startsWith('_') || name.startsWith('#') || isInternal(m);
};

/** Reads the public API of the package at `root` (sorted by entry, then qualified name). */
export function readPublicApi(root: string): ApiItem[] {
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile).config;
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const program = ts.createProgram(ENTRIES.map(([, f]) => join(root, f)), { ...parsed.options, noEmit: true });
  const checker = program.getTypeChecker();
  const items: ApiItem[] = [];
  const seen = new Set<string>();
  const where = (d: ts.Node) => {
    const sf = d.getSourceFile();
    return `${sf.fileName.slice(root.length + 1)}:${sf.getLineAndCharacterOfPosition(d.getStart()).line + 1}`;
  };
  /** The declaration's text without its body or members, on one line. */
  const sig = (d: ts.Node) => {
    const sf = d.getSourceFile();
    const body = (d as { body?: ts.Node }).body;
    let text: string;
    if (body) text = sf.text.slice(d.getStart(), body.getStart());
    else if (ts.isClassDeclaration(d) || ts.isInterfaceDeclaration(d) || ts.isEnumDeclaration(d)) text = sf.text.slice(d.getStart(), d.members.pos);
    else text = d.getText();
    return text.replace(/\s+/g, ' ').trim().replace(/[;{]\s*$/, '').trim();
  };
  const membersOf = (d: ts.Declaration): ApiMember[] => {
    const out: ApiMember[] = [];
    const nodes: readonly ts.Node[] = ts.isClassDeclaration(d) || ts.isInterfaceDeclaration(d) ? d.members : ts.isEnumDeclaration(d) ? d.members : [];
    for (const m of nodes) {
      if (ts.isIndexSignatureDeclaration(m) || ts.isClassStaticBlockDeclaration(m) || ts.isSemicolonClassElement(m)) continue;
      if (ts.isConstructorDeclaration(m)) {
        if (hidden(m) || !m.body && !ts.isClassDeclaration(d)) continue;
        if (ts.getCombinedModifierFlags(m) & ts.ModifierFlags.Private) continue;
        out.push({ name: 'constructor', kind: 'constructor', static: false, optional: false, signature: sig(m), doc: '', where: where(m), hasDoc: true });
        continue;
      }
      if (hidden(m)) continue;
      const sym = (m as ts.NamedDeclaration).name ? checker.getSymbolAtLocation((m as ts.NamedDeclaration).name!) : undefined;
      const name = (m as ts.NamedDeclaration).name?.getText() ?? '?';
      const kind: ApiMember['kind'] = ts.isEnumMember(m) ? 'enum member' : ts.isMethodDeclaration(m) || ts.isMethodSignature(m) ? 'method' : ts.isGetAccessor(m) || ts.isSetAccessor(m) ? 'getter' : 'property';
      const isStatic = !!(ts.getCombinedModifierFlags(m as ts.Declaration) & ts.ModifierFlags.Static);
      const optional = !!(m as { questionToken?: ts.Node }).questionToken;
      // A constant defined once elsewhere (`CLUSTER_SET = OCM_CLUSTER_SET_LABEL`) shows its value, not the name.
      let signature = sig(m);
      if (ts.isPropertyDeclaration(m) && m.initializer && ts.isIdentifier(m.initializer)) {
        const t = checker.getTypeAtLocation(m.initializer);
        if (t.isStringLiteral() || t.isNumberLiteral()) signature = signature.replace(new RegExp(`= ${m.initializer.text}$`), `= ${checker.typeToString(t).replace(/^"(.*)"$/, "'$1'")}`);
      }
      out.push({
        name, kind, static: isStatic, optional,
        signature,
        doc: sym ? docOf(checker, sym) : '',
        defaultValue: tagOf(m, 'default'),
        where: where(m),
        hasDoc: ts.getJSDocCommentsAndTags(m).length > 0,
      });
    }
    return out;
  };
  const visitModule = (entry: string, prefix: string, moduleSymbol: ts.Symbol) => {
    for (const exp of checker.getExportsOfModule(moduleSymbol)) {
      const target = exp.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exp) : exp;
      const qualified = prefix + exp.name;
      const decl = target.declarations?.[0];
      if (!decl) continue;
      if (ts.isSourceFile(decl) || ts.isModuleDeclaration(decl)) {
        visitModule(entry, `${qualified}.`, target);
        continue;
      }
      if (isInternal(decl)) continue;
      const key = `${entry}|${qualified}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const kind: ApiItem['kind'] = ts.isClassDeclaration(decl) ? 'class' : ts.isInterfaceDeclaration(decl) ? 'interface' : ts.isEnumDeclaration(decl) ? 'enum'
        : ts.isFunctionDeclaration(decl) ? 'function' : ts.isTypeAliasDeclaration(decl) ? 'type' : 'variable';
      const docNode = ts.isVariableDeclaration(decl) ? decl.parent.parent : decl;
      items.push({
        entry, name: qualified, kind,
        signature: kind === 'variable' ? `const ${qualified.split('.').pop()}: ${checker.typeToString(checker.getTypeOfSymbolAtLocation(target, decl))}` : sig(decl),
        doc: docOf(checker, target),
        hasDoc: ts.getJSDocCommentsAndTags(docNode).length > 0,
        where: where(decl),
        members: membersOf(decl as ts.Declaration),
      });
    }
  };
  for (const [entry, file] of ENTRIES) {
    const sf = program.getSourceFile(join(root, file));
    const sym = sf && checker.getSymbolAtLocation(sf);
    if (!sym) throw new Error(`cannot read entry point ${file}`);
    visitModule(entry, '', sym);
  }
  return items.sort((a, b) => (a.entry !== b.entry ? (a.entry < b.entry ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** What is undocumented in the public API: members without JSDoc, optional props without @default. */
export function apiDocProblems(items: readonly ApiItem[]): string[] {
  const out: string[] = [];
  for (const it of items) {
    if (!it.hasDoc) out.push(`${it.where} ${it.name}: no JSDoc`);
    for (const m of it.members) {
      if (m.kind === 'constructor') continue;
      if (!m.hasDoc) out.push(`${m.where} ${it.name}.${m.name}: no JSDoc`);
      else if (it.kind === 'interface' && /(Props|Options)$/.test(it.name) && m.optional && m.kind === 'property' && m.defaultValue === undefined) {
        out.push(`${m.where} ${it.name}.${m.name}: optional without @default`);
      }
    }
  }
  return out;
}
