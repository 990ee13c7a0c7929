import * as YAML from 'yaml';
import { fail } from '../core/errors';

/** A Terraform identifier (variable, output, provider alias): a letter or `_`, then letters, digits, `_` or `-`. @internal */
const TF_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Throws unless `name` can name a Terraform variable, output or provider alias. @internal */
export function validateTfIdentifier(subject: string, what: string, name: string): void {
  if (typeof name !== 'string' || !TF_IDENTIFIER.test(name)) {
    fail(subject, `${what} ${JSON.stringify(name)} is not a Terraform identifier; use a letter or "_" followed by letters, digits, "_" or "-" (e.g. "hub_token")`);
  }
}

/** True for paths that only make sense on one machine: `/x`, `\\server\x`, `C:\x` or `C:/x`. @internal */
export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || p.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(p);
}

/** Throws when `p` is an absolute path (it would be written into the synthesized JSON). @internal */
export function rejectAbsolutePath(subject: string, what: string, p: string, fix: string): void {
  if (typeof p !== 'string' || p.length === 0) fail(subject, `${what} must be a non-empty path; ${fix}`);
  if (isAbsolutePath(p)) {
    fail(subject, `${what} ${JSON.stringify(p)} is an absolute path; it is machine-specific and would be written into every synthesized stack; ${fix}`);
  }
}

/**
 * Escapes Terraform template sequences in a literal string: `${` becomes `$${` and `%{` becomes
 * `%%{`, so Terraform writes the text as is instead of interpolating it. @internal
 */
export function escapeTemplate(s: string): string {
  return s.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/** Escapes every string (keys and values) of a JSON-like value with {@link escapeTemplate}. @internal */
export function escapeTemplatesDeep<T>(value: T): T {
  if (typeof value === 'string') return escapeTemplate(value) as unknown as T;
  if (Array.isArray(value)) return value.map((v) => escapeTemplatesDeep(v)) as unknown as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[escapeTemplate(k)] = escapeTemplatesDeep(v);
    return out as T;
  }
  return value;
}

/**
 * Helm values as one YAML document with sorted keys (deterministic), template sequences escaped
 * so Terraform passes them through literally. @internal
 */
export function helmValues(values: Record<string, unknown>): string {
  return escapeTemplate(YAML.stringify(values, { sortMapEntries: true, lineWidth: 0 }));
}

/** `a, b, c` (and `… and N more` beyond `max`), for error messages. @internal */
export function listForHumans(items: readonly string[], max = 10): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
