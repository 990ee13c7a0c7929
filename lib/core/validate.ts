// Validation at the boundary: every public entry point checks the shape and type of what it is
// given with these, so a JavaScript caller (no type checker) gets the same clear error a
// TypeScript caller would, instead of a TypeError from deep inside or a silently wrong default.
// Each throws a FleetValidationError naming the subject, the field, the bad value and what is
// allowed.
import { describeValue, fail } from './errors';
import { dnsLabelProblem, dnsSubdomainProblem } from './names';

/** The largest value of a Kubernetes int32 field. @internal */
export const INT32_MAX = 2147483647;

/** Throws unless `value` is a boolean (the string `'false'` is not `false`). @internal */
export function requireBoolean(subject: string, field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') fail(subject, `${field} must be true or false, got ${describeValue(value)}`);
  return value;
}

/** `requireBoolean` for an optional field: undefined stays undefined. @internal */
export function requireOptionalBoolean(subject: string, field: string, value: unknown): boolean | undefined {
  return value === undefined ? undefined : requireBoolean(subject, field, value);
}

/** Throws unless `value` is a non-empty string. @internal */
export function requireString(subject: string, field: string, value: unknown, hint = ''): string {
  if (typeof value !== 'string' || value === '') fail(subject, `${field} must be a non-empty string, got ${describeValue(value)}${hint ? `; ${hint}` : ''}`);
  return value;
}

/** `requireString` for an optional field. @internal */
export function requireOptionalString(subject: string, field: string, value: unknown, hint = ''): string | undefined {
  return value === undefined ? undefined : requireString(subject, field, value, hint);
}

/** Options of {@link requireInteger}. @internal */
export interface IntegerBounds {
  /** Smallest allowed value. @default 0 */
  readonly min?: number;
  /** Largest allowed value. @default INT32_MAX */
  readonly max?: number;
}

/** Throws unless `value` is an integer within bounds (default: 0 to the int32 maximum). @internal */
export function requireInteger(subject: string, field: string, value: unknown, bounds: IntegerBounds = {}): number {
  const min = bounds.min ?? 0;
  const max = bounds.max ?? INT32_MAX;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(subject, `${field} must be a whole number from ${min} to ${max}${max === INT32_MAX ? ' (a Kubernetes int32)' : ''}, got ${describeValue(value)}`);
  }
  return value;
}

/** `requireInteger` for an optional field. @internal */
export function requireOptionalInteger(subject: string, field: string, value: unknown, bounds: IntegerBounds = {}): number | undefined {
  return value === undefined ? undefined : requireInteger(subject, field, value, bounds);
}

/** Throws unless `value` is an array (a string is not spread into characters); undefined gives []. @internal */
export function requireArray<T>(subject: string, field: string, value: unknown, example = ''): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(subject, `${field} must be a list, got ${describeValue(value)}${example ? `; e.g. ${example}` : ''}`);
  return value as T[];
}

/** Throws unless `value` is a plain object (not an array, not a class instance). @internal */
export function requirePlainObject(subject: string, field: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(subject, `${field} must be an object, got ${describeValue(value)}`);
  return value as Record<string, unknown>;
}

/** Throws unless `value` is a map of string to string (label and annotation maps). @internal */
export function requireStringMap(subject: string, field: string, value: unknown): Record<string, string> {
  if (value === undefined) return {};
  const m = requirePlainObject(subject, field, value);
  for (const [k, v] of Object.entries(m)) {
    if (typeof v !== 'string') fail(subject, `${field}["${k}"] must be a string, got ${describeValue(v)}${typeof v === 'number' || typeof v === 'boolean' ? `; quote it: "${String(v)}"` : ''}`);
  }
  return m as Record<string, string>;
}

/** Edit (Levenshtein) distance, for "did you mean". @internal */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const t = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = t;
    }
  }
  return d[b.length];
}

/** The entry of `allowed` closest to `word` (a case change, a prefix or at most 2 edits), for "did you mean". @internal */
export function closestName(word: string, allowed: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const exact = allowed.find((a) => a.toLowerCase() === lower);
  if (exact) return exact;
  let best: string | undefined;
  let bestDistance = 3;
  for (const a of allowed) {
    const d = word.length > 64 ? Infinity : editDistance(a.toLowerCase(), lower);
    if (d < bestDistance) {
      best = a;
      bestDistance = d;
    }
  }
  return best ?? allowed.find((a) => word.length >= 3 && (a.startsWith(word) || word.startsWith(a)));
}

/** Throws unless `value` has only the keys in `allowed` (catches typos such as `matchLabel`); keys set to undefined are ignored. @internal */
export function requireKnownKeys(subject: string, field: string, value: Record<string, unknown>, allowed: readonly string[]): void {
  for (const k of Object.keys(value)) {
    if (allowed.includes(k) || value[k] === undefined) continue;
    const near = closestName(k, allowed);
    fail(subject, `${field} has an unknown field "${k}"${near ? ` (did you mean "${near}"?)` : ''}; allowed: ${allowed.join(', ')}`);
  }
}

/** Throws unless `value` is a list of strings (a string is not spread into characters); undefined gives []. @internal */
export function requireStringList(subject: string, field: string, value: unknown, example = ''): string[] {
  const list = requireArray<unknown>(subject, field, value, example || (typeof value === 'string' ? JSON.stringify([value]) : ''));
  list.forEach((v, i) => {
    if (typeof v !== 'string') fail(subject, `${field}[${i}] must be a string, got ${describeValue(v)}${typeof v === 'number' || typeof v === 'boolean' ? `; quote it: "${String(v)}"` : ''}`);
  });
  return list as string[];
}

/**
 * Throws unless `value` is an instance of `type` (a value class such as LabelSelector or Duration),
 * naming the factory to use instead of a plain object or string. @internal
 */
export function requireInstance<T>(subject: string, field: string, value: unknown, type: Function & { prototype: T }, factories: string): T {
  if (!(value instanceof type)) fail(subject, `${field} must be a ${type.name} (${factories}), got ${describeValue(value)}`);
  return value as T;
}

/** `requireInstance` for an optional field. @internal */
export function requireOptionalInstance<T>(subject: string, field: string, value: unknown, type: Function & { prototype: T }, factories: string): T | undefined {
  return value === undefined ? undefined : requireInstance(subject, field, value, type, factories);
}

/** Throws unless `value` is one of the values of a string enum. @internal */
export function requireEnum<T extends string>(subject: string, field: string, value: unknown, values: Record<string, T>, enumName: string): T {
  const allowed = Object.values(values);
  if (!allowed.includes(value as T)) {
    fail(subject, `${field} must be one of ${enumName}.${Object.keys(values).join(`, ${enumName}.`)} (${allowed.map((v) => JSON.stringify(v)).join(', ')}), got ${describeValue(value)}`);
  }
  return value as T;
}

/** `requireEnum` for an optional field. @internal */
export function requireOptionalEnum<T extends string>(subject: string, field: string, value: unknown, values: Record<string, T>, enumName: string): T | undefined {
  return value === undefined ? undefined : requireEnum(subject, field, value, values, enumName);
}

/** Throws unless `props` is an object (or undefined when props are optional). @internal */
export function requireProps<T extends object>(subject: string, props: T | undefined, example: string, optional = false): T {
  if (props === undefined && optional) return {} as T;
  if (typeof props !== 'object' || props === null || Array.isArray(props)) fail(subject, `needs props${optional ? ' (an object)' : ''}, got ${describeValue(props)}; e.g. ${example}`);
  return props;
}

/** cdk8s ChartProps keys (a FleetChart's props extend them). @internal */
export const CHART_PROP_KEYS: readonly string[] = ['labels', 'namespace', 'disableResourceNameHashes'];
/** cdk8s AppProps keys (FleetAppProps extends them). @internal */
export const APP_PROP_KEYS: readonly string[] = ['outdir', 'outputFileExtension', 'yamlOutputType', 'recordConstructMetadata', 'resolvers'];

/**
 * {@link requireProps}, then {@link requireKnownKeys}: an object whose keys are all `allowed` (a
 * typo fails with a did-you-mean instead of silently falling back to a default). @internal
 */
export function requireKnownProps<T extends object>(subject: string, props: T | undefined, example: string, allowed: readonly string[], optional = false): T {
  const p = requireProps(subject, props, example, optional);
  requireKnownKeys(subject, 'props', p as Record<string, unknown>, allowed);
  return p;
}

/** The largest total size of a ManifestWork's manifests OCM's webhook accepts (`ManifestLimit`, 500 KiB). @internal */
export const OCM_MANIFEST_LIMIT = 500 * 1024;
/** The largest `data` of a ConfigMap or Secret the API server accepts (1 MiB). @internal */
export const CONFIG_DATA_LIMIT = 1024 * 1024;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const PATH_SEGMENT_KINDS = new Set(['rbac.authorization.k8s.io/Role', 'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/RoleBinding', 'rbac.authorization.k8s.io/ClusterRoleBinding']);

/**
 * Throws for a Kubernetes object the cluster would reject once delivered: a namespaced kind
 * without metadata.namespace, an invalid name, Secret data that is not base64, ConfigMap data
 * that is not strings, or ConfigMap/Secret data over the API server's 1 MiB.
 * @param scopeOf the scope of a `group`/`kind` (built-ins and the known CRDs), undefined when unknown
 * @internal
 */
export function requireDeliverableObject(subject: string, o: Record<string, any>, scopeOf: (group: string, kind: string) => 'Namespaced' | 'Cluster' | undefined): void {
  const apiVersion = String(o.apiVersion);
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '';
  const name = o.metadata?.name;
  const ns = o.metadata?.namespace;
  const what = `${o.kind} "${ns ? `${ns}/` : ''}${name}"`;
  const scope = scopeOf(group, o.kind);
  if (scope === 'Namespaced' && (ns === undefined || ns === '')) {
    fail(subject, `${what} has no metadata.namespace, but a ${o.kind} is namespaced; the agent would not know where to create it. Set metadata.namespace`);
  }
  if (ns !== undefined && ns !== '') {
    const p = dnsLabelProblem(ns);
    if (p) fail(subject, `${what} has metadata.namespace ${JSON.stringify(ns)}, which is not a valid namespace: it ${p}`);
  }
  if (PATH_SEGMENT_KINDS.has(`${group}/${o.kind}`)) {
    if (name === '.' || name === '..' || /[/%]/.test(name)) fail(subject, `${what} has an invalid name: it may not be "." or ".." or contain "/" or "%"`);
  } else if (scope !== undefined) {
    const p = dnsSubdomainProblem(name);
    if (p) fail(subject, `${what} has an invalid metadata.name ${JSON.stringify(name)}: it ${p} (a DNS-1123 subdomain, e.g. "web-canary")`);
  }
  if (group === '' && (o.kind === 'Secret' || o.kind === 'ConfigMap')) {
    let size = 0;
    const binary = o.kind === 'Secret' ? ['data'] : ['binaryData'];
    for (const field of ['data', 'binaryData', 'stringData']) {
      const m = o[field];
      if (m === undefined || m === null) continue;
      if (typeof m !== 'object' || Array.isArray(m)) fail(subject, `${what} ${field} must be a map of keys to strings, got ${describeValue(m)}`);
      for (const [k, v] of Object.entries(m as Record<string, unknown>)) {
        if (typeof v !== 'string') {
          fail(subject, `${what} ${field}["${k}"] must be a string, got ${describeValue(v)}${typeof v === 'number' || typeof v === 'boolean' ? `; quote it: "${String(v)}"` : ''}`);
        }
        if (binary.includes(field) && !BASE64.test(v)) {
          fail(subject, `${what} ${field}["${k}"] is not base64, so the API server rejects the object; encode it (Buffer.from(value).toString('base64'))${o.kind === 'Secret' ? ', or put plain text in stringData' : ''}`);
        }
        size += k.length + (binary.includes(field) ? Math.floor((v.length * 3) / 4) : Buffer.byteLength(v));
      }
    }
    if (size > CONFIG_DATA_LIMIT) fail(subject, `${what} holds ${size} bytes of data, over the ${CONFIG_DATA_LIMIT} bytes (1 MiB) the API server accepts for a ${o.kind}; split it`);
  }
}

/** Throws when `manifests` together exceed OCM's ManifestWork limit (the hub webhook rejects the work). @internal */
export function requireManifestWorkSize(subject: string, manifests: readonly unknown[]): void {
  const size = manifests.reduce<number>((n, m) => n + Buffer.byteLength(JSON.stringify(m)), 0);
  if (size > OCM_MANIFEST_LIMIT) {
    fail(subject, `its manifests total ${size} bytes, over the ${OCM_MANIFEST_LIMIT} bytes (500 KiB) OCM's webhook accepts for one work; split them over several works, or ship large data another way`);
  }
}
