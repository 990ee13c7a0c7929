/**
 * The OCM Placement scheduling simulator: reproduces the placement controller of
 * open-cluster-management-io/ocm (commit 00f84c32) step by step, and explains, for every cluster
 * that is not selected, the first reason why. Pure TypeScript: no cdk8s/cdktf imports.
 *
 * See ../../../../shared/reference/ocm.md §a for the semantics, and the conformance vectors in
 * ../../../../shared/conformance/ocm-placement.
 */
import { celEnv, celList, celMap, celMethod, CelScalar, isCelError, isCelMap, listType, mapType, parse, plan } from '@bufbuild/cel';
import type { CelEnv, CelInput, CelMap, CelValue } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { fail, FleetValidationError } from '../../core/errors';
import { LabelSelector } from '../../core/selector';
import type { LabelSelectorJson } from '../../core/selector';
import {
  CLUSTER_SET_LABEL,
  DECISION_GROUP_INDEX_LABEL,
  DECISION_GROUP_NAME_LABEL,
  PLACEMENT_DISABLE_ANNOTATION,
  PLACEMENT_LABEL,
} from './model';
import type { HubAddOnPlacementScore, HubCluster, HubClusterSet, HubState, PlacementInput, PlacementSpecJson } from './model';

// ---------------------------------------------------------------------------------------------
// CEL: the `managedCluster` variable, `managedCluster.scores("<name>")`, the strings extension and
// a compile step rejecting what cel-go's checker rejects here (syntax errors, undeclared
// variables, unknown functions).
// ---------------------------------------------------------------------------------------------

/** Looks up `AddOnPlacementScore/<name>` in namespace `<cluster>`: its scores, or undefined when missing. */
type ScoreLookup = (cluster: string, name: string) => Readonly<Record<string, number>> | undefined;

/** The outcome of evaluating one compiled expression against one cluster. */
type CelOutcome =
  | { readonly kind: 'true' }
  | { readonly kind: 'false' }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'notBool'; readonly type: string };

/** A compiled CEL expression, or the compile error cel-go would report. */
type CompiledCel =
  | {
    readonly ok: true;
    /** Functions the upstream environment has but this simulator cannot evaluate. */
    readonly unsupported: readonly string[];
    /** Evaluates the expression with `managedCluster` bound to `input`. */
    readonly evaluate: (input: CelInput) => CelOutcome;
  }
  | { readonly ok: false; readonly error: string };

/**
 * Functions of the upstream environment (k8s CEL libraries: lists, regex, urls, quantity, ip, cidr,
 * format; optional types; ext.Strings) that @bufbuild/cel does not provide. An expression using one
 * compiles upstream, so it is not Misconfigured here; evaluating it fails, which counts as not matched.
 */
const UPSTREAM_ONLY = new Set([
  'isSorted', 'sum', 'min', 'max', 'find', 'findAll', 'reverse',
  'url', 'isURL', 'getScheme', 'getHost', 'getHostname', 'getPort', 'getEscapedPath', 'getQuery',
  'quantity', 'isQuantity', 'sign', 'isGreaterThan', 'isLessThan', 'compareTo', 'add', 'sub',
  'asInteger', 'isInteger', 'asApproximateFloat',
  'ip', 'isIP', 'ip.isCanonical', 'isCanonical', 'family', 'isUnspecified', 'isLoopback',
  'isLinkLocalMulticast', 'isLinkLocalUnicast', 'isGlobalUnicast',
  'cidr', 'isCIDR', 'containsIP', 'containsCIDR', 'masked', 'prefixLength',
  'format.named', 'validate',
  'optional.of', 'optional.ofNonZeroValue', 'optional.none', 'hasValue', 'value', 'or', 'orValue',
]);

/** Identifiers that name types in CEL (valid as plain identifiers). */
const TYPE_IDENTS = new Set(['int', 'uint', 'double', 'bool', 'string', 'bytes', 'list', 'map', 'null_type', 'type', 'dyn']);

/**
 * Converts JSON (as parsed from YAML) into CEL values: integral numbers become CEL ints, objects and
 * arrays become CEL maps and lists (pre-wrapped, which evaluates about 3x faster than plain objects).
 */
function jsonToCel(v: unknown): CelInput {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'bigint') return v as CelInput;
  if (Array.isArray(v)) return celList(v.map(jsonToCel));
  if (typeof v === 'object') {
    const out = new Map<string, CelInput>();
    for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
      if (val === undefined) continue;
      out.set(k, jsonToCel(val));
    }
    return celMap(out);
  }
  return String(v);
}

function mapGet(m: CelValue | undefined, key: string): CelValue | undefined {
  return m !== undefined && isCelMap(m) ? m.get(key) : undefined;
}

/** Creates the CEL environment of the placement controller, reading scores through `lookup`. */
function placementCelEnv(lookup: ScoreLookup): CelEnv {
  const scores = celMethod(
    'scores',
    mapType(CelScalar.STRING, CelScalar.DYN),
    [CelScalar.STRING],
    listType(CelScalar.DYN),
    function (this: CelMap, scoreName: string) {
      const name = mapGet(mapGet(this, 'metadata'), 'name');
      if (typeof name !== 'string') throw new Error('failed to get cluster name');
      const found = lookup(name, scoreName);
      if (!found) throw new Error(`failed to get score: addonplacementscores.cluster.open-cluster-management.io "${scoreName}" not found`);
      return Object.entries(found).map(([n, value]) => ({ name: n, value: BigInt(Math.trunc(value)) }));
    },
  );
  const parseJson = celMethod('parseJSON', CelScalar.STRING, [], CelScalar.DYN, function (this: string) {
    return jsonToCelDouble(JSON.parse(this));
  });
  return celEnv({
    variables: { managedCluster: mapType(CelScalar.STRING, CelScalar.DYN) },
    funcs: [...strings, scores, parseJson],
  });
}

/** JSON numbers decoded by Go into interface{} are float64: keep them doubles. */
function jsonToCelDouble(v: unknown): CelInput {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.map(jsonToCelDouble);
  if (typeof v === 'object') {
    const out: Record<string, CelInput> = {};
    for (const [k, val] of Object.entries(v as Record<string, unknown>)) out[k] = jsonToCelDouble(val);
    return out;
  }
  return v as CelInput;
}

interface AstNode {
  exprKind: { case: string | undefined; value?: any };
}

function isOperator(fn: string): boolean {
  return fn.startsWith('_') || fn.startsWith('@') || fn === '!_' || fn === '-_';
}

/** Walks the parsed AST like cel-go's checker does for declarations; returns the first error. */
function checkAst(env: CelEnv, node: AstNode | undefined, scope: ReadonlySet<string>, unsupported: Set<string>): string | undefined {
  if (!node) return undefined;
  const k = node.exprKind;
  const known = (name: string): boolean => {
    if (env.funcs.find(name)) return true;
    if (UPSTREAM_ONLY.has(name) || name.startsWith('format.')) {
      unsupported.add(name);
      return true;
    }
    return false;
  };
  switch (k.case) {
    case 'constExpr':
      return undefined;
    case 'identExpr': {
      const name = k.value.name as string;
      if (name === 'managedCluster' || scope.has(name) || TYPE_IDENTS.has(name)) return undefined;
      return `undeclared reference to '${name}'`;
    }
    case 'selectExpr':
      return checkAst(env, k.value.operand, scope, unsupported);
    case 'callExpr': {
      const fn = k.value.function as string;
      const target = k.value.target as AstNode | undefined;
      let err: string | undefined;
      if (isOperator(fn)) {
        err = checkAst(env, target, scope, unsupported);
      } else if (target && target.exprKind.case === 'identExpr' && !scope.has(target.exprKind.value.name) && target.exprKind.value.name !== 'managedCluster') {
        const qualified = `${target.exprKind.value.name}.${fn}`;
        if (!known(qualified)) return `undeclared reference to '${qualified}'`;
      } else {
        err = checkAst(env, target, scope, unsupported);
        if (!err && !known(fn)) err = `undeclared reference to '${fn}'`;
      }
      if (err) return err;
      for (const a of (k.value.args ?? []) as AstNode[]) {
        const e = checkAst(env, a, scope, unsupported);
        if (e) return e;
      }
      return undefined;
    }
    case 'listExpr':
      for (const e of (k.value.elements ?? []) as AstNode[]) {
        const r = checkAst(env, e, scope, unsupported);
        if (r) return r;
      }
      return undefined;
    case 'structExpr': {
      if (k.value.messageName) return `undeclared reference to '${k.value.messageName}'`;
      for (const entry of (k.value.entries ?? []) as any[]) {
        const key = entry.keyKind?.case === 'mapKey' ? entry.keyKind.value : undefined;
        const r = checkAst(env, key, scope, unsupported) ?? checkAst(env, entry.value, scope, unsupported);
        if (r) return r;
      }
      return undefined;
    }
    case 'comprehensionExpr': {
      const c = k.value;
      const outer = checkAst(env, c.iterRange, scope, unsupported) ?? checkAst(env, c.accuInit, scope, unsupported);
      if (outer) return outer;
      const inner = new Set(scope);
      inner.add(c.accuVar);
      const withAccu = new Set(inner);
      inner.add(c.iterVar);
      if (c.iterVar2) inner.add(c.iterVar2);
      return checkAst(env, c.loopCondition, inner, unsupported) ?? checkAst(env, c.loopStep, inner, unsupported) ?? checkAst(env, c.result, withAccu, unsupported);
    }
    default:
      return undefined;
  }
}

function describeType(v: CelValue): string {
  if (v === null) return 'null';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'double';
  if (typeof v === 'string') return 'string';
  if (isCelMap(v)) return 'map';
  if (typeof v === 'object' && v !== null && Symbol.iterator in (v as object)) return 'list';
  return typeof v;
}

/**
 * Compiles `expression` in `env`. A syntax error, an undeclared variable or an unknown function is a
 * compile error (the placement is then Misconfigured upstream).
 */
function compileCel(env: CelEnv, expression: string): CompiledCel {
  let parsed;
  try {
    parsed = parse(expression);
  } catch (e) {
    return { ok: false, error: `compilation failed: ${(e as Error).message}` };
  }
  const unsupported = new Set<string>();
  const problem = checkAst(env, parsed.expr as unknown as AstNode, new Set(), unsupported);
  if (problem) return { ok: false, error: `compilation failed: ERROR: <input>: ${problem}` };
  let program: (ctx: { managedCluster: CelInput }) => unknown;
  try {
    program = plan(env, parsed) as unknown as (ctx: { managedCluster: CelInput }) => unknown;
  } catch (e) {
    return { ok: false, error: `instantiation failed: ${(e as Error).message}` };
  }
  return {
    ok: true,
    unsupported: [...unsupported].sort(),
    evaluate: (input: CelInput): CelOutcome => {
      let r: unknown;
      try {
        r = program({ managedCluster: input });
      } catch (e) {
        return { kind: 'error', message: (e as Error).message };
      }
      if (isCelError(r)) return { kind: 'error', message: r.message };
      if (r === true) return { kind: 'true' };
      if (r === false) return { kind: 'false' };
      return { kind: 'notBool', type: describeType(r as CelValue) };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Selectors
// ---------------------------------------------------------------------------------------------

/** A label/claim selector compiled for fast matching, with the core LabelSelector kept for reasons. */
interface FastSelector {
  readonly empty: boolean;
  readonly selector: LabelSelector;
  /** Canonical JSON of the selector (memo key). */
  readonly key: string;
  test(m: ReadonlyMap<string, string>): boolean;
}

const MATCH_ALL: FastSelector = { empty: true, selector: LabelSelector.all(), key: '{}', test: () => true };

/**
 * Validates and compiles a selector as `metav1.LabelSelectorAsSelector` would: returns the problem
 * message when the API machinery would reject it.
 */
function compileSelector(json: LabelSelectorJson | undefined, subject: string, what: string): FastSelector | string {
  if (json === undefined || json === null) return MATCH_ALL;
  let sel: LabelSelector;
  try {
    sel = LabelSelector.fromJson(json);
    sel.validate(subject, what);
  } catch (e) {
    return e instanceof FleetValidationError ? e.problem : (e as Error).message;
  }
  if (sel.isEmpty) return { empty: true, selector: sel, key: '{}', test: () => true };
  const mlKeys = Object.keys(sel.matchLabels);
  const mlVals = mlKeys.map((k) => sel.matchLabels[k]);
  const exprs = sel.matchExpressions.map((e) => ({ key: e.key, op: e.operator, values: new Set(e.values ?? []) }));
  return {
    empty: false,
    selector: sel,
    key: JSON.stringify(sel.toJson()),
    test(m: ReadonlyMap<string, string>): boolean {
      for (let i = 0; i < mlKeys.length; i++) {
        if (m.get(mlKeys[i]) !== mlVals[i]) return false;
      }
      for (let i = 0; i < exprs.length; i++) {
        const e = exprs[i];
        const v = m.get(e.key);
        switch (e.op) {
          case 'In':
            if (v === undefined || !e.values.has(v)) return false;
            break;
          case 'NotIn':
            if (v !== undefined && e.values.has(v)) return false;
            break;
          case 'Exists':
            if (v === undefined) return false;
            break;
          case 'DoesNotExist':
            if (v !== undefined) return false;
            break;
          default:
            return false;
        }
      }
      return true;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Quantities and time
// ---------------------------------------------------------------------------------------------

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)$/;
const SUFFIX: Record<string, number> = {
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
  n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
};

/** `resource.Quantity.AsApproximateFloat64()` of a quantity string, or undefined when unparsable. */
function parseQuantity(q: string | undefined): number | undefined {
  if (q === undefined || q === null) return undefined;
  const m = QUANTITY.exec(String(q).trim());
  if (!m) return undefined;
  const base = Number(m[1]);
  if (m[2]) return base * 10 ** Number(m[2].slice(1));
  return m[3] ? base * SUFFIX[m[3]] : base;
}

/** Go's zero time (`0001-01-01T00:00:00Z`) in epoch milliseconds. */
const GO_ZERO_TIME = -62135596800000;

function parseTime(s: string | undefined, what: string): number | undefined {
  if (s === undefined || s === null || s === '') return undefined;
  const t = Date.parse(s);
  if (Number.isNaN(t)) fail(what, `${JSON.stringify(s)} is not an RFC 3339 time, e.g. "2024-01-01T00:00:00Z"`);
  return t;
}

/** RFC 3339 in UTC, without fractional seconds when they are zero. */
function formatTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/** Go's `int64(f)` conversion (truncation toward zero), without a negative zero. */
function goInt(f: number): number {
  return Math.trunc(f) || 0;
}

// ---------------------------------------------------------------------------------------------
// Prepared hub state
// ---------------------------------------------------------------------------------------------

interface ParsedTaint {
  readonly key: string;
  readonly value: string;
  readonly effect: string;
  readonly timeAddedMs: number | undefined;
}

interface ClusterRec {
  readonly idx: number;
  readonly name: string;
  readonly labels: ReadonlyMap<string, string>;
  readonly claims: ReadonlyMap<string, string>;
  readonly labelsObj: Readonly<Record<string, string>>;
  readonly claimsObj: Readonly<Record<string, string>>;
  readonly taints: readonly ParsedTaint[];
  readonly deleting: boolean;
  readonly cpu: number | undefined;
  readonly memory: number | undefined;
  readonly src: HubCluster;
  celInput?: CelInput;
}

interface OwnDecisions {
  readonly counts: Map<string, number>;
  readonly names: Set<string>;
  /** Per cluster index: appearances in these decisions (built on first use). */
  countByIdx?: Int32Array;
}

type Membership = { readonly members: readonly number[] } | { readonly error: string };

function nullProto(rec: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(rec ?? {})) out[k] = v;
  return out;
}

function resourceOf(c: HubCluster, resource: string, warnings: string[]): number | undefined {
  const a = c.allocatable?.[resource];
  const cap = c.capacity?.[resource];
  if (a === undefined || cap === undefined) return undefined;
  const v = parseQuantity(a);
  if (v === undefined || parseQuantity(cap) === undefined) {
    warnings.push(`ManagedCluster "${c.name}": status.allocatable/capacity ${resource} is not a quantity; it is ignored by ResourceAllocatable prioritizers`);
    return undefined;
  }
  return v;
}

/**
 * A HubState with the indexes the scheduler needs, built once and shared by every placement
 * scheduled against it (set membership, label maps, decision counts, scores, compiled CEL).
 * Build it with `prepareHubState`; do not mutate the HubState afterwards.
 */
export class PreparedHubState {
  /** The hub state this was built from. */
  public readonly state: HubState;
  /** Evaluation time in epoch milliseconds. */
  public readonly nowMs: number;
  /** Problems found while indexing (e.g. unparsable quantities); copied into every result. */
  public readonly warnings: readonly string[];
  /** @internal clusters sorted by name */
  public readonly clusters: readonly ClusterRec[];
  /** @internal */
  public readonly clusterByName: ReadonlyMap<string, ClusterRec>;
  /** @internal */
  public readonly setByName: ReadonlyMap<string, HubClusterSet>;
  /** @internal sorted, de-duplicated set names bound per namespace */
  public readonly bindingsByNs: ReadonlyMap<string, readonly string[]>;
  /** @internal appearances of each cluster across every PlacementDecision */
  public readonly globalCounts: ReadonlyMap<string, number>;
  /** @internal */
  public readonly globalMax: number;
  /** @internal appearances per cluster index */
  public readonly globalCountByIdx: Int32Array;
  /** @internal */
  public readonly scores: ReadonlyMap<string, ReadonlyMap<string, HubAddOnPlacementScore>>;
  private readonly own = new Map<string, OwnDecisions>();
  private readonly memberships = new Map<string, Membership>();
  private exclusiveIndex: Map<string, number[]> | undefined;
  private env: CelEnv | undefined;
  private readonly celCache = new Map<string, CompiledCel>();
  private readonly selectorMemo = new Map<string, Uint8Array>();
  private readonly celMemo = new Map<string, Uint8Array>();
  private readonly reasonMemo = new Map<string, (string | undefined)[]>();

  /**
   * @param state the hub state
   * @param now evaluation time (overrides `state.now`; the real clock when both are absent)
   */
  constructor(state: HubState, now?: string | Date) {
    this.state = state;
    const warnings: string[] = [];
    const nowMs = now instanceof Date ? now.getTime() : parseTime(now ?? state.now, 'hub state "now"');
    this.nowMs = nowMs ?? Date.now();
    const sorted = [...state.clusters].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const clusters: ClusterRec[] = [];
    const byName = new Map<string, ClusterRec>();
    for (const c of sorted) {
      if (byName.has(c.name)) fail(`ManagedCluster "${c.name}"`, 'appears twice in the hub state; cluster names are unique');
      const rec: ClusterRec = {
        idx: clusters.length,
        name: c.name,
        labels: new Map(Object.entries(c.labels ?? {})),
        claims: new Map(Object.entries(c.claims ?? {})),
        labelsObj: nullProto(c.labels),
        claimsObj: nullProto(c.claims),
        taints: (c.taints ?? []).map((t) => ({
          key: t.key ?? '',
          value: t.value ?? '',
          effect: t.effect ?? '',
          timeAddedMs: parseTime(t.timeAdded, `ManagedCluster "${c.name}" taint ${t.key} timeAdded`),
        })),
        deleting: !!c.deleting,
        cpu: resourceOf(c, 'cpu', warnings),
        memory: resourceOf(c, 'memory', warnings),
        src: c,
      };
      clusters.push(rec);
      byName.set(c.name, rec);
    }
    this.clusters = clusters;
    this.clusterByName = byName;

    const sets = new Map<string, HubClusterSet>();
    for (const s of state.clusterSets) sets.set(s.name, s);
    this.setByName = sets;

    const bns = new Map<string, Set<string>>();
    for (const b of state.bindings) {
      let s = bns.get(b.namespace);
      if (!s) bns.set(b.namespace, (s = new Set()));
      s.add(b.clusterSet);
    }
    const bindingsByNs = new Map<string, string[]>();
    for (const [ns, s] of bns) bindingsByNs.set(ns, [...s].sort());
    this.bindingsByNs = bindingsByNs;

    const global = new Map<string, number>();
    let max = 0;
    for (const pd of state.placementDecisions ?? []) {
      const label = pd.placementLabel;
      let own: OwnDecisions | undefined;
      if (typeof label === 'string') {
        const key = `${pd.namespace}\u0000${label}`;
        own = this.own.get(key);
        if (!own) this.own.set(key, (own = { counts: new Map(), names: new Set() }));
      }
      for (const c of pd.clusters) {
        const n = (global.get(c) ?? 0) + 1;
        global.set(c, n);
        if (n > max) max = n;
        if (own) {
          own.counts.set(c, (own.counts.get(c) ?? 0) + 1);
          own.names.add(c);
        }
      }
    }
    this.globalCounts = global;
    this.globalMax = max;
    this.globalCountByIdx = new Int32Array(clusters.length);
    for (const c of clusters) this.globalCountByIdx[c.idx] = global.get(c.name) ?? 0;

    const scores = new Map<string, Map<string, HubAddOnPlacementScore>>();
    for (const s of state.addOnPlacementScores ?? []) {
      let m = scores.get(s.cluster);
      if (!m) scores.set(s.cluster, (m = new Map()));
      m.set(s.name, s);
    }
    this.scores = scores;
    this.warnings = warnings;
  }

  /** @internal decisions of placement `ns/name` (PlacementDecisions labelled with its name in its namespace) */
  public ownDecisions(namespace: string, name: string): OwnDecisions | undefined {
    const own = this.own.get(`${namespace}\u0000${name}`);
    if (own && !own.countByIdx) {
      own.countByIdx = new Int32Array(this.clusters.length);
      for (const [n, count] of own.counts) {
        const c = this.clusterByName.get(n);
        if (c) own.countByIdx[c.idx] = count;
      }
    }
    return own;
  }

  /** @internal which clusters (by index) a label (`claims` false) or claim selector matches; memoized */
  public selectorMatches(sel: FastSelector, claims: boolean): Uint8Array {
    const key = `${claims ? 'C' : 'L'}${sel.key}`;
    let m = this.selectorMemo.get(key);
    if (!m) {
      m = new Uint8Array(this.clusters.length);
      for (const c of this.clusters) m[c.idx] = sel.test(claims ? c.claims : c.labels) ? 1 : 0;
      this.selectorMemo.set(key, m);
    }
    return m;
  }

  /** @internal whether a compiled CEL expression is true for a cluster; memoized per expression and cluster */
  public celTrue(text: string, program: Extract<CompiledCel, { ok: true }>, c: ClusterRec): boolean {
    let m = this.celMemo.get(text);
    if (!m) this.celMemo.set(text, (m = new Uint8Array(this.clusters.length)));
    let v = m[c.idx];
    if (v === 0) {
      v = program.evaluate(this.celInputOf(c)).kind === 'true' ? 1 : 2;
      m[c.idx] = v;
    }
    return v === 1;
  }

  /** @internal the member cluster indexes of a set (name order), or why they cannot be listed */
  public membersOf(set: HubClusterSet): Membership {
    const cached = this.memberships.get(set.name);
    if (cached) return cached;
    let result: Membership;
    const type = set.selectorType ?? '';
    if (type === '' || type === 'ExclusiveClusterSetLabel') {
      if (!this.exclusiveIndex) {
        const ix = new Map<string, number[]>();
        for (const c of this.clusters) {
          const v = c.labels.get(CLUSTER_SET_LABEL);
          if (v === undefined) continue;
          let l = ix.get(v);
          if (!l) ix.set(v, (l = []));
          l.push(c.idx);
        }
        this.exclusiveIndex = ix;
      }
      result = { members: this.exclusiveIndex.get(set.name) ?? [] };
    } else if (type === 'LabelSelector') {
      if (set.labelSelector === undefined || set.labelSelector === null) {
        result = { members: [] };
      } else {
        const sel = compileSelector(set.labelSelector, `ManagedClusterSet "${set.name}"`, 'spec.clusterSelector.labelSelector');
        if (typeof sel === 'string') {
          result = { error: sel };
        } else {
          const members: number[] = [];
          for (const c of this.clusters) if (sel.test(c.labels)) members.push(c.idx);
          result = { members };
        }
      }
    } else {
      result = { error: `selectorType is not right: ${type}` };
    }
    this.memberships.set(set.name, result);
    return result;
  }

  /** @internal the CEL input (`managedCluster`) of a cluster */
  public celInputOf(c: ClusterRec): CelInput {
    if (c.celInput === undefined) c.celInput = jsonToCel(c.src.object ?? synthesizeManagedCluster(c.src));
    return c.celInput;
  }

  /** @internal the not-matched sentence for a predicate list (with signature `sig`) and a cluster; memoized */
  public predicateSentence(predicates: readonly CompiledPredicate[], sig: string, c: ClusterRec): string {
    let memo = this.reasonMemo.get(sig);
    if (!memo) this.reasonMemo.set(sig, (memo = new Array<string | undefined>(this.clusters.length)));
    let r = memo[c.idx];
    if (r === undefined) {
      const rs = predicates.map((p) => predicateReason(this, p, c));
      r = rs.length === 1 ? rs[0] : `matches none of ${rs.length} predicates: ${rs.join('; ')}`;
      memo[c.idx] = r;
    }
    return r;
  }

  /** @internal compiles a CEL expression once per prepared state */
  public compile(expression: string): CompiledCel {
    let r = this.celCache.get(expression);
    if (!r) {
      if (!this.env) {
        this.env = placementCelEnv((cluster, name) => this.scores.get(cluster)?.get(name)?.scores);
      }
      r = compileCel(this.env, expression);
      this.celCache.set(expression, r);
    }
    return r;
  }
}

/** The ManagedCluster object (as `runtime.DefaultUnstructuredConverter` renders it) for a model cluster. */
function synthesizeManagedCluster(c: HubCluster): Record<string, unknown> {
  const metadata: Record<string, unknown> = { name: c.name };
  if (Object.keys(c.labels ?? {}).length > 0) metadata.labels = { ...c.labels };
  if (c.deleting) metadata.deletionTimestamp = '1970-01-01T00:00:00Z';
  const spec: Record<string, unknown> = { hubAcceptsClient: true };
  if ((c.taints ?? []).length > 0) {
    spec.taints = c.taints.map((t) => ({ key: t.key, ...(t.value ? { value: t.value } : {}), effect: t.effect, timeAdded: t.timeAdded ?? null }));
  }
  const status: Record<string, unknown> = {};
  const claims = Object.entries(c.claims ?? {});
  if (claims.length > 0) status.clusterClaims = claims.map(([name, value]) => ({ name, value }));
  if (c.allocatable && Object.keys(c.allocatable).length > 0) status.allocatable = { ...c.allocatable };
  if (c.capacity && Object.keys(c.capacity).length > 0) status.capacity = { ...c.capacity };
  return { metadata, spec, status };
}

/**
 * Indexes a hub state once so that many placements can be scheduled against it cheaply.
 * @param state the hub state (treat it as immutable afterwards)
 * @param now evaluation time; overrides `state.now`
 */
export function prepareHubState(state: HubState, now?: string | Date): PreparedHubState {
  return new PreparedHubState(state, now);
}

// ---------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------

/** Options for schedulePlacement / scheduleAll. */
export interface ScheduleOptions {
  /**
   * Evaluation time for tolerationSeconds and score validity; overrides `state.now`.
   * Ignored when a PreparedHubState is passed (it carries its own time).
   * @default - state.now, else the real clock
   */
  readonly now?: string | Date;
}

/** One decision group, as in Placement `status.decisionGroups` plus its clusters. */
export interface DecisionGroupResult {
  /** `decisionGroupIndex`. */
  readonly index: number;
  /** `decisionGroupName` (`""` for leftovers). */
  readonly name: string;
  /** The group's clusters, name-sorted. */
  readonly clusters: readonly string[];
  /** `clusterCount`. */
  readonly clusterCount: number;
  /** Names of the PlacementDecisions holding this group. */
  readonly decisionNames: readonly string[];
  /** The clusters of each of those PlacementDecisions (≤ 100 each). */
  readonly decisionSlices: readonly (readonly string[])[];
}

/** A PlacementDecision the controller writes. */
export interface PlacementDecisionResult {
  /** Namespace (the placement's). */
  readonly namespace: string;
  /** `<placement>-decision-<n>`. */
  readonly name: string;
  /** Labels: placement, decision-group-name, decision-group-index. */
  readonly labels: Readonly<Record<string, string>>;
  /** `status.decisions[].clusterName`, in order. */
  readonly clusters: readonly string[];
}

/** A status condition of the Placement. */
export interface PlacementConditionResult {
  /** `True` or `False`. */
  readonly status: 'True' | 'False';
  /** Reason. */
  readonly reason: string;
  /** Message. */
  readonly message: string;
}

/** Everything the placement controller would compute for one Placement, plus the why. */
export interface PlacementScheduleResult {
  /** Placement namespace. */
  readonly namespace: string;
  /** Placement name. */
  readonly name: string;
  /** Set when the controller skips the placement (deleting, or the disable annotation); then `selected` lists the existing decisions. */
  readonly skipped?: string;
  /** Set when the controller's sync fails (e.g. a set with an unknown selectorType): nothing is written. */
  readonly error?: string;
  /** PlacementMisconfigured=True. */
  readonly misconfigured: boolean;
  /** The PlacementMisconfigured message, `<plugin>:<msg>`. */
  readonly misconfiguredMessage?: string;
  /** Sets bound to the namespace whose ManagedClusterSet exists (sorted). */
  readonly boundClusterSets: readonly string[];
  /** Bound sets intersected with spec.clusterSets (sorted). */
  readonly eligibleClusterSets: readonly string[];
  /** Number of available clusters (members of eligible sets, not being deleted). */
  readonly availableClusters: number;
  /** Clusters passing the filters, in scheduler order (score desc, name asc). */
  readonly feasibleClusters: readonly string[];
  /** Selected clusters in scheduler order; empty when Misconfigured. */
  readonly selected: readonly string[];
  /** `status.numberOfSelectedClusters`. */
  readonly numberOfSelectedClusters: number;
  /** numberOfClusters − selected (0 when numberOfClusters is unset). */
  readonly unscheduled: number;
  /** Weight of each prioritizer that ran (weight ≠ 0), by plugin name. */
  readonly weights: Readonly<Record<string, number>>;
  /** Raw score (before weight) of each prioritizer per feasible cluster. */
  readonly scores: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Sum of score × weight per feasible cluster. */
  readonly totalScores: Readonly<Record<string, number>>;
  /** Decision groups (`status.decisionGroups`). */
  readonly groups: readonly DecisionGroupResult[];
  /** PlacementDecision objects written. */
  readonly placementDecisions: readonly PlacementDecisionResult[];
  /** PlacementSatisfied condition (absent when skipped or on error). */
  readonly satisfied?: PlacementConditionResult;
  /** When the controller requeues the placement (toleration expiry), RFC 3339. */
  readonly requeueTime?: string;
  /** Things to know (expired scores, CEL functions the simulator cannot evaluate, ...). */
  readonly warnings: readonly string[];
  /** For every hub cluster not selected, the first reason, as a short sentence (computed on first access). */
  readonly notSelected: Readonly<Record<string, string>>;
}

const enum Stage {
  NotEligible = 0,
  Deleting,
  Available,
  PredicateFailed,
  TaintFailed,
  Misconfigured,
  Cut,
  Selected,
  GroupMisconfigured,
  Failed,
  Skipped,
}

function defineLazy<T extends object>(obj: T, key: string, compute: () => unknown): void {
  Object.defineProperty(obj, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = compute();
      Object.defineProperty(obj, key, { value, enumerable: true, configurable: true, writable: false });
      return value;
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Taints
// ---------------------------------------------------------------------------------------------

interface Toleration {
  readonly key: string;
  readonly operator: string;
  readonly value: string;
  readonly effect: string;
  readonly seconds: number | undefined;
}

/** Result of checking one taint: tolerated (with an optional requeue time) or why not. */
type TaintCheck = { readonly ok: true; readonly requeue?: number } | { readonly ok: false; readonly expiredAt?: number };

function checkTaint(t: ParsedTaint, tolerations: readonly Toleration[], inDecision: boolean, now: number): TaintCheck {
  if (t.effect === 'PreferNoSelect') return { ok: true };
  if (t.effect === 'NoSelectIfNew' && inDecision) return { ok: true };
  let expiredAt: number | undefined;
  for (const tol of tolerations) {
    if (tol.effect.length > 0 && tol.effect !== t.effect) continue;
    if (tol.key.length > 0 && tol.key !== t.key) continue;
    let matched = false;
    if (tol.operator === '' || tol.operator === 'Equal') matched = tol.value === t.value;
    else if (tol.operator === 'Exists') matched = true;
    if (!matched) continue;
    if (tol.seconds === undefined) return { ok: true };
    const until = (t.timeAddedMs ?? GO_ZERO_TIME) + tol.seconds * 1000;
    if (now < until) return { ok: true, requeue: until };
    if (expiredAt === undefined) expiredAt = until;
  }
  return { ok: false, expiredAt };
}

/** isClusterTolerated: every taint tolerated; returns the earliest requeue, or the first failing taint. */
function checkCluster(c: ClusterRec, tolerations: readonly Toleration[], inDecision: boolean, now: number): { ok: true; requeue?: number } | { ok: false; taint: ParsedTaint; check: TaintCheck } {
  let requeue: number | undefined;
  for (const t of c.taints) {
    const r = checkTaint(t, tolerations, inDecision, now);
    if (!r.ok) return { ok: false, taint: t, check: r };
    if (r.requeue !== undefined && (requeue === undefined || r.requeue < requeue)) requeue = r.requeue;
  }
  return { ok: true, requeue };
}

function describeTaint(t: ParsedTaint): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
}

// ---------------------------------------------------------------------------------------------
// Predicates
// ---------------------------------------------------------------------------------------------

interface CompiledPredicate {
  readonly label: FastSelector;
  readonly claim: FastSelector;
  readonly labelMatches: Uint8Array | undefined;
  readonly claimMatches: Uint8Array | undefined;
  readonly cel: readonly { readonly text: string; readonly program: Extract<CompiledCel, { ok: true }> }[];
}

function predicateMatches(ix: PreparedHubState, p: CompiledPredicate, c: ClusterRec): boolean {
  if (p.labelMatches && p.labelMatches[c.idx] === 0) return false;
  if (p.claimMatches && p.claimMatches[c.idx] === 0) return false;
  for (const e of p.cel) {
    if (!ix.celTrue(e.text, e.program, c)) return false;
  }
  return true;
}

function predicateReason(ix: PreparedHubState, p: CompiledPredicate, c: ClusterRec): string {
  const l = p.label.selector.firstMismatch(c.labelsObj, 'label');
  if (l) return l;
  const cl = p.claim.selector.firstMismatch(c.claimsObj, 'claim');
  if (cl) return cl;
  for (const e of p.cel) {
    const r = e.program.evaluate(ix.celInputOf(c));
    if (r.kind === 'false') return `CEL expression "${e.text}" is false`;
    if (r.kind === 'error') return `CEL expression "${e.text}" failed: ${r.message}`;
    if (r.kind === 'notBool') return `CEL expression "${e.text}" returned a ${r.type}, not a bool`;
  }
  return 'does not match the predicate';
}

// ---------------------------------------------------------------------------------------------
// Prioritizers
// ---------------------------------------------------------------------------------------------

interface WeightEntry {
  readonly key: string;
  readonly type: string;
  readonly builtIn?: string;
  readonly addOn?: { readonly resourceName: string; readonly scoreName: string };
  weight: number;
}

type PrioritizerKind = 'Balance' | 'Steady' | 'ResourceAllocatableCPU' | 'ResourceAllocatableMemory' | 'AddOn';

interface Prioritizer {
  readonly name: string;
  readonly kind: PrioritizerKind;
  readonly weight: number;
  readonly addOn?: { readonly resourceName: string; readonly scoreName: string };
}

const BUILTINS = new Set(['Balance', 'Steady', 'ResourceAllocatableCPU', 'ResourceAllocatableMemory']);

/** getWeights + getPrioritizers; a string is a Misconfigured message (plugin ""). */
function prioritizersOf(spec: PlacementSpecJson): Prioritizer[] | string {
  const policy = spec.prioritizerPolicy ?? {};
  const mode = policy.mode ?? '';
  const entries: WeightEntry[] = [];
  if (mode === 'Additive' || mode === '') {
    entries.push({ key: 'BuiltIn/Balance', type: 'BuiltIn', builtIn: 'Balance', weight: 1 });
    entries.push({ key: 'BuiltIn/Steady', type: 'BuiltIn', builtIn: 'Steady', weight: 1 });
  } else if (mode !== 'Exact') {
    return `incorrect prioritizer policy mode: ${mode}`;
  }
  const configurations = policy.configurations ?? [];
  for (let i = 0; i < configurations.length; i++) {
    const cfg = configurations[i];
    const sc = cfg?.scoreCoordinate;
    if (!sc) return 'scoreCoordinate field is required';
    const type = sc.type === undefined ? 'BuiltIn' : sc.type;
    const weight = cfg.weight === undefined ? 1 : cfg.weight;
    // ScoreCoordinate is a map key upstream: built-ins compare by name, AddOn coordinates by pointer.
    const key = type === 'BuiltIn' && !sc.addOn ? `BuiltIn/${sc.builtIn ?? ''}` : `#${i}`;
    const existing = entries.find((e) => e.key === key);
    if (existing) existing.weight = weight;
    else entries.push({ key, type, builtIn: sc.builtIn ?? '', addOn: sc.addOn, weight });
  }
  const out: Prioritizer[] = [];
  for (const e of entries) {
    if (e.weight === 0) continue;
    if (e.type === 'BuiltIn') {
      const b = e.builtIn ?? '';
      if (!BUILTINS.has(b)) return `incorrect builtin prioritizer: ${b}`;
      out.push({ name: b, kind: b as PrioritizerKind, weight: e.weight });
    } else {
      if (!e.addOn) return 'addOn should not be empty';
      out.push({ name: `AddOn/${e.addOn.resourceName}/${e.addOn.scoreName}`, kind: 'AddOn', weight: e.weight, addOn: e.addOn });
    }
  }
  return out;
}

/** Raw scores of one prioritizer for `feasible` (parallel array; NaN = no entry). */
function scoreWith(ix: PreparedHubState, p: Prioritizer, placement: PlacementInput, feasible: readonly ClusterRec[], warnings: string[]): Float64Array {
  const out = new Float64Array(feasible.length);
  const own = ix.ownDecisions(placement.namespace, placement.name);
  switch (p.kind) {
    case 'Balance': {
      let max = ix.globalMax;
      if (own && own.counts.size > 0) {
        max = 0;
        for (const [name, n] of ix.globalCounts) {
          const v = n - (own.counts.get(name) ?? 0);
          if (v > max) max = v;
        }
      }
      const g = ix.globalCountByIdx;
      const o = own?.countByIdx;
      for (let i = 0; i < feasible.length; i++) {
        const idx = feasible[i].idx;
        const count = o ? g[idx] - o[idx] : g[idx];
        out[i] = count > 0 ? 2 * goInt(100 * (0.5 - count / max)) : 100;
      }
      break;
    }
    case 'Steady':
      if (own?.countByIdx) {
        const o = own.countByIdx;
        for (let i = 0; i < feasible.length; i++) out[i] = o[feasible[i].idx] > 0 ? 100 : 0;
      }
      break;
    case 'ResourceAllocatableCPU':
    case 'ResourceAllocatableMemory': {
      const field = p.kind === 'ResourceAllocatableCPU' ? 'cpu' : 'memory';
      let min = Infinity;
      let max = -Infinity;
      for (const c of feasible) {
        const v = c[field];
        if (v === undefined) continue;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      for (let i = 0; i < feasible.length; i++) {
        const v = feasible[i][field];
        if (v === undefined) out[i] = NaN;
        else out[i] = max - min !== 0 ? goInt(((v - min) / (max - min) - 0.5) * 2.0 * 100.0) : 100;
      }
      break;
    }
    case 'AddOn': {
      const expired: string[] = [];
      for (let i = 0; i < feasible.length; i++) {
        const c = feasible[i];
        out[i] = 0;
        const obj = ix.scores.get(c.name)?.get(p.addOn!.resourceName);
        if (!obj) continue;
        const until = parseTime(obj.validUntil, `AddOnPlacementScore "${c.name}/${obj.name}" validUntil`);
        if (until !== undefined && ix.nowMs > until) {
          expired.push(`${c.name}/${p.addOn!.resourceName}`);
          continue;
        }
        const v = obj.scores[p.addOn!.scoreName];
        if (v !== undefined) out[i] = goInt(v);
      }
      if (expired.length > 0) warnings.push(`${p.name}: AddOnPlacementScores ${expired.join(' ')} expired (scored 0)`);
      break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Decision groups
// ---------------------------------------------------------------------------------------------

const GO_FLOAT = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf|infinity|nan)$/i;

/** calculateLength: the group length, or a Misconfigured message. */
function groupLength(value: number | string | undefined, total: number): number | string {
  let length = total;
  if (typeof value === 'number') {
    length = Math.trunc(value);
  } else if (typeof value === 'string') {
    if (!value.endsWith('%')) return `${value} invalid type: string is not a percentage`;
    const num = value.slice(0, -1);
    if (!GO_FLOAT.test(num)) return `${value} invalid type: string is not a percentage`;
    const f = Number(/^[+-]?inf/i.test(num) ? (num.startsWith('-') ? -Infinity : Infinity) : /nan/i.test(num) ? NaN : num);
    length = Math.ceil((f / 100) * total);
    if (!Number.isFinite(length)) length = 0;
  }
  if (length <= 0 || length > total) length = total;
  return length;
}

// ---------------------------------------------------------------------------------------------
// Sorting helpers
// ---------------------------------------------------------------------------------------------

const IDX_BITS = 2 ** 22;

/**
 * Positions 0..n-1 ordered by total descending, then position ascending (positions follow cluster
 * name order, so this is upstream's "score desc, name asc"). Uses a numeric sort of packed keys.
 */
function sortOrder(totals: Float64Array): Int32Array {
  const n = totals.length;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    if (totals[i] < min) min = totals[i];
    if (totals[i] > max) max = totals[i];
  }
  const order = new Int32Array(n);
  if (n === 0 || min === max) {
    for (let i = 0; i < n; i++) order[i] = i;
    return order;
  }
  const range = max - min;
  if (Number.isInteger(max) && Number.isInteger(min) && range <= 4 * n + 4096) {
    // Counting sort on (max - total): stable, so equal totals keep name order.
    const counts = new Int32Array(range + 2);
    for (let i = 0; i < n; i++) counts[max - totals[i] + 1]++;
    for (let b = 1; b < counts.length; b++) counts[b] += counts[b - 1];
    for (let i = 0; i < n; i++) order[counts[max - totals[i]]++] = i;
    return order;
  }
  if (n < IDX_BITS && (range + 1) * IDX_BITS < Number.MAX_SAFE_INTEGER && Number.isInteger(max) && Number.isInteger(min)) {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = (max - totals[i]) * IDX_BITS + i;
    keys.sort();
    for (let i = 0; i < n; i++) order[i] = keys[i] % IDX_BITS;
    return order;
  }
  for (let i = 0; i < n; i++) order[i] = i;
  return order.sort((a, b) => totals[b] - totals[a] || a - b);
}

/** Sorts clusters by index (= name order) in place, skipping the work when already sorted. */
function sortByIdx(list: ClusterRec[], all: readonly ClusterRec[]): void {
  for (let i = 1; i < list.length; i++) {
    if (list[i - 1].idx > list[i].idx) {
      const idx = new Int32Array(list.length);
      for (let j = 0; j < list.length; j++) idx[j] = list[j].idx;
      idx.sort();
      for (let j = 0; j < list.length; j++) list[j] = all[idx[j]];
      return;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The scheduler
// ---------------------------------------------------------------------------------------------

const MAX_DECISIONS_PER_OBJECT = 100;

function tolerationsOf(spec: PlacementSpecJson): Toleration[] {
  return (spec.tolerations ?? []).map((t) => ({
    key: t?.key ?? '',
    operator: t?.operator ?? 'Equal',
    value: t?.value ?? '',
    effect: t?.effect ?? '',
    seconds: typeof t?.tolerationSeconds === 'number' ? t.tolerationSeconds : undefined,
  }));
}

/** The placement-wide sentence for clusters that are not members of an eligible set. */
function notEligibleSentence(ns: string, nsBindings: readonly string[], bound: readonly string[], eligible: readonly string[], specSets: readonly string[]): string {
  if (nsBindings.length === 0) return `namespace ${ns} has no ManagedClusterSetBinding`;
  if (bound.length === 0) {
    return `namespace ${ns} has no ManagedClusterSetBinding to an existing ManagedClusterSet (ManagedClusterSet ${nsBindings.join(', ')} not found)`;
  }
  if (eligible.length === 0) return `none of spec.clusterSets (${specSets.join(', ')}) is bound to namespace ${ns} (bound: ${bound.join(', ')})`;
  if (specSets.length > 0 && eligible.length < bound.length) {
    return `not in an eligible cluster set (eligible: ${eligible.join(', ')}; bound: ${bound.join(', ')})`;
  }
  return `not in an eligible cluster set (bound: ${bound.join(', ')})`;
}

/** getAvailableClusters: marks members of the eligible sets; returns them (name order) or the sync error. */
function availableClusters(ix: PreparedHubState, eligible: readonly string[], stage: Uint8Array): ClusterRec[] | string {
  for (const s of eligible) {
    const m = ix.membersOf(ix.setByName.get(s)!);
    if ('error' in m) return `failed to get clusterset: ${s}, clusters, Error: ${m.error}`;
    const members = m.members;
    for (let k = 0; k < members.length; k++) {
      const i = members[k];
      if (stage[i] !== Stage.NotEligible) continue;
      stage[i] = ix.clusters[i].deleting ? Stage.Deleting : Stage.Available;
    }
  }
  const out: ClusterRec[] = [];
  for (let i = 0; i < stage.length; i++) if (stage[i] === Stage.Available) out.push(ix.clusters[i]);
  return out;
}

/** Builds the Predicate plugin's selectors; a string is the Misconfigured message. */
function compilePredicates(ix: PreparedHubState, spec: PlacementSpecJson, subject: string, warnings: string[]): CompiledPredicate[] | string {
  const out: CompiledPredicate[] = [];
  const preds = spec.predicates ?? [];
  for (let pi = 0; pi < preds.length; pi++) {
    const rcs = preds[pi]?.requiredClusterSelector ?? {};
    const where = `predicates[${pi}].requiredClusterSelector`;
    const label = compileSelector(rcs.labelSelector, subject, `${where}.labelSelector`);
    if (typeof label === 'string') return `Predicate:${label}`;
    const claim = compileSelector(rcs.claimSelector ? { matchExpressions: rcs.claimSelector.matchExpressions } : undefined, subject, `${where}.claimSelector`);
    if (typeof claim === 'string') return `Predicate:${claim}`;
    const cel: { text: string; program: Extract<CompiledCel, { ok: true }> }[] = [];
    for (const text of rcs.celSelector?.celExpressions ?? []) {
      const program = ix.compile(text);
      if (!program.ok) return `Predicate:${program.error}`;
      if (program.unsupported.length > 0) {
        warnings.push(`CEL expression "${text}" uses ${program.unsupported.map((f) => `${f}()`).join(', ')}, which cdk-fleet cannot evaluate; clusters count as not matching it`);
      }
      cel.push({ text, program });
    }
    out.push({
      label,
      claim,
      cel,
      labelMatches: label.empty ? undefined : ix.selectorMatches(label, false),
      claimMatches: claim.empty ? undefined : ix.selectorMatches(claim, true),
    });
  }
  return out;
}

/** The Predicate filter over `clusters` (a cluster passes when any predicate matches). */
function filterByPredicates(ix: PreparedHubState, clusters: readonly ClusterRec[], predicates: readonly CompiledPredicate[], stage: Uint8Array): ClusterRec[] {
  const out: ClusterRec[] = [];
  for (let i = 0; i < clusters.length; i++) {
    const c = clusters[i];
    let ok = false;
    for (let p = 0; p < predicates.length; p++) {
      if (predicateMatches(ix, predicates[p], c)) {
        ok = true;
        break;
      }
    }
    if (ok) out.push(c);
    else stage[c.idx] = Stage.PredicateFailed;
  }
  return out;
}

/** Toleration validation of the TaintToleration plugin; the Misconfigured message or undefined. */
function tolerationProblem(tolerations: readonly Toleration[]): string | undefined {
  for (const t of tolerations) {
    if (t.key.length === 0 && t.operator !== 'Exists') return 'TaintToleration:If the key is empty, operator must be Exists.';
    if (t.operator === 'Exists' && t.value.length > 0) return 'TaintToleration:If the operator is Exists, the value should be empty.';
  }
  return undefined;
}

/** The TaintToleration filter. */
function filterByTaints(clusters: readonly ClusterRec[], tolerations: readonly Toleration[], own: OwnDecisions | undefined, now: number, stage: Uint8Array): ClusterRec[] {
  const out: ClusterRec[] = [];
  const decided = own?.countByIdx;
  for (let i = 0; i < clusters.length; i++) {
    const c = clusters[i];
    if (c.taints.length === 0 || checkCluster(c, tolerations, decided !== undefined && decided[c.idx] > 0, now).ok) out.push(c);
    else stage[c.idx] = Stage.TaintFailed;
  }
  return out;
}

/** Scores and sorts the feasible clusters. */
interface Ranking {
  /** Feasible clusters in scheduler order. */
  readonly feasible: ClusterRec[];
  /** Total per position of `feasible`. */
  readonly totals: Float64Array;
  /** Raw scores per prioritizer, per position of `feasible` (NaN = no entry). */
  readonly raw: Float64Array[];
}

function rank(ix: PreparedHubState, ps: readonly Prioritizer[], placement: PlacementInput, filtered: readonly ClusterRec[], warnings: string[]): Ranking {
  const n = filtered.length;
  const raw: Float64Array[] = [];
  for (const p of ps) raw.push(scoreWith(ix, p, placement, filtered, warnings));
  const totals = new Float64Array(n);
  for (let k = 0; k < ps.length; k++) addWeighted(totals, raw[k], ps[k].weight);
  const order = sortOrder(totals);
  const feasible = new Array<ClusterRec>(n);
  for (let j = 0; j < n; j++) feasible[j] = filtered[order[j]];
  return { feasible, totals: permute(totals, order), raw: raw.map((r) => permute(r, order)) };
}

function addWeighted(totals: Float64Array, scores: Float64Array, weight: number): void {
  for (let i = 0; i < totals.length; i++) {
    const s = scores[i];
    if (s === s) totals[i] += s * weight;
  }
}

function permute(values: Float64Array, order: Int32Array): Float64Array {
  const out = new Float64Array(order.length);
  for (let j = 0; j < order.length; j++) out[j] = values[order[j]];
  return out;
}

/** TaintToleration.RequeueAfter: the earliest toleration expiry among clusters currently decided. */
function requeueTime(ix: PreparedHubState, own: OwnDecisions | undefined, tolerations: readonly Toleration[], now: number): number | undefined {
  let requeue: number | undefined;
  if (!own) return undefined;
  for (const name of own.names) {
    const c = ix.clusterByName.get(name);
    if (!c) continue;
    const r = checkCluster(c, tolerations, true, now);
    if (r.ok && r.requeue !== undefined && (requeue === undefined || r.requeue < requeue)) requeue = r.requeue;
  }
  return requeue;
}

/** generateDecisionGroups: the groups, or the Misconfigured message. */
function decisionGroups(spec: PlacementSpecJson, chosen: readonly ClusterRec[], subject: string, all: readonly ClusterRec[]): { name: string; clusters: ClusterRec[] }[] | string {
  const gs = spec.decisionStrategy?.groupStrategy ?? {};
  const len = groupLength(gs.clustersPerDecisionGroup, chosen.length);
  if (typeof len === 'string') return len;
  const groups: { name: string; clusters: ClusterRec[] }[] = [];
  const divide = (name: string, matched: ClusterRec[]): void => {
    sortByIdx(matched, all);
    for (let i = 0; i < matched.length; i += len) groups.push({ name, clusters: matched.slice(i, i + len) });
  };
  const taken = new Uint8Array(all.length);
  const defs = gs.decisionGroups ?? [];
  for (let gi = 0; gi < defs.length; gi++) {
    const d = defs[gi];
    const where = `decisionStrategy.groupStrategy.decisionGroups[${gi}].groupClusterSelector`;
    const label = compileSelector(d?.groupClusterSelector?.labelSelector, subject, `${where}.labelSelector`);
    if (typeof label === 'string') return label;
    const cs = d?.groupClusterSelector?.claimSelector;
    const claim = compileSelector(cs ? { matchExpressions: cs.matchExpressions } : undefined, subject, `${where}.claimSelector`);
    if (typeof claim === 'string') return claim;
    const matched: ClusterRec[] = [];
    for (const c of chosen) {
      if (taken[c.idx]) continue;
      if (!label.test(c.labels) || !claim.test(c.claims)) continue;
      taken[c.idx] = 1;
      matched.push(c);
    }
    divide(d?.groupName ?? '', matched);
  }
  divide('', chosen.filter((c) => !taken[c.idx]));
  if (groups.length === 0) groups.push({ name: '', clusters: [] });
  return groups;
}

/** generateDecision for every group: status groups and PlacementDecision objects of ≤ 100 clusters. */
function decisionObjects(placement: PlacementInput, raw: readonly { name: string; clusters: ClusterRec[] }[]): { groups: DecisionGroupResult[]; objects: PlacementDecisionResult[] } {
  const groups: DecisionGroupResult[] = [];
  const objects: PlacementDecisionResult[] = [];
  let pdIndex = 1;
  raw.forEach((g, gi) => {
    const names = g.clusters.map((c) => c.name);
    const slices: string[][] = [];
    for (let i = 0; i < names.length; i += MAX_DECISIONS_PER_OBJECT) slices.push(names.slice(i, i + MAX_DECISIONS_PER_OBJECT));
    if (slices.length === 0) slices.push([]);
    const decisionNames: string[] = [];
    for (const slice of slices) {
      const pdName = `${placement.name}-decision-${pdIndex++}`;
      decisionNames.push(pdName);
      objects.push({
        namespace: placement.namespace,
        name: pdName,
        labels: { [PLACEMENT_LABEL]: placement.name, [DECISION_GROUP_NAME_LABEL]: g.name, [DECISION_GROUP_INDEX_LABEL]: String(gi) },
        clusters: slice,
      });
    }
    groups.push({ index: gi, name: g.name, clusters: names, clusterCount: names.length, decisionNames, decisionSlices: slices });
  });
  return { groups, objects };
}

/** newSatisfiedCondition. */
function satisfiedCondition(specSets: readonly string[], eligible: readonly string[], bindings: number, available: number, selected: number, unscheduled: number): PlacementConditionResult {
  if (bindings === 0) return { status: 'False', reason: 'NoManagedClusterSetBindings', message: 'No valid ManagedClusterSetBindings found in placement namespace' };
  if (eligible.length === 0) return { status: 'False', reason: 'NoIntersection', message: `None of ManagedClusterSets [${specSets.join(',')}] is bound to placement namespace` };
  if (available === 0) return { status: 'False', reason: 'AllManagedClusterSetsEmpty', message: `All ManagedClusterSets [${eligible.join(',')}] have no member ManagedCluster` };
  if (selected === 0) return { status: 'False', reason: 'NoManagedClusterMatched', message: 'No ManagedCluster matches any of the cluster predicate' };
  if (unscheduled === 0) return { status: 'True', reason: 'AllDecisionsScheduled', message: 'All cluster decisions scheduled' };
  return { status: 'False', reason: 'NotAllDecisionsScheduled', message: `${unscheduled} cluster decisions unscheduled` };
}

/** What the reasons of not-selected clusters are computed from (lazily). */
interface ReasonContext {
  readonly ix: PreparedHubState;
  readonly stage: Uint8Array;
  readonly notEligible: string;
  readonly predicates: readonly CompiledPredicate[];
  readonly tolerations: readonly Toleration[];
  readonly own: OwnDecisions | undefined;
  readonly feasible: readonly ClusterRec[];
  readonly numberOfClusters: number | undefined;
  readonly misconfigured: string | undefined;
  readonly error: string | undefined;
  readonly skipped: string | undefined;
}

function reasons(ctx: ReasonContext): Record<string, string> {
  const out: Record<string, string> = {};
  const { ix, stage } = ctx;
  let rankOf: Int32Array | undefined;
  let sig: string | undefined;
  for (let i = 0; i < stage.length; i++) {
    const c = ix.clusters[i];
    switch (stage[i] as Stage) {
      case Stage.Selected:
        break;
      case Stage.NotEligible:
        out[c.name] = ctx.notEligible;
        break;
      case Stage.Deleting:
        out[c.name] = 'being deleted';
        break;
      case Stage.PredicateFailed:
        if (sig === undefined) sig = ctx.predicates.map((p) => `${p.label.key}\u0001${p.claim.key}\u0001${p.cel.map((e) => e.text).join('\u0002')}`).join('\u0003');
        out[c.name] = ix.predicateSentence(ctx.predicates, sig, c);
        break;
      case Stage.TaintFailed: {
        const r = checkCluster(c, ctx.tolerations, ctx.own?.names.has(c.name) ?? false, ix.nowMs);
        if (r.ok) {
          out[c.name] = 'not tolerated';
          break;
        }
        let why = '';
        if (!r.check.ok && r.check.expiredAt !== undefined) why = ` (toleration expired at ${formatTime(r.check.expiredAt)})`;
        else if (r.taint.effect === 'NoSelectIfNew') why = ' (the cluster is not yet a decision of this placement)';
        out[c.name] = `taint ${describeTaint(r.taint)} not tolerated${why}`;
        break;
      }
      case Stage.Misconfigured:
        out[c.name] = `placement is misconfigured (${ctx.misconfigured})`;
        break;
      case Stage.GroupMisconfigured:
        out[c.name] = `placement is misconfigured (${ctx.misconfigured}); no PlacementDecision is written`;
        break;
      case Stage.Cut: {
        if (!rankOf) {
          rankOf = new Int32Array(stage.length);
          for (let j = 0; j < ctx.feasible.length; j++) rankOf[ctx.feasible[j].idx] = j + 1;
        }
        out[c.name] = `cut by numberOfClusters=${ctx.numberOfClusters} (rank ${rankOf[i]})`;
        break;
      }
      case Stage.Failed:
        out[c.name] = `scheduling failed: ${ctx.error}`;
        break;
      case Stage.Skipped:
        if (!ctx.own?.names.has(c.name)) out[c.name] = `placement is not scheduled: ${ctx.skipped}; existing PlacementDecisions are kept`;
        break;
      default:
        out[c.name] = 'not selected';
    }
  }
  return out;
}

function scheduleOne(ix: PreparedHubState, placement: PlacementInput): PlacementScheduleResult {
  const spec: PlacementSpecJson = placement.spec ?? {};
  const ns = placement.namespace;
  const subject = `placement "${ns}/${placement.name}"`;
  const N = ix.clusters.length;
  const stage = new Uint8Array(N);
  const warnings: string[] = [...ix.warnings];
  const now = ix.nowMs;
  const own = ix.ownDecisions(ns, placement.name);
  const specSets = spec.clusterSets ?? [];
  const tolerations = tolerationsOf(spec);

  let skipped: string | undefined;
  let error: string | undefined;
  let misconfigured: string | undefined;
  let groupsMisconfigured = false;
  let notEligible = '';
  let bound: string[] = [];
  let eligible: string[] = [];
  let available: ClusterRec[] = [];
  let predicates: CompiledPredicate[] = [];
  let prioritizers: Prioritizer[] = [];
  let ranking: Ranking = { feasible: [], totals: new Float64Array(0), raw: [] };
  let selectedRecs: ClusterRec[] = [];
  let unscheduled = 0;
  let requeue: number | undefined;

  if (placement.deleting) skipped = 'the placement is being deleted';
  else if (placement.annotations?.[PLACEMENT_DISABLE_ANNOTATION] === 'true') skipped = `annotation ${PLACEMENT_DISABLE_ANNOTATION}=true disables scheduling`;

  if (skipped) {
    stage.fill(Stage.Skipped);
  } else {
    const nsBindings = ix.bindingsByNs.get(ns) ?? [];
    bound = nsBindings.filter((s) => ix.setByName.has(s));
    eligible = specSets.length > 0 ? bound.filter((s) => specSets.includes(s)) : bound;
    notEligible = notEligibleSentence(ns, nsBindings, bound, eligible, specSets);
    const av = availableClusters(ix, eligible, stage);
    if (typeof av === 'string') {
      error = av;
      stage.fill(Stage.Failed);
    } else {
      available = av;
    }
  }

  // The scheduler: filters, prioritizers, selection (Schedule()).
  if (!skipped && !error) {
    let filtered = available;
    if ((spec.predicates ?? []).length > 0 && filtered.length > 0) {
      const ps = compilePredicates(ix, spec, subject, warnings);
      if (typeof ps === 'string') misconfigured = ps;
      else {
        predicates = ps;
        filtered = filterByPredicates(ix, filtered, predicates, stage);
      }
    }
    if (!misconfigured && filtered.length > 0) {
      misconfigured = tolerationProblem(tolerations);
      if (!misconfigured) filtered = filterByTaints(filtered, tolerations, own, now, stage);
    }
    if (!misconfigured) {
      const ps = prioritizersOf(spec);
      if (typeof ps === 'string') misconfigured = `:${ps}`;
      else prioritizers = ps;
    }
    if (misconfigured) {
      for (const c of filtered) stage[c.idx] = Stage.Misconfigured;
      prioritizers = [];
    } else {
      ranking = rank(ix, prioritizers, placement, filtered, warnings);
      const n = spec.numberOfClusters;
      if (typeof n === 'number' && n < 0) {
        error = `numberOfClusters ${n} is negative: the scheduler would panic slicing the cluster list`;
        stage.fill(Stage.Failed);
        ranking = { feasible: [], totals: new Float64Array(0), raw: [] };
      } else {
        const feasible = ranking.feasible;
        selectedRecs = typeof n === 'number' && n < feasible.length ? feasible.slice(0, n) : feasible;
        unscheduled = typeof n === 'number' ? n - selectedRecs.length : 0;
        for (let j = 0; j < feasible.length; j++) stage[feasible[j].idx] = j < selectedRecs.length ? Stage.Selected : Stage.Cut;
        requeue = requeueTime(ix, own, tolerations, now);
      }
    }
  }

  // Decision groups and PlacementDecision objects (generatePlacementDecisionsAndStatus).
  let groups: DecisionGroupResult[] = [];
  let objects: PlacementDecisionResult[] = [];
  const scheduled = !skipped && !error;
  if (scheduled) {
    const chosen = misconfigured ? [] : selectedRecs;
    const raw = decisionGroups(spec, chosen, subject, ix.clusters);
    if (typeof raw === 'string') {
      groupsMisconfigured = true;
      if (!misconfigured) misconfigured = `:${raw}`;
      for (const c of selectedRecs) stage[c.idx] = Stage.GroupMisconfigured;
    } else {
      ({ groups, objects } = decisionObjects(placement, raw));
    }
  }

  const scheduledCount = misconfigured && !groupsMisconfigured ? 0 : selectedRecs.length;
  const selected = skipped ? [...(own?.names ?? [])].sort() : misconfigured ? [] : selectedRecs.map((c) => c.name);
  const satisfied = scheduled ? satisfiedCondition(specSets, eligible, bound.length, available.length, scheduledCount, unscheduled) : undefined;
  const feasible = misconfigured && !groupsMisconfigured ? [] : ranking.feasible;

  const result: Record<string, unknown> = {
    namespace: ns,
    name: placement.name,
    ...(skipped ? { skipped } : {}),
    ...(error ? { error } : {}),
    misconfigured: misconfigured !== undefined,
    ...(misconfigured ? { misconfiguredMessage: misconfigured } : {}),
    boundClusterSets: bound,
    eligibleClusterSets: eligible,
    availableClusters: available.length,
    selected,
    numberOfSelectedClusters: skipped ? selected.length : scheduledCount,
    unscheduled,
    weights: Object.fromEntries(prioritizers.map((p) => [p.name, p.weight])),
    groups,
    placementDecisions: objects,
    ...(satisfied ? { satisfied } : {}),
    ...(requeue !== undefined ? { requeueTime: formatTime(requeue) } : {}),
    warnings,
  };
  const { raw, totals } = ranking;
  defineLazy(result, 'feasibleClusters', () => feasible.map((c) => c.name));
  defineLazy(result, 'scores', () => {
    const out: Record<string, Record<string, number>> = {};
    prioritizers.forEach((p, k) => {
      const m: Record<string, number> = out[p.name] ?? {};
      feasible.forEach((c, j) => {
        if (!Number.isNaN(raw[k][j])) m[c.name] = raw[k][j];
      });
      out[p.name] = m;
    });
    return out;
  });
  defineLazy(result, 'totalScores', () => {
    const out: Record<string, number> = {};
    feasible.forEach((c, j) => (out[c.name] = totals[j] || 0));
    return out;
  });
  const ctx: ReasonContext = {
    ix, stage, notEligible, predicates, tolerations, own, feasible: ranking.feasible,
    numberOfClusters: spec.numberOfClusters, misconfigured, error, skipped,
  };
  defineLazy(result, 'notSelected', () => reasons(ctx));
  return result as unknown as PlacementScheduleResult;
}

function prepared(state: HubState | PreparedHubState, options?: ScheduleOptions): PreparedHubState {
  return state instanceof PreparedHubState ? state : new PreparedHubState(state, options?.now);
}

/**
 * Schedules one Placement exactly as the OCM placement controller does (ocm commit 00f84c3):
 * bindings → eligible sets → available clusters → Predicate → TaintToleration → prioritizers →
 * sort (score desc, name asc) → numberOfClusters → decision groups → PlacementDecisions of ≤ 100.
 * @param state the hub state, or a PreparedHubState shared across calls
 * @param placement the Placement (namespace, name, spec with upstream field names)
 * @param options evaluation time
 */
export function schedulePlacement(state: HubState | PreparedHubState, placement: PlacementInput, options?: ScheduleOptions): PlacementScheduleResult {
  return scheduleOne(prepared(state, options), placement);
}

/**
 * Schedules many Placements against one hub state, sharing its indexes and compiled CEL.
 * Every placement sees the same existing PlacementDecisions (those in the state); the decisions
 * computed here are not fed back into Balance or Steady of later placements.
 * @param state the hub state, or a PreparedHubState
 * @param placements the placements, in the order results are wanted
 * @default placements state.placements
 * @param options evaluation time
 */
export function scheduleAll(state: HubState | PreparedHubState, placements?: readonly PlacementInput[], options?: ScheduleOptions): PlacementScheduleResult[] {
  const ix = prepared(state, options);
  return (placements ?? ix.state.placements ?? []).map((p) => scheduleOne(ix, p));
}
