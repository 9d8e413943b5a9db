/**
 * Commands for users and passwords, and the auth app's own `ready()` (it connects
 * `update_last_login` to `user_logged_in`).
 */
import type { CommandOf } from '../../../conformance/contract/commands.js';
import type { Value } from '../../../conformance/contract/values.js';
import type { ModelInstance } from '../../orm/instance.js';
import { makePassword, verifyPassword } from '../../auth/hashers.js';
import {
  createUser, setPassword, checkUserPassword, hasUsablePassword, normalizeEmail, authenticate, login, logout, updateLastLogin, HttpRequest,
} from '../../auth/users.js';
import { registerCommands, builtinReady, type ReferenceSession } from '../session.js';

function decodeMap(s: ReferenceSession, values: Record<string, Value> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [k, s.codec.decode(v)]));
}

const user = (s: ReferenceSession, ref: { $h: string }): ModelInstance => s.codec.instance(ref.$h);
const optional = (s: ReferenceSession, v: Value | undefined) => (v === undefined ? null : s.codec.decode(v));

registerCommands({
  create_user: async (s, c: CommandOf<'create_user'>) =>
    s.codec.encode(await createUser(s.project, s.codec.decode(c.username), optional(s, c.email), optional(s, c.password), decodeMap(s, c.extra))),
  create_superuser: async (s, c: CommandOf<'create_superuser'>) =>
    s.codec.encode(await createUser(s.project, s.codec.decode(c.username), optional(s, c.email), optional(s, c.password), decodeMap(s, c.extra), true)),
  check_password: async (s, c: CommandOf<'check_password'>) => checkUserPassword(s.project, user(s, c.obj), s.codec.decode(c.raw)),
  set_password: async (s, c: CommandOf<'set_password'>) => {
    await setPassword(user(s, c.obj), s.codec.decode(c.raw));
    return null;
  },
  has_usable_password: async (s, c: CommandOf<'has_usable_password'>) => hasUsablePassword(user(s, c.obj)),
  make_password: async (s, c: CommandOf<'make_password'>) => makePassword(s.codec.decode(c.raw), c.salt, c.iterations),
  verify_password: async (s, c: CommandOf<'verify_password'>) => (await verifyPassword(s.codec.decode(c.raw), s.codec.decode(c.encoded))).correct,
  normalize_email: async (s, c: CommandOf<'normalize_email'>) => normalizeEmail(s.codec.decode(c.email)) as string,
  authenticate: async (s, c: CommandOf<'authenticate'>) => {
    const found = await authenticate(s.project, decodeMap(s, c.credentials));
    return found ? s.codec.encode(found) : null;
  },
  login: async (s, c: CommandOf<'login'>) => {
    await login(s.project, new HttpRequest(), user(s, c.user));
    return null;
  },
  logout: async (s, c: CommandOf<'logout'>) => {
    const request = new HttpRequest();
    request.user = c.user ? user(s, c.user) : null;
    await logout(s.project, request);
    return null;
  },
});

builtinReady.set('django.contrib.auth', (session) => {
  const receiver = async ({ kwargs }: { kwargs: Record<string, unknown> }) => updateLastLogin(session.project, kwargs.user as ModelInstance);
  session.project.signals.get('user_logged_in').connect(receiver, { dispatchUid: 'update_last_login' });
});
