/** Field-area commands: `raw_insert` (an INSERT that bypasses the model). */
import type { CommandOf } from '../../../conformance/contract/commands.js';
import { registerCommands } from '../session.js';

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
