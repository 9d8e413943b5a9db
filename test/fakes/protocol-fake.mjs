// A fake implementation speaking the line protocol, misbehaving as argv[2] says:
// ok | garbage (prints non-JSON) | die (exits on run) | hang (never answers run) | wrong-id | unsupported
import { createInterface } from 'node:readline';
const mode = process.argv[2] ?? 'ok';
const reply = (msg) => process.stdout.write(JSON.stringify(msg) + '\n');
createInterface({ input: process.stdin }).on('line', (line) => {
  const { id, method, params } = JSON.parse(line);
  if (method === 'hello') return reply({ id, result: { protocol: 1, implementation: { name: `proto-${mode}`, version: '0', language: 'javascript' }, database: { vendor: 'postgresql', engine: 'none' }, capabilities: ['models.crud'] } });
  if (method === 'open') return reply({ id, result: { ok: true, startup: [], events: [] } });
  if (method === 'close' || method === 'shutdown') { reply({ id, result: null }); if (method === 'shutdown') process.exit(0); return; }
  if (method === 'run') {
    switch (mode) {
      case 'garbage': process.stdout.write('this is not json\n'); return;
      case 'die': process.stderr.write('fatal: the fake died\n'); process.exit(3);
      case 'hang': return;
      case 'wrong-id': return reply({ id: id + 100, result: null });
      case 'unsupported': return reply({ id, failure: { kind: 'unsupported', message: `no such command: ${params.command.op}` } });
      default: return reply({ id, result: { ok: true, value: 1, events: [] } });
    }
  }
});
