/** Loads every area's command handlers. */
import './models.js';
import './signals.js';
import './methods.js';
import './migrations.js';
