import { specCase, fc, expect, type SpecSession, type Obj } from '../support/index.js';
import type { Response } from '../../conformance/contract/results.js';

/**
 * The on_delete policies on small, named models (Django's own tests/delete style). The random-graph
 * cases in deletion-graphs.spec.ts check the same rules on arbitrary graphs against the oracle.
 */

const fk = (to: string, on_delete: unknown, extra: Record<string, unknown> = {}) => ({ type: 'ForeignKey' as const, to, on_delete: on_delete as 'CASCADE', ...extra });
const name = { name: 'name', type: 'CharField' as const, max_length: 30 };
const app = (models: unknown[], extra: Record<string, unknown> = {}) => ({ apps: [{ name: 'del', models: models as never }], ...extra });
const refs = (objects: unknown[] | undefined) => (objects ?? []).map((o) => (o as { $obj: { model: string; pk: unknown } }).$obj).map(({ model, pk }) => [model, pk]);
const outcome = (r: Response) => (r.ok ? r.value : { type: r.error.type, isa: r.error.isa, message: r.error.message, objects: refs(r.error.objects) });
/** ProtectedError and RestrictedError are IntegrityErrors. */
const BLOCKED_ISA = ['IntegrityError', 'DatabaseError'];
const deleteEvents = (session: SpecSession) =>
  session.events.filter((e) => e.signal === 'pre_delete' || e.signal === 'post_delete').map((e) => [e.signal, (e.kwargs.instance as { $obj: { model: string; pk: unknown } }).$obj.model, (e.kwargs.instance as { $obj: { pk: unknown } }).$obj.pk]);
const listenAll = { receivers: [{ id: 'listener' }], connect: [{ signal: ['pre_delete', 'post_delete'], receiver: 'listener' }] };

async function make(session: SpecSession, model: string, rows: Array<Record<string, unknown>>): Promise<Obj[]> {
  const out = [];
  for (const values of rows) out.push(await session.create(model, values as never));
  return out;
}

specCase(
  {
    id: 'relations.on-delete.seed-user-posts-cascade',
    rule: 'Deleting a user deletes all their posts (CASCADE), and delete() returns the total and the count per model label.',
    behaviors: ['DEL-CASCADE', 'DEL-RETURN'],
    needs: ['delete.cascade', 'relations.fk'],
    docs: 'ref/models/fields/#django.db.models.CASCADE',
    setup: {
      apps: [
        { name: 'django.contrib.contenttypes' }, { name: 'django.contrib.auth' },
        { name: 'blog', models: [{ name: 'Post', fields: [{ name: 'user', ...fk('auth.User', 'CASCADE') }, { name: 'title', type: 'CharField' as const, max_length: 50 }] }] },
      ],
    },
  },
  async ({ session, property }) => {
    await property(fc.array(fc.nat({ max: 1 }), { maxLength: 5 }), async (owners) => {
      const users = await make(session, 'auth.User', [{ username: 'a' }, { username: 'b' }]);
      for (const [i, owner] of owners.entries()) await session.create('blog.Post', { user: users[owner]!.ref, title: `p${i}` });
      const mine = owners.filter((o) => o === 0).length;
      expect(await session.ok({ op: 'delete', obj: users[0]!.ref })).toEqual([mine + 1, { ...(mine ? { 'blog.Post': mine } : {}), 'auth.User': 1 }]);
      expect(await session.ok({ op: 'count', model: 'blog.Post' })).toBe(owners.length - mine);
    }, { numRuns: 10 });
  },
);

const music = (songReceiver: boolean) =>
  app(
    [
      { name: 'Artist', fields: [name] },
      { name: 'Album', fields: [{ name: 'artist', ...fk('Artist', 'CASCADE') }] },
      { name: 'Song', fields: [{ name: 'artist', ...fk('Artist', 'CASCADE') }, { name: 'album', ...fk('Album', 'RESTRICT') }] },
    ],
    songReceiver ? { receivers: [{ id: 'listener' }], connect: [{ signal: 'pre_delete', receiver: 'listener', sender: { $model: 'del.Song' } }] } : {},
  );

specCase(
  {
    id: 'relations.on-delete.restrict-docs-example',
    rule: 'In Django\'s Artist/Album/Song example, deleting album_one or artist_two raises RestrictedError naming \'Song.album\', while deleting artist_one removes its two songs and its album: (4, {del.Song: 2, del.Album: 1, del.Artist: 1}).',
    behaviors: ['DEL-RESTRICT-DOCS', 'DEL-RESTRICT-ERROR'],
    needs: ['delete.restrict', 'delete.cascade'],
    seed: 'Seed: only names models.RESTRICT. Django 5.2: as the docs describe, except that the result keys carry the app label (\'del.Song\', not \'Song\').',
    docs: 'ref/models/fields/#django.db.models.RESTRICT',
  },
  async ({ open }) => {
    for (const withReceiver of [false, true]) {
      const opened = await open(music(withReceiver));
      if (!opened.ok) throw new Error(opened.error.message);
      const session = opened.session;
      const [artistOne, artistTwo] = await make(session, 'del.Artist', [{ name: 'artist-one' }, { name: 'artist-two' }]);
      const [albumOne, albumTwo] = await make(session, 'del.Album', [{ artist: artistOne!.ref }, { artist: artistTwo!.ref }]);
      const [songOne, songTwo] = await make(session, 'del.Song', [{ artist: artistOne!.ref, album: albumOne!.ref }, { artist: artistOne!.ref, album: albumTwo!.ref }]);
      expect([
        outcome(await session.run({ op: 'delete', obj: albumOne!.ref })),
        outcome(await session.run({ op: 'delete', obj: artistTwo!.ref })),
        outcome(await session.run({ op: 'delete', obj: artistOne!.ref })),
      ]).toEqual([
        { type: 'RestrictedError', isa: BLOCKED_ISA, message: "Cannot delete some instances of model 'Album' because they are referenced through restricted foreign keys: 'Song.album'.", objects: [['del.Song', songOne!.pk]] },
        { type: 'RestrictedError', isa: BLOCKED_ISA, message: "Cannot delete some instances of model 'Artist' because they are referenced through restricted foreign keys: 'Song.album'.", objects: [['del.Song', songTwo!.pk]] },
        [4, { 'del.Song': 2, 'del.Album': 1, 'del.Artist': 1 }],
      ]);
      expect([await session.ok({ op: 'count', model: 'del.Artist' }), await session.ok({ op: 'count', model: 'del.Album' }), await session.ok({ op: 'count', model: 'del.Song' })]).toEqual([1, 1, 0]);
    }
  },
);

specCase(
  {
    id: 'relations.on-delete.protect-nested-and-multiple',
    rule: 'A PROTECT reached through cascades blocks the delete and Django\'s message names the root\'s own relation that led to it; several protecting relations are all listed, and nothing is deleted.',
    behaviors: ['DEL-PROTECT-NESTED', 'DEL-PROTECT-MULTI', 'DEL-PROTECT-ERROR', 'DEL-PROTECT-NO-SIDE-EFFECTS'],
    needs: ['delete.protect', 'delete.cascade', 'signals.deletion'],
    setup: app(
      [
        { name: 'ChainA', fields: [name] },
        { name: 'ChainB', fields: [{ name: 'a', ...fk('ChainA', 'CASCADE') }] },
        { name: 'ChainC', fields: [{ name: 'b', ...fk('ChainB', 'CASCADE') }] },
        { name: 'ChainD', fields: [{ name: 'c', ...fk('ChainC', 'PROTECT') }] },
        { name: 'Product', fields: [{ name: 'category', ...fk('ChainA', 'PROTECT') }] },
        { name: 'Product2', fields: [{ name: 'category', ...fk('ChainA', 'PROTECT') }] },
      ],
      listenAll,
    ),
  },
  async ({ session }) => {
    const [a, other] = await make(session, 'del.ChainA', [{ name: 'a' }, { name: 'other' }]);
    const [b] = await make(session, 'del.ChainB', [{ a: a!.ref }]);
    const [c] = await make(session, 'del.ChainC', [{ b: b!.ref }]);
    const [d] = await make(session, 'del.ChainD', [{ c: c!.ref }]);
    const products = await make(session, 'del.Product', [{ category: other!.ref }, { category: other!.ref }]);
    const [p2] = await make(session, 'del.Product2', [{ category: other!.ref }]);
    const nested = outcome(await session.run({ op: 'delete', obj: a!.ref }));
    const nestedEvents = deleteEvents(session);
    const fromC = outcome(await session.run({ op: 'delete', obj: c!.ref }));
    const multi = outcome(await session.run({ op: 'delete', model: 'del.ChainA', where: { name: 'other' } }));
    expect({ nested, nestedEvents, fromC, multi }).toEqual({
      nested: { type: 'ProtectedError', isa: BLOCKED_ISA, message: "Cannot delete some instances of model 'ChainA' because they are referenced through protected foreign keys: 'ChainB.a'.", objects: [['del.ChainD', d!.pk]] },
      nestedEvents: [],
      fromC: { type: 'ProtectedError', isa: BLOCKED_ISA, message: "Cannot delete some instances of model 'ChainC' because they are referenced through protected foreign keys: 'ChainD.c'.", objects: [['del.ChainD', d!.pk]] },
      multi: {
        type: 'ProtectedError',
        isa: BLOCKED_ISA,
        message: "Cannot delete some instances of model 'ChainA' because they are referenced through protected foreign keys: 'Product.category', 'Product2.category'.",
        objects: [...products.map((p) => ['del.Product', p.pk]), ['del.Product2', p2!.pk]],
      },
    });
    const counts = [];
    for (const m of ['ChainA', 'ChainB', 'ChainC', 'ChainD', 'Product', 'Product2']) counts.push(await session.ok({ op: 'count', model: `del.${m}` }));
    expect(counts).toEqual([2, 1, 1, 1, 2, 1]);
    expect(await session.ok({ op: 'read', obj: a!.ref, attr: 'pk' })).toBe(a!.pk);
  },
);

specCase(
  {
    id: 'relations.on-delete.restrict-same-queryset',
    rule: 'A self-referencing RESTRICT blocks deleting the parent alone but not a queryset that deletes parent and child together.',
    behaviors: ['DEL-RESTRICT-SAME-QUERYSET'],
    needs: ['delete.restrict'],
    setup: app([{ name: 'RNode', fields: [name, { name: 'parent', ...fk('self', 'RESTRICT', { null: true }) }] }]),
  },
  async ({ session }) => {
    const [parent] = await make(session, 'del.RNode', [{ name: 'p' }]);
    const [child] = await make(session, 'del.RNode', [{ name: 'c', parent: parent!.ref }]);
    expect([
      outcome(await session.run({ op: 'delete', obj: parent!.ref })),
      outcome(await session.run({ op: 'delete', model: 'del.RNode', where: { pk__in: [parent!.pk, child!.pk] } })),
    ]).toEqual([
      { type: 'RestrictedError', isa: BLOCKED_ISA, message: "Cannot delete some instances of model 'RNode' because they are referenced through restricted foreign keys: 'RNode.parent'.", objects: [['del.RNode', child!.pk]] },
      [2, { 'del.RNode': 2 }],
    ]);
  },
);

specCase(
  {
    id: 'relations.on-delete.restrict-through-two-keys',
    rule: 'A model restricting the delete through two keys (one met through a cascade, one directly) is named once per key, in the order the collector met them, with the blocking rows of both (by pk).',
    behaviors: ['DEL-RESTRICT-ERROR', 'DEL-PROTECT-NO-SIDE-EFFECTS'],
    needs: ['delete.restrict', 'delete.cascade'],
    setup: app([
      { name: 'Singer', fields: [name] },
      { name: 'Record', fields: [{ name: 'singer', ...fk('Singer', 'CASCADE') }] },
      { name: 'Track', fields: [{ name: 'record', ...fk('Record', 'RESTRICT') }, { name: 'singer', ...fk('Singer', 'RESTRICT') }] },
    ]),
  },
  async ({ session }) => {
    const [mine, theirs] = await make(session, 'del.Singer', [{ name: 'mine' }, { name: 'theirs' }]);
    const [myRecord, theirRecord] = await make(session, 'del.Record', [{ singer: mine!.ref }, { singer: theirs!.ref }]);
    // The collector meets the second track first (through the record): `objects` still go by pk.
    const [sungByMe, onMyRecord] = await make(session, 'del.Track', [{ record: theirRecord!.ref, singer: mine!.ref }, { record: myRecord!.ref, singer: theirs!.ref }]);
    expect(outcome(await session.run({ op: 'delete', obj: mine!.ref }))).toEqual({
      type: 'RestrictedError',
      isa: BLOCKED_ISA,
      message: "Cannot delete some instances of model 'Singer' because they are referenced through restricted foreign keys: 'Track.record', 'Track.singer'.",
      objects: [['del.Track', sungByMe!.pk], ['del.Track', onMyRecord!.pk]],
    });
    const counts = [];
    for (const m of ['Singer', 'Record', 'Track']) counts.push(await session.ok({ op: 'count', model: `del.${m}` }));
    expect(counts).toEqual([2, 2, 2]);
  },
);

specCase(
  {
    id: 'relations.on-delete.cascade-past-a-do-nothing-referrer',
    rule: 'A model that other models reference through CASCADE as well as DO_NOTHING is collected row by row, so the cascade goes on to its own referrers.',
    behaviors: ['DEL-CASCADE', 'DEL-DO-NOTHING', 'DEL-RETURN'],
    needs: ['delete.cascade', 'delete.do_nothing'],
    setup: app([
      { name: 'Top', fields: [name] },
      { name: 'Mid', fields: [{ name: 'top', ...fk('Top', 'CASCADE') }] },
      { name: 'Leaf', fields: [{ name: 'mid', ...fk('Mid', 'CASCADE') }] },
      { name: 'Tag', fields: [{ name: 'mid', ...fk('Mid', 'DO_NOTHING', { null: true }) }] },
    ]),
  },
  async ({ session }) => {
    const [top] = await make(session, 'del.Top', [{ name: 't' }]);
    const mids = await make(session, 'del.Mid', [{ top: top!.ref }, { top: top!.ref }]);
    await make(session, 'del.Leaf', mids.map((mid) => ({ mid: mid.ref })));
    await make(session, 'del.Tag', [{ mid: null }]);
    expect(await session.ok({ op: 'delete', obj: top!.ref })).toEqual([5, { 'del.Leaf': 2, 'del.Mid': 2, 'del.Top': 1 }]);
    expect([await session.ok({ op: 'count', model: 'del.Leaf' }), await session.ok({ op: 'count', model: 'del.Tag' })]).toEqual([0, 1]);
  },
);

specCase(
  {
    id: 'relations.on-delete.signal-order-by-nullability',
    rule: 'With a NOT NULL CASCADE key the children\'s delete signals come before the parent\'s; with a nullable one the parent\'s come first; pre_delete in ascending pk, post_delete in descending pk.',
    behaviors: ['DEL-SIGNAL-MODEL-ORDER', 'DEL-SIGNAL-PHASES'],
    needs: ['delete.cascade', 'signals.deletion'],
    level: 'optional',
    setup: app(
      [
        { name: 'MParent', fields: [name] },
        { name: 'MChild', fields: [{ name: 'parent', ...fk('MParent', 'CASCADE') }] },
        { name: 'NParent', fields: [name] },
        { name: 'NChild', fields: [{ name: 'parent', ...fk('NParent', 'CASCADE', { null: true }) }] },
      ],
      listenAll,
    ),
  },
  async ({ session }) => {
    const [m] = await make(session, 'del.MParent', [{ name: 'm' }]);
    await make(session, 'del.MChild', [{ parent: m!.ref }, { parent: m!.ref }]);
    const [n] = await make(session, 'del.NParent', [{ name: 'n' }]);
    await make(session, 'del.NChild', [{ parent: n!.ref }, { parent: n!.ref }]);
    await session.ok({ op: 'delete', obj: m!.ref });
    const nonNull = deleteEvents(session);
    await session.ok({ op: 'delete', obj: n!.ref });
    const nullable = deleteEvents(session);
    expect({ nonNull, nullable }).toEqual({
      nonNull: [['pre_delete', 'del.MChild', 1], ['pre_delete', 'del.MChild', 2], ['pre_delete', 'del.MParent', 1], ['post_delete', 'del.MChild', 2], ['post_delete', 'del.MChild', 1], ['post_delete', 'del.MParent', 1]],
      nullable: [['pre_delete', 'del.NParent', 1], ['pre_delete', 'del.NChild', 1], ['pre_delete', 'del.NChild', 2], ['post_delete', 'del.NParent', 1], ['post_delete', 'del.NChild', 2], ['post_delete', 'del.NChild', 1]],
    });
  },
);

specCase(
  {
    id: 'relations.on-delete.signal-order-by-pk-whatever-the-path',
    rule: 'Within one model, pre_delete goes by ascending pk and post_delete by descending pk, as numbers, even when the cascade reaches the higher pk first.',
    behaviors: ['DEL-SIGNAL-MODEL-ORDER'],
    needs: ['delete.cascade', 'signals.deletion'],
    level: 'optional',
    setup: app(
      [
        { name: 'Root', fields: [name] },
        // Root's relations in Django's order: Twig.root first, then Branch.root (models in definition order).
        { name: 'Twig', fields: [{ name: 'root', ...fk('Root', 'CASCADE') }, { name: 'branch', ...fk('Branch', 'CASCADE', { null: true }) }] },
        { name: 'Branch', fields: [{ name: 'root', ...fk('Root', 'CASCADE') }] },
      ],
      listenAll,
    ),
  },
  async ({ session }) => {
    const [root, other] = await make(session, 'del.Root', [{ name: 'root' }, { name: 'other' }]);
    const [branch] = await make(session, 'del.Branch', [{ root: root!.ref }]);
    // Twigs 1-8 stay; twig 9 is reached through the branch, twig 10 directly from the root (found first).
    await make(session, 'del.Twig', Array.from({ length: 8 }, () => ({ root: other!.ref })));
    const [viaBranch, direct] = await make(session, 'del.Twig', [{ root: other!.ref, branch: branch!.ref }, { root: root!.ref }]);
    expect([viaBranch!.pk, direct!.pk]).toEqual([9, 10]);
    await session.ok({ op: 'delete', obj: root!.ref });
    const twigs = deleteEvents(session).filter(([, model]) => model === 'del.Twig');
    expect(twigs).toEqual([['pre_delete', 'del.Twig', 9], ['pre_delete', 'del.Twig', 10], ['post_delete', 'del.Twig', 10], ['post_delete', 'del.Twig', 9]]);
  },
);

specCase(
  {
    id: 'relations.on-delete.set-null-check-and-runtime',
    rule: 'on_delete=SET_NULL on a non-nullable key is system check error fields.E320; forced anyway, the delete fails with IntegrityError and deletes nothing.',
    behaviors: ['DEL-SET-NULL-CHECK', 'DEL-SET-NULL'],
    needs: ['delete.set', 'models.checks'],
    setup: app([{ name: 'Author', fields: [name] }, { name: 'BadSetNull', fields: [{ name: 'author', ...fk('Author', 'SET_NULL') }] }]),
  },
  async ({ session }) => {
    // Only the field checks: other checks (such as models.W042 for an unset DEFAULT_AUTO_FIELD) are not this case's subject.
    const checks = ((await session.ok({ op: 'check' })) as Array<Record<string, unknown>>).filter((c) => String(c.id).startsWith('fields.'));
    expect(checks.map(({ id, msg, obj }) => ({ id, msg, obj }))).toEqual([{ id: 'fields.E320', msg: 'Field specifies on_delete=SET_NULL, but cannot be null.', obj: 'del.BadSetNull.author' }]);
    const [author] = await make(session, 'del.Author', [{ name: 'a' }]);
    await make(session, 'del.BadSetNull', [{ author: author!.ref }]);
    expect((await session.error({ op: 'delete', obj: author!.ref })).type).toBe('IntegrityError');
    expect([await session.ok({ op: 'count', model: 'del.Author' }), await session.ok({ op: 'values', model: 'del.BadSetNull', fields: ['author_id'] })]).toEqual([1, [{ author_id: author!.pk }]]);
  },
);

specCase(
  {
    id: 'relations.on-delete.set-default-needs-default',
    rule: 'on_delete=SET_DEFAULT without a default is system check error fields.E321.',
    behaviors: ['DEL-SET-DEFAULT'],
    needs: ['delete.set', 'models.checks'],
    setup: app([{ name: 'Author', fields: [name] }, { name: 'Review', fields: [{ name: 'author', ...fk('Author', 'SET_DEFAULT', { null: true }) }] }]),
  },
  async ({ session }) => {
    // Only the field checks: other checks (such as models.W042 for an unset DEFAULT_AUTO_FIELD) are not this case's subject.
    const checks = ((await session.ok({ op: 'check' })) as Array<Record<string, unknown>>).filter((c) => String(c.id).startsWith('fields.'));
    expect(checks.map(({ id, msg, obj }) => ({ id, msg, obj }))).toEqual([{ id: 'fields.E321', msg: 'Field specifies on_delete=SET_DEFAULT, but has no default value.', obj: 'del.Review.author' }]);
  },
);

specCase(
  {
    id: 'relations.on-delete.set-value-and-callable',
    rule: 'SET(value) writes the value into the referrers; SET(callable) is called only when there are referrers to update, once for all of them.',
    behaviors: ['DEL-SET-VALUE'],
    needs: ['delete.set'],
    setup: app([
      { name: 'Author', fields: [name] },
      { name: 'Note', fields: [{ name: 'author', ...fk('Author', { SET: 1 }) }] },
      { name: 'Comment', fields: [{ name: 'author', ...fk('Author', { SET_CALLABLE: 'counter' }) }] },
    ]),
  },
  async ({ session }) => {
    const [, second, third, fourth] = await make(session, 'del.Author', [{ name: 'sentinel' }, { name: 'b' }, { name: 'c' }, { name: 'd' }]);
    await make(session, 'del.Note', [{ author: fourth!.ref }]);
    await make(session, 'del.Comment', [{ author: second!.ref }, { author: second!.ref }]);
    // No comment points at the third author: the callable is not called (else its first value, 1, would be used up).
    expect(await session.ok({ op: 'delete', obj: third!.ref })).toEqual([1, { 'del.Author': 1 }]);
    expect(await session.ok({ op: 'delete', obj: second!.ref })).toEqual([1, { 'del.Author': 1 }]);
    expect(await session.ok({ op: 'delete', obj: fourth!.ref })).toEqual([1, { 'del.Author': 1 }]);
    expect([
      await session.ok({ op: 'values', model: 'del.Comment', fields: ['author_id'], order_by: ['id'] }),
      await session.ok({ op: 'values', model: 'del.Note', fields: ['author_id'] }),
    ]).toEqual([[{ author_id: 1 }, { author_id: 1 }], [{ author_id: 1 }]]);
  },
);

specCase(
  {
    id: 'relations.on-delete.do-nothing-fails-at-commit',
    rule: 'With DO_NOTHING, deleting a referenced author in autocommit raises IntegrityError from delete() after post_delete was sent, and the author is still there.',
    behaviors: ['DEL-DO-NOTHING', 'DEL-ATOMIC'],
    needs: ['delete.do_nothing', 'signals.deletion'],
    setup: app([{ name: 'Author', fields: [name] }, { name: 'Note', fields: [{ name: 'author', ...fk('Author', 'DO_NOTHING') }] }], {
      receivers: [{ id: 'listener' }],
      connect: [{ signal: ['pre_delete', 'post_delete'], receiver: 'listener', sender: { $model: 'del.Author' } }],
    }),
  },
  async ({ session }) => {
    const [author] = await make(session, 'del.Author', [{ name: 'a' }]);
    await make(session, 'del.Note', [{ author: author!.ref }]);
    const error = await session.error({ op: 'delete', obj: author!.ref });
    expect({ type: error.type, isa: error.isa, events: deleteEvents(session) }).toEqual({ type: 'IntegrityError', isa: ['DatabaseError'], events: [['pre_delete', 'del.Author', author!.pk], ['post_delete', 'del.Author', author!.pk]] });
    expect(await session.ok({ op: 'count', model: 'del.Author' })).toBe(1);
  },
);

specCase(
  {
    id: 'relations.on-delete.receiver-exception-rolls-back',
    rule: 'An exception raised by a pre_delete or a post_delete receiver propagates from delete() and leaves the parent and its cascaded children in place.',
    behaviors: ['DEL-ATOMIC'],
    needs: ['delete.cascade', 'signals.deletion'],
    setup: app([{ name: 'Parent', fields: [name] }, { name: 'Child', fields: [{ name: 'parent', ...fk('Parent', 'CASCADE') }] }], {
      receivers: [{ id: 'boom', do: [{ raise: { type: 'RuntimeError', message: 'receiver failed' } }] }],
    }),
  },
  async ({ session }) => {
    for (const signal of ['pre_delete', 'post_delete']) {
      await session.reset();
      await session.ok({ op: 'connect', signal, receiver: 'boom', sender: { $model: 'del.Child' } });
      const [parent] = await make(session, 'del.Parent', [{ name: 'p' }]);
      await make(session, 'del.Child', [{ parent: parent!.ref }, { parent: parent!.ref }]);
      const error = await session.error({ op: 'delete', obj: parent!.ref });
      expect([error.type, error.message, await session.ok({ op: 'count', model: 'del.Parent' }), await session.ok({ op: 'count', model: 'del.Child' })]).toEqual(['RuntimeError', 'receiver failed', 1, 2]);
      await session.ok({ op: 'disconnect', signal, receiver: 'boom', sender: { $model: 'del.Child' } });
    }
  },
);

specCase(
  {
    id: 'relations.on-delete.m2m-links-go-silently',
    rule: 'Deleting an article with tags removes its through rows (counted as del.Article_tags) with delete signals for the article only and no m2m_changed.',
    behaviors: ['DEL-SIGNAL-THROUGH', 'DEL-RETURN'],
    needs: ['relations.m2m', 'signals.deletion', 'signals.m2m_changed'],
    setup: app([{ name: 'Article', fields: [name, { name: 'tags', type: 'ManyToManyField', to: 'Tag' }] }, { name: 'Tag', fields: [name] }], {
      receivers: [{ id: 'listener' }],
      connect: [{ signal: ['pre_delete', 'post_delete', 'm2m_changed'], receiver: 'listener' }],
    }),
  },
  async ({ session, property }) => {
    await property(fc.integer({ min: 0, max: 3 }), async (n) => {
      const [article] = await make(session, 'del.Article', [{ name: 'a' }]);
      const tags = await make(session, 'del.Tag', Array.from({ length: n }, (_, i) => ({ name: `t${i}` })));
      if (n) await session.ok({ op: 'related', obj: article!.ref, attr: 'tags', method: 'add', args: tags.map((t) => t.ref) });
      expect(await session.ok({ op: 'delete', obj: article!.ref })).toEqual([n + 1, { ...(n ? { 'del.Article_tags': n } : {}), 'del.Article': 1 }]);
      expect(session.events.map((e) => [e.signal, (e.kwargs.instance as { $obj: { model: string } }).$obj.model])).toEqual([['pre_delete', 'del.Article'], ['post_delete', 'del.Article']]);
    }, { numRuns: 4 });
  },
);

specCase(
  {
    id: 'relations.on-delete.signal-arguments',
    rule: 'pre_delete and post_delete receive sender, instance, using=\'default\' and origin (the instance delete() was called on, or the queryset), also for cascaded objects; in post_delete the instance still has its pk though the row is gone.',
    behaviors: ['DEL-SIGNAL-KWARGS'],
    needs: ['delete.cascade', 'signals.deletion'],
    setup: app([{ name: 'Parent', fields: [name] }, { name: 'Child', fields: [{ name: 'parent', ...fk('Parent', 'CASCADE') }] }], {
      receivers: [{ id: 'listener', do: [{ record: { $exists: { model: 'del.Child', where: { pk: { $get: [{ $arg: 'instance' }, 'pk'] } } } } }] }],
      connect: [{ signal: ['pre_delete', 'post_delete'], receiver: 'listener', sender: { $model: 'del.Child' } }],
    }),
  },
  async ({ session }) => {
    const [parent, other] = await make(session, 'del.Parent', [{ name: 'p' }, { name: 'q' }]);
    const [child] = await make(session, 'del.Child', [{ parent: parent!.ref }]);
    await make(session, 'del.Child', [{ parent: other!.ref }]);
    await session.ok({ op: 'delete', obj: parent!.ref });
    const fromInstance = session.events.map((e) => ({ signal: e.signal, sender: e.sender, pk: (e.kwargs.instance as { $obj: { pk: unknown } }).$obj.pk, using: e.kwargs.using, origin: (e.kwargs.origin as { $obj: { model: string; pk: unknown } }).$obj, rowExists: e.observed }));
    await session.ok({ op: 'delete', model: 'del.Child', where: {} });
    const fromQuerySet = session.events.map((e) => e.kwargs.origin);
    expect(fromInstance.map(({ origin, ...rest }) => ({ ...rest, origin: [origin.model, origin.pk] }))).toEqual([
      { signal: 'pre_delete', sender: { $model: 'del.Child' }, pk: child!.pk, using: 'default', origin: ['del.Parent', parent!.pk], rowExists: [true] },
      { signal: 'post_delete', sender: { $model: 'del.Child' }, pk: child!.pk, using: 'default', origin: ['del.Parent', parent!.pk], rowExists: [false] },
    ]);
    expect(fromQuerySet).toEqual([{ $queryset: 'del.Child' }, { $queryset: 'del.Child' }]);
  },
);

specCase(
  {
    id: 'relations.on-delete.pk-none-after-delete',
    rule: 'After delete() the instance\'s pk is None and deleting it again raises ValueError "<Model> object can\'t be deleted because its id attribute is set to None."; a rejected delete keeps the pk.',
    behaviors: ['DEL-PK-NONE'],
    needs: ['delete.cascade', 'delete.protect'],
    setup: app([{ name: 'Author', fields: [name] }, { name: 'Book', fields: [{ name: 'author', ...fk('Author', 'PROTECT') }] }]),
  },
  async ({ session }) => {
    const [free, protectedAuthor] = await make(session, 'del.Author', [{ name: 'free' }, { name: 'protected' }]);
    await make(session, 'del.Book', [{ author: protectedAuthor!.ref }]);
    await session.ok({ op: 'delete', obj: free!.ref });
    const again = await session.error({ op: 'delete', obj: free!.ref });
    await session.error({ op: 'delete', obj: protectedAuthor!.ref });
    expect([
      await session.ok({ op: 'read', obj: free!.ref, attr: 'pk' }),
      { type: again.type, message: again.message },
      await session.ok({ op: 'read', obj: protectedAuthor!.ref, attr: 'pk' }),
    ]).toEqual([null, { type: 'ValueError', message: "Author object can't be deleted because its id attribute is set to None." }, protectedAuthor!.pk]);
  },
);

specCase(
  {
    id: 'relations.on-delete.nothing-to-delete',
    rule: 'A queryset delete that matches nothing returns (0, {}); deleting an instance whose row is already gone deletes nothing and reports no non-zero count.',
    behaviors: ['DEL-RETURN-EMPTY'],
    needs: ['delete.cascade'],
    setup: app([{ name: 'Leaf', fields: [name] }]),
  },
  async ({ session }) => {
    const [leaf] = await make(session, 'del.Leaf', [{ name: 'l' }]);
    const stale = await session.obj({ op: 'get', model: 'del.Leaf', where: { pk: leaf!.pk } });
    expect(await session.ok({ op: 'delete', model: 'del.Leaf', where: { name: 'nope' } })).toEqual([0, {}]);
    await session.ok({ op: 'delete', obj: leaf!.ref });
    const [total, counts] = (await session.ok({ op: 'delete', obj: stale.ref })) as [number, Record<string, number>];
    expect([total, Object.values(counts).filter((n) => n !== 0)]).toEqual([0, []]);
  },
);
