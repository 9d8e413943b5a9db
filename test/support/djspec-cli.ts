/** Runs the real `djspec` command (bin/djspec.js) as a user would, in a clean environment. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/djspec.js', import.meta.url));

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function djspec(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  // The suite's own variables never leak in from the test run: each call says what it wants.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('DJSPEC_') && k !== 'DATABASE_URL'));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: options.cwd ?? ROOT, env: { ...env, NO_COLOR: '1', ...options.env }, encoding: 'utf8', timeout: 240_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ status, stdout, stderr });
      },
    );
  });
}
