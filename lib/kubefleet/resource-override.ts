import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { describeValue, fail } from '../core/errors';
import { validateDnsLabel, validateDnsSubdomain } from '../core/names';
import { FleetResource } from '../core/resource';
import * as l1 from '../imports/placement.kubernetes-fleet.io';
import { renderOverrideSelectors, selectorKey } from './_overrides';
import { KubeFleetRegistry, l1Object, subjectOf } from './_util';
import { IClusterResourcePlacement } from './cluster-resource-placement';
import { OverrideRule, renderOverridePolicy } from './override-rule';
import { ResourceSelector } from './values';

/** Props of {@link ResourceOverride}. */
export interface ResourceOverrideProps {
  /** The namespace of the resources to override. */
  readonly namespace: string;
  /**
   * The override name.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Apply only when this ClusterResourcePlacement places the resources (immutable once applied).
   * @default - every placement that places them
   */
  readonly placement?: IClusterResourcePlacement;
  /**
   * The namespaced resources to override, by name (1 to 20; each may be selected by one ResourceOverride only).
   * @default - none; add with addResourceSelector()
   */
  readonly resourceSelectors?: ResourceSelector[];
  /**
   * The rules (1 to 20).
   * @default - none; add with addRule()
   */
  readonly rules?: OverrideRule[];
}

/**
 * A KubeFleet ResourceOverride (placement.kubernetes-fleet.io/v1, namespaced): per-cluster JSON
 * patches (or deletion) for namespaced resources placed with their namespace.
 * @see https://kubefleet.dev/docs/concepts/override/
 */
export class ResourceOverride extends FleetResource {
  /** The name. */
  public readonly name: string;
  /** The namespace. */
  public readonly namespace: string;
  /** The generated L1 object. */
  public readonly apiObject: l1.ResourceOverride;
  private readonly selectors: ResourceSelector[] = [];
  private readonly rules: OverrideRule[] = [];
  private readonly subject: string;

  constructor(scope: Construct, id: string, props: ResourceOverrideProps) {
    super(scope, id);
    this.name = props?.name ?? id;
    if (!props || typeof props.namespace !== 'string') fail(subjectOf('ResourceOverride', this.name), 'needs props with a namespace, e.g. { namespace: \'app\' }');
    this.namespace = props.namespace;
    const subject = this.subject = subjectOf('ResourceOverride', this.name, this.namespace);
    validateDnsSubdomain(subject, 'name', this.name);
    validateDnsLabel(subject, 'namespace', this.namespace);
    if (props.placement !== undefined && typeof props.placement?.name !== 'string') fail(subject, `placement is ${describeValue(props.placement)}, not a ClusterResourcePlacement`);
    for (const s of props.resourceSelectors ?? []) this.addResourceSelector(s);
    for (const r of props.rules ?? []) this.addRule(r);
    this.apiObject = l1Object(l1.ResourceOverride, this, 'Resource', {
      metadata: { name: this.name, namespace: this.namespace },
      spec: Lazy.any({
        produce: () => ({
          ...(props.placement ? { placement: { name: props.placement.name, scope: 'Cluster' } } : {}),
          resourceSelectors: renderOverrideSelectors(subject, this.selectors).map((s) => ({ group: s.group, version: s.version, kind: s.kind, name: s.name })),
          policy: renderOverridePolicy(subject, this.rules),
        }),
      }) as unknown as l1.ResourceOverrideSpec,
    });
    KubeFleetRegistry.of(this).register('ResourceOverride', this);
    this.node.addValidation({ validate: () => this.validateLater() });
  }

  /** Adds a resource (by name, in the override's namespace) to override; returns its selector. */
  public addResourceSelector(selector: ResourceSelector): ResourceSelector {
    if (!(selector instanceof ResourceSelector)) fail(this.subject, `resource selector is ${describeValue(selector)}; use ResourceSelector.byName('apps', 'v1', 'Deployment', 'web')`);
    if (selector.isNamespace) fail(this.subject, 'selects a Namespace, which is cluster-scoped; use a ClusterResourceOverride for it');
    if (selector.selectionScope !== undefined) fail(this.subject, 'resource selectors of a ResourceOverride have no selectionScope');
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
    for (const other of KubeFleetRegistry.of(this).all<ResourceOverride>('ResourceOverride')) {
      if (other === this) break;
      if (other.namespace !== this.namespace) continue;
      const both = other.resourceSelectors.filter((s) => mine.has(selectorKey(s)));
      if (both.length > 0) errors.push(`${this.subject}: ${both.map((s) => `${s.kind} ${s.name}`).join(', ')} is already selected by ResourceOverride "${other.namespace}/${other.name}"; the KubeFleet webhook allows one ResourceOverride per resource. Merge the rules into one override`);
    }
    return errors;
  }
}
