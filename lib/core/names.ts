import { fail } from './errors';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Why `name` is not a DNS-1123 label (RFC 1123), or undefined when it is one. */
export function dnsLabelProblem(name: string): string | undefined {
  if (typeof name !== 'string' || name.length === 0) return 'must not be empty';
  if (name.length > 63) return `must be at most 63 characters, got ${name.length}`;
  if (!DNS1123_LABEL.test(name)) {
    return 'must consist of lower-case letters, digits and "-", and start and end with a letter or digit';
  }
  return undefined;
}

/** Why `name` is not a DNS-1123 subdomain, or undefined when it is one. */
export function dnsSubdomainProblem(name: string): string | undefined {
  if (typeof name !== 'string' || name.length === 0) return 'must not be empty';
  if (name.length > 253) return `must be at most 253 characters, got ${name.length}`;
  if (!DNS1123_SUBDOMAIN.test(name)) {
    return 'must consist of lower-case letters, digits, "-" and ".", and start and end with a letter or digit';
  }
  return undefined;
}

/** Throws unless `name` is a DNS-1123 label (what cluster names and namespaces must be). */
export function validateDnsLabel(subject: string, what: string, name: string): void {
  const p = dnsLabelProblem(name);
  if (p) fail(subject, `${what} ${JSON.stringify(name)} is not a valid DNS-1123 label: it ${p} (e.g. "prod-eu-1")`);
}

/** Throws unless `name` is a DNS-1123 subdomain (what most object names must be). */
export function validateDnsSubdomain(subject: string, what: string, name: string): void {
  const p = dnsSubdomainProblem(name);
  if (p) fail(subject, `${what} ${JSON.stringify(name)} is not a valid DNS-1123 subdomain: it ${p} (e.g. "web-canary")`);
}

/** Why `key` is not a valid Kubernetes label key (`[prefix/]name`), or undefined. */
export function labelKeyProblem(key: string): string | undefined {
  if (typeof key !== 'string' || key.length === 0) return 'must not be empty';
  const parts = key.split('/');
  if (parts.length > 2) return 'may contain at most one "/"';
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined) {
    const p = dnsSubdomainProblem(prefix);
    if (p) return `has prefix ${JSON.stringify(prefix)} that ${p}`;
  }
  if (name.length > 63) return `has a name part of ${name.length} characters (at most 63)`;
  if (!LABEL_NAME.test(name)) {
    return 'has a name part that must consist of letters, digits, "-", "_" and ".", and start and end with a letter or digit';
  }
  return undefined;
}

/** Why `value` is not a valid Kubernetes label value, or undefined. */
export function labelValueProblem(value: string): string | undefined {
  if (typeof value !== 'string') return `must be a string, got ${typeof value}`;
  if (value.length > 63) return `must be at most 63 characters, got ${value.length}`;
  if (!LABEL_VALUE.test(value)) {
    return 'must be empty or consist of letters, digits, "-", "_" and ".", and start and end with a letter or digit';
  }
  return undefined;
}

/** Throws unless every key and value of `labels` is a valid Kubernetes label. */
export function validateLabels(subject: string, labels: Record<string, string> | undefined, what = 'label'): void {
  for (const [k, v] of Object.entries(labels ?? {})) {
    const kp = labelKeyProblem(k);
    if (kp) fail(subject, `${what} key ${JSON.stringify(k)} is invalid: it ${kp}`);
    const vp = labelValueProblem(v);
    if (vp) fail(subject, `${what} ${k}=${JSON.stringify(v)} has an invalid value: it ${vp}`);
  }
}

/** Throws unless `key` is a valid label key. */
export function validateLabelKey(subject: string, what: string, key: string): void {
  const p = labelKeyProblem(key);
  if (p) fail(subject, `${what} ${JSON.stringify(key)} is not a valid label key: it ${p}`);
}

/** Returns a copy of `record` with keys in sorted order, or undefined when empty (empty maps are omitted). */
export function sortedRecord<T>(record: Record<string, T> | undefined): Record<string, T> | undefined {
  if (!record) return undefined;
  const keys = Object.keys(record).sort();
  if (keys.length === 0) return undefined;
  const out: Record<string, T> = {};
  for (const k of keys) out[k] = record[k];
  return out;
}
