import { newDb } from 'pg-mem';
const db = newDb();
const knex = db.adapters.createKnex(0, { pool: { min: 1, max: 1 } });
console.log(typeof knex.client._query, typeof knex.client.query);
await knex.raw('CREATE TABLE t ("a" smallint NOT NULL, "b" numeric(5, 2), "c" bigint, CONSTRAINT "r_a" CHECK ("a" BETWEEN -32768 AND 32767))');
try { await knex('t').insert({a: 40000}); } catch (e) { console.log('ERR', e.message.slice(0,200), e.code); }
await knex('t').insert({a: 1, b: '12.345', c: '9223372036854775807'});
console.log(await knex('t').select('*'));
