/**
 * The guard between the suite and an implementation. It never trusts what comes back: every
 * reply is checked against the contract, every call has a deadline, and anything the adapter
 * does wrong (throws, hangs, answers garbage, lacks a command) becomes an `AdapterFailure` with
 * a message that says what went wrong and where. Django's own exceptions are not failures: they
 * are data (`ok: false` responses) that cases assert on.
 */
import type { Implementation, Session, OpenedSession } from '../contract/implementation.js';
import { COMMANDS, CommandSchema, type Command } from '../contract/commands.js';
import { HelloSchema, OpenResultSchema, ResponseSchema, type Hello, type Response } from '../contract/results.js';
import { SessionSetupSchema, type SessionSetup } from '../contract/schema.js';
import type { z } from 'zod';

export type FailureKind = 'timeout' | 'malformed' | 'threw' | 'unsupported' | 'crashed' | 'protocol' | 'missing';

/** The implementation (or its adapter) misbehaved; the case fails with this message. */
export class AdapterFailure extends Error {
  constructor(readonly kind: FailureKind, message: string) {
    super(message);
    this.name = 'AdapterFailure';
  }
}

export interface GuardOptions {
  /** Deadline for one command or one session open, in milliseconds. */
  timeoutMs: number;
}

function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `at ${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}

async function withDeadline<T>(what: string, ms: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AdapterFailure('timeout', `${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([
      Promise.resolve().then(work).catch((e: unknown) => {
        if (e instanceof AdapterFailure) throw e;
        const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        throw new AdapterFailure('threw', `${what} threw instead of answering: ${detail}`);
      }),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export class GuardedSession {
  private dead: string | undefined;

  constructor(private readonly inner: Session, private readonly options: GuardOptions) {}

  get httpListener() {
    return this.inner.httpListener?.bind(this.inner);
  }

  async run(command: Command): Promise<Response> {
    if (this.dead) throw new AdapterFailure('crashed', `the session is unusable after an earlier failure (${this.dead})`);
    const parsedCommand = CommandSchema.safeParse(command);
    if (!parsedCommand.success) {
      // A bug in the case, not in the implementation: say so plainly.
      throw new Error(`the case sent an invalid "${(command as { op?: string }).op}" command: ${describeZodError(parsedCommand.error)}`);
    }
    const what = `command "${command.op}"`;
    let raw: unknown;
    try {
      raw = await withDeadline(what, this.options.timeoutMs, () => this.inner.run(command));
    } catch (e) {
      if (e instanceof AdapterFailure && (e.kind === 'timeout' || e.kind === 'crashed')) this.dead = e.message;
      throw e;
    }
    const response = ResponseSchema.safeParse(raw);
    if (!response.success) {
      throw new AdapterFailure('malformed', `${what} returned a malformed response ${describeZodError(response.error)}; got ${preview(raw)}`);
    }
    if (response.data.ok) {
      const result = COMMANDS[command.op].result.safeParse(response.data.value);
      if (!result.success) {
        throw new AdapterFailure('malformed', `${what} returned a malformed result ${describeZodError(result.error)}; got ${preview(response.data.value)}`);
      }
    }
    return response.data as Response;
  }

  async close(): Promise<void> {
    await withDeadline('closing the session', this.options.timeoutMs, () => this.inner.close()).catch(() => undefined);
  }
}

export class GuardedImplementation {
  private helloCache: Hello | undefined;

  constructor(readonly inner: Implementation, readonly options: GuardOptions) {}

  async hello(): Promise<Hello> {
    if (this.helloCache) return this.helloCache;
    const raw = await withDeadline('hello', this.options.timeoutMs * 6, () => this.inner.hello());
    const parsed = HelloSchema.safeParse(raw);
    if (!parsed.success) throw new AdapterFailure('malformed', `hello returned a malformed reply ${describeZodError(parsed.error)}; got ${preview(raw)}`);
    this.helloCache = parsed.data;
    return parsed.data;
  }

  async open(setup: SessionSetup): Promise<{ result: OpenedSession; session?: GuardedSession }> {
    const parsedSetup = SessionSetupSchema.safeParse(setup);
    if (!parsedSetup.success) throw new Error(`the case declared an invalid session setup: ${describeZodError(parsedSetup.error)}`);
    const raw = await withDeadline('opening a session', this.options.timeoutMs * 2, () => this.inner.open(setup));
    const { session, ...rest } = (raw ?? {}) as OpenedSession;
    const parsed = OpenResultSchema.safeParse(rest);
    if (!parsed.success) throw new AdapterFailure('malformed', `opening a session returned a malformed reply ${describeZodError(parsed.error)}; got ${preview(rest)}`);
    if (parsed.data.ok && !session) throw new AdapterFailure('malformed', 'opening a session reported ok but returned no session');
    return { result: { ...parsed.data, session }, session: session ? new GuardedSession(session, this.options) : undefined };
  }

  async shutdown(): Promise<void> {
    await withDeadline('shutdown', this.options.timeoutMs, () => this.inner.shutdown()).catch(() => undefined);
  }
}

function preview(v: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(v) ?? String(v);
  } catch {
    text = String(v);
  }
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
