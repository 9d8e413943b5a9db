/**
 * Runs the declarative bodies of the contract (receivers, `ready()`, views, model methods) as
 * the Python code they stand for would run. Expressions keep Python's semantics: attribute
 * reads go through the model API (and can raise), arithmetic follows Python's numeric tower.
 */
import type { Action, Expr } from '../../conformance/contract/actions.js';
import { isExprNode } from '../../conformance/contract/actions.js';
import type { Value } from '../../conformance/contract/values.js';
import { ModelInstance } from '../orm/instance.js';
import { create, getAttribute, save, count, filter, modelHooks } from '../orm/manager.js';
import { deleteInstance } from '../orm/deletion.js';
import { Decimal, PyError, pyStr } from '../orm/pyvalues.js';
import type { Project } from '../orm/project.js';
import type { Codec } from './codec.js';
import { pythonBinary, pythonUnary } from './python-ops.js';
import { modelStr } from '../orm/methods.js';

/**
 * A Python object other than a model instance that bodies can use as `self` (a class-based
 * view instance): attribute reads and writes and method calls go through it.
 */
export interface PyObject {
  readonly pyObject: true;
  getAttr(name: string): unknown;
  setAttr(name: string, value: unknown): void;
  callMethod(name: string, args: unknown[]): Promise<unknown>;
}

export function isPyObject(v: unknown): v is PyObject {
  return typeof v === 'object' && v !== null && (v as { pyObject?: unknown }).pyObject === true;
}

/** Where a body runs: its arguments (receiver kwargs, method params, URL captures), `self`, locals. */
export interface Scope {
  args: Record<string, unknown>;
  self?: ModelInstance | PyObject;
  vars: Map<string, unknown>;
  /** Where `record` appends (the current receiver call's event). */
  observed?: Value[];
  /** Receiver-only: the `pk_set` being dispatched, which `pk_set_discard` may change. */
  pkSet?: Set<unknown>;
}

/** Signalled by `return`; carries the value out of nested `if` bodies. */
class Return {
  constructor(readonly value: unknown) {}
}

/** Extension points for the areas that add expressions and actions (views, methods). */
export const interpreterExtensions = {
  expr: [] as Array<(interp: Interpreter, node: Record<string, unknown>, scope: Scope) => Promise<{ value: unknown } | undefined>>,
  action: [] as Array<(interp: Interpreter, action: Record<string, unknown>, scope: Scope) => Promise<boolean>>,
};

export class Interpreter {
  constructor(readonly project: Project, readonly codec: Codec) {}

  /** Runs a body; returns what it `return`s (undefined when it returns nothing: Python's None). */
  async run(body: Action[], scope: Scope): Promise<unknown> {
    try {
      await this.block(body, scope);
      return undefined;
    } catch (e) {
      if (e instanceof Return) return e.value;
      throw e;
    }
  }

  private async block(body: Action[], scope: Scope): Promise<void> {
    for (const action of body) await this.action(action, scope);
  }

  private async action(action: Action, scope: Scope): Promise<void> {
    const a = action;
    if ('return' in a) throw new Return(await this.expr(a.return, scope));
    if ('raise' in a) throw new PyError(a.raise.type, a.raise.message ?? '');
    if ('create' in a) {
      const meta = this.project.model(a.create.model);
      const values = await this.exprMap(a.create.values ?? {}, scope);
      const created = await create(this.project, meta, values);
      if (a.as) scope.vars.set(a.as, created);
      return;
    }
    if ('save' in a) {
      const target = await this.instanceOf(a.save, scope, 'save');
      await save(this.project, target, { updateFields: a.update_fields });
      return;
    }
    if ('set' in a) {
      const object = await this.expr(a.set, scope);
      if (isPyObject(object)) {
        for (const [name, expr] of Object.entries(a.values)) object.setAttr(name, await this.expr(expr, scope));
        return;
      }
      if (!(object instanceof ModelInstance)) throw new PyError('AttributeError', `'${typeName(object)}' object has no attribute 'set'`);
      const target = object;
      for (const [name, expr] of Object.entries(a.values)) {
        const value = await this.expr(expr, scope);
        // `obj.user = x` goes through the relation (type check, `<name>_id`, cache), as Python's descriptor does.
        if (modelHooks.assignRelation.some((assign) => assign(target, name, value))) continue;
        const field = target.meta.field(name);
        target.set(field?.attname ?? name, value);
      }
      return;
    }
    if ('delete' in a) {
      await deleteInstance(this.project, await this.instanceOf(a.delete, scope, 'delete'));
      return;
    }
    if ('let' in a) {
      scope.vars.set(a.let, await this.expr(a.be, scope));
      return;
    }
    if ('record' in a) {
      scope.observed?.push(this.codec.encode(await this.expr(a.record, scope)));
      return;
    }
    if ('if' in a) {
      const test = await this.expr(a.if, scope);
      await this.block(truthy(test) ? a.then : (a.else ?? []), scope);
      return;
    }
    if ('pk_set_discard' in a) {
      for (const expr of a.pk_set_discard) {
        const v = await this.expr(expr, scope);
        for (const existing of scope.pkSet ?? []) if (String(existing) === String(v)) scope.pkSet!.delete(existing);
      }
      return;
    }
    if ('eval' in a) {
      await this.expr(a.eval, scope);
      return;
    }
    for (const extension of interpreterExtensions.action) if (await extension(this, a as unknown as Record<string, unknown>, scope)) return;
    throw new Error(`the reference does not implement the action ${JSON.stringify(Object.keys(a))}`);
  }

  async exprMap(map: Record<string, Expr>, scope: Scope): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const [k, e] of Object.entries(map)) out[k] = await this.expr(e, scope);
    return out;
  }

  private async instanceOf(expr: Expr, scope: Scope, what: string): Promise<ModelInstance> {
    const v = await this.expr(expr, scope);
    if (!(v instanceof ModelInstance)) throw new PyError('AttributeError', `'${typeName(v)}' object has no attribute '${what}'`);
    return v;
  }

  async expr(expr: Expr, scope: Scope): Promise<unknown> {
    if (!isExprNode(expr)) return this.codec.decode(expr as Value);
    const node = expr as Record<string, unknown>;
    if ('$arg' in node) {
      const name = node.$arg as string;
      if (!(name in scope.args)) throw new PyError('KeyError', `'${name}'`);
      return scope.args[name];
    }
    if ('$self' in node) {
      if (!scope.self) throw new PyError('NameError', "name 'self' is not defined");
      return scope.self;
    }
    if ('$var' in node) {
      const name = node.$var as string;
      if (!scope.vars.has(name)) throw new PyError('NameError', `name '${name}' is not defined`);
      return scope.vars.get(name);
    }
    if ('$get' in node) {
      const [base, ...path] = node.$get as [Expr, ...string[]];
      let value = await this.expr(base, scope);
      for (const name of path) value = await this.attribute(value, name);
      return value;
    }
    if ('$op' in node) {
      const args = await Promise.all((node.args as Expr[]).map((e) => this.expr(e, scope)));
      const op = node.$op as string;
      return args.length === 1 ? pythonUnary(op, args[0]) : pythonBinary(op, args[0], args[1]);
    }
    if ('$str' in node) return this.str(await this.expr(node.$str as Expr, scope));
    if ('$format' in node) {
      const args = await Promise.all(((node.args as Expr[] | undefined) ?? []).map((e) => this.expr(e, scope)));
      const parts: string[] = [];
      for (const a of args) parts.push(await this.str(a));
      return (node.$format as string).replace(/\{(\d+)\}/g, (_, i: string) => parts[Number(i)] ?? '');
    }
    if ('$count' in node) {
      const spec = node.$count as { model: string; where?: Record<string, Expr> };
      return BigInt(await count(this.project, this.project.model(spec.model), await this.exprMap(spec.where ?? {}, scope)));
    }
    if ('$exists' in node) {
      const spec = node.$exists as { model: string; where?: Record<string, Expr> };
      return (await count(this.project, this.project.model(spec.model), await this.exprMap(spec.where ?? {}, scope))) > 0;
    }
    if ('$values' in node) {
      const spec = node.$values as { model: string; where?: Record<string, Expr>; order_by?: string[]; fields?: string[] };
      const meta = this.project.model(spec.model);
      const rows = await filter(this.project, meta, await this.exprMap(spec.where ?? {}, scope), undefined, spec.order_by);
      return rows.map((row) => Object.fromEntries(row.snapshot().filter(([k]) => !spec.fields || spec.fields.includes(k))));
    }
    if ('$call' in node) {
      const [target, method, ...argExprs] = node.$call as [Expr, string, ...Expr[]];
      const self = await this.expr(target, scope);
      const args = await Promise.all(argExprs.map((e) => this.expr(e, scope)));
      return this.callMethod(self, method, args);
    }
    for (const extension of interpreterExtensions.expr) {
      const found = await extension(this, node, scope);
      if (found) return found.value;
    }
    throw new Error(`the reference does not implement the expression ${JSON.stringify(Object.keys(node))}`);
  }

  async attribute(value: unknown, name: string): Promise<unknown> {
    if (value instanceof ModelInstance) return getAttribute(this.project, value, name);
    if (isPyObject(value)) return value.getAttr(name);
    if (value && typeof value === 'object' && !(value instanceof Decimal) && name in value) return (value as Record<string, unknown>)[name];
    throw new PyError('AttributeError', `'${typeName(value)}' object has no attribute '${name}'`);
  }

  /** Calls a declared model method (`methods` in the schema). */
  async callMethod(self: unknown, method: string, args: unknown[]): Promise<unknown> {
    if (isPyObject(self)) return self.callMethod(method, args);
    if (!(self instanceof ModelInstance)) throw new PyError('AttributeError', `'${typeName(self)}' object has no attribute '${method}'`);
    const spec = self.meta.spec.methods?.find((m) => m.name === method);
    if (!spec) return methodCalls.call(this, self, method, args);
    const argMap: Record<string, unknown> = {};
    spec.params.forEach((p, i) => (argMap[p] = args[i]));
    return this.run(spec.body, { args: argMap, self, vars: new Map() });
  }

  async str(v: unknown): Promise<string> {
    if (v instanceof ModelInstance) return modelStr(this.project, v);
    return pyStr(v);
  }
}

/** Built-in instance methods reachable through `$call` (`get_absolute_url`, ...); areas add theirs. */
export const methodCalls = {
  handlers: [] as Array<(interp: Interpreter, self: ModelInstance, method: string, args: unknown[]) => Promise<{ value: unknown } | undefined>>,
  async call(interp: Interpreter, self: ModelInstance, method: string, args: unknown[]): Promise<unknown> {
    for (const handler of this.handlers) {
      const found = await handler(interp, self, method, args);
      if (found) return found.value;
    }
    throw new PyError('AttributeError', `'${self.meta.objectName}' object has no attribute '${method}'`);
  },
};

export function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === '' || v === 0 || v === 0n) return false;
  if (v instanceof Decimal) return !v.isZero();
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Set) return v.size > 0;
  return true;
}

export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'float';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof Decimal) return 'decimal.Decimal';
  if (v instanceof ModelInstance) return v.meta.objectName;
  if (Array.isArray(v)) return 'list';
  return 'object';
}
