import type { Db } from '../../db/client.js';
import { AppError } from '../../domain/errors.js';
import { inTransaction } from '../../db/tx.js';
import { writeAdminLog } from '../admin-log/admin-log.repository.js';
import * as repo from './departments.repository.js';

export interface Actor {
  userId: number;
  centerId: number;
  address: string;
  at: Date;
}

export async function getDepartment(db: Db, centerId: number, code: string) {
  const found = await repo.findDepartment(db, centerId, code);
  if (!found) throw new AppError('NOT_FOUND', `Department ${code} not found`, [{ field: 'department', message: 'unknown department' }]);
  return found;
}

async function withCount(db: Db, centerId: number, code: string) {
  const all = await repo.listDepartments(db, centerId, false);
  return all.find((d) => d.code === code)!;
}

export async function createDepartment(db: Db, actor: Actor, input: { code: string; name: string; nameEn?: string }) {
  await inTransaction(db, async (t) => {
    if (await repo.findDepartment(t, actor.centerId, input.code)) {
      throw new AppError('DUPLICATE', `Department code ${input.code} already exists`, [{ field: 'code', message: 'already exists' }]);
    }
    await repo.insertDepartment(t, { centerId: actor.centerId, code: input.code, name: input.name, nameEn: input.nameEn ?? '' });
    await writeAdminLog(t, { ...actor, action: 'department.create', target: input.code, detail: input });
  });
  return withCount(db, actor.centerId, input.code);
}

export async function updateDepartment(db: Db, actor: Actor, code: string, patch: { name?: string; nameEn?: string }) {
  await inTransaction(db, async (t) => {
    const dept = await getDepartment(t, actor.centerId, code);
    await repo.updateDepartment(t, dept.id, patch);
    await writeAdminLog(t, { ...actor, action: 'department.update', target: code, detail: patch });
  });
  return withCount(db, actor.centerId, code);
}

export async function retireDepartment(db: Db, actor: Actor, code: string) {
  await inTransaction(db, async (t) => {
    const dept = await getDepartment(t, actor.centerId, code);
    await repo.updateDepartment(t, dept.id, { status: 'retired' });
    await writeAdminLog(t, { ...actor, action: 'department.retire', target: code });
  });
  return withCount(db, actor.centerId, code);
}
