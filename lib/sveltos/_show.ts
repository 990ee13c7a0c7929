/**
 * A bad input value in words for error messages: JSON for plain values (cut at 80 characters),
 * `a <Class>` for class instances such as constructs (which JSON cannot print).
 * @internal
 */
export function show(v: unknown): string {
  if (v && typeof v === 'object' && !Array.isArray(v) && v.constructor && v.constructor !== Object) return `a ${v.constructor.name}`;
  try {
    return JSON.stringify(v)?.slice(0, 80) ?? String(v);
  } catch {
    return String(v);
  }
}
