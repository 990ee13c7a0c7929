// How findings name the objects they are about.

type Obj = Record<string, any>;

/** `Kind ns/name` or `Kind name`, the subject used in findings. */
export function subjectOf(o: Obj): string {
  return `${o.kind} ${o.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata?.name}`;
}

/** `ClusterProfile/name` → `ClusterProfile name`; `Profile/ns/name` → `Profile ns/name`. */
export function profileLabel(key: string): string {
  const i = key.indexOf('/');
  return i < 0 ? key : `${key.slice(0, i)} ${key.slice(i + 1)}`;
}
