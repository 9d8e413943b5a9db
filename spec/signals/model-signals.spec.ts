import { specCase, fc, expect, model, type Obj } from '../support/index.js';
import type { SessionSetup } from '../../conformance/contract/schema.js';
import type { SignalEvent } from '../../conformance/contract/results.js';
import { called } from './support.js';

const NOTE = 'tapp.Note';
const DOCS = 'ref/signals/#pre-save';

/** tapp.Note(title, n) and tapp.Log(text); `connect` lists [signal, receiver] pairs for Note. */
function noteSetup(receivers: SessionSetup['receivers'], connect: [string, string][], extra: Partial<SessionSetup> = {}): SessionSetup {
  return {
    apps: [{
      name: 'tapp',
      models: [
        { name: 'Note', fields: [{ name: 'title', type: 'CharField', max_length: 20 }, { name: 'n', type: 'IntegerField', default: 0 }] },
        { name: 'Log', fields: [{ name: 'text', type: 'CharField', max_length: 50 }] },
      ],
    }],
    receivers,
    connect: connect.map(([signal, receiver]) => ({ signal, receiver, sender: model(NOTE) })),
    ...extra,
  };
}

/** Receivers that record how many notes the database holds when they run. */
const COUNTING = [
  { id: 'pre', do: [{ record: { $count: { model: NOTE } } }] },
  { id: 'post', do: [{ record: { $count: { model: NOTE } } }] },
];

/** What a save event says, without the instance's field values: who, which signal, its arguments. */
function saveView(e: SignalEvent) {
  const { instance, ...rest } = e.kwargs as { instance: { $obj: { pk: unknown; h: string } } };
  return { receiver: e.receiver, sender: e.sender, instance: { pk: instance.$obj.pk, h: instance.$obj.h }, ...rest, observed: e.observed };
}

type SaveOp = { kind: 'create' } | { kind: 'explicit'; pk: number } | { kind: 'resave'; index: number };
const saveOp: fc.Arbitrary<SaveOp> = fc.oneof(
  fc.constant({ kind: 'create' as const }),
  fc.record({ kind: fc.constant('explicit' as const), pk: fc.integer({ min: 100, max: 103 }) }),
  fc.record({ kind: fc.constant('resave' as const), index: fc.nat(10) }),
);

specCase(
  {
    id: 'signals.model.save-signals-around-the-write',
    rule: 'Every save sends pre_save(sender, instance, raw=False, using, update_fields=None) before the write and post_save with created=True exactly when a row was inserted after it, so a pre_save receiver does not see a new row and a post_save receiver does.',
    behaviors: ['SIG-SAVE-KWARGS', 'SIG-SAVE-ORDER', 'SIG-CREATED', 'SIG-CREATE-FIRES'],
    needs: ['signals.model', 'models.crud'],
    docs: DOCS,
    setup: noteSetup(COUNTING, [['pre_save', 'pre'], ['post_save', 'post']]),
  },
  async ({ session, property }) => {
    await property(fc.array(saveOp, { minLength: 1, maxLength: 8 }), async (ops) => {
      const saved: Obj[] = [];
      const rows = new Set<number>();
      let nextAuto = 1;
      for (const op of ops) {
        let obj: Obj;
        let pkBefore: number | null;
        let pkAfter: number;
        if (op.kind === 'create' || (op.kind === 'resave' && saved.length === 0)) {
          obj = await session.create(NOTE, { title: 'a' });
          pkBefore = null;
          pkAfter = nextAuto++;
        } else if (op.kind === 'explicit') {
          const fresh = await session.obj({ op: 'new', model: NOTE, values: { id: op.pk, title: 'b' } });
          obj = await session.obj({ op: 'save', obj: fresh.ref });
          pkBefore = pkAfter = op.pk;
        } else {
          const target = saved[op.index % saved.length]!;
          obj = await session.obj({ op: 'save', obj: target.ref });
          pkBefore = pkAfter = target.pk as number;
        }
        const created = !rows.has(pkAfter);
        const before = rows.size;
        rows.add(pkAfter);
        saved.push(obj);
        const sender = { $model: NOTE };
        expect(session.events.map(saveView)).toEqual([
          { receiver: 'pre', sender, instance: { pk: pkBefore, h: obj.h }, raw: false, using: 'default', update_fields: null, observed: [before] },
          { receiver: 'post', sender, instance: { pk: pkAfter, h: obj.h }, created, raw: false, using: 'default', update_fields: null, observed: [rows.size] },
        ]);
      }
    }, { numRuns: 25 });
  },
);

specCase(
  {
    id: 'signals.model.update-fields-as-a-set',
    rule: 'save(update_fields=...) passes the named fields to pre_save and post_save as a set (duplicates collapse, order is lost); an empty list saves nothing and sends nothing.',
    behaviors: ['SIG-SAVE-KWARGS', 'SIG-UPDATE-FIELDS-EDGE'],
    needs: ['signals.model', 'models.crud'],
    docs: 'ref/models/instances/#specifying-which-fields-to-save',
    setup: noteSetup(COUNTING, [['pre_save', 'pre'], ['post_save', 'post']]),
  },
  async ({ session, property }) => {
    await property(fc.array(fc.constantFrom('title', 'n'), { maxLength: 4 }), async (fields) => {
      const note = await session.create(NOTE, { title: 'a' });
      await session.ok({ op: 'save', obj: note.ref, update_fields: fields });
      const set = [...new Set(fields)].sort();
      expect(session.events.map((e) => [e.receiver, e.kwargs.update_fields])).toEqual(set.length ? [['pre', set], ['post', set]] : []);
    });
  },
);

specCase(
  {
    id: 'signals.model.failed-update-fields-saves',
    rule: 'An unknown update_fields name fails with a ValueError before any signal; an update_fields save of an unsaved instance or of a pk with no row sends pre_save, then fails, and sends no post_save.',
    behaviors: ['SIG-UPDATE-FIELDS-EDGE'],
    needs: ['signals.model', 'models.crud'],
    docs: 'ref/models/instances/#specifying-which-fields-to-save',
    setup: noteSetup(COUNTING, [['pre_save', 'pre'], ['post_save', 'post']]),
  },
  async ({ session }) => {
    const observed = [];
    const saved = await session.create(NOTE, { title: 'a' });
    const unsaved = await session.obj({ op: 'new', model: NOTE, values: { title: 'b' } });
    const missing = await session.obj({ op: 'new', model: NOTE, values: { id: 999, title: 'c' } });
    for (const [obj, fields] of [[saved, ['nope']], [unsaved, ['title']], [missing, ['title']]] as const) {
      const error = await session.error({ op: 'save', obj: obj.ref, update_fields: [...fields] });
      observed.push({ error: [error.type, error.message], called: called(session.events) });
    }
    expect(observed).toEqual([
      { error: ['ValueError', 'The following fields do not exist in this model, are m2m fields, primary keys, or are non-concrete fields: nope'], called: [] },
      { error: ['ValueError', 'Cannot force an update in save() with no primary key.'], called: ['pre'] },
      { error: ['DatabaseError', 'Save with update_fields did not affect any rows.'], called: ['pre'] },
    ]);
  },
);

specCase(
  {
    id: 'signals.model.init-signals-on-every-instantiation',
    rule: 'pre_init(args, kwargs) and post_init(instance) are sent for every instance built: Model(**kwargs), objects.create(), and each row loaded from the database (which passes the field values positionally).',
    behaviors: ['SIG-INIT', 'SIG-CREATE-FIRES'],
    needs: ['signals.model', 'models.crud'],
    level: 'optional',
    docs: 'ref/signals/#pre-init',
    setup: noteSetup([{ id: 'pre_i' }, { id: 'post_i' }, { id: 'pre' }, { id: 'post' }], [['pre_init', 'pre_i'], ['post_init', 'post_i'], ['pre_save', 'pre'], ['post_save', 'post']]),
  },
  async ({ session, property }) => {
    await property(fc.string({ maxLength: 20 }), async (title) => {
      const built = await session.obj({ op: 'new', model: NOTE, values: { title } });
      const onNew = session.events.map((e) => [e.receiver, e.kwargs]);
      await session.obj({ op: 'save', obj: built.ref });
      const created = await session.create(NOTE, { title });
      const onCreate = called(session.events);
      const loaded = await session.obj({ op: 'get', model: NOTE, where: { pk: created.pk } });
      const onGet = session.events.map((e) => [e.receiver, e.kwargs]);
      expect({ onNew, onCreate, onGet }).toEqual({
        onNew: [['pre_i', { args: [], kwargs: { title } }], ['post_i', { instance: { $obj: { model: NOTE, pk: null, h: built.h, values: { id: null, title, n: 0 } } } }]],
        onCreate: ['pre_i', 'post_i', 'pre', 'post'],
        onGet: [['pre_i', { args: [created.pk, title, 0], kwargs: {} }], ['post_i', { instance: { $obj: { model: NOTE, pk: created.pk, h: loaded.h, values: { id: created.pk, title, n: 0 } } } }]],
      });
    }, { numRuns: 15 });
  },
);

specCase(
  {
    id: 'signals.model.bulk-operations-send-no-save-signals',
    rule: 'QuerySet.update() and bulk_create() write rows without calling save(), so pre_save and post_save receivers are not called.',
    behaviors: ['SIG-QS-UPDATE-NO-SIGNALS', 'SIG-BULK-CREATE-NO-SIGNALS'],
    needs: ['signals.model', 'models.bulk'],
    seed: 'Seed: "every time a user is created, a matching profile is also created". Django 5.2: bulk_create() and QuerySet.update() bypass save() and its signals.',
    docs: 'ref/models/querysets/#bulk-create',
    setup: noteSetup(COUNTING, [['pre_save', 'pre'], ['post_save', 'post']]),
  },
  async ({ session, property }) => {
    await property(fc.array(fc.string({ maxLength: 10 }), { minLength: 1, maxLength: 5 }), async (titles) => {
      await session.objs({ op: 'bulk_create', model: NOTE, rows: titles.map((title) => ({ title })) });
      const onBulk = called(session.events);
      const updated = await session.ok({ op: 'update', model: NOTE, values: { n: 7 } });
      expect({ onBulk, onUpdate: called(session.events), updated, rows: await session.ok({ op: 'count', model: NOTE }) }).toEqual({
        onBulk: [], onUpdate: [], updated: titles.length, rows: titles.length,
      });
    }, { numRuns: 15 });
  },
);

specCase(
  {
    id: 'signals.model.raw-save-for-fixtures',
    rule: 'A raw save (what loading a fixture does) sends pre_save and post_save with raw=True, and created still says whether a row was inserted.',
    behaviors: ['SIG-RAW'],
    needs: ['signals.model', 'models.crud'],
    level: 'optional',
    docs: 'ref/signals/#pre-save',
    setup: noteSetup(COUNTING, [['pre_save', 'pre'], ['post_save', 'post']]),
  },
  async ({ session }) => {
    const loaded = await session.obj({ op: 'new', model: NOTE, values: { id: 5, title: 'fixture' } });
    await session.ok({ op: 'save', obj: loaded.ref, raw: true });
    const first = session.events.map((e) => [e.receiver, e.kwargs.raw, e.kwargs.created]);
    await session.ok({ op: 'save', obj: loaded.ref, raw: true });
    const second = session.events.map((e) => [e.receiver, e.kwargs.raw, e.kwargs.created]);
    expect([first, second]).toEqual([[['pre', true, undefined], ['post', true, true]], [['pre', true, undefined], ['post', true, false]]]);
  },
);

specCase(
  {
    id: 'signals.model.post-save-error-keeps-the-row',
    rule: 'In autocommit mode the row is written before post_save runs: a post_save receiver that raises makes create() raise, yet the row (and what earlier receivers wrote) stays.',
    behaviors: ['SIG-SAVE-EXC-POST', 'SIG-SYNC'],
    needs: ['signals.model', 'models.crud'],
    docs: 'topics/signals/#listening-to-signals',
    setup: noteSetup(
      [
        { id: 'logger', do: [{ create: { model: 'tapp.Log', values: { text: 'saved' } } }] },
        { id: 'boom', do: [{ raise: { type: 'RuntimeError', message: 'post_save boom' } }] },
      ],
      [['post_save', 'logger'], ['post_save', 'boom']],
    ),
  },
  async ({ session }) => {
    const error = await session.error({ op: 'create', model: NOTE, values: { title: 'a' } });
    expect({
      error: [error.type, error.message],
      called: called(session.events),
      notes: await session.ok({ op: 'count', model: NOTE }),
      logs: await session.ok({ op: 'count', model: 'tapp.Log' }),
    }).toEqual({ error: ['RuntimeError', 'post_save boom'], called: ['logger', 'boom'], notes: 1, logs: 1 });
  },
);

specCase(
  {
    id: 'signals.model.pre-save-error-prevents-the-write',
    rule: 'A pre_save receiver that raises aborts the save: the exception propagates, no row is written and post_save is not sent.',
    behaviors: ['SIG-SAVE-EXC-PRE'],
    needs: ['signals.model', 'models.crud'],
    docs: 'ref/signals/#pre-save',
    setup: noteSetup(
      [{ id: 'boom', do: [{ raise: { type: 'RuntimeError', message: 'pre_save boom' } }] }, { id: 'post' }],
      [['pre_save', 'boom'], ['post_save', 'post']],
    ),
  },
  async ({ session }) => {
    const error = await session.error({ op: 'create', model: NOTE, values: { title: 'a' } });
    expect({ error: [error.type, error.message], called: called(session.events), notes: await session.ok({ op: 'count', model: NOTE }) })
      .toEqual({ error: ['RuntimeError', 'pre_save boom'], called: ['boom'], notes: 0 });
  },
);

specCase(
  {
    id: 'signals.model.receivers-finish-before-save-returns',
    rule: 'Receivers run synchronously inside save(): by the time create() returns, a post_save receiver\'s own writes are in the database.',
    behaviors: ['SIG-SYNC'],
    needs: ['signals.model', 'models.crud'],
    seed: 'Seed: "consider using Celery" for expensive work. Django 5.2: that is because receivers run inline, before save() returns.',
    docs: 'topics/signals/',
    setup: noteSetup([{ id: 'logger', do: [{ create: { model: 'tapp.Log', values: { text: { $get: [{ $arg: 'instance' }, 'title'] } } } }] }], [['post_save', 'logger']]),
  },
  async ({ session, property }) => {
    await property(fc.string({ minLength: 1, maxLength: 20 }), async (title) => {
      await session.create(NOTE, { title });
      const logs = (await session.ok({ op: 'values', model: 'tapp.Log', fields: ['text'] })) as { text: string }[];
      expect(logs).toEqual([{ text: title }]);
    }, { numRuns: 15 });
  },
);

specCase(
  {
    id: 'signals.model.ready-receivers-run-first',
    rule: 'Receivers connected in ready() run before receivers connected later, and the ready() ones run in INSTALLED_APPS order.',
    behaviors: ['SIG-RECEIVER-ORDER-APPS'],
    needs: ['signals.model', 'apps.ready'],
    docs: 'ref/applications/#django.apps.AppConfig.ready',
    setup: {
      apps: [
        { name: 'first', config: { ready: [{ connect: { signal: 'post_save', receiver: 'from_first', sender: model('second.Item') } }] } },
        { name: 'second', config: { ready: [{ connect: { signal: 'post_save', receiver: 'from_second', sender: model('second.Item') } }] }, models: [{ name: 'Item', fields: [{ name: 'name', type: 'CharField', max_length: 10 }] }] },
      ],
      receivers: [{ id: 'from_first' }, { id: 'from_second' }, { id: 'later' }],
      connect: [{ signal: 'post_save', receiver: 'later' }],
    },
  },
  async ({ session }) => {
    await session.create('second.Item', { name: 'x' });
    expect(called(session.events)).toEqual(['from_first', 'from_second', 'later']);
  },
);

specCase(
  {
    id: 'signals.model.proxy-sends-with-its-own-class',
    rule: 'Saving an instance of a proxy model sends the save signals with the proxy class as sender, so a receiver connected for the base model is not called (and the other way round), while both share one table.',
    behaviors: ['SIG-PROXY-SENDER'],
    needs: ['signals.model', 'models.crud'],
    level: 'optional',
    docs: 'topics/db/models/#proxy-models',
    setup: {
      apps: [{
        name: 'tapp',
        models: [
          { name: 'Post', fields: [{ name: 'title', type: 'CharField', max_length: 20 }] },
          { name: 'Pxy', base: 'Post', meta: { proxy: true } },
        ],
      }],
      receivers: [{ id: 'for_post' }, { id: 'for_proxy' }, { id: 'for_any' }],
      connect: [
        { signal: 'post_save', receiver: 'for_post', sender: model('tapp.Post') },
        { signal: 'post_save', receiver: 'for_proxy', sender: model('tapp.Pxy') },
        { signal: 'post_save', receiver: 'for_any' },
      ],
    },
  },
  async ({ session }) => {
    await session.create('tapp.Pxy', { title: 'x' });
    const proxy = session.events.map((e) => [e.receiver, e.sender]);
    await session.create('tapp.Post', { title: 'y' });
    const base = session.events.map((e) => [e.receiver, e.sender]);
    expect({ proxy, base, rows: [await session.ok({ op: 'count', model: 'tapp.Post' }), await session.ok({ op: 'count', model: 'tapp.Pxy' })] }).toEqual({
      proxy: [['for_proxy', { $model: 'tapp.Pxy' }], ['for_any', { $model: 'tapp.Pxy' }]],
      base: [['for_post', { $model: 'tapp.Post' }], ['for_any', { $model: 'tapp.Post' }]],
      rows: [2, 2],
    });
  },
);
