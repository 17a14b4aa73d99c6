import type { Config } from '../config.js';
import type { Db, DatabaseKind } from '../db/client.js';
import type { Clock } from '../domain/clock.js';
import type { SessionUser } from '../modules/auth/auth.service.js';

/** What every module's routes get: the database, the clock and the configuration. */
export interface AppContext {
  db: Db;
  dbKind: DatabaseKind;
  clock: Clock;
  config: Config;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered, for tests that compare them with the OpenAPI document. */
    routeList: { method: string; url: string }[];
  }
  interface FastifyRequest {
    user?: SessionUser;
    sessionToken?: string;
    csrfToken?: string;
  }
}
