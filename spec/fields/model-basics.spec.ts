import { specCase, fc, expect, type Obj } from '../support/index.js';
import { oneModel, outcome, pyRepr } from '../support/models.js';

const blogPost = (defaultAutoField = 'django.db.models.BigAutoField') =>
  oneModel(
    [
      { name: 'title', type: 'CharField', max_length: 20 },
      { name: 'n', type: 'IntegerField', default: 5 },
    ],
    { name: 'BlogPost', default_auto_field: defaultAutoField },
  );

const title = fc.string({ unit: 'grapheme-ascii', maxLength: 20 });

specCase(
  {
    id: 'fields.model.implicit-id-comes-first',
    rule: 'A model without a primary key gets an auto-created integer `id` primary key, verbose name "ID", listed before the declared fields.',
    behaviors: ['FLD-PK-AUTO'],
    needs: ['models.meta'],
    docs: 'topics/db/models/#automatic-primary-key-fields',
    setup: blogPost(),
  },
  async ({ session }) => {
    const meta = (await session.ok({ op: 'meta', model: 'tapp.BlogPost' })) as { pk: string; fields: Record<string, unknown>[] };
    expect(meta.pk).toBe('id');
    expect(meta.fields.map((f) => f.name)).toEqual(['id', 'title', 'n']);
    expect(meta.fields[0]).toMatchObject({ name: 'id', attname: 'id', primary_key: true, auto_created: true, blank: true, verbose_name: 'ID' });
  },
);

specCase(
  {
    id: 'fields.model.auto-pk-type-precedence',
    rule: "The implicit pk's class is the AppConfig's default_auto_field, else settings.DEFAULT_AUTO_FIELD, else AutoField with check warning models.W042.",
    behaviors: ['FLD-PK-TYPE'],
    needs: ['models.meta', 'models.checks'],
    docs: 'ref/settings/#default-auto-field',
  },
  async ({ open }) => {
    const pkType = async (setup: Parameters<typeof open>[0]) => {
      const opened = await open(setup);
      if (!opened.ok) throw new Error(opened.error.message);
      const meta = (await opened.session.ok({ op: 'meta', model: 'tapp.Item' })) as { fields: { type: string }[] };
      const checks = (await opened.session.ok({ op: 'check' })) as { id: string }[];
      return { type: meta.fields[0]!.type, checks: checks.map((c) => c.id) };
    };
    const fields = [{ name: 'a', type: 'IntegerField' as const }];
    expect(await pkType(oneModel(fields, { default_auto_field: 'django.db.models.BigAutoField', settings: { DEFAULT_AUTO_FIELD: 'django.db.models.SmallAutoField' } })))
      .toEqual({ type: 'BigAutoField', checks: [] });
    expect(await pkType(oneModel(fields, { settings: { DEFAULT_AUTO_FIELD: 'django.db.models.SmallAutoField' } }))).toEqual({ type: 'SmallAutoField', checks: [] });
    expect(await pkType(oneModel(fields))).toEqual({ type: 'AutoField', checks: ['models.W042'] });
  },
);

specCase(
  {
    id: 'fields.model.pk-is-none-until-saved',
    rule: 'A new instance has pk None; save() and create() give it the positive integer id of the inserted row, distinct for every row.',
    behaviors: ['FLD-PK-ASSIGN'],
    needs: ['models.crud'],
    docs: 'ref/models/instances/#auto-incrementing-primary-keys',
    setup: blogPost(),
  },
  async ({ session, property }) => {
    await property(fc.array(fc.tuple(title, fc.boolean()), { minLength: 1, maxLength: 6 }), async (rows) => {
      const pks: unknown[] = [];
      for (const [t, viaCreate] of rows) {
        let saved: Obj;
        if (viaCreate) saved = await session.create('tapp.BlogPost', { title: t });
        else {
          const fresh = await session.obj({ op: 'new', model: 'tapp.BlogPost', values: { title: t } });
          expect(fresh.pk).toBeNull();
          saved = await session.obj({ op: 'save', obj: fresh.ref });
        }
        expect(saved.pk).toBeTypeOf('number');
        expect(saved.pk as number).toBeGreaterThan(0);
        expect(saved.values?.id).toBe(saved.pk);
        pks.push(saved.pk);
      }
      expect(new Set(pks).size).toBe(rows.length);
    }, { numRuns: 20 });
  },
);

specCase(
  {
    id: 'fields.model.auto-ids-increase-and-are-not-reused',
    rule: 'Auto-generated ids strictly increase across creates, and the id of a deleted row is never handed out again.',
    behaviors: ['FLD-PK-SEQUENCE'],
    needs: ['models.crud'],
    docs: 'ref/models/instances/#auto-incrementing-primary-keys',
    setup: blogPost(),
  },
  async ({ session, property }) => {
    // Each step creates a row, or deletes the i-th live row (modulo the live count).
    const steps = fc.array(fc.oneof(fc.constant<'create'>('create'), fc.nat(5)), { minLength: 1, maxLength: 10 });
    await property(steps, async (plan) => {
      const live: Obj[] = [];
      const ids: number[] = [];
      for (const step of plan) {
        if (step === 'create' || live.length === 0) {
          const row = await session.create('tapp.BlogPost', { title: 't' });
          ids.push(row.pk as number);
          live.push(row);
        } else {
          const [victim] = live.splice(step % live.length, 1);
          await session.ok({ op: 'delete', obj: victim!.ref });
        }
      }
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(ids.length);
    }, { numRuns: 20 });
  },
);

specCase(
  {
    id: 'fields.model.manager-not-reachable-from-instances',
    rule: 'Model.objects is a class-level manager: reading it through an instance raises AttributeError "Manager isn\'t accessible via <Model> instances".',
    behaviors: ['FLD-MANAGER-OBJECTS'],
    needs: ['models.crud'],
    docs: 'topics/db/managers/',
    setup: blogPost(),
  },
  async ({ session }) => {
    const post = await session.create('tapp.BlogPost', { title: 'a' });
    expect(outcome(await session.run({ op: 'read', obj: post.ref, attr: 'objects' }))).toEqual({
      type: 'AttributeError',
      message: "Manager isn't accessible via BlogPost instances",
    });
    expect(await session.ok({ op: 'count', model: 'tapp.BlogPost' })).toBe(1);
  },
);

specCase(
  {
    id: 'fields.model.unknown-keyword-is-type-error',
    rule: 'Model(**kwargs) and objects.create(**kwargs) with names that are not fields raise TypeError listing them, and nothing is saved.',
    behaviors: ['FLD-CTOR-UNKNOWN-KWARG'],
    needs: ['models.crud'],
    seed: 'Seed: `Article.objects.create(title="My Great Article", content="...")` on a model without `content`. Django 5.2: TypeError "Article() got unexpected keyword arguments: \'content\'".',
    docs: 'ref/models/instances/#creating-objects',
    setup: blogPost(),
  },
  async ({ session, property }) => {
    const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/).filter((k) => !['title', 'n', 'id', 'pk'].includes(k));
    await property(fc.uniqueArray(name, { minLength: 1, maxLength: 3 }), async (names) => {
      const values = Object.fromEntries([['title', 'x'], ...names.map((k) => [k, 1])]);
      const expected = { type: 'TypeError', message: `BlogPost() got unexpected keyword arguments: ${names.map((k) => `'${k}'`).join(', ')}` };
      expect(outcome(await session.run({ op: 'create', model: 'tapp.BlogPost', values }))).toEqual(expected);
      expect(outcome(await session.run({ op: 'new', model: 'tapp.BlogPost', values }))).toEqual(expected);
      expect(await session.ok({ op: 'count', model: 'tapp.BlogPost' })).toBe(0);
    }, { numRuns: 25 });
  },
);

specCase(
  {
    id: 'fields.model.save-updates-every-field',
    rule: 'save() on a saved instance updates its row with every field, inserting nothing, so a fresh read returns exactly the instance\'s values.',
    behaviors: ['FLD-SAVE-INSERT-OR-UPDATE'],
    needs: ['models.crud'],
    docs: 'ref/models/instances/#how-django-knows-to-update-vs-insert',
    setup: blogPost(),
  },
  async ({ session, property }) => {
    await property(fc.tuple(title, title, fc.integer({ min: -1000, max: 1000 })), async ([first, second, n]) => {
      const post = await session.create('tapp.BlogPost', { title: first });
      await session.ok({ op: 'assign', obj: post.ref, values: { title: second, n } });
      await session.ok({ op: 'save', obj: post.ref });
      const rows = await session.ok({ op: 'values', model: 'tapp.BlogPost' });
      expect(rows).toEqual([{ id: post.pk, title: second, n }]);
    }, { numRuns: 25 });
  },
);

specCase(
  {
    id: 'fields.model.explicit-pk-save-overwrites-create-fails',
    rule: 'save() of a new instance whose pk names an existing row overwrites that row (omitted fields take their defaults), while create() with that pk raises IntegrityError.',
    behaviors: ['FLD-SAVE-EXPLICIT-PK'],
    needs: ['models.crud'],
    docs: 'ref/models/instances/#explicitly-specifying-auto-primary-key-values',
    setup: blogPost(),
  },
  async ({ session, property }) => {
    await property(fc.tuple(title, title, fc.integer({ min: -50, max: 50 })), async ([original, replacement, n]) => {
      const row = await session.create('tapp.BlogPost', { title: original, n });
      const twin = await session.obj({ op: 'new', model: 'tapp.BlogPost', values: { id: row.pk, title: replacement } });
      await session.ok({ op: 'save', obj: twin.ref });
      expect(await session.ok({ op: 'values', model: 'tapp.BlogPost' })).toEqual([{ id: row.pk, title: replacement, n: 5 }]);
      const duplicate = await session.run({ op: 'create', model: 'tapp.BlogPost', values: { id: row.pk, title: 'dup' } });
      expect(duplicate.ok ? 'saved' : duplicate.error.type).toBe('IntegrityError');
      expect(await session.ok({ op: 'count', model: 'tapp.BlogPost' })).toBe(1);
    }, { numRuns: 15 });
    const unsaved = await session.obj({ op: 'new', model: 'tapp.BlogPost', values: { title: 'x' } });
    expect(outcome(await session.run({ op: 'save', obj: unsaved.ref, force_update: true }))).toEqual({
      type: 'ValueError',
      message: 'Cannot force an update in save() with no primary key.',
    });
    const missing = await session.obj({ op: 'new', model: 'tapp.BlogPost', values: { id: 999, title: 'x' } });
    expect(outcome(await session.run({ op: 'save', obj: missing.ref, force_update: true }))).toEqual({
      type: 'DatabaseError',
      message: 'Forced update did not affect any rows.',
    });
  },
);

specCase(
  {
    id: 'fields.model.update-fields-writes-only-listed',
    rule: 'save(update_fields=[...]) writes only the listed fields; other in-memory changes stay unsaved, and an unknown or pk name raises ValueError.',
    behaviors: ['FLD-SAVE-UPDATE-FIELDS'],
    needs: ['models.crud'],
    docs: 'ref/models/instances/#specifying-which-fields-to-save',
    setup: blogPost(),
  },
  async ({ session, property }) => {
    await property(fc.tuple(fc.subarray(['title', 'n'], { minLength: 1 }), title, fc.integer({ min: 6, max: 99 })), async ([listed, newTitle, newN]) => {
      const post = await session.create('tapp.BlogPost', { title: 'old' });
      await session.ok({ op: 'assign', obj: post.ref, values: { title: newTitle, n: newN } });
      await session.ok({ op: 'save', obj: post.ref, update_fields: listed });
      const stored = await session.ok({ op: 'values', model: 'tapp.BlogPost', fields: ['title', 'n'] });
      expect(stored).toEqual([{ title: listed.includes('title') ? newTitle : 'old', n: listed.includes('n') ? newN : 5 }]);
    }, { numRuns: 20 });
    const post = await session.create('tapp.BlogPost', { title: 'a' });
    for (const name of ['nope', 'id']) {
      expect(outcome(await session.run({ op: 'save', obj: post.ref, update_fields: [name] }))).toEqual({
        type: 'ValueError',
        message: `The following fields do not exist in this model, are m2m fields, primary keys, or are non-concrete fields: ${name}`,
      });
    }
  },
);

specCase(
  {
    id: 'fields.model.save-does-not-convert-attributes',
    rule: 'save() stores the converted value but leaves the attribute as assigned (the string "12" stays a string); refresh_from_db() and full_clean() give the field\'s Python type.',
    behaviors: ['FLD-SAVE-NO-COERCE'],
    needs: ['models.crud', 'validation.full_clean'],
    docs: 'ref/models/instances/#django.db.models.Model.clean_fields',
    setup: blogPost(),
  },
  async ({ session, property }) => {
    await property(fc.integer({ min: -100000, max: 100000 }), async (n) => {
      const post = await session.create('tapp.BlogPost', { title: 't', n: String(n) });
      expect(await session.ok({ op: 'read', obj: post.ref, attr: 'n' })).toBe(String(n));
      expect(await session.ok({ op: 'values', model: 'tapp.BlogPost', fields: ['n'] })).toEqual([{ n }]);
      const other = await session.obj({ op: 'new', model: 'tapp.BlogPost', values: { title: 't', n: ` ${n} ` } });
      await session.ok({ op: 'full_clean', obj: other.ref });
      expect(await session.ok({ op: 'read', obj: other.ref, attr: 'n' })).toBe(n);
      await session.ok({ op: 'refresh', obj: post.ref });
      expect(await session.ok({ op: 'read', obj: post.ref, attr: 'n' })).toBe(n);
    }, { numRuns: 20 });
  },
);

specCase(
  {
    id: 'fields.model.delete-counts-and-clears-pk',
    rule: 'delete() returns (total, {"app.Model": n}), sets the pk to None and keeps other attributes, so a later save() inserts a new row; an unsaved instance cannot be deleted.',
    behaviors: ['FLD-DELETE'],
    needs: ['models.crud'],
    docs: 'ref/models/instances/#deleting-objects',
    setup: blogPost(),
  },
  async ({ session, property }) => {
    await property(title, async (t) => {
      const post = await session.create('tapp.BlogPost', { title: t });
      expect(await session.ok({ op: 'delete', obj: post.ref })).toEqual([1, { 'tapp.BlogPost': 1 }]);
      expect(await session.ok({ op: 'read', obj: post.ref, attr: 'pk' })).toBeNull();
      expect(await session.ok({ op: 'read', obj: post.ref, attr: 'title' })).toBe(t);
      expect(outcome(await session.run({ op: 'get', model: 'tapp.BlogPost', where: { pk: post.pk } }))).toEqual({
        type: 'DoesNotExist',
        message: 'BlogPost matching query does not exist.',
      });
      const again = await session.obj({ op: 'save', obj: post.ref });
      expect(again.pk).not.toBe(post.pk);
      expect(await session.ok({ op: 'count', model: 'tapp.BlogPost' })).toBe(1);
    }, { numRuns: 15 });
    const unsaved = await session.obj({ op: 'new', model: 'tapp.BlogPost', values: { title: 'u' } });
    expect(outcome(await session.run({ op: 'delete', obj: unsaved.ref }))).toEqual({
      type: 'ValueError',
      message: "BlogPost object can't be deleted because its id attribute is set to None.",
    });
  },
);

specCase(
  {
    id: 'fields.model.equality-is-model-and-pk',
    rule: 'Two instances are equal when they are of the same model with the same non-None pk; an unsaved instance equals only itself.',
    behaviors: ['FLD-EQ-HASH'],
    needs: ['models.crud'],
    docs: 'ref/models/instances/#django.db.models.Model.__eq__',
    setup: blogPost(),
  },
  async ({ session }) => {
    const post = await session.create('tapp.BlogPost', { title: 'a' });
    const other = await session.create('tapp.BlogPost', { title: 'a' });
    const loaded = await session.obj({ op: 'get', model: 'tapp.BlogPost', where: { pk: post.pk } });
    const a = await session.obj({ op: 'new', model: 'tapp.BlogPost', values: { title: 'a' } });
    const b = await session.obj({ op: 'new', model: 'tapp.BlogPost', values: { title: 'a' } });
    const eq = (x: Obj, y: Obj) => session.ok({ op: 'equals', a: x.ref, b: y.ref });
    expect([await eq(loaded, post), await eq(post, other), await eq(a, b), await eq(a, a)]).toEqual([true, false, false, true]);
  },
);

specCase(
  {
    id: 'fields.model.get-errors',
    rule: 'get() raises <Model>.DoesNotExist for no row and MultipleObjectsReturned for several; an uncoercible pk value raises ValueError, not DoesNotExist.',
    behaviors: ['FLD-GET-ERRORS'],
    needs: ['models.crud'],
    docs: 'ref/models/querysets/#get',
    setup: blogPost(),
  },
  async ({ session, property }) => {
    const post = await session.create('tapp.BlogPost', { title: 'a' });
    await session.create('tapp.BlogPost', { title: 'a' });
    const get = async (where: Record<string, never> | Record<string, unknown>) =>
      outcome(await session.run({ op: 'get', model: 'tapp.BlogPost', where: where as never }));
    expect(await get({ pk: String(post.pk) })).toMatchObject({ ok: { $obj: { pk: post.pk } } });
    expect(await get({ pk: 424242 })).toEqual({ type: 'DoesNotExist', message: 'BlogPost matching query does not exist.' });
    expect(await get({ pk: null })).toEqual({ type: 'DoesNotExist', message: 'BlogPost matching query does not exist.' });
    expect(await get({ title: 'a' })).toEqual({ type: 'MultipleObjectsReturned', message: 'get() returned more than one BlogPost -- it returned 2!' });
    const notIntegral = fc.string({ minLength: 1, maxLength: 8 }).filter((s) => !/^\s*[+-]?[\d_\s]+$/.test(s) && !/^\s*[+-]?\d/.test(s));
    await property(notIntegral, async (s) => {
      expect(await get({ pk: s })).toEqual({ type: 'ValueError', message: `Field 'id' expected a number but got ${pyRepr(s)}.` });
    }, { numRuns: 25 });
  },
);
