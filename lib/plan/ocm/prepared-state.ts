// The hub state indexed once for every placement (part of the OCM placement simulator; see placement.ts).
import { fail } from '../../core/errors';
import { Order } from '../../core/order';
import { CLUSTER_SET_LABEL } from './model';
import type { HubAddOnPlacementScore, HubCluster, HubClusterSet, HubState } from './model';
import type { CelVal, CompiledCel, PlacementCelEnv } from './cel';
import { CompiledPredicate, predicateReason } from './predicates';
import { parseQuantity, parseTime } from './quantities';
import { FastSelector, compileSelector } from './selectors';

export interface ParsedTaint {
  readonly key: string;
  readonly value: string;
  readonly effect: string;
  readonly timeAddedMs: number | undefined;
}

export interface ClusterRec {
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
  celInput?: CelVal;
}

export interface OwnDecisions {
  readonly counts: Map<string, number>;
  readonly names: Set<string>;
  /** Per cluster index: appearances in these decisions (built on first use). */
  countByIdx?: Int32Array;
}

export type Membership = { readonly members: readonly number[] } | { readonly error: string };

export function nullProto(rec: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(rec ?? {})) out[k] = v;
  return out;
}

export function resourceOf(c: HubCluster, resource: string, warnings: string[]): number | undefined {
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
  private env: PlacementCelEnv | undefined;
  private readonly celCache = new Map<string, CompiledCel>();
  private readonly selectorMemo = new Map<string, Uint8Array>();
  private readonly celMemo = new Map<string, { readonly outcome: Uint8Array; readonly cost: Float64Array }>();
  private readonly reasonMemo = new Map<string, SentenceMemo>();
  /** Every predicate sentence once (equal sentences of different clusters share one string). */
  private readonly sentences = new Map<string, string>();

  /**
   * @param state the hub state
   * @param now evaluation time (overrides `state.now`; the real clock when both are absent)
   */
  constructor(state: HubState, now?: string | Date) {
    this.state = state;
    const warnings: string[] = [];
    const nowMs = now instanceof Date ? now.getTime() : parseTime(now ?? state.now, 'hub state "now"');
    this.nowMs = nowMs ?? Date.now();
    const sorted = [...state.clusters].sort(Order.by((c) => c.name));
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
    if (!m) this.celMemo.set(text, (m = { outcome: new Uint8Array(this.clusters.length), cost: new Float64Array(this.clusters.length) }));
    let v = m.outcome[c.idx];
    if (v === 0) {
      const r = program.evaluate(this.celInputOf(c));
      v = r.kind === 'true' ? 1 : 2;
      m.outcome[c.idx] = v;
      m.cost[c.idx] = r.cost;
    }
    return v === 1;
  }

  /** @internal the runtime cost of a CEL expression for a cluster (after celTrue) */
  public celCost(text: string, c: ClusterRec): number {
    return this.celMemo.get(text)?.cost[c.idx] ?? 0;
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
  public celInputOf(c: ClusterRec): CelVal {
    if (c.celInput === undefined) c.celInput = celModules().jsonToCel(c.src.object ?? synthesizeManagedCluster(c.src));
    return c.celInput;
  }

  /** @internal the memo of {@link predicateSentence} for a predicate list with signature `sig` */
  public predicateSentences(sig: string): SentenceMemo {
    let memo = this.reasonMemo.get(sig);
    if (!memo) this.reasonMemo.set(sig, (memo = { byCluster: new Array<string | undefined>(this.clusters.length), keys: undefined, byValues: new Map() }));
    return memo;
  }

  /**
   * @internal the not-matched sentence for a predicate list and a cluster, memoized in `memo`
   * (from {@link predicateSentences}); equal sentences are one string, so readers can key on them
   * cheaply
   */
  public predicateSentence(predicates: readonly CompiledPredicate[], memo: SentenceMemo, c: ClusterRec): string {
    let r = memo.byCluster[c.idx];
    if (r !== undefined) return r;
    // Without CEL the sentence depends only on the values (or absence) of the labels and claims
    // the selectors name: clusters alike in those share it, through a tree of maps by value.
    if (memo.keys === undefined) memo.keys = sentenceKeys(predicates);
    let node: Map<string | undefined, unknown> | undefined;
    let last: string | undefined;
    if (memo.keys !== null) {
      node = memo.byValues;
      const keys = memo.keys;
      for (let i = 0; i < keys.length - 1; i++) {
        const v = (keys[i].claim ? c.claimsObj : c.labelsObj)[keys[i].key];
        let next = node.get(v) as Map<string | undefined, unknown> | undefined;
        if (next === undefined) node.set(v, (next = new Map()));
        node = next;
      }
      if (keys.length > 0) last = (keys[keys.length - 1].claim ? c.claimsObj : c.labelsObj)[keys[keys.length - 1].key];
      r = node.get(last) as string | undefined;
    }
    if (r === undefined) {
      const rs = predicates.map((p) => predicateReason(this, p, c));
      r = rs.length === 1 ? rs[0] : `matches none of ${rs.length} predicates: ${rs.join('; ')}`;
      const same = this.sentences.get(r);
      if (same === undefined) this.sentences.set(r, r); else r = same;
      if (node !== undefined) node.set(last, r);
    }
    memo.byCluster[c.idx] = r;
    return r;
  }

  /** @internal compiles a CEL expression once per prepared state */
  public compile(expression: string): CompiledCel {
    let r = this.celCache.get(expression);
    if (!r) {
      if (!this.env) {
        this.env = celModules().placementCelEnv((cluster, name) => this.scores.get(cluster)?.get(name)?.scores);
      }
      r = celModules().compileCel(this.env, expression);
      this.celCache.set(expression, r);
    }
    return r;
  }
}

/** The ManagedCluster object (as `runtime.DefaultUnstructuredConverter` renders it) for a model cluster. */
export function synthesizeManagedCluster(c: HubCluster): Record<string, unknown> {
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

let cel: typeof import('./cel') | undefined;

/**
 * The CEL modules, loaded the first time a placement has a CEL expression: the CEL parser is a
 * large dependency (a sixth of a second to load), and most fleets use no CEL.
 * @internal
 */
export function celModules(): typeof import('./cel') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (cel ??= require('./cel') as typeof import('./cel'));
}

/** The memo of predicate sentences of one predicate list (see PreparedHubState.predicateSentence). @internal */
export interface SentenceMemo {
  /** By cluster index. */
  readonly byCluster: (string | undefined)[];
  /** The labels and claims the sentence depends on, in tree order; null when it may depend on more (CEL); undefined until known. */
  keys: { readonly claim: boolean; readonly key: string }[] | null | undefined;
  /** Sentences by the values of `keys`, one map level per key (undefined = absent). */
  readonly byValues: Map<string | undefined, unknown>;
}

/** The labels and claims the sentences of `predicates` read, or null when a predicate has CEL expressions. */
function sentenceKeys(predicates: readonly CompiledPredicate[]): { claim: boolean; key: string }[] | null {
  const keys: { claim: boolean; key: string }[] = [];
  for (const p of predicates) {
    if (p.cel.length > 0) return null;
    for (const [claim, sel] of [[false, p.label.selector], [true, p.claim.selector]] as const) {
      for (const key of Object.keys(sel.matchLabels)) keys.push({ claim, key });
      for (const e of sel.matchExpressions) keys.push({ claim, key: e.key });
    }
  }
  return keys;
}
