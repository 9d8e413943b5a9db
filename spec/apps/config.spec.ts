import { specCase, fc, expect } from '../support/index.js';
import type { SessionSetup } from '../../conformance/contract/schema.js';
import type { OpenOutcome } from '../support/harness.js';

const DOCS = 'ref/applications/#configurable-attributes';
const PY_KEYWORDS = new Set(['and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield']);

/** Python's `str.title()` on ASCII: a letter after a non-letter is upper-cased, every other letter lower-cased. */
function pythonTitle(s: string): string {
  return s.replace(/[A-Za-z]+/g, (word) => word[0]!.toUpperCase() + word.slice(1).toLowerCase());
}

const segment = fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/).filter((s) => !PY_KEYWORDS.has(s));
const item = { name: 'Item', fields: [{ name: 'name', type: 'CharField' as const, max_length: 10 }] };

/** The start-up error as the case compares it, or the app configs when start-up succeeded. */
async function boot(open: (s: SessionSetup) => Promise<OpenOutcome>, apps: NonNullable<SessionSetup['apps']>) {
  const outcome = await open({ apps });
  if (!outcome.ok) return { error: [outcome.error.type, outcome.error.message] };
  return { apps: await outcome.session.ok({ op: 'get_app_configs' }) };
}

specCase(
  {
    id: 'apps.config.label-defaults-to-last-name-component',
    rule: 'An AppConfig\'s name is the full dotted module path; without an explicit label the label is its last component, and without a verbose_name the verbose name is the label title-cased.',
    behaviors: ['APP-NAME-PATH', 'APP-LABEL-DEFAULT', 'APP-VERBOSE-NAME-DEFAULT'],
    needs: ['apps.registry'],
    docs: DOCS,
  },
  async ({ open, property }) => {
    await property(fc.array(segment, { minLength: 1, maxLength: 3 }), async (path) => {
      const name = ['djs_pkg', ...path].join('.');
      const label = path.at(-1)!;
      const outcome = await open({ apps: [{ name }] });
      if (!outcome.ok) throw new Error(`start-up failed: ${outcome.error.message}`);
      const config = await outcome.session.ok({ op: 'get_app_config', label });
      expect(config).toMatchObject({ name, label, verbose_name: pythonTitle(label) });
    }, { numRuns: 12 });
  },
);

specCase(
  {
    id: 'apps.config.explicit-label-and-verbose-name',
    rule: 'An explicit label replaces the derived one (the app is then looked up by it) and an explicit verbose_name is used as given.',
    behaviors: ['APP-LABEL-DEFAULT', 'APP-VERBOSE-NAME-DEFAULT'],
    needs: ['apps.registry'],
    docs: DOCS,
    setup: { apps: [{ name: 'shop', config: { label: 'store', verbose_name: 'The Shop' } }, { name: 'my_app' }] },
  },
  async ({ session }) => {
    const configs = (await session.ok({ op: 'get_app_configs' })) as { name: string; label: string; verbose_name: string }[];
    expect(configs.map((c) => [c.name, c.label, c.verbose_name])).toEqual([['shop', 'store', 'The Shop'], ['my_app', 'my_app', 'My_App']]);
  },
);

specCase(
  {
    id: 'apps.config.name-must-be-the-package',
    rule: 'An AppConfig whose name is not the module path of its package fails start-up with ImproperlyConfigured, naming the bad name and the config class.',
    behaviors: ['APP-NAME-PATH'],
    needs: ['apps.registry'],
    seed: 'Seed: "Developers typically match this [name] to the route group". Django 5.2: name is the dotted import path of the app and has nothing to do with URLs.',
    docs: 'ref/applications/#django.apps.AppConfig.name',
  },
  async ({ open }) => {
    const observed = await boot(open, [{ name: 'myapps.accounts', config: { class_name: 'AccountsConfig', name: 'accounts' } }]);
    expect(observed).toEqual({ error: ['ImproperlyConfigured', "Cannot import 'accounts'. Check that 'myapps.accounts.apps.AccountsConfig.name' is correct."] });
  },
);

specCase(
  {
    id: 'apps.config.label-must-be-an-identifier',
    rule: 'Start-up accepts an app label exactly when it is a valid Python identifier and otherwise fails with ImproperlyConfigured naming the label.',
    behaviors: ['APP-LABEL-IDENTIFIER'],
    needs: ['apps.registry'],
    docs: 'ref/applications/#django.apps.AppConfig.label',
  },
  async ({ open, property }) => {
    const label = fc.string({ unit: fc.constantFrom('a', 'Z', '_', '7', '-', '.', ' '), minLength: 1, maxLength: 6 });
    await property(label, async (l) => {
      const observed = await boot(open, [{ name: 'tapp', config: { label: l } }]);
      const valid = /^[A-Za-z_][A-Za-z0-9_]*$/.test(l);
      if (valid) expect(observed).toMatchObject({ apps: [{ label: l }] });
      else expect(observed).toEqual({ error: ['ImproperlyConfigured', `The app label '${l}' is not a valid Python identifier.`] });
    }, { numRuns: 15 });
  },
);

specCase(
  {
    id: 'apps.config.startapp-config',
    rule: 'The AppConfig that startapp writes (name and default_auto_field = BigAutoField) gives the label and verbose name derived from the name, and BigAutoField primary keys.',
    behaviors: ['APP-STARTAPP-TEMPLATE', 'APP-DEFAULT-AUTO-FIELD-CLASS'],
    needs: ['apps.registry', 'models.meta'],
    docs: 'ref/applications/#django.apps.AppConfig.default_auto_field',
    setup: { apps: [{ name: 'users', config: { default_auto_field: 'django.db.models.BigAutoField' }, models: [item] }] },
  },
  async ({ session }) => {
    const config = await session.ok({ op: 'get_app_config', label: 'users' });
    const meta = (await session.ok({ op: 'meta', model: 'users.Item' })) as { pk: string; fields: { name: string; type: string }[] };
    expect([config, meta.pk, meta.fields[0]]).toMatchObject([
      { name: 'users', label: 'users', verbose_name: 'Users', default_auto_field: 'django.db.models.BigAutoField', class_name: 'UsersConfig', models: ['Item'] },
      'id',
      { name: 'id', type: 'BigAutoField' },
    ]);
  },
);

specCase(
  {
    id: 'apps.config.apps-py-is-optional',
    rule: 'An app without apps.py gets a plain AppConfig with the derived label and verbose name, the project\'s default auto field, and its models loaded.',
    behaviors: ['APP-APPSPY-OPTIONAL'],
    needs: ['apps.registry'],
    seed: 'Seed: "Django expects an apps.py file in each app". Django 5.2: apps.py is optional; without it Django uses AppConfig itself.',
    docs: 'ref/applications/#for-application-authors',
    setup: { apps: [{ name: 'plain', config: null, models: [item] }] },
  },
  async ({ session }) => {
    expect(await session.ok({ op: 'get_app_config', label: 'plain' })).toMatchObject({
      name: 'plain', label: 'plain', verbose_name: 'Plain', class_name: 'AppConfig', default_auto_field: 'django.db.models.AutoField', models: ['Item'],
    });
  },
);

specCase(
  {
    id: 'apps.config.choosing-among-several-configs',
    rule: 'When apps.py defines several AppConfig classes Django uses the single one not marked default = False, else the single one marked default = True, else the plain AppConfig (silently, so no ready()); two defaults fail with a RuntimeError.',
    behaviors: ['APP-AUTODISCOVER'],
    needs: ['apps.registry'],
    docs: 'ref/applications/#for-application-authors',
  },
  async ({ open }) => {
    const cfg = (class_name: string, more: object = {}) => ({ class_name, verbose_name: class_name, ...more });
    const observed = [];
    for (const configs of [
      [cfg('AConfig'), cfg('BConfig', { default: false })],
      [cfg('AConfig'), cfg('BConfig', { default: true })],
      [cfg('BConfig'), cfg('AConfig')],
      [cfg('BConfig', { default: true }), cfg('AConfig', { default: true })],
    ]) {
      const result = await boot(open, [{ name: 'multi', configs }]);
      observed.push('apps' in result ? (result.apps as { class_name: string; verbose_name: string }[]).map((c) => [c.class_name, c.verbose_name]) : result.error);
    }
    expect(observed).toEqual([
      [['AConfig', 'AConfig']],
      [['BConfig', 'BConfig']],
      [['AppConfig', 'Multi']],
      ['RuntimeError', "'multi.apps' declares more than one default AppConfig: 'AConfig', 'BConfig'."],
    ]);
  },
);

specCase(
  {
    id: 'apps.config.entry-naming-a-class',
    rule: 'An INSTALLED_APPS entry can name the config class directly; a class that apps.py does not define fails with an ImportError listing the choices.',
    behaviors: ['APP-AUTODISCOVER'],
    needs: ['apps.registry'],
    docs: 'ref/applications/#for-application-authors',
  },
  async ({ open }) => {
    const configs = [{ class_name: 'UsersConfig' }, { class_name: 'AltConfig', label: 'alt', default: false }];
    const chosen = await boot(open, [{ name: 'users', entry: 'users.apps.AltConfig', configs }]);
    const typo = await boot(open, [{ name: 'users', entry: 'users.apps.UserConfig', configs }]);
    expect([chosen, typo]).toMatchObject([
      { apps: [{ class_name: 'AltConfig', label: 'alt' }] },
      { error: ['ImportError', "Module 'users.apps' does not contain a 'UserConfig' class. Choices are: 'AltConfig', 'UsersConfig'."] },
    ]);
  },
);

specCase(
  {
    id: 'apps.config.default-auto-field-override-or-setting',
    rule: 'A model\'s implicit primary key takes its class from the app config\'s default_auto_field when set, else from DEFAULT_AUTO_FIELD, whose own default is the 32-bit AutoField.',
    behaviors: ['APP-DEFAULT-AUTO-FIELD-CLASS', 'APP-DEFAULT-AUTO-FIELD-SETTING'],
    needs: ['apps.registry', 'models.meta'],
    docs: 'ref/settings/#default-auto-field',
  },
  async ({ open }) => {
    // Every combination: a table rather than a generator.
    const observed: unknown[] = [];
    const expected: unknown[] = [];
    for (const setting of [undefined, 'AutoField', 'BigAutoField']) {
      for (const override of [undefined, 'AutoField', 'BigAutoField']) {
        const outcome = await open({
          ...(setting && { settings: { DEFAULT_AUTO_FIELD: `django.db.models.${setting}` } }),
          apps: [{ name: 'tapp', config: override ? { default_auto_field: `django.db.models.${override}` } : {}, models: [item] }],
        });
        if (!outcome.ok) throw new Error(outcome.error.message);
        const meta = (await outcome.session.ok({ op: 'meta', model: 'tapp.Item' })) as { fields: { type: string }[] };
        observed.push([setting, override, meta.fields[0]!.type]);
        expected.push([setting, override, override ?? setting ?? 'AutoField']);
      }
    }
    expect(observed).toEqual(expected);
  },
);

specCase(
  {
    id: 'apps.config.unchosen-auto-field-warns',
    rule: 'When neither DEFAULT_AUTO_FIELD nor the app config chooses the implicit primary key class, the system check warns models.W042 for each model, with a hint naming the config class.',
    behaviors: ['APP-DEFAULT-AUTO-FIELD-SETTING'],
    needs: ['apps.registry', 'models.checks'],
    docs: 'ref/checks/#models',
  },
  async ({ open }) => {
    const observed = [];
    for (const [settings, config] of [[undefined, { class_name: 'BlogConfig' }], [{ DEFAULT_AUTO_FIELD: 'django.db.models.AutoField' }, { class_name: 'BlogConfig' }], [undefined, { class_name: 'BlogConfig', default_auto_field: 'django.db.models.AutoField' }]] as const) {
      const outcome = await open({ ...(settings && { settings }), apps: [{ name: 'blog', config, models: [item] }] });
      if (!outcome.ok) throw new Error(outcome.error.message);
      const checks = (await outcome.session.ok({ op: 'check' })) as { id: string; hint?: string }[];
      observed.push(checks.filter((c) => c.id === 'models.W042').map((c) => [c.id, c.hint]));
    }
    expect(observed).toEqual([
      [['models.W042', "Configure the DEFAULT_AUTO_FIELD setting or the BlogConfig.default_auto_field attribute to point to a subclass of AutoField, e.g. 'django.db.models.BigAutoField'."]],
      [],
      [],
    ]);
  },
);

specCase(
  {
    id: 'apps.config.duplicate-labels-and-names',
    rule: 'Start-up fails with ImproperlyConfigured when two apps share a label (including one app listed twice) or when two configs share a name under different labels.',
    behaviors: ['APP-DUP-LABEL', 'APP-DUP-NAME'],
    needs: ['apps.registry'],
    docs: 'ref/applications/#django.apps.AppConfig.label',
  },
  async ({ open }) => {
    const observed = [
      await boot(open, [{ name: 'users' }, { name: 'other.users' }]),
      await boot(open, [{ name: 'users' }, { name: 'users' }]),
      await boot(open, [{ name: 'blog', entry: 'blog.apps.AConfig', configs: [{ class_name: 'AConfig', label: 'blog_a' }, { class_name: 'BConfig', label: 'blog_b' }] },
        { name: 'blog', entry: 'blog.apps.BConfig', configs: [{ class_name: 'AConfig', label: 'blog_a' }, { class_name: 'BConfig', label: 'blog_b' }] }]),
    ];
    expect(observed).toEqual([
      { error: ['ImproperlyConfigured', "Application labels aren't unique, duplicates: users"] },
      { error: ['ImproperlyConfigured', "Application labels aren't unique, duplicates: users"] },
      { error: ['ImproperlyConfigured', "Application names aren't unique, duplicates: blog"] },
    ]);
  },
);
