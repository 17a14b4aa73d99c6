import type { Db } from '../../src/db/client.js';

type Query = (...args: unknown[]) => unknown;

/**
 * Watches every transaction `db` opens and records each query sent on the transaction's connection
 * while another query of it is still unanswered. pg queues such a query and warns "Calling
 * client.query() when the client is already executing a query" (an error in pg 9); PGlite takes it
 * too, so the same watch catches the fault on both databases.
 */
export function watchTransactionOverlap(db: Db): { overlaps: string[]; stop(): void } {
  const overlaps: string[] = [];
  const target = db as unknown as { transaction: (fn: (tx: unknown) => Promise<unknown>, config?: unknown) => Promise<unknown> };
  const original = target.transaction;
  target.transaction = function (fn, config) {
    return original.call(this, async (tx) => {
      const client = (tx as { session: { client: { query: Query } } }).session.client;
      const own = Object.prototype.hasOwnProperty.call(client, 'query');
      const query = client.query;
      let unanswered = 0;
      client.query = function (this: unknown, ...args: unknown[]) {
        if (unanswered > 0) {
          const first = args[0] as string | { text?: string } | undefined;
          overlaps.push(String(typeof first === 'string' ? first : first?.text).slice(0, 160));
        }
        unanswered++;
        const done = () => { unanswered--; };
        const result = query.apply(this, args);
        if (result && typeof (result as Promise<unknown>).then === 'function') (result as Promise<unknown>).then(done, done);
        else done();
        return result;
      };
      try {
        return await fn(tx);
      } finally {
        if (own) client.query = query;
        else delete (client as { query?: Query }).query;
      }
    }, config);
  };
  return {
    overlaps,
    stop: () => { target.transaction = original; },
  };
}
