import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/tx.js';
import type { SlotPeriod } from '../../db/schema/index.js';
import { periodProblems } from '../../domain/appointment-rules.js';
import { AppError, invalid, type FieldProblem } from '../../domain/errors.js';
import { writeAdminLog } from '../admin-log/admin-log.repository.js';
import { findDepartment } from '../departments/departments.repository.js';
import type { Actor } from '../departments/departments.service.js';
import { adminCategoryView, categoryViews } from './appointment-views.js';
import * as repo from './appointments.repository.js';

export const CATEGORY_NOT_FOUND = (code: string) => new AppError('NOT_FOUND', `预约业务类别 ${code} 不存在 / Appointment category ${code} not found`);

export async function categoryOf(db: Db, centerId: number, code: string) {
  const found = await repo.findCategory(db, centerId, code);
  if (!found) throw CATEGORY_NOT_FOUND(code);
  return found;
}

export interface CategoryInput {
  name?: string;
  nameEn?: string;
  description?: string;
  department?: string | null;
  items?: string[];
  active?: boolean;
  sortOrder?: number;
}

async function resolveCategoryInput(db: Db, centerId: number, input: CategoryInput) {
  const problems: FieldProblem[] = [];
  let departmentId: number | null | undefined;
  if (input.department === null) departmentId = null;
  else if (input.department !== undefined) {
    const dept = await findDepartment(db, centerId, input.department);
    if (!dept) problems.push({ field: 'department', message: 'unknown department' });
    else departmentId = dept.id;
  }
  let itemCodes: string[] | undefined;
  if (input.items !== undefined) {
    itemCodes = [...new Set(input.items)];
    const names = await repo.itemNames(db, centerId, itemCodes);
    input.items.forEach((c, i) => { if (!names.has(c)) problems.push({ field: `items.${i}`, message: 'no published item with this code' }); });
  }
  if (input.name !== undefined && !input.name.trim()) problems.push({ field: 'name', message: 'must not be blank' });
  if (problems.length) throw invalid(`Invalid category: ${problems[0]!.field} ${problems[0]!.message}`, problems);
  return { departmentId, itemCodes };
}

export async function listCategoriesAdmin(db: Db, centerId: number) {
  return (await categoryViews(db, centerId, await repo.listCategories(db, centerId, false))).map(adminCategoryView);
}

export async function createCategory(db: Db, actor: Actor, input: CategoryInput & { code: string; name: string; periods?: SlotPeriod[] }) {
  const { departmentId, itemCodes } = await resolveCategoryInput(db, actor.centerId, input);
  const periods = input.periods ?? [];
  const problems = periodProblems(periods);
  if (problems.length) throw invalid(`Invalid template: ${problems[0]!.field} ${problems[0]!.message}`, problems);
  await inTransaction(db, async (tx) => {
    const created = await repo.insertCategory(tx, {
      centerId: actor.centerId, code: input.code, name: input.name.trim(), nameEn: input.nameEn ?? '', description: input.description ?? '',
      departmentId: departmentId ?? null, itemCodes: itemCodes ?? [], template: { periods }, active: input.active ?? true,
      // A new category goes last unless told otherwise.
      sortOrder: input.sortOrder ?? (await repo.maxSortOrder(tx, actor.centerId)) + 10, createdAt: actor.at, updatedAt: actor.at,
    });
    if (!created) throw new AppError('DUPLICATE', `预约业务类别 ${input.code} 已存在 / Category ${input.code} already exists`, [{ field: 'code', message: 'already exists' }]);
    await writeAdminLog(tx, { ...actor, action: 'appointment.category.create', target: input.code, detail: input });
  });
  return getCategoryAdmin(db, actor.centerId, input.code);
}

export async function getCategoryAdmin(db: Db, centerId: number, code: string) {
  const found = await categoryOf(db, centerId, code);
  return adminCategoryView((await categoryViews(db, centerId, [found]))[0]!);
}

export async function updateCategory(db: Db, actor: Actor, code: string, patch: CategoryInput) {
  const found = await categoryOf(db, actor.centerId, code);
  const { departmentId, itemCodes } = await resolveCategoryInput(db, actor.centerId, patch);
  await inTransaction(db, async (tx) => {
    await repo.updateCategory(tx, found.category.id, {
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
      ...(patch.nameEn !== undefined ? { nameEn: patch.nameEn } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(departmentId !== undefined ? { departmentId } : {}),
      ...(itemCodes !== undefined ? { itemCodes } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      ...(patch.sortOrder !== undefined ? { sortOrder: patch.sortOrder } : {}),
      updatedAt: actor.at,
    });
    await writeAdminLog(tx, { ...actor, action: 'appointment.category.update', target: code, detail: patch });
  });
  return getCategoryAdmin(db, actor.centerId, code);
}

export async function setTemplate(db: Db, actor: Actor, code: string, periods: SlotPeriod[]) {
  const found = await categoryOf(db, actor.centerId, code);
  const problems = periodProblems(periods);
  if (problems.length) throw invalid(`Invalid template: ${problems[0]!.field} ${problems[0]!.message}`, problems);
  const sorted = [...periods].sort((a, b) => a.start.localeCompare(b.start));
  await inTransaction(db, async (tx) => {
    await repo.updateCategory(tx, found.category.id, { template: { periods: sorted }, updatedAt: actor.at });
    await writeAdminLog(tx, { ...actor, action: 'appointment.template', target: code, detail: { periods: sorted } });
  });
  return getCategoryAdmin(db, actor.centerId, code);
}
