/**
 * Commands for models and fields: construction, save, lookups, validation, delete, introspection.
 */
import type { CommandOf } from '../../../conformance/contract/commands.js';
import type { Value } from '../../../conformance/contract/values.js';
import { ModelInstance } from '../../orm/instance.js';
import { instantiate, create, save, get, filter, count, update, bulkCreate, refresh, getAttribute } from '../../orm/manager.js';
import { deleteInstance, deleteQuerySet } from '../../orm/deletion.js';
import { fullClean } from '../../orm/validation.js';
import { modelStr, modelRepr } from '../../orm/methods.js';
import { PyError } from '../../orm/pyvalues.js';
import { systemChecks } from '../../orm/checks.js';
import { registerCommands, type ReferenceSession } from '../session.js';

function decodeMap(session: ReferenceSession, values: Record<string, Value> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values ?? {})) out[k] = session.codec.decode(v);
  return out;
}

function instanceArg(session: ReferenceSession, ref: { $h: string }): ModelInstance {
  return session.codec.instance(ref.$h);
}

registerCommands({
  new: async (s, c: CommandOf<'new'>) => s.codec.encode(await instantiate(s.project, s.project.model(c.model), decodeMap(s, c.values))),
  create: async (s, c: CommandOf<'create'>) => s.codec.encode(await create(s.project, s.project.model(c.model), decodeMap(s, c.values))),
  assign: async (s, c: CommandOf<'assign'>) => {
    const instance = instanceArg(s, c.obj);
    for (const [name, value] of Object.entries(decodeMap(s, c.values))) assignAttribute(instance, name, value);
    return s.codec.encode(instance);
  },
  save: async (s, c: CommandOf<'save'>) => {
    const instance = instanceArg(s, c.obj);
    await save(s.project, instance, { updateFields: c.update_fields, forceInsert: c.force_insert, forceUpdate: c.force_update, raw: c.raw });
    return s.codec.encode(instance);
  },
  read: async (s, c: CommandOf<'read'>) => {
    let value: unknown = instanceArg(s, c.obj);
    for (const name of c.attr.split('.')) value = await s.interpreter.attribute(value, name);
    return s.codec.encode(value);
  },
  get: async (s, c: CommandOf<'get'>) => s.codec.encode(await get(s.project, s.project.model(c.model), decodeMap(s, c.where))),
  filter: async (s, c: CommandOf<'filter'>) =>
    s.codec.encode(await filter(s.project, s.project.model(c.model), decodeMap(s, c.where), c.exclude && decodeMap(s, c.exclude), c.order_by)),
  values: async (s, c: CommandOf<'values'>) => {
    const meta = s.project.model(c.model);
    const rows = await filter(s.project, meta, decodeMap(s, c.where), undefined, c.order_by);
    const names = c.fields ?? meta.fields.map((f) => f.attname);
    return rows.map((row) => {
      const out: Record<string, Value> = {};
      for (const name of names) {
        const field = meta.field(name);
        if (!field) throw new PyError('FieldError', `Cannot resolve keyword '${name}' into field.`);
        out[name] = s.codec.encode(row.get(field.attname));
      }
      return out;
    });
  },
  count: async (s, c: CommandOf<'count'>) => count(s.project, s.project.model(c.model), decodeMap(s, c.where)),
  update: async (s, c: CommandOf<'update'>) => update(s.project, s.project.model(c.model), decodeMap(s, c.where), decodeMap(s, c.values)),
  bulk_create: async (s, c: CommandOf<'bulk_create'>) => s.codec.encode(await bulkCreate(s.project, s.project.model(c.model), c.rows.map((r) => decodeMap(s, r)))),
  full_clean: async (s, c: CommandOf<'full_clean'>) => {
    await fullClean(s.project, instanceArg(s, c.obj), { exclude: c.exclude, validateUnique: c.validate_unique });
    return null;
  },
  delete: async (s, c: CommandOf<'delete'>) => {
    const result = c.obj ? await deleteInstance(s.project, instanceArg(s, c.obj)) : await deleteQuerySet(s.project, s.project.model(c.model!), decodeMap(s, c.where));
    return result as unknown as Value;
  },
  refresh: async (s, c: CommandOf<'refresh'>) => {
    const instance = instanceArg(s, c.obj);
    await refresh(s.project, instance);
    return s.codec.encode(instance);
  },
  str: async (s, c: CommandOf<'str'>) => modelStr(s.project, instanceArg(s, c.obj)),
  repr: async (s, c: CommandOf<'repr'>) => modelRepr(s.project, instanceArg(s, c.obj)),
  equals: async (s, c: CommandOf<'equals'>) => instanceArg(s, c.a).equals(instanceArg(s, c.b)),
  call: async (s, c: CommandOf<'call'>) => {
    const args = (c.args ?? []).map((a) => s.codec.decode(a));
    return s.codec.encode(await s.interpreter.callMethod(instanceArg(s, c.obj), c.method, args));
  },
  meta: async (s, c: CommandOf<'meta'>) => {
    const meta = s.project.model(c.model);
    return {
      label: meta.label,
      object_name: meta.objectName,
      db_table: meta.dbTable,
      verbose_name: meta.verboseName,
      verbose_name_plural: meta.verboseNamePlural,
      pk: meta.pk.name,
      fields: [...meta.fields, ...meta.manyToMany].map((f) => ({
        name: f.name,
        attname: f.attname,
        column: f.concrete ? f.column : null,
        type: f.type,
        primary_key: f.primaryKey,
        auto_created: f.autoCreated,
        null: f.null,
        blank: f.blank,
        unique: f.unique,
        editable: f.editable,
        max_length: f.maxLength ?? null,
        verbose_name: f.verboseName,
        help_text: f.helpText,
        related_model: (f as { relatedMeta?: () => { label: string } }).relatedMeta?.().label ?? null,
      })),
      related_accessors: meta.relatedObjects.flatMap((r) => (r.accessorName ? [r.accessorName] : [])),
    };
  },
  check: async (s) => systemChecks(s.project) as unknown as Value,
  reset: async (s) => {
    await s.project.db.resetToClean();
    s.codec.forget();
    return null;
  },
});

/** `obj.<name> = value`: a plain field by name or attname; relation modules handle related objects. */
export const assignHooks: Array<(instance: ModelInstance, name: string, value: unknown) => boolean> = [];

function assignAttribute(instance: ModelInstance, name: string, value: unknown): void {
  if (name === 'pk') {
    instance.pk = value;
    return;
  }
  for (const hook of assignHooks) if (hook(instance, name, value)) return;
  const field = instance.meta.fields.find((f) => f.attname === name || f.name === name);
  if (field) instance.set(field.attname, value);
  else instance.set(name, value);
}

export { getAttribute };
