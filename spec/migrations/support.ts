/** Shared pieces of the migration cases: a one-app project that starts before its first migration. */
import type { FieldSpec, SessionSetup } from '../../conformance/contract/schema.js';

export type FieldDecl = Omit<FieldSpec, 'name'> & { name: string };

/** The `tapp` app with one model `Note` of the given fields. */
export const noteApp = (fields: FieldDecl[], extra: Record<string, unknown> = {}) => ({ name: 'tapp', models: [{ name: 'Note', fields }], ...extra });

/** A project whose models exist only in models.py: no tables, no migrations yet. */
export const beforeMigrate = (fields: FieldDecl[]): SessionSetup => ({ apps: [noteApp(fields)], create_tables: false });

export const title: FieldDecl = { name: 'title', type: 'CharField', max_length: 20 };
