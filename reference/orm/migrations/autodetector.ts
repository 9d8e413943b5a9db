/**
 * The autodetector, after `django/db/migrations/autodetector.py`: compares the state the
 * migrations build with the state of the current models and returns, per app, the operations
 * that turn one into the other, in Django's order:
 * deleted models, created models, changed Meta options, removed fields, added fields, altered
 * fields (each group sorted by model and field name), renamed tables, then a stable topological sort so a model is created before a model
 * whose foreign key points at it. A renamed field is not recognised without a question, so it is
 * a removal plus an addition.
 */
import type { FieldSpec } from '../../../conformance/contract/schema.js';
import type { Value } from '../../../conformance/contract/values.js';
import { PyError } from '../pyvalues.js';
import { isRelation, modelKey, sameField, sameOptions, type ModelState, type ProjectState } from './state.js';
import type { Operation } from './operations.js';

const STRING_LIKE = new Set(['CharField', 'TextField', 'SlugField', 'EmailField', 'URLField', 'FileField', 'ImageField']);

/** The questions `makemigrations` may ask; the non-interactive answers exit with status 3. */
export interface Questioner {
  /** A one-off default for a new NOT NULL field without one, or undefined to give up. */
  notNullAddition(app: string, model: string, field: FieldSpec): Value | undefined;
}

/** `makemigrations --noinput`, except for one-off defaults the caller supplies by `app.Model.field`. */
export function answeringQuestioner(defaults: Record<string, Value>): Questioner {
  return {
    notNullAddition(app, model, field) {
      const key = Object.keys(defaults).find((k) => k.toLowerCase() === `${app}.${model}.${field.name}`.toLowerCase());
      if (key !== undefined) return defaults[key];
      const reason = field.auto_now_add
        ? "it is impossible to add a field with 'auto_now_add=True' without specifying a default"
        : 'it is impossible to add a non-nullable field without specifying a default';
      throw new PyError('SystemExit', `Field '${field.name}' on model '${model.toLowerCase()}' not migrated: ${reason}.`, [], { code: 3 });
    },
  };
}

/** The questioner `migrate` uses to look for unmigrated changes: it never asks. */
export const silentQuestioner: Questioner = { notNullAddition: () => null };

/** Whether adding the field needs a value for existing rows (`AddField` with `preserve_default=False`). */
export function needsOneOffDefault(field: FieldSpec): boolean {
  return !(
    field.null ||
    field.default !== undefined ||
    field.db_default !== undefined ||
    field.type === 'ManyToManyField' ||
    (field.blank && STRING_LIKE.has(field.type)) ||
    field.auto_now
  );
}

export interface AppChanges {
  app: string;
  operations: Operation[];
  /** Other apps' models this app's new operations point at (`[app, model]`), for dependencies. */
  references: Set<string>;
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `MigrationAutodetector.changes()` for the given apps: operations per app, apps with none left out. */
export function detectChanges(from: ProjectState, to: ProjectState, apps: string[], questioner: Questioner): AppChanges[] {
  const result: AppChanges[] = [];
  for (const app of apps) {
    const inApp = (state: ProjectState) => [...state.entries()].filter(([, m]) => m.app === app).map(([k]) => k).sort(byKey);
    const oldKeys = inApp(from);
    const newKeys = inApp(to);
    const ops: Array<{ op: Operation; after: string[] }> = [];
    const references = new Set<string>();
    const relationTargets = (fields: FieldSpec[]) => fields.filter(isRelation).map((f) => f.to!.toLowerCase());
    const note = (fields: FieldSpec[]) => {
      for (const target of relationTargets(fields)) if (!target.startsWith(`${app}.`)) references.add(target);
    };

    for (const key of oldKeys.filter((k) => !to.has(k))) ops.push({ op: { type: 'DeleteModel', name: from.get(key)!.name }, after: [] });
    for (const key of newKeys.filter((k) => !from.has(k))) {
      const model = to.get(key)!;
      // Relation fields go last, sorted by name: Django adds them as AddField and folds them back in.
      const plain = model.fields.filter((f) => !isRelation(f));
      const related = model.fields.filter(isRelation).sort((a, b) => byKey(a.name, b.name));
      note(related);
      const created = newKeys.filter((k) => !from.has(k));
      const after = relationTargets(related).filter((t) => t !== key && created.includes(t));
      ops.push({ op: { type: 'CreateModel', name: model.name, fields: [...plain, ...related], options: model.options, ...(model.dbTable !== undefined && { dbTable: model.dbTable }) }, after });
    }
    const common = newKeys.filter((k) => from.has(k));
    for (const key of common) {
      if (!sameOptions(from.get(key)!.options, to.get(key)!.options)) ops.push({ op: { type: 'AlterModelOptions', name: key.split('.')[1]!, options: to.get(key)!.options }, after: [] });
    }
    const fieldKeys = (state: ProjectState) => common.flatMap((k) => state.get(k)!.fields.map((f) => [k, f.name] as const)).sort((a, b) => byKey(a[0], b[0]) || byKey(a[1], b[1]));
    const has = (model: ModelState, name: string) => model.fields.some((f) => f.name === name);
    const field = (model: ModelState, name: string) => model.fields.find((f) => f.name === name)!;
    for (const [key, name] of fieldKeys(from).filter(([k, n]) => !has(to.get(k)!, n))) {
      ops.push({ op: { type: 'RemoveField', modelName: key.split('.')[1]!, name }, after: [] });
    }
    for (const [key, name] of fieldKeys(to).filter(([k, n]) => !has(from.get(k)!, n))) {
      const model = to.get(key)!;
      let spec = field(model, name);
      let preserveDefault = true;
      if (needsOneOffDefault(spec)) {
        const value = questioner.notNullAddition(app, model.name, spec);
        spec = { ...spec, default: value as FieldSpec['default'] };
        preserveDefault = false;
      }
      note([spec]);
      ops.push({ op: { type: 'AddField', modelName: key.split('.')[1]!, name, field: spec, preserveDefault }, after: [] });
    }
    for (const [key, name] of fieldKeys(to).filter(([k, n]) => has(from.get(k)!, n))) {
      const model = to.get(key)!;
      if (sameField(app, model.name, field(from.get(key)!, name), field(model, name))) continue;
      note([field(model, name)]);
      ops.push({ op: { type: 'AlterField', modelName: key.split('.')[1]!, name, field: field(model, name) }, after: [] });
    }
    for (const key of common) {
      const table = to.get(key)!.dbTable;
      if (table !== from.get(key)!.dbTable) ops.push({ op: { type: 'AlterModelTable', name: key.split('.')[1]!, table }, after: [] });
    }
    if (ops.length) result.push({ app, operations: stableTopologicalSort(ops), references });
  }
  return result;
}

/** `stable_topological_sort`: layer by layer, keeping the original order inside a layer. */
function stableTopologicalSort(ops: Array<{ op: Operation; after: string[] }>): Operation[] {
  const keyOf = (op: Operation) => (op.type === 'CreateModel' ? modelKey('', op.name) : undefined);
  const pending = new Map(ops.map((entry, i) => [i, new Set(entry.after.map((t) => modelKey('', t.split('.')[1]!)))]));
  const out: Operation[] = [];
  while (pending.size) {
    const layer = [...pending].filter(([, deps]) => deps.size === 0).map(([i]) => i);
    if (!layer.length) throw new PyError('ValueError', 'Cyclic dependency in graph');
    for (const i of layer) pending.delete(i);
    const done = new Set(layer.map((i) => keyOf(ops[i]!.op)));
    for (const deps of pending.values()) for (const d of [...deps]) if (done.has(d)) deps.delete(d);
    out.push(...layer.map((i) => ops[i]!.op));
  }
  return out;
}

/** The autodetector as the commands call it (one object, so a deliberately broken reference can replace it). */
export const autodetector = { detectChanges };
