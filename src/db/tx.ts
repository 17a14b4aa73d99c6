import type { Db } from './client.js';

/** Runs `fn` in one transaction; the transaction handle has the same query API as the database. */
export function inTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => fn(tx as unknown as Db));
}
