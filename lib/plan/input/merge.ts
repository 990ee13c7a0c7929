// The same object twice (a source file and a `kubectl get -o yaml` export of it): the same content
// is one object, planned once with a warning; different content is a problem naming both files.
// Compared without what the server and the hub's controllers write: status, server-set metadata
// (resourceVersion, uid, creationTimestamp, managedFields, generation, selfLink, finalizers,
// deletion fields), kubectl's last-applied annotation and, on a ManagedCluster, what the hub and
// the agent add (webhook: the default clusterset label and taints' timeAdded; registration agent:
// managedClusterClientConfigs; addon manager: feature.open-cluster-management.io/addon-* labels;
// agent.open-cluster-management.io/* annotations). Schema defaults of the CRD are applied to both
// sides first (an export carries them), and empty maps and lists count as absent.
import { OCM_ADDON_LABEL_PREFIX, OCM_CLUSTER_SET_LABEL } from '../../core/ocm';
import type { CheckedObject } from './check';
import type { DefaultNode } from '../../core/api-facts';
import type { InputReport } from './report';

type Obj = Record<string, any>;

const SERVER_METADATA = ['resourceVersion', 'uid', 'creationTimestamp', 'managedFields', 'generation', 'selfLink', 'finalizers', 'deletionTimestamp', 'deletionGracePeriodSeconds'];
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const CLUSTERSET_LABEL = OCM_CLUSTER_SET_LABEL;

function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function clone<T>(x: T): T {
  return x === undefined ? x : JSON.parse(JSON.stringify(x));
}

/** Applies schema defaults as the API server's structural defaulting does (absent fields only). */
function applyDefaults(x: unknown, node: DefaultNode | undefined): void {
  if (!node) return;
  if (isObj(x)) {
    for (const [k, child] of Object.entries(node.p ?? {})) {
      if ((x[k] === undefined || x[k] === null) && child.d !== undefined) x[k] = clone(child.d);
    }
    for (const [k, v] of Object.entries(x)) applyDefaults(v, node.p && k in node.p ? node.p[k] : node.a);
  } else if (Array.isArray(x)) {
    for (const v of x) applyDefaults(v, node.i);
  }
}

/** Drops nulls, empty maps and empty lists (what `omitempty` makes equivalent to absent). */
function prune(x: unknown): unknown {
  if (Array.isArray(x)) {
    const a = x.map(prune).filter((v) => v !== undefined);
    return a.length ? a : undefined;
  }
  if (isObj(x)) {
    const out: Obj = {};
    for (const k of Object.keys(x).sort()) {
      const v = prune(x[k]);
      if (v !== undefined) out[k] = v;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return x === null ? undefined : x;
}

/** What is compared of `c`: its content without server- and controller-written fields, defaulted. */
function comparable(c: CheckedObject): unknown {
  const o = clone(c.object);
  delete o.status;
  delete o.apiVersion; // both are read as the same served version already
  const md: Obj = isObj(o.metadata) ? o.metadata : {};
  for (const f of SERVER_METADATA) delete md[f];
  if (isObj(md.annotations)) delete md.annotations[LAST_APPLIED];
  if (c.group === 'cluster.open-cluster-management.io' && o.kind === 'ManagedCluster') {
    md.labels = { [CLUSTERSET_LABEL]: 'default', ...(md.labels ?? {}) };
    if (md.labels[CLUSTERSET_LABEL] === '') md.labels[CLUSTERSET_LABEL] = 'default';
    for (const k of Object.keys(md.labels)) if (k.startsWith(OCM_ADDON_LABEL_PREFIX)) delete md.labels[k];
    for (const k of Object.keys(md.annotations ?? {})) if (k.startsWith('agent.open-cluster-management.io/')) delete md.annotations[k];
    if (isObj(o.spec)) {
      delete o.spec.managedClusterClientConfigs;
      if (Array.isArray(o.spec.taints)) for (const t of o.spec.taints) if (isObj(t)) delete t.timeAdded;
    }
  }
  applyDefaults(o, c.version?.defaults);
  return prune(o);
}

/** The first path where `a` and `b` differ, with both values, or undefined when equal. */
function firstDifference(a: unknown, b: unknown, path = ''): { path: string; a: unknown; b: unknown } | undefined {
  if (isObj(a) && isObj(b)) {
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      const d = firstDifference(a[k], b[k], path ? `${path}.${k}` : k);
      if (d) return d;
    }
    return undefined;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return { path: path || 'the object', a: `${a.length} entries`, b: `${b.length} entries` };
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  return JSON.stringify(a) === JSON.stringify(b) ? undefined : { path: path || 'the object', a, b };
}

function shown(v: unknown): string {
  if (v === undefined) return 'absent';
  const s = typeof v === 'string' && / entries$/.test(v) ? v : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function at(c: CheckedObject): string {
  return `${c.raw.file.display}${c.raw.line ? `:${c.raw.line}` : ''}`;
}

/**
 * One object per identity (group, kind, namespace, name), in input order. Copies with the same
 * content are planned once (the copy with a status if only one has one: it is the export of the
 * hub's object; else the first), with a warning; copies that differ are problems naming both files.
 * @internal
 */
export function mergeDuplicates(objects: readonly CheckedObject[], report: InputReport): Obj[] {
  const first = new Map<string, { kept: CheckedObject; all: CheckedObject[]; comparable: unknown; index: number }>();
  const out: (Obj | undefined)[] = [];
  for (const c of objects) {
    const seen = first.get(c.key);
    if (!seen) {
      first.set(c.key, { kept: c, all: [c], comparable: undefined, index: out.length });
      out.push(c.object);
      continue;
    }
    if (seen.comparable === undefined) seen.comparable = comparable(seen.all[0]);
    const diff = firstDifference(seen.comparable, comparable(c));
    if (diff) {
      const base = seen.all[0];
      report.problem({
        file: c.raw.file.display,
        line: c.raw.line,
        subject: c.subject,
        message: `is also defined in ${at(base)} with different content: ${diff.path} is ${shown(diff.b)} here and ${shown(diff.a)} there; keep one definition (status and server-set metadata such as resourceVersion are not compared)`,
      });
      continue;
    }
    seen.all.push(c);
    if (!isObj(seen.kept.object.status) && isObj(c.object.status)) {
      seen.kept = c;
      out[seen.index] = c.object;
    }
  }
  for (const { kept, all } of first.values()) {
    if (all.length < 2) continue;
    const files = all.map((c) => c.raw.file.rel);
    report.warn(kept.subject, `defined ${all.length} times with the same content (status and server-set metadata aside) in ${files.join(', ')}; planned once, from ${kept.raw.file.rel}`);
  }
  return out.filter((o): o is Obj => o !== undefined);
}
