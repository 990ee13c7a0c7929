// Console lines for the findings at synth.
import type { FleetPlan } from '../types';

/** Console lines for the findings at synth: one per open finding, then a count. */
export function renderFindingsConsole(plan: FleetPlan): string[] {
  const open = plan.findings.filter((f) => !f.acknowledged);
  const lines = open.map((f) => `${f.level}: [${f.id} ${f.rule}] ${f.subject}: ${f.message}. Fix: ${f.fix}`);
  for (const w of plan.warnings) lines.push(`warning: ${w.subject}: ${w.message}`);
  lines.push(`fleet plan: ${plan.clusters.length} clusters, ${plan.placements.length} placements, ${plan.workloads.length} workloads; ${open.length} findings${plan.findings.length > open.length ? `, ${plan.findings.length - open.length} acknowledged` : ''}${plan.warnings.length ? `, ${plan.warnings.length} warnings` : ''}`);
  return lines;
}
