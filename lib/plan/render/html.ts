// The plan as one self-contained HTML file: inline CSS and JS, no network, deterministic. The
// cluster × workload matrix is virtualized (only the rows in view are in the DOM), so it stays
// usable at thousands of clusters.
import { Order } from '../../core/order';
import type { FleetPlan } from '../types';
import { engineName, withReplicas } from './util';

/** Options of {@link HtmlReport.render}. */
export interface HtmlReportOptions {
  /**
   * The page title.
   * @default 'Fleet plan'
   */
  readonly title?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const names = (xs: readonly string[], max: number) => (xs.length <= max ? xs.join(', ') : `${xs.slice(0, max).join(', ')} … (+${xs.length - max})`);

/**
 * The fleet plan as a self-contained HTML report: the cluster × workload matrix (rollout steps)
 * with filters by label and name, a "why / why not" panel per cluster (click a row), the rollout
 * order per workload and per step across workloads, findings, warnings, plumbing and assumptions.
 * One file, inline CSS and JS, no network access; the same plan gives byte-identical HTML.
 */
export class HtmlReport {
  /** The report as one HTML document. */
  public static render(plan: FleetPlan, options: HtmlReportOptions = {}): string {
    const title = options.title ?? 'Fleet plan';
    const data = HtmlReport.data(plan);
    // `<` escaped so the JSON can never close its script element.
    const json = JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
    const open = plan.findings.filter((f) => !f.acknowledged);
    const out: string[] = [];
    out.push('<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">', '<meta name="viewport" content="width=device-width, initial-scale=1">',
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
      `<title>${esc(title)}</title>`, `<style>${CSS}</style>`, '</head>', '<body>');
    out.push(`<header><h1>${esc(title)}</h1><p id="summary">${plan.clusters.length} clusters · ${plan.placements.length} placements · ${plan.workloads.length} workloads · ${open.length} open findings${plan.findings.length > open.length ? ` (${plan.findings.length - open.length} acknowledged)` : ''} · ${plan.warnings.length} warnings · plan format ${esc(plan.formatVersion)}</p></header>`);
    out.push('<main>');
    // The matrix and the why / why not panel.
    out.push('<section id="matrix-section"><h2>Workloads per cluster</h2>',
      '<p class="hint">Each cell is the rollout step in which the cluster gets the workload (its own wave, after its dependsOn prerequisites on that cluster). Click a cluster for why it is or is not selected.</p>',
      '<div id="filters"><label>label <select id="filter-key"><option value="">any</option></select></label>',
      '<label>value <select id="filter-value" disabled><option value="">any</option></select></label>',
      '<label>cluster <input id="filter-name" type="search" placeholder="name contains"></label>',
      '<label><input id="filter-production" type="checkbox"> production only</label>',
      '<span id="matrix-count"></span></div>',
      '<div id="matrix-layout"><div id="matrix"><div id="matrix-head" role="row"></div><div id="matrix-body"><div id="matrix-spacer"></div><div id="matrix-rows" role="rowgroup"></div></div></div>',
      '<aside id="panel"><p class="hint">Select a cluster.</p></aside></div></section>');
    // Findings and warnings.
    out.push('<section id="findings"><h2>Findings</h2>');
    if (plan.findings.length === 0) out.push('<p>None.</p>');
    else {
      out.push('<table><thead><tr><th>rule</th><th>level</th><th>subject</th><th>finding</th><th>fix</th></tr></thead><tbody>');
      for (const f of plan.findings) out.push(`<tr class="finding ${f.acknowledged ? 'acknowledged' : f.level}"><td>${esc(f.id)} ${esc(f.rule)}</td><td>${esc(f.level)}</td><td>${esc(f.subject)}</td><td>${esc(f.message)}${f.acknowledged ? ` <em>(acknowledged: ${esc(f.acknowledged)})</em>` : ''}</td><td>${esc(f.fix)}</td></tr>`);
      out.push('</tbody></table>');
    }
    out.push('</section>');
    if (plan.warnings.length) {
      out.push('<section id="warnings"><h2>Warnings</h2><p class="hint">What the simulators could not evaluate exactly.</p><ul>');
      for (const w of plan.warnings) out.push(`<li><strong>${esc(w.subject)}</strong>: ${esc(w.message)}</li>`);
      out.push('</ul></section>');
    }
    // Rollout order across workloads: per step, the workloads landing in it and on how many clusters.
    const bySteps = new Map<number, Map<string, number>>();
    for (const c of plan.clusters) {
      for (const d of c.deliveries) {
        if (!bySteps.has(d.step)) bySteps.set(d.step, new Map());
        const m = bySteps.get(d.step)!;
        m.set(d.workload, (m.get(d.workload) ?? 0) + 1);
      }
    }
    out.push('<section id="steps"><h2>Rollout steps</h2><p class="hint">One step is one wave of any workload; a workload waits on each cluster for the steps of its dependsOn prerequisites there.</p><table><thead><tr><th>step</th><th>workloads (clusters)</th></tr></thead><tbody>');
    for (const step of [...bySteps.keys()].sort((a, b) => a - b)) {
      const m = bySteps.get(step)!;
      out.push(`<tr><td>${step}</td><td>${[...m.keys()].sort(Order.strings).map((w) => `${esc(w)} (${m.get(w)})`).join(' · ')}</td></tr>`);
    }
    out.push('</tbody></table></section>');
    // Rollouts per workload.
    out.push('<section id="rollouts"><h2>Rollouts per workload</h2>');
    for (const w of plan.workloads) {
      const first = Math.min(...w.waves.map((x) => x.firstStep));
      const last = Math.max(...w.waves.map((x) => x.lastStep));
      const charts = (w.charts ?? []).map((c) => `${c.chart} ${c.version}`);
      out.push(`<details class="workload" data-workload="${esc(w.id)}"><summary><strong>${esc(w.id)}</strong> — ${esc(w.rollout)} · ${w.targets.length} clusters${w.waves.length ? ` · steps ${first === last ? first : `${first}–${last}`}` : ''}</summary>`);
      out.push(`<p>${w.engine ? `engine: ${esc(engineName(w.engine))} · ` : ''}${w.dependsOn?.length ? `after: ${esc(w.dependsOn.join(', '))} · ` : ''}${w.placements.length ? `placements: ${esc(w.placements.join(', '))} · ` : ''}${charts.length ? `charts: ${esc(charts.join(', '))} · ` : ''}content ${esc(w.digest)}</p>`);
      if (w.waves.length) {
        out.push('<table><thead><tr><th>wave</th><th>what</th><th>steps</th><th>clusters</th></tr></thead><tbody>');
        for (const x of w.waves) out.push(`<tr><td>${x.wave}</td><td>${esc(x.label)}</td><td>${x.firstStep === x.lastStep ? x.firstStep : `${x.firstStep}–${x.lastStep}`}</td><td>${x.clusters.length}: ${esc(names(withReplicas(w, x.clusters), 50))}</td></tr>`);
        out.push('</tbody></table>');
      }
      out.push('</details>');
    }
    out.push('</section>');
    if (plan.plumbing.length) {
      out.push('<section id="plumbing"><h2>Plumbing</h2><ul>');
      for (const p of plan.plumbing) out.push(`<li><code>${esc(`${p.kind}${p.name ? ` ${p.name}` : ''}${p.namespace ? ` in ${p.namespace}` : ''}`)}</code> × ${p.clusters.length} clusters — ${esc(p.purpose)}</li>`);
      out.push('</ul></section>');
    }
    out.push('<section id="assumptions"><h2>Assumptions</h2><ul>', ...plan.assumptions.map((a) => `<li>${esc(a)}</li>`), '</ul></section>');
    out.push('</main>');
    out.push(`<script type="application/json" id="plan-data">${json}</script>`);
    out.push(`<script>${JS}</script>`, '</body>', '</html>');
    return `${out.join('\n')}\n`;
  }

  /** The compact data the page's script reads: a string table, the columns and one record per cluster. */
  private static data(plan: FleetPlan): Record<string, unknown> {
    const strings: string[] = [];
    const index = new Map<string, number>();
    const s = (x: string) => {
      let i = index.get(x);
      if (i === undefined) { i = strings.length; strings.push(x); index.set(x, i); }
      return i;
    };
    const columns = plan.matrix.columns.map((c) => ({ id: c.id, kind: c.kind }));
    const stepsOf = new Map(plan.matrix.rows.map((r) => [r.cluster, r.steps]));
    // Karmada and KubeFleet: where each engine workload lands on the cluster (wave, replicas), and why not.
    const engineOf = new Map(plan.workloads.filter((w) => w.engine).map((w) => [w.id, w.engine!]));
    const engineData = (c: FleetPlan['clusters'][number]) => (engineOf.size === 0 && !c.engines ? {} : {
      eng: (c.engines ?? []).map(engineName),
      plc: c.deliveries.filter((d) => engineOf.has(d.workload)).map((d) => [s(d.workload), s(`step ${d.step} (wave ${d.wave}: ${d.waveLabel})${d.replicas !== undefined ? `, ${d.replicas} replica${d.replicas === 1 ? '' : 's'}` : ''}`)]),
      notp: (c.notPlacedBy ?? []).map((n) => [s(n.subject), s(n.reason)]),
    });
    const clusters = plan.clusters.map((c) => ({
      name: c.name,
      labels: c.labels,
      prod: c.production ? 1 : 0,
      taints: c.taints,
      steps: stepsOf.get(c.name) ?? [],
      sel: c.placements.map((p) => [s(p.placement), s(p.group)]),
      not: c.notSelectedBy.map((n) => [s(n.subject), s(n.reason)]),
      prof: c.profiles.map(s),
      notd: c.notDeployedBy.map((n) => [s(n.subject), s(n.reason)]),
      order: c.rolloutOrder.map((o) => [o.step, o.workloads.map(s)]),
      ...engineData(c),
    }));
    return { strings, columns, clusters };
  }

  private constructor() {}
}

const CSS = `
:root { --row: 24px; --name: 15em; --cell: 3.2em; font-family: system-ui, sans-serif; font-size: 14px; color: #1b1f24; }
body { margin: 0; }
header { padding: 12px 20px; background: #24292f; color: #fff; }
header h1 { margin: 0 0 4px; font-size: 20px; }
header p { margin: 0; opacity: .85; }
main { padding: 8px 20px 40px; }
h2 { font-size: 17px; margin: 22px 0 8px; }
.hint { color: #57606a; margin: 4px 0 8px; }
table { border-collapse: collapse; margin: 6px 0; }
th, td { border: 1px solid #d0d7de; padding: 3px 8px; text-align: left; vertical-align: top; }
tr.finding.error td:first-child { border-left: 4px solid #cf222e; }
tr.finding.warning td:first-child { border-left: 4px solid #bf8700; }
tr.finding.acknowledged { color: #57606a; }
#filters { display: flex; gap: 14px; align-items: center; flex-wrap: wrap; margin: 6px 0 10px; }
#matrix-count { color: #57606a; }
#matrix-layout { display: flex; gap: 16px; align-items: flex-start; }
#matrix { overflow-x: auto; max-width: 70%; border: 1px solid #d0d7de; }
#matrix-head, .row { display: grid; grid-template-columns: var(--name) repeat(var(--cols), var(--cell)); }
#matrix-head { background: #f6f8fa; border-bottom: 1px solid #d0d7de; }
#matrix-head span { writing-mode: vertical-rl; transform: rotate(180deg); height: 16em; overflow: hidden; text-overflow: ellipsis; padding: 4px 2px; white-space: nowrap; font-weight: 600; font-size: 12px; }
#matrix-head span.name { writing-mode: horizontal-tb; transform: none; height: auto; align-self: end; }
#matrix-body { position: relative; height: 60vh; overflow-y: auto; overflow-x: hidden; }
#matrix-rows { position: absolute; top: 0; left: 0; right: 0; }
.row { height: var(--row); line-height: var(--row); cursor: pointer; border-bottom: 1px solid #eaeef2; }
.row:hover { background: #f6f8fa; }
.row.selected { background: #ddf4ff; }
.cell { text-align: center; overflow: hidden; white-space: nowrap; }
.cell.name { text-align: left; padding-left: 6px; text-overflow: ellipsis; }
.cell.on { background: #dafbe1; font-weight: 600; }
.prod { color: #cf222e; font-size: 11px; margin-left: 4px; }
#panel { flex: 1; min-width: 280px; border: 1px solid #d0d7de; padding: 8px 14px; max-height: 75vh; overflow-y: auto; }
#panel h3 { margin: 4px 0 6px; }
#panel h4 { margin: 12px 0 4px; font-size: 13px; }
#panel ul { margin: 0; padding-left: 18px; }
#panel .reason { color: #57606a; }
code { background: #f6f8fa; padding: 0 3px; }
details.workload { margin: 4px 0; }
`;

const JS = `
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('plan-data').textContent);
  var S = D.strings, COLS = D.columns, CL = D.clusters, ROW = 24;
  var byName = {};
  CL.forEach(function (c, i) { byName[c.name] = i; });
  var head = document.getElementById('matrix-head');
  var body = document.getElementById('matrix-body');
  var spacer = document.getElementById('matrix-spacer');
  var rowsEl = document.getElementById('matrix-rows');
  var count = document.getElementById('matrix-count');
  var panel = document.getElementById('panel');
  var keySel = document.getElementById('filter-key');
  var valSel = document.getElementById('filter-value');
  var nameIn = document.getElementById('filter-name');
  var prodIn = document.getElementById('filter-production');
  document.getElementById('matrix').style.setProperty('--cols', String(COLS.length));
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
  var h = el('span', 'name', 'cluster'); head.appendChild(h);
  COLS.forEach(function (c, j) { var s = el('span', 'col', c.id); s.title = c.id; s.setAttribute('data-col', String(j)); head.appendChild(s); });
  // Label filter: every key, then the values of the chosen key.
  var values = {};
  CL.forEach(function (c) { for (var k in c.labels) { (values[k] = values[k] || {})[c.labels[k]] = true; } });
  function sorted(xs) { return xs.slice().sort(function (a, b) { return a < b ? -1 : a > b ? 1 : 0; }); }
  sorted(Object.keys(values)).forEach(function (k) { var o = el('option', '', k); o.value = k; keySel.appendChild(o); });
  var shown = CL.map(function (_, i) { return i; });
  var selected = null, pending = false;
  function render() {
    pending = false;
    var top = body.scrollTop, height = body.clientHeight || 600;
    var first = Math.max(0, Math.floor(top / ROW) - 10);
    var last = Math.min(shown.length, Math.ceil((top + height) / ROW) + 10);
    spacer.style.height = (shown.length * ROW) + 'px';
    rowsEl.style.transform = 'translateY(' + (first * ROW) + 'px)';
    var frag = document.createDocumentFragment();
    for (var k = first; k < last; k++) {
      var c = CL[shown[k]];
      var r = el('div', 'row' + (c.name === selected ? ' selected' : ''));
      r.setAttribute('role', 'row');
      r.setAttribute('data-cluster', c.name);
      var n = el('span', 'cell name', c.name);
      if (c.prod) n.appendChild(el('span', 'prod', 'prod'));
      r.appendChild(n);
      for (var j = 0; j < COLS.length; j++) {
        var st = c.steps[j];
        var cell = el('span', 'cell' + (st ? ' on' : ''), st ? String(st) : '');
        cell.setAttribute('data-col', String(j));
        cell.title = COLS[j].id + (st ? ': step ' + st : ': not deployed');
        r.appendChild(cell);
      }
      frag.appendChild(r);
    }
    while (rowsEl.firstChild) rowsEl.removeChild(rowsEl.firstChild);
    rowsEl.appendChild(frag);
    count.textContent = shown.length + ' of ' + CL.length + ' clusters';
  }
  function schedule() { if (!pending) { pending = true; requestAnimationFrame(render); } }
  function applyFilters() {
    var k = keySel.value, v = valSel.value, q = nameIn.value.trim(), p = prodIn.checked;
    shown = [];
    for (var i = 0; i < CL.length; i++) {
      var c = CL[i];
      if (k && !(k in c.labels)) continue;
      if (k && v && c.labels[k] !== v) continue;
      if (q && c.name.indexOf(q) < 0) continue;
      if (p && !c.prod) continue;
      shown.push(i);
    }
    body.scrollTop = 0;
    render();
  }
  keySel.addEventListener('change', function () {
    while (valSel.options.length > 1) valSel.remove(1);
    valSel.disabled = !keySel.value;
    if (keySel.value) sorted(Object.keys(values[keySel.value])).forEach(function (v) { var o = el('option', '', v); o.value = v; valSel.appendChild(o); });
    valSel.value = '';
    applyFilters();
  });
  valSel.addEventListener('change', applyFilters);
  nameIn.addEventListener('input', applyFilters);
  prodIn.addEventListener('change', applyFilters);
  body.addEventListener('scroll', schedule);
  rowsEl.addEventListener('click', function (e) {
    var r = e.target.closest ? e.target.closest('.row') : null;
    if (r) show(r.getAttribute('data-cluster'));
  });
  function list(title, items, id) {
    var box = el('div'); box.id = id;
    box.appendChild(el('h4', '', title + ' (' + items.length + ')'));
    var ul = el('ul');
    if (!items.length) ul.appendChild(el('li', 'reason', 'none'));
    items.forEach(function (it) { var li = el('li'); li.appendChild(el('span', 'subject', it[0])); if (it[1]) { li.appendChild(document.createTextNode(': ')); li.appendChild(el('span', 'reason', it[1])); } ul.appendChild(li); });
    box.appendChild(ul);
    return box;
  }
  function show(name) {
    selected = name;
    var c = CL[byName[name]];
    while (panel.firstChild) panel.removeChild(panel.firstChild);
    panel.appendChild(el('h3', '', c.name + (c.prod ? ' (production)' : '')));
    var labels = Object.keys(c.labels).sort().map(function (k) { return k + '=' + c.labels[k]; });
    panel.appendChild(el('p', 'labels', labels.length ? labels.join('  ') : 'no labels'));
    if (c.taints.length) panel.appendChild(el('p', 'taints', 'taints: ' + c.taints.join(', ')));
    panel.appendChild(list('Selected by', c.sel.map(function (x) { return ['Placement ' + S[x[0]], S[x[1]] ? 'decision group ' + S[x[1]] : '']; }), 'why-selected'));
    panel.appendChild(list('Not selected by', c.not.map(function (x) { return [S[x[0]], S[x[1]]]; }), 'why-not-selected'));
    panel.appendChild(list('Deployed by (Sveltos)', c.prof.map(function (x) { return [S[x], '']; }), 'why-deployed'));
    panel.appendChild(list('Not deployed by (Sveltos)', c.notd.map(function (x) { return [S[x[0]], S[x[1]]]; }), 'why-not-deployed'));
    if (c.eng) {
      if (c.eng.length) panel.appendChild(el('p', 'engines', 'member of: ' + c.eng.join(', ')));
      panel.appendChild(list('Placed by (Karmada, KubeFleet)', c.plc.map(function (x) { return [S[x[0]], S[x[1]]]; }), 'why-placed'));
      panel.appendChild(list('Not placed by (Karmada, KubeFleet)', c.notp.map(function (x) { return [S[x[0]], S[x[1]]]; }), 'why-not-placed'));
    }
    panel.appendChild(list('Rollout order', c.order.map(function (o) { return ['step ' + o[0], o[1].map(function (w) { return S[w]; }).join(', ')]; }), 'rollout-order'));
    render();
  }
  applyFilters();
})();
`;
