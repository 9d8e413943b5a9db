import { specCase, expect } from '../support/index.js';
import { deletionOutcome } from '../support/deletion-oracle.js';
import { graphCases, deleteInGraph, expectedState } from '../support/deletion-graphs.js';

/**
 * Deleting one object or a queryset out of a random object graph (self references, cycles, fan-out, an
 * auto-created through table, a random on_delete per key, random delete receivers) ends as Django's
 * collector decides, computed by the oracle in spec/support/deletion-oracle.ts.
 */

specCase(
  {
    id: 'relations.deletion-graphs.outcome-matches-collector',
    rule: 'Deleting from any object graph fails with ProtectedError, RestrictedError or IntegrityError exactly when Django\'s collector does (with the same blocking rows), and otherwise removes the cascade closure, updates the SET_* referrers, returns the per-model counts and sends one pre_delete and one post_delete per deleted object.',
    behaviors: [
      'DEL-CASCADE', 'DEL-CASCADE-CYCLE', 'DEL-PROTECT-ERROR', 'DEL-PROTECT-BEATS-CASCADE', 'DEL-PROTECT-NO-SIDE-EFFECTS',
      'DEL-RESTRICT-ERROR', 'DEL-RESTRICT-SAME-QUERYSET', 'DEL-SET-NULL', 'DEL-SET-DEFAULT', 'DEL-DO-NOTHING', 'DEL-RETURN', 'DEL-ATOMIC', 'DEL-SIGNAL-PHASES',
    ],
    needs: ['delete.cascade', 'delete.protect', 'delete.restrict', 'delete.set', 'delete.do_nothing', 'signals.deletion', 'relations.m2m'],
    docs: 'ref/models/fields/#django.db.models.ForeignKey.on_delete',
    timeoutMs: 600_000,
  },
  async ({ open, property }) => {
    await property(graphCases, async (c) => {
      const observed = await deleteInGraph(open, c);
      const expected = deletionOutcome(c.graph, c.root);
      // Order-neutral: the signals as multisets, each object's pre before its post.
      const sortEvents = (events: Array<readonly [string, string, number]>) => events.map((e) => e.join(':')).sort();
      expect({
        error: observed.error && { type: observed.error.type, objects: observed.error.objects },
        result: observed.result,
        signals: sortEvents(observed.signals),
        state: observed.state,
      }).toEqual({
        error: expected.error && { type: expected.error.type, objects: expected.error.objects },
        result: expected.result,
        signals: sortEvents(expected.signals),
        state: expected.error ? expectedState(c.graph, [], []) : expectedState(c.graph, expected.deleted, expected.updated),
      });
      for (const [signal, model, pk] of observed.signals) {
        if (signal !== 'post_delete') continue;
        const pre = observed.signals.findIndex(([s, m, p]) => s === 'pre_delete' && m === model && p === pk);
        const post = observed.signals.findIndex(([s, m, p]) => s === 'post_delete' && m === model && p === pk);
        expect(pre).toBeLessThan(post);
      }
      const lastPre = observed.signals.map(([s]) => s).lastIndexOf('pre_delete');
      const firstPost = observed.signals.map(([s]) => s).indexOf('post_delete');
      if (firstPost >= 0) expect(lastPre).toBeLessThan(firstPost);
    }, { numRuns: 30 });
  },
);

specCase(
  {
    id: 'relations.deletion-graphs.django-exact-order-and-messages',
    rule: 'Django sends pre_delete model by model in its collector\'s dependency order (ascending pk within a model) and post_delete right after each model\'s DELETE (descending pk), and its ProtectedError and RestrictedError messages name the relations in the collector\'s order.',
    behaviors: ['DEL-SIGNAL-MODEL-ORDER', 'DEL-PROTECT-NESTED', 'DEL-PROTECT-MULTI', 'DEL-SIGNAL-THROUGH'],
    needs: ['delete.cascade', 'delete.protect', 'delete.restrict', 'delete.set', 'delete.do_nothing', 'signals.deletion', 'relations.m2m'],
    level: 'optional',
    docs: 'ref/signals/#pre-delete',
    timeoutMs: 600_000,
  },
  async ({ open, property }) => {
    await property(graphCases, async (c) => {
      const observed = await deleteInGraph(open, c);
      const expected = deletionOutcome(c.graph, c.root);
      expect({ error: observed.error, signals: observed.signals }).toEqual({ error: expected.error, signals: expected.signals });
    }, { numRuns: 20 });
  },
);
