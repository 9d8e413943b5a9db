/** Counts CharField lengths in UTF-16 units (JavaScript's `.length`) instead of code points. */
import { registerFieldType, CharField } from '../../reference/orm/fields.js';
import { ValidationError } from '../../reference/orm/validators.js';
import { mutantOf } from './mutant.js';

export const kills = ['fields.char.max-length-counts-code-points'];

export const createImplementation = mutantOf(() => {
  registerFieldType(
    'CharField',
    class extends CharField {
      override validators() {
        const limit = this.maxLength;
        if (limit === undefined) return [];
        return [
          (value: unknown) => {
            const length = String(value).length;
            if (length > limit) throw ValidationError.single('max_length', `Ensure this value has at most ${limit} characters (it has ${length}).`);
          },
        ];
      }
    },
  );
});
