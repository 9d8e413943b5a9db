/** Keeps the body of HEAD responses in the test client. */
import { testClientBehavior } from '../../reference/adapter/commands/views.js';
import { mutantOf } from './mutant.js';

export const kills = ['views.class.head-falls-back-to-get'];

export const createImplementation = mutantOf(() => {
  testClientBehavior.removeBodyOfHead = false;
});
