// How findings name the objects they are about.

type Obj = Record<string, any>;

/** `Kind ns/name` or `Kind name`, the subject used in findings. */
export function subjectOf(o: Obj): string {
  return `${o.kind} ${o.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata?.name}`;
}

/** `ClusterProfile/name` → `ClusterProfile name`; `Profile/ns/name` → `Profile ns/name`. */
export function profileLabel(key: string): string {
  let label = LABELS.get(key);
  if (label === undefined) {
    const i = key.indexOf('/');
    label = i < 0 ? key : `${key.slice(0, i)} ${key.slice(i + 1)}`;
    if (LABELS.size > 10000) LABELS.clear();
    LABELS.set(key, label);
  }
  return label;
}

/** Labels of recent profile keys (the plan asks for each profile's once per cluster). */
const LABELS = new Map<string, string>();
