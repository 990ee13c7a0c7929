import { fail } from '../core/errors';
import { ResourceSelector } from './values';

/** Validates the selectors an override accepts (by name, no label selector, unique) and renders them. @internal */
export function renderOverrideSelectors(subject: string, selectors: readonly ResourceSelector[]): Record<string, unknown>[] {
  if (selectors.length > 20) fail(subject, `has ${selectors.length} resource selectors; at most 20`);
  const seen = new Set<string>();
  return selectors.map((s) => {
    const r = s._render(subject);
    if (s.labelSelector) fail(subject, `resource selector ${s.kind} selects by labels; the KubeFleet webhook only accepts selection by name (ResourceSelector.byName)`);
    if (!s.name) fail(subject, `resource selector ${s.kind} has no name; the KubeFleet webhook requires one (ResourceSelector.byName)`);
    const k = JSON.stringify(r);
    if (seen.has(k)) fail(subject, `resource selector ${s.kind} ${s.name} appears twice; selectors must be unique`);
    seen.add(k);
    return r;
  });
}

/** `group/version/kind/name` of a named selector, for the one-override-per-resource check. @internal */
export function selectorKey(s: ResourceSelector): string {
  return `${s.group}/${s.version}/${s.kind}/${s.name}`;
}

