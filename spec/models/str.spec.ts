import { specCase, fc, expect } from '../support/index.js';

specCase(
  {
    id: 'models.str.default-names-class-and-pk',
    rule: 'Without __str__, str() of an instance is "<ClassName> object (<pk>)" (pk None before the first save) and repr() wraps it as "<ClassName: ...>".',
    behaviors: ['FLD-METH-STR-DEFAULT'],
    needs: ['models.str', 'models.crud'],
    seed: 'Seed: "you\'d just see <Profile object (1)>". Django 5.2: str() is "Profile object (1)"; the angle-bracket form is repr(), "<Profile: Profile object (1)>".',
    docs: 'ref/models/instances/#django.db.models.Model.__str__',
    setup: { apps: [{ name: 'tapp', models: [{ name: 'Profile', fields: [{ name: 'bio', type: 'TextField', blank: true }] }] }] },
  },
  async ({ session, property }) => {
    await property(fc.integer({ min: 1, max: 4 }), async (n) => {
      const unsaved = await session.obj({ op: 'new', model: 'tapp.Profile' });
      expect([await session.ok({ op: 'str', obj: unsaved.ref }), await session.ok({ op: 'repr', obj: unsaved.ref })]).toEqual(['Profile object (None)', '<Profile: Profile object (None)>']);
      for (let i = 0; i < n; i++) await session.create('tapp.Profile');
      const last = await session.create('tapp.Profile');
      expect([await session.ok({ op: 'str', obj: last.ref }), await session.ok({ op: 'repr', obj: last.ref })]).toEqual([`Profile object (${n + 1})`, `<Profile: Profile object (${n + 1})>`]);
    }, { numRuns: 10 });
  },
);

specCase(
  {
    id: 'models.str.custom-used-verbatim',
    rule: 'A declared __str__ is returned verbatim by str(), with no capitalization or typographic quotes, and repr() is "<ClassName: that string>".',
    behaviors: ['FLD-METH-STR-CUSTOM'],
    needs: ['models.str', 'models.crud'],
    seed: 'Seed: f"{self.user.username}\'s profile" "would display “Tito’s profile”". Django 5.2: for username tito it is "tito\'s profile", unchanged.',
    docs: 'ref/models/instances/#django.db.models.Model.__str__',
    setup: {
      apps: [{ name: 'tapp', models: [{ name: 'Profile', fields: [{ name: 'username', type: 'CharField', max_length: 30 }], str: "{username}'s profile" }] }],
    },
  },
  async ({ session, property }) => {
    await property(fc.string({ minLength: 1, maxLength: 30 }), async (username) => {
      const profile = await session.create('tapp.Profile', { username });
      const shown = [await session.ok({ op: 'str', obj: profile.ref }), await session.ok({ op: 'repr', obj: profile.ref })];
      expect(shown).toEqual([`${username}'s profile`, `<Profile: ${username}'s profile>`]);
    }, { numRuns: 25 });
  },
);

specCase(
  {
    id: 'models.str.custom-through-one-to-one',
    rule: 'The seed\'s __str__ reads self.user.username through the one-to-one relation: "tito\'s profile" for user tito, and an unsaved Profile without a user raises RelatedObjectDoesNotExist.',
    behaviors: ['FLD-METH-STR-CUSTOM'],
    needs: ['models.str', 'relations.o2o', 'auth.users'],
    seed: 'Seed: "would display “Tito’s profile”"; its hint `self.user.name` raises AttributeError in Django 5.2, since User has no `name`.',
    docs: 'ref/models/instances/#django.db.models.Model.__str__',
    setup: {
      apps: [
        { name: 'django.contrib.contenttypes' },
        { name: 'django.contrib.auth' },
        { name: 'users', models: [{ name: 'Profile', fields: [{ name: 'user', type: 'OneToOneField', to: 'auth.User', on_delete: 'CASCADE' }], str: "{user.username}'s profile" }] },
      ],
    },
  },
  async ({ session }) => {
    const user = await session.obj({ op: 'create_user', username: 'tito', password: 'secure123' });
    const profile = await session.create('users.Profile', { user: user.ref });
    expect(await session.ok({ op: 'str', obj: profile.ref })).toBe("tito's profile");
    expect(await session.ok({ op: 'repr', obj: profile.ref })).toBe("<Profile: tito's profile>");
    const orphan = await session.obj({ op: 'new', model: 'users.Profile' });
    const error = await session.error({ op: 'str', obj: orphan.ref });
    expect([error.type, error.message]).toEqual(['RelatedObjectDoesNotExist', 'Profile has no user.']);
  },
);
