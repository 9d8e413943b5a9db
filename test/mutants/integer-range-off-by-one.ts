/** Lets every integer field accept one more than its column's maximum (an off-by-one in the range check). */
import { registerFieldType, IntegerField, INTEGER_RANGES } from '../../reference/orm/fields.js';
import { maxValueValidator, minValueValidator } from '../../reference/orm/validators.js';
import { mutantOf } from './mutant.js';

export const kills = ['fields.integer.range-validators'];

export const createImplementation = mutantOf(() => {
  const types = ['IntegerField', 'SmallIntegerField', 'BigIntegerField', 'PositiveIntegerField', 'PositiveSmallIntegerField', 'PositiveBigIntegerField'];
  for (const type of types) {
    registerFieldType(
      type,
      class extends IntegerField {
        override validators() {
          const [lo, hi] = INTEGER_RANGES[this.type]!;
          return [minValueValidator(lo), maxValueValidator(hi + 1n)];
        }
      },
    );
  }
});
