/**
 * `Model.full_clean()`, after `django/db/models/base.py`: `clean_fields()` (each field's
 * `clean`, skipping empty values of blank fields, writing cleaned values back), then
 * `validate_unique()` for the fields that passed. `save()` never calls any of this.
 */
import type { ModelInstance } from './instance.js';
import type { Project } from './project.js';
import { isEmptyValue, type Field } from './fields.js';
import { ValidationError, interpolate, type ValidationMessage } from './validators.js';
import { count } from './manager.js';

export interface FullCleanOptions {
  exclude?: string[];
  validateUnique?: boolean;
}

/** Django's `capfirst`. */
export function capfirst(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

function addErrors(errors: Map<string, ValidationMessage[]>, name: string, messages: ValidationMessage[]): void {
  errors.set(name, [...(errors.get(name) ?? []), ...messages]);
}

export function cleanFields(instance: ModelInstance, exclude: Set<string>, errors: Map<string, ValidationMessage[]>): void {
  for (const field of instance.meta.fields) {
    if (exclude.has(field.name)) continue;
    const raw = instance.get(field.attname);
    if (field.blank && isEmptyValue(raw)) continue;
    try {
      instance.set(field.attname, field.clean(raw));
    } catch (e) {
      // Stryker disable next-line ConditionalExpression: the fields' clean() raise ValidationError or nothing
      if (e instanceof ValidationError) addErrors(errors, field.name, e.messages);
      else throw e;
    }
  }
}

/** The unique checks of `_get_unique_checks()`: single unique fields, then unique_together. */
function uniqueChecks(instance: ModelInstance, exclude: Set<string>): Field[][] {
  const meta = instance.meta;
  // Stryker disable next-line ArrayDeclaration: a string entry is iterated as characters that name no field, so its check is skipped
  const checks: Field[][] = [];
  for (const together of meta.spec.meta?.unique_together ?? []) {
    if (together.some((name) => exclude.has(name))) continue;
    checks.push(together.map((name) => meta.field(name)!));
  }
  for (const field of meta.fields) if (field.unique && !exclude.has(field.name)) checks.push([field]);
  return checks;
}

export async function validateUnique(project: Project, instance: ModelInstance, exclude: Set<string>, errors: Map<string, ValidationMessage[]>): Promise<void> {
  const meta = instance.meta;
  for (const fields of uniqueChecks(instance, exclude)) {
    const where: Record<string, unknown> = {};
    let skip = false;
    for (const field of fields) {
      const value = instance.get(field.attname);
      // Django skips None, and '' only on backends that store '' as NULL (not these). It also
      // skips the pk of a saved instance; excluding the instance itself (below) comes to the same.
      if (value == null) skip = true;
      where[field.attname] = value;
    }
    if (skip) continue;
    const exclusion: Record<string, unknown> = {};
    if (!instance.state.adding) exclusion[meta.pk.attname] = instance.pk;
    const n = await countExcluding(project, instance, where, exclusion);
    if (n === 0) continue;
    if (fields.length === 1) {
      const field = fields[0]!;
      addErrors(errors, field.name, [{
        code: 'unique',
        message: interpolate(field.messages.unique!, { model_name: capfirst(meta.verboseName), field_label: capfirst(field.verboseName) }),
      }]);
    } else {
      // Django's get_text_list(labels, 'and'); a unique_together set has two fields or more.
      const labels = fields.map((f) => capfirst(f.verboseName));
      const fieldLabels = `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
      addErrors(errors, '__all__', [{ code: 'unique_together', message: `${capfirst(meta.verboseName)} with this ${fieldLabels} already exists.` }]);
    }
  }
}

async function countExcluding(project: Project, instance: ModelInstance, where: Record<string, unknown>, exclusion: Record<string, unknown>): Promise<number> {
  const total = await count(project, instance.meta, where);
  if (!Object.keys(exclusion).length) return total;
  const self = await count(project, instance.meta, { ...where, ...exclusion });
  return total - self;
}

export async function fullClean(project: Project, instance: ModelInstance, options: FullCleanOptions = {}): Promise<void> {
  // Stryker disable next-line ArrayDeclaration: a made-up entry names no field
  const exclude = new Set(options.exclude ?? []);
  const errors = new Map<string, ValidationMessage[]>();
  cleanFields(instance, exclude, errors);
  if (options.validateUnique !== false) {
    for (const name of errors.keys()) exclude.add(name);
    await validateUnique(project, instance, exclude, errors);
  }
  // Stryker disable next-line ArrayDeclaration: an error by field reaches the contract by field; its flat list (Django's .messages) is not sent
  if (errors.size) throw new ValidationError([...errors.values()].flat(), errors);
}
