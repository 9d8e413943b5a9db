/** Field-area additions to the interpreter: the `$slugify` expression. */
import type { CommandOf } from '../../../conformance/contract/commands.js';
import { registerCommands } from '../session.js';
import { interpreterExtensions, interpreterOf, methodCalls } from '../interpreter.js';
import { saveOverride } from '../../orm/manager.js';
import { slugify } from '../../orm/text.js';
import { pyStr } from '../../orm/pyvalues.js';

interpreterExtensions.expr.push(async (interp, node, scope) => {
  if (!('$slugify' in node)) return undefined;
  return { value: slugify(pyStr(await interp.expr(node.$slugify as never, scope))) };
});

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

// A declared save() override: its steps before and after super().save(), which it may forget.
saveOverride.run = async (project, instance, superSave) => {
  const spec = instance.meta.spec.save_override!;
  const interp = interpreterOf(project);
  if (!interp) throw new Error('save() override without an interpreter');
  const scope = { args: {}, self: instance, vars: new Map() };
  await interp.run(spec.before, scope);
  if (spec.call_super) await superSave();
  await interp.run(spec.after, scope);
};

// get_absolute_url(): `reverse(route, args=[...], kwargs={...})` evaluated on the instance.
methodCalls.handlers.push(async (interp, self, method) => {
  const spec = self.meta.spec.absolute_url;
  if (method !== 'get_absolute_url' || !spec) return undefined;
  const node = { $reverse: { name: spec.route, ...(spec.args && { args: spec.args }), ...(spec.kwargs && { kwargs: spec.kwargs }) } };
  return { value: await interp.expr(node as never, { args: {}, self, vars: new Map() }) };
});
