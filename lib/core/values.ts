import { describeValue, fail } from './errors';
import { INT32_MAX } from './validate';

/**
 * A count or a percentage, rendered as a number (`3`) or a string (`"25%"`), as OCM and Sveltos
 * accept for clustersPerDecisionGroup, maxConcurrency, maxFailures and maxUpdate.
 */
export class PercentOrAbsolute {
  /** A percentage between 1 and 100 (rendered as `"N%"`). */
  public static percent(value: number): PercentOrAbsolute {
    if (typeof value !== 'number') {
      fail('PercentOrAbsolute.percent', `needs a number from 1 to 100, got ${describeValue(value)}; e.g. PercentOrAbsolute.percent(25)${typeof value === 'string' ? `, or PercentOrAbsolute.parse(${JSON.stringify(value)})` : ''}`);
    }
    if (!Number.isInteger(value) || value < 1 || value > 100) {
      fail('percentage', `PercentOrAbsolute.percent(${value}) is out of range; allowed: an integer from 1 to 100`);
    }
    return new PercentOrAbsolute(`${value}%`, value, true);
  }

  /** An absolute count (a non-negative integer). */
  public static count(value: number): PercentOrAbsolute {
    if (typeof value !== 'number') {
      fail('PercentOrAbsolute.count', `needs a whole number, got ${describeValue(value)}; e.g. PercentOrAbsolute.count(3)${typeof value === 'string' ? `, or PercentOrAbsolute.parse(${JSON.stringify(value)})` : ''}`);
    }
    if (!Number.isInteger(value) || value < 0) {
      fail('count', `PercentOrAbsolute.count(${value}) is invalid; allowed: a non-negative integer`);
    }
    if (value > INT32_MAX) {
      fail('PercentOrAbsolute.count', `${value} is above ${INT32_MAX}, the largest count the API accepts (an int32); use a percentage such as PercentOrAbsolute.percent(100)`);
    }
    return new PercentOrAbsolute(value, value, false);
  }

  /** Parses `"25%"` or `3` / `"3"` as found in YAML; throws for anything else. */
  public static parse(value: string | number): PercentOrAbsolute {
    if (typeof value === 'number') return PercentOrAbsolute.count(value);
    if (typeof value !== 'string') fail('PercentOrAbsolute.parse', `needs a count or a percentage such as 3 or "25%", got ${describeValue(value)}`);
    const m = /^(\d+)%$/.exec(value);
    if (m) return PercentOrAbsolute.percent(Number(m[1]));
    if (/^\d+$/.test(value)) return PercentOrAbsolute.count(Number(value));
    return fail('value', `${JSON.stringify(value)} is neither a count nor a percentage; use e.g. 3 or "25%"`);
  }

  private constructor(
    /** The rendered value: a number, or a `"N%"` string. */
    public readonly value: string | number,
    /** The number (the count, or the percentage without `%`). */
    public readonly amount: number,
    /** True for a percentage. */
    public readonly isPercent: boolean,
  ) {}

  /** The count this resolves to for `total` items: percentages round up (`ceil`), as OCM and Sveltos do. */
  public resolve(total: number): number {
    return this.isPercent ? Math.ceil((this.amount * total) / 100) : this.amount;
  }

  /** The value as written in YAML. */
  public toJson(): string | number {
    return this.value;
  }

  /** Human form: `25%` or `3`. */
  public toString(): string {
    return String(this.value);
  }
}

/** The longest duration a Go `time.Duration` holds, in whole seconds ((2^63 - 1) ns). */
const MAX_DURATION_SECONDS = 9223372036;

/**
 * A duration in the `^[0-9]+[hms]$` form OCM's rollout fields accept (`"30s"`, `"5m"`, `"2h"`).
 */
export class Duration {
  /** Seconds. */
  public static seconds(n: number): Duration {
    return Duration.of(n, 's');
  }
  /** Minutes. */
  public static minutes(n: number): Duration {
    return Duration.of(n, 'm');
  }
  /** Hours. */
  public static hours(n: number): Duration {
    return Duration.of(n, 'h');
  }
  /** Parses `"30s"`, `"5m"` or `"2h"`. */
  public static parse(text: string): Duration {
    if (typeof text !== 'string') fail('Duration.parse', `needs a string such as "30s", "5m" or "2h", got ${describeValue(text)}${typeof text === 'number' ? `; e.g. Duration.seconds(${text})` : ''}`);
    const m = /^([0-9]+)([hms])$/.exec(text);
    if (!m) fail('duration', `${JSON.stringify(text)} is not a duration OCM accepts; use a whole number followed by h, m or s, e.g. "30s", "5m", "2h"`);
    return Duration.of(Number(m[1]), m[2] as 'h' | 'm' | 's', 'Duration.parse');
  }

  private static of(n: number, unit: 'h' | 'm' | 's', factory?: string): Duration {
    const name = factory ?? `Duration.${unit === 'h' ? 'hours' : unit === 'm' ? 'minutes' : 'seconds'}`;
    if (typeof n !== 'number') {
      fail(name, `needs a whole number, got ${describeValue(n)}${typeof n === 'string' ? `; use a number, or Duration.parse(${JSON.stringify(n + unit)})` : ''}`);
    }
    const perUnit = unit === 'h' ? 3600 : unit === 'm' ? 60 : 1;
    if (Number.isInteger(n) && n >= 0 && n * perUnit > MAX_DURATION_SECONDS) {
      fail(name, `${n > Number.MAX_SAFE_INTEGER ? String(n) : n}${unit} is longer than a Go time.Duration can hold (about 292 years, ${MAX_DURATION_SECONDS}s), so the controllers cannot parse it; use a shorter duration`);
    }
    if (!Number.isInteger(n) || n < 0) fail('duration', `${n}${unit} is invalid; a duration needs a non-negative whole number`);
    return new Duration(n, unit);
  }

  private constructor(private readonly amount: number, private readonly unit: 'h' | 'm' | 's') {}

  /** Total seconds. */
  public toSeconds(): number {
    return this.amount * (this.unit === 'h' ? 3600 : this.unit === 'm' ? 60 : 1);
  }

  /** The string form, e.g. `"5m"`. */
  public toString(): string {
    return `${this.amount}${this.unit}`;
  }
}

const EXACT_VERSION = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

/**
 * True when `version` pins one exact chart version (semver, optional `v` prefix, pre-release and
 * build metadata allowed); ranges (`^1.2`, `~1`, `1.x`), `latest` and empty strings are not pinned.
 */
export function isPinnedVersion(version: unknown): version is string {
  return typeof version === 'string' && EXACT_VERSION.test(version);
}
