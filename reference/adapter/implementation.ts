/**
 * The reference as an `Implementation`: `open()` boots a project from the session setup the
 * way Django starts (apps, models, tables, `ready()`), on a fresh database.
 */
import type { Implementation, OpenedSession } from '../../conformance/contract/implementation.js';
import { PROTOCOL_VERSION, type Hello } from '../../conformance/contract/results.js';
import { SessionSetupSchema, type SessionSetup } from '../../conformance/contract/schema.js';
import { openDatabase, databaseKind } from '../db/database.js';
import { Project } from '../orm/project.js';
import { createTables } from '../orm/schema-editor.js';
import { PyError } from '../orm/pyvalues.js';
import { ReferenceSession, bindSession, builtinReady } from './session.js';
import { CAPABILITIES_IMPLEMENTED } from './capabilities.js';
import '../orm/index.js';
import '../auth/models.js';
import './commands/index.js';
import { installUrls } from '../http/index.js';

export class ReferenceImplementation implements Implementation {
  async hello(): Promise<Hello> {
    return {
      protocol: PROTOCOL_VERSION,
      implementation: { name: 'djspec-reference', version: '0.1.0', language: 'typescript' },
      database: { vendor: 'postgresql', engine: databaseKind() },
      capabilities: [...CAPABILITIES_IMPLEMENTED],
    };
  }

  async open(setup: SessionSetup): Promise<OpenedSession> {
    const parsed = SessionSetupSchema.parse(setup);
    const db = await openDatabase();
    const project = new Project(parsed, db);
    const session = new ReferenceSession(project);
    bindSession(session);
    try {
      await session.duringStartup(async () => {
        await project.apps.loadAppsAndModels(async (spec) => {
          if (spec.init?.length) await session.interpreter.run(spec.init, { args: {}, vars: new Map<string, unknown>([['__app__', spec]]) });
        });
        if (parsed.create_tables !== false) await createTables(db, project.apps.allModels());
        await project.apps.runReady(async (config) => {
          await session.interpreter.run(config.readyBody, { args: {}, vars: new Map<string, unknown>([['__app__', config]]) });
          await runBuiltinReady(session, config.name);
        });
        for (const connection of parsed.connect ?? []) session.connect(connection);
        installUrls(session);
        await db.markClean();
      });
    } catch (e) {
      await db.close();
      project.apps.failed = true;
      if (e instanceof PyError) return { ok: false, error: session.errorData(e), startup: project.apps.startup, events: session.takeEvents() };
      throw e;
    }
    return { ok: true, startup: project.apps.startup, events: session.takeEvents(), session };
  }

  /**
   * Sessions close their own databases. The process-wide PGlite instance stays up: it is a
   * process resource like compiled code (a second start costs seconds), it does not keep the
   * process alive, and a runner that reuses the process for the next spec file reuses it.
   */
  async shutdown(): Promise<void> {}
}

export { builtinReady };

async function runBuiltinReady(session: ReferenceSession, name: string): Promise<void> {
  await builtinReady.get(name)?.(session);
}
