// The plan as plain text: the matrix, rollouts and findings (`cdk-fleet plan --format text`).
import type { FleetPlan } from '../types';

/** The text output of `plan`: the matrix, rollouts and findings. */
export function renderPlanText(p: FleetPlan): string {
  const lines: string[] = [];
  const width = Math.max(7, ...p.clusters.map((c) => c.name.length));
  if (p.matrix.addons.length) {
    lines.push('Add-ons per cluster (rollout wave; - = not deployed):');
    p.matrix.addons.forEach((a, i) => lines.push(`  [${i + 1}] ${a}`));
    lines.push(`  ${'cluster'.padEnd(width)}  ${p.matrix.addons.map((_, i) => `[${i + 1}]`.padStart(4)).join(' ')}`);
    for (const r of p.matrix.rows) lines.push(`  ${r.cluster.padEnd(width)}  ${r.waves.map((w) => (w ? String(w) : '-').padStart(4)).join(' ')}`);
    lines.push('');
  }
  lines.push('Placements:');
  for (const pl of p.placements) lines.push(`  ${pl.id}: ${pl.selected.length} selected${pl.misconfigured ? ` (Misconfigured: ${pl.misconfigured})` : ''}${pl.selected.length ? ` — ${pl.selected.join(', ')}` : ''}`);
  lines.push('', 'Rollouts:');
  for (const w of p.workloads) {
    lines.push(`  ${w.id} (${w.rollout}): ${w.targets.length} clusters`);
    for (const wave of w.waves) lines.push(`    wave ${wave.wave} ${wave.label}: ${wave.clusters.join(', ')}`);
  }
  lines.push('', `Findings (${p.findings.length}):`);
  for (const f of p.findings) lines.push(`  [${f.id} ${f.rule}] ${f.subject}: ${f.message}${f.acknowledged ? ` (acknowledged: ${f.acknowledged})` : `. Fix: ${f.fix}`}`);
  if (!p.findings.length) lines.push('  none');
  return `${lines.join('\n')}\n`;
}
