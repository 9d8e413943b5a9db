import { specCase, fc, expect, httpRequest, servedEvents } from '../support/index.js';
import { fbv, respond, queryParam, HTML, SERVER_ERROR_PAGE } from './declarations.js';

specCase(
  {
    id: 'views.function.any-method',
    rule: 'A function view does no method dispatch: every method reaches it and gets its response (200, text/html; charset=utf-8, the content).',
    behaviors: ['VIEW-FBV-BASIC', 'HTTP-RESPONSE-DEFAULTS'],
    needs: ['views.function'],
    docs: 'topics/http/views/',
    setup: { urls: [fbv('hello/', [respond('Hello, world!')], { name: 'hello' })] },
  },
  async ({ session, property }) => {
    await property(fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'), async (method) => {
      const reply = await httpRequest(session, { method, path: '/hello/' });
      expect({ status: reply.status, type: reply.headers['content-type'], body: reply.body }).toEqual({ status: 200, type: HTML, body: 'Hello, world!' });
    }, { numRuns: 12 });
  },
);

specCase(
  {
    id: 'views.function.reads-the-request',
    rule: 'A view sees the request\'s method, path, query parameters (the last value of a repeated key), headers case-insensitively and content type.',
    behaviors: ['VIEW-FBV-BASIC'],
    needs: ['views.function', 'http.responses'],
    setup: {
      urls: [
        fbv('info/', [
          {
            return: {
              $JsonResponse: {
                data: {
                  $dict: {
                    method: { $request: 'method' },
                    path: { $request: 'path' },
                    GET: { $request: 'GET' },
                    thing: { $get: [{ $request: 'headers' }, 'x-thing'] },
                    content_type: { $request: 'content_type' },
                  },
                },
              },
            },
          },
        ]),
      ],
    },
  },
  async ({ session, property }) => {
    const word = fc.stringMatching(/^[a-z0-9]{1,8}$/);
    await property(fc.record({ method: fc.constantFrom('GET', 'POST', 'DELETE'), a: fc.array(word, { minLength: 1, maxLength: 3 }), thing: word }), async ({ method, a, thing }) => {
      const query = a.map((v) => `a=${v}`).join('&');
      const reply = await httpRequest(session, { method, path: `/info/?${query}`, headers: { 'X-Thing': thing, 'Content-Type': 'text/plain' } });
      expect([reply.status, JSON.parse(reply.body)]).toEqual([200, { method, path: '/info/', GET: { a: a.at(-1) }, thing, content_type: 'text/plain' }]);
    }, { numRuns: 15 });
  },
);

specCase(
  {
    id: 'views.function.echoes-json-body',
    rule: 'A view can parse the JSON request body and answer it back with JsonResponse, which encodes the same value.',
    behaviors: ['VIEW-FBV-BASIC', 'HTTP-JSON-DEFAULTS'],
    needs: ['views.function', 'http.responses'],
    setup: { urls: [fbv('echo/', [{ return: { $JsonResponse: { data: { $request: 'json' }, safe: false } } }])] },
  },
  async ({ session, property }) => {
    // Integers only (a float like 1.0 would come back as 1), and as JSON text sends them (-0 travels as 0).
    const json = fc.jsonValue({ maxDepth: 3 }).filter((v) => !/\d[eE.]/.test(JSON.stringify(v))).map((v) => JSON.parse(JSON.stringify(v)) as unknown);
    await property(json, async (value) => {
      const reply = await httpRequest(session, { method: 'POST', path: '/echo/', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(value) });
      expect([reply.status, reply.headers['content-type'], JSON.parse(reply.body)]).toEqual([200, 'application/json', value]);
      expect(reply.body).toMatch(/^[\x20-\x7e]*$/);
    }, { numRuns: 30 });
  },
);

specCase(
  {
    id: 'views.function.returning-none-is-an-error',
    rule: 'A function view that returns nothing raises ValueError "The view <module>.<function> didn\'t return an HttpResponse object. It returned None instead."',
    behaviors: ['VIEW-NONE-FBV'],
    needs: ['views.function'],
    setup: { urls: [fbv('none/', [], { function_name: 'returns_none' })] },
  },
  async ({ session }) => {
    const error = await session.error({ op: 'http', raise_request_exception: true, method: 'GET', path: '/none/' });
    expect(error.type).toBe('ValueError');
    expect(error.message).toMatch(/^The view [\w.]+\.returns_none didn't return an HttpResponse object\. It returned None instead\.$/);
  },
);

specCase(
  {
    id: 'views.function.server-error-page',
    rule: 'With DEBUG off, an exception in a view is answered 500 with Django\'s short "Server Error (500)" page, which does not show the exception.',
    behaviors: ['HTTP-500-DEFAULT', 'VIEW-NONE-FBV'],
    needs: ['views.function'],
    setup: {
      urls: [
        fbv('none/', []),
        fbv('boom/', [{ raise: { type: 'ValueError', message: 'secret detail' } }]),
        fbv('ok/', [respond('fine')]),
      ],
    },
  },
  async ({ session }) => {
    for (const path of ['/none/', '/boom/']) {
      const reply = await httpRequest(session, { method: 'GET', path });
      expect({ status: reply.status, type: reply.headers['content-type'], body: reply.body }).toEqual({ status: 500, type: HTML, body: SERVER_ERROR_PAGE });
    }
    expect((await httpRequest(session, { method: 'GET', path: '/ok/' })).status).toBe(200);
  },
);

specCase(
  {
    id: 'views.function.non-response-is-not-a-success',
    rule: 'A view that returns something other than a response (a string, a dict) is never a success: the request fails with a server error and the server keeps serving.',
    behaviors: ['VIEW-NON-RESPONSE'],
    needs: ['views.function'],
    seed: 'Seed: "It must return an HttpResponse object." Django 5.2: only None is checked; a str or dict crashes the handler afterwards (AttributeError) outside its 500 handling.',
    setup: {
      urls: [
        fbv('str/', [{ return: 'text' }]),
        fbv('dict/', [{ return: { a: 1 } }]),
        fbv('ok/', [respond('fine')]),
      ],
    },
  },
  async ({ session }) => {
    for (const path of ['/str/', '/dict/']) expect((await httpRequest(session, { method: 'GET', path })).status).toBeGreaterThanOrEqual(500);
    expect((await session.run({ op: 'http', method: 'GET', path: '/str/' })).ok).toBe(false);
    expect((await httpRequest(session, { method: 'GET', path: '/ok/' })).body).toBe('fine');
  },
);

specCase(
  {
    id: 'views.function.reads-and-creates-rows',
    rule: 'A view can create a row and another can fetch it with get_object_or_404; a missing row is a 404.',
    behaviors: ['VIEW-FBV-BASIC', 'HTTP-404-DEFAULT'],
    needs: ['views.function', 'http.responses', 'models.crud'],
    setup: {
      apps: [{ name: 'notes', models: [{ name: 'Note', fields: [{ name: 'title', type: 'CharField', max_length: 50 }] }] }],
      urls: [
        fbv('notes/new/', [
          { create: { model: 'notes.Note', values: { title: queryParam('title') } }, as: 'note' },
          { return: { $JsonResponse: { data: { $dict: { id: { $get: [{ $var: 'note' }, 'pk'] } } }, status: 201 } } },
        ]),
        fbv('notes/<int:pk>/', [
          { let: 'note', be: { $get_object_or_404: { model: 'notes.Note', where: { pk: { $arg: 'pk' } } } } },
          { return: { $JsonResponse: { data: { $dict: { title: { $get: [{ $var: 'note' }, 'title'] } } } } } },
        ]),
      ],
    },
  },
  async ({ session, property }) => {
    await property(fc.stringMatching(/^[a-z]{1,20}$/), async (title) => {
      const created = await httpRequest(session, { method: 'POST', path: `/notes/new/?title=${title}` });
      expect(created.status).toBe(201);
      const { id } = JSON.parse(created.body) as { id: number };
      const found = await httpRequest(session, { method: 'GET', path: `/notes/${id}/` });
      const missing = await httpRequest(session, { method: 'GET', path: `/notes/${id + 1}/` });
      expect([found.status, JSON.parse(found.body), missing.status]).toEqual([200, { title }, 404]);
    }, { numRuns: 10 });
  },
);
