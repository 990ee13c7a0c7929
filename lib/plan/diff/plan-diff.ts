// PlanDiff: what changes between two fleet plans (the base and the head of a pull request), per
// cluster, per workload, per placement, in plumbing and in findings.
import { Order } from '../../core/order';
import { PlanFormat } from '../format';
import type { ChartPlan, ClusterDelivery, ClusterPlan, FleetPlan, WorkloadPlan } from '../types';
import { ChangeKind, ClusterDiff, FindingDiff, PlacementDiff, PlanDiffSummary, PlumbingDiff, WorkloadChange, WorkloadDiff } from './model';
import { renderDiffJson, renderDiffMarkdown, renderDiffText } from './render';

/** Options of {@link PlanDiff.toMarkdown}. */
export interface DiffMarkdownOptions {
  /**
   * A heading for the comment.
   * @default 'Fleet plan diff'
   */
  readonly title?: string;
  /**
   * At most this many characters (GitHub comments hold 65,536): the longest parts are cut with a note.
   * @default 60000
   */
  readonly maxLength?: number;
}

/**
 * The difference between two fleet plans: clusters added and removed; per cluster, the placements,
 * works, add-ons (with chart versions), policies and OCM add-ons it gains, loses or gets new
 * content of, and the workloads whose rollout step, wave or dependsOn stage moves; placements and
 * workloads that change fleet-wide; plumbing; findings new and resolved.
 */
export class PlanDiff {
  /**
   * The diff from `base` to `head`. Both must be plans of a compatible format
   * (see {@link PlanFormat}); a plan of another major version is refused with a clear error.
   */
  public static between(base: FleetPlan, head: FleetPlan): PlanDiff {
    PlanFormat.read(base, 'the base plan');
    PlanFormat.read(head, 'the head plan');
    return new PlanDiff(base, head);
  }

  /** The counts: deliveries to add, change, destroy and move; clusters; findings; warnings. */
  public readonly summary: PlanDiffSummary;
  /** Clusters with a change, sorted by name. */
  public readonly clusters: readonly ClusterDiff[];
  /** Workloads that appear, disappear or change fleet-wide, sorted by id. */
  public readonly workloads: readonly WorkloadDiff[];
  /** Placements whose selection changes, sorted by id. */
  public readonly placements: readonly PlacementDiff[];
  /** Plumbing lines that change. */
  public readonly plumbing: readonly PlumbingDiff[];
  /** Findings new and resolved, sorted by id, subject. */
  public readonly findings: readonly FindingDiff[];
  /** The format versions of the two plans. */
  public readonly formatVersions: { readonly base: string; readonly head: string };

  private constructor(base: FleetPlan, head: FleetPlan) {
    this.formatVersions = { base: base.formatVersion, head: head.formatVersion };
    const baseW = new Map(base.workloads.map((w) => [w.id, w]));
    const headW = new Map(head.workloads.map((w) => [w.id, w]));
    const content = new Map<string, string[]>();
    for (const [id, h] of headW) {
      const b = baseW.get(id);
      if (b) {
        const c = contentChanges(b, h);
        if (c.length) content.set(id, c);
      }
    }
    const downgrades = new Set<string>();
    for (const [id, h] of headW) {
      const b = baseW.get(id);
      if (b && chartDowngrade(b.charts ?? [], h.charts ?? [])) downgrades.add(id);
    }
    const kindOf = (id: string) => (headW.get(id) ?? baseW.get(id))?.kind ?? id.split(' ')[0];
    const chartsOf = (id: string, inHead: boolean) => ((inHead ? headW : baseW).get(id)?.charts ?? []).map((c) => `${c.chart} ${c.version}`);

    // Per cluster.
    const baseC = new Map(base.clusters.map((c) => [c.name, c]));
    const headC = new Map(head.clusters.map((c) => [c.name, c]));
    const names = [...new Set([...baseC.keys(), ...headC.keys()])].sort(Order.strings);
    const clusters: ClusterDiff[] = [];
    for (const name of names) {
      const d = clusterDiff(name, baseC.get(name), headC.get(name), content, downgrades, kindOf, chartsOf);
      if (d) clusters.push(d);
    }
    this.clusters = clusters;

    // Fleet-wide workloads.
    const workloads: WorkloadDiff[] = [];
    for (const id of [...new Set([...baseW.keys(), ...headW.keys()])].sort(Order.strings)) {
      const b = baseW.get(id);
      const h = headW.get(id);
      if (!b || !h) {
        const w = (h ?? b)!;
        const charts = (w.charts ?? []).map((c) => `${c.chart} ${c.version}`);
        workloads.push({ workload: id, kind: w.kind, change: h ? ChangeKind.ADDED : ChangeKind.REMOVED, details: [`${w.targets.length} clusters`, ...(charts.length ? [charts.join(', ')] : []), `rollout ${w.rollout}`], baseTargets: b?.targets.length ?? 0, headTargets: h?.targets.length ?? 0 });
        continue;
      }
      const details = [...(content.get(id) ?? [])];
      if (b.rollout !== h.rollout) details.push(`rollout ${b.rollout} → ${h.rollout}`);
      const deps = (x: WorkloadPlan) => (x.dependsOn ?? []).join(', ') || 'nothing';
      if (deps(b) !== deps(h)) details.push(`depends on ${deps(b)} → ${deps(h)}`);
      const [plus, minus] = setDiff(b.targets, h.targets);
      if (plus.length || minus.length) details.push(`targets ${b.targets.length} → ${h.targets.length}${plus.length ? ` (+ ${short(plus)})` : ''}${minus.length ? ` (− ${short(minus)})` : ''}`);
      const moved = h.targets.filter((c) => b.targets.includes(c) && b.replicas?.[c] !== h.replicas?.[c]).map((c) => `${c} ${b.replicas?.[c] ?? '—'} → ${h.replicas?.[c] ?? '—'}`);
      if (moved.length) details.push(`replicas ${short(moved)}`);
      if (details.length) workloads.push({ workload: id, kind: h.kind, change: ChangeKind.CHANGED, details, baseTargets: b.targets.length, headTargets: h.targets.length });
    }
    this.workloads = workloads;

    // Placements.
    const baseP = new Map(base.placements.map((p) => [p.id, p]));
    const headP = new Map(head.placements.map((p) => [p.id, p]));
    const placements: PlacementDiff[] = [];
    for (const id of [...new Set([...baseP.keys(), ...headP.keys()])].sort(Order.strings)) {
      const b = baseP.get(id)?.selected ?? [];
      const h = headP.get(id)?.selected ?? [];
      const [plus, minus] = setDiff(b, h);
      const change = !baseP.has(id) ? ChangeKind.ADDED : !headP.has(id) ? ChangeKind.REMOVED : ChangeKind.CHANGED;
      if (change === ChangeKind.CHANGED && !plus.length && !minus.length) continue;
      placements.push({ placement: id, change, selectedAdded: plus, selectedRemoved: minus, baseSelected: b.length, headSelected: h.length });
    }
    this.placements = placements;

    // Plumbing.
    const key = (p: FleetPlan['plumbing'][number]) => `${p.kind}${p.name ? ` ${p.name}` : ''}${p.namespace ? ` in ${p.namespace}` : ''}`;
    const baseL = new Map((base.plumbing ?? []).map((p) => [key(p), p]));
    const headL = new Map((head.plumbing ?? []).map((p) => [key(p), p]));
    const plumbing: PlumbingDiff[] = [];
    for (const what of [...new Set([...baseL.keys(), ...headL.keys()])].sort(Order.strings)) {
      const b = baseL.get(what);
      const h = headL.get(what);
      const contentChanged = !!b && !!h && b.digest !== h.digest;
      if (b && h && !contentChanged && b.clusters.length === h.clusters.length && b.clusters.every((c, i) => c === h.clusters[i])) continue;
      plumbing.push({ what, change: !b ? ChangeKind.ADDED : !h ? ChangeKind.REMOVED : ChangeKind.CHANGED, baseClusters: b?.clusters.length ?? 0, headClusters: h?.clusters.length ?? 0, contentChanged });
    }
    this.plumbing = plumbing;

    // Findings: the same rule and subject with another message is a change, not new + resolved.
    const fkey = (f: FleetPlan['findings'][number]) => `${f.id}|${f.subject}|${f.message}|${f.acknowledged ?? ''}`;
    const skey = (f: FleetPlan['findings'][number]) => `${f.id}|${f.subject}`;
    const baseF = new Map(base.findings.map((f) => [fkey(f), f]));
    const headF = new Map(head.findings.map((f) => [fkey(f), f]));
    const gone = [...baseF].filter(([k]) => !headF.has(k)).map(([, f]) => f);
    const findings: FindingDiff[] = [];
    const of = (change: ChangeKind, f: FleetPlan['findings'][number], previous?: string): FindingDiff => ({
      change, id: f.id, rule: f.rule, level: f.level, subject: f.subject, message: f.message,
      ...(previous !== undefined ? { previousMessage: previous } : {}), ...(f.acknowledged ? { acknowledged: f.acknowledged } : {}),
    });
    for (const [k, f] of headF) {
      if (baseF.has(k)) continue;
      const i = gone.findIndex((g) => skey(g) === skey(f));
      if (i >= 0) findings.push(of(ChangeKind.CHANGED, f, gone.splice(i, 1)[0].message));
      else findings.push(of(ChangeKind.ADDED, f));
    }
    for (const f of gone) findings.push(of(ChangeKind.REMOVED, f));
    findings.sort((a, b) => Order.strings(a.change, b.change) || Order.strings(a.id, b.id) || Order.strings(a.subject, b.subject) || Order.strings(a.message, b.message));
    this.findings = findings;

    let toAdd = 0; let toChange = 0; let toDestroy = 0; let moved = 0; let warnings = 0;
    for (const c of clusters) {
      if (c.change === ChangeKind.REMOVED && c.production) warnings++;
      for (const w of c.workloads) {
        if (w.change === ChangeKind.ADDED) toAdd++;
        else if (w.change === ChangeKind.REMOVED) toDestroy++;
        else if (w.change === ChangeKind.CHANGED) toChange++;
        else moved++;
        if (w.warning) warnings++;
      }
    }
    this.summary = {
      toAdd, toChange, toDestroy, moved,
      clustersAdded: clusters.filter((c) => c.change === ChangeKind.ADDED).length,
      clustersRemoved: clusters.filter((c) => c.change === ChangeKind.REMOVED).length,
      findingsNew: findings.filter((f) => f.change === ChangeKind.ADDED && !f.acknowledged).length,
      findingsResolved: findings.filter((f) => f.change === ChangeKind.REMOVED && !f.acknowledged).length,
      warnings,
    };
  }

  /** True when anything differs (a delivery, a cluster, a placement, plumbing or a finding). */
  public get hasChanges(): boolean {
    return this.clusters.length > 0 || this.workloads.length > 0 || this.placements.length > 0 || this.plumbing.length > 0 || this.findings.length > 0;
  }

  /** Terraform-style one line: `Plan: 13 to add, 12 to change, 9 to destroy.` plus clusters, moves and findings. */
  public summaryLine(): string {
    const s = this.summary;
    if (!this.hasChanges) return 'No changes. The fleet plan is the same.';
    const extra = [
      s.clustersAdded || s.clustersRemoved ? `clusters: ${s.clustersAdded} added, ${s.clustersRemoved} removed` : '',
      s.moved ? `${s.moved} rollout move${s.moved === 1 ? '' : 's'}` : '',
      s.findingsNew || s.findingsResolved ? `findings: ${s.findingsNew} new, ${s.findingsResolved} resolved` : '',
      s.warnings ? `${s.warnings} to review` : '',
    ].filter(Boolean);
    return `Plan: ${s.toAdd} to add, ${s.toChange} to change, ${s.toDestroy} to destroy.${extra.length ? ` ${extra.join(' · ')}` : ''}`;
  }

  /** The diff as Markdown for a pull-request comment: the summary line, a table of clusters grouped by identical changes, long parts in `<details>`. */
  public toMarkdown(options: DiffMarkdownOptions = {}): string {
    return renderDiffMarkdown(this, options.title ?? 'Fleet plan diff', options.maxLength ?? 60000);
  }

  /** The diff as plain text (the CLI's default format). */
  public toText(): string {
    return renderDiffText(this);
  }

  /** The diff as stable, pretty JSON with a final newline. */
  public toJson(): string {
    return renderDiffJson(this);
  }
}

/** `[added, removed]` between two lists of names. */
function setDiff(base: readonly string[], head: readonly string[]): [string[], string[]] {
  const b = new Set(base);
  const h = new Set(head);
  return [head.filter((x) => !b.has(x)).sort(Order.strings), base.filter((x) => !h.has(x)).sort(Order.strings)];
}

const short = (xs: readonly string[]) => (xs.length <= 3 ? xs.join(', ') : `${xs.slice(0, 3).join(', ')} and ${xs.length - 3} more`);

/** What new content a workload delivers: chart versions, or its payload. */
function contentChanges(b: WorkloadPlan, h: WorkloadPlan): string[] {
  const out: string[] = [];
  const bc = new Map((b.charts ?? []).map((c) => [c.release, c]));
  const hc = new Map((h.charts ?? []).map((c) => [c.release, c]));
  for (const [release, c] of hc) {
    const old = bc.get(release);
    if (!old) out.push(`+ chart ${c.chart} ${c.version} (${release})`);
    else if (old.chart !== c.chart || old.version !== c.version) out.push(`${old.chart === c.chart ? c.chart : `${old.chart} → ${c.chart}`} ${old.version} → ${c.version}`);
  }
  for (const [release, c] of bc) if (!hc.has(release)) out.push(`− chart ${c.chart} ${c.version} (${release})`);
  if (out.length === 0 && b.digest !== h.digest) out.push(`${PAYLOAD[h.kind] ?? 'content'} changed`);
  return out;
}

const PAYLOAD: Record<string, string> = {
  ManifestWork: 'payload', ManifestWorkReplicaSet: 'payload', Policy: 'policy templates', ClusterResourcePlacement: 'placed resources',
  ClusterManagementAddOn: 'add-on configs', ClusterProfile: 'values or manifests', Profile: 'values or manifests',
};

/** True when a chart of the same release goes to a lower version. */
function chartDowngrade(base: readonly ChartPlan[], head: readonly ChartPlan[]): boolean {
  const old = new Map(base.map((c) => [c.release, c.version]));
  return head.some((c) => old.has(c.release) && compareVersions(c.version, old.get(c.release)!) < 0);
}

/** Compares `v1.2.3`-style versions numerically (pre-releases before releases); other strings by code units. */
function compareVersions(a: string, b: string): number {
  const parse = (v: string) => /^v?(\d+(?:\.\d+)*)(?:-([0-9A-Za-z.-]+))?(?:\+.*)?$/.exec(v.trim());
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return Order.strings(a, b);
  const xs = x[1].split('.').map(Number);
  const ys = y[1].split('.').map(Number);
  for (let i = 0; i < Math.max(xs.length, ys.length); i++) {
    const d = (xs[i] ?? 0) - (ys[i] ?? 0);
    if (d) return Math.sign(d);
  }
  if (x[2] && !y[2]) return -1;
  if (!x[2] && y[2]) return 1;
  return Order.strings(x[2] ?? '', y[2] ?? '');
}

function firstDeliveries(c: ClusterPlan | undefined): Map<string, ClusterDelivery> {
  const m = new Map<string, ClusterDelivery>();
  for (const d of c?.deliveries ?? []) {
    const old = m.get(d.workload);
    if (!old || d.step < old.step) m.set(d.workload, d);
  }
  return m;
}

function stagesOf(c: ClusterPlan | undefined): Map<string, number> {
  const m = new Map<string, number>();
  (c?.dependsOnOrder ?? []).forEach((stage, i) => stage.forEach((p) => m.set(p, i + 1)));
  return m;
}

function clusterDiff(
  name: string, b: ClusterPlan | undefined, h: ClusterPlan | undefined,
  content: ReadonlyMap<string, string[]>, downgrades: ReadonlySet<string>, kindOf: (id: string) => string,
  chartsOf: (id: string, head: boolean) => string[],
): ClusterDiff | undefined {
  const production = !!(b?.production || h?.production);
  const [placementsAdded, placementsRemoved] = setDiff((b?.placements ?? []).map((p) => p.placement), (h?.placements ?? []).map((p) => p.placement));
  const bd = firstDeliveries(b);
  const hd = firstDeliveries(h);
  const bs = stagesOf(b);
  const hs = stagesOf(h);
  const where = (d: ClusterDelivery) => `step ${d.step} (wave ${d.wave}: ${d.waveLabel})`;
  const workloads: WorkloadChange[] = [];
  for (const [id, d] of hd) {
    const old = bd.get(id);
    if (!old) {
      const charts = chartsOf(id, true);
      workloads.push({ workload: id, kind: kindOf(id), change: ChangeKind.ADDED, detail: where(d), ...(charts.length ? { charts } : {}) });
      continue;
    }
    const c = content.get(id);
    // Karmada assigns replicas per cluster: another count is new content on the cluster.
    const replicas = old.replicas !== d.replicas ? [`replicas ${old.replicas ?? '—'} → ${d.replicas ?? '—'}`] : [];
    if (c || replicas.length) {
      workloads.push({ workload: id, kind: kindOf(id), change: ChangeKind.CHANGED, detail: [...(c ?? []), ...replicas].join('; '), ...(downgrades.has(id) ? { warning: 'a chart version goes down' } : {}) });
      continue;
    }
    const moves: string[] = [];
    if (old.step !== d.step) moves.push(`step ${old.step} → ${d.step}`);
    if (old.wave !== d.wave || old.waveLabel !== d.waveLabel) moves.push(`wave ${old.wave} (${old.waveLabel}) → ${d.wave} (${d.waveLabel})`);
    if ((bs.get(id) ?? 0) !== (hs.get(id) ?? 0) && bs.has(id) && hs.has(id)) moves.push(`dependsOn stage ${bs.get(id)} → ${hs.get(id)}`);
    if (moves.length) workloads.push({ workload: id, kind: kindOf(id), change: ChangeKind.MOVED, detail: moves.join(', ') });
  }
  for (const [id, d] of bd) {
    if (hd.has(id)) continue;
    const charts = chartsOf(id, false);
    workloads.push({ workload: id, kind: kindOf(id), change: ChangeKind.REMOVED, detail: `was ${where(d)}`, ...(charts.length ? { charts } : {}), ...(production ? { warning: 'leaves a production cluster' } : {}) });
  }
  workloads.sort((x, y) => Order.strings(x.workload, y.workload));
  const change = !b ? ChangeKind.ADDED : !h ? ChangeKind.REMOVED : ChangeKind.CHANGED;
  if (change === ChangeKind.CHANGED && !workloads.length && !placementsAdded.length && !placementsRemoved.length) return undefined;
  return { cluster: name, change, production, placementsAdded, placementsRemoved, workloads };
}
