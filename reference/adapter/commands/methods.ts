/**
 * Model methods a project writes: `get_absolute_url()` as `reverse(route, args=..., kwargs=...)`,
 * a `save()` override around `super().save()`, and the `$slugify` expression they use
 * (`reverse()` itself belongs to the URL area).
 */
import type { Expr } from '../../../conformance/contract/actions.js';
import { modelHooks } from '../../orm/manager.js';
import { slugify } from '../../orm/text.js';
import { interpreterExtensions, methodCalls } from '../interpreter.js';
import { sessionOfProject } from '../session.js';

interpreterExtensions.expr.push(async (interp, node, scope) => {
  if (!('$slugify' in node)) return undefined;
  const value = await interp.expr(node.$slugify as Expr, scope);
  return { value: slugify(await interp.str(value), node.allow_unicode === true) };
});

methodCalls.handlers.push(async (interp, self, method) => {
  const spec = self.meta.spec.absolute_url;
  if (method !== 'get_absolute_url' || !spec) return undefined;
  const node = { $reverse: { name: spec.route, ...(spec.args && { args: spec.args }), ...(spec.kwargs && { kwargs: spec.kwargs }) } } as Expr;
  return { value: await interp.expr(node, { args: {}, self, vars: new Map() }) };
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
