import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/client.js';

/**
 * A fresh database per test file: an in-memory PGlite, or, when DATABASE_URL is set, a new
 * PostgreSQL database created beside the given one and dropped afterwards.
 */
export interface TestDatabase extends Database {
  /** Environment for a CLI (audit:verify, admin:create) to open this same database. */
  cliEnv: Record<string, string>;
}

export async function createTestDatabase(opts: { dataDir?: string } = {}): Promise<TestDatabase> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const dataDir = opts.dataDir ?? 'memory://';
    return { ...(await openDatabase({ dataDir })), cliEnv: { DATABASE_URL: '', DATA_DIR: dataDir } };
  }
  const name = `ow_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  return {
    ...database,
    cliEnv: { DATABASE_URL: url.toString() },
    close: async () => {
      await database.close();
      const again = new pg.Client({ connectionString: adminUrl });
      await again.connect();
      try {
        await again.query(`drop database if exists ${name} with (force)`);
      } finally {
        await again.end();
      }
    },
  };
}
