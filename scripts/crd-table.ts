// `npx tsx scripts/crd-table.ts [crds-dir]`: regenerates lib/core/crds.generated.ts from the
// CRDs in ../shared/crds (the default), so the CLI knows, without reading ../shared at run time, per
// API group and kind: the scope, every version with served / storage / deprecated, the schema
// defaults of each served version (to compare an object with its `kubectl get -o yaml` export) and
// the integer and boolean fields of the kinds the plan reads (a string there is rejected by the API
// server). test/plan/input-versions.test.ts checks that the committed file is what this produces.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { CrdKindFacts, CrdVersionFacts, DefaultNode, TypedField } from '../lib/core/api-facts';

type Obj = Record<string, any>;

/** The generated file, relative to the repository root. */
export const CRD_TABLE_FILE = join('lib', 'core', 'crds.generated.ts');

/** The kinds whose integer and boolean fields are listed (those the plan reads, by group). */
const TYPED_KINDS: Readonly<Record<string, readonly string[]>> = {
  'cluster.open-cluster-management.io': ['ManagedCluster', 'ManagedClusterSet', 'ManagedClusterSetBinding', 'Placement', 'PlacementDecision', 'AddOnPlacementScore'],
  'work.open-cluster-management.io': ['ManifestWork', 'ManifestWorkReplicaSet'],
  'addon.open-cluster-management.io': ['ClusterManagementAddOn', 'ManagedClusterAddOn'],
  'operator.open-cluster-management.io': ['ClusterManager'],
  'policy.open-cluster-management.io': ['Policy', 'PlacementBinding', 'PolicySet'],
  'config.projectsveltos.io': ['ClusterProfile', 'Profile'],
  'lib.projectsveltos.io': ['SveltosCluster', 'ClusterSet', 'Set'],
  'multicluster.x-k8s.io': ['ClusterProfile'],
};

/** The defaults under schema `s` (status and metadata excluded at the top), or undefined when none. */
function defaultsOf(s: Obj | undefined, top = false): DefaultNode | undefined {
  if (!s || typeof s !== 'object') return undefined;
  const node: { d?: unknown; p?: Record<string, DefaultNode>; i?: DefaultNode; a?: DefaultNode } = {};
  if (!top && 'default' in s) node.d = s.default;
  if (s.properties) {
    const p: Record<string, DefaultNode> = {};
    for (const k of Object.keys(s.properties).sort()) {
      if (top && (k === 'status' || k === 'metadata')) continue;
      const c = defaultsOf(s.properties[k]);
      if (c) p[k] = c;
    }
    if (Object.keys(p).length) node.p = p;
  }
  const items = defaultsOf(s.items);
  if (items) node.i = items;
  const more = typeof s.additionalProperties === 'object' ? defaultsOf(s.additionalProperties) : undefined;
  if (more) node.a = more;
  return Object.keys(node).length ? node : undefined;
}

/** The integer, number and boolean fields under schema `s` (int-or-string fields excluded), as `spec.a[].b`. */
function typedFieldsOf(s: Obj | undefined, path: string, out: TypedField[]): void {
  if (!s || typeof s !== 'object' || s['x-kubernetes-int-or-string']) return;
  if (s.type === 'integer' || s.type === 'number' || s.type === 'boolean') {
    out.push({
      path,
      type: s.type,
      ...(typeof s.format === 'string' ? { format: s.format } : {}),
      ...(typeof s.minimum === 'number' ? { minimum: s.minimum } : {}),
      ...(typeof s.maximum === 'number' ? { maximum: s.maximum } : {}),
    });
    return;
  }
  for (const k of Object.keys(s.properties ?? {}).sort()) {
    if (path === '' && (k === 'status' || k === 'metadata' || k === 'apiVersion' || k === 'kind')) continue;
    typedFieldsOf(s.properties[k], path ? `${path}.${k}` : k, out);
  }
  if (s.items) typedFieldsOf(s.items, `${path}[]`, out);
  if (typeof s.additionalProperties === 'object') typedFieldsOf(s.additionalProperties, `${path}{}`, out);
}

/** Every CustomResourceDefinition under `dir` (one folder per project), sorted by group and kind. */
export function crdTable(dir: string): CrdKindFacts[] {
  const out: CrdKindFacts[] = [];
  for (const project of readdirSync(dir).sort()) {
    let files: string[];
    try {
      files = readdirSync(join(dir, project)).sort();
    } catch {
      continue;
    }
    for (const f of files) {
      if (!/\.ya?ml$/.test(f)) continue;
      for (const doc of parseAllDocuments(readFileSync(join(dir, project, f), 'utf8'))) {
        const crd = doc.toJS() as Obj | null;
        if (!crd || crd.kind !== 'CustomResourceDefinition') continue;
        const { group } = crd.spec;
        const { kind } = crd.spec.names;
        const typed = (TYPED_KINDS[group] ?? []).includes(kind);
        const versions: CrdVersionFacts[] = (crd.spec.versions as Obj[]).map((v) => {
          const fields: TypedField[] = [];
          if (typed && v.served) typedFieldsOf(v.schema?.openAPIV3Schema, '', fields);
          const defaults = v.served ? defaultsOf(v.schema?.openAPIV3Schema, true) : undefined;
          return {
            name: v.name,
            served: v.served === true,
            storage: v.storage === true,
            ...(v.deprecated ? { deprecated: true } : {}),
            ...(defaults ? { defaults } : {}),
            ...(fields.length ? { typed: fields } : {}),
          };
        });
        out.push({ group, kind, scope: crd.spec.scope, file: `${project}/${f}`, versions });
      }
    }
  }
  return out.sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
}

/** The TypeScript source of the generated table. */
export function renderCrdTable(entries: readonly CrdKindFacts[]): string {
  return [
    '// Generated by scripts/crd-table.ts from the CRDs in ../shared/crds: do not edit; run',
    '// `npx tsx scripts/crd-table.ts` after the CRDs change (test/plan/input-versions.test.ts checks it).',
    '// Per API group and kind: scope, versions (served / storage / deprecated), the schema defaults of',
    '// each served version, and the integer / boolean fields of the kinds the plan reads.',
    "import type { CrdKindFacts } from './api-facts';",
    '',
    '/** What the CRDs say, one entry per kind (sorted by group, then kind). @internal */',
    'export const CRD_FACTS: readonly CrdKindFacts[] = [',
    ...entries.map((e) => `  ${JSON.stringify(e)},`),
    '];',
    '',
  ].join('\n');
}

if (require.main === module) {
  const root = resolve(__dirname, '..');
  const dir = process.argv[2] ? resolve(process.argv[2]) : resolve(root, '..', 'shared', 'crds');
  const text = renderCrdTable(crdTable(dir));
  writeFileSync(join(root, CRD_TABLE_FILE), text);
  process.stdout.write(`${CRD_TABLE_FILE}: ${text.length} characters\n`);
}
