/**
 * The process's in-memory caches. Each one is declared with `namedCache`: a name and how its entries
 * stop being used, so that whoever changes the data can see what keeps a copy of it, and so that all
 * of them can be cleared at once (tests, an admin action, or a notice from another server process).
 *
 * Entries are kept per scope: the database they were read from (tests run many servers, each with
 * its own database, in one process; an entry of one is never seen by another).
 *
 * Not on this facility, because they are not copies of data that can change:
 * - memos of pure functions in src/domain/ (also imported by the web app): the zone formatters and
 *   today's bounds per zone in time-zone.ts, the date ↔ day-number memos and the per-calendar
 *   day-number views in working-days.ts, the quoted event keys in event-hash.ts;
 * - values built once from constants: the bundled national calendar (calendar/national-calendar.ts),
 *   the statement texts of a case step (cases/case-writes.ts), the throwaway password hash
 *   (auth/passwords.ts), prepared statements per database (db/prepared.ts), raw runners (db/client.ts)
 *   and the objects made per request origin (http/public-url.ts);
 * - state that must not be dropped: reserved blocks of case numbers (cases/case-intake.service.ts),
 *   guess and login throttles, the session epochs of changed users (auth/auth.service.ts), locks held.
 */

/**
 * How entries stop being used:
 * - `time`: each entry is used for `ttlMs`, then read again; a change shows within that time.
 * - `writes`: the code that changes the data calls `clear()` or `delete()` at once; with `ttlMs`,
 *   changes made by another server process show within that time.
 * - `never`: the data never changes once cached (published versions, centers); bounded by `maxEntries`.
 */
export type CacheLifetime =
  | { invalidatedBy: 'time'; ttlMs: number }
  | { invalidatedBy: 'writes'; ttlMs?: number }
  | { invalidatedBy: 'never'; ttlMs?: never };

export type CacheOptions = CacheLifetime & {
  /** Unique in the process, e.g. `calendar` or `cases.write-copies`. */
  name: string;
  /** Per scope; past it the oldest entry goes. */
  maxEntries?: number;
  /** Milliseconds now, for tests; a caller may also pass the time of its own clock. */
  now?: () => number;
};

export interface CacheInfo {
  name: string;
  invalidatedBy: CacheLifetime['invalidatedBy'];
  ttlMs: number | undefined;
  maxEntries: number;
}

interface Entry<V> {
  value: V;
  at: number;
}

const DEFAULT_MAX_ENTRIES = 10_000;

export class NamedCache<K, V> {
  readonly info: CacheInfo;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private scopes = new WeakMap<object, Map<K, Entry<V>>>();

  constructor(options: CacheOptions) {
    this.ttlMs = options.ttlMs ?? Infinity;
    this.now = options.now ?? Date.now;
    this.info = { name: options.name, invalidatedBy: options.invalidatedBy, ttlMs: options.ttlMs, maxEntries: options.maxEntries ?? DEFAULT_MAX_ENTRIES };
  }

  get name(): string {
    return this.info.name;
  }

  /** The entry while it is fresh. A cache of one value per scope is a `NamedCache<void, V>`: `find(db)`. */
  find(scope: object, key: K, now = this.now()): V | undefined {
    const entries = this.scopes.get(scope);
    const hit = entries?.get(key);
    if (!hit) return undefined;
    // An entry from the future (a test set its clock back) is not trusted either.
    if (now - hit.at >= this.ttlMs || now < hit.at) {
      entries!.delete(key);
      return undefined;
    }
    return hit.value;
  }

  set(scope: object, key: K, value: V, now = this.now()): V {
    let entries = this.scopes.get(scope);
    if (!entries) this.scopes.set(scope, (entries = new Map()));
    entries.delete(key);
    if (entries.size >= this.info.maxEntries) entries.delete(entries.keys().next().value as K);
    entries.set(key, { value, at: now });
    return value;
  }

  delete(scope: object, key: K): void {
    this.scopes.get(scope)?.delete(key);
  }

  /** Forgets every entry of every scope. */
  clear(): void {
    this.scopes = new WeakMap();
  }
}

const registry = new Map<string, NamedCache<unknown, unknown>>();

/** Declares a cache of the process. */
export function namedCache<K, V>(options: CacheOptions): NamedCache<K, V> {
  if (registry.has(options.name)) throw new Error(`A cache named ${options.name} exists already`);
  const cache = new NamedCache<K, V>(options);
  registry.set(options.name, cache as NamedCache<unknown, unknown>);
  return cache;
}

/** Every cache of the process, as declared. */
export function listCaches(): CacheInfo[] {
  return [...registry.values()].map((c) => c.info);
}

/** Clears the cache of that name; false when there is none. */
export function clearCache(name: string): boolean {
  const cache = registry.get(name);
  cache?.clear();
  return cache !== undefined;
}

export function clearAllCaches(): void {
  for (const cache of registry.values()) cache.clear();
}
