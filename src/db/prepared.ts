import type { Db } from './client.js';

/**
 * Hot-path queries built once per database and sent as named prepared statements: neither Drizzle
 * nor PostgreSQL re-plans them on every request.
 */
export function preparedPerDb<T>(build: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let hit = cache.get(db);
    if (!hit) {
      hit = build(db);
      cache.set(db, hit);
    }
    return hit;
  };
}
