/**
 * The static HTML report: one page, no external resources, comparing any number of JSON
 * reports side by side (reference, django, a third-party implementation). For every area of the
 * behavior catalog and every behavior a case cites, it shows each implementation's outcome per
 * case; a failure opens to the full message and the command that replays it. Two switches
 * narrow the page to the rows where the implementations differ, or to the problems.
 *
 * The page is a pure function of the reports (no clock, no randomness), so it can be tested and
 * diffed.
 */
import { AREAS } from '../../spec/catalog/index.js';
import type { CaseResult, Outcome, Report } from './schema.js';

const CATALOG = AREAS as Readonly<Record<string, Readonly<Record<string, string>>>>;

const LABELS: Record<Outcome | 'not-run', string> = {
  passed: '✓ passed',
  failed: '✗ failed',
  'not-implemented': '○ not implemented',
  'expected-failure': '× expected failure',
  'unexpected-pass': '! unexpectedly passing',
  'not-run': '– not run',
};

/** Worst first: a behavior's cell takes the class of its worst case. */
const SEVERITY: (Outcome | 'not-run')[] = ['failed', 'unexpected-pass', 'expected-failure', 'not-implemented', 'not-run', 'passed'];

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

interface Column {
  label: string;
  report: Report;
  byId: Map<string, CaseResult>;
}

function columnsOf(reports: readonly Report[]): Column[] {
  const seen = new Map<string, number>();
  return reports.map((report) => {
    const n = (seen.get(report.implementation.label) ?? 0) + 1;
    seen.set(report.implementation.label, n);
    const label = n > 1 ? `${report.implementation.label} #${n}` : report.implementation.label;
    return { label, report, byId: new Map(report.cases.map((c) => [c.id, c])) };
  });
}

function outcomeCell(c: CaseResult | undefined): string {
  if (!c) return `<td class="cell o-not-run" data-outcome="not-run">${LABELS['not-run']}</td>`;
  const head = esc(LABELS[c.outcome]);
  const replay = c.replay ? `<div class="replay-label">Replay:</div><pre class="replay"><code>${esc(c.replay)}</code></pre>` : '';
  let body: string;
  switch (c.outcome) {
    case 'passed':
      body = head;
      break;
    case 'not-implemented':
      body = `${head}<div class="needs">needs ${esc((c.missing ?? []).join(', '))}</div>`;
      break;
    case 'failed':
      body = `<details><summary>${head}</summary><pre class="message">${esc(c.message ?? '')}</pre>${c.message?.includes('Replay: ') ? '' : replay}</details>`;
      break;
    case 'expected-failure':
    case 'unexpected-pass':
      body = `<details><summary>${head}</summary><pre class="message">${esc(c.reason ?? '')}</pre>${replay}</details>`;
      break;
  }
  return `<td class="cell o-${c.outcome}" data-outcome="${c.outcome}">${body}</td>`;
}

function aggregateCell(cases: (CaseResult | undefined)[]): string {
  const outcomes = cases.map((c) => c?.outcome ?? 'not-run');
  const worst = SEVERITY.find((o) => outcomes.includes(o)) ?? 'not-run';
  const counts = SEVERITY.filter((o) => outcomes.includes(o)).map((o) => `${LABELS[o].split(' ')[0]} ${outcomes.filter((x) => x === o).length}`);
  return `<td class="cell agg o-${worst}" data-outcome="${worst}" title="${esc(SEVERITY.filter((o) => outcomes.includes(o)).map((o) => `${outcomes.filter((x) => x === o).length} ${LABELS[o].slice(2)}`).join(', '))}">${esc(counts.join(' · '))}</td>`;
}

function caseInfo(c: CaseResult): string {
  const level = c.level === 'optional' ? ' <span class="tag">optional</span>' : '';
  const seed = c.seed ? `<div class="note">${esc(c.seed)}</div>` : '';
  const divergences = (c.divergences ?? []).map((d) => `<div class="note">Django differs${d.vendor ? ` on ${esc(d.vendor)}` : ''}: ${esc(d.reason)}</div>`).join('');
  return `<td class="case"><code class="id">${esc(c.id)}</code>${level}<div class="rule">${esc(c.rule)}</div><div class="file">${esc(c.file)}${c.line ? `:${c.line}` : ''}</div>${seed}${divergences}</td>`;
}

/** A count in the summary table, colored by its outcome only when it is not zero. */
function num(n: number, outcome: Outcome): string {
  return `<td class="num${n ? ` o-${outcome}` : ''}">${n}</td>`;
}

function summaryTable(columns: Column[]): string {
  const rows = columns.map(({ label, report }) => {
    const s = report.summary;
    const i = report.implementation;
    const expectations = report.run.expectations ? `<div class="file">expectations: ${esc(report.run.expectations)}</div>` : '';
    return `<tr><th scope="row">${esc(label)}<div class="file">${esc(`${i.name} ${i.version} · ${i.language} · ${i.database.vendor}/${i.database.engine}`)}</div>${expectations}</th>
${num(s.passed, 'passed')}${num(s.failed, 'failed')}${num(s.not_implemented, 'not-implemented')}${num(s.expected_failures, 'expected-failure')}${num(s.unexpected_passes, 'unexpected-pass')}${num(s.errors, 'failed')}
<td class="run">seed ${report.run.seed} · ${report.run.runs} runs · ${esc(report.run.started_at.replace('T', ' ').replace(/\.\d+Z$/, ' UTC'))}<div class="file">djspec ${esc(report.suite.version)}, node ${esc(report.run.node)}</div></td></tr>`;
  });
  return `<table class="summary"><thead><tr><th>implementation</th><th>passed</th><th>failed</th><th>not implemented</th><th>expected failures</th><th>unexpectedly passing</th><th>errors</th><th>run</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}

function errorsSection(columns: Column[]): string {
  const items = columns.flatMap(({ label, report }) => report.errors.map((e) => `<li><b>${esc(label)}</b>: ${e.file ? `<code>${esc(e.file)}</code> ` : ''}<pre class="message">${esc(e.message)}</pre></li>`));
  return items.length ? `<section id="errors"><h2>Errors outside cases</h2><ul class="errors">${items.join('')}</ul></section>` : '';
}

export function renderHtml(reports: readonly Report[]): string {
  const columns = columnsOf(reports);
  const cases = new Map<string, CaseResult>();
  for (const { report } of columns) for (const c of report.cases) if (!cases.has(c.id)) cases.set(c.id, c);

  const areas = Object.entries(CATALOG).map(([name, behaviors]) => ({ name, behaviors: Object.entries(behaviors) }));
  const cataloged = new Set(areas.flatMap((a) => a.behaviors.map(([id]) => id)));
  const orphans = [...new Set([...cases.values()].flatMap((c) => c.behaviors).filter((b) => !cataloged.has(b)))];
  if (orphans.length) areas.push({ name: 'other', behaviors: orphans.map((id) => [id, 'not in this version of the catalog']) });

  const head = `<tr><th class="behavior-col">behavior / case</th>${columns.map((c) => `<th class="impl">${esc(c.label)}</th>`).join('')}</tr>`;
  const sections: string[] = [];
  const nav: string[] = [];
  for (const area of areas) {
    const rows: string[] = [];
    const uncovered: string[] = [];
    const areaCases = new Set<string>();
    for (const [behavior, rule] of area.behaviors) {
      const citing = [...cases.values()].filter((c) => c.behaviors.includes(behavior));
      if (!citing.length) {
        uncovered.push(`<li><code>${esc(behavior)}</code> ${esc(rule || '')}</li>`);
        continue;
      }
      citing.forEach((c) => areaCases.add(c.id));
      const caseRows = citing.map((c) => {
        const results = columns.map((col) => col.byId.get(c.id));
        const outcomes = results.map((r) => r?.outcome ?? 'not-run');
        const differs = new Set(outcomes).size > 1;
        const problem = outcomes.some((o) => o === 'failed' || o === 'unexpected-pass');
        return `<tr class="case-row" data-behavior="${esc(behavior)}" data-differs="${differs}" data-problem="${problem}">${caseInfo(c)}${results.map(outcomeCell).join('')}</tr>`;
      });
      const aggregates = columns.map((col) => aggregateCell(citing.map((c) => col.byId.get(c.id))));
      rows.push(
        `<tr class="behavior-row" id="${esc(behavior)}" data-behavior="${esc(behavior)}"><th scope="rowgroup" class="behavior"><code>${esc(behavior)}</code><div class="rule">${esc(rule || 'no rule written in the catalog yet')}</div></th>${aggregates.join('')}</tr>`,
        ...caseRows,
      );
    }
    const totals = columns
      .map((col) => {
        const mine = [...areaCases].map((id) => col.byId.get(id)).filter((c): c is CaseResult => Boolean(c));
        const passed = mine.filter((c) => c.outcome === 'passed').length;
        return `<span class="area-total">${esc(col.label)}: ${passed}/${areaCases.size} passed</span>`;
      })
      .join(' ');
    nav.push(`<a href="#area-${esc(area.name)}">${esc(area.name)}</a>`);
    const uncoveredBlock = uncovered.length
      ? `<details class="uncovered"><summary>${uncovered.length} catalog behavior(s) of ${esc(area.name)} without a case in these reports</summary><ul>${uncovered.join('')}</ul></details>`
      : '';
    const table = rows.length ? `<table class="matrix"><thead>${head}</thead><tbody>${rows.join('\n')}</tbody></table>` : '<p class="empty">No case of this area is in these reports.</p>';
    sections.push(`<section class="area" id="area-${esc(area.name)}"><h2>${esc(area.name)}</h2><p class="totals">${areaCases.size} case(s) ${totals}</p>${table}${uncoveredBlock}</section>`);
  }

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>djspec conformance: ${esc(columns.map((c) => c.label).join(' vs '))}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>djspec conformance</h1>
<p class="lede">Each case states one rule of Django 5.2. Cells show what each implementation did: <span class="o-passed pill">✓ passed</span> <span class="o-failed pill">✗ failed</span> <span class="o-not-implemented pill">○ not implemented</span> (a capability it does not declare; never counted as passed) <span class="o-expected-failure pill">× expected failure</span> (listed with a reason) <span class="o-unexpected-pass pill">! unexpectedly passing</span> (listed, but passes). Open a failure for its message and the command that replays it.</p>
${summaryTable(columns)}
<nav>${nav.join(' · ')}</nav>
<div class="controls">
<label><input type="checkbox" id="only-differences"> only cases where the implementations differ</label>
<label><input type="checkbox" id="only-problems"> only failures and unexpected passes</label>
<span id="shown"></span>
</div>
</header>
<main>
${errorsSection(columns)}
${sections.join('\n')}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

const STYLE = `
:root { --pass: #1a7f37; --pass-bg: #dafbe1; --fail: #cf222e; --fail-bg: #ffebe9; --ni: #57606a; --ni-bg: #eaeef2; --xf: #9a6700; --xf-bg: #fff8c5; --xp: #8250df; --xp-bg: #fbefff; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1f2328; background: #fff; }
header, main { padding: 0 24px; }
h1 { margin: 16px 0 4px; font-size: 22px; }
h2 { margin: 28px 0 6px; font-size: 18px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
.lede { max-width: 70em; color: #424a53; }
.pill { padding: 0 6px; border-radius: 10px; white-space: nowrap; }
table { border-collapse: collapse; }
th, td { border: 1px solid #d0d7de; padding: 4px 8px; vertical-align: top; text-align: left; }
thead th { background: #f6f8fa; position: sticky; top: 0; z-index: 1; }
.summary .num { text-align: right; font-variant-numeric: tabular-nums; font-weight: 600; }
.summary .run { font-size: 12px; color: #57606a; }
nav { margin: 12px 0 6px; }
.controls { margin: 6px 0 10px; display: flex; gap: 18px; align-items: center; }
#shown { color: #57606a; font-size: 12px; }
.matrix { width: 100%; table-layout: fixed; }
.matrix .behavior-col { width: 40%; }
.behavior-row th, .behavior-row td { background: #f6f8fa; border-top: 2px solid #afb8c1; }
.behavior code { font-weight: 700; }
.case { padding-left: 22px; }
.id { font-size: 12.5px; }
.rule { color: #1f2328; }
.behavior .rule { font-weight: normal; color: #424a53; }
.file, .needs, .note { font-size: 12px; color: #57606a; }
.note { font-style: italic; }
.tag { font-size: 11px; background: #ddf4ff; color: #0969da; border-radius: 8px; padding: 0 6px; }
.cell { font-size: 13px; }
.agg { font-weight: 600; }
.o-passed { color: var(--pass); background: var(--pass-bg); }
.o-failed { color: var(--fail); background: var(--fail-bg); }
.o-not-implemented, .o-not-run { color: var(--ni); background: var(--ni-bg); }
.o-expected-failure { color: var(--xf); background: var(--xf-bg); }
.o-unexpected-pass { color: var(--xp); background: var(--xp-bg); }
summary { cursor: pointer; }
pre { white-space: pre-wrap; word-break: break-word; font-size: 12px; background: #fff; color: #1f2328; border: 1px solid #d0d7de; padding: 6px; margin: 6px 0; max-height: 28em; overflow: auto; }
.replay-label { font-size: 12px; color: #1f2328; margin-top: 4px; }
.uncovered { margin: 8px 0; color: #57606a; }
.errors pre { margin-top: 2px; }
.totals .area-total { margin-left: 12px; color: #57606a; }
.empty { color: #57606a; }
[hidden] { display: none !important; }
`;

const SCRIPT = `
(function () {
  var differences = document.getElementById('only-differences');
  var problems = document.getElementById('only-problems');
  var shown = document.getElementById('shown');
  function apply() {
    var visible = 0;
    document.querySelectorAll('tr.case-row').forEach(function (row) {
      var hide = (differences.checked && row.dataset.differs !== 'true') || (problems.checked && row.dataset.problem !== 'true');
      row.hidden = hide;
      if (!hide) visible++;
    });
    document.querySelectorAll('tr.behavior-row').forEach(function (row) {
      var any = false;
      var next = row.nextElementSibling;
      while (next && next.classList.contains('case-row')) { if (!next.hidden) any = true; next = next.nextElementSibling; }
      row.hidden = !any;
    });
    shown.textContent = (differences.checked || problems.checked) ? visible + ' case row(s) shown' : '';
  }
  differences.addEventListener('change', apply);
  problems.addEventListener('change', apply);
})();
`;
