/**
 * A worked example of a third-party adapter: a tiny in-memory model store that implements a
 * small part of the contract — models whose fields are CharFields (or TextFields), with `new`,
 * `create`, `save`, `get`, `count`, `full_clean` and `reset` — and declares only the
 * capabilities it implements in full: `fields.char` and `validation.full_clean`. It does not
 * declare `models.crud` (it has no filter, delete or update_fields), so the cases that need it
 * are reported as not implemented instead of failing.
 *
 * Run the suite against it (from the djspec folder):
 *
 *   npx djspec run --impl conformance/examples/memory-store/adapter.ts \
 *     --expectations conformance/examples/memory-store/expectations.json --reporter html
 *
 * It is deliberately not Django-exact in one place, the way a first port often is: it measures
 * `max_length` with `String.length` (UTF-16 code units) where Django counts code points. Its
 * expectations file lists the case that catches this, with the reason.
 *
 * In your own project, import the contract types from the djspec package
 * (`djspec/conformance/contract/index.js`) instead of the relative path below.
 */
import type { Command, DjangoError, FieldSpec, Hello, Implementation, OpenedSession, Response, Session, SessionSetup, Value } from '../../contract/index.js';

interface ModelDef {
  label: string;
  objectName: string;
  fields: FieldSpec[];
}

/** One Python object: its field values by attname, `id` included (null until saved). */
interface Instance {
  model: ModelDef;
  values: Record<string, Value>;
}

class DjangoException {
  constructor(readonly error: DjangoError) {}
}

const errors = {
  doesNotExist: (m: ModelDef): DjangoError => ({ type: 'DoesNotExist', isa: ['ObjectDoesNotExist'], message: `${m.objectName} matching query does not exist.`, model: m.label }),
  multiple: (m: ModelDef, n: number): DjangoError => ({ type: 'MultipleObjectsReturned', isa: [], message: `get() returned more than one ${m.objectName} -- it returned ${n}!`, model: m.label }),
};

class MemoryStoreSession implements Session {
  private readonly rows = new Map<string, Record<string, Value>[]>();
  private readonly handles = new Map<string, Instance>();
  private nextHandle = 1;
  private nextId = new Map<string, number>();

  constructor(private readonly models: Map<string, ModelDef>) {}

  async run(command: Command): Promise<Response> {
    try {
      return { ok: true, value: this.dispatch(command), events: [] };
    } catch (e) {
      if (e instanceof DjangoException) return { ok: false, error: e.error, events: [] };
      throw e;
    }
  }

  async close(): Promise<void> {}

  private dispatch(command: Command): Value {
    switch (command.op) {
      case 'new':
        return this.report(this.construct(this.model(command.model), command.values ?? {}));
      case 'create': {
        const instance = this.construct(this.model(command.model), command.values ?? {});
        this.save(instance);
        return this.report(instance);
      }
      case 'save': {
        const instance = this.instance(command.obj.$h);
        this.save(instance);
        return this.report(instance);
      }
      case 'get': {
        const model = this.model(command.model);
        const found = this.table(model).filter((row) => matches(row, command.where));
        if (found.length === 0) throw new DjangoException(errors.doesNotExist(model));
        if (found.length > 1) throw new DjangoException(errors.multiple(model, found.length));
        return this.report({ model, values: { ...found[0]! } });
      }
      case 'count': {
        const model = this.model(command.model);
        return this.table(model).filter((row) => matches(row, command.where ?? {})).length;
      }
      case 'full_clean':
        this.fullClean(this.instance(command.obj.$h), new Set(command.exclude ?? []));
        return null;
      case 'reset':
        this.rows.clear();
        this.handles.clear();
        this.nextId.clear();
        return null;
      default:
        throw new Error(`the memory store does not implement "${command.op}"`);
    }
  }

  private model(label: string): ModelDef {
    const model = this.models.get(label);
    if (!model) throw new Error(`no model ${label} in this session`);
    return model;
  }

  private instance(handle: string): Instance {
    const instance = this.handles.get(handle);
    if (!instance) throw new Error(`no instance with handle ${handle}`);
    return instance;
  }

  private table(model: ModelDef): Record<string, Value>[] {
    let rows = this.rows.get(model.label);
    if (!rows) this.rows.set(model.label, (rows = []));
    return rows;
  }

  /** `Model(**values)`: every field gets its value or its default (a CharField's is ''). */
  private construct(model: ModelDef, values: Record<string, Value>): Instance {
    const unknown = Object.keys(values).filter((k) => k !== 'id' && !model.fields.some((f) => f.name === k));
    if (unknown.length) throw new DjangoException({ type: 'TypeError', isa: [], message: `${model.objectName}() got unexpected keyword arguments: ${unknown.map((k) => `'${k}'`).join(', ')}` });
    const row: Record<string, Value> = { id: values.id ?? null };
    for (const field of model.fields) row[field.name] = field.name in values ? values[field.name]! : ((field.default as Value | undefined) ?? (field.null ? null : ''));
    return { model, values: row };
  }

  /** Insert when the instance has no id, update otherwise. No validation: Django's save() runs none. */
  private save(instance: Instance): void {
    const rows = this.table(instance.model);
    if (instance.values.id === null) {
      const id = (this.nextId.get(instance.model.label) ?? 0) + 1;
      this.nextId.set(instance.model.label, id);
      instance.values.id = id;
      rows.push({ ...instance.values });
      return;
    }
    const index = rows.findIndex((row) => row.id === instance.values.id);
    if (index >= 0) rows[index] = { ...instance.values };
    else rows.push({ ...instance.values });
  }

  /** `full_clean()`: null, blank, then (CharField only) max_length, each with Django's code and message. */
  private fullClean(instance: Instance, exclude: Set<string>): void {
    const problems: Record<string, { code: string; message: string }[]> = {};
    for (const field of instance.model.fields) {
      if (exclude.has(field.name)) continue;
      const value = instance.values[field.name];
      if (field.blank && (value === null || value === '')) continue;
      if (value === null) {
        if (!field.null) problems[field.name] = [{ code: 'null', message: 'This field cannot be null.' }];
        continue;
      }
      const text = String(value);
      if (text === '') problems[field.name] = [{ code: 'blank', message: 'This field cannot be blank.' }];
      // The deliberate simplification listed in expectations.json: UTF-16 units, not code points.
      else if (field.type === 'CharField' && field.max_length !== undefined && text.length > field.max_length) {
        const unit = field.max_length === 1 ? 'character' : 'characters';
        problems[field.name] = [{ code: 'max_length', message: `Ensure this value has at most ${field.max_length} ${unit} (it has ${text.length}).` }];
      }
    }
    const names = Object.keys(problems);
    if (names.length) {
      const message = `{${names.map((n) => `'${n}': [${problems[n]!.map((p) => `'${p.message}'`).join(', ')}]`).join(', ')}}`;
      throw new DjangoException({ type: 'ValidationError', isa: [], message, fields: problems });
    }
  }

  /** An instance as the contract reports it, with a fresh handle. */
  private report(instance: Instance): Value {
    const h = `h${this.nextHandle++}`;
    this.handles.set(h, instance);
    return { $obj: { model: instance.model.label, pk: instance.values.id ?? null, h, values: { ...instance.values } } };
  }
}

function matches(row: Record<string, Value>, where: Record<string, Value>): boolean {
  return Object.entries(where).every(([lookup, value]) => {
    const name = lookup === 'pk' || lookup === 'pk__exact' ? 'id' : lookup.replace(/__exact$/, '');
    if (name.includes('__')) throw new Error(`the memory store supports exact lookups only, not ${lookup}`);
    return row[name] === value;
  });
}

export class MemoryStore implements Implementation {
  async hello(): Promise<Hello> {
    return {
      protocol: 1,
      implementation: { name: 'memory-store', version: '0.1.0', language: 'typescript' },
      database: { vendor: 'postgresql', engine: 'in-memory' },
      capabilities: ['fields.char', 'validation.full_clean'],
    };
  }

  async open(setup: SessionSetup): Promise<OpenedSession> {
    const models = new Map<string, ModelDef>();
    for (const app of setup.apps ?? []) {
      const label = app.config?.label ?? app.name.split('.').pop()!;
      for (const model of app.models ?? []) {
        const fields = (model.fields ?? []).filter((f) => !(f.primary_key && f.name === 'id'));
        const other = fields.find((f) => f.type !== 'CharField' && f.type !== 'TextField');
        if (other) throw new Error(`the memory store supports CharField and TextField only (${label}.${model.name}.${other.name} is a ${other.type})`);
        models.set(`${label}.${model.name}`, { label: `${label}.${model.name}`, objectName: model.name, fields });
      }
    }
    return { ok: true, startup: [], events: [], session: new MemoryStoreSession(models) };
  }

  async shutdown(): Promise<void> {}
}

export const createImplementation = () => new MemoryStore();
