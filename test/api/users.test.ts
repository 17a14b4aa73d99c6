/**
 * Users and roles (用户与角色): administrators create, edit, disable and reset staff accounts. A
 * disabled account or a reset password ends that person's sessions at once (the in-memory session
 * cache included), every change is in admin_log, and no answer ever carries a password hash.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { call, login, startTestServer, type Session, type TestServer } from '../helpers/test-server.js';

let s: TestServer;
let admin: Session;
/** Every answer the tests saw, to look for password hashes in all of them at the end. */
const seen: string[] = [];

async function as(who: Session, method: string, path: string, body?: unknown) {
  const res = await who.request(method, path, body);
  seen.push(JSON.stringify(res.body));
  return res;
}

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await s.database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

async function loginStatus(username: string, password: string): Promise<number> {
  const res = await call(s.url, 'POST', '/api/auth/login', { username, password });
  seen.push(JSON.stringify(res.body));
  return res.status;
}

const ids = new Map<string, number>();
async function idOf(username: string): Promise<number> {
  if (!ids.has(username)) {
    const res = await as(admin, 'GET', `/api/admin/users?q=${encodeURIComponent(username)}&pageSize=200`);
    ids.set(username, res.body.items.find((u: { username: string }) => u.username === username).id);
  }
  return ids.get(username)!;
}

async function create(body: Record<string, unknown>) {
  return as(admin, 'POST', '/api/admin/users', body);
}

/** Creates a user the server must refuse (400); the field its first detail names. */
async function refusedField(body: Record<string, unknown>): Promise<string> {
  const res = await create(body);
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  return res.body.details[0].field;
}

beforeAll(async () => {
  s = await startTestServer();
  admin = await login(s.url, 'admin');
});
afterAll(async () => { await s?.close(); });

describe('who may manage accounts', () => {
  it('refuses every other role (403) and anonymous callers (401)', async () => {
    const users = await as(admin, 'GET', '/api/admin/users?pageSize=200');
    const someone = users.body.items.find((u: { username: string }) => u.username === 'desk2').id as number;
    for (const name of ['desk1', 'approver-scjg', 'supervisor', 'leader']) {
      const other = await login(s.url, name);
      const attempts = [
        await other.request('GET', '/api/admin/users'),
        await other.request('POST', '/api/admin/users', { username: 'intruder', displayName: '入侵者', role: 'admin', password: 'a-long-password-1' }),
        await other.request('PATCH', `/api/admin/users/${someone}`, { disabled: true }),
        await other.request('POST', `/api/admin/users/${someone}/reset-password`, {}),
      ];
      for (const r of attempts) {
        expect(r.status, name).toBe(403);
        expect(r.body.code).toBe('FORBIDDEN');
      }
    }
    expect((await call(s.url, 'GET', '/api/admin/users')).status).toBe(401);
    expect((await call(s.url, 'POST', '/api/admin/users', { username: 'intruder', displayName: 'x', role: 'admin' })).status).toBe(401);
    // A valid cookie without the CSRF header changes nothing either.
    const noCsrf = await call(s.url, 'PATCH', `/api/admin/users/${someone}`, { disabled: true }, { cookie: admin.cookie });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.code).toBe('CSRF_FAILED');
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from users where username = 'intruder' or (username = 'desk2' and disabled)`))[0]!.n).toBe(0);
  });
});

describe('creating accounts', () => {
  it('creates a desk account that can sign in at once, and logs it', async () => {
    const res = await create({ username: 'desk3', displayName: '综合受理窗口三', role: 'desk', password: 'window-three-2026' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.generatedPassword).toBeUndefined();
    expect(res.body.user).toMatchObject({
      username: 'desk3', displayName: '综合受理窗口三', role: 'desk', department: null, disabled: false, center: { code: 'HP' },
    });
    const desk3 = await login(s.url, 'desk3', 'window-three-2026');
    const me = await desk3.request('GET', '/api/auth/me');
    expect(me.body.user).toMatchObject({ username: 'desk3', role: 'desk' });
    const [log] = await rows<{ action: string; user_id: number; detail: Record<string, unknown> }>(
      sql`select action, user_id, detail from admin_log where action = 'user.create' and target = 'desk3'`,
    );
    expect(log).toMatchObject({ action: 'user.create', detail: { role: 'desk', passwordGenerated: false } });
    expect(JSON.stringify(log)).not.toContain('window-three-2026');
  });

  it('generates a password when none is given and answers it once', async () => {
    const res = await create({ username: 'leader2', displayName: '副主任', role: 'leader' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const generated = res.body.generatedPassword as string;
    expect(generated).toMatch(/^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$/);
    expect(await loginStatus('leader2', generated)).toBe(200);
    // Not kept anywhere the list could show it again.
    const list = await as(admin, 'GET', '/api/admin/users?q=leader2');
    expect(JSON.stringify(list.body)).not.toContain(generated);
  });

  it('requires a department for an approver and refuses one for the other roles', async () => {
    const none = await create({ username: 'approver-x', displayName: '审批员', role: 'approver', password: 'approver-pass-99' });
    expect(none.status).toBe(400);
    expect(none.body.code).toBe('VALIDATION_FAILED');
    expect(none.body.details).toEqual([expect.objectContaining({ field: 'department' })]);
    const nullDept = await create({ username: 'approver-x', displayName: '审批员', role: 'approver', department: null, password: 'approver-pass-99' });
    expect(nullDept.status).toBe(400);
    expect(await refusedField({ username: 'approver-x', displayName: '审批员', role: 'approver', department: 'NOSUCH', password: 'approver-pass-99' })).toBe('department');
    expect(await refusedField({ username: 'desk-x', displayName: '窗口', role: 'desk', department: 'SCJG', password: 'desk-pass-9999' })).toBe('department');

    const ok = await create({ username: 'approver-scjg2', displayName: '市场监管局审批员二', role: 'approver', department: 'SCJG', password: 'approver-pass-99' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.user.department).toMatchObject({ code: 'SCJG', name: '市场监督管理局' });
    const approver = await login(s.url, 'approver-scjg2', 'approver-pass-99');
    expect((await approver.request('GET', '/api/auth/me')).body.user.department.code).toBe('SCJG');
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from users where username in ('approver-x', 'desk-x')`))[0]!.n).toBe(0);
  });

  it('refuses weak passwords with WEAK_PASSWORD and creates nothing', async () => {
    for (const password of ['short1', 'onewindow-demo', 'clerk-four', 'CLERK-FOUR']) {
      const res = await create({ username: 'clerk-four', displayName: '窗口四', role: 'desk', password });
      expect(res.status, password).toBe(400);
      expect(res.body.code, password).toBe('WEAK_PASSWORD');
      expect(res.body.details, password).toEqual([expect.objectContaining({ field: 'password' })]);
    }
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from users where username = 'clerk-four'`))[0]!.n).toBe(0);
  });

  it('refuses bad usernames, taken usernames and centers out of reach', async () => {
    for (const username of ['A', 'Desk4', 'desk 4', '-desk', 'desk4!', '张三', 'x'.repeat(33)]) {
      const res = await create({ username, displayName: '窗口', role: 'desk', password: 'desk-pass-9999' });
      expect(res.status, username).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    const taken = await create({ username: 'desk1', displayName: '窗口', role: 'desk', password: 'desk-pass-9999' });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('DUPLICATE');
    expect(await refusedField({ username: 'desk5', displayName: '   ', role: 'desk', password: 'desk-pass-9999' })).toBe('displayName');
    // The city above this county is not the county admin's to staff; a township station below it is,
    // with the station's role: the county's desk works at the county, a station at a township, an agent at a village room.
    expect(await refusedField({ username: 'desk5', displayName: '市中心窗口', role: 'desk', center: 'NL', password: 'desk-pass-9999' })).toBe('center');
    expect(await refusedField({ username: 'desk5', displayName: '城关镇窗口', role: 'desk', center: 'HP-CG', password: 'desk-pass-9999' })).toBe('role');
    expect(await refusedField({ username: 'desk5', displayName: '城关镇窗口', role: 'agent', center: 'HP-CG', password: 'desk-pass-9999' })).toBe('role');
    expect(await refusedField({ username: 'desk5', displayName: '县代办员', role: 'agent', password: 'desk-pass-9999' })).toBe('role');
    const station = await create({ username: 'desk-cg', displayName: '城关镇窗口', role: 'station', center: 'HP-CG', password: 'desk-pass-9999' });
    expect(station.status, JSON.stringify(station.body)).toBe(201);
    expect(station.body.user.center).toMatchObject({ code: 'HP-CG', name: '城关镇便民服务中心' });
    const extra = await create({ username: 'desk6', displayName: '窗口', role: 'desk', password: 'desk-pass-9999', passwordHash: 'x' });
    expect(extra.status).toBe(400);
  });
});

describe('listing', () => {
  it('filters by role, department, text and status, and pages', async () => {
    const approvers = await as(admin, 'GET', '/api/admin/users?role=approver&pageSize=200');
    expect(approvers.status).toBe(200);
    expect(approvers.body.total).toBeGreaterThanOrEqual(29);
    expect(approvers.body.items.every((u: { role: string }) => u.role === 'approver')).toBe(true);

    const scjg = await as(admin, 'GET', '/api/admin/users?department=SCJG');
    expect(scjg.body.items.map((u: { username: string }) => u.username).sort()).toEqual(['approver-scjg', 'approver-scjg2']);

    const q = await as(admin, 'GET', `/api/admin/users?q=${encodeURIComponent('窗口')}&role=desk&pageSize=200`);
    expect(q.body.items.map((u: { username: string }) => u.username)).toEqual(expect.arrayContaining(['desk1', 'desk2', 'desk3']));
    const wild = await as(admin, 'GET', `/api/admin/users?q=${encodeURIComponent('%')}`);
    expect(wild.body.total).toBe(0);

    const page2 = await as(admin, 'GET', '/api/admin/users?page=2&pageSize=5');
    expect(page2.body).toMatchObject({ page: 2, pageSize: 5 });
    expect(page2.body.items).toHaveLength(5);
    const all = await as(admin, 'GET', '/api/admin/users?pageSize=200');
    expect(all.body.items.slice(5, 10)).toEqual(page2.body.items);
    // The city's own staff (none in the demo) and other counties stay out: every row is HP or below.
    expect(all.body.items.every((u: { center: { code: string } }) => u.center.code.startsWith('HP'))).toBe(true);

    expect((await as(admin, 'GET', '/api/admin/users?role=king')).status).toBe(400);
    expect((await as(admin, 'GET', '/api/admin/users?department=scjg')).status).toBe(400);
    expect((await as(admin, 'GET', '/api/admin/users?pageSize=0')).status).toBe(400);
    expect((await as(admin, 'GET', '/api/admin/users?password=1')).status).toBe(400);
  });
});

describe('editing and disabling', () => {

  it('renames, and a role change needs the same department rules', async () => {
    const id = await idOf('desk3');
    const renamed = await as(admin, 'PATCH', `/api/admin/users/${id}`, { displayName: '综合受理窗口三（延时）' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.displayName).toBe('综合受理窗口三（延时）');

    const noDept = await as(admin, 'PATCH', `/api/admin/users/${id}`, { role: 'approver' });
    expect(noDept.status).toBe(400);
    expect(noDept.body.details[0].field).toBe('department');
    const deptForDesk = await as(admin, 'PATCH', `/api/admin/users/${id}`, { department: 'SCJG' });
    expect(deptForDesk.status).toBe(400);

    const toApprover = await as(admin, 'PATCH', `/api/admin/users/${id}`, { role: 'approver', department: 'SCJG' });
    expect(toApprover.status, JSON.stringify(toApprover.body)).toBe(200);
    expect(toApprover.body).toMatchObject({ role: 'approver', department: { code: 'SCJG' } });
    // Back to the desk: the department goes with the role.
    const back = await as(admin, 'PATCH', `/api/admin/users/${id}`, { role: 'desk' });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ role: 'desk', department: null });

    expect((await as(admin, 'PATCH', '/api/admin/users/999999', { displayName: 'x' })).status).toBe(404);
    expect((await as(admin, 'PATCH', '/api/admin/users/abc', { displayName: 'x' })).status).toBe(400);
    expect((await as(admin, 'PATCH', `/api/admin/users/${id}`, { username: 'renamed' })).status).toBe(400);

    const logs = await rows<{ action: string; detail: { role?: { to: string } } }>(
      sql`select action, detail from admin_log where target = 'desk3' and action = 'user.update' order by id`,
    );
    expect(logs.map((l) => l.detail.role?.to ?? null)).toEqual([null, 'approver', 'desk']);
  });

  it('a new role ends the sessions that had the old one', async () => {
    const s2 = await login(s.url, 'desk-cg', 'desk-pass-9999');
    expect((await s2.request('GET', '/api/auth/me')).status).toBe(200);
    // A role that does not work at a township is refused, and the sessions stay.
    const misfit = await as(admin, 'PATCH', `/api/admin/users/${await idOf('desk-cg')}`, { role: 'supervisor' });
    expect(misfit.status).toBe(400);
    expect((await s2.request('GET', '/api/auth/me')).status).toBe(200);
    const before = await login(s.url, 'desk3', 'window-three-2026');
    expect((await before.request('GET', '/api/auth/me')).status).toBe(200);
    const res = await as(admin, 'PATCH', `/api/admin/users/${await idOf('desk3')}`, { role: 'supervisor' });
    expect(res.status).toBe(200);
    expect((await before.request('GET', '/api/auth/me')).status).toBe(401);
    const again = await login(s.url, 'desk3', 'window-three-2026');
    expect((await again.request('GET', '/api/auth/me')).body.user.role).toBe('supervisor');
    expect((await as(admin, 'PATCH', `/api/admin/users/${await idOf('desk3')}`, { role: 'desk' })).status).toBe(200);
  });

  it('disabling ends the sessions at once and refuses login; enabling lets the person back in', async () => {
    const desk3 = await login(s.url, 'desk3', 'window-three-2026');
    // Twice, so the session is certainly in the server's few-second cache. (desk3 still has the
    // password the admin chose, so /api/auth/me is what it may call.)
    expect((await desk3.request('GET', '/api/auth/me')).status).toBe(200);
    expect((await desk3.request('GET', '/api/auth/me')).status).toBe(200);

    const id = await idOf('desk3');
    const res = await as(admin, 'PATCH', `/api/admin/users/${id}`, { disabled: true });
    expect(res.status).toBe(200);
    expect(res.body.disabled).toBe(true);

    expect((await desk3.request('GET', '/api/auth/me')).status).toBe(401);
    expect((await desk3.request('GET', '/api/cases?mine=false')).status).toBe(401);
    expect(await loginStatus('desk3', 'window-three-2026')).toBe(401);
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from sessions where user_id = ${id}`))[0]!.n).toBe(0);

    const disabledList = await as(admin, 'GET', '/api/admin/users?disabled=true');
    expect(disabledList.body.items.map((u: { username: string }) => u.username)).toEqual(['desk3']);
    const enabledList = await as(admin, 'GET', '/api/admin/users?disabled=false&pageSize=200');
    expect(enabledList.body.items.some((u: { username: string }) => u.username === 'desk3')).toBe(false);

    const enabled = await as(admin, 'PATCH', `/api/admin/users/${id}`, { disabled: false });
    expect(enabled.body.disabled).toBe(false);
    expect(await loginStatus('desk3', 'window-three-2026')).toBe(200);

    const actions = await rows<{ action: string; user_id: number }>(
      sql`select action, user_id from admin_log where target = 'desk3' and action in ('user.disable', 'user.enable') order by id`,
    );
    expect(actions.map((a) => a.action)).toEqual(['user.disable', 'user.enable']);
    const [me] = await rows<{ id: number }>(sql`select id from users where username = 'admin'`);
    expect(actions.every((a) => a.user_id === me!.id)).toBe(true);
  });

  it('resetting a password ends the sessions at once; old password out, new one in', async () => {
    const desk3 = await login(s.url, 'desk3', 'window-three-2026');
    expect((await desk3.request('GET', '/api/auth/me')).status).toBe(200);
    const id = await idOf('desk3');

    const weak = await as(admin, 'POST', `/api/admin/users/${id}/reset-password`, { password: 'desk3' });
    expect(weak.status).toBe(400);
    expect(weak.body.code).toBe('WEAK_PASSWORD');
    expect((await desk3.request('GET', '/api/auth/me')).status).toBe(200);

    const set = await as(admin, 'POST', `/api/admin/users/${id}/reset-password`, { password: 'a-brand-new-secret' });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.generatedPassword).toBeUndefined();
    expect((await desk3.request('GET', '/api/auth/me')).status).toBe(401);
    expect(await loginStatus('desk3', 'window-three-2026')).toBe(401);
    expect(await loginStatus('desk3', 'a-brand-new-secret')).toBe(200);

    const generated = await as(admin, 'POST', `/api/admin/users/${id}/reset-password`, {});
    expect(generated.status).toBe(200);
    expect(generated.body.generatedPassword).toMatch(/^\S{4}-\S{4}-\S{4}$/);
    expect(await loginStatus('desk3', 'a-brand-new-secret')).toBe(401);
    expect(await loginStatus('desk3', generated.body.generatedPassword)).toBe(200);

    const logs = await rows<{ detail: unknown }>(sql`select detail from admin_log where target = 'desk3' and action = 'user.reset-password' order by id`);
    expect(logs.map((l) => l.detail)).toEqual([{ id, passwordGenerated: false }, { id, passwordGenerated: true }]);
    expect(JSON.stringify(logs)).not.toContain(generated.body.generatedPassword);
    expect((await as(admin, 'POST', '/api/admin/users/999999/reset-password', {})).status).toBe(404);
  });

  it('never lets the last enabled administrator go, nor an admin disable or demote themselves', async () => {
    const meId = await idOf('admin');
    const last = await as(admin, 'PATCH', `/api/admin/users/${meId}`, { disabled: true });
    expect(last.status).toBe(409);
    expect(last.body.code).toBe('LAST_ADMIN');
    const lastRole = await as(admin, 'PATCH', `/api/admin/users/${meId}`, { role: 'desk' });
    expect(lastRole.status).toBe(409);
    expect(lastRole.body.code).toBe('LAST_ADMIN');

    const second = await create({ username: 'admin2', displayName: '副管理员', role: 'admin', password: 'admin-chose-this' });
    expect(second.status).toBe(201);
    // admin2 replaces the password the first admin chose before doing anything else.
    const fresh = await login(s.url, 'admin2', 'admin-chose-this');
    expect((await as(fresh, 'POST', '/api/auth/change-password', { currentPassword: 'admin-chose-this', newPassword: 'second-admin-pass' })).status).toBe(200);
    const self = await as(admin, 'PATCH', `/api/admin/users/${meId}`, { disabled: true });
    expect(self.status).toBe(409);
    expect(self.body.code).toBe('CANNOT_DISABLE_SELF');
    const demote = await as(admin, 'PATCH', `/api/admin/users/${meId}`, { role: 'leader' });
    expect(demote.status).toBe(409);
    expect(demote.body.code).toBe('CANNOT_DEMOTE_SELF');
    expect((await admin.request('GET', '/api/auth/me')).body.user.role).toBe('admin');

    // The second admin may disable the first; then that one is the last and cannot be disabled by anyone.
    const admin2 = await login(s.url, 'admin2', 'second-admin-pass');
    const off = await as(admin2, 'PATCH', `/api/admin/users/${meId}`, { disabled: true });
    expect(off.status).toBe(200);
    expect((await admin.request('GET', '/api/admin/users')).status).toBe(401);
    const id2 = second.body.user.id as number;
    expect((await as(admin2, 'PATCH', `/api/admin/users/${id2}`, { disabled: true })).body.code).toBe('LAST_ADMIN');
    const on = await as(admin2, 'PATCH', `/api/admin/users/${meId}`, { disabled: false });
    expect(on.status).toBe(200);
    admin = await login(s.url, 'admin');
    const [{ n }] = (await rows<{ n: number }>(sql`select count(*)::int as n from users where role = 'admin' and not disabled`)) as [{ n: number }];
    expect(n).toBe(2);
  });

  it('an admin resetting their own password keeps the session it was done from', async () => {
    const id2 = await idOf('admin2');
    const admin2 = await login(s.url, 'admin2', 'second-admin-pass');
    const elsewhere = await login(s.url, 'admin2', 'second-admin-pass');
    const res = await as(admin2, 'POST', `/api/admin/users/${id2}/reset-password`, { password: 'second-admin-pass-2' });
    expect(res.status).toBe(200);
    expect((await admin2.request('GET', '/api/auth/me')).status).toBe(200);
    expect((await elsewhere.request('GET', '/api/auth/me')).status).toBe(401);
  });
});

describe('a password an administrator set must be changed first (server rule)', () => {
  it('a new account may only change its password, read who it is, or sign out; afterwards everything works', async () => {
    const created = await create({ username: 'desk-new', displayName: '新窗口', role: 'desk', password: 'admin-chosen-pass' });
    expect(created.status).toBe(201);
    const login1 = await call(s.url, 'POST', '/api/auth/login', { username: 'desk-new', password: 'admin-chosen-pass' });
    expect(login1.status).toBe(200);
    // The login answer says so, so the web app can ask for the change at once.
    expect(login1.body.user.mustChangePassword).toBe(true);
    const fresh = await login(s.url, 'desk-new', 'admin-chosen-pass');
    for (const [method, path] of [['GET', '/api/cases?mine=false'], ['GET', '/api/items'], ['POST', '/api/queue/windows/1/sit']] as const) {
      const res = await as(fresh, method, path, method === 'POST' ? {} : undefined);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.code, `${method} ${path}`).toBe('PASSWORD_CHANGE_REQUIRED');
    }
    const me = await as(fresh, 'GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.mustChangePassword).toBe(true);

    // The current password proves it is the account's owner; a weak or unchanged new one is refused.
    const wrong = await as(fresh, 'POST', '/api/auth/change-password', { currentPassword: 'not-it-at-all', newPassword: 'my-own-secret-42' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details[0].field).toBe('currentPassword');
    const same = await as(fresh, 'POST', '/api/auth/change-password', { currentPassword: 'admin-chosen-pass', newPassword: 'admin-chosen-pass' });
    expect(same.body.code).toBe('WEAK_PASSWORD');
    const weak = await as(fresh, 'POST', '/api/auth/change-password', { currentPassword: 'admin-chosen-pass', newPassword: 'short' });
    expect(weak.body.code).toBe('WEAK_PASSWORD');
    expect((await as(fresh, 'GET', '/api/cases?mine=false')).body.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const other = await login(s.url, 'desk-new', 'admin-chosen-pass');
    const changed = await as(fresh, 'POST', '/api/auth/change-password', { currentPassword: 'admin-chosen-pass', newPassword: 'my-own-secret-42' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    // The session that changed it goes on at once; the other one (whoever else had the password) is over.
    expect((await as(fresh, 'GET', '/api/cases?mine=false')).status).toBe(200);
    expect((await as(fresh, 'GET', '/api/auth/me')).body.user.mustChangePassword).toBe(false);
    expect((await other.request('GET', '/api/auth/me')).status).toBe(401);
    expect(await loginStatus('desk-new', 'admin-chosen-pass')).toBe(401);
    expect(await loginStatus('desk-new', 'my-own-secret-42')).toBe(200);
  });

  it('an admin reset sets the rule again; the demo accounts and an admin resetting their own are not held', async () => {
    const id = await idOf('desk-new');
    const reset = await as(admin, 'POST', `/api/admin/users/${id}/reset-password`, {});
    expect(reset.status).toBe(200);
    const fresh = await login(s.url, 'desk-new', reset.body.generatedPassword as string);
    expect((await as(fresh, 'GET', '/api/cases?mine=false')).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    // Signing out is always allowed.
    expect((await as(fresh, 'POST', '/api/auth/logout')).status).toBe(200);

    const desk1 = await login(s.url, 'desk1');
    expect((await as(desk1, 'GET', '/api/cases?mine=false')).status).toBe(200);
    const admin2 = await login(s.url, 'admin2', 'second-admin-pass-2');
    expect((await as(admin2, 'GET', '/api/admin/users')).status).toBe(200);
  });
});

describe('password hashes', () => {
  it('appear in no answer the tests received', () => {
    expect(seen.length).toBeGreaterThan(40);
    for (const text of seen) {
      expect(text).not.toMatch(/\$argon2|"passwordHash":|"password_hash":|"password":/);
    }
  });
});
