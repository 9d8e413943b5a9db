/**
 * The seed's two signal flows, end to end: a Profile created for every new user by a post_save
 * receiver that users/apps.py connects in ready(), and a custom user_onboarded signal.
 */
import { specCase, fc, expect, model } from '../support/index.js';
import type { SessionSetup } from '../../conformance/contract/schema.js';
import { AUTH_APP, CONTENTTYPES_APP, seedApp } from '../../fixtures/index.js';
import { called } from './support.js';

const PROFILE = 'users.Profile';
const DOCS = 'topics/signals/#connecting-receiver-functions';

/** The seed's receiver: `if created: Profile.objects.create(user=instance) else: instance.profile.save()`. */
const createOrUpdateProfile = {
  id: 'create_or_update_profile',
  do: [{
    if: { $arg: 'created' },
    then: [{ create: { model: PROFILE, values: { user: { $arg: 'instance' } } } }],
    else: [{ save: { $get: [{ $arg: 'instance' }, 'profile'] } }],
  }],
};

/** INSTALLED_APPS with the seed's users app, whose ready() imports users.signals (the receiver). */
function seedProject(extra: Partial<SessionSetup> = {}): SessionSetup {
  const users = seedApp('users') as Record<string, unknown>;
  return {
    apps: [
      CONTENTTYPES_APP,
      AUTH_APP,
      {
        ...users,
        config: { ...(users.config as object), ready: [{ import: 'signals' }] },
        modules: { signals: { connect: [{ signal: 'post_save', receiver: 'create_or_update_profile', sender: model('auth.User') }] } },
      } as never,
    ],
    receivers: [createOrUpdateProfile, ...(extra.receivers ?? [])],
    ...Object.fromEntries(Object.entries(extra).filter(([k]) => k !== 'receivers')),
  };
}

specCase(
  {
    id: 'signals.profile.one-profile-per-created-user',
    rule: 'With the seed\'s receiver connected from ready(), every user created through save() gets exactly one profile, and saving the user again creates no other.',
    behaviors: ['SIG-PROFILE-CREATE'],
    needs: ['signals.model', 'apps.ready', 'relations.o2o', 'auth.users'],
    docs: DOCS,
    setup: seedProject(),
  },
  async ({ session, property }) => {
    await property(fc.integer({ min: 1, max: 4 }), async (n) => {
      const users = [];
      for (let i = 0; i < n; i++) users.push(await session.obj({ op: 'create_user', username: `u${i}` }));
      for (const user of users) await session.ok({ op: 'save', obj: user.ref });
      const profiles = (await session.ok({ op: 'values', model: PROFILE, fields: ['user_id'], order_by: ['user_id'] })) as { user_id: unknown }[];
      expect(profiles).toEqual(users.map((u) => ({ user_id: u.pk })));
    }, { numRuns: 10 });
  },
);

specCase(
  {
    id: 'signals.profile.seed-shell-create-conflicts',
    rule: 'Once the receiver has created the profile, the seed\'s own Profile.objects.create(user=user, ...) violates the one-to-one uniqueness and raises IntegrityError.',
    behaviors: ['SIG-PROFILE-SHELL'],
    needs: ['signals.model', 'apps.ready', 'relations.o2o', 'auth.users'],
    seed: 'Seed: create_user(...) then Profile.objects.create(user=user, bio=..., location=...). Django 5.2: with the seed\'s receiver installed the second profile raises IntegrityError; update user.profile instead.',
    docs: DOCS,
    setup: seedProject(),
  },
  async ({ session }) => {
    const user = await session.obj({ op: 'create_user', username: 'tito' });
    const error = await session.error({ op: 'create', model: PROFILE, values: { user: user.ref, bio: 'Backend engineer', location: 'Lagos' } });
    expect([error.type, await session.ok({ op: 'count', model: PROFILE })]).toEqual(['IntegrityError', 1]);
  },
);

specCase(
  {
    id: 'signals.profile.failed-create-poisons-the-user',
    rule: 'After the failed Profile.objects.create(user=user), that user object keeps the unsaved profile cached, so its next save() (through the receiver\'s instance.profile.save()) raises IntegrityError too, while a freshly fetched copy saves fine.',
    behaviors: ['SIG-PROFILE-CACHE'],
    needs: ['signals.model', 'apps.ready', 'relations.o2o', 'auth.users'],
    level: 'optional',
    docs: DOCS,
    setup: seedProject(),
  },
  async ({ session }) => {
    const user = await session.obj({ op: 'create_user', username: 'tito' });
    await session.error({ op: 'create', model: PROFILE, values: { user: user.ref, bio: 'Backend engineer' } });
    const again = await session.error({ op: 'save', obj: user.ref });
    const fresh = await session.obj({ op: 'get', model: 'auth.User', where: { username: 'tito' } });
    const freshSave = await session.run({ op: 'save', obj: fresh.ref });
    expect([again.type, freshSave.ok, await session.ok({ op: 'count', model: PROFILE })]).toEqual(['IntegrityError', true, 1]);
  },
);

specCase(
  {
    id: 'signals.profile.user-without-profile-cannot-save',
    rule: 'A user created without the receiver (by bulk_create) has no profile, so every later save() raises RelatedObjectDoesNotExist "User has no profile." from the receiver, after the user row has been updated.',
    behaviors: ['SIG-PROFILE-NOPROFILE', 'SIG-BULK-CREATE-NO-SIGNALS'],
    needs: ['signals.model', 'apps.ready', 'relations.o2o', 'auth.users', 'models.bulk'],
    seed: 'Seed: `else: instance.profile.save()`. Django 5.2: this raises for every user that has no profile, e.g. one made by bulk_create(), which sends no post_save.',
    docs: DOCS,
    setup: seedProject(),
  },
  async ({ session }) => {
    const [user] = await session.objs({ op: 'bulk_create', model: 'auth.User', rows: [{ username: 'bulk', password: '!' }] });
    await session.ok({ op: 'assign', obj: user!.ref, values: { first_name: 'Tito' } });
    const error = await session.error({ op: 'save', obj: user!.ref });
    expect({
      error: [error.type, error.message, ['DoesNotExist', 'ObjectDoesNotExist', 'AttributeError'].every((c) => error.isa.includes(c))],
      stored: await session.ok({ op: 'values', model: 'auth.User', fields: ['first_name'] }),
      profiles: await session.ok({ op: 'count', model: PROFILE }),
    }).toEqual({ error: ['RelatedObjectDoesNotExist', 'User has no profile.', true], stored: [{ first_name: 'Tito' }], profiles: 0 });
  },
);

specCase(
  {
    id: 'signals.profile.login-saves-the-user',
    rule: 'login() saves last_login through save(update_fields={"last_login"}), so the seed\'s receiver runs: for a user without a profile login() raises RelatedObjectDoesNotExist after last_login is stored, before user_logged_in reaches other receivers.',
    behaviors: ['SIG-PROFILE-LOGIN'],
    needs: ['signals.model', 'apps.ready', 'relations.o2o', 'auth.users', 'auth.login', 'models.bulk'],
    docs: 'topics/auth/default/#django.contrib.auth.login',
    setup: seedProject({ receivers: [{ id: 'logged_in' }], connect: [{ signal: 'user_logged_in', receiver: 'logged_in' }] }),
  },
  async ({ session }) => {
    const [user] = await session.objs({ op: 'bulk_create', model: 'auth.User', rows: [{ username: 'bulk', password: '!' }] });
    const error = await session.error({ op: 'login', user: user!.ref });
    const receivers = called(session.events); // the receiver calls of login(), before the next command replaces them
    const stored = (await session.ok({ op: 'values', model: 'auth.User', fields: ['last_login'] })) as { last_login: unknown }[];
    expect({ error: [error.type, error.message], called: receivers, stored: stored[0]!.last_login !== null })
      .toEqual({ error: ['RelatedObjectDoesNotExist', 'User has no profile.'], called: ['create_or_update_profile'], stored: true });
  },
);

const ONBOARDED = 'users.signals.user_onboarded';
/** users.receivers holds `@receiver(user_onboarded) def notify_user_onboarded(sender, **kwargs)`; ready() imports it. */
const onboarding: SessionSetup = {
  apps: [
    CONTENTTYPES_APP,
    AUTH_APP,
    { name: 'users', config: { ready: [{ import: 'receivers' }] }, modules: { receivers: { connect: [{ signal: ONBOARDED, receiver: 'notify_user_onboarded' }] } } },
  ],
  signals: [{ name: ONBOARDED }],
  receivers: [{ id: 'notify_user_onboarded', do: [{ record: { $get: [{ $arg: 'user' }, 'username'] } }] }],
};

specCase(
  {
    id: 'signals.profile.custom-signal-from-ready',
    rule: 'A custom Signal() whose receiver module is imported in ready() reaches that receiver with sender and the named data when sent.',
    behaviors: ['SIG-RECEIVER-DECORATOR', 'SIG-SEND-KWARGS'],
    needs: ['signals.dispatcher', 'apps.ready', 'auth.users'],
    docs: 'topics/signals/#defining-and-sending-signals',
    setup: onboarding,
  },
  async ({ session, property }) => {
    await property(fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/), async (username) => {
      const user = await session.obj({ op: 'create_user', username });
      await session.ok({ op: 'send', signal: ONBOARDED, sender: model('auth.User'), kwargs: { user: user.ref } });
      expect(session.events.map((e) => [e.receiver, e.sender, e.observed])).toEqual([['notify_user_onboarded', { $model: 'auth.User' }, [username]]]);
    }, { numRuns: 10 });
  },
);

specCase(
  {
    id: 'signals.profile.custom-signal-from-a-view',
    rule: 'A view that sends the custom signal reaches the receiver connected in ready() during the request, before the response is returned.',
    behaviors: ['SIG-SYNC', 'SIG-SEND-KWARGS'],
    needs: ['signals.dispatcher', 'apps.ready', 'views.function'],
    docs: 'topics/signals/#sending-signals',
    setup: {
      ...onboarding,
      receivers: [{ id: 'notify_user_onboarded', do: [{ record: { $arg: 'username' } }] }],
      urls: [{
        path: 'onboarding/<str:username>/done/',
        name: 'complete-onboarding',
        view: { function: [
          { send: { signal: ONBOARDED, sender: { $get_model: 'auth.User' }, kwargs: { username: { $arg: 'username' } } } },
          { return: { $HttpResponse: { content: 'ok' } } },
        ] },
      }],
    },
  },
  async ({ session }) => {
    const response = await session.ok({ op: 'http', method: 'POST', path: '/onboarding/tito/done/' });
    expect([(response as { status: number }).status, session.events.filter((e) => e.receiver === 'notify_user_onboarded').map((e) => e.observed)]).toEqual([200, [['tito']]]);
  },
);
