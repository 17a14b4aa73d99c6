import { sql, type SQL } from 'drizzle-orm';
import { localDayStart } from '../../domain/time-zone.js';
import type { Db } from '../../db/client.js';

async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

export interface PublishedItemRow {
  itemCode: string;
  itemName: string;
  kind: string;
  departmentName: string;
  promisedDays: number;
  statutoryDays: number;
}

/** The center's published items with their published version's limits, in catalog order. */
export function listPublishedItems(db: Db, centerId: number, itemCode?: string): Promise<PublishedItemRow[]> {
  return rows<PublishedItemRow>(db, sql`
    select i.code as "itemCode", v.name as "itemName", v.kind as "kind", d.name as "departmentName",
           v.promised_days as "promisedDays", v.statutory_days as "statutoryDays"
    from items i
    join item_versions v on v.item_id = i.id and v.version = i.published_version
    join departments d on d.id = i.department_id
    where i.center_id = ${centerId} and i.status = 'published' ${itemCode ? sql`and i.code = ${itemCode}` : sql``}
    order by i.code`);
}

export interface DurationGroup {
  itemCode: string;
  acceptedDate: string;
  completedDate: string;
  pausedDays: number;
  n: number;
}

/**
 * Completed cases of a period grouped by what their working-day duration depends on; the
 * durations themselves need the calendar, so they are counted from these groups in the service.
 */
export function listDurationGroups(db: Db, centerId: number, from: string, to: string): Promise<DurationGroup[]> {
  return rows<DurationGroup>(db, sql`
    select item_code as "itemCode", accepted_date::text as "acceptedDate", completed_date::text as "completedDate",
           paused_days as "pausedDays", count(*)::int as "n"
    from cases
    where center_id = ${centerId} and completed_date between ${from}::date and ${to}::date and accepted_date is not null
    group by 1, 2, 3, 4`);
}

export interface DayCounts {
  received: number;
  accepted: number;
  completed: number;
}

/** A local day's intake and completions at the center (the day runs 00:00–24:00 in the center's zone). */
export async function dayCounts(db: Db, centerId: number, day: string, zone: string): Promise<DayCounts> {
  const start = localDayStart(day, zone).toISOString();
  const [row] = await rows<DayCounts>(db, sql`
    select
      (select count(*)::int from cases where center_id = ${centerId} and received_at >= ${start}::timestamptz and received_at < ${start}::timestamptz + interval '1 day') as "received",
      (select count(*)::int from cases where center_id = ${centerId} and accepted_date = ${day}::date) as "accepted",
      (select count(*)::int from cases where center_id = ${centerId} and completed_date = ${day}::date) as "completed"`);
  return row ?? { received: 0, accepted: 0, completed: 0 };
}
