// Validation at the boundary: every public entry point checks the shape and type of what it is
// given with these, so a JavaScript caller (no type checker) gets the same clear error a
// TypeScript caller would, instead of a TypeError from deep inside or a silently wrong default.
// Each throws a FleetValidationError naming the subject, the field, the bad value and what is
// allowed.
import { describeValue, fail } from './errors';

/** The largest value of a Kubernetes int32 field. @internal */
export const INT32_MAX = 2147483647;

/** Throws unless `value` is a boolean (the string `'false'` is not `false`). @internal */
export function requireBoolean(subject: string, field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') fail(subject, `${field} must be true or false, got ${describeValue(value)}`);
  return value;
}

/** `requireBoolean` for an optional field: undefined stays undefined. @internal */
export function requireOptionalBoolean(subject: string, field: string, value: unknown): boolean | undefined {
  return value === undefined ? undefined : requireBoolean(subject, field, value);
}

/** Throws unless `value` is a non-empty string. @internal */
export function requireString(subject: string, field: string, value: unknown, hint = ''): string {
  if (typeof value !== 'string' || value === '') fail(subject, `${field} must be a non-empty string, got ${describeValue(value)}${hint ? `; ${hint}` : ''}`);
  return value;
}

/** `requireString` for an optional field. @internal */
export function requireOptionalString(subject: string, field: string, value: unknown, hint = ''): string | undefined {
  return value === undefined ? undefined : requireString(subject, field, value, hint);
}

/** Options of {@link requireInteger}. @internal */
export interface IntegerBounds {
  /** Smallest allowed value. @default 0 */
  readonly min?: number;
  /** Largest allowed value. @default INT32_MAX */
  readonly max?: number;
}

/** Throws unless `value` is an integer within bounds (default: 0 to the int32 maximum). @internal */
export function requireInteger(subject: string, field: string, value: unknown, bounds: IntegerBounds = {}): number {
  const min = bounds.min ?? 0;
  const max = bounds.max ?? INT32_MAX;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(subject, `${field} must be a whole number from ${min} to ${max}${max === INT32_MAX ? ' (a Kubernetes int32)' : ''}, got ${describeValue(value)}`);
  }
  return value;
}

/** `requireInteger` for an optional field. @internal */
export function requireOptionalInteger(subject: string, field: string, value: unknown, bounds: IntegerBounds = {}): number | undefined {
  return value === undefined ? undefined : requireInteger(subject, field, value, bounds);
}

/** Throws unless `value` is an array (a string is not spread into characters); undefined gives []. @internal */
export function requireArray<T>(subject: string, field: string, value: unknown, example = ''): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(subject, `${field} must be a list, got ${describeValue(value)}${example ? `; e.g. ${example}` : ''}`);
  return value as T[];
}

/** Throws unless `value` is a plain object (not an array, not a class instance). @internal */
export function requirePlainObject(subject: string, field: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(subject, `${field} must be an object, got ${describeValue(value)}`);
  return value as Record<string, unknown>;
}

/** Throws unless `value` is a map of string to string (label and annotation maps). @internal */
export function requireStringMap(subject: string, field: string, value: unknown): Record<string, string> {
  if (value === undefined) return {};
  const m = requirePlainObject(subject, field, value);
  for (const [k, v] of Object.entries(m)) {
    if (typeof v !== 'string') fail(subject, `${field}["${k}"] must be a string, got ${describeValue(v)}${typeof v === 'number' || typeof v === 'boolean' ? `; quote it: "${String(v)}"` : ''}`);
  }
  return m as Record<string, string>;
}

/** Throws unless `value` has only the keys in `allowed` (catches typos such as `matchLabel`). @internal */
export function requireKnownKeys(subject: string, field: string, value: Record<string, unknown>, allowed: readonly string[]): void {
  for (const k of Object.keys(value)) {
    if (allowed.includes(k)) continue;
    const near = allowed.find((a) => a.toLowerCase() === k.toLowerCase() || a.startsWith(k) || k.startsWith(a));
    fail(subject, `${field} has an unknown field "${k}"${near ? ` (did you mean "${near}"?)` : ''}; allowed: ${allowed.join(', ')}`);
  }
}

/**
 * Throws unless `value` is an instance of `type` (a value class such as LabelSelector or Duration),
 * naming the factory to use instead of a plain object or string. @internal
 */
export function requireInstance<T>(subject: string, field: string, value: unknown, type: abstract new (...args: any[]) => T, factories: string): T {
  if (!(value instanceof type)) fail(subject, `${field} must be a ${type.name} (${factories}), got ${describeValue(value)}`);
  return value;
}

/** `requireInstance` for an optional field. @internal */
export function requireOptionalInstance<T>(subject: string, field: string, value: unknown, type: abstract new (...args: any[]) => T, factories: string): T | undefined {
  return value === undefined ? undefined : requireInstance(subject, field, value, type, factories);
}

/** Throws unless `value` is one of the values of a string enum. @internal */
export function requireEnum<T extends string>(subject: string, field: string, value: unknown, values: Record<string, T>, enumName: string): T {
  const allowed = Object.values(values);
  if (!allowed.includes(value as T)) {
    fail(subject, `${field} must be one of ${enumName}.${Object.keys(values).join(`, ${enumName}.`)} (${allowed.map((v) => JSON.stringify(v)).join(', ')}), got ${describeValue(value)}`);
  }
  return value as T;
}

/** `requireEnum` for an optional field. @internal */
export function requireOptionalEnum<T extends string>(subject: string, field: string, value: unknown, values: Record<string, T>, enumName: string): T | undefined {
  return value === undefined ? undefined : requireEnum(subject, field, value, values, enumName);
}

/** Throws unless `props` is an object (or undefined when props are optional). @internal */
export function requireProps<T extends object>(subject: string, props: T | undefined, example: string, optional = false): T {
  if (props === undefined && optional) return {} as T;
  if (typeof props !== 'object' || props === null || Array.isArray(props)) fail(subject, `needs props${optional ? ' (an object)' : ''}, got ${describeValue(props)}; e.g. ${example}`);
  return props;
}
