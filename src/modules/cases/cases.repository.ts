import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { caseCounters, caseEvents, cases, caseTasks, departments, idempotencyKeys } from '../../db/schema.js';

export type CaseRow = typeof cases.$inferSelect;
export type NewCase = typeof cases.$inferInsert;
export type TaskRow = typeof caseTasks.$inferSelect;
export type EventRow = typeof caseEvents.$inferSelect;

/** Takes the next number of the day in one statement outside the business transaction, so intakes never wait on each other for it. */
export async function nextCaseSequence(db: Db, centerId: number, day: string): Promise<number> {
  const [row] = await db.insert(caseCounters).values({ centerId, day, last: 1 })
    .onConflictDoUpdate({ target: [caseCounters.centerId, caseCounters.day], set: { last: sql`${caseCounters.last} + 1` } })
    .returning({ last: caseCounters.last });
  return row!.last;
}

export async function insertCase(db: Db, row: NewCase): Promise<CaseRow> {
  const [created] = await db.insert(cases).values(row).returning();
  return created!;
}

export async function findCaseByNo(db: Db, caseNo: string, centerId?: number): Promise<CaseRow | undefined> {
  const [row] = await db.select().from(cases)
    .where(centerId === undefined ? eq(cases.caseNo, caseNo) : and(eq(cases.caseNo, caseNo), eq(cases.centerId, centerId)))
    .limit(1);
  return row;
}

export async function findCasesByNo(db: Db, caseNo: string): Promise<CaseRow[]> {
  return db.select().from(cases).where(eq(cases.caseNo, caseNo)).limit(10);
}

/** Applies a change only if nobody changed the case since `expectedVersion`; returns undefined otherwise. */
export async function updateCaseIfVersion(db: Db, id: number, expectedVersion: number, patch: Partial<NewCase>): Promise<CaseRow | undefined> {
  const [row] = await db.update(cases)
    .set({ ...patch, version: expectedVersion + 1 })
    .where(and(eq(cases.id, id), eq(cases.version, expectedVersion)))
    .returning();
  return row;
}

export async function setWarningLevel(db: Db, id: number, level: CaseRow['warningLevel']): Promise<void> {
  await db.update(cases).set({ warningLevel: level }).where(eq(cases.id, id));
}

export function listTasks(db: Db, caseId: number) {
  return db.select({ task: caseTasks, departmentCode: departments.code, departmentName: departments.name })
    .from(caseTasks).innerJoin(departments, eq(departments.id, caseTasks.departmentId))
    .where(eq(caseTasks.caseId, caseId)).orderBy(asc(caseTasks.stage), asc(caseTasks.id));
}

export async function insertTasks(db: Db, rows: (typeof caseTasks.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(caseTasks).values(rows);
}

export async function updateTask(db: Db, id: number, patch: Partial<typeof caseTasks.$inferInsert>): Promise<void> {
  await db.update(caseTasks).set(patch).where(eq(caseTasks.id, id));
}

export async function insertEvent(db: Db, row: typeof caseEvents.$inferInsert): Promise<void> {
  await db.insert(caseEvents).values(row);
}

export function listEvents(db: Db, caseId: number) {
  return db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.seq));
}

// ─── queue ───

export interface QueueFilter {
  centerId: number;
  /** Approver scope: own department's cases and cases with a task for it. */
  departmentId?: number;
  receivedBy?: number;
  department?: string;
  status?: string[];
  warning?: string;
  item?: string;
  q?: string;
  page: number;
  pageSize: number;
}

function queueWhere(f: QueueFilter): SQL | undefined {
  const term = f.q?.trim();
  const like = term ? `%${term.replace(/[\\%_]/g, (c) => '\\' + c)}%` : undefined;
  return and(
    eq(cases.centerId, f.centerId),
    f.departmentId !== undefined
      ? or(eq(cases.departmentId, f.departmentId), sql`exists (select 1 from case_tasks t where t.case_id = ${cases.id} and t.department_id = ${f.departmentId})`)
      : undefined,
    f.receivedBy !== undefined ? eq(cases.receivedBy, f.receivedBy) : undefined,
    f.department ? sql`${cases.departmentId} = (select d.id from departments d where d.center_id = ${f.centerId} and d.code = ${f.department})` : undefined,
    f.status?.length ? inArray(cases.status, f.status) : undefined,
    f.warning ? eq(cases.warningLevel, f.warning as 'red') : undefined,
    f.item ? eq(cases.itemCode, f.item) : undefined,
    like ? or(sql`${cases.caseNo} ilike ${like}`, sql`${cases.applicantName} ilike ${like}`, sql`${cases.itemName} ilike ${like}`, eq(cases.applicantPhone, term!), eq(cases.applicantIdNumber, term!.toUpperCase())) : undefined,
  );
}

export async function listQueue(db: Db, f: QueueFilter) {
  const where = queueWhere(f);
  const [rows, [count]] = await Promise.all([
    db.select({ c: cases, departmentCode: departments.code, departmentName: departments.name })
      .from(cases).innerJoin(departments, eq(departments.id, cases.departmentId))
      .where(where)
      .orderBy(sql`${cases.dueDate} asc nulls last`, desc(cases.urgent), asc(cases.receivedAt))
      .limit(f.pageSize).offset((f.page - 1) * f.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(cases).where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

/** Open cases whose clock matters, for the warning scan and deemed approval. */
export function listClockCases(db: Db, statuses: readonly string[]) {
  return db.select().from(cases).where(inArray(cases.status, [...statuses]));
}

// ─── idempotency ───

export async function claimIdempotencyKey(db: Db, row: typeof idempotencyKeys.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(idempotencyKeys).values(row).onConflictDoNothing().returning({ key: idempotencyKeys.key });
  return inserted.length > 0;
}

export async function findIdempotencyKey(db: Db, userId: number, key: string) {
  const [row] = await db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key))).limit(1);
  return row;
}

export async function completeIdempotencyKey(db: Db, userId: number, key: string, statusCode: number, response: unknown): Promise<void> {
  await db.update(idempotencyKeys).set({ state: 'done', statusCode, response })
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
}

export async function releaseIdempotencyKey(db: Db, userId: number, key: string): Promise<void> {
  await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key), eq(idempotencyKeys.state, 'running')));
}

export async function takeOverStaleKey(db: Db, userId: number, key: string, staleBefore: Date, row: { requestHash: string; createdAt: Date }): Promise<boolean> {
  const updated = await db.update(idempotencyKeys).set({ requestHash: row.requestHash, createdAt: row.createdAt })
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key), eq(idempotencyKeys.state, 'running'), sql`${idempotencyKeys.createdAt} < ${staleBefore}`))
    .returning({ key: idempotencyKeys.key });
  return updated.length > 0;
}
