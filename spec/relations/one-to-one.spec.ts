import { specCase, fc, expect, type SpecSession } from '../support/index.js';

/** The seed's users app: Profile.user = OneToOneField(User, CASCADE), plus a tag model for type errors. */
const profiles = (onDelete: 'CASCADE' | 'PROTECT' = 'CASCADE', nullable = false) => ({
  apps: [
    { name: 'django.contrib.contenttypes' },
    { name: 'django.contrib.auth' },
    {
      name: 'users',
      models: [
        { name: 'Profile', fields: [{ name: 'user', type: 'OneToOneField' as const, to: 'auth.User', on_delete: onDelete, null: nullable }, { name: 'bio', type: 'TextField' as const, blank: true }] },
        { name: 'Tag', str: '{name}', fields: [{ name: 'name', type: 'CharField' as const, max_length: 20 }] },
      ],
    },
  ],
});

async function users(session: SpecSession, n: number) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await session.create('auth.User', { username: `u${i}` }));
  return out;
}

const missingProfile = { type: 'RelatedObjectDoesNotExist', message: 'User has no profile.', model: 'users.Profile' };

specCase(
  {
    id: 'relations.one-to-one.unique-column-one-row-per-target',
    rule: 'A OneToOneField is a unique NOT NULL `<name>_id` column, so of any sequence of creates for random users exactly one per distinct user succeeds and every other fails with IntegrityError.',
    behaviors: ['REL-O2O-DDL', 'REL-O2O-DUPLICATE'],
    needs: ['relations.o2o', 'models.meta'],
    docs: 'ref/models/fields/#onetoonefield',
    setup: profiles(),
  },
  async ({ session, property }) => {
    const meta = (await session.ok({ op: 'meta', model: 'users.Profile' })) as { fields: Array<Record<string, unknown>> };
    expect(meta.fields.find((f) => f.name === 'user')).toMatchObject({ attname: 'user_id', column: 'user_id', null: false, unique: true, related_model: 'auth.User' });
    await property(fc.array(fc.nat({ max: 2 }), { minLength: 1, maxLength: 6 }), async (picks) => {
      const us = await users(session, 3);
      const outcomes = [];
      for (const i of picks) {
        const response = await session.run({ op: 'create', model: 'users.Profile', values: { user: us[i]!.ref, bio: `b${outcomes.length}` } });
        outcomes.push(response.ok ? 'created' : response.error.type);
      }
      const expected = picks.map((i, n) => (picks.indexOf(i) === n ? 'created' : 'IntegrityError'));
      expect(outcomes).toEqual(expected);
      const stored = (await session.ok({ op: 'values', model: 'users.Profile', fields: ['user_id', 'bio'], order_by: ['user_id'] })) as unknown[];
      const firsts = [...new Set(picks)].sort().map((i) => ({ user_id: us[i]!.pk, bio: `b${picks.indexOf(i)}` }));
      expect(stored).toEqual(firsts);
    }, { numRuns: 15 });
  },
);

specCase(
  {
    id: 'relations.one-to-one.forward-access',
    rule: '`profile.user` is the User whose pk is `profile.user_id`; reading it twice gives the same values.',
    behaviors: ['REL-O2O-FORWARD'],
    needs: ['relations.o2o'],
    setup: profiles(),
  },
  async ({ session, property }) => {
    await property(fc.nat({ max: 2 }), async (i) => {
      const us = await users(session, 3);
      const created = await session.create('users.Profile', { user: us[i]!.ref });
      const profile = await session.obj({ op: 'get', model: 'users.Profile', where: { pk: created.pk } });
      const first = await session.ok({ op: 'read', obj: profile.ref, attr: 'user' });
      const second = await session.ok({ op: 'read', obj: profile.ref, attr: 'user' });
      expect(first).toMatchObject({ $obj: { model: 'auth.User', pk: us[i]!.pk, values: { username: `u${i}` } } });
      expect((second as { $obj: { values: unknown } }).$obj.values).toEqual((first as { $obj: { values: unknown } }).$obj.values);
    }, { numRuns: 5 });
  },
);

specCase(
  {
    id: 'relations.one-to-one.reverse-is-zero-or-one',
    rule: 'For freshly fetched users, `user.profile` is the profile where one exists and otherwise raises RelatedObjectDoesNotExist "User has no profile." (a Profile.DoesNotExist and an AttributeError, so hasattr() is False); `profile__isnull=False` finds exactly the users with one.',
    behaviors: ['REL-O2O-REVERSE-NAME', 'REL-O2O-MISSING-REVERSE', 'REL-O2O-HASATTR'],
    needs: ['relations.o2o'],
    seed: 'Seed: a OneToOne relates "exactly one record ... and vice-versa". Django 5.2: a User may have no Profile, and `user.profile` then raises.',
    docs: 'topics/db/examples/one_to_one/',
    setup: profiles(),
  },
  async ({ session, property }) => {
    await property(fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }), async (hasProfile) => {
      const us = await users(session, hasProfile.length);
      for (const [i, has] of hasProfile.entries()) if (has) await session.create('users.Profile', { user: us[i]!.ref, bio: `bio${i}` });
      const seen = [];
      for (const u of us) {
        const fresh = await session.obj({ op: 'get', model: 'auth.User', where: { pk: u.pk } });
        const response = await session.run({ op: 'read', obj: fresh.ref, attr: 'profile.bio' });
        seen.push(response.ok ? response.value : { type: response.error.type, message: response.error.message, model: response.error.model, attributeError: response.error.isa.includes('AttributeError'), doesNotExist: response.error.isa.includes('DoesNotExist') });
      }
      expect(seen).toEqual(hasProfile.map((has, i) => (has ? `bio${i}` : { ...missingProfile, attributeError: true, doesNotExist: true })));
      const withProfile = await session.objs({ op: 'filter', model: 'auth.User', where: { profile__isnull: false }, order_by: ['id'] });
      expect(withProfile.map((u) => u.pk)).toEqual(us.filter((_, i) => hasProfile[i]).map((u) => u.pk));
    }, { numRuns: 10 });
  },
);

specCase(
  {
    id: 'relations.one-to-one.unset-forward',
    rule: 'Reading an unset non-null one-to-one raises RelatedObjectDoesNotExist "Profile has no user." (a User.DoesNotExist and an AttributeError); an unset nullable one reads as None.',
    behaviors: ['REL-O2O-MISSING-FORWARD'],
    needs: ['relations.o2o'],
  },
  async ({ open }) => {
    const outcomes = [];
    for (const nullable of [false, true]) {
      const opened = await open(profiles('CASCADE', nullable));
      if (!opened.ok) throw new Error(opened.error.message);
      const profile = await opened.session.obj({ op: 'new', model: 'users.Profile' });
      const response = await opened.session.run({ op: 'read', obj: profile.ref, attr: 'user' });
      outcomes.push(response.ok ? response.value : { type: response.error.type, message: response.error.message, model: response.error.model, isa: ['DoesNotExist', 'AttributeError'].filter((c) => response.error.isa.includes(c)) });
    }
    expect(outcomes).toEqual([{ type: 'RelatedObjectDoesNotExist', message: 'Profile has no user.', model: 'auth.User', isa: ['DoesNotExist', 'AttributeError'] }, null]);
  },
);

specCase(
  {
    id: 'relations.one-to-one.assign-wrong-model',
    rule: 'Assigning an object of another model raises ValueError naming the expected model, through the field ("Profile.user" must be a "User" instance) and through the reverse accessor ("User.profile" must be a "Profile" instance).',
    behaviors: ['REL-O2O-ASSIGN-TYPE'],
    needs: ['relations.o2o'],
    setup: profiles(),
  },
  async ({ session }) => {
    const tag = await session.create('users.Tag', { name: 'x' });
    const [user] = await users(session, 1);
    const forward = await session.error({ op: 'new', model: 'users.Profile', values: { user: tag.ref } });
    const reverse = await session.error({ op: 'assign', obj: user!.ref, values: { profile: tag.ref } });
    expect([forward, reverse].map((e) => ({ type: e.type, message: e.message }))).toEqual([
      { type: 'ValueError', message: 'Cannot assign "<Tag: x>": "Profile.user" must be a "User" instance.' },
      { type: 'ValueError', message: 'Cannot assign "<Tag: x>": "User.profile" must be a "Profile" instance.' },
    ]);
  },
);

specCase(
  {
    id: 'relations.one-to-one.reverse-assignment-in-memory',
    rule: '`user.profile = profile` sets `profile.user_id` to the user\'s pk in memory only; the row changes when the profile is saved.',
    behaviors: ['REL-O2O-REVERSE-ASSIGN'],
    needs: ['relations.o2o'],
    setup: profiles(),
  },
  async ({ session }) => {
    const [a, b] = await users(session, 2);
    const profile = await session.create('users.Profile', { user: a!.ref });
    await session.ok({ op: 'assign', obj: b!.ref, values: { profile: profile.ref } });
    const inMemory = await session.ok({ op: 'read', obj: profile.ref, attr: 'user_id' });
    const beforeSave = await session.ok({ op: 'values', model: 'users.Profile', fields: ['user_id'] });
    await session.ok({ op: 'save', obj: profile.ref });
    const afterSave = await session.ok({ op: 'values', model: 'users.Profile', fields: ['user_id'] });
    expect([inMemory, beforeSave, afterSave]).toEqual([b!.pk, [{ user_id: a!.pk }], [{ user_id: b!.pk }]]);
  },
);

specCase(
  {
    id: 'relations.one-to-one.fresh-fetch-sees-new-profile',
    rule: 'A profile created after a failed `user.profile` lookup is visible through a freshly fetched user.',
    behaviors: ['REL-O2O-CACHE'],
    needs: ['relations.o2o'],
    setup: profiles(),
  },
  async ({ session }) => {
    const [user] = await users(session, 1);
    expect((await session.error({ op: 'read', obj: user!.ref, attr: 'profile' })).type).toBe('RelatedObjectDoesNotExist');
    await session.create('users.Profile', { user_id: user!.pk, bio: 'late' });
    const fresh = await session.obj({ op: 'get', model: 'auth.User', where: { pk: user!.pk } });
    expect(await session.ok({ op: 'read', obj: fresh.ref, attr: 'profile.bio' })).toBe('late');
  },
);

specCase(
  {
    id: 'relations.one-to-one.missing-result-is-cached',
    rule: 'Django caches "no profile" on the instance: after a failed `user.profile`, creating the profile by `user_id` leaves that same instance reporting RelatedObjectDoesNotExist until refresh_from_db().',
    behaviors: ['REL-O2O-CACHE'],
    needs: ['relations.o2o'],
    level: 'optional',
    setup: profiles(),
  },
  async ({ session }) => {
    const [user] = await users(session, 1);
    await session.error({ op: 'read', obj: user!.ref, attr: 'profile' });
    await session.create('users.Profile', { user_id: user!.pk, bio: 'late' });
    const stale = await session.run({ op: 'read', obj: user!.ref, attr: 'profile.bio' });
    await session.ok({ op: 'refresh', obj: user!.ref });
    const refreshed = await session.run({ op: 'read', obj: user!.ref, attr: 'profile.bio' });
    expect([stale.ok ? stale.value : stale.error.type, refreshed.ok ? refreshed.value : refreshed.error.type]).toEqual(['RelatedObjectDoesNotExist', 'late']);
  },
);

specCase(
  {
    id: 'relations.one-to-one.failed-create-keeps-first',
    rule: 'After a second create for the same user fails, a fresh fetch shows the first profile unchanged.',
    behaviors: ['REL-O2O-CACHE-POISON'],
    needs: ['relations.o2o'],
    setup: profiles(),
  },
  async ({ session }) => {
    const [user] = await users(session, 1);
    await session.create('users.Profile', { user: user!.ref, bio: 'first' });
    await session.error({ op: 'create', model: 'users.Profile', values: { user: user!.ref, bio: 'second' } });
    const fresh = await session.obj({ op: 'get', model: 'auth.User', where: { pk: user!.pk } });
    expect(await session.ok({ op: 'read', obj: fresh.ref, attr: 'profile.bio' })).toBe('first');
  },
);

specCase(
  {
    id: 'relations.one-to-one.cascade-goes-from-user-to-profile',
    rule: 'Deleting a user deletes its profile ((2, {users.Profile: 1, auth.User: 1})); deleting any profiles never deletes a user.',
    behaviors: ['REL-O2O-CASCADE-DIRECTION'],
    needs: ['relations.o2o', 'delete.cascade'],
    setup: profiles(),
  },
  async ({ session, property }) => {
    await property(fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), async (deleteProfile) => {
      const us = await users(session, 3);
      const ps = [];
      for (const u of us) ps.push(await session.create('users.Profile', { user: u.ref }));
      for (const [i, p] of ps.entries()) if (deleteProfile[i]) expect(await session.ok({ op: 'delete', obj: p.ref })).toEqual([1, { 'users.Profile': 1 }]);
      expect(await session.ok({ op: 'count', model: 'auth.User' })).toBe(3);
      const keeper = deleteProfile.indexOf(false);
      if (keeper >= 0) expect(await session.ok({ op: 'delete', obj: us[keeper]!.ref })).toEqual([2, { 'users.Profile': 1, 'auth.User': 1 }]);
    }, { numRuns: 8 });
  },
);

specCase(
  {
    id: 'relations.one-to-one.protect',
    rule: 'A OneToOneField with on_delete=PROTECT makes deleting its user raise ProtectedError naming \'Profile.user\' with the profile as the protected object.',
    behaviors: ['REL-O2O-PROTECT'],
    needs: ['relations.o2o', 'delete.protect'],
    setup: profiles('PROTECT'),
  },
  async ({ session }) => {
    const [user] = await users(session, 1);
    const profile = await session.create('users.Profile', { user: user!.ref });
    const error = await session.error({ op: 'delete', obj: user!.ref });
    expect({ type: error.type, message: error.message, objects: error.objects?.map((o) => (o as { $obj: { model: string; pk: unknown } }).$obj).map(({ model, pk }) => [model, pk]) }).toEqual({
      type: 'ProtectedError',
      message: "Cannot delete some instances of model 'User' because they are referenced through protected foreign keys: 'Profile.user'.",
      objects: [['users.Profile', profile.pk]],
    });
  },
);

/** The seed's receiver: on post_save of User, create a Profile when created, else save `instance.profile`. */
const seedReceiver = {
  id: 'create_or_update_profile',
  do: [
    {
      if: { $arg: 'created' },
      then: [{ create: { model: 'users.Profile', values: { user: { $arg: 'instance' } } } }],
      else: [{ save: { $get: [{ $arg: 'instance' }, 'profile'] } }],
    },
  ],
};

specCase(
  {
    id: 'relations.one-to-one.seed-receiver-then-explicit-create',
    rule: 'With the seed\'s post_save receiver creating a profile for each new user, every new user has exactly one profile and the seed\'s explicit Profile.objects.create(user=user, ...) fails with IntegrityError.',
    behaviors: ['REL-SEED-SIGNAL-DUP'],
    needs: ['relations.o2o', 'signals.model'],
    seed: 'Seed: runs Profile.objects.create(user=user, bio=...) and also connects a receiver that creates the profile. Django 5.2: the second create raises IntegrityError.',
    setup: { ...profiles(), receivers: [seedReceiver], connect: [{ signal: 'post_save', receiver: 'create_or_update_profile', sender: { $model: 'auth.User' } }] },
  },
  async ({ session, property }) => {
    await property(fc.integer({ min: 1, max: 3 }), async (n) => {
      const us = await users(session, n);
      expect(await session.ok({ op: 'count', model: 'users.Profile' })).toBe(n);
      const error = await session.error({ op: 'create', model: 'users.Profile', values: { user: us[0]!.ref, bio: 'Backend engineer' } });
      expect(error.type).toBe('IntegrityError');
    }, { numRuns: 3 });
  },
);

specCase(
  {
    id: 'relations.one-to-one.seed-receiver-without-profile',
    rule: 'With the seed\'s receiver, saving a user that has no profile raises RelatedObjectDoesNotExist "User has no profile." from save(), after the user\'s row was updated.',
    behaviors: ['REL-SEED-SIGNAL-UPDATE'],
    needs: ['relations.o2o', 'signals.model'],
    seed: 'Seed: `else: instance.profile.save()`. Django 5.2: it raises for any user without a profile (created before the receiver was connected).',
    setup: { ...profiles(), receivers: [seedReceiver] },
  },
  async ({ session }) => {
    const [user] = await users(session, 1);
    await session.ok({ op: 'connect', signal: 'post_save', receiver: 'create_or_update_profile', sender: { $model: 'auth.User' } });
    await session.ok({ op: 'assign', obj: user!.ref, values: { first_name: 'Tito' } });
    const error = await session.error({ op: 'save', obj: user!.ref });
    expect({ type: error.type, message: error.message }).toEqual({ type: 'RelatedObjectDoesNotExist', message: 'User has no profile.' });
    expect(await session.ok({ op: 'values', model: 'auth.User', fields: ['first_name'] })).toEqual([{ first_name: 'Tito' }]);
  },
);
