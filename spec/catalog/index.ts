/**
 * Every behavior ID the suite knows, with its one-line rule. A case must cite IDs from here;
 * `test/catalog.test.ts` checks that every ID is cited by some case and that no case cites
 * an unknown one.
 */
import { FIELDS_BEHAVIORS } from './fields.js';
import { RELATIONS_BEHAVIORS } from './relations.js';
import { SIGNALS_APPS_AUTH_BEHAVIORS } from './signals-apps-auth.js';
import { VIEWS_BEHAVIORS } from './views.js';

export const BEHAVIORS: Readonly<Record<string, string>> = {
  ...FIELDS_BEHAVIORS,
  ...RELATIONS_BEHAVIORS,
  ...SIGNALS_APPS_AUTH_BEHAVIORS,
  ...VIEWS_BEHAVIORS,
};

export const AREAS = {
  fields: FIELDS_BEHAVIORS,
  relations: RELATIONS_BEHAVIORS,
  'signals-apps-auth': SIGNALS_APPS_AUTH_BEHAVIORS,
  views: VIEWS_BEHAVIORS,
} as const;

export function isBehavior(id: string): boolean {
  return Object.hasOwn(BEHAVIORS, id);
}
