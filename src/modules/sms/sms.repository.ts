import { and, asc, desc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { outbox } from '../../db/schema/index.js';

export type OutboxRow = typeof outbox.$inferSelect;
export type OutboxStatus = OutboxRow['status'];

export interface NewSms {
  caseId?: number;
  recipient: string;
  template: string;
  body: string;
  /** One key per business event (e.g. `case:42:accepted`), so a retried step cannot queue the message twice. */
  dedupeKey: string;
  now: Date;
}

/** Long gateway answers would bloat the table; the start says what went wrong. */
const MAX_ERROR_LENGTH = 500;
const trimError = (e: string) => (e.length > MAX_ERROR_LENGTH ? e.slice(0, MAX_ERROR_LENGTH) + '…' : e);

/** Call it with the business transaction's handle: the message exists exactly when the step does. */
export async function enqueueSms(db: Db, m: NewSms): Promise<void> {
  await db.insert(outbox).values({
    channel: 'sms',
    dedupeKey: m.dedupeKey,
    caseId: m.caseId ?? null,
    recipient: m.recipient,
    template: m.template,
    body: m.body,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: m.now,
    createdAt: m.now,
  }).onConflictDoNothing({ target: outbox.dedupeKey });
}

/**
 * Takes up to `limit` messages due at `now` and leases them until now + lockMs. A row left in
 * 'sending' by a worker that died is taken again once its lease has run out. SKIP LOCKED lets
 * several workers (or processes) claim at once without waiting on, or taking, each other's rows.
 */
export async function claimDue(db: Db, now: Date, lockMs: number, limit: number): Promise<OutboxRow[]> {
  const due = db.select({ id: outbox.id }).from(outbox)
    .where(or(
      and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)),
      and(eq(outbox.status, 'sending'), lt(outbox.lockedUntil, now)),
    ))
    .orderBy(asc(outbox.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  const rows = await db.update(outbox)
    .set({ status: 'sending', lockedUntil: new Date(now.getTime() + lockMs) })
    .where(inArray(outbox.id, due))
    .returning();
  // RETURNING has no order; oldest first keeps sending fair.
  return rows.sort((a, b) => a.id - b.id);
}

// The marks only touch a row still in 'sending': a row another worker has since finished stays as it is.

export async function markSent(db: Db, id: number, attempts: number, at: Date): Promise<void> {
  await db.update(outbox)
    .set({ status: 'sent', attempts, sentAt: at, lockedUntil: null })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'sending')));
}

export async function markRetry(db: Db, id: number, attempts: number, nextAttemptAt: Date, error: string): Promise<void> {
  await db.update(outbox)
    .set({ status: 'pending', attempts, nextAttemptAt, lastError: trimError(error), lockedUntil: null })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'sending')));
}

export async function markFailed(db: Db, id: number, attempts: number, error: string): Promise<void> {
  await db.update(outbox)
    .set({ status: 'failed', attempts, lastError: trimError(error), lockedUntil: null })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'sending')));
}

export interface SmsFilter {
  status?: OutboxStatus;
  page: number;
  pageSize: number;
}

/** Newest first: administrators look here when a message was just expected. */
export async function listSms(db: Db, f: SmsFilter): Promise<{ rows: OutboxRow[]; total: number }> {
  const where = and(eq(outbox.channel, 'sms'), f.status ? eq(outbox.status, f.status) : undefined);
  const [rows, [count]] = await Promise.all([
    db.select().from(outbox).where(where).orderBy(desc(outbox.id)).limit(f.pageSize).offset((f.page - 1) * f.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(outbox).where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

export async function findSms(db: Db, dedupeKey: string): Promise<OutboxRow | undefined> {
  return db.query.outbox.findFirst({ where: eq(outbox.dedupeKey, dedupeKey) });
}
