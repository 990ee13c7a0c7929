import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { describeValue, fail, FleetValidationError } from '../core/errors';
import { validateDnsLabel, validateDnsSubdomain, validateLabelKey, labelValueProblem } from '../core/names';
import { asSelector, LabelSelector } from '../core/selector';
import { requireArray, requireKnownKeys, requireOptionalInteger, requirePlainObject } from '../core/validate';
import { PercentOrAbsolute } from '../core/values';
import { FleetResource } from '../core/resource';
import * as l1 from '../imports/cluster.open-cluster-management.io';
import { FleetRegistry } from './_registry';
import { subjectOf, l1Object } from './_util';
import { TaintEffect } from './managed-cluster';
import { IManagedClusterSet } from './managed-cluster-set';
import { boundSets } from './managed-cluster-set-binding';

/**
 * One required-cluster predicate. Within a predicate every part must hold; across predicates any may.
 * A placement's `selector` is ANDed into every predicate's labelSelector.
 */
export interface PlacementPredicate {
  /**
   * Selector over ManagedCluster labels.
   * @default - every cluster
   */
  readonly labelSelector?: LabelSelector;
  /**
   * Selector over cluster claims (`status.clusterClaims`). Only matchExpressions are allowed by
   * the API, so use `LabelSelector.in/notIn/exists/doesNotExist` here.
   * @default - every cluster
   */
  readonly claimSelector?: LabelSelector;
  /**
   * CEL expressions over the variable `managedCluster`, all of which must be true, e.g.
   * `managedCluster.metadata.labels["version"].matches("^1\\.2[0-9]")` or
   * `managedCluster.scores("resource-usage").filter(s, s.name == "cpu").all(e, e.value > 50)`.
   * @default - none
   */
  readonly celExpressions?: string[];
}

/** A toleration operator. */
export enum TolerationOperator {
  /** Key and value must be equal (the default). */
  EQUAL = 'Equal',
  /** Key must match; any value. With an empty key, tolerates every taint. */
  EXISTS = 'Exists',
}

/** A toleration of ManagedCluster taints. */
export interface Toleration {
  /**
   * The taint key; empty matches every key (then operator must be Exists).
   * @default - every key
   */
  readonly key?: string;
  /**
   * The operator.
   * @default TolerationOperator.EQUAL
   */
  readonly operator?: TolerationOperator;
  /**
   * The value, for Equal (must be empty for Exists).
   * @default - empty
   */
  readonly value?: string;
  /**
   * The taint effect tolerated; empty tolerates every effect.
   * @default - every effect
   */
  readonly effect?: TaintEffect;
  /**
   * How long after the taint was added it is tolerated, in seconds.
   * @default - forever
   */
  readonly tolerationSeconds?: number;
}

/** The built-in prioritizers the OCM scheduler accepts (exactly these four at the reference commit). */
export enum BuiltInPrioritizer {
  /** Prefers clusters used by fewer PlacementDecisions across the hub. */
  BALANCE = 'Balance',
  /** Prefers clusters already selected by this placement. */
  STEADY = 'Steady',
  /** Prefers clusters with more allocatable CPU. */
  RESOURCE_ALLOCATABLE_CPU = 'ResourceAllocatableCPU',
  /** Prefers clusters with more allocatable memory. */
  RESOURCE_ALLOCATABLE_MEMORY = 'ResourceAllocatableMemory',
}

/** One prioritizer with its weight. */
export class Prioritizer {
  /** A built-in prioritizer. `weight` is an integer from -10 to 10 (0 disables it). */
  public static builtIn(name: BuiltInPrioritizer, weight = 1): Prioritizer {
    return new Prioritizer({ scoreCoordinate: { type: 'BuiltIn', builtIn: name }, weight });
  }

  /** Scores from AddOnPlacementScore `resourceName`, score `scoreName`, in each cluster namespace. */
  public static addOn(resourceName: string, scoreName: string, weight = 1): Prioritizer {
    return new Prioritizer({ scoreCoordinate: { type: 'AddOn', addOn: { resourceName, scoreName } }, weight });
  }

  private constructor(
    /** The configuration in API shape. */
    public readonly config: { scoreCoordinate: { type: 'BuiltIn' | 'AddOn'; builtIn?: string; addOn?: { resourceName: string; scoreName: string } }; weight: number },
  ) {}
}

/** How prioritizer configurations combine with the defaults (Balance 1, Steady 1). */
export class PrioritizerPolicy {
  /** The configurations override the defaults (Balance 1, Steady 1); others keep their default. */
  public static additive(...prioritizers: Prioritizer[]): PrioritizerPolicy {
    return new PrioritizerPolicy('Additive', prioritizers);
  }

  /** Only the listed configurations count. */
  public static exact(...prioritizers: Prioritizer[]): PrioritizerPolicy {
    return new PrioritizerPolicy('Exact', prioritizers);
  }

  private constructor(
    /** `Additive` or `Exact`. */
    public readonly mode: 'Additive' | 'Exact',
    /** The configurations. */
    public readonly prioritizers: readonly Prioritizer[],
  ) {}
}

/** A named decision group: the selected clusters matching the selector (first group wins). */
export interface DecisionGroup {
  /** The group name (`^[a-zA-Z0-9][-A-Za-z0-9_.]{0,61}[a-zA-Z0-9]$`), referenced by rollouts. */
  readonly name: string;
  /**
   * Clusters of the group, by label.
   * @default - every selected cluster not taken by an earlier group
   */
  readonly labelSelector?: LabelSelector;
  /**
   * Clusters of the group, by claim (matchExpressions only).
   * @default - no claim condition
   */
  readonly claimSelector?: LabelSelector;
}

/** How the selected clusters are split into decision groups (rollout waves). */
export interface DecisionStrategy {
  /**
   * Named groups, in order.
   * @default - none
   */
  readonly groups?: DecisionGroup[];
  /**
   * Size of each group: a count, or a percentage of the selected clusters (rounded up).
   * @default - 100% (one group)
   */
  readonly clustersPerDecisionGroup?: PercentOrAbsolute;
}

/** A placement reference other constructs accept. */
export interface IPlacement {
  /** The placement name. */
  readonly name: string;
  /** The placement namespace. */
  readonly namespace: string;
}

/** Props of {@link Placement}. */
export interface PlacementProps {
  /** The namespace (it needs a ManagedClusterSetBinding). */
  readonly namespace: string;
  /**
   * The placement name.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Restrict candidates to these sets (each must be bound to the namespace).
   * @default - every set bound to the namespace
   */
  readonly clusterSets?: IManagedClusterSet[];
  /**
   * A label selector every selected cluster must match. It is ANDed into every predicate (each
   * predicate's labelSelector becomes `selector.and(predicate.labelSelector)`), so it narrows the
   * predicates instead of adding an alternative to them; without predicates it is the single
   * predicate.
   * @default - no condition beyond the predicates
   */
  readonly selector?: LabelSelector;
  /**
   * Predicates (OR across predicates, AND within one); `selector` is ANDed into each.
   * @default - every cluster
   */
  readonly predicates?: PlacementPredicate[];
  /**
   * How many clusters to select (the best by score).
   * @default - all that qualify
   */
  readonly numberOfClusters?: number;
  /**
   * Tolerations of cluster taints.
   * @default - none
   */
  readonly tolerations?: Toleration[];
  /**
   * Prioritizers.
   * @default - Additive with the defaults (Balance 1, Steady 1)
   */
  readonly prioritizerPolicy?: PrioritizerPolicy;
  /**
   * Decision groups.
   * @default - one group of every selected cluster
   */
  readonly decisionStrategy?: DecisionStrategy;
}

const PLACEMENT_KEYS = ['namespace', 'name', 'clusterSets', 'selector', 'predicates', 'numberOfClusters', 'tolerations', 'prioritizerPolicy', 'decisionStrategy'];

const GROUP_NAME = /^[a-zA-Z0-9][-A-Za-z0-9_.]{0,61}[a-zA-Z0-9]$/;
const CLUSTERS_PER_GROUP = /^((100|[1-9][0-9]{0,1})%|[1-9][0-9]*)$/;

/**
 * An OCM Placement (cluster.open-cluster-management.io/v1beta1, namespaced): which clusters a
 * workload, add-on or policy lands on. Checked at synth against the bindings of its namespace.
 */
export class Placement extends FleetResource implements IPlacement {
  /** A placement managed elsewhere. */
  public static fromName(namespace: string, name: string): IPlacement {
    validateDnsSubdomain(subjectOf('Placement', name, namespace), 'name', name);
    return { namespace, name };
  }

  /** The placements declared in the app of `scope`. */
  public static allIn(scope: Construct): readonly Placement[] {
    return FleetRegistry.of(scope).all<Placement>('Placement');
  }

  /** The placement name. */
  public readonly name: string;
  /** The namespace. */
  public readonly namespace: string;
  /** How many clusters to select, or undefined for all. */
  public readonly numberOfClusters?: number;
  /** The generated L1 object. */
  public readonly apiObject: l1.Placement;
  private readonly clusterSets: IManagedClusterSet[] = [];
  /** The predicates as rendered: `selector` already ANDed into each. */
  private readonly predicates: PlacementPredicate[] = [];
  private readonly selector?: LabelSelector;
  private readonly tolerations: Toleration[] = [];
  private readonly prioritizerPolicy?: PrioritizerPolicy;
  private readonly decisionStrategy?: DecisionStrategy;
  private readonly subject: string;

  constructor(scope: Construct, id: string, props: PlacementProps) {
    super(scope, id);
    if (!props || typeof props !== 'object') fail(subjectOf('Placement', id), `needs props with at least a namespace, got ${describeValue(props)}; e.g. { namespace: 'apps' }`);
    this.name = props.name ?? id;
    this.namespace = props.namespace;
    const subject = this.subject = subjectOf('Placement', this.name, this.namespace);
    validateDnsSubdomain(subject, 'name', this.name);
    if (this.name.length > 63) fail(subject, `name is ${this.name.length} characters; it is written into the placement label of PlacementDecisions, so at most 63`);
    validateDnsLabel(subject, 'namespace', this.namespace);
    requireKnownKeys(subject, 'props', props as unknown as Record<string, unknown>, PLACEMENT_KEYS);
    requireOptionalInteger(subject, 'numberOfClusters', props.numberOfClusters);
    requireArray(subject, 'predicates', props.predicates, "[{ labelSelector: LabelSelector.matchLabels({ env: 'prod' }) }]");
    requireArray(subject, 'tolerations', props.tolerations, "[{ key: 'cluster.open-cluster-management.io/unreachable', operator: TolerationOperator.EXISTS }]");
    if (props.numberOfClusters !== undefined && (!Number.isInteger(props.numberOfClusters) || props.numberOfClusters < 0)) {
      fail(subject, `numberOfClusters ${props.numberOfClusters} is invalid; use a whole number >= 0, or omit it to select every qualifying cluster`);
    }
    this.numberOfClusters = props.numberOfClusters;
    if (props.clusterSets !== undefined && !Array.isArray(props.clusterSets)) {
      fail(subject, `clusterSets must be a list of cluster sets, got ${describeValue(props.clusterSets)}; e.g. clusterSets: [ManagedClusterSet.fromName('prod')]`);
    }
    for (const s of props.clusterSets ?? []) this.addClusterSet(s);
    this.selector = asSelector(subject, 'selector', props.selector);
    this.selector?.validate(subject, 'selector');
    for (const p of props.predicates ?? []) this.addPredicate(p);
    for (const t of props.tolerations ?? []) this.addToleration(t);
    if (props.prioritizerPolicy) this.validatePrioritizers(props.prioritizerPolicy);
    this.prioritizerPolicy = props.prioritizerPolicy;
    this.decisionStrategy = props.decisionStrategy ? this.validateDecisionStrategy(props.decisionStrategy) : undefined;

    this.apiObject = l1Object(l1.Placement, this, 'Resource', {
      metadata: { name: this.name, namespace: this.namespace },
      spec: Lazy.any({ produce: () => this._renderSpec() }) as unknown as l1.PlacementSpec,
    });
    FleetRegistry.of(this).register('Placement', this);
    this.node.addValidation({ validate: () => this.validateBindings() });
  }

  /** Restricts candidates to `set` too (it must be bound to the namespace). */
  public addClusterSet(set: IManagedClusterSet): void {
    if (typeof set === 'string') {
      fail(this.subject, `clusterSets entry ${JSON.stringify(set)} is a string, not a cluster set; use ManagedClusterSet.fromName(${JSON.stringify(set)}) or the set hub.addClusterSet() returned`);
    }
    if (typeof set !== 'object' || set === null || typeof set.name !== 'string' || set.name === '') {
      fail(this.subject, `clusterSets entry ${describeValue(set)} has no name, so it is not a cluster set; use ManagedClusterSet.fromName('prod') or the set hub.addClusterSet() returned`);
    }
    if (!this.clusterSets.some((s) => s.name === set.name)) this.clusterSets.push(set);
  }

  /** Adds a predicate (OR with the others); the placement's `selector` is ANDed into it. */
  public addPredicate(predicate: PlacementPredicate): void {
    const i = this.predicates.length;
    const what = `predicate ${i}`;
    requireKnownKeys(this.subject, what, requirePlainObject(this.subject, what, predicate), ['labelSelector', 'claimSelector', 'celExpressions']);
    const labelSelector = asSelector(this.subject, `${what} labelSelector`, predicate.labelSelector);
    labelSelector?.validate(this.subject, `${what} labelSelector`);
    const claimSelector = this.claimSelectorOf(`${what} claimSelector`, predicate.claimSelector);
    for (const e of requireArray<unknown>(this.subject, `${what} celExpressions`, predicate.celExpressions, '[\'managedCluster.metadata.labels["env"] == "prod"\']')) {
      if (typeof e !== 'string' || e.trim() === '') fail(this.subject, `${what} has an empty CEL expression`);
      const p = FleetRegistry.celProblem?.(e);
      if (p) fail(this.subject, `${what} CEL expression ${JSON.stringify(e)} is invalid in OCM's placement CEL environment (the hub would mark the placement Misconfigured and select nothing): ${p}`);
    }
    this.predicates.push({ ...predicate, labelSelector: this.withSelector(what, labelSelector), claimSelector });
  }

  /** Adds a toleration; invalid combinations that OCM would mark Misconfigured fail here. */
  public addToleration(t: Toleration): void {
    const op = t.operator ?? TolerationOperator.EQUAL;
    const key = t.key ?? '';
    if (!Object.values(TolerationOperator).includes(op)) {
      fail(this.subject, `toleration ${JSON.stringify(key)} has operator ${JSON.stringify(op)}; allowed: Equal, Exists`);
    }
    if (key === '' && op !== TolerationOperator.EXISTS) {
      fail(this.subject, `toleration with empty key needs operator Exists, got ${op} (OCM marks the placement Misconfigured and selects nothing). Set a key, or use operator Exists to tolerate every taint`);
    }
    if (op === TolerationOperator.EXISTS && t.value) {
      fail(this.subject, `toleration ${key || '(any key)'} has operator Exists with value ${JSON.stringify(t.value)}; Exists must have an empty value (OCM marks the placement Misconfigured). Drop the value, or use operator Equal`);
    }
    if (key) validateLabelKey(this.subject, 'toleration key', key);
    if (t.value && labelValueProblem(t.value)) fail(this.subject, `toleration ${key} value ${JSON.stringify(t.value)} is not a valid label value`);
    if (t.effect !== undefined && !Object.values(TaintEffect).includes(t.effect)) {
      fail(this.subject, `toleration ${key} has effect ${JSON.stringify(t.effect)}; allowed: ${Object.values(TaintEffect).join(', ')}, or omit it for every effect`);
    }
    if (t.tolerationSeconds !== undefined && (!Number.isInteger(t.tolerationSeconds) || t.tolerationSeconds < 0)) {
      fail(this.subject, `toleration ${key} has tolerationSeconds ${t.tolerationSeconds}; use a whole number of seconds >= 0`);
    }
    this.tolerations.push({ ...t });
  }

  /**
   * The predicates as rendered (a copy): the declared ones with `selector` ANDed into each, or
   * `selector` alone when none is declared.
   */
  public get declaredPredicates(): readonly PlacementPredicate[] {
    if (this.predicates.length === 0 && this.selector) return [{ labelSelector: this.selector }];
    return [...this.predicates];
  }

  /** Names of the sets this placement is restricted to, sorted (empty = all bound sets). */
  public get clusterSetNames(): string[] {
    return this.clusterSets.map((s) => s.name).sort();
  }

  /** Names of the decision groups, in order (what rollouts' mandatoryDecisionGroups may reference). */
  public get decisionGroupNames(): string[] {
    return (this.decisionStrategy?.groups ?? []).map((g) => g.name);
  }

  /** `selector` AND `labelSelector` (either may be absent), failing in the user's terms if they contradict. */
  private withSelector(what: string, labelSelector: LabelSelector | undefined): LabelSelector | undefined {
    if (!this.selector) return labelSelector;
    if (!labelSelector) return this.selector;
    try {
      return this.selector.and(labelSelector);
    } catch (e) {
      if (e instanceof FleetValidationError) fail(this.subject, `${what} labelSelector contradicts the placement's selector, which is ANDed into every predicate: ${e.problem}`);
      throw e;
    }
  }

  /** A checked claim selector: a LabelSelector of matchExpressions only (the API has no matchLabels for claims). */
  private claimSelectorOf(what: string, x: unknown): LabelSelector | undefined {
    const sel = asSelector(this.subject, what, x);
    if (!sel) return undefined;
    sel.validate(this.subject, what);
    const keys = Object.keys(sel.matchLabels);
    if (keys.length > 0) {
      fail(this.subject, `${what} uses matchLabels (${keys.map((k) => `${k}=${sel.matchLabels[k]}`).join(', ')}), which the Placement API does not have for claims, so the hub would drop it and match every cluster; use LabelSelector.in('${keys[0]}', '${sel.matchLabels[keys[0]]}') instead`);
    }
    return sel;
  }

  private validatePrioritizers(policy: PrioritizerPolicy): void {
    if (!(policy instanceof PrioritizerPolicy)) fail(this.subject, 'prioritizerPolicy must be PrioritizerPolicy.additive(...) or PrioritizerPolicy.exact(...)');
    const allowed = Object.values(BuiltInPrioritizer) as string[];
    for (const p of policy.prioritizers) {
      const c = p.config;
      if (c.scoreCoordinate.type === 'BuiltIn' && !allowed.includes(c.scoreCoordinate.builtIn ?? '')) {
        const spread = c.scoreCoordinate.builtIn === 'Spread' ? ' (the API documents Spread, but the scheduler rejects it as "incorrect builtin prioritizer")' : '';
        fail(this.subject, `builtIn prioritizer ${JSON.stringify(c.scoreCoordinate.builtIn)} is not one the OCM scheduler accepts${spread}; allowed: ${allowed.join(', ')}`);
      }
      if (c.scoreCoordinate.type === 'AddOn') {
        const a = c.scoreCoordinate.addOn!;
        validateDnsSubdomain(this.subject, 'AddOn prioritizer resourceName', a.resourceName);
        if (!a.scoreName) fail(this.subject, `AddOn prioritizer ${a.resourceName} needs a scoreName`);
      }
      if (!Number.isInteger(c.weight) || c.weight < -10 || c.weight > 10) {
        fail(this.subject, `prioritizer weight ${c.weight} is out of range; allowed: a whole number from -10 to 10 (0 disables it)`);
      }
    }
  }

  private validateDecisionStrategy(ds: DecisionStrategy): DecisionStrategy {
    if (ds.groups !== undefined && !Array.isArray(ds.groups)) fail(this.subject, `decisionStrategy.groups must be a list of decision groups, got ${describeValue(ds.groups)}; e.g. groups: [{ name: 'canary', labelSelector: LabelSelector.matchLabels({ canary: 'true' }) }]`);
    const seen = new Set<string>();
    const groups: DecisionGroup[] = [];
    for (const g of ds.groups ?? []) {
      if (!GROUP_NAME.test(g.name ?? '')) {
        fail(this.subject, `decision group name ${JSON.stringify(g.name)} is invalid; it must match ^[a-zA-Z0-9][-A-Za-z0-9_.]{0,61}[a-zA-Z0-9]$ (2-63 characters, e.g. "canary")`);
      }
      if (seen.has(g.name)) fail(this.subject, `decision group "${g.name}" is declared twice; group names are what rollouts reference, so keep them unique`);
      seen.add(g.name);
      const labelSelector = asSelector(this.subject, `decision group "${g.name}" labelSelector`, g.labelSelector);
      labelSelector?.validate(this.subject, `decision group "${g.name}" labelSelector`);
      const claimSelector = this.claimSelectorOf(`decision group "${g.name}" claimSelector`, g.claimSelector);
      groups.push({ name: g.name, labelSelector, claimSelector });
    }
    const c = ds.clustersPerDecisionGroup;
    if (c !== undefined) {
      if (!(c instanceof PercentOrAbsolute)) fail(this.subject, 'clustersPerDecisionGroup must be PercentOrAbsolute.percent(n) or PercentOrAbsolute.count(n)');
      if (!CLUSTERS_PER_GROUP.test(String(c.value))) {
        fail(this.subject, `clustersPerDecisionGroup ${JSON.stringify(c.value)} is invalid; use a count >= 1 or a percentage from 1% to 100%`);
      }
    }
    return { ...(groups.length > 0 ? { groups } : {}), ...(c !== undefined ? { clustersPerDecisionGroup: c } : {}) };
  }

  private validateBindings(): string[] {
    const bound = boundSets(this, this.namespace);
    if (bound.length === 0) {
      return [`${this.subject}: namespace "${this.namespace}" has no ManagedClusterSetBinding in this app, so the hub would select no cluster. Bind a set into it: hub.bind(set, '${this.namespace}') or new ManagedClusterSetBinding(...)`];
    }
    const missing = this.clusterSetNames.filter((n) => !bound.includes(n));
    if (missing.length > 0) {
      return [`${this.subject}: clusterSets ${missing.map((m) => `"${m}"`).join(', ')} not bound to namespace "${this.namespace}" (bound: ${bound.join(', ')}); the hub silently ignores them. Bind them with hub.bind(set, '${this.namespace}') or remove them from clusterSets`];
    }
    return [];
  }

  /** The spec in API shape (what is rendered). @internal */
  public _renderSpec(): Record<string, unknown> {
    const spec: Record<string, unknown> = {};
    // Order has no meaning for clusterSets (it is a set), so names are sorted for deterministic output.
    if (this.clusterSets.length > 0) spec.clusterSets = this.clusterSetNames;
    if (this.numberOfClusters !== undefined) spec.numberOfClusters = this.numberOfClusters;
    const predicates = this.declaredPredicates;
    if (predicates.length > 0) {
      spec.predicates = predicates.map((p) => {
        const rcs: Record<string, unknown> = {};
        if (p.labelSelector) rcs.labelSelector = p.labelSelector.toJson();
        const claims = renderClaimSelector(p.claimSelector);
        if (claims) rcs.claimSelector = claims;
        if (p.celExpressions && p.celExpressions.length > 0) rcs.celSelector = { celExpressions: [...p.celExpressions] };
        return { requiredClusterSelector: rcs };
      });
    }
    if (this.tolerations.length > 0) {
      spec.tolerations = this.tolerations.map((t) => {
        const o: Record<string, unknown> = {};
        if (t.key) o.key = t.key;
        o.operator = t.operator ?? TolerationOperator.EQUAL;
        if (t.value) o.value = t.value;
        if (t.effect) o.effect = t.effect;
        if (t.tolerationSeconds !== undefined) o.tolerationSeconds = t.tolerationSeconds;
        return o;
      });
    }
    if (this.prioritizerPolicy) {
      const configs = this.prioritizerPolicy.prioritizers.map((p) => ({ scoreCoordinate: { ...p.config.scoreCoordinate }, weight: p.config.weight }));
      spec.prioritizerPolicy = { mode: this.prioritizerPolicy.mode, ...(configs.length > 0 ? { configurations: configs } : {}) };
    }
    if (this.decisionStrategy) {
      const gs: Record<string, unknown> = {};
      const groups = this.decisionStrategy.groups ?? [];
      if (groups.length > 0) {
        gs.decisionGroups = groups.map((g) => {
          const sel: Record<string, unknown> = {};
          if (g.labelSelector) sel.labelSelector = g.labelSelector.toJson();
          const claims = renderClaimSelector(g.claimSelector);
          if (claims) sel.claimSelector = claims;
          return { groupName: g.name, groupClusterSelector: sel };
        });
      }
      if (this.decisionStrategy.clustersPerDecisionGroup) gs.clustersPerDecisionGroup = this.decisionStrategy.clustersPerDecisionGroup.toJson();
      if (Object.keys(gs).length > 0) spec.decisionStrategy = { groupStrategy: gs };
    }
    return spec;
  }
}

/**
 * A claim selector in API shape (matchExpressions only), or undefined when it has no expression: an
 * empty claimSelector matches every cluster, so it is omitted rather than rendered as `[]`.
 */
function renderClaimSelector(sel: LabelSelector | undefined): Record<string, unknown> | undefined {
  const expressions = sel?.toJson().matchExpressions;
  return expressions && expressions.length > 0 ? { matchExpressions: expressions } : undefined;
}
