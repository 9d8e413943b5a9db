import { specCase, fc, expect } from '../support/index.js';
import { slugifyRule, slugText } from './slugify-rule.js';

// A model whose method returns slugify() of its argument, in both modes.
const setup = {
  apps: [{
    name: 'tapp',
    models: [{
      name: 'Post',
      fields: [{ name: 'title', type: 'CharField' as const, max_length: 200 }],
      methods: [
        { name: 'slug_of', params: ['text'], body: [{ return: { $slugify: { $arg: 'text' } } }] },
        { name: 'unicode_slug_of', params: ['text'], body: [{ return: { $slugify: { $arg: 'text' }, allow_unicode: true } }] },
      ],
    }],
  }],
};


specCase(
  {
    id: 'models.slugify.ascii-mode',
    rule: 'slugify() keeps only ASCII after NFKD decomposition, lower-cases, drops what is not a word character, space or hyphen, joins runs of spaces and hyphens into one hyphen, and strips hyphens and underscores at both ends.',
    behaviors: ['FLD-SLUG'],
    needs: ['models.methods'],
    docs: 'ref/utils/#django.utils.text.slugify',
    setup,
  },
  async ({ session, property }) => {
    // The table of the catalog first, then generated text checked against the rule.
    // Handles do not survive the reset between runs, so each call builds its own unsaved Post.
    const slug = async (text: string) => {
      const post = await session.obj({ op: 'new', model: 'tapp.Post' });
      return session.ok({ op: 'call', obj: post.ref, method: 'slug_of', args: [text] });
    };
    expect([await slug('Hello World! Ünïcode'), await slug('  a--b  '), await slug("C'est la vie"), await slug('你好')]).toEqual(['hello-world-unicode', 'a-b', 'cest-la-vie', '']);
    await property(slugText, async (text) => {
      const result = await slug(text);
      expect(result).toBe(slugifyRule(text));
      expect(result).toMatch(/^[a-z0-9_-]*$/);
      expect(await slug(result as string)).toBe(result);
    });
  },
);

specCase(
  {
    id: 'models.slugify.unicode-mode',
    rule: 'slugify(allow_unicode=True) NFKC-normalizes instead of dropping non-ASCII text, so letters and digits of any script stay, lower-cased.',
    behaviors: ['FLD-SLUG'],
    needs: ['models.methods'],
    docs: 'ref/utils/#django.utils.text.slugify',
    setup,
  },
  async ({ session, property }) => {
    const slug = async (text: string) => {
      const post = await session.obj({ op: 'new', model: 'tapp.Post' });
      return session.ok({ op: 'call', obj: post.ref, method: 'unicode_slug_of', args: [text] });
    };
    expect(await slug('你好')).toBe('你好');
    await property(slugText, async (text) => {
      expect(await slug(text)).toBe(slugifyRule(text, true));
    });
  },
);
