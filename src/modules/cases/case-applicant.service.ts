import { parseCaseNo } from '../../domain/case-number.js';
import { AppError } from '../../domain/errors.js';
import { answer, applyAction, type ActionBody } from './case-actions.service.js';
import { clockView } from './case-clock-view.js';
import { viewEnv, type CaseDeps, type OnlineApplicant } from './case-deps.js';
import * as repo from './cases.repository.js';
import { departmentRef, findDepartmentRef } from './department-names.js';

/**
 * A step the signed-in applicant takes on their own case (resubmit after pre-review, withdraw in
 * pre-review, cancel within 30 minutes): the caller has established the case is theirs.
 */
export async function actAsApplicant(deps: CaseDeps, c: repo.CaseRow, who: OnlineApplicant, body: ActionBody) {
  const tasks = (await repo.listTasks(deps.db, c)).map((t) => t.task);
  return answer(await applyAction(deps, c, tasks, body, { actor: 'applicant', address: who.address, name: who.name }));
}

export async function cancelByLink(deps: CaseDeps, caseNoInput: string, token: string, address: string) {
  const caseNo = parseCaseNo(caseNoInput);
  const candidates = caseNo ? await repo.findCasesByNo(deps.db, caseNo) : [];
  const c = candidates.find((x) => x.cancelToken.length === token.length && x.cancelToken === token);
  if (!c) throw new AppError('NOT_FOUND', 'Case not found');
  const tasks = (await repo.listTasks(deps.db, c)).map((t) => t.task);
  return answer(await applyAction(deps, c, tasks, { action: 'cancel', comment: '申请人通过短信链接撤销' }, { actor: 'applicant', address, name: '申请人' }));
}

export async function publicProgress(deps: CaseDeps, caseNoInput: string, phone: string) {
  const caseNo = parseCaseNo(caseNoInput);
  const candidates = caseNo ? await repo.findProgressByNo(deps.db, caseNo, phone) : [];
  const c = candidates.find((x) => x.applicantPhone === phone);
  if (!c) return undefined;
  const env = await viewEnv(deps);
  const tasks = c.kind === 'joint' ? await repo.listTasks(deps.db, c) : [];
  const dept = findDepartmentRef(deps.db, c.departmentId) ?? await departmentRef(deps.db, c.departmentId);
  const clock = clockView(env.cal, c, env.today, env.warningDays);
  return { c, tasks, dept, clock };
}
