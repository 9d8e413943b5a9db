import { specCase, fc, expect } from '../support/index.js';
import { outcome } from '../support/models.js';
import type { SessionSetup } from '../../conformance/contract/schema.js';
import type { Action } from '../../conformance/contract/actions.js';

const BIG_AUTO = { DEFAULT_AUTO_FIELD: 'django.db.models.BigAutoField' };
const slugifyTitle: Action = { set: { $self: true }, values: { slug: { $slugify: { $get: [{ $self: true }, 'title'] } } } };

specCase(
  {
    id: 'fields.methods.default-str-and-repr',
    rule: 'Without __str__, str(obj) is "<Model> object (<pk>)" (pk None when unsaved) and repr(obj) is "<Model: <str>>".',
    behaviors: ['FLD-METH-STR-DEFAULT'],
    needs: ['models.str'],
    seed: 'Seed: "you\'d just see <Profile object (1)>". Django 5.2: str() is "Profile object (1)" and the shell\'s repr() is "<Profile: Profile object (1)>".',
    docs: 'ref/models/instances/#str',
    setup: { settings: BIG_AUTO, apps: [{ name: 'users', models: [{ name: 'Profile', fields: [{ name: 'bio', type: 'TextField', blank: true }] }] }] },
  },
  async ({ session, property }) => {
    const unsaved = await session.obj({ op: 'new', model: 'users.Profile' });
    expect(await session.ok({ op: 'str', obj: unsaved.ref })).toBe('Profile object (None)');
    await property(fc.integer({ min: 1, max: 4 }), async (n) => {
      for (let i = 0; i < n; i++) {
        const profile = await session.create('users.Profile');
        const text = `Profile object (${String(profile.pk)})`;
        expect([await session.ok({ op: 'str', obj: profile.ref }), await session.ok({ op: 'repr', obj: profile.ref })]).toEqual([text, `<Profile: ${text}>`]);
      }
    }, { numRuns: 10 });
  },
);

specCase(
  {
    id: 'fields.methods.custom-str-verbatim',
    rule: 'A declared __str__ is returned verbatim by str() (no capitalization) and wrapped by repr() as "<Model: ...>".',
    behaviors: ['FLD-METH-STR-CUSTOM'],
    needs: ['models.str'],
    seed: 'Seed: f"{self.user.username}\'s profile" "would display “Tito’s profile”". Django 5.2: for username "tito" it is "tito\'s profile", as written.',
    docs: 'ref/models/instances/#str',
    setup: {
      settings: BIG_AUTO,
      apps: [{ name: 'users', models: [{ name: 'Profile', fields: [{ name: 'username', type: 'CharField', max_length: 150 }], str: "{username}'s profile" }] }],
    },
  },
  async ({ session, property }) => {
    await property(fc.stringMatching(/^[\w.@+-]{1,20}$/), async (username) => {
      const profile = await session.create('users.Profile', { username });
      expect([await session.ok({ op: 'str', obj: profile.ref }), await session.ok({ op: 'repr', obj: profile.ref })]).toEqual([`${username}'s profile`, `<Profile: ${username}'s profile>`]);
    }, { numRuns: 20 });
  },
);

specCase(
  {
    id: 'fields.methods.get-absolute-url-reverses',
    rule: 'get_absolute_url() returning reverse("post_detail", args=[self.slug]) gives "/posts/<slug>/" for slugs the converter accepts and raises NoReverseMatch otherwise.',
    behaviors: ['FLD-METH-ABSURL'],
    needs: ['models.methods', 'urls.reverse'],
    docs: 'ref/models/instances/#get-absolute-url',
    setup: {
      settings: BIG_AUTO,
      apps: [{ name: 'blog', models: [{
        name: 'Post',
        fields: [{ name: 'title', type: 'CharField', max_length: 200 }, { name: 'slug', type: 'SlugField', unique: true }],
        absolute_url: { route: 'post_detail', args: [{ $get: [{ $self: true }, 'slug'] }] },
      }] }],
      urls: [{ path: 'posts/<slug:slug>/', name: 'post_detail', view: { function: [{ return: { $HttpResponse: { content: 'ok' } } }] } }],
    },
  },
  async ({ session, property }) => {
    await property(fc.oneof(fc.stringMatching(/^[-a-zA-Z0-9_]{1,30}$/), fc.constantFrom('has space', '', 'ünï')), async (slug) => {
      const post = await session.obj({ op: 'new', model: 'blog.Post', values: { title: 't', slug } });
      const response = await session.run({ op: 'call', obj: post.ref, method: 'get_absolute_url' });
      if (/^[-a-zA-Z0-9_]+$/.test(slug)) expect(outcome(response)).toEqual({ ok: `/posts/${slug}/` });
      else expect(response.ok ? 'reversed' : response.error.type).toBe('NoReverseMatch');
    }, { numRuns: 20 });
  },
);

const postWithOverride = (callSuper: boolean): SessionSetup => ({
  settings: BIG_AUTO,
  apps: [{ name: 'blog', models: [{
    name: 'Post',
    fields: [{ name: 'title', type: 'CharField', max_length: 200 }, { name: 'slug', type: 'SlugField', blank: true }],
    // The seed's pattern: fill the slug when empty, then call super().save().
    save_override: { before: [{ if: { $op: 'not', args: [{ $get: [{ $self: true }, 'slug'] }] }, then: [slugifyTitle] }], call_super: callSuper },
  }] }],
  receivers: [{ id: 'saved', do: [] }],
  connect: [{ signal: ['pre_save', 'post_save'], receiver: 'saved', sender: { $model: 'blog.Post' } }],
});

specCase(
  {
    id: 'fields.methods.save-override-paths',
    rule: 'An overridden save() runs for save() and objects.create() and sends pre_save/post_save only through super().save(); bulk_create() and QuerySet.update() bypass it.',
    behaviors: ['FLD-METH-SAVE-OVERRIDE'],
    needs: ['models.methods', 'models.bulk', 'signals.model'],
    docs: 'topics/db/models/#overriding-predefined-model-methods',
    setup: postWithOverride(true),
  },
  async ({ session, open, property }) => {
    const title = fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,20}[A-Za-z]$/);
    await property(title, async (t) => {
      const slug = t.toLowerCase().trim().replace(/\s+/g, '-');
      const created = await session.create('blog.Post', { title: t });
      expect(session.events.map((e) => e.signal)).toEqual(['pre_save', 'post_save']);
      expect(created.values?.slug).toBe(slug);
      const [bulk] = await session.objs({ op: 'bulk_create', model: 'blog.Post', rows: [{ title: t }] });
      expect(session.events).toEqual([]);
      expect(bulk!.values?.slug).toBe('');
      await session.ok({ op: 'update', model: 'blog.Post', values: { slug: '' } });
      expect(session.events).toEqual([]);
      // The instance still holds its slug, so the override keeps it and save() writes it back.
      await session.ok({ op: 'save', obj: created.ref });
      expect(await session.ok({ op: 'values', model: 'blog.Post', fields: ['slug'], order_by: ['id'] })).toEqual([{ slug }, { slug: '' }]);
    }, { numRuns: 10 });

    const forgetful = await open(postWithOverride(false));
    if (!forgetful.ok) throw new Error(forgetful.error.message);
    const lost = await forgetful.session.create('blog.Post', { title: 'Lost' });
    expect({ pk: lost.pk, events: forgetful.session.events, count: await forgetful.session.ok({ op: 'count', model: 'blog.Post' }) }).toEqual({ pk: null, events: [], count: 0 });
  },
);
