/** Loads every field type module (each registers its classes by Django type name). */
import './fields.js';
import './fields-temporal.js';
import './fields-text.js';
import './fields-numeric.js';
import './fields-misc.js';
import './related.js';
import './related-descriptors.js';
