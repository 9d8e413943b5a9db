/**
 * Mutation scores from Stryker's JSON report (mutation-testing-report-schema): per folder of
 * `reference/`, and per group (ORM, deletion, signals, validation).
 *
 * Score = detected / (detected + undetected), as Stryker counts it: detected = killed or timed
 * out; undetected = survived or not covered by any case. Compile errors are left out. Mutants
 * disabled in the source with a reason (`// Stryker disable next-line <mutator>: <why>`: those
 * no observation through the contract can tell apart) are counted apart as equivalent.
 */
export interface MutationReport {
  files: Record<string, { mutants: { status: string }[] }>;
}

interface Tally {
  detected: number;
  survived: number;
  noCoverage: number;
  equivalent: number;
}

/** Groups named in the spec's goals; a file may belong to several. */
export const GROUPS: { name: string; matches: (file: string) => boolean }[] = [
  { name: 'orm (reference/orm/)', matches: (f) => f.includes('reference/orm/') },
  { name: 'deletion (collector, on_delete)', matches: (f) => /delet|collector|on-delete/i.test(f) },
  { name: 'signals (reference/signals/)', matches: (f) => f.includes('reference/signals/') },
  { name: 'validation (full_clean, validators)', matches: (f) => /validat/i.test(f) },
];

function tally(statuses: string[]): Tally {
  const t: Tally = { detected: 0, survived: 0, noCoverage: 0, equivalent: 0 };
  for (const s of statuses) {
    if (s === 'Killed' || s === 'Timeout') t.detected++;
    else if (s === 'Survived') t.survived++;
    else if (s === 'NoCoverage') t.noCoverage++;
    else if (s === 'Ignored') t.equivalent++;
  }
  return t;
}

function row(name: string, t: Tally): string[] {
  const total = t.detected + t.survived + t.noCoverage;
  const score = total ? `${((100 * t.detected) / total).toFixed(1)}%` : '—';
  const covered = t.detected + t.survived ? `${((100 * t.detected) / (t.detected + t.survived)).toFixed(1)}%` : '—';
  return [name, score, covered, String(t.detected), String(t.survived), String(t.noCoverage), String(t.equivalent)];
}

function table(rows: string[][]): string {
  const header = ['', 'score', 'of covered', 'killed', 'survived', 'no coverage', 'equivalent'];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [line(header), `|${widths.map((w, i) => (i === 0 ? ':' : '-') + '-'.repeat(w) + (i === 0 ? '-' : ':')).join('|')}|`, ...rows.map(line)].join('\n');
}

export function mutationSummary(report: MutationReport): string {
  const files = Object.entries(report.files).map(([path, f]) => ({ path: path.replace(/\\/g, '/'), statuses: f.mutants.map((m) => m.status) }));
  const folders = new Map<string, string[]>();
  for (const f of files) {
    const folder = f.path.replace(/\/[^/]+$/, '/');
    folders.set(folder, [...(folders.get(folder) ?? []), ...f.statuses]);
  }
  const folderRows = [...folders.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([folder, s]) => row(folder, tally(s)));
  const groupRows = GROUPS.map((g) => [g, files.filter((f) => g.matches(f.path)).flatMap((f) => f.statuses)] as const)
    .filter(([, s]) => s.length > 0)
    .map(([g, s]) => row(g.name, tally(s)));
  const fileRows = files.sort((a, b) => a.path.localeCompare(b.path)).map((f) => row(f.path, tally(f.statuses)));
  return [
    'Mutation score per folder',
    table(folderRows),
    '',
    'Per group',
    table(groupRows),
    '',
    'Per file',
    table(fileRows),
  ].join('\n');
}
