/** `django.utils.text.slugify`, ASCII mode. */

// Python's `\s` on ASCII text also matches the information separators \x1c-\x1f.
const PY_SPACE = '\\t\\n\\v\\f\\r \\x1c-\\x1f';

export function slugify(value: string): string {
  const ascii = value.normalize('NFKD').replace(/[^\x00-\x7f]/g, '');
  const kept = ascii.toLowerCase().replace(new RegExp(`[^A-Za-z0-9_${PY_SPACE}-]`, 'g'), '');
  return kept.replace(new RegExp(`[-${PY_SPACE}]+`, 'g'), '-').replace(/^[-_]+|[-_]+$/g, '');
}
