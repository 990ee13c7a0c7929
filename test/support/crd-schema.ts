/**
 * Strict validation of emitted Kubernetes objects against the upstream CRD schemas.
 *
 * The CRDs are read at test time from `../shared/crds` relative to the repository root (never copied
 * into the repo). Every object the library emits must be of a kind we can validate: a CRD found there,
 * or a built-in Kubernetes API (`v1`, `apps/v1`, `rbac.authorization.k8s.io/v1`, ...), for which only
 * the metadata is checked.
 *
 * Checked (the API server's structural-schema semantics, made strict):
 * - unknown fields: every object node on the structural path (properties / items / additionalProperties,
 *   not inside oneOf/anyOf/allOf/not) that has no `additionalProperties` and no
 *   `x-kubernetes-preserve-unknown-fields: true` is closed. The API server would silently prune such
 *   fields; for an emitter that is always a bug, so here it is an error.
 * - `type`, `enum`, `pattern`, `format` (date-time, date, byte, int32, int64, float, double, ipv4, ipv6,
 *   uuid, email, hostname and Go-style `duration`; any other format is accepted unchecked),
 *   `minimum`/`maximum` (incl. OpenAPI v3.0 boolean `exclusiveMinimum`/`exclusiveMaximum`),
 *   `minLength`/`maxLength`, `minItems`/`maxItems`, `minProperties`/`maxProperties`, `required`,
 *   `oneOf`/`anyOf`/`allOf`/`not`.
 * - `default`: applied (on a copy) before validation, as the API server does, so a `required` field
 *   that has a schema default may be omitted.
 * - `nullable: true` admits `null`; otherwise `null` is a type error.
 * - `x-kubernetes-int-or-string`: integer or string (string-only keywords such as `pattern` still apply
 *   to the string form).
 * - `x-kubernetes-preserve-unknown-fields: true`: unknown fields are allowed at that node and anything
 *   goes below them (no CRD here combines it with `properties`; if one did, declared properties would
 *   still be checked).
 * - `x-kubernetes-embedded-resource: true`: `apiVersion` and `kind` are required, the embedded
 *   `metadata` is checked like ObjectMeta (name optional) and, when the embedded kind is one of our
 *   CRDs, the whole embedded object is validated too (scope and status rules included).
 * - `x-kubernetes-list-type: set` (no duplicate items) and `map` (no two items with the same
 *   `x-kubernetes-list-map-keys`): the API server rejects duplicates.
 * - top level: `status` must not be present; `metadata.name` is required and a DNS-1123 subdomain;
 *   `metadata.namespace` is required (a DNS-1123 label) for Namespaced kinds and forbidden for Cluster
 *   ones; labels/annotations are maps of strings with valid keys (and label values); server-populated
 *   metadata fields (uid, resourceVersion, creationTimestamp, ...) must not be emitted.
 *
 * NOT checked:
 * - `x-kubernetes-validations` (CEL rules). The CRDs that carry them, with the rules an emitter must
 *   honour by itself (as of the CRD snapshot in ../shared/crds):
 *   - config.projectsveltos.io/v1beta1 ClusterProfile, Profile, ClusterSummary (and the profile specs inside
 *     ClusterPromotion): `policyRefs[]`/`kustomizationRefs[]` need exactly one of `kind` / `remoteURL`;
 *     `helmCharts[]` with an http(s)/oci `repositoryURL` need non-empty `chartName`, `chartVersion` and
 *     `repositoryName`; in `preDeployChecks[]`, `validateHealths[]`, `postDeleteChecks[]`,
 *     `preDeleteChecks[]` a `jobCheck` excludes `script` and `evaluateCEL`. ClusterPromotion: a trigger
 *     needs either `manual` or `auto`.
 *   - lib.projectsveltos.io/v1beta1 EventTrigger: the same `helmCharts`/`policyRefs`/`kustomizationRefs`
 *     rules; `oneForEvent` is immutable.
 *   - lib.projectsveltos.io/v1beta1 ConfigurationGroup: the same `jobCheck` rules; SveltosCluster:
 *     `workloadIdentity` excludes `kubeconfigName`, provider-specific blocks must match `provider`,
 *     `pullMode` is immutable.
 *   - work.open-cluster-management.io ManifestWork v1 / ManifestWorkReplicaSet v1alpha1 and
 *     addon.open-cluster-management.io AddOnTemplate: `conditionRules[]` of type CEL need a `condition`.
 *   - multicluster.x-k8s.io/v1alpha1 ClusterProfile: `spec.clusterManager` is immutable.
 *   - kubefleet (placement.kubernetes-fleet.io, cluster.kubernetes-fleet.io) and cluster.x-k8s.io
 *     Cluster: many rules on placement policies, strategies, update runs and topology.
 * - transition rules (`oldSelf`), immutability, `x-kubernetes-map-type`, admission webhooks and
 *   controller-side semantics (e.g. OCM uses a ManagedCluster's name as a namespace name, so it must in
 *   practice be a DNS-1123 label).
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import * as YAML from 'yaml';

/** Scope of a CRD kind, as declared by `spec.scope`. */
export type CrdScope = 'Namespaced' | 'Cluster';

/** One version of one CRD kind. */
export interface CrdSchemaEntry {
  /** API group, e.g. `cluster.open-cluster-management.io`. */
  readonly group: string;
  /** Version name, e.g. `v1beta1`. */
  readonly version: string;
  /** `group/version`, as written in an object's `apiVersion`. */
  readonly apiVersion: string;
  /** Kind, e.g. `Placement`. */
  readonly kind: string;
  /** Plural resource name, e.g. `placements`. */
  readonly plural: string;
  /** Namespaced or cluster-scoped. */
  readonly scope: CrdScope;
  /** The version's `schema.openAPIV3Schema`, as found in the CRD (not modified). */
  readonly schema: Record<string, unknown>;
  /** `served` flag of the version. */
  readonly served: boolean;
  /** `storage` flag of the version. */
  readonly storage: boolean;
  /** `deprecated` flag of the version. */
  readonly deprecated: boolean;
  /** The CRD file (absolute path) the version was read from. */
  readonly file: string;
}

/** CRD versions indexed by {@link crdKey} (`group/version/Kind`). */
export type CrdIndex = ReadonlyMap<string, CrdSchemaEntry>;

/** Default CRD directory: `../shared/crds` relative to the repository root. */
export const DEFAULT_CRD_DIR = path.resolve(__dirname, '..', '..', '..', 'shared', 'crds');

/**
 * Built-in Kubernetes API versions. Objects of these API versions are accepted without a schema; only
 * their metadata is checked. A CRD under the CRD directory with the same apiVersion and kind wins.
 */
export const BUILT_IN_API_VERSIONS: ReadonlySet<string> = new Set([
  'v1',
  'apps/v1',
  'batch/v1',
  'autoscaling/v1',
  'autoscaling/v2',
  'policy/v1',
  'rbac.authorization.k8s.io/v1',
  'networking.k8s.io/v1',
  'storage.k8s.io/v1',
  'apiextensions.k8s.io/v1',
  'admissionregistration.k8s.io/v1',
  'apiregistration.k8s.io/v1',
  'coordination.k8s.io/v1',
  'discovery.k8s.io/v1',
  'scheduling.k8s.io/v1',
  'certificates.k8s.io/v1',
  'node.k8s.io/v1',
  'events.k8s.io/v1',
  'flowcontrol.apiserver.k8s.io/v1',
  'authentication.k8s.io/v1',
  'authorization.k8s.io/v1',
  'resource.k8s.io/v1',
]);

const BUILT_IN_GROUPS = new Set([...BUILT_IN_API_VERSIONS].map((av) => groupOf(av)));

/** Index key of a kind: `"<apiVersion>/<Kind>"`, e.g. `cluster.open-cluster-management.io/v1/ManagedCluster`. */
export function crdKey(apiVersion: string, kind: string): string {
  return `${apiVersion}/${kind}`;
}

/** True when `apiVersion` is a built-in Kubernetes API version (see {@link BUILT_IN_API_VERSIONS}). */
export function isBuiltInApiVersion(apiVersion: string): boolean {
  return BUILT_IN_API_VERSIONS.has(apiVersion);
}

// ---------------------------------------------------------------------------------------------------
// Loading

interface Registry {
  readonly dir: string;
  readonly index: Map<string, CrdSchemaEntry>;
  ajv?: Ajv;
  readonly validators: Map<string, ValidateFunction>;
}

const registries = new Map<string, Registry>();

/**
 * Reads every CRD (`*.yaml`/`*.yml`, all subfolders, several documents per file allowed) under `dir`
 * and indexes each version by {@link crdKey}. Non-CRD files and documents are skipped. The result is
 * cached per directory for the life of the module (one jest test file). Because parsing the ~5 MB of
 * YAML takes seconds, the parsed index is also kept as JSON under `os.tmpdir()/cdk-fleet-crd-cache`,
 * keyed by the directory and reused while every file's size and mtime are unchanged.
 *
 * @param dir CRD directory; defaults to {@link DEFAULT_CRD_DIR} (`../shared/crds` from the repo root).
 * @throws when the directory is missing, a file does not parse, or two CRDs define the same
 *   apiVersion and kind.
 */
export function loadCrdSchemas(dir: string = DEFAULT_CRD_DIR): CrdIndex {
  return registry(dir).index;
}

function registry(dir: string = DEFAULT_CRD_DIR): Registry {
  const resolved = path.resolve(dir);
  let reg = registries.get(resolved);
  if (!reg) {
    reg = { dir: resolved, index: readCrds(resolved), validators: new Map() };
    registries.set(resolved, reg);
  }
  return reg;
}

/** Bump when the cached entry format changes. */
const CACHE_FORMAT = 1;

function readCrds(dir: string): Map<string, CrdSchemaEntry> {
  if (!fs.existsSync(dir)) {
    throw new Error(`CRD directory ${dir} does not exist (expected ../shared/crds next to the repository)`);
  }
  const files = listYamlFiles(dir);
  const signature = files
    .map((f) => {
      const st = fs.statSync(f);
      return `${path.relative(dir, f)}:${st.size}:${st.mtimeMs}`;
    })
    .join('\n');
  const cacheFile = path.join(
    os.tmpdir(),
    'cdk-fleet-crd-cache',
    `${createHash('sha256').update(dir).digest('hex').slice(0, 16)}.json`,
  );
  try {
    const cached = JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
    if (cached.format === CACHE_FORMAT && cached.signature === signature) {
      return new Map((cached.entries as CrdSchemaEntry[]).map((e) => [crdKey(e.apiVersion, e.kind), e]));
    }
  } catch {
    // no usable cache: parse below
  }
  const index = parseCrds(files);
  try {
    fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
    const tmp = `${cacheFile}.${process.pid}.${Date.now()}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ format: CACHE_FORMAT, signature, entries: [...index.values()] }));
    fs.renameSync(tmp, cacheFile); // atomic: parallel jest workers never read a partial file
  } catch {
    // the cache is only an optimisation
  }
  return index;
}

function parseCrds(files: string[]): Map<string, CrdSchemaEntry> {
  const index = new Map<string, CrdSchemaEntry>();
  for (const file of files) {
    const docs = YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'));
    for (const doc of docs) {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0].message}`);
      const crd = doc.toJS({ maxAliasCount: -1 }) as any;
      if (!isObj(crd) || crd.kind !== 'CustomResourceDefinition' || !isObj(crd.spec)) continue;
      const spec = crd.spec;
      const group: string = spec.group;
      const kind: string = spec.names?.kind;
      const plural: string = spec.names?.plural;
      const scope: CrdScope = spec.scope;
      for (const v of spec.versions ?? []) {
        const schema = v.schema?.openAPIV3Schema ?? spec.validation?.openAPIV3Schema;
        if (!isObj(schema)) throw new Error(`${file}: ${kind} ${v.name} has no openAPIV3Schema`);
        const apiVersion = `${group}/${v.name}`;
        const key = crdKey(apiVersion, kind);
        const existing = index.get(key);
        if (existing) throw new Error(`${key} is defined twice: in ${existing.file} and in ${file}`);
        index.set(key, {
          group,
          version: v.name,
          apiVersion,
          kind,
          plural,
          scope,
          schema,
          served: v.served !== false,
          storage: v.storage === true,
          deprecated: v.deprecated === true,
          file,
        });
      }
    }
  }
  return index;
}

function listYamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const ent of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, ent.name);
    if (ent.isDirectory()) out.push(...listYamlFiles(p));
    else if (ent.isFile() && /\.ya?ml$/i.test(ent.name)) out.push(p);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Schema compilation

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const GO_DURATION = /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$|^0$/;

/** Formats checked; any other `format` value in a CRD is accepted without checking. */
const AJV_FORMATS = [
  'date',
  'date-time',
  'byte',
  'int32',
  'int64',
  'float',
  'double',
  'ipv4',
  'ipv6',
  'uuid',
  'email',
  'hostname',
] as const;

/** A message produced by one of our own keywords: rendered as `<path> <text>`. */
interface K8sErrorParams {
  text: string;
}

function makeAjv(reg: Registry): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    verbose: true,
    strict: false,
    useDefaults: true,
    validateFormats: true,
  });
  addFormats(ajv, [...AJV_FORMATS]);
  ajv.addFormat('duration', GO_DURATION);

  ajv.addKeyword({
    keyword: 'x-kubernetes-list-type',
    type: 'array',
    errors: true,
    compile(listType: unknown, parentSchema: any) {
      const mapKeys: string[] = parentSchema['x-kubernetes-list-map-keys'] ?? [];
      const check = function (data: unknown[]): boolean {
        const errs: Partial<ErrorObject>[] = [];
        if (listType === 'set') {
          const seen = new Map<string, number>();
          data.forEach((item, i) => {
            const k = stableStringify(item);
            const first = seen.get(k);
            if (first !== undefined) {
              errs.push(k8sError(`has a duplicate item: [${i}] equals [${first}] (${got(item)}); x-kubernetes-list-type is set`));
            } else seen.set(k, i);
          });
        } else if (listType === 'map' && mapKeys.length > 0) {
          const seen = new Map<string, number>();
          data.forEach((item, i) => {
            if (!isObj(item)) return;
            const k = stableStringify(mapKeys.map((mk) => item[mk]));
            const first = seen.get(k);
            if (first !== undefined) {
              const desc = mapKeys.map((mk) => `${mk}=${got(item[mk])}`).join(', ');
              errs.push(k8sError(`has two items with the same key (${desc}): [${first}] and [${i}]; x-kubernetes-list-type is map`));
            } else seen.set(k, i);
          });
        }
        (check as any).errors = errs;
        return errs.length === 0;
      };
      return check;
    },
  });

  ajv.addKeyword({
    keyword: 'x-kubernetes-embedded-resource',
    type: 'object',
    errors: true,
    compile(enabled: unknown) {
      const check = function (data: Record<string, unknown>, cxt?: { instancePath: string }): boolean {
        if (enabled !== true) return true;
        const base = cxt?.instancePath ?? '';
        const problems = embeddedProblems(reg, data);
        (check as any).errors = problems.map((p) => ({ ...k8sError(p.text), instancePath: base + p.pointer }));
        return problems.length === 0;
      };
      return check;
    },
  });
  return ajv;
}

function k8sError(text: string): Partial<ErrorObject> {
  return { keyword: 'k8s', message: text, params: { text } satisfies K8sErrorParams };
}

/**
 * Turns a CRD's openAPIV3Schema into a draft-07 schema with Kubernetes semantics made explicit (closed
 * objects, int-or-string, nullable, boolean exclusive bounds). `structural` is false inside
 * oneOf/anyOf/allOf/not, which may only restrict values, never declare fields.
 */
function toAjvSchema(node: unknown, structural: boolean, openObject = false): unknown {
  if (!isObj(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    switch (k) {
      case 'description':
      case 'example':
      case 'externalDocs':
      case 'x-kubernetes-validations': // CEL: not checked (see the module comment)
        break;
      case 'properties':
        out.properties = Object.fromEntries(
          Object.entries(v as Record<string, unknown>).map(([name, child]) => [name, toAjvSchema(child, structural)]),
        );
        break;
      case 'items':
        out.items = toAjvSchema(v, structural);
        break;
      case 'additionalProperties':
        out.additionalProperties = isObj(v) ? toAjvSchema(v, structural) : v;
        break;
      case 'oneOf':
      case 'anyOf':
      case 'allOf':
        out[k] = (v as unknown[]).map((s) => toAjvSchema(s, false));
        break;
      case 'not':
        out.not = toAjvSchema(v, false);
        break;
      default:
        out[k] = v;
    }
  }
  if (out['x-kubernetes-int-or-string'] === true) {
    const anyOf = out.anyOf as Array<Record<string, unknown>> | undefined;
    const plain = anyOf?.every((s) => Object.keys(s).length === 1 && (s.type === 'integer' || s.type === 'string'));
    if (!anyOf || plain) delete out.anyOf;
    if (!anyOf || plain) out.type = ['integer', 'string'];
  }
  if ('nullable' in out) {
    if (out.nullable === true && out.type !== undefined) {
      out.type = [...(Array.isArray(out.type) ? out.type : [out.type]), 'null'];
      if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    }
    delete out.nullable;
  }
  for (const [ex, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof out[ex] === 'boolean') {
      if (out[ex] === true && typeof out[bound] === 'number') {
        out[ex] = out[bound];
        delete out[bound];
      } else delete out[ex];
    }
  }
  const isObjectNode = out.type === 'object' || out.properties !== undefined;
  if (
    structural &&
    !openObject &&
    isObjectNode &&
    out.additionalProperties === undefined &&
    out['x-kubernetes-preserve-unknown-fields'] !== true
  ) {
    out.additionalProperties = false;
  }
  if (out['x-kubernetes-embedded-resource'] === true) {
    out.required = [...new Set([...((out.required as string[]) ?? []), 'apiVersion', 'kind'])];
  }
  return out;
}

function rootSchema(entry: CrdSchemaEntry): unknown {
  const converted = toAjvSchema(entry.schema, true) as Record<string, any>;
  const props = (converted.properties ??= {});
  // metadata is ObjectMeta, checked by metadataProblems(); keep the CRD's own constraints on it (if any) but
  // leave it open.
  props.metadata = toAjvSchema((entry.schema.properties as any)?.metadata ?? {}, true, true);
  // status is rejected before schema validation.
  delete props.status;
  return converted;
}

function validatorFor(reg: Registry, entry: CrdSchemaEntry): ValidateFunction {
  const key = crdKey(entry.apiVersion, entry.kind);
  let v = reg.validators.get(key);
  if (!v) {
    reg.ajv ??= makeAjv(reg);
    const schema = rootSchema(entry) as Record<string, unknown>;
    for (const f of collectFormats(schema)) {
      if (!reg.ajv.formats[f]) reg.ajv.addFormat(f, true); // unknown to us: accepted unchecked
    }
    v = reg.ajv.compile(schema);
    reg.validators.set(key, v);
  }
  return v;
}

function collectFormats(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => collectFormats(n, out));
  else if (isObj(node)) {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'format' && typeof v === 'string') out.add(v);
      else if (k !== 'enum' && k !== 'default') collectFormats(v, out);
    }
  }
  return out;
}

/**
 * Compiles the schema of every indexed CRD version and returns one message per schema that fails to
 * compile (empty when all compile). Compiled validators are cached and reused by the validate functions.
 *
 * @param dir CRD directory; defaults to {@link DEFAULT_CRD_DIR}.
 */
export function compileAllCrdSchemas(dir: string = DEFAULT_CRD_DIR): string[] {
  const reg = registry(dir);
  const failures: string[] = [];
  for (const [key, entry] of reg.index) {
    try {
      validatorFor(reg, entry);
    } catch (e) {
      failures.push(`${key} (${path.relative(reg.dir, entry.file)}): ${(e as Error).message}`);
    }
  }
  return failures;
}

// ---------------------------------------------------------------------------------------------------
// Validation

interface Problem {
  /** JSON pointer relative to the validated object, e.g. `/metadata/name`. */
  pointer: string;
  text: string;
}

/**
 * Validates one emitted object against the schema of its CRD and returns readable error messages
 * (empty when valid), each prefixed with `Kind/name: `, e.g.
 * `ManagedCluster/prod-1: spec.taints[0].effect must be one of NoSelect, PreferNoSelect, NoSelectIfNew (got "Foo")`.
 *
 * Objects with a `toJson()` method (cdk8s ApiObjects) are converted first.
 *
 * @param obj the object, as it would be written to a manifest.
 * @param dir CRD directory; defaults to {@link DEFAULT_CRD_DIR}.
 */
export function validateObject(obj: unknown, dir: string = DEFAULT_CRD_DIR): string[] {
  const data = toPlain(obj);
  const label = labelOf(data);
  return objectProblems(registry(dir), data, { topLevel: true }).map((p) => `${label}: ${p}`);
}

/**
 * Validates several objects (e.g. the output of `Testing.synth(chart)`) with {@link validateObject},
 * and also reports objects emitted more than once (same group, kind, namespace and name).
 *
 * @param objs the objects.
 * @param dir CRD directory; defaults to {@link DEFAULT_CRD_DIR}.
 */
export function validateObjects(objs: Iterable<unknown>, dir: string = DEFAULT_CRD_DIR): string[] {
  const errors: string[] = [];
  const seen = new Map<string, number>();
  let i = 0;
  for (const obj of objs) {
    const data = toPlain(obj);
    errors.push(...validateObject(data, dir));
    if (isObj(data) && typeof data.apiVersion === 'string' && typeof data.kind === 'string' && isObj(data.metadata)) {
      const id = `${groupOf(data.apiVersion)}|${data.kind}|${data.metadata.namespace ?? ''}|${data.metadata.name}`;
      const first = seen.get(id);
      if (first !== undefined) {
        errors.push(`${labelOf(data)}: emitted twice (objects #${first + 1} and #${i + 1} have the same group, kind, namespace and name)`);
      } else seen.set(id, i);
    }
    i++;
  }
  return errors;
}

/**
 * Parses a multi-document YAML file and validates every non-empty document with
 * {@link validateObjects}. YAML syntax errors are reported with the file name, and so are scalars that
 * YAML 1.1 readers (kubectl, sigs.k8s.io/yaml) read differently from YAML 1.2 (e.g. an unquoted `on`,
 * `yes`, `no` or `0755`).
 *
 * @param file path of the YAML file.
 * @param dir CRD directory; defaults to {@link DEFAULT_CRD_DIR}.
 */
export function validateYamlFile(file: string, dir: string = DEFAULT_CRD_DIR): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const docs12 = YAML.parseAllDocuments(text);
  const docs11 = YAML.parseAllDocuments(text, { version: '1.1' });
  const errors: string[] = [];
  const objs: unknown[] = [];
  docs12.forEach((doc, i) => {
    if (doc.errors.length > 0) {
      errors.push(...doc.errors.map((e) => `${file}: document ${i + 1}: YAML error: ${e.message}`));
      return;
    }
    const value = doc.toJS();
    if (value === null || value === undefined) return;
    const doc11 = docs11[i];
    if (doc11 && doc11.errors.length === 0) {
      for (const d of yamlDifferences(value, doc11.toJS(), '')) {
        errors.push(`${labelOf(value)}: ${renderPath(value, d.pointer)} ${d.text}; quote it (${file}, document ${i + 1})`);
      }
    }
    objs.push(value);
  });
  return [...errors, ...validateObjects(objs, dir)];
}

/** Where YAML 1.2 (what we parse) and YAML 1.1 (what kubectl / sigs.k8s.io/yaml read) disagree. */
function yamlDifferences(v12: unknown, v11: unknown, pointer: string): Array<{ pointer: string; text: string }> {
  if (v11 instanceof Date) return []; // go-yaml keeps timestamp-looking scalars as strings
  if (Array.isArray(v12) && Array.isArray(v11) && v12.length === v11.length) {
    return v12.flatMap((x, i) => yamlDifferences(x, v11[i], `${pointer}/${i}`));
  }
  if (isObj(v12) && isObj(v11)) {
    const out: Array<{ pointer: string; text: string }> = [];
    const only11 = Object.keys(v11).filter((k) => !(k in v12));
    for (const k of Object.keys(v12)) {
      if (k in v11) out.push(...yamlDifferences(v12[k], v11[k], `${pointer}/${escapePointer(k)}`));
      else {
        const as11 = only11.length > 0 ? ` (YAML 1.1 keys here: ${only11.map((x) => JSON.stringify(x)).join(', ')})` : '';
        out.push({ pointer: `${pointer}/${escapePointer(k)}`, text: `has a key that YAML 1.1 readers (kubectl) do not read as ${JSON.stringify(k)}${as11}` });
      }
    }
    return out;
  }
  if (stableStringify(v12) === stableStringify(v11)) return [];
  return [{ pointer, text: `is read as ${got(v11)} by YAML 1.1 readers (kubectl) but as ${got(v12)} by YAML 1.2` }];
}

interface ObjectContext {
  /** A top-level object (name required) rather than an embedded resource. */
  topLevel: boolean;
}

/** Problems of one object, as `<path> <message>` strings relative to it. */
function objectProblems(reg: Registry, data: unknown, ctx: ObjectContext): string[] {
  if (!isObj(data)) return [`(root) must be an object (got ${got(data)})`];
  const out: string[] = [];
  const { apiVersion, kind } = data;
  if (typeof apiVersion !== 'string' || apiVersion === '') out.push(`apiVersion is required (got ${got(apiVersion)})`);
  if (typeof kind !== 'string' || kind === '') out.push(`kind is required (got ${got(kind)})`);
  out.push(...metadataProblems(data.metadata, ctx.topLevel).map((p) => `${renderPath(data, p.pointer)} ${p.text}`));
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !apiVersion || !kind) return out;

  const entry = reg.index.get(crdKey(apiVersion, kind));
  if (!entry) {
    if (isBuiltInApiVersion(apiVersion)) return out;
    out.push(unknownKindMessage(reg, apiVersion, kind));
    return out;
  }
  if (!entry.served) out.push(`apiVersion ${apiVersion} of ${kind} is not served (${path.relative(reg.dir, entry.file)})`);
  const ns = isObj(data.metadata) ? data.metadata.namespace : undefined;
  if (entry.scope === 'Namespaced' && (ns === undefined || ns === '')) {
    out.push(`metadata.namespace is required: ${kind} is a namespaced kind`);
  }
  if (entry.scope === 'Cluster' && ns !== undefined) {
    out.push(`metadata.namespace must not be set: ${kind} is cluster-scoped (got ${got(ns)})`);
  }
  if ('status' in data) out.push('status is written by controllers; never emit it');

  const copy = structuredClone(data) as Record<string, unknown>;
  delete copy.status;
  const validate = validatorFor(reg, entry);
  if (!validate(copy)) out.push(...renderErrors(validate.errors ?? [], data));
  return [...new Set(out)];
}

function embeddedProblems(reg: Registry, data: Record<string, unknown>): Problem[] {
  const { apiVersion, kind } = data;
  const known = typeof apiVersion === 'string' && typeof kind === 'string' && reg.index.has(crdKey(apiVersion, kind));
  if (known) {
    // Full validation of an embedded object of one of our CRDs; prefix messages with its identity.
    const label = labelOf(data);
    return objectProblems(reg, data, { topLevel: false }).map((text) => ({ pointer: '', text: `(${label}): ${text}` }));
  }
  const problems: Problem[] = [];
  for (const f of ['apiVersion', 'kind'] as const) {
    if (data[f] !== undefined && (typeof data[f] !== 'string' || data[f] === '')) {
      problems.push({ pointer: `/${f}`, text: `must be a non-empty string (got ${got(data[f])})` });
    }
  }
  problems.push(...metadataProblems(data.metadata, false));
  return problems;
}

const SERVER_SET_METADATA = new Set([
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
]);
const CLIENT_METADATA = new Set(['name', 'generateName', 'namespace', 'labels', 'annotations', 'finalizers', 'ownerReferences']);

/** ObjectMeta checks. Pointers are relative to the object (they start with `/metadata`). */
function metadataProblems(meta: unknown, nameRequired: boolean): Problem[] {
  const problems: Problem[] = [];
  const at = (pointer: string, text: string) => problems.push({ pointer: `/metadata${pointer}`, text });
  if (meta === undefined) {
    if (nameRequired) problems.push({ pointer: '/metadata', text: 'is required' });
    return problems;
  }
  if (!isObj(meta)) {
    at('', `must be an object (got ${got(meta)})`);
    return problems;
  }
  if (meta.name === undefined) {
    if (nameRequired) at('/name', 'is required');
  } else if (typeof meta.name !== 'string' || meta.name.length > 253 || !DNS1123_SUBDOMAIN.test(meta.name)) {
    at(
      '/name',
      'must be a DNS-1123 subdomain (lower-case letters, digits, "-" and ".", starting and ending with a letter ' +
        `or digit, at most 253 characters) (got ${got(meta.name)})`,
    );
  }
  if (meta.namespace !== undefined && (typeof meta.namespace !== 'string' || meta.namespace.length > 63 || !DNS1123_LABEL.test(meta.namespace))) {
    at(
      '/namespace',
      'must be a DNS-1123 label (lower-case letters, digits and "-", starting and ending with a letter or digit, ' +
        `at most 63 characters) (got ${got(meta.namespace)})`,
    );
  }
  for (const field of ['labels', 'annotations'] as const) {
    const map = meta[field];
    if (map === undefined) continue;
    if (!isObj(map)) {
      at(`/${field}`, `must be a map of strings (got ${got(map)})`);
      continue;
    }
    for (const [k, v] of Object.entries(map)) {
      const keyProblem = qualifiedNameProblem(k);
      if (keyProblem) at(`/${field}/${escapePointer(k)}`, `has an invalid key: ${keyProblem}`);
      if (typeof v !== 'string') at(`/${field}/${escapePointer(k)}`, `must be a string (got ${got(v)})`);
      else if (field === 'labels' && (v.length > 63 || (v !== '' && !QUALIFIED_NAME.test(v)))) {
        at(
          `/${field}/${escapePointer(k)}`,
          'must be a valid label value (at most 63 characters: letters, digits, "-", "_" and ".", starting and ' +
            `ending with a letter or digit, or empty) (got ${got(v)})`,
        );
      }
    }
  }
  if (meta.finalizers !== undefined && !(Array.isArray(meta.finalizers) && meta.finalizers.every((f) => typeof f === 'string'))) {
    at('/finalizers', `must be an array of strings (got ${got(meta.finalizers)})`);
  }
  if (meta.ownerReferences !== undefined) {
    if (!Array.isArray(meta.ownerReferences)) at('/ownerReferences', `must be an array (got ${got(meta.ownerReferences)})`);
    else {
      meta.ownerReferences.forEach((ref, i) => {
        for (const f of ['apiVersion', 'kind', 'name', 'uid']) {
          if (!isObj(ref) || typeof ref[f] !== 'string' || ref[f] === '') at(`/ownerReferences/${i}/${f}`, 'is required');
        }
      });
    }
  }
  for (const k of Object.keys(meta)) {
    if (SERVER_SET_METADATA.has(k)) at(`/${escapePointer(k)}`, 'is set by the API server; never emit it');
    else if (!CLIENT_METADATA.has(k)) {
      at(`/${escapePointer(k)}`, `is not an ObjectMeta field (known: ${[...CLIENT_METADATA].join(', ')})`);
    }
  }
  return problems;
}

function qualifiedNameProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))) {
    return `prefix ${JSON.stringify(prefix)} must be a DNS-1123 subdomain`;
  }
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME.test(name)) {
    return (
      `name part ${JSON.stringify(name)} must be at most 63 characters: letters, digits, "-", "_" and ".", ` +
      'starting and ending with a letter or digit'
    );
  }
  return undefined;
}

function unknownKindMessage(reg: Registry, apiVersion: string, kind: string): string {
  const group = groupOf(apiVersion);
  const sameKind = [...reg.index.values()].filter((e) => e.group === group && e.kind === kind).map((e) => e.apiVersion);
  if (sameKind.length > 0) {
    return `unknown apiVersion ${apiVersion} for kind ${kind}: the CRD serves ${sameKind.join(', ')}`;
  }
  if (BUILT_IN_GROUPS.has(group)) {
    const versions = [...BUILT_IN_API_VERSIONS].filter((av) => groupOf(av) === group);
    return `apiVersion ${apiVersion} is not a current built-in Kubernetes API version (use ${versions.join(' or ')})`;
  }
  const kindsInGroup = [...new Set([...reg.index.values()].filter((e) => e.apiVersion === apiVersion).map((e) => e.kind))];
  const hint = kindsInGroup.length > 0 ? ` (${apiVersion} has: ${kindsInGroup.sort().join(', ')})` : '';
  return `unknown apiVersion/kind ${apiVersion} ${kind}: no CRD under ${reg.dir} defines it and it is not a built-in Kubernetes API, so it cannot be validated${hint}`;
}

// ---------------------------------------------------------------------------------------------------
// Error rendering

function renderErrors(all: ErrorObject[], data: unknown): string[] {
  // A value of the wrong type also fails its format; the type error says enough.
  const typeErrorAt = new Set(all.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const errors = all.filter((e) => e.keyword !== 'format' || !typeErrorAt.has(e.instancePath));
  const combinators = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf');
  const outer = combinators.filter((c) => !combinators.some((o) => o !== c && isUnder(c, o)));
  const consumed = new Set<ErrorObject>();
  const rendered = new Map<ErrorObject, string>();
  for (const o of outer) {
    const subs = errors.filter((e) => e !== o && isUnder(e, o));
    subs.forEach((s) => consumed.add(s));
    rendered.set(o, renderCombinator(o, subs, data));
  }
  const out: string[] = [];
  for (const e of errors) {
    if (consumed.has(e)) continue;
    out.push(rendered.get(e) ?? renderError(e, data));
  }
  return [...new Set(out)];
}

function isUnder(e: ErrorObject, o: ErrorObject): boolean {
  return (
    e.schemaPath.startsWith(`${o.schemaPath}/`) &&
    (e.instancePath === o.instancePath || e.instancePath.startsWith(`${o.instancePath}/`))
  );
}

function renderCombinator(o: ErrorObject, subs: ErrorObject[], data: unknown): string {
  const where = renderPath(data, o.instancePath);
  const alternatives = Array.isArray(o.schema) ? o.schema.length : '?';
  const passing = (o.params as { passingSchemas?: number[] | null }).passingSchemas;
  if (o.keyword === 'oneOf' && passing) {
    return `${where} matches ${passing.length} of the ${alternatives} oneOf alternatives (${passing
      .map((i) => `#${i + 1}`)
      .join(', ')}); exactly one must match`;
  }
  const byBranch = new Map<number, ErrorObject[]>();
  for (const s of subs) {
    const branch = Number(s.schemaPath.slice(o.schemaPath.length + 1).split('/')[0]);
    byBranch.set(branch, [...(byBranch.get(branch) ?? []), s]);
  }
  const parts = [...byBranch.entries()]
    .sort(([a], [b]) => a - b)
    .map(([i, errs]) => `#${i + 1}: ${renderErrors(errs, data).join('; ')}`);
  const how = o.keyword === 'oneOf' ? 'exactly one' : 'at least one';
  return `${where} must match ${how} of ${alternatives} ${o.keyword} alternatives but matches none (${parts.join(' | ')})`;
}

function renderError(e: ErrorObject, data: unknown): string {
  const where = renderPath(data, e.instancePath);
  const p = e.params as Record<string, any>;
  switch (e.keyword) {
    case 'k8s':
      return `${where} ${(p as K8sErrorParams).text}`;
    case 'required':
      return `${renderPath(data, `${e.instancePath}/${escapePointer(p.missingProperty)}`)} is required`;
    case 'additionalProperties': {
      const field = renderPath(data, `${e.instancePath}/${escapePointer(p.additionalProperty)}`);
      const known = Object.keys((e.parentSchema as any)?.properties ?? {});
      if (known.length === 0) return `${field} is not a known field (${where} declares no fields)`;
      const suggestion = closest(p.additionalProperty, known);
      const list = known.length > 30 ? `${known.slice(0, 30).join(', ')}, ... (${known.length - 30} more)` : known.join(', ');
      return `${field} is not a known field${suggestion ? ` (did you mean ${suggestion}?)` : ''} (${where} has: ${list})`;
    }
    case 'type': {
      const types: string[] = String(p.type).split(',');
      return `${where} must be ${types.map(article).join(' or ')} (got ${got(e.data)})`;
    }
    case 'enum':
      return `${where} must be one of ${(p.allowedValues as unknown[]).map(enumValue).join(', ')} (got ${got(e.data)})`;
    case 'const':
      return `${where} must be ${enumValue(p.allowedValue)} (got ${got(e.data)})`;
    case 'pattern':
      return `${where} must match the pattern ${p.pattern} (got ${got(e.data)})`;
    case 'format':
      return `${where} must be a valid ${p.format} (got ${got(e.data)})`;
    case 'minLength':
    case 'maxLength':
      return `${where} must be at ${e.keyword === 'minLength' ? 'least' : 'most'} ${p.limit} characters long (got ${
        String(e.data).length
      }: ${got(e.data)})`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${where} must be ${p.comparison} ${p.limit} (got ${got(e.data)})`;
    case 'minItems':
    case 'maxItems':
      return `${where} must have at ${e.keyword === 'minItems' ? 'least' : 'most'} ${p.limit} item(s) (got ${
        Array.isArray(e.data) ? e.data.length : got(e.data)
      })`;
    case 'minProperties':
    case 'maxProperties':
      return `${where} must have at ${e.keyword === 'minProperties' ? 'least' : 'most'} ${p.limit} field(s) (got ${
        isObj(e.data) ? Object.keys(e.data).length : got(e.data)
      })`;
    case 'uniqueItems':
      return `${where} must not contain duplicate items ([${p.j}] and [${p.i}] are equal)`;
    case 'not':
      return `${where} must not match ${JSON.stringify(e.schema)} (got ${got(e.data)})`;
    default:
      return `${where} ${e.message ?? `fails ${e.keyword}`}`;
  }
}

/** Renders a JSON pointer into `spec.predicates[0].requiredClusterSelector` using the data to spot arrays. */
function renderPath(data: unknown, pointer: string): string {
  if (pointer === '') return '(root)';
  let out = '';
  let cur: unknown = data;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur) && /^\d+$/.test(seg)) out += `[${seg}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
    cur = isObj(cur) || Array.isArray(cur) ? (cur as any)[seg] : undefined;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Helpers

function isObj(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function toPlain(obj: unknown): unknown {
  if (isObj(obj) && typeof obj.toJson === 'function') return obj.toJson();
  return obj;
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

function labelOf(data: unknown): string {
  const kind = isObj(data) && typeof data.kind === 'string' && data.kind ? data.kind : '<no kind>';
  const name = isObj(data) && isObj(data.metadata) && typeof data.metadata.name === 'string' ? data.metadata.name : '<no name>';
  return `${kind}/${name}`;
}

function escapePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

function got(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.length > 80 ? `${v.slice(0, 77)}...` : v);
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'object') return 'an object';
  return String(v);
}

function enumValue(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function article(type: string): string {
  switch (type) {
    case 'integer':
    case 'object':
    case 'array':
      return `an ${type}`;
    case 'null':
      return 'null';
    default:
      return `a ${type}`;
  }
}

function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (isObj(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify(v[k])}`)
      .join(',')}}`;
  }
  return v === undefined ? 'undefined' : JSON.stringify(v);
}

/** The candidate closest to `word` by edit distance, when it is plausibly a typo of it. */
function closest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDist = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDist) {
      bestDist = d;
      best = c;
    }
  }
  return best !== undefined && bestDist <= Math.max(1, Math.floor(word.length / 4)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}
