import { specCase, fc, expect } from '../support/index.js';
import { oneModel, outcome, VALID } from '../support/models.js';

const BIG_AUTO = { DEFAULT_AUTO_FIELD: 'django.db.models.BigAutoField' };

specCase(
  {
    id: 'fields.file.stores-the-name',
    rule: "FileField stores the file's name (a relative path, varchar(100) by default) and never the file; empty is '' (blank error when required), and model validation does not check the name's length.",
    behaviors: ['FLD-FILE-STORES-PATH'],
    needs: ['fields.file', 'validation.full_clean', 'models.meta'],
    docs: 'ref/models/fields/#filefield',
    setup: oneModel([{ name: 'attachment', type: 'FileField', upload_to: 'docs/' }], { name: 'Doc', settings: BIG_AUTO }),
  },
  async ({ session, property }) => {
    const meta = (await session.ok({ op: 'meta', model: 'tapp.Doc' })) as { fields: { name: string; max_length: number | null }[] };
    expect(meta.fields[1]).toMatchObject({ name: 'attachment', max_length: 100 });
    const empty = await session.obj({ op: 'new', model: 'tapp.Doc' });
    expect(empty.values?.attachment).toBe('');
    expect(outcome(await session.run({ op: 'full_clean', obj: empty.ref }))).toEqual({
      type: 'ValidationError',
      fields: { attachment: [{ code: 'blank', message: 'This field cannot be blank.' }] },
    });
    const segment = fc.stringMatching(/^[A-Za-z0-9_.-]{1,12}$/);
    await property(fc.array(segment, { minLength: 1, maxLength: 4 }), async (parts) => {
      const name = `docs/${parts.join('/')}`;
      const doc = await session.obj({ op: 'new', model: 'tapp.Doc', values: { attachment: name } });
      expect(outcome(await session.run({ op: 'full_clean', obj: doc.ref }))).toEqual(VALID);
      await session.ok({ op: 'save', obj: doc.ref });
      expect(await session.ok({ op: 'values', model: 'tapp.Doc', fields: ['attachment'] })).toEqual([{ attachment: name }]);
    }, { numRuns: 20 });
    const longName = await session.obj({ op: 'new', model: 'tapp.Doc', values: { attachment: `docs/${'a'.repeat(120)}` } });
    expect(outcome(await session.run({ op: 'full_clean', obj: longName.ref }))).toEqual(VALID);
  },
);

specCase(
  {
    id: 'fields.file.image-field-is-a-file-field',
    rule: 'ImageField stores a name like FileField; without Pillow installed Django reports check error fields.E210 for it, and nothing else.',
    behaviors: ['FLD-IMAGE-PILLOW'],
    needs: ['fields.file', 'models.checks'],
    docs: 'ref/models/fields/#imagefield',
    setup: oneModel([{ name: 'photo', type: 'ImageField', blank: true }], { name: 'Avatar', settings: BIG_AUTO }),
  },
  async ({ session }) => {
    const checks = (await session.ok({ op: 'check' })) as Record<string, unknown>[];
    const found = checks.map(({ id, msg, obj }) => ({ id, msg, obj }));
    // Pillow is an optional dependency: either it is installed (no message) or Django says so.
    const withoutPillow = [{ id: 'fields.E210', msg: 'Cannot use ImageField because Pillow is not installed.', obj: 'tapp.Avatar.photo' }];
    expect([[], withoutPillow]).toContainEqual(found);
    await session.create('tapp.Avatar', { photo: 'avatars/me.png' });
    expect(await session.ok({ op: 'values', model: 'tapp.Avatar', fields: ['photo'] })).toEqual([{ photo: 'avatars/me.png' }]);
  },
);

specCase(
  {
    id: 'fields.file.upload-names-are-unique-and-fit',
    rule: 'Saving uploads of the same name under upload_to gives each a distinct stored name (a "_" plus 7 random characters before the extension on collision), shortened to fit max_length.',
    behaviors: ['FLD-FILE-NAMES'],
    needs: ['fields.file', 'fields.file.upload'],
    docs: 'ref/files/storage/#django.core.files.storage.Storage.get_available_name',
    setup: oneModel([{ name: 'attachment', type: 'FileField', upload_to: 'docs/', max_length: 30 }], { name: 'Doc', settings: BIG_AUTO }),
  },
  async ({ session, property }) => {
    const fileName = fc.tuple(fc.stringMatching(/^[a-z]{1,30}$/), fc.constantFrom('.pdf', '.txt', '')).map(([root, ext]) => ({ root, ext }));
    await property(fc.tuple(fileName, fc.integer({ min: 1, max: 4 })), async ([{ root, ext }, copies]) => {
      const names: string[] = [];
      for (let i = 0; i < copies; i++) {
        const doc = await session.obj({ op: 'new', model: 'tapp.Doc' });
        names.push((await session.ok({ op: 'upload', obj: doc.ref, field: 'attachment', name: `${root}${ext}`, content: 'x' })) as string);
      }
      expect(new Set(names).size).toBe(copies);
      for (const name of names) {
        expect(name.length).toBeLessThanOrEqual(30);
        const m = /^docs\/([a-z]+)(_[A-Za-z0-9]{7})?(\.[a-z]+)?$/.exec(name);
        expect(m).not.toBeNull();
        expect({ prefix: root.startsWith(m![1]!), ext: m![3] ?? '' }).toEqual({ prefix: true, ext });
      }
      const stored = ((await session.ok({ op: 'values', model: 'tapp.Doc', fields: ['attachment'] })) as { attachment: string }[]).map((r) => r.attachment);
      expect(stored.sort()).toEqual([...names].sort());
    }, { numRuns: 15 });
  },
);
