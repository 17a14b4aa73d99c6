import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { AppError } from '../../domain/errors.js';
import { maskName, maskPhone } from '../../domain/identity.js';
import type { CaseStatus } from '../../domain/case-status.js';
import type { SessionUser } from '../auth/auth.service.js';
import type { NetworkCasesPage, NetworkCasesQuery, NetworkItems } from '#contract/network.js';
import { getNetworkPlace } from './places.js';
import { isProxyRole } from './proxy-intake.service.js';
import * as repo from './network-cases.repository.js';

/**
 * 我的办件 at a station or village room: an agent sees the cases its room took in, a station every
 * proxy case of its township (its own and its villages'), the same reach as reading a case.
 */
export async function listNetworkCases(db: Db, user: SessionUser, q: NetworkCasesQuery): Promise<NetworkCasesPage> {
  if (!isProxyRole(user.role)) throw new AppError('FORBIDDEN', 'Only stations and agents have proxy cases');
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const scope = { column: user.role === 'agent' ? 'center' as const : 'township' as const, centerId: user.centerId };
  const { rows, total } = await repo.listProxyCases(db, { scope, status: q.status, waiting: q.waiting }, page, pageSize);
  return {
    items: rows.map((r) => ({
      caseNo: r.caseNo, status: r.status as CaseStatus, item: { code: r.itemCode, name: r.itemName },
      applicantName: maskName(r.applicantName), applicantPhone: maskPhone(r.applicantPhone),
      place: { code: r.placeCode, name: r.placeName }, takenBy: r.takenBy ?? '',
      receivedAt: r.receivedAt.toISOString(), dueDate: r.dueDate,
      warning: r.warningLevel === 'none' ? null : r.warningLevel,
      completedAt: r.completedAt?.toISOString() ?? null,
    })),
    total, page, pageSize,
  };
}

/**
 * The items a station or agent may take in, with their checklists, for the intake screen and its
 * offline copy. `version` hashes what the list says (codes, published versions, openings), so a new
 * version or a new opening makes the device's copy stale, and nothing else does.
 */
export async function listNetworkItems(db: Db, user: SessionUser): Promise<NetworkItems> {
  if (!isProxyRole(user.role)) throw new AppError('FORBIDDEN', 'Only stations and agents take proxy intakes');
  const { place, county, chain } = await getNetworkPlace(db, user.centerId);
  const rows = await repo.listOpenItems(db, county.id, chain.map((c) => c.id));
  const version = createHash('sha256').update(rows.map((r) => `${r.code}@${r.versionId}`).join('|')).digest('hex').slice(0, 16);
  return {
    place: { code: place.code, name: place.name },
    version,
    items: rows.map((r) => ({
      code: r.code, name: r.name, nameEn: r.nameEn, pinyin: `${r.pinyinFull} ${r.pinyinInitials}`,
      department: { code: r.deptCode, name: r.deptName, nameEn: r.deptNameEn },
      promisedDays: r.promisedDays,
      materials: r.materials.map((m) => ({ code: m.code, name: m.name, nameEn: m.nameEn ?? '', required: m.required, copies: m.copies })),
    })),
  };
}
