/** Loads every area's command handlers. */
import './models.js';
import './signals.js';
import './fields.js';
import './relations.js';
import './apps.js';
import './auth.js';
import './views.js';
import './methods.js';
import './migrations.js';
