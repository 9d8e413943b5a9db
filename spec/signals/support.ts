/**
 * Shared pieces of the signal cases: a custom signal with a few receivers that answer their own
 * name, and a small model of Django's dispatcher (the oracle of the property cases).
 */
import type { SessionSetup } from '../../conformance/contract/schema.js';
import type { SignalEvent } from '../../conformance/contract/results.js';
import type { Value } from '../../conformance/contract/values.js';

/** The custom signal of the dispatcher cases, named the way Django code would import it. */
export const PING = 'tapp.signals.ping';
export const RECEIVERS = ['r1', 'r2', 'r3', 'r4'] as const;
export type ReceiverId = (typeof RECEIVERS)[number];
/** Opaque sender objects (any Python object can be a sender); absent means `sender=None`. */
export const SENDERS = ['A', 'B'] as const;

/** A project with `Signal()` named PING and receivers r1..r4, each returning its own name. */
export function pingSetup(extra: Partial<SessionSetup> = {}): SessionSetup {
  return {
    signals: [{ name: PING }],
    receivers: [...RECEIVERS.map((id) => ({ id, do: [{ return: id }] })), ...(extra.receivers ?? [])],
    ...Object.fromEntries(Object.entries(extra).filter(([k]) => k !== 'receivers')),
  };
}

/** The receiver names of a list of events, in call order. */
export const called = (events: SignalEvent[]): string[] => events.map((e) => e.receiver);

/** An exception value reduced to what cases compare: its class and message. */
export function errorOf(v: Value): { type: string; message: string | undefined } | Value {
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && '$error' in v) {
    const e = (v as { $error: { type: string; message?: string } }).$error;
    return { type: e.type, message: e.message };
  }
  return v;
}

/**
 * Django's `Signal` reduced to what a case can observe: connections in order, keyed by
 * `(dispatch_uid or receiver, sender)`; the first connection of a key wins; `send(sender)` calls
 * the receivers connected for that sender or for any sender, in connection order.
 */
export class DispatcherModel {
  private entries: { key: string; receiver: string; sender: string | null }[] = [];

  private static key(receiver: string | undefined, uid: string | undefined): string {
    return uid !== undefined ? `uid:${uid}` : `fn:${receiver}`;
  }

  connect(receiver: string, sender: string | null, uid?: string): null {
    const key = DispatcherModel.key(receiver, uid);
    if (!this.entries.some((e) => e.key === key && e.sender === sender)) this.entries.push({ key, receiver, sender });
    return null;
  }

  disconnect(receiver: string | undefined, sender: string | null, uid?: string): boolean {
    const key = DispatcherModel.key(receiver, uid);
    const index = this.entries.findIndex((e) => e.key === key && e.sender === sender);
    if (index < 0) return false;
    this.entries.splice(index, 1);
    return true;
  }

  /** `[[receiver, response]]` for receivers that return their own name. */
  send(sender: string | null): [string, string][] {
    return this.entries.filter((e) => e.sender === null || e.sender === sender).map((e) => [e.receiver, e.receiver]);
  }

  hasListeners(sender: string | null): boolean {
    return this.send(sender).length > 0;
  }
}

/**
 * The seed's users app reduced to what the signal cases touch: a Profile with a one-to-one
 * link to auth.User (CASCADE), a bio and a location.
 */
export function usersApp(config: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return {
    name: 'users',
    config: { default_auto_field: 'django.db.models.BigAutoField', ...config },
    models: [{
      name: 'Profile',
      fields: [
        { name: 'user', type: 'OneToOneField' as const, to: 'auth.User', on_delete: 'CASCADE' as const },
        { name: 'bio', type: 'TextField' as const, blank: true },
        { name: 'location', type: 'CharField' as const, max_length: 100, blank: true },
      ],
    }],
    ...extra,
  };
}
