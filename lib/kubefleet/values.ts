// Values shared by the KubeFleet constructs: resource selectors, placement policies, cluster
// selectors, tolerations, topology spread and rollout strategies
// (kubefleet apis/placement/v1beta1/clusterresourceplacement_types.go), with the checks of the CRD's
// CEL rules and kubefleet pkg/utils/validator/placement.go.
import { describeValue, fail } from '../core/errors';
import { INT32_MAX } from '../core/validate';
import { dnsSubdomainProblem, labelKeyProblem, labelValueProblem, validateDnsSubdomain } from '../core/names';
import { compareQuantities, parseQuantity } from '../core/quantity';
import { asSelector, LabelSelector } from '../core/selector';
import { PercentOrAbsolute } from '../core/values';

/** What a Namespace resource selector carries along. */
export enum SelectionScope {
  /** The namespace and everything in it (the default). */
  NAMESPACE_WITH_RESOURCES = 'NamespaceWithResources',
  /** The namespace object only. */
  NAMESPACE_ONLY = 'NamespaceOnly',
  /** The namespace, and only the resources the other selectors pick inside it. */
  NAMESPACE_WITH_RESOURCE_SELECTORS = 'NamespaceWithResourceSelectors',
}

/**
 * Which resources a placement or an override selects (`ResourceSelectorTerm`). Name and label selector
 * are mutually exclusive, so the factories keep them apart.
 */
export class ResourceSelector {
  /** The Namespace `name` (with its contents, unless `scope` says otherwise). */
  public static namespace(name: string, scope?: SelectionScope): ResourceSelector {
    return new ResourceSelector('', 'v1', 'Namespace', name, undefined, scope);
  }

  /** The Namespaces whose labels match `selector`. */
  public static namespacesByLabels(selector: LabelSelector, scope?: SelectionScope): ResourceSelector {
    return new ResourceSelector('', 'v1', 'Namespace', undefined, selector, scope);
  }

  /** The object `name` of `group`/`version`/`kind` (`group` is `''` for the core group). */
  public static byName(group: string, version: string, kind: string, name: string): ResourceSelector {
    return new ResourceSelector(group, version, kind, name);
  }

  /** The objects of `group`/`version`/`kind` whose labels match `selector`. */
  public static byLabels(group: string, version: string, kind: string, selector: LabelSelector): ResourceSelector {
    return new ResourceSelector(group, version, kind, undefined, selector);
  }

  /** Every object of `group`/`version`/`kind`. */
  public static all(group: string, version: string, kind: string): ResourceSelector {
    return new ResourceSelector(group, version, kind);
  }

  private constructor(
    /** API group (`''` for core). */
    public readonly group: string,
    /** Version. */
    public readonly version: string,
    /** Kind. */
    public readonly kind: string,
    /** Name, when one object. */
    public readonly name?: string,
    /** Label selector, when by labels. */
    public readonly labelSelector?: LabelSelector,
    /** Selection scope (Namespace selectors). */
    public readonly selectionScope?: SelectionScope,
  ) {}

  /** True for a selector of Namespaces. */
  public get isNamespace(): boolean {
    return this.group === '' && this.version === 'v1' && this.kind === 'Namespace';
  }

  /** Validates and renders the selector. @internal */
  public _render(subject: string): Record<string, unknown> {
    if (typeof this.group !== 'string' || typeof this.version !== 'string' || !this.version || typeof this.kind !== 'string' || !this.kind) {
      fail(subject, `a resource selector needs a group ('' for core), a version and a kind, got ${JSON.stringify([this.group, this.version, this.kind])}`);
    }
    if (this.selectionScope !== undefined) {
      if (!Object.values(SelectionScope).includes(this.selectionScope)) fail(subject, `selectionScope ${JSON.stringify(this.selectionScope)} is invalid; allowed: ${Object.values(SelectionScope).join(', ')}`);
      if (!this.isNamespace) fail(subject, `selectionScope applies to Namespace selectors only, not ${this.kind}`);
    }
    if (this.name !== undefined) validateDnsSubdomain(subject, `${this.kind} selector name`, this.name);
    const sel = asSelector(subject, `${this.kind} selector labelSelector`, this.labelSelector);
    sel?.validate(subject, `${this.kind} selector labelSelector`);
    const out: Record<string, unknown> = { group: this.group, version: this.version, kind: this.kind };
    if (this.name) out.name = this.name;
    if (sel) out.labelSelector = sel.toJson();
    if (this.selectionScope) out.selectionScope = this.selectionScope;
    return out;
  }
}

/** Prefix of resource properties (kubefleet pkg/propertyprovider/commons.go). */
const RESOURCE_PREFIX = 'resources.kubernetes-fleet.io/';

/** validator.validateName: why a property name is invalid, or undefined. */
function propertyNameProblem(name: string): string | undefined {
  if (typeof name !== 'string' || name === '') return 'must not be empty';
  if (name.startsWith(RESOURCE_PREFIX)) {
    const segs = name.slice(RESOURCE_PREFIX.length).split('-');
    if (segs.length < 2) return `is a resource property but not of the form ${RESOURCE_PREFIX}<total|allocatable|available>-<resource>`;
    if (segs.length > 2 || segs[1] === '') return `is a resource property the scheduler cannot read (it splits <type>-<resource> at every "-" and fails the scheduling cycle on more than one)`;
    if (!['total', 'allocatable', 'available'].includes(segs[0])) return `has capacity type "${segs[0]}"; allowed: total, allocatable, available`;
    const p = labelKeyProblem(name);
    return p ? `is not a qualified name: it ${p}` : undefined;
  }
  const segs = name.split('/');
  if (segs.length === 1) {
    const p = labelKeyProblem(name);
    return p ? `is not a qualified name: it ${p}` : undefined;
  }
  if (dnsSubdomainProblem(segs[0]) && labelKeyProblem(segs[0])) return `has a first segment "${segs[0]}" that is neither a DNS subdomain nor a qualified name`;
  for (const s of segs.slice(1)) {
    const p = labelKeyProblem(s);
    if (p) return `has a segment "${s}" that is not a qualified name: it ${p}`;
  }
  return undefined;
}

/** A property comparison operator. */
export enum PropertyOperator {
  /** Greater than. */
  GT = 'Gt',
  /** Greater than or equal. */
  GE = 'Ge',
  /** Equal. */
  EQ = 'Eq',
  /** Not equal. */
  NE = 'Ne',
  /** Less than. */
  LT = 'Lt',
  /** Less than or equal. */
  LE = 'Le',
}

/**
 * One requirement on a cluster property (a required term's `propertySelector`), compared as a
 * Kubernetes quantity: `node-count` properties, `resources.kubernetes-fleet.io/<total|allocatable|available>-<cpu|memory>`, ...
 */
export class PropertyRequirement {
  /** The property is greater than `value`. */
  public static gt(name: string, value: string): PropertyRequirement {
    return new PropertyRequirement(name, PropertyOperator.GT, value);
  }
  /** The property is at least `value`. */
  public static ge(name: string, value: string): PropertyRequirement {
    return new PropertyRequirement(name, PropertyOperator.GE, value);
  }
  /** The property equals `value`. */
  public static eq(name: string, value: string): PropertyRequirement {
    return new PropertyRequirement(name, PropertyOperator.EQ, value);
  }
  /** The property differs from `value`. */
  public static ne(name: string, value: string): PropertyRequirement {
    return new PropertyRequirement(name, PropertyOperator.NE, value);
  }
  /** The property is less than `value`. */
  public static lt(name: string, value: string): PropertyRequirement {
    return new PropertyRequirement(name, PropertyOperator.LT, value);
  }
  /** The property is at most `value`. */
  public static le(name: string, value: string): PropertyRequirement {
    return new PropertyRequirement(name, PropertyOperator.LE, value);
  }

  private constructor(
    /** The property name. */
    public readonly name: string,
    /** The operator. */
    public readonly operator: PropertyOperator,
    /** The quantity compared with. */
    public readonly value: string,
  ) {}

  /** Validates and renders the requirement. @internal */
  public _render(subject: string, where: string): Record<string, unknown> {
    const np = propertyNameProblem(this.name);
    if (np) fail(subject, `${where} property ${JSON.stringify(this.name)} ${np}`);
    if (!parseQuantity(String(this.value))) fail(subject, `${where} property ${this.name} ${this.operator} ${JSON.stringify(this.value)}: the value is not a Kubernetes quantity (e.g. "4", "500m", "16Gi")`);
    return { name: this.name, operator: this.operator, values: [String(this.value)] };
  }
}

/** validator.validateRequirementsConsistency: the problem with the requirements on one property, or undefined. */
function consistencyProblem(reqs: readonly PropertyRequirement[]): string | undefined {
  let lower: { q: ReturnType<typeof parseQuantity>; strict: boolean; v: string } | undefined;
  let upper: typeof lower;
  let eq: { q: ReturnType<typeof parseQuantity>; v: string } | undefined;
  const ne: { q: ReturnType<typeof parseQuantity>; v: string }[] = [];
  for (const r of reqs) {
    const q = parseQuantity(r.value)!;
    switch (r.operator) {
      case PropertyOperator.GT:
      case PropertyOperator.GE: {
        const strict = r.operator === PropertyOperator.GT;
        if (!lower || compareQuantities(q, lower.q!) > 0 || (compareQuantities(q, lower.q!) === 0 && strict && !lower.strict)) lower = { q, strict, v: r.value };
        break;
      }
      case PropertyOperator.LT:
      case PropertyOperator.LE: {
        const strict = r.operator === PropertyOperator.LT;
        if (!upper || compareQuantities(q, upper.q!) < 0 || (compareQuantities(q, upper.q!) === 0 && strict && !upper.strict)) upper = { q, strict, v: r.value };
        break;
      }
      case PropertyOperator.EQ:
        if (eq && compareQuantities(eq.q!, q) !== 0) return `conflicting Eq values ${eq.v} and ${r.value}`;
        eq = { q, v: r.value };
        break;
      default:
        ne.push({ q, v: r.value });
    }
  }
  if (eq && ne.some((n) => compareQuantities(eq!.q!, n.q!) === 0)) return `conflicting Eq and Ne on the same value ${eq.v}`;
  if (lower && upper) {
    const c = compareQuantities(lower.q!, upper.q!);
    if (c > 0 || (c === 0 && (lower.strict || upper.strict))) return `lower bound (${lower.v}) and upper bound (${upper.v}) exclude all values`;
  }
  if (eq && lower) {
    const c = compareQuantities(eq.q!, lower.q!);
    if (c < 0 || (c === 0 && lower.strict)) return `eq value ${eq.v} violates lower bound ${lower.v}`;
  }
  if (eq && upper) {
    const c = compareQuantities(eq.q!, upper.q!);
    if (c > 0 || (c === 0 && upper.strict)) return `eq value ${eq.v} violates upper bound ${upper.v}`;
  }
  return undefined;
}

/** One required cluster selector term: its label and property parts must both hold (terms are ORed). */
export interface ClusterSelectorTerm {
  /**
   * Selector over MemberCluster labels.
   * @default - any labels
   */
  readonly labelSelector?: LabelSelector;
  /**
   * Requirements on cluster properties, all of which must hold.
   * @default - no property requirement
   */
  readonly propertySelector?: PropertyRequirement[];
}

/** Validates and renders a required term. */
function renderClusterSelectorTerm(subject: string, where: string, t: ClusterSelectorTerm): Record<string, unknown> {
  if (typeof t !== 'object' || t === null) fail(subject, `${where} is ${describeValue(t)}, not a ClusterSelectorTerm`);
  const out: Record<string, unknown> = {};
  const sel = asSelector(subject, `${where}.labelSelector`, t.labelSelector);
  if (sel) {
    sel.validate(subject, `${where}.labelSelector`);
    out.labelSelector = sel.toJson();
  }
  const reqs = t.propertySelector ?? [];
  if (reqs.length > 0) {
    reqs.forEach((r, i) => {
      if (!(r instanceof PropertyRequirement)) fail(subject, `${where}.propertySelector[${i}] is ${describeValue(r)}; use PropertyRequirement.ge('kubernetes-fleet.io/node-count', '3')`);
    });
    const exprs = reqs.map((r) => r._render(subject, where));
    const byName = new Map<string, PropertyRequirement[]>();
    for (const r of reqs) byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
    for (const [name, rs] of byName) {
      const p = consistencyProblem(rs);
      if (p) fail(subject, `${where} has inconsistent requirements on property ${name}: ${p}; the KubeFleet webhook rejects them`);
    }
    out.propertySelector = { matchExpressions: exprs };
  }
  return out;
}

/** Sorts clusters by a property for a preferred term. */
export class PropertySorter {
  /** Lower values score higher. */
  public static ascending(name: string): PropertySorter {
    return new PropertySorter(name, 'Ascending');
  }

  /** Higher values score higher. */
  public static descending(name: string): PropertySorter {
    return new PropertySorter(name, 'Descending');
  }

  private constructor(
    /** The property name. */
    public readonly name: string,
    /** `Ascending` or `Descending`. */
    public readonly sortOrder: string,
  ) {}

  /** Validates and renders the sorter. @internal */
  public _render(subject: string, where: string): Record<string, unknown> {
    const np = propertyNameProblem(this.name);
    if (np) fail(subject, `${where} propertySorter ${JSON.stringify(this.name)} ${np}`);
    return { name: this.name, sortOrder: this.sortOrder };
  }
}

/** One preferred term: clusters matching it score `weight` (or a share of it, with a property sorter). */
export interface PreferredClusterSelector {
  /** The weight, from -100 to 100. */
  readonly weight: number;
  /**
   * Selector over MemberCluster labels.
   * @default - every cluster
   */
  readonly labelSelector?: LabelSelector;
  /**
   * Interpolate the weight by a property (the scheduler's min/max over the fleet).
   * @default - the full weight for every matching cluster
   */
  readonly propertySorter?: PropertySorter;
}

function renderPreferred(subject: string, i: number, p: PreferredClusterSelector): Record<string, unknown> {
  const where = `preferred cluster affinity ${i}`;
  if (!Number.isInteger(p.weight) || p.weight < -100 || p.weight > 100) fail(subject, `${where} has weight ${p.weight}; a weight is a whole number from -100 to 100`);
  const preference: Record<string, unknown> = {};
  const sel = asSelector(subject, `${where} labelSelector`, p.labelSelector);
  if (sel) {
    sel.validate(subject, `${where} labelSelector`);
    preference.labelSelector = sel.toJson();
  }
  if (p.propertySorter !== undefined) {
    if (!(p.propertySorter instanceof PropertySorter)) fail(subject, `${where} propertySorter is ${describeValue(p.propertySorter)}; use PropertySorter.ascending(name) or PropertySorter.descending(name)`);
    preference.propertySorter = p.propertySorter._render(subject, where);
  }
  return { weight: p.weight, preference };
}

/** A toleration operator. */
export enum TolerationOperator {
  /** Key and value must equal the taint's (the default). */
  EQUAL = 'Equal',
  /** The key must match (an empty key matches every taint); no value. */
  EXISTS = 'Exists',
}

/** A toleration of MemberCluster taints (all KubeFleet taints are NoSchedule). */
export interface Toleration {
  /**
   * The taint key; empty (with Exists) tolerates every taint.
   * @default - every key (needs operator Exists)
   */
  readonly key?: string;
  /**
   * The operator.
   * @default TolerationOperator.EQUAL
   */
  readonly operator?: TolerationOperator;
  /**
   * The value, for Equal.
   * @default - empty
   */
  readonly value?: string;
}

function renderTolerations(subject: string, tolerations: readonly Toleration[]): Record<string, unknown>[] {
  if (tolerations.length > 100) fail(subject, `has ${tolerations.length} tolerations; at most 100`);
  const seen = new Set<string>();
  return tolerations.map((t) => {
    const op = t.operator ?? TolerationOperator.EQUAL;
    const key = t.key ?? '';
    if (!Object.values(TolerationOperator).includes(op)) fail(subject, `toleration ${JSON.stringify(key)} has operator ${JSON.stringify(op)}; allowed: Equal, Exists`);
    if (!key && op !== TolerationOperator.EXISTS) fail(subject, `toleration with an empty key needs operator Exists, got ${op} (the CRD rejects it). Set a key, or use Exists to tolerate every taint`);
    if (op === TolerationOperator.EXISTS && t.value) fail(subject, `toleration ${key || '(any key)'} has operator Exists and value ${JSON.stringify(t.value)}; the value must be empty when the operator is Exists`);
    if (key) {
      const p = labelKeyProblem(key);
      if (p) fail(subject, `toleration key ${JSON.stringify(key)} is invalid: it ${p}`);
    }
    if (t.value) {
      const p = labelValueProblem(t.value);
      if (p) fail(subject, `toleration ${key} value ${JSON.stringify(t.value)} is invalid: it ${p}`);
    }
    const id = JSON.stringify([key, op, t.value ?? '']);
    if (seen.has(id)) fail(subject, `toleration ${key} ${op} ${t.value ?? ''} appears twice; tolerations must be unique`);
    seen.add(id);
    const out: Record<string, unknown> = {};
    if (key) out.key = key;
    out.operator = op;
    if (t.value) out.value = t.value;
    return out;
  });
}

/** What the scheduler does when a topology spread constraint cannot be met. */
export enum WhenUnsatisfiable {
  /** Clusters that would break maxSkew are not picked (the default). */
  DO_NOT_SCHEDULE = 'DoNotSchedule',
  /** They are picked last (a 1000-point penalty). */
  SCHEDULE_ANYWAY = 'ScheduleAnyway',
}

/** Spread PickN's clusters over the values of a cluster label. */
export interface TopologySpreadConstraint {
  /** The MemberCluster label whose values are the domains (e.g. `region`). */
  readonly topologyKey: string;
  /**
   * The largest allowed difference between the most and least used domains.
   * @default 1
   */
  readonly maxSkew?: number;
  /**
   * What to do when the constraint cannot be met.
   * @default WhenUnsatisfiable.DO_NOT_SCHEDULE
   */
  readonly whenUnsatisfiable?: WhenUnsatisfiable;
}

/** Options of {@link PlacementPolicy.pickAll}. */
export interface PickAllOptions {
  /**
   * Required cluster affinity: a cluster must match at least one term (at most 10).
   * @default - every cluster
   */
  readonly requiredClusterAffinity?: ClusterSelectorTerm[];
  /**
   * Tolerations of MemberCluster taints (cannot be changed or removed once applied).
   * @default - none
   */
  readonly tolerations?: Toleration[];
}

/** Options of {@link PlacementPolicy.pickN}. */
export interface PickNOptions extends PickAllOptions {
  /**
   * Preferred cluster affinity: weights that rank the clusters.
   * @default - none (ties go to the lexicographically greatest names)
   */
  readonly preferredClusterAffinity?: PreferredClusterSelector[];
  /**
   * Topology spread constraints (ANDed); with any, the scheduler picks one cluster per cycle.
   * @default - none
   */
  readonly topologySpreadConstraints?: TopologySpreadConstraint[];
}

/** Which member clusters a ClusterResourcePlacement selects (`spec.policy`). */
export class PlacementPolicy {
  /** Every joined cluster that matches the required affinity and whose taints are tolerated. */
  public static pickAll(options: PickAllOptions = {}): PlacementPolicy {
    return new PlacementPolicy('PickAll', options);
  }

  /** The best `numberOfClusters` clusters by topology spread and affinity score, ties to the greatest names. */
  public static pickN(numberOfClusters: number, options: PickNOptions = {}): PlacementPolicy {
    return new PlacementPolicy('PickN', options, numberOfClusters);
  }

  /** Exactly these clusters (taints are ignored; unknown or ineligible names are reported, not errors). */
  public static pickFixed(...clusterNames: string[]): PlacementPolicy {
    return new PlacementPolicy('PickFixed', {}, undefined, clusterNames);
  }

  private constructor(
    /** `PickAll`, `PickN` or `PickFixed`. */
    public readonly placementType: string,
    /** The options. */
    public readonly options: PickNOptions,
    /** PickN: the count. */
    public readonly numberOfClusters?: number,
    /** PickFixed: the clusters. */
    public readonly clusterNames: readonly string[] = [],
  ) {}

  /** Validates (CRD CEL rules and the KubeFleet webhook) and renders the policy. @internal */
  public _render(subject: string): Record<string, unknown> {
    const o = this.options;
    const out: Record<string, unknown> = { placementType: this.placementType };
    if (this.placementType === 'PickFixed') {
      if (this.clusterNames.length === 0) fail(subject, 'PickFixed needs at least one cluster name, e.g. PlacementPolicy.pickFixed(\'member-1\')');
      if (this.clusterNames.length > 100) fail(subject, `PickFixed lists ${this.clusterNames.length} clusters; at most 100`);
      const seen = new Set<string>();
      for (const n of this.clusterNames) {
        validateDnsSubdomain(subject, 'PickFixed cluster name', n);
        if (n.length > 63) fail(subject, `PickFixed cluster name ${n} is ${n.length} characters; at most 63`);
        if (seen.has(n)) fail(subject, `PickFixed lists ${n} twice; cluster names must be unique`);
        seen.add(n);
      }
      out.clusterNames = [...this.clusterNames];
      return out;
    }
    if (this.placementType === 'PickN') {
      if (!Number.isInteger(this.numberOfClusters) || this.numberOfClusters! < 0 || this.numberOfClusters! > INT32_MAX) fail(subject, `PickN numberOfClusters ${this.numberOfClusters} is invalid; use a whole number from 0 to ${INT32_MAX} (an int32)`);
      out.numberOfClusters = this.numberOfClusters;
    }
    const required = o.requiredClusterAffinity ?? [];
    const preferred = o.preferredClusterAffinity ?? [];
    if (required.length > 10) fail(subject, `has ${required.length} required cluster affinity terms; at most 10`);
    const clusterAffinity: Record<string, unknown> = {};
    if (required.length > 0) {
      clusterAffinity.requiredDuringSchedulingIgnoredDuringExecution = {
        clusterSelectorTerms: required.map((t, i) => renderClusterSelectorTerm(subject, `required cluster affinity term ${i}`, t)),
      };
    }
    if (preferred.length > 0) {
      if (this.placementType !== 'PickN') fail(subject, 'preferred cluster affinity is only for PickN; the KubeFleet webhook rejects it for PickAll (it would be ignored)');
      clusterAffinity.preferredDuringSchedulingIgnoredDuringExecution = preferred.map((p, i) => renderPreferred(subject, i, p));
    }
    if (Object.keys(clusterAffinity).length > 0) out.affinity = { clusterAffinity };
    const spread = o.topologySpreadConstraints ?? [];
    if (spread.length > 0) {
      if (this.placementType !== 'PickN') fail(subject, 'topology spread constraints are only for PickN; the CRD rejects them for PickAll');
      out.topologySpreadConstraints = spread.map((c, i) => {
        if (typeof c.topologyKey !== 'string' || c.topologyKey === '') fail(subject, `topology spread constraint ${i} needs a topologyKey (a MemberCluster label key)`);
        if (c.maxSkew !== undefined && (!Number.isInteger(c.maxSkew) || c.maxSkew < 1 || c.maxSkew > INT32_MAX)) fail(subject, `topology spread constraint on ${c.topologyKey} has maxSkew ${c.maxSkew}; use a whole number from 1 to ${INT32_MAX} (an int32)`);
        if (c.whenUnsatisfiable !== undefined && !Object.values(WhenUnsatisfiable).includes(c.whenUnsatisfiable)) {
          fail(subject, `topology spread constraint on ${c.topologyKey} has whenUnsatisfiable ${JSON.stringify(c.whenUnsatisfiable)}; allowed: DoNotSchedule, ScheduleAnyway`);
        }
        const r: Record<string, unknown> = { topologyKey: c.topologyKey };
        if (c.maxSkew !== undefined) r.maxSkew = c.maxSkew;
        if (c.whenUnsatisfiable !== undefined) r.whenUnsatisfiable = c.whenUnsatisfiable;
        return r;
      });
    }
    const tolerations = o.tolerations ?? [];
    if (tolerations.length > 0) out.tolerations = renderTolerations(subject, tolerations);
    return out;
  }
}

/** Options of {@link RolloutStrategy.rollingUpdate}. */
export interface RollingUpdateOptions {
  /**
   * Clusters that may be unavailable during the rollout (a count or a percentage, rounded up).
   * @default PercentOrAbsolute.percent(25)
   */
  readonly maxUnavailable?: PercentOrAbsolute;
  /**
   * Clusters that may be added above the target during the rollout.
   * @default PercentOrAbsolute.percent(25)
   */
  readonly maxSurge?: PercentOrAbsolute;
  /**
   * Seconds to wait before resources without a built-in availability check count as available.
   * @default 60
   */
  readonly unavailablePeriodSeconds?: number;
}

/** How changes roll out to the selected clusters (`spec.strategy`). */
export class RolloutStrategy {
  /** KubeFleet rolls out itself, a few clusters at a time. */
  public static rollingUpdate(options: RollingUpdateOptions = {}): RolloutStrategy {
    return new RolloutStrategy('RollingUpdate', options);
  }

  /** Rollouts are driven by ClusterStagedUpdateRuns (cannot be changed back once applied). */
  public static external(): RolloutStrategy {
    return new RolloutStrategy('External', {});
  }

  private constructor(
    /** `RollingUpdate` or `External`. */
    public readonly type: string,
    /** The rolling update options. */
    public readonly options: RollingUpdateOptions,
  ) {}

  /** Validates and renders the strategy. @internal */
  public _render(subject: string): Record<string, unknown> {
    const o = this.options;
    const rolling: Record<string, unknown> = {};
    for (const [what, v] of [['maxUnavailable', o.maxUnavailable], ['maxSurge', o.maxSurge]] as const) {
      if (v === undefined) continue;
      if (!(v instanceof PercentOrAbsolute)) fail(subject, `rollingUpdate ${what} is ${describeValue(v)}; use PercentOrAbsolute.count(1) or PercentOrAbsolute.percent(25)`);
      rolling[what] = v.toJson();
    }
    if (o.unavailablePeriodSeconds !== undefined) {
      if (!Number.isInteger(o.unavailablePeriodSeconds) || o.unavailablePeriodSeconds < 0 || o.unavailablePeriodSeconds > INT32_MAX) fail(subject, `rollingUpdate unavailablePeriodSeconds ${o.unavailablePeriodSeconds} must be a whole number from 0 to ${INT32_MAX} (an int32)`);
      rolling.unavailablePeriodSeconds = o.unavailablePeriodSeconds;
    }
    const out: Record<string, unknown> = { type: this.type };
    if (Object.keys(rolling).length > 0) out.rollingUpdate = rolling;
    return out;
  }
}
