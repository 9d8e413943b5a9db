/**
 * A ModelForm, reduced to what model validation is compared with: the form fields Django
 * derives from editable model fields (required unless blank, strings stripped, '' becoming
 * None on nullable fields) and their form-level codes (`required`, not the model's `blank`).
 */
import type { ModelMeta } from './options.js';
import type { Field } from './fields.js';
import { PyError } from './pyvalues.js';
import { ValidationError, maxLengthValidator, type ValidationMessage } from './validators.js';

export interface BoundForm {
  fields: string[];
  is_valid: boolean;
  errors: Record<string, ValidationMessage[]>;
  cleaned_data: Record<string, unknown>;
}

const STRING_FIELDS = new Set(['CharField', 'TextField', 'SlugField', 'EmailField', 'URLField']);
const INTEGER_FIELDS = new Set(['IntegerField', 'SmallIntegerField', 'BigIntegerField', 'PositiveIntegerField', 'PositiveSmallIntegerField', 'PositiveBigIntegerField']);

function formFields(meta: ModelMeta, names: string[] | undefined): Field[] {
  const editable = meta.fields.filter((f) => f.editable && !f.autoCreated);
  if (!names) return editable;
  return names.map((name) => {
    const field = meta.fields.find((f) => f.name === name);
    if (!field) throw new PyError('FieldError', `Unknown field(s) (${name}) specified for ${meta.objectName}`);
    if (!field.editable) throw new PyError('FieldError', `'${name}' cannot be specified for ${meta.objectName} model form as it is a non-editable field`);
    return field;
  });
}

/** One form field's `clean()`: to_python, required, validators; then the model field's own checks. */
function cleanOne(field: Field, raw: string | undefined): unknown {
  const isString = STRING_FIELDS.has(field.type);
  let value: string | null = raw === undefined ? null : isString ? raw.trim() : raw.trim();
  if (value === '') value = null;
  if (value === null) {
    if (!field.blank) throw ValidationError.single('required', 'This field is required.');
    return isString && !field.null ? '' : null;
  }
  if (INTEGER_FIELDS.has(field.type) && !/^[+-]?\d+$/.test(value)) throw ValidationError.single('invalid', 'Enter a whole number.');
  if (isString && field.maxLength !== undefined) maxLengthValidator(field.maxLength)(value);
  return field.clean(value);
}

export function bindModelForm(meta: ModelMeta, names: string[] | undefined, data: Record<string, string>): BoundForm {
  const fields = formFields(meta, names);
  const errors: Record<string, ValidationMessage[]> = {};
  const cleaned: Record<string, unknown> = {};
  for (const field of fields) {
    try {
      cleaned[field.name] = cleanOne(field, data[field.name]);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      errors[field.name] = e.messages;
    }
  }
  return { fields: fields.map((f) => f.name), is_valid: Object.keys(errors).length === 0, errors, cleaned_data: cleaned };
}
