/** Terminal styling: colors only on a terminal and never with `NO_COLOR`; symbols per outcome. */
import type { Outcome } from '../report/schema.js';

const COLORS = { red: 31, green: 32, yellow: 33, cyan: 36, dim: 2, bold: 1 } as const;

function useColor(): boolean {
  return Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.FORCE_COLOR !== '0';
}

export function paint(color: keyof typeof COLORS, text: string): string {
  return useColor() ? `\x1b[${COLORS[color]}m${text}\x1b[0m` : text;
}

const SYMBOLS: Record<Outcome, string> = {
  passed: '✓',
  failed: '✗',
  'not-implemented': '○',
  'expected-failure': '×',
  'unexpected-pass': '!',
};

export function symbol(outcome: Outcome): string {
  return SYMBOLS[outcome];
}
