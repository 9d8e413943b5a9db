/** Field-area additions to the interpreter: the `$slugify` expression. */
import { interpreterExtensions } from '../interpreter.js';
import { slugify } from '../../orm/text.js';
import { pyStr } from '../../orm/pyvalues.js';

interpreterExtensions.expr.push(async (interp, node, scope) => {
  if (!('$slugify' in node)) return undefined;
  return { value: slugify(pyStr(await interp.expr(node.$slugify as never, scope)), node.allow_unicode === true) };
});
