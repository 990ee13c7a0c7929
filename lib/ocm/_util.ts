import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';

/** `kind "name"` or `kind "namespace/name"`, the subject of an error message. @internal */
export function subjectOf(kind: string, name: string, namespace?: string): string {
  return `${kind} "${namespace ? `${namespace}/` : ''}${name}"`;
}

/**
 * Renders any cdk8s construct subtree (an ApiObject, a cdk8s-plus object, one of our L2s, or a
 * whole Chart) to its Kubernetes JSON manifests, in tree order. Used to embed manifests in
 * ManifestWorks, ConfigMaps and policies. The objects are rendered, not moved: remove the source
 * construct from any chart that is synthesized, or it is also emitted there.
 * @internal
 */
export function manifestsOf(...constructs: IConstruct[]): any[] {
  const out: any[] = [];
  for (const c of constructs) {
    for (const child of c.node.findAll()) {
      if (child instanceof ApiObject) out.push(child.toJson());
    }
  }
  return out;
}

/**
 * Creates the generated L1 object `Cls` as child `id` of `scope`, emitting `props` exactly as
 * given. The generated classes re-map props through typed converters that drop values they do
 * not recognise (int-or-string fields given as plain values, hyphenated keys such as
 * `policy-templates`, Lazy specs); our L2s render API-shaped JSON themselves, and the test suite
 * validates every emitted object against the upstream CRD schema instead.
 * @internal
 */
export function l1Object<T extends ApiObject>(Cls: new (scope: Construct, id: string, props: any) => T, scope: Construct, id: string, props: Record<string, unknown>): T {
  const obj = new Cls(scope, id, props);
  Object.defineProperty(obj, 'toJson', { value: () => ApiObject.prototype.toJson.call(obj), configurable: true });
  return obj;
}
