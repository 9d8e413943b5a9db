/**
 * Model methods Django gives every model: `__str__` (the default "<Model> object (<pk>)" or a
 * declared template) and `__repr__` ("<Model: str>").
 */
import type { ModelInstance } from './instance.js';
import type { Project } from './project.js';
import { getAttribute } from './manager.js';
import { pyStr } from './pyvalues.js';

/** `str(instance)`: the declared template (`"{user.username}'s profile"`), else Django's default. */
export async function modelStr(project: Project, instance: ModelInstance): Promise<string> {
  const template = instance.meta.spec.str;
  if (template === undefined) return `${instance.meta.objectName} object (${pyStr(instance.pk)})`;
  let out = '';
  const pattern = /\{\{|\}\}|\{([^{}]+)\}/g;
  let last = 0;
  for (let m = pattern.exec(template); m; m = pattern.exec(template)) {
    out += template.slice(last, m.index);
    last = pattern.lastIndex;
    if (m[0] === '{{') out += '{';
    else if (m[0] === '}}') out += '}';
    else {
      let value: unknown = instance;
      for (const name of m[1]!.split('.')) value = await readPath(project, value, name);
      out += pyStr(value);
    }
  }
  return out + template.slice(last);
}

async function readPath(project: Project, value: unknown, name: string): Promise<unknown> {
  const { ModelInstance } = await import('./instance.js');
  if (value instanceof ModelInstance) return getAttribute(project, value, name);
  return (value as Record<string, unknown> | null)?.[name];
}

/** `repr(instance)`. */
export async function modelRepr(project: Project, instance: ModelInstance): Promise<string> {
  return `<${instance.meta.objectName}: ${await modelStr(project, instance)}>`;
}
