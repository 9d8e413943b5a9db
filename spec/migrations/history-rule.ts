/**
 * What Django's autodetector produces for the changes of one model between two versions, for
 * the plain fields these cases generate (no relations, no renames asked), as a rule:
 * - a new model is one CreateModel with the implicit `id` first and the fields in order;
 * - otherwise RemoveField for each vanished field, AddField for each new one, AlterField for each
 *   field whose options changed, each group sorted by field name, in that order;
 * - the migration is `0001_initial` for the first, then `<number>_<fragments joined by "_">`,
 *   stopping with `_and_more` when adding a fragment would pass 52 characters.
 */
import * as fc from 'fast-check';
import type { FieldDecl } from './support.js';

const STRING_LIKE = new Set(['CharField', 'TextField', 'SlugField', 'EmailField', 'URLField']);

export function needsOneOffDefault(field: FieldDecl): boolean {
  return !(field.null || field.default !== undefined || (field.blank && STRING_LIKE.has(field.type)) || field.auto_now);
}

/** Options as Django's deconstruct() compares them: false and absent are the same. */
function normalized(field: FieldDecl): string {
  return JSON.stringify(Object.entries(field).filter(([, v]) => v !== undefined && v !== false).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export interface ExpectedOperation {
  type: string;
  model: string;
  field?: string;
  fields?: string[];
  describe: string;
  preserve_default?: false;
}

export function expectedOperations(before: FieldDecl[] | undefined, after: FieldDecl[]): ExpectedOperation[] {
  if (!before) return [{ type: 'CreateModel', model: 'Note', fields: ['id', ...after.map((f) => f.name)], describe: 'Create model Note' }];
  const names = (fields: FieldDecl[]) => fields.map((f) => f.name).sort();
  const find = (fields: FieldDecl[], name: string) => fields.find((f) => f.name === name);
  const removed = names(before).filter((n) => !find(after, n));
  const added = names(after).filter((n) => !find(before, n));
  const altered = names(after).filter((n) => find(before, n) && normalized(find(before, n)!) !== normalized(find(after, n)!));
  return [
    ...removed.map((name) => ({ type: 'RemoveField', model: 'note', field: name, describe: `Remove field ${name} from note` })),
    ...added.map((name) => ({ type: 'AddField', model: 'note', field: name, describe: `Add field ${name} to note`, ...(needsOneOffDefault(find(after, name)!) && { preserve_default: false as const }) })),
    ...altered.map((name) => ({ type: 'AlterField', model: 'note', field: name, describe: `Alter field ${name} on note` })),
  ];
}

function fragment(op: ExpectedOperation): string {
  switch (op.type) {
    case 'CreateModel': return op.model.toLowerCase();
    case 'RemoveField': return `remove_${op.model}_${op.field}`;
    case 'AlterField': return `alter_${op.model}_${op.field}`;
    default: return `${op.model}_${op.field}`;
  }
}

export function expectedName(number: number, operations: ExpectedOperation[]): string {
  let name = number === 1 ? 'initial' : fragment(operations[0]!);
  if (number > 1) {
    for (const op of operations.slice(1)) {
      if (`${name}_${fragment(op)}`.length > 52) {
        name += '_and_more';
        break;
      }
      name = `${name}_${fragment(op)}`;
    }
  }
  return `${String(number).padStart(4, '0')}_${name}`;
}

// Generated histories ------------------------------------------------------------------------

/** The fields a history draws from: each keeps its type and nullability; other options change between versions. */
export const POOL = [
  { name: 'alpha', type: 'CharField', value: 'ab', default: 'x', oneOff: 'o' },
  { name: 'beta', type: 'IntegerField', value: 1, default: 3, oneOff: 7 },
  { name: 'gamma', type: 'BooleanField', value: true, default: true, oneOff: false },
  { name: 'delta', type: 'TextField', value: 'cd', default: 'y', oneOff: 'o' },
  { name: 'epsilon_with_a_rather_long_name', type: 'PositiveIntegerField', value: 5, default: 2, oneOff: 1 },
] as const;

const fieldVersion = (entry: (typeof POOL)[number], nullable: boolean) =>
  fc.record({ withDefault: fc.boolean(), blank: fc.boolean(), wide: fc.boolean() }).map(({ withDefault, blank, wide }) => {
    const field: FieldDecl = { name: entry.name, type: entry.type };
    if (entry.type === 'CharField') field.max_length = wide ? 20 : 10;
    if (nullable) field.null = true;
    if (blank) field.blank = true;
    if (withDefault) field.default = entry.default;
    return field;
  });

/** One to four successive versions of the Note model's fields (at least one field each). */
export const history = fc.array(fc.boolean(), { minLength: POOL.length, maxLength: POOL.length }).chain((nullable) => {
  const version = fc.tuple(...POOL.map((entry, i) => fc.option(fieldVersion(entry, nullable[i]!), { nil: undefined }))).map((fields) => fields.filter((f): f is FieldDecl => f !== undefined)).filter((fields) => fields.length > 0);
  return fc.array(version, { minLength: 1, maxLength: 4 });
});

export const ONE_OFF = Object.fromEntries(POOL.map((entry) => [`tapp.Note.${entry.name}`, entry.oneOff]));

