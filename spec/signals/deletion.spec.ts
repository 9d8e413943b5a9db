import { specCase, fc, expect, model } from '../support/index.js';
import type { SignalEvent } from '../../conformance/contract/results.js';
import { AUTH_APP, CONTENTTYPES_APP, seedApp } from '../../fixtures/index.js';
import { usersApp } from './support.js';

const NOTE = 'tapp.Note';
const DOCS = 'ref/signals/#pre-delete';
const noteApp = { name: 'tapp', models: [{ name: 'Note', fields: [{ name: 'title', type: 'CharField' as const, max_length: 20 }] }] };
const watching = (senders: string[]) => ({
  receivers: [{ id: 'pre' }, { id: 'post' }],
  connect: senders.flatMap((s) => [
    { signal: 'pre_delete', receiver: 'pre', sender: model(s) },
    { signal: 'post_delete', receiver: 'post', sender: model(s) },
  ]),
});

/** [receiver, sender label, instance pk, origin] for each delete event. */
function deleteView(e: SignalEvent) {
  const instance = e.kwargs.instance as { $obj: { pk: unknown; h: string } };
  const origin = e.kwargs.origin as { $obj?: { h: string }; $queryset?: string };
  return [e.receiver, (e.sender as { $model: string }).$model, instance.$obj.pk, origin.$queryset ? { queryset: origin.$queryset } : { handle: origin.$obj?.h }, e.kwargs.using];
}

specCase(
  {
    id: 'signals.deletion.instance-delete-arguments',
    rule: 'obj.delete() sends pre_delete and post_delete with sender, instance, using and origin=obj; post_delete still sees the primary key, which delete() sets to None afterwards.',
    behaviors: ['SIG-DELETE-KWARGS'],
    needs: ['signals.deletion'],
    docs: DOCS,
    setup: { apps: [noteApp], ...watching([NOTE]) },
  },
  async ({ session }) => {
    await session.create(NOTE, { title: 'a' });
    const note = await session.create(NOTE, { title: 'b' });
    const result = await session.ok({ op: 'delete', obj: note.ref });
    const events = session.events.map(deleteView);
    expect({ result, events, pk: await session.ok({ op: 'read', obj: note.ref, attr: 'pk' }) }).toEqual({
      result: [1, { [NOTE]: 1 }],
      events: [['pre', NOTE, 2, { handle: note.h }, 'default'], ['post', NOTE, 2, { handle: note.h }, 'default']],
      pk: null,
    });
  },
);

specCase(
  {
    id: 'signals.deletion.queryset-delete-per-object',
    rule: 'QuerySet.delete() sends pre_delete for every object in ascending primary-key order, then post_delete in descending order, each with the QuerySet as origin.',
    behaviors: ['SIG-QS-DELETE-FIRES', 'SIG-DELETE-ORDER', 'SIG-DELETE-KWARGS'],
    needs: ['signals.deletion'],
    docs: 'ref/models/querysets/#delete',
    setup: { apps: [noteApp], ...watching([NOTE]) },
  },
  async ({ session, property }) => {
    await property(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.array(fc.boolean(), { minLength: 5, maxLength: 5 })), async ([n, chosen]) => {
      for (let i = 0; i < n; i++) await session.create(NOTE, { title: `n${i}` });
      const pks = [...Array(n).keys()].map((i) => i + 1).filter((pk) => chosen[pk - 1]);
      const result = await session.ok({ op: 'delete', model: NOTE, where: { pk__in: pks } });
      const origin = { queryset: NOTE };
      expect({ result, events: session.events.map(deleteView) }).toEqual({
        result: [pks.length, pks.length ? { [NOTE]: pks.length } : {}],
        events: [...pks.map((pk) => ['pre', NOTE, pk, origin, 'default']), ...[...pks].reverse().map((pk) => ['post', NOTE, pk, origin, 'default'])],
      });
    }, { numRuns: 20 });
  },
);

specCase(
  {
    id: 'signals.deletion.cascade-pre-delete-first',
    rule: 'Deleting a user with a profile sends pre_delete for the profile and then the user before deleting anything, then post_delete for the profile and the user; the cascaded profile\'s origin is the user.',
    behaviors: ['SIG-DELETE-ORDER', 'SIG-DELETE-KWARGS'],
    needs: ['signals.deletion', 'delete.cascade', 'relations.o2o', 'auth.users'],
    docs: DOCS,
    setup: { apps: [CONTENTTYPES_APP, AUTH_APP, usersApp()], ...watching(['auth.User', 'users.Profile']) },
  },
  async ({ session }) => {
    const user = await session.obj({ op: 'create_user', username: 'tito' });
    await session.create('users.Profile', { user: user.ref });
    await session.ok({ op: 'delete', obj: user.ref });
    const origin = { handle: user.h };
    expect(session.events.map(deleteView)).toEqual([
      ['pre', 'users.Profile', 1, origin, 'default'],
      ['pre', 'auth.User', 1, origin, 'default'],
      ['post', 'users.Profile', 1, origin, 'default'],
      ['post', 'auth.User', 1, origin, 'default'],
    ]);
  },
);

specCase(
  {
    id: 'signals.deletion.m2m-changed-basics',
    rule: 'add(), remove() and clear() on a many-to-many manager send m2m_changed pre_/post_ pairs from the through model with the pks involved (empty for a re-add, None for clear), and from the reverse side reverse=True.',
    behaviors: ['SIG-M2M-CHANGED'],
    needs: ['relations.m2m', 'signals.m2m_changed'],
    docs: 'ref/signals/#m2m-changed',
    setup: { apps: [seedApp('articles') as never], receivers: [{ id: 'changed' }], connect: [{ signal: 'm2m_changed', receiver: 'changed' }] },
  },
  async ({ session }) => {
    const article = await session.create('articles.Article', { title: 'a' });
    const tags = [await session.create('articles.Tag', { name: 't1' }), await session.create('articles.Tag', { name: 't2' })];
    const observed: unknown[] = [];
    const run = async (obj: { $h: string }, attr: string, method: string, args: { $h: string }[] = []) => {
      await session.ok({ op: 'related', obj, attr, method, args });
      observed.push(session.events.map((e) => [e.sender, e.kwargs.action, e.kwargs.reverse, e.kwargs.model, e.kwargs.pk_set, e.kwargs.using]));
    };
    await run(article.ref, 'tags', 'add', tags.map((t) => t.ref));
    await run(article.ref, 'tags', 'add', [tags[0]!.ref]);
    await run(article.ref, 'tags', 'remove', [tags[1]!.ref]);
    await run(article.ref, 'tags', 'clear');
    await run(tags[0]!.ref, 'article_set', 'add', [article.ref]);
    const through = { $model: 'articles.Article_tags' };
    const pair = (action: string, reverse: boolean, target: string, pkSet: unknown) =>
      [`pre_${action}`, `post_${action}`].map((a) => [through, a, reverse, { $model: target }, pkSet, 'default']);
    expect(observed).toEqual([
      pair('add', false, 'articles.Tag', [1, 2]),
      pair('add', false, 'articles.Tag', []),
      pair('remove', false, 'articles.Tag', [2]),
      pair('clear', false, 'articles.Tag', null),
      pair('add', true, 'articles.Article', [1]),
    ]);
  },
);
