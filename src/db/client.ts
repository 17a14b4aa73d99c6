import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import { DEFAULT_PG_POOL_MAX, DEFAULT_PG_QUERY_TIMEOUT_MS } from '../config.js';
import * as schema from './schema/index.js';
import { acquireDataDirLock } from './lock.js';
import { createQueryWatchdog } from './query-watchdog.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DatabaseKind = 'pglite' | 'postgresql';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  close(): Promise<void>;
}

type RawRunner = (name: string, text: string, params: unknown[]) => Promise<Record<string, unknown>[]>;
const rawRunners = new WeakMap<object, RawRunner>();

/**
 * One hand-written statement, sent as a named prepared statement on PostgreSQL. For the hottest
 * statements only: a case step's writes (one statement with CTEs does a transaction's work in one
 * round trip) and the progress and whole-case reads (one json value instead of many columns).
 */
export function rawQuery(db: Db, name: string, text: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  const run = rawRunners.get(db);
  if (!run) return inTransactionQuery(db, text, params);
  return run(name, text, params);
}

/**
 * The same statement inside a transaction (a handle openDatabase did not make, so no named
 * statement): sent through Drizzle with its $n placeholders as parameters. For the rare case steps
 * that belong to a larger change, e.g. a calendar change moving due dates (calendar.service).
 */
async function inTransactionQuery(db: Db, text: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = [];
  parts.forEach((part, i) => chunks.push(i % 2 === 0 ? sql.raw(part) : sql`${params[Number(part) - 1]}`));
  const result = await db.execute(sql.join(chunks));
  return (result as unknown as { rows: Record<string, unknown>[] }).rows;
}

/** Whether `db` is a database opened by openDatabase (not a transaction), which rawQuery can use. */
export function canRawQuery(db: Db): boolean {
  return rawRunners.has(db);
}

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface DatabaseOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** PostgreSQL only; DEFAULT_PG_POOL_MAX when absent. */
  poolMax?: number;
  /** PostgreSQL only; DEFAULT_PG_QUERY_TIMEOUT_MS when absent. */
  queryTimeoutMs?: number;
}

/** Opens PostgreSQL when a URL is given, else the embedded PGlite in `dataDir` (or in memory for `memory://`). */
export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) {
    return openPostgres(opts.databaseUrl, opts.poolMax ?? DEFAULT_PG_POOL_MAX, opts.queryTimeoutMs ?? DEFAULT_PG_QUERY_TIMEOUT_MS);
  }
  return openPglite(opts.dataDir ?? 'memory://');
}

async function openPostgres(url: string, poolMax: number, queryTimeoutMs: number): Promise<Database> {
  const { default: pg } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  // A database that silently vanishes (network drop) must not hold requests for hours: keep-alive
  // probes, and a limit on how long a query may go unanswered (one timer for all, see query-watchdog).
  const watchdog = createQueryWatchdog(pg.Client, queryTimeoutMs);
  const pool = new pg.Pool({
    connectionString: url,
    max: poolMax,
    connectionTimeoutMillis: 5000,
    keepAlive: true,
    Client: watchdog.Client,
    // The pool's few connections stay open: an idle timer armed and cleared around every query
    // costs as pg's per-query timer did (see query-watchdog). A connection that breaks while idle
    // reports an error and the pool drops it.
    idleTimeoutMillis: 0,
  });
  watchdog.start(1000);
  // An idle client losing its server (restart, failover) must not crash the process.
  pool.on('error', () => {});
  const db = drizzle(pool, { schema }) as unknown as Db;
  // pg-pool answers a Query object with a promise as it does a config (its types say otherwise).
  const send = pool.query.bind(pool) as unknown as (query: object) => Promise<{ rows: Record<string, unknown>[] }>;
  rawRunners.set(db, async (name, text, values) => {
    // A Query made here is sent as it is; a config object would be copied descriptor by descriptor
    // on every call, a cost seen in the hot paths' profiles.
    const query = Object.assign(new pg.Query(text, values), { name });
    return (await send(query)).rows;
  });
  await migrate(drizzle(pool, { schema }), { migrationsFolder });
  return { db, kind: 'postgresql', close: () => { watchdog.stop(); return pool.end(); } };
}

async function openPglite(dataDir: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const inMemory = dataDir === 'memory://';
  const release = inMemory ? () => {} : acquireDataDirLock(dataDir);
  try {
    const client = new PGlite(inMemory ? undefined : path.join(dataDir, 'pglite'));
    await client.waitReady;
    const db = drizzle(client, { schema });
    rawRunners.set(db, async (_name, text, params) => (await client.query<Record<string, unknown>>(text, params)).rows);
    await migrate(db, { migrationsFolder });
    return {
      db: db as unknown as Db,
      kind: 'pglite',
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

export async function ping(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}
