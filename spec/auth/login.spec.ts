import { specCase, fc, expect, model } from '../support/index.js';
import { AUTH_APP, CONTENTTYPES_APP, pbkdf2Vectors } from '../../fixtures/index.js';
import type { SignalEvent } from '../../conformance/contract/results.js';

const DOCS = 'ref/contrib/auth/#module-django.contrib.auth.signals';
const SIGNALS = ['user_logged_in', 'user_logged_out', 'user_login_failed'];
const SETUP = {
  apps: [CONTENTTYPES_APP, AUTH_APP],
  receivers: [{ id: 'saved' }, ...SIGNALS.map((s) => ({ id: `on_${s}` }))],
  connect: [
    { signal: 'post_save', receiver: 'saved', sender: model('auth.User') },
    ...SIGNALS.map((signal) => ({ signal, receiver: `on_${signal}` })),
  ],
};
const CLEANSED = '********************';
// A Django-made hash with current parameters, so checking it never triggers an upgrade.
const SECURE = pbkdf2Vectors().vectors[0]!;
const SLOW = 60_000;

const handleOf = (v: unknown) => (v as { $obj: { h: string } } | undefined)?.$obj.h ?? null;
const hasRequest = (e: SignalEvent) => e.kwargs.request !== undefined && e.kwargs.request !== null;

/** An event as cases compare it: the request only as "present or not". */
function view(e: SignalEvent) {
  const { request, ...kwargs } = e.kwargs;
  return { receiver: e.receiver, sender: e.sender, ...kwargs, request: request === null ? null : 'a request' };
}

specCase(
  {
    id: 'auth.login.logged-in-after-last-login-save',
    rule: 'login() sends user_logged_in(sender=the user class, request, user) once; the auth app\'s own receiver, connected first, has already saved last_login with update_fields={"last_login"}.',
    behaviors: ['SIG-AUTH-LOGGED-IN', 'SIG-RECEIVER-ORDER-APPS'],
    needs: ['auth.login', 'signals.model'],
    docs: DOCS,
    setup: SETUP,
  },
  async ({ session }) => {
    const user = await session.obj({ op: 'create_user', username: 'tito' });
    await session.ok({ op: 'login', user: user.ref });
    const events = session.events.map((e) => [e.receiver, e.sender, e.kwargs.created ?? null, e.kwargs.update_fields ?? null, handleOf(e.kwargs.instance ?? e.kwargs.user), hasRequest(e)]);
    const stored = (await session.ok({ op: 'values', model: 'auth.User', fields: ['last_login'] })) as { last_login: unknown }[];
    expect({ events, lastLogin: stored[0]!.last_login !== null }).toEqual({
      events: [
        ['saved', { $model: 'auth.User' }, false, ['last_login'], user.h, false],
        ['on_user_logged_in', { $model: 'auth.User' }, null, null, user.h, true],
      ],
      lastLogin: true,
    });
  },
);

specCase(
  {
    id: 'auth.login.logged-out-with-or-without-user',
    rule: 'logout() always sends user_logged_out: with the user and its class as sender when someone was logged in, with user None and sender NoneType otherwise.',
    behaviors: ['SIG-AUTH-LOGGED-OUT'],
    needs: ['auth.login'],
    docs: DOCS,
    setup: SETUP,
  },
  async ({ session }) => {
    const user = await session.obj({ op: 'create_user', username: 'tito' });
    await session.ok({ op: 'logout', user: user.ref });
    const withUser = session.events.map((e) => [e.receiver, e.sender, handleOf(e.kwargs.user), hasRequest(e)]);
    await session.ok({ op: 'logout' });
    const anonymous = session.events.map((e) => [e.receiver, e.sender, e.kwargs.user, hasRequest(e)]);
    expect([withUser, anonymous]).toEqual([
      [['on_user_logged_out', { $model: 'auth.User' }, user.h, true]],
      [['on_user_logged_out', { $class: 'NoneType' }, null, true]],
    ]);
  },
);

specCase(
  {
    id: 'auth.login.failed-authentications',
    rule: 'authenticate() sends user_login_failed (sender "django.contrib.auth", request None, cleansed credentials) for a wrong password, an unknown user, an inactive user and missing credentials, and returns None; a success sends nothing and returns the user.',
    behaviors: ['SIG-AUTH-FAILED'],
    needs: ['auth.login'],
    docs: 'topics/auth/default/#django.contrib.auth.authenticate',
    setup: SETUP,
    timeoutMs: SLOW,
  },
  async ({ session }) => {
    for (const [username, is_active] of [['tito', true], ['idle', false]] as const) {
      const user = await session.obj({ op: 'create_user', username, extra: { is_active } });
      await session.ok({ op: 'assign', obj: user.ref, values: { password: SECURE.encoded } });
      await session.ok({ op: 'save', obj: user.ref });
    }
    const observed = [];
    for (const credentials of [
      { username: 'tito', password: SECURE.password },
      { username: 'tito', password: 'wrong' },
      { username: 'nobody', password: SECURE.password },
      { username: 'idle', password: SECURE.password },
      {},
    ] as Record<string, string>[]) {
      const found = await session.ok({ op: 'authenticate', credentials });
      observed.push({ found: found === null ? null : 'user', events: session.events.map(view) });
    }
    const failed = (credentials: object) => ({ found: null, events: [{ receiver: 'on_user_login_failed', sender: 'django.contrib.auth', credentials, request: null }] });
    expect(observed).toEqual([
      { found: 'user', events: [] },
      failed({ username: 'tito', password: CLEANSED }),
      failed({ username: 'nobody', password: CLEANSED }),
      failed({ username: 'idle', password: CLEANSED }),
      failed({}),
    ]);
  },
);

specCase(
  {
    id: 'auth.login.credentials-cleansed',
    rule: 'Before user_login_failed is sent, the value of every credential whose name contains api, token, key, secret, password or signature (any case) is replaced by 20 asterisks; other values are kept.',
    behaviors: ['SIG-AUTH-CLEANSE', 'SIG-AUTH-FAILED'],
    needs: ['auth.login'],
    docs: 'topics/auth/default/#django.contrib.auth.authenticate',
    setup: SETUP,
  },
  async ({ session, property }) => {
    const part = fc.constantFrom('api', 'TOKEN', 'Key', 'secret', 'passwd', 'password', 'Signature', 'monkey', 'user', 'name', '_', 'x', 'pass');
    const key = fc.array(part, { minLength: 1, maxLength: 3 }).map((p) => p.join('')).filter((k) => k !== 'username');
    await property(fc.dictionary(key, fc.string({ maxLength: 8 }), { maxKeys: 5 }), async (credentials) => {
      await session.ok({ op: 'authenticate', credentials });
      const expected = Object.fromEntries(Object.entries(credentials).map(([k, v]) => [k, /api|token|key|secret|password|signature/i.test(k) ? CLEANSED : v]));
      expect(session.events.map((e) => e.kwargs.credentials)).toEqual([expected]);
    }, { numRuns: 40 });
  },
);
