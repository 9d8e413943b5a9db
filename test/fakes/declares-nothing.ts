/** An adapter that loads and answers hello but declares no capability: every case is "not implemented". */
import { fakeImplementation } from './misbehaving.js';

export const createImplementation = () => fakeImplementation('throw', []);
