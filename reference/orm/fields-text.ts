/**
 * String fields with validators: EmailField (max_length 254), after Django's.
 */
import type { FieldSpec } from '../../conformance/contract/schema.js';
import { CharField, registerFieldType } from './fields.js';

export class EmailField extends CharField {
  constructor(spec: FieldSpec) {
    super({ max_length: 254, ...spec });
  }
}

registerFieldType('EmailField', EmailField);
