import { specCase, fc, expect } from '../support/index.js';
import { oneModel, outcome, VALID } from '../support/models.js';

const BIG_AUTO = { DEFAULT_AUTO_FIELD: 'django.db.models.BigAutoField' };
const uuidPk = oneModel(
  [
    { name: 'id', type: 'UUIDField', primary_key: true, default: { $callable: 'uuid4' }, editable: false },
    { name: 'name', type: 'CharField', max_length: 5 },
  ],
  { name: 'Token', settings: BIG_AUTO },
);

const hex32 = fc.stringMatching(/^[0-9a-f]{32}$/);
const dashed = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

specCase(
  {
    id: 'fields.uuid.pk-known-before-save',
    rule: 'A UUIDField pk with default=uuid4 is set when the instance is built (distinct per instance); the first save inserts, later saves update, and a new instance reusing a UUID is an IntegrityError.',
    behaviors: ['FLD-UUID-PK'],
    needs: ['fields.uuid', 'models.crud'],
    docs: 'ref/models/fields/#uuidfield',
    setup: uuidPk,
  },
  async ({ session, property }) => {
    await property(fc.integer({ min: 2, max: 6 }), async (n) => {
      const built = [];
      for (let i = 0; i < n; i++) built.push(await session.obj({ op: 'new', model: 'tapp.Token', values: { name: `t${i}` } }));
      const pks = built.map((t) => (t.pk as { $uuid: string }).$uuid);
      expect(pks.every((pk) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(pk))).toBe(true);
      expect(new Set(pks).size).toBe(n);
      const first = built[0]!;
      const saved = await session.obj({ op: 'save', obj: first.ref });
      expect(saved.pk).toEqual(first.pk);
      await session.ok({ op: 'assign', obj: first.ref, values: { name: 'again' } });
      await session.ok({ op: 'save', obj: first.ref });
      expect(await session.ok({ op: 'values', model: 'tapp.Token', fields: ['id', 'name'] })).toEqual([{ id: first.pk, name: 'again' }]);
      const twin = await session.obj({ op: 'new', model: 'tapp.Token', values: { id: first.pk, name: 'twin' } });
      const duplicate = await session.run({ op: 'save', obj: twin.ref });
      expect(duplicate.ok ? 'saved' : duplicate.error.type).toBe('IntegrityError');
      expect(await session.ok({ op: 'count', model: 'tapp.Token' })).toBe(1);
    }, { numRuns: 10 });
  },
);

specCase(
  {
    id: 'fields.uuid.input-forms',
    rule: "UUIDField accepts dashed or bare 32-hex text (any case, braces, urn:uuid:) and integers, reads back lower-case dashed, and anything else is 'invalid', in lookups too.",
    behaviors: ['FLD-UUID-PARSE'],
    needs: ['fields.uuid', 'validation.full_clean'],
    docs: 'ref/models/fields/#uuidfield',
    setup: uuidPk,
  },
  async ({ session, property }) => {
    await property(fc.tuple(hex32, fc.constantFrom('dashed', 'bare', 'upper', 'braces', 'urn')), async ([hex, form]) => {
      const canonical = dashed(hex);
      const text = { dashed: canonical, bare: hex, upper: canonical.toUpperCase(), braces: `{${canonical}}`, urn: `urn:uuid:${canonical}` }[form];
      const token = await session.obj({ op: 'new', model: 'tapp.Token', values: { id: text, name: 'a' } });
      expect(outcome(await session.run({ op: 'full_clean', obj: token.ref }))).toEqual(VALID);
      expect(await session.ok({ op: 'read', obj: token.ref, attr: 'id' })).toEqual({ $uuid: canonical });
      await session.ok({ op: 'save', obj: token.ref });
      const byDashed = await session.ok({ op: 'count', model: 'tapp.Token', where: { pk: canonical } });
      const byBare = await session.ok({ op: 'count', model: 'tapp.Token', where: { pk: hex } });
      expect([byDashed, byBare]).toEqual([1, 1]);
    }, { numRuns: 20 });
    await property(fc.oneof(fc.stringMatching(/^[0-9a-g-]{1,40}$/).filter((s) => s.replace(/-/g, '').length !== 32 || /g/.test(s)), fc.constantFrom('not-a-uuid', 'zz')), async (text) => {
      const message = `“${text}” is not a valid UUID.`;
      const token = await session.obj({ op: 'new', model: 'tapp.Token', values: { id: text, name: 'a' } });
      expect(outcome(await session.run({ op: 'full_clean', obj: token.ref }))).toEqual({ type: 'ValidationError', fields: { id: [{ code: 'invalid', message }] } });
      const lookup = await session.error({ op: 'get', model: 'tapp.Token', where: { pk: text } });
      expect({ type: lookup.type, message: lookup.message }).toEqual({ type: 'ValidationError', message: `['${message}']` });
    }, { numRuns: 20 });
  },
);
