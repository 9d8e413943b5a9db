/**
 * The capabilities the reference declares. An area adds its names here when its cases pass.
 */
import type { Capability } from '../../conformance/contract/capabilities.js';

export const CAPABILITIES_IMPLEMENTED: readonly Capability[] = [
  'models.crud',
  'models.meta',
  'models.checks',
  'models.str',
  'models.methods',
  'models.bulk',
  'validation.full_clean',
  'fields.char',
  'fields.integer',
  'fields.integer.exact64',
  'fields.boolean',
  'fields.float',
  'fields.decimal',
  'fields.datetime',
  'fields.email',
  'fields.url',
  'fields.uuid',
  'fields.file',
  'signals.model',
  'signals.dispatcher',
  'apps.registry',
  'apps.ready',
];
