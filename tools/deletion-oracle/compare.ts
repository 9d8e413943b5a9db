/**
 * Checks the deletion oracle (`spec/support/deletion-oracle.ts`) against what real Django did on
 * random graphs (`django_graphs.py` output, one JSON line per trial): error type, message and
 * objects, the rows left and their FK values, the return value and the exact pre/post_delete
 * sequence. Prints one line per mismatch and a summary.
 *
 *     npx tsx tools/deletion-oracle/compare.ts sqlite.jsonl pg.jsonl
 */
import { readFileSync } from 'node:fs';
import { deletionOutcome, type Graph, type GraphRelation } from '../../spec/support/deletion-oracle.js';

interface Trial {
  trial: number;
  db: string;
  crash?: string;
  registered?: string[];
  spec: {
    models: string[];
    relations: GraphRelation[];
    rows: Record<string, Array<{ pk: number; fks: Record<string, number | null> }>>;
    m2m: { model: string; to: string } | null;
    through_rows: Array<[number, number]>;
    listened: string[] | 'all';
    root: { model: string; pks: number[]; queryset: boolean };
  };
  observed: {
    result?: [number, Record<string, number>];
    error?: { type: string; message?: string; objects?: Array<[string, number]> };
    signals: Array<[string, string, number]>;
    state: Record<string, Array<[number, Record<string, number | null>]>>;
  };
}

/** The graph as the oracle reads it; the through model is registered just before the model declaring the M2M. */
export function graphOf(spec: Trial['spec']): Graph {
  const models: Graph['models'] = [];
  const relations = [...spec.relations];
  const rows = { ...spec.rows };
  for (const name of spec.models) {
    if (spec.m2m?.model === name) {
      const through = `${name}_tags`;
      const self = spec.m2m.to === name;
      const [src, dst] = self ? [`from_${name.toLowerCase()}`, `to_${name.toLowerCase()}`] : [name.toLowerCase(), spec.m2m.to.toLowerCase()];
      models.push({ name: through, autoCreated: true });
      relations.push({ model: through, field: src, to: name, onDelete: 'CASCADE', nullable: false });
      relations.push({ model: through, field: dst, to: spec.m2m.to, onDelete: 'CASCADE', nullable: false });
      rows[through] = spec.through_rows.map(([a, b], i) => ({ pk: i + 1, fks: { [src]: a, [dst]: b } }));
    }
    models.push({ name });
  }
  const listened = spec.listened === 'all' ? models.map((m) => m.name) : spec.listened;
  return { app: 'dgraph', models, relations, rows, listened };
}

function expectedState(graph: Graph, deleted: Array<[string, number]>, updated: Array<[string, number, string, number | null]>) {
  const out: Record<string, Array<[number, Record<string, number | null>]>> = {};
  for (const m of graph.models) {
    out[m.name] = (graph.rows[m.name] ?? [])
      .filter((r) => !deleted.some(([dm, dpk]) => dm === m.name && dpk === r.pk))
      .map((r) => {
        const fks = { ...r.fks };
        for (const [um, upk, field, value] of updated) if (um === m.name && upk === r.pk) fks[field] = value;
        return [r.pk, fks] as [number, Record<string, number | null>];
      });
  }
  return out;
}

const canonical = (v: unknown) => JSON.stringify(v, (_, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort()) : x));

let total = 0;
let mismatches = 0;
let crashes = 0;
const byOutcome = new Map<string, number>();
for (const file of process.argv.slice(2)) {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const trial = JSON.parse(line) as Trial;
    if (trial.crash) {
      crashes++;
      console.log(`crash ${file}#${trial.trial}: ${trial.crash}`);
      continue;
    }
    total++;
    const graph = graphOf(trial.spec);
    const problems: string[] = [];
    const order = graph.models.map((m) => m.name);
    if (canonical(order) !== canonical(trial.registered)) problems.push(`registration order ${canonical(trial.registered)} != ${canonical(order)}`);
    const outcome = deletionOutcome(graph, trial.spec.root);
    const observed = trial.observed;
    byOutcome.set(outcome.error?.type ?? 'deleted', (byOutcome.get(outcome.error?.type ?? 'deleted') ?? 0) + 1);
    if (canonical(outcome.error ?? null) !== canonical(observed.error ?? null)) problems.push(`error ${canonical(observed.error)} != oracle ${canonical(outcome.error)}`);
    if (!outcome.error && canonical(outcome.result) !== canonical(observed.result)) problems.push(`result ${canonical(observed.result)} != oracle ${canonical(outcome.result)}`);
    if (canonical(outcome.signals) !== canonical(observed.signals)) problems.push(`signals ${canonical(observed.signals)} != oracle ${canonical(outcome.signals)}`);
    const state = expectedState(graph, outcome.deleted, outcome.updated);
    if (canonical(state) !== canonical(observed.state)) problems.push(`state ${canonical(observed.state)} != oracle ${canonical(state)}`);
    if (problems.length) {
      mismatches++;
      console.log(`mismatch ${file}#${trial.trial}:\n  ${problems.join('\n  ')}\n  spec ${JSON.stringify(trial.spec)}`);
    }
  }
}
console.log(`${total} graphs compared, ${mismatches} mismatches, ${crashes} crashed trials; outcomes ${canonical(Object.fromEntries(byOutcome))}`);
process.exitCode = mismatches || crashes ? 1 : 0;
