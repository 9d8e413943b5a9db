/**
 * Migration commands: `makemigrations` (edit models, diff, write migrations), `migrate`,
 * `showmigrations` and `tables` (what the database really holds).
 */
import type { CommandOf } from '../../../conformance/contract/commands.js';
import type { Value } from '../../../conformance/contract/values.js';
import { AppSchema } from '../../../conformance/contract/schema.js';
import type { TableDescription } from '../../db/database.js';
import { PyError } from '../../orm/pyvalues.js';
import { stateFromApps } from '../../orm/migrations/state.js';
import { answeringQuestioner, autodetector, silentQuestioner } from '../../orm/migrations/autodetector.js';
import { describe, type Operation } from '../../orm/migrations/operations.js';
import { shippedMigrations } from '../../orm/migrations/builtin.js';
import { MigrationFiles, appliedMigrations, arrange, keyOf, migrationPlan, runPlan, type Migration } from '../../orm/migrations/executor.js';
import { registerCommands, type ReferenceSession } from '../session.js';

/** The session's migration files; every installed app except the built-in ones starts with an empty package (or none). */
function filesOf(session: ReferenceSession): MigrationFiles {
  let files = session.extras.get('migrations') as MigrationFiles | undefined;
  if (!files) {
    files = new MigrationFiles();
    for (const config of session.project.apps.configs) {
      if (config.builtin) {
        files.packages.add(config.label);
        for (const migration of shippedMigrations(config)) files.add(migration);
      } else if (config.spec.migrations !== false) files.packages.add(config.label);
    }
    session.extras.set('migrations', files);
  }
  return files;
}

/** Apps whose models the autodetector compares: those with a migrations package. */
function migratedConfigs(session: ReferenceSession, files: MigrationFiles) {
  return session.project.apps.configs.filter((c) => files.packages.has(c.label));
}

function encodeOperation(op: Operation): Record<string, Value> {
  const base = { type: op.type, describe: describe(op) };
  switch (op.type) {
    case 'CreateModel': return { ...base, model: op.name, fields: op.fields.map((f) => f.name) };
    case 'DeleteModel': return { ...base, model: op.name };
    case 'AlterModelOptions':
    case 'AlterModelTable': return { ...base, model: op.name };
    case 'AddField': return { ...base, model: op.modelName, field: op.name, ...(!op.preserveDefault && { preserve_default: false }) };
    default: return { ...base, model: op.modelName, field: op.name };
  }
}

function encodeMigration(m: Migration): Value {
  return { app: m.app, name: m.name, initial: m.initial, dependencies: m.dependencies, operations: m.operations.map(encodeOperation) };
}

async function describeTables(session: ReferenceSession): Promise<TableDescription[]> {
  const db = session.project.db;
  if (db.describeTables) return db.describeTables();
  const rows = (await db.knex.raw(
    `SELECT table_name, column_name, is_nullable, column_default FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, column_name`,
  )) as { rows: Array<{ table_name: string; column_name: string; is_nullable: string; column_default: string | null }> };
  const tables = new Map<string, TableDescription>();
  for (const r of rows.rows) {
    const table = tables.get(r.table_name) ?? { table: r.table_name, columns: [] };
    table.columns.push({ name: r.column_name, null: r.is_nullable === 'YES', has_default: r.column_default !== null });
    tables.set(r.table_name, table);
  }
  return [...tables.values()];
}

registerCommands({
  makemigrations: async (s, c: CommandOf<'makemigrations'>) => {
    const files = filesOf(s);
    for (const app of c.apps) {
      if (!s.project.apps.configs.some((config) => config.name === app.name)) throw new PyError('LookupError', `No installed app with name '${app.name}'.`);
    }
    if (c.apps.length) await s.project.reloadModels(c.apps.map((app) => AppSchema.parse(app)));
    const labels = c.app_labels ?? [];
    const unknown = labels.filter((label) => !s.project.apps.configs.some((config) => config.label === label));
    // Django writes each error and exits with status 2.
    if (unknown.length) throw new PyError('SystemExit', unknown.map((label) => `No installed app with label '${label}'.`).join('\n'), [], { code: 2 });
    const apps = s.project.apps.configs.filter((config) => !config.builtin && (files.packages.has(config.label) || labels.includes(config.label)));
    const scope = labels.length ? apps.filter((config) => labels.includes(config.label)) : apps;
    const from = files.state();
    const changes = autodetector.detectChanges(from, stateFromApps(apps), scope.map((config) => config.label), answeringQuestioner(c.defaults ?? {}));
    const existingApps = new Set([...from.values()].map((m) => m.app));
    const made = arrange(files, changes, existingApps);
    if (!c.dry_run) {
      for (const label of labels) files.packages.add(label);
      for (const migration of made) files.add(migration);
    }
    return { migrations: made.map(encodeMigration) };
  },
  migrate: async (s, c: CommandOf<'migrate'>) => {
    const files = filesOf(s);
    if (c.app !== undefined && !s.project.apps.configs.some((config) => config.label === c.app)) throw new PyError('CommandError', `No installed app with label '${c.app}'.`);
    const plan = migrationPlan(files, await appliedMigrations(s.project), c.app, c.target);
    const done = await runPlan(s.project, files, plan);
    const result: Record<string, Value> = { applied: plan.forwards ? done : [], unapplied: plan.forwards ? [] : done };
    if (plan.migrations.length === 0) {
      const configs = migratedConfigs(s, files);
      const changes = autodetector.detectChanges(files.state(), stateFromApps(configs), configs.map((config) => config.label), silentQuestioner);
      result.unmigrated_changes = changes.map((change) => change.app).sort();
    }
    return result;
  },
  showmigrations: async (s) => {
    const files = filesOf(s);
    const applied = await appliedMigrations(s.project);
    return files.all().map((m) => ({ app: m.app, name: m.name, applied: applied.has(keyOf(m)) }));
  },
  tables: async (s) => {
    const tables = (await describeTables(s)).filter((t) => t.table !== 'django_migrations');
    return tables
      .map((t) => ({ table: t.table, columns: [...t.columns].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) }))
      .sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0)) as unknown as Value;
  },
});
