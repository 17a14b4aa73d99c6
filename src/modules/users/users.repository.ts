import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { centers, departments, users } from '../../db/schema/index.js';
import type { Role } from '../auth/roles.js';

/** What the admin screens see of an account: never the password hash. */
const columns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  disabled: users.disabled,
  createdAt: users.createdAt,
  centerId: users.centerId,
  centerCode: centers.code,
  centerName: centers.name,
  departmentId: users.departmentId,
  departmentCode: departments.code,
  departmentName: departments.name,
};

export type UserRow = {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  createdAt: Date;
  centerId: number;
  centerCode: string;
  centerName: string;
  departmentId: number | null;
  departmentCode: string | null;
  departmentName: string | null;
};

export interface UserFilter {
  centerIds: number[];
  role?: Role;
  departmentId?: number;
  disabled?: boolean;
  q?: string;
  page: number;
  pageSize: number;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function selectUsers(db: Db) {
  return db.select(columns).from(users)
    .innerJoin(centers, eq(centers.id, users.centerId))
    .leftJoin(departments, eq(departments.id, users.departmentId));
}

// The few center-wide accounts first; the many approvers (one or more per department) after them.
const roleRank = sql<number>`case ${users.role} when 'admin' then 0 when 'leader' then 1 when 'supervisor' then 2 when 'desk' then 3 else 4 end`;

export async function listUsers(db: Db, f: UserFilter): Promise<{ rows: UserRow[]; total: number }> {
  const like = f.q ? `%${escapeLike(f.q)}%` : undefined;
  const conditions: (SQL | undefined)[] = [
    inArray(users.centerId, f.centerIds),
    f.role ? eq(users.role, f.role) : undefined,
    f.departmentId !== undefined ? eq(users.departmentId, f.departmentId) : undefined,
    f.disabled !== undefined ? eq(users.disabled, f.disabled) : undefined,
    like ? or(sql`${users.username} ilike ${like}`, sql`${users.displayName} ilike ${like}`) : undefined,
  ];
  const where = and(...conditions);
  const [rows, [count]] = await Promise.all([
    selectUsers(db).where(where).orderBy(asc(users.disabled), asc(roleRank), asc(users.username)).limit(f.pageSize).offset((f.page - 1) * f.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(users).where(where),
  ]);
  return { rows: rows as UserRow[], total: count?.n ?? 0 };
}

export async function findUser(db: Db, id: number): Promise<UserRow | undefined> {
  const [row] = await selectUsers(db).where(eq(users.id, id)).limit(1);
  return row as UserRow | undefined;
}

/** Usernames are compared without case: "Desk3" next to "desk3" would only confuse people. */
export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = ${username.toLowerCase()}`).limit(1);
  return row !== undefined;
}

/**
 * The enabled administrators, their rows locked until the transaction ends: two admins disabling
 * each other at the same moment must not both succeed and leave nobody who can administer.
 */
export async function lockEnabledAdmins(db: Db): Promise<number[]> {
  const rows = await db.select({ id: users.id }).from(users)
    .where(and(eq(users.role, 'admin'), eq(users.disabled, false)))
    .orderBy(asc(users.id))
    .for('update');
  return rows.map((r) => r.id);
}

export async function insertUser(db: Db, row: typeof users.$inferInsert): Promise<number> {
  const [created] = await db.insert(users).values(row).returning({ id: users.id });
  return created!.id;
}

export async function updateUser(db: Db, id: number, patch: Partial<typeof users.$inferInsert>): Promise<void> {
  await db.update(users).set(patch).where(eq(users.id, id));
}

export function findDepartmentByCode(db: Db, centerId: number, code: string) {
  return db.query.departments.findFirst({ where: and(eq(departments.centerId, centerId), eq(departments.code, code)) });
}
