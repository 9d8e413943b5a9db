/**
 * Commands for signals and the app registry.
 */
import type { CommandOf } from '../../../conformance/contract/commands.js';
import type { Value } from '../../../conformance/contract/values.js';
import type { Receiver } from '../../signals/dispatcher.js';
import type { AppConfig } from '../../orm/registry.js';
import { registerCommands, type ReferenceSession } from '../session.js';

function receiverIds(session: ReferenceSession, responses: Array<[Receiver, unknown]>): Value {
  const ids = new Map<Receiver, string>();
  for (const id of (session.project.setup.receivers ?? []).map((r) => r.id)) ids.set(session.receiverFunction(id), id);
  return responses.map(([receiver, response]) => [ids.get(receiver) ?? '?', session.codec.encode(response)]);
}

function appInfo(config: AppConfig): Value {
  return {
    name: config.name,
    label: config.label,
    verbose_name: config.verboseName,
    default_auto_field: config.defaultAutoField,
    class_name: config.className,
    models: [...config.models.values()].filter((m) => !m.autoCreated).map((m) => m.objectName),
  };
}

registerCommands({
  connect: async (s, c: CommandOf<'connect'>) => {
    s.connect(c);
    return null;
  },
  disconnect: async (s, c: CommandOf<'disconnect'>) => s.disconnect(c),
  send: async (s, c: CommandOf<'send'>) => {
    const kwargs = Object.fromEntries(Object.entries(c.kwargs ?? {}).map(([k, v]) => [k, s.codec.decode(v)]));
    return receiverIds(s, await s.project.signals.get(c.signal).send(s.codec.decodeSender(c.sender), kwargs));
  },
  send_robust: async (s, c: CommandOf<'send_robust'>) => {
    const kwargs = Object.fromEntries(Object.entries(c.kwargs ?? {}).map(([k, v]) => [k, s.codec.decode(v)]));
    return receiverIds(s, await s.project.signals.get(c.signal).sendRobust(s.codec.decodeSender(c.sender), kwargs));
  },
  has_listeners: async (s, c: CommandOf<'has_listeners'>) => s.project.signals.get(c.signal).hasListeners(s.codec.decodeSender(c.sender)),
  import: async (s, c: CommandOf<'import'>) => {
    s.importModule(c.module);
    return null;
  },
  get_app_configs: async (s) => s.project.apps.configs.map(appInfo),
  get_app_config: async (s, c: CommandOf<'get_app_config'>) => appInfo(s.project.apps.getAppConfig(c.label)),
  get_model: async (s, c: CommandOf<'get_model'>) => ({ $model: s.project.apps.getModel(c.app_label, c.model_name).label }),
  is_installed: async (s, c: CommandOf<'is_installed'>) => s.project.apps.isInstalled(c.name),
  // Start-up already ran when the session opened; populate() is not run twice.
  setup: async () => null,
});
