// Reading hub objects from YAML or JSON files (our dist/, hand-written YAML, `kubectl get -o yaml`).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { fail } from '../core/errors';

/**
 * Every object in the .yaml/.yml/.json files at `path` (a file, or a folder read recursively in
 * sorted order; the plan's own `fleet-plan.json` is skipped). Throws a one-line error naming the
 * file for unreadable input or invalid YAML.
 */
export function readObjects(path: string): unknown[] {
  if (!existsSync(path)) fail(path, 'no such file or directory');
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ya?ml|json)$/.test(e) && e !== 'fleet-plan.json') files.push(p);
    }
  };
  if (statSync(path).isDirectory()) walk(path); else files.push(path);
  const out: unknown[] = [];
  for (const f of files) {
    const name = relative(path, f) || f;
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch (e) {
      return fail(name, `cannot be read (${(e as Error).message})`);
    }
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length) fail(name, `invalid YAML: ${doc.errors[0].message.split('\n')[0]}`);
      const v = doc.toJS();
      if (v === null || v === undefined) continue;
      if (typeof v !== 'object') fail(name, 'a document is not a Kubernetes object');
      out.push(v);
    }
  }
  return out;
}
