import { specCase, fc, expect } from '../support/index.js';
import { slugifyRule } from './slugify-rule.js';

const self = { $self: true as const };
/** The seed's Post with a save() that sets the slug from the title, then calls super().save() (or forgets to). */
const post = (name: string, callSuper: boolean) => ({
  name,
  fields: [{ name: 'title', type: 'CharField' as const, max_length: 200 }, { name: 'slug', type: 'SlugField' as const, blank: true }],
  save_override: { before: [{ set: self, values: { slug: { $slugify: { $get: [self, 'title'] as [typeof self, string] } } } }], call_super: callSuper },
});

const setup = {
  apps: [{ name: 'blog', models: [post('Post', true), post('NoSuper', false)] }],
  receivers: [{ id: 'log', do: [] }],
  connect: [{ signal: 'pre_save', receiver: 'log' }, { signal: 'post_save', receiver: 'log' }],
};

const title = fc.string({ unit: fc.constantFrom(...'Ab 9-!é_'.split('')), minLength: 1, maxLength: 20 });

specCase(
  {
    id: 'models.save-override.runs-on-save-and-create',
    rule: 'A save() override runs for create() and for every instance save(), so a slug derived from the title there is stored and follows later title changes.',
    behaviors: ['FLD-METH-SAVE-OVERRIDE'],
    needs: ['models.methods', 'models.crud', 'signals.model'],
    docs: 'topics/db/models/#overriding-predefined-model-methods',
    setup,
  },
  async ({ session, property }) => {
    await property(fc.tuple(title, title), async ([first, second]) => {
      const created = await session.create('blog.Post', { title: first });
      expect(session.events.map((e) => e.signal)).toEqual(['pre_save', 'post_save']);
      expect(await session.ok({ op: 'values', model: 'blog.Post', fields: ['title', 'slug'] })).toEqual([{ title: first, slug: slugifyRule(first) }]);
      await session.ok({ op: 'assign', obj: created.ref, values: { title: second } });
      await session.ok({ op: 'save', obj: created.ref });
      expect(await session.ok({ op: 'values', model: 'blog.Post', fields: ['title', 'slug'] })).toEqual([{ title: second, slug: slugifyRule(second) }]);
    }, { numRuns: 25 });
  },
);

specCase(
  {
    id: 'models.save-override.forgetting-super-saves-nothing',
    rule: 'A save() override that never calls super().save() writes no row, leaves pk None and sends neither pre_save nor post_save, even through create().',
    behaviors: ['FLD-METH-SAVE-OVERRIDE'],
    needs: ['models.methods', 'models.crud', 'signals.model'],
    docs: 'topics/db/models/#overriding-predefined-model-methods',
    setup,
  },
  async ({ session, property }) => {
    await property(title, async (text) => {
      const created = await session.create('blog.NoSuper', { title: text });
      expect(session.events).toEqual([]);
      expect([created.pk, created.values!.slug]).toEqual([null, slugifyRule(text)]);
      expect(await session.ok({ op: 'count', model: 'blog.NoSuper' })).toBe(0);
    }, { numRuns: 10 });
  },
);

specCase(
  {
    id: 'models.save-override.bulk-paths-bypass',
    rule: 'QuerySet.update() and bulk_create() never call a save() override (nor send pre_save/post_save): bulk-created rows keep the slug they were given, and an updated title leaves the slug as it was.',
    behaviors: ['FLD-METH-SAVE-OVERRIDE'],
    needs: ['models.methods', 'models.bulk', 'signals.model'],
    docs: 'ref/models/querysets/#bulk-create',
    setup,
  },
  async ({ session, property }) => {
    await property(fc.array(title, { minLength: 1, maxLength: 4 }), async (titles) => {
      await session.objs({ op: 'bulk_create', model: 'blog.Post', rows: titles.map((t) => ({ title: t })) });
      expect(session.events).toEqual([]);
      const rows = titles.map((t) => ({ title: t, slug: '' }));
      expect(await session.ok({ op: 'values', model: 'blog.Post', fields: ['title', 'slug'], order_by: ['id'] })).toEqual(rows);
      expect(await session.ok({ op: 'update', model: 'blog.Post', values: { title: 'Changed Title' } })).toBe(titles.length);
      expect(session.events).toEqual([]);
      expect(await session.ok({ op: 'values', model: 'blog.Post', fields: ['slug'], order_by: ['id'] })).toEqual(rows.map(() => ({ slug: '' })));
    }, { numRuns: 10 });
  },
);
