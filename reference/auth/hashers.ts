/**
 * Password hashing after `django/contrib/auth/hashers.py`, with Django 5.2's default hasher:
 * `pbkdf2_sha256$<iterations>$<salt>$<base64 hash>`, PBKDF2-HMAC-SHA256, 32-byte key, UTF-8
 * password and salt, 1,000,000 iterations, a 22-character salt from `[a-zA-Z0-9]`.
 * Unusable passwords are `!` followed by 40 random characters.
 */
import { pbkdf2, randomInt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { PyError } from '../orm/pyvalues.js';

const derive = promisify(pbkdf2);

/** `type(value).__qualname__` for the values a password argument can be. */
function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'float';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'list';
  return typeof v === 'string' ? 'str' : 'dict';
}

export const PBKDF2_ALGORITHM = 'pbkdf2_sha256';
/** The default hasher's iteration count (Django 5.2: 1,000,000). */
export const PBKDF2_SETTINGS = { iterations: 1_000_000 };
const RANDOM_STRING_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/** 128 bits of entropy: ceil(128 / log2(62)) characters. */
const SALT_ENTROPY = 128;
const SALT_LENGTH = Math.ceil(SALT_ENTROPY / Math.log2(RANDOM_STRING_CHARS.length));
export const UNUSABLE_PASSWORD_PREFIX = '!';
const UNUSABLE_PASSWORD_SUFFIX_LENGTH = 40;

/** `get_random_string`: uniform choices (randomInt rejects biased draws). */
export function randomString(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += RANDOM_STRING_CHARS[randomInt(RANDOM_STRING_CHARS.length)];
  return out;
}

/** The hashers Django 5.2 installs by default, by algorithm name; only PBKDF2-SHA256 is implemented. */
const INSTALLED_ALGORITHMS = new Set(['pbkdf2_sha256', 'pbkdf2_sha1', 'argon2', 'bcrypt_sha256', 'scrypt']);

/** The PBKDF2 hashers: algorithm name → digest and key length. */
const PBKDF2_DIGESTS: Record<string, { digest: string; keyLength: number }> = {
  pbkdf2_sha256: { digest: 'sha256', keyLength: 32 },
  pbkdf2_sha1: { digest: 'sha1', keyLength: 20 },
};

/** `PBKDF2PasswordHasher.encode(password, salt, iterations)` (or the SHA-1 variant's). */
export async function encodePbkdf2(password: string, salt: string, iterations = PBKDF2_SETTINGS.iterations, algorithm = PBKDF2_ALGORITHM): Promise<string> {
  if (!salt || salt.includes('$')) throw new PyError('ValueError', 'salt must be provided and cannot contain $.');
  const { digest, keyLength } = PBKDF2_DIGESTS[algorithm]!;
  const hash = await derive(Buffer.from(password, 'utf8'), Buffer.from(salt, 'utf8'), iterations, keyLength, digest);
  return `${algorithm}$${iterations}$${salt}$${hash.toString('base64')}`;
}

/** `PBKDF2PasswordHasher.decode`: Python's unpacking and `int()` errors on malformed input. */
function decodePbkdf2(encoded: string): { iterations: number; salt: string } {
  const parts = splitN(encoded, '$', 4);
  if (parts.length !== 4) throw new PyError('ValueError', `not enough values to unpack (expected 4, got ${parts.length})`);
  const text = parts[1]!.trim();
  if (!/^[+-]?\d+$/.test(text)) throw new PyError('ValueError', `invalid literal for int() with base 10: '${parts[1]}'`);
  return { iterations: Number(text), salt: parts[2]! };
}

/** Python's `s.split(sep, maxsplit)`. */
function splitN(s: string, sep: string, parts: number): string[] {
  const out = s.split(sep);
  return out.length <= parts ? out : [...out.slice(0, parts - 1), out.slice(parts - 1).join(sep)];
}

/** `make_password(password, salt=None)`; `iterations` stands for a hasher with another count. */
export async function makePassword(password: unknown, salt?: string, iterations?: number): Promise<string> {
  if (password === null || password === undefined) return UNUSABLE_PASSWORD_PREFIX + randomString(UNUSABLE_PASSWORD_SUFFIX_LENGTH);
  if (typeof password !== 'string') throw new PyError('TypeError', `Password must be a string or bytes, got ${typeName(password)}.`);
  return encodePbkdf2(password, salt || randomString(SALT_LENGTH), iterations);
}

/** `is_password_usable(encoded)`: note that None counts as usable, as in Django. */
export function isPasswordUsable(encoded: unknown): boolean {
  return encoded === null || encoded === undefined || !(typeof encoded === 'string' && encoded.startsWith(UNUSABLE_PASSWORD_PREFIX));
}

/**
 * `verify_password(password, encoded)`: whether it matches, and whether the stored hash should
 * be replaced (another iteration count, or a salt with too little entropy).
 */
export async function verifyPassword(password: unknown, encoded: unknown): Promise<{ correct: boolean; mustUpdate: boolean }> {
  const no = { correct: false, mustUpdate: false };
  if (password === null || password === undefined || !isPasswordUsable(encoded)) return no;
  if (typeof encoded !== 'string') throw new PyError('TypeError', `object of type '${typeName(encoded)}' has no len()`);
  if (typeof password !== 'string') throw new PyError('TypeError', `Password must be a string or bytes, got ${typeName(password)}.`);
  const algorithm = identifyAlgorithm(encoded);
  if (!INSTALLED_ALGORITHMS.has(algorithm)) return no;
  if (!(algorithm in PBKDF2_DIGESTS)) throw new PyError('NotImplementedError', `the reference does not implement the ${algorithm} hasher`);
  const { iterations, salt } = decodePbkdf2(encoded);
  // Another algorithm than the preferred one, another iteration count or a short salt: re-hash.
  const mustUpdate = algorithm !== PBKDF2_ALGORITHM || iterations !== PBKDF2_SETTINGS.iterations || salt.length * Math.log2(RANDOM_STRING_CHARS.length) < SALT_ENTROPY;
  const again = Buffer.from(await encodePbkdf2(password, salt, iterations, algorithm));
  const stored = Buffer.from(encoded);
  return { correct: again.length === stored.length && timingSafeEqual(again, stored), mustUpdate };
}

/** `identify_hasher`: the algorithm name a stored value claims. */
function identifyAlgorithm(encoded: string): string {
  if ((encoded.length === 32 && !encoded.includes('$')) || (encoded.length === 37 && encoded.startsWith('md5$$'))) return 'unsalted_md5';
  if (encoded.length === 46 && encoded.startsWith('sha1$$')) return 'unsalted_sha1';
  return encoded.split('$')[0]!;
}
