/** Everything a case file needs, from one import. */
export { specCase, type CaseContext, type CaseMeta } from './harness.js';
export { SpecSession, type Obj, describeError } from './session.js';
export * as fc from 'fast-check';
export { expect } from 'vitest';
export { h, decimal, int, model } from '../../conformance/contract/values.js';
export { httpRequest, servedEvents, type HttpReply, type HttpRequestSpec } from './http.js';
