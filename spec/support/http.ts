/**
 * Real HTTP for cases: requests go through supertest to the implementation's in-process
 * listener when it has one, else to the base URL its `serve` command returns (a server in
 * another process). Replies are normalized: lower-case header names, the body as text.
 */
import supertest from 'supertest';
import type { IncomingMessage } from 'node:http';
import type { SignalEvent } from '../../conformance/contract/results.js';
import type { SpecSession } from './session.js';

export interface HttpReply {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

export interface HttpRequestSpec {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

const targets = new WeakMap<SpecSession, Promise<Parameters<typeof supertest>[0]>>();

function targetOf(session: SpecSession): Promise<Parameters<typeof supertest>[0]> {
  let target = targets.get(session);
  if (!target) {
    target = (async () => {
      const listener = session.httpListener?.();
      if (listener) return listener;
      const served = (await session.ok({ op: 'serve' })) as { base_url: string };
      return served.base_url;
    })();
    targets.set(session, target);
  }
  return target;
}

/** Sends one request over HTTP and returns what came back. */
export async function httpRequest(session: SpecSession, spec: HttpRequestSpec): Promise<HttpReply> {
  const agent = supertest(await targetOf(session)) as unknown as Record<string, (path: string) => supertest.Test>;
  const start = agent[spec.method.toLowerCase()];
  if (typeof start !== 'function') throw new Error(`supertest cannot send the method ${spec.method}`);
  let test = start.call(agent, spec.path).buffer(true).parse(rawText as never).redirects(0).ok(() => true);
  for (const [name, value] of Object.entries(spec.headers ?? {})) test = test.set(name, value);
  if (spec.body !== undefined) test = test.send(spec.body);
  const res = await test;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers as Record<string, string | string[]>)) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return { status: res.status, headers, body: typeof res.body === 'string' ? res.body : '' };
}

function rawText(res: IncomingMessage, callback: (error: Error | null, body: string) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks).toString('utf8')));
  res.on('error', (error) => callback(error, ''));
}

/** The signal events recorded while serving HTTP since the last call (receiver calls, in order). */
export async function servedEvents(session: SpecSession): Promise<SignalEvent[]> {
  const response = await session.run({ op: 'events' });
  if (!response.ok) throw new Error(`"events" failed: ${response.error.type}: ${response.error.message ?? ''}`);
  return response.events;
}
