/**
 * The capabilities the reference declares. An area adds its names here when its cases pass.
 */
import type { Capability } from '../../conformance/contract/capabilities.js';

export const CAPABILITIES_IMPLEMENTED: readonly Capability[] = [
  'models.crud',
  'models.meta',
  'models.checks',
  'models.str',
  'models.bulk',
  'validation.full_clean',
  'fields.char',
  'fields.integer',
  'fields.boolean',
  'signals.model',
  'signals.dispatcher',
  'apps.registry',
  'apps.ready',
  'views.function',
  'views.class_based',
  'http.responses',
  'http.serve',
  'http.request_signals',
  'urls.routing',
  'urls.reverse',
];
