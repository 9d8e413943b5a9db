/**
 * Random object graphs for deletion cases: models with foreign keys carrying random `on_delete`
 * policies (self references, cycles through nullable keys, fan-out, an optional many-to-many),
 * a few rows, random delete receivers, and a random root (one instance or a queryset). Each graph
 * becomes a session setup and rows created through the contract; the observation is compared
 * with the oracle (`deletion-oracle.ts`).
 */
import * as fc from 'fast-check';
import type { SessionSetup } from '../../conformance/contract/schema.js';
import type { Value } from '../../conformance/contract/values.js';
import type { SpecSession } from './session.js';
import type { CaseContext } from './harness.js';
import type { Graph, GraphRelation, DeletionRoot, Policy, RowRef } from './deletion-oracle.js';

export const APP = 'del';
const POLICIES: Policy[] = ['CASCADE', 'PROTECT', 'RESTRICT', 'SET_NULL', 'SET_DEFAULT', 'SET', 'DO_NOTHING'];

export interface GraphCase {
  graph: Graph;
  root: DeletionRoot;
  /** Through-model rows come from `add()` on this field, when the graph has one. */
  m2m?: { model: string; to: string; links: Array<[number, number]> };
  /** `all`: one receiver without sender; otherwise receivers connected per model. */
  listenAll: boolean;
}

/**
 * Keys that are NOT NULL point at a model declared no later than their own (a self reference
 * points at a row created no later), so the rows can be created one by one; nullable keys may
 * point anywhere and are filled in afterwards, which is where cycles come from.
 */
export const graphCases: fc.Arbitrary<GraphCase> = fc
  .record({
    size: fc.integer({ min: 2, max: 5 }),
    seeds: fc.array(fc.record({ to: fc.nat(), policy: fc.constantFrom(...POLICIES), nullable: fc.boolean() }), { minLength: 10, maxLength: 10 }),
    fkCounts: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 5, maxLength: 5 }),
    rowCounts: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 5, maxLength: 5 }),
    picks: fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
    m2m: fc.option(fc.record({ from: fc.nat(), to: fc.nat(), links: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }) }), { nil: undefined }),
    listen: fc.constantFrom('none', 'all', 'some'),
    listenMask: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    root: fc.record({ model: fc.nat(), queryset: fc.boolean(), mask: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), pick: fc.nat() }),
  })
  .map(({ size, seeds, fkCounts, rowCounts, picks, m2m, listen, listenMask, root }) => {
    let pickIndex = 0;
    const pick = (n: number) => picks[pickIndex++ % picks.length]! % n;
    const names = Array.from({ length: size }, (_, i) => `M${i}`);
    const relations: GraphRelation[] = [];
    let seedIndex = 0;
    names.forEach((name, i) => {
      for (let k = 0; k < fkCounts[i]!; k++) {
        const seed = seeds[seedIndex++]!;
        const nullable = seed.policy === 'SET_NULL' || seed.nullable;
        const to = names[nullable ? seed.to % size : seed.to % (i + 1)]!;
        const rel: GraphRelation = { model: name, field: `f${k}`, to, onDelete: seed.policy, nullable };
        if (seed.policy === 'SET_DEFAULT' || seed.policy === 'SET') rel.value = 1;
        relations.push(rel);
      }
    });
    const rows: Graph['rows'] = {};
    names.forEach((name, i) => {
      rows[name] = Array.from({ length: rowCounts[i]! }, (_, r) => {
        const pk = r + 1;
        const fks: Record<string, number | null> = {};
        for (const rel of relations.filter((x) => x.model === name)) {
          const available = rel.to === name && !rel.nullable ? pk : rowCounts[names.indexOf(rel.to)]!;
          fks[rel.field] = rel.nullable && pick(3) === 0 ? null : pick(available) + 1;
        }
        return { pk, fks };
      });
    });
    const models: Graph['models'] = [];
    let through: GraphCase['m2m'];
    const m2mFrom = m2m ? names[m2m.from % size]! : undefined;
    for (const name of names) {
      if (m2m && name === m2mFrom) {
        const to = names[m2m.to % size]!;
        const throughName = `${name}_tags`;
        const [src, dst] = to === name ? [`from_${name.toLowerCase()}`, `to_${name.toLowerCase()}`] : [name.toLowerCase(), to.toLowerCase()];
        const links = [...new Map(m2m.links.map(([a, b]) => [`${a % rows[name]!.length}:${b % rows[to]!.length}`, [(a % rows[name]!.length) + 1, (b % rows[to]!.length) + 1] as [number, number]])).values()];
        models.push({ name: throughName, autoCreated: true });
        relations.push({ model: throughName, field: src, to: name, onDelete: 'CASCADE', nullable: false });
        relations.push({ model: throughName, field: dst, to, onDelete: 'CASCADE', nullable: false });
        rows[throughName] = links.map(([a, b], i) => ({ pk: i + 1, fks: { [src]: a, [dst]: b } }));
        through = { model: name, to, links };
      }
      models.push({ name });
    }
    const listened = listen === 'all' ? models.map((m) => m.name) : listen === 'some' ? names.filter((_, i) => listenMask[i]) : [];
    const rootModel = names[root.model % size]!;
    const pks = rows[rootModel]!.map((r) => r.pk);
    const chosen = root.queryset ? pks.filter((_, i) => root.mask[i]) : [pks[root.pick % pks.length]!];
    const graph: Graph = { app: APP, models, relations, rows, listened };
    return { graph, root: { model: rootModel, pks: chosen, queryset: root.queryset }, m2m: through, listenAll: listen === 'all' };
  });

/** The session setup for a graph: one app, the models with their keys, a recording receiver. */
export function graphSetup(c: GraphCase): SessionSetup {
  const { graph } = c;
  const models = graph.models.filter((m) => !m.autoCreated).map((m) => ({
    name: m.name,
    fields: [
      ...graph.relations.filter((r) => r.model === m.name).map((r) => ({
        name: r.field,
        type: 'ForeignKey' as const,
        to: r.to,
        on_delete: r.onDelete === 'SET' ? { SET: r.value ?? null } : r.onDelete,
        null: r.nullable,
        related_name: `${m.name.toLowerCase()}_${r.field}_rev`,
        ...(r.onDelete === 'SET_DEFAULT' && { default: r.value ?? null }),
      })),
      ...(c.m2m?.model === m.name ? [{ name: 'tags', type: 'ManyToManyField' as const, to: c.m2m.to, related_name: 'tagged_by', symmetrical: false }] : []),
    ],
  }));
  const signals = ['pre_delete', 'post_delete'];
  const connect = c.listenAll
    ? [{ signal: signals, receiver: 'listener' }]
    : graph.listened.map((name) => ({ signal: signals, receiver: 'listener', sender: { $model: `${APP}.${name}` } }));
  return { apps: [{ name: APP, models }], receivers: [{ id: 'listener' }], connect };
}

/** Creates the graph's rows: NOT NULL keys at creation, nullable keys afterwards, then the links. */
export async function createRows(session: SpecSession, c: GraphCase): Promise<void> {
  const { graph } = c;
  const real = graph.models.filter((m) => !m.autoCreated).map((m) => m.name);
  for (const name of real) {
    const rels = graph.relations.filter((r) => r.model === name);
    for (const row of graph.rows[name]!) {
      const values: Record<string, Value> = { id: row.pk };
      // Nullable keys start as NULL (not their default, which may point at a row not created yet).
      for (const rel of rels) values[`${rel.field}_id`] = rel.nullable ? null : row.fks[rel.field]!;
      await session.ok({ op: 'create', model: `${APP}.${name}`, values });
    }
  }
  for (const name of real) {
    const rels = graph.relations.filter((r) => r.model === name && r.nullable);
    for (const row of graph.rows[name]!) {
      const values: Record<string, Value> = {};
      for (const rel of rels) if (row.fks[rel.field] !== null) values[`${rel.field}_id`] = row.fks[rel.field]!;
      if (Object.keys(values).length) await session.ok({ op: 'update', model: `${APP}.${name}`, where: { pk: row.pk }, values });
    }
  }
  if (c.m2m) {
    for (const [a, b] of c.m2m.links) {
      const owner = await session.obj({ op: 'get', model: `${APP}.${c.m2m.model}`, where: { pk: a } });
      await session.ok({ op: 'related', obj: owner.ref, attr: 'tags', method: 'add', args: [b] });
    }
  }
}

export interface GraphObservation {
  error?: { type: string; message?: string; objects?: RowRef[] };
  result?: [number, Record<string, number>];
  signals: Array<[string, string, number]>;
  /** Every model's rows after the delete: [pk, {field: value}]. */
  state: Record<string, Array<[number, Record<string, number | null>]>>;
}

const modelName = (label: string) => label.slice(APP.length + 1);

/** Deletes the root through the contract and reads back everything the oracle predicts. */
export async function observeDeletion(session: SpecSession, c: GraphCase): Promise<GraphObservation> {
  const { root, graph } = c;
  const response = root.queryset
    ? await session.run({ op: 'delete', model: `${APP}.${root.model}`, where: { pk__in: root.pks } })
    : await session.run({ op: 'delete', obj: (await session.obj({ op: 'get', model: `${APP}.${root.model}`, where: { pk: root.pks[0]! } })).ref });
  const signals = response.events
    .filter((e) => e.signal === 'pre_delete' || e.signal === 'post_delete')
    .map((e) => {
      const instance = (e.kwargs.instance as { $obj: { model: string; pk: number } }).$obj;
      return [e.signal, modelName(instance.model), instance.pk] as [string, string, number];
    });
  const observation: GraphObservation = { signals, state: {} };
  if (response.ok) observation.result = response.value as [number, Record<string, number>];
  else {
    const error = response.error;
    observation.error = { type: error.type };
    if (error.type !== 'IntegrityError') {
      observation.error.message = error.message;
      observation.error.objects = (error.objects ?? [])
        .map((o) => (o as { $obj: { model: string; pk: number } }).$obj)
        .map((o) => [modelName(o.model), o.pk] as RowRef)
        .sort((a, b) => (a[0] === b[0] ? a[1] - b[1] : a[0] < b[0] ? -1 : 1));
    }
  }
  for (const m of graph.models) {
    const fields = graph.relations.filter((r) => r.model === m.name).map((r) => r.field);
    const rows = (await session.ok({ op: 'values', model: `${APP}.${m.name}`, fields: ['id', ...fields.map((f) => `${f}_id`)], order_by: ['id'] })) as Array<Record<string, number | null>>;
    observation.state[m.name] = rows.map((row) => [row.id!, Object.fromEntries(fields.map((f) => [f, row[`${f}_id`] ?? null]))]);
  }
  return observation;
}

/** Boots the graph's project in a session of its own, creates its rows, deletes the root and observes. */
export async function deleteInGraph(open: CaseContext['open'], c: GraphCase): Promise<GraphObservation> {
  const opened = await open(graphSetup(c));
  if (!opened.ok) throw new Error(`the graph's project failed to start: ${opened.error.type}: ${opened.error.message}`);
  try {
    await createRows(opened.session, c);
    return await observeDeletion(opened.session, c);
  } finally {
    await opened.session.close();
  }
}

/** The rows the oracle says remain, in the observation's shape. */
export function expectedState(graph: Graph, deleted: RowRef[], updated: Array<[string, number, string, number | null]>): GraphObservation['state'] {
  const state: GraphObservation['state'] = {};
  for (const m of graph.models) {
    state[m.name] = (graph.rows[m.name] ?? [])
      .filter((r) => !deleted.some(([dm, dpk]) => dm === m.name && dpk === r.pk))
      .map((r) => {
        const fks = { ...r.fks };
        for (const [um, upk, field, value] of updated) if (um === m.name && upk === r.pk) fks[field] = value;
        return [r.pk, fks];
      });
  }
  return state;
}
