import type pg from 'pg';

/**
 * The limit on how long a query may go unanswered, kept by one timer for all queries.
 *
 * A database that silently vanishes (a network drop) must not hold requests for hours. pg's own
 * `query_timeout` does this with a timer per query; measured under load, those timers kept the
 * young generation's survivors ~20 times larger, and every scavenge took 7–11 ms instead of 2–4
 * (docs/performance.md). Here each query is one entry in a set, and one check walks the set.
 *
 * An overdue query's connection is destroyed: the query and any queued behind it fail with
 * "Connection terminated" (answered 503), and the pool replaces the connection. A query gone
 * unanswered that long means the connection cannot be trusted anyway.
 */
export interface QueryWatchdog {
  /** The Client class for pg.Pool's `Client` option. */
  readonly Client: typeof pg.Client;
  /** Queries sent and not yet answered. */
  readonly pending: number;
  /** Ends the connections of queries older than the limit; returns how many it ended. */
  check(): number;
  start(intervalMs: number): void;
  stop(): void;
}

interface Entry {
  client: pg.Client;
  started: number;
}

type Callback = (err: Error | undefined, res: unknown) => void;

export function createQueryWatchdog(base: typeof pg.Client, timeoutMs: number, now: () => number = () => performance.now()): QueryWatchdog {
  const entries = new Set<Entry>();
  let timer: NodeJS.Timeout | undefined;

  // No named closures per query: under tsx every one costs a defineProperty of its name.
  const forget = (entry: Entry) => function () {
    entries.delete(entry);
  };
  const answered = (entry: Entry, cb: Callback): Callback => function (err, res) {
    entries.delete(entry);
    cb(err, res);
  };

  class WatchedClient extends base {
    // pg's overloads cannot be restated one by one; the arguments go on to pg unchanged.
    query(config: unknown, values?: unknown, callback?: unknown): any {
      const query = super.query as unknown as (this: pg.Client, ...a: unknown[]) => unknown;
      if (!(timeoutMs > 0)) return query.call(this, config, values, callback);
      const entry = { client: this as pg.Client, started: now() };
      entries.add(entry);
      if (typeof values === 'function') return query.call(this, config, answered(entry, values as Callback));
      if (typeof callback === 'function') return query.call(this, config, values, answered(entry, callback as Callback));
      const submittable = config as { submit?: unknown; callback?: Callback } | null;
      if (submittable && typeof submittable.submit === 'function') {
        // A query object with its own callback; one without (a cursor, a stream) is not watched.
        if (typeof submittable.callback === 'function') submittable.callback = answered(entry, submittable.callback);
        else entries.delete(entry);
        return query.call(this, config, values);
      }
      const result = query.call(this, config, values) as Promise<unknown>;
      result.then(forget(entry), forget(entry));
      return result;
    }
  }

  return {
    Client: WatchedClient as unknown as typeof pg.Client,
    get pending() {
      return entries.size;
    },
    check() {
      const limit = now() - timeoutMs;
      const overdue = new Set<pg.Client>();
      for (const entry of entries) {
        if (entry.started <= limit) {
          overdue.add(entry.client);
          entries.delete(entry);
        }
      }
      for (const client of overdue) {
        const stream = (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream;
        stream?.destroy();
      }
      return overdue.size;
    },
    start(intervalMs) {
      if (timer || !(timeoutMs > 0)) return;
      timer = setInterval(() => this.check(), intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
