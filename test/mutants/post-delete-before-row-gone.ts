/** Sends each model's post_delete signals before its DELETE statement instead of after. */
import { Collector } from '../../reference/orm/deletion.js';
import type { ModelInstance } from '../../reference/orm/instance.js';
import type { ModelMeta } from '../../reference/orm/options.js';
import { mutantOf } from './mutant.js';

export const kills = ['relations.on-delete.signal-arguments'];

export const createImplementation = mutantOf(() => {
  const proto = Collector.prototype as unknown as { deleteBatch: (meta: ModelMeta, pks: unknown[]) => Promise<number> };
  const original = proto.deleteBatch;
  proto.deleteBatch = async function (this: Collector, meta: ModelMeta, pks: unknown[]) {
    const instances = this.data.get(meta);
    if (instances && !meta.autoCreated) {
      for (const pk of pks) {
        const instance = instances.get(String(pk)) as ModelInstance | undefined;
        if (instance) await this.project.signals.get('post_delete').send(meta, { instance, using: 'default', origin: this.origin });
      }
    }
    return original.call(this, meta, pks);
  };
});
