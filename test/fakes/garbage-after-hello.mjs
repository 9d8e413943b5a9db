// A program that starts the line protocol properly (hello, open) and then answers every command
// with a line that is not JSON, as a program that logs to stdout would.
import { createInterface } from 'node:readline';
const reply = (msg) => process.stdout.write(JSON.stringify(msg) + '\n');
createInterface({ input: process.stdin }).on('line', (line) => {
  const { id, method } = JSON.parse(line);
  if (method === 'hello') return reply({ id, result: { protocol: 1, implementation: { name: 'noisy', version: '0', language: 'javascript' }, database: { vendor: 'postgresql', engine: 'none' }, capabilities: ['models.crud', 'fields.char', 'validation.full_clean'] } });
  if (method === 'open') return reply({ id, result: { ok: true, startup: [], events: [] } });
  if (method === 'run') return process.stdout.write('saving Note...\n');
  reply({ id, result: null });
  if (method === 'shutdown') process.exit(0);
});
