import { randomInt } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { AppError } from '../../domain/errors.js';
import { inTransaction } from '../../db/tx.js';
import { writeAdminLog } from '../admin-log/admin-log.repository.js';
import { listCenters } from '../centers/centers.repository.js';
import { clearThrottle, deleteUserSessions, findPasswordHash, setOwnPassword } from '../auth/auth.repository.js';
import { forgetCachedSessions, tokenHash } from '../auth/auth.service.js';
import { DEMO_PASSWORD, hashPassword, verifyPassword } from '../auth/passwords.js';
import { roleFitsCenterLevel, type Role } from '../auth/roles.js';
import * as repo from './users.repository.js';

export interface Actor {
  userId: number;
  centerId: number;
  address: string;
  at: Date;
  /** The actor's own session token: resetting one's own password keeps the session it was done from. */
  sessionToken?: string;
}

export interface UserView {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  center: { id: number; code: string; name: string };
  department: { id: number; code: string; name: string } | null;
  disabled: boolean;
  createdAt: string;
}

export function toView(r: repo.UserRow): UserView {
  return {
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    role: r.role,
    center: { id: r.centerId, code: r.centerCode, name: r.centerName },
    department: r.departmentId !== null && r.departmentCode !== null && r.departmentName !== null
      ? { id: r.departmentId, code: r.departmentCode, name: r.departmentName }
      : null,
    disabled: r.disabled,
    createdAt: r.createdAt.toISOString(),
  };
}

const invalidField = (field: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ field, message }]);

/**
 * The minimum an administrator may hand out: long enough, and none of the passwords anybody would
 * try first (the account's own name, the published demo password).
 */
export function weakPasswordReason(password: string, username: string): string | undefined {
  if (password.length < 10) return '密码至少 10 个字符 / at least 10 characters';
  if (password.trim().toLowerCase() === username.toLowerCase()) return '密码不能与用户名相同 / must not be the username';
  if (password === DEMO_PASSWORD) return '不能使用演示密码 / the demo password cannot be used';
  return undefined;
}

function checkPassword(password: string, username: string): void {
  const reason = weakPasswordReason(password, username);
  if (reason) throw new AppError('WEAK_PASSWORD', `密码强度不足：${reason}`, [{ field: 'password', message: reason }]);
}

// No 0/O, 1/l/I: the password is read off a screen and typed in by someone else.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 3 groups of 4 (about 70 bits): strong enough for the one sign-in it is meant for, easy to read out. */
export function generatePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 3; g++) {
    let s = '';
    for (let i = 0; i < 4; i++) s += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(s);
  }
  return groups.join('-');
}

/** The actor's center and every station and room below it: an administrator manages accounts there. */
async function managedCenters(db: Db, centerId: number) {
  const all = await listCenters(db);
  const ids = new Set([centerId]);
  // Parents come before children in id order, but a later re-parenting need not: repeat until stable.
  for (let grew = true; grew;) {
    grew = false;
    for (const c of all) {
      if (c.parentId !== null && ids.has(c.parentId) && !ids.has(c.id)) {
        ids.add(c.id);
        grew = true;
      }
    }
  }
  return all.filter((c) => ids.has(c.id));
}

function checkRoleCenter(role: Role, level: string): void {
  if (!roleFitsCenterLevel(role, level)) {
    const where = role === 'station' ? '乡镇便民服务站 / a township station' : role === 'agent' ? '村便民服务室 / a village room' : '县级（或市级）中心 / a county or city center';
    throw invalidField('role', `该角色须属于${where}`);
  }
}

async function getManagedUser(db: Db, actor: Actor, id: number): Promise<repo.UserRow> {
  const user = await repo.findUser(db, id);
  const centers = await managedCenters(db, actor.centerId);
  if (!user || !centers.some((c) => c.id === user.centerId)) throw new AppError('NOT_FOUND', `User ${id} not found`);
  return user;
}

/** An approver works for one department; the other roles work for the whole center and have none. */
async function resolveDepartment(db: Db, role: Role, centerId: number, code: string | null | undefined): Promise<number | null> {
  if (role !== 'approver') {
    if (code) throw invalidField('department', '只有审批人员属于部门 / only approvers belong to a department');
    return null;
  }
  if (!code) throw invalidField('department', '审批人员必须选择部门 / an approver needs a department');
  const dept = await repo.findDepartmentByCode(db, centerId, code);
  if (!dept) throw invalidField('department', `所属中心没有部门 ${code} / no department ${code} in this center`);
  if (dept.status !== 'active') throw invalidField('department', `部门 ${code} 已停用 / the department is retired`);
  return dept.id;
}

export interface ListInput {
  role?: Role;
  department?: string;
  disabled?: boolean;
  q?: string;
  page: number;
  pageSize: number;
}

export async function listUsers(db: Db, actor: Actor, input: ListInput) {
  const centers = await managedCenters(db, actor.centerId);
  let departmentId: number | undefined;
  if (input.department) {
    // A department that does not exist matches nobody, like any other filter.
    departmentId = (await repo.findDepartmentByCode(db, actor.centerId, input.department))?.id ?? -1;
  }
  const q = input.q?.trim();
  const { rows, total } = await repo.listUsers(db, {
    centerIds: centers.map((c) => c.id), role: input.role, departmentId, disabled: input.disabled, q: q || undefined,
    page: input.page, pageSize: input.pageSize,
  });
  return { items: rows.map(toView), total, page: input.page, pageSize: input.pageSize };
}

export interface CreateInput {
  username: string;
  displayName: string;
  role: Role;
  center?: string;
  department?: string | null;
  password?: string;
}

export async function createUser(db: Db, actor: Actor, input: CreateInput): Promise<{ user: UserView; generatedPassword?: string }> {
  const displayName = input.displayName.trim();
  if (!displayName) throw invalidField('displayName', '请填写姓名 / a display name is needed');
  const generated = input.password === undefined ? generatePassword() : undefined;
  const password = input.password ?? generated!;
  checkPassword(password, input.username);
  // Hashing takes a while and needs no lock: done before the transaction.
  const passwordHash = await hashPassword(password);
  const id = await inTransaction(db, async (t) => {
    const centers = await managedCenters(t, actor.centerId);
    const center = input.center ? centers.find((c) => c.code === input.center) : centers.find((c) => c.id === actor.centerId);
    if (!center) throw invalidField('center', `中心 ${input.center} 不在您的管理范围内 / not a center you manage`);
    checkRoleCenter(input.role, center.level);
    const departmentId = await resolveDepartment(t, input.role, center.id, input.department);
    if (await repo.usernameTaken(t, input.username)) {
      throw new AppError('DUPLICATE', `用户名 ${input.username} 已存在 / username already taken`, [{ field: 'username', message: '用户名已存在 / already taken' }]);
    }
    const created = await repo.insertUser(t, {
      username: input.username, displayName, passwordHash, role: input.role, centerId: center.id, departmentId, disabled: false, createdAt: actor.at,
      // The administrator knows this password (chose it, or read it off the screen): the user replaces it first.
      mustChangePassword: true,
    });
    await writeAdminLog(t, {
      ...actor, action: 'user.create', target: input.username,
      detail: { id: created, displayName, role: input.role, center: center.code, department: input.department ?? null, passwordGenerated: generated !== undefined },
    });
    return created;
  });
  const user = toView((await repo.findUser(db, id))!);
  return generated ? { user, generatedPassword: generated } : { user };
}

export interface UpdateInput {
  displayName?: string;
  role?: Role;
  department?: string | null;
  disabled?: boolean;
}

export async function updateUser(db: Db, actor: Actor, id: number, input: UpdateInput): Promise<UserView> {
  let endSessions = false;
  let changed = false;
  await inTransaction(db, async (t) => {
    // Locked first, in the same order as any other account change, so the admin count below holds.
    const enabledAdmins = await repo.lockEnabledAdmins(t);
    const user = await getManagedUser(t, actor, id);
    const patch: { displayName?: string; role?: Role; departmentId?: number | null; disabled?: boolean } = {};
    const detail: Record<string, unknown> = {};

    if (input.displayName !== undefined) {
      const displayName = input.displayName.trim();
      if (!displayName) throw invalidField('displayName', '请填写姓名 / a display name is needed');
      if (displayName !== user.displayName) {
        patch.displayName = displayName;
        detail.displayName = { from: user.displayName, to: displayName };
      }
    }

    const role = input.role ?? user.role;
    // Leaving the approver role drops the department unless the request names one (which is then refused).
    const departmentCode = input.department !== undefined ? input.department : role === 'approver' ? user.departmentCode : null;
    if (role !== user.role || departmentCode !== user.departmentCode) {
      if (role !== user.role) {
        if (user.role === 'admin' && enabledAdmins.length <= 1 && enabledAdmins.includes(user.id)) throw lastAdmin('role');
        if (user.id === actor.userId) throw new AppError('CANNOT_DEMOTE_SELF', '不能更改自己的角色 / you cannot change your own role', [{ field: 'role', message: '不能更改自己的角色 / not your own role' }]);
      }
      const departmentId = await resolveDepartment(t, role, user.centerId, departmentCode);
      if (role !== user.role) {
        const center = (await managedCenters(t, actor.centerId)).find((c) => c.id === user.centerId);
        if (center) checkRoleCenter(role, center.level);
        patch.role = role;
        detail.role = { from: user.role, to: role };
      }
      if (departmentId !== user.departmentId) {
        patch.departmentId = departmentId;
        detail.department = { from: user.departmentCode, to: departmentCode ?? null };
      }
    }

    if (input.disabled !== undefined && input.disabled !== user.disabled) {
      if (input.disabled) {
        if (user.role === 'admin' && enabledAdmins.length <= 1 && enabledAdmins.includes(user.id)) throw lastAdmin('disabled');
        if (user.id === actor.userId) throw new AppError('CANNOT_DISABLE_SELF', '不能停用自己的账号 / you cannot disable your own account', [{ field: 'disabled', message: '不能停用自己 / not your own account' }]);
      }
      patch.disabled = input.disabled;
      detail.disabled = { from: user.disabled, to: input.disabled };
    }

    if (Object.keys(patch).length === 0) return;
    changed = true;
    // A new role or department changes what the person may see; a disabled account may see nothing.
    endSessions = patch.role !== undefined || patch.departmentId !== undefined || patch.disabled === true;
    await repo.updateUser(t, user.id, patch);
    if (endSessions) await deleteUserSessions(t, user.id);
    // Re-enabling an account that was locked out by failed logins gives it a clean start.
    if (patch.disabled === false) await clearThrottle(t, `user:${user.username.toLowerCase()}`);
    const action = patch.disabled === true ? 'user.disable' : patch.disabled === false ? 'user.enable' : 'user.update';
    await writeAdminLog(t, { ...actor, action, target: user.username, detail: { id: user.id, ...detail, sessionsEnded: endSessions } });
  });
  // A new display name shows in the header of that user's next page: the cached row goes too.
  if (changed) forgetCachedSessions(id);
  return toView((await repo.findUser(db, id))!);
}

function lastAdmin(field: string) {
  return new AppError('LAST_ADMIN', '这是最后一个启用的管理员账号，不能停用或更改角色 / the last enabled administrator cannot be disabled or demoted', [{ field, message: '最后一个管理员 / last administrator' }]);
}

export async function resetPassword(db: Db, actor: Actor, id: number, input: { password?: string }): Promise<{ user: UserView; generatedPassword?: string }> {
  const target = await getManagedUser(db, actor, id);
  const generated = input.password === undefined ? generatePassword() : undefined;
  const password = input.password ?? generated!;
  checkPassword(password, target.username);
  const passwordHash = await hashPassword(password);
  const self = target.id === actor.userId;
  await inTransaction(db, async (t) => {
    await getManagedUser(t, actor, id);
    // Somebody else chose (or read) the new password: its owner must replace it before anything else.
    // An admin resetting their own password chose it themself.
    await repo.updateUser(t, id, { passwordHash, mustChangePassword: !self });
    // Whoever knew the old password is signed out everywhere; an admin resetting their own keeps this session.
    await deleteUserSessions(t, id, self && actor.sessionToken ? tokenHash(actor.sessionToken) : undefined);
    await clearThrottle(t, `user:${target.username.toLowerCase()}`);
    await writeAdminLog(t, { ...actor, action: 'user.reset-password', target: target.username, detail: { id, passwordGenerated: generated !== undefined } });
  });
  forgetCachedSessions(id);
  const user = toView((await repo.findUser(db, id))!);
  return generated ? { user, generatedPassword: generated } : { user };
}

/**
 * A signed-in user replaces their own password (the current one proves it is them, not somebody at an
 * unlocked screen). Clears the must-change flag; every other session of the account ends.
 */
export async function changeOwnPassword(db: Db, userId: number, sessionToken: string, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const row = await findPasswordHash(db, userId);
  if (!row) throw new AppError('UNAUTHENTICATED', 'Login required');
  if (!(await verifyPassword(row.passwordHash, input.currentPassword))) {
    throw new AppError('VALIDATION_FAILED', '当前密码不正确 / the current password is wrong', [{ field: 'currentPassword', message: '当前密码不正确 / wrong password' }]);
  }
  if (input.newPassword === input.currentPassword) {
    throw new AppError('WEAK_PASSWORD', '新密码不能与当前密码相同 / the new password must differ from the current one', [{ field: 'newPassword', message: '与当前密码相同 / same as the current one' }]);
  }
  const reason = weakPasswordReason(input.newPassword, row.username);
  if (reason) throw new AppError('WEAK_PASSWORD', `密码强度不足：${reason}`, [{ field: 'newPassword', message: reason }]);
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(db, (t) => setOwnPassword(t, userId, passwordHash, tokenHash(sessionToken)));
  forgetCachedSessions(userId);
}
