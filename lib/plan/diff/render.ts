// Renderers of a PlanDiff: Markdown (a pull-request comment), text (the CLI) and JSON.
import { Order } from '../../core/order';
import { ChangeKind, ClusterDiff, WorkloadChange } from './model';
import type { PlanDiff } from './plan-diff';

const WARN = '⚠️';
const FINDING: Record<ChangeKind, string> = { [ChangeKind.ADDED]: 'new', [ChangeKind.REMOVED]: 'resolved', [ChangeKind.CHANGED]: 'changed', [ChangeKind.MOVED]: 'moved' };
const SIGN: Record<ChangeKind, string> = { [ChangeKind.ADDED]: '+', [ChangeKind.REMOVED]: '−', [ChangeKind.CHANGED]: '~', [ChangeKind.MOVED]: '↕' };
const mdEsc = (s: string) => s.replace(/\|/g, '\\|').replace(/</g, '&lt;');
const names = (xs: readonly string[], max: number) => (xs.length <= max ? xs.join(', ') : `${xs.slice(0, max).join(', ')} … (+${xs.length - max})`);

/** The diff as stable JSON. @internal */
export function renderDiffJson(d: PlanDiff): string {
  const out = {
    plans: d.formatVersions,
    summary: d.summary,
    clusters: d.clusters,
    workloads: d.workloads,
    placements: d.placements,
    plumbing: d.plumbing,
    findings: d.findings,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** One item of a cluster's changes, for text and Markdown. */
function item(w: WorkloadChange, markdown: boolean): string {
  const warn = w.warning ? `${markdown ? WARN : '!'} ` : '';
  const what = markdown ? `\`${w.workload}\`` : w.workload;
  return `${warn}${SIGN[w.change]} ${what}${w.charts?.length ? ` ${w.charts.join(', ')}` : ''}${w.detail ? `: ${w.detail}` : ''}${w.warning ? ` (${w.warning})` : ''}`;
}

function clusterWarn(c: ClusterDiff): boolean {
  return (c.change === ChangeKind.REMOVED && c.production) || c.workloads.some((w) => w.warning);
}

/** The diff as plain text: every change, cluster by cluster. @internal */
export function renderDiffText(d: PlanDiff): string {
  const lines = [d.summaryLine()];
  if (!d.hasChanges) return `${lines[0]}\n`;
  const content = d.clusters.filter((c) => c.change !== ChangeKind.CHANGED || c.placementsAdded.length || c.placementsRemoved.length || c.workloads.some((w) => w.change !== ChangeKind.MOVED));
  if (content.length) {
    lines.push('', 'Clusters:');
    for (const c of content) {
      const what = c.change === ChangeKind.ADDED ? 'new cluster' : c.change === ChangeKind.REMOVED ? 'cluster removed' : 'changed';
      lines.push(`  ${clusterWarn(c) ? '! ' : ''}${SIGN[c.change]} ${c.cluster} (${c.production ? 'production, ' : ''}${what})`);
      for (const p of c.placementsAdded) lines.push(`      + selected by Placement ${p}`);
      for (const p of c.placementsRemoved) lines.push(`      ${c.production ? '! ' : ''}− no longer selected by Placement ${p}`);
      for (const w of c.workloads) if (w.change !== ChangeKind.MOVED) lines.push(`      ${item(w, false)}`);
    }
  }
  const moves = movesByWorkload(d);
  if (moves.size) {
    lines.push('', 'Rollout moves (same content, another step, wave or dependsOn stage):');
    for (const [workload, xs] of moves) {
      lines.push(`  ${workload}: ${xs.length} cluster${xs.length === 1 ? '' : 's'}`);
      for (const x of xs) lines.push(`      ${x.cluster}: ${x.detail}`);
    }
  }
  if (d.workloads.length) {
    lines.push('', 'Workloads:');
    for (const w of d.workloads) lines.push(`  ${SIGN[w.change]} ${w.workload}: ${w.details.join('; ')}`);
  }
  if (d.placements.length) {
    lines.push('', 'Placements:');
    for (const p of d.placements) lines.push(`  ${SIGN[p.change]} ${p.placement}: ${p.baseSelected} → ${p.headSelected} clusters${p.selectedAdded.length ? `; + ${p.selectedAdded.join(', ')}` : ''}${p.selectedRemoved.length ? `; − ${p.selectedRemoved.join(', ')}` : ''}`);
  }
  if (d.plumbing.length) {
    lines.push('', 'Plumbing:');
    for (const p of d.plumbing) lines.push(`  ${SIGN[p.change]} ${p.what}: ${p.baseClusters} → ${p.headClusters} clusters${p.contentChanged ? ', content changed' : ''}`);
  }
  if (d.findings.length) {
    lines.push('', 'Findings:');
    for (const f of d.findings) lines.push(`  ${FINDING[f.change]}: [${f.id} ${f.rule}] ${f.subject}: ${f.previousMessage !== undefined ? `${f.previousMessage} → ` : ''}${f.message}${f.acknowledged ? ` (acknowledged: ${f.acknowledged})` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

function movesByWorkload(d: PlanDiff): Map<string, { cluster: string; detail: string }[]> {
  const m = new Map<string, { cluster: string; detail: string }[]>();
  for (const c of d.clusters) {
    for (const w of c.workloads) {
      if (w.change !== ChangeKind.MOVED) continue;
      if (!m.has(w.workload)) m.set(w.workload, []);
      m.get(w.workload)!.push({ cluster: c.cluster, detail: w.detail });
    }
  }
  return new Map([...m.entries()].sort((a, b) => Order.strings(a[0], b[0])));
}

interface Group { clusters: ClusterDiff[]; key: string }

/** Clusters with the same content changes (moves aside) share a row. */
function groups(d: PlanDiff): Group[] {
  const out = new Map<string, Group>();
  for (const c of d.clusters) {
    const items = c.workloads.filter((w) => w.change !== ChangeKind.MOVED);
    if (c.change === ChangeKind.CHANGED && !items.length && !c.placementsAdded.length && !c.placementsRemoved.length) continue;
    const key = JSON.stringify([c.change, c.production, c.placementsAdded, c.placementsRemoved, items.map((w) => [w.change, w.workload, w.change === ChangeKind.CHANGED ? w.detail : '', w.charts ?? [], w.warning ?? ''])]);
    if (!out.has(key)) out.set(key, { clusters: [], key });
    out.get(key)!.clusters.push(c);
  }
  // Additions and removals of clusters first, then the largest groups.
  const rank = (g: Group) => (g.clusters[0].change === ChangeKind.ADDED ? 0 : g.clusters[0].change === ChangeKind.REMOVED ? 1 : 2);
  return [...out.values()].sort((a, b) => rank(a) - rank(b) || b.clusters.length - a.clusters.length || Order.strings(a.clusters[0].cluster, b.clusters[0].cluster));
}

function groupRow(g: Group): string {
  const c = g.clusters[0];
  const warn = clusterWarn(c);
  const who = g.clusters.length === 1 ? `**${c.cluster}**` : `**${g.clusters.length} clusters**: ${names(g.clusters.map((x) => x.cluster), 6)}`;
  const change = c.change === ChangeKind.ADDED ? 'new cluster' : c.change === ChangeKind.REMOVED ? 'cluster removed' : 'changed';
  const placements = [...c.placementsAdded.map((p) => `+ ${p}`), ...c.placementsRemoved.map((p) => `${c.production ? `${WARN} ` : ''}− ${p}`)];
  const items = c.workloads.filter((w) => w.change !== ChangeKind.MOVED).map((w) => {
    // Per-cluster steps differ inside a group: rows name the workload, the details list the steps.
    const detail = w.change === ChangeKind.CHANGED ? `: ${mdEsc(w.detail)}` : w.charts?.length ? ` ${mdEsc(w.charts.join(', '))}` : '';
    return `${w.warning ? `${WARN} ` : ''}${SIGN[w.change]} \`${w.workload}\`${detail}${w.warning ? ` (${w.warning})` : ''}`;
  });
  const cap = (xs: string[]) => (xs.length <= 8 ? xs : [...xs.slice(0, 8), `… and ${xs.length - 8} more (details below)`]);
  return `| ${warn ? `${WARN} ` : ''}${who}${c.production ? ' (production)' : ''} | ${change} | ${cap(placements).map(mdEsc).join('<br>') || '—'} | ${cap(items).join('<br>') || '—'} |`;
}

/** The diff as Markdown for a pull-request comment. @internal */
export function renderDiffMarkdown(d: PlanDiff, title: string, maxLength: number): string {
  const head = [`## ${title}`, '', `**${d.summaryLine()}**`, ''];
  if (!d.hasChanges) return `${head.join('\n').trimEnd()}\n`;
  if (d.summary.warnings) head.push(`${WARN} ${d.summary.warnings} change${d.summary.warnings === 1 ? '' : 's'} to review: marked ${WARN} below (leaving a production cluster, a chart version going down).`, '');
  const table: string[] = [];
  const gs = groups(d);
  if (gs.length) {
    table.push('| clusters | change | placements | workloads |', '| --- | --- | --- | --- |');
    const shown = gs.slice(0, 60);
    for (const g of shown) table.push(groupRow(g));
    if (gs.length > shown.length) table.push('', `… and ${gs.length - shown.length} more groups of clusters (cdk-fleet diff --format json lists them all).`);
    table.push('');
  }
  const sections: { title: string; lines: string[]; optional: boolean }[] = [];
  if (d.workloads.length) {
    sections.push({ title: `Workloads (${d.workloads.length})`, optional: false, lines: ['| workload | change | what |', '| --- | --- | --- |', ...d.workloads.map((w) => `| \`${w.workload}\` | ${w.change} | ${mdEsc(w.details.join('; '))} |`)] });
  }
  if (d.placements.length) {
    sections.push({ title: `Placements (${d.placements.length})`, optional: false, lines: ['| placement | selected | now selects | no longer selects |', '| --- | --- | --- | --- |', ...d.placements.map((p) => `| ${p.placement} | ${p.baseSelected} → ${p.headSelected} | ${names(p.selectedAdded, 10) || '—'} | ${names(p.selectedRemoved, 10) || '—'} |`)] });
  }
  if (d.findings.length) {
    sections.push({ title: `Findings (${d.findings.length}): ${d.summary.findingsNew} new, ${d.summary.findingsResolved} resolved`, optional: false, lines: ['| | rule | subject | finding |', '| --- | --- | --- | --- |', ...d.findings.map((f) => `| ${FINDING[f.change]} | ${f.id} ${f.rule} | ${mdEsc(f.subject)} | ${f.previousMessage !== undefined ? `${mdEsc(f.previousMessage)} → ` : ''}${mdEsc(f.message)}${f.acknowledged ? ` (acknowledged: ${mdEsc(f.acknowledged)})` : ''} |`)] });
  }
  const perCluster = d.clusters.filter((c) => c.workloads.some((w) => w.change !== ChangeKind.MOVED) || c.placementsAdded.length || c.placementsRemoved.length);
  if (perCluster.length) {
    const lines: string[] = [];
    for (const c of perCluster.slice(0, 300)) {
      const parts = [...c.placementsAdded.map((p) => `+ Placement ${p}`), ...c.placementsRemoved.map((p) => `${c.production ? `${WARN} ` : ''}− Placement ${p}`), ...c.workloads.filter((w) => w.change !== ChangeKind.MOVED).map((w) => mdEsc(item(w, true)))];
      lines.push(`- ${clusterWarn(c) ? `${WARN} ` : ''}**${c.cluster}**${c.production ? ' (production)' : ''}${c.change !== ChangeKind.CHANGED ? `, ${c.change === ChangeKind.ADDED ? 'new cluster' : 'cluster removed'}` : ''}: ${parts.join('; ')}`);
    }
    if (perCluster.length > 300) lines.push(`- … and ${perCluster.length - 300} more clusters`);
    sections.push({ title: `Changes per cluster (${perCluster.length})`, optional: true, lines });
  }
  const moves = movesByWorkload(d);
  if (moves.size) {
    const lines: string[] = [];
    for (const [workload, xs] of moves) lines.push(`- \`${workload}\`: ${xs.length} cluster${xs.length === 1 ? '' : 's'} — ${xs.slice(0, 10).map((x) => `${x.cluster} ${x.detail}`).join('; ')}${xs.length > 10 ? `; … and ${xs.length - 10} more` : ''}`);
    sections.push({ title: `Rollout moves (${d.summary.moved}): same content, another step, wave or dependsOn stage`, optional: true, lines });
  }
  if (d.plumbing.length) {
    sections.push({ title: `Plumbing (${d.plumbing.length})`, optional: true, lines: d.plumbing.map((p) => `- ${SIGN[p.change]} \`${p.what}\`: ${p.baseClusters} → ${p.headClusters} clusters${p.contentChanged ? ', content changed' : ''}`) });
  }
  const render = (ss: typeof sections) => [
    ...head, ...table,
    ...ss.flatMap((s) => ['<details>', `<summary>${s.title}</summary>`, '', ...s.lines, '', '</details>', '']),
  ].join('\n').trimEnd() + '\n';
  let kept = sections;
  let text = render(kept);
  // Too long for a comment: drop the optional details, longest first, then cut.
  while (text.length > maxLength && kept.some((s) => s.optional)) {
    const longest = kept.filter((s) => s.optional).sort((a, b) => b.lines.join('\n').length - a.lines.join('\n').length)[0];
    kept = kept.map((s) => (s === longest ? { title: `${s.title} — cut to fit the comment; run cdk-fleet diff --format text for all of it`, lines: [], optional: false } : s));
    text = render(kept);
  }
  if (text.length > maxLength) text = `${text.slice(0, maxLength - 80)}\n\n… cut to fit the comment; run cdk-fleet diff --format text for all of it.\n`;
  return text;
}
