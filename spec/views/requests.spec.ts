import { specCase, fc, expect, httpRequest, servedEvents } from '../support/index.js';
import type { SessionSetup } from '../../conformance/contract/schema.js';
import { allowHeader, cbv, fbv, respond, HTML, NOT_FOUND_PAGE, SERVER_ERROR_PAGE } from './declarations.js';

const SIGNALLING: SessionSetup = {
  signals: [{ name: 'views.view_ran' }],
  receivers: [{ id: 'started' }, { id: 'finished' }, { id: 'failed' }, { id: 'ran' }],
  connect: [
    { signal: 'request_started', receiver: 'started' },
    { signal: 'request_finished', receiver: 'finished' },
    { signal: 'got_request_exception', receiver: 'failed' },
    { signal: 'views.view_ran', receiver: 'ran' },
  ],
  urls: [
    fbv('ok/', [{ send: { signal: 'views.view_ran' } }, respond('ok')]),
    fbv('boom/', [{ send: { signal: 'views.view_ran' } }, { raise: { type: 'ValueError', message: 'boom' } }]),
    fbv('gone/', [{ send: { signal: 'views.view_ran' } }, { raise: { type: 'Http404', message: 'gone' } }]),
    cbv('get-only/', { get: [{ send: { signal: 'views.view_ran' } }, respond('got')] }),
  ],
};

/** The signals one request sends, in order. */
function expectedSignals(path: string, method: string): string[] {
  const viewRuns = path === '/ok/' || path === '/boom/' || path === '/gone/' || (path === '/get-only/' && (method === 'GET' || method === 'HEAD'));
  return ['request_started', ...(viewRuns ? ['views.view_ran'] : []), ...(path === '/boom/' ? ['got_request_exception'] : []), 'request_finished'];
}

specCase(
  {
    id: 'views.request.signals-around-each-request',
    rule: 'Every request, whatever its outcome, sends request_started before the view and request_finished after the response; got_request_exception comes in between only for an unhandled exception (a 500).',
    behaviors: ['SIG-REQUEST-STARTED', 'SIG-REQUEST-FINISHED', 'SIG-GOT-REQUEST-EXCEPTION'],
    needs: ['http.request_signals', 'views.function', 'views.class_based', 'signals.dispatcher'],
    docs: 'ref/signals/#module-django.core.signals',
    setup: SIGNALLING,
  },
  async ({ session, property }) => {
    const request = fc.record({ path: fc.constantFrom('/ok/', '/boom/', '/gone/', '/get-only/', '/missing/'), method: fc.constantFrom('GET', 'POST', 'HEAD', 'DELETE') });
    await property(fc.array(request, { minLength: 1, maxLength: 5 }), async (requests) => {
      await servedEvents(session);
      for (const r of requests) await httpRequest(session, r);
      const signals = (await servedEvents(session)).map((e) => e.signal);
      expect(signals).toEqual(requests.flatMap((r) => expectedSignals(r.path, r.method)));
    }, { numRuns: 15 });
  },
);

specCase(
  {
    id: 'views.request.signals-in-the-test-client',
    rule: 'The test client sends the same request signals; with raise_request_exception the view\'s exception is re-raised after request_finished.',
    behaviors: ['SIG-REQUEST-STARTED', 'SIG-REQUEST-FINISHED', 'SIG-GOT-REQUEST-EXCEPTION'],
    needs: ['http.request_signals', 'views.function', 'signals.dispatcher'],
    setup: SIGNALLING,
  },
  async ({ session }) => {
    const ok = await session.run({ op: 'http', method: 'GET', path: '/ok/' });
    const boom = await session.run({ op: 'http', method: 'GET', path: '/boom/' });
    const raised = await session.run({ op: 'http', method: 'GET', path: '/boom/', raise_request_exception: true });
    expect([ok, boom, raised].map((r) => [r.ok, r.ok ? (r.value as { status: number }).status : r.error.type, r.events.map((e) => e.signal)])).toEqual([
      [true, 200, ['request_started', 'views.view_ran', 'request_finished']],
      [true, 500, ['request_started', 'views.view_ran', 'got_request_exception', 'request_finished']],
      [false, 'ValueError', ['request_started', 'views.view_ran', 'got_request_exception', 'request_finished']],
    ]);
  },
);

specCase(
  {
    id: 'views.request.csrf-not-enforced-by-test-client',
    rule: 'With CsrfViewMiddleware installed, the test client\'s POST passes (checks are off by default) while a real POST without a token is rejected with 403.',
    behaviors: ['VIEW-CSRF-TEST-CLIENT'],
    needs: ['views.function'],
    docs: 'ref/csrf/#testing-and-csrf-protection',
    setup: { settings: { MIDDLEWARE: ['django.middleware.csrf.CsrfViewMiddleware'] }, urls: [fbv('hello/', [respond('Hello, world!')])] },
  },
  async ({ session }) => {
    const client = (await session.ok({ op: 'http', method: 'POST', path: '/hello/' })) as { status: number };
    const real = await httpRequest(session, { method: 'POST', path: '/hello/' });
    const get = await httpRequest(session, { method: 'GET', path: '/hello/' });
    expect([client.status, real.status, get.status]).toEqual([200, 403, 200]);
  },
);

const TARGETS = {
  urls: [
    fbv('ok/', [respond('ok')]),
    fbv('json/', [{ return: { $JsonResponse: { data: { $dict: { got: { $request: 'json' } } } } } }]),
    fbv('body/', [respond({ $request: 'body' })]),
    cbv('get-only/', { get: [respond('got')] }),
  ],
};

specCase(
  {
    id: 'views.request.bad-input-keeps-serving',
    rule: 'Bad input gets Django\'s status and the server keeps serving: a malformed JSON body read by the view is a 500, a body over DATA_UPLOAD_MAX_MEMORY_SIZE read by the view is a 400, paths with odd characters are 404s.',
    behaviors: ['HTTP-500-DEFAULT', 'URL-PATH-EXACT'],
    needs: ['views.function', 'urls.routing'],
    setup: TARGETS,
  },
  async ({ session }) => {
    const seen = [];
    const malformed = await httpRequest(session, { method: 'POST', path: '/json/', headers: { 'Content-Type': 'application/json' }, body: '{nope' });
    seen.push(['malformed json', malformed.status, malformed.body === SERVER_ERROR_PAGE]);
    const oversized = await httpRequest(session, { method: 'POST', path: '/body/', headers: { 'Content-Type': 'text/plain' }, body: 'x'.repeat(2_621_441) });
    seen.push(['oversized body', oversized.status, oversized.headers['content-type']]);
    for (const path of ['/%', '/%zz/', '/a%00b/', '/%C3%BCn%C3%AF/', '/ok/%2e%2e/', '/ok;x/']) {
      seen.push([path, (await httpRequest(session, { method: 'GET', path })).status, null]);
    }
    seen.push(['afterwards', (await httpRequest(session, { method: 'GET', path: '/ok/' })).status, null]);
    expect(seen).toEqual([
      ['malformed json', 500, true],
      ['oversized body', 400, HTML],
      ['/%', 404, null],
      ['/%zz/', 404, null],
      ['/a%00b/', 404, null],
      ['/%C3%BCn%C3%AF/', 404, null],
      ['/ok/%2e%2e/', 404, null],
      ['/ok;x/', 404, null],
      ['afterwards', 200, null],
    ]);
  },
);

specCase(
  {
    id: 'views.request.random-requests-follow-the-contract',
    rule: 'Any method on any path gets what the routes declare: the function view answers everything with 200, the GET-only class view 200, 200 for OPTIONS or 405 with Allow, unknown paths 404.',
    behaviors: ['VIEW-FBV-BASIC', 'VIEW-405-ALLOW', 'URL-PATH-EXACT'],
    needs: ['views.function', 'views.class_based', 'urls.routing'],
    setup: TARGETS,
  },
  async ({ session, property }) => {
    const method = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE');
    const path = fc.oneof(fc.constantFrom('/ok/', '/get-only/'), fc.stringMatching(/^\/[a-z0-9._~-]{1,10}\/?$/).filter((p) => !['/ok/', '/json/', '/body/', '/get-only/'].includes(p)));
    await property(fc.record({ method, path }), async (r) => {
      const reply = await httpRequest(session, r);
      const observed = { status: reply.status, type: reply.headers['content-type'], allow: reply.headers.allow ?? null, body: reply.body };
      const noBody = (body: string) => (r.method === 'HEAD' ? '' : body);
      if (r.path === '/ok/') expect(observed).toEqual({ status: 200, type: HTML, allow: null, body: noBody('ok') });
      else if (r.path === '/get-only/') {
        if (r.method === 'GET' || r.method === 'HEAD') expect(observed).toEqual({ status: 200, type: HTML, allow: null, body: noBody('got') });
        else expect(observed).toEqual({ status: r.method === 'OPTIONS' ? 200 : 405, type: HTML, allow: allowHeader(['get']), body: '' });
      } else expect(observed).toEqual({ status: 404, type: HTML, allow: null, body: noBody(NOT_FOUND_PAGE) });
    }, { numRuns: 40 });
  },
);
