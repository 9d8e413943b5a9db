/**
 * `django.utils.text.slugify`, step by step as Django writes it. The character classes are
 * Python's `re` classes for `str` patterns, which differ from JavaScript's: Python's `\s` also
 * matches the separators U+001C..U+001F and U+0085 and does not match U+FEFF, and `\w` is
 * "alphanumeric or underscore" in Python's sense (letters and numbers, not combining marks).
 */

/** Python's `str.isspace()` characters (what `\s` matches in a `str` pattern). */
const PY_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
/** Python's `\w` for `str`: letters, numbers (any numeric character) and underscore. */
const PY_WORD = '\\p{L}\\p{N}_';

const NOT_WORD_SPACE_DASH = new RegExp(`[^${PY_WORD}${PY_SPACE}-]`, 'gu');
const DASH_OR_SPACE_RUNS = new RegExp(`[-${PY_SPACE}]+`, 'gu');

/** Converts to a slug: ASCII only unless `allowUnicode`, lower case, runs of dashes/spaces as one dash, trimmed of `-` and `_`. */
export function slugify(value: string, allowUnicode = false): string {
  let text = allowUnicode
    ? value.normalize('NFKC')
    : value.normalize('NFKD').replace(/[^\x00-\x7f]/g, '');
  text = text.toLowerCase().replace(NOT_WORD_SPACE_DASH, '');
  return text.replace(DASH_OR_SPACE_RUNS, '-').replace(/^[-_]+|[-_]+$/g, '');
}
