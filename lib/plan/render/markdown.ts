// The plan as Markdown: what a reviewer reads in a pull request.
import type { ClusterPlan, FleetPlan, MatrixColumn, WorkloadPlan } from '../types';
import { columnWorkloads, engineName, esc, list, plumbingLine, withReplicas } from './util';

/**
 * The plan as Markdown: findings and warnings, the cluster × workload matrix (rollout steps),
 * rollouts, library plumbing in one line per kind, placements, clusters.
 */
export function renderPlanMarkdown(plan: FleetPlan): string {
  const lines: string[] = [];
  markdownLines(plan, (part) => {
    for (const l of part) lines.push(l);
  });
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/**
 * The plan as {@link renderPlanMarkdown} renders it, byte for byte, handed to `write` in pieces
 * (a few hundred clusters each), so a large fleet's plan file is written without holding it as one
 * string.
 * @internal
 */
export function writePlanMarkdown(plan: FleetPlan, write: (chunk: string) => void): void {
  // renderPlanMarkdown joins every line with \n, collapses each run of 3+ newlines to 2 and trims
  // the end. Here whitespace at the end of a piece waits for the next piece, so no run of newlines
  // is split between pieces and the end is trimmed the same way.
  let pending = '';
  let first = true;
  markdownLines(plan, (part) => {
    if (part.length === 0) return;
    const text = `${pending}${first ? '' : '\n'}${part.join('\n')}`;
    first = false;
    let end = text.length;
    while (end > 0 && /\s/.test(text[end - 1])) end--;
    if (end > 0) {
      const piece = text.slice(0, end);
      write(piece.includes('\n\n\n') ? piece.replace(/\n{3,}/g, '\n\n') : piece);
    }
    pending = text.slice(end);
  });
  write('\n');
}

/** Every line of the Markdown, before newline runs collapse, handed to `emit` in parts. */
function markdownLines(plan: FleetPlan, emit: (lines: string[]) => void): void {
  const out: string[] = [];
  const open = plan.findings.filter((f) => !f.acknowledged);
  out.push('# Fleet plan', '');
  out.push(`${plan.clusters.length} clusters · ${plan.placements.length} placements · ${plan.workloads.length} workloads and add-ons · ${open.length} open findings${plan.findings.length > open.length ? ` (${plan.findings.length - open.length} acknowledged)` : ''}${plan.warnings.length ? ` · ${plan.warnings.length} warnings` : ''}`, '');
  out.push('Assumptions:', '', ...plan.assumptions.map((a) => `- ${a}`), '');

  out.push('## Findings', '');
  if (plan.findings.length === 0) out.push('None.', '');
  else {
    out.push('| rule | subject | finding | fix |', '| --- | --- | --- | --- |');
    for (const f of plan.findings) {
      out.push(`| ${f.id} ${f.rule} | ${esc(f.subject)} | ${esc(f.message)}${f.acknowledged ? ` (acknowledged: ${esc(f.acknowledged)})` : ''} | ${esc(f.fix)} |`);
    }
    out.push('');
  }

  if (plan.warnings.length > 0) {
    out.push('## Warnings', '', 'What the simulators could not evaluate exactly:', '');
    out.push('| subject | warning |', '| --- | --- |');
    for (const w of plan.warnings) out.push(`| ${esc(w.subject)} | ${esc(w.message)} |`);
    out.push('');
  }

  const columns = plan.matrix.columns;
  if (columns.length > 0) {
    out.push('## Workloads per cluster', '', 'Each cell is the rollout step in which the cluster gets the workload: its own wave, after the steps in which the cluster gets its dependsOn prerequisites; — means it does not get it.', '');
    out.push(`| cluster | ${columns.map((c) => esc(c.id)).join(' | ')} |`, `| --- |${columns.map(() => ' :-: |').join('')}`);
    for (let i = 0; i < plan.matrix.rows.length; i++) {
      const r = plan.matrix.rows[i];
      out.push(`| ${r.cluster} | ${r.steps.map((s) => (s ? String(s) : '—')).join(' | ')} |`);
      if (i % 1000 === 999) emit(out.splice(0));
    }
    out.push('');
  }

  out.push('## Rollouts', '');
  const byId = new Map(plan.workloads.map((w) => [w.id, w]));
  for (const col of columns) out.push(...rolloutSection(col, columnWorkloads(col, byId)), '');

  if (plan.plumbing.length > 0) {
    out.push('## Plumbing', '', 'Per-cluster objects the registration chains need, one line per kind:', '');
    for (const p of plan.plumbing) out.push(`- ${plumbingLine(p, true)}`);
    out.push('');
  }

  out.push('## Placements', '');
  out.push('| placement | selected | groups | status |', '| --- | --- | --- | --- |');
  for (const p of plan.placements) {
    const groups = p.groups.filter((g) => g.clusters.length > 0).map((g) => `${g.name || `#${g.index}`}: ${g.clusters.length}`);
    out.push(`| ${p.id} | ${list(p.selected)} | ${groups.join(', ') || '—'} | ${p.misconfigured ? `Misconfigured: ${esc(p.misconfigured)}` : p.satisfied ?? ''}${p.unscheduled ? ` (${p.unscheduled} unscheduled)` : ''}${p.warnings?.length ? ` ⚠ ${p.warnings.length} warning${p.warnings.length > 1 ? 's' : ''}` : ''} |`);
  }
  out.push('');

  out.push('## Clusters', '');
  for (let i = 0; i < plan.clusters.length; i++) {
    out.push(...clusterSection(plan.clusters[i]), '');
    if (i % 200 === 199) emit(out.splice(0));
  }
  emit(out.splice(0));
}

function rolloutSection(col: MatrixColumn, ws: readonly WorkloadPlan[]): string[] {
  const out: string[] = [];
  if (ws.length > 1) {
    // Same-named ManifestWorks of several clusters: one section.
    const digests = new Set(ws.map((w) => w.digest));
    out.push(`### ${col.id}`, '');
    out.push(`- one ManifestWork per cluster (${ws.length}): ${list(ws.flatMap((w) => w.targets), 20)}`);
    out.push(`- content: ${digests.size === 1 ? 'identical on every cluster' : `${digests.size} variants`}`);
    return out;
  }
  const w = ws[0];
  out.push(`### ${w.id}`, '');
  const charts = (w.charts ?? []).map((c) => `${c.chart} ${c.version}`);
  out.push(`- rollout: ${w.rollout}${w.engine ? ` · engine: ${engineName(w.engine)}` : ''}${w.placements.length ? ` · placements: ${w.placements.join(', ')}` : ''}${w.dependsOn?.length ? ` · depends on: ${w.dependsOn.join(', ')}` : ''}${charts.length ? ` · charts: ${charts.join(', ')}` : ''}`);
  out.push(`- targets (${w.targets.length}): ${list(withReplicas(w, w.targets), 20)}`);
  if (w.waves.length > 0) {
    out.push('');
    out.push('| wave | what | steps | clusters |', '| --: | --- | --- | --- |');
    for (const wave of w.waves) out.push(`| ${wave.wave} | ${esc(wave.label)} | ${wave.firstStep === wave.lastStep ? wave.firstStep : `${wave.firstStep}–${wave.lastStep}`} | ${list(withReplicas(w, wave.clusters), 20)} |`);
  }
  return out;
}

function clusterSection(c: ClusterPlan): string[] {
  const out: string[] = [];
  const labels = Object.entries(c.labels).map(([k, v]) => `${k}=${v}`);
  out.push(`### ${c.name}${c.production ? ' (production)' : ''}`, '');
  out.push(`- labels: ${labels.length ? labels.map((l) => `\`${l}\``).join(' ') : '—'}`);
  const claims = Object.entries(c.claims).map(([k, v]) => `${k}=${v}`);
  if (claims.length) out.push(`- claims: ${claims.map((l) => `\`${l}\``).join(' ')}`);
  if (c.taints.length) out.push(`- taints: ${c.taints.map((t) => `\`${t}\``).join(' ')}`);
  if (c.clusterSets.length) out.push(`- cluster sets: ${c.clusterSets.join(', ')}`);
  if (c.engines?.length) out.push(`- member of: ${c.engines.map(engineName).join(', ')}`);
  out.push(`- selected by: ${c.placements.length ? c.placements.map((p) => `${p.placement}${p.group ? ` (group ${p.group})` : ''}`).join(', ') : '—'}`);
  if (c.profiles.length) out.push(`- Sveltos profiles: ${c.profiles.join(', ')}`);
  if (c.dependsOnOrder.length > 1) out.push(`- dependsOn order: ${c.dependsOnOrder.map((s) => s.join(' + ')).join(' → ')}`);
  if (c.rolloutOrder.length) out.push(`- rollout order: ${c.rolloutOrder.map((s) => `step ${s.step}: ${s.workloads.join(', ')}`).join(' → ')}`);
  const replicas = c.deliveries.filter((d) => d.replicas !== undefined).map((d) => `${d.workload} ×${d.replicas}`);
  if (replicas.length) out.push(`- replicas: ${replicas.join(', ')}`);
  const why = [...c.notSelectedBy, ...c.notDeployedBy];
  if (why.length) {
    out.push('- not selected by:');
    for (const n of why) out.push(`  - ${n.subject}: ${n.reason}`);
  }
  if (c.notPlacedBy?.length) {
    out.push('- not placed by (Karmada, KubeFleet):');
    for (const n of c.notPlacedBy) out.push(`  - ${n.subject}: ${n.reason}`);
  }
  return out;
}
