import type { Db } from '../../db/client.js';
import { dueDate } from '../../domain/case-clock.js';
import { histogramPercentile, usedWorkingDays } from '../../domain/case-duration.js';
import type { Clock } from '../../domain/clock.js';
import { localDate } from '../../domain/clock.js';
import { AppError } from '../../domain/errors.js';
import { namedCache, type NamedCache } from '../../lib/cache.js';
import { addCalendarDays } from '../../domain/working-days.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { getPublicCenter } from '../centers/centers.service.js';
import * as repo from './transparency.repository.js';

/**
 * 阳光政务: the published promise next to what really happened. Everything here is public, so it
 * is built from counts and durations only — no case numbers, names, ID numbers or phones.
 */

/** Processing times change slowly and the whole history is read to make them: at most every 10 minutes. */
export const PROCESSING_TIMES_TTL_MS = 10 * 60_000;
/** Today's intake moves all day; a hall screen refreshing every few seconds still costs one query a minute. */
export const TODAY_TTL_MS = 60_000;
/** The window of the published averages, in calendar days ending today. */
export const WINDOW_DAYS = 30;

export interface ProcessingTime {
  itemCode: string;
  itemName: string;
  departmentName: string;
  kind: string;
  promisedDays: number;
  statutoryDays: number;
  /** Cases of the item completed in the window. */
  completed: number;
  /** Mean working days from acceptance to completion minus paused days, one decimal; null when none. */
  avgDays: number | null;
  /** 90th percentile (nearest rank) of the same; null when none. */
  p90Days: number | null;
  /** When a case accepted today at the promised limit is due. */
  expectedDate: string;
}

export interface ProcessingTimes {
  from: string;
  to: string;
  items: ProcessingTime[];
}

// One entry per database, keyed by center and day, on the request's clock.
const timesCache = namedCache<string, ProcessingTimes>({ name: 'transparency.processing-times', invalidatedBy: 'time', ttlMs: PROCESSING_TIMES_TTL_MS, maxEntries: 1 });
const todayCache = namedCache<string, repo.DayCounts>({ name: 'transparency.today', invalidatedBy: 'time', ttlMs: TODAY_TTL_MS, maxEntries: 1 });

async function cached<T>(cache: NamedCache<string, T>, db: Db, key: string, now: number, load: () => Promise<T>): Promise<T> {
  return cache.find(db, key, now) ?? cache.set(db, key, await load(), now);
}

/** Every published item of the center, computed from the last 30 days' completed cases. */
async function computeTimes(db: Db, centerId: number, today: string): Promise<ProcessingTimes> {
  const cal = await loadCalendar(db);
  const from = addCalendarDays(today, -(WINDOW_DAYS - 1));
  const [published, groups] = await Promise.all([
    repo.listPublishedItems(db, centerId),
    repo.listDurationGroups(db, centerId, from, today),
  ]);
  const histograms = new Map<string, Map<number, number>>();
  for (const g of groups) {
    const days = usedWorkingDays(cal, g.acceptedDate, g.completedDate, g.pausedDays);
    let h = histograms.get(g.itemCode);
    if (!h) histograms.set(g.itemCode, (h = new Map()));
    h.set(days, (h.get(days) ?? 0) + g.n);
  }
  const items = published.map((i): ProcessingTime => {
    const h = histograms.get(i.itemCode) ?? new Map<number, number>();
    let n = 0;
    let sum = 0;
    for (const [days, count] of h) { n += count; sum += days * count; }
    return {
      itemCode: i.itemCode, itemName: i.itemName, departmentName: i.departmentName, kind: i.kind,
      promisedDays: i.promisedDays, statutoryDays: i.statutoryDays, completed: n,
      avgDays: n === 0 ? null : Math.round((sum / n) * 10) / 10,
      p90Days: histogramPercentile(h, 0.9) ?? null,
      expectedDate: dueDate(cal, today, i.promisedDays, 0).date,
    };
  });
  return { from, to: today, items };
}

export async function processingTimes(db: Db, clock: Clock, q: { item?: string; center?: string }): Promise<ProcessingTimes> {
  const center = await getPublicCenter(db, q.center);
  const now = clock.now();
  const today = localDate(now, center.timeZone);
  const all = await cached(timesCache, db, `${center.id}:${today}`, now.getTime(), () => computeTimes(db, center.id, today));
  if (q.item === undefined) return all;
  const items = all.items.filter((i) => i.itemCode === q.item);
  if (items.length === 0) throw new AppError('NOT_FOUND', `No published item ${q.item}`);
  return { ...all, items };
}

export interface TransparencyBoard {
  centerName: string;
  today: string;
  generatedAt: string;
  intake: repo.DayCounts;
  from: string;
  to: string;
  items: ProcessingTime[];
}

export async function transparencyBoard(db: Db, clock: Clock, q: { center?: string }): Promise<TransparencyBoard> {
  const center = await getPublicCenter(db, q.center);
  const now = clock.now();
  const today = localDate(now, center.timeZone);
  const [times, intake] = await Promise.all([
    processingTimes(db, clock, { center: center.code }),
    cached(todayCache, db, `${center.id}:${today}`, now.getTime(), () => repo.dayCounts(db, center.id, today, center.timeZone)),
  ]);
  return { centerName: center.name, today, generatedAt: now.toISOString(), intake, ...times };
}
