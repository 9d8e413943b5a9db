import { specCase, fc, expect, httpRequest, type HttpReply } from '../support/index.js';
import { allowHeader, cbv, respond, HTML, DEFAULT_METHOD_NAMES } from './declarations.js';

/** Every subset of these handlers gets its own route, `m/<bitmask>/`, so one session covers them all. */
const HANDLED = ['get', 'post', 'put', 'patch', 'delete'];
const subsetOf = (mask: number) => HANDLED.filter((_, i) => mask & (1 << i));
const SUBSETS = {
  urls: Array.from({ length: 32 }, (_, mask) =>
    cbv(`m/${mask}/`, Object.fromEntries(subsetOf(mask).map((m) => [m, [respond(`${m} handler`)]]))),
  ),
};
const METHODS = DEFAULT_METHOD_NAMES.map((m) => m.toUpperCase());

/** What a case compares: status, the headers that matter, and the body. */
function seen(reply: HttpReply, headers: string[]) {
  return { status: reply.status, headers: Object.fromEntries(headers.map((h) => [h, reply.headers[h]])), body: reply.body };
}

specCase(
  {
    id: 'views.class.dispatch-by-method',
    rule: 'View.dispatch() calls the handler named by the lower-cased request method, so each method reaches its own handler.',
    behaviors: ['VIEW-CBV-DISPATCH'],
    needs: ['views.class_based', 'http.responses'],
    docs: 'ref/class-based-views/base/#django.views.generic.base.View.dispatch',
    setup: SUBSETS,
  },
  async ({ session, property }) => {
    const arbitrary = fc.integer({ min: 1, max: 31 }).chain((mask) => fc.record({ mask: fc.constant(mask), method: fc.constantFrom(...subsetOf(mask)) }));
    await property(arbitrary, async ({ mask, method }) => {
      const reply = await httpRequest(session, { method, path: `/m/${mask}/` });
      expect(seen(reply, ['content-type'])).toEqual({ status: 200, headers: { 'content-type': HTML }, body: `${method} handler` });
    }, { numRuns: 40 });
  },
);

specCase(
  {
    id: 'views.class.json-handler',
    rule: 'A class-based view whose get() returns JsonResponse answers GET with 200, application/json and Python\'s JSON text.',
    behaviors: ['VIEW-CBV-DISPATCH', 'HTTP-JSON-DEFAULTS'],
    needs: ['views.class_based', 'http.responses'],
    setup: { urls: [cbv('cbv/', { get: [{ return: { $JsonResponse: { data: { message: 'Hello, class-based world!' } } } }] })] },
  },
  async ({ session }) => {
    const reply = await httpRequest(session, { method: 'GET', path: '/cbv/' });
    expect(seen(reply, ['content-type'])).toEqual({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"message": "Hello, class-based world!"}' });
  },
);

specCase(
  {
    id: 'views.class.unsupported-method-is-405-with-allow',
    rule: 'A method the view has no handler for is answered 405 with an empty body and an Allow header listing, in http_method_names order, the handlers it has plus HEAD (when get exists) and OPTIONS.',
    behaviors: ['VIEW-405-ALLOW'],
    needs: ['views.class_based'],
    docs: 'ref/class-based-views/base/#django.views.generic.base.View.http_method_not_allowed',
    setup: SUBSETS,
  },
  async ({ session, property }) => {
    const unsupported = (mask: number) => METHODS.filter((m) => !allowHeader(subsetOf(mask)).split(', ').includes(m));
    const arbitrary = fc.integer({ min: 0, max: 31 }).chain((mask) => fc.record({ mask: fc.constant(mask), method: fc.constantFrom(...unsupported(mask)) }));
    await property(arbitrary, async ({ mask, method }) => {
      const reply = await httpRequest(session, { method, path: `/m/${mask}/` });
      expect(seen(reply, ['allow', 'content-type'])).toEqual({ status: 405, headers: { allow: allowHeader(subsetOf(mask)), 'content-type': HTML }, body: '' });
    }, { numRuns: 40 });
  },
);

specCase(
  {
    id: 'views.class.405-allow-examples',
    rule: 'The Allow header follows http_method_names order, not the alphabet: GET+POST gives "GET, POST, HEAD, OPTIONS", POST alone "POST, OPTIONS".',
    behaviors: ['VIEW-405-ALLOW'],
    needs: ['views.class_based'],
    setup: SUBSETS,
  },
  async ({ session }) => {
    const getPost = await httpRequest(session, { method: 'PUT', path: '/m/3/' });
    const postOnly = await httpRequest(session, { method: 'GET', path: '/m/2/' });
    const getOnly = await httpRequest(session, { method: 'TRACE', path: '/m/1/' });
    expect([getPost, postOnly, getOnly].map((r) => [r.status, r.headers.allow])).toEqual([
      [405, 'GET, POST, HEAD, OPTIONS'],
      [405, 'POST, OPTIONS'],
      [405, 'GET, HEAD, OPTIONS'],
    ]);
  },
);

specCase(
  {
    id: 'views.class.unknown-method-is-405',
    rule: 'A method token that is not in http_method_names at all (FOO) is also a 405 with the same Allow header.',
    behaviors: ['VIEW-405-ALLOW', 'VIEW-CBV-DISPATCH'],
    needs: ['views.class_based'],
    setup: SUBSETS,
  },
  async ({ session }) => {
    const reply = await session.ok({ op: 'http', method: 'FOO', path: '/m/1/' });
    expect(reply).toMatchObject({ status: 405, body: '' });
    expect((reply as { headers: [string, string][] }).headers).toContainEqual(['Allow', 'GET, HEAD, OPTIONS']);
  },
);

specCase(
  {
    id: 'views.class.options-lists-allowed-methods',
    rule: 'The default OPTIONS response is a 200 with an empty body, Content-Length 0 and the same Allow header a 405 from that view carries.',
    behaviors: ['VIEW-OPTIONS-DEFAULT'],
    needs: ['views.class_based'],
    docs: 'ref/class-based-views/base/#django.views.generic.base.View.options',
    setup: SUBSETS,
  },
  async ({ session, property }) => {
    await property(fc.integer({ min: 0, max: 31 }), async (mask) => {
      const options = await httpRequest(session, { method: 'OPTIONS', path: `/m/${mask}/` });
      const trace = await httpRequest(session, { method: 'TRACE', path: `/m/${mask}/` });
      expect(seen(options, ['allow', 'content-length', 'content-type'])).toEqual({
        status: 200,
        headers: { allow: allowHeader(subsetOf(mask)), 'content-length': '0', 'content-type': HTML },
        body: '',
      });
      expect([trace.status, trace.headers.allow]).toEqual([405, options.headers.allow]);
    }, { numRuns: 32 });
  },
);

specCase(
  {
    id: 'views.class.head-falls-back-to-get',
    rule: 'Without a head() handler, HEAD is served by get(): same status and content type, no body; a view without get() answers HEAD with 405.',
    behaviors: ['VIEW-HEAD-FALLBACK'],
    needs: ['views.class_based'],
    setup: SUBSETS,
  },
  async ({ session, property }) => {
    await property(fc.integer({ min: 0, max: 31 }), async (mask) => {
      const head = await httpRequest(session, { method: 'HEAD', path: `/m/${mask}/` });
      if (subsetOf(mask).includes('get')) {
        const get = await httpRequest(session, { method: 'GET', path: `/m/${mask}/` });
        expect(seen(head, ['content-type'])).toEqual({ ...seen(get, ['content-type']), body: '' });
        expect(get.body).toBe('get handler');
        const viaClient = (await session.ok({ op: 'http', method: 'HEAD', path: `/m/${mask}/` })) as { status: number; body: string };
        expect([viaClient.status, viaClient.body]).toEqual([200, '']);
      } else {
        expect([head.status, head.headers.allow, head.body]).toEqual([405, allowHeader(subsetOf(mask)), '']);
      }
    }, { numRuns: 32 });
  },
);

specCase(
  {
    id: 'views.class.declared-head-wins',
    rule: 'A declared head() handler answers HEAD instead of get().',
    behaviors: ['VIEW-HEAD-FALLBACK'],
    needs: ['views.class_based'],
    setup: { urls: [cbv('h/', { get: [respond('body', { headers: { 'X-From': 'get' } })], head: [respond('', { headers: { 'X-From': 'head' } })] })] },
  },
  async ({ session }) => {
    const reply = await httpRequest(session, { method: 'HEAD', path: '/h/' });
    expect([reply.status, reply.headers['x-from'], reply.body]).toEqual([200, 'head', '']);
  },
);

specCase(
  {
    id: 'views.class.http-method-names-is-authoritative',
    rule: 'http_method_names decides both dispatch and Allow: with ["get", "post"], a defined put() is a 405, and HEAD and OPTIONS are 405 too, each with Allow "GET".',
    behaviors: ['VIEW-405-RESTRICTED-NAMES'],
    needs: ['views.class_based'],
    setup: { urls: [cbv('r/', { get: [respond('g')], put: [respond('u')] }, { http_method_names: ['get', 'post'] })] },
  },
  async ({ session }) => {
    const replies = [];
    for (const method of ['GET', 'PUT', 'OPTIONS', 'HEAD', 'POST']) {
      const reply = await httpRequest(session, { method, path: '/r/' });
      replies.push([method, reply.status, reply.headers.allow ?? null, reply.body]);
    }
    expect(replies).toEqual([
      ['GET', 200, null, 'g'],
      ['PUT', 405, 'GET', ''],
      ['OPTIONS', 405, 'GET', ''],
      ['HEAD', 405, 'GET', ''],
      ['POST', 405, 'GET', ''],
    ]);
  },
);

specCase(
  {
    id: 'views.class.custom-method',
    rule: 'Adding a verb to http_method_names and defining its handler makes it dispatch (PURGE), and Allow lists it in that order.',
    behaviors: ['VIEW-CUSTOM-METHOD'],
    needs: ['views.class_based'],
    level: 'optional',
    setup: { urls: [cbv('p/', { purge: [respond('purged')] }, { http_method_names: [...DEFAULT_METHOD_NAMES, 'purge'] })] },
  },
  async ({ session }) => {
    const purge = await httpRequest(session, { method: 'PURGE', path: '/p/' });
    const options = await httpRequest(session, { method: 'OPTIONS', path: '/p/' });
    expect([purge.status, purge.body, options.status, options.headers.allow]).toEqual([200, 'purged', 200, 'OPTIONS, PURGE']);
  },
);

const GREETING = (initkwargs?: Record<string, string | number>) =>
  cbv('g/', { get: [respond({ $get: [{ $self: true }, 'greeting'] })] }, { class_name: 'Greeting', attrs: { greeting: 'hi' }, ...(initkwargs && { initkwargs }) });

specCase(
  {
    id: 'views.class.as-view-keywords',
    rule: 'as_view() accepts only keywords that are already class attributes and not method names; a valid one overrides the attribute for every request.',
    behaviors: ['VIEW-AS-VIEW-KWARGS'],
    needs: ['views.class_based'],
    docs: 'ref/class-based-views/base/#django.views.generic.base.View.as_view',
  },
  async ({ open, property }) => {
    const keys = fc.constantFrom('greeting', 'http_method_names', ...DEFAULT_METHOD_NAMES, 'foo', 'colour', 'template_name');
    await property(keys, async (key) => {
      const opened = await open({ urls: [GREETING({ [key]: key === 'http_method_names' ? 'get' : 'hello' })] });
      if (DEFAULT_METHOD_NAMES.includes(key)) {
        expect(opened.ok ? null : { type: opened.error.type, message: opened.error.message }).toEqual({
          type: 'TypeError',
          message: `The method name ${key} is not accepted as a keyword argument to Greeting().`,
        });
      } else if (key === 'greeting' || key === 'http_method_names') {
        expect(opened.ok).toBe(true);
      } else {
        expect(opened.ok ? null : { type: opened.error.type, message: opened.error.message }).toEqual({
          type: 'TypeError',
          message: `Greeting() received an invalid keyword '${key}'. as_view only accepts arguments that are already attributes of the class.`,
        });
      }
      if (opened.ok) await opened.session.close();
    }, { numRuns: 15 });
    // One session at a time: an implementation may hold one project per process.
    const bodies = [];
    for (const initkwargs of [{ greeting: 'hello' }, undefined]) {
      const opened = await open({ urls: [GREETING(initkwargs)] });
      if (!opened.ok) throw new Error(`a valid as_view() keyword failed start-up: ${opened.error.message ?? ''}`);
      bodies.push((await httpRequest(opened.session, { method: 'GET', path: '/g/' })).body);
      await opened.session.close();
    }
    expect(bodies).toEqual(['hello', 'hi']);
  },
);

specCase(
  {
    id: 'views.class.as-view-is-class-only',
    rule: 'Calling as_view() on a view instance raises AttributeError "This method is available only on the class, not on instances."',
    behaviors: ['VIEW-AS-VIEW-INSTANCE'],
    needs: ['views.class_based'],
    level: 'optional',
    setup: { urls: [cbv('i/', { get: [{ eval: { $call: [{ $self: true }, 'as_view'] } }, respond('unreachable')] })] },
  },
  async ({ session }) => {
    const error = await session.error({ op: 'http', raise_request_exception: true, method: 'GET', path: '/i/' });
    expect({ type: error.type, message: error.message }).toEqual({ type: 'AttributeError', message: 'This method is available only on the class, not on instances.' });
  },
);

specCase(
  {
    id: 'views.class.fresh-instance-per-request',
    rule: 'as_view() builds a new instance for every request, whose setup() stores the URL kwargs and empty args: an attribute set in one request is gone in the next.',
    behaviors: ['VIEW-AS-VIEW-ATTRS'],
    needs: ['views.class_based', 'http.responses'],
    setup: {
      urls: [
        cbv('c/<int:n>/', {
          get: [
            { if: { $get: [{ $self: true }, 'seen'] }, then: [respond('state leaked between requests')] },
            { set: { $self: true }, values: { seen: true } },
            { return: { $JsonResponse: { data: { $dict: { kwargs: { $get: [{ $self: true }, 'kwargs'] }, args: { $get: [{ $self: true }, 'args'] }, seen: { $get: [{ $self: true }, 'seen'] } } } } } },
          ],
        }, { attrs: { seen: false } }),
      ],
    },
  },
  async ({ session, property }) => {
    await property(fc.array(fc.nat({ max: 10_000 }), { minLength: 2, maxLength: 4 }), async (ns) => {
      // Sent at once: instances must stay separate under concurrency too.
      const replies = await Promise.all(ns.map((n) => httpRequest(session, { method: 'GET', path: `/c/${n}/` })));
      expect(replies.map((r) => [r.status, JSON.parse(r.body)])).toEqual(ns.map((n) => [200, { kwargs: { n }, args: [], seen: true }]));
    }, { numRuns: 10 });
  },
);

specCase(
  {
    id: 'views.class.url-captures-are-keyword-arguments',
    rule: 'Values captured by a path() route reach the handler as keyword arguments, already converted (an int converter gives an integer).',
    behaviors: ['VIEW-URL-KWARGS'],
    needs: ['views.class_based', 'http.responses', 'urls.routing'],
    setup: { urls: [cbv('kw/<int:n>/', { get: [{ return: { $JsonResponse: { data: { $dict: { n: { $arg: 'n' }, doubled: { $op: '*', args: [{ $arg: 'n' }, 2] } } } } } }] })] },
  },
  async ({ session, property }) => {
    await property(fc.nat({ max: 2 ** 40 }), async (n) => {
      const reply = await httpRequest(session, { method: 'GET', path: `/kw/${n}/` });
      expect([reply.status, JSON.parse(reply.body)]).toEqual([200, { n, doubled: n * 2 }]);
    }, { numRuns: 25 });
  },
);

specCase(
  {
    id: 'views.class.mixed-sync-async-rejected',
    rule: 'A class whose handlers mix sync and async definitions is refused by as_view() with ImproperlyConfigured "<class> HTTP handlers must either be all sync or all async."; all-async handlers work.',
    behaviors: ['VIEW-MIXED-ASYNC'],
    needs: ['views.class_based'],
    level: 'optional',
  },
  async ({ open }) => {
    const mixed = await open({ urls: [cbv('a/', { get: [respond('g')], post: [respond('p')] }, { class_name: 'Uploader', async: ['post'] })] });
    expect(mixed.ok ? null : { type: mixed.error.type, message: mixed.error.message }).toEqual({
      type: 'ImproperlyConfigured',
      message: 'Uploader HTTP handlers must either be all sync or all async.',
    });
    const allAsync = await open({ urls: [cbv('a/', { get: [respond('async')], post: [respond('p')] }, { async: ['get', 'post'] })] });
    if (!allAsync.ok) throw new Error(`an all-async view failed start-up: ${allAsync.error.message}`);
    expect((await httpRequest(allAsync.session, { method: 'GET', path: '/a/' })).body).toBe('async');
  },
);

specCase(
  {
    id: 'views.class.returning-none-is-an-error',
    rule: 'A handler that returns nothing raises ValueError naming the as_view() closure ("<module>.view", not the class), which the server answers with a 500.',
    behaviors: ['VIEW-NONE-CBV'],
    needs: ['views.class_based'],
    setup: { urls: [cbv('n/', { get: [] }, { class_name: 'ReturnsNothing' })] },
  },
  async ({ session }) => {
    const error = await session.error({ op: 'http', raise_request_exception: true, method: 'GET', path: '/n/' });
    expect(error.type).toBe('ValueError');
    expect(error.message).toMatch(/^The view [\w.]+\.view didn't return an HttpResponse object\. It returned None instead\.$/);
    expect((await httpRequest(session, { method: 'GET', path: '/n/' })).status).toBe(500);
  },
);
