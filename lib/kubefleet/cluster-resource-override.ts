import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { describeValue, fail } from '../core/errors';
import { requireProps } from '../core/validate';
import { validateDnsSubdomain } from '../core/names';
import { FleetResource } from '../core/resource';
import * as l1 from '../imports/placement.kubernetes-fleet.io';
import { KubeFleetRegistry, l1Object, subjectOf } from './_util';
import { IClusterResourcePlacement } from './cluster-resource-placement';
import { renderOverrideSelectors, selectorKey } from './_overrides';
import { OverrideRule, renderOverridePolicy } from './override-rule';
import { ResourceSelector } from './values';

/** Props of {@link ClusterResourceOverride}. */
export interface ClusterResourceOverrideProps {
  /**
   * The override name.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Apply only when this placement places the resources (immutable once applied).
   * @default - every placement that places them
   */
  readonly placement?: IClusterResourcePlacement;
  /**
   * The cluster-scoped resources to override, by name (1 to 20; each may be selected by one
   * ClusterResourceOverride only).
   * @default - none; add with addResourceSelector()
   */
  readonly clusterResourceSelectors?: ResourceSelector[];
  /**
   * The rules (1 to 20).
   * @default - none; add with addRule()
   */
  readonly rules?: OverrideRule[];
}

/**
 * A KubeFleet ClusterResourceOverride (placement.kubernetes-fleet.io/v1, cluster-scoped): per-cluster
 * JSON patches (or deletion) for cluster-scoped resources a ClusterResourcePlacement places.
 * @see https://kubefleet.dev/docs/concepts/override/
 */
export class ClusterResourceOverride extends FleetResource {
  /** The name. */
  public readonly name: string;
  /** The generated L1 object. */
  public readonly apiObject: l1.ClusterResourceOverride;
  /** Cluster-scoped: no namespace. */
  public get namespace(): string | undefined {
    return undefined;
  }
  private readonly selectors: ResourceSelector[] = [];
  private readonly rules: OverrideRule[] = [];
  private readonly subject: string;

  constructor(scope: Construct, id: string, props: ClusterResourceOverrideProps = {}) {
    super(scope, id);
    props = requireProps(`ClusterResourceOverride "${id}"`, props, "{ resourceSelectors: [...] }", true);
    this.name = props.name ?? id;
    const subject = this.subject = subjectOf('ClusterResourceOverride', this.name);
    validateDnsSubdomain(subject, 'name', this.name);
    if (props.placement !== undefined && typeof props.placement?.name !== 'string') fail(subject, `placement is ${describeValue(props.placement)}, not a ClusterResourcePlacement`);
    for (const s of props.clusterResourceSelectors ?? []) this.addResourceSelector(s);
    for (const r of props.rules ?? []) this.addRule(r);
    this.apiObject = l1Object(l1.ClusterResourceOverride, this, 'Resource', {
      metadata: { name: this.name },
      spec: Lazy.any({
        produce: () => ({
          ...(props.placement ? { placement: { name: props.placement.name, scope: 'Cluster' } } : {}),
          clusterResourceSelectors: renderOverrideSelectors(subject, this.selectors),
          policy: renderOverridePolicy(subject, this.rules),
        }),
      }) as unknown as l1.ClusterResourceOverrideSpec,
    });
    KubeFleetRegistry.of(this).register('ClusterResourceOverride', this);
    this.node.addValidation({ validate: () => this.validateLater() });
  }

  /** Adds a resource (by name) to override; returns its selector. */
  public addResourceSelector(selector: ResourceSelector): ResourceSelector {
    if (!(selector instanceof ResourceSelector)) fail(this.subject, `resource selector is ${describeValue(selector)}; use ResourceSelector.byName(...) or ResourceSelector.namespace('app')`);
    renderOverrideSelectors(this.subject, [...this.selectors, selector]);
    this.selectors.push(selector);
    return selector;
  }

  /** Adds a rule; returns it. */
  public addRule(rule: OverrideRule): OverrideRule {
    renderOverridePolicy(this.subject, [...this.rules, rule]);
    this.rules.push(rule);
    return rule;
  }

  /** The selectors (a copy). */
  public get resourceSelectors(): readonly ResourceSelector[] {
    return [...this.selectors];
  }

  private validateLater(): string[] {
    const errors: string[] = [];
    if (this.selectors.length === 0) errors.push(`${this.subject}: has no resource selector; the CRD requires at least one. Add one with addResourceSelector(ResourceSelector.byName(...))`);
    if (this.rules.length === 0) errors.push(`${this.subject}: has no override rule; the CRD requires at least one. Add one with addRule(OverrideRule.jsonPatch([...]))`);
    const mine = new Set(this.selectors.map(selectorKey));
    for (const other of KubeFleetRegistry.of(this).all<ClusterResourceOverride>('ClusterResourceOverride')) {
      if (other === this) break;
      const both = other.resourceSelectors.filter((s) => mine.has(selectorKey(s)));
      if (both.length > 0) errors.push(`${this.subject}: ${both.map((s) => `${s.kind} ${s.name}`).join(', ')} is already selected by ClusterResourceOverride "${other.name}"; the KubeFleet webhook allows one ClusterResourceOverride per resource. Merge the rules into one override`);
    }
    return errors;
  }
}
