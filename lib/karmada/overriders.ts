// Overriders of Karmada OverridePolicy / ClusterOverridePolicy rules
// (karmada pkg/apis/policy/v1alpha1/override_types.go), with the checks of karmada
// pkg/util/validation/validation.go ValidateOverrideRules.
import { describeValue, fail } from '../core/errors';
import { labelKeyProblem, labelValueProblem } from '../core/names';

/** Whether a JSON pointer (RFC 6901) is well-formed: empty, or `/`-separated with valid `~` escapes. */
function pointerProblem(path: string): string | undefined {
  if (typeof path !== 'string') return `must be a string, got ${describeValue(path)}`;
  if (path !== '' && !path.startsWith('/')) return 'must start with "/" (a JSON pointer such as /spec/replicas)';
  if (/~[^01]|~$/.test(path)) return 'has a "~" that is not ~0 or ~1';
  return undefined;
}

/** An operator of an overrider. */
export enum OverriderOperator {
  /** Add (or set) the value. */
  ADD = 'add',
  /** Remove. */
  REMOVE = 'remove',
  /** Replace an existing value. */
  REPLACE = 'replace',
}

/** A JSON-patch-like change of one field (`overriders.plaintext[]`). */
export class PlaintextOverrider {
  /** Adds `value` at `path` (a JSON pointer). */
  public static add(path: string, value: any): PlaintextOverrider {
    return new PlaintextOverrider(OverriderOperator.ADD, path, value);
  }

  /** Replaces the value at `path`. */
  public static replace(path: string, value: any): PlaintextOverrider {
    return new PlaintextOverrider(OverriderOperator.REPLACE, path, value);
  }

  /** Removes the value at `path`. */
  public static remove(path: string): PlaintextOverrider {
    return new PlaintextOverrider(OverriderOperator.REMOVE, path, undefined);
  }

  private constructor(
    /** The operator. */
    public readonly operator: OverriderOperator,
    /** The JSON pointer. */
    public readonly path: string,
    /** The value (add, replace). */
    public readonly value: any,
  ) {}

  /** Validates and renders the overrider. @internal */
  public _render(subject: string, where: string): Record<string, unknown> {
    const p = pointerProblem(this.path);
    if (p) fail(subject, `${where} plaintext path ${JSON.stringify(this.path)} ${p}`);
    if (this.operator !== OverriderOperator.REMOVE && this.value === undefined) {
      fail(subject, `${where} plaintext ${this.operator} ${this.path} has no value; add and replace need one (use PlaintextOverrider.remove to delete)`);
    }
    return this.value === undefined ? { path: this.path, operator: this.operator } : { path: this.path, operator: this.operator, value: this.value };
  }
}

/** The part of a container image an image overrider changes. */
export enum ImageComponent {
  /** The registry, e.g. `docker.io`. */
  REGISTRY = 'Registry',
  /** The repository, e.g. `library/nginx`. */
  REPOSITORY = 'Repository',
  /** The tag, e.g. `1.27`. */
  TAG = 'Tag',
}

/**
 * Changes one part of container images (`overriders.imageOverrider[]`). Without a predicate path,
 * Karmada finds the images of Pods, ReplicaSets, Deployments, DaemonSets, StatefulSets and Jobs itself.
 */
export class ImageOverrider {
  /** Replaces `component` with `value`. */
  public static replace(component: ImageComponent, value: string, predicatePath?: string): ImageOverrider {
    return new ImageOverrider(component, OverriderOperator.REPLACE, value, predicatePath);
  }

  /** Adds `value` to `component` (e.g. a registry prefix or a tag suffix). */
  public static add(component: ImageComponent, value: string, predicatePath?: string): ImageOverrider {
    return new ImageOverrider(component, OverriderOperator.ADD, value, predicatePath);
  }

  /** Removes `component`. */
  public static remove(component: ImageComponent, predicatePath?: string): ImageOverrider {
    return new ImageOverrider(component, OverriderOperator.REMOVE, undefined, predicatePath);
  }

  private constructor(
    /** The image component. */
    public readonly component: ImageComponent,
    /** The operator. */
    public readonly operator: OverriderOperator,
    /** The value (add, replace). */
    public readonly value?: string,
    /** JSON pointer of the image field, when Karmada should not find the images itself. */
    public readonly predicatePath?: string,
  ) {}

  /** Validates and renders the overrider. @internal */
  public _render(subject: string, where: string): Record<string, unknown> {
    if (!Object.values(ImageComponent).includes(this.component)) fail(subject, `${where} image component ${JSON.stringify(this.component)} is invalid; allowed: Registry, Repository, Tag`);
    if (this.operator !== OverriderOperator.REMOVE && (typeof this.value !== 'string' || this.value === '')) {
      fail(subject, `${where} image ${this.operator} of ${this.component} needs a value`);
    }
    const out: Record<string, unknown> = { component: this.component, operator: this.operator };
    if (this.predicatePath !== undefined) {
      const p = pointerProblem(this.predicatePath);
      if (p) fail(subject, `${where} image predicate path ${JSON.stringify(this.predicatePath)} ${p}; Karmada rejects it`);
      out.predicate = { path: this.predicatePath };
    }
    if (this.value !== undefined) out.value = this.value;
    return out;
  }
}

/** Adds, replaces or removes labels or annotations (`overriders.labelsOverrider[]` / `annotationsOverrider[]`). */
export class LabelAnnotationOverrider {
  /** Adds (or overwrites) these keys. */
  public static add(values: Record<string, string>): LabelAnnotationOverrider {
    return new LabelAnnotationOverrider(OverriderOperator.ADD, { ...values });
  }

  /** Replaces the values of these keys where they exist. */
  public static replace(values: Record<string, string>): LabelAnnotationOverrider {
    return new LabelAnnotationOverrider(OverriderOperator.REPLACE, { ...values });
  }

  /** Removes these keys. */
  public static remove(...keys: string[]): LabelAnnotationOverrider {
    return new LabelAnnotationOverrider(OverriderOperator.REMOVE, Object.fromEntries(keys.map((k) => [k, ''])));
  }

  private constructor(
    /** The operator. */
    public readonly operator: OverriderOperator,
    /** The keys and values. */
    public readonly values: Readonly<Record<string, string>>,
  ) {}

  /** Validates (as labels or as annotations) and renders the overrider. @internal */
  public _render(subject: string, where: string, labels: boolean): Record<string, unknown> {
    const keys = Object.keys(this.values).sort();
    if (keys.length === 0) fail(subject, `${where} ${labels ? 'labels' : 'annotations'} ${this.operator} has no keys, so it changes nothing`);
    let size = 0;
    for (const k of keys) {
      const kp = labelKeyProblem(k);
      if (kp) fail(subject, `${where} ${labels ? 'label' : 'annotation'} key ${JSON.stringify(k)} is invalid; Karmada rejects it: it ${kp}`);
      const v = this.values[k];
      if (typeof v !== 'string') fail(subject, `${where} ${labels ? 'label' : 'annotation'} ${k} has value ${describeValue(v)}; values are strings`);
      if (labels) {
        const vp = labelValueProblem(v);
        if (vp) fail(subject, `${where} label ${k}=${JSON.stringify(v)} has an invalid value; Karmada rejects it: it ${vp}`);
      }
      size += k.length + v.length;
    }
    if (!labels && size > 256 * 1024) fail(subject, `${where} annotations total ${size} bytes; Kubernetes allows at most 262144`);
    return { operator: this.operator, value: Object.fromEntries(keys.map((k) => [k, this.values[k]])) };
  }
}
