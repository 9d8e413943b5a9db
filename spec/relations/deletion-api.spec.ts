import { specCase, expect, type SpecSession } from '../support/index.js';

const name = { name: 'name', type: 'CharField' as const, max_length: 30 };
const parentAndChildren = (extra: Record<string, unknown> = {}) => ({
  apps: [
    {
      name: 'del',
      models: [
        { name: 'Parent', fields: [name] },
        { name: 'Child', fields: [{ name: 'parent', type: 'ForeignKey' as const, to: 'Parent', on_delete: 'CASCADE' as const }], ...extra },
        { name: 'Log', fields: [name] },
        // A DO_NOTHING key into Child (never filled here) does not stop Django's fast delete of children.
        { name: 'Mark', fields: [{ name: 'child', type: 'ForeignKey' as const, to: 'Child', on_delete: 'DO_NOTHING' as const, null: true }] },
      ],
    },
  ],
  receivers: [{ id: 'listener' }],
});

async function family(session: SpecSession, children: number) {
  const parent = await session.create('del.Parent', { name: 'p' });
  if (children) await session.ok({ op: 'bulk_create', model: 'del.Child', rows: Array.from({ length: children }, () => ({ parent_id: parent.pk })) });
  return parent;
}

specCase(
  {
    id: 'relations.deletion-api.overridden-delete-not-called-by-cascades',
    rule: 'A model\'s own delete() runs only for instance.delete(): deleting its parent (cascade) or a queryset of it does not call it.',
    behaviors: ['DEL-CASCADE-NO-OVERRIDE'],
    needs: ['delete.cascade', 'models.delete_override'],
    docs: 'topics/db/models/#overriding-predefined-model-methods',
    setup: parentAndChildren({ delete_override: { before: [{ create: { model: 'del.Log', values: { name: 'child.delete()' } } }] } }),
  },
  async ({ session }) => {
    const logs = () => session.ok({ op: 'count', model: 'del.Log' });
    const first = await family(session, 2);
    const cascaded = await session.ok({ op: 'delete', obj: first.ref });
    const afterCascade = await logs();
    await family(session, 2);
    const queryset = await session.ok({ op: 'delete', model: 'del.Child', where: {} });
    const afterQuerySet = await logs();
    const third = await family(session, 1);
    const [child] = await session.objs({ op: 'filter', model: 'del.Child', where: { parent: third.ref } });
    const own = await session.ok({ op: 'delete', obj: child!.ref });
    expect({ cascaded, afterCascade, queryset, afterQuerySet, own, afterOwn: await logs() }).toEqual({
      cascaded: [3, { 'del.Child': 2, 'del.Parent': 1 }],
      afterCascade: 0,
      queryset: [2, { 'del.Child': 2 }],
      afterQuerySet: 0,
      own: [1, { 'del.Child': 1 }],
      afterOwn: 1,
    });
  },
);

specCase(
  {
    id: 'relations.deletion-api.sliced-or-values-queryset-refused',
    rule: 'QuerySet.delete() raises TypeError on a sliced queryset ("Cannot use \'limit\' or \'offset\' with delete().") and after values() ("Cannot call delete() after .values() or .values_list()"), deleting nothing.',
    behaviors: ['DEL-QS-RESTRICTIONS'],
    needs: ['delete.cascade', 'delete.queryset_forms'],
    level: 'optional',
    setup: parentAndChildren(),
  },
  async ({ session }) => {
    await family(session, 2);
    const sliced = await session.error({ op: 'delete', model: 'del.Child', where: {}, limit: 1 });
    const values = await session.error({ op: 'delete', model: 'del.Child', where: {}, values: ['id'] });
    expect([{ type: sliced.type, message: sliced.message }, { type: values.type, message: values.message }, await session.ok({ op: 'count', model: 'del.Child' })]).toEqual([
      { type: 'TypeError', message: "Cannot use 'limit' or 'offset' with delete()." },
      { type: 'TypeError', message: 'Cannot call delete() after .values() or .values_list()' },
      2,
    ]);
  },
);

/** Sizes on both sides of Django's 100-pk chunks, and on one (a table: each size creates its rows in one bulk_create). */
const SIZES = [0, 1, 10, 100, 150, 250];

/** Statements to delete a parent of `children` (or, with `queryset`, all the children by one QuerySet.delete()). */
async function statementsToDelete(session: SpecSession, children: number, queryset = false): Promise<number> {
  await session.reset();
  const parent = await family(session, children);
  await session.ok(queryset ? { op: 'delete', model: 'del.Child', where: {} } : { op: 'delete', obj: parent.ref });
  return (await session.ok({ op: 'captured_queries' })) as number;
}

specCase(
  {
    id: 'relations.deletion-api.cascade-statements-independent-of-children',
    rule: 'Without delete receivers, deleting a parent with N CASCADE children that only DO_NOTHING keys point at, or deleting N such children by one QuerySet.delete(), takes the same number of SQL statements for every N (the rows are deleted by key, not loaded).',
    behaviors: ['DEL-QUERIES'],
    needs: ['delete.cascade', 'db.queries', 'models.bulk'],
    level: 'optional',
    setup: parentAndChildren(),
  },
  async ({ session }) => {
    const counts: number[] = [];
    for (const n of SIZES) counts.push(await statementsToDelete(session, n));
    expect(counts).toEqual(SIZES.map(() => counts[0]));
    const querysetCounts: number[] = [];
    for (const n of SIZES) querysetCounts.push(await statementsToDelete(session, n, true));
    expect(querysetCounts).toEqual(SIZES.map(() => querysetCounts[0]));
  },
);

specCase(
  {
    id: 'relations.deletion-api.child-receiver-loads-and-chunks',
    rule: 'With a delete receiver on the child model, Django loads the children and deletes them 100 pks per statement, so deleting a parent with N ≥ 1 children takes ceil(N/100) - 1 statements more than with one child.',
    behaviors: ['DEL-QUERIES'],
    needs: ['delete.cascade', 'db.queries', 'models.bulk', 'signals.deletion'],
    level: 'optional',
    setup: { ...parentAndChildren(), connect: [{ signal: 'post_delete', receiver: 'listener', sender: { $model: 'del.Child' } }] },
  },
  async ({ session }) => {
    const sizes = SIZES.filter((n) => n >= 1);
    const counts: number[] = [];
    for (const n of sizes) counts.push(await statementsToDelete(session, n));
    expect(counts.map((c) => c - counts[0]!)).toEqual(sizes.map((n) => Math.ceil(n / 100) - 1));
  },
);

/** A parent and two nullable referrers updated on delete: SET_NULL, and SET(None). */
const parentAndReferrers = {
  apps: [
    {
      name: 'del',
      models: [
        { name: 'Parent', fields: [name] },
        { name: 'Holder', fields: [{ name: 'parent', type: 'ForeignKey' as const, to: 'Parent', on_delete: 'SET_NULL' as const, null: true }] },
        { name: 'Keeper', fields: [{ name: 'parent', type: 'ForeignKey' as const, to: 'Parent', on_delete: { SET: null }, null: true }] },
      ],
    },
  ],
};

specCase(
  {
    id: 'relations.deletion-api.set-null-updates-without-loading',
    rule: 'SET_NULL and SET(value) update the referrers with one UPDATE by key, without loading them: deleting a parent takes the same number of statements with no referrer as with many, and every referrer ends up NULL.',
    behaviors: ['DEL-QUERIES', 'DEL-SET-NULL', 'DEL-SET-VALUE'],
    needs: ['delete.set', 'db.queries', 'models.bulk'],
    level: 'optional',
    setup: parentAndReferrers,
  },
  async ({ session }) => {
    const counts: number[] = [];
    const left: unknown[] = [];
    for (const n of SIZES) {
      await session.reset();
      const parent = await session.create('del.Parent', { name: 'p' });
      for (const model of ['del.Holder', 'del.Keeper']) {
        if (n) await session.ok({ op: 'bulk_create', model, rows: Array.from({ length: n }, () => ({ parent_id: parent.pk })) });
      }
      await session.ok({ op: 'delete', obj: parent.ref });
      counts.push((await session.ok({ op: 'captured_queries' })) as number);
      for (const model of ['del.Holder', 'del.Keeper']) left.push(await session.ok({ op: 'count', model, where: { parent__isnull: true } }));
    }
    expect({ counts, left }).toEqual({ counts: SIZES.map(() => counts[0]), left: SIZES.flatMap((n) => [n, n]) });
  },
);
