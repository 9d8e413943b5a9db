/**
 * Deletion. `Model.delete()` and `QuerySet.delete()` go through a collector in the manner of
 * Django's `django/db/models/deletion.py`; the relations module supplies the collector that
 * follows `on_delete`. Without relations, a delete is: pre_delete, DELETE, post_delete.
 */
import type { ModelInstance } from './instance.js';
import type { ModelMeta } from './options.js';
import type { Project } from './project.js';
import { PyError } from './pyvalues.js';
import { filter, fromRow } from './manager.js';
import type { Where } from './query.js';

export type DeleteResult = [number, Record<string, number>];

export interface DeletionStrategy {
  deleteObjects(project: Project, meta: ModelMeta, objects: ModelInstance[], origin: unknown, fromQuerySet: boolean): Promise<DeleteResult>;
}

/** Replaced by the relations module with Django's full collector. */
export const deletion: { strategy: DeletionStrategy } = {
  strategy: {
    async deleteObjects(project, meta, objects, origin) {
      if (objects.length === 0) return [0, {}];
      return project.atomic(async () => {
        for (const instance of objects) await project.signals.get('pre_delete').send(meta, { instance, using: 'default', origin });
        const pks = objects.map((o) => meta.pk.toDb(o.pk));
        const n = await project.query((c) => c(meta.dbTable).whereIn(meta.pk.column, pks as never[]).delete());
        for (const instance of [...objects].reverse()) await project.signals.get('post_delete').send(meta, { instance, using: 'default', origin });
        for (const instance of objects) instance.pk = null;
        return [n, n ? { [meta.label]: n } : {}] as DeleteResult;
      });
    },
  },
};

/** `instance.delete()`. */
export async function deleteInstance(project: Project, instance: ModelInstance): Promise<DeleteResult> {
  const meta = instance.meta;
  if (instance.pk === null || instance.pk === undefined) {
    throw new PyError('ValueError', `${meta.objectName} object can't be deleted because its ${meta.pk.attname} attribute is set to None.`);
  }
  return deletion.strategy.deleteObjects(project, meta, [instance], instance, false);
}

/** `Model.objects.filter(**where).delete()`. */
export async function deleteQuerySet(project: Project, meta: ModelMeta, where?: Where): Promise<DeleteResult> {
  const objects = await filter(project, meta, where);
  return deletion.strategy.deleteObjects(project, meta, objects, { queryset: meta }, true);
}

export { fromRow };
