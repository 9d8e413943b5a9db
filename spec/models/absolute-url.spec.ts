import { specCase, fc, expect } from '../support/index.js';

const setup = {
  apps: [{
    name: 'blog',
    models: [{
      name: 'Post',
      fields: [{ name: 'title', type: 'CharField' as const, max_length: 200 }, { name: 'slug', type: 'SlugField' as const, unique: true }],
      absolute_url: { route: 'post_detail', args: [{ $get: [{ $self: true as const }, 'slug'] }] },
    }, {
      name: 'Draft',
      fields: [{ name: 'slug', type: 'SlugField' as const }],
      absolute_url: { route: 'nope', args: [{ $get: [{ $self: true as const }, 'slug'] }] },
    }, {
      name: 'Page',
      fields: [{ name: 'slug', type: 'SlugField' as const }],
    }],
  }],
  urls: [{ path: 'posts/<slug:slug>/', name: 'post_detail', view: { function: [{ return: { $HttpResponse: { content: 'ok' } } }] } }],
};

const NOT_FOUND_PATTERNS = "1 pattern(s) tried: ['posts/(?P<slug>[-a-zA-Z0-9_]+)/\\\\Z']";

specCase(
  {
    id: 'models.absolute-url.reverse-builds-path',
    rule: 'get_absolute_url() returning reverse("post_detail", args=[self.slug]) gives "/posts/<slug>/" for a slug of letters, digits, "-" and "_", and raises NoReverseMatch naming the arguments and the pattern tried for any other slug.',
    behaviors: ['FLD-METH-ABSURL'],
    needs: ['models.methods', 'urls.reverse'],
    docs: 'ref/models/instances/#get-absolute-url',
    setup,
  },
  async ({ session, property }) => {
    const spaced = await session.obj({ op: 'new', model: 'blog.Post', values: { title: 't', slug: 'has space' } });
    const error = await session.error({ op: 'call', obj: spaced.ref, method: 'get_absolute_url' });
    expect([error.type, error.message]).toEqual(['NoReverseMatch', `Reverse for 'post_detail' with arguments '('has space',)' not found. ${NOT_FOUND_PATTERNS}`]);
    const slugLike = fc.string({ unit: fc.constantFrom(...'aZ09-_'.split('')), minLength: 1, maxLength: 12 });
    await property(fc.oneof(slugLike, fc.string({ maxLength: 8 })), async (slug) => {
      const post = await session.obj({ op: 'new', model: 'blog.Post', values: { title: 't', slug } });
      const response = await session.run({ op: 'call', obj: post.ref, method: 'get_absolute_url' });
      if (/^[-a-zA-Z0-9_]+$/.test(slug)) expect(response).toMatchObject({ ok: true, value: `/posts/${slug}/` });
      else {
        // The args appear as Python's repr of the tuple; its quoting is Python's business, so only the frame is compared.
        expect(response.ok).toBe(false);
        if (!response.ok) {
          expect(response.error.type).toBe('NoReverseMatch');
          expect(response.error.message).toMatch(/^Reverse for 'post_detail' with arguments '\(.*,\)' not found\. /s);
          expect(response.error.message!.endsWith(NOT_FOUND_PATTERNS)).toBe(true);
        }
      }
    }, { numRuns: 40 });
  },
);

specCase(
  {
    id: 'models.absolute-url.unknown-route-or-undefined',
    rule: 'get_absolute_url() that reverses an unknown route name raises NoReverseMatch "... is not a valid view function or pattern name.", and a model that defines no get_absolute_url has no such attribute.',
    behaviors: ['FLD-METH-ABSURL'],
    needs: ['models.methods', 'urls.reverse'],
    docs: 'ref/models/instances/#get-absolute-url',
    setup,
  },
  async ({ session }) => {
    const draft = await session.obj({ op: 'new', model: 'blog.Draft', values: { slug: 'a' } });
    const unknown = await session.error({ op: 'call', obj: draft.ref, method: 'get_absolute_url' });
    expect([unknown.type, unknown.message]).toEqual(['NoReverseMatch', "Reverse for 'nope' not found. 'nope' is not a valid view function or pattern name."]);
    const page = await session.obj({ op: 'new', model: 'blog.Page', values: { slug: 'a' } });
    const missing = await session.error({ op: 'call', obj: page.ref, method: 'get_absolute_url' });
    expect([missing.type, missing.message]).toEqual(['AttributeError', "'Page' object has no attribute 'get_absolute_url'"]);
  },
);
