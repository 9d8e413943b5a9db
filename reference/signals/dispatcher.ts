/**
 * A signal dispatcher in the manner of `django.dispatch.Signal`.
 *
 * Receivers are kept in connection order under a lookup key: `(dispatch_uid, sender)` when a
 * uid is given, else `(receiver, sender)`. Connecting an existing key does nothing (the first
 * connection wins). `send()` calls the live receivers whose sender is the sent one or "any",
 * over a snapshot taken before the first call, and stops at the first exception;
 * `sendRobust()` collects exceptions as responses instead.
 */
export type Receiver = (args: { signal: Signal; sender: unknown; kwargs: Record<string, unknown> }) => Promise<unknown> | unknown;

/** As in Django, a receiver connected with no sender (None) is called for every sender, and
 * `send(None)` reaches only those receivers. */
export const ANY_SENDER = null;
export type SenderKey = unknown;

interface Entry {
  receiver: Receiver;
  /** Identity of the connection: the uid or the receiver object. */
  id: unknown;
  sender: SenderKey;
}

export class Signal {
  private entries: Entry[] = [];

  constructor(readonly name: string) {}

  connect(receiver: Receiver, options: { sender?: SenderKey; dispatchUid?: string } = {}): void {
    const sender = options.sender ?? ANY_SENDER;
    const id = options.dispatchUid !== undefined ? `uid:${options.dispatchUid}` : receiver;
    if (this.entries.some((e) => e.id === id && e.sender === sender)) return;
    this.entries.push({ receiver, id, sender });
  }

  /** Removes the entry for `(uid or receiver, sender)`; true if one was removed. */
  disconnect(receiver: Receiver | undefined, options: { sender?: SenderKey; dispatchUid?: string } = {}): boolean {
    const sender = options.sender ?? ANY_SENDER;
    const id = options.dispatchUid !== undefined ? `uid:${options.dispatchUid}` : receiver;
    const index = this.entries.findIndex((e) => e.id === id && e.sender === sender);
    if (index < 0) return false;
    this.entries.splice(index, 1);
    return true;
  }

  liveReceivers(sender: SenderKey): Receiver[] {
    return this.entries.filter((e) => e.sender === ANY_SENDER || e.sender === sender).map((e) => e.receiver);
  }

  hasListeners(sender: SenderKey = ANY_SENDER): boolean {
    return this.liveReceivers(sender).length > 0;
  }

  async send(sender: SenderKey, kwargs: Record<string, unknown> = {}): Promise<Array<[Receiver, unknown]>> {
    const responses: Array<[Receiver, unknown]> = [];
    for (const receiver of this.liveReceivers(sender)) {
      responses.push([receiver, await receiver({ signal: this, sender, kwargs })]);
    }
    return responses;
  }

  async sendRobust(sender: SenderKey, kwargs: Record<string, unknown> = {}): Promise<Array<[Receiver, unknown]>> {
    const responses: Array<[Receiver, unknown]> = [];
    for (const receiver of this.liveReceivers(sender)) {
      try {
        responses.push([receiver, await receiver({ signal: this, sender, kwargs })]);
      } catch (error) {
        responses.push([receiver, error]);
      }
    }
    return responses;
  }
}

/** The built-in signals every project has. */
export const BUILTIN_SIGNALS = [
  'pre_init', 'post_init', 'pre_save', 'post_save', 'pre_delete', 'post_delete', 'm2m_changed', 'class_prepared',
  'request_started', 'request_finished', 'got_request_exception',
  'user_logged_in', 'user_logged_out', 'user_login_failed',
] as const;

/** A session's signals by name: the built-in ones plus the case's custom ones. */
export class SignalRegistry {
  private readonly signals = new Map<string, Signal>();

  constructor(custom: string[] = []) {
    for (const name of [...BUILTIN_SIGNALS, ...custom]) this.signals.set(name, new Signal(name));
  }

  get(name: string): Signal {
    const signal = this.signals.get(name);
    if (!signal) throw new Error(`unknown signal "${name}"`);
    return signal;
  }

  has(name: string): boolean {
    return this.signals.has(name);
  }
}
