import { specCase, fc, expect, httpRequest } from '../support/index.js';
import { fbv, respond, queryParam, HTML, NOT_FOUND_PAGE } from './declarations.js';

interface ClientReply {
  status: number;
  reason?: string;
  headers: [string, string][];
  body: string;
}

specCase(
  {
    id: 'http.response.defaults',
    rule: 'HttpResponse() with no arguments is 200 "OK", Content-Type text/html; charset=utf-8, and an empty body.',
    behaviors: ['HTTP-RESPONSE-DEFAULTS'],
    needs: ['http.responses'],
    docs: 'ref/request-response/#httpresponse-objects',
    setup: { urls: [fbv('empty/', [{ return: { $HttpResponse: {} } }])] },
  },
  async ({ session }) => {
    const reply = (await session.ok({ op: 'http', method: 'GET', path: '/empty/' })) as unknown as ClientReply;
    expect(reply).toEqual({ status: 200, reason: 'OK', headers: [['Content-Type', HTML]], body: '' });
  },
);

specCase(
  {
    id: 'http.response.content-is-utf8',
    rule: 'String content is sent as its UTF-8 encoding; a number is sent as its decimal text and a list of strings as their concatenation.',
    behaviors: ['HTTP-RESPONSE-CONTENT'],
    needs: ['http.responses'],
    setup: { urls: [fbv('say/', [respond(queryParam('s'))]), fbv('num/', [respond(123)]), fbv('parts/', [respond({ $list: ['a', 'b', 'c'] })])] },
  },
  async ({ session, property }) => {
    await property(fc.string({ unit: 'grapheme', maxLength: 12 }), async (s) => {
      const reply = await httpRequest(session, { method: 'GET', path: `/say/?s=${encodeURIComponent(s)}` });
      expect([reply.status, Buffer.byteLength(reply.body), reply.body]).toEqual([200, Buffer.byteLength(s, 'utf8'), s]);
    }, { numRuns: 30 });
    expect([(await httpRequest(session, { method: 'GET', path: '/num/' })).body, (await httpRequest(session, { method: 'GET', path: '/parts/' })).body]).toEqual(['123', 'abc']);
  },
);

specCase(
  {
    id: 'http.response.status-must-be-100-to-599',
    rule: 'The status goes through int(): an integer (or integer text) from 100 to 599 is used as is, one outside is ValueError, and non-numeric text is TypeError.',
    behaviors: ['HTTP-RESPONSE-STATUS'],
    needs: ['http.responses'],
    setup: { urls: [fbv('status/', [respond('x', { status: queryParam('s') })])] },
  },
  async ({ session, property }) => {
    const status = fc.oneof(fc.integer({ min: -100, max: 1000 }).map(String), fc.constantFrom('abc', '', '4o4', '2.5'));
    await property(status, async (s) => {
      const response = await session.run({ op: 'http', raise_request_exception: true, method: 'GET', path: '/status/', query: { s } });
      const code = /^-?\d+$/.test(s) ? Number(s) : undefined;
      if (code !== undefined && code >= 100 && code <= 599) {
        expect(response.ok ? (response.value as unknown as ClientReply).status : response.error).toBe(code);
      } else {
        expect(response.ok ? response.value : { type: response.error.type, message: response.error.message }).toEqual(
          code === undefined
            ? { type: 'TypeError', message: 'HTTP status code must be an integer.' }
            : { type: 'ValueError', message: 'HTTP status code must be an integer from 100 to 599.' },
        );
      }
    }, { numRuns: 40 });
  },
);

specCase(
  {
    id: 'http.response.reason-phrases',
    rule: 'The reason phrase is the standard one for known codes (201 "Created") and "Unknown Status Code" for other codes in range (299).',
    behaviors: ['HTTP-RESPONSE-STATUS'],
    needs: ['http.responses'],
    setup: { urls: [fbv('status/', [respond('x', { status: queryParam('s') })])] },
  },
  async ({ session }) => {
    const reasons = [];
    for (const s of ['201', '299', '404']) reasons.push(((await session.ok({ op: 'http', method: 'GET', path: '/status/', query: { s } })) as unknown as ClientReply).reason);
    expect(reasons).toEqual(['Created', 'Unknown Status Code', 'Not Found']);
  },
);

specCase(
  {
    id: 'http.response.headers',
    rule: 'Headers given to HttpResponse are sent; an explicit content_type is used verbatim, a charset changes the default content type\'s parameter.',
    behaviors: ['HTTP-RESPONSE-HEADERS'],
    needs: ['http.responses'],
    setup: {
      urls: [
        fbv('h/', [respond('x', { headers: { 'x-foo': 'bar' } })]),
        fbv('plain/', [respond('x', { content_type: 'text/plain' })]),
        fbv('latin/', [respond('x', { charset: 'latin-1' })]),
        fbv('csv/', [respond('x', { headers: { 'content-type': 'text/csv' } })]),
      ],
    },
  },
  async ({ session }) => {
    const seen = [];
    for (const path of ['/h/', '/plain/', '/latin/', '/csv/']) {
      const reply = await httpRequest(session, { method: 'GET', path });
      seen.push([reply.headers['x-foo'] ?? null, reply.headers['content-type']]);
    }
    expect(seen).toEqual([
      ['bar', HTML],
      [null, 'text/plain'],
      [null, 'text/html; charset=latin-1'],
      [null, 'text/csv'],
    ]);
  },
);

specCase(
  {
    id: 'http.response.header-errors',
    rule: 'Giving content_type together with a Content-Type header is a ValueError, and a header value containing a newline is a BadHeaderError (a ValueError).',
    behaviors: ['HTTP-RESPONSE-HEADERS'],
    needs: ['http.responses'],
    setup: {
      urls: [
        fbv('both/', [respond('x', { content_type: 'text/plain', headers: { 'Content-Type': 'text/csv' } })]),
        fbv('newline/', [respond('x', { headers: { 'X-A': 'a\nb' } })]),
      ],
    },
  },
  async ({ session }) => {
    const both = await session.error({ op: 'http', raise_request_exception: true, method: 'GET', path: '/both/' });
    const newline = await session.error({ op: 'http', raise_request_exception: true, method: 'GET', path: '/newline/' });
    expect([
      { type: both.type, message: both.message },
      { type: newline.type, isValueError: newline.isa.includes('ValueError'), message: newline.message },
    ]).toEqual([
      { type: 'ValueError', message: "'headers' must not contain 'Content-Type' when the 'content_type' parameter is provided." },
      { type: 'BadHeaderError', isValueError: true, message: "Header values can't contain newlines (got 'a\\nb')" },
    ]);
  },
);

specCase(
  {
    id: 'http.json.python-text',
    rule: 'JsonResponse writes Python\'s JSON text: ", " and ": " separators, keys in insertion order, non-ASCII as \\u escapes, NaN literally.',
    behaviors: ['HTTP-JSON-DEFAULTS'],
    needs: ['http.responses'],
    docs: 'ref/request-response/#jsonresponse-objects',
    setup: {
      urls: [
        fbv('tito/', [{ return: { $JsonResponse: { data: { name: 'Tito', role: 'Backend Dev' } } } }]),
        fbv('text/', [{ return: { $JsonResponse: { data: { b: 'é✓', a: [1, null, true], n: { $float: 'nan' } } } } }]),
      ],
    },
  },
  async ({ session }) => {
    const tito = await httpRequest(session, { method: 'GET', path: '/tito/' });
    const text = await httpRequest(session, { method: 'GET', path: '/text/' });
    expect([tito.status, tito.headers['content-type'], tito.body, text.body]).toEqual([
      200,
      'application/json',
      '{"name": "Tito", "role": "Backend Dev"}',
      '{"b": "\\u00e9\\u2713", "a": [1, null, true], "n": NaN}',
    ]);
  },
);

/** A view answering `JsonResponse(request.json, safe=...)`. */
const echo = (safe: boolean) => fbv(`echo/${safe ? 'safe' : 'unsafe'}/`, [{ return: { $JsonResponse: { data: { $request: 'json' }, safe } } }]);

specCase(
  {
    id: 'http.json.safe-accepts-only-dicts',
    rule: 'With safe=True (the default) JsonResponse accepts only a dict, raising TypeError for any other value; safe=False accepts any JSON value.',
    behaviors: ['HTTP-JSON-SAFE'],
    needs: ['http.responses'],
    setup: { urls: [echo(true), echo(false)] },
  },
  async ({ session, property }) => {
    const value = fc.jsonValue({ maxDepth: 2 }).filter((v) => !/\d[eE.]/.test(JSON.stringify(v))).map((v) => JSON.parse(JSON.stringify(v)) as unknown);
    await property(value, async (v) => {
      const isDict = typeof v === 'object' && v !== null && !Array.isArray(v);
      const safe = await session.run({ op: 'http', raise_request_exception: true, method: 'POST', path: '/echo/safe/', body: JSON.stringify(v), content_type: 'application/json' });
      const unsafe = (await session.ok({ op: 'http', method: 'POST', path: '/echo/unsafe/', body: JSON.stringify(v), content_type: 'application/json' })) as unknown as ClientReply;
      expect(JSON.parse(unsafe.body)).toEqual(v);
      if (isDict) expect(safe.ok).toBe(true);
      else {
        expect(safe.ok ? safe.value : { type: safe.error.type, message: safe.error.message }).toEqual({
          type: 'TypeError',
          message: 'In order to allow non-dict objects to be serialized set the safe parameter to False.',
        });
      }
    }, { numRuns: 30 });
  },
);

specCase(
  {
    id: 'http.json.django-encoder',
    rule: 'DjangoJSONEncoder writes Decimal as its exact text, datetimes in ISO 8601 cut to milliseconds with "Z" for UTC, dates, times cut to milliseconds and UUIDs hyphenated; a set is a TypeError.',
    behaviors: ['HTTP-JSON-ENCODER'],
    needs: ['http.responses'],
    setup: {
      urls: [
        fbv('enc/', [
          {
            return: {
              $JsonResponse: {
                data: {
                  d: { $decimal: '1.10' },
                  e: { $decimal: '1E+3' },
                  z: { $decimal: '-0.00' },
                  utc: { $datetime: '2024-01-02T03:04:05.123456+00:00' },
                  tiny: { $datetime: '2024-01-02T03:04:05.000500+00:00' },
                  whole: { $datetime: '2024-01-02T03:04:05+00:00' },
                  india: { $datetime: '2024-01-02T03:04:05.987000+05:30' },
                  naive: { $datetime: '2024-01-02T03:04:05' },
                  date: { $date: '2024-12-31' },
                  time: { $time: '23:59:59.999999' },
                  u: { $uuid: '12345678-1234-5678-1234-567812345678' },
                  f: 1.5,
                },
              },
            },
          },
        ]),
        fbv('set/', [{ return: { $JsonResponse: { data: { s: { $set: [1] } } } } }]),
      ],
    },
  },
  async ({ session }) => {
    const reply = await httpRequest(session, { method: 'GET', path: '/enc/' });
    expect(reply.body).toBe(
      '{"d": "1.10", "e": "1E+3", "z": "-0.00", "utc": "2024-01-02T03:04:05.123Z", "tiny": "2024-01-02T03:04:05.000Z", "whole": "2024-01-02T03:04:05Z", ' +
        '"india": "2024-01-02T03:04:05.987+05:30", "naive": "2024-01-02T03:04:05", "date": "2024-12-31", "time": "23:59:59.999", ' +
        '"u": "12345678-1234-5678-1234-567812345678", "f": 1.5}',
    );
    const error = await session.error({ op: 'http', raise_request_exception: true, method: 'GET', path: '/set/' });
    expect({ type: error.type, message: error.message }).toEqual({ type: 'TypeError', message: 'Object of type set is not JSON serializable' });
  },
);

specCase(
  {
    id: 'http.json.datetime-milliseconds',
    rule: 'DjangoJSONEncoder writes an aware UTC datetime as YYYY-MM-DDTHH:MM:SS, then ".mmm" (microseconds cut to milliseconds) only when microseconds are not zero, then "Z".',
    behaviors: ['HTTP-JSON-ENCODER'],
    needs: ['http.responses'],
    setup: { urls: [echo(true)] },
  },
  async ({ session, property }) => {
    const moment = fc.record({
      date: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T23:59:59Z'), noInvalidDate: true }),
      micro: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 999_999 })),
    });
    await property(moment, async ({ date, micro }) => {
      const seconds = date.toISOString().slice(0, 19);
      // The test client encodes the request's JSON with DjangoJSONEncoder; the view answers the text it received.
      const reply = (await session.ok({ op: 'http', method: 'POST', path: '/echo/safe/', json: { at: { $datetime: `${seconds}.${String(micro).padStart(6, '0')}+00:00` } } })) as unknown as ClientReply;
      const fraction = micro === 0 ? '' : `.${String(Math.floor(micro / 1000)).padStart(3, '0')}`;
      expect(JSON.parse(reply.body)).toEqual({ at: `${seconds}${fraction}Z` });
    }, { numRuns: 30 });
  },
);

specCase(
  {
    id: 'http.json.decimal-exact-text',
    rule: 'DjangoJSONEncoder writes a Decimal as a JSON string holding str(value): every digit kept, trailing zeros included; a UUID as its hyphenated form.',
    behaviors: ['HTTP-JSON-ENCODER'],
    needs: ['http.responses'],
    setup: { urls: [echo(true)] },
  },
  async ({ session, property }) => {
    const decimal = fc.tuple(fc.constantFrom('', '-'), fc.nat({ max: 99_999 }), fc.stringMatching(/^[0-9]{0,4}$/)).map(([sign, whole, fraction]) => `${sign}${whole}${fraction ? `.${fraction}` : ''}`);
    await property(fc.tuple(decimal, fc.uuid()), async ([text, uuid]) => {
      const json = { d: { $decimal: text }, u: { $uuid: uuid } };
      const reply = (await session.ok({ op: 'http', method: 'POST', path: '/echo/safe/', json })) as unknown as ClientReply;
      expect(JSON.parse(reply.body)).toEqual({ d: text, u: uuid });
    }, { numRuns: 30 });
  },
);

specCase(
  {
    id: 'http.json.options',
    rule: 'JsonResponse honours status, an explicit content_type and json_dumps_params (sort_keys, separators).',
    behaviors: ['HTTP-JSON-OPTIONS'],
    needs: ['http.responses'],
    level: 'optional',
    setup: {
      urls: [
        fbv('opts/', [
          {
            return: {
              $JsonResponse: { data: { b: 1, a: 2 }, status: 201, content_type: 'application/vnd.api+json', json_dumps_params: { sort_keys: true, separators: [',', ':'] } },
            },
          },
        ]),
      ],
    },
  },
  async ({ session }) => {
    const reply = await httpRequest(session, { method: 'GET', path: '/opts/' });
    expect([reply.status, reply.headers['content-type'], reply.body]).toEqual([201, 'application/vnd.api+json', '{"a":2,"b":1}']);
  },
);

specCase(
  {
    id: 'http.not-found.default-page',
    rule: 'An unknown URL and a view raising Http404 both get 404 with Django\'s short "Not Found" page, without the Http404 message.',
    behaviors: ['HTTP-404-DEFAULT'],
    needs: ['http.responses', 'urls.routing'],
    setup: { urls: [fbv('gone/', [{ raise: { type: 'Http404', message: 'secret detail' } }]), fbv('here/', [respond('here')])] },
  },
  async ({ session, property }) => {
    const segment = fc.stringMatching(/^[a-z0-9._~-]{1,12}$/).filter((s) => s !== 'here');
    await property(fc.array(segment, { minLength: 1, maxLength: 3 }), async (segments) => {
      const reply = await httpRequest(session, { method: 'GET', path: `/${segments.join('/')}/` });
      expect({ status: reply.status, type: reply.headers['content-type'], body: reply.body }).toEqual({ status: 404, type: HTML, body: NOT_FOUND_PAGE });
    }, { numRuns: 20 });
    const gone = await httpRequest(session, { method: 'GET', path: '/gone/' });
    expect({ status: gone.status, body: gone.body }).toEqual({ status: 404, body: NOT_FOUND_PAGE });
  },
);

specCase(
  {
    id: 'http.not-allowed.helper',
    rule: 'HttpResponseNotAllowed(permitted) is a 405 whose Allow header joins the given methods with ", " in the given order.',
    behaviors: ['HTTP-NOT-ALLOWED-CLASS'],
    needs: ['http.responses'],
    setup: { urls: [fbv('only/', [{ return: { $HttpResponseNotAllowed: { permitted: ['POST', 'GET'] } } }])] },
  },
  async ({ session }) => {
    const reply = await httpRequest(session, { method: 'GET', path: '/only/' });
    expect([reply.status, reply.headers.allow]).toEqual([405, 'POST, GET']);
  },
);

