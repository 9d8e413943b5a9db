import { specCase, fc, expect, model } from '../support/index.js';
import { AUTH_APP, CONTENTTYPES_APP } from '../../fixtures/index.js';
import { called } from '../signals/support.js';

const AUTH = { apps: [CONTENTTYPES_APP, AUTH_APP] };
const DOCS = 'ref/contrib/auth/#django.contrib.auth.models.UserManager.create_user';
const WATCHED = {
  ...AUTH,
  receivers: [{ id: 'pre' }, { id: 'post' }],
  connect: [
    { signal: 'pre_save', receiver: 'pre', sender: model('auth.User') },
    { signal: 'post_save', receiver: 'post', sender: model('auth.User') },
  ],
};

specCase(
  {
    id: 'auth.users.create-user-defaults',
    rule: 'create_user(username, email, password, **extra) saves through save() (so save signals fire) with is_active=True, is_staff and is_superuser False, blank names, no last_login and the extras applied.',
    behaviors: ['AUTH-CREATE-USER-SIGNATURE', 'AUTH-DEFAULTS'],
    needs: ['auth.users', 'signals.model'],
    docs: DOCS,
    setup: WATCHED,
  },
  async ({ session }) => {
    const user = await session.obj({ op: 'create_user', username: 'tito', email: 'Tito@EXAMPLE.com', extra: { first_name: 'F' } });
    const events = session.events.map((e) => [e.receiver, e.kwargs.created]);
    const { id, password, date_joined, ...rest } = user.values!;
    expect({ events, rest, str: await session.ok({ op: 'str', obj: user.ref }), joined: typeof date_joined === 'object' && date_joined !== null && '$datetime' in date_joined }).toEqual({
      events: [['pre', undefined], ['post', true]],
      rest: { last_login: null, is_superuser: false, username: 'tito', first_name: 'F', last_name: '', email: 'Tito@example.com', is_staff: false, is_active: true },
      str: 'tito',
      joined: true,
    });
    void id;
    void password;
  },
);

specCase(
  {
    id: 'auth.users.create-user-extras',
    rule: 'create_user() passes extra keyword arguments to the model, so is_active=False is kept and an unknown name fails with TypeError before anything is saved.',
    behaviors: ['AUTH-CREATE-USER-SIGNATURE'],
    needs: ['auth.users'],
    docs: DOCS,
    setup: WATCHED,
  },
  async ({ session }) => {
    const inactive = await session.obj({ op: 'create_user', username: 'a', extra: { is_active: false } });
    const error = await session.error({ op: 'create_user', username: 'b', extra: { foo: 1 } });
    expect([inactive.values!.is_active, [error.type, error.message], called(session.events), await session.ok({ op: 'count', model: 'auth.User' })])
      .toEqual([false, ['TypeError', "User() got unexpected keyword arguments: 'foo'"], [], 1]);
  },
);

specCase(
  {
    id: 'auth.users.empty-username-rejected',
    rule: 'create_user() with an empty or None username raises ValueError("The given username must be set") before any database access or signal.',
    behaviors: ['AUTH-USERNAME-EMPTY'],
    needs: ['auth.users'],
    docs: DOCS,
    setup: WATCHED,
  },
  async ({ session }) => {
    const observed = [];
    for (const username of ['', null]) {
      const error = await session.error({ op: 'create_user', username, password: 'secure123' });
      observed.push([error.type, error.message, called(session.events)]);
    }
    expect([observed, await session.ok({ op: 'count', model: 'auth.User' })]).toEqual([
      [['ValueError', 'The given username must be set', []], ['ValueError', 'The given username must be set', []]],
      0,
    ]);
  },
);

specCase(
  {
    id: 'auth.users.email-domain-lower-cased',
    rule: 'normalize_email() strips surrounding whitespace and lower-cases only the part after the last "@"; text without "@" is returned unchanged and None becomes "".',
    behaviors: ['AUTH-EMAIL-NORMALIZE'],
    needs: ['auth.users'],
    docs: 'topics/auth/customizing/#django.contrib.auth.models.BaseUserManager.normalize_email',
    setup: AUTH,
  },
  async ({ session, property }) => {
    const word = fc.stringMatching(/^[A-Za-z0-9._+-]{1,10}$/);
    await property(fc.record({ local: word, domain: word, pad: fc.constantFrom('', ' ', '  \t') }), async ({ local, domain, pad }) => {
      expect(await session.ok({ op: 'normalize_email', email: `${pad}${local}@${domain}${pad}` })).toBe(`${local}@${domain.toLowerCase()}`);
    }, { numRuns: 30 });
    const table: [string | null, string][] = [['a@b@C.COM', 'a@b@c.com'], ['  noatsign  ', '  noatsign  '], [null, ''], ['', '']];
    const observed = [];
    for (const [email] of table) observed.push(await session.ok({ op: 'normalize_email', email }));
    expect(observed).toEqual(table.map(([, out]) => out));
  },
);

// Characters whose NFKC form differs (fullwidth letters and digits, ligatures, superscripts,
// decomposed accents), all assigned long before the Unicode versions Python and Node ship.
const NFKC_CHARS = ['ｔ', 'ｉ', 'Ｏ', '２', 'ﬁ', 'ﬀ', '²', 'ª', 'e\u0301', 'A\u030a', 'Å', 'K', '㎏', 'a', 'Z', '_', '.', '9'];

specCase(
  {
    id: 'auth.users.username-nfkc',
    rule: 'create_user() stores the username in Unicode NFKC form (no case folding).',
    behaviors: ['AUTH-USERNAME-NFKC'],
    needs: ['auth.users'],
    docs: 'ref/contrib/auth/#django.contrib.auth.models.User.normalize_username',
    setup: AUTH,
  },
  async ({ session, property }) => {
    await property(fc.array(fc.constantFrom(...NFKC_CHARS), { minLength: 1, maxLength: 10 }).map((a) => a.join('')), async (username) => {
      const user = await session.obj({ op: 'create_user', username });
      expect(user.values!.username).toBe(username.normalize('NFKC'));
    }, { numRuns: 25 });
  },
);

specCase(
  {
    id: 'auth.users.username-unique-case-sensitive',
    rule: 'Usernames are unique exactly, not case-insensitively: creating an existing (normalized) username raises IntegrityError, while a case variant is another user.',
    behaviors: ['AUTH-USERNAME-DUPLICATE'],
    needs: ['auth.users'],
    docs: 'ref/contrib/auth/#django.contrib.auth.models.User.username',
    setup: AUTH,
  },
  async ({ session, property }) => {
    await property(fc.array(fc.constantFrom('tito', 'TITO', 'Tito', 'ｔｉｔｏ', 'ana'), { minLength: 1, maxLength: 5 }), async (names) => {
      const present = new Set<string>();
      const observed = [];
      const expected = [];
      for (const username of names) {
        const response = await session.run({ op: 'create_user', username });
        observed.push(response.ok ? 'created' : response.error.type);
        const normalized = username.normalize('NFKC');
        expected.push(present.has(normalized) ? 'IntegrityError' : 'created');
        present.add(normalized);
      }
      expect(observed).toEqual(expected);
    }, { numRuns: 20 });
  },
);

const USERNAME_INVALID = 'Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.';
const USERNAME_ALPHABET = ['a', 'Z', '0', '_', '.', '@', '+', '-', 'ñ', 'ú', '٣', ' ', '!', '/', '😀', '\u0301', '中'];

specCase(
  {
    id: 'auth.users.username-validation',
    rule: 'full_clean() accepts a username of 1 to 150 characters made of letters, digits and @ . + - _ only, reporting "invalid" before "max_length" and "blank" for an empty one.',
    behaviors: ['AUTH-USERNAME-VALIDATION'],
    needs: ['auth.users', 'validation.full_clean'],
    docs: 'ref/contrib/auth/#django.contrib.auth.models.User.username',
    setup: AUTH,
  },
  async ({ session, property }) => {
    const username = fc.oneof(
      fc.array(fc.constantFrom(...USERNAME_ALPHABET), { maxLength: 8 }).map((a) => a.join('')),
      fc.tuple(fc.constantFrom('x', '!'), fc.integer({ min: 148, max: 155 })).map(([ch, n]) => 'a'.repeat(n - 1) + ch),
    );
    await property(username, async (name) => {
      const user = await session.obj({ op: 'new', model: 'auth.User', values: { username: name, password: 'x' } });
      const response = await session.run({ op: 'full_clean', obj: user.ref });
      const length = [...name].length;
      const errors = [];
      if (length === 0) errors.push({ code: 'blank', message: 'This field cannot be blank.' });
      else {
        if (!/^[\p{L}\p{N}_.@+-]+$/u.test(name)) errors.push({ code: 'invalid', message: USERNAME_INVALID });
        if (length > 150) errors.push({ code: 'max_length', message: `Ensure this value has at most 150 characters (it has ${length}).` });
      }
      expect(response.ok ? null : response.error.fields).toEqual(errors.length ? { username: errors } : null);
    }, { numRuns: 40 });
  },
);

specCase(
  {
    id: 'auth.users.username-unique-message',
    rule: 'full_clean() of a user whose username is taken reports code "unique" with the message "A user with that username already exists."',
    behaviors: ['AUTH-USERNAME-VALIDATION', 'AUTH-USERNAME-DUPLICATE'],
    needs: ['auth.users', 'validation.full_clean'],
    docs: 'ref/contrib/auth/#django.contrib.auth.models.User.username',
    setup: AUTH,
  },
  async ({ session }) => {
    await session.ok({ op: 'create_user', username: 'tito' });
    const user = await session.obj({ op: 'new', model: 'auth.User', values: { username: 'tito', password: 'x' } });
    expect((await session.error({ op: 'full_clean', obj: user.ref })).fields).toEqual({ username: [{ code: 'unique', message: 'A user with that username already exists.' }] });
  },
);

specCase(
  {
    id: 'auth.users.create-user-does-not-validate',
    rule: 'create_user() runs no validation: a username with invalid characters is stored, and only the database limits its length (PostgreSQL rejects 151 characters, SQLite stores them).',
    behaviors: ['AUTH-USERNAME-LENGTH-DB'],
    needs: ['auth.users'],
    docs: DOCS,
    setup: AUTH,
  },
  async ({ session }) => {
    const odd = await session.obj({ op: 'create_user', username: 'bad name!' });
    const long = await session.run({ op: 'create_user', username: 'x'.repeat(151) });
    const outcome = long.ok ? 'stored' : long.error.type;
    expect([odd.values!.username, outcome]).toEqual(['bad name!', session.vendor === 'postgresql' ? 'DataError' : 'stored']);
  },
);

specCase(
  {
    id: 'auth.users.create-superuser',
    rule: 'create_superuser() makes an active staff superuser and refuses is_staff=False or is_superuser=False with a ValueError.',
    behaviors: ['AUTH-SUPERUSER'],
    needs: ['auth.users'],
    docs: 'ref/contrib/auth/#django.contrib.auth.models.UserManager.create_superuser',
    setup: AUTH,
  },
  async ({ session }) => {
    const admin = await session.obj({ op: 'create_superuser', username: 'admin', email: 'a@b.c' });
    const observed = [];
    for (const extra of [{ is_staff: false }, { is_superuser: false }] as Record<string, boolean>[]) {
      const error = await session.error({ op: 'create_superuser', username: 'other', email: 'o@b.c', extra });
      observed.push([error.type, error.message]);
    }
    const { is_staff, is_superuser, is_active } = admin.values!;
    expect([{ is_staff, is_superuser, is_active }, observed]).toEqual([
      { is_staff: true, is_superuser: true, is_active: true },
      [['ValueError', 'Superuser must have is_staff=True.'], ['ValueError', 'Superuser must have is_superuser=True.']],
    ]);
  },
);
