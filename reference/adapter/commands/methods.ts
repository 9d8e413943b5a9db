/**
 * Model methods a project writes: `get_absolute_url()` from a named route, a `save()` override
 * around `super().save()`, and the expressions they use (`$slugify`, `$reverse`), plus the
 * `reverse` command.
 */
import type { CommandOf } from '../../../conformance/contract/commands.js';
import type { Expr } from '../../../conformance/contract/actions.js';
import type { Value } from '../../../conformance/contract/values.js';
import { modelHooks } from '../../orm/manager.js';
import { slugify } from '../../orm/text.js';
import { pyStr } from '../../orm/pyvalues.js';
import { reverse } from '../../urls/reverse.js';
import { interpreterExtensions, methodCalls } from '../interpreter.js';
import { registerCommands, sessionOfProject } from '../session.js';

interpreterExtensions.expr.push(async (interp, node, scope) => {
  if ('$slugify' in node) {
    const value = await interp.expr(node.$slugify as Expr, scope);
    return { value: slugify(await interp.str(value), node.allow_unicode === true) };
  }
  if ('$reverse' in node) {
    const spec = node.$reverse as { name: string; args?: Expr[]; kwargs?: Record<string, Expr> };
    const args = await Promise.all((spec.args ?? []).map((e) => interp.expr(e, scope)));
    const kwargs = await interp.exprMap(spec.kwargs ?? {}, scope);
    return { value: reverse(interp.project.setup.urls ?? [], spec.name, args, kwargs) };
  }
  return undefined;
});

methodCalls.handlers.push(async (interp, self, method) => {
  const spec = self.meta.spec.absolute_url;
  if (method !== 'get_absolute_url' || !spec) return undefined;
  const scope = { args: {}, self, vars: new Map<string, unknown>() };
  const args = await Promise.all((spec.args ?? []).map((e) => interp.expr(e, scope)));
  const kwargs = await interp.exprMap(spec.kwargs ?? {}, scope);
  return { value: reverse(interp.project.setup.urls ?? [], spec.route, args, kwargs) };
});

modelHooks.saveOverride = async (project, instance, callSuper) => {
  const spec = instance.meta.spec.save_override!;
  const { interpreter } = sessionOfProject(project);
  // One Python function: the steps before and after super().save() share their locals.
  const scope = { args: {}, self: instance, vars: new Map<string, unknown>() };
  await interpreter.run(spec.before, scope);
  if (spec.call_super) await callSuper();
  await interpreter.run(spec.after, scope);
};

registerCommands({
  reverse: async (s, c: CommandOf<'reverse'>) => {
    const decode = (v: Value) => s.codec.decode(v);
    const url = reverse(s.project.setup.urls ?? [], c.name, (c.args ?? []).map(decode), Object.fromEntries(Object.entries(c.kwargs ?? {}).map(([k, v]) => [k, decode(v)])));
    if (!c.query) return url;
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(c.query)) for (const item of Array.isArray(v) ? v : [v]) query.append(k, pyStr(item));
    return `${url}?${query.toString()}`;
  },
});
