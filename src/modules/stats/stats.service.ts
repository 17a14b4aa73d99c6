import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/tx.js';
import { localDate, type Clock } from '../../domain/clock.js';
import { histogramPercentile } from '../../domain/case-duration.js';
import { AppError } from '../../domain/errors.js';
import { maskName, maskPhone } from '../../domain/identity.js';
import { addCalendarDays, isValidDate, isWorkingDay, type WorkCalendar } from '../../domain/working-days.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { centerTimeZone } from '../centers/centers.service.js';
import { statusText, timelinessText, warningText, type LabelLang } from '../../domain/case-labels.js';
import { localDateTime } from '../../domain/time-zone.js';
import { csvDocument } from '../../lib/csv.js';
import { figureCondition, LIVE_FIGURES, rate, type Figure } from './stats.figures.js';
import * as repo from './stats.repository.js';
import type { ReportLevel } from '#contract/network-report-values.js';

// ─── Refresh ────────────────────────────────────────────────────────────────────────────────

/**
 * A case step's transaction may commit a little after a later-stamped one: each run re-reads this
 * much before its watermark. Re-reading is harmless, since unchanged facts are skipped.
 */
const WATERMARK_MARGIN_MS = 5 * 60_000;
/** Ordinals are made this far around the dates seen, so most runs find them ready. */
const ORDINAL_PAD_BEFORE = 31;
const ORDINAL_PAD_AFTER = 366;

export interface RefreshResult {
  skipped: boolean;
  rebuilt: boolean;
  changedCases: number;
  keys: number;
}

function calendarHash(cal: WorkCalendar, from: string, to: string): string {
  const bits: string[] = [];
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) bits.push(isWorkingDay(cal, d) ? '1' : '0');
  return createHash('sha1').update(`${from}:${bits.join('')}`).digest('hex');
}

function ordinals(cal: WorkCalendar, from: string, to: string) {
  const days: string[] = [];
  const ords: number[] = [];
  let ord = 0;
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) {
    if (isWorkingDay(cal, d)) ord++;
    days.push(d);
    ords.push(ord);
  }
  return { days, ords };
}

const minDate = (...ds: (string | null | undefined)[]) => ds.filter((d): d is string => !!d).sort()[0];
const maxDate = (...ds: (string | null | undefined)[]) => ds.filter((d): d is string => !!d).sort().at(-1);

/**
 * Folds what changed in `cases` since the last run into the rollups (src/jobs/stats-refresh.ts runs
 * it after the fact; no case step ever waits on it). Safe to run twice and in several processes:
 * one run holds an advisory lock, the others leave at once, and a run over unchanged cases writes nothing.
 */
export async function refreshStats(db: Db, clock: Clock): Promise<RefreshResult> {
  const cal = await loadCalendar(db);
  const now = clock.now();
  const today = localDate(now);
  return inTransaction(db, async (tx) => {
    if (!(await repo.tryRefreshLock(tx))) return { skipped: true, rebuilt: false, changedCases: 0, keys: 0 };
    const state = await repo.readState(tx);
    // A calendar edit (or the first run) moves used days of finished cases: start over.
    const calendarMoved = !state?.calFrom || !state.calTo || calendarHash(cal, state.calFrom, state.calTo) !== state.calHash;
    const since = calendarMoved || !state?.watermark ? null : new Date(new Date(state.watermark).getTime() - WATERMARK_MARGIN_MS).toISOString();
    const bounds = await repo.changedBounds(tx, since);
    let calFrom = state?.calFrom ?? null;
    let calTo = state?.calTo ?? null;
    const needFrom = minDate(bounds.lo, today)!;
    const needTo = maxDate(bounds.hi, today)!;
    if (calendarMoved || !calFrom || !calTo || needFrom < calFrom || needTo > calTo) {
      calFrom = addCalendarDays(minDate(needFrom, calFrom)!, -ORDINAL_PAD_BEFORE);
      calTo = addCalendarDays(maxDate(needTo, calTo)!, ORDINAL_PAD_AFTER);
      const { days, ords } = ordinals(cal, calFrom, calTo);
      // Shifting the origin shifts every ordinal alike, so used days already folded stay right.
      await repo.replaceWorkdays(tx, days, ords);
    }
    if (since === null) await repo.clearRollups(tx);
    const { changedCases, keys } = bounds.n > 0 ? await repo.foldChanges(tx, since) : { changedCases: 0, keys: 0 };
    const watermark = maxDate(state?.watermark && !calendarMoved ? new Date(state.watermark).toISOString() : null,
      bounds.wm ? new Date(bounds.wm).toISOString() : null) ?? null;
    await repo.writeState(tx, { watermark, calFrom, calTo, calHash: calendarHash(cal, calFrom, calTo), refreshedAt: now });
    return { skipped: false, rebuilt: since === null, changedCases, keys };
  });
}

// ─── Figures ────────────────────────────────────────────────────────────────────────────────

export interface StatsQuery {
  from?: string;
  to?: string;
  department?: string;
  item?: string;
  level?: ReportLevel;
}

const DEFAULT_DAYS = 30;
const MAX_SPAN_DAYS = 3 * 366;

async function resolveFilter(db: Db, centerId: number, today: string, q: StatsQuery): Promise<repo.StatsFilter> {
  for (const field of ['from', 'to'] as const) {
    const v = q[field];
    if (v !== undefined && !isValidDate(v)) throw new AppError('VALIDATION_FAILED', `${field} is not a valid date (YYYY-MM-DD)`, [{ field, message: 'not a valid date' }]);
  }
  const to = q.to ?? today;
  const from = q.from ?? addCalendarDays(to, -(DEFAULT_DAYS - 1));
  if (from > to) throw new AppError('VALIDATION_FAILED', 'from is after to', [{ field: 'from', message: 'after to' }]);
  if (addCalendarDays(from, MAX_SPAN_DAYS) < to) {
    throw new AppError('VALIDATION_FAILED', `the period may span at most ${MAX_SPAN_DAYS} days`, [{ field: 'from', message: 'period too long' }]);
  }
  let departmentId: number | undefined;
  if (q.department !== undefined) {
    const dept = await repo.findDepartmentByCode(db, centerId, q.department);
    if (!dept) throw new AppError('VALIDATION_FAILED', `unknown department ${q.department}`, [{ field: 'department', message: 'unknown' }]);
    departmentId = dept.id;
  }
  return { centerId, timeZone: await centerTimeZone(db, centerId), from, to, departmentId, itemCode: q.item, level: q.level };
}

interface Sums {
  received: number;
  accepted: number;
  completed: number;
  immediate: number;
  early: number;
  onTime: number;
  late: number;
  refused: number;
  usedSum: number;
}

const zero = (): Sums => ({ received: 0, accepted: 0, completed: 0, immediate: 0, early: 0, onTime: 0, late: 0, refused: 0, usedSum: 0 });

function add(into: Sums, row: Sums) {
  for (const k of Object.keys(into) as (keyof Sums)[]) into[k] += Number(row[k]);
}

function durations(sums: Sums, hist: Map<number, number>) {
  let measured = 0;
  for (const n of hist.values()) measured += n;
  return {
    measured,
    avgDays: measured > 0 ? sums.usedSum / measured : null,
    p90Days: histogramPercentile(hist, 0.9) ?? null,
  };
}

function rates(s: Sums) {
  return {
    immediateRate: rate(s.immediate, s.completed),
    onTimeRate: rate(s.early + s.onTime, s.completed),
    earlyRate: rate(s.early, s.completed),
  };
}

export async function overview(db: Db, clock: Clock, centerId: number, q: StatsQuery) {
  const today = localDate(clock.now(), await centerTimeZone(db, centerId));
  const f = await resolveFilter(db, centerId, today, q);
  const [figures, open, todayRows, departments, items, refreshedAt, rated] = await Promise.all([
    repo.periodFigures(db, f),
    repo.openByLevel(db, f),
    repo.periodFigures(db, { ...f, from: today, to: today }),
    repo.departmentsOf(db, centerId),
    repo.itemsOf(db, centerId),
    repo.lastRefresh(db),
    repo.satisfaction(db, f),
  ]);
  const total = zero();
  const totalHist = new Map<number, number>();
  const perDept = new Map<number, { sums: Sums; hist: Map<number, number> }>();
  const perItem = new Map<string, { departmentId: number; sums: Sums; hist: Map<number, number> }>();
  for (const row of figures.byKey) {
    add(total, row);
    const d = perDept.get(row.departmentId) ?? { sums: zero(), hist: new Map() };
    add(d.sums, row);
    perDept.set(row.departmentId, d);
    const i = perItem.get(row.itemCode) ?? { departmentId: row.departmentId, sums: zero(), hist: new Map() };
    add(i.sums, row);
    perItem.set(row.itemCode, i);
  }
  for (const h of figures.hist) {
    const bump = (m: Map<number, number>) => m.set(h.used, (m.get(h.used) ?? 0) + h.n);
    bump(totalHist);
    bump(perDept.get(h.departmentId)!.hist);
    bump(perItem.get(h.itemCode)!.hist);
  }
  const deptName = new Map(departments.map((d) => [d.id, d]));
  const itemName = new Map(items.map((i) => [i.code, i.name]));
  const todaySums = zero();
  for (const row of todayRows.byKey) add(todaySums, row);
  const levels = { none: 0, normal: 0, yellow: 0, red: 0 };
  for (const o of open) {
    const level = o.level === 'normal' || o.level === 'yellow' || o.level === 'red' ? o.level : 'none';
    levels[level] += o.n;
  }
  const byDepartment = [...perDept].map(([id, d]) => ({
    departmentId: id,
    departmentCode: deptName.get(id)?.code ?? String(id),
    departmentName: deptName.get(id)?.name ?? String(id),
    received: d.sums.received,
    accepted: d.sums.accepted,
    completed: d.sums.completed,
    inTime: d.sums.early + d.sums.onTime,
    early: d.sums.early,
    late: d.sums.late,
    ...rates(d.sums),
    ...durations(d.sums, d.hist),
  }));
  // Ranking: on-time rate first (a department with nothing completed has none and goes last), then
  // the number completed, then the number received, then the name, so the order is total and stable.
  byDepartment.sort((a, b) => (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || b.completed - a.completed || b.received - a.received
    || a.departmentName.localeCompare(b.departmentName, 'zh'));
  const byItem = [...perItem].map(([code, i]) => ({
    itemCode: code,
    itemName: itemName.get(code) ?? code,
    departmentId: i.departmentId,
    departmentCode: deptName.get(i.departmentId)?.code ?? String(i.departmentId),
    received: i.sums.received,
    completed: i.sums.completed,
    ...rates(i.sums),
    ...durations(i.sums, i.hist),
  })).sort((a, b) => b.completed - a.completed || b.received - a.received || a.itemCode.localeCompare(b.itemCode));
  const byDayMap = new Map(figures.byDay.map((d) => [d.day, d]));
  const byDay = [];
  for (let d = f.from; d <= f.to; d = addCalendarDays(d, 1)) {
    const r = byDayMap.get(d);
    byDay.push({ day: d, received: r?.received ?? 0, accepted: r?.accepted ?? 0, completed: r?.completed ?? 0 });
  }
  const hourMap = new Map(figures.byHour.map((h) => [h.hour, h.received]));
  const weekdayMap = new Map(figures.byWeekday.map((h) => [h.weekday, h.received]));
  return {
    from: f.from,
    to: f.to,
    today,
    refreshedAt: refreshedAt ? new Date(refreshedAt).toISOString() : null,
    satisfaction: { ...rated, rate: rate(rated.satisfied, rated.ratings) },
    totals: {
      received: total.received, accepted: total.accepted, completed: total.completed, immediate: total.immediate,
      early: total.early, onTime: total.onTime, inTime: total.early + total.onTime, late: total.late, refused: total.refused,
      ...rates(total),
      ...durations(total, totalHist),
    },
    todayCounts: { received: todaySums.received, accepted: todaySums.accepted, completed: todaySums.completed },
    open: { ...levels, total: levels.none + levels.normal + levels.yellow + levels.red },
    overdueOpen: levels.red,
    byDay,
    byDepartment: byDepartment.map((d, i) => ({ rank: i + 1, ...d })),
    byItem,
    byHour: Array.from({ length: 24 }, (_, hour) => ({ hour, received: hourMap.get(hour) ?? 0 })),
    byWeekday: Array.from({ length: 7 }, (_, i) => ({ weekday: i + 1, received: weekdayMap.get(i + 1) ?? 0 })),
    departments: departments.map((d) => ({ code: d.code, name: d.name })),
    items: items.map((i) => ({ code: i.code, name: i.name, departmentCode: deptName.get(i.departmentId)?.code ?? '' })),
  };
}

export interface CaseListQuery extends StatsQuery {
  figure: Figure;
  /** Received in this hour of the day (0–23): the hour chart's bars. Only with `received`. */
  hour?: number;
  /** Received on this ISO weekday (1 Monday … 7 Sunday): the weekday chart's bars. Only with `received`. */
  weekday?: number;
  page?: number;
  pageSize?: number;
}

export async function figureCases(db: Db, clock: Clock, centerId: number, q: CaseListQuery, opts: { maxRows?: number } = {}) {
  const today = localDate(clock.now(), await centerTimeZone(db, centerId));
  const f = await resolveFilter(db, centerId, today, q);
  if ((q.hour !== undefined || q.weekday !== undefined) && q.figure !== 'received') {
    throw new AppError('VALIDATION_FAILED', 'hour and weekday narrow the received figure only', [{ field: 'figure', message: 'must be received' }]);
  }
  const extra = sql`${q.hour === undefined ? sql`` : sql`and f.received_hour = ${q.hour}`}
    ${q.weekday === undefined ? sql`` : sql`and extract(isodow from f.received_day) = ${q.weekday}`}`;
  const pageSize = opts.maxRows ?? q.pageSize ?? 20;
  const page = opts.maxRows ? 1 : q.page ?? 1;
  const { total, rows } = await repo.caseList(db, figureCondition(q.figure, f.from, f.to), LIVE_FIGURES.includes(q.figure), f, extra,
    { limit: pageSize, offset: (page - 1) * pageSize });
  const departments = new Map((await repo.departmentsOf(db, centerId)).map((d) => [d.id, d.name]));
  return {
    figure: q.figure,
    from: f.from,
    to: f.to,
    total,
    page,
    pageSize,
    cases: rows.map((r) => ({
      caseNo: r.caseNo,
      itemCode: r.itemCode,
      itemName: r.itemName,
      departmentName: departments.get(r.departmentId) ?? String(r.departmentId),
      status: r.status,
      // Lists and exports never show personal data in full (docs/decisions.md).
      applicant: maskName(r.applicantName),
      phone: maskPhone(r.applicantPhone),
      receivedAt: new Date(r.receivedAt).toISOString(),
      acceptedDate: r.acceptedDate,
      completedDate: r.completedDate,
      dueDate: r.dueDate,
      timeliness: r.timeliness,
      warningLevel: r.warningLevel,
      usedDays: r.usedDays,
    })),
  };
}

const CSV_MAX_ROWS = 50_000;

const CSV_HEAD = {
  zh: ['办件编号', '事项编码', '事项', '部门', '状态', '申请人', '电话', '收件时间', '受理日期', '办结日期', '承诺期限', '时效', '预警', '用时(工作日)'],
  en: ['Case no.', 'Item code', 'Item', 'Department', 'Status', 'Applicant', 'Phone', 'Received', 'Accepted', 'Completed', 'Due', 'Timeliness', 'Warning', 'Used (working days)'],
};

/**
 * The drill-down list as a file: the labels the dashboard shows (in the user's language), times on
 * the center's clock, personal data masked as on screen, BOM and formula-safe cells (src/lib/csv.ts).
 */
export async function figureCasesCsv(db: Db, clock: Clock, centerId: number, q: CaseListQuery, lang: LabelLang = 'zh'): Promise<string> {
  const [list, zone] = await Promise.all([figureCases(db, clock, centerId, q, { maxRows: CSV_MAX_ROWS }), centerTimeZone(db, centerId)]);
  const rows: unknown[][] = [CSV_HEAD[lang]];
  for (const c of list.cases) {
    rows.push([c.caseNo, c.itemCode, c.itemName, c.departmentName, statusText(c.status, lang), c.applicant, c.phone,
      localDateTime(new Date(c.receivedAt), zone), c.acceptedDate, c.completedDate, c.dueDate, timelinessText(c.timeliness, lang),
      warningText(c.warningLevel, lang), c.usedDays]);
  }
  return csvDocument(rows);
}
