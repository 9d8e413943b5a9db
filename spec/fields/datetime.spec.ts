import { specCase, fc, expect, type SpecSession } from '../support/index.js';
import { oneModel, outcome, VALID } from '../support/models.js';
import type { Value } from '../../conformance/contract/values.js';

const BIG_AUTO = { DEFAULT_AUTO_FIELD: 'django.db.models.BigAutoField' };
const event = oneModel(
  [
    { name: 'day', type: 'DateField', null: true, blank: true },
    { name: 'at', type: 'DateTimeField', null: true, blank: true },
  ],
  { name: 'Event', settings: BIG_AUTO },
);
const post = oneModel(
  [
    { name: 'title', type: 'CharField', max_length: 20 },
    { name: 'created_at', type: 'DateTimeField', auto_now_add: true },
    { name: 'updated_at', type: 'DateTimeField', auto_now: true },
  ],
  { name: 'Post', settings: BIG_AUTO },
);

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const isoDate = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Microseconds since the epoch of a `$datetime` value. */
function micros(v: Value | undefined): bigint {
  const text = (v as { $datetime: string }).$datetime;
  const m = /^(.*?)(?:\.(\d{1,6}))?([+-]\d{2}:\d{2})$/.exec(text)!;
  return BigInt(Date.parse(`${m[1]}${m[3]}`)) * 1000n + BigInt((m[2] ?? '').padEnd(6, '0') || '0');
}

/** An aware instant written with a UTC offset, as text Django parses, and the UTC value it reads back as. */
function written(epochMicros: bigint, offsetMinutes: number, separator: 'T' | ' '): { text: string; utc: string } {
  const at = (shift: number) => {
    const ms = Number(epochMicros / 1000n) + shift * 60_000;
    const d = new Date(ms);
    const frac = Number(epochMicros % 1_000_000n);
    const clock = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${frac ? `.${pad(frac, 6)}` : ''}`;
    return `${isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())}${separator}${clock}`;
  };
  const sign = offsetMinutes < 0 ? '-' : '+';
  const offset = offsetMinutes === 0 && separator === 'T' ? 'Z' : `${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`;
  return { text: at(offsetMinutes) + offset, utc: `${at(0).replace(' ', 'T')}+00:00` };
}

const instant = (unit: 'ms' | 'us') =>
  fc.bigInt({ min: 0n, max: 4_000_000_000_000_000n }).map((us) => (unit === 'ms' ? (us / 1000n) * 1000n : us));
const offsetMinutes = fc.constantFrom(0, 60, -300, 330, 545, -720, 840);

specCase(
  {
    id: 'fields.date.parse-formats-and-codes',
    rule: "DateField parses YYYY-M-D text: a wrong format is 'invalid', a right format with an impossible day is 'invalid_date', both in full_clean() and from save().",
    behaviors: ['FLD-DATE-PARSE'],
    needs: ['fields.datetime', 'validation.full_clean'],
    docs: 'ref/models/fields/#datefield',
    setup: event,
  },
  async ({ session, property }) => {
    const date = fc.record({ y: fc.integer({ min: 1, max: 9999 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }), short: fc.boolean() });
    await property(date, async ({ y, m, d, short }) => {
      const text = short ? `${pad(y, 4)}-${m}-${d}` : isoDate(y, m, d);
      const item = await session.obj({ op: 'new', model: 'tapp.Event', values: { day: text } });
      if (d <= daysIn(y, m)) {
        expect(outcome(await session.run({ op: 'full_clean', obj: item.ref }))).toEqual(VALID);
        await session.ok({ op: 'save', obj: item.ref });
        expect(await session.ok({ op: 'values', model: 'tapp.Event', fields: ['day'] })).toEqual([{ day: { $date: isoDate(y, m, d) } }]);
      } else {
        const message = `“${text}” value has the correct format (YYYY-MM-DD) but it is an invalid date.`;
        expect(outcome(await session.run({ op: 'full_clean', obj: item.ref }))).toEqual({ type: 'ValidationError', fields: { day: [{ code: 'invalid_date', message }] } });
        const saved = await session.error({ op: 'save', obj: item.ref });
        expect({ type: saved.type, message: saved.message }).toEqual({ type: 'ValidationError', message: `['${message}']` });
      }
    }, { numRuns: 40 });
    // Formats that are not dates at all (a table).
    for (const text of ['2024/01/15', '15-01-2024', ' 2024-01-15', '2024-01-15 10:00', 'today']) {
      const item = await session.obj({ op: 'new', model: 'tapp.Event', values: { day: text } });
      expect(outcome(await session.run({ op: 'full_clean', obj: item.ref }))).toEqual({
        type: 'ValidationError',
        fields: { day: [{ code: 'invalid', message: `“${text}” value has an invalid date format. It must be in YYYY-MM-DD format.` }] },
      });
    }
  },
);

specCase(
  {
    id: 'fields.datetime.aware-text-stored-as-utc',
    rule: "DateTimeField parses 'YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ]' (space or T, Z or ±HH:MM) and, with USE_TZ, stores the instant and reads it back in UTC.",
    behaviors: ['FLD-DATETIME-PARSE'],
    needs: ['fields.datetime', 'validation.full_clean'],
    docs: 'ref/models/fields/#datetimefield',
    setup: event,
  },
  async ({ session, property }) => {
    await property(fc.tuple(instant('ms'), offsetMinutes, fc.constantFrom<'T' | ' '>('T', ' ')), async ([us, offset, separator]) => {
      const { text, utc } = written(us, offset, separator);
      const item = await session.obj({ op: 'new', model: 'tapp.Event', values: { at: text } });
      expect(outcome(await session.run({ op: 'full_clean', obj: item.ref }))).toEqual(VALID);
      await session.create('tapp.Event', { at: text });
      expect(await session.ok({ op: 'values', model: 'tapp.Event', fields: ['at'] })).toEqual([{ at: { $datetime: utc } }]);
    }, { numRuns: 30 });
    // The error table: a bad format, then good formats holding impossible values.
    const table: [string, string, string][] = [
      ['nope', 'invalid', '“nope” value has an invalid format. It must be in YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ] format.'],
      ['2024-02-30 10:00', 'invalid_datetime', '“2024-02-30 10:00” value has the correct format (YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ]) but it is an invalid date/time.'],
      ['2024-01-15 25:00', 'invalid_datetime', '“2024-01-15 25:00” value has the correct format (YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ]) but it is an invalid date/time.'],
      ['2023-02-29', 'invalid_date', '“2023-02-29” value has the correct format (YYYY-MM-DD) but it is an invalid date.'],
    ];
    for (const [text, code, message] of table) {
      const item = await session.obj({ op: 'new', model: 'tapp.Event', values: { at: text } });
      expect(outcome(await session.run({ op: 'full_clean', obj: item.ref }))).toEqual({ type: 'ValidationError', fields: { at: [{ code, message }] } });
    }
  },
);

specCase(
  {
    id: 'fields.datetime.microseconds-round-trip',
    rule: 'DateTimeField keeps microseconds: an aware value with six fraction digits reads back unchanged.',
    behaviors: ['FLD-DT-PRECISION'],
    needs: ['fields.datetime'],
    docs: 'ref/models/fields/#datetimefield',
    setup: event,
  },
  async ({ session, property }) => {
    await property(instant('us'), async (us) => {
      const { text, utc } = written(us, 0, 'T');
      await session.create('tapp.Event', { at: text });
      expect(await session.ok({ op: 'values', model: 'tapp.Event', fields: ['at'] })).toEqual([{ at: { $datetime: utc } }]);
    }, { numRuns: 30 });
  },
);

specCase(
  {
    id: 'fields.datetime.auto-flags',
    rule: 'auto_now and auto_now_add make a field editable=False and blank=True (null stays False), so an unsaved instance holds None and passes full_clean(); combining either with default is check error fields.E160.',
    behaviors: ['FLD-DT-AUTO-FLAGS'],
    needs: ['fields.datetime', 'models.meta', 'models.checks', 'validation.full_clean'],
    docs: 'ref/models/fields/#django.db.models.DateField.auto_now',
    setup: post,
  },
  async ({ session, open }) => {
    const meta = (await session.ok({ op: 'meta', model: 'tapp.Post' })) as { fields: Record<string, unknown>[] };
    const flags = meta.fields.filter((f) => f.name !== 'id' && f.name !== 'title').map(({ name, editable, blank, null: isNull }) => ({ name, editable, blank, null: isNull }));
    expect(flags).toEqual([
      { name: 'created_at', editable: false, blank: true, null: false },
      { name: 'updated_at', editable: false, blank: true, null: false },
    ]);
    const fresh = await session.obj({ op: 'new', model: 'tapp.Post', values: { title: 'a' } });
    expect([fresh.values?.created_at, fresh.values?.updated_at]).toEqual([null, null]);
    expect(outcome(await session.run({ op: 'full_clean', obj: fresh.ref }))).toEqual(VALID);

    const both = await open(oneModel([{ name: 'at', type: 'DateTimeField', auto_now: true, default: { $callable: 'now' } }], { settings: BIG_AUTO }));
    if (!both.ok) throw new Error(both.error.message);
    const checks = (await both.session.ok({ op: 'check' })) as Record<string, unknown>[];
    expect(checks.map(({ id, msg, obj }) => ({ id, msg, obj }))).toEqual([
      { id: 'fields.E160', msg: 'The options auto_now, auto_now_add, and default are mutually exclusive. Only one of these options may be present.', obj: 'tapp.Item.at' },
    ]);
  },
);

/** Runs `act` and returns it with the wall-clock window (µs, with 1 ms of slack) it ran in. */
async function timed<T>(act: () => Promise<T>): Promise<{ result: T; from: bigint; to: bigint }> {
  const from = BigInt(Date.now() - 1) * 1000n;
  const result = await act();
  const to = BigInt(Date.now() + 1) * 1000n;
  return { result, from, to };
}

async function stamps(session: SpecSession): Promise<{ created: bigint; updated: bigint }> {
  const [row] = (await session.ok({ op: 'values', model: 'tapp.Post', fields: ['created_at', 'updated_at'] })) as Record<string, Value>[];
  return { created: micros(row!.created_at), updated: micros(row!.updated_at) };
}

specCase(
  {
    id: 'fields.datetime.auto-now-add-overrides-on-create',
    rule: 'On insert, auto_now_add sets the current time (overwriting any value passed to create()) and writes it back onto the instance.',
    behaviors: ['FLD-DT-AUTONOWADD-CREATE'],
    needs: ['fields.datetime'],
    docs: 'ref/models/fields/#django.db.models.DateField.auto_now_add',
    setup: post,
  },
  async ({ session, property }) => {
    await property(instant('ms'), async (us) => {
      const supplied = { $datetime: written(us, 0, 'T').utc };
      const { result: created, from, to } = await timed(() => session.create('tapp.Post', { title: 'a', created_at: supplied, updated_at: supplied }));
      const inMemory = micros(created.values?.created_at);
      expect(inMemory >= from && inMemory <= to).toBe(true);
      const stored = await stamps(session);
      expect(stored.created >= from && stored.created <= to).toBe(true);
    }, { numRuns: 15 });
  },
);

specCase(
  {
    id: 'fields.datetime.auto-now-add-kept-on-update',
    rule: 'Later saves leave an auto_now_add value alone, but a value assigned to it on a saved instance is persisted.',
    behaviors: ['FLD-DT-AUTONOWADD-LATER'],
    needs: ['fields.datetime'],
    docs: 'ref/models/fields/#django.db.models.DateField.auto_now_add',
    setup: post,
  },
  async ({ session, property }) => {
    await property(fc.tuple(fc.integer({ min: 1, max: 3 }), instant('ms')), async ([saves, us]) => {
      const row = await session.create('tapp.Post', { title: 'a' });
      const { created } = await stamps(session);
      for (let i = 0; i < saves; i++) {
        await session.ok({ op: 'assign', obj: row.ref, values: { title: `t${i}` } });
        await session.ok({ op: 'save', obj: row.ref });
        expect((await stamps(session)).created).toBe(created);
      }
      const chosen = written(us, 0, 'T').utc;
      await session.ok({ op: 'assign', obj: row.ref, values: { created_at: { $datetime: chosen } } });
      await session.ok({ op: 'save', obj: row.ref });
      expect((await stamps(session)).created).toBe(micros({ $datetime: chosen }));
    }, { numRuns: 10 });
  },
);

specCase(
  {
    id: 'fields.datetime.auto-now-on-full-saves-only',
    rule: 'auto_now is refreshed by every save() that writes it, but not by save(update_fields=[...]) without it nor by QuerySet.update().',
    behaviors: ['FLD-DT-AUTONOW-SAVE'],
    needs: ['fields.datetime', 'models.bulk'],
    seed: 'Seed: auto_now "updates the field ... every time the object is saved". Django 5.2: not when update_fields leaves it out, and never on QuerySet.update().',
    docs: 'ref/models/fields/#django.db.models.DateField.auto_now',
    setup: post,
  },
  async ({ session, property }) => {
    const op = fc.constantFrom('save', 'save-title-only', 'save-with-updated', 'queryset-update');
    await property(fc.array(op, { minLength: 1, maxLength: 5 }), async (ops) => {
      const row = await session.create('tapp.Post', { title: 'a' });
      let previous = (await stamps(session)).updated;
      for (const [i, kind] of ops.entries()) {
        const title = `t${i}`;
        if (kind === 'queryset-update') await session.ok({ op: 'update', model: 'tapp.Post', values: { title } });
        else {
          await session.ok({ op: 'assign', obj: row.ref, values: { title } });
          const update_fields = kind === 'save-title-only' ? ['title'] : kind === 'save-with-updated' ? ['title', 'updated_at'] : undefined;
          await session.ok({ op: 'save', obj: row.ref, ...(update_fields && { update_fields }) });
        }
        const { updated } = await stamps(session);
        const refreshes = kind === 'save' || kind === 'save-with-updated';
        // A refresh may land in the same clock tick, so it is "not earlier"; the others keep the exact value.
        if (refreshes) expect(updated >= previous).toBe(true);
        else expect(updated).toBe(previous);
        previous = updated;
      }
    }, { numRuns: 15 });
  },
);

specCase(
  {
    id: 'fields.datetime.create-stamps-in-declaration-order',
    rule: 'On create, auto_now_add and auto_now each read the clock separately, in field order: both fall inside the call and created_at <= updated_at, without being required equal.',
    behaviors: ['FLD-DT-CREATE-NOT-EQUAL'],
    needs: ['fields.datetime'],
    docs: 'ref/models/fields/#django.db.models.DateField.auto_now',
    setup: post,
  },
  async ({ session, property }) => {
    await property(fc.stringMatching(/^[a-z]{1,20}$/), async (title) => {
      const { result: row, from, to } = await timed(() => session.create('tapp.Post', { title }));
      const created = micros(row.values?.created_at);
      const updated = micros(row.values?.updated_at);
      expect({ ordered: created <= updated, inWindow: created >= from && updated <= to }).toEqual({ ordered: true, inWindow: true });
    }, { numRuns: 15 });
  },
);

specCase(
  {
    id: 'fields.datetime.defaults-evaluated-per-instance',
    rule: 'default=timezone.now gives each instance an aware UTC "now"; a datetime fixed at import time (default=timezone.now()) is flagged by check warning fields.W161.',
    behaviors: ['FLD-DT-USETZ-DEFAULTS'],
    needs: ['fields.datetime', 'models.checks'],
    seed: 'Seed: "default ... a callable (e.g., datetime.now)". Django 5.2: with USE_TZ=True (the default) datetime.now gives naive values and a RuntimeWarning on save; use django.utils.timezone.now.',
    docs: 'ref/models/fields/#default',
  },
  async ({ open }) => {
    const callable = await open(oneModel([{ name: 'at', type: 'DateTimeField', default: { $callable: 'now' } }], { settings: BIG_AUTO }));
    if (!callable.ok) throw new Error(callable.error.message);
    expect(await callable.session.ok({ op: 'check' })).toEqual([]);
    const { result: item, from, to } = await timed(() => callable.session.obj({ op: 'new', model: 'tapp.Item' }));
    const at = item.values?.at as { $datetime: string };
    expect(at.$datetime.endsWith('+00:00')).toBe(true);
    expect(micros(at) >= from && micros(at) <= to).toBe(true);

    const fixedNow = new Date().toISOString().replace('Z', '+00:00');
    const fixed = await open(oneModel([{ name: 'at', type: 'DateTimeField', default: { $datetime: fixedNow } }], { settings: BIG_AUTO }));
    if (!fixed.ok) throw new Error(fixed.error.message);
    const checks = (await fixed.session.ok({ op: 'check' })) as Record<string, unknown>[];
    expect(checks.map(({ id, msg, obj }) => ({ id, msg, obj }))).toEqual([{ id: 'fields.W161', msg: 'Fixed default value provided.', obj: 'tapp.Item.at' }]);
  },
);
