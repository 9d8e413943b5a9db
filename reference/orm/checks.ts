/**
 * Django's system checks (`manage.py check`) for the project's models: invalid definitions are
 * reported with Django's check ids rather than refused, as Django does.
 */
import type { Project } from './project.js';
import type { ModelMeta } from './options.js';
import type { Field } from './fields.js';

export interface CheckMessage {
  id: string;
  level: 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR' | 'CRITICAL';
  msg: string;
  obj?: string;
  hint?: string;
}

/** Per-field checks; areas add theirs (decimal, relations...). */
export const fieldChecks: Array<(field: Field, meta: ModelMeta) => CheckMessage[]> = [];
/** Per-model and project-wide checks. */
export const modelChecks: Array<(meta: ModelMeta, project: Project) => CheckMessage[]> = [];

const fieldObj = (meta: ModelMeta, field: Field) => `${meta.label}.${field.name}`;

fieldChecks.push((field, meta) => {
  const out: CheckMessage[] = [];
  const obj = fieldObj(meta, field);
  if (field.name.endsWith('_')) out.push({ id: 'fields.E001', level: 'ERROR', msg: 'Field names must not end with an underscore.', obj });
  if (field.name.includes('__')) out.push({ id: 'fields.E002', level: 'ERROR', msg: 'Field names must not contain "__".', obj });
  if (field.name === 'pk') out.push({ id: 'fields.E003', level: 'ERROR', msg: "'pk' is a reserved word that cannot be used as a field name.", obj });
  // fields.E121; a missing max_length (E120) is fine where varchar may be unlimited (SQLite, PostgreSQL).
  if (['CharField', 'SlugField', 'EmailField', 'URLField'].includes(field.type) && field.maxLength !== undefined && field.maxLength <= 0) {
    out.push({ id: 'fields.E121', level: 'ERROR', msg: "'max_length' must be a positive integer.", obj });
  }
  if (field.primaryKey && field.null) out.push({ id: 'fields.E007', level: 'ERROR', msg: 'Primary keys must not have null=True.', obj });
  return out;
});

modelChecks.push((meta) => {
  const out: CheckMessage[] = [];
  const pks = meta.spec.fields.filter((f) => f.primary_key);
  if (pks.length > 1) out.push({ id: 'models.E026', level: 'ERROR', msg: "The model cannot have more than one field with 'primary_key=True'.", obj: meta.label });
  if (meta.spec.fields.some((f) => f.name === 'id' && !f.primary_key)) {
    out.push({ id: 'models.E004', level: 'ERROR', msg: "'id' can only be used as a field name if the field also sets 'primary_key=True'.", obj: meta.label });
  }
  return out;
});

// models.W042: an implicit pk whose type nobody chose (neither the setting nor the AppConfig).
modelChecks.push((meta, project) => {
  if (!meta.pk.autoCreated || project.setup.settings?.DEFAULT_AUTO_FIELD || meta.app.overridesDefaultAutoField) return [];
  return [{
    id: 'models.W042',
    level: 'WARNING',
    msg: "Auto-created primary key used when not defining a primary key type, by default 'django.db.models.AutoField'.",
    hint: `Configure the DEFAULT_AUTO_FIELD setting or the ${meta.app.className}.default_auto_field attribute to point to a subclass of AutoField, e.g. 'django.db.models.BigAutoField'.`,
    obj: meta.label,
  }];
});

export function systemChecks(project: Project): CheckMessage[] {
  const out: CheckMessage[] = [];
  for (const meta of project.apps.allModels()) {
    if (meta.app.builtin) continue;
    for (const field of [...meta.fields, ...meta.manyToMany]) for (const check of fieldChecks) out.push(...check(field, meta));
    for (const check of modelChecks) out.push(...check(meta, project));
  }
  return out;
}
