/**
 * The `related` command: a call on a related manager (`user.post_set.create(...)`,
 * `article.tags.add(...)`), with Django's argument conventions.
 */
import type { CommandOf } from '../../../conformance/contract/commands.js';
import type { Value } from '../../../conformance/contract/values.js';
import { getAttribute } from '../../orm/manager.js';
import { PyError } from '../../orm/pyvalues.js';
import { RelatedManager, ManyRelatedManager, assignRelated } from '../../orm/related-descriptors.js';
import { registerCommands, type ReferenceSession } from '../session.js';
import { assignHooks } from './models.js';

assignHooks.push(assignRelated);

type Manager = RelatedManager | ManyRelatedManager;

const METHODS = ['all', 'filter', 'count', 'exists', 'get', 'create', 'get_or_create', 'add', 'remove', 'clear', 'set'] as const;

async function call(session: ReferenceSession, manager: Manager, method: string, args: unknown[], kwargs: Record<string, unknown>): Promise<unknown> {
  const managerClass = manager instanceof RelatedManager ? 'RelatedManager' : 'ManyRelatedManager';
  if (!(METHODS as readonly string[]).includes(method)) throw new PyError('AttributeError', `'${managerClass}' object has no attribute '${method}'`);
  const { clear, bulk: _bulk, through_defaults: throughDefaults, ...rest } = kwargs;
  switch (method) {
    case 'all':
      return manager.all();
    case 'filter':
      return manager.all(rest);
    case 'count':
      return BigInt(await manager.count(rest));
    case 'exists':
      return (await manager.count(rest)) > 0;
    case 'get':
      return manager.get(rest);
    case 'create':
      return manager.create(rest);
    case 'get_or_create':
      if (!(manager instanceof RelatedManager)) throw new PyError('NotImplementedError', 'get_or_create on a many-to-many manager');
      return manager.getOrCreate(rest);
    case 'add':
      if (manager instanceof ManyRelatedManager) await manager.add(args, throughDefaults as Record<string, unknown> | undefined);
      else await manager.add(args);
      return null;
    case 'remove':
      await manager.remove(args);
      return null;
    case 'clear':
      await manager.clear();
      return null;
    case 'set': {
      const objs = args[0];
      if (!Array.isArray(objs)) throw new PyError('TypeError', `'${typeof objs}' object is not iterable`);
      await manager.set(objs, { clear: Boolean(clear) });
      return null;
    }
  }
  return null;
}

registerCommands({
  related: async (s, c: CommandOf<'related'>) => {
    const instance = s.codec.instance(c.obj.$h);
    const manager = await getAttribute(s.project, instance, c.attr);
    if (!(manager instanceof RelatedManager || manager instanceof ManyRelatedManager)) {
      throw new PyError('AttributeError', `'${instance.meta.objectName}' object attribute '${c.attr}' is not a related manager`);
    }
    const args = (c.args ?? []).map((a) => s.codec.decode(a));
    const kwargs = Object.fromEntries(Object.entries(c.kwargs ?? {}).map(([k, v]) => [k, s.codec.decode(v)]));
    const result = await call(s, manager, c.method, args, kwargs);
    return s.codec.encode(result) as Value;
  },
});
