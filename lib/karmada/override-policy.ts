import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { describeValue, fail } from '../core/errors';
import { requireProps } from '../core/validate';
import { validateDnsLabel, validateDnsSubdomain } from '../core/names';
import { FleetResource } from '../core/resource';
import * as l1 from '../imports/policy.karmada.io';
import { KarmadaRegistry, l1Object, subjectOf } from './_util';
import { ImageOverrider, LabelAnnotationOverrider, PlaintextOverrider } from './overriders';
import { renderClusterAffinity } from './_render';
import { ClusterAffinity, ResourceSelector } from './values';

/** One override rule: the clusters it applies to and the overriders (applied image, labels, annotations, plaintext). */
export interface OverrideRule {
  /**
   * The clusters the rule applies to.
   * @default - every cluster
   */
  readonly targetCluster?: ClusterAffinity;
  /**
   * JSON-patch-like changes.
   * @default - none
   */
  readonly plaintext?: PlaintextOverrider[];
  /**
   * Image changes.
   * @default - none
   */
  readonly imageOverrider?: ImageOverrider[];
  /**
   * Label changes.
   * @default - none
   */
  readonly labelsOverrider?: LabelAnnotationOverrider[];
  /**
   * Annotation changes.
   * @default - none
   */
  readonly annotationsOverrider?: LabelAnnotationOverrider[];
}

/** What OverridePolicy and ClusterOverridePolicy share (`OverrideSpec`). */
export interface OverrideSpecOptions {
  /**
   * The policy name.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * The resource templates the rules apply to.
   * @default - every template in scope (the policy's namespace, or the whole control plane)
   */
  readonly resourceSelectors?: ResourceSelector[];
  /**
   * The rules (at least one, before synth).
   * @default - none; add with addRule()
   */
  readonly rules?: OverrideRule[];
}

function list<T>(subject: string, what: string, x: T[] | undefined, cls: { prototype: T }, hint: string): T[] {
  if (x === undefined) return [];
  if (!Array.isArray(x)) return fail(subject, `${what} must be a list, got ${describeValue(x)}`);
  x.forEach((o, i) => {
    if (!(o instanceof (cls as unknown as new () => T))) fail(subject, `${what}[${i}] is ${describeValue(o)}; use ${hint}`);
  });
  return x;
}

/**
 * What OverridePolicy and ClusterOverridePolicy share: resource selectors and override rules,
 * validated as karmada pkg/util/validation/validation.go ValidateOverrideSpec does, rendered lazily.
 */
export abstract class OverridePolicyBase extends FleetResource {
  /** The policy name. */
  public readonly name: string;
  /** The namespace, or undefined for a ClusterOverridePolicy. */
  public readonly namespace?: string;
  /** @internal */
  protected readonly subject: string;
  private readonly selectors: ResourceSelector[] = [];
  private readonly rules: OverrideRule[] = [];

  /** @internal */
  protected constructor(scope: Construct, id: string, kind: string, namespace: string | undefined, props: OverrideSpecOptions) {
    super(scope, id);
    props = requireProps(`${kind} "${id}"`, props, '{ resourceSelectors: [...], overrideRules: [...] }', true);
    this.name = props.name ?? id;
    this.namespace = namespace;
    const subject = this.subject = subjectOf(kind, this.name, namespace);
    validateDnsSubdomain(subject, 'name', this.name);
    if (namespace !== undefined) validateDnsLabel(subject, 'namespace', namespace);
    for (const s of props.resourceSelectors ?? []) this.addResourceSelector(s);
    for (const r of props.rules ?? []) this.addRule(r);
    this.node.addValidation({
      validate: () => (this.rules.length === 0 ? [`${subject}: has no override rule, so it changes nothing; add one with addRule({ targetCluster, imageOverrider: [...] })`] : []),
    });
  }

  /** Restricts the policy to templates matching `selector` too; returns it. */
  public addResourceSelector(selector: ResourceSelector): ResourceSelector {
    if (!(selector instanceof ResourceSelector)) {
      fail(this.subject, `resource selector is ${describeValue(selector)}; use ResourceSelector.byName(...), ResourceSelector.byLabels(...) or ResourceSelector.all(...)`);
    }
    selector._render(this.subject, this.namespace);
    this.selectors.push(selector);
    return selector;
  }

  /** Adds a rule (applied after the ones added before); returns it. */
  public addRule(rule: OverrideRule): OverrideRule {
    this.renderRule(rule, this.rules.length);
    this.rules.push(rule);
    return rule;
  }

  private renderRule(rule: OverrideRule, i: number): Record<string, unknown> {
    const where = `override rule ${i}`;
    if (typeof rule !== 'object' || rule === null) fail(this.subject, `${where} is ${describeValue(rule)}, not an OverrideRule`);
    const overriders: Record<string, unknown> = {};
    const image = list(this.subject, `${where} imageOverrider`, rule.imageOverrider, ImageOverrider, 'ImageOverrider.replace(ImageComponent.REGISTRY, ...)');
    if (image.length > 0) overriders.imageOverrider = image.map((o) => o._render(this.subject, where));
    const labels = list(this.subject, `${where} labelsOverrider`, rule.labelsOverrider, LabelAnnotationOverrider, 'LabelAnnotationOverrider.add({...})');
    if (labels.length > 0) overriders.labelsOverrider = labels.map((o) => o._render(this.subject, where, true));
    const annotations = list(this.subject, `${where} annotationsOverrider`, rule.annotationsOverrider, LabelAnnotationOverrider, 'LabelAnnotationOverrider.add({...})');
    if (annotations.length > 0) overriders.annotationsOverrider = annotations.map((o) => o._render(this.subject, where, false));
    const plaintext = list(this.subject, `${where} plaintext`, rule.plaintext, PlaintextOverrider, 'PlaintextOverrider.replace(\'/spec/replicas\', 2)');
    if (plaintext.length > 0) overriders.plaintext = plaintext.map((o) => o._render(this.subject, where));
    if (Object.keys(overriders).length === 0) fail(this.subject, `${where} has no overrider, so it changes nothing; give it imageOverrider, labelsOverrider, annotationsOverrider or plaintext`);
    const out: Record<string, unknown> = {};
    if (rule.targetCluster) out.targetCluster = renderClusterAffinity(this.subject, `${where} targetCluster`, rule.targetCluster);
    out.overriders = overriders;
    return out;
  }

  /** The spec in API shape (what is rendered). @internal */
  public _renderSpec(): Record<string, unknown> {
    const spec: Record<string, unknown> = {};
    if (this.selectors.length > 0) spec.resourceSelectors = this.selectors.map((s) => s._render(this.subject, this.namespace));
    spec.overrideRules = this.rules.map((r, i) => this.renderRule(r, i));
    return spec;
  }
}

/** Props of {@link OverridePolicy}. */
export interface OverridePolicyProps extends OverrideSpecOptions {
  /** The namespace; the rules apply to templates in this namespace only. */
  readonly namespace: string;
}

/**
 * A Karmada OverridePolicy (policy.karmada.io/v1alpha1, namespaced): per-cluster changes to the
 * resource templates of its namespace as they are propagated.
 * @see https://karmada.io/docs/userguide/scheduling/override-policy
 */
export class OverridePolicy extends OverridePolicyBase {
  /** The OverridePolicies declared in the app of `scope`. */
  public static allIn(scope: Construct): readonly OverridePolicy[] {
    return KarmadaRegistry.of(scope).all<OverridePolicy>('OverridePolicy');
  }

  /** The namespace. */
  public readonly namespace: string;
  /** The generated L1 object. */
  public readonly apiObject: l1.OverridePolicy;

  constructor(scope: Construct, id: string, props: OverridePolicyProps) {
    if (!props || typeof props.namespace !== 'string') fail(subjectOf('OverridePolicy', id), 'needs props with a namespace, e.g. { namespace: \'apps\' }');
    super(scope, id, 'OverridePolicy', props.namespace, props);
    this.namespace = props.namespace;
    this.apiObject = l1Object(l1.OverridePolicy, this, 'Resource', {
      metadata: { name: this.name, namespace: this.namespace },
      spec: Lazy.any({ produce: () => this._renderSpec() }) as unknown as l1.OverridePolicySpec,
    });
    KarmadaRegistry.of(this).register('OverridePolicy', this);
  }
}
