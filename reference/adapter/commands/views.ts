/** Commands of the views area: test-client requests, serving over HTTP, reverse() and resolve(). */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CommandOf } from '../../../conformance/contract/commands.js';
import type { Value } from '../../../conformance/contract/values.js';
import { registerCommands, type ReferenceSession } from '../session.js';
import { httpAppOf } from '../../http/index.js';
import { HttpRequest } from '../../http/request.js';
import { NonResponse } from '../../http/handler.js';
import { dumps } from '../../http/json.js';
import { quote } from '../../http/urls.js';

/** What the test client does to responses (its `conditional_content_removal`). */
export const testClientBehavior = { removeBodyOfHead: true };

/** `Client(raise_request_exception=...).generic(...)`. */
async function testClientRequest(s: ReferenceSession, c: CommandOf<'http'>): Promise<Value> {
  const app = httpAppOf(s);
  const headers: Record<string, string> = { host: 'testserver', ...lowerKeys(c.headers ?? {}) };
  let body = Buffer.alloc(0);
  if (c.json !== undefined) {
    body = Buffer.from(dumps(s.codec.decode(c.json)), 'utf8');
    headers['content-type'] = c.content_type ?? 'application/json';
  } else if (c.body !== undefined) {
    body = Buffer.from(c.body, 'utf8');
    headers['content-type'] = c.content_type ?? 'application/octet-stream';
  } else if (c.content_type !== undefined) headers['content-type'] = c.content_type;
  if (body.length) headers['content-length'] = String(body.length);
  let path = c.path;
  if (c.query) {
    const pairs = Object.entries(c.query).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${quote(k, '', true)}=${quote(x, '', true)}`));
    if (pairs.length) path += `${path.includes('?') ? '&' : '?'}${pairs.join('&')}`;
  }
  const request = new HttpRequest(c.method.toUpperCase(), path, headers, body, true);
  let handled;
  try {
    handled = await app.handle(request);
  } catch (e) {
    if (e instanceof NonResponse) throw e.error;
    throw e;
  }
  await app.finished(request);
  if (handled.error !== undefined && c.raise_request_exception) throw handled.error;
  const { response } = handled;
  const stripped = (request.method === 'HEAD' && testClientBehavior.removeBodyOfHead) || response.status === 204 || response.status === 304 || response.status < 200;
  return { status: response.status, reason: response.reason, headers: response.headers.list(), body: stripped ? '' : response.content.toString('utf8') };
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

registerCommands({
  http: testClientRequest,
  serve: async (s) => {
    const existing = s.extras.get('http.base_url') as string | undefined;
    if (existing) return { base_url: existing };
    const listener = s.listener?.();
    if (!listener) throw new Error('the session declares no URLs');
    const server = createServer(listener);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    s.extras.set('http.base_url', baseUrl);
    s.closers.push(() => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }));
    return { base_url: baseUrl };
  },
  events: async (s) => {
    const app = httpAppOf(s);
    while (app.inFlight.size) await Promise.allSettled([...app.inFlight]);
    for (const event of s.drainPending()) s.record(event);
    return null;
  },
  reverse: async (s, c: CommandOf<'reverse'>) => {
    const args = (c.args ?? []).map((a) => s.codec.decode(a));
    const kwargs = Object.fromEntries(Object.entries(c.kwargs ?? {}).map(([k, v]) => [k, s.codec.decode(v)]));
    return httpAppOf(s).urls.reverse(c.name, args, kwargs, c.query);
  },
  resolve: async (s, c: CommandOf<'resolve'>) => {
    const match = httpAppOf(s).urls.resolve(c.path);
    return { url_name: match.route.name ?? null, kwargs: s.codec.encode(match.kwargs) as Record<string, Value> };
  },
});
