/** Field-area commands: `raw_insert` (an INSERT that bypasses the model), `model_form` and `upload`. */
import type { CommandOf } from '../../../conformance/contract/commands.js';
import { registerCommands } from '../session.js';
import { storeFile } from '../../orm/storage.js';
import { FileField } from '../../orm/fields-misc.js';
import { save } from '../../orm/manager.js';
import { PyError } from '../../orm/pyvalues.js';
import type { Value } from '../../../conformance/contract/values.js';
import { bindModelForm } from '../../orm/forms.js';

registerCommands({
  raw_insert: async (s, c: CommandOf<'raw_insert'>) => {
    const meta = s.project.model(c.model);
    const row: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(c.columns)) {
      const field = meta.fields.find((f) => f.column === column);
      const decoded = s.codec.decode(value);
      row[column] = field ? field.toDb(decoded) : decoded;
    }
    await s.project.query((k) => k(meta.dbTable).insert(row));
    return null;
  },
});

registerCommands({
  model_form: async (s, c: CommandOf<'model_form'>) => {
    const form = bindModelForm(s.project.model(c.model), c.fields, c.data);
    const errors: Record<string, { code: string; message: string }[]> = {};
    for (const [name, list] of Object.entries(form.errors)) errors[name] = list.map((m) => ({ code: m.code, message: m.message }));
    const cleaned: Record<string, Value> = {};
    for (const [name, value] of Object.entries(form.cleaned_data)) cleaned[name] = s.codec.encode(value);
    return { fields: form.fields, is_valid: form.is_valid, errors, cleaned_data: cleaned };
  },
});

registerCommands({
  upload: async (s, c: CommandOf<'upload'>) => {
    const instance = s.codec.instance(c.obj.$h);
    const field = instance.meta.fields.find((f) => f.name === c.field);
    if (!field || !(field instanceof FileField)) throw new PyError('AttributeError', `'${instance.meta.objectName}' has no file field '${c.field}'`);
    const name = storeFile(s.project, field.spec.upload_to ?? '', c.name, c.content, field.maxLength ?? 100);
    instance.set(field.attname, name);
    await save(s.project, instance);
    return name;
  },
});
