/**
 * The built-in user's behavior, after `django/contrib/auth/{models,base_user,__init__,backends}.py`:
 * `UserManager.create_user` / `create_superuser`, the password methods of `AbstractBaseUser`,
 * `authenticate()` through `ModelBackend`, and `login()` / `logout()` with their signals.
 */
import type { Value } from '../../conformance/contract/values.js';
import type { Project } from '../orm/project.js';
import type { ModelInstance } from '../orm/instance.js';
import type { ModelMeta } from '../orm/options.js';
import { instantiate, save, filter } from '../orm/manager.js';
import { PyDateTime, PyError } from '../orm/pyvalues.js';
import { Apps } from '../orm/registry.js';
import { ValidationError } from '../orm/validators.js';
import type { Validator } from '../orm/validators.js';
import { makePassword, verifyPassword, isPasswordUsable } from './hashers.js';

/** The contract form of reference objects that are not model values (a request, a class). */
export interface ContractValued {
  toContractValue(): Value;
}

/** A class used as a value, such as `NoneType`, the sender of a logout without a user. */
export class PyClassRef implements ContractValued {
  constructor(readonly name: string) {}
  toContractValue(): Value {
    return { $class: this.name };
  }
}

/** A minimal `HttpRequest` for `login()`/`logout()`: its user and session. */
export class HttpRequest implements ContractValued {
  user: ModelInstance | null = null;
  session = new Map<string, unknown>();
  constructor(readonly method = 'GET', readonly path = '/') {}
  toContractValue(): Value {
    return { method: this.method, path: this.path };
  }
}

export function userModel(project: Project): ModelMeta {
  return project.model('auth.User');
}

/** `BaseUserManager.normalize_email`: strip, split at the last `@`, lower-case the domain only. */
export function normalizeEmail(email: unknown): unknown {
  if (email === null || email === undefined || email === '') return '';
  if (typeof email !== 'string') return email;
  const stripped = email.trim();
  const at = stripped.lastIndexOf('@');
  if (at < 0) return email;
  return `${stripped.slice(0, at)}@${stripped.slice(at + 1).toLowerCase()}`;
}

/** `AbstractBaseUser.normalize_username`: NFKC for strings, anything else unchanged. */
export function normalizeUsername(username: unknown): unknown {
  return typeof username === 'string' ? username.normalize('NFKC') : username;
}

function truthy(v: unknown): boolean {
  return !(v === null || v === undefined || v === '' || v === false || v === 0n || v === 0);
}

/** `UserManager.create_user(username, email=None, password=None, **extra_fields)`. */
export async function createUser(project: Project, username: unknown, email: unknown, password: unknown, extra: Record<string, unknown>, superuser = false): Promise<ModelInstance> {
  const fields = { ...extra };
  fields.is_staff ??= superuser;
  fields.is_superuser ??= superuser;
  if (superuser) {
    if (fields.is_staff !== true) throw new PyError('ValueError', 'Superuser must have is_staff=True.');
    if (fields.is_superuser !== true) throw new PyError('ValueError', 'Superuser must have is_superuser=True.');
  }
  if (!truthy(username)) throw new PyError('ValueError', 'The given username must be set');
  const user = await instantiate(project, userModel(project), { username: normalizeUsername(username), email: normalizeEmail(email), ...fields });
  user.set('password', await makePassword(password));
  await save(project, user);
  return user;
}

/** `user.set_password(raw)`: hashes, no save. */
export async function setPassword(user: ModelInstance, raw: unknown): Promise<void> {
  user.set('password', await makePassword(raw));
}

/** `user.check_password(raw)`: a correct check of an outdated hash re-hashes and saves the password alone. */
export async function checkUserPassword(project: Project, user: ModelInstance, raw: unknown): Promise<boolean> {
  const { correct, mustUpdate } = await verifyPassword(raw, user.get('password'));
  if (correct && mustUpdate) {
    await setPassword(user, raw);
    await save(project, user, { updateFields: ['password'] });
  }
  return correct;
}

export function hasUsablePassword(user: ModelInstance): boolean {
  return isPasswordUsable(user.get('password'));
}

const SENSITIVE_CREDENTIALS = /api|token|key|secret|password|signature/i;
const CLEANSED_SUBSTITUTE = '********************';

/** `_clean_credentials`: sensitive values replaced before they reach a signal. */
export function cleanCredentials(credentials: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(credentials).map(([k, v]) => [k, SENSITIVE_CREDENTIALS.test(k) ? CLEANSED_SUBSTITUTE : v]));
}

/** `ModelBackend.authenticate`: the user when the password matches and the user is active. */
async function modelBackend(project: Project, credentials: Record<string, unknown>): Promise<ModelInstance | null> {
  const username = credentials.username;
  const password = credentials.password;
  if (username === null || username === undefined || password === null || password === undefined) return null;
  const [user] = await filter(project, userModel(project), { username });
  if (!user) {
    // Hash anyway, so a missing user takes as long as a wrong password.
    await setPassword(await instantiate(project, userModel(project), {}), password);
    return null;
  }
  if ((await checkUserPassword(project, user, password)) && user.get('is_active') !== false) return user;
  return null;
}

/** `authenticate(request=None, **credentials)`. */
export async function authenticate(project: Project, credentials: Record<string, unknown>, request: HttpRequest | null = null): Promise<ModelInstance | null> {
  const user = await modelBackend(project, credentials);
  if (user) return user;
  await project.signals.get('user_login_failed').send('django.contrib.auth', { credentials: cleanCredentials(credentials), request });
  return null;
}

/** `login(request, user)`: the session now holds the user; then `user_logged_in`. */
export async function login(project: Project, request: HttpRequest, user: ModelInstance): Promise<void> {
  request.session.set('_auth_user_id', user.pk);
  request.user = user;
  await project.signals.get('user_logged_in').send(user.meta, { request, user });
}

/** `logout(request)`: `user_logged_out` (user None when nobody was logged in), then the session is flushed. */
export async function logout(project: Project, request: HttpRequest): Promise<void> {
  const user = request.user;
  await project.signals.get('user_logged_out').send(user ? user.meta : new PyClassRef('NoneType'), { request, user });
  request.session.clear();
  request.user = null;
}

/** `update_last_login`, which AuthConfig.ready() connects to `user_logged_in`. */
export async function updateLastLogin(project: Project, user: ModelInstance): Promise<void> {
  user.set('last_login', PyDateTime.now());
  await save(project, user, { updateFields: ['last_login'] });
}

// The username field's validator and unique message, as AbstractUser declares them.
const USERNAME_INVALID = 'Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.';
const usernameValidator: Validator = (value) => {
  if (typeof value !== 'string' || !/^[\p{L}\p{N}_.@+-]+$/u.test(value)) throw ValidationError.single('invalid', USERNAME_INVALID, { value });
};

Apps.relationResolvers.push((apps) => {
  const auth = apps.configs.find((c) => c.name === 'django.contrib.auth');
  const username = auth?.models.get('user')?.field('username');
  if (!username) return;
  const inherited = username.validators.bind(username);
  username.validators = () => [usernameValidator, ...inherited()];
  username.messages.unique = 'A user with that username already exists.';
});
