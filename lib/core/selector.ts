import { describeValue, fail } from './errors';
import { validateLabelKey, labelValueProblem, sortedRecord } from './names';
import { requireArray, requireKnownKeys, requirePlainObject, requireString, requireStringList, requireStringMap } from './validate';

/** A label selector operator, as in Kubernetes `metav1.LabelSelectorRequirement`. */
export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

/** One requirement of a label (or claim) selector, in Kubernetes JSON shape. */
export interface SelectorRequirement {
  /** The label (or claim) key. */
  readonly key: string;
  /** The operator. */
  readonly operator: SelectorOperator;
  /**
   * The values for In / NotIn; must be empty for Exists / DoesNotExist.
   * @default - none
   */
  readonly values?: string[];
}

/** A label selector in Kubernetes JSON shape (`matchLabels` AND `matchExpressions`). */
export interface LabelSelectorJson {
  /**
   * Exact label matches.
   * @default - none
   */
  readonly matchLabels?: Record<string, string>;
  /**
   * Requirements, all of which must hold.
   * @default - none
   */
  readonly matchExpressions?: SelectorRequirement[];
}

const OPERATORS: readonly SelectorOperator[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/**
 * Kubernetes label selector semantics, shared by constructs and simulators.
 * An empty selector matches everything (Kubernetes and OCM); note that Sveltos treats an
 * empty clusterSelector as matching nothing, which the Sveltos constructs enforce themselves.
 */
export class LabelSelector {
  /** A selector that matches every object. */
  public static all(): LabelSelector {
    return new LabelSelector({});
  }

  /** Exact matches on every given label. */
  public static matchLabels(labels: Record<string, string>): LabelSelector {
    return new LabelSelector({ matchLabels: requireStringMap('LabelSelector.matchLabels', 'labels', requirePlainObject('LabelSelector.matchLabels', 'labels', labels)) });
  }

  /** `key In (values)`. */
  public static in(key: string, ...values: string[]): LabelSelector {
    return new LabelSelector({ matchExpressions: [{ key: requireString('LabelSelector.in', 'key', key), operator: 'In', values: spreadValues('LabelSelector.in', key, values) }] });
  }

  /** `key NotIn (values)` (also matches objects without the key). */
  public static notIn(key: string, ...values: string[]): LabelSelector {
    return new LabelSelector({ matchExpressions: [{ key: requireString('LabelSelector.notIn', 'key', key), operator: 'NotIn', values: spreadValues('LabelSelector.notIn', key, values) }] });
  }

  /** The key is present, with any value. */
  public static exists(key: string): LabelSelector {
    return new LabelSelector({ matchExpressions: [{ key: requireString('LabelSelector.exists', 'key', key), operator: 'Exists' }] });
  }

  /** The key is absent. */
  public static doesNotExist(key: string): LabelSelector {
    return new LabelSelector({ matchExpressions: [{ key: requireString('LabelSelector.doesNotExist', 'key', key), operator: 'DoesNotExist' }] });
  }

  /** True when `x` is a LabelSelector (made with one of the static factories), not a plain object. */
  public static isLabelSelector(x: unknown): x is LabelSelector {
    return x instanceof LabelSelector;
  }

  /** Wraps a selector given in Kubernetes JSON shape. */
  public static fromJson(json: LabelSelectorJson | undefined): LabelSelector {
    return new LabelSelector(json === undefined ? {} : checkJson(json));
  }

  /** Exact label matches. */
  public readonly matchLabels: Readonly<Record<string, string>>;
  /** Requirements, all of which must hold. */
  public readonly matchExpressions: readonly SelectorRequirement[];

  private constructor(json: LabelSelectorJson) {
    this.matchLabels = { ...(json.matchLabels ?? {}) };
    this.matchExpressions = (json.matchExpressions ?? []).map((e) => ({ ...e, values: e.values ? [...e.values] : undefined }));
  }

  /** A new selector that requires this one AND `other`. */
  public and(other: LabelSelector): LabelSelector {
    asSelector('LabelSelector.and()', 'the argument', other);
    for (const [k, v] of Object.entries(other.matchLabels)) {
      if (k in this.matchLabels && this.matchLabels[k] !== v) {
        fail('label selector', `matchLabels ${k}=${this.matchLabels[k]} and ${k}=${v} can never both hold; use one value or an In expression`);
      }
    }
    return new LabelSelector({
      matchLabels: { ...this.matchLabels, ...other.matchLabels },
      matchExpressions: [...this.matchExpressions, ...other.matchExpressions],
    });
  }

  /** True when the selector has no requirement at all. */
  public get isEmpty(): boolean {
    return Object.keys(this.matchLabels).length === 0 && this.matchExpressions.length === 0;
  }

  /** Throws a clear error for an invalid key, operator or value combination. */
  public validate(subject: string, what = 'selector'): void {
    for (const [k, v] of Object.entries(this.matchLabels)) {
      validateLabelKey(subject, `${what} matchLabels key`, k);
      const p = labelValueProblem(v);
      if (p) fail(subject, `${what} matchLabels ${k}=${JSON.stringify(v)} has an invalid value: it ${p}`);
    }
    for (const e of this.matchExpressions) {
      validateLabelKey(subject, `${what} expression key`, e.key);
      if (!OPERATORS.includes(e.operator)) {
        fail(subject, `${what} expression on ${JSON.stringify(e.key)} has operator ${JSON.stringify(e.operator)}; allowed: ${OPERATORS.join(', ')}`);
      }
      const n = e.values?.length ?? 0;
      if ((e.operator === 'In' || e.operator === 'NotIn') && n === 0) {
        fail(subject, `${what} expression ${e.key} ${e.operator} needs at least one value; use Exists / DoesNotExist to test presence`);
      }
      if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && n > 0) {
        fail(subject, `${what} expression ${e.key} ${e.operator} must not have values, got ${JSON.stringify(e.values)}`);
      }
      for (const v of e.values ?? []) {
        const p = labelValueProblem(v);
        if (p) fail(subject, `${what} expression ${e.key} ${e.operator} has an invalid value ${JSON.stringify(v)}: it ${p}`);
      }
    }
  }

  /** True when `labels` satisfy every requirement. */
  public matches(labels: Readonly<Record<string, string>>): boolean {
    return this.firstMismatch(labels) === undefined;
  }

  /**
   * The first requirement `labels` fail, as a sentence for the plan
   * (`label env=staging does not match env In (production)`), or undefined when they match.
   * @param noun what the keys are ('label' or 'claim')
   */
  public firstMismatch(labels: Readonly<Record<string, string>>, noun = 'label'): string | undefined {
    for (const k of Object.keys(this.matchLabels).sort()) {
      const want = this.matchLabels[k];
      if (!(k in labels)) return `${noun} ${k} is missing (wanted ${k}=${want})`;
      if (labels[k] !== want) return `${noun} ${k}=${labels[k]} does not match ${k}=${want}`;
    }
    for (const e of this.matchExpressions) {
      const has = Object.prototype.hasOwnProperty.call(labels, e.key);
      const v = labels[e.key];
      const vals = e.values ?? [];
      // Only for a mismatch: matching is the hot path on a large fleet.
      const desc = () => `${e.key} ${e.operator}${vals.length ? ` (${vals.join(', ')})` : ''}`;
      switch (e.operator) {
        case 'In':
          if (!has) return `${noun} ${e.key} is missing (wanted ${desc()})`;
          if (!vals.includes(v)) return `${noun} ${e.key}=${v} does not match ${desc()}`;
          break;
        case 'NotIn':
          if (has && vals.includes(v)) return `${noun} ${e.key}=${v} does not match ${desc()}`;
          break;
        case 'Exists':
          if (!has) return `${noun} ${e.key} is missing (wanted ${desc()})`;
          break;
        case 'DoesNotExist':
          if (has) return `${noun} ${e.key}=${v} is present (wanted ${desc()})`;
          break;
        default:
          return `${noun} selector has unknown operator ${JSON.stringify(e.operator)}`;
      }
    }
    return undefined;
  }

  /** The selector in Kubernetes JSON shape; empty parts are omitted, matchLabels keys sorted. */
  public toJson(): LabelSelectorJson {
    const out: { matchLabels?: Record<string, string>; matchExpressions?: SelectorRequirement[] } = {};
    const ml = sortedRecord(this.matchLabels as Record<string, string>);
    if (ml) out.matchLabels = ml;
    if (this.matchExpressions.length > 0) {
      out.matchExpressions = this.matchExpressions.map((e) => (e.values && e.values.length > 0 ? { key: e.key, operator: e.operator, values: [...e.values] } : { key: e.key, operator: e.operator }));
    }
    return out;
  }
}

const FROM_JSON = 'LabelSelector.fromJson';

/** The values of LabelSelector.in / notIn: strings, not one array passed where `...values` is expected. */
function spreadValues(subject: string, key: string, values: unknown[]): string[] {
  if (values.length === 1 && Array.isArray(values[0])) {
    fail(subject, `values for ${JSON.stringify(key)} must be passed one by one, got an array; spread it: ${subject}(${JSON.stringify(key)}, ...values)`);
  }
  return requireStringList(subject, `values for ${JSON.stringify(key)}`, values);
}

/** Checks the shape of a selector in Kubernetes JSON form (field names, lists, strings), as a JavaScript caller may pass anything. */
function checkJson(json: unknown): LabelSelectorJson {
  if (typeof json === 'string') {
    fail(FROM_JSON, `needs a selector object such as { matchLabels: { env: "prod" } }, got ${describeValue(json)}; for a label use LabelSelector.matchLabels({ key: "value" })`);
  }
  const o = requirePlainObject(FROM_JSON, 'the selector', json);
  requireKnownKeys(FROM_JSON, 'the selector', o, ['matchLabels', 'matchExpressions']);
  const matchLabels = o.matchLabels === undefined ? undefined : requireStringMap(FROM_JSON, 'matchLabels', o.matchLabels);
  const exprs = requireArray<unknown>(FROM_JSON, 'matchExpressions', o.matchExpressions, '[{ key: "env", operator: "In", values: ["prod"] }]');
  const matchExpressions = exprs.map((x, i) => {
    const where = `matchExpressions[${i}]`;
    const e = requirePlainObject(FROM_JSON, where, x);
    requireKnownKeys(FROM_JSON, where, e, ['key', 'operator', 'values']);
    const key = requireString(FROM_JSON, `${where}.key`, e.key);
    if (!OPERATORS.includes(e.operator as SelectorOperator)) {
      fail(FROM_JSON, `${where} (key ${JSON.stringify(key)}) has operator ${describeValue(e.operator)}; allowed: ${OPERATORS.join(', ')}`);
    }
    const values = e.values === undefined ? undefined : requireStringList(FROM_JSON, `${where}.values`, e.values);
    return { key, operator: e.operator as SelectorOperator, values };
  });
  return { matchLabels, matchExpressions };
}

/**
 * Returns `x` when it is a LabelSelector (or undefined), and throws a clear error for anything else,
 * such as a selector written as Kubernetes JSON where the value class is expected.
 * @param subject the construct, e.g. `Placement "apps/web"`
 * @param what the field, e.g. `selector` or `predicate 0 labelSelector`
 */
export function asSelector(subject: string, what: string, x: unknown): LabelSelector | undefined {
  if (x === undefined || LabelSelector.isLabelSelector(x)) return x;
  const plain = typeof x === 'object' && x !== null && !Array.isArray(x) && Object.getPrototypeOf(x) === Object.prototype;
  if (plain) {
    return fail(subject, `${what} is ${describeValue(x)}, not a LabelSelector; use LabelSelector.fromJson({...}) or LabelSelector.in(...) / LabelSelector.matchLabels(...)`);
  }
  return fail(subject, `${what} must be a LabelSelector, got ${describeValue(x)}; use LabelSelector.in(...), LabelSelector.matchLabels(...) or LabelSelector.fromJson({...})`);
}
