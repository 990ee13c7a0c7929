import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';

/** `kind "name"` or `kind "namespace/name"`, the subject of an error message. @internal */
export function subjectOf(kind: string, name: string, namespace?: string): string {
  return `${kind} "${namespace ? `${namespace}/` : ''}${name}"`;
}

/**
 * Creates the generated L1 object `Cls` as child `id` of `scope`, emitting `props` exactly as given:
 * the generated converters drop int-or-string values and Lazy specs, so the L2s render API-shaped JSON
 * themselves and the test suite validates every emitted object against the upstream CRD schema.
 * @internal
 */
export function l1Object<T extends ApiObject>(Cls: new (scope: Construct, id: string, props: any) => T, scope: Construct, id: string, props: Record<string, unknown>): T {
  const obj = new Cls(scope, id, props);
  Object.defineProperty(obj, 'toJson', { value: () => ApiObject.prototype.toJson.call(obj), configurable: true });
  return obj;
}

/**
 * Per-app index of the KubeFleet constructs by kind, for cross-object checks without tree walks.
 * @internal
 */
export class KubeFleetRegistry {
  /** The registry of the app `scope` belongs to. */
  public static of(scope: IConstruct): KubeFleetRegistry {
    const root = scope.node.root;
    let r = REGISTRIES.get(root);
    if (!r) {
      r = new KubeFleetRegistry();
      REGISTRIES.set(root, r);
    }
    return r;
  }

  private readonly byKind = new Map<string, IConstruct[]>();

  /** Registers `c` under `kind`. */
  public register(kind: string, c: IConstruct): void {
    const list = this.byKind.get(kind) ?? [];
    list.push(c);
    this.byKind.set(kind, list);
  }

  /** Every construct registered under `kind`, in declaration order. */
  public all<T extends IConstruct>(kind: string): readonly T[] {
    return (this.byKind.get(kind) ?? []) as T[];
  }
}

const REGISTRIES = new WeakMap<IConstruct, KubeFleetRegistry>();
