/**
 * A fake implementation whose every session misbehaves in the way `DJSPEC_FAKE` names:
 * `throw` (run throws), `hang` (run never answers), `garbage` (run returns a malformed response),
 * `bad-result` (a well-formed response whose value does not fit the command), `unsupported`
 * (run rejects every command). `hello` and `open` behave, so each case gets to run and fail.
 */
import type { Implementation, Session } from '../../conformance/contract/implementation.js';
import type { Response } from '../../conformance/contract/results.js';

export function fakeImplementation(mode: string, capabilities: string[] = ['models.crud', 'fields.char', 'validation.full_clean']): Implementation {
  const session: Session = {
    async run(command): Promise<Response> {
      switch (mode) {
        case 'throw':
          throw new Error('the fake exploded');
        case 'hang':
          return new Promise<Response>(() => undefined);
        case 'garbage':
          return { nonsense: true } as unknown as Response;
        case 'bad-result':
          return { ok: true, value: 'three', events: [] };
        default:
          throw new Error(`the fake does not implement "${command.op}"`);
      }
    },
    async close() {},
  };
  return {
    async hello() {
      return { protocol: 1, implementation: { name: `fake-${mode}`, version: '0', language: 'typescript' }, database: { vendor: 'postgresql', engine: 'none' }, capabilities };
    },
    async open() {
      return { ok: true, startup: [], events: [], session };
    },
    async shutdown() {},
  };
}

export const createImplementation = () => fakeImplementation(process.env.DJSPEC_FAKE ?? 'throw');
export default createImplementation;
