/** Runs every app's ready() twice during start-up. */
import { Apps } from '../../reference/orm/registry.js';
import { mutantOf } from './mutant.js';

export const kills = ['apps.startup.ready-runs-once', 'apps.startup.three-phases'];

export const createImplementation = mutantOf(() => {
  const runReady = Apps.prototype.runReady;
  Apps.prototype.runReady = async function (run) {
    await runReady.call(this, run);
    await runReady.call(this, run);
  };
});
