import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * ok: takes the message. down: not listening (connection refused). slow: takes it but answers only
 * after `slowMs`, past the client's timeout. 429/500/400: refuses it with that status. lose-reply:
 * takes it, then drops the connection without answering.
 */
export type FakeSmsMode = 'ok' | 'down' | 'slow' | '429' | '500' | '400' | 'lose-reply';

export interface FakeSmsMessage {
  to: string;
  text: string;
  dedupeKey: string;
  idempotencyKey: string | undefined;
}

export interface FakeSmsServer {
  url: string;
  readonly mode: FakeSmsMode;
  /** Switching to or from `down` closes or reopens the listener on the same port, hence async. */
  setMode(mode: FakeSmsMode): Promise<void>;
  /** Messages the server took (ok, slow, lose-reply), in order, repeats included. */
  delivered: FakeSmsMessage[];
  /** How many times the message with this key was taken. */
  deliveries(dedupeKey: string): number;
  /** Every request that reached the server, whatever it answered. */
  requests: number;
  /** Retry-After header sent with 429 answers, when set. */
  retryAfter: string | undefined;
  /** Back to `ok`, with no deliveries, requests or Retry-After: a clean server for the next test. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeSmsServer(opts: { slowMs?: number } = {}): Promise<FakeSmsServer> {
  const slowMs = opts.slowMs ?? 1000;
  let retryAfter: string | undefined;
  let mode: FakeSmsMode = 'ok';
  const delivered: FakeSmsMessage[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let requests = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests++;
      let msg: FakeSmsMessage;
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Omit<FakeSmsMessage, 'idempotencyKey'>;
        msg = { to: body.to, text: body.text, dedupeKey: body.dedupeKey, idempotencyKey: req.headers['idempotency-key'] as string | undefined };
      } catch {
        res.writeHead(400, { 'content-type': 'application/json', connection: 'close' }).end('{"error":"bad json"}');
        return;
      }
      // No keep-alive: a pooled socket that the server dropped (down, lose-reply) would fail the client's
      // next send at random, and the tests count deliveries exactly. The worker copes with that race
      // (it is a retryable network error); the tests should not depend on it.
      const answer = (status: number, body: object, headers: Record<string, string> = {}) =>
        res.writeHead(status, { 'content-type': 'application/json', connection: 'close', ...headers }).end(JSON.stringify(body));
      switch (mode) {
        case 'ok':
          delivered.push(msg);
          answer(200, { ok: true });
          break;
        case 'slow': {
          delivered.push(msg);
          const t = setTimeout(() => {
            timers.delete(t);
            if (!res.destroyed) answer(200, { ok: true });
          }, slowMs);
          timers.add(t);
          break;
        }
        case 'lose-reply':
          delivered.push(msg);
          req.socket.destroy();
          break;
        case '429':
          answer(429, { error: 'too many requests' }, retryAfter ? { 'retry-after': retryAfter } : {});
          break;
        case '500':
          answer(500, { error: 'internal error' });
          break;
        case '400':
          answer(400, { error: 'invalid mobile number' });
          break;
        case 'down':
          // Not reached: the listener is closed. Kept so the switch covers every mode.
          req.socket.destroy();
          break;
      }
    });
  });

  const listen = (port: number) => new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Open keep-alive sockets would hide `down` from the client: drop them with the listener.
  const stop = () => new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

  await listen(0);
  const port = (server.address() as AddressInfo).port;

  const fake: FakeSmsServer = {
    url: `http://127.0.0.1:${port}/sms`,
    get mode() { return mode; },
    async setMode(next) {
      if (next === mode) return;
      const wasDown = mode === 'down';
      mode = next;
      if (next === 'down') await stop();
      else if (wasDown) await listen(port);
    },
    delivered,
    deliveries: (key) => delivered.filter((m) => m.dedupeKey === key).length,
    get requests() { return requests; },
    get retryAfter() { return retryAfter; },
    set retryAfter(v) { retryAfter = v; },
    async reset() {
      await fake.setMode('ok');
      delivered.length = 0;
      requests = 0;
      retryAfter = undefined;
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      if (mode !== 'down') await stop();
    },
  };
  return fake;
}
