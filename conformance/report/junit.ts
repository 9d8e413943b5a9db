/**
 * JUnit XML for CI systems (GitLab, Jenkins, GitHub test summaries). One `<testsuite>` per
 * implementation and area; one `<testcase>` per case, named by its permanent id. Outcomes map
 * as CI tools expect: failed → `<failure>` (with the replay command), not implemented →
 * `<skipped>` naming the missing capabilities, expected failure → `<skipped type="expected-failure">`
 * with the reason (as pytest writes xfail), unexpectedly passing → a pass with a note. A case
 * file that failed to load is an `<error>`.
 */
import type { CaseResult, Report } from './schema.js';

/** Characters XML 1.0 cannot carry (counterexamples can hold any code point) are written as `\u{…}`. */
function xmlText(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function testcase(report: Report, c: CaseResult): string {
  const open = `    <testcase classname="${xmlText(`${report.implementation.label}.${c.area}`)}" name="${xmlText(c.id)}" file="${xmlText(c.file)}"${c.line ? ` line="${c.line}"` : ''} time="${seconds(c.duration_ms)}">`;
  const rule = `      <system-out>${xmlText(`${c.rule}\nbehaviors: ${c.behaviors.join(', ')}${c.replay ? `\nreplay: ${c.replay}` : ''}`)}</system-out>`;
  switch (c.outcome) {
    case 'passed':
      return `${open}\n${rule}\n    </testcase>`;
    case 'failed': {
      const message = c.message ?? 'failed';
      const body = message.includes('Replay: ') || !c.replay ? message : `${message}\nReplay: ${c.replay}`;
      return `${open}\n      <failure message="${xmlText(message.split('\n')[0]!)}" type="failed">${xmlText(body)}</failure>\n${rule}\n    </testcase>`;
    }
    case 'not-implemented':
      return `${open}\n      <skipped message="${xmlText(`not implemented: needs ${(c.missing ?? []).join(', ')}`)}"/>\n${rule}\n    </testcase>`;
    case 'expected-failure':
      return `${open}\n      <skipped type="expected-failure" message="${xmlText(`expected failure: ${c.reason ?? ''}`)}"/>\n${rule}\n    </testcase>`;
    case 'unexpected-pass':
      return `${open}\n      <system-err>${xmlText(`passed, but listed as an expected failure: ${c.reason ?? ''}`)}</system-err>\n${rule}\n    </testcase>`;
  }
}

export function renderJunit(reports: readonly Report[]): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  let time = 0;
  for (const report of reports) {
    const areas = [...new Set(report.cases.map((c) => c.area))];
    const properties = [
      ['implementation', `${report.implementation.name} ${report.implementation.version} (${report.implementation.language})`],
      ['database', `${report.implementation.database.vendor}/${report.implementation.database.engine}`],
      ['seed', String(report.run.seed)],
      ['runs', String(report.run.runs)],
      ['suite', `djspec ${report.suite.version}`],
    ]
      .map(([name, value]) => `      <property name="${name}" value="${xmlText(value!)}"/>`)
      .join('\n');
    const group = (name: string, cases: CaseResult[], extra: string[] = [], extraErrors = 0) => {
      const f = cases.filter((c) => c.outcome === 'failed').length;
      const s = cases.filter((c) => c.outcome === 'not-implemented' || c.outcome === 'expected-failure').length;
      const t = cases.reduce((sum, c) => sum + c.duration_ms, 0);
      tests += cases.length + extraErrors;
      failures += f;
      errors += extraErrors;
      skipped += s;
      time += t;
      suites.push(
        [
          `  <testsuite name="${xmlText(name)}" tests="${cases.length + extraErrors}" failures="${f}" errors="${extraErrors}" skipped="${s}" time="${seconds(t)}" timestamp="${report.run.started_at.replace(/Z$/, '')}">`,
          `    <properties>\n${properties}\n    </properties>`,
          ...cases.map((c) => testcase(report, c)),
          ...extra,
          '  </testsuite>',
        ].join('\n'),
      );
    };
    for (const area of areas) group(`${report.implementation.label} ${area}`, report.cases.filter((c) => c.area === area));
    if (report.errors.length) {
      const loadErrors = report.errors.map(
        (e) =>
          `    <testcase classname="${xmlText(`${report.implementation.label}.load`)}" name="${xmlText(e.file ?? 'run')}" time="0">\n      <error message="${xmlText(e.message.trim().replace(/\s*\n\s*/g, ' '))}">${xmlText(e.message)}</error>\n    </testcase>`,
      );
      group(`${report.implementation.label} errors`, [], loadErrors, report.errors.length);
    }
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="djspec" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(time)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
