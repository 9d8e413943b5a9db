/**
 * A case's view of an open session: run commands and get Django's answer as data, with
 * assertions that print the whole Django error when a call unexpectedly fails (or succeeds).
 */
import type { Command } from '../../conformance/contract/commands.js';
import type { DjangoError, Response, SignalEvent, StartupEvent } from '../../conformance/contract/results.js';
import type { ObjRef, Value } from '../../conformance/contract/values.js';
import type { GuardedSession } from '../../conformance/runner/guard.js';
import type { Hello } from '../../conformance/contract/results.js';

/** An instance as a case holds it: its reported state plus `ref`, the handle to pass back. */
export interface Obj extends ObjRef {
  ref: { $h: string };
}

export function describeError(error: DjangoError): string {
  const fields = error.fields ? ` ${JSON.stringify(error.fields)}` : '';
  return `${error.type}${error.message ? `: ${error.message}` : ''}${fields}`;
}

export class SpecSession {
  /** Receiver calls made by the last command, in order. */
  events: SignalEvent[] = [];

  constructor(
    private readonly inner: GuardedSession,
    readonly hello: Hello,
    /** What start-up reported (apps imported, models loaded, ready() calls) and the receiver calls it made. */
    readonly startup: StartupEvent[],
    readonly startupEvents: SignalEvent[],
  ) {}

  /** The database profile the implementation follows (`postgresql` or `sqlite`). */
  get vendor(): string {
    return this.hello.database.vendor;
  }

  get httpListener() {
    return this.inner.httpListener;
  }

  async run(command: Command): Promise<Response> {
    const response = await this.inner.run(command);
    this.events = response.events;
    return response;
  }

  /** Runs a command that must succeed and returns its value. */
  async ok(command: Command): Promise<Value> {
    const response = await this.run(command);
    if (!response.ok) throw new Error(`"${command.op}" raised ${describeError(response.error)} where Django succeeds`);
    return response.value;
  }

  /** Runs a command that must raise and returns Django's error as data. */
  async error(command: Command): Promise<DjangoError> {
    const response = await this.run(command);
    if (response.ok) throw new Error(`"${command.op}" succeeded (returned ${JSON.stringify(response.value)}) where Django raises`);
    return response.error;
  }

  /** Runs a command that returns one instance. */
  async obj(command: Command): Promise<Obj> {
    return toObj(await this.ok(command));
  }

  async objs(command: Command): Promise<Obj[]> {
    const value = await this.ok(command);
    if (!Array.isArray(value)) throw new Error(`"${command.op}" returned ${JSON.stringify(value)}, not a list of instances`);
    return value.map(toObj);
  }

  create(model: string, values: Record<string, Value> = {}): Promise<Obj> {
    return this.obj({ op: 'create', model, values });
  }

  /** Wipes every row and restarts sequences, keeping the schema (between property runs). */
  async reset(): Promise<void> {
    await this.ok({ op: 'reset' });
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

export function toObj(value: Value): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('$obj' in value)) {
    throw new Error(`expected an instance, got ${JSON.stringify(value)}`);
  }
  const ref = (value as { $obj: ObjRef }).$obj;
  return { ...ref, ref: { $h: ref.h } };
}
