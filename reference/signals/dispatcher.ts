/**
 * A signal dispatcher in the manner of `django.dispatch.Signal`.
 *
 * Receivers are kept in connection order under a lookup key: `(dispatch_uid, sender)` when a
 * uid is given, else `(receiver, sender)`. Connecting an existing key does nothing (the first
 * connection wins). `send()` calls the live receivers whose sender is the sent one or "any",
 * over a snapshot taken before the first call: the synchronous ones in connection order, then
 * the asynchronous ones; it stops at the first exception. `sendRobust()` collects exceptions as
 * responses instead.
 *
 * Weak references: a receiver that nothing else references (a lambda, a nested function) and
 * that was connected weakly is dead as soon as it is connected, as under CPython's reference
 * counting. Module-level functions and methods of long-lived objects stay alive.
 */
import { PyError } from '../orm/pyvalues.js';

export interface ReceiverArgs {
  signal: Signal;
  sender: unknown;
  kwargs: Record<string, unknown>;
}

export type Receiver = ((args: ReceiverArgs) => Promise<unknown> | unknown) & {
  /** An `async def` receiver: called after the synchronous ones. */
  isAsync?: boolean;
  /** Referenced by nothing but its connections (a lambda or a nested function). */
  unreferenced?: boolean;
  /** False for `def r(sender)`: no `**kwargs`. */
  acceptsKwargs?: boolean;
};

/** As in Django, a receiver connected with no sender (None) is called for every sender, and
 * `send(None)` reaches only those receivers. */
export const ANY_SENDER = null;
export type SenderKey = unknown;

interface Entry {
  receiver: Receiver;
  /** Identity of the connection: the uid or the receiver object. */
  id: unknown;
  sender: SenderKey;
  /** A weakly held receiver that has been collected. */
  dead: boolean;
}

export interface ConnectOptions {
  sender?: SenderKey;
  dispatchUid?: string;
  weak?: boolean;
  /** `settings.DEBUG`: connect() then checks that the receiver accepts `**kwargs`. */
  debug?: boolean;
}

export class Signal {
  private entries: Entry[] = [];

  /** `useCaching` is `Signal(use_caching=True)`, as Django's model signals are. */
  constructor(readonly name: string, readonly useCaching: boolean) {}

  connect(receiver: Receiver, options: ConnectOptions = {}): void {
    if (options.debug && receiver.acceptsKwargs === false) {
      throw new PyError('ValueError', 'Signal receivers must accept keyword arguments (**kwargs).');
    }
    const sender = options.sender ?? ANY_SENDER;
    const id = options.dispatchUid !== undefined ? `uid:${options.dispatchUid}` : receiver;
    this.purgeDead();
    if (this.entries.some((e) => e.id === id && e.sender === sender)) return;
    const weak = options.weak ?? true;
    this.entries.push({ receiver, id, sender, dead: weak && receiver.unreferenced === true });
  }

  /** Removes the entry for `(uid or receiver, sender)`; true if one was removed. */
  disconnect(receiver: Receiver | undefined, options: { sender?: SenderKey; dispatchUid?: string } = {}): boolean {
    const sender = options.sender ?? ANY_SENDER;
    const id = options.dispatchUid !== undefined ? `uid:${options.dispatchUid}` : receiver;
    this.purgeDead();
    const index = this.entries.findIndex((e) => e.id === id && e.sender === sender);
    if (index < 0) return false;
    this.entries.splice(index, 1);
    return true;
  }

  private purgeDead(): void {
    this.entries = this.entries.filter((e) => !e.dead);
  }

  /** A caching signal keys a weak dictionary by sender, so the sender must be weakly referenceable. */
  private checkSender(sender: SenderKey): void {
    if (!this.useCaching || this.entries.length === 0) return;
    if (sender === null) throw new PyError('TypeError', "cannot create weak reference to 'NoneType' object");
  }

  /** The receivers a send to `sender` calls, in call order: synchronous first, then asynchronous. */
  liveReceivers(sender: SenderKey): Receiver[] {
    this.checkSender(sender);
    this.purgeDead();
    const matching = this.entries.filter((e) => e.sender === ANY_SENDER || e.sender === sender).map((e) => e.receiver);
    return [...matching.filter((r) => !r.isAsync), ...matching.filter((r) => r.isAsync)];
  }

  hasListeners(sender: SenderKey = ANY_SENDER): boolean {
    return this.liveReceivers(sender).length > 0;
  }

  private async call(receiver: Receiver, sender: SenderKey, kwargs: Record<string, unknown>): Promise<unknown> {
    if (receiver.acceptsKwargs === false) {
      throw new PyError('TypeError', `${receiver.name}() got an unexpected keyword argument 'signal'`);
    }
    return receiver({ signal: this, sender, kwargs });
  }

  async send(sender: SenderKey, kwargs: Record<string, unknown> = {}): Promise<Array<[Receiver, unknown]>> {
    const responses: Array<[Receiver, unknown]> = [];
    for (const receiver of this.liveReceivers(sender)) responses.push([receiver, await this.call(receiver, sender, kwargs)]);
    return responses;
  }

  /** Like `send()`, but an `Exception` raised by a receiver becomes its response. */
  async sendRobust(sender: SenderKey, kwargs: Record<string, unknown> = {}): Promise<Array<[Receiver, unknown]>> {
    const responses: Array<[Receiver, unknown]> = [];
    for (const receiver of this.liveReceivers(sender)) {
      try {
        responses.push([receiver, await this.call(receiver, sender, kwargs)]);
      } catch (error) {
        // Only Python exceptions are collected; a defect of the reference itself propagates.
        // Stryker disable next-line ConditionalExpression: only a defect of the reference raises anything else
        if (!(error instanceof PyError)) throw error;
        responses.push([receiver, error]);
      }
    }
    return responses;
  }
}

/** Django's model signals are `ModelSignal(use_caching=True)`. */
export const MODEL_SIGNALS = ['pre_init', 'post_init', 'pre_save', 'post_save', 'pre_delete', 'post_delete', 'm2m_changed'] as const;

/** The built-in signals every project has. */
export const BUILTIN_SIGNALS = [
  ...MODEL_SIGNALS, 'class_prepared',
  'request_started', 'request_finished', 'got_request_exception',
  'user_logged_in', 'user_logged_out', 'user_login_failed',
] as const;

/** A session's signals by name: the built-in ones plus the case's custom ones. */
export class SignalRegistry {
  private readonly signals = new Map<string, Signal>();

  constructor(custom: Array<{ name: string; use_caching?: boolean }>) {
    const caching = new Set<string>(MODEL_SIGNALS);
    for (const name of BUILTIN_SIGNALS) this.signals.set(name, new Signal(name, caching.has(name)));
    for (const def of custom) this.signals.set(def.name, new Signal(def.name, def.use_caching ?? false));
  }

  get(name: string): Signal {
    const signal = this.signals.get(name);
    // Stryker disable next-line all: cases name only built-in or declared signals; this guard reports a defect, whatever its wording
    if (!signal) throw new Error(`unknown signal "${name}"`);
    return signal;
  }
}
