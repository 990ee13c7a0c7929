// The plan as Markdown: what a reviewer reads in a pull request.
import type { ClusterPlan, FleetPlan } from '../types';
import { esc, list } from './util';

/** The plan as Markdown: findings, the cluster × add-on matrix, rollouts, placements, clusters. */
export function renderPlanMarkdown(plan: FleetPlan): string {
  const out: string[] = [];
  const open = plan.findings.filter((f) => !f.acknowledged);
  out.push('# Fleet plan', '');
  out.push(`${plan.clusters.length} clusters · ${plan.placements.length} placements · ${plan.workloads.length} workloads and add-ons · ${open.length} open findings${plan.findings.length > open.length ? ` (${plan.findings.length - open.length} acknowledged)` : ''}`, '');
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

  if (plan.matrix.addons.length > 0) {
    out.push('## Add-ons per cluster', '', 'Each cell is the rollout wave in which the cluster gets the add-on; — means it does not get it.', '');
    out.push(`| cluster | ${plan.matrix.addons.map(esc).join(' | ')} |`, `| --- |${plan.matrix.addons.map(() => ' :-: |').join('')}`);
    for (const r of plan.matrix.rows) out.push(`| ${r.cluster} | ${r.waves.map((w) => (w ? String(w) : '—')).join(' | ')} |`);
    out.push('');
  }

  out.push('## Rollouts', '');
  for (const w of plan.workloads) {
    out.push(`### ${w.id}`, '');
    out.push(`- rollout: ${w.rollout}${w.placements.length ? ` · placements: ${w.placements.join(', ')}` : ''}${w.dependsOn?.length ? ` · depends on: ${w.dependsOn.join(', ')}` : ''}`);
    out.push(`- targets (${w.targets.length}): ${list(w.targets, 20)}`);
    if (w.waves.length > 0) {
      out.push('');
      out.push('| wave | what | clusters |', '| --: | --- | --- |');
      for (const wave of w.waves) out.push(`| ${wave.wave} | ${esc(wave.label)} | ${list(wave.clusters, 20)} |`);
    }
    out.push('');
  }

  out.push('## Placements', '');
  out.push('| placement | selected | groups | status |', '| --- | --- | --- | --- |');
  for (const p of plan.placements) {
    const groups = p.groups.filter((g) => g.clusters.length > 0).map((g) => `${g.name || `#${g.index}`}: ${g.clusters.length}`);
    out.push(`| ${p.id} | ${list(p.selected)} | ${groups.join(', ') || '—'} | ${p.misconfigured ? `Misconfigured: ${esc(p.misconfigured)}` : p.satisfied ?? ''}${p.unscheduled ? ` (${p.unscheduled} unscheduled)` : ''} |`);
  }
  out.push('');

  out.push('## Clusters', '');
  for (const c of plan.clusters) out.push(...clusterSection(c), '');
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function clusterSection(c: ClusterPlan): string[] {
  const out: string[] = [];
  const labels = Object.entries(c.labels).map(([k, v]) => `${k}=${v}`);
  out.push(`### ${c.name}`, '');
  out.push(`- labels: ${labels.length ? labels.map((l) => `\`${l}\``).join(' ') : '—'}`);
  const claims = Object.entries(c.claims).map(([k, v]) => `${k}=${v}`);
  if (claims.length) out.push(`- claims: ${claims.map((l) => `\`${l}\``).join(' ')}`);
  if (c.taints.length) out.push(`- taints: ${c.taints.map((t) => `\`${t}\``).join(' ')}`);
  if (c.clusterSets.length) out.push(`- cluster sets: ${c.clusterSets.join(', ')}`);
  out.push(`- selected by: ${c.placements.length ? c.placements.map((p) => `${p.placement}${p.group ? ` (group ${p.group})` : ''}`).join(', ') : '—'}`);
  if (c.profiles.length) out.push(`- Sveltos profiles: ${c.profiles.join(', ')}`);
  if (c.dependsOnOrder.length > 1) out.push(`- dependsOn order: ${c.dependsOnOrder.map((s) => s.join(' + ')).join(' → ')}`);
  if (c.deliveries.length) out.push(`- receives: ${c.deliveries.map((d) => `${d.workload} (wave ${d.wave}: ${d.waveLabel})`).join('; ')}`);
  const why = [...c.notSelectedBy, ...c.notDeployedBy];
  if (why.length) {
    out.push('- not selected by:');
    for (const n of why) out.push(`  - ${n.subject}: ${n.reason}`);
  }
  return out;
}
