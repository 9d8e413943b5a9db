/**
 * Django's FileSystemStorage naming, in memory: `upload_to` (strftime-expanded) plus the file
 * name, made available by `get_available_name` (a `_<7 random characters>` suffix on collision,
 * the root truncated so the name fits max_length). Files outlive the rows that name them.
 */
import { randomInt } from 'node:crypto';
import type { Project } from './project.js';
import { PyError } from './pyvalues.js';

const files = new WeakMap<Project, Map<string, string>>();
const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function randomString(length: number): string {
  return Array.from({ length }, () => ALPHANUMERIC[randomInt(ALPHANUMERIC.length)]).join('');
}

function strftime(pattern: string, now: Date): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const parts: Record<string, string> = {
    Y: String(now.getFullYear()), m: pad(now.getMonth() + 1), d: pad(now.getDate()), H: pad(now.getHours()), M: pad(now.getMinutes()), S: pad(now.getSeconds()), '%': '%',
  };
  return pattern.replace(/%([YmdHMS%])/g, (_, c: string) => parts[c]!);
}

/** Stores `content` for a field with `upload_to` and `maxLength`; returns the name it is stored under. */
export function storeFile(project: Project, uploadTo: string, fileName: string, content: string, maxLength: number): string {
  const stored = files.get(project) ?? new Map<string, string>();
  files.set(project, stored);
  const dir = strftime(uploadTo, new Date()).replace(/\/+$/, '');
  const base = fileName.split('/').pop()!;
  const dot = base.lastIndexOf('.');
  let root = dot > 0 ? base.slice(0, dot) : base;
  const ext = dot > 0 ? base.slice(dot) : '';
  const join = (file: string) => (dir ? `${dir}/${file}` : file);
  let name = join(root + ext);
  while (stored.has(name) || [...name].length > maxLength) {
    name = join(`${root}_${randomString(7)}${ext}`);
    const truncation = [...name].length - maxLength;
    if (truncation > 0) {
      root = [...root].slice(0, -truncation).join('');
      if (!root) throw new PyError('SuspiciousFileOperation', `Storage can not find an available filename for "${name}". Please make sure that the corresponding file field allows sufficient "max_length".`);
      name = join(`${root}_${randomString(7)}${ext}`);
    }
  }
  stored.set(name, content);
  return name;
}
