import { specCase, fc, expect, model } from '../support/index.js';
import type { SessionSetup } from '../../conformance/contract/schema.js';

const DOCS = 'ref/applications/#initialization-process';
const BOOTED = 'tapp.signals.booted';
const item = { name: 'Item', fields: [{ name: 'name', type: 'CharField' as const, max_length: 10 }] };

/** An app whose ready() imports its `signals` module, which connects `on_saved` to its Item's post_save. */
function appWithSignals(name: string) {
  return {
    name,
    config: { ready: [{ import: 'signals' }] },
    models: [item],
    modules: { signals: { connect: [{ signal: 'post_save', receiver: `${name}_saved`, sender: model(`${name}.Item`) }] } },
  };
}

specCase(
  {
    id: 'apps.startup.three-phases',
    rule: 'Start-up imports every app, then every app\'s models, then calls each ready() in INSTALLED_APPS order; modules imported from ready() load during that last phase.',
    behaviors: ['APP-POPULATE-PHASES', 'APP-ORDER'],
    needs: ['apps.registry', 'apps.ready'],
    docs: DOCS,
  },
  async ({ open, property }) => {
    await property(fc.shuffledSubarray(['alpha', 'beta', 'gamma'], { minLength: 3 }), async (order) => {
      const outcome = await open({ apps: order.map(appWithSignals), receivers: order.map((n) => ({ id: `${n}_saved` })) });
      if (!outcome.ok) throw new Error(outcome.error.message);
      expect(outcome.startup.map((e) => [e.event, e.app, ...(e.module ? [e.module] : [])])).toEqual([
        ...order.map((a) => ['app_imported', a]),
        ...order.map((a) => ['models_imported', a]),
        ...order.flatMap((a) => [['ready', a], ['module_imported', a, `${a}.signals`]]),
      ]);
    }, { numRuns: 6 });
  },
);

specCase(
  {
    id: 'apps.startup.ready-sees-every-model',
    rule: 'Inside ready() every installed app\'s models are registered (including apps listed later), while the registry still reports that it is not ready.',
    behaviors: ['APP-READY-STATE'],
    needs: ['apps.registry', 'apps.ready'],
    docs: 'ref/applications/#django.apps.AppConfig.ready',
    setup: {
      signals: [{ name: BOOTED }],
      receivers: [{ id: 'on_boot' }],
      apps: [
        {
          name: 'first',
          config: {
            ready: [
              { connect: { signal: BOOTED, receiver: 'on_boot' } },
              { send: { signal: BOOTED, kwargs: { later: { $get_model: 'second.Item' }, apps_ready: { $apps: 'apps_ready' }, models_ready: { $apps: 'models_ready' }, ready: { $apps: 'ready' } } } },
            ],
          },
        },
        { name: 'second', models: [item] },
      ],
    },
  },
  async ({ session }) => {
    expect(session.startupEvents.map((e) => e.kwargs)).toEqual([{ later: { $model: 'second.Item' }, apps_ready: true, models_ready: true, ready: false }]);
  },
);

const twoReadyApps: SessionSetup = {
  signals: [{ name: BOOTED }],
  receivers: [{ id: 'on_boot' }],
  connect: [],
  apps: ['first', 'second'].map((name, i) => ({
    name,
    config: {
      ready: [
        ...(i === 0 ? [{ connect: { signal: BOOTED, receiver: 'on_boot' } }] : []),
        { send: { signal: BOOTED, kwargs: { app: name } } },
      ],
    },
  })),
};

specCase(
  {
    id: 'apps.startup.ready-runs-once',
    rule: 'Each ready() runs exactly once: calling django.setup() again after start-up runs none of them.',
    behaviors: ['APP-READY-ONCE'],
    needs: ['apps.ready'],
    docs: 'ref/applications/#django.apps.AppConfig.ready',
    setup: twoReadyApps,
  },
  async ({ session }) => {
    const atStartup = session.startupEvents.map((e) => e.kwargs.app);
    await session.ok({ op: 'setup' });
    const first = session.events.length;
    await session.ok({ op: 'setup' });
    expect([atStartup, first, session.events.length]).toEqual([['first', 'second'], 0, 0]);
  },
);

specCase(
  {
    id: 'apps.startup.importing-receivers-again-adds-nothing',
    rule: 'Importing a receivers module again (from ready() or anywhere) connects nothing new: the module runs once, so its receiver is called once per save.',
    behaviors: ['APP-READY-IMPORT-IDEMPOTENT'],
    needs: ['apps.ready', 'signals.model'],
    docs: 'topics/signals/#connecting-receiver-functions',
    setup: {
      apps: [{ ...appWithSignals('tapp'), config: { ready: [{ import: 'signals' }, { import: 'signals' }] } }],
      receivers: [{ id: 'tapp_saved' }],
    },
  },
  async ({ session }) => {
    await session.ok({ op: 'import', module: 'tapp.signals' });
    await session.create('tapp.Item', { name: 'x' });
    expect(session.events.map((e) => e.receiver)).toEqual(['tapp_saved']);
  },
);

specCase(
  {
    id: 'apps.startup.ready-error-aborts',
    rule: 'An exception raised in ready() propagates out of start-up unchanged, and start-up fails.',
    behaviors: ['APP-READY-ERROR'],
    needs: ['apps.ready'],
    docs: 'ref/applications/#django.apps.AppConfig.ready',
  },
  async ({ open }) => {
    const outcome = await open({ apps: [{ name: 'tapp', config: { ready: [{ raise: { type: 'RuntimeError', message: 'boom in ready' } }] } }] });
    expect(outcome.ok ? 'started' : [outcome.error.type, outcome.error.message]).toEqual(['RuntimeError', 'boom in ready']);
  },
);

specCase(
  {
    id: 'apps.startup.registry-used-too-early',
    rule: 'Code that runs when an app package is imported cannot use models: importing a models module (directly or through a receivers module) fails with "Apps aren\'t loaded yet." and get_model() with "Models aren\'t loaded yet.".',
    behaviors: ['APP-NOT-READY'],
    needs: ['apps.ready'],
    docs: DOCS,
  },
  async ({ open }) => {
    const observed = [];
    for (const init of [[{ import: 'models' }], [{ import: 'signals' }], [{ eval: { $get_model: 'tapp.Item' } }]]) {
      const outcome = await open({ apps: [{ ...appWithSignals('tapp'), config: {}, init }], receivers: [{ id: 'tapp_saved' }] });
      observed.push(outcome.ok ? 'started' : [outcome.error.type, outcome.error.message]);
    }
    expect(observed).toEqual([
      ['AppRegistryNotReady', "Apps aren't loaded yet."],
      ['AppRegistryNotReady', "Apps aren't loaded yet."],
      ['AppRegistryNotReady', "Models aren't loaded yet."],
    ]);
  },
);

specCase(
  {
    id: 'apps.startup.receivers-module-never-imported',
    rule: 'Receivers in a module that nothing imports are never connected, silently; once the module is imported, from anywhere, every later save calls them.',
    behaviors: ['APP-RECEIVER-NOT-IMPORTED'],
    needs: ['apps.ready', 'signals.model'],
    seed: 'Seed: "This part is compulsory … Django won\'t know to register the signal handler". Django 5.2: the module must be imported somewhere; ready() is the usual place, not a requirement.',
    docs: 'topics/signals/#connecting-receiver-functions',
  },
  async ({ open, property }) => {
    const app = { ...appWithSignals('tapp'), config: {} };
    await property(fc.tuple(fc.nat(3), fc.nat(3)), async ([before, after]) => {
      const outcome = await open({ apps: [app], receivers: [{ id: 'tapp_saved' }] });
      if (!outcome.ok) throw new Error(outcome.error.message);
      const { session } = outcome;
      const calls: number[] = [];
      for (let i = 0; i < before; i++) calls.push((await session.run({ op: 'create', model: 'tapp.Item', values: { name: 'b' } })).events.length);
      await session.ok({ op: 'import', module: 'tapp.signals' });
      for (let i = 0; i < after; i++) calls.push((await session.run({ op: 'create', model: 'tapp.Item', values: { name: 'a' } })).events.length);
      expect(calls).toEqual([...Array(before).fill(0), ...Array(after).fill(1)]);
    }, { numRuns: 8 });
  },
);
