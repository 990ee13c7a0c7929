// Which policy claims a resource template (part of the Karmada scheduler simulator; see index.ts).
// karmada pkg/detector/detector.go (EventFilter, LookForMatchedPolicy, LookForMatchedClusterPolicy:
// a namespaced PropagationPolicy wins over any ClusterPropagationPolicy), pkg/detector/compare.go
// (highest explicit priority, then the most precise selector, then the alphabetically first name) and
// pkg/util/selector.go ResourceSelectorPriority.
import { LabelSelector } from '../../core/selector';
import type { KarmadaPolicy, KarmadaResourceSelectorJson, KarmadaResourceTemplate } from './model';

/** ImplicitPriority: 0 mismatch, 1 match-all, 2 labelSelector, 3 name. */
export function selectorPriority(t: KarmadaResourceTemplate, rs: KarmadaResourceSelectorJson): number {
  if (t.apiVersion !== rs.apiVersion || t.kind !== rs.kind) return 0;
  if (rs.namespace && (t.namespace ?? '') !== rs.namespace) return 0;
  if (rs.name) return rs.name === t.name ? 3 : 0;
  if (!rs.labelSelector) return 1;
  try {
    const sel = LabelSelector.fromJson(rs.labelSelector);
    sel.validate('resource selector');
    return sel.matches(t.labels) ? 2 : 0;
  } catch {
    return 0;
  }
}

/** The highest ImplicitPriority of `t` over a policy's selectors (the mutating webhook's namespace default applied). */
export function policyPriority(t: KarmadaResourceTemplate, policy: KarmadaPolicy): number {
  let best = 0;
  for (const rs of policy.spec?.resourceSelectors ?? []) {
    const withNs = policy.namespace && !rs.namespace ? { ...rs, namespace: policy.namespace } : rs;
    best = Math.max(best, selectorPriority(t, withNs));
  }
  return best;
}

/**
 * EventFilter: templates in Karmada's reserved namespaces (karmada-system, karmada-cluster,
 * karmada-es-*) and, with the default --skipped-propagating-namespaces, kube-* are never propagated.
 */
export function isIgnoredTemplate(t: KarmadaResourceTemplate): boolean {
  const ns = t.namespace ?? '';
  if (ns === 'karmada-system' || ns === 'karmada-cluster' || ns.startsWith('karmada-es-')) return true;
  return /^kube-.*$/.test(ns);
}

function highest(policies: readonly KarmadaPolicy[], t: KarmadaResourceTemplate): KarmadaPolicy | undefined {
  let matched: KarmadaPolicy | undefined;
  let implicit = 0;
  let explicit = Number.MIN_SAFE_INTEGER;
  for (const p of policies) {
    const ip = policyPriority(t, p);
    if (ip === 0) continue;
    const ep = typeof p.spec?.priority === 'number' ? p.spec.priority : 0;
    if (explicit < ep) {
      matched = p;
      implicit = ip;
      explicit = ep;
      continue;
    }
    if (explicit === ep) {
      if (ip > implicit) {
        implicit = ip;
        matched = p;
      } else if (ip === implicit && matched && p.name < matched.name) {
        matched = p;
      }
    }
  }
  return matched;
}

/**
 * The policy that claims template `t`: the best PropagationPolicy of its namespace, else the best
 * ClusterPropagationPolicy; undefined when none matches (or Karmada ignores the template).
 */
export function claimingPolicy(policies: readonly KarmadaPolicy[], t: KarmadaResourceTemplate): KarmadaPolicy | undefined {
  if (isIgnoredTemplate(t)) return undefined;
  if (t.namespace) {
    const pp = highest(policies.filter((p) => p.kind === 'PropagationPolicy' && p.namespace === t.namespace), t);
    if (pp) return pp;
  }
  return highest(policies.filter((p) => p.kind === 'ClusterPropagationPolicy'), t);
}
