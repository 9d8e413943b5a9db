import { specCase, fc, expect, type SpecSession } from '../support/index.js';
import type { Value } from '../../conformance/contract/values.js';

/** The seed's blog: Post.user = ForeignKey(User, CASCADE). */
const blog = {
  apps: [
    { name: 'django.contrib.contenttypes' },
    { name: 'django.contrib.auth' },
    {
      name: 'blog',
      models: [
        { name: 'Post', fields: [{ name: 'user', type: 'ForeignKey' as const, to: 'auth.User', on_delete: 'CASCADE' as const }, { name: 'title', type: 'CharField' as const, max_length: 100 }] },
        { name: 'Tag', str: '{name}', fields: [{ name: 'name', type: 'CharField' as const, max_length: 50 }] },
      ],
    },
  ],
};

async function users(session: SpecSession, n: number) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await session.create('auth.User', { username: `u${i}` }));
  return out;
}

specCase(
  {
    id: 'relations.foreign-key.column-is-name-id',
    rule: 'A ForeignKey named `user` is stored in a NOT NULL column `user_id` (its attname) that holds the User\'s primary key.',
    behaviors: ['REL-FK-DDL'],
    needs: ['relations.fk', 'models.meta'],
    docs: 'ref/models/fields/#database-representation',
    setup: blog,
  },
  async ({ session }) => {
    const meta = (await session.ok({ op: 'meta', model: 'blog.Post' })) as { fields: Array<Record<string, unknown>> };
    expect(meta.fields.find((f) => f.name === 'user')).toMatchObject({ attname: 'user_id', column: 'user_id', null: false, unique: false, related_model: 'auth.User' });
    const [u] = await users(session, 1);
    const post = await session.create('blog.Post', { user: u!.ref, title: 't' });
    expect(post.values).toMatchObject({ user_id: u!.pk });
  },
);

specCase(
  {
    id: 'relations.foreign-key.id-and-object-agree',
    rule: 'After any sequence of reassignments through `user` or `user_id`, reading `post.user` returns the row whose pk is `post.user_id`, and filtering by the object, by `user_id` and across the relation finds the same posts.',
    behaviors: ['REL-FK-ATTNAME'],
    needs: ['relations.fk'],
    docs: 'ref/models/fields/#database-representation',
    setup: blog,
  },
  async ({ session, property }) => {
    const step = fc.record({ by: fc.constantFrom('object', 'id'), user: fc.nat({ max: 2 }) });
    await property(fc.array(step, { minLength: 1, maxLength: 4 }), async (steps) => {
      const us = await users(session, 3);
      const post = await session.create('blog.Post', { user: us[0]!.ref, title: 't' });
      for (const { by, user } of steps) {
        const values: Record<string, Value> = by === 'object' ? { user: us[user]!.ref } : { user_id: us[user]!.pk };
        await session.ok({ op: 'assign', obj: post.ref, values });
        expect(await session.ok({ op: 'read', obj: post.ref, attr: 'user.username' })).toBe(`u${user}`);
      }
      await session.ok({ op: 'save', obj: post.ref });
      const owner = us[steps.at(-1)!.user]!;
      const byObject = await session.objs({ op: 'filter', model: 'blog.Post', where: { user: owner.ref } });
      const byId = await session.objs({ op: 'filter', model: 'blog.Post', where: { user_id: owner.pk } });
      const across = await session.objs({ op: 'filter', model: 'blog.Post', where: { user__username: `u${steps.at(-1)!.user}` } });
      expect([byObject.map((p) => p.pk), byId.map((p) => p.pk), across.map((p) => p.pk)]).toEqual([[post.pk], [post.pk], [post.pk]]);
    }, { numRuns: 15 });
  },
);

specCase(
  {
    id: 'relations.foreign-key.unsaved-target-refused',
    rule: 'save() of an object whose related object has no pk raises ValueError "save() prohibited to prevent data loss due to unsaved related object \'user\'." and writes nothing.',
    behaviors: ['REL-FK-UNSAVED-TARGET'],
    needs: ['relations.fk'],
    setup: blog,
  },
  async ({ session }) => {
    const user = await session.obj({ op: 'new', model: 'auth.User', values: { username: 'x' } });
    const post = await session.obj({ op: 'new', model: 'blog.Post', values: { user: user.ref, title: 't' } });
    const error = await session.error({ op: 'save', obj: post.ref });
    expect({ type: error.type, message: error.message }).toEqual({ type: 'ValueError', message: "save() prohibited to prevent data loss due to unsaved related object 'user'." });
    expect(await session.ok({ op: 'count', model: 'blog.Post' })).toBe(0);
  },
);

specCase(
  {
    id: 'relations.foreign-key.dangling-id-rejected',
    rule: 'create() with a `user_id` that matches no User fails with IntegrityError in autocommit, and no row is left.',
    behaviors: ['REL-FK-DANGLING-ID'],
    needs: ['relations.fk'],
    setup: blog,
  },
  async ({ session, property }) => {
    await property(fc.integer({ min: 2, max: 100_000 }), async (missing) => {
      await users(session, 1);
      const error = await session.error({ op: 'create', model: 'blog.Post', values: { user_id: missing, title: 't' } });
      expect(error.type).toBe('IntegrityError');
      expect(await session.ok({ op: 'count', model: 'blog.Post' })).toBe(0);
    }, { numRuns: 10 });
  },
);

specCase(
  {
    id: 'relations.foreign-key.filter-with-wrong-model',
    rule: 'Filtering a ForeignKey with an instance of another model raises ValueError \'Cannot query "<str>": Must be "<Model>" instance.\'.',
    behaviors: ['REL-FK-FILTER-TYPE'],
    needs: ['relations.fk'],
    setup: blog,
  },
  async ({ session }) => {
    const tag = await session.create('blog.Tag', { name: 'zz' });
    const error = await session.error({ op: 'filter', model: 'blog.Post', where: { user: tag.ref } });
    expect({ type: error.type, message: error.message }).toEqual({ type: 'ValueError', message: 'Cannot query "zz": Must be "User" instance.' });
  },
);

specCase(
  {
    id: 'relations.foreign-key.on-delete-is-required',
    rule: 'Defining a ForeignKey or OneToOneField without on_delete, or a ManyToManyField with one, raises TypeError when the models load.',
    behaviors: ['REL-FK-ONDELETE-REQUIRED'],
    needs: ['relations.fk', 'relations.o2o', 'relations.m2m'],
    docs: 'ref/models/fields/#django.db.models.ForeignKey.on_delete',
  },
  async ({ open }) => {
    const model = (field: Record<string, unknown>) => ({ apps: [{ name: 'tapp', models: [{ name: 'Target' }, { name: 'Source', fields: [{ name: 'target', to: 'Target', ...field }] }] }] }) as never;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ type: 'ForeignKey' }, "ForeignKey.__init__() missing 1 required positional argument: 'on_delete'"],
      [{ type: 'OneToOneField' }, "OneToOneField.__init__() missing 1 required positional argument: 'on_delete'"],
      [{ type: 'ManyToManyField', on_delete: 'CASCADE' }, "Field.__init__() got an unexpected keyword argument 'on_delete'"],
    ];
    const outcomes = [];
    for (const [field] of cases) {
      const opened = await open(model(field));
      outcomes.push(opened.ok ? 'started' : { type: opened.error.type, message: opened.error.message });
    }
    expect(outcomes).toEqual(cases.map(([, message]) => ({ type: 'TypeError', message })));
  },
);

specCase(
  {
    id: 'relations.foreign-key.unique-warns-w342',
    rule: 'ForeignKey(unique=True) passes model loading, and the system checks report the warning fields.W342.',
    behaviors: ['REL-FK-UNIQUE-W342'],
    needs: ['relations.fk', 'models.checks'],
    level: 'optional',
    setup: { settings: { DEFAULT_AUTO_FIELD: 'django.db.models.BigAutoField' }, apps: [{ name: 'tapp', models: [{ name: 'Target' }, { name: 'Source', fields: [{ name: 'target', type: 'ForeignKey', to: 'Target', on_delete: 'CASCADE', unique: true }] }] }] },
  },
  async ({ session }) => {
    const checks = (await session.ok({ op: 'check' })) as Array<Record<string, unknown>>;
    expect(checks.map(({ id, level, msg, obj }) => ({ id, level, msg, obj }))).toEqual([
      { id: 'fields.W342', level: 'WARNING', msg: 'Setting unique=True on a ForeignKey has the same effect as using a OneToOneField.', obj: 'tapp.Source.target' },
    ]);
  },
);
