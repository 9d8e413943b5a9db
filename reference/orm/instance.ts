/**
 * A model instance: attribute values by attname, Django's `_state` (adding, db) and the cache
 * of related objects (`_state.fields_cache` for forward relations and reverse one-to-ones).
 */
import type { ModelMeta } from './options.js';
import { PyError } from './pyvalues.js';

export class ModelInstance {
  private readonly values = new Map<string, unknown>();
  readonly state = { adding: true, db: null as string | null };
  /** Related objects cached by field name or accessor name; a PyError caches "does not exist". */
  readonly relatedCache = new Map<string, ModelInstance | PyError | null>();

  constructor(readonly meta: ModelMeta) {}

  get(attname: string): unknown {
    return this.values.get(attname) ?? null;
  }

  set(attname: string, value: unknown): void {
    this.values.set(attname, value);
  }

  get pk(): unknown {
    return this.get(this.meta.pk.attname);
  }

  set pk(value: unknown) {
    this.set(this.meta.pk.attname, value);
  }

  /** Values of the concrete fields by attname, in field order. */
  snapshot(): [string, unknown][] {
    return this.meta.fields.map((f) => [f.attname, this.get(f.attname)]);
  }

  /** Django's `Model.__eq__`: same concrete model and the same non-null pk (else identity). */
  equals(other: ModelInstance): boolean {
    if (this === other) return true;
    if (this.meta !== other.meta) return false;
    const a = this.pk;
    if (a === null || a === undefined) return false;
    return String(a) === String(other.pk);
  }
}
