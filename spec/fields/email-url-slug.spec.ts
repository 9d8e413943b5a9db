import { specCase, fc, expect, type SpecSession } from '../support/index.js';
import { outcome, VALID } from '../support/models.js';

const contact = {
  settings: { DEFAULT_AUTO_FIELD: 'django.db.models.BigAutoField' },
  apps: [{
    name: 'tapp',
    models: [{
      name: 'Contact',
      fields: [
        { name: 'email', type: 'EmailField' as const, blank: true },
        { name: 'site', type: 'URLField' as const, blank: true },
        { name: 'slug', type: 'SlugField' as const, blank: true },
      ],
      methods: [{ name: 'slugify', params: ['text'], body: [{ return: { $slugify: { $arg: 'text' } } }] }],
    }],
  }],
};

/** full_clean() of a Contact with one field set, as Django's whole answer. */
async function cleanOne(session: SpecSession, field: 'email' | 'site' | 'slug', value: string): Promise<unknown> {
  const contact = await session.obj({ op: 'new', model: 'tapp.Contact', values: { [field]: value } });
  return outcome(await session.run({ op: 'full_clean', obj: contact.ref }));
}

const invalidEmail = { type: 'ValidationError', fields: { email: [{ code: 'invalid', message: 'Enter a valid email address.' }] } };
const invalidUrl = { type: 'ValidationError', fields: { site: [{ code: 'invalid', message: 'Enter a valid URL.' }] } };

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
const tld = fc.stringMatching(/^[a-z]{2,6}$/);
const domain = fc.tuple(fc.array(label, { minLength: 1, maxLength: 3 }), tld).map(([labels, t]) => [...labels, t].join('.'));
const atom = fc.stringMatching(/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,12}$/);
const dotAtom = fc.array(atom, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.'));

specCase(
  {
    id: 'fields.email.definition',
    rule: 'EmailField is a CharField with max_length 254 whose EmailValidator runs before MaxLengthValidator; values are stored as given, case included.',
    behaviors: ['FLD-EMAIL-DEFINITION'],
    needs: ['fields.email', 'models.meta', 'validation.full_clean'],
    docs: 'ref/models/fields/#emailfield',
    setup: contact,
  },
  async ({ session, property }) => {
    const meta = (await session.ok({ op: 'meta', model: 'tapp.Contact' })) as { fields: { name: string; max_length: number | null }[] };
    expect(meta.fields.map((f) => [f.name, f.max_length])).toEqual([['id', null], ['email', 254], ['site', 200], ['slug', 50]]);
    await property(fc.tuple(dotAtom, domain), async ([local, host]) => {
      const email = `${local}@${host}`;
      expect(await cleanOne(session, 'email', email)).toEqual(VALID);
      await session.create('tapp.Contact', { email });
      expect(await session.ok({ op: 'values', model: 'tapp.Contact', fields: ['email'] })).toEqual([{ email }]);
    }, { numRuns: 25 });
    const tooLong = `${'a'.repeat(260)}@b`;
    expect(await cleanOne(session, 'email', tooLong)).toEqual({
      type: 'ValidationError',
      fields: { email: [{ code: 'invalid', message: 'Enter a valid email address.' }, { code: 'max_length', message: 'Ensure this value has at most 254 characters (it has 262).' }] },
    });
  },
);

specCase(
  {
    id: 'fields.email.accept-table',
    rule: 'EmailValidator splits on the last "@", takes a dot-atom or quoted local part, and a host with a 2+ letter or punycode TLD, an IP literal or localhost.',
    behaviors: ['FLD-EMAIL-ACCEPT-SET'],
    needs: ['fields.email', 'validation.full_clean'],
    docs: 'ref/validators/#emailvalidator',
    setup: contact,
  },
  async ({ session }) => {
    // Django's answers for each address, measured on 5.2 (a table: the boundaries are the point).
    const valid = ['a@b.co', 'user@example.com', 'user@localhost', 'user@localhost.localdomain', 'user@[127.0.0.1]', 'user@[::1]', 'USER@EXAMPLE.COM', 'a.b+tag@ex-ample.org', 'user@例子.测试', 'a@xn--fsqu00a.xn--0zwm56d', `${'x'.repeat(64)}@example.com`];
    const invalid = ['user@[IPv6:::1]', 'user@[256.1.1.1]', 'a..b@example.com', '.a@example.com', 'a@example', 'a@-example.com', 'a@example.c', 'a b@example.com', '"a b"@example.com', 'a@b@example.com', 'plainaddress', '@example.com', 'user@ex_ample.com', 'ü@example.com', 'a@example.com.', ' a@example.com', 'a@example.com\n'];
    const answers: Record<string, unknown> = {};
    for (const email of [...valid, ...invalid]) answers[email] = await cleanOne(session, 'email', email);
    expect(answers).toEqual(Object.fromEntries([...valid.map((e) => [e, VALID]), ...invalid.map((e) => [e, invalidEmail])]));
  },
);

specCase(
  {
    id: 'fields.url.definition',
    rule: "URLField is a CharField with max_length 200 and URLValidator; 200 characters pass and 201 fail with 'max_length'.",
    behaviors: ['FLD-URL-DEFINITION'],
    needs: ['fields.url', 'validation.full_clean'],
    docs: 'ref/models/fields/#urlfield',
    setup: contact,
  },
  async ({ session, property }) => {
    const prefix = 'https://example.com/';
    await property(fc.integer({ min: 1, max: 260 }), async (pathLength) => {
      const url = prefix + 'p'.repeat(pathLength);
      const length = url.length;
      expect(await cleanOne(session, 'site', url)).toEqual(
        length <= 200 ? VALID : { type: 'ValidationError', fields: { site: [{ code: 'max_length', message: `Ensure this value has at most 200 characters (it has ${length}).` }] } },
      );
    }, { numRuns: 25 });
    // The seed's Profile default image URL validates.
    expect(await cleanOne(session, 'site', 'https://example.com/default.jpg')).toEqual(VALID);
  },
);

specCase(
  {
    id: 'fields.url.accept-table',
    rule: 'URLValidator accepts only http, https, ftp and ftps (any case) with a hostname+TLD, localhost, IPv4 or bracketed IPv6 host, and rejects whitespace.',
    behaviors: ['FLD-URL-ACCEPT-SET'],
    needs: ['fields.url', 'validation.full_clean'],
    docs: 'ref/validators/#urlvalidator',
    setup: contact,
  },
  async ({ session, property }) => {
    const valid = ['http://example.com', 'https://example.com/path?q=1#frag', 'ftp://files.example.com', 'ftps://x.example.com', 'HTTP://EXAMPLE.COM', 'http://localhost', 'http://localhost:8000/x', 'http://127.0.0.1', 'http://[::1]:80/', 'http://user:pass@example.com', 'http://例子.测试', 'http://xn--fsqu00a.xn--0zwm56d', 'http://a.b.co:99999', 'http://example.com.'];
    const invalid = ['mailto:a@b.com', 'file:///etc/passwd', 'ws://example.com', 'example.com', 'www.example.com', '//example.com', 'http://256.1.1.1', 'http://exa mple.com', 'http://-example.com', 'http://example', 'http://example.c', 'http://example.com\n', 'http://[::1', 'http://[zz::1]/'];
    const answers: Record<string, unknown> = {};
    for (const url of [...valid, ...invalid]) answers[url] = await cleanOne(session, 'site', url);
    expect(answers).toEqual(Object.fromEntries([...valid.map((u) => [u, VALID]), ...invalid.map((u) => [u, invalidUrl])]));
    const scheme = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9+.-]{0,6}$/).filter((s) => !['http', 'https', 'ftp', 'ftps'].includes(s.toLowerCase()));
    await property(fc.tuple(scheme, domain), async ([s, host]) => {
      expect(await cleanOne(session, 'site', `${s}://${host}/`)).toEqual(invalidUrl);
      expect(await cleanOne(session, 'site', `${['http', 'HTTPS', 'Ftp', 'ftps'][s.length % 4]}://${host}/`)).toEqual(VALID);
    }, { numRuns: 25 });
  },
);

specCase(
  {
    id: 'fields.slug.validator-and-slugify',
    rule: 'SlugField (max_length 50) accepts only ASCII letters, digits, "_" and "-"; slugify() lower-cases, drops other characters and joins words with "-", and its output is a valid, stable slug.',
    behaviors: ['FLD-SLUG'],
    needs: ['fields.char', 'validation.full_clean', 'models.methods'],
    docs: 'ref/utils/#django.utils.text.slugify',
    setup: contact,
  },
  async ({ session, property }) => {
    const invalidSlug = { type: 'ValidationError', fields: { slug: [{ code: 'invalid', message: 'Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.' }] } };
    const slugify = async (text: string) => {
      const contact = await session.obj({ op: 'new', model: 'tapp.Contact' });
      return session.ok({ op: 'call', obj: contact.ref, method: 'slugify', args: [text] });
    };
    // Django's documented examples (a table).
    expect([await slugify('Hello World! Ünïcode'), await slugify('  a--b  '), await slugify("C'est la vie"), await slugify('你好')]).toEqual(['hello-world-unicode', 'a-b', 'cest-la-vie', '']);
    await property(fc.string({ unit: 'binary', maxLength: 40 }), async (text) => {
      const slug = (await slugify(text)) as string;
      expect(slug).toMatch(/^[a-z0-9_-]*$/);
      expect(await slugify(slug)).toBe(slug);
      if (slug.length > 0 && slug.length <= 50) expect(await cleanOne(session, 'slug', slug)).toEqual(VALID);
      if (/[^-a-zA-Z0-9_]/.test(text) && text.length > 0) expect(await cleanOne(session, 'slug', text)).toEqual(invalidSlug);
    }, { numRuns: 30 });
  },
);
