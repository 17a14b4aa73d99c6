import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { BulletinFigure } from '#contract/bulletin.js';

async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** A month as the bulletin counts it: local dates [from, to], instants [start, end). */
export interface MonthRange {
  from: string;
  to: string;
  start: string;
  end: string;
}

export interface DepartmentRow {
  id: number;
  code: string;
  name: string;
}

export function listDepartments(db: Db, centerId: number): Promise<DepartmentRow[]> {
  return rows<DepartmentRow>(db, sql`
    select id, code, name from departments where center_id = ${centerId} and status = 'active' order by id`);
}

export interface CaseFigures {
  departmentId: number;
  received: number;
  completed: number;
  onTime: number;
  early: number;
  late: number;
  overdueOpen: number;
}

/**
 * The case figures of a month per department, in one pass over the month's cases:
 * received (intake in the month), completed (办结 date in the month, refusals included) with their
 * timeliness, and open cases whose due date fell in the month and has passed without a result.
 */
export function caseFigures(db: Db, centerId: number, m: MonthRange, today: string): Promise<CaseFigures[]> {
  return rows<CaseFigures>(db, sql`
    select department_id as "departmentId",
      count(*) filter (where received_at >= ${m.start}::timestamptz and received_at < ${m.end}::timestamptz)::int as "received",
      count(*) filter (where completed_date between ${m.from}::date and ${m.to}::date)::int as "completed",
      count(*) filter (where completed_date between ${m.from}::date and ${m.to}::date and timeliness in ('early', 'on_time'))::int as "onTime",
      count(*) filter (where completed_date between ${m.from}::date and ${m.to}::date and timeliness = 'early')::int as "early",
      count(*) filter (where completed_date between ${m.from}::date and ${m.to}::date and timeliness = 'late')::int as "late",
      count(*) filter (where status in ('accepted', 'reviewed', 'approved') and due_date between ${m.from}::date and ${m.to}::date and due_date < ${today}::date)::int as "overdueOpen"
    from cases
    where center_id = ${centerId}
      and ((received_at >= ${m.start}::timestamptz and received_at < ${m.end}::timestamptz)
        or completed_date between ${m.from}::date and ${m.to}::date
        or (status in ('accepted', 'reviewed', 'approved') and due_date between ${m.from}::date and ${m.to}::date))
    group by department_id`);
}

export interface WarningFigures {
  departmentId: number;
  yellow: number;
  red: number;
}

/** Warning alerts (table of the warning scan) raised in the month, per department and level. */
export function warningFigures(db: Db, centerId: number, m: MonthRange): Promise<WarningFigures[]> {
  return rows<WarningFigures>(db, sql`
    select w.department_id as "departmentId",
      count(*) filter (where w.level = 'yellow')::int as "yellow",
      count(*) filter (where w.level = 'red')::int as "red"
    from warning_alerts w join departments d on d.id = w.department_id
    where d.center_id = ${centerId} and w.raised_date between ${m.from}::date and ${m.to}::date
    group by w.department_id`);
}

export interface NoticeFigures {
  departmentId: number;
  issued: number;
  answered: number;
  escalated: number;
  answers: number;
}

/** Supervision notices (督办) issued in the month, with how many were answered or escalated so far. */
export function noticeFigures(db: Db, centerId: number, m: MonthRange): Promise<NoticeFigures[]> {
  return rows<NoticeFigures>(db, sql`
    select n.department_id as "departmentId",
      count(*)::int as "issued",
      count(*) filter (where n.answered_at is not null)::int as "answered",
      count(*) filter (where n.escalated_at is not null)::int as "escalated",
      coalesce(sum((select count(*) from supervision_answers a where a.notice_id = n.id)), 0)::int as "answers"
    from supervision_notices n
    where n.center_id = ${centerId} and n.issued_at >= ${m.start}::timestamptz and n.issued_at < ${m.end}::timestamptz
    group by n.department_id`);
}

export interface ComplaintFigures { departmentId: number; complaints: number }

/** Complaints (not consultations) received in the month, by the department they are about. */
export function complaintFigures(db: Db, centerId: number, m: MonthRange): Promise<ComplaintFigures[]> {
  return rows<ComplaintFigures>(db, sql`
    select c.department_id as "departmentId", count(*)::int as "complaints"
    from complaints c
    where c.center_id = ${centerId} and c.kind = 'complaint' and c.department_id is not null
      and c.created_at >= ${m.start}::timestamptz and c.created_at < ${m.end}::timestamptz
    group by c.department_id`);
}

export interface RatingFigures { departmentId: number; ratings: number; satisfied: number }

/** Ratings given in the month (set-aside ones left out), by the department of the case rated. */
export function ratingFigures(db: Db, centerId: number, m: MonthRange): Promise<RatingFigures[]> {
  return rows<RatingFigures>(db, sql`
    select r.department_id as "departmentId", count(*)::int as "ratings", count(*) filter (where r.level >= 3)::int as "satisfied"
    from ratings r
    where r.center_id = ${centerId} and r.department_id is not null and r.set_aside_at is null
      and r.created_at >= ${m.start}::timestamptz and r.created_at < ${m.end}::timestamptz
    group by r.department_id`);
}


export interface CaseListRow {
  caseNo: string;
  itemCode: string;
  itemName: string;
  departmentName: string;
  status: string;
  applicantName: string;
  applicantIdNumber: string | null;
  applicantCreditCode: string | null;
  applicantPhone: string;
  receivedAt: Date | string;
  acceptedDate: string | null;
  dueDate: string | null;
  completedDate: string | null;
  timeliness: string | null;
  pausedDays: number;
}

/** The cases behind one figure of the bulletin (the same conditions as caseFigures and the overdue count). */
export function listFigureCases(db: Db, centerId: number, departmentId: number | undefined, m: MonthRange, today: string, figure: BulletinFigure): Promise<CaseListRow[]> {
  const inMonth = sql`c.completed_date between ${m.from}::date and ${m.to}::date`;
  const where: Record<BulletinFigure, SQL> = {
    received: sql`c.received_at >= ${m.start}::timestamptz and c.received_at < ${m.end}::timestamptz`,
    completed: inMonth,
    on_time: sql`${inMonth} and c.timeliness in ('early', 'on_time')`,
    early: sql`${inMonth} and c.timeliness = 'early'`,
    late: sql`${inMonth} and c.timeliness = 'late'`,
    overdue: sql`((${inMonth} and c.timeliness = 'late') or (c.status in ('accepted', 'reviewed', 'approved') and c.due_date between ${m.from}::date and ${m.to}::date and c.due_date < ${today}::date))`,
  };
  return rows<CaseListRow>(db, sql`
    select c.case_no as "caseNo", c.item_code as "itemCode", c.item_name as "itemName", d.name as "departmentName", c.status,
      c.applicant_name as "applicantName", c.applicant_id_number as "applicantIdNumber", c.applicant_credit_code as "applicantCreditCode",
      c.applicant_phone as "applicantPhone", c.received_at as "receivedAt", c.accepted_date::text as "acceptedDate", c.due_date::text as "dueDate",
      c.completed_date::text as "completedDate", c.timeliness, c.paused_days as "pausedDays"
    from cases c join departments d on d.id = c.department_id
    where c.center_id = ${centerId} ${departmentId === undefined ? sql`` : sql`and c.department_id = ${departmentId}`} and ${where[figure]}
    order by c.received_at, c.id`);
}
