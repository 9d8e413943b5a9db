/**
 * The process adapter: drives an implementation in any language over the line-delimited JSON
 * protocol described in `conformance/PROTOCOL.md`. One request is in flight at a time. If the
 * process dies, prints garbage, or stops answering, the pending call fails with a clear message
 * and the next session starts a fresh process.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Implementation, Session, OpenedSession } from '../contract/implementation.js';
import type { Command } from '../contract/commands.js';
import type { Hello, Response } from '../contract/results.js';
import type { SessionSetup } from '../contract/schema.js';
import { AdapterFailure } from './guard.js';

export interface ProcessOptions {
  /** The command line, run through the shell (`python3 -m my_impl`). */
  command: string;
  cwd?: string;
  env?: Record<string, string>;
  /** How long a request may take before the process is killed and restarted. */
  timeoutMs: number;
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  what: string;
}

class ProtocolProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private stderrTail: string[] = [];
  private ended: string | undefined;

  constructor(private readonly options: ProcessOptions) {
    this.child = spawn(options.command, {
      shell: true,
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    createInterface({ input: this.child.stdout }).on('line', (line) => this.onLine(line));
    createInterface({ input: this.child.stderr }).on('line', (line) => {
      this.stderrTail.push(line);
      if (this.stderrTail.length > 20) this.stderrTail.shift();
    });
    this.child.on('error', (e) => this.end(`could not start "${options.command}": ${e.message}`));
    this.child.on('exit', (code, signal) => this.end(`the implementation process exited (${signal ?? `code ${code}`})`));
    this.child.stdin.on('error', () => undefined);
  }

  get alive(): boolean {
    return this.ended === undefined;
  }

  private end(reason: string) {
    if (this.ended) return;
    const tail = this.stderrTail.length ? `; its last stderr lines:\n  ${this.stderrTail.slice(-8).join('\n  ')}` : '';
    this.ended = reason + tail;
    for (const p of this.pending.values()) p.reject(new AdapterFailure('crashed', `${p.what}: ${this.ended}`));
    this.pending.clear();
  }

  private onLine(line: string) {
    if (!line.trim()) return;
    let msg: unknown;
    try {
      msg = JSON.parse(line);
    } catch {
      this.failAll('protocol', `the implementation printed a line that is not JSON: ${line.slice(0, 200)}`);
      return;
    }
    if (typeof msg !== 'object' || msg === null) {
      this.failAll('protocol', `the implementation printed a JSON line that is not an object: ${line.slice(0, 200)}`);
      return;
    }
    const m = msg as { id?: unknown; result?: unknown; failure?: { kind?: string; message?: string; detail?: string }; notice?: string };
    if (m.notice !== undefined) {
      if (m.notice === 'session_ended') this.failAll('crashed', `the implementation reported that the session ended: ${line.slice(0, 200)}`);
      return;
    }
    const pending = typeof m.id === 'number' ? this.pending.get(m.id) : undefined;
    if (!pending) {
      this.failAll('protocol', `the implementation answered an id that was not asked: ${line.slice(0, 200)}`);
      return;
    }
    this.pending.delete(m.id as number);
    if (m.failure) {
      const kind = m.failure.kind === 'unsupported' ? 'unsupported' : 'threw';
      const detail = m.failure.detail ? `\n${m.failure.detail}` : '';
      pending.reject(new AdapterFailure(kind, `${pending.what}: the implementation reported ${m.failure.kind ?? 'a failure'}: ${m.failure.message ?? ''}${detail}`));
    } else if (!('result' in m)) {
      pending.reject(new AdapterFailure('protocol', `${pending.what}: the reply has neither "result" nor "failure": ${line.slice(0, 200)}`));
    } else {
      pending.resolve(m.result);
    }
  }

  private failAll(kind: 'protocol' | 'crashed', message: string) {
    for (const p of this.pending.values()) p.reject(new AdapterFailure(kind, `${p.what}: ${message}`));
    this.pending.clear();
  }

  request(method: string, params: unknown, what: string): Promise<unknown> {
    if (this.ended) return Promise.reject(new AdapterFailure('crashed', `${what}: ${this.ended}`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.kill();
        reject(new AdapterFailure('timeout', `${what} did not answer within ${this.options.timeoutMs} ms; the implementation process was stopped and will be restarted`));
      }, this.options.timeoutMs);
      this.pending.set(id, {
        what,
        resolve: (v) => { clearTimeout(timer); resolve(v); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      });
      this.child.stdin.write(`${JSON.stringify({ id, method, params })}\n`);
    });
  }

  kill() {
    if (this.child.pid !== undefined) {
      try {
        process.kill(-this.child.pid, 'SIGKILL');
      } catch {
        this.child.kill('SIGKILL');
      }
    }
    this.end('the implementation process was stopped');
  }
}

/** An `Implementation` backed by a child process speaking the line protocol. */
export class ProcessImplementation implements Implementation {
  private proc: ProtocolProcess | undefined;

  constructor(private readonly options: ProcessOptions) {}

  private process(): ProtocolProcess {
    if (!this.proc || !this.proc.alive) this.proc = new ProtocolProcess(this.options);
    return this.proc;
  }

  async hello(): Promise<Hello> {
    return (await this.process().request('hello', {}, 'hello')) as Hello;
  }

  async open(setup: SessionSetup): Promise<OpenedSession> {
    const proc = this.process();
    const result = (await proc.request('open', { setup }, 'opening a session')) as OpenedSession & { session_id?: unknown };
    if (result && typeof result === 'object' && result.ok) {
      const { session_id: id, ...rest } = result;
      return { ...rest, session: new ProcessSession(proc, typeof id === 'string' ? id : undefined) };
    }
    return result;
  }

  async shutdown(): Promise<void> {
    const proc = this.proc;
    if (!proc?.alive) return;
    await Promise.race([proc.request('shutdown', {}, 'shutdown').catch(() => undefined), new Promise((r) => setTimeout(r, 1000))]);
    proc.kill();
  }
}

class ProcessSession implements Session {
  /** `id`: the `session_id` the implementation gave at `open`, sent back with each request. */
  constructor(private readonly proc: ProtocolProcess, private readonly id?: string) {}

  private params(): { session?: string } {
    return this.id === undefined ? {} : { session: this.id };
  }

  async run(command: Command): Promise<Response> {
    return (await this.proc.request('run', { command, ...this.params() }, `command "${command.op}"`)) as Response;
  }

  async close(): Promise<void> {
    if (this.proc.alive) await this.proc.request('close', this.params(), 'closing the session');
  }
}
