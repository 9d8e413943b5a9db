/**
 * Migrations as written files, the graph they form, the `django_migrations` table that records
 * which are applied, and the executor that applies or unapplies them in dependency order, each
 * migration in its own transaction (a failing one is rolled back and not recorded).
 */
import type { Knex } from 'knex';
import type { Project } from '../project.js';
import { PyError } from '../pyvalues.js';
import { databaseError } from '../../db/errors.js';
import { cloneState, type ProjectState } from './state.js';
import { databaseBackwards, databaseForwards, nameFragment, stateForwards, type Operation } from './operations.js';
import type { AppChanges } from './autodetector.js';

export interface Migration {
  app: string;
  /** `0001_initial`, `0002_note_title`... */
  name: string;
  initial: boolean;
  /** `[app, name]` pairs this migration must follow. */
  dependencies: Array<[string, string]>;
  operations: Operation[];
}

export const keyOf = (m: { app: string; name: string }) => `${m.app}.${m.name}`;

/** The migration files of the project, per app in the order they were written. */
export class MigrationFiles {
  private readonly byApp = new Map<string, Migration[]>();
  /** Apps that have a `migrations` package (startapp creates one; `makemigrations <app>` too). */
  readonly packages = new Set<string>();

  /** Every migration, app by app in label order (as showmigrations lists them), each app's in order. */
  all(): Migration[] {
    return [...this.byApp.keys()].sort().flatMap((app) => this.of(app));
  }

  of(app: string): Migration[] {
    return this.byApp.get(app) ?? [];
  }

  /** The newest migration of an app (Django's leaf node). */
  leaf(app: string): Migration | undefined {
    return this.of(app).at(-1);
  }

  get(key: string): Migration {
    const found = this.all().find((m) => keyOf(m) === key);
    if (!found) throw new PyError('NodeNotFoundError', `Migration ${key} not found`);
    return found;
  }

  add(migration: Migration): void {
    this.byApp.set(migration.app, [...this.of(migration.app), migration]);
  }

  /** The state after applying every migration in `keys` (or all of them), in dependency order. */
  state(keys?: Set<string>): ProjectState {
    const state: ProjectState = new Map();
    for (const m of this.forwardsPlan(this.leaves())) if (!keys || keys.has(keyOf(m))) for (const op of m.operations) stateForwards(state, m.app, op);
    return state;
  }

  leaves(): Migration[] {
    return [...this.byApp.keys()].sort().flatMap((app) => (this.leaf(app) ? [this.leaf(app)!] : []));
  }

  parents(m: Migration): Migration[] {
    return m.dependencies
      .map(([app, name]) => (name === '__first__' ? this.of(app)[0] : this.of(app).find((x) => x.name === name)))
      .filter((x): x is Migration => x !== undefined)
      .sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
  }

  children(m: Migration): Migration[] {
    return this.all().filter((x) => this.parents(x).includes(m));
  }

  /**
   * `graph.forwards_plan` for several targets: a depth-first walk that lists every ancestor before
   * its descendants, each once. Django's walk pops the last of the sorted parents first, so the
   * parents are visited in descending order (contenttypes' 0002 comes before auth's 0001).
   */
  forwardsPlan(targets: Migration[]): Migration[] {
    return this.walk(targets, (m) => this.parents(m));
  }

  /** `graph.backwards_plan`: the same walk over children, so every descendant comes before its ancestors. */
  backwardsPlan(targets: Migration[]): Migration[] {
    return this.walk(targets, (m) => this.children(m).sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1)));
  }

  private walk(targets: Migration[], next: (m: Migration) => Migration[]): Migration[] {
    const plan: Migration[] = [];
    const visit = (m: Migration) => {
      if (plan.includes(m)) return;
      for (const n of [...next(m)].reverse()) visit(n);
      plan.push(m);
    };
    for (const t of targets) visit(t);
    return plan;
  }
}

/** `Migration.suggest_name()` and the numbering of `arrange_for_graph`. */
export function migrationName(number: number, initial: boolean, operations: Operation[]): string {
  let name: string;
  if (initial) name = 'initial';
  else {
    const fragments = operations.map((op) => nameFragment(op).replace(/\W+/g, '_'));
    name = fragments[0]!;
    for (const fragment of fragments.slice(1)) {
      const longer = `${name}_${fragment}`;
      if (longer.length > 52) {
        name = `${name}_and_more`;
        break;
      }
      name = longer;
    }
  }
  return `${String(number).padStart(4, '0')}_${name}`;
}

/** Turns detected changes into migrations: numbered after each app's leaf, depending on it and on the apps they point at. */
export function arrange(files: MigrationFiles, changes: AppChanges[], existingApps: Set<string>): Migration[] {
  const made = new Map<string, Migration>();
  for (const change of changes) {
    const leaf = files.leaf(change.app);
    const initial = !existingApps.has(change.app);
    const number = leaf ? Number(leaf.name.slice(0, 4)) + 1 : 1;
    made.set(change.app, { app: change.app, name: migrationName(number, initial, change.operations), initial, dependencies: leaf ? [[change.app, leaf.name]] : [], operations: change.operations });
  }
  for (const change of changes) {
    const migration = made.get(change.app)!;
    for (const app of [...new Set([...change.references].map((r) => r.split('.')[0]!))].sort()) {
      // The user model is swappable: Django writes swappable_dependency(settings.AUTH_USER_MODEL), which is auth's __first__.
      const other = app === 'auth' ? undefined : (made.get(app) ?? files.leaf(app));
      migration.dependencies.push([app, other ? other.name : '__first__']);
    }
  }
  // Django writes them app by app in label order, an app only once the apps it depends on are written.
  const ordered: Migration[] = [];
  const pending = [...made.values()].sort((a, b) => (a.app < b.app ? -1 : 1));
  while (pending.length) {
    const ready = pending.findIndex((m) => m.dependencies.every(([app]) => app === m.app || !pending.some((p) => p.app === app)));
    ordered.push(...pending.splice(ready < 0 ? 0 : ready, 1));
  }
  return ordered;
}

// The recorder --------------------------------------------------------------------------------

const TABLE = 'django_migrations';

export async function hasRecorderTable(project: Project): Promise<boolean> {
  try {
    await project.db.knex.raw(`SELECT 1 FROM "${TABLE}" LIMIT 1`);
    return true;
  } catch {
    return false;
  }
}

/** `MigrationRecorder.applied_migrations()`: `app.name` keys; none before the table exists. */
export async function appliedMigrations(project: Project): Promise<Set<string>> {
  if (!(await hasRecorderTable(project))) return new Set();
  const rows = (await project.db.knex(TABLE).select('app', 'name')) as Array<{ app: string; name: string }>;
  return new Set(rows.map(keyOf));
}

/** `MigrationRecorder.record_applied` / `record_unapplied`, inside the migration's transaction. */
export const recorder = {
  async recordApplied(conn: Knex, migration: Migration): Promise<void> {
    await conn(TABLE).insert({ app: migration.app, name: migration.name, applied: new Date() });
  },
  async recordUnapplied(conn: Knex, migration: Migration): Promise<void> {
    await conn(TABLE).where({ app: migration.app, name: migration.name }).delete();
  },
};

async function ensureRecorderTable(project: Project): Promise<void> {
  if (await hasRecorderTable(project)) return;
  await project.db.knex.raw(`CREATE TABLE "${TABLE}" ("id" bigserial PRIMARY KEY, "app" varchar(255) NOT NULL, "name" varchar(255) NOT NULL, "applied" timestamptz NOT NULL)`);
}

// The executor --------------------------------------------------------------------------------

export interface MigratePlan {
  forwards: boolean;
  migrations: Migration[];
}

/** `MigrationExecutor.migration_plan`: what `migrate [app [target]]` would run, in order. */
export function migrationPlan(files: MigrationFiles, applied: Set<string>, app?: string, target?: string): MigratePlan {
  const isApplied = (m: Migration) => applied.has(keyOf(m));
  if (app === undefined) return { forwards: true, migrations: files.forwardsPlan(files.leaves()).filter((m) => !isApplied(m)) };
  if (!files.packages.has(app) || files.of(app).length === 0) throw new PyError('CommandError', `App '${app}' does not have migrations.`);
  if (target === undefined) return { forwards: true, migrations: files.forwardsPlan([files.leaf(app)!]).filter((m) => !isApplied(m)) };
  if (target === 'zero') return { forwards: false, migrations: files.backwardsPlan(files.of(app).slice(0, 1)).filter(isApplied) };
  const matches = files.of(app).filter((m) => m.name.startsWith(target));
  const exact = matches.find((m) => m.name === target);
  if (!exact && matches.length > 1) throw new PyError('CommandError', `More than one migration matches '${target}' in app '${app}'. Please be more specific.`);
  const migration = exact ?? matches[0];
  if (!migration) throw new PyError('CommandError', `Cannot find a migration matching '${target}' from app '${app}'.`);
  if (isApplied(migration)) {
    // Unapply everything that follows the target inside its app (and whatever depends on that).
    const next = files.children(migration).filter((c) => c.app === app);
    return { forwards: false, migrations: files.backwardsPlan(next).filter(isApplied) };
  }
  return { forwards: true, migrations: files.forwardsPlan([migration]).filter((m) => !isApplied(m)) };
}

/** Undoes the steps a failed migration ran, newest first; the one that failed may be half done, so each undo is best effort. */
async function undo(project: Project, app: string, ran: Array<{ op: Operation; before: ProjectState; after: ProjectState }>, forwards: boolean): Promise<void> {
  for (const step of [...ran].reverse()) {
    try {
      if (forwards) await databaseBackwards(project.db.knex, app, step.op, step.after, step.before);
      else await databaseForwards(project.db.knex, app, step.op, step.before, step.after);
    } catch {
      // The failing operation stopped before the part this step would undo.
    }
  }
}

/** Runs a plan: each migration in a transaction, recorded (or its record deleted) in the same transaction. */
export async function runPlan(project: Project, files: MigrationFiles, plan: MigratePlan): Promise<string[]> {
  await ensureRecorderTable(project);
  const done: string[] = [];
  for (const migration of plan.migrations) {
    const applied = await appliedMigrations(project);
    // Operations already run in this migration, to undo by hand where the database cannot roll DDL back.
    const ran: Array<{ op: Operation; before: ProjectState; after: ProjectState }> = [];
    try {
      await project.atomic(async () => {
        const conn = project.conn;
        try {
          if (plan.forwards) {
            const state = files.state(applied);
            for (const op of migration.operations) {
              const before = cloneState(state);
              stateForwards(state, migration.app, op);
              ran.push({ op, before, after: cloneState(state) });
              await databaseForwards(conn, migration.app, op, before, state);
            }
            await recorder.recordApplied(conn, migration);
          } else {
            // Replay the migration's operations to know each one's before and after states, then undo them last to first.
            const state = files.state(new Set([...applied].filter((k) => k !== keyOf(migration))));
            const steps: Array<{ op: Operation; before: ProjectState; after: ProjectState }> = [];
            for (const op of migration.operations) {
              const before = cloneState(state);
              stateForwards(state, migration.app, op);
              steps.push({ op, before, after: cloneState(state) });
            }
            for (const step of steps.reverse()) {
              ran.push(step);
              await databaseBackwards(conn, migration.app, step.op, step.after, step.before);
            }
            await recorder.recordUnapplied(conn, migration);
          }
        } catch (e) {
          throw databaseError(e);
        }
      });
    } catch (e) {
      if (project.db.rollsBackSchemaChanges === false) await undo(project, migration.app, ran, plan.forwards);
      throw e;
    }
    done.push(keyOf(migration));
  }
  return done;
}
