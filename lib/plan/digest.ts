// Content digests of the plan: canonical JSON (object keys sorted) hashed with SHA-256.
import { createHash } from 'node:crypto';
import { Order } from '../core/order';

type Obj = Record<string, any>;

/** JSON with object keys sorted (undefined members left out), for digests that do not depend on key order. @internal */
export function canonicalJson(v: unknown): string {
  // A value whose object keys all come in order already (rendered objects' mostly do: cdk8s sorts
  // them) is JSON.stringify's own output; the rest is written key by key.
  if (inOrder(v)) return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) out += (i > 0 ? ',' : '') + canonicalJson(v[i]);
    return `${out}]`;
  }
  if (v && typeof v === 'object') {
    const o = v as Obj;
    const keys = Object.keys(o).sort(Order.strings);
    let out = '{';
    let first = true;
    for (const k of keys) {
      const x = o[k];
      if (x === undefined) continue;
      out += `${first ? '' : ','}${JSON.stringify(k)}:${canonicalJson(x)}`;
      first = false;
    }
    return `${out}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/**
 * True when JSON.stringify(v) is canonicalJson(v): plain objects and arrays only, every object's
 * keys in order, and no value JSON.stringify would write differently (a function or symbol member,
 * which canonicalJson writes as null).
 */
function inOrder(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return typeof v !== 'function' && typeof v !== 'symbol';
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x !== null && typeof x === 'object' && !inOrder(x)) return false;
    }
    return true;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return false;
  const o = v as Obj;
  let previous: string | undefined;
  for (const k in o) {
    if (previous !== undefined && !(previous < k)) return false;
    previous = k;
    const x = o[k];
    if (x !== null && typeof x === 'object') {
      if (!inOrder(x)) return false;
    } else if (typeof x === 'function' || typeof x === 'symbol') return false;
  }
  return true;
}

/** `sha256:` and the first 12 hex digits of the SHA-256 of `text`. @internal */
export function digestOfText(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
}

/** The digest of `v`'s canonical JSON. @internal */
export function digestOf(v: unknown): string {
  return digestOfText(canonicalJson(v));
}

