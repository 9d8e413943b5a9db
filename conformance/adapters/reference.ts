/**
 * The adapter for this project's reference implementation (the default `DJSPEC_IMPL`).
 * It is the only file under `conformance/` that imports `reference/`.
 */
import { ReferenceImplementation } from '../../reference/adapter/implementation.js';
import type { CreateImplementation } from '../contract/implementation.js';

export const createImplementation: CreateImplementation = () => new ReferenceImplementation();
export default createImplementation;
