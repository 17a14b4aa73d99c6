import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** A month as instants [start, end) of the center's zone, and its local dates [from, to]. */
export interface MonthWindow {
  from: string;
  to: string;
  start: string;
  end: string;
}

export interface PlaceRow {
  id: number;
  code: string;
  name: string;
  level: 'township' | 'village';
  parentId: number;
}

/** The county's township stations and the village rooms under them, in code order. */
export function listPlaces(db: Db, countyId: number): Promise<PlaceRow[]> {
  return rows<PlaceRow>(db, sql`
    select c.id, c.code, c.name, c.level, c.parent_id as "parentId" from centers c
    where (c.level = 'township' and c.parent_id = ${countyId})
       or (c.level = 'village' and c.parent_id in (select t.id from centers t where t.level = 'township' and t.parent_id = ${countyId}))
    order by c.code`);
}

export interface CaseFigureRow {
  /** The place that took the case; null: the county hall or online. */
  place: number | null;
  taken: number;
  completed: number;
  delivered: number;
}

/** Cases of the county received in the month, by the place that took them. */
export function caseFigures(db: Db, countyId: number, m: MonthWindow): Promise<CaseFigureRow[]> {
  return rows<CaseFigureRow>(db, sql`
    select k.proxy_center_id as place, count(*)::int as taken,
      count(*) filter (where k.completed_at is not null)::int as completed,
      count(*) filter (where k.delivered_at is not null)::int as delivered
    from cases k
    where k.center_id = ${countyId} and k.received_at >= ${m.start}::timestamptz and k.received_at < ${m.end}::timestamptz
      and k.status not in ('submitted', 'prereview_returned')
    group by k.proxy_center_id`);
}

/** Appointments booked at each place for a day of the month (the slot's own local date), cancelled ones left out. */
export function appointmentFigures(db: Db, placeIds: number[], m: MonthWindow): Promise<{ place: number; n: number }[]> {
  if (placeIds.length === 0) return Promise.resolve([]);
  return rows(db, sql`
    select a.center_id as place, count(*)::int as n from appointments a
    where a.center_id in (${sql.join(placeIds.map((id) => sql`${id}`), sql`, `)})
      and a.date between ${m.from}::date and ${m.to}::date and a.status <> 'cancelled'
    group by a.center_id`);
}

/** Ratings of the month's cases by the place that took them (null: the hall), set-aside ones left out. */
export function ratingFigures(db: Db, countyId: number, m: MonthWindow): Promise<{ place: number | null; ratings: number; levelSum: number; satisfied: number }[]> {
  return rows(db, sql`
    select k.proxy_center_id as place, count(*)::int as ratings, coalesce(sum(r.level), 0)::int as "levelSum",
      count(*) filter (where r.level >= 3)::int as satisfied
    from ratings r join cases k on k.case_no = r.case_no and k.center_id = r.center_id
    where k.center_id = ${countyId} and k.received_at >= ${m.start}::timestamptz and k.received_at < ${m.end}::timestamptz
      and r.set_aside_at is null
    group by k.proxy_center_id`);
}

export interface LedgerPaper {
  entryId: number;
  caseId: number;
  caseNo: string;
  kind: 'material' | 'result';
  state: 'held' | 'in_transit' | 'returned';
  home: number;
  createdAt: Date;
  returnedAt: Date | null;
  /** The case's place, the instant it was taken and completed. */
  casePlace: number;
  caseReceivedAt: Date;
  caseCompletedAt: Date | null;
  /** Its hops in order: [from, to, sent, received | null]. */
  hops: { from: number; to: number; sentAt: string; receivedAt: string | null }[];
}

/**
 * The papers the month's report looks at, each with its hops: those of the proxy cases taken in
 * the month, and every other paper that was still at a station or room, or on its way, at some
 * moment of the month. A material at the county (or a result handed back) before the month began
 * has nothing left to report.
 */
export async function ledgerPapers(db: Db, countyId: number, m: MonthWindow): Promise<LedgerPaper[]> {
  const list = await rows<Omit<LedgerPaper, 'createdAt' | 'returnedAt' | 'caseReceivedAt' | 'caseCompletedAt'> & {
    createdAt: string | Date; returnedAt: string | Date | null; caseReceivedAt: string | Date; caseCompletedAt: string | Date | null;
  }>(db, sql`
    select e.id as "entryId", e.case_id as "caseId", e.case_no as "caseNo", e.kind, e.state, e.home_center_id as home,
      e.created_at as "createdAt", e.returned_at as "returnedAt", k.proxy_center_id as "casePlace",
      k.received_at as "caseReceivedAt", k.completed_at as "caseCompletedAt",
      coalesce((select json_agg(json_build_object('from', h.from_center_id, 'to', h.to_center_id,
          'sentAt', to_char(h.sent_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'receivedAt', to_char(h.received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) order by h.sent_at, h.id)
        from ledger_handover_entries he join ledger_handovers h on h.id = he.handover_id where he.entry_id = e.id), '[]'::json) as hops
    from ledger_entries e join cases k on k.id = e.case_id
    where k.center_id = ${countyId} and k.proxy_center_id is not null and e.created_at < ${m.end}::timestamptz
      and ((k.received_at >= ${m.start}::timestamptz and k.received_at < ${m.end}::timestamptz)
        or not (e.held_since < ${m.start}::timestamptz and (e.state = 'returned' or (e.state = 'held' and e.holder_center_id = ${countyId}))))`);
  return list.map((p) => ({
    ...p,
    createdAt: new Date(p.createdAt),
    returnedAt: p.returnedAt === null ? null : new Date(p.returnedAt),
    caseReceivedAt: new Date(p.caseReceivedAt),
    caseCompletedAt: p.caseCompletedAt === null ? null : new Date(p.caseCompletedAt),
  }));
}

export interface PlaceCaseRow {
  id: number;
  caseNo: string;
  itemName: string;
  applicantName: string;
  status: string;
  takenBy: string | null;
  receivedAt: string | Date;
  completedAt: string | Date | null;
  deliveredAt: string | Date | null;
}

/** The proxy cases a place took in the month, newest first. */
export function placeCases(db: Db, countyId: number, placeId: number, m: MonthWindow): Promise<PlaceCaseRow[]> {
  return rows<PlaceCaseRow>(db, sql`
    select k.id, k.case_no as "caseNo", k.item_name as "itemName", k.applicant_name as "applicantName", k.status,
      u.display_name as "takenBy", k.received_at as "receivedAt", k.completed_at as "completedAt", k.delivered_at as "deliveredAt"
    from cases k left join users u on u.id = k.proxy_by
    where k.center_id = ${countyId} and k.proxy_center_id = ${placeId}
      and k.received_at >= ${m.start}::timestamptz and k.received_at < ${m.end}::timestamptz
    order by k.received_at desc, k.id desc`);
}
