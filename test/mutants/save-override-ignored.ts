/** A model's declared save() override is never run: every save goes straight to Django's. */
import { modelHooks } from '../../reference/orm/manager.js';
import '../../reference/adapter/commands/methods.js';
import { mutantOf } from './mutant.js';

export const kills = ['models.save-override.runs-on-save-and-create', 'models.save-override.forgetting-super-saves-nothing'];

export const createImplementation = mutantOf(() => {
  modelHooks.saveOverride = undefined;
});
