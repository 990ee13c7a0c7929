import { describeValue, fail } from '../core/errors';
import { Duration, PercentOrAbsolute } from '../core/values';
import { requireArray, requireKnownKeys, requireOptionalInstance, requireOptionalInteger, requireOptionalString, requirePlainObject } from '../core/validate';

const ROLLOUT_KEYS = ['progressDeadline', 'maxFailures', 'minSuccessTime', 'mandatoryDecisionGroups', 'maxConcurrency'];

/** Checks the options of a Rollout factory (a JavaScript caller may pass anything). */
function checkOptions<T extends object>(factory: string, options: T, allowed: readonly string[]): T {
  const raw: unknown = options;
  if (typeof raw === 'string' || typeof raw === 'number') {
    const pct = typeof raw === 'string' && /^\d+%$/.test(raw) ? `PercentOrAbsolute.percent(${raw.slice(0, -1)})` : `PercentOrAbsolute.parse(${JSON.stringify(raw)})`;
    fail(factory, `needs an options object, got ${describeValue(raw)}; e.g. ${factory}({ ${allowed.includes('maxConcurrency') ? 'maxConcurrency' : 'maxFailures'}: ${pct} })`);
  }
  const o = requirePlainObject(factory, 'options', options);
  requireKnownKeys(factory, 'options', o, allowed);
  requireOptionalInstance(factory, 'progressDeadline', o.progressDeadline, Duration, 'e.g. Duration.minutes(10) or Duration.parse("10m")');
  requireOptionalInstance(factory, 'minSuccessTime', o.minSuccessTime, Duration, 'e.g. Duration.minutes(5) or Duration.parse("5m")');
  requireOptionalInstance(factory, 'maxFailures', o.maxFailures, PercentOrAbsolute, 'e.g. PercentOrAbsolute.count(1) or PercentOrAbsolute.parse("10%")');
  requireOptionalInstance(factory, 'maxConcurrency', o.maxConcurrency, PercentOrAbsolute, 'e.g. PercentOrAbsolute.percent(10) or PercentOrAbsolute.parse("10%")');
  requireArray<unknown>(factory, 'mandatoryDecisionGroups', o.mandatoryDecisionGroups, '[{ groupName: "canary" }]').forEach((g, i) => {
    const where = `mandatoryDecisionGroups[${i}]`;
    const m = requirePlainObject(factory, where, g);
    requireKnownKeys(factory, where, m, ['groupName', 'groupIndex']);
    requireOptionalString(factory, `${where}.groupName`, m.groupName);
    requireOptionalInteger(factory, `${where}.groupIndex`, m.groupIndex);
  });
  return options;
}

/** A decision group a rollout must finish first (zero failures tolerated), by name or index. */
export interface MandatoryDecisionGroup {
  /**
   * The group name (as in the placement's decisionStrategy).
   * @default - use groupIndex
   */
  readonly groupName?: string;
  /**
   * The group index (used when no name is given).
   * @default - use groupName
   */
  readonly groupIndex?: number;
}

/** Options of the All rollout (OCM uses only progressDeadline for it; maxFailures and minSuccessTime are ignored). */
export interface AllRolloutOptions {
  /**
   * How long a cluster may stay progressing or failed before it counts as timed out.
   * @default - none (wait forever)
   */
  readonly progressDeadline?: Duration;
}

/** Options shared by the progressive rollout types (Progressive and ProgressivePerGroup). */
export interface RolloutOptions extends AllRolloutOptions {
  /**
   * Failures (failed plus timed-out clusters) tolerated before no new cluster starts.
   * @default - 0
   */
  readonly maxFailures?: PercentOrAbsolute;
}

/** Options of progressive rollouts. */
export interface ProgressiveRolloutOptions extends RolloutOptions {
  /**
   * Soak time after a cluster succeeds before it frees its slot.
   * @default - 0
   */
  readonly minSuccessTime?: Duration;
  /**
   * Groups rolled out first, one by one, with zero failures tolerated.
   * @default - none
   */
  readonly mandatoryDecisionGroups?: MandatoryDecisionGroup[];
}

/** Options of the Progressive rollout. */
export interface ProgressiveOptions extends ProgressiveRolloutOptions {
  /**
   * Clusters updated at once after the mandatory groups (alphabetical batches). For a
   * ManifestWorkReplicaSet, unset means every remaining cluster at once; for add-on rollouts
   * it defaults to the placement's clustersPerDecisionGroup.
   * @default - see above
   */
  readonly maxConcurrency?: PercentOrAbsolute;
}

/**
 * How a change rolls out over a placement's clusters (OCM `rolloutStrategy`), for
 * ManifestWorkReplicaSets and ClusterManagementAddOn install strategies.
 *
 * The progressive types start a wave when the clusters of the one before have succeeded. For a
 * ManifestWorkReplicaSet that means each ManifestWork reports Progressing=False, which the work
 * agent does only through a Progressing condition rule in the work template (`manifestConfigs`
 * with `ConditionRule`); without one the rollout never leaves its first wave (plan rule
 * FLEET010). For add-on config rollouts, a cluster in several install-strategy placements is
 * configured by the last one, and it blocks any decision group of an earlier placement that holds
 * it: list the placement whose rollout uses decision groups last.
 */
export class Rollout {
  /** Every cluster at once. */
  public static all(options: AllRolloutOptions = {}): Rollout {
    checkOptions('Rollout.all', options, ROLLOUT_KEYS);
    const ignored = Object.keys(options).filter((k) => k !== 'progressDeadline' && (options as Record<string, unknown>)[k] !== undefined);
    if (ignored.length > 0) {
      const what = ignored.length === 1 ? `option ${ignored[0]} is` : `options ${ignored.join(', ')} are`;
      fail('Rollout.all', `${what} not used by OCM for the All type (only progressDeadline is); remove it, or use Rollout.progressive(...) / Rollout.progressivePerGroup(...)`);
    }
    return new Rollout('All', { progressDeadline: options.progressDeadline });
  }

  /** Mandatory groups first, then alphabetical batches of maxConcurrency. */
  public static progressive(options: ProgressiveOptions = {}): Rollout {
    checkOptions('Rollout.progressive', options, ROLLOUT_KEYS);
    return new Rollout('Progressive', options);
  }

  /** Mandatory groups first, then each decision group in index order. */
  public static progressivePerGroup(options: ProgressiveRolloutOptions = {}): Rollout {
    checkOptions('Rollout.progressivePerGroup', options, ROLLOUT_KEYS.filter((k) => k !== 'maxConcurrency'));
    return new Rollout('ProgressivePerGroup', options);
  }

  private constructor(
    /** `All`, `Progressive` or `ProgressivePerGroup`. */
    public readonly type: 'All' | 'Progressive' | 'ProgressivePerGroup',
    /** The options. */
    public readonly options: ProgressiveOptions,
  ) {}

  /** The names of the mandatory decision groups. */
  public get mandatoryGroupNames(): string[] {
    return (this.options.mandatoryDecisionGroups ?? []).map((g) => g.groupName).filter((n): n is string => !!n);
  }

  /** Validates against the rollout's owner and the placement's decision group names. @internal */
  public _validate(subject: string, groupNames: readonly string[] | undefined): void {
    for (const g of this.options.mandatoryDecisionGroups ?? []) {
      if (g.groupName === undefined && g.groupIndex === undefined) fail(subject, 'a mandatory decision group needs a groupName or a groupIndex');
      if (g.groupIndex !== undefined && (!Number.isInteger(g.groupIndex) || g.groupIndex < 0)) fail(subject, `mandatory decision group index ${g.groupIndex} must be a whole number >= 0`);
      if (g.groupName === undefined && g.groupIndex !== undefined && groupNames && g.groupIndex >= groupNames.length) {
        fail(subject, `mandatory decision group index ${g.groupIndex} is not a declared decision group of the placement (groups: ${groupNames.length ? groupNames.map((n, i) => `${i} ${n}`).join(', ') : 'none'}); OCM would find no such group and skip the mandatory phase. Use a groupName of the placement's decisionStrategy${groupNames.length ? `, e.g. { groupName: ${JSON.stringify(groupNames[0])} }` : ''}`);
      }
      if (g.groupName !== undefined && groupNames && !groupNames.includes(g.groupName)) {
        fail(subject, `mandatory decision group "${g.groupName}" is not a decision group of the placement (groups: ${groupNames.length ? groupNames.join(', ') : 'none'}); the rollout would never find it. Add it to the placement's decisionStrategy or fix the name`);
      }
    }
    const mc = this.options.maxConcurrency;
    if (mc && !mc.isPercent && mc.amount < 1) fail(subject, 'maxConcurrency 0 would never update a cluster; use at least 1 or a percentage');
  }

  /** The strategy in API shape. @internal */
  public _render(): Record<string, unknown> {
    const o = this.options;
    const body: Record<string, unknown> = {};
    if (this.type !== 'All' && o.mandatoryDecisionGroups?.length) {
      body.mandatoryDecisionGroups = o.mandatoryDecisionGroups.map((g) => (g.groupName !== undefined ? { groupName: g.groupName } : { groupIndex: g.groupIndex }));
    }
    if (this.type === 'Progressive' && o.maxConcurrency) body.maxConcurrency = o.maxConcurrency.toJson();
    if (this.type !== 'All' && o.maxFailures) body.maxFailures = o.maxFailures.toJson();
    if (this.type !== 'All' && o.minSuccessTime) body.minSuccessTime = o.minSuccessTime.toString();
    if (o.progressDeadline) body.progressDeadline = o.progressDeadline.toString();
    const key = this.type === 'All' ? 'all' : this.type === 'Progressive' ? 'progressive' : 'progressivePerGroup';
    return Object.keys(body).length > 0 ? { type: this.type, [key]: body } : { type: this.type };
  }
}
