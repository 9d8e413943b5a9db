/** Field-area additions to the interpreter: the `$slugify` expression. */
import type { CommandOf } from '../../../conformance/contract/commands.js';
import { registerCommands } from '../session.js';
import { interpreterExtensions } from '../interpreter.js';
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
