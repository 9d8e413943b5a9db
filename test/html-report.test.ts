/**
 * The HTML report, rendered in a real browser (Debian's chromium driven by playwright-core; no
 * browser download): two implementations side by side, every outcome shown as a user reads it,
 * a failure opening to its message and replay command, and the two filters. A full-page
 * screenshot is written to `reports/screenshots/html-report.png` for a person to look at.
 *
 * Without /usr/bin/chromium the browser test is skipped with a message (`.ci/run` installs it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderHtml } from '../conformance/report/html.js';
import { ReportSchema, summarize, type CaseResult, type Report, type RunError } from '../conformance/report/schema.js';
import { ROOT } from './support/djspec-cli.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) console.warn(`html-report.test.ts: skipping the browser test, ${CHROMIUM} is missing (install it with: apt-get install -y chromium)`);

function caseResult(id: string, behaviors: string[], outcome: CaseResult['outcome'], extra: Partial<CaseResult> = {}): CaseResult {
  return {
    id,
    area: id.split('.')[0]!,
    file: `spec/${id.split('.')[0]}/${id.split('.')[1]}.spec.ts`,
    line: 7,
    rule: `The rule of ${id}.`,
    behaviors,
    level: 'must',
    needs: ['fields.char'],
    outcome,
    replay: `DJSPEC_SEED=5 npx vitest run --project spec spec/x.spec.ts -t ${id}`,
    duration_ms: 12,
    ...extra,
  };
}

function report(label: string, cases: CaseResult[], errors: RunError[] = []): Report {
  return ReportSchema.parse({
    format: 'djspec-report',
    format_version: 1,
    suite: { name: 'djspec', version: '0.1.0' },
    implementation: { label, spec: label, name: label, version: '1.0', language: 'typescript', database: { vendor: 'postgresql', engine: 'pg-mem' }, capabilities: ['fields.char'] },
    run: { started_at: '2026-01-02T03:04:05.000Z', duration_ms: 1000, seed: 5, runs: 50, filters: { areas: [], behaviors: [], cases: [] }, expectations: null, node: 'v20.19.0' },
    summary: summarize(cases, errors),
    cases,
    errors,
  });
}

const FAILURE = 'Property failed after 2 run(s) and 4 shrink(s).\nCounterexample: ["😀😀😀😀😀😀"]\nReplay: DJSPEC_SEED=5 DJSPEC_PATH=0:1:3 npx vitest run --project spec spec/fields/char.spec.ts -t fields.char.codepoints';
const reference = report('reference(pg-mem)', [
  caseResult('fields.char.codepoints', ['FLD-CHAR-CODEPOINTS'], 'passed'),
  caseResult('fields.char.blank', ['FLD-CHAR-BLANK'], 'passed'),
  caseResult('relations.fk.attname', ['REL-FK-ATTNAME'], 'passed', { needs: ['relations.fk'] }),
  caseResult('relations.fk.dangling', ['REL-FK-DANGLING-ID'], 'expected-failure', { reason: 'listed in reference-pg-mem.json: pg-mem has no deferred constraints. Observed: IntegrityError not raised' }),
  caseResult('fields.decimal.digits', ['FLD-DEC-VALIDATION'], 'unexpected-pass', { reason: 'listed in reference-pg-mem.json: numeric as float' }),
]);
const store = report(
  'memory-store',
  [
    caseResult('fields.char.codepoints', ['FLD-CHAR-CODEPOINTS'], 'failed', { message: FAILURE, replay: 'DJSPEC_SEED=5 DJSPEC_PATH=0:1:3 npx vitest run --project spec spec/fields/char.spec.ts -t fields.char.codepoints' }),
    caseResult('fields.char.blank', ['FLD-CHAR-BLANK'], 'passed'),
    caseResult('relations.fk.attname', ['REL-FK-ATTNAME'], 'not-implemented', { needs: ['relations.fk'], missing: ['relations.fk'] }),
    caseResult('relations.fk.dangling', ['REL-FK-DANGLING-ID'], 'not-implemented', { needs: ['relations.fk'], missing: ['relations.fk'] }),
  ],
  [{ file: 'spec/views/broken.spec.ts', message: 'invalid case metadata:\n  views.x cites unknown behavior ID VIEW-NOPE' }],
);

describe.skipIf(!available)('the HTML report in a browser', () => {
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'djspec-html-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtml([reference, store]));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(pathToFileURL(file).href);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  const caseRow = (id: string) => page.locator('tr.case-row', { has: page.locator(`code.id:text-is("${id}")`) });
  const visibleCaseIds = () => page.locator('tr.case-row:visible code.id').allInnerTexts();

  it('shows each implementation with its counts', async () => {
    expect(await page.title()).toBe('djspec conformance: reference(pg-mem) vs memory-store');
    const rows = await page.locator('table.summary tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].slice(0, 7).map((c) => (c as unknown as { innerText: string }).innerText.split('\n')[0])));
    expect(rows).toEqual([
      ['reference(pg-mem)', '3', '0', '0', '1', '1', '0'],
      ['memory-store', '1', '1', '2', '0', '0', '1'],
    ]);
  });

  it('puts the implementations side by side per behavior, with every outcome readable', async () => {
    expect(await page.locator('#area-fields thead th.impl').allInnerTexts()).toEqual(['reference(pg-mem)', 'memory-store']);
    const cells = async (id: string) => (await caseRow(id).first().locator('td.cell').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(await cells('fields.char.codepoints')).toEqual(['✓ passed', '✗ failed']);
    expect(await cells('relations.fk.attname')).toEqual(['✓ passed', '○ not implemented needs relations.fk']);
    expect(await cells('relations.fk.dangling')).toEqual(['× expected failure', '○ not implemented needs relations.fk']);
    expect(await cells('fields.decimal.digits')).toEqual(['! unexpectedly passing', '– not run']);
    expect(await page.locator('tr#FLD-CHAR-CODEPOINTS td.cell').allInnerTexts()).toEqual(['✓ 1', '✗ 1']);
    expect(await page.locator('#errors').innerText()).toContain('memory-store: spec/views/broken.spec.ts\ninvalid case metadata:\n  views.x cites unknown behavior ID VIEW-NOPE');
  });

  it('opens a failure to its message and replay command', async () => {
    const cell = caseRow('fields.char.codepoints').locator('td.o-failed');
    const message = cell.locator('pre.message');
    expect(await message.isVisible()).toBe(false);
    await cell.locator('summary').click();
    expect(await message.isVisible()).toBe(true);
    expect(await message.innerText()).toBe(FAILURE);
  });

  it('narrows to the cases where the implementations differ, then to the problems', async () => {
    expect(await visibleCaseIds()).toEqual(['fields.char.codepoints', 'fields.char.blank', 'fields.decimal.digits', 'relations.fk.attname', 'relations.fk.dangling']);
    await page.locator('#only-differences').check();
    expect(await visibleCaseIds()).toEqual(['fields.char.codepoints', 'fields.decimal.digits', 'relations.fk.attname', 'relations.fk.dangling']);
    expect(await page.locator('tr#FLD-CHAR-BLANK').isVisible()).toBe(false);
    expect(await page.locator('#shown').innerText()).toBe('4 case row(s) shown');
    await page.locator('#only-problems').check();
    expect(await visibleCaseIds()).toEqual(['fields.char.codepoints', 'fields.decimal.digits']);
    await page.locator('#only-differences').uncheck();
    await page.locator('#only-problems').uncheck();
    expect(await visibleCaseIds()).toHaveLength(5);
  });

  it('renders without script errors, and leaves a screenshot to look at', async () => {
    expect(pageErrors).toEqual([]);
    const dir = join(ROOT, 'reports/screenshots');
    mkdirSync(dir, { recursive: true });
    const shot = join(dir, 'html-report.png');
    await caseRow('fields.char.codepoints').locator('td.o-failed summary').scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(20_000);
  });
});
