import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { compareObjects } from '../fleet/fleet-chart';

/** A Kubernetes object as plain JSON. */
export type KubeObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string>; [k: string]: any }; [k: string]: any };

/**
 * Synthesizes one construct subtree (a module, a cluster, a whole hub) to plain, stable objects:
 * validations of the subtree run first (so a bad input fails the test the way it fails synth),
 * Lazy values are resolved, and objects are ordered by kind, namespace and name, whatever the
 * declaration order. Snapshot-friendly: `expect(synthObjects(myModule)).toMatchSnapshot()`.
 */
export function synthObjects(scope: IConstruct): KubeObject[] {
  const errors: string[] = [];
  for (const c of scope.node.findAll()) {
    for (const e of c.node.validate()) errors.push(`[${c.node.path}] ${e}`);
  }
  if (errors.length > 0) throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
  const objects = scope.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject).map((o) => o.toJson() as KubeObject);
  return JSON.parse(JSON.stringify(objects.sort(compareObjects)));
}

/** The objects of `kind` (and, optionally, `apiVersion`), in order. */
export function objectsOfKind(objects: readonly KubeObject[], kind: string, apiVersion?: string): KubeObject[] {
  return objects.filter((o) => o.kind === kind && (apiVersion === undefined || o.apiVersion === apiVersion));
}

/**
 * The one object of `kind` named `name` (in `namespace`, when given). Throws a readable error
 * listing what exists when there is none or more than one.
 */
export function findObject(objects: readonly KubeObject[], kind: string, name: string, namespace?: string): KubeObject {
  const hits = objects.filter((o) => o.kind === kind && o.metadata.name === name && (namespace === undefined || o.metadata.namespace === namespace));
  if (hits.length !== 1) {
    const have = objectsOfKind(objects, kind).map((o) => (o.metadata.namespace ? `${o.metadata.namespace}/` : '') + o.metadata.name);
    throw new Error(`expected one ${kind} "${namespace ? `${namespace}/` : ''}${name}", found ${hits.length}; ${kind} objects present: ${have.join(', ') || 'none'}`);
  }
  return hits[0];
}

/** The names of the objects of `kind`, as `name` or `namespace/name`, in order. */
export function namesOf(objects: readonly KubeObject[], kind: string): string[] {
  return objectsOfKind(objects, kind).map((o) => (o.metadata.namespace ? `${o.metadata.namespace}/` : '') + o.metadata.name);
}
