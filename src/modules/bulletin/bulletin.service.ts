import ExcelJS from 'exceljs';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../domain/clock.js';
import { localDate } from '../../domain/clock.js';
import { DEFAULT_TIME_ZONE, localDateTime, localDayStart } from '../../domain/time-zone.js';
import { statusText, timelinessText, type LabelLang } from '../../domain/case-labels.js';
import { csvDocument } from '../../lib/csv.js';
import { centerTimeZone } from '../centers/centers.service.js';
import { AppError } from '../../domain/errors.js';
import { maskIdNumber, maskName, maskPhone } from '../../domain/identity.js';
import { addCalendarDays } from '../../domain/working-days.js';
import { getCenterCached } from '../centers/centers.service.js';
import * as repo from './bulletin.repository.js';
import type { BulletinFigure } from '#contract/bulletin.js';

/**
 * 督查通报: the monthly bulletin per department. One set of numbers feeds the JSON, the printed
 * page, the Excel file and the case lists behind them, so they cannot disagree.
 *
 * Definitions (also printed under the table):
 * - received: cases taken in (收件) in the month;
 * - completed: cases with a result (办结, refusals included) dated in the month;
 * - on time / early: of those, completed on or before the due date / before it;
 * - overdue: completed late in the month, plus open cases whose due date fell in the month and has
 *   passed without a result (paused cases excluded: their clock stands still);
 * - warnings: yellow and red alerts raised in the month; notices: 督办 issued in the month.
 */
export const RANK_RULE = '按期办结率从高到低；相同时比提前办结率；再相同时比办结件数（多者在前）。当月无办结件的部门不参加排名。流动红旗候选：排名第一且当月无超期件的部门。';
export const RANK_RULE_EN = 'On-time rate, then early rate, then completed cases (more first); departments without completed cases are not ranked. Red-flag candidate: rank 1 with no overdue case.';

export interface DepartmentLine {
  departmentId: number;
  code: string;
  name: string;
  received: number;
  completed: number;
  onTime: number;
  early: number;
  late: number;
  overdueOpen: number;
  overdue: number;
  /** Percent with one decimal; null without completed cases. */
  onTimeRate: number | null;
  earlyRate: number | null;
  warningsYellow: number;
  warningsRed: number;
  notices: number;
  noticesAnswered: number;
  noticesEscalated: number;
  /** Complaints (投诉, not consultations) received in the month about the department. */
  complaints: number;
  /** Ratings (好差评) of the department's cases given in the month, set-aside ones left out. */
  ratings: number;
  /** Percent of those ratings at 基本满意 or better; null without ratings. */
  satisfactionRate: number | null;
  satisfied: number;
  rank: number | null;
}

export type Totals = Omit<DepartmentLine, 'departmentId' | 'code' | 'name' | 'rank'>;

export interface Bulletin {
  month: string;
  from: string;
  to: string;
  centerName: string;
  /** The center's IANA zone: the month's days and the printed date are local to it. */
  timeZone: string;
  generatedAt: string;
  rankRule: string;
  departments: DepartmentLine[];
  totals: Totals;
  redFlag: { code: string; name: string } | null;
}

/** A calendar month of the center: its days, and the instants its first and next month's first day begin in the zone. */
export function monthRange(month: string, zone: string = DEFAULT_TIME_ZONE): repo.MonthRange {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const year = Number(match?.[1]);
  const mon = Number(match?.[2]);
  if (!match || mon < 1 || mon > 12 || year < 2000 || year > 2200) {
    throw new AppError('VALIDATION_FAILED', 'month must be YYYY-MM', [{ field: 'month', message: 'YYYY-MM' }]);
  }
  const from = `${month}-01`;
  const next = addCalendarDays(from, 32).slice(0, 8) + '01';
  return { from, to: addCalendarDays(next, -1), start: localDayStart(from, zone).toISOString(), end: localDayStart(next, zone).toISOString() };
}

const pct = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

export async function getBulletin(db: Db, clock: Clock, centerId: number, month: string): Promise<Bulletin> {
  const zone = await centerTimeZone(db, centerId);
  const m = monthRange(month, zone);
  const now = clock.now();
  const today = localDate(now, zone);
  const [center, depts, figures, warnings, notices, complaintsBy, ratingsBy] = await Promise.all([
    getCenterCached(db, centerId),
    repo.listDepartments(db, centerId),
    repo.caseFigures(db, centerId, m, today),
    repo.warningFigures(db, centerId, m),
    repo.noticeFigures(db, centerId, m),
    repo.complaintFigures(db, centerId, m),
    repo.ratingFigures(db, centerId, m),
  ]);
  const comp = new Map(complaintsBy.map((c) => [c.departmentId, c.complaints]));
  const rate = new Map(ratingsBy.map((r) => [r.departmentId, r]));
  const fig = new Map(figures.map((f) => [f.departmentId, f]));
  const warn = new Map(warnings.map((w) => [w.departmentId, w]));
  const note = new Map(notices.map((n) => [n.departmentId, n]));
  const lines: DepartmentLine[] = depts.map((d) => {
    const f = fig.get(d.id);
    const w = warn.get(d.id);
    const n = note.get(d.id);
    const completed = f?.completed ?? 0;
    const late = f?.late ?? 0;
    const overdueOpen = f?.overdueOpen ?? 0;
    return {
      departmentId: d.id, code: d.code, name: d.name,
      received: f?.received ?? 0, completed, onTime: f?.onTime ?? 0, early: f?.early ?? 0, late, overdueOpen, overdue: late + overdueOpen,
      onTimeRate: pct(f?.onTime ?? 0, completed), earlyRate: pct(f?.early ?? 0, completed),
      warningsYellow: w?.yellow ?? 0, warningsRed: w?.red ?? 0,
      notices: n?.issued ?? 0, noticesAnswered: n?.answered ?? 0, noticesEscalated: n?.escalated ?? 0,
      complaints: comp.get(d.id) ?? 0, ratings: rate.get(d.id)?.ratings ?? 0, satisfied: rate.get(d.id)?.satisfied ?? 0,
      satisfactionRate: pct(rate.get(d.id)?.satisfied ?? 0, rate.get(d.id)?.ratings ?? 0), rank: null,
    };
  });
  // Exact fractions decide the order, not the rounded percentages shown.
  const ranked = lines.filter((l) => l.completed > 0).sort((a, b) =>
    b.onTime / b.completed - a.onTime / a.completed
    || b.early / b.completed - a.early / a.completed
    || b.completed - a.completed
    || (a.code < b.code ? -1 : 1));
  ranked.forEach((l, i) => { l.rank = i + 1; });
  const first = ranked[0];
  const sum = (k: keyof Totals) => lines.reduce((s, l) => s + ((l[k] as number | null) ?? 0), 0);
  const totals: Totals = {
    received: sum('received'), completed: sum('completed'), onTime: sum('onTime'), early: sum('early'), late: sum('late'),
    overdueOpen: sum('overdueOpen'), overdue: sum('overdue'), onTimeRate: null, earlyRate: null,
    warningsYellow: sum('warningsYellow'), warningsRed: sum('warningsRed'), notices: sum('notices'),
    noticesAnswered: sum('noticesAnswered'), noticesEscalated: sum('noticesEscalated'), complaints: sum('complaints'),
    ratings: sum('ratings'), satisfied: sum('satisfied'), satisfactionRate: null,
  };
  totals.satisfactionRate = pct(totals.satisfied, totals.ratings);
  totals.onTimeRate = pct(totals.onTime, totals.completed);
  totals.earlyRate = pct(totals.early, totals.completed);
  // Ranked departments first, in rank order; the others after, in the catalog's order.
  const departments = [...ranked, ...lines.filter((l) => l.rank === null)];
  return {
    month, from: m.from, to: m.to, centerName: center.name, timeZone: zone, generatedAt: now.toISOString(), rankRule: RANK_RULE,
    departments, totals, redFlag: first && first.overdue === 0 ? { code: first.code, name: first.name } : null,
  };
}

// ─── Excel (exceljs) ───

export const SHEET_NAME = '督查通报';
/** Column order of the sheet; the test reads cells by these headers. */
export const COLUMNS: { header: string; key: keyof DepartmentLine | 'redFlag'; width: number }[] = [
  { header: '排名', key: 'rank', width: 6 },
  { header: '部门编码', key: 'code', width: 10 },
  { header: '部门', key: 'name', width: 26 },
  { header: '收件数', key: 'received', width: 9 },
  { header: '办结数', key: 'completed', width: 9 },
  { header: '按期办结数', key: 'onTime', width: 11 },
  { header: '按期办结率(%)', key: 'onTimeRate', width: 13 },
  { header: '提前办结数', key: 'early', width: 11 },
  { header: '提前办结率(%)', key: 'earlyRate', width: 13 },
  { header: '超期件数', key: 'overdue', width: 9 },
  { header: '黄色预警', key: 'warningsYellow', width: 9 },
  { header: '红色预警', key: 'warningsRed', width: 9 },
  { header: '督办件数', key: 'notices', width: 9 },
  { header: '督办已回复', key: 'noticesAnswered', width: 11 },
  { header: '督办已升级', key: 'noticesEscalated', width: 11 },
  { header: '投诉', key: 'complaints', width: 7 },
  { header: '评价数', key: 'ratings', width: 8 },
  { header: '满意率(%)', key: 'satisfactionRate', width: 10 },
  { header: '流动红旗', key: 'redFlag', width: 9 },
];
/** Row of the column headers; data rows follow, then the totals row. */
export const HEADER_ROW = 3;

export async function bulletinWorkbook(b: Bulletin): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'OneWindow';
  wb.created = new Date(b.generatedAt);
  const ws = wb.addWorksheet(SHEET_NAME, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  ws.mergeCells(1, 1, 1, COLUMNS.length);
  ws.getCell(1, 1).value = `${b.centerName} ${b.month.slice(0, 4)}年${Number(b.month.slice(5))}月督查通报`;
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, COLUMNS.length);
  ws.getCell(2, 1).value = `统计期间：${b.from} 至 ${b.to}；排名规则：${b.rankRule}`;
  const header = ws.getRow(HEADER_ROW);
  COLUMNS.forEach((c, i) => { header.getCell(i + 1).value = c.header; });
  header.font = { bold: true };
  const value = (line: DepartmentLine | Totals, key: (typeof COLUMNS)[number]['key']) => {
    if (key === 'redFlag') return 'code' in line && b.redFlag?.code === line.code ? '★' : '';
    const v = (line as unknown as Record<string, unknown>)[key];
    return v === null || v === undefined ? '—' : (v as string | number);
  };
  b.departments.forEach((line, r) => {
    const row = ws.getRow(HEADER_ROW + 1 + r);
    COLUMNS.forEach((c, i) => { row.getCell(i + 1).value = value(line, c.key); });
  });
  const totalRow = ws.getRow(HEADER_ROW + 1 + b.departments.length);
  COLUMNS.forEach((c, i) => {
    totalRow.getCell(i + 1).value = c.key === 'name' ? '合计' : c.key === 'rank' || c.key === 'code' || c.key === 'redFlag' ? '' : value(b.totals, c.key);
  });
  totalRow.font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ─── Case lists (CSV) ───

const CSV_HEAD = {
  zh: ['办件编号', '事项编码', '事项名称', '部门', '申请人', '证件号码', '联系电话', '收件时间', '受理日期', '承诺办结日期', '办结日期', '办结时效', '暂停工作日', '状态'],
  en: ['Case no.', 'Item code', 'Item', 'Department', 'Applicant', 'ID number', 'Phone', 'Received', 'Accepted', 'Due', 'Completed', 'Timeliness', 'Paused working days', 'Status'],
};

/** The cases behind a bulletin figure: the screen's labels in the user's language, times on the center's clock. */
export async function figureCasesCsv(db: Db, clock: Clock, centerId: number, q: { month: string; department?: string; figure: BulletinFigure }, lang: LabelLang = 'zh'): Promise<{ csv: string; filename: string }> {
  const zone = await centerTimeZone(db, centerId);
  const m = monthRange(q.month, zone);
  const today = localDate(clock.now(), zone);
  let departmentId: number | undefined;
  if (q.department !== undefined) {
    const dept = (await repo.listDepartments(db, centerId)).find((d) => d.code === q.department);
    if (!dept) throw new AppError('NOT_FOUND', `No department ${q.department}`);
    departmentId = dept.id;
  }
  const list = await repo.listFigureCases(db, centerId, departmentId, m, today, q.figure);
  const lines = list.map((c) => [
    c.caseNo, c.itemCode, c.itemName, c.departmentName,
    // Personal data leaves the system masked (exports are files that travel).
    c.applicantCreditCode ? c.applicantName : maskName(c.applicantName),
    c.applicantIdNumber ? maskIdNumber(c.applicantIdNumber) : c.applicantCreditCode ?? '',
    maskPhone(c.applicantPhone),
    localDateTime(new Date(c.receivedAt), zone),
    c.acceptedDate, c.dueDate, c.completedDate, timelinessText(c.timeliness, lang), c.pausedDays, statusText(c.status, lang),
  ]);
  // BOM, CRLF and formula-safe cells: src/lib/csv.ts.
  const csv = csvDocument([CSV_HEAD[lang], ...lines]);
  return { csv, filename: `bulletin-${q.month}-${q.department ?? 'all'}-${q.figure}.csv` };
}
