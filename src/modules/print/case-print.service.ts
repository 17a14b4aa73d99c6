import QRCode from 'qrcode';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../http/context.js';
import { AppError } from '../../domain/errors.js';
import { localDate } from '../../domain/clock.js';
import { maskIdNumber, maskPhone } from '../../domain/identity.js';
import { itemVersions } from '../../db/schema/index.js';
import { clockView } from '../cases/case-clock-view.js';
import { getReachableCase, type ActingUser, type CaseDeps } from '../cases/cases.service.js';
import { getCenterCached } from '../centers/centers.service.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { getSettingsCached } from '../settings/settings.service.js';
import { notYet, type CasePaper, type CasePaperName } from './case-pages.js';
import type { Layout } from './html.js';

/** The public progress page: the same address the SMS messages carry. */
export function progressUrl(publicUrl: string, caseNo: string): string {
  return `${publicUrl}/?progress=${encodeURIComponent(caseNo)}`;
}

/**
 * Everything one case paper prints, read with the same access rule and the same clock as the case
 * page: a case out of reach is as unknown as a missing one, full ID numbers and phones only for the
 * staff who handle it, and a paper the case's state does not allow yet is a 409.
 */
export async function loadCasePaper(ctx: AppContext, deps: CaseDeps, actor: ActingUser, caseNo: string, paper: CasePaperName, layout: Layout): Promise<CasePaper> {
  const { c, tasks, reach } = await getReachableCase(deps, actor, caseNo);
  const refusal = notYet(paper, c);
  if (refusal) throw new AppError('CONFLICT', refusal, undefined, { status: c.status, paper });
  const full = reach === 'handle';
  const now = deps.clock.now();
  const url = progressUrl(deps.publicUrl, c.caseNo);
  const [center, dept, version, cal, settings, qr] = await Promise.all([
    getCenterCached(ctx.db, c.centerId),
    ctx.db.query.departments.findFirst({ where: (d, { eq: is }) => is(d.id, c.departmentId) }),
    ctx.db.select({
      category: itemVersions.category, statutoryDays: itemVersions.statutoryDays, resultName: itemVersions.resultName,
      location: itemVersions.location, phone: itemVersions.phone,
    }).from(itemVersions).where(eq(itemVersions.id, c.itemVersionId)).limit(1),
    loadCalendar(ctx.db),
    getSettingsCached(ctx.db),
    QRCode.toString(url, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' }),
  ]);
  const stages = new Map<number, { stage: number; name: string; departments: string[] }>();
  for (const { task, departmentName } of tasks) {
    const s = stages.get(task.stage) ?? { stage: task.stage, name: task.stageName, departments: [] };
    s.departments.push(departmentName + (task.lead ? '（牵头）' : ''));
    stages.set(task.stage, s);
  }
  return {
    c,
    layout,
    centerName: center.name,
    timeZone: center.timeZone,
    departmentName: dept?.name ?? '',
    item: version[0] ?? null,
    stages: [...stages.values()].sort((a, b) => a.stage - b.stage),
    idNumber: c.applicantIdNumber ? (full ? c.applicantIdNumber : maskIdNumber(c.applicantIdNumber)) : '',
    phone: full ? c.applicantPhone : maskPhone(c.applicantPhone),
    clock: clockView(cal, c, localDate(now, center.timeZone), settings.warningDays),
    qr,
    progressUrl: url,
    printedAt: now,
  };
}
