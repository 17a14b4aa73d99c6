import { and, desc, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { caseCounters, cases, centers, ledgerEntries, ledgerHandoverEntries, ledgerHandovers, proxyConfirmations, users } from '../../db/schema/index.js';
import type { LedgerReturnProof } from '../../db/schema/index.js';

export type HandoverRow = typeof ledgerHandovers.$inferSelect;

/** An entry with what a list shows of its case, and the batch it travels in. */
function entrySelect(db: Db) {
  return db.select({
    id: ledgerEntries.id, caseId: ledgerEntries.caseId, caseNo: ledgerEntries.caseNo, kind: ledgerEntries.kind, name: ledgerEntries.name,
    copies: ledgerEntries.copies, homeCenterId: ledgerEntries.homeCenterId, holderCenterId: ledgerEntries.holderCenterId,
    state: ledgerEntries.state, handoverId: ledgerEntries.handoverId, heldSince: ledgerEntries.heldSince, returnedAt: ledgerEntries.returnedAt,
    itemName: cases.itemName, applicantName: cases.applicantName, caseCenterId: cases.centerId, batchNo: ledgerHandovers.batchNo,
  }).from(ledgerEntries)
    .innerJoin(cases, eq(cases.id, ledgerEntries.caseId))
    .leftJoin(ledgerHandovers, eq(ledgerHandovers.id, ledgerEntries.handoverId));
}
export type EntryRow = Awaited<ReturnType<ReturnType<typeof entrySelect>['execute']>>[number];

export function listHeldAt(db: Db, centerId: number): Promise<EntryRow[]> {
  return entrySelect(db).where(and(eq(ledgerEntries.holderCenterId, centerId), eq(ledgerEntries.state, 'held')))
    .orderBy(ledgerEntries.heldSince, ledgerEntries.id);
}

export async function findEntry(db: Db, id: number): Promise<EntryRow | undefined> {
  const [row] = await entrySelect(db).where(eq(ledgerEntries.id, id)).limit(1);
  return row;
}

export function listCaseEntries(db: Db, caseId: number): Promise<EntryRow[]> {
  return entrySelect(db).where(eq(ledgerEntries.caseId, caseId)).orderBy(ledgerEntries.id);
}

/** The entries that travelled in these handovers, as they are now. */
export async function listEntriesOfHandovers(db: Db, handoverIds: number[]): Promise<(EntryRow & { inHandover: number })[]> {
  if (handoverIds.length === 0) return [];
  const rows = await db.select({ entryId: ledgerHandoverEntries.entryId, handoverId: ledgerHandoverEntries.handoverId })
    .from(ledgerHandoverEntries).where(inArray(ledgerHandoverEntries.handoverId, handoverIds));
  if (rows.length === 0) return [];
  const entries = await entrySelect(db).where(inArray(ledgerEntries.id, [...new Set(rows.map((r) => r.entryId))])).orderBy(ledgerEntries.id);
  const byId = new Map(entries.map((e) => [e.id, e]));
  return rows.flatMap((r) => (byId.has(r.entryId) ? [{ ...byId.get(r.entryId)!, inHandover: r.handoverId }] : []))
    .sort((a, b) => a.id - b.id);
}

/** Locks the entries a handover or a return is about to move, so two clerks cannot send the same paper twice. */
export function lockEntries(db: Db, ids: number[]) {
  return db.select({ id: ledgerEntries.id, holderCenterId: ledgerEntries.holderCenterId, state: ledgerEntries.state, homeCenterId: ledgerEntries.homeCenterId })
    .from(ledgerEntries).where(inArray(ledgerEntries.id, ids)).for('update');
}

const sender = alias(users, 'sender');
const receiver = alias(users, 'receiver');

function handoverSelect(db: Db) {
  return db.select({ h: ledgerHandovers, sentByName: sender.displayName, receivedByName: receiver.displayName })
    .from(ledgerHandovers)
    .leftJoin(sender, eq(sender.id, ledgerHandovers.sentBy))
    .leftJoin(receiver, eq(receiver.id, ledgerHandovers.receivedBy));
}
export type HandoverWithNames = Awaited<ReturnType<ReturnType<typeof handoverSelect>['execute']>>[number];

export async function findHandover(db: Db, id: number): Promise<HandoverWithNames | undefined> {
  const [row] = await handoverSelect(db).where(eq(ledgerHandovers.id, id)).limit(1);
  return row;
}

/** Batches still on their way to the place. */
export function listIncoming(db: Db, centerId: number): Promise<HandoverWithNames[]> {
  return handoverSelect(db).where(and(eq(ledgerHandovers.toCenterId, centerId), eq(ledgerHandovers.status, 'sent')))
    .orderBy(desc(ledgerHandovers.sentAt), desc(ledgerHandovers.id));
}

export function listSentSince(db: Db, centerId: number, since: Date, limit: number): Promise<HandoverWithNames[]> {
  return handoverSelect(db).where(and(eq(ledgerHandovers.fromCenterId, centerId), gte(ledgerHandovers.sentAt, since)))
    .orderBy(desc(ledgerHandovers.sentAt), desc(ledgerHandovers.id)).limit(limit);
}

export function listReceivedSince(db: Db, centerId: number, since: Date, limit: number): Promise<HandoverWithNames[]> {
  return handoverSelect(db).where(and(eq(ledgerHandovers.toCenterId, centerId), eq(ledgerHandovers.status, 'received'), gte(ledgerHandovers.receivedAt, since)))
    .orderBy(desc(ledgerHandovers.receivedAt), desc(ledgerHandovers.id)).limit(limit);
}

/** Every hop of these entries, in the order they travelled. */
export function listHops(db: Db, entryIds: number[]) {
  if (entryIds.length === 0) return Promise.resolve([]);
  return db.select({ entryId: ledgerHandoverEntries.entryId, h: ledgerHandovers })
    .from(ledgerHandoverEntries).innerJoin(ledgerHandovers, eq(ledgerHandovers.id, ledgerHandoverEntries.handoverId))
    .where(inArray(ledgerHandoverEntries.entryId, entryIds)).orderBy(ledgerHandovers.sentAt, ledgerHandovers.id);
}

/**
 * The next number of the day's batches. Batch numbers are unique across the installation, so the
 * counter belongs to no center (center 0); the row lock makes concurrent handovers wait, not collide.
 */
export async function nextBatchSeq(db: Db, day: string): Promise<number> {
  const [row] = await db.insert(caseCounters).values({ centerId: 0, day: `JJ-${day}`, last: 1 })
    .onConflictDoUpdate({ target: [caseCounters.centerId, caseCounters.day], set: { last: sql`${caseCounters.last} + 1` } })
    .returning({ last: caseCounters.last });
  return row!.last;
}

export async function insertHandover(db: Db, row: typeof ledgerHandovers.$inferInsert): Promise<number> {
  const [r] = await db.insert(ledgerHandovers).values(row).returning({ id: ledgerHandovers.id });
  return r!.id;
}

export async function sendEntries(db: Db, handoverId: number, entryIds: number[], at: Date): Promise<void> {
  await db.insert(ledgerHandoverEntries).values(entryIds.map((entryId) => ({ handoverId, entryId })));
  await db.update(ledgerEntries).set({ state: 'in_transit', handoverId, heldSince: at }).where(inArray(ledgerEntries.id, entryIds));
}

/** Marks the batch received; undefined when it was received already (by this or a concurrent request). */
export async function markReceived(db: Db, id: number, by: number, at: Date): Promise<HandoverRow | undefined> {
  const [row] = await db.update(ledgerHandovers).set({ status: 'received', receivedBy: by, receivedAt: at })
    .where(and(eq(ledgerHandovers.id, id), eq(ledgerHandovers.status, 'sent'))).returning();
  return row;
}

/** The batch's papers are now held at the receiving place, counted from now. */
export function receiveEntries(db: Db, handoverId: number, toCenterId: number, at: Date) {
  return db.update(ledgerEntries).set({ state: 'held', holderCenterId: toCenterId, heldSince: at, handoverId: null })
    .where(and(eq(ledgerEntries.handoverId, handoverId), eq(ledgerEntries.state, 'in_transit')))
    .returning({ id: ledgerEntries.id, caseId: ledgerEntries.caseId, kind: ledgerEntries.kind, homeCenterId: ledgerEntries.homeCenterId });
}

/** False when the paper left the place (or was handed back) since the clerk looked. */
export async function markReturned(db: Db, id: number, placeId: number, by: number, at: Date, proof: LedgerReturnProof): Promise<boolean> {
  const rows = await db.update(ledgerEntries).set({ state: 'returned', returnedAt: at, returnedBy: by, returnProof: proof })
    .where(and(eq(ledgerEntries.id, id), eq(ledgerEntries.state, 'held'), eq(ledgerEntries.holderCenterId, placeId))).returning({ id: ledgerEntries.id });
  return rows.length > 0;
}

export function findCaseContact(db: Db, caseId: number) {
  return db.query.cases.findFirst({
    where: eq(cases.id, caseId),
    columns: { id: true, caseNo: true, centerId: true, itemName: true, applicantPhone: true, applicantName: true, status: true },
  });
}

/** When the case's result was handed back to the applicant (the clock across places stops there). */
export async function findResultReturnedAt(db: Db, caseId: number): Promise<Date | null> {
  const [row] = await db.select({ at: sql<Date | null>`max(${ledgerEntries.returnedAt})`.mapWith(ledgerEntries.returnedAt) })
    .from(ledgerEntries).where(and(eq(ledgerEntries.caseId, caseId), eq(ledgerEntries.kind, 'result')));
  return row?.at ?? null;
}

/** Townships and villages below a center (two levels: a county's townships and their villages). */
export function listCentersBelow(db: Db, centerId: number) {
  const child = alias(centers, 'child');
  return db.select({ id: centers.id, code: centers.code, name: centers.name, level: centers.level, parentId: centers.parentId })
    .from(centers)
    .where(or(eq(centers.parentId, centerId), inArray(centers.parentId, db.select({ id: child.id }).from(child).where(eq(child.parentId, centerId)))))
    .orderBy(centers.id);
}

export function findCenterByCode(db: Db, code: string) {
  return db.query.centers.findFirst({ where: eq(centers.code, code) });
}

/** The county's papers held or on the road since before `before`, longest first. */
export function listOverdue(db: Db, countyId: number, before: Date): Promise<EntryRow[]> {
  return entrySelect(db)
    .where(and(eq(cases.centerId, countyId), inArray(ledgerEntries.state, ['held', 'in_transit']), lt(ledgerEntries.heldSince, before)))
    .orderBy(ledgerEntries.heldSince, ledgerEntries.id);
}

/** Who has each paper: the carrier on the road; else the person who last received it, or who took it in at intake. */
export async function listOverdueHolders(db: Db, entryIds: number[]): Promise<Map<number, { carrier: string | null; fromCenterId: number | null; receiver: string | null; taker: string | null }>> {
  if (entryIds.length === 0) return new Map();
  const taker = alias(users, 'taker');
  const rows = await db.select({
    id: ledgerEntries.id, carrier: ledgerHandovers.carrier, fromCenterId: ledgerHandovers.fromCenterId, taker: taker.displayName,
    receiver: sql<string | null>`(
      select u.display_name from ledger_handover_entries he join ledger_handovers h on h.id = he.handover_id join users u on u.id = h.received_by
      where he.entry_id = ${ledgerEntries.id} and h.status = 'received' order by h.received_at desc limit 1)`,
  }).from(ledgerEntries)
    .leftJoin(ledgerHandovers, eq(ledgerHandovers.id, ledgerEntries.handoverId))
    .leftJoin(taker, eq(taker.id, ledgerEntries.createdBy))
    .where(inArray(ledgerEntries.id, entryIds));
  return new Map(rows.map((r) => [r.id, { carrier: r.carrier, fromCenterId: r.fromCenterId, receiver: r.receiver, taker: r.taker }]));
}

// ─── The applicant's SMS code for a return (see ledger.service: why proxy_confirmations) ───

export async function insertReturnCode(db: Db, row: typeof proxyConfirmations.$inferInsert): Promise<number> {
  const [r] = await db.insert(proxyConfirmations).values(row).returning({ id: proxyConfirmations.id });
  return r!.id;
}

/** The latest code this clerk asked for this case, still open. */
export async function findOpenReturnCode(db: Db, userId: number, caseNo: string, now: Date) {
  const [row] = await db.select().from(proxyConfirmations)
    .where(and(eq(proxyConfirmations.createdBy, userId), eq(proxyConfirmations.itemCode, caseNo), isNull(proxyConfirmations.confirmedAt),
      sql`${proxyConfirmations.expiresAt} > ${now}`))
    .orderBy(desc(proxyConfirmations.createdAt), desc(proxyConfirmations.id)).limit(1);
  return row;
}

export async function countWrongReturnCode(db: Db, id: number): Promise<void> {
  await db.update(proxyConfirmations).set({ attempts: sql`${proxyConfirmations.attempts} + 1` }).where(eq(proxyConfirmations.id, id));
}

export async function useReturnCode(db: Db, id: number, now: Date): Promise<boolean> {
  const rows = await db.update(proxyConfirmations).set({ confirmedAt: now })
    .where(and(eq(proxyConfirmations.id, id), isNull(proxyConfirmations.confirmedAt))).returning({ id: proxyConfirmations.id });
  return rows.length > 0;
}
