/**
 * Database errors as Django's `django.db` exceptions. PostgreSQL (and PGlite) report a SQLSTATE
 * code; pg-mem reports almost none, so its messages are matched instead (the only place the
 * reference reads error text).
 */
import { PyError } from '../orm/pyvalues.js';

const INTEGRITY_CODES = new Set(['23000', '23001', '23502', '23503', '23505', '23514', '23P01']);
const DATA_CODES_PREFIX = '22';

const PG_MEM_INTEGRITY = [/duplicate key value/i, /violates foreign key constraint/i, /violates not-null constraint/i, /violates check constraint/i, /is violated by some row/i, /it contains null values/i];
const PG_MEM_DATA = [/value too long/i, /out of range/i, /invalid input syntax/i, /cannot cast/i, /Invalid timestamp/i];

export function databaseError(error: unknown): PyError {
  if (error instanceof PyError) return error;
  const e = error as { code?: string; message?: string };
  const message = (e?.message ?? String(error)).replace(/^[\s\S]*? - /, '');
  const code = typeof e?.code === 'string' ? e.code : undefined;
  if (code && INTEGRITY_CODES.has(code)) return new PyError('IntegrityError', message, ['DatabaseError']);
  if (code?.startsWith(DATA_CODES_PREFIX)) return new PyError('DataError', message, ['DatabaseError']);
  if (code === '42P01') return new PyError('ProgrammingError', message, ['DatabaseError']);
  if (PG_MEM_INTEGRITY.some((r) => r.test(message))) return new PyError('IntegrityError', message, ['DatabaseError']);
  if (PG_MEM_DATA.some((r) => r.test(message))) return new PyError('DataError', message, ['DatabaseError']);
  if (/relation .* does not exist|Table .* not found/i.test(message)) return new PyError('ProgrammingError', message, ['DatabaseError']);
  return new PyError('DatabaseError', message);
}
