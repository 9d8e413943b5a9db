/**
 * Contract values ↔ the reference's Python values, with the session's handles: an instance goes
 * out as `{"$obj": {model, pk, h, values}}` and comes back in as `{"$h": h}` (the same object).
 */
import type { Value } from '../../conformance/contract/values.js';
import { decodeValue, encodeValue } from '../orm/literals.js';
import { ModelInstance } from '../orm/instance.js';
import { ModelMeta } from '../orm/options.js';
import { PyError } from '../orm/pyvalues.js';
import { QuerySetRef } from '../orm/deletion.js';
import type { Project } from '../orm/project.js';

/** An opaque sender object named by a string in the contract (the same name is the same object). */
export class SenderToken {
  constructor(readonly name: string) {}
}

/** A QuerySet used as a value (the `origin` of `QuerySet.delete()`). */
export { QuerySetRef as QuerySetValue };

export class Codec {
  private readonly byHandle = new Map<string, ModelInstance>();
  private readonly handles = new WeakMap<ModelInstance, string>();
  private readonly senders = new Map<string, SenderToken>();
  private counter = 0;

  constructor(private readonly project: Project) {}

  handleOf(instance: ModelInstance): string {
    let h = this.handles.get(instance);
    if (!h) {
      h = `h${++this.counter}`;
      this.handles.set(instance, h);
      this.byHandle.set(h, instance);
    }
    return h;
  }

  instance(handle: string): ModelInstance {
    const instance = this.byHandle.get(handle);
    if (!instance) throw new Error(`unknown handle "${handle}" (handles are per session and forgotten by reset)`);
    return instance;
  }

  forget(): void {
    this.byHandle.clear();
    this.counter = 0;
  }

  sender(name: string): SenderToken {
    let token = this.senders.get(name);
    if (!token) this.senders.set(name, (token = new SenderToken(name)));
    return token;
  }

  decode(v: Value): unknown {
    return decodeValue(v, (tag, body) => {
      switch (tag) {
        case '$h':
          return this.instance(body as string);
        case '$model':
          return this.project.model(body as string);
        case '$queryset':
          return new QuerySetRef(this.project.model(body as string));
        default:
          throw new Error(`a ${tag} value cannot be sent to the reference`);
      }
    });
  }

  /** Decodes a sender: a model label tag is the model class; a string is an opaque sender object. */
  decodeSender(v: Value | undefined): unknown {
    if (v === undefined || v === null) return null;
    if (typeof v === 'string') return this.sender(v);
    return this.decode(v);
  }

  encode(v: unknown): Value {
    return encodeValue(v, (x) => {
      if (x instanceof ModelInstance) return this.encodeInstance(x);
      if (x instanceof ModelMeta) return { $model: x.label };
      if (x instanceof QuerySetRef) return { $queryset: x.meta.label };
      if (x instanceof SenderToken) return x.name;
      if (x instanceof PyError) return { $error: { type: x.type, isa: x.isa, message: x.message } };
      // Objects that know their contract form (an HttpRequest, a class such as NoneType).
      if (typeof x === 'object' && x !== null && typeof (x as { toContractValue?: unknown }).toContractValue === 'function') {
        return (x as { toContractValue(): Value }).toContractValue();
      }
      return undefined;
    });
  }

  encodeInstance(instance: ModelInstance): Value {
    const values: Record<string, Value> = {};
    for (const [attname, value] of instance.snapshot()) values[attname] = this.encode(value);
    return { $obj: { model: instance.meta.label, pk: this.encode(instance.pk), h: this.handleOf(instance), values } };
  }
}
