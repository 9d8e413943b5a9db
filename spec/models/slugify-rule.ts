import * as fc from 'fast-check';
/**
 * Django's `slugify` (`django/utils/text.py`) as a rule the cases compare against, step by step:
 * 1. `allow_unicode=False`: NFKD-decompose and drop every non-ASCII code point;
 *    `allow_unicode=True`: NFKC-normalize.
 * 2. Lower-case, then delete everything that is not a word character, whitespace or `-`.
 * 3. Replace each run of `-` and whitespace with one `-`, then strip `-` and `_` from both ends.
 * "Word character" and "whitespace" are Python's `re` classes for `str` patterns: `\w` is a letter,
 * a number or `_` (combining marks are not word characters); `\s` is `str.isspace()`, which
 * includes U+001C..U+001F and U+0085 but not U+FEFF.
 */
const SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const WORD = '\\p{L}\\p{N}_';

export function slugifyRule(value: string, allowUnicode = false): string {
  const normalized = allowUnicode ? value.normalize('NFKC') : value.normalize('NFKD').replace(/[^\x00-\x7f]/g, '');
  const kept = normalized.toLowerCase().replace(new RegExp(`[^${WORD}${SPACE}-]`, 'gu'), '');
  return kept.replace(new RegExp(`[-${SPACE}]+`, 'gu'), '-').replace(/^[-_]+|[-_]+$/g, '');
}



const ranges: Array<[number, number]> = [
  [0x20, 0x24f], // ASCII, Latin-1, Latin Extended-A and B
  [0x300, 0x36f], // combining marks (not word characters)
  [0x370, 0x4ff], // Greek and Cyrillic
  [0x2000, 0x209c], // general punctuation (Python-only spaces), super- and subscripts
  [0x4e00, 0x4fff], // CJK ideographs
  [0xfb00, 0xfb06], // ligatures (NFKD/NFKC split them)
  [0xff01, 0xff5e], // fullwidth forms (NFKC maps them to ASCII)
];
/**
 * Text for slugify: hand-picked edge characters and code points from blocks that have not changed
 * since Unicode 14 (newer code points would compare Unicode databases, not the rule).
 */
export const slugText = fc.string({
  unit: fc.oneof(
    fc.constantFrom(...'aZ9_- \t\n-–—éÜßİΣ你\u0301\u00a0\u001c\u001f\u0085\ufeff!\'".&'.split('')),
    fc.oneof(...ranges.map(([min, max]) => fc.integer({ min, max }))).map((cp) => String.fromCodePoint(cp)),
  ),
  maxLength: 16,
});
