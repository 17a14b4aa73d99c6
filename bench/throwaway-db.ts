import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A database of its own next to `admin` (a PostgreSQL URL), dropped with `drop()` even if still in use. */
export async function createDatabase(admin: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `ow_bench_${randomBytes(4).toString('hex')}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`create database ${name}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`drop database if exists ${name} with (force)`);
      await d.end();
    },
  };
}
