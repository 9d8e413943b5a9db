import { specCase, fc, expect, httpRequest } from '../support/index.js';
import type { CommandOf } from '../../conformance/contract/commands.js';
import { fbv, respond, HTML, NOT_FOUND_PAGE } from './declarations.js';

type ReverseArgs = Omit<CommandOf<'reverse'>, 'op'>;

const COMMON = ['django.middleware.common.CommonMiddleware'];
const echo = (arg: string) => [respond({ $str: { $arg: arg } })];

const ROUTES = {
  urls: [
    fbv('hello/', [respond('Hello, world!')], { name: 'hello' }),
    fbv('posts/<slug:slug>/', echo('slug'), { name: 'post_detail' }),
    fbv('items/<int:pk>/', echo('pk'), { name: 'item' }),
    fbv('s/<str:s>/', echo('s'), { name: 'text' }),
    fbv('u/<uuid:u>/', echo('u'), { name: 'uuid' }),
    fbv('p/<path:p>/end', echo('p'), { name: 'path' }),
    fbv('two/<int:a>/<slug:b>/', [respond('two')], { name: 'two' }),
  ],
};

specCase(
  {
    id: 'urls.path.exact-match',
    rule: 'A path() route matches the whole path exactly, trailing slash and letter case included; anything else is a 404 (no CommonMiddleware).',
    behaviors: ['URL-PATH-EXACT'],
    needs: ['urls.routing'],
    docs: 'topics/http/urls/',
    setup: ROUTES,
  },
  async ({ session, property }) => {
    const statuses = [];
    for (const path of ['/hello/', '/hello', '/hello/x', '/HELLO/', '/hello//']) statuses.push([path, (await httpRequest(session, { method: 'GET', path })).status]);
    // A leading '//' is left out: some servers (Python's http.server, under runserver) collapse it before Django sees the path.
    expect(statuses).toEqual([['/hello/', 200], ['/hello', 404], ['/hello/x', 404], ['/HELLO/', 404], ['/hello//', 404]]);
    const unknownFirst = fc.stringMatching(/^[a-z0-9_-]{1,10}$/).filter((s) => !['hello', 'posts', 'items', 's', 'u', 'p', 'two'].includes(s));
    await property(fc.tuple(unknownFirst, fc.stringMatching(/^[a-z0-9/]{0,10}$/)), async ([first, rest]) => {
      const reply = await httpRequest(session, { method: 'GET', path: `/${first}/${rest}` });
      expect({ status: reply.status, type: reply.headers['content-type'], body: reply.body }).toEqual({ status: 404, type: HTML, body: NOT_FOUND_PAGE });
    }, { numRuns: 20 });
  },
);

specCase(
  {
    id: 'urls.append-slash.redirects',
    rule: 'With CommonMiddleware and APPEND_SLASH, a path that only matches with a trailing slash is redirected there with 301 (query string kept, for POST too when DEBUG is off); APPEND_SLASH=False gives 404.',
    behaviors: ['URL-APPEND-SLASH'],
    needs: ['urls.routing'],
    level: 'optional',
    docs: 'ref/settings/#append-slash',
    setup: { settings: { MIDDLEWARE: COMMON }, urls: ROUTES.urls },
  },
  async ({ session, open }) => {
    const seen = [];
    for (const [method, path] of [['GET', '/hello'], ['GET', '/hello?a=1'], ['POST', '/hello'], ['GET', '/items/7'], ['GET', '/nope'], ['GET', '/hello/']]) {
      const reply = await httpRequest(session, { method: method!, path: path! });
      seen.push([method, path, reply.status, reply.headers.location ?? null]);
    }
    expect(seen).toEqual([
      ['GET', '/hello', 301, '/hello/'],
      ['GET', '/hello?a=1', 301, '/hello/?a=1'],
      ['POST', '/hello', 301, '/hello/'],
      ['GET', '/items/7', 301, '/items/7/'],
      ['GET', '/nope', 404, null],
      ['GET', '/hello/', 200, null],
    ]);
    await session.close();
    const off = await open({ settings: { MIDDLEWARE: COMMON, APPEND_SLASH: false }, urls: ROUTES.urls });
    if (!off.ok) throw new Error(`start-up failed: ${off.error.message ?? ''}`);
    expect((await httpRequest(off.session, { method: 'GET', path: '/hello' })).status).toBe(404);
  },
);

specCase(
  {
    id: 'urls.append-slash.debug-refuses-post',
    rule: 'With DEBUG on, APPEND_SLASH cannot redirect a POST without losing its data, so CommonMiddleware raises RuntimeError (a 500).',
    behaviors: ['URL-APPEND-SLASH'],
    needs: ['urls.routing'],
    level: 'optional',
    setup: { settings: { MIDDLEWARE: COMMON, DEBUG: true }, urls: ROUTES.urls },
  },
  async ({ session }) => {
    const error = await session.error({ op: 'http', raise_request_exception: true, method: 'POST', path: '/hello' });
    expect({ type: error.type, message: error.message }).toEqual({
      type: 'RuntimeError',
      message:
        "You called this URL via POST, but the URL doesn't end in a slash and you have APPEND_SLASH set. Django can't redirect to the slash URL while maintaining POST data. Change your form to point to testserver/hello/ (note the trailing slash), or set APPEND_SLASH=False in your Django settings.",
    });
    const get = (await session.ok({ op: 'http', method: 'GET', path: '/hello' })) as { status: number };
    expect(get.status).toBe(301);
  },
);

specCase(
  {
    id: 'urls.converters.int',
    rule: 'The int converter matches one or more ASCII digits and passes a Python int (leading zeros dropped, any size); a sign or any other character is a 404.',
    behaviors: ['URL-CONVERTERS'],
    needs: ['urls.routing'],
    setup: ROUTES,
  },
  async ({ session, property }) => {
    const digits = fc.stringMatching(/^[0-9]{1,30}$/);
    await property(digits, async (text) => {
      const reply = await httpRequest(session, { method: 'GET', path: `/items/${text}/` });
      expect([reply.status, reply.body]).toEqual([200, BigInt(text).toString()]);
    }, { numRuns: 25 });
    await property(fc.stringMatching(/^-?[0-9a-z+.]{1,8}$/).filter((t) => !/^[0-9]+$/.test(t)), async (text) => {
      expect((await httpRequest(session, { method: 'GET', path: `/items/${text}/` })).status).toBe(404);
    }, { numRuns: 20 });
  },
);

/** Each converter's pattern, as the documentation states it. */
const PATTERNS: Record<string, { prefix: string; suffix: string; regex: RegExp }> = {
  slug: { prefix: '/posts/', suffix: '/', regex: /^[-a-zA-Z0-9_]+$/ },
  str: { prefix: '/s/', suffix: '/', regex: /^[^/]+$/ },
  uuid: { prefix: '/u/', suffix: '/', regex: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/ },
  path: { prefix: '/p/', suffix: '/end', regex: /^.+$/ },
};

specCase(
  {
    id: 'urls.converters.patterns',
    rule: 'slug matches [-a-zA-Z0-9_]+, str any non-empty text without "/", uuid a lower-case hyphenated UUID, path any non-empty text; the handler receives the decoded segment, and a segment that does not match is a 404.',
    behaviors: ['URL-CONVERTERS'],
    needs: ['urls.routing'],
    setup: ROUTES,
  },
  async ({ session, property }) => {
    const piece = fc.oneof(
      fc.stringMatching(/^[-a-zA-Z0-9_ .é%/]{1,12}$/),
      fc.uuid().map((u) => u.toString()),
      fc.uuid().map((u) => u.toString().toUpperCase()),
    ).filter((s) => !s.split('/').some((part) => part === '.' || part === '..'));
    await property(fc.tuple(fc.constantFrom(...Object.keys(PATTERNS)), piece), async ([converter, text]) => {
      const { prefix, suffix, regex } = PATTERNS[converter]!;
      const encoded = text.split('/').map(encodeURIComponent).join('/');
      const reply = await httpRequest(session, { method: 'GET', path: `${prefix}${encoded}${suffix}` });
      if (regex.test(text)) expect([reply.status, reply.body]).toEqual([200, text]);
      else expect(reply.status).toBe(404);
    }, { numRuns: 40 });
  },
);

specCase(
  {
    id: 'urls.reverse.by-name',
    rule: 'reverse() builds the path of a named route from positional or keyword arguments (digit strings are fine for int) and appends an encoded query string.',
    behaviors: ['URL-REVERSE'],
    needs: ['urls.reverse'],
    docs: 'ref/urlresolvers/#reverse',
    setup: ROUTES,
  },
  async ({ session }) => {
    const reversed = [];
    const commands: ReverseArgs[] = [
      { name: 'hello' },
      { name: 'post_detail', args: ['my-slug'] },
      { name: 'post_detail', kwargs: { slug: 'my-slug' } },
      { name: 'item', args: ['42'] },
      { name: 'item', args: [42] },
      { name: 'two', args: [1, 'x'] },
      { name: 'uuid', args: [{ $uuid: '12345678-1234-5678-1234-567812345678' }] },
      { name: 'text', args: ['a b'] },
      { name: 'path', args: ['a/b c'] },
      { name: 'hello', query: { a: '1', b: ['x', 'y'] } },
      { name: 'hello', query: { q: 'a b&c/é' } },
    ];
    for (const command of commands) {
      reversed.push(await session.ok({ op: 'reverse', ...command }));
    }
    expect(reversed).toEqual([
      '/hello/',
      '/posts/my-slug/',
      '/posts/my-slug/',
      '/items/42/',
      '/items/42/',
      '/two/1/x/',
      '/u/12345678-1234-5678-1234-567812345678/',
      '/s/a%20b/',
      '/p/a/b%20c/end',
      '/hello/?a=1&b=x&b=y',
      '/hello/?q=a+b%26c%2F%C3%A9',
    ]);
  },
);

specCase(
  {
    id: 'urls.reverse.get-absolute-url',
    rule: 'A get_absolute_url() built on reverse() gives the URL of the object\'s detail route, usable from a view.',
    behaviors: ['URL-REVERSE'],
    needs: ['urls.reverse', 'views.function', 'models.crud', 'fields.char'],
    setup: {
      apps: [
        {
          name: 'blog',
          models: [
            {
              name: 'Post',
              fields: [{ name: 'slug', type: 'CharField', max_length: 50 }],
              methods: [{ name: 'get_absolute_url', body: [{ return: { $reverse: { name: 'post_detail', args: [{ $get: [{ $self: true }, 'slug'] }] } } }] }],
            },
          ],
        },
      ],
      urls: [
        fbv('posts/<slug:slug>/', [
          { let: 'post', be: { $get_object_or_404: { model: 'blog.Post', where: { slug: { $arg: 'slug' } } } } },
          respond({ $call: [{ $var: 'post' }, 'get_absolute_url'] }),
        ], { name: 'post_detail' }),
      ],
    },
  },
  async ({ session, property }) => {
    await property(fc.stringMatching(/^[a-z0-9][-a-z0-9_]{0,20}$/), async (slug) => {
      await session.create('blog.Post', { slug });
      const reply = await httpRequest(session, { method: 'GET', path: `/posts/${slug}/` });
      expect([reply.status, reply.body]).toEqual([200, `/posts/${slug}/`]);
      expect(await session.ok({ op: 'resolve', path: reply.body })).toEqual({ url_name: 'post_detail', kwargs: { slug } });
    }, { numRuns: 10 });
  },
);

specCase(
  {
    id: 'urls.reverse.resolve-round-trip',
    rule: 'resolve(reverse(name, args)) gives back the route name and the converted arguments, for slug, int and uuid routes.',
    behaviors: ['URL-REVERSE', 'URL-RESOLVE'],
    needs: ['urls.reverse'],
    setup: ROUTES,
  },
  async ({ session, property }) => {
    const input = fc.oneof(
      fc.stringMatching(/^[-a-zA-Z0-9_]{1,20}$/).map((slug) => ({ name: 'post_detail', arg: slug as unknown, kwargs: { slug } as Record<string, unknown> })),
      fc.nat().map((pk) => ({ name: 'item', arg: pk as unknown, kwargs: { pk } as Record<string, unknown> })),
      fc.uuid().map((u) => ({ name: 'uuid', arg: { $uuid: u } as unknown, kwargs: { u: { $uuid: u } } as Record<string, unknown> })),
    );
    await property(input, async ({ name, arg, kwargs }) => {
      const path = (await session.ok({ op: 'reverse', name, args: [arg as string] })) as string;
      expect(await session.ok({ op: 'resolve', path })).toEqual({ url_name: name, kwargs });
    }, { numRuns: 30 });
  },
);

specCase(
  {
    id: 'urls.reverse.str-round-trip-over-http',
    rule: 'reverse() percent-encodes a str argument so that requesting the resulting URL hands the view the original text.',
    behaviors: ['URL-REVERSE', 'URL-CONVERTERS'],
    needs: ['urls.reverse', 'urls.routing'],
    setup: ROUTES,
  },
  async ({ session, property }) => {
    const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }).filter((s) => !s.includes('/') && s !== '.' && s !== '..');
    await property(text, async (s) => {
      const path = (await session.ok({ op: 'reverse', name: 'text', args: [s] })) as string;
      expect(path).toMatch(/^\/s\/[A-Za-z0-9_.~!$&'()*+,;=:@%-]+\/$/);
      const reply = await httpRequest(session, { method: 'GET', path });
      expect([reply.status, reply.body]).toEqual([200, s]);
    }, { numRuns: 25 });
  },
);

specCase(
  {
    id: 'urls.noreverse.unknown-name',
    rule: 'reverse() of a name no route has raises NoReverseMatch "Reverse for \'<name>\' not found. \'<name>\' is not a valid view function or pattern name."',
    behaviors: ['URL-NOREVERSE-UNKNOWN'],
    needs: ['urls.reverse'],
    setup: ROUTES,
  },
  async ({ session, property }) => {
    await property(fc.stringMatching(/^[a-z_]{1,12}$/).filter((n) => !ROUTES.urls.some((r) => r.name === n)), async (name) => {
      const error = await session.error({ op: 'reverse', name });
      expect({ type: error.type, message: error.message }).toEqual({
        type: 'NoReverseMatch',
        message: `Reverse for '${name}' not found. '${name}' is not a valid view function or pattern name.`,
      });
    }, { numRuns: 10 });
  },
);

specCase(
  {
    id: 'urls.noreverse.wrong-arguments',
    rule: 'reverse() with arguments that fit no route of that name raises NoReverseMatch "Reverse for \'<name>\' with ..."; mixing args and kwargs is a ValueError.',
    behaviors: ['URL-NOREVERSE-ARGS'],
    needs: ['urls.reverse'],
    setup: ROUTES,
  },
  async ({ session, property }) => {
    const bad: fc.Arbitrary<ReverseArgs> = fc.oneof<fc.Arbitrary<ReverseArgs>[]>(
      fc.constant({ name: 'post_detail' }),
      fc.stringMatching(/^[a-z]*[^-a-zA-Z0-9_/][a-z]*$/).map((s) => ({ name: 'post_detail', args: [s] })),
      fc.integer({ max: -1 }).map((n) => ({ name: 'item', args: [n] })),
      fc.stringMatching(/^[a-z]{1,5}$/).map((s) => ({ name: 'item', kwargs: { pk: s } })),
      fc.constant({ name: 'two', kwargs: { a: 1 } }),
      fc.constant({ name: 'item', args: [1, 2] }),
    );
    await property(bad, async (command) => {
      const error = await session.error({ op: 'reverse', ...command });
      expect(error.type).toBe('NoReverseMatch');
      expect(error.message!.startsWith(`Reverse for '${command.name}' with `)).toBe(true);
    }, { numRuns: 25 });
    const mixed = await session.error({ op: 'reverse', name: 'item', args: [1], kwargs: { pk: 1 } });
    expect({ type: mixed.type, message: mixed.message }).toEqual({ type: 'ValueError', message: "Don't mix *args and **kwargs in call to reverse()!" });
  },
);

specCase(
  {
    id: 'urls.noreverse.message-lists-patterns',
    rule: 'The NoReverseMatch message names the arguments as Python reprs and lists the regular expressions Django tried.',
    behaviors: ['URL-NOREVERSE-ARGS'],
    needs: ['urls.reverse'],
    level: 'optional',
    setup: ROUTES,
  },
  async ({ session }) => {
    const messages = [];
    for (const command of [{ name: 'post_detail' }, { name: 'item', args: ['abc'] }, { name: 'item', kwargs: { pk: 'abc' } }, { name: 'two', args: [1] }]) {
      messages.push((await session.error({ op: 'reverse', ...command })).message);
    }
    expect(messages).toEqual([
      "Reverse for 'post_detail' with no arguments not found. 1 pattern(s) tried: ['posts/(?P<slug>[-a-zA-Z0-9_]+)/\\\\Z']",
      "Reverse for 'item' with arguments '('abc',)' not found. 1 pattern(s) tried: ['items/(?P<pk>[0-9]+)/\\\\Z']",
      "Reverse for 'item' with keyword arguments '{'pk': 'abc'}' not found. 1 pattern(s) tried: ['items/(?P<pk>[0-9]+)/\\\\Z']",
      "Reverse for 'two' with arguments '(1,)' not found. 1 pattern(s) tried: ['two/(?P<a>[0-9]+)/(?P<b>[-a-zA-Z0-9_]+)/\\\\Z']",
    ]);
  },
);

specCase(
  {
    id: 'urls.resolve.path-to-route',
    rule: 'resolve() maps a path to its route name and converted keyword arguments (undecoded); a path no route matches raises Resolver404, an Http404.',
    behaviors: ['URL-RESOLVE'],
    needs: ['urls.reverse'],
    docs: 'ref/urlresolvers/#resolve',
    setup: ROUTES,
  },
  async ({ session }) => {
    const found = [];
    for (const path of ['/posts/abc/', '/items/7/', '/s/a%20b/', '/hello/']) found.push(await session.ok({ op: 'resolve', path }));
    expect(found).toEqual([
      { url_name: 'post_detail', kwargs: { slug: 'abc' } },
      { url_name: 'item', kwargs: { pk: 7 } },
      { url_name: 'text', kwargs: { s: 'a%20b' } },
      { url_name: 'hello', kwargs: {} },
    ]);
    for (const path of ['/nope/', '/hello', 'hello/']) {
      const error = await session.error({ op: 'resolve', path });
      expect({ type: error.type, http404: error.isa.includes('Http404') }).toEqual({ type: 'Resolver404', http404: true });
    }
  },
);
