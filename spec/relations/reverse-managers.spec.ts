import { specCase, fc, expect, type SpecSession, type Obj } from '../support/index.js';
import type { Value } from '../../conformance/contract/values.js';

const fk = (to: string, extra: Record<string, unknown> = {}) => ({ type: 'ForeignKey' as const, to, on_delete: 'CASCADE' as const, ...extra });
const title = { name: 'title', type: 'CharField' as const, max_length: 50 };

/** User → Post (default names), NamedPost (related_name='posts'), QueryPost (related_query_name), HiddenPost ('+'), NullPost (nullable). */
const blog = {
  apps: [
    { name: 'django.contrib.contenttypes' },
    { name: 'django.contrib.auth' },
    {
      name: 'blog',
      models: [
        { name: 'Post', fields: [{ name: 'user', ...fk('auth.User') }, title] },
        { name: 'NamedPost', fields: [{ name: 'user', ...fk('auth.User', { related_name: 'posts' }) }, title] },
        { name: 'QueryPost', fields: [{ name: 'user', ...fk('auth.User', { related_name: 'qposts', related_query_name: 'qpost' }) }, title] },
        { name: 'HiddenPost', fields: [{ name: 'user', ...fk('auth.User', { related_name: '+' }) }, title] },
        { name: 'NullPost', fields: [{ name: 'user', ...fk('auth.User', { null: true, related_name: 'nullposts' }) }, title] },
        { name: 'Tag', str: '{name}', fields: [{ name: 'name', type: 'CharField' as const, max_length: 20 }] },
      ],
    },
  ],
  receivers: [{ id: 'saves' }],
  connect: [{ signal: ['pre_save', 'post_save'], receiver: 'saves', sender: { $model: 'blog.Post' } }],
};

async function users(session: SpecSession, n: number): Promise<Obj[]> {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await session.create('auth.User', { username: `u${i}` }));
  return out;
}

const pks = (value: Value) => (value as Array<{ $obj: { pk: number } }>).map((o) => o.$obj.pk).sort((a, b) => a - b);
const errorOf = (e: { type: string; message?: string }) => ({ type: e.type, message: e.message });

/** Random posts: each owned by one of three users, with a title from a small set. */
const forest = fc.array(fc.record({ owner: fc.nat({ max: 2 }), title: fc.constantFrom('a', 'b', 'c') }), { maxLength: 6 });

async function plant(session: SpecSession, model: string, posts: Array<{ owner: number; title: string }>) {
  const us = await users(session, 3);
  const created = [];
  for (const p of posts) created.push(await session.create(model, { user: us[p.owner]!.ref, title: p.title }));
  return { us, created };
}

specCase(
  {
    id: 'relations.reverse-managers.default-name-is-model-set',
    rule: 'Without related_name, `user.post_set` exists and `all()` returns exactly the posts whose user_id is the user\'s pk.',
    behaviors: ['REV-DEFAULT-NAME'],
    needs: ['relations.reverse'],
    docs: 'topics/db/queries/#following-relationships-backward',
    setup: blog,
  },
  async ({ session, property }) => {
    const meta = (await session.ok({ op: 'meta', model: 'auth.User' })) as { related_accessors: string[] };
    expect(meta.related_accessors).toContain('post_set');
    await property(forest, async (posts) => {
      const { us, created } = await plant(session, 'blog.Post', posts);
      for (const [i, u] of us.entries()) {
        const expected = created.filter((_, n) => posts[n]!.owner === i).map((p) => p.pk);
        expect(pks(await session.ok({ op: 'related', obj: u.ref, attr: 'post_set', method: 'all' }))).toEqual(expected);
      }
    }, { numRuns: 10 });
  },
);

specCase(
  {
    id: 'relations.reverse-managers.query-name-is-model-name',
    rule: '`User.objects.filter(post__title=t)` finds the users having such a post, while `post_set__title` raises FieldError "Cannot resolve keyword \'post_set\' into field. ...".',
    behaviors: ['REV-QUERY-NAME'],
    needs: ['relations.reverse'],
    setup: blog,
  },
  async ({ session, property }) => {
    await property(forest, async (posts) => {
      const { us } = await plant(session, 'blog.Post', posts);
      const found = await session.objs({ op: 'filter', model: 'auth.User', where: { post__title: 'a' }, order_by: ['id'] });
      const expected = us.filter((_, i) => posts.some((p) => p.owner === i && p.title === 'a')).map((u) => u.pk);
      // Django joins, so a user with two matching posts comes back twice: compare the distinct users.
      expect([...new Set(found.map((u) => u.pk))]).toEqual(expected);
    }, { numRuns: 10 });
    const error = await session.error({ op: 'filter', model: 'auth.User', where: { post_set__title: 'a' } });
    expect(error.type).toBe('FieldError');
    expect(error.message).toMatch(/^Cannot resolve keyword 'post_set' into field\. Choices are: .*\bpost\b/);
  },
);

specCase(
  {
    id: 'relations.reverse-managers.related-name-renames-both',
    rule: 'related_name=\'posts\' makes `user.posts` the accessor and `posts__` the filter keyword; `namedpost_set` and `namedpost__` no longer exist; related_query_name renames only the filter keyword.',
    behaviors: ['REV-RELATED-NAME'],
    needs: ['relations.reverse'],
    setup: blog,
  },
  async ({ session }) => {
    const [u] = await users(session, 1);
    const named = await session.create('blog.NamedPost', { user: u!.ref, title: 'n1' });
    const q = await session.create('blog.QueryPost', { user: u!.ref, title: 'q1' });
    const observed = {
      accessor: pks(await session.ok({ op: 'related', obj: u!.ref, attr: 'posts', method: 'all' })),
      filter: (await session.objs({ op: 'filter', model: 'auth.User', where: { posts__title: 'n1' } })).map((x) => x.pk),
      oldAccessor: (await session.error({ op: 'read', obj: u!.ref, attr: 'namedpost_set' })).type,
      oldFilter: (await session.error({ op: 'filter', model: 'auth.User', where: { namedpost__title: 'n1' } })).type,
      queryNameAccessor: pks(await session.ok({ op: 'related', obj: u!.ref, attr: 'qposts', method: 'all' })),
      queryNameFilter: (await session.objs({ op: 'filter', model: 'auth.User', where: { qpost__title: 'q1' } })).map((x) => x.pk),
    };
    expect(observed).toEqual({ accessor: [named.pk], filter: [u!.pk], oldAccessor: 'AttributeError', oldFilter: 'FieldError', queryNameAccessor: [q.pk], queryNameFilter: [u!.pk] });
  },
);

specCase(
  {
    id: 'relations.reverse-managers.plus-hides-but-cascades',
    rule: 'related_name=\'+\' leaves no reverse accessor and no reverse filter keyword, but deleting the user still cascades to those rows.',
    behaviors: ['REV-PLUS'],
    needs: ['relations.reverse', 'delete.cascade'],
    setup: blog,
  },
  async ({ session }) => {
    const [u] = await users(session, 1);
    await session.create('blog.HiddenPost', { user: u!.ref, title: 'h' });
    const meta = (await session.ok({ op: 'meta', model: 'auth.User' })) as { related_accessors: string[] };
    expect({
      accessor: (await session.error({ op: 'read', obj: u!.ref, attr: 'hiddenpost_set' })).type,
      filter: (await session.error({ op: 'filter', model: 'auth.User', where: { hiddenpost__title: 'h' } })).type,
      listed: meta.related_accessors.some((a) => a.includes('hidden')),
      deleted: await session.ok({ op: 'delete', obj: u!.ref }),
    }).toEqual({ accessor: 'AttributeError', filter: 'FieldError', listed: false, deleted: [2, { 'blog.HiddenPost': 1, 'auth.User': 1 }] });
  },
);

specCase(
  {
    id: 'relations.reverse-managers.clashing-accessors-e304',
    rule: 'Two ForeignKeys from one model to the same model with default reverse names fail the system check fields.E304, once per field.',
    behaviors: ['REV-CLASH-E304'],
    needs: ['relations.reverse', 'models.checks'],
    level: 'optional',
    setup: { apps: [{ name: 'tapp', models: [{ name: 'Target' }, { name: 'Clash', fields: [{ name: 'a', ...fk('Target') }, { name: 'b', ...fk('Target') }] }] }] },
  },
  async ({ session }) => {
    const checks = (await session.ok({ op: 'check' })) as Array<Record<string, unknown>>;
    expect(checks.filter((c) => c.id === 'fields.E304').map(({ id, msg, obj }) => ({ id, msg, obj }))).toEqual([
      { id: 'fields.E304', msg: "Reverse accessor 'Target.clash_set' for 'tapp.Clash.a' clashes with reverse accessor for 'tapp.Clash.b'.", obj: 'tapp.Clash.a' },
      { id: 'fields.E304', msg: "Reverse accessor 'Target.clash_set' for 'tapp.Clash.b' clashes with reverse accessor for 'tapp.Clash.a'.", obj: 'tapp.Clash.b' },
    ]);
  },
);

specCase(
  {
    id: 'relations.reverse-managers.methods-equal-filtered-queryset',
    rule: '`user.post_set.filter(...)`, `.count()` and `.exists()` give what `Post.objects.filter(user=user, ...)` gives, re-read on every call.',
    behaviors: ['REV-QUERY-METHODS'],
    needs: ['relations.reverse'],
    setup: blog,
  },
  async ({ session, property }) => {
    await property(fc.tuple(forest, fc.constantFrom('a', 'b', 'c')), async ([posts, wanted]) => {
      const { us } = await plant(session, 'blog.Post', posts);
      for (const u of us) {
        const direct = await session.objs({ op: 'filter', model: 'blog.Post', where: { user: u.ref, title: wanted } });
        expect({
          filter: pks(await session.ok({ op: 'related', obj: u.ref, attr: 'post_set', method: 'filter', kwargs: { title: wanted } })),
          count: await session.ok({ op: 'related', obj: u.ref, attr: 'post_set', method: 'count' }),
          exists: await session.ok({ op: 'related', obj: u.ref, attr: 'post_set', method: 'exists' }),
        }).toEqual({
          filter: direct.map((p) => p.pk).sort((a, b) => Number(a) - Number(b)),
          count: await session.ok({ op: 'count', model: 'blog.Post', where: { user: u.ref } }),
          exists: (await session.ok({ op: 'count', model: 'blog.Post', where: { user: u.ref } })) !== 0,
        });
      }
      await session.create('blog.Post', { user: us[0]!.ref, title: wanted });
      expect(await session.ok({ op: 'related', obj: us[0]!.ref, attr: 'post_set', method: 'count' })).toBe(posts.filter((p) => p.owner === 0).length + 1);
    }, { numRuns: 8 });
  },
);

specCase(
  {
    id: 'relations.reverse-managers.create-sets-owner',
    rule: '`user.post_set.create(title=...)` saves a post whose user is the owner, even when another user is passed.',
    behaviors: ['REV-CREATE'],
    needs: ['relations.reverse'],
    setup: blog,
  },
  async ({ session }) => {
    const [a, b] = await users(session, 2);
    const plain = await session.obj({ op: 'related', obj: a!.ref, attr: 'post_set', method: 'create', kwargs: { title: 't' } });
    const overridden = await session.obj({ op: 'related', obj: a!.ref, attr: 'post_set', method: 'create', kwargs: { title: 'u', user: b!.ref } });
    expect(await session.ok({ op: 'values', model: 'blog.Post', fields: ['id', 'user_id'], order_by: ['id'] })).toEqual([
      { id: plain.pk, user_id: a!.pk },
      { id: overridden.pk, user_id: a!.pk },
    ]);
  },
);

specCase(
  {
    id: 'relations.reverse-managers.add-moves-without-save-signals',
    rule: '`user.post_set.add(post)` re-points saved posts to the user (the passed instance too) without pre_save/post_save; after any sequence of adds each post belongs to the user it was last added to.',
    behaviors: ['REV-ADD'],
    needs: ['relations.reverse', 'signals.model'],
    setup: blog,
  },
  async ({ session, property }) => {
    await property(fc.array(fc.tuple(fc.nat({ max: 2 }), fc.nat({ max: 2 })), { minLength: 1, maxLength: 5 }), async (adds) => {
      const us = await users(session, 3);
      const posts = [];
      for (let i = 0; i < 3; i++) posts.push(await session.create('blog.Post', { user: us[0]!.ref, title: `p${i}` }));
      const owner = [0, 0, 0];
      for (const [u, p] of adds) {
        await session.ok({ op: 'related', obj: us[u]!.ref, attr: 'post_set', method: 'add', args: [posts[p]!.ref] });
        expect(session.events).toEqual([]);
        expect(await session.ok({ op: 'read', obj: posts[p]!.ref, attr: 'user_id' })).toBe(us[u]!.pk);
        owner[p] = u;
      }
      const stored = (await session.ok({ op: 'values', model: 'blog.Post', fields: ['user_id'], order_by: ['id'] })) as Array<{ user_id: number }>;
      expect(stored.map((r) => r.user_id)).toEqual(owner.map((u) => us[u]!.pk));
    }, { numRuns: 8 });
  },
);

specCase(
  {
    id: 'relations.reverse-managers.add-rejects-unsaved-foreign-and-pks',
    rule: 'A reverse manager\'s add() raises ValueError for an unsaved object and TypeError for an object of another model or a raw pk.',
    behaviors: ['REV-ADD-ERRORS'],
    needs: ['relations.reverse'],
    setup: blog,
  },
  async ({ session }) => {
    const [u] = await users(session, 1);
    const unsaved = await session.obj({ op: 'new', model: 'blog.Post', values: { title: 'x' } });
    const tag = await session.create('blog.Tag', { name: 'z' });
    const errors = [];
    for (const arg of [unsaved.ref, tag.ref, 4]) errors.push(errorOf(await session.error({ op: 'related', obj: u!.ref, attr: 'post_set', method: 'add', args: [arg] })));
    expect(errors).toEqual([
      { type: 'ValueError', message: "<Post: Post object (None)> instance isn't saved. Use bulk=False or save the object first." },
      { type: 'TypeError', message: "'Post' instance expected, got <Tag: z>" },
      { type: 'TypeError', message: "'Post' instance expected, got 4" },
    ]);
  },
);

specCase(
  {
    id: 'relations.reverse-managers.remove-and-clear-need-nullable-key',
    rule: 'On a non-null key the reverse manager has no remove() or clear() (AttributeError); on a nullable key they set the key to NULL without deleting, and removing an unrelated object raises the owner model\'s DoesNotExist.',
    behaviors: ['REV-REMOVE-CLEAR-NULLABLE-ONLY'],
    needs: ['relations.reverse'],
    setup: blog,
  },
  async ({ session }) => {
    const [a, b] = await users(session, 2);
    await session.create('blog.Post', { user: a!.ref, title: 'p' });
    const n1 = await session.create('blog.NullPost', { user: a!.ref, title: 'n1' });
    await session.create('blog.NullPost', { user: a!.ref, title: 'n2' });
    const other = await session.create('blog.NullPost', { user: b!.ref, title: 'n3' });
    const missing = [];
    for (const method of ['remove', 'clear']) missing.push(errorOf(await session.error({ op: 'related', obj: a!.ref, attr: 'post_set', method, args: [] })));
    expect(missing).toEqual([
      { type: 'AttributeError', message: "'RelatedManager' object has no attribute 'remove'" },
      { type: 'AttributeError', message: "'RelatedManager' object has no attribute 'clear'" },
    ]);
    const unrelated = await session.error({ op: 'related', obj: a!.ref, attr: 'nullposts', method: 'remove', args: [other.ref] });
    expect({ ...errorOf(unrelated), model: unrelated.model }).toEqual({ type: 'DoesNotExist', message: '<NullPost: NullPost object (3)> is not related to <User: u0>.', model: 'auth.User' });
    await session.ok({ op: 'related', obj: a!.ref, attr: 'nullposts', method: 'remove', args: [n1.ref] });
    const afterRemove = await session.ok({ op: 'values', model: 'blog.NullPost', fields: ['title', 'user_id'], order_by: ['id'] });
    await session.ok({ op: 'related', obj: a!.ref, attr: 'nullposts', method: 'clear' });
    const afterClear = await session.ok({ op: 'values', model: 'blog.NullPost', fields: ['title', 'user_id'], order_by: ['id'] });
    expect([afterRemove, afterClear]).toEqual([
      [{ title: 'n1', user_id: null }, { title: 'n2', user_id: a!.pk }, { title: 'n3', user_id: b!.pk }],
      [{ title: 'n1', user_id: null }, { title: 'n2', user_id: null }, { title: 'n3', user_id: b!.pk }],
    ]);
  },
);

specCase(
  {
    id: 'relations.reverse-managers.set-diffs-nullable-adds-non-null',
    rule: 'On a nullable key `set(objs)` leaves the owner\'s children exactly `objs` (others get NULL); on a non-null key it only adds, keeping existing children.',
    behaviors: ['REV-SET'],
    needs: ['relations.reverse'],
    setup: blog,
  },
  async ({ session, property }) => {
    await property(fc.tuple(fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), fc.array(fc.boolean(), { minLength: 4, maxLength: 4 })), async ([initial, wanted]) => {
      const [a, b] = await users(session, 2);
      const children = [];
      for (const [i, mine] of initial.entries()) children.push(await session.create('blog.NullPost', { user: (mine ? a : b)!.ref, title: `n${i}` }));
      await session.ok({ op: 'related', obj: a!.ref, attr: 'nullposts', method: 'set', args: [children.filter((_, i) => wanted[i]).map((c) => c.ref)] });
      const stored = (await session.ok({ op: 'values', model: 'blog.NullPost', fields: ['user_id'], order_by: ['id'] })) as Array<{ user_id: number | null }>;
      expect(stored.map((r) => r.user_id)).toEqual(initial.map((mine, i) => (wanted[i] ? a!.pk : mine ? null : b!.pk)));
    }, { numRuns: 10 });
    await session.reset();
    const [a, b] = await users(session, 2);
    const kept = await session.create('blog.Post', { user: a!.ref, title: 'a' });
    const moved = await session.create('blog.Post', { user: b!.ref, title: 'c' });
    await session.ok({ op: 'related', obj: a!.ref, attr: 'post_set', method: 'set', args: [[moved.ref]] });
    expect(pks(await session.ok({ op: 'related', obj: a!.ref, attr: 'post_set', method: 'all' }))).toEqual([kept.pk, moved.pk]);
  },
);

specCase(
  {
    id: 'relations.reverse-managers.direct-assignment-prohibited',
    rule: 'Assigning a list to `user.post_set` raises TypeError "Direct assignment to the reverse side of a related set is prohibited. Use post_set.set() instead."',
    behaviors: ['REV-DIRECT-ASSIGN'],
    needs: ['relations.reverse'],
    setup: blog,
  },
  async ({ session }) => {
    const [u] = await users(session, 1);
    const post = await session.create('blog.Post', { user: u!.ref, title: 't' });
    expect(errorOf(await session.error({ op: 'assign', obj: u!.ref, values: { post_set: [post.ref] } }))).toEqual({
      type: 'TypeError',
      message: 'Direct assignment to the reverse side of a related set is prohibited. Use post_set.set() instead.',
    });
  },
);

specCase(
  {
    id: 'relations.reverse-managers.unsaved-owner-refused',
    rule: 'The reverse manager of an unsaved user raises ValueError on all() (no primary key value) and on create() (no value for field "id").',
    behaviors: ['REV-UNSAVED-OWNER'],
    needs: ['relations.reverse'],
    setup: blog,
  },
  async ({ session }) => {
    const user = await session.obj({ op: 'new', model: 'auth.User', values: { username: 'x' } });
    const all = await session.error({ op: 'related', obj: user.ref, attr: 'post_set', method: 'all' });
    const create = await session.error({ op: 'related', obj: user.ref, attr: 'post_set', method: 'create', kwargs: { title: 't' } });
    expect([errorOf(all), errorOf(create)]).toEqual([
      { type: 'ValueError', message: "'User' instance needs to have a primary key value before this relationship can be used." },
      { type: 'ValueError', message: '"<User: x>" needs to have a value for field "id" before this relationship can be used.' },
    ]);
    expect(await session.ok({ op: 'count', model: 'blog.Post' })).toBe(0);
  },
);
