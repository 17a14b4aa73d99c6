import { and, asc, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { complaints, departments, hallWindows, users } from '../../db/schema/index.js';

export type ComplaintRow = typeof complaints.$inferSelect;
export type NewComplaint = typeof complaints.$inferInsert;

export async function insertComplaint(db: Db, row: NewComplaint): Promise<ComplaintRow> {
  const [created] = await db.insert(complaints).values(row).returning();
  return created!;
}

export async function updateComplaint(db: Db, id: number, patch: Partial<NewComplaint>): Promise<ComplaintRow> {
  const [row] = await db.update(complaints).set(patch).where(eq(complaints.id, id)).returning();
  return row!;
}

export async function findComplaint(db: Db, id: number): Promise<ComplaintRow | undefined> {
  const [r] = await db.select().from(complaints).where(eq(complaints.id, id)).limit(1);
  return r;
}

export async function lockComplaint(db: Db, id: number): Promise<ComplaintRow | undefined> {
  const [r] = await db.select().from(complaints).where(eq(complaints.id, id)).for('update').limit(1);
  return r;
}

export async function findComplaintByCode(db: Db, code: string): Promise<ComplaintRow | undefined> {
  const [r] = await db.select().from(complaints).where(eq(complaints.code, code)).limit(1);
  return r;
}

export async function lockComplaintByCode(db: Db, code: string): Promise<ComplaintRow | undefined> {
  const [r] = await db.select().from(complaints).where(eq(complaints.code, code)).for('update').limit(1);
  return r;
}

export async function findComplaintWithDepartment(db: Db, id: number): Promise<{ r: ComplaintRow; dept: string | null } | undefined> {
  const [x] = await db.select({ r: complaints, dept: departments.name }).from(complaints)
    .leftJoin(departments, eq(departments.id, complaints.departmentId)).where(eq(complaints.id, id)).limit(1);
  return x;
}

export interface ComplaintFilter {
  centerId: number;
  /** Only those of this department or this handler. */
  departmentOrHandler?: { departmentId: number; handlerId: number };
  status?: ComplaintRow['status'];
  kind?: ComplaintRow['kind'];
}

/** With their department's name, nearest deadline first. */
export function listComplaintRows(db: Db, q: ComplaintFilter) {
  const dh = q.departmentOrHandler;
  return db.select({ r: complaints, dept: departments.name }).from(complaints)
    .leftJoin(departments, eq(departments.id, complaints.departmentId))
    .where(and(
      eq(complaints.centerId, q.centerId),
      dh ? or(eq(complaints.departmentId, dh.departmentId), eq(complaints.handlerId, dh.handlerId)) : undefined,
      q.status ? eq(complaints.status, q.status) : undefined,
      q.kind ? eq(complaints.kind, q.kind) : undefined,
    ))
    .orderBy(asc(complaints.dueDate), asc(complaints.id));
}

/**
 * Locks the unanswered ones past their deadline (before `today`) not yet escalated; rows another
 * transaction holds are skipped, so two runs at once do not wait on each other.
 */
export function lockOverdueUnescalated(db: Db, today: string): Promise<ComplaintRow[]> {
  return db.select().from(complaints)
    .where(and(inArray(complaints.status, ['registered', 'assigned']), lt(complaints.dueDate, today), isNull(complaints.escalatedAt)))
    .for('update', { skipLocked: true });
}

export async function findDepartmentId(db: Db, centerId: number, code: string): Promise<number | undefined> {
  const [d] = await db.select({ id: departments.id }).from(departments).where(and(eq(departments.centerId, centerId), eq(departments.code, code))).limit(1);
  return d?.id;
}

/** An account of the center that is not disabled. */
export async function findActiveStaff(db: Db, centerId: number, username: string) {
  const [h] = await db.select().from(users).where(and(eq(users.username, username), eq(users.centerId, centerId), eq(users.disabled, false))).limit(1);
  return h;
}

/**
 * Whether a staff member named in a complaint works the front desk (综合受理窗口): a desk account of
 * the center by display name, or the staff name shown on one of its windows.
 */
export async function isFrontDeskStaff(db: Db, centerId: number, name: string): Promise<boolean> {
  const [u] = await db.select({ id: users.id }).from(users)
    .where(and(eq(users.centerId, centerId), eq(users.displayName, name), eq(users.role, 'desk'))).limit(1);
  if (u) return true;
  const [w] = await db.select({ id: hallWindows.id }).from(hallWindows).where(and(eq(hallWindows.centerId, centerId), eq(hallWindows.staffName, name))).limit(1);
  return w !== undefined;
}
