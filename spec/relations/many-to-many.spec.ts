import { specCase, fc, expect, type SpecSession, type Obj } from '../support/index.js';
import type { Value } from '../../conformance/contract/values.js';
import type { SignalEvent } from '../../conformance/contract/results.js';

/** The seed's articles app (Article.tags = ManyToManyField(Tag)), self relations, and a club with an explicit through model. */
const articles = {
  apps: [
    {
      name: 'articles',
      models: [
        { name: 'Article', str: '{title}', fields: [{ name: 'title', type: 'CharField' as const, max_length: 200 }, { name: 'tags', type: 'ManyToManyField' as const, to: 'Tag' }] },
        { name: 'Tag', str: '{name}', fields: [{ name: 'name', type: 'CharField' as const, max_length: 50, unique: true }] },
        {
          name: 'Person',
          fields: [
            { name: 'name', type: 'CharField' as const, max_length: 20 },
            { name: 'friends', type: 'ManyToManyField' as const, to: 'self' },
            { name: 'follows', type: 'ManyToManyField' as const, to: 'self', symmetrical: false, related_name: 'followers' },
          ],
        },
        { name: 'Student', fields: [{ name: 'name', type: 'CharField' as const, max_length: 20 }] },
        { name: 'Club', fields: [{ name: 'name', type: 'CharField' as const, max_length: 20 }, { name: 'members', type: 'ManyToManyField' as const, to: 'Student', through: 'Membership' }] },
        {
          name: 'Membership',
          fields: [
            { name: 'club', type: 'ForeignKey' as const, to: 'Club', on_delete: 'CASCADE' as const },
            { name: 'student', type: 'ForeignKey' as const, to: 'Student', on_delete: 'CASCADE' as const },
            { name: 'role', type: 'CharField' as const, max_length: 20 },
          ],
        },
      ],
    },
  ],
  receivers: [{ id: 'm2m' }, { id: 'veto', do: [{ pk_set_discard: [3] }] }],
};
const listening = { ...articles, connect: [{ signal: 'm2m_changed', receiver: 'm2m', sender: { $model: 'articles.Article_tags' } }] };

async function make(session: SpecSession, model: string, field: string, names: string[]): Promise<Obj[]> {
  const out = [];
  for (const name of names) out.push(await session.create(model, { [field]: name }));
  return out;
}
const tagsOf = (session: SpecSession, article: Obj) => session.ok({ op: 'related', obj: article.ref, attr: 'tags', method: 'all' });
const pks = (value: Value) => (value as Array<{ $obj: { pk: number } }>).map((o) => o.$obj.pk).sort((a, b) => a - b);
const sorted = (xs: Iterable<number>) => [...xs].sort((a, b) => a - b);
const errorOf = (e: { type: string; message?: string }) => ({ type: e.type, message: e.message });
/** m2m_changed events as [action, pk_set]. */
const actions = (events: SignalEvent[]) => events.filter((e) => e.signal === 'm2m_changed').map((e) => [e.kwargs.action, e.kwargs.pk_set]);

specCase(
  {
    id: 'relations.many-to-many.auto-created-through-model',
    rule: 'Article.tags gets an auto-created through model `Article_tags` (table `articles_article_tags`, keys `article` and `tag`) that holds the pairs.',
    behaviors: ['M2M-THROUGH-TABLE'],
    needs: ['relations.m2m', 'models.meta'],
    docs: 'ref/models/fields/#manytomanyfield',
    setup: articles,
  },
  async ({ session }) => {
    const through = (await session.ok({ op: 'meta', model: 'articles.Article_tags' })) as { db_table: string; fields: Array<Record<string, unknown>> };
    expect({
      table: through.db_table,
      fields: through.fields.map((f) => [f.name, f.column, f.related_model]),
    }).toEqual({
      table: 'articles_article_tags',
      fields: [['id', 'id', null], ['article', 'article_id', 'articles.Article'], ['tag', 'tag_id', 'articles.Tag']],
    });
  },
);

specCase(
  {
    id: 'relations.many-to-many.seed-create-with-content',
    rule: 'Article.objects.create(title=..., content=...) raises TypeError "Article() got unexpected keyword arguments: \'content\'", and passing tags to the constructor raises TypeError; nothing is created.',
    behaviors: ['M2M-SEED-CONTENT-KWARG'],
    needs: ['relations.m2m'],
    seed: 'Seed: `Article.objects.create(title="My Great Article", content="...")`. Django 5.2: Article has no content field, so this raises TypeError.',
    setup: articles,
  },
  async ({ session }) => {
    const content = await session.error({ op: 'create', model: 'articles.Article', values: { title: 'My Great Article', content: '...' } });
    const tags = await session.error({ op: 'new', model: 'articles.Article', values: { title: 'x', tags: [] } });
    expect([errorOf(content), errorOf(tags)]).toEqual([
      { type: 'TypeError', message: "Article() got unexpected keyword arguments: 'content'" },
      { type: 'TypeError', message: 'Direct assignment to the forward side of a many-to-many set is prohibited. Use tags.set() instead.' },
    ]);
    expect(await session.ok({ op: 'count', model: 'articles.Article' })).toBe(0);
  },
);

/** One operation on an article's tags, with instances or pks. */
const operation = fc.oneof(
  fc.record({ op: fc.constant('add' as const), tags: fc.array(fc.nat({ max: 3 }), { maxLength: 3 }), asPk: fc.boolean() }),
  fc.record({ op: fc.constant('remove' as const), tags: fc.array(fc.nat({ max: 3 }), { maxLength: 3 }), asPk: fc.boolean() }),
  fc.record({ op: fc.constant('set' as const), tags: fc.array(fc.nat({ max: 3 }), { maxLength: 3 }), asPk: fc.boolean() }),
  fc.record({ op: fc.constant('clear' as const), tags: fc.constant([] as number[]), asPk: fc.constant(false) }),
);

specCase(
  {
    id: 'relations.many-to-many.operations-follow-a-set',
    rule: 'For any sequence of add, remove, set and clear with instances or pks, the related tags equal the same operations on a set, the through table never holds a pair twice, and another article\'s tags are untouched.',
    behaviors: ['M2M-ADD', 'M2M-REMOVE', 'M2M-CLEAR', 'M2M-SET', 'M2M-THROUGH-TABLE'],
    needs: ['relations.m2m'],
    docs: 'ref/models/relations/',
    setup: articles,
  },
  async ({ session, property }) => {
    await property(fc.array(operation, { minLength: 1, maxLength: 6 }), async (ops) => {
      const tags = await make(session, 'articles.Tag', 'name', ['t0', 't1', 't2', 't3']);
      const [article, other] = await make(session, 'articles.Article', 'title', ['a', 'b']);
      await session.ok({ op: 'related', obj: other!.ref, attr: 'tags', method: 'add', args: [tags[0]!.ref] });
      const model = new Set<number>();
      for (const { op, tags: picks, asPk } of ops) {
        const args = picks.map((i) => (asPk ? tags[i]!.pk : tags[i]!.ref)) as Value[];
        if (op === 'set') await session.ok({ op: 'related', obj: article!.ref, attr: 'tags', method: 'set', args: [args] });
        else await session.ok({ op: 'related', obj: article!.ref, attr: 'tags', method: op, args });
        const ids = picks.map((i) => tags[i]!.pk as number);
        if (op === 'add') ids.forEach((id) => model.add(id));
        if (op === 'remove') ids.forEach((id) => model.delete(id));
        if (op === 'clear') model.clear();
        if (op === 'set') {
          model.clear();
          ids.forEach((id) => model.add(id));
        }
        expect(pks(await tagsOf(session, article!))).toEqual(sorted(model));
      }
      const rows = (await session.ok({ op: 'values', model: 'articles.Article_tags', fields: ['article_id', 'tag_id'] })) as Array<{ article_id: number; tag_id: number }>;
      const pairs = rows.map((r) => `${r.article_id}:${r.tag_id}`);
      expect(pairs.length).toBe(new Set(pairs).size);
      expect(pks(await tagsOf(session, other!))).toEqual([tags[0]!.pk]);
      expect(await session.ok({ op: 'count', model: 'articles.Tag' })).toBe(4);
    }, { numRuns: 15 });
  },
);

specCase(
  {
    id: 'relations.many-to-many.add-rejects-bad-values',
    rule: 'add() raises TypeError for an object of another model and ValueError for an unsaved tag, and the manager of an unsaved article raises ValueError; nothing is added.',
    behaviors: ['M2M-ADD-ERRORS'],
    needs: ['relations.m2m'],
    setup: articles,
  },
  async ({ session }) => {
    const [article] = await make(session, 'articles.Article', 'title', ['a']);
    const [other] = await make(session, 'articles.Article', 'title', ['b']);
    const unsavedTag = await session.obj({ op: 'new', model: 'articles.Tag', values: { name: 'unsaved' } });
    const unsavedArticle = await session.obj({ op: 'new', model: 'articles.Article', values: { title: 'unsaved' } });
    const errors = [
      await session.error({ op: 'related', obj: article!.ref, attr: 'tags', method: 'add', args: [other!.ref] }),
      await session.error({ op: 'related', obj: article!.ref, attr: 'tags', method: 'add', args: [unsavedTag.ref] }),
      await session.error({ op: 'related', obj: unsavedArticle.ref, attr: 'tags', method: 'all' }),
    ];
    expect(errors.map(errorOf)).toEqual([
      { type: 'TypeError', message: "'Tag' instance expected, got <Article: b>" },
      { type: 'ValueError', message: 'Cannot add "<Tag: unsaved>": instance is on database "default", value is on database "None"' },
      { type: 'ValueError', message: '"<Article: unsaved>" needs to have a value for field "id" before this many-to-many relationship can be used.' },
    ]);
    expect(await session.ok({ op: 'count', model: 'articles.Article_tags' })).toBe(0);
  },
);

specCase(
  {
    id: 'relations.many-to-many.reverse-side',
    rule: '`tag.article_set` is a full manager over the same pairs: an article is in `tag.article_set` exactly when the tag is in `article.tags`, `Tag.objects.filter(article__title=...)` works, and adding from the tag side relates both.',
    behaviors: ['M2M-REVERSE'],
    needs: ['relations.m2m'],
    setup: articles,
  },
  async ({ session, property }) => {
    await property(fc.array(fc.tuple(fc.nat({ max: 1 }), fc.nat({ max: 2 }), fc.boolean()), { maxLength: 5 }), async (links) => {
      const articlesMade = await make(session, 'articles.Article', 'title', ['a0', 'a1']);
      const tags = await make(session, 'articles.Tag', 'name', ['t0', 't1', 't2']);
      for (const [a, t, fromTag] of links) {
        if (fromTag) await session.ok({ op: 'related', obj: tags[t]!.ref, attr: 'article_set', method: 'add', args: [articlesMade[a]!.ref] });
        else await session.ok({ op: 'related', obj: articlesMade[a]!.ref, attr: 'tags', method: 'add', args: [tags[t]!.ref] });
      }
      for (const [t, tag] of tags.entries()) {
        const expected = articlesMade.filter((_, a) => links.some(([la, lt]) => la === a && lt === t)).map((x) => x.pk);
        expect(pks(await session.ok({ op: 'related', obj: tag.ref, attr: 'article_set', method: 'all' }))).toEqual(expected);
      }
      const viaFilter = await session.objs({ op: 'filter', model: 'articles.Tag', where: { article__title: 'a0' } });
      expect(sorted(new Set(viaFilter.map((t) => t.pk as number)))).toEqual(pks(await tagsOf(session, articlesMade[0]!)));
    }, { numRuns: 10 });
  },
);

specCase(
  {
    id: 'relations.many-to-many.direct-assignment-prohibited',
    rule: 'Assigning a list to `article.tags` or to `tag.article_set` raises TypeError telling to use set().',
    behaviors: ['M2M-DIRECT-ASSIGN'],
    needs: ['relations.m2m'],
    setup: articles,
  },
  async ({ session }) => {
    const [article] = await make(session, 'articles.Article', 'title', ['a']);
    const [tag] = await make(session, 'articles.Tag', 'name', ['t']);
    const errors = [
      await session.error({ op: 'assign', obj: article!.ref, values: { tags: [tag!.ref] } }),
      await session.error({ op: 'assign', obj: tag!.ref, values: { article_set: [article!.ref] } }),
    ];
    expect(errors.map(errorOf)).toEqual([
      { type: 'TypeError', message: 'Direct assignment to the forward side of a many-to-many set is prohibited. Use tags.set() instead.' },
      { type: 'TypeError', message: 'Direct assignment to the reverse side of a many-to-many set is prohibited. Use article_set.set() instead.' },
    ]);
  },
);

specCase(
  {
    id: 'relations.many-to-many.create-relates-new-target',
    rule: '`article.tags.create(name=...)` saves the tag and relates it, sending pre_add and post_add with the new pk.',
    behaviors: ['M2M-CREATE'],
    needs: ['relations.m2m', 'signals.m2m_changed'],
    setup: listening,
  },
  async ({ session }) => {
    const [article] = await make(session, 'articles.Article', 'title', ['a']);
    const tag = await session.obj({ op: 'related', obj: article!.ref, attr: 'tags', method: 'create', kwargs: { name: 'New' } });
    expect(actions(session.events)).toEqual([['pre_add', [tag.pk]], ['post_add', [tag.pk]]]);
    expect(pks(await tagsOf(session, article!))).toEqual([tag.pk]);
  },
);

specCase(
  {
    id: 'relations.many-to-many.symmetrical-self',
    rule: 'A ManyToManyField to \'self\' is symmetrical: `p1.friends.add(p2)` stores both directions with one pre_add/post_add pair and `p2.friends.remove(p1)` removes both; with symmetrical=False only the declared direction exists and the reverse is `followers`.',
    behaviors: ['M2M-SYMMETRICAL'],
    needs: ['relations.m2m', 'signals.m2m_changed'],
    setup: { ...articles, connect: [{ signal: 'm2m_changed', receiver: 'm2m' }] },
  },
  async ({ session }) => {
    const [p1, p2] = await make(session, 'articles.Person', 'name', ['p1', 'p2']);
    await session.ok({ op: 'related', obj: p1!.ref, attr: 'friends', method: 'add', args: [p2!.ref] });
    const addEvents = actions(session.events);
    const afterAdd = {
      p2friends: pks(await session.ok({ op: 'related', obj: p2!.ref, attr: 'friends', method: 'all' })),
      rows: await session.ok({ op: 'count', model: 'articles.Person_friends' }),
    };
    await session.ok({ op: 'related', obj: p2!.ref, attr: 'friends', method: 'remove', args: [p1!.ref] });
    const rowsAfterRemove = await session.ok({ op: 'count', model: 'articles.Person_friends' });
    await session.ok({ op: 'related', obj: p1!.ref, attr: 'follows', method: 'add', args: [p2!.ref] });
    expect({
      addEvents,
      afterAdd,
      rowsAfterRemove,
      followers: pks(await session.ok({ op: 'related', obj: p2!.ref, attr: 'followers', method: 'all' })),
      p2follows: pks(await session.ok({ op: 'related', obj: p2!.ref, attr: 'follows', method: 'all' })),
    }).toEqual({ addEvents: [['pre_add', [p2!.pk]], ['post_add', [p2!.pk]]], afterAdd: { p2friends: [p1!.pk], rows: 2 }, rowsAfterRemove: 0, followers: [p1!.pk], p2follows: [] });
  },
);

specCase(
  {
    id: 'relations.many-to-many.explicit-through-model',
    rule: 'With through=Membership, `club.members.add(student, through_defaults={...})` stores a Membership row carrying those values (the field default without them), and `members` lists the students.',
    behaviors: ['M2M-CUSTOM-THROUGH'],
    needs: ['relations.m2m'],
    level: 'optional',
    setup: articles,
  },
  async ({ session }) => {
    const [club] = await make(session, 'articles.Club', 'name', ['chess']);
    const [s1, s2] = await make(session, 'articles.Student', 'name', ['s1', 's2']);
    await session.ok({ op: 'related', obj: club!.ref, attr: 'members', method: 'add', args: [s1!.ref], kwargs: { through_defaults: { role: 'captain' } } });
    await session.ok({ op: 'related', obj: club!.ref, attr: 'members', method: 'add', args: [s2!.ref] });
    expect({
      rows: await session.ok({ op: 'values', model: 'articles.Membership', fields: ['club_id', 'student_id', 'role'], order_by: ['id'] }),
      members: pks(await session.ok({ op: 'related', obj: club!.ref, attr: 'members', method: 'all' })),
    }).toEqual({ rows: [{ club_id: club!.pk, student_id: s1!.pk, role: 'captain' }, { club_id: club!.pk, student_id: s2!.pk, role: '' }], members: [s1!.pk, s2!.pk] });
  },
);

specCase(
  {
    id: 'relations.many-to-many.null-has-no-effect-w340',
    rule: 'ManyToManyField(null=True) loads, and the system checks warn fields.W340 "null has no effect on ManyToManyField."',
    behaviors: ['M2M-CHECKS'],
    needs: ['relations.m2m', 'models.checks'],
    level: 'optional',
    setup: { settings: { DEFAULT_AUTO_FIELD: 'django.db.models.BigAutoField' }, apps: [{ name: 'tapp', models: [{ name: 'Tag' }, { name: 'Article', fields: [{ name: 'tags', type: 'ManyToManyField', to: 'Tag', null: true }] }] }] },
  },
  async ({ session }) => {
    const checks = (await session.ok({ op: 'check' })) as Array<Record<string, unknown>>;
    expect(checks.map(({ id, level, msg, obj }) => ({ id, level, msg, obj }))).toEqual([{ id: 'fields.W340', level: 'WARNING', msg: 'null has no effect on ManyToManyField.', obj: 'tapp.Article.tags' }]);
  },
);

specCase(
  {
    id: 'relations.many-to-many.m2m-changed-arguments',
    rule: 'm2m_changed is sent with the through model as sender and instance, action, reverse, model (the other side\'s class), pk_set and using.',
    behaviors: ['M2M-SIGNAL-KWARGS'],
    needs: ['relations.m2m', 'signals.m2m_changed'],
    docs: 'ref/signals/#m2m-changed',
    setup: listening,
  },
  async ({ session }) => {
    const [article] = await make(session, 'articles.Article', 'title', ['a']);
    const [tag] = await make(session, 'articles.Tag', 'name', ['t']);
    await session.ok({ op: 'related', obj: article!.ref, attr: 'tags', method: 'add', args: [tag!.ref] });
    const event = session.events[0]!;
    expect({ sender: event.sender, ...event.kwargs, instance: (event.kwargs.instance as { $obj: { model: string; pk: unknown } }).$obj.pk }).toEqual({
      sender: { $model: 'articles.Article_tags' },
      action: 'pre_add',
      instance: article!.pk,
      reverse: false,
      model: { $model: 'articles.Tag' },
      pk_set: [tag!.pk],
      using: 'default',
    });
  },
);

specCase(
  {
    id: 'relations.many-to-many.add-reports-only-new-pks',
    rule: 'Every non-empty add() sends pre_add and post_add whose pk_set is the added pks not already related (possibly empty), so their union is the final relation.',
    behaviors: ['M2M-SIGNAL-ADD'],
    needs: ['relations.m2m', 'signals.m2m_changed'],
    setup: listening,
  },
  async ({ session, property }) => {
    await property(fc.array(fc.array(fc.nat({ max: 3 }), { maxLength: 3 }), { minLength: 1, maxLength: 4 }), async (adds) => {
      const tags = await make(session, 'articles.Tag', 'name', ['t0', 't1', 't2', 't3']);
      const [article] = await make(session, 'articles.Article', 'title', ['a']);
      const related = new Set<number>();
      for (const picks of adds) {
        await session.ok({ op: 'related', obj: article!.ref, attr: 'tags', method: 'add', args: picks.map((i) => tags[i]!.ref) });
        const fresh = sorted(new Set(picks.map((i) => tags[i]!.pk as number).filter((pk) => !related.has(pk))));
        expect(actions(session.events)).toEqual(picks.length ? [['pre_add', fresh], ['post_add', fresh]] : []);
        fresh.forEach((pk) => related.add(pk));
      }
      expect(pks(await tagsOf(session, article!))).toEqual(sorted(related));
    }, { numRuns: 10 });
  },
);

specCase(
  {
    id: 'relations.many-to-many.remove-reports-every-pk-passed',
    rule: 'remove() sends pre_remove and post_remove with every pk passed, including ones that are not related or do not exist.',
    behaviors: ['M2M-SIGNAL-REMOVE'],
    needs: ['relations.m2m', 'signals.m2m_changed'],
    setup: listening,
  },
  async ({ session }) => {
    const [t1, t2] = await make(session, 'articles.Tag', 'name', ['t1', 't2']);
    const [article] = await make(session, 'articles.Article', 'title', ['a']);
    await session.ok({ op: 'related', obj: article!.ref, attr: 'tags', method: 'add', args: [t2!.ref] });
    await session.ok({ op: 'related', obj: article!.ref, attr: 'tags', method: 'remove', args: [t1!.ref, 999] });
    expect(actions(session.events)).toEqual([['pre_remove', [t1!.pk, 999]], ['post_remove', [t1!.pk, 999]]]);
    await session.ok({ op: 'related', obj: article!.ref, attr: 'tags', method: 'remove', args: [] });
    expect(actions(session.events)).toEqual([]);
    expect(pks(await tagsOf(session, article!))).toEqual([t2!.pk]);
  },
);

specCase(
  {
    id: 'relations.many-to-many.clear-always-notifies',
    rule: 'clear() sends pre_clear and post_clear with pk_set None, also when nothing is related.',
    behaviors: ['M2M-SIGNAL-CLEAR'],
    needs: ['relations.m2m', 'signals.m2m_changed'],
    setup: listening,
  },
  async ({ session }) => {
    const [t1] = await make(session, 'articles.Tag', 'name', ['t1']);
    const [article] = await make(session, 'articles.Article', 'title', ['a']);
    await session.ok({ op: 'related', obj: article!.ref, attr: 'tags', method: 'add', args: [t1!.ref] });
    const seen = [];
    for (let i = 0; i < 2; i++) {
      await session.ok({ op: 'related', obj: article!.ref, attr: 'tags', method: 'clear' });
      seen.push(actions(session.events));
    }
    expect(seen).toEqual([[['pre_clear', null], ['post_clear', null]], [['pre_clear', null], ['post_clear', null]]]);
  },
);

specCase(
  {
    id: 'relations.many-to-many.set-sends-the-diff',
    rule: 'set(objs) matches each of objs once against the related pks, sends pre/post_remove for the related pks left unmatched, then pre/post_add for the unmatched objs with pk_set = their pks not yet related (so a repeated, already related object yields an empty add), omitting a part with nothing to pass; set(objs, clear=True) sends pre/post_clear then the add.',
    behaviors: ['M2M-SIGNAL-SET'],
    needs: ['relations.m2m', 'signals.m2m_changed'],
    setup: listening,
  },
  async ({ session, property }) => {
    await property(fc.tuple(fc.array(fc.nat({ max: 3 }), { maxLength: 3 }), fc.array(fc.nat({ max: 3 }), { maxLength: 4 }), fc.boolean()), async ([initial, wanted, clear]) => {
      const tags = await make(session, 'articles.Tag', 'name', ['t0', 't1', 't2', 't3']);
      const [article] = await make(session, 'articles.Article', 'title', ['a']);
      if (initial.length) await session.ok({ op: 'related', obj: article!.ref, attr: 'tags', method: 'add', args: initial.map((i) => tags[i]!.ref) });
      await session.ok({ op: 'related', obj: article!.ref, attr: 'tags', method: 'set', args: [wanted.map((i) => tags[i]!.ref)], kwargs: clear ? { clear: true } : {} });
      const old = new Set(initial.map((i) => tags[i]!.pk as number));
      const target = new Set(wanted.map((i) => tags[i]!.pk as number));
      // Django's diff: each wanted object consumes its pk from the related set at most once.
      const unmatched = new Set(old);
      const toAdd: number[] = [];
      for (const i of wanted) {
        const pk = tags[i]!.pk as number;
        if (!clear && unmatched.has(pk)) unmatched.delete(pk);
        else toAdd.push(pk);
      }
      const removed = sorted(unmatched);
      const added = sorted(new Set(toAdd.filter((pk) => clear || !old.has(pk))));
      const expected = clear
        ? [['pre_clear', null], ['post_clear', null], ...(toAdd.length ? [['pre_add', added], ['post_add', added]] : [])]
        : [...(removed.length ? [['pre_remove', removed], ['post_remove', removed]] : []), ...(toAdd.length ? [['pre_add', added], ['post_add', added]] : [])];
      expect(actions(session.events)).toEqual(expected);
      expect(pks(await tagsOf(session, article!))).toEqual(sorted(target));
    }, { numRuns: 15 });
  },
);

specCase(
  {
    id: 'relations.many-to-many.reverse-side-signals',
    rule: 'Changes through `tag.article_set` send m2m_changed with instance the tag, reverse=True and model Article.',
    behaviors: ['M2M-SIGNAL-REVERSE'],
    needs: ['relations.m2m', 'signals.m2m_changed'],
    setup: listening,
  },
  async ({ session }) => {
    const [tag] = await make(session, 'articles.Tag', 'name', ['t']);
    const [article] = await make(session, 'articles.Article', 'title', ['a']);
    await session.ok({ op: 'related', obj: tag!.ref, attr: 'article_set', method: 'add', args: [article!.ref] });
    expect(session.events.map((e) => [e.kwargs.action, (e.kwargs.instance as { $obj: { model: string } }).$obj.model, e.kwargs.reverse, e.kwargs.model, e.kwargs.pk_set])).toEqual([
      ['pre_add', 'articles.Tag', true, { $model: 'articles.Article' }, [article!.pk]],
      ['post_add', 'articles.Tag', true, { $model: 'articles.Article' }, [article!.pk]],
    ]);
  },
);

specCase(
  {
    id: 'relations.many-to-many.pre-add-receiver-can-veto',
    rule: 'In Django, a pre_add receiver that discards a pk from pk_set keeps that pair from being inserted, because pk_set is the set used for the insert.',
    behaviors: ['M2M-SIGNAL-VETO'],
    needs: ['relations.m2m', 'signals.m2m_changed'],
    level: 'optional',
    setup: { ...articles, connect: [{ signal: 'm2m_changed', receiver: 'veto', sender: { $model: 'articles.Article_tags' } }] },
  },
  async ({ session }) => {
    const tags = await make(session, 'articles.Tag', 'name', ['t1', 't2', 't3']);
    const [article] = await make(session, 'articles.Article', 'title', ['a']);
    await session.ok({ op: 'related', obj: article!.ref, attr: 'tags', method: 'add', args: [tags[0]!.ref, tags[2]!.ref] });
    expect(pks(await tagsOf(session, article!))).toEqual([tags[0]!.pk]);
  },
);
