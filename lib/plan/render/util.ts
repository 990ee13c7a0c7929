// Small helpers shared by the text renderers.
import type { MatrixColumn, PlumbingPlan, WorkloadPlan } from '../types';

/** Escapes `|` for a Markdown table cell. */
export const esc = (s: string) => s.replace(/\|/g, '\\|');
/** A short list for humans: up to `max` items, then a count. */
export const list = (xs: readonly string[], max = 8) => (xs.length === 0 ? '—' : xs.length <= max ? xs.join(', ') : `${xs.slice(0, max).join(', ')} … (+${xs.length - max})`);

/** The workloads of a matrix column. @internal */
export function columnWorkloads(col: MatrixColumn, byId: ReadonlyMap<string, WorkloadPlan>): WorkloadPlan[] {
  return col.workloads.map((id) => byId.get(id)).filter((w): w is WorkloadPlan => w !== undefined);
}

/** One line for a plumbing entry: `ManifestWork sveltos-rbac × 12 clusters — spoke RBAC ... (dc1-dev, ...)`. @internal */
export function plumbingLine(p: PlumbingPlan, markdown: boolean): string {
  const what = `${p.kind}${p.name ? ` ${p.name}` : ''}${p.namespace ? ` in ${p.namespace}` : ''}`;
  return `${markdown ? `\`${what}\`` : what} × ${p.clusters.length} cluster${p.clusters.length === 1 ? '' : 's'} — ${p.purpose} (${list(p.clusters, 6)})`;
}

/** `Karmada` / `KubeFleet` for a workload's or cluster's engine id. @internal */
export function engineName(engine: string): string {
  return engine === 'karmada' ? 'Karmada' : engine === 'kubefleet' ? 'KubeFleet' : engine;
}

/** Cluster names with the replicas the workload runs there (`dc1 ×3`), where the engine counts them. @internal */
export function withReplicas(w: WorkloadPlan, clusters: readonly string[]): string[] {
  const r = w.replicas;
  return r ? clusters.map((c) => (r[c] !== undefined ? `${c} ×${r[c]}` : c)) : [...clusters];
}
