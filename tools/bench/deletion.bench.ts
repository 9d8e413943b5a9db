/**
 * Deleting a parent with N CASCADE children in the reference, on each database: the SQL
 * statements (`captured_queries`) and the wall time of `parent.delete()`, with no delete receivers
 * (the children are deleted by key without being loaded: Django's fast delete) and with a
 * post_delete receiver on the child model (the children are loaded, signalled and deleted 100
 * pks per statement). Django 5.2 itself takes 4 statements without receivers for any N, and
 * 4 + ceil(N/100) with one (BEGIN and COMMIT included).
 */
import type { Session } from '../../conformance/contract/implementation.js';
import type { SessionSetup } from '../../conformance/contract/schema.js';
import { ReferenceImplementation } from '../../reference/adapter/implementation.js';
import { closeDatabases } from '../../reference/db/database.js';
import { type BenchModule, type BenchOptions, type BenchTable, median, ms, must, timed } from './harness.js';

const SIZES = [10, 1_000, 100_000];
/** Building 100,000 rows on pg-mem (which checks foreign keys in the reference, row by row) takes too long. */
const PG_MEM_MAX = 1_000;

function setup(receiver: boolean): SessionSetup {
  return {
    apps: [{ name: 'bench', models: [{ name: 'Parent', fields: [{ name: 'name', type: 'CharField', max_length: 10 }] }, { name: 'Child', fields: [{ name: 'parent', type: 'ForeignKey', to: 'Parent', on_delete: 'CASCADE' }] }] }],
    receivers: [{ id: 'listener' }],
    connect: receiver ? [{ signal: 'post_delete', receiver: 'listener', sender: { $model: 'bench.Child' } }] : [],
  };
}

async function deleteParent(session: Session, n: number): Promise<{ ms: number; statements: number }> {
  await must(session, { op: 'reset' });
  const parent = (await must(session, { op: 'create', model: 'bench.Parent', values: { name: 'p' } })) as { $obj: { h: string; pk: number } };
  for (let done = 0; done < n; done += 1000) {
    await must(session, { op: 'bulk_create', model: 'bench.Child', rows: Array.from({ length: Math.min(1000, n - done) }, () => ({ parent_id: parent.$obj.pk })) });
  }
  const { ms: elapsed } = await timed(() => must(session, { op: 'delete', obj: { $h: parent.$obj.h } }));
  return { ms: elapsed, statements: (await must(session, { op: 'captured_queries' })) as number };
}

const bench: BenchModule = {
  name: 'deletion',
  async run(options: BenchOptions, print: (table: BenchTable) => void) {
    const impl = new ReferenceImplementation();
    const rows: (string | number)[][] = [];
    const notes: string[] = [];
    for (const db of options.databases) {
      if (db === 'postgres' && !process.env.DATABASE_URL) {
        notes.push('not measured: postgres (DATABASE_URL is not set)');
        continue;
      }
      process.env.DJSPEC_DB = db;
      for (const n of SIZES) {
        if (db === 'pg-mem' && n > PG_MEM_MAX) {
          notes.push(`pg-mem: N = ${n.toLocaleString('en')} not measured (building the rows through pg-mem takes too long)`);
          continue;
        }
        for (const receiver of [false, true]) {
          const opened = await impl.open(setup(receiver));
          if (!opened.session) throw new Error(`the bench project failed to start on ${db}`);
          try {
            const samples = n >= 100_000 ? 1 : Math.min(options.samples, 3);
            const figures = [];
            for (let i = 0; i < samples; i++) figures.push(await deleteParent(opened.session, n));
            rows.push([db, n.toLocaleString('en'), receiver ? 'post_delete on Child' : 'none', median(figures.map((f) => f.statements)), ms(median(figures.map((f) => f.ms)))]);
          } finally {
            await opened.session.close();
          }
        }
      }
      await closeDatabases();
    }
    delete process.env.DJSPEC_DB;
    print({
      title: 'Reference: deleting a parent with N CASCADE children',
      columns: ['database', 'N', 'delete receivers', 'SQL statements', 'delete (ms, median)'],
      rows,
      notes: [
        'Django 5.2 (measured, SQLite and PostgreSQL): 4 statements for any N without receivers; 4 + ceil(N/100) with a receiver on the child.',
        'On pg-mem the reference adds one statement per delete: the foreign key check that PostgreSQL would do at COMMIT.',
        ...notes,
      ],
    });
  },
};

export default bench;
