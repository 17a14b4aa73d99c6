import type { Db } from '../db/client.js';
import type { Clock } from '../domain/clock.js';
import { nextAttemptAt, type BackoffPolicy } from '../domain/backoff.js';
import { SmsSendError, type SmsGateway } from '../modules/sms/gateway.js';
import { redactText } from '../http/log-redaction.js';
import { claimDue, markFailed, markRetry, markSent, type OutboxRow } from '../modules/sms/sms.repository.js';

/** Fastify's logger (pino) fits; so does anything with these two methods. */
export interface WorkerLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface OutboxWorkerOptions {
  db: Db;
  clock: Clock;
  gateway: SmsGateway;
  /** Tries in all, the first included; after the last the message is marked failed. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Most messages one run handles, so a long queue does not hold one run for minutes. */
  batchSize?: number;
  /** Lease of a claimed message; must be well above the gateway's timeout, or a slow send could be claimed twice. */
  lockMs?: number;
  /** Messages sent at the same time. Each wave is claimed just before it is sent, so a lease only covers one send. */
  concurrency?: number;
  logger?: WorkerLogger;
}

export interface RunResult {
  sent: number;
  retried: number;
  failed: number;
}

export interface OutboxWorker {
  runOnce(): Promise<RunResult>;
  start(intervalMs: number): void;
  stop(): Promise<void>;
}

const consoleLogger: WorkerLogger = {
  warn: () => {},
  error: (obj, msg) => console.error(`outbox worker: ${msg}`, obj),
};

/** Gateways echo the refused message (number, text, sign-in code) in their answer: log only its status. */
function loggedSendError(e: SmsSendError): string {
  return redactText(e.message.replace(/^(HTTP \d+):[\s\S]*$/, '$1'));
}

function asSendError(err: unknown): SmsSendError {
  if (err instanceof SmsSendError) return err;
  // A gateway bug is not the message's fault: try again rather than lose it.
  return new SmsSendError(err instanceof Error ? err.message : String(err), true);
}

/**
 * Sends the outbox. Everything runs off the request path and every error is caught here, so a dead
 * or slow gateway, or even a database hiccup, never reaches case work: messages just wait.
 *
 * Duplicates: a message is sent again only when its try ended without a success answer. If the
 * gateway had in fact taken it and the reply was lost (timeout, dropped connection), the repeat
 * carries the same dedupe key and Idempotency-Key, so a real gateway drops it.
 */
export function createOutboxWorker(opts: OutboxWorkerOptions): OutboxWorker {
  const {
    db, clock, gateway, maxAttempts = 6, baseDelayMs = 2000, maxDelayMs = 300_000,
    batchSize = 20, lockMs = 60_000, concurrency = 4, logger = consoleLogger,
  } = opts;
  const policy: BackoffPolicy = { baseDelayMs, maxDelayMs };

  async function deliver(row: OutboxRow): Promise<keyof RunResult | undefined> {
    const attempts = row.attempts + 1;
    try {
      try {
        await gateway.send({ to: row.recipient, text: row.body, dedupeKey: row.dedupeKey });
      } catch (err) {
        const e = asSendError(err);
        if (!e.retryable || attempts >= maxAttempts) {
          await markFailed(db, row.id, attempts, e.message);
          logger.warn({ outboxId: row.id, attempts, error: loggedSendError(e) }, 'SMS failed for good');
          return 'failed';
        }
        await markRetry(db, row.id, attempts, nextAttemptAt(clock.now(), attempts, policy, e.retryAfterMs), e.message);
        logger.warn({ outboxId: row.id, attempts, error: loggedSendError(e) }, 'SMS not sent, will retry');
        return 'retried';
      }
      await markSent(db, row.id, attempts, clock.now());
      return 'sent';
    } catch (err) {
      // The mark did not land: the lease runs out and the message is taken again, possibly re-sent.
      logger.error({ err, outboxId: row.id }, 'could not record the outcome of an SMS');
      return undefined;
    }
  }

  async function runOnce(): Promise<RunResult> {
    const result: RunResult = { sent: 0, retried: 0, failed: 0 };
    try {
      let taken = 0;
      while (taken < batchSize) {
        const rows = await claimDue(db, clock.now(), lockMs, Math.min(concurrency, batchSize - taken));
        if (rows.length === 0) break;
        taken += rows.length;
        for (const outcome of await Promise.all(rows.map(deliver))) {
          if (outcome) result[outcome]++;
        }
      }
    } catch (err) {
      logger.error({ err }, 'outbox run failed');
    }
    return result;
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  function tick(): void {
    // A run still going (slow gateway) is not joined by a second one: they would only compete for rows.
    if (running) return;
    running = runOnce().then(() => {}, () => {}).finally(() => { running = undefined; });
  }

  return {
    runOnce,
    start(intervalMs) {
      if (timer) return;
      timer = setInterval(tick, intervalMs);
      // The worker must never be what keeps the process alive at shutdown.
      timer.unref();
      tick();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
