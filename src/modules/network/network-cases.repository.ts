import { and, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { cases, centers, departments, itemVersions, items, networkItemOpenings, users } from '../../db/schema/index.js';

export interface NetworkCaseFilter {
  /** The agent's room (proxy_center_id) or the station's township (proxy_township_id). */
  scope: { column: 'center' | 'township'; centerId: number };
  status?: string;
  /** Completed at the county, not yet handed back (待领取). */
  waiting?: boolean;
}

function where(f: NetworkCaseFilter): SQL {
  const conds: SQL[] = [f.scope.column === 'center' ? eq(cases.proxyCenterId, f.scope.centerId) : eq(cases.proxyTownshipId, f.scope.centerId)];
  if (f.status) conds.push(eq(cases.status, f.status));
  if (f.waiting) conds.push(eq(cases.status, 'completed'), isNull(cases.deliveredAt));
  return and(...conds)!;
}

export async function listProxyCases(db: Db, f: NetworkCaseFilter, page: number, pageSize: number) {
  const w = where(f);
  const [rowsOut, [total]] = await Promise.all([
    db.select({
      caseNo: cases.caseNo, status: cases.status, itemCode: cases.itemCode, itemName: cases.itemName,
      applicantName: cases.applicantName, applicantPhone: cases.applicantPhone,
      placeCode: centers.code, placeName: centers.name, takenBy: users.displayName,
      receivedAt: cases.receivedAt, dueDate: cases.dueDate, warningLevel: cases.warningLevel, completedAt: cases.completedAt,
    }).from(cases)
      .innerJoin(centers, eq(centers.id, cases.proxyCenterId))
      .leftJoin(users, eq(users.id, cases.proxyBy))
      .where(w)
      .orderBy(desc(cases.receivedAt), desc(cases.id))
      .limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: count() }).from(cases).where(w),
  ]);
  return { rows: rowsOut, total: total?.n ?? 0 };
}

/** The county's published items opened at one of the given centers, with their published version. */
export function listOpenItems(db: Db, countyId: number, centerIds: number[]) {
  return db.selectDistinctOn([items.code], {
    code: items.code, versionId: itemVersions.id, version: itemVersions.version, name: itemVersions.name, nameEn: itemVersions.nameEn,
    pinyinFull: itemVersions.pinyinFull, pinyinInitials: itemVersions.pinyinInitials,
    promisedDays: itemVersions.promisedDays, materials: itemVersions.materials,
    deptCode: departments.code, deptName: departments.name, deptNameEn: departments.nameEn,
    openedAt: networkItemOpenings.createdAt,
  }).from(networkItemOpenings)
    .innerJoin(items, eq(items.id, networkItemOpenings.itemId))
    .innerJoin(itemVersions, and(eq(itemVersions.itemId, items.id), eq(itemVersions.version, items.publishedVersion)))
    .innerJoin(departments, eq(departments.id, items.departmentId))
    .where(and(eq(items.centerId, countyId), eq(items.status, 'published'), inArray(networkItemOpenings.centerId, centerIds)))
    .orderBy(items.code, sql`${networkItemOpenings.createdAt} desc`);
}
