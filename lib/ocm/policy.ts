import { ApiObject, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { describeValue, fail, FleetValidationError } from '../core/errors';
import { validateDnsLabel, validateDnsSubdomain } from '../core/names';
import { FleetResource } from '../core/resource';
import { requireArray, requireOptionalBoolean, requireOptionalEnum, requireProps } from '../core/validate';
import * as l1 from '../imports/policy.open-cluster-management.io';
import { FleetRegistry } from './_registry';
import { manifestsOf, subjectOf, l1Object } from './_util';
import { IPlacement } from './placement';

/** Whether a policy only reports or also fixes. */
export enum RemediationAction {
  /** Report compliance only. */
  INFORM = 'inform',
  /** Create, update or delete objects to become compliant. */
  ENFORCE = 'enforce',
}

/** How an object template is compared with the cluster. */
export enum ComplianceType {
  /** The object must exist and contain the given fields (a subset match). */
  MUST_HAVE = 'musthave',
  /** The object must exist and match the given fields exactly. */
  MUST_ONLY_HAVE = 'mustonlyhave',
  /** The object must not exist. */
  MUST_NOT_HAVE = 'mustnothave',
}

/** Severity of a violation. */
export enum Severity {
  /** low */
  LOW = 'low',
  /** medium */
  MEDIUM = 'medium',
  /** high */
  HIGH = 'high',
  /** critical */
  CRITICAL = 'critical',
}

/** Props of {@link ConfigurationPolicy}. */
export interface ConfigurationPolicyProps {
  /** The ConfigurationPolicy name (a DNS-1123 subdomain). */
  readonly name: string;
  /**
   * Objects that must exist (subset match).
   * @default - none
   */
  readonly mustHave?: (IConstruct | Record<string, any>)[];
  /**
   * Objects that must exist and match exactly.
   * @default - none
   */
  readonly mustOnlyHave?: (IConstruct | Record<string, any>)[];
  /**
   * Objects that must not exist.
   * @default - none
   */
  readonly mustNotHave?: (IConstruct | Record<string, any>)[];
  /**
   * Remediation (the owning Policy's remediationAction overrides it when set).
   * @default RemediationAction.INFORM
   */
  readonly remediationAction?: RemediationAction;
  /**
   * Severity.
   * @default - none
   */
  readonly severity?: Severity;
  /**
   * Namespaces the templates apply to when the objects do not set their own (filepath globs).
   * @default - objects must carry their namespace
   */
  readonly namespaces?: string[];
}

/**
 * A ConfigurationPolicy (policy.open-cluster-management.io/v1), the object a Policy embeds in its
 * `policy-templates`: objects that must (or must not) exist on each selected cluster.
 */
export class ConfigurationPolicy {
  /** The name. */
  public readonly name: string;
  private readonly props: ConfigurationPolicyProps;

  constructor(props: ConfigurationPolicyProps) {
    requireProps('ConfigurationPolicy', props, "{ name: 'ns', mustHave: [...] }");
    const cpSubject = subjectOf('ConfigurationPolicy', props.name);
    requireOptionalEnum(cpSubject, 'remediationAction', props.remediationAction, RemediationAction, 'RemediationAction');
    requireOptionalEnum(cpSubject, 'severity', props.severity, Severity, 'Severity');
    for (const f of ['mustHave', 'mustOnlyHave', 'mustNotHave', 'namespaces'] as const) requireArray(cpSubject, f, props[f]);
    validateDnsSubdomain(subjectOf('ConfigurationPolicy', props.name), 'name', props.name);
    const n = (props.mustHave?.length ?? 0) + (props.mustOnlyHave?.length ?? 0) + (props.mustNotHave?.length ?? 0);
    if (n === 0) fail(subjectOf('ConfigurationPolicy', props.name), 'has no object templates; pass mustHave, mustOnlyHave or mustNotHave');
    this.name = props.name;
    this.props = props;
  }

  /**
   * The embedded object (apiVersion, kind, metadata, spec). Fails when the templates render no
   * object: `object-templates: []` would be compliant on every cluster while checking nothing.
   */
  public toJson(): Record<string, unknown> {
    const templates = this.objectTemplates();
    if (templates.length === 0) fail(subjectOf('ConfigurationPolicy', this.name), this.emptyProblem());
    const spec: Record<string, unknown> = {
      remediationAction: this.props.remediationAction ?? RemediationAction.INFORM,
      ...(this.props.severity ? { severity: this.props.severity } : {}),
      ...(this.props.namespaces?.length ? { namespaceSelector: { include: [...this.props.namespaces] } } : {}),
      'object-templates': templates,
    };
    return { apiVersion: 'policy.open-cluster-management.io/v1', kind: 'ConfigurationPolicy', metadata: { name: this.name }, spec };
  }

  /**
   * Problems found at synth, when constructs have their final content (e.g. they render no
   * object), without the subject. @internal
   */
  public _validate(): string[] {
    try {
      return this.objectTemplates().length === 0 ? [this.emptyProblem()] : [];
    } catch (e) {
      if (e instanceof FleetValidationError) return [e.problem];
      throw e;
    }
  }

  private emptyProblem(): string {
    return 'its mustHave, mustOnlyHave and mustNotHave constructs render no Kubernetes object, so object-templates would be [] and the policy compliant on every cluster while checking nothing; add objects to those constructs or pass the objects themselves';
  }

  private objectTemplates(): Record<string, unknown>[] {
    const templates: Record<string, unknown>[] = [];
    const add = (type: ComplianceType, objs?: (IConstruct | Record<string, any>)[]) => {
      for (const o of objs ?? []) {
        const defs = isConstruct(o) ? manifestsOf(o) : [o];
        for (const d of defs) {
          if (!d.apiVersion || !d.kind) fail(subjectOf('ConfigurationPolicy', this.name), `object template ${JSON.stringify(d).slice(0, 80)} needs apiVersion and kind`);
          templates.push({ complianceType: type, objectDefinition: d });
        }
      }
    };
    add(ComplianceType.MUST_HAVE, this.props.mustHave);
    add(ComplianceType.MUST_ONLY_HAVE, this.props.mustOnlyHave);
    add(ComplianceType.MUST_NOT_HAVE, this.props.mustNotHave);
    return templates;
  }
}

function isConstruct(x: unknown): x is IConstruct {
  return typeof x === 'object' && x !== null && 'node' in x && typeof (x as any).node?.findAll === 'function';
}

/** Props of {@link Policy}. */
export interface PolicyProps {
  /** Namespace of the root policy (its placements and binding live there too). */
  readonly namespace: string;
  /**
   * Name; `<namespace>.<name>` names the replicated policy in each cluster namespace (at most 63).
   * @default - the construct id
   */
  readonly name?: string;
  /** The ConfigurationPolicies this policy distributes. */
  readonly templates: ConfigurationPolicy[];
  /**
   * Overrides every template's remediationAction.
   * @default - each template's own
   */
  readonly remediationAction?: RemediationAction;
  /**
   * Disable the policy (it is removed from clusters).
   * @default false
   */
  readonly disabled?: boolean;
  /**
   * Placements to bind the policy to (one PlacementBinding `<policy>-<placement>` per placement).
   * A policy must end up bound to at least one placement, here or with bindTo().
   * @default - none; use bindTo()
   */
  readonly placements?: IPlacement[];
}

/**
 * A governance Policy (policy.open-cluster-management.io/v1) plus the PlacementBindings that
 * distribute it, one named `<policy>-<placement>` per placement:
 * `new Policy(hub, 'require-ns', { ..., placements: [prod] })` is the whole job.
 */
export class Policy extends FleetResource {
  /** Name. */
  public readonly name: string;
  /** Namespace. */
  public readonly namespace: string;
  /** The generated L1 object. */
  public readonly apiObject: l1.Policy;
  private readonly placements: IPlacement[] = [];
  private readonly bindings: ApiObject[] = [];
  private readonly subject: string;

  constructor(scope: Construct, id: string, props: PolicyProps) {
    super(scope, id);
    requireProps(subjectOf('Policy', id), props, "{ namespace: 'policies', templates: [new ConfigurationPolicy({...})] }");
    this.name = props.name ?? id;
    this.namespace = props.namespace;
    const subject = this.subject = subjectOf('Policy', this.name, this.namespace);
    validateDnsLabel(subject, 'namespace', this.namespace);
    validateDnsSubdomain(subject, 'name', this.name);
    const full = `${this.namespace}.${this.name}`;
    if (full.length > 63) fail(subject, `"${full}" is ${full.length} characters; the replicated policy is named <namespace>.<name> and labelled with it, so at most 63`);
    requireOptionalEnum(subject, 'remediationAction', props.remediationAction, RemediationAction, 'RemediationAction');
    requireOptionalBoolean(subject, 'disabled', props.disabled);
    if (!Array.isArray(props.templates) || props.templates.length === 0) fail(subject, 'has no templates; pass at least one ConfigurationPolicy');
    const names = new Set<string>();
    props.templates.forEach((t, i) => {
      if (!(t instanceof ConfigurationPolicy)) {
        fail(subject, `templates[${i}] is ${describeValue(t)}, not a ConfigurationPolicy; wrap the objects: new ConfigurationPolicy({ name: '...', mustHave: [...] })`);
      }
    });
    for (const t of props.templates) {
      if (names.has(t.name)) fail(subject, `template "${t.name}" appears twice; template names must be unique within a policy`);
      names.add(t.name);
    }
    this.apiObject = l1Object(l1.Policy, this, 'Resource', {
      metadata: { name: this.name, namespace: this.namespace },
      spec: Lazy.any({
        produce: () => ({
          disabled: props.disabled ?? false,
          ...(props.remediationAction ? { remediationAction: props.remediationAction } : {}),
          'policy-templates': props.templates.map((t) => ({ objectDefinition: t.toJson() })),
        }),
      }) as unknown as l1.PolicySpec,
    });
    FleetRegistry.of(this).register('Policy', this);
    for (const p of props.placements ?? []) this.bindTo(p);
    this.node.addValidation({
      validate: () => [
        ...(this.placements.length === 0 ? [`${subject}: has no placement, so it is distributed nowhere; pass placements or call bindTo()`] : []),
        ...props.templates.flatMap((t) => t._validate().map((m) => `${subject}: template "${t.name}": ${m}`)),
      ],
    });
  }

  /** Distributes the policy to the clusters of `placement` (same namespace) through a PlacementBinding. */
  public bindTo(placement: IPlacement): void {
    if (typeof placement !== 'object' || placement === null || typeof placement.name !== 'string' || !placement.name) {
      fail(this.subject, `cannot bind to ${describeValue(placement)}: it is not a placement; pass a Placement or Placement.fromName('${this.namespace}', 'name')`);
    }
    if (placement.namespace !== this.namespace) {
      fail(this.subject, `cannot bind to placement "${placement.namespace}/${placement.name}": a PlacementBinding references a Placement in its own namespace "${this.namespace}". Declare the placement in "${this.namespace}"`);
    }
    if (this.placements.some((p) => p.name === placement.name)) return;
    this.placements.push(placement);
    this.bindings.push(l1Object(l1.PlacementBinding, this, `Binding(${placement.name})`, {
      metadata: { name: `${this.name}-${placement.name}`, namespace: this.namespace },
      placementRef: { apiGroup: 'cluster.open-cluster-management.io', kind: 'Placement', name: placement.name } as any,
      subjects: [{ apiGroup: 'policy.open-cluster-management.io', kind: 'Policy', name: this.name }] as any,
    }));
  }

  /** The placements the policy is bound to. */
  public get boundPlacements(): readonly IPlacement[] {
    return [...this.placements];
  }

  /** The PlacementBindings, one per bound placement, in binding order. */
  public get placementBindings(): readonly ApiObject[] {
    return [...this.bindings];
  }

  /** The first PlacementBinding, once bound. */
  public get placementBinding(): ApiObject | undefined {
    return this.bindings[0];
  }
}
