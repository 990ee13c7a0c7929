// Override rules of ClusterResourceOverride / ResourceOverride
// (kubefleet apis/placement/v1beta1/override_types.go), with the checks of kubefleet
// pkg/utils/validator/resourceoverride.go validateOverridePolicy.
import { describeValue, fail } from '../core/errors';
import { asSelector, LabelSelector } from '../core/selector';

/** One JSON patch operation (RFC 6902) applied to the selected resources. */
export class JsonPatchOverride {
  /** In a value: replaced by the MemberCluster name. */
  public static readonly MEMBER_CLUSTER_NAME = '${MEMBER-CLUSTER-NAME}';

  /** In a value: replaced by the value of the MemberCluster's label `key`. */
  public static memberClusterLabel(key: string): string {
    return `\${MEMBER-CLUSTER-LABEL-KEY-${key}}`;
  }

  /** Adds `value` at `path`. */
  public static add(path: string, value: any): JsonPatchOverride {
    return new JsonPatchOverride('add', path, value);
  }

  /** Replaces the value at `path` (which must exist). */
  public static replace(path: string, value: any): JsonPatchOverride {
    return new JsonPatchOverride('replace', path, value);
  }

  /** Removes the value at `path`. */
  public static remove(path: string): JsonPatchOverride {
    return new JsonPatchOverride('remove', path, undefined);
  }

  private constructor(
    /** `add`, `remove` or `replace`. */
    public readonly op: string,
    /** The JSON pointer. */
    public readonly path: string,
    /** The value (add, replace). */
    public readonly value: any,
  ) {}

  /** Validates (validateJSONPatchOverridePath) and renders the operation. @internal */
  public _render(subject: string, where: string): Record<string, unknown> {
    const p = this.path;
    const bad = (why: string): never => fail(subject, `${where} ${this.op} ${JSON.stringify(p)}: ${why}; the KubeFleet webhook rejects it`);
    if (typeof p !== 'string' || p === '') bad('the path cannot be empty');
    if (!p.startsWith('/')) bad('the path must start with /');
    const parts = p.split('/').slice(1);
    if (parts[0] === 'kind' || parts[0] === 'apiVersion') bad('typeMeta fields cannot be overridden');
    if (parts[0] === 'status') bad('status fields cannot be overridden');
    if (parts[0] === 'metadata' && (parts.length === 1 || (parts[1] !== 'labels' && parts[1] !== 'annotations'))) bad('only metadata labels and annotations can be overridden');
    if (parts.some((s) => s.trim() === '')) bad('the path cannot contain an empty segment');
    if (this.op !== 'remove' && this.value === undefined) bad('add and replace need a value');
    return this.value === undefined ? { op: this.op, path: p } : { op: this.op, path: p, value: this.value };
  }
}

/** One override rule: the clusters it applies to and what it does there. */
export class OverrideRule {
  /**
   * Applies JSON patches on the clusters matching any of `clusterSelector` (every member cluster when
   * omitted or empty).
   */
  public static jsonPatch(patches: JsonPatchOverride[], clusterSelector?: LabelSelector[]): OverrideRule {
    return new OverrideRule('JSONPatch', patches, clusterSelector);
  }

  /** Removes the selected resources from the clusters matching any of `clusterSelector` (every member cluster when omitted or empty). */
  public static delete(clusterSelector?: LabelSelector[]): OverrideRule {
    return new OverrideRule('Delete', [], clusterSelector);
  }

  private constructor(
    /** `JSONPatch` or `Delete`. */
    public readonly overrideType: string,
    /** The patches (JSONPatch). */
    public readonly patches: readonly JsonPatchOverride[],
    /** Label selectors, ORed. */
    public readonly clusterSelector?: readonly LabelSelector[],
  ) {}

  /**
   * Validates and renders the rule. The cluster selector is always rendered: KubeFleet reads a missing
   * one as "no cluster" and an empty term list as "every cluster". @internal
   */
  public _render(subject: string, where: string): Record<string, unknown> {
    const terms = (this.clusterSelector ?? []).map((s, i) => {
      const sel = asSelector(subject, `${where} clusterSelector[${i}]`, s);
      if (!sel) fail(subject, `${where} clusterSelector[${i}] is ${describeValue(s)}`);
      sel.validate(subject, `${where} clusterSelector[${i}]`);
      return { labelSelector: sel.toJson() };
    });
    if (terms.length > 10) fail(subject, `${where} has ${terms.length} cluster selector terms; at most 10`);
    const out: Record<string, unknown> = { clusterSelector: { clusterSelectorTerms: terms }, overrideType: this.overrideType };
    if (this.overrideType === 'JSONPatch') {
      if (this.patches.length === 0) fail(subject, `${where} has no JSON patch; JSONPatchOverrides cannot be empty (use OverrideRule.delete to remove the resources)`);
      if (this.patches.length > 20) fail(subject, `${where} has ${this.patches.length} JSON patches; at most 20`);
      this.patches.forEach((p, i) => {
        if (!(p instanceof JsonPatchOverride)) fail(subject, `${where} patch ${i} is ${describeValue(p)}; use JsonPatchOverride.replace('/spec/replicas', 3)`);
      });
      out.jsonPatchOverrides = this.patches.map((p, i) => p._render(subject, `${where} patch ${i}`));
    }
    return out;
  }
}

/** Validates and renders an override policy (1 to 20 rules). @internal */
export function renderOverridePolicy(subject: string, rules: readonly OverrideRule[]): Record<string, unknown> {
  if (rules.length > 20) fail(subject, `has ${rules.length} override rules; at most 20`);
  rules.forEach((r, i) => {
    if (!(r instanceof OverrideRule)) fail(subject, `override rule ${i} is ${describeValue(r)}; use OverrideRule.jsonPatch([...]) or OverrideRule.delete()`);
  });
  return { overrideRules: rules.map((r, i) => r._render(subject, `override rule ${i}`)) };
}
