/**
 * The built-in apps: `django.contrib.auth` with its User model (fields in Django's order, with
 * Django's options), and `django.contrib.contenttypes`.
 */
import type { ModelSpec } from '../../conformance/contract/schema.js';
import { registerBuiltinApp } from '../orm/registry.js';

export const USER_MODEL: ModelSpec = {
  name: 'User',
  meta: { verbose_name: 'user', verbose_name_plural: 'users', db_table: 'auth_user' },
  str: '{username}',
  fields: [
    { name: 'id', type: 'AutoField', primary_key: true, verbose_name: 'ID' },
    { name: 'password', type: 'CharField', max_length: 128 },
    { name: 'last_login', type: 'DateTimeField', null: true, blank: true, verbose_name: 'last login' },
    { name: 'is_superuser', type: 'BooleanField', default: false, verbose_name: 'superuser status', help_text: 'Designates that this user has all permissions without explicitly assigning them.' },
    { name: 'username', type: 'CharField', max_length: 150, unique: true, help_text: 'Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only.' },
    { name: 'first_name', type: 'CharField', max_length: 150, blank: true, verbose_name: 'first name' },
    { name: 'last_name', type: 'CharField', max_length: 150, blank: true, verbose_name: 'last name' },
    { name: 'email', type: 'EmailField', blank: true, verbose_name: 'email address' },
    { name: 'is_staff', type: 'BooleanField', default: false, verbose_name: 'staff status', help_text: 'Designates whether the user can log into this admin site.' },
    { name: 'is_active', type: 'BooleanField', default: true, verbose_name: 'active', help_text: 'Designates whether this user should be treated as active. Unselect this instead of deleting accounts.' },
    { name: 'date_joined', type: 'DateTimeField', default: { $callable: 'now' }, verbose_name: 'date joined' },
  ],
};

registerBuiltinApp('django.contrib.auth', {
  label: 'auth',
  verboseName: 'Authentication and Authorization',
  defaultAutoField: 'django.db.models.AutoField',
  className: 'AuthConfig',
  models: [USER_MODEL],
  imports: { app: 'django.contrib.contenttypes', model: 'django.contrib.contenttypes.models.ContentType' },
});

registerBuiltinApp('django.contrib.contenttypes', {
  label: 'contenttypes',
  verboseName: 'Content Types',
  defaultAutoField: 'django.db.models.AutoField',
  className: 'ContentTypesConfig',
  models: [],
});
