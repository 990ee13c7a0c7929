// Checking each object before it is planned, as the API server (and kubectl) would: kind and
// apiVersion (versions no longer served are planned as the served one, with a warning; versions that
// never existed are refused), the namespace (kubectl -n semantics), names, labels and annotations
// (k8s.io/apimachinery pkg/api/validation/objectmeta.go), the CRDs' integer and boolean fields,
// quantities and the declared-claims annotation. Every problem is reported, not just the first.
import { dnsLabelProblem, dnsSubdomainProblem, labelKeyProblem, labelValueProblem } from '../../core/names';
import { PLAN_DECLARED_CLAIMS_ANNOTATION } from '../../core/plan-annotations';
import { parseQuantity } from '../../core/quantity';
import { editDistance } from '../../core/validate';
import { convertRemovedVersion, goYamlPlainScalar } from './convert';
import { ApiFacts, CrdVersionFacts, TypedField } from '../../core/api-facts';
import type { RawObject } from './read';
import type { InputReport } from './report';

type Obj = Record<string, any>;

/** The annotation FleetApp writes with the claims declared in code (hub-emulation.ts DECLARED_CLAIMS_ANNOTATION). */
const DECLARED_CLAIMS = PLAN_DECLARED_CLAIMS_ANNOTATION;
/** k8s.io/apimachinery pkg/api/validation/objectmeta.go TotalAnnotationSizeLimitB. */
const ANNOTATIONS_LIMIT = 256 * 1024;
const INT32 = { min: -2147483648, max: 2147483647 };
/** Longer strings are not parsed as quantities (no real one comes close). */
const MAX_QUANTITY_LENGTH = 64;
/** Kinds whose names are RBAC path segments (`system:controller:x` is valid), not DNS subdomains. */
const PATH_SEGMENT_NAMES = new Set(['rbac.authorization.k8s.io/Role', 'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/RoleBinding', 'rbac.authorization.k8s.io/ClusterRoleBinding']);
/** Client-side configuration that is not applied to a cluster. */
const CLIENT_SIDE_GROUPS = new Set(['kustomize.config.k8s.io', 'config.kubernetes.io']);
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What checking needs besides the object. @internal */
export interface CheckContext {
  /** The default namespace for namespaced objects without one (`--namespace`, as `kubectl apply -n`). */
  readonly namespace?: string;
  readonly report: InputReport;
}

/** A checked object, ready to plan, and where it came from. @internal */
export interface CheckedObject {
  readonly object: Obj;
  readonly raw: RawObject;
  readonly group: string;
  /** `Kind ns/name`. */
  readonly subject: string;
  /** `group|kind|namespace|name`: the identity of the object on the hub. */
  readonly key: string;
  /** The served version it is planned as (for CRD kinds). */
  readonly version?: CrdVersionFacts;
}

/** `s` cut to `max` characters (hostile input may hold huge values; messages stay one readable line). */
function clip(s: string, max = 100): string {
  return s.length > max ? `${s.slice(0, max - 3)}...` : s;
}

/** `v` as JSON, cut to `max` characters. */
function shown(v: unknown, max = 100): string {
  return clip(JSON.stringify(v) ?? String(v), max);
}

function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  return typeof v === 'number' ? 'a number' : typeof v === 'boolean' ? 'a boolean' : `a ${typeof v}`;
}

/** Why `name` is not a valid name for `group/kind`, or undefined. */
function nameProblem(group: string, kind: string, name: string): string | undefined {
  if (group === 'cluster.open-cluster-management.io' && kind === 'ManagedCluster') {
    const p = dnsLabelProblem(name);
    return p && `is not a valid ManagedCluster name: it ${p} (it names the cluster's namespace on the hub, so it is a DNS-1123 label, e.g. "prod-eu-1")`;
  }
  if (group === '' && kind === 'Namespace') {
    const p = dnsLabelProblem(name);
    return p && `is not a valid namespace name: it ${p} (a DNS-1123 label, e.g. "fleet-apps")`;
  }
  if (PATH_SEGMENT_NAMES.has(`${group}/${kind}`)) {
    return name === '.' || name === '..' || /[/%]/.test(name) ? 'is not a valid name: it may not be "." or ".." or contain "/" or "%"' : undefined;
  }
  const p = dnsSubdomainProblem(name);
  return p && `is not a valid name: it ${p} (a DNS-1123 subdomain, e.g. "web-canary")`;
}

/** Every value at `path` (`spec.a[].b`, `{}` = every map value) under `o`, with its concrete path. */
function valuesAt(o: unknown, path: string): { at: (string | number)[]; value: unknown }[] {
  const parts = path.match(/[^.[\]{}]+|\[\]|\{\}/g) ?? [];
  let current: { at: (string | number)[]; value: unknown }[] = [{ at: [], value: o }];
  for (const part of parts) {
    const next: typeof current = [];
    for (const c of current) {
      if (part === '[]') {
        if (Array.isArray(c.value)) c.value.forEach((v, i) => next.push({ at: [...c.at, i], value: v }));
      } else if (part === '{}') {
        if (isObj(c.value)) for (const [k, v] of Object.entries(c.value)) next.push({ at: [...c.at, k], value: v });
      } else if (isObj(c.value) && c.value[part] !== undefined) {
        next.push({ at: [...c.at, part], value: c.value[part] });
      }
    }
    current = next;
  }
  return current;
}

/** `spec.tolerations[0].tolerationSeconds`. */
function pathText(at: readonly (string | number)[]): string {
  return at.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('');
}

/** Sets `value` at concrete path `at` under `o`. */
function setAt(o: Obj, at: readonly (string | number)[], value: unknown): void {
  let x: any = o;
  for (const p of at.slice(0, -1)) x = x[p];
  x[at[at.length - 1]] = value;
}

/**
 * Checks one object; returns it ready to plan (namespace defaulted, a removed apiVersion read as the
 * served one), or undefined when it is not an object (skipped, with a warning) or has problems
 * (each reported).
 * @internal
 */
export function checkObject(raw: RawObject, ctx: CheckContext): CheckedObject | undefined {
  const { report } = ctx;
  const o = raw.value;
  const file = raw.file.display;
  const line = raw.line;
  const where = `${raw.item !== undefined ? `items[${raw.item}]` : 'document'}${line ? ` at line ${line}` : ''}`;
  if (o.kind === undefined || o.kind === null) {
    report.warn(raw.file.rel, `${where} is a mapping without kind${o.apiVersion === undefined ? ' or apiVersion' : ''} (a Helm values file or Chart.yaml?), not a Kubernetes object; skipped`);
    return undefined;
  }
  let problems = 0;
  const problem = (subject: string | undefined, message: string) => {
    problems++;
    report.problem({ file, line, subject, message });
  };
  if (typeof o.kind !== 'string' || o.kind === '') {
    problem(undefined, `${where}: kind must be a non-empty string, got ${typeName(o.kind)}`);
    return undefined;
  }
  const kind: string = o.kind;
  const kindShown = clip(kind);
  const name = isObj(o.metadata) ? o.metadata.name : undefined;
  const provisional = `${kindShown} ${typeof name === 'string' ? clip(name) : '(no name)'}`;
  if (typeof o.apiVersion !== 'string' || o.apiVersion === '') {
    const known = ApiFacts.crdsNamed(kind).map((c) => `${c.group}/${ApiFacts.preferredVersion(c)?.name}`);
    problem(provisional, `has no apiVersion${o.apiVersion === undefined ? '' : ` (got ${typeName(o.apiVersion)})`}; add it${known.length ? `, e.g. apiVersion: ${known.join(' or ')}` : ''}`);
    return undefined;
  }
  const slash = o.apiVersion.split('/');
  if (slash.length > 2 || slash.some((s: string) => s === '')) {
    problem(provisional, `apiVersion ${shown(o.apiVersion)} is not GROUP/VERSION or VERSION (e.g. cluster.open-cluster-management.io/v1beta1 or v1)`);
    return undefined;
  }
  const group = slash.length === 2 ? slash[0] : '';
  const version = slash[slash.length - 1];
  if (CLIENT_SIDE_GROUPS.has(group)) {
    report.warn(raw.file.rel, `${where} is a ${kindShown} (${clip(o.apiVersion)}), client-side configuration rather than an object for the hub; skipped (plan the output of kustomize build instead)`);
    return undefined;
  }
  if (o.metadata !== undefined && !isObj(o.metadata)) {
    problem(provisional, `metadata must be a map, got ${typeName(o.metadata)}`);
    return undefined;
  }
  const metadata: Obj = o.metadata ?? {};
  if (typeof metadata.name !== 'string' || metadata.name === '') {
    problem(kindShown, `${where} has no metadata.name${metadata.generateName ? ' (generateName is not supported: kubectl apply needs a name)' : ''}; every object needs one`);
    return undefined;
  }

  // The namespace, as kubectl apply -n would set it; cluster-scoped objects have none on the server.
  const scope = ApiFacts.scope(group, kind);
  if (metadata.namespace !== undefined && metadata.namespace !== null && typeof metadata.namespace !== 'string') {
    problem(`${kindShown} ${clip(metadata.name)}`, `metadata.namespace must be a string, got ${typeName(metadata.namespace)}`);
  }
  const given = typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : undefined;
  let namespace = given;
  if (scope === 'Namespaced') {
    if (!given && ctx.namespace) namespace = ctx.namespace;
    else if (!given) {
      problem(`${kindShown} ${clip(metadata.name)}`, `is namespaced but has no metadata.namespace (kubectl would apply it to the current context's namespace); add metadata.namespace, or plan with --namespace NAMESPACE as for kubectl apply -n NAMESPACE`);
    } else if (ctx.namespace && given !== ctx.namespace) {
      problem(`${kindShown} ${clip(given)}/${clip(metadata.name)}`, `metadata.namespace ${shown(given)} does not match --namespace ${ctx.namespace} (kubectl apply -n ${ctx.namespace} refuses it too); remove one of them`);
    }
  } else if (scope === 'Cluster') {
    namespace = undefined;
  }
  const subject = `${kindShown} ${namespace ? `${clip(namespace)}/` : ''}${clip(metadata.name)}`;
  const here = (message: string) => problem(subject, message);
  const planned: Obj = { ...o, metadata: { ...metadata } };
  if (namespace) planned.metadata.namespace = namespace;
  else delete planned.metadata.namespace;

  // apiVersion against the CRDs and what upstream removed.
  const crd = ApiFacts.crd(group, kind);
  let served: CrdVersionFacts | undefined;
  if (crd) {
    const v = crd.versions.find((x) => x.name === version);
    const preferred = ApiFacts.preferredVersion(crd)!;
    const removed = ApiFacts.removed(group, kind, version);
    const servedNames = crd.versions.filter((x) => x.served).map((x) => x.name).join(', ');
    if (v?.served) {
      served = v;
      if (v.deprecated) report.warn(subject, `${raw.file.rel}: apiVersion ${o.apiVersion} is deprecated; the hub serves ${group}/${preferred.name} (its storage version): change the apiVersion`);
    } else if (v || removed) {
      served = preferred;
      const converted = convertRemovedVersion(planned, group, preferred.name);
      if (converted.error) here(converted.error);
      else {
        report.warn(subject, `${raw.file.rel}: apiVersion ${group}/${version} is no longer served by the hub (${removed ? `removed in ${removed.removedIn}` : 'the CRD no longer serves it'}); planned as ${group}/${preferred.name}, the served version${converted.note ? ` (${converted.note})` : ''}: change the apiVersion before applying`);
      }
    } else {
      here(`apiVersion ${clip(o.apiVersion)} does not exist: ${kind} of ${group} is served as ${servedNames}; use apiVersion: ${group}/${preferred.name}`);
    }
  } else {
    const kinds = ApiFacts.kindsOf(group);
    const near = kind.length > 64 ? undefined : kinds.find((k) => k.toLowerCase() === kind.toLowerCase() || k.toLowerCase() === kind.toLowerCase().replace(/s$/, '') || editDistance(k, kind) <= 2);
    if (near) report.warn(subject, `${raw.file.rel}: ${group} has no kind ${kind} (did you mean ${near}?); not planned`);
  }

  // Names (apimachinery ValidateObjectMetaAccessor: the kind's name rule, the namespace a DNS label).
  const np = nameProblem(group, kind, metadata.name);
  if (np) here(`metadata.name ${shown(metadata.name)} ${np}`);
  if (given) {
    const p = dnsLabelProblem(given);
    if (p) here(`metadata.namespace ${shown(given)} is not a valid namespace: it ${p} (a DNS-1123 label, e.g. "fleet-apps")`);
  }

  // Labels and annotations are maps of strings: kubectl and the API server refuse anything else.
  const stringMap = (field: 'labels' | 'annotations'): Record<string, string> | undefined => {
    const m = metadata[field];
    if (m === undefined || m === null) return undefined;
    if (!isObj(m)) {
      here(`metadata.${field} must be a map of strings, got ${typeName(m)}`);
      return undefined;
    }
    const what = field === 'labels' ? 'label' : 'annotation';
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(m)) {
      if (v === null) { out[k] = ''; continue; } // a null value reaches the server as ""
      // kubectl reads YAML 1.1 (go-yaml v2): an unquoted yes, on or 1_000 is not a string there.
      // (A plain scalar's value is its text, so only values that would resolve otherwise are looked up.)
      const suspect = typeof v !== 'string' || goYamlPlainScalar(v).type !== 'string';
      const src = suspect ? raw.scalar(['metadata', field, k]) : undefined;
      const kubectl = src?.plain ? goYamlPlainScalar(src.text) : undefined;
      if (typeof v === 'string' && (!kubectl || kubectl.type === 'string' || kubectl.type === 'null')) {
        out[k] = v;
        continue;
      }
      const seen = kubectl && kubectl.type !== 'string' && kubectl.type !== 'null' ? kubectl.value : v;
      const text = clip(src?.text ?? shown(v), 60);
      here(`${what} ${k}: ${text} is ${typeName(seen)}${typeof v === 'string' ? ' to kubectl (YAML 1.1)' : ''}, and ${what} values are strings; quote it: ${k}: ${shown(src?.plain ? src.text : String(v), 60)}`);
    }
    planned.metadata[field] = out;
    return out;
  };
  const labels = stringMap('labels');
  for (const [k, v] of Object.entries(labels ?? {})) {
    const kp = labelKeyProblem(k);
    if (kp) here(`label key ${shown(k)} is invalid: it ${kp}`);
    const vp = labelValueProblem(v);
    if (vp) here(`label ${clip(k)}=${shown(v, 80)} has an invalid value: it ${vp}`);
  }
  const annotations = stringMap('annotations');
  let annotationBytes = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    const kp = labelKeyProblem(k.toLowerCase());
    if (kp) here(`annotation key ${shown(k)} is invalid: it ${kp}`);
    annotationBytes += Buffer.byteLength(k) + Buffer.byteLength(v);
  }
  if (annotationBytes > ANNOTATIONS_LIMIT) here(`annotations total ${annotationBytes} bytes, over the API server's limit of ${ANNOTATIONS_LIMIT} (256 KiB); move large data to a ConfigMap`);
  const claims = annotations?.[DECLARED_CLAIMS];
  if (claims !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(claims);
    } catch {
      parsed = undefined;
    }
    const bad = !isObj(parsed) ? 'is not a JSON object' : Object.entries(parsed).find(([, x]) => typeof x !== 'string');
    if (bad) {
      here(`annotation ${DECLARED_CLAIMS} ${typeof bad === 'string' ? bad : `has claim ${shown(bad[0])} whose value is ${typeName(bad[1])}`} (got ${shown(claims, 60)}); it must be a JSON object of claim name to string value, e.g. {"region.open-cluster-management.io":"eu-west-1"}`);
    }
  }

  // The CRD's integer and boolean fields (a quoted "3" is rejected by the API server's schema check).
  for (const field of served?.typed ?? []) checkTyped(planned, field, raw, here);

  // Quantities the hub reports for a cluster (resource.ParseQuantity).
  if (group === 'cluster.open-cluster-management.io' && kind === 'ManagedCluster' && isObj(o.status)) {
    for (const part of ['allocatable', 'capacity']) {
      const m = o.status[part];
      if (m === undefined || m === null) continue;
      if (!isObj(m)) { here(`status.${part} must be a map of resource name to quantity, got ${typeName(m)}`); continue; }
      for (const [r, q] of Object.entries(m)) {
        const text = typeof q === 'number' ? raw.scalar(['status', part, r])?.text ?? String(q) : q;
        // Real quantities are short; parseQuantity's pattern backtracks quadratically on long digit runs.
        if (typeof text !== 'string' || text.length > MAX_QUANTITY_LENGTH || !parseQuantity(text)) {
          here(`status.${part}.${clip(r)} ${shown(q, 60)} is not a Kubernetes quantity (e.g. "8", "500m", "16Gi", "1.5e3")`);
        }
      }
    }
  }

  // Strings that are not valid Unicode (a lone surrogate from a \ud800 escape) cannot be sent as UTF-8.
  const visit = (v: unknown, at: (string | number)[]): void => {
    if (typeof v === 'string') {
      if (LONE_SURROGATE.test(v)) here(`${pathText(at) || 'a key'} holds an escaped lone UTF-16 surrogate, which is not valid UTF-8 (the API server would store U+FFFD); fix the \\u escape`);
    } else if (Array.isArray(v)) v.forEach((x, i) => visit(x, [...at, i]));
    else if (isObj(v)) {
      for (const [k, x] of Object.entries(v)) {
        if (LONE_SURROGATE.test(k)) here(`key ${shown(k)} under ${pathText(at) || 'the object'} holds an escaped lone UTF-16 surrogate, which is not valid UTF-8; fix the \\u escape`);
        visit(x, [...at, k]);
      }
    }
  };
  visit(o, []);

  if (problems) return undefined;
  return { object: planned, raw, group, subject, key: `${group}|${kind}|${namespace ?? ''}|${metadata.name}`, version: served };
}

/** Checks one integer/number/boolean field of the CRD schema at every place it occurs in `o`. */
function checkTyped(o: Obj, field: TypedField, raw: RawObject, here: (m: string) => void): void {
  for (const { at, value } of valuesAt(o, field.path)) {
    if (value === null) continue;
    const path = pathText(at);
    const src = raw.scalar(at);
    if (field.type === 'boolean') {
      if (typeof value === 'boolean') continue;
      const kubectl = src?.plain ? goYamlPlainScalar(src.text) : undefined;
      if (kubectl?.type === 'bool') { setAt(o, at, kubectl.value); continue; } // kubectl reads `yes` as true
      here(`${path} must be true or false (the CRD says boolean), got ${typeName(value)} ${shown(value, 60)}${typeof value === 'string' && /^(true|false)$/i.test(value) ? `; write ${value.toLowerCase()} without quotes` : ''}`);
      continue;
    }
    if (typeof value !== 'number') {
      const n = typeof value === 'string' && /^[-+]?\d+(\.\d+)?$/.test(value.trim()) ? value.trim() : undefined;
      here(`${path} must be ${field.type === 'integer' ? 'an integer' : 'a number'} (the CRD says ${field.type}), got ${typeName(value)} ${shown(value, 60)}${n ? `; write ${n} without quotes` : ''}`);
      continue;
    }
    if (field.type === 'integer' && !Number.isInteger(value)) {
      here(`${path} must be an integer (the CRD says integer), got ${clip(src?.text ?? String(value), 60)}`);
      continue;
    }
    const min = field.minimum ?? (field.format === 'int32' ? INT32.min : undefined);
    const max = field.maximum ?? (field.format === 'int32' ? INT32.max : undefined);
    if ((min !== undefined && value < min) || (max !== undefined && value > max) || (field.format === 'int64' && !Number.isSafeInteger(value))) {
      here(`${path} must be ${min !== undefined && max !== undefined ? `from ${min} to ${max}` : min !== undefined ? `at least ${min}` : max !== undefined ? `at most ${max}` : 'a 64-bit integer'}${field.format ? ` (${field.format})` : ''}, got ${clip(src?.text ?? String(value), 60)}`);
    }
  }
}
