/**
 * One timer for all queries (src/db/query-watchdog.ts): a query left unanswered past the limit
 * ends its connection, so the request fails (503) instead of hanging, and the pool goes on with a
 * fresh connection. PostgreSQL only: PGlite has no connections. The watchdog's clock is a number
 * the test moves; nothing waits for the limit in real time.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQueryWatchdog, type QueryWatchdog } from '../../src/db/query-watchdog.js';

const url = process.env.DATABASE_URL;

describe.skipIf(!url)('the query watchdog', () => {
  let now = 0;
  let watchdog: QueryWatchdog;
  let pool: pg.Pool;

  beforeAll(() => {
    watchdog = createQueryWatchdog(pg.Client, 30_000, () => now);
    pool = new pg.Pool({ connectionString: url, max: 2, Client: watchdog.Client });
    pool.on('error', () => {});
  });
  afterAll(async () => {
    await pool?.end();
  });

  it('forgets every answered query, in each way pg is called', async () => {
    expect((await pool.query('select 1 as one')).rows[0].one).toBe(1);
    expect((await pool.query({ name: 'watchdog_two', text: 'select $1::int as two', values: [2] })).rows[0].two).toBe(2);
    const named = Object.assign(new pg.Query('select 3 as three'), { name: 'watchdog_three' });
    const viaObject = await (pool.query as unknown as (q: object) => Promise<pg.QueryResult>).call(pool, named);
    expect(viaObject.rows[0].three).toBe(3);
    const client = await pool.connect();
    try {
      await client.query('begin');
      expect((await client.query('select 4 as four')).rows[0].four).toBe(4);
      await expect(client.query('select * from no_such_table_here')).rejects.toThrow(/no_such_table_here/);
      await client.query('rollback');
      const viaCallback = await new Promise<number>((resolve, reject) => client.query('select 5 as five', (err, res) => (err ? reject(err) : resolve(res.rows[0].five))));
      expect(viaCallback).toBe(5);
    } finally {
      client.release();
    }
    expect(watchdog.pending).toBe(0);
    now += 60_000;
    expect(watchdog.check()).toBe(0);
  });

  it('ends the connection of a query unanswered past the limit; the pool goes on', async () => {
    const slow = pool.query('select pg_sleep(3)');
    const outcome = slow.then(() => 'answered', (err: Error) => err.message);
    await new Promise((r) => setTimeout(r, 100)); // let it reach the server
    expect(watchdog.pending).toBe(1);
    now += 29_999;
    expect(watchdog.check()).toBe(0);
    now += 2;
    expect(watchdog.check()).toBe(1);
    // The message the error handler answers with 503 (PG_UNAVAILABLE_MESSAGE in src/http/error-handler.ts).
    expect(await outcome).toMatch(/Connection terminated/);
    expect(watchdog.pending).toBe(0);
    expect((await pool.query('select 6 as six')).rows[0].six).toBe(6);
  });

  it('with no limit, watches nothing', async () => {
    const off = createQueryWatchdog(pg.Client, 0, () => now);
    const p = new pg.Pool({ connectionString: url, max: 1, Client: off.Client });
    try {
      const q = p.query('select 7 as seven');
      expect(off.pending).toBe(0);
      expect((await q).rows[0].seven).toBe(7);
    } finally {
      await p.end();
    }
  });
});
