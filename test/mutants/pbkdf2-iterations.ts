/** Hashes new passwords with Django 4.2's iteration count (600,000) instead of 5.2's. */
import { PBKDF2_SETTINGS } from '../../reference/auth/hashers.js';
import { mutantOf } from './mutant.js';

export const kills = ['auth.passwords.default-hash-format', 'auth.passwords.empty-string-is-a-password'];

export const createImplementation = mutantOf(() => {
  PBKDF2_SETTINGS.iterations = 600_000;
});
