import { specCase, fc, expect } from '../support/index.js';
import type { Command } from '../../conformance/contract/commands.js';
import { PING, RECEIVERS, SENDERS, pingSetup, called, errorOf, DispatcherModel } from './support.js';

const DOCS = 'topics/signals/';
const anySender = fc.constantFrom<string | null>(null, ...SENDERS);
const senderArg = (s: string | null) => (s === null ? {} : { sender: s });

type Op =
  | { op: 'connect'; receiver: string; sender: string | null; uid?: string }
  | { op: 'disconnect'; receiver: string; sender: string | null; uid?: string }
  | { op: 'send'; sender: string | null }
  | { op: 'has_listeners'; sender: string | null };

const uid = fc.option(fc.constantFrom('u1', 'u2'), { nil: undefined, freq: 3 });
const receiver = fc.constantFrom(...RECEIVERS);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('connect' as const), receiver, sender: anySender, uid }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('disconnect' as const), receiver, sender: anySender, uid }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('send' as const), sender: anySender }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('has_listeners' as const), sender: anySender }) },
);

/** Every key a run can have connected, so the next run starts with no receivers. */
const ALL_KEYS: Command[] = [null, ...SENDERS].flatMap((sender) => [
  ...RECEIVERS.map((r): Command => ({ op: 'disconnect', signal: PING, receiver: r, ...senderArg(sender) })),
  ...['u1', 'u2'].map((u): Command => ({ op: 'disconnect', signal: PING, dispatch_uid: u, ...senderArg(sender) })),
]);

specCase(
  {
    id: 'signals.dispatcher.follows-the-dispatcher-model',
    rule: 'Any sequence of connect, disconnect, send and has_listeners behaves like Django\'s dispatcher: one entry per (dispatch_uid or receiver, sender), the first connection of a key wins, disconnect reports whether it removed one, and send calls the receivers of that sender or of any sender in connection order.',
    behaviors: ['SIG-ORDER', 'SIG-DUP-CONNECT', 'SIG-DISPATCH-UID', 'SIG-DISCONNECT-RETURN', 'SIG-SENDER-FILTER', 'SIG-HAS-LISTENERS', 'SIG-SEND-RETURN'],
    needs: ['signals.dispatcher'],
    docs: DOCS,
    setup: pingSetup(),
  },
  async ({ session, property }) => {
    await property(fc.array(opArb, { minLength: 1, maxLength: 25 }), async (ops) => {
      for (const command of ALL_KEYS) await session.ok(command);
      const model = new DispatcherModel();
      const observed: unknown[] = [];
      const expected: unknown[] = [];
      for (const o of ops) {
        if (o.op === 'connect') {
          const target = o.uid !== undefined ? { dispatch_uid: o.uid } : {};
          observed.push(await session.ok({ op: 'connect', signal: PING, receiver: o.receiver, ...senderArg(o.sender), ...target }));
          expected.push(model.connect(o.receiver, o.sender, o.uid));
        } else if (o.op === 'disconnect') {
          const byKey = o.uid !== undefined ? { dispatch_uid: o.uid } : { receiver: o.receiver };
          observed.push(await session.ok({ op: 'disconnect', signal: PING, ...byKey, ...senderArg(o.sender) }));
          expected.push(model.disconnect(o.uid !== undefined ? undefined : o.receiver, o.sender, o.uid));
        } else if (o.op === 'send') {
          observed.push(await session.ok({ op: 'send', signal: PING, ...senderArg(o.sender) }));
          expected.push(model.send(o.sender));
        } else {
          observed.push(await session.ok({ op: 'has_listeners', signal: PING, ...senderArg(o.sender) }));
          expected.push(model.hasListeners(o.sender));
        }
      }
      expect(observed).toEqual(expected);
    });
  },
);

specCase(
  {
    id: 'signals.dispatcher.send-without-receivers',
    rule: 'A signal with no receivers returns an empty list from send() and send_robust(), and has_listeners() is False.',
    behaviors: ['SIG-SEND-EMPTY'],
    needs: ['signals.dispatcher'],
    docs: DOCS,
    setup: pingSetup(),
  },
  async ({ session }) => {
    const observed = [
      await session.ok({ op: 'send', signal: PING }),
      await session.ok({ op: 'send_robust', signal: PING, sender: 'A' }),
      await session.ok({ op: 'has_listeners', signal: PING }),
    ];
    expect(observed).toEqual([[], [], false]);
  },
);

specCase(
  {
    id: 'signals.dispatcher.responses-in-connection-order',
    rule: 'send() returns one (receiver, response) pair per receiver, in connection order, with None for a receiver that returns nothing.',
    behaviors: ['SIG-SEND-RETURN', 'SIG-ORDER'],
    needs: ['signals.dispatcher'],
    docs: 'topics/signals/#sending-signals',
    setup: pingSetup({ receivers: [{ id: 'silent', do: [] }] }),
  },
  async ({ session, property }) => {
    await property(fc.shuffledSubarray([...RECEIVERS, 'silent'], { minLength: 1 }), async (order) => {
      for (const r of [...RECEIVERS, 'silent']) await session.ok({ op: 'disconnect', signal: PING, receiver: r });
      for (const r of order) await session.ok({ op: 'connect', signal: PING, receiver: r });
      const responses = await session.ok({ op: 'send', signal: PING, sender: 'A' });
      expect(responses).toEqual(order.map((r) => [r, r === 'silent' ? null : r]));
    });
  },
);

const namedArg = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/).filter((k) => k !== 'signal' && k !== 'sender');
const argValue = fc.oneof(fc.string({ maxLength: 8 }), fc.integer({ min: -1000, max: 1000 }), fc.boolean(), fc.constant(null));

specCase(
  {
    id: 'signals.dispatcher.receivers-get-sender-signal-and-named-args',
    rule: 'A Signal() declares no arguments: every receiver is called with signal=, sender= and exactly the named arguments given to send().',
    behaviors: ['SIG-SEND-KWARGS', 'SIG-NO-PROVIDING-ARGS'],
    needs: ['signals.dispatcher'],
    docs: 'topics/signals/#defining-signals',
    setup: pingSetup(),
  },
  async ({ session, property }) => {
    await session.ok({ op: 'connect', signal: PING, receiver: 'r1' });
    await session.ok({ op: 'connect', signal: PING, receiver: 'r2', sender: 'A' });
    await property(fc.dictionary(namedArg, argValue, { maxKeys: 4 }), async (kwargs) => {
      await session.ok({ op: 'send', signal: PING, sender: 'A', kwargs });
      expect(session.events).toEqual([
        { receiver: 'r1', signal: PING, sender: 'A', kwargs },
        { receiver: 'r2', signal: PING, sender: 'A', kwargs },
      ]);
    });
  },
);

specCase(
  {
    id: 'signals.dispatcher.reconnect-moves-to-the-end',
    rule: 'Sender-specific and any-sender receivers run interleaved in connection order, and a receiver disconnected and connected again runs last.',
    behaviors: ['SIG-ORDER'],
    needs: ['signals.dispatcher'],
    docs: DOCS,
    setup: pingSetup(),
  },
  async ({ session }) => {
    await session.ok({ op: 'connect', signal: PING, receiver: 'r1' });
    await session.ok({ op: 'connect', signal: PING, receiver: 'r2', sender: 'A' });
    await session.ok({ op: 'connect', signal: PING, receiver: 'r3' });
    expect(called((await session.run({ op: 'send', signal: PING, sender: 'A' })).events)).toEqual(['r1', 'r2', 'r3']);
    expect(await session.ok({ op: 'disconnect', signal: PING, receiver: 'r1' })).toBe(true);
    await session.ok({ op: 'connect', signal: PING, receiver: 'r1' });
    expect(await session.ok({ op: 'send', signal: PING, sender: 'A' })).toEqual([['r2', 'r2'], ['r3', 'r3'], ['r1', 'r1']]);
  },
);

specCase(
  {
    id: 'signals.dispatcher.one-entry-per-receiver-and-sender',
    rule: 'Connecting the same receiver again for the same sender is ignored, but each distinct sender (and "any sender") gets its own entry, so send(A) can call one receiver twice.',
    behaviors: ['SIG-DUP-CONNECT'],
    needs: ['signals.dispatcher'],
    docs: 'topics/signals/#preventing-duplicate-signals',
    setup: pingSetup(),
  },
  async ({ session, property }) => {
    await property(fc.integer({ min: 1, max: 4 }), async (times) => {
      for (const sender of [null, 'A', 'B']) await session.ok({ op: 'disconnect', signal: PING, receiver: 'r1', ...senderArg(sender) });
      for (let i = 0; i < times; i++) await session.ok({ op: 'connect', signal: PING, receiver: 'r1', sender: 'A' });
      await session.ok({ op: 'connect', signal: PING, receiver: 'r1', sender: 'B' });
      for (let i = 0; i < times; i++) await session.ok({ op: 'connect', signal: PING, receiver: 'r1' });
      const observed = [
        await session.ok({ op: 'send', signal: PING, sender: 'A' }),
        await session.ok({ op: 'send', signal: PING, sender: 'B' }),
        await session.ok({ op: 'send', signal: PING }),
      ];
      expect(observed).toEqual([[['r1', 'r1'], ['r1', 'r1']], [['r1', 'r1'], ['r1', 'r1']], [['r1', 'r1']]]);
    });
  },
);

specCase(
  {
    id: 'signals.dispatcher.dispatch-uid-first-connection-wins',
    rule: 'With a dispatch_uid the key is (uid, sender): a second receiver connected under the same uid is silently ignored, disconnecting it returns False, and disconnect(dispatch_uid=...) removes the first.',
    behaviors: ['SIG-DISPATCH-UID', 'SIG-DISCONNECT-RETURN'],
    needs: ['signals.dispatcher'],
    docs: 'topics/signals/#preventing-duplicate-signals',
    setup: pingSetup(),
  },
  async ({ session }) => {
    await session.ok({ op: 'connect', signal: PING, receiver: 'r1', dispatch_uid: 'u' });
    await session.ok({ op: 'connect', signal: PING, receiver: 'r2', dispatch_uid: 'u' });
    await session.ok({ op: 'connect', signal: PING, receiver: 'r1' });
    await session.ok({ op: 'connect', signal: PING, receiver: 'r3', dispatch_uid: 'u', sender: 'A' });
    const observed = [
      await session.ok({ op: 'send', signal: PING, sender: 'A' }),
      await session.ok({ op: 'disconnect', signal: PING, receiver: 'r2' }),
      await session.ok({ op: 'disconnect', signal: PING, dispatch_uid: 'u' }),
      await session.ok({ op: 'disconnect', signal: PING, dispatch_uid: 'u' }),
      await session.ok({ op: 'send', signal: PING, sender: 'A' }),
    ];
    expect(observed).toEqual([[['r1', 'r1'], ['r1', 'r1'], ['r3', 'r3']], false, true, false, [['r1', 'r1'], ['r3', 'r3']]]);
  },
);

specCase(
  {
    id: 'signals.dispatcher.disconnect-needs-the-same-sender',
    rule: 'disconnect() returns True only when it removes an entry, and the sender must match: a receiver connected for sender A is not removed by disconnect(receiver) without that sender.',
    behaviors: ['SIG-DISCONNECT-RETURN', 'SIG-SENDER-FILTER'],
    needs: ['signals.dispatcher'],
    docs: 'topics/signals/#disconnecting-signals',
    setup: pingSetup(),
  },
  async ({ session }) => {
    const connected = await session.ok({ op: 'connect', signal: PING, receiver: 'r1', sender: 'A' });
    const observed = [
      connected,
      await session.ok({ op: 'disconnect', signal: PING, receiver: 'r1' }),
      await session.ok({ op: 'disconnect', signal: PING, receiver: 'r1', sender: 'B' }),
      await session.ok({ op: 'disconnect', signal: PING, receiver: 'r1', sender: 'A' }),
      await session.ok({ op: 'disconnect', signal: PING, receiver: 'r1', sender: 'A' }),
    ];
    expect(observed).toEqual([null, false, false, true, false]);
  },
);

specCase(
  {
    id: 'signals.dispatcher.sender-filter-is-identity',
    rule: 'A receiver connected with a sender runs only when that very sender object is sent; one connected without a sender runs for every sender, including None.',
    behaviors: ['SIG-SENDER-FILTER', 'SIG-HAS-LISTENERS'],
    needs: ['signals.dispatcher'],
    docs: 'topics/signals/#connecting-to-signals-sent-by-specific-senders',
    setup: pingSetup(),
  },
  async ({ session, property }) => {
    await session.ok({ op: 'connect', signal: PING, receiver: 'r1', sender: 'A' });
    await property(anySender, async (sender) => {
      const observed = [
        await session.ok({ op: 'send', signal: PING, ...senderArg(sender) }),
        await session.ok({ op: 'has_listeners', signal: PING, ...senderArg(sender) }),
      ];
      expect(observed).toEqual(sender === 'A' ? [[['r1', 'r1']], true] : [[], false]);
    });
    await session.ok({ op: 'connect', signal: PING, receiver: 'r2' });
    expect(called((await session.run({ op: 'send', signal: PING, sender: 'B' })).events)).toEqual(['r2']);
    expect(called((await session.run({ op: 'send', signal: PING })).events)).toEqual(['r2']);
  },
);

specCase(
  {
    id: 'signals.dispatcher.send-stops-at-the-first-exception',
    rule: 'send() propagates the first exception a receiver raises, unchanged, and the receivers after it are not called.',
    behaviors: ['SIG-EXC-PROPAGATE'],
    needs: ['signals.dispatcher'],
    docs: 'ref/signals/#django.dispatch.Signal.send',
    setup: pingSetup({ receivers: [{ id: 'bad', do: [{ raise: { type: 'RuntimeError', message: 'receiver failed' } }] }] }),
  },
  async ({ session, property }) => {
    await property(fc.integer({ min: 0, max: RECEIVERS.length }), async (position) => {
      for (const r of [...RECEIVERS, 'bad']) await session.ok({ op: 'disconnect', signal: PING, receiver: r });
      const order: string[] = [...RECEIVERS];
      order.splice(position, 0, 'bad');
      for (const r of order) await session.ok({ op: 'connect', signal: PING, receiver: r });
      const error = await session.error({ op: 'send', signal: PING });
      expect({ error: { type: error.type, message: error.message }, called: called(session.events) }).toEqual({
        error: { type: 'RuntimeError', message: 'receiver failed' },
        called: order.slice(0, position + 1),
      });
    });
  },
);

specCase(
  {
    id: 'signals.dispatcher.send-robust-collects-exceptions',
    rule: 'send_robust() calls every receiver and puts the exception a receiver raised in its response slot instead of propagating it.',
    behaviors: ['SIG-SEND-ROBUST'],
    needs: ['signals.dispatcher'],
    docs: 'ref/signals/#django.dispatch.Signal.send_robust',
    setup: pingSetup({
      receivers: RECEIVERS.map((r) => ({ id: `${r}_fails`, do: [{ raise: { type: 'ValueError', message: `${r} failed` } }] })),
    }),
  },
  async ({ session, property }) => {
    await property(fc.array(fc.boolean(), { minLength: RECEIVERS.length, maxLength: RECEIVERS.length }), async (fails) => {
      for (const r of RECEIVERS) {
        await session.ok({ op: 'disconnect', signal: PING, receiver: r });
        await session.ok({ op: 'disconnect', signal: PING, receiver: `${r}_fails` });
      }
      const ids = RECEIVERS.map((r, i) => (fails[i] ? `${r}_fails` : r));
      for (const id of ids) await session.ok({ op: 'connect', signal: PING, receiver: id });
      const responses = (await session.ok({ op: 'send_robust', signal: PING })) as [string, never][];
      expect(responses.map(([id, response]) => [id, errorOf(response)])).toEqual(
        RECEIVERS.map((r, i) => [ids[i], fails[i] ? { type: 'ValueError', message: `${r} failed` } : r]),
      );
    });
  },
);

specCase(
  {
    id: 'signals.dispatcher.send-uses-a-snapshot',
    rule: 'A receiver connected during a send is not called by that send but by the next one, and a receiver disconnected during a send is still called by that send.',
    behaviors: ['SIG-SNAPSHOT'],
    needs: ['signals.dispatcher'],
    docs: DOCS,
    setup: pingSetup({
      receivers: [
        { id: 'changer', do: [{ connect: { signal: PING, receiver: 'r3' } }, { disconnect: { signal: PING, receiver: 'r2' } }] },
      ],
    }),
  },
  async ({ session }) => {
    await session.ok({ op: 'connect', signal: PING, receiver: 'changer' });
    await session.ok({ op: 'connect', signal: PING, receiver: 'r2' });
    const first = called((await session.run({ op: 'send', signal: PING })).events);
    const second = called((await session.run({ op: 'send', signal: PING })).events);
    expect([first, second]).toEqual([['changer', 'r2'], ['changer', 'r3']]);
  },
);

specCase(
  {
    id: 'signals.dispatcher.weak-lambda-is-dropped',
    rule: 'A lambda connected with the default weak=True is referenced by nothing else, so it is collected and never called, without any error.',
    behaviors: ['SIG-WEAK-LOCAL'],
    needs: ['signals.dispatcher'],
    level: 'optional',
    docs: 'topics/signals/#django.dispatch.Signal.connect',
    setup: pingSetup({ receivers: [{ id: 'lam', kind: 'lambda', do: [{ return: 'lam' }] }] }),
  },
  async ({ session }) => {
    const observed = [
      await session.ok({ op: 'connect', signal: PING, receiver: 'lam' }),
      await session.ok({ op: 'send', signal: PING }),
      await session.ok({ op: 'has_listeners', signal: PING }),
    ];
    expect(observed).toEqual([null, [], false]);
  },
);

specCase(
  {
    id: 'signals.dispatcher.strong-lambda-is-kept',
    rule: 'A lambda connected with weak=False is held strongly and called like any other receiver.',
    behaviors: ['SIG-WEAK-FALSE'],
    needs: ['signals.dispatcher'],
    docs: 'topics/signals/#django.dispatch.Signal.connect',
    setup: pingSetup({ receivers: [{ id: 'lam', kind: 'lambda', do: [{ return: 'lamstrong' }] }] }),
  },
  async ({ session }) => {
    await session.ok({ op: 'connect', signal: PING, receiver: 'lam', weak: false });
    expect([await session.ok({ op: 'send', signal: PING }), await session.ok({ op: 'has_listeners', signal: PING })]).toEqual([[['lam', 'lamstrong']], true]);
  },
);

specCase(
  {
    id: 'signals.dispatcher.bound-method-deduplicated',
    rule: 'A bound method is identified by its object and function, so connecting obj.method twice (two different bound-method objects) keeps one entry.',
    behaviors: ['SIG-BOUND-METHOD'],
    needs: ['signals.dispatcher'],
    docs: 'topics/signals/#django.dispatch.Signal.connect',
    setup: pingSetup({ receivers: [{ id: 'on_ping', kind: 'method', do: [{ return: 'm' }] }] }),
  },
  async ({ session }) => {
    await session.ok({ op: 'connect', signal: PING, receiver: 'on_ping' });
    await session.ok({ op: 'connect', signal: PING, receiver: 'on_ping' });
    const observed = [
      await session.ok({ op: 'send', signal: PING }),
      await session.ok({ op: 'disconnect', signal: PING, receiver: 'on_ping' }),
      await session.ok({ op: 'disconnect', signal: PING, receiver: 'on_ping' }),
    ];
    expect(observed).toEqual([[['on_ping', 'm']], true, false]);
  },
);

const noKwargs = { receivers: [{ id: 'nokw', accepts_kwargs: false, do: [{ return: 'x' }] }] };

specCase(
  {
    id: 'signals.dispatcher.debug-rejects-receivers-without-kwargs',
    rule: 'With DEBUG=True, connect() rejects a receiver that does not accept **kwargs with a ValueError, and connects one that does.',
    behaviors: ['SIG-CONNECT-DEBUG-CHECK'],
    needs: ['signals.dispatcher'],
    docs: 'topics/signals/#receiver-functions',
    setup: pingSetup({ ...noKwargs, settings: { DEBUG: true } }),
  },
  async ({ session }) => {
    const error = await session.error({ op: 'connect', signal: PING, receiver: 'nokw' });
    expect({ type: error.type, message: error.message }).toEqual({ type: 'ValueError', message: 'Signal receivers must accept keyword arguments (**kwargs).' });
    expect(await session.ok({ op: 'has_listeners', signal: PING })).toBe(false);
    const ordinary = RECEIVERS[0]!;
    await session.ok({ op: 'connect', signal: PING, receiver: ordinary });
    expect(await session.ok({ op: 'send', signal: PING })).toEqual([[ordinary, ordinary]]);
  },
);

specCase(
  {
    id: 'signals.dispatcher.no-debug-fails-at-send',
    rule: 'With DEBUG=False, connect() accepts a receiver without **kwargs, and calling it fails with a TypeError about the unexpected keyword argument signal.',
    behaviors: ['SIG-CONNECT-DEBUG-CHECK'],
    needs: ['signals.dispatcher'],
    docs: 'topics/signals/#receiver-functions',
    setup: pingSetup({ ...noKwargs, settings: { DEBUG: false } }),
  },
  async ({ session }) => {
    await session.ok({ op: 'connect', signal: PING, receiver: 'nokw' });
    const expected = { type: 'TypeError', message: "nokw() got an unexpected keyword argument 'signal'" };
    const error = await session.error({ op: 'send', signal: PING });
    const robust = (await session.ok({ op: 'send_robust', signal: PING })) as [string, never][];
    expect([{ type: error.type, message: error.message }, robust.map(([id, r]) => [id, errorOf(r)])]).toEqual([expected, [['nokw', expected]]]);
  },
);

const S1 = 'tapp.signals.first';
const S2 = 'tapp.signals.second';

specCase(
  {
    id: 'signals.dispatcher.receiver-decorator-with-a-list',
    rule: '@receiver([s1, s2], sender=A) connects the function to each signal with the same options, and the signal argument tells the receiver which one fired.',
    behaviors: ['SIG-RECEIVER-DECORATOR'],
    needs: ['signals.dispatcher'],
    docs: 'topics/signals/#django.dispatch.receiver',
    setup: {
      signals: [{ name: S1 }, { name: S2 }],
      receivers: [{ id: 'both' }],
      connect: [{ signal: [S1, S2], receiver: 'both', sender: 'A' }],
    },
  },
  async ({ session }) => {
    const observed = [];
    for (const [signal, sender] of [[S1, 'A'], [S2, 'A'], [S1, 'B'], [S2, 'B']] as const) {
      await session.ok({ op: 'send', signal, sender });
      observed.push(session.events.map((e) => [e.receiver, e.signal, e.sender]));
    }
    expect(observed).toEqual([[['both', S1, 'A']], [['both', S2, 'A']], [], []]);
  },
);

specCase(
  {
    id: 'signals.dispatcher.async-receivers-after-sync',
    rule: 'send() calls the synchronous receivers first, then the async ones, and returns their responses in that order, each group in connection order.',
    behaviors: ['SIG-ASYNC'],
    needs: ['signals.dispatcher'],
    level: 'optional',
    docs: 'topics/signals/#asynchronous-receivers',
    setup: {
      signals: [{ name: PING }],
      receivers: [
        { id: 'a1', async: true, do: [{ return: 'a1' }] },
        { id: 's1', do: [{ return: 's1' }] },
        { id: 'a2', async: true, do: [{ return: 'a2' }] },
        { id: 's2', do: [{ return: 's2' }] },
      ],
      connect: ['a1', 's1', 'a2', 's2'].map((receiver) => ({ signal: PING, receiver })),
    },
  },
  async ({ session }) => {
    expect(await session.ok({ op: 'send', signal: PING })).toEqual([['s1', 's1'], ['s2', 's2'], ['a1', 'a1'], ['a2', 'a2']]);
  },
);

specCase(
  {
    id: 'signals.dispatcher.caching-signal-needs-a-sender',
    rule: 'Model signals are caching signals keyed weakly by sender, so sending one (or a custom Signal(use_caching=True)) with sender None while a receiver is connected raises a TypeError; with no receiver connected it returns [] first; a plain Signal() accepts None.',
    behaviors: ['SIG-CACHING-SENDER'],
    needs: ['signals.dispatcher', 'signals.model'],
    level: 'optional',
    docs: 'ref/signals/#module-django.db.models.signals',
    setup: {
      signals: [{ name: 'tapp.signals.cached', use_caching: true }, { name: 'tapp.signals.cached_idle', use_caching: true }, { name: PING }],
      receivers: [{ id: 'r1', do: [{ return: 'r1' }] }],
      connect: ['post_save', 'tapp.signals.cached', PING].map((signal) => ({ signal, receiver: 'r1' })),
    },
  },
  async ({ session }) => {
    const noWeakref = { type: 'TypeError', message: "cannot create weak reference to 'NoneType' object" };
    const observed = [];
    for (const signal of ['post_save', 'tapp.signals.cached', PING]) {
      const response = await session.run({ op: 'send', signal });
      observed.push(response.ok ? response.value : { type: response.error.type, message: response.error.message });
    }
    expect(observed).toEqual([noWeakref, noWeakref, [['r1', 'r1']]]);
    const idle = [];
    for (const signal of ['pre_delete', 'tapp.signals.cached_idle']) {
      idle.push(await session.ok({ op: 'send', signal }), await session.ok({ op: 'send_robust', signal }));
    }
    expect(idle).toEqual([[], [], [], []]);
  },
);

specCase(
  {
    id: 'signals.dispatcher.lazy-model-sender',
    rule: 'A model signal connected with the sender "app_label.ModelName" (model name in any case) fires for that model exactly as if the class had been given.',
    behaviors: ['SIG-MODEL-LAZY-SENDER'],
    needs: ['signals.dispatcher', 'signals.model'],
    level: 'optional',
    docs: 'ref/signals/#module-django.db.models.signals',
    setup: {
      apps: [{ name: 'tapp', models: [{ name: 'Note', fields: [{ name: 'title', type: 'CharField', max_length: 20 }] }, { name: 'Other', fields: [{ name: 'title', type: 'CharField', max_length: 20 }] }] }],
      receivers: [{ id: 'on_note' }],
      connect: [{ signal: 'post_save', receiver: 'on_note', lazy_sender: 'tapp.note' }],
    },
  },
  async ({ session }) => {
    await session.create('tapp.Other', { title: 'y' });
    const other = called(session.events);
    await session.create('tapp.Note', { title: 'x' });
    expect([other, session.events.map((e) => [e.receiver, e.sender])]).toEqual([[], [['on_note', { $model: 'tapp.Note' }]]]);
  },
);
