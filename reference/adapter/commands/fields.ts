/** Field-area commands: `raw_insert` (an INSERT that bypasses the model) and `model_form`. */
import type { CommandOf } from '../../../conformance/contract/commands.js';
import { registerCommands } from '../session.js';
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
