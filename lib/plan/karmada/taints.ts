// Karmada TaintToleration filter (part of the Karmada scheduler simulator; see scheduler.ts).
// karmada pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go: the first NoSchedule or
// NoExecute taint of the cluster that no clusterToleration tolerates (k8s component-helpers
// FindMatchingUntoleratedTaint with comparison operators disabled).
import type { KarmadaTaint, KarmadaTolerationJson } from './model';

/** corev1 Toleration.ToleratesTaint without the Lt/Gt comparison operators (Karmada disables them). */
export function toleratesTaint(t: KarmadaTolerationJson, taint: KarmadaTaint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/** The first untolerated NoSchedule/NoExecute taint, or undefined. */
export function findUntoleratedTaint(taints: readonly KarmadaTaint[] | undefined, tolerations: readonly KarmadaTolerationJson[] | undefined): KarmadaTaint | undefined {
  for (const taint of taints ?? []) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (!(tolerations ?? []).some((t) => toleratesTaint(t, taint))) return taint;
  }
  return undefined;
}

/** corev1 Taint.ToString: `key=value:effect`, or `key:effect` without a value. */
export function taintString(t: KarmadaTaint): string {
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}
