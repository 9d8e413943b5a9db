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
  'relations.fk',
  'relations.o2o',
  'relations.m2m',
  'relations.reverse',
  'delete.cascade',
  'delete.protect',
  'delete.restrict',
  'delete.set',
  'delete.do_nothing',
  'signals.deletion',
  'signals.m2m_changed',
  'models.delete_override',
  'db.queries',
  'delete.queryset_forms',
];
