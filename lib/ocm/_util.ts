import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';

/** `kind "name"` or `kind "namespace/name"`, the subject of an error message. @internal */
export function subjectOf(kind: string, name: string, namespace?: string): string {
  return `${kind} "${namespace ? `${namespace}/` : ''}${name}"`;
}

/** Removes keys whose value is undefined (so the output omits them). @internal */
export function compact<T extends Record<string, unknown>>(obj: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v;
  return out as T;
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
