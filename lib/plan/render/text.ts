// The plan as plain text: the matrix, rollouts, plumbing, warnings and findings (`cdk-fleet plan --format text`).
import type { FleetPlan } from '../types';
import { engineName, plumbingLine, withReplicas } from './util';

/** The text output of `plan`: the matrix, placements, rollouts, plumbing, warnings and findings. */
export function renderPlanText(p: FleetPlan): string {
  const lines: string[] = [];
  const width = Math.max(7, ...p.clusters.map((c) => c.name.length));
  const columns = p.matrix.columns;
  if (columns.length) {
    lines.push('Workloads per cluster (rollout step, after dependsOn; - = not deployed):');
    columns.forEach((c, i) => lines.push(`  [${i + 1}] ${c.id}`));
    lines.push(`  ${'cluster'.padEnd(width)}  ${columns.map((_, i) => `[${i + 1}]`.padStart(4)).join(' ')}`);
    for (const r of p.matrix.rows) lines.push(`  ${r.cluster.padEnd(width)}  ${r.steps.map((s) => (s ? String(s) : '-').padStart(4)).join(' ')}`);
    lines.push('');
  }
  lines.push('Placements:');
  for (const pl of p.placements) lines.push(`  ${pl.id}: ${pl.selected.length} selected${pl.misconfigured ? ` (Misconfigured: ${pl.misconfigured})` : ''}${pl.selected.length ? ` — ${pl.selected.join(', ')}` : ''}`);
  lines.push('', 'Rollouts:');
  for (const w of p.workloads) {
    const charts = (w.charts ?? []).map((c) => `${c.chart} ${c.version}`);
    lines.push(`  ${w.id} (${w.engine ? `${engineName(w.engine)}: ` : ''}${w.rollout}${charts.length ? `; ${charts.join(', ')}` : ''}): ${w.targets.length} clusters${w.placements.length && w.engine ? ` by ${w.placements.join(', ')}` : ''}${w.dependsOn?.length ? `, after ${w.dependsOn.join(', ')}` : ''}`);
    for (const wave of w.waves) lines.push(`    wave ${wave.wave} ${wave.label} (step ${wave.firstStep === wave.lastStep ? wave.firstStep : `${wave.firstStep}-${wave.lastStep}`}): ${withReplicas(w, wave.clusters).join(', ')}`);
  }
  if (p.plumbing.length) {
    lines.push('', 'Plumbing:');
    for (const x of p.plumbing) lines.push(`  ${plumbingLine(x, false)}`);
  }
  if (p.warnings.length) {
    lines.push('', `Warnings (${p.warnings.length}):`);
    for (const w of p.warnings) lines.push(`  ${w.subject}: ${w.message}`);
  }
  lines.push('', `Findings (${p.findings.length}):`);
  for (const f of p.findings) lines.push(`  [${f.id} ${f.rule}] ${f.subject}: ${f.message}${f.acknowledged ? ` (acknowledged: ${f.acknowledged})` : `. Fix: ${f.fix}`}`);
  if (!p.findings.length) lines.push('  none');
  return `${lines.join('\n')}\n`;
}
