import { parseCaseNo } from '../../domain/case-number.js';
import { PRE_REVIEW, type CaseStatus } from '../../domain/case-workflow.js';
import { TERMINAL } from '../../domain/case-status.js';
import { transitOf, type TransitLeg } from '../../domain/ledger-transit.js';
import type { CaseTransit } from '#contract/cases.js';
import { getCenterCached } from '../centers/centers.service.js';
import { findResultReturnedAt } from '../ledger/ledger.repository.js';
import { AppError } from '../../domain/errors.js';
import { writeAdminLog } from '../admin-log/admin-log.repository.js';
import { getNetworkPlace } from '../network/places.js';
import { isProxyRole } from '../network/proxy-intake.service.js';
import { reachOf } from './case-access.js';
import { rememberCase } from './case-copies.js';
import { viewEnv, type ActingUser, type CaseDeps } from './case-deps.js';
import { refreshWarningsIfStale } from './case-scan.service.js';
import { caseView, queueRow } from './case-view.js';
import * as repo from './cases.repository.js';
import { departmentRef } from './department-names.js';
import { versionNames } from './item-names.js';

/** The center whose cases the user works on: a station's or agent's proxy cases belong to their county. */
async function caseCenterOf(deps: CaseDeps, user: ActingUser['user']): Promise<number> {
  return isProxyRole(user.role) ? (await getNetworkPlace(deps.db, user.centerId)).county.id : user.centerId;
}

/** A case the user may see; anything else answers exactly like a case that does not exist, and the denial is logged. */
export async function getReachableCase(deps: CaseDeps, actor: ActingUser, caseNoInput: string) {
  const caseNo = parseCaseNo(caseNoInput);
  const c = caseNo ? await repo.findCaseByNo(deps.db, caseNo, await caseCenterOf(deps, actor.user)) : undefined;
  const tasks = c ? await repo.listTasks(deps.db, c) : [];
  const reach = c ? reachOf(actor.user, c, tasks.map((t) => t.task)) : 'none';
  if (!c || reach === 'none') {
    if (c) {
      await writeAdminLog(deps.db, { userId: actor.user.id, address: actor.address, at: deps.clock.now(), action: 'case.access-denied', target: c.caseNo });
    }
    throw new AppError('NOT_FOUND', 'Case not found');
  }
  return { c, tasks, reach };
}

export async function getCase(deps: CaseDeps, actor: ActingUser, caseNo: string) {
  const { c, tasks, reach } = await getReachableCase(deps, actor, caseNo);
  if (reach === 'handle') rememberCase(deps.db, c);
  const env = { ...(await viewEnv(deps)), english: await versionNames(deps.db, [c.itemVersionId]) };
  const view = caseView(c, tasks, await departmentRef(deps.db, c.departmentId), actor.user, env, reach === 'handle');
  if (c.proxyCenterId !== null) view.transit = await transitView(deps, c);
  return view;
}

const legView = (l: TransitLeg) => ({ from: l.from?.toISOString() ?? null, to: l.to?.toISOString() ?? null, hours: l.hours, running: l.running });

/**
 * 代办件: the time on the road beside the promised clock, on the case page only (one small read,
 * kept off the queues). The way back ends when the result is handed back at the place, or when
 * the case is delivered some other way (at the county window, by post).
 */
async function transitView(deps: CaseDeps, c: repo.CaseRow): Promise<CaseTransit> {
  const [place, returnedAt] = await Promise.all([
    getCenterCached(deps.db, c.proxyCenterId!),
    c.completedAt ? findResultReturnedAt(deps.db, c.id) : Promise.resolve(null),
  ]);
  const closedAt = !c.acceptedAt && TERMINAL.includes(c.status as CaseStatus) ? c.updatedAt : null;
  const t = transitOf({ receivedAt: c.receivedAt, acceptedAt: c.acceptedAt, completedAt: c.completedAt, returnedAt: returnedAt ?? c.deliveredAt, closedAt }, deps.clock.now());
  return { place: { code: place.code, name: place.name }, before: legView(t.before), after: legView(t.after) };
}

export async function getTimeline(deps: CaseDeps, actor: ActingUser, caseNo: string) {
  const { c } = await getReachableCase(deps, actor, caseNo);
  const events = await repo.listEvents(deps.db, c.id);
  return events.map((e) => ({
    seq: e.seq, at: e.at.toISOString(), actorName: e.actorName, role: e.role, action: e.action, fromStatus: e.fromStatus,
    toStatus: e.toStatus, clientAddress: e.clientAddress, comment: e.comment, data: e.data,
  }));
}

export async function listCases(deps: CaseDeps, actor: ActingUser, q: Omit<repo.QueueFilter, 'centerId' | 'departmentId' | 'receivedBy'> & { mine?: boolean }) {
  const u = actor.user;
  if (!['desk', 'approver', 'supervisor', 'leader'].includes(u.role)) throw new AppError('FORBIDDEN', 'Your role has no case queue');
  await refreshWarningsIfStale(deps);
  // Online applications waiting for pre-review belong to no clerk yet: any desk of the center takes them.
  const preReviewQueue = !!q.status?.length && q.status.every((st) => PRE_REVIEW.includes(st as CaseStatus));
  const scope: Partial<repo.QueueFilter> = u.role === 'approver' ? { departmentId: u.departmentId ?? -1 }
    : u.role === 'desk' && q.mine !== false && !preReviewQueue ? { receivedBy: u.id } : {};
  const { rows, total } = await repo.listQueue(deps.db, { ...q, ...scope, centerId: u.centerId });
  const env = { ...(await viewEnv(deps)), english: await versionNames(deps.db, rows.map((r) => r.c.itemVersionId)) };
  return { items: rows.map((r) => queueRow(r.c, { code: r.departmentCode, name: r.departmentName }, env)), total, page: q.page, pageSize: q.pageSize };
}
