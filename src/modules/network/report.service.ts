import ExcelJS from 'exceljs';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../domain/clock.js';
import { AppError } from '../../domain/errors.js';
import { maskName } from '../../domain/identity.js';
import { localDate } from '../../domain/time-zone.js';
import { isOverdueStay, OVERDUE_WORKING_HOURS, workingHoursBetween } from '../../domain/network-hours.js';
import type { LabelLang } from '../../domain/case-labels.js';
import type { WorkCalendar } from '../../domain/working-days.js';
import type { SessionUser } from '../auth/auth.service.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { centerTimeZone, getCenterCached } from '../centers/centers.service.js';
import { monthRange } from '../bulletin/bulletin.service.js';
import { getNetworkPlace } from './places.js';
import * as repo from './report.repository.js';
import type { NetworkCaseLine, NetworkCases, NetworkReport, NetworkReportRow, NetworkReportTotals } from '#contract/network-report.js';

/**
 * 县乡村三级代办、预约工作月报 (seed 003: "对各部门各单位各行政村日常代理、预约服务执行情况每月进行文字通报").
 * One set of numbers feeds the JSON, the printed page and the Excel file.
 *
 * Definitions (printed under the table):
 * - taken: proxy cases the place took in the month (received in the center's zone); completed and
 *   delivered: of those, the ones completed / delivered by the time of the report;
 * - appointments: bookings at the place for a day of the month, cancelled ones left out;
 * - moved: papers the place sent on in the month, one per paper per handover;
 * - intake time: from the intake to the county signing for the case's last material, for the month's
 *   cases whose materials have all arrived; return time: from completion to the applicant signing for
 *   the result, for the month's cases whose result was handed back. Both in working hours;
 * - overdue (超时滞留): a paper's stay at a township station or village room — from its intake or
 *   the place signing for it until the next place signs for it (the trip is the sender's) — that had
 *   passed OVERDUE_WORKING_HOURS working hours by the end of the month (or by now, in the current
 *   month) and had not ended before the month began. Counted at the place where the
 *   paper stayed, so a station answers for its villages' papers it sat on. The county itself and the
 *   wait for the applicant to collect a result are not stays (the latter is "not returned");
 * - not returned: results of the month's cases not yet handed back;
 * - ratings: of the month's cases; satisfaction is the share at 基本满意 or better.
 */
export const OVERDUE_RULE = `纸质材料或结果在乡镇便民服务站、村便民服务室停留（自收件或签收起，至下一站签收止，途中时间计在送出方）超过${OVERDUE_WORKING_HOURS}个工作小时（只计工作日的小时数），且该停留在本月开始前尚未结束，计为超时滞留一份；计在停留地。县中心本身和结果等待申请人领取不计（后者计入“结果未交还”）。`;
export const OVERDUE_RULE_EN = `A paper's stay at a township station or village room (from intake or signing for it until the next place signs for it; the trip counts for the sender) longer than ${OVERDUE_WORKING_HOURS} working hours (hours on working days only), not ended before the month began, is one overdue paper, counted where it stayed. The county itself and a result waiting for the applicant are not counted (the latter is "not returned").`;

/** Who sees which rows: leaders the whole county, a station its township and villages, an agent its room. */
const REPORT_ROLES = new Set(['leader', 'supervisor', 'admin', 'station', 'agent']);

interface Scope {
  countyId: number;
  /** Place ids the user may see; null: all places and the county's reference row. */
  placeIds: Set<number> | null;
}

async function scopeOf(db: Db, user: SessionUser): Promise<Scope> {
  if (!REPORT_ROLES.has(user.role)) throw new AppError('FORBIDDEN', 'Your role may not read the network report');
  if (user.role === 'leader' || user.role === 'supervisor' || user.role === 'admin') return { countyId: user.centerId, placeIds: null };
  const { place, county } = await getNetworkPlace(db, user.centerId);
  if (user.role === 'agent' || place.level === 'village') return { countyId: county.id, placeIds: new Set([place.id]) };
  const places = await repo.listPlaces(db, county.id);
  return { countyId: county.id, placeIds: new Set(places.filter((p) => p.id === place.id || p.parentId === place.id).map((p) => p.id)) };
}

const round1 = (v: number) => Math.round(v * 10) / 10;
const pct = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

/** One paper's stays at network places, and when it reached the county / went back to the applicant. */
interface PaperStays {
  stays: { place: number; from: Date; to: Date | null }[];
  /** When the last hop into the county was signed for (materials). */
  atCounty: Date | null;
}

function staysOf(p: repo.LedgerPaper, countyId: number): PaperStays {
  const stays: PaperStays['stays'] = [];
  let place = p.kind === 'material' ? p.home : countyId;
  let since: Date | null = p.createdAt;
  let atCounty: Date | null = null;
  for (const h of p.hops) {
    // A stay lasts until the next place signs for the paper: the carrier's trip is the sender's.
    if (place !== countyId && since) stays.push({ place, from: since, to: h.receivedAt === null ? null : new Date(h.receivedAt) });
    if (h.receivedAt === null) return { stays, atCounty: null };
    place = h.to;
    since = new Date(h.receivedAt);
    if (h.to === countyId) atCounty = since;
  }
  // Still where it is: a material not yet sent on from a station or room. A result at home waits
  // for the applicant, which is not a stay.
  if (p.kind === 'material' && place !== countyId && since) stays.push({ place, from: since, to: null });
  return { stays, atCounty: p.kind === 'material' && place === countyId ? atCounty : null };
}

interface Acc {
  moved: number;
  overdue: number;
  intake: number[];
  ret: number[];
  notReturned: number;
}

const emptyAcc = (): Acc => ({ moved: 0, overdue: 0, intake: [], ret: [], notReturned: 0 });

/** Per case: its papers' arrival at the county, return to the applicant, and overdue stays. */
interface CaseLedger {
  papers: number;
  materials: number;
  materialsAtCounty: number;
  lastAtCounty: Date | null;
  returnedAt: Date | null;
  resultOpen: boolean;
  overdueStays: number;
}

function ledgerFigures(papers: repo.LedgerPaper[], countyId: number, m: repo.MonthWindow, cal: WorkCalendar, zone: string, now: Date) {
  const start = new Date(m.start);
  const end = new Date(m.end);
  const cutoff = end < now ? end : now;
  const byPlace = new Map<number, Acc>();
  const acc = (id: number) => {
    let a = byPlace.get(id);
    if (!a) byPlace.set(id, (a = emptyAcc()));
    return a;
  };
  const byCase = new Map<number, CaseLedger & { place: number; receivedAt: Date; completedAt: Date | null; inMonth: boolean }>();
  for (const p of papers) {
    const { stays, atCounty } = staysOf(p, countyId);
    for (const h of p.hops) {
      const sent = new Date(h.sentAt);
      if (h.from !== countyId && sent >= start && sent < end) acc(h.from).moved++;
    }
    const inMonth = p.caseReceivedAt >= start && p.caseReceivedAt < end;
    let c = byCase.get(p.caseId);
    if (!c) {
      c = { papers: 0, materials: 0, materialsAtCounty: 0, lastAtCounty: null, returnedAt: null, resultOpen: false, overdueStays: 0,
        place: p.casePlace, receivedAt: p.caseReceivedAt, completedAt: p.caseCompletedAt, inMonth };
      byCase.set(p.caseId, c);
    }
    c.papers++;
    for (const s of stays) {
      // The month's overdue stays: not over before it began, past the limit by its end (or now).
      const until = s.to === null ? cutoff : s.to < cutoff ? s.to : cutoff;
      if (s.to !== null && s.to < start) continue;
      if (s.from >= cutoff) continue;
      if (isOverdueStay(workingHoursBetween(cal, s.from, until, zone))) acc(s.place).overdue++;
      if (isOverdueStay(workingHoursBetween(cal, s.from, s.to ?? now, zone))) c.overdueStays++;
    }
    if (p.kind === 'material') {
      c.materials++;
      if (atCounty) {
        c.materialsAtCounty++;
        if (!c.lastAtCounty || atCounty > c.lastAtCounty) c.lastAtCounty = atCounty;
      }
    } else if (p.state === 'returned' && p.returnedAt) {
      c.returnedAt = p.returnedAt;
    } else {
      c.resultOpen = true;
    }
  }
  const lines = new Map<number, CaseLedger & { intakeHours: number | null; returnHours: number | null }>();
  for (const [caseId, c] of byCase) {
    const intakeHours = c.materials > 0 && c.materialsAtCounty === c.materials && c.lastAtCounty
      ? round1(workingHoursBetween(cal, c.receivedAt, c.lastAtCounty, zone)) : null;
    const returnHours = c.returnedAt && c.completedAt ? round1(workingHoursBetween(cal, c.completedAt, c.returnedAt, zone)) : null;
    lines.set(caseId, { ...c, intakeHours, returnHours });
    if (!c.inMonth) continue;
    const a = acc(c.place);
    if (intakeHours !== null) a.intake.push(intakeHours);
    if (returnHours !== null) a.ret.push(returnHours);
    if (c.resultOpen) a.notReturned++;
  }
  return { byPlace, lines };
}

const avg = (xs: number[]) => (xs.length === 0 ? null : round1(xs.reduce((s, x) => s + x, 0) / xs.length));
const max = (xs: number[]) => (xs.length === 0 ? null : round1(Math.max(...xs)));

export async function getNetworkReport(db: Db, clock: Clock, user: SessionUser, monthAsked?: string): Promise<NetworkReport> {
  const scope = await scopeOf(db, user);
  const zone = await centerTimeZone(db, scope.countyId);
  const now = clock.now();
  const month = monthAsked ?? localDate(now, zone).slice(0, 7);
  const m = monthRange(month, zone);
  const [county, allPlaces, cal] = await Promise.all([getCenterCached(db, scope.countyId), repo.listPlaces(db, scope.countyId), loadCalendar(db)]);
  const places = allPlaces.filter((p) => !scope.placeIds || scope.placeIds.has(p.id));
  const [figures, appointments, ratings, papers] = await Promise.all([
    repo.caseFigures(db, scope.countyId, m),
    repo.appointmentFigures(db, places.map((p) => p.id), m),
    repo.ratingFigures(db, scope.countyId, m),
    repo.ledgerPapers(db, scope.countyId, m),
  ]);
  const { byPlace } = ledgerFigures(papers, scope.countyId, m, cal, zone, now);
  const fig = new Map(figures.map((f) => [f.place, f]));
  const rate = new Map(ratings.map((r) => [r.place, r]));
  const appt = new Map(appointments.map((a) => [a.place, a.n]));
  const caseFields = (key: number | null) => {
    const f = fig.get(key);
    const r = rate.get(key);
    return {
      taken: f?.taken ?? 0, completed: f?.completed ?? 0, delivered: f?.delivered ?? 0,
      ratings: r?.ratings ?? 0, ratingAvg: r && r.ratings > 0 ? Math.round((r.levelSum / r.ratings) * 100) / 100 : null,
      satisfactionRate: pct(r?.satisfied ?? 0, r?.ratings ?? 0),
    };
  };
  const rowOf = (p: repo.PlaceRow): NetworkReportRow => {
    const a = byPlace.get(p.id) ?? emptyAcc();
    return {
      code: p.code, name: p.name, level: p.level, parentCode: p.level === 'village' ? allPlaces.find((t) => t.id === p.parentId)?.code ?? null : null,
      ...caseFields(p.id), appointments: appt.get(p.id) ?? 0, moved: a.moved,
      intakeMeasured: a.intake.length, intakeAvgHours: avg(a.intake), intakeMaxHours: max(a.intake),
      returnMeasured: a.ret.length, returnAvgHours: avg(a.ret), returnMaxHours: max(a.ret),
      overdue: a.overdue, notReturned: a.notReturned,
    };
  };
  // Each township, then its villages: the order the report is read in.
  const ordered: repo.PlaceRow[] = [];
  for (const t of places.filter((p) => p.level === 'township')) ordered.push(t, ...places.filter((v) => v.parentId === t.id));
  for (const v of places) if (!ordered.includes(v)) ordered.push(v);
  const rows = ordered.map(rowOf);
  if (scope.placeIds === null) {
    rows.unshift({
      code: county.code, name: county.name, level: 'county', parentCode: null, ...caseFields(null),
      appointments: null, moved: null, intakeMeasured: null, intakeAvgHours: null, intakeMaxHours: null,
      returnMeasured: null, returnAvgHours: null, returnMaxHours: null, overdue: null, notReturned: null,
    });
  }
  return {
    month, from: m.from, to: m.to, centerName: county.name, timeZone: zone, generatedAt: now.toISOString(), overdueRule: OVERDUE_RULE, overdueRuleEn: OVERDUE_RULE_EN,
    rows, totals: totalsOf(rows.filter((r) => r.level !== 'county'), ordered.flatMap((p) => [byPlace.get(p.id) ?? emptyAcc()]), ratings.filter((r) => r.place !== null && ordered.some((p) => p.id === r.place))),
  };
}

function totalsOf(rows: NetworkReportRow[], accs: Acc[], ratings: { ratings: number; levelSum: number; satisfied: number }[]): NetworkReportTotals {
  const sum = (k: keyof NetworkReportRow) => rows.reduce((s, r) => s + ((r[k] as number | null) ?? 0), 0);
  const intake = accs.flatMap((a) => a.intake);
  const ret = accs.flatMap((a) => a.ret);
  const rated = ratings.reduce((s, r) => s + r.ratings, 0);
  const levelSum = ratings.reduce((s, r) => s + r.levelSum, 0);
  return {
    taken: sum('taken'), completed: sum('completed'), delivered: sum('delivered'), appointments: sum('appointments'), moved: sum('moved'),
    intakeMeasured: intake.length, intakeAvgHours: avg(intake), intakeMaxHours: max(intake),
    returnMeasured: ret.length, returnAvgHours: avg(ret), returnMaxHours: max(ret),
    overdue: sum('overdue'), notReturned: sum('notReturned'), ratings: rated,
    ratingAvg: rated > 0 ? Math.round((levelSum / rated) * 100) / 100 : null,
    satisfactionRate: pct(ratings.reduce((s, r) => s + r.satisfied, 0), rated),
  };
}

/** The proxy cases one place took in the month, with how their papers travelled: the report row's drill-down. */
export async function getPlaceCases(db: Db, clock: Clock, user: SessionUser, month: string, placeCode: string): Promise<NetworkCases> {
  const scope = await scopeOf(db, user);
  const zone = await centerTimeZone(db, scope.countyId);
  const m = monthRange(month, zone);
  const places = await repo.listPlaces(db, scope.countyId);
  const place = places.find((p) => p.code === placeCode);
  // A place out of reach is answered as one that does not exist.
  if (!place || (scope.placeIds && !scope.placeIds.has(place.id))) throw new AppError('NOT_FOUND', `No township station or village room ${placeCode}`);
  const [list, papers, cal] = await Promise.all([
    repo.placeCases(db, scope.countyId, place.id, m), repo.ledgerPapers(db, scope.countyId, m), loadCalendar(db),
  ]);
  const { lines } = ledgerFigures(papers.filter((p) => p.casePlace === place.id), scope.countyId, m, cal, zone, clock.now());
  const iso = (d: string | Date | null) => (d === null ? null : new Date(d).toISOString());
  const cases: NetworkCaseLine[] = list.map((c) => {
    const l = lines.get(c.id);
    return {
      caseNo: c.caseNo, itemName: c.itemName, applicant: maskName(c.applicantName), status: c.status, takenBy: c.takenBy ?? '',
      receivedAt: iso(c.receivedAt)!, completedAt: iso(c.completedAt), deliveredAt: iso(c.deliveredAt),
      papers: l?.papers ?? 0, atCountyAt: l && l.materials > 0 && l.materialsAtCounty === l.materials ? iso(l.lastAtCounty) : null,
      intakeHours: l?.intakeHours ?? null, resultReturnedAt: iso(l?.returnedAt ?? null), returnHours: l?.returnHours ?? null,
      overdueStays: l?.overdueStays ?? 0,
    };
  });
  return { month, place: { code: place.code, name: place.name, level: place.level }, cases };
}

// ─── Excel (exceljs) ───

export const SHEET_NAME = { zh: '三级网络月报', en: 'Network report' };
type Key = keyof NetworkReportTotals | 'name' | 'code' | 'level';
/** Column order of the sheet; the test reads cells by these headers. */
export const COLUMNS: { key: Key; zh: string; en: string; width: number }[] = [
  { key: 'code', zh: '编码', en: 'Code', width: 12 },
  { key: 'name', zh: '站点', en: 'Place', width: 30 },
  { key: 'level', zh: '层级', en: 'Level', width: 8 },
  { key: 'taken', zh: '代办件数', en: 'Proxy cases', width: 9 },
  { key: 'completed', zh: '其中已办结', en: 'Completed', width: 10 },
  { key: 'delivered', zh: '其中已出件', en: 'Delivered', width: 10 },
  { key: 'appointments', zh: '预约数', en: 'Appointments', width: 9 },
  { key: 'moved', zh: '流转份数', en: 'Papers moved', width: 9 },
  { key: 'intakeAvgHours', zh: '收件至县平均(工作小时)', en: 'Intake to county avg (working h)', width: 14 },
  { key: 'intakeMaxHours', zh: '收件至县最长', en: 'Intake to county max', width: 12 },
  { key: 'returnAvgHours', zh: '办结至交还平均', en: 'Completion to return avg', width: 14 },
  { key: 'returnMaxHours', zh: '办结至交还最长', en: 'Completion to return max', width: 12 },
  { key: 'overdue', zh: '超时滞留份数', en: 'Overdue papers', width: 11 },
  { key: 'notReturned', zh: '结果未交还', en: 'Results not returned', width: 10 },
  { key: 'ratings', zh: '评价数', en: 'Ratings', width: 8 },
  { key: 'ratingAvg', zh: '平均分', en: 'Average score', width: 8 },
  { key: 'satisfactionRate', zh: '满意率(%)', en: 'Satisfaction (%)', width: 10 },
];
export const HEADER_ROW = 3;
const LEVEL_TEXT = { county: { zh: '县', en: 'County' }, township: { zh: '乡镇', en: 'Township' }, village: { zh: '村', en: 'Village' } };

export async function networkReportWorkbook(r: NetworkReport, lang: LabelLang = 'zh'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'OneWindow';
  wb.created = new Date(r.generatedAt);
  const ws = wb.addWorksheet(SHEET_NAME[lang], { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  ws.mergeCells(1, 1, 1, COLUMNS.length);
  ws.getCell(1, 1).value = lang === 'zh'
    ? `${r.centerName} ${r.month.slice(0, 4)}年${Number(r.month.slice(5))}月县乡村三级代办、预约工作月报`
    : `${r.centerName} — network proxy and appointment report, ${r.month}`;
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, COLUMNS.length);
  ws.getCell(2, 1).value = lang === 'zh' ? `统计期间：${r.from} 至 ${r.to}；超时规则：${r.overdueRule}` : `Period: ${r.from} to ${r.to}; overdue rule: ${OVERDUE_RULE_EN}`;
  const header = ws.getRow(HEADER_ROW);
  COLUMNS.forEach((c, i) => { header.getCell(i + 1).value = c[lang]; });
  header.font = { bold: true };
  // Only places and figures leave in the file: no applicant's data is in it to mask.
  const value = (line: NetworkReportRow | NetworkReportTotals, key: Key) => {
    if (key === 'level') return 'level' in line ? LEVEL_TEXT[line.level][lang] : '';
    const v = (line as unknown as Record<string, unknown>)[key];
    return v === null || v === undefined ? '—' : (v as string | number);
  };
  r.rows.forEach((line, n) => {
    const row = ws.getRow(HEADER_ROW + 1 + n);
    COLUMNS.forEach((c, i) => { row.getCell(i + 1).value = c.key === 'name' && line.level === 'village' ? `　${line.name}` : value(line, c.key); });
  });
  const totalRow = ws.getRow(HEADER_ROW + 1 + r.rows.length);
  COLUMNS.forEach((c, i) => {
    totalRow.getCell(i + 1).value = c.key === 'name' ? (lang === 'zh' ? '网络合计' : 'Network total') : c.key === 'code' || c.key === 'level' ? '' : value(r.totals, c.key);
  });
  totalRow.font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
