// FLEET011: a Sveltos clusterSelector on something no SveltosCluster will carry: a ClusterClaim
// (claims never become labels on a SveltosCluster), a ManagedCluster label the registration chain
// does not copy, or a key nobody has; or a Profile whose namespace holds no SveltosCluster.
import { profileLabel } from './subjects';
import { FindingLevel, RuleDefinition } from './rule';

/** Labels Sveltos itself puts on every SveltosCluster once it is ready. */
const RUNTIME_LABELS = ['projectsveltos.io/k8s-version'];

interface SelectorJson {
  readonly matchLabels?: Record<string, string>;
  readonly matchExpressions?: readonly { readonly key: string; readonly operator: string }[];
}

/** The label keys a selector needs present (matchLabels, In and Exists). */
function requiredKeys(sel: SelectorJson | undefined): string[] {
  if (!sel) return [];
  const keys = [...Object.keys(sel.matchLabels ?? {}).sort(), ...(sel.matchExpressions ?? []).filter((e) => e.operator === 'In' || e.operator === 'Exists').map((e) => e.key)];
  return [...new Set(keys)];
}

const names = (list: readonly string[]) => {
  const sorted = [...list].sort();
  return sorted.slice(0, 3).map((n) => `"${n}"`).join(', ') + (sorted.length > 3 ? ` and ${sorted.length - 3} more` : '');
};

export const SVELTOS_SELECTOR_SEES_NOTHING: RuleDefinition = {
  id: 'FLEET011',
  name: 'sveltos-selector-sees-nothing',
  description: 'A Sveltos clusterSelector uses a claim or a label no SveltosCluster carries, or a Profile has no SveltosCluster in its namespace: it matches nothing there.',
  level: FindingLevel.ERROR,
  check({ ctx, report }) {
    const clusters = ctx.sveltos.clusters;
    // Without any SveltosCluster the fleet registers its clusters outside these objects.
    if (clusters.length === 0) return;
    const visible = new Set<string>(RUNTIME_LABELS);
    const namespaces = new Set<string>();
    for (const c of clusters) {
      namespaces.add(c.namespace);
      for (const k of Object.keys(c.labels ?? {})) visible.add(k);
    }
    const claims = new Map<string, string[]>();
    const labels = new Map<string, string[]>();
    const add = (m: Map<string, string[]>, k: string, name: string) => {
      const list = m.get(k);
      if (list) list.push(name); else m.set(k, [name]);
    };
    for (const mc of ctx.hub.clusters) {
      for (const k of Object.keys(mc.claims ?? {})) add(claims, k, mc.name);
      for (const k of Object.keys(mc.labels ?? {})) add(labels, k, mc.name);
    }
    const seen = [...visible].sort().slice(0, 12).join(', ');
    const check = (subject: string, selector: SelectorJson | undefined, namespace: string | undefined) => {
      for (const key of requiredKeys(selector)) {
        if (visible.has(key)) continue;
        const claimedBy = claims.get(key);
        const labelledOn = labels.get(key);
        if (claimedBy) {
          report(subject, `clusterSelector uses ${JSON.stringify(key)}, which is a ClusterClaim of ManagedCluster ${names(claimedBy)}, not a label; no registration chain copies claims to SveltosClusters, so the selector matches nothing`, 'put the value on the ManagedCluster as a label (and on its SveltosCluster through the chain) and select on that');
        } else if (labelledOn) {
          report(subject, `clusterSelector uses label ${JSON.stringify(key)}; ManagedCluster ${names(labelledOn)} carries it, but no SveltosCluster will, so the selector matches nothing`, `have the registration chain copy that label (e.g. RegistrationChain.inventory({ copyLabels: [..., '${key}'] })) or select on a label the SveltosClusters carry`);
        } else {
          report(subject, `clusterSelector uses label ${JSON.stringify(key)}, which no SveltosCluster carries (labels seen: ${seen}), so the selector matches nothing`, 'label the clusters, or fix the key');
        }
      }
      if (namespace !== undefined && !namespaces.has(namespace)) {
        report(subject, `a Profile only reaches SveltosClusters in its own namespace "${namespace}", and none is registered there (they live in ${[...namespaces].sort().slice(0, 5).join(', ')})`, 'create the Profile in one of those namespaces, or use a ClusterProfile');
      }
    };
    for (const s of ctx.sveltos.sets) check(`${s.kind} ${s.namespace ? `${s.namespace}/` : ''}${s.name}`, s.spec?.clusterSelector as SelectorJson | undefined, s.kind === 'Set' ? s.namespace : undefined);
    for (const p of ctx.sveltos.profiles) {
      const key = p.kind === 'Profile' ? `Profile/${p.namespace}/${p.name}` : `ClusterProfile/${p.name}`;
      check(profileLabel(key), p.spec.clusterSelector as SelectorJson | undefined, p.kind === 'Profile' ? p.namespace : undefined);
    }
  },
};
