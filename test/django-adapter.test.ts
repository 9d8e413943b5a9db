/**
 * The Django adapter (`conformance/adapters/django/`) speaks the line protocol for real Django:
 * it introduces itself, refuses malformed commands with a clear message, boots each session's
 * models fresh, resets and closes without leftovers, and a hung command is stopped by the
 * runner's deadline without harming the next session.
 *
 * Needs the adapter's virtualenv (`npm run setup:django`); without it the tests are skipped
 * with that instruction.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ProcessImplementation } from '../conformance/runner/process.js';
import { PROJECT_ROOT, selectImplementation } from '../conformance/runner/select.js';
import type { Session } from '../conformance/contract/implementation.js';
import type { Command } from '../conformance/contract/commands.js';
import type { SessionSetup } from '../conformance/contract/schema.js';
import type { Value } from '../conformance/contract/values.js';

const RUN = resolve(PROJECT_ROOT, 'conformance/adapters/django/run');
const READY = existsSync(resolve(PROJECT_ROOT, 'conformance/adapters/django/.venv/bin/python'));
const SKIP_REASON = 'the Django adapter is not set up: run `npm run setup:django`';

const BLOG: SessionSetup = {
  apps: [
    { name: 'django.contrib.contenttypes' },
    { name: 'django.contrib.auth' },
    {
      name: 'blog',
      models: [
        {
          name: 'Post',
          fields: [
            { name: 'title', type: 'CharField', max_length: 20 },
            { name: 'author', type: 'ForeignKey', to: 'auth.User', on_delete: 'CASCADE', related_name: 'posts' },
          ],
        },
      ],
    },
  ],
  receivers: [{ id: 'log', do: [{ record: { $get: [{ $arg: 'instance' }, 'title'] } }] }, { id: 'seen', do: [] }],
};

const implementations: ProcessImplementation[] = [];
function django(timeoutMs = 20_000): ProcessImplementation {
  const impl = new ProcessImplementation({ command: RUN, env: { DJSPEC_DJANGO_DB: 'sqlite' }, timeoutMs });
  implementations.push(impl);
  return impl;
}

afterAll(async () => {
  for (const impl of implementations) await impl.shutdown();
});

async function open(impl: ProcessImplementation, setup: SessionSetup): Promise<Session> {
  const opened = await impl.open(setup);
  if (!opened.ok || !opened.session) throw new Error(`open failed: ${JSON.stringify(opened)}`);
  return opened.session;
}

async function ok(session: Session, command: Command): Promise<Value> {
  const response = await session.run(command);
  if (!response.ok) throw new Error(`${command.op} raised ${JSON.stringify(response.error)}`);
  return response.value;
}

describe.skipIf(!READY)('the Django adapter', () => {
  it('is what DJSPEC_IMPL=django selects', () => {
    const selection = selectImplementation({ DJSPEC_IMPL: 'django', DJSPEC_DJANGO_DB: 'postgres' });
    expect(selection.label).toBe('django(postgres)');
  });

  it('introduces itself as Django 5.2.17 on its database with the capabilities it declares', async () => {
    const hello = await django().hello();
    expect(hello).toMatchObject({
      protocol: 1,
      implementation: { name: 'django', version: '5.2.17', language: 'python' },
      database: { vendor: 'sqlite' },
    });
    expect(hello.capabilities).toEqual(expect.arrayContaining(['models.crud', 'relations.m2m', 'signals.model', 'views.class_based', 'migrations']));
  });

  it('refuses unknown and malformed commands with a message that says what is wrong', async () => {
    const session = await open(django(), BLOG);
    await expect(session.run({ op: 'teleport' } as unknown as Command)).rejects.toThrow(/unsupported: the django adapter has no command "teleport"/);
    await expect(session.run({ op: 'save', obj: { $h: 'h99' } })).rejects.toThrow(/bad_request: "save": unknown handle "h99"/);
    await expect(session.run({ op: 'get', model: 'not-a-label', where: {} })).rejects.toThrow(/bad_request: "get": a model label/);
    // The session is still usable afterwards.
    expect(await ok(session, { op: 'count', model: 'blog.Post' })).toBe(0);
    await session.close();
  });

  it('boots real models from the setup and reports Django exceptions as data', async () => {
    const session = await open(django(), BLOG);
    const user = (await ok(session, { op: 'create_user', username: 'tito' })) as { $obj: { h: string } };
    await ok(session, { op: 'connect', signal: 'post_save', receiver: 'log', sender: { $model: 'blog.Post' } });
    const response = await session.run({ op: 'create', model: 'blog.Post', values: { title: 'Hello', author: { $h: user.$obj.h } } });
    expect(response).toMatchObject({
      ok: true,
      value: { $obj: { model: 'blog.Post', pk: 1, values: { id: 1, title: 'Hello', author_id: 1 } } },
      events: [{ receiver: 'log', signal: 'post_save', sender: { $model: 'blog.Post' }, kwargs: { created: true, update_fields: null, raw: false, using: 'default' }, observed: ['Hello'] }],
    });
    expect(await ok(session, { op: 'read', obj: { $h: user.$obj.h }, attr: 'posts' })).toMatchObject([{ $obj: { model: 'blog.Post', pk: 1 } }]);
    expect(await session.run({ op: 'get', model: 'blog.Post', where: { pk: 2 } })).toEqual({
      ok: false,
      error: { type: 'DoesNotExist', isa: ['ObjectDoesNotExist'], message: 'Post matching query does not exist.', model: 'blog.Post' },
      events: [],
    });
    await session.close();
  });

  it('reset leaves no rows, restarts ids and forgets handles; the next session sees nothing of the last', async () => {
    const impl = django();
    const first = await open(impl, BLOG);
    await ok(first, { op: 'connect', signal: 'post_save', receiver: 'seen' });
    await ok(first, { op: 'create_user', username: 'a' });
    await ok(first, { op: 'reset' });
    expect(await ok(first, { op: 'count', model: 'auth.User' })).toBe(0);
    expect(await ok(first, { op: 'create_user', username: 'b' })).toMatchObject({ $obj: { pk: 1, h: 'h1' } });
    await first.close();

    const second = await open(impl, BLOG);
    const created = await second.run({ op: 'create_user', username: 'c' });
    expect(created).toMatchObject({ ok: true, value: { $obj: { pk: 1, h: 'h1' } }, events: [] });
    expect(await ok(second, { op: 'count', model: 'auth.User' })).toBe(1);
    await second.close();

    const other = await open(impl, { apps: [{ name: 'shop', models: [{ name: 'Item', fields: [] }] }] });
    expect(await ok(other, { op: 'is_installed', name: 'django.contrib.auth' })).toBe(false);
    expect(await other.run({ op: 'count', model: 'blog.Post', where: {} })).toMatchObject({ ok: false, error: { type: 'LookupError' } });
    await other.close();
  });

  it('keeps several sessions open at once, each with its own project', async () => {
    const impl = django();
    const blog = await open(impl, BLOG);
    const shop = await open(impl, { apps: [{ name: 'blog', models: [{ name: 'Item', fields: [] }] }] });
    await ok(blog, { op: 'create_user', username: 'a' });
    expect(await ok(blog, { op: 'get_app_config', label: 'blog' })).toMatchObject({ models: ['Post'] });
    expect(await ok(shop, { op: 'get_app_config', label: 'blog' })).toMatchObject({ models: ['Item'] });
    await blog.close();
    expect(await ok(shop, { op: 'count', model: 'blog.Item' })).toBe(0);
    await expect(blog.run({ op: 'count', model: 'blog.Post' })).rejects.toThrow(/no open session/);
    await shop.close();
  });

  it('reports an exception raised during start-up as the result of open', async () => {
    const opened = await django().open({ apps: [{ name: 'a.one', config: { label: 'same' } }, { name: 'b.two', config: { label: 'same' } }] });
    expect(opened).toMatchObject({ ok: false, error: { type: 'ImproperlyConfigured', message: "Application labels aren't unique, duplicates: same" } });
  });

  it('stops a command that hangs at the deadline, and the next session starts a fresh process', async () => {
    const impl = django(4000);
    await impl.hello();
    const session = await open(impl, BLOG);
    // A billion PBKDF2 iterations: Django is busy for minutes.
    const started = Date.now();
    await expect(session.run({ op: 'make_password', raw: 'x', salt: 'salt', iterations: 1_000_000_000 })).rejects.toThrow(/did not answer within 4000 ms/);
    expect(Date.now() - started).toBeLessThan(10_000);
    const next = await open(impl, BLOG);
    expect(await ok(next, { op: 'count', model: 'blog.Post' })).toBe(0);
    await next.close();
  });
});

describe.skipIf(READY)('the Django adapter (not set up)', () => {
  it.skip(SKIP_REASON, () => undefined);
});
