import { specCase, fc, expect } from '../support/index.js';
import { AUTH_APP, CONTENTTYPES_APP, pbkdf2Vectors } from '../../fixtures/index.js';

const DOCS = 'topics/auth/passwords/';
const AUTH = { apps: [CONTENTTYPES_APP, AUTH_APP] };
const SALT_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/** Django 5.2's stored format: algorithm, 1,000,000 iterations, a 22-character salt, a padded base64 SHA-256 key. */
const DEFAULT_FORMAT = /^pbkdf2_sha256\$1000000\$[A-Za-z0-9]{22}\$[A-Za-z0-9+/]{43}=$/;
const UNUSABLE_FORMAT = /^![A-Za-z0-9]{40}$/;
// 1,000,000 iterations take about half a second per hash: the cases that use them use few.
const SLOW = 60_000;

const salt = fc.string({ unit: fc.constantFrom(...SALT_CHARS), minLength: 1, maxLength: 40 });
const password = fc.string({ unit: 'grapheme', maxLength: 16 });

specCase(
  {
    id: 'auth.passwords.django-vectors',
    rule: 'make_password(password, salt) with a PBKDF2-SHA256 hasher reproduces Django\'s hashes byte for byte, and check_password accepts hashes Django made, whatever their iteration count.',
    behaviors: ['AUTH-PBKDF2-VECTORS', 'AUTH-PBKDF2-PARAMS'],
    needs: ['auth.passwords'],
    docs: 'topics/auth/passwords/#how-django-stores-passwords',
    setup: AUTH,
    timeoutMs: SLOW,
  },
  async ({ session }) => {
    const { vectors, django_defaults } = pbkdf2Vectors();
    const made = [];
    for (const v of vectors) made.push(await session.ok({ op: 'make_password', raw: v.password, salt: v.salt, iterations: v.iterations }));
    const verified = [];
    for (const v of [...vectors, ...django_defaults]) verified.push(await session.ok({ op: 'verify_password', raw: v.password, encoded: v.encoded }));
    expect({ made, verified }).toEqual({ made: vectors.map((v) => v.encoded), verified: [...vectors, ...django_defaults].map(() => true) });
  },
);

specCase(
  {
    id: 'auth.passwords.round-trip',
    rule: 'A hash verifies the exact password it was made from and no other: passwords are UTF-8 encoded and not Unicode-normalized, so composed and decomposed forms differ.',
    behaviors: ['AUTH-CHECK-PASSWORD', 'AUTH-PBKDF2-PARAMS'],
    needs: ['auth.passwords'],
    docs: 'topics/auth/passwords/#django.contrib.auth.hashers.check_password',
    setup: AUTH,
  },
  async ({ session, property }) => {
    await property(fc.record({ pw: password, other: password, salt, iterations: fc.integer({ min: 1, max: 3 }) }), async ({ pw, other, salt, iterations }) => {
      const decomposed = pw.normalize('NFD');
      const encoded = (await session.ok({ op: 'make_password', raw: pw, salt, iterations })) as string;
      const observed = {
        shape: encoded.split('$').slice(0, 3),
        right: await session.ok({ op: 'verify_password', raw: pw, encoded }),
        other: await session.ok({ op: 'verify_password', raw: other, encoded }),
        decomposed: await session.ok({ op: 'verify_password', raw: decomposed, encoded }),
      };
      expect(observed).toEqual({ shape: ['pbkdf2_sha256', String(iterations), salt], right: true, other: other === pw, decomposed: decomposed === pw });
    }, { numRuns: 40 });
  },
);

specCase(
  {
    id: 'auth.passwords.default-hash-format',
    rule: 'By default a password is stored as pbkdf2_sha256$1000000$<22-character salt>$<base64 key>, with a fresh salt each time and never containing the raw password; create_user() stores exactly that.',
    behaviors: ['AUTH-HASH-FORMAT', 'AUTH-PBKDF2-PARAMS'],
    needs: ['auth.passwords', 'auth.users'],
    docs: 'topics/auth/passwords/#how-django-stores-passwords',
    setup: AUTH,
    timeoutMs: SLOW,
  },
  async ({ session }) => {
    const first = (await session.ok({ op: 'make_password', raw: 'secure123' })) as string;
    const second = (await session.ok({ op: 'make_password', raw: 'secure123' })) as string;
    const user = await session.obj({ op: 'create_user', username: 'tito', password: 'secure123' });
    const stored = user.values!.password as string;
    expect({ first: DEFAULT_FORMAT.test(first), second: DEFAULT_FORMAT.test(second), stored: DEFAULT_FORMAT.test(stored) && !stored.includes('secure123'), fresh: first !== second })
      .toEqual({ first: true, second: true, stored: true, fresh: true });
    expect([await session.ok({ op: 'check_password', obj: user.ref, raw: 'secure123' }), await session.ok({ op: 'verify_password', raw: 'secure123', encoded: first })]).toEqual([true, true]);
  },
);

specCase(
  {
    id: 'auth.passwords.unusable-password',
    rule: 'A None password is stored as "!" plus 40 random characters: has_usable_password() is False and no string, not even the stored value itself, verifies against it.',
    behaviors: ['AUTH-UNUSABLE-PASSWORD'],
    needs: ['auth.passwords', 'auth.users'],
    docs: 'ref/contrib/auth/#django.contrib.auth.models.User.set_unusable_password',
    setup: AUTH,
  },
  async ({ session, property }) => {
    await property(password, async (attempt) => {
      const user = await session.obj({ op: 'create_user', username: 'nopass' });
      const stored = user.values!.password as string;
      const made = (await session.ok({ op: 'make_password', raw: null })) as string;
      expect({
        formats: [UNUSABLE_FORMAT.test(stored), UNUSABLE_FORMAT.test(made)],
        usable: await session.ok({ op: 'has_usable_password', obj: user.ref }),
        attempt: await session.ok({ op: 'check_password', obj: user.ref, raw: attempt }),
        itself: await session.ok({ op: 'check_password', obj: user.ref, raw: stored }),
        none: await session.ok({ op: 'verify_password', raw: null, encoded: made }),
      }).toEqual({ formats: [true, true], usable: false, attempt: false, itself: false, none: false });
    }, { numRuns: 15 });
  },
);

specCase(
  {
    id: 'auth.passwords.empty-string-is-a-password',
    rule: 'The empty string is a real password: create_user(password="") stores a usable hash that check_password("") accepts, while None never matches.',
    behaviors: ['AUTH-EMPTY-PASSWORD', 'AUTH-CHECK-PASSWORD'],
    needs: ['auth.passwords', 'auth.users'],
    docs: 'ref/contrib/auth/#django.contrib.auth.models.User.check_password',
    setup: AUTH,
    timeoutMs: SLOW,
  },
  async ({ session }) => {
    const user = await session.obj({ op: 'create_user', username: 'x', password: '' });
    expect({
      format: DEFAULT_FORMAT.test(user.values!.password as string),
      usable: await session.ok({ op: 'has_usable_password', obj: user.ref }),
      empty: await session.ok({ op: 'check_password', obj: user.ref, raw: '' }),
      none: await session.ok({ op: 'check_password', obj: user.ref, raw: null }),
      space: await session.ok({ op: 'check_password', obj: user.ref, raw: ' ' }),
    }).toEqual({ format: true, usable: true, empty: true, none: false, space: false });
  },
);

specCase(
  {
    id: 'auth.passwords.set-password-hashes-without-saving',
    rule: 'set_password() replaces the stored hash in memory only; the row keeps the old one until the user is saved.',
    behaviors: ['AUTH-CHECK-PASSWORD', 'AUTH-UNUSABLE-PASSWORD'],
    needs: ['auth.passwords', 'auth.users'],
    docs: 'ref/contrib/auth/#django.contrib.auth.models.User.set_password',
    setup: AUTH,
    timeoutMs: SLOW,
  },
  async ({ session }) => {
    const user = await session.obj({ op: 'create_user', username: 'x' });
    await session.ok({ op: 'set_password', obj: user.ref, raw: 'new-secret' });
    const before = (await session.ok({ op: 'values', model: 'auth.User', fields: ['password'] })) as { password: string }[];
    const usable = await session.ok({ op: 'has_usable_password', obj: user.ref });
    await session.ok({ op: 'save', obj: user.ref });
    const after = (await session.ok({ op: 'values', model: 'auth.User', fields: ['password'] })) as { password: string }[];
    expect({ before: UNUSABLE_FORMAT.test(before[0]!.password), usable, after: DEFAULT_FORMAT.test(after[0]!.password) }).toEqual({ before: true, usable: true, after: true });
  },
);

specCase(
  {
    id: 'auth.passwords.only-strings-are-hashed',
    rule: 'make_password() rejects a password that is neither str nor bytes with a TypeError naming its type.',
    behaviors: ['AUTH-MAKE-PASSWORD-TYPE'],
    needs: ['auth.passwords'],
    docs: 'topics/auth/passwords/#django.contrib.auth.hashers.make_password',
    setup: AUTH,
  },
  async ({ session }) => {
    const observed = [];
    for (const raw of [123, 1.5, true, [1], { a: 1 }]) {
      const error = await session.error({ op: 'make_password', raw });
      observed.push([error.type, error.message]);
    }
    expect(observed).toEqual(['int', 'float', 'bool', 'list', 'dict'].map((t) => ['TypeError', `Password must be a string or bytes, got ${t}.`]));
  },
);

specCase(
  {
    id: 'auth.passwords.unknown-formats-never-match',
    rule: 'A stored value that names no installed hasher, is unusable, or is a PBKDF2 hash with a damaged key never verifies.',
    behaviors: ['AUTH-CHECK-MALFORMED'],
    needs: ['auth.passwords'],
    docs: 'topics/auth/passwords/#django.contrib.auth.hashers.check_password',
    setup: AUTH,
  },
  async ({ session, property }) => {
    const { vectors } = pbkdf2Vectors();
    const cheap = vectors.filter((v) => v.iterations <= 1000 && v.password === 'secure123')[0]!;
    const fixed = ['garbage', '', '!abc', 'md5$a$b', 'unknownalg$1$2$3', cheap.encoded.slice(0, -1), 'pbkdf2_sha1$1$a$b', 'a'.repeat(32)];
    const observed = [];
    for (const encoded of fixed) observed.push(await session.ok({ op: 'verify_password', raw: 'secure123', encoded }));
    expect(observed).toEqual(fixed.map(() => false));
    // Any other text that does not start with a known algorithm name.
    await property(fc.string({ maxLength: 30 }).filter((s) => !/^(pbkdf2_sha256|pbkdf2_sha1|argon2|bcrypt_sha256|scrypt)\$/.test(s)), async (encoded) => {
      expect(await session.ok({ op: 'verify_password', raw: 'secure123', encoded })).toBe(false);
    }, { numRuns: 30 });
  },
);

specCase(
  {
    id: 'auth.passwords.malformed-pbkdf2-is-not-accepted',
    rule: 'A string that claims pbkdf2_sha256 but cannot be parsed is never accepted as a match (Django raises while parsing it).',
    behaviors: ['AUTH-CHECK-MALFORMED'],
    needs: ['auth.passwords'],
    docs: 'topics/auth/passwords/#django.contrib.auth.hashers.check_password',
    setup: AUTH,
  },
  async ({ session }) => {
    const observed = [];
    for (const encoded of ['pbkdf2_sha256$abc', 'pbkdf2_sha256$x$salt$hash']) {
      const response = await session.run({ op: 'verify_password', raw: 'secure123', encoded });
      observed.push(response.ok ? response.value : 'raised');
    }
    // Implementations may return False or raise; what they must not do is say True.
    expect(observed.every((o) => o === false || o === 'raised')).toBe(true);
  },
);

specCase(
  {
    id: 'auth.passwords.outdated-hash-upgraded-on-success',
    rule: 'A correct check_password() of a hash with another iteration count (or a short salt) re-hashes with the current parameters and saves only the password field; a wrong password saves nothing.',
    behaviors: ['AUTH-CHECK-UPGRADE'],
    needs: ['auth.passwords', 'auth.users', 'signals.model'],
    level: 'optional',
    docs: 'topics/auth/passwords/#password-upgrading',
    setup: { ...AUTH, receivers: [{ id: 'saved' }], connect: [{ signal: 'post_save', receiver: 'saved', sender: { $model: 'auth.User' } }] },
    timeoutMs: SLOW,
  },
  async ({ session }) => {
    const old = pbkdf2Vectors().vectors.find((v) => v.iterations === 1000)!;
    const user = await session.obj({ op: 'create_user', username: 'tito' });
    await session.ok({ op: 'assign', obj: user.ref, values: { password: old.encoded } });
    await session.ok({ op: 'save', obj: user.ref });
    const wrong = [await session.ok({ op: 'check_password', obj: user.ref, raw: `${old.password}!` }), session.events.length];
    const right = [await session.ok({ op: 'check_password', obj: user.ref, raw: old.password }), session.events.map((e) => [e.kwargs.created, e.kwargs.update_fields])];
    const stored = (await session.ok({ op: 'values', model: 'auth.User', fields: ['password'] })) as { password: string }[];
    // Current iteration count but a 3-character salt: too little entropy, so it is replaced too.
    const shortSalt = (await session.ok({ op: 'make_password', raw: 'secure123', salt: 'abc' })) as string;
    await session.ok({ op: 'assign', obj: user.ref, values: { password: shortSalt } });
    await session.ok({ op: 'save', obj: user.ref });
    const salted = [await session.ok({ op: 'check_password', obj: user.ref, raw: 'secure123' }), session.events.map((e) => e.kwargs.update_fields)];
    const resalted = (await session.ok({ op: 'values', model: 'auth.User', fields: ['password'] })) as { password: string }[];
    expect({ wrong, right, upgraded: DEFAULT_FORMAT.test(stored[0]!.password), salted, resalted: DEFAULT_FORMAT.test(resalted[0]!.password) }).toEqual({
      wrong: [false, 0], right: [true, [[false, ['password']]]], upgraded: true, salted: [true, [['password']]], resalted: true,
    });
  },
);
