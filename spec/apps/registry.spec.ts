import { specCase, fc, expect } from '../support/index.js';

const DOCS = 'ref/applications/#application-registry';
const item = { name: 'Item', fields: [{ name: 'name', type: 'CharField' as const, max_length: 10 }] };
const LABELS = ['alpha', 'beta', 'gamma', 'delta'];

specCase(
  {
    id: 'apps.registry.order-is-installed-apps-order',
    rule: 'The registry lists app configs in INSTALLED_APPS order (not sorted), and start-up calls ready() in that order.',
    behaviors: ['APP-ORDER'],
    needs: ['apps.registry', 'apps.ready'],
    docs: 'ref/applications/#django.apps.apps.get_app_configs',
  },
  async ({ open, property }) => {
    await property(fc.shuffledSubarray(LABELS, { minLength: LABELS.length }), async (order) => {
      const outcome = await open({ apps: order.map((name) => ({ name, models: [item] })) });
      if (!outcome.ok) throw new Error(outcome.error.message);
      const configs = (await outcome.session.ok({ op: 'get_app_configs' })) as { label: string }[];
      const ready = outcome.startup.filter((e) => e.event === 'ready').map((e) => e.app);
      expect([configs.map((c) => c.label), ready]).toEqual([order, order]);
    }, { numRuns: 10 });
  },
);

const shopSetup = {
  apps: [{ name: 'django.contrib.auth' }, { name: 'shop', config: { label: 'store' }, models: [item] }, { name: 'users', models: [{ name: 'Profile', fields: [] }] }],
};

specCase(
  {
    id: 'apps.registry.get-app-config-by-label',
    rule: 'get_app_config() finds an app by its exact label (case-sensitive) and returns the same config the registry lists.',
    behaviors: ['APP-GET-APP-CONFIG'],
    needs: ['apps.registry'],
    docs: 'ref/applications/#django.apps.apps.get_app_config',
    setup: shopSetup,
  },
  async ({ session }) => {
    const listed = (await session.ok({ op: 'get_app_configs' })) as { label: string }[];
    const found = [];
    for (const { label } of listed) found.push(await session.ok({ op: 'get_app_config', label }));
    const upper = await session.error({ op: 'get_app_config', label: 'Store' });
    expect([found, [upper.type, upper.message]]).toEqual([listed, ['LookupError', "No installed app with label 'Store'."]]);
  },
);

specCase(
  {
    id: 'apps.registry.get-app-config-unknown-label',
    rule: 'get_app_config() with an unknown label raises LookupError("No installed app with label \'<key>\'."), adding "Did you mean \'<label>\'?" when the key is an installed app\'s name.',
    behaviors: ['APP-GET-APP-CONFIG-ERR'],
    needs: ['apps.registry'],
    docs: 'ref/applications/#django.apps.apps.get_app_config',
    setup: shopSetup,
  },
  async ({ session, property }) => {
    const names: Record<string, string> = { 'django.contrib.auth': 'auth', shop: 'store' };
    const key = fc.oneof(fc.constantFrom('django.contrib.auth', 'shop'), fc.string({ maxLength: 12 }).filter((s) => !['auth', 'store', 'users'].includes(s)));
    await property(key, async (label) => {
      const error = await session.error({ op: 'get_app_config', label });
      const hint = Object.hasOwn(names, label) ? ` Did you mean '${names[label]}'?` : '';
      expect([error.type, error.message]).toEqual(['LookupError', `No installed app with label '${label}'.${hint}`]);
    }, { numRuns: 30 });
  },
);

/** Each character of `s` in upper or lower case, as `flags` say. */
function recase(s: string, flags: boolean[]): string {
  return [...s].map((ch, i) => (flags[i % flags.length] ? ch.toUpperCase() : ch.toLowerCase())).join('');
}

specCase(
  {
    id: 'apps.registry.get-model-name-is-case-insensitive',
    rule: 'get_model(app_label, model_name) and get_model("app_label.ModelName") match the model name in any case but the app label exactly.',
    behaviors: ['APP-GET-MODEL'],
    needs: ['apps.registry'],
    docs: 'ref/applications/#django.apps.apps.get_model',
    setup: shopSetup,
  },
  async ({ session, property }) => {
    await property(fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }), async (flags) => {
      const name = recase('Profile', flags);
      const observed = [await session.ok({ op: 'get_model', app_label: 'users', model_name: name }), await session.ok({ op: 'get_model', app_label: `users.${name}` })];
      expect(observed).toEqual([{ $model: 'users.Profile' }, { $model: 'users.Profile' }]);
    }, { numRuns: 20 });
  },
);

specCase(
  {
    id: 'apps.registry.get-model-errors',
    rule: 'get_model() raises LookupError for an unknown model or app label, and ValueError when the one-argument form is not exactly "label.Model".',
    behaviors: ['APP-GET-MODEL'],
    needs: ['apps.registry'],
    docs: 'ref/applications/#django.apps.apps.get_model',
    setup: shopSetup,
  },
  async ({ session }) => {
    const observed = [];
    for (const [app_label, model_name] of [['users', 'Nope'], ['Users', 'Profile'], ['nope', 'x'], ['usersProfile', undefined], ['a.b.c', undefined]] as const) {
      const error = await session.error({ op: 'get_model', app_label, ...(model_name !== undefined && { model_name }) });
      observed.push([error.type, error.message]);
    }
    expect(observed).toEqual([
      ['LookupError', "App 'users' doesn't have a 'Nope' model."],
      ['LookupError', "No installed app with label 'Users'."],
      ['LookupError', "No installed app with label 'nope'."],
      ['ValueError', 'not enough values to unpack (expected 2, got 1)'],
      ['ValueError', 'too many values to unpack (expected 2)'],
    ]);
  },
);

specCase(
  {
    id: 'apps.registry.is-installed-takes-a-name',
    rule: 'is_installed() compares with app names (dotted module paths), not labels.',
    behaviors: ['APP-IS-INSTALLED'],
    needs: ['apps.registry'],
    docs: 'ref/applications/#django.apps.apps.is_installed',
    setup: shopSetup,
  },
  async ({ session }) => {
    const observed = [];
    for (const name of ['shop', 'store', 'django.contrib.auth', 'auth', 'users']) observed.push(await session.ok({ op: 'is_installed', name }));
    expect(observed).toEqual([true, false, true, false, true]);
  },
);
