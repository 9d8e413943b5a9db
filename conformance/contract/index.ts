export * from './values.js';
export * from './actions.js';
export * from './views.js';
export * from './schema.js';
export * from './commands.js';
export * from './results.js';
export * from './capabilities.js';
export type * from './implementation.js';
