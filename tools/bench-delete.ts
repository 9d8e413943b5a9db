/**
 * Deleting a parent with N CASCADE children in the reference: the SQL statements and the wall time
 * of `parent.delete()`, with no delete receivers (children deleted by key, Django's fast delete)
 * and with a post_delete receiver on the child model (children loaded, deleted 100 pks at a time).
 *
 *     npx tsx tools/bench-delete.ts            # N = 10, 1,000 and 100,000
 *     npx tsx tools/bench-delete.ts 10 1000    # chosen sizes
 */
import { ReferenceImplementation } from '../reference/adapter/implementation.js';
import type { SessionSetup } from '../conformance/contract/schema.js';
import type { Session } from '../conformance/contract/implementation.js';
import type { Command } from '../conformance/contract/commands.js';

const sizes = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n >= 0);

function setup(receiver: boolean): SessionSetup {
  return {
    apps: [{ name: 'bench', models: [{ name: 'Parent', fields: [{ name: 'name', type: 'CharField', max_length: 10 }] }, { name: 'Child', fields: [{ name: 'parent', type: 'ForeignKey', to: 'Parent', on_delete: 'CASCADE' }] }] }],
    receivers: [{ id: 'listener' }],
    connect: receiver ? [{ signal: 'post_delete', receiver: 'listener', sender: { $model: 'bench.Child' } }] : [],
  };
}

async function ok(session: Session, command: Command) {
  const response = await session.run(command);
  if (!response.ok) throw new Error(`${command.op}: ${response.error.type}: ${response.error.message}`);
  return response.value;
}

async function measure(n: number, receiver: boolean) {
  const implementation = new ReferenceImplementation();
  const opened = await implementation.open(setup(receiver));
  const session = opened.session!;
  try {
    const parent = (await ok(session, { op: 'create', model: 'bench.Parent', values: { name: 'p' } })) as { $obj: { h: string; pk: number } };
    for (let done = 0; done < n; done += 1000) {
      const rows = Array.from({ length: Math.min(1000, n - done) }, () => ({ parent_id: parent.$obj.pk }));
      await ok(session, { op: 'bulk_create', model: 'bench.Child', rows });
    }
    const started = performance.now();
    const result = await ok(session, { op: 'delete', obj: { $h: parent.$obj.h } });
    const ms = performance.now() - started;
    const statements = await ok(session, { op: 'captured_queries' });
    return { n, receiver: receiver ? 'post_delete on Child' : 'none', statements, ms: Math.round(ms), deleted: (result as [number])[0] };
  } finally {
    await session.close();
  }
}

const rows = [];
for (const n of sizes.length ? sizes : [10, 1_000, 100_000]) {
  for (const receiver of [false, true]) {
    const row = await measure(n, receiver);
    rows.push(row);
    console.log(JSON.stringify(row));
  }
}
console.table(rows);
