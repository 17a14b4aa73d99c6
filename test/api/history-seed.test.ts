import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { seedDemo } from '../../src/db/seed/demo.js';
import type { Db } from '../../src/db/client.js';
import { verifyAudit } from '../../src/modules/audit/audit.service.js';
import { scanCases } from '../../src/modules/cases/cases.service.js';
import { loadCalendar } from '../../src/modules/calendar/calendar.service.js';
import { dueDate, timeliness } from '../../src/domain/case-clock.js';
import { isValidCreditCode, isValidMobile, isValidResidentId } from '../../src/domain/identity.js';
import { parseCaseNo } from '../../src/domain/case-number.js';

const NOW = '2026-11-16T02:00:00Z';
let s: TestServer;
let seedMs = 0;

async function q<T = Record<string, unknown>>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

beforeAll(async () => {
  s = await startTestServer({ now: NOW, seed: false });
  const t0 = performance.now();
  await seedDemo(s.database.db, s.clock.now(), { history: true });
  seedMs = performance.now() - t0;
}, 120_000);
afterAll(async () => { await s?.close(); });

describe('demo history seed', () => {
  it('writes a few thousand cases fast, with realistic shares by status', async () => {
    const db = s.database.db;
    const byStatus = new Map((await q<{ status: string; n: number }>(db, sql`select status, count(*)::int as n from cases group by status`)).map((r) => [r.status, r.n]));
    const total = [...byStatus.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(2000);
    expect(total).toBeLessThan(4500);
    expect(byStatus.get('delivered')! / total).toBeGreaterThan(0.8);
    expect(byStatus.get('not_accepted')! / total).toBeGreaterThan(0.01);
    expect(byStatus.get('not_accepted')! / total).toBeLessThan(0.06);
    const [f] = await q<{ completed: number; late: number; early: number; paused: number; refused: number; heldDelivery: number; heldDecision: number; open: number }>(db, sql`
      select count(*) filter (where completed_date is not null)::int as completed,
        count(*) filter (where timeliness = 'late')::int as late,
        count(*) filter (where timeliness = 'early')::int as early,
        count(*) filter (where paused_days > 0 or status = 'paused')::int as paused,
        count(*) filter (where decision = 'refused')::int as refused,
        count(*) filter (where status = 'completed' or (delivered_at - completed_at) > interval '5 days')::int as "heldDelivery",
        count(*) filter (where decision = 'approved' and (completed_at - decided_at) > interval '3 days' or status = 'approved')::int as "heldDecision",
        count(*) filter (where status in ('accepted', 'reviewed', 'approved', 'paused'))::int as open
      from cases`);
    expect(f!.late / f!.completed).toBeGreaterThan(0.01);
    expect(f!.late / f!.completed).toBeLessThan(0.12);
    expect(f!.early).toBeGreaterThan(f!.late);
    expect(f!.paused).toBeGreaterThan(20);
    expect(f!.refused).toBeGreaterThan(20);
    expect(f!.heldDelivery).toBeGreaterThan(5);
    expect(f!.heldDecision).toBeGreaterThan(2);
    expect(f!.open).toBeGreaterThan(20);
    // The planted intermediary: one agent for many unrelated applicants, for the supervision pages.
    const agents = await q<{ agent: string; applicants: number }>(db, sql`select agent->>'idNumber' as agent, count(distinct applicant_name)::int as applicants
      from cases where agent is not null group by 1`);
    expect(agents).toHaveLength(1);
    expect(agents[0]!.applicants).toBeGreaterThanOrEqual(5);
    expect(isValidResidentId(agents[0]!.agent)).toBe(true);
    // Speed is measured, not asserted: about 2 s on PGlite on an idle machine, but test machines share
    // their cores and a timing bound would fail at random.
    console.log(`history seed: ${total} cases in ${Math.round(seedMs)} ms`);
  });

  it('keeps every hash chain intact (audit:verify)', async () => {
    const report = await verifyAudit(s.database.db);
    expect(report.cases).toBeGreaterThan(2000);
    expect(report.events).toBeGreaterThan(report.cases * 4);
    expect(report.broken).toEqual([]);
  }, 60_000);

  it('has consistent clocks, valid case numbers and valid synthetic identities; nothing happens after now', async () => {
    const db = s.database.db;
    const cal = await loadCalendar(db);
    const rows = await q<{ caseNo: string; status: string; acceptedDate: string | null; dueDate: string | null; completedDate: string | null; timeliness: string | null;
      promisedDays: number; pausedDays: number; id: string | null; credit: string | null; phone: string; updatedAt: Date | string }>(db, sql`
      select case_no as "caseNo", status, accepted_date::text as "acceptedDate", due_date::text as "dueDate", completed_date::text as "completedDate",
        timeliness, promised_days as "promisedDays", paused_days as "pausedDays", applicant_id_number as id, applicant_credit_code as credit,
        applicant_phone as phone, updated_at as "updatedAt" from cases`);
    for (const r of rows) {
      expect(parseCaseNo(r.caseNo)).toBe(r.caseNo);
      expect(r.id ? isValidResidentId(r.id, '2026-11-16') : isValidCreditCode(r.credit!)).toBe(true);
      expect(isValidMobile(r.phone)).toBe(true);
      expect(new Date(r.updatedAt).getTime()).toBeLessThanOrEqual(new Date(NOW).getTime());
      if (r.acceptedDate && r.status !== 'paused') expect(r.dueDate).toBe(dueDate(cal, r.acceptedDate, r.promisedDays, r.pausedDays).date);
      if (r.completedDate) expect(r.timeliness).toBe(timeliness(r.completedDate, r.dueDate!));
    }
    const [ev] = await q<{ later: number; afterHours: number; quick: number }>(db, sql`select
      (select count(*)::int from case_events where at > ${NOW}::timestamptz) as later,
      (select count(*)::int from case_events where to_char(at at time zone 'Asia/Shanghai', 'HH24:MI') not between '08:00' and '17:59') as "afterHours",
      (select count(*)::int from case_events e join cases c on c.id = e.case_id
         where c.kind <> 'immediate' and e.action in ('approve', 'refuse') and e.at - c.received_at <= interval '30 minutes') as quick`);
    // Nothing in the future, and nothing the irregularity review would flag: the demo's findings are planted, not accidental.
    expect(ev).toEqual({ later: 0, afterHours: 0, quick: 0 });
    // Live intakes today continue after the history's numbers.
    const [counter] = await q<{ last: number; n: number }>(db, sql`select (select last from case_counters where day = '2026-11-16') as last,
      (select count(*)::int from cases where case_no like '261116-%') as n`);
    expect(counter!.last ?? 0).toBe(counter!.n);
  });

  it('shows open cases already yellow and red after the warning scan, and writes no SMS', async () => {
    await scanCases({ db: s.database.db, clock: s.clock, publicUrl: s.url });
    const levels = new Map((await q<{ level: string; n: number }>(s.database.db, sql`
      select warning_level as level, count(*)::int as n from cases where status in ('accepted', 'reviewed', 'approved') group by 1`)).map((r) => [r.level, r.n]));
    expect(levels.get('yellow') ?? 0).toBeGreaterThan(0);
    expect(levels.get('red') ?? 0).toBeGreaterThan(0);
    // The alerts the scan would have raised over the months are there, none in the future, and every
    // open red case has its red alert.
    const [a] = await q<{ n: number; months: number; future: number; redWithout: number }>(s.database.db, sql`select
      (select count(*)::int from warning_alerts) as n,
      (select count(distinct to_char(raised_date, 'YYYY-MM'))::int from warning_alerts) as months,
      (select count(*)::int from warning_alerts where raised_at > ${NOW}::timestamptz) as future,
      (select count(*)::int from cases c where c.status in ('accepted', 'reviewed', 'approved') and c.warning_level = 'red'
         and not exists (select 1 from warning_alerts w where w.case_id = c.id and w.level = 'red')) as "redWithout"`);
    expect(a!.n).toBeGreaterThan(50);
    expect(a!.months).toBeGreaterThanOrEqual(4);
    expect(a!.future).toBe(0);
    expect(a!.redWithout).toBe(0);
    const [o] = await q<{ n: number }>(s.database.db, sql`select count(*)::int as n from outbox`);
    expect(o!.n).toBe(0);
  });

  it('makes the township and village cases proxy cases of every place, with a consistent paper ledger', async () => {
    const db = s.database.db;
    // Every village room and township station has taken proxy cases, through its own staff.
    const byPlace = await q<{ code: string; level: string; n: number; ownStaff: number; windowLike: number }>(db, sql`
      select p.code, p.level, count(k.id)::int as n,
        count(k.id) filter (where u.center_id = p.id and u.role = (case when p.level = 'village' then 'agent' else 'station' end))::int as "ownStaff",
        count(k.id) filter (where k.channel <> (case when p.level = 'village' then 'village' else 'township' end))::int as "windowLike"
      from centers p left join cases k on k.proxy_center_id = p.id left join users u on u.id = k.proxy_by
      where p.level in ('township', 'village') group by p.code, p.level order by p.code`);
    expect(byPlace.map((p) => p.code)).toEqual(['HP-CG', 'HP-CG-DJ', 'HP-SQ', 'HP-SQ-SM', 'HP-XK', 'HP-XK-LT', 'HP-XK-SP']);
    for (const p of byPlace) {
      expect(p.n, p.code).toBeGreaterThanOrEqual(5);
      expect(p.ownStaff, p.code).toBe(p.n);
      expect(p.windowLike, p.code).toBe(0);
    }
    // A township or village channel means a proxy case, taken at a place where the item is opened.
    const [odd] = await q<{ noPlace: number; closed: number; wrongTownship: number; intakeBy: number }>(db, sql`select
      (select count(*)::int from cases where channel in ('township', 'village') and proxy_center_id is null) as "noPlace",
      (select count(*)::int from cases k join centers p on p.id = k.proxy_center_id where not exists (
         select 1 from network_item_openings o join items i on i.id = o.item_id
         where i.code = k.item_code and (o.center_id in (p.id, k.proxy_township_id, k.center_id)))) as closed,
      (select count(*)::int from cases k join centers p on p.id = k.proxy_center_id
         where k.proxy_township_id <> (case when p.level = 'township' then p.id else p.parent_id end)) as "wrongTownship",
      (select count(*)::int from cases k join case_events e on e.case_id = k.id and e.seq = 1
         where k.proxy_center_id is not null and (e.actor_id <> k.proxy_by or k.received_by <> k.proxy_by)) as "intakeBy"`);
    expect(odd).toEqual({ noPlace: 0, closed: 0, wrongTownship: 0, intakeBy: 0 });
    // The ledger: every hop arrives after it left and leaves after the paper got there; a paper is
    // held where its last hop went (or by the sender while that hop is on its way).
    const hops = await q<{ entryId: number; kind: string; state: string; holder: number; home: number; handoverId: number | null; createdAt: Date;
      returnedAt: Date | null; hId: number; from: number; to: number; status: string; sentAt: Date; receivedAt: Date | null }>(db, sql`
      select e.id as "entryId", e.kind, e.state, e.holder_center_id as holder, e.home_center_id as home, e.handover_id as "handoverId",
        e.created_at as "createdAt", e.returned_at as "returnedAt", h.id as "hId", h.from_center_id as from, h.to_center_id as to,
        h.status, h.sent_at as "sentAt", h.received_at as "receivedAt"
      from ledger_entries e join ledger_handover_entries he on he.entry_id = e.id join ledger_handovers h on h.id = he.handover_id
      order by e.id, h.sent_at`);
    expect(hops.length).toBeGreaterThan(500);
    const byEntry = new Map<number, typeof hops>();
    for (const h of hops) byEntry.set(h.entryId, [...(byEntry.get(h.entryId) ?? []), h]);
    const t = (d: Date | string | null) => (d === null ? null : new Date(d).getTime());
    for (const [id, list] of byEntry) {
      let at = t(list[0]!.createdAt)!;
      for (const [n, h] of list.entries()) {
        if (n > 0) expect(h.from, `entry ${id}`).toBe(list[n - 1]!.to);
        expect(t(h.sentAt)!, `entry ${id}`).toBeGreaterThanOrEqual(at);
        if (h.receivedAt !== null) expect(t(h.receivedAt)!).toBeGreaterThanOrEqual(t(h.sentAt)!);
        expect(h.status === 'received').toBe(h.receivedAt !== null);
        at = t(h.receivedAt) ?? Infinity;
      }
      const last = list.at(-1)!;
      if (last.status === 'sent') {
        expect(list[0]!.state).toBe('in_transit');
        expect(list[0]!.handoverId).toBe(last.hId);
        expect(list[0]!.holder).toBe(last.from);
      } else {
        expect(list[0]!.state).not.toBe('in_transit');
        expect(list[0]!.holder, `entry ${id}`).toBe(last.to);
      }
    }
    const [f] = await q<{ county: number; pending: number; returned: number; waiting: number; slow: number; future: number; badReturn: number }>(db, sql`
      select (select count(*)::int from ledger_entries e join centers c on c.id = e.holder_center_id where c.code = 'HP' and e.kind = 'material') as county,
        (select count(*)::int from ledger_handovers where status = 'sent') as pending,
        (select count(*)::int from ledger_entries where state = 'returned') as returned,
        (select count(*)::int from ledger_entries where kind = 'result' and state = 'held' and holder_center_id = home_center_id) as waiting,
        (select count(*)::int from ledger_handover_entries he join ledger_handovers h on h.id = he.handover_id
           join ledger_handovers h2 on h2.from_center_id = h.to_center_id join ledger_handover_entries he2 on he2.handover_id = h2.id and he2.entry_id = he.entry_id
           where h2.sent_at - h.received_at > interval '4 days') as slow,
        (select count(*)::int from ledger_handovers where sent_at > ${NOW}::timestamptz or received_at > ${NOW}::timestamptz) +
        (select count(*)::int from ledger_entries where created_at > ${NOW}::timestamptz or returned_at > ${NOW}::timestamptz) as future,
        (select count(*)::int from ledger_entries where (state = 'returned') <> (returned_at is not null) or (state = 'returned' and (kind <> 'result' or holder_center_id <> home_center_id))) as "badReturn"`);
    expect(f!.county).toBeGreaterThan(300);
    expect(f!.pending).toBeGreaterThanOrEqual(1);
    expect(f!.returned).toBeGreaterThan(100);
    expect(f!.waiting).toBeGreaterThan(3);
    expect(f!.slow).toBeGreaterThan(3);
    expect(f!.future).toBe(0);
    expect(f!.badReturn).toBe(0);
  });

  it('is deterministic: the same seed clock gives the same history', async () => {
    let other: TestDatabase | undefined;
    try {
      other = await createTestDatabase();
      await seedDemo(other.db, new Date(NOW), { history: true });
      const pick = (db: Db) => q<{ case_no: string; last_event_hash: string }>(db, sql`select case_no, last_event_hash from cases order by case_no limit 200`);
      const [a, b] = await Promise.all([pick(s.database.db), pick(other.db)]);
      expect(b).toEqual(a);
      const ledger = (db: Db) => q(db, sql`select e.case_no, e.kind, e.name, e.state, e.held_since, h.batch_no, h.received_at
        from ledger_entries e left join ledger_handover_entries he on he.entry_id = e.id left join ledger_handovers h on h.id = he.handover_id
        order by e.case_no, e.kind, e.name, h.sent_at`);
      const [la, lb] = await Promise.all([ledger(s.database.db), ledger(other.db)]);
      expect(lb).toEqual(la);
    } finally {
      await other?.close();
    }
  }, 60_000);
});
