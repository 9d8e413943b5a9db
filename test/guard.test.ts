/**
 * The guard and the process adapter report every kind of adapter misbehavior as a clear
 * failure, and the next session still works.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { GuardedImplementation, AdapterFailure } from '../conformance/runner/guard.js';
import { ProcessImplementation } from '../conformance/runner/process.js';
import { fakeImplementation } from './fakes/misbehaving.js';

const count = { op: 'count', model: 'tapp.Note' } as const;

async function failureOf(promise: Promise<unknown>): Promise<AdapterFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AdapterFailure);
  return error as AdapterFailure;
}

describe('the guard around a TypeScript adapter', () => {
  const guarded = (mode: string) => new GuardedImplementation(fakeImplementation(mode), { timeoutMs: 200 });

  it.each([
    ['throw', 'threw', /command "count" threw instead of answering: Error: the fake exploded/],
    ['hang', 'timeout', /command "count" did not answer within 200 ms/],
    ['garbage', 'malformed', /command "count" returned a malformed response/],
    ['bad-result', 'malformed', /command "count" returned a malformed result at \(root\): Invalid input: expected number, received string; got "three"/],
  ])('reports a %s adapter as %s', async (mode, kind, message) => {
    const impl = guarded(mode);
    const { session } = await impl.open({ apps: [] });
    const failure = await failureOf(session!.run(count));
    expect(failure.kind).toBe(kind);
    expect(failure.message).toMatch(message);
  });

  it('refuses further commands on a session that timed out, and opens a fresh one', async () => {
    const impl = guarded('hang');
    const first = (await impl.open({ apps: [] })).session!;
    await failureOf(first.run(count));
    expect((await failureOf(first.run(count))).kind).toBe('crashed');
    expect((await impl.open({ apps: [] })).session).toBeDefined();
  });

  it('rejects an invalid command as a bug in the case, not in the implementation', async () => {
    const { session } = await guarded('throw').open({ apps: [] });
    const error = await session!.run({ op: 'count' } as never).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(AdapterFailure);
    expect(String(error)).toMatch(/the case sent an invalid "count" command/);
  });

  it('reports a hello that does not follow the contract', async () => {
    const impl = new GuardedImplementation({ ...fakeImplementation('throw'), hello: async () => ({ protocol: 9 }) as never }, { timeoutMs: 200 });
    expect((await failureOf(impl.hello())).message).toMatch(/hello returned a malformed reply at protocol/);
  });
});

describe('the process adapter', () => {
  const script = fileURLToPath(new URL('./fakes/protocol-fake.mjs', import.meta.url));
  const proc = (mode: string) => new GuardedImplementation(new ProcessImplementation({ command: `node ${script} ${mode}`, timeoutMs: 500 }), { timeoutMs: 2000 });

  it('runs commands against a well-behaved program', async () => {
    const impl = proc('ok');
    expect((await impl.hello()).implementation.name).toBe('proto-ok');
    const { session } = await impl.open({ apps: [] });
    expect(await session!.run(count)).toEqual({ ok: true, value: 1, events: [] });
    await impl.shutdown();
  });

  it.each([
    ['garbage', 'protocol', /printed a line that is not JSON: this is not json/],
    ['die', 'crashed', /exited \(code 3\)[\s\S]*fatal: the fake died/],
    ['hang', 'timeout', /did not answer within 500 ms; the implementation process was stopped and will be restarted/],
    ['wrong-id', 'protocol', /answered an id that was not asked/],
    ['unsupported', 'unsupported', /reported unsupported: no such command: count/],
  ])('reports a program that misbehaves (%s) and restarts it for the next session', async (mode, kind, message) => {
    const impl = proc(mode);
    const { session } = await impl.open({ apps: [] });
    const failure = await failureOf(session!.run(count));
    expect(failure.kind).toBe(kind);
    expect(failure.message).toMatch(message);
    const again = await impl.open({ apps: [] });
    expect(again.result.ok).toBe(true);
    await impl.shutdown();
  });

  it('reports a program that cannot be started', async () => {
    const impl = new GuardedImplementation(new ProcessImplementation({ command: 'definitely-not-a-command-xyz', timeoutMs: 500 }), { timeoutMs: 2000 });
    expect((await failureOf(impl.hello())).message).toMatch(/exited \(code 127\)|could not start/);
  });
});
