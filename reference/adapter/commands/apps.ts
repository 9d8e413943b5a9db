/**
 * The app registry inside declared bodies: `apps.ready` and friends, and `apps.get_model()`.
 */
import { interpreterExtensions } from '../interpreter.js';

interpreterExtensions.expr.push(async (interp, node) => {
  const apps = interp.project.apps;
  if ('$apps' in node) {
    const flag = node.$apps as 'apps_ready' | 'models_ready' | 'ready';
    return { value: flag === 'apps_ready' ? apps.appsReady : flag === 'models_ready' ? apps.modelsReady : apps.ready };
  }
  if ('$get_model' in node) return { value: apps.getModel(node.$get_model as string) };
  return undefined;
});
