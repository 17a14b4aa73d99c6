import { and, asc, desc, eq, getTableColumns, inArray, or, sql, type SQL } from 'drizzle-orm';
import { canRawQuery, rawQuery, type Db } from '../../db/client.js';
import { preparedPerDb } from '../../db/prepared.js';
import { caseCounters, caseEvents, cases, caseTasks, departments, idempotencyKeys } from '../../db/schema/index.js';
import { CLOCK_RUNNING } from '../../domain/case-workflow.js';

export type CaseRow = typeof cases.$inferSelect;
export type NewCase = typeof cases.$inferInsert;
export type TaskRow = typeof caseTasks.$inferSelect;
export type EventRow = typeof caseEvents.$inferSelect;

/**
 * Reserves `size` numbers of the day in one short statement outside the business transaction.
 * Every reservation is a commit on one hot row, so the caller takes numbers in blocks.
 */
export async function reserveCaseSequence(db: Db, centerId: number, day: string, size: number): Promise<number> {
  const [row] = await db.insert(caseCounters).values({ centerId, day, last: size })
    .onConflictDoUpdate({ target: [caseCounters.centerId, caseCounters.day], set: { last: sql`${caseCounters.last} + ${size}` } })
    .returning({ last: caseCounters.last });
  return row!.last - size + 1;
}

/**
 * Hands out case numbers from blocks reserved in the database: one commit on the counter row per
 * block instead of per intake, so the morning rush does not queue on it. Numbers of a block a
 * process never used (it stopped) are skipped; numbers stay unique and ascending per process.
 */
export class CaseSequence {
  private blocks = new Map<string, { next: number; end: number; db: Db }>();
  private pending = new Map<string, Promise<void>>();

  constructor(private readonly blockSize = 10) {}

  async next(db: Db, centerId: number, day: string): Promise<number> {
    const key = `${centerId}:${day}`;
    for (;;) {
      const block = this.blocks.get(key);
      if (block && block.db === db && block.next <= block.end) return block.next++;
      const inFlight = this.pending.get(key);
      if (inFlight) { await inFlight; continue; }
      const refill = reserveCaseSequence(db, centerId, day, this.blockSize).then((first) => {
        for (const k of this.blocks.keys()) if (!k.endsWith(`:${day}`)) this.blocks.delete(k);
        this.blocks.set(key, { next: first, end: first + this.blockSize - 1, db });
      }).finally(() => this.pending.delete(key));
      this.pending.set(key, refill);
      await refill;
    }
  }
}

const byCenterAndNo = preparedPerDb((db) => db.select().from(cases)
  .where(and(eq(cases.caseNo, sql.placeholder('caseNo')), eq(cases.centerId, sql.placeholder('centerId')))).limit(1).prepare('case_by_center_no'));

/**
 * A whole case by its number, as read before every action and case page. Outside a transaction it
 * comes as ONE json value (see PROGRESS_BY_NO on why): the driver's per-column set-up for the
 * forty-odd columns cost more than the rest of an action's reading.
 */
export async function findCaseByNo(db: Db, caseNo: string, centerId: number): Promise<CaseRow | undefined> {
  if (!canRawQuery(db)) {
    const [row] = await byCenterAndNo(db).execute({ caseNo, centerId });
    return row;
  }
  const [found] = await rawQuery(db, 'case_json_by_center_no', CASE_BY_NO, [caseNo, centerId]);
  return found ? caseFromJson(found.c as Record<string, unknown>) : undefined;
}

const CASE_BY_NO = 'select row_to_json(c) as c from cases c where case_no = $1 and center_id = $2 limit 1';

/** Each column's property, its name in the json, and whether it is a timestamp (json carries those as ISO text). */
const CASE_COLUMNS = Object.entries(getTableColumns(cases)).map(([key, column]) => ({ key, name: column.name, timestamp: column.columnType === 'PgTimestamp' }));

/** The row as Drizzle would give it: dates stay 'YYYY-MM-DD', timestamps become Date, jsonb is already parsed. */
function caseFromJson(json: Record<string, unknown>): CaseRow {
  const row: Record<string, unknown> = {};
  for (const { key, name, timestamp } of CASE_COLUMNS) {
    const value = json[name];
    row[key] = timestamp && value !== null ? new Date(value as string) : value;
  }
  return row as CaseRow;
}

/**
 * What the public progress page shows, and no more: it is the most frequent query of all. Written
 * by hand as one named statement returning each case as ONE json value: the driver then describes
 * and parses one column instead of seventeen (its per-column work was the largest share of this
 * request's cost after the socket), and Drizzle's per-query and per-row work is skipped too.
 */
const PROGRESS_BY_NO = `select json_build_object('id', c.id, 'kind', c.kind, 'caseNo', c.case_no, 'itemName', c.item_name,
  'departmentId', c.department_id, 'applicantName', c.applicant_name, 'applicantPhone', c.applicant_phone, 'status', c.status,
  'materials', c.materials, 'receivedAt', c.received_at, 'acceptedAt', c.accepted_at, 'acceptedDate', c.accepted_date,
  'promisedDays', c.promised_days, 'pausedDays', c.paused_days, 'pause', c.pause, 'dueDate', c.due_date, 'timeliness', c.timeliness,
  'completedAt', c.completed_at, 'deliveredAt', c.delivered_at,
  'steps', case when c.applicant_phone = $2 then (
    select coalesce(json_agg(json_build_object('at', e.at, 'action', e.action, 'status', e.to_status, 'role', e.role, 'department', d.name) order by e.seq), '[]'::json)
    from case_events e left join users u on u.id = e.actor_id and e.role = 'approver' left join departments d on d.id = u.department_id
    where e.case_id = c.id) end) as c
from cases c where c.case_no = $1 limit 10`;

/**
 * One step as the public may see it: no actor name, no comment (either can carry personal data).
 * `department` is the approver's department; other roles have none (the caller names them).
 */
export interface ProgressStep { at: string; action: string; status: string; role: string; department: string | null }

export type ProgressRow = Pick<CaseRow, 'id' | 'kind' | 'caseNo' | 'itemName' | 'departmentId' | 'applicantName' | 'applicantPhone' |
  'status' | 'materials' | 'receivedAt' | 'acceptedAt' | 'acceptedDate' | 'promisedDays' | 'pausedDays' | 'pause' | 'dueDate' | 'timeliness' |
  'completedAt' | 'deliveredAt'> & { steps: ProgressStep[] | null };

type ProgressJson = Omit<ProgressRow, 'receivedAt' | 'acceptedAt' | 'completedAt' | 'deliveredAt'> &
  { receivedAt: string; acceptedAt: string | null; completedAt: string | null; deliveredAt: string | null };

/** The steps come only with the case whose phone matches: a wrong guess costs no read of the events. */
export async function findProgressByNo(db: Db, caseNo: string, phone: string): Promise<ProgressRow[]> {
  const rows = await rawQuery(db, 'case_progress_by_no', PROGRESS_BY_NO, [caseNo, phone]);
  // JSON carries dates as 'YYYY-MM-DD' (as the other readers give them) and timestamps as ISO text.
  return rows.map(({ c }) => {
    const j = c as ProgressJson;
    const at = (v: string | null) => (v === null ? null : new Date(v));
    return { ...j, receivedAt: new Date(j.receivedAt), acceptedAt: at(j.acceptedAt), completedAt: at(j.completedAt), deliveredAt: at(j.deliveredAt) };
  });
}

export async function findCasesByNo(db: Db, caseNo: string): Promise<CaseRow[]> {
  return db.select().from(cases).where(eq(cases.caseNo, caseNo)).limit(10);
}

const tasksOf = preparedPerDb((db) => db.select({ task: caseTasks, departmentCode: departments.code, departmentName: departments.name })
  .from(caseTasks).innerJoin(departments, eq(departments.id, caseTasks.departmentId))
  .where(eq(caseTasks.caseId, sql.placeholder('caseId'))).orderBy(asc(caseTasks.stage), asc(caseTasks.id)).prepare('case_tasks_of'));

/** Only joint cases have tasks: the others skip the query. */
export async function listTasks(db: Db, c: Pick<CaseRow, 'id' | 'kind'>) {
  return c.kind === 'joint' ? tasksOf(db).execute({ caseId: c.id }) : [];
}

/**
 * Open cases whose clock runs and whose stored due date is on or after `from`, locked for the
 * caller's transaction (a calendar change rewrites their dates; a concurrent step waits for it).
 */
export function lockRunningCasesDueFrom(db: Db, from: string) {
  return db.select().from(cases)
    .where(and(inArray(cases.status, [...CLOCK_RUNNING]), sql`${cases.acceptedDate} is not null`, sql`${cases.dueDate} >= ${from}`))
    .orderBy(asc(cases.id))
    .for('update');
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

// ─── idempotency ───

export async function claimIdempotencyKey(db: Db, row: typeof idempotencyKeys.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(idempotencyKeys).values(row).onConflictDoNothing().returning({ key: idempotencyKeys.key });
  return inserted.length > 0;
}

export async function findIdempotencyKey(db: Db, userId: number, key: string) {
  const [row] = await db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key))).limit(1);
  return row;
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
