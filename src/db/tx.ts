import { canRawQuery, type Db } from './client.js';

/** Runs `fn` in one transaction; the transaction handle has the same query API as the database. */
export function inTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => fn(tx as unknown as Db));
}

/**
 * Independent reads: at once on the database (each takes a connection of the pool), one after
 * another on a transaction. A transaction is one connection, and a connection answers one query at
 * a time: pg queues a second one with a warning ("client is already executing a query"), and pg 9
 * refuses it.
 */
export async function readAll<T extends readonly unknown[]>(db: Db, reads: readonly [...{ [K in keyof T]: () => Promise<T[K]> }]): Promise<T> {
  if (canRawQuery(db)) return (await Promise.all(reads.map((read) => read()))) as unknown as T;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as unknown as T;
}
