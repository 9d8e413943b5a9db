/**
 * The migrations Django ships with its contrib apps, by their real names and dependencies. The
 * reference models only the final state of those apps, so each app's first migration creates its
 * models as they are now and the later ones change nothing.
 */
import type { AppConfig } from '../registry.js';
import { modelStateOf } from './state.js';
import type { Migration } from './executor.js';

const SHIPPED: Record<string, { names: string[]; extraDependencies: Record<string, Array<[string, string]>> }> = {
  contenttypes: { names: ['0001_initial', '0002_remove_content_type_name'], extraDependencies: {} },
  auth: {
    names: [
      '0001_initial', '0002_alter_permission_name_max_length', '0003_alter_user_email_max_length', '0004_alter_user_username_opts',
      '0005_alter_user_last_login_null', '0006_require_contenttypes_0002', '0007_alter_validators_add_error_messages',
      '0008_alter_user_username_max_length', '0009_alter_user_last_name_max_length', '0010_alter_group_name_max_length',
      '0011_update_proxy_permissions', '0012_alter_user_first_name_max_length',
    ],
    extraDependencies: { '0001_initial': [['contenttypes', '__first__']], '0006_require_contenttypes_0002': [['contenttypes', '0002_remove_content_type_name']] },
  },
};

export function shippedMigrations(config: AppConfig): Migration[] {
  const shipped = SHIPPED[config.label];
  if (!shipped) return [];
  return shipped.names.map((name, i) => ({
    app: config.label,
    name,
    initial: i === 0,
    dependencies: [...(i > 0 ? [[config.label, shipped.names[i - 1]!] as [string, string]] : []), ...(shipped.extraDependencies[name] ?? [])],
    operations: i > 0 ? [] : config.modelSpecs.map((spec) => {
      const model = modelStateOf(config, spec);
      return { type: 'CreateModel' as const, name: model.name, fields: model.fields, options: model.options, ...(model.dbTable !== undefined && { dbTable: model.dbTable }) };
    }),
  }));
}
