/**
 * One session of the reference: a booted project plus the session's handles, receivers and the
 * events recorded while a command runs. Commands are dispatched to the handlers of each area
 * (`./commands/*.ts`); Django exceptions come back as `ok: false` responses.
 */
import type { Command, Op } from '../../conformance/contract/commands.js';
import type { Connection, ReceiverSpec } from '../../conformance/contract/actions.js';
import type { Response, SignalEvent, DjangoError } from '../../conformance/contract/results.js';
import type { Session } from '../../conformance/contract/implementation.js';
import type { Value } from '../../conformance/contract/values.js';
import { PyError } from '../orm/pyvalues.js';
import { ValidationError } from '../orm/validators.js';
import type { Project } from '../orm/project.js';
import type { Receiver, Signal } from '../signals/dispatcher.js';
import { Codec } from './codec.js';
import { Interpreter, interpreterExtensions, type Scope } from './interpreter.js';
import { sortForOutput } from '../orm/literals.js';

export type CommandHandler = (session: ReferenceSession, command: never) => Promise<Value>;
export type CommandTable = Partial<Record<Op, CommandHandler>>;

const handlers: CommandTable = {};

/** What built-in apps do in their own `ready()` (auth connects `update_last_login`). */
export const builtinReady = new Map<string, (session: ReferenceSession) => Promise<void> | void>();

/** Each area module registers its command handlers here. */
export function registerCommands(table: CommandTable): void {
  Object.assign(handlers, table);
}

export class ReferenceSession implements Session {
  readonly codec: Codec;
  readonly interpreter: Interpreter;
  private events: SignalEvent[] = [];
  /** Events recorded while no command was running (served HTTP requests), drained by `events`. */
  private pendingEvents: SignalEvent[] = [];
  private running = false;
  private readonly receiverFns = new Map<string, Receiver>();
  readonly importedModules = new Set<string>();
  /** Extra state areas keep per session (the HTTP server, the migration state...). */
  readonly extras = new Map<string, unknown>();
  /** Run when the session closes (a served HTTP server, ...). */
  readonly closers: Array<() => Promise<void>> = [];
  /** Set by the HTTP area: a Node request listener for in-process HTTP. */
  listener: Session['httpListener'];

  constructor(readonly project: Project) {
    this.codec = new Codec(project);
    this.interpreter = new Interpreter(project, this.codec);
  }

  httpListener?: Session['httpListener'] = () => {
    if (!this.listener) throw new Error('this session has no URLs');
    return this.listener();
  };

  async run(command: Command): Promise<Response> {
    const handler = handlers[command.op];
    if (!handler) throw new Error(`the reference does not implement the "${command.op}" command`);
    this.running = true;
    this.events = [];
    try {
      const value = await handler(this, command as never);
      return { ok: true, value, events: this.takeEvents() };
    } catch (e) {
      if (e instanceof PyError) return { ok: false, error: this.errorData(e), events: this.takeEvents() };
      throw e;
    } finally {
      this.running = false;
    }
  }

  /** Start-up: receiver calls made by `ready()` are start-up events, not pending ones. */
  async duringStartup(work: () => Promise<void>): Promise<void> {
    this.running = true;
    try {
      await work();
    } finally {
      this.running = false;
    }
  }

  async close(): Promise<void> {
    for (const close of this.closers.splice(0)) await close();
    await this.project.db.close();
  }

  takeEvents(): SignalEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  /** Events recorded outside commands so far (served HTTP), then forgotten. */
  drainPending(): SignalEvent[] {
    const events = this.pendingEvents;
    this.pendingEvents = [];
    return events;
  }

  record(event: SignalEvent): void {
    (this.running ? this.events : this.pendingEvents).push(event);
  }

  errorData(e: PyError): DjangoError {
    const data: DjangoError = { type: e.type, isa: e.isa, message: e.message };
    if (e instanceof ValidationError) {
      const fields: NonNullable<DjangoError['fields']> = {};
      for (const [name, messages] of e.byField ?? new Map([['__all__', e.messages]])) {
        fields[name] = messages.map((m) => ({ code: m.code, message: m.message }));
      }
      data.fields = fields;
    }
    for (const [key, value] of Object.entries(e.data)) {
      (data as Record<string, unknown>)[key] = key === 'objects' ? (value as unknown[]).map((o) => this.codec.encode(o)) : value;
    }
    return data;
  }

  // Receivers ------------------------------------------------------------------------------

  /** The function object for a declared receiver (one per id, so identity is stable). */
  receiverFunction(id: string): Receiver {
    const existing = this.receiverFns.get(id);
    if (existing) return existing;
    const spec = (this.project.setup.receivers ?? []).find((r) => r.id === id) as ReceiverSpec | undefined;
    if (!spec) throw new Error(`the case connects an undeclared receiver "${id}"`);
    const fn: Receiver = async ({ signal, sender, kwargs }) => {
      const event: SignalEvent = { receiver: id, signal: signal.name, sender: this.codec.encode(sender), kwargs: this.encodeKwargs(kwargs) };
      const observed: Value[] = [];
      this.record(event);
      const scope: Scope = { args: { sender, signal, ...kwargs }, vars: new Map(), observed, pkSet: kwargs.pk_set instanceof Set ? kwargs.pk_set : undefined };
      try {
        return (await this.interpreter.run(spec.do ?? [], scope)) ?? null;
      } finally {
        if (observed.length) event.observed = observed;
      }
    };
    Object.defineProperty(fn, 'name', { value: id });
    fn.isAsync = spec.async === true;
    fn.unreferenced = spec.kind === 'lambda';
    fn.acceptsKwargs = spec.accepts_kwargs !== false;
    this.receiverFns.set(id, fn);
    return fn;
  }

  private encodeKwargs(kwargs: Record<string, unknown>): Record<string, Value> {
    const out: Record<string, Value> = {};
    for (const [key, value] of Object.entries(kwargs)) {
      out[key] = value instanceof Set ? sortForOutput([...value].map((v) => this.codec.encode(v))) : this.codec.encode(value);
    }
    return out;
  }

  private signalsOf(connection: { signal: string | string[] }): Signal[] {
    const names = Array.isArray(connection.signal) ? connection.signal : [connection.signal];
    return names.map((name) => this.project.signals.get(name));
  }

  connect(connection: Connection): void {
    const fn = this.receiverFunction(connection.receiver);
    const debug = this.project.setup.settings?.DEBUG === true;
    for (const signal of this.signalsOf(connection)) {
      let sender = this.codec.decodeSender(connection.sender);
      if (connection.lazy_sender !== undefined) {
        // A model signal binds 'app_label.ModelName' once the model exists; the registry is
        // complete after start-up, so an unknown reference never binds (and never fires).
        sender = this.lazyModel(connection.lazy_sender);
        if (sender === undefined) continue;
      }
      signal.connect(fn, { sender, dispatchUid: connection.dispatch_uid, weak: connection.weak, debug });
    }
  }

  private lazyModel(reference: string): unknown {
    const [label, name] = reference.split('.');
    const config = this.project.apps.configs.find((c) => c.label === label);
    return config?.models.get((name ?? '').toLowerCase());
  }

  disconnect(options: { signal: string; receiver?: string; sender?: Value; dispatch_uid?: string }): boolean {
    const fn = options.receiver === undefined ? undefined : this.receiverFunction(options.receiver);
    return this.project.signals.get(options.signal).disconnect(fn, { sender: this.codec.decodeSender(options.sender), dispatchUid: options.dispatch_uid });
  }

  /**
   * Imports `<app name>.<module>` once, connecting its module-level receivers. A module that
   * names a model (and `models` itself) needs the app registry: during phase 1 that fails.
   */
  importModule(path: string): void {
    if (this.importedModules.has(path)) return;
    for (const spec of this.project.setup.apps) {
      if (path === `${spec.name}.models`) {
        this.project.apps.checkAppsReady();
        return;
      }
      for (const [name, module] of Object.entries(spec.modules ?? {})) {
        if (`${spec.name}.${name}` !== path) continue;
        if (module.connect.some((c) => typeof c.sender === 'object' && c.sender !== null && '$model' in c.sender)) this.project.apps.checkAppsReady();
        this.importedModules.add(path);
        const label = this.project.apps.configs.find((c) => c.spec === spec)?.label ?? spec.name;
        this.project.apps.startup.push({ event: 'module_imported', app: label, module: path });
        for (const connection of module.connect) this.connect(connection);
        return;
      }
    }
    throw new PyError('ModuleNotFoundError', `No module named '${path}'`, ['ImportError']);
  }
}

// Signal-related actions available to every body.
interpreterExtensions.action.push(async (interp, action, scope) => {
  const session = sessionOf(interp);
  if ('connect' in action) {
    session.connect(action.connect as Connection);
    return true;
  }
  if ('disconnect' in action) {
    session.disconnect(action.disconnect as Parameters<ReferenceSession['disconnect']>[0]);
    return true;
  }
  if ('import' in action) {
    const module = action.import as string;
    const app = scope.vars.get('__app__') as { name: string } | undefined;
    session.importModule(app ? `${app.name}.${module}` : module);
    return true;
  }
  if ('send' in action) {
    const spec = action.send as { signal: string; sender?: never; kwargs?: Record<string, never> };
    const sender = spec.sender === undefined ? null : await interp.expr(spec.sender, scope);
    const kwargs = await interp.exprMap(spec.kwargs ?? {}, scope);
    const signal = session.project.signals.get(spec.signal);
    await (action.robust ? signal.sendRobust(sender, kwargs) : signal.send(sender, kwargs));
    return true;
  }
  return false;
});

const sessions = new WeakMap<Interpreter, ReferenceSession>();
const sessionsByProject = new WeakMap<Project, ReferenceSession>();
export function bindSession(session: ReferenceSession): void {
  sessions.set(session.interpreter, session);
  sessionsByProject.set(session.project, session);
}
/** The session a project runs in (for ORM hooks that run declared bodies, such as a `save()` override). */
export function sessionOfProject(project: Project): ReferenceSession {
  const session = sessionsByProject.get(project);
  if (!session) throw new Error('project without a session');
  return session;
}
export function sessionOf(interp: Interpreter): ReferenceSession {
  const session = sessions.get(interp);
  if (!session) throw new Error('interpreter without a session');
  return session;
}
