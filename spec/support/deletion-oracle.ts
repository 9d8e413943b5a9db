/**
 * A pure model of what Django 5.2's deletion collector does, over plain data: given the models,
 * the foreign keys between them with their `on_delete`, the rows, which models have delete
 * receivers, and what is deleted (one instance or a queryset), it computes the outcome: the
 * error, the rows deleted and updated, `delete()`'s return value and the pre/post_delete
 * sequence. It reads like Django's documented algorithm (`django/db/models/deletion.py`):
 *
 * 1. collect: starting from the root rows, follow every relation pointing at collected rows.
 *    CASCADE collects the referencing rows (recursively), PROTECT fails at once, RESTRICT
 *    notes the rows and judges them at the end, SET_NULL / SET_DEFAULT / SET schedule updates,
 *    DO_NOTHING leaves the rows to the database. Relations whose referencing model has no
 *    receivers and nothing pointing at it are "fast": deleted by FK without being loaded.
 * 2. sort: models are deleted after the models that must go before them (non-null CASCADE and
 *    RESTRICT referrers); on a dependency cycle the discovery order is kept.
 * 3. delete: every pre_delete, the fast deletes, the updates, then per model its DELETE and its
 *    post_delete; at COMMIT a surviving row pointing at a deleted row fails the whole delete.
 *
 * It never touches an implementation; it is checked against real Django with
 * `tools/deletion-oracle/` (random graphs, Django on SQLite and PostgreSQL).
 */

export type Policy = 'CASCADE' | 'PROTECT' | 'RESTRICT' | 'SET_NULL' | 'SET_DEFAULT' | 'SET' | 'DO_NOTHING';

export interface GraphModel {
  /** The model's class name; its label is `<app>.<name>`. */
  name: string;
  /** An auto-created many-to-many through model: deleted and counted, but sends no signals. */
  autoCreated?: boolean;
}

export interface GraphRelation {
  /** The model declaring the foreign key. */
  model: string;
  field: string;
  /** The model it points at. */
  to: string;
  onDelete: Policy;
  nullable: boolean;
  /** The value SET_DEFAULT (the field's default) or SET(value) writes. */
  value?: number | null;
}

export interface Graph {
  app: string;
  /** In registration order (Django lists reverse relations by the referencing model's registration). */
  models: GraphModel[];
  /** In declaration order within each model. */
  relations: GraphRelation[];
  /** Rows by model: pk and the value of each FK field. */
  rows: Record<string, Array<{ pk: number; fks: Record<string, number | null> }>>;
  /** Models that have a pre_delete or post_delete receiver (a receiver without sender counts for all). */
  listened: string[];
}

export interface DeletionRoot {
  model: string;
  pks: number[];
  /** `QuerySet.delete()` rather than `instance.delete()` (then `pks` may be empty). */
  queryset: boolean;
}

export type RowRef = [model: string, pk: number];

export interface DeletionOutcome {
  error?: { type: 'ProtectedError' | 'RestrictedError' | 'IntegrityError'; message?: string; objects?: RowRef[] };
  /** Rows removed, sorted by model then pk (none when there is an error). */
  deleted: RowRef[];
  /** Surviving rows whose FK changed: [model, pk, field, new value], sorted. */
  updated: Array<[string, number, string, number | null]>;
  /** `delete()`'s return value: total and counts by label (absent on error). */
  result?: [number, Record<string, number>];
  /** Delete signals received by the listened models, in order: [signal, model, pk]. With an IntegrityError at COMMIT they were still sent. */
  signals: Array<['pre_delete' | 'post_delete', string, number]>;
}

class ProtectedFailure {
  constructor(readonly model: string, readonly keys: string[], readonly objects: RowRef[]) {}
}

const rowKey = (model: string, pk: number) => `${model}:${pk}`;

export function deletionOutcome(graph: Graph, root: DeletionRoot): DeletionOutcome {
  const label = (model: string) => `${graph.app}.${model}`;
  const modelOf = (name: string) => graph.models.find((m) => m.name === name)!;
  const order = graph.models.map((m) => m.name);
  /** Relations pointing at `model`, in Django's order: referencing models by registration, then fields. */
  const incoming = (model: string) =>
    graph.relations.filter((r) => r.to === model).sort((a, b) => order.indexOf(a.model) - order.indexOf(b.model));
  const listened = (model: string) => graph.listened.includes(model);
  const canFastDelete = (model: string) => !listened(model) && incoming(model).every((r) => r.onDelete === 'DO_NOTHING');
  const rowsOf = (model: string) => graph.rows[model] ?? [];
  const referencing = (rel: GraphRelation, pks: Set<number>) =>
    rowsOf(rel.model).filter((row) => row.fks[rel.field] !== null && pks.has(row.fks[rel.field]!)).map((row) => row.pk);

  // Phase 1: collect ------------------------------------------------------------------------------
  const data = new Map<string, Set<number>>();
  const dependencies = new Map<string, Set<string>>();
  const updates: Array<{ rel: GraphRelation; value: number | null; rows?: number[]; targets?: Set<number> }> = [];
  const restricted = new Map<string, Map<string, Set<number>>>();
  const fast: Array<{ model: string; matches: (pk: number) => boolean }> = [];

  const ensure = (model: string) => {
    if (!data.has(model)) data.set(model, new Set());
    return data.get(model)!;
  };
  const addDependency = (model: string, dependency: string) => {
    if (!dependencies.has(model)) dependencies.set(model, new Set());
    dependencies.get(model)!.add(dependency);
    ensure(dependency);
  };

  const collect = (model: string, pks: number[], source: string | null, nullable: boolean, top: boolean) => {
    if (pks.length === 0) return;
    const collected = ensure(model);
    const added = pks.filter((pk) => !collected.has(pk));
    for (const pk of added) collected.add(pk);
    if (source !== null && !nullable) addDependency(source, model);
    if (added.length === 0) return;
    const addedSet = new Set(added);

    const protectedByEdge = new Map<string, RowRef[]>();
    const fastHere = new Map<string, GraphRelation[]>();
    for (const rel of incoming(model)) {
      if (rel.onDelete === 'DO_NOTHING') continue;
      if (rel.onDelete === 'CASCADE' && canFastDelete(rel.model)) {
        fastHere.set(rel.model, [...(fastHere.get(rel.model) ?? []), rel]);
        continue;
      }
      // SET_NULL and SET(value) update whatever still points at these rows when the delete runs.
      if (rel.onDelete === 'SET_NULL' || rel.onDelete === 'SET') {
        updates.push({ rel, value: rel.onDelete === 'SET_NULL' ? null : rel.value ?? null, targets: addedSet });
        continue;
      }
      const sub = referencing(rel, addedSet);
      if (sub.length === 0) continue;
      const edge = `'${rel.model}.${rel.field}'`;
      try {
        if (rel.onDelete === 'CASCADE') collect(rel.model, sub, model, rel.nullable, false);
        else if (rel.onDelete === 'PROTECT') throw new ProtectedFailure(model, [edge], sub.map((pk) => [rel.model, pk]));
        else if (rel.onDelete === 'RESTRICT') {
          if (!restricted.has(rel.model)) restricted.set(rel.model, new Map());
          const byField = restricted.get(rel.model)!;
          if (!byField.has(rel.field)) byField.set(rel.field, new Set());
          for (const pk of sub) byField.get(rel.field)!.add(pk);
          addDependency(model, rel.model);
        } else updates.push({ rel, value: rel.value ?? null, rows: sub });
      } catch (e) {
        // A PROTECT found deeper is reported against the relation through which it was reached.
        if (!(e instanceof ProtectedFailure)) throw e;
        protectedByEdge.set(edge, [...(protectedByEdge.get(edge) ?? []), ...e.objects]);
      }
    }
    if (protectedByEdge.size) throw new ProtectedFailure(model, [...protectedByEdge.keys()], [...protectedByEdge.values()].flat());
    for (const [referrer, rels] of fastHere) {
      fast.push({ model: referrer, matches: (pk) => rels.some((rel) => referencing(rel, addedSet).includes(pk)) });
    }
    if (top) {
      // RESTRICT blocks only for rows that this same operation does not delete.
      for (const [referrer, byField] of restricted) {
        for (const pks of byField.values()) {
          for (const pk of [...pks]) if (data.get(referrer)?.has(pk) || fast.some((f) => f.model === referrer && f.matches(pk))) pks.delete(pk);
        }
      }
      const keys: string[] = [];
      const objects: RowRef[] = [];
      for (const [referrer, byField] of restricted) {
        for (const [field, pks] of byField) {
          if (pks.size === 0) continue;
          keys.push(`'${referrer}.${field}'`);
          for (const pk of pks) objects.push([referrer, pk]);
        }
      }
      if (keys.length) throw new RestrictedFailure(model, keys, objects);
    }
  };

  try {
    if (root.queryset && canFastDelete(root.model)) {
      const pks = new Set(root.pks);
      fast.push({ model: root.model, matches: (pk) => pks.has(pk) });
    } else {
      const existing = root.queryset ? rowsOf(root.model).map((r) => r.pk).filter((pk) => root.pks.includes(pk)) : root.pks;
      collect(root.model, existing, null, false, true);
    }
  } catch (e) {
    if (e instanceof ProtectedFailure || e instanceof RestrictedFailure) {
      const kind = e instanceof ProtectedFailure ? 'protected' : 'restricted';
      return {
        error: {
          type: e instanceof ProtectedFailure ? 'ProtectedError' : 'RestrictedError',
          message: `Cannot delete some instances of model '${root.model}' because they are referenced through ${kind} foreign keys: ${e.keys.join(', ')}.`,
          objects: sortRefs(uniqueRefs(e.objects)),
        },
        deleted: [],
        updated: [],
        signals: [],
      };
    }
    throw e;
  }

  // Phase 2: order ----------------------------------------------------------------------------------
  const models = [...data.keys()];
  let sorted: string[] = [];
  while (sorted.length < models.length) {
    let found = false;
    for (const model of models) {
      if (sorted.includes(model)) continue;
      if ([...(dependencies.get(model) ?? [])].every((d) => sorted.includes(d))) {
        sorted.push(model);
        found = true;
      }
    }
    if (!found) {
      sorted = models;
      break;
    }
  }

  // Phase 3: execute ----------------------------------------------------------------------------------
  const state = new Map<string, Map<number, Record<string, number | null>>>();
  for (const m of graph.models) state.set(m.name, new Map(rowsOf(m.name).map((r) => [r.pk, { ...r.fks }])));
  const counts = new Map<string, number>();
  const count = (model: string, n: number) => {
    if (n) counts.set(label(model), (counts.get(label(model)) ?? 0) + n);
  };
  const signals: DeletionOutcome['signals'] = [];
  const deleteRow = (model: string, pk: number) => state.get(model)!.delete(pk);
  const ascending = (model: string) => [...(data.get(model) ?? [])].sort((a, b) => a - b);

  const only = sorted.length === 1 ? ascending(sorted[0]!) : [];
  if (sorted.length === 1 && only.length === 1 && canFastDelete(sorted[0]!)) {
    // One object that nothing depends on and nobody listens to: a single DELETE, reported even if 0.
    const model = sorted[0]!;
    const n = deleteRow(model, only[0]!) ? 1 : 0;
    const dangling = danglingReference(graph, state);
    if (dangling) return integrityFailure(signals);
    return finish(graph, state, signals, [n, { [label(model)]: n }]);
  }

  for (const model of sorted) {
    if (modelOf(model).autoCreated || !listened(model)) continue;
    for (const pk of ascending(model)) signals.push(['pre_delete', model, pk]);
  }
  for (const f of fast) {
    let n = 0;
    for (const pk of [...state.get(f.model)!.keys()]) if (f.matches(pk) && deleteRow(f.model, pk)) n++;
    count(f.model, n);
  }
  for (const u of updates) {
    const rows = state.get(u.rel.model)!;
    for (const [pk, fks] of rows) {
      const hit = u.rows ? u.rows.includes(pk) : fks[u.rel.field] !== null && u.targets!.has(fks[u.rel.field]!);
      if (hit) fks[u.rel.field] = u.value;
    }
  }
  for (const model of sorted) {
    const pks = ascending(model).reverse();
    let n = 0;
    for (const pk of pks) if (deleteRow(model, pk)) n++;
    count(model, n);
    if (!modelOf(model).autoCreated && listened(model)) for (const pk of pks) signals.push(['post_delete', model, pk]);
  }
  if (danglingReference(graph, state)) return integrityFailure(signals);
  return finish(graph, state, signals, [[...counts.values()].reduce((a, b) => a + b, 0), Object.fromEntries(counts)]);
}

class RestrictedFailure {
  constructor(readonly model: string, readonly keys: string[], readonly objects: RowRef[]) {}
}

/** At COMMIT, Django's deferred foreign keys reject any row left pointing at a missing row. */
function danglingReference(graph: Graph, state: Map<string, Map<number, Record<string, number | null>>>): boolean {
  for (const rel of graph.relations) {
    for (const fks of state.get(rel.model)!.values()) {
      const target = fks[rel.field];
      if (target !== null && target !== undefined && !state.get(rel.to)!.has(target)) return true;
    }
  }
  return false;
}

function integrityFailure(signals: DeletionOutcome['signals']): DeletionOutcome {
  return { error: { type: 'IntegrityError' }, deleted: [], updated: [], signals };
}

function finish(
  graph: Graph,
  state: Map<string, Map<number, Record<string, number | null>>>,
  signals: DeletionOutcome['signals'],
  result: [number, Record<string, number>],
): DeletionOutcome {
  const deleted: RowRef[] = [];
  const updated: DeletionOutcome['updated'] = [];
  for (const m of graph.models) {
    for (const row of graph.rows[m.name] ?? []) {
      const now = state.get(m.name)!.get(row.pk);
      if (!now) {
        deleted.push([m.name, row.pk]);
        continue;
      }
      for (const [field, value] of Object.entries(row.fks)) if (now[field] !== value) updated.push([m.name, row.pk, field, now[field] ?? null]);
    }
  }
  return { deleted: sortRefs(deleted), updated: updated.sort(compareTuples), result, signals };
}

function uniqueRefs(refs: RowRef[]): RowRef[] {
  const seen = new Map<string, RowRef>();
  for (const r of refs) seen.set(rowKey(...r), r);
  return [...seen.values()];
}

export function sortRefs<T extends readonly unknown[]>(refs: T[]): T[] {
  return [...refs].sort(compareTuples);
}

function compareTuples(a: readonly unknown[], b: readonly unknown[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}
