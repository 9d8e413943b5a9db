/**
 * The adapter interface for implementations written in TypeScript or JavaScript. A module that
 * exports `createImplementation()` (default or named) returning this is an adapter. Everything
 * passed in and out is JSON data from this folder, so the same contract is spoken by a process
 * in any language over the line protocol (`conformance/PROTOCOL.md`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Command } from './commands.js';
import type { Hello, OpenResult, Response } from './results.js';
import type { SessionSetup } from './schema.js';

export interface Implementation {
  /** Who this is, which database profile it follows, and which capabilities it declares. */
  hello(): Promise<Hello>;
  /**
   * Boots a fresh, isolated project from `setup` (apps, models, receivers, URLs) with an empty
   * database. Nothing from earlier sessions may be visible. A start-up error that Django would
   * raise (duplicate labels, an exception in `ready()`) is an `ok: false` result, not a throw.
   */
  open(setup: SessionSetup): Promise<OpenedSession>;
  /** Releases everything (processes, connections). */
  shutdown(): Promise<void>;
}

export type OpenedSession = OpenResult & { session?: Session };

export interface Session {
  /** Runs one command. Django exceptions are `ok: false` responses; a throw means the adapter itself failed. */
  run(command: Command): Promise<Response>;
  /**
   * In-process HTTP: a Node request listener serving the session's URLs. Implementations that
   * serve from another process use the `serve` command instead and return a base URL.
   */
  httpListener?(): (req: IncomingMessage, res: ServerResponse) => void;
  close(): Promise<void>;
}

export type CreateImplementation = (options?: Record<string, string>) => Promise<Implementation> | Implementation;
