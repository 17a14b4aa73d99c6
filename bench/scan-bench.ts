/**
 * The warning scan at scale (issue 7, "Speed"): 200,000 open cases plus history, and the scan as
 * the server runs it, against `select count(*) from cases` over all cases in the same run.
 *
 * A server scans every SCAN_INTERVAL_MS (5 min). On a normal day only the few hundred cases whose
 * level changes today are due; the first scan after midnight handles them, every later scan of the
 * day finds nothing due through the partial index. Both are measured: `scanMs` is the median
 * routine scan, `firstScanMs` the median first-of-day scan with `changedPerDay` cases due (their
 * dates reset before each repeat). The caller creates the (empty) database; this runs the migrations.
 */
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/db/client.js';
import { ManualClock } from '../src/domain/clock.js';
import { invalidateCalendar } from '../src/modules/calendar/calendar.service.js';
import { scanCases } from '../src/modules/cases/cases.service.js';

export interface ScanBenchResult {
  openCases: number;
  totalCases: number;
  scanMs: number;
  fullCountMs: number;
  ratio: number;
  firstScanMs: number;
  changedPerDay: number;
}

const TODAY = '2026-11-18'; // a Wednesday
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export async function benchWarningScan(databaseUrl: string, opts: { openCases?: number; closedCases?: number; changedPerDay?: number; repeats?: number } = {}): Promise<ScanBenchResult> {
  const openCases = opts.openCases ?? 200_000;
  const closedCases = opts.closedCases ?? 800_000;
  const changedPerDay = opts.changedPerDay ?? 300;
  const repeats = opts.repeats ?? 5;
  const database = await openDatabase({ databaseUrl });
  const db = database.db;
  try {
    // Open cases: accepted over the last weeks with 20 promised days; their next level dates spread
    // over the coming month, `changedPerDay` of them due today. History: closed, nothing due.
    const every = Math.max(1, Math.floor(openCases / changedPerDay));
    await db.execute(sql`
      insert into cases (center_id, case_no, item_version_id, item_code, item_name, kind, department_id, status, applicant_kind,
        applicant_name, applicant_phone, channel, materials, received_at, accepted_at, accepted_date, promised_days, due_date,
        warning_level, next_level_date, cancel_token, updated_at, event_count)
      select 1, 'O' || i, 1, 'ITEM' || (i % 50), '事项' || (i % 50), 'promised', 1 + i % 12, 'accepted', 'person',
        '申请人', '138' || lpad((i % 100000000)::text, 8, '0'), 'window', '[]'::jsonb,
        ${TODAY}::date - (i % 20) + time '09:00', ${TODAY}::date - (i % 20) + time '09:30', ${TODAY}::date - (i % 20), 20,
        ${TODAY}::date - (i % 20) + 28, 'normal',
        case when i % ${every} = 0 then ${TODAY}::date else ${TODAY}::date + 1 + (i % 30) end, 'x', now(), 1
      from generate_series(1, ${openCases}) as i`);
    await db.execute(sql`
      insert into cases (center_id, case_no, item_version_id, item_code, item_name, kind, department_id, status, applicant_kind,
        applicant_name, applicant_phone, channel, materials, received_at, accepted_at, accepted_date, promised_days, due_date,
        completed_at, completed_date, timeliness, decision, warning_level, next_level_date, cancel_token, updated_at, event_count)
      select 1, 'H' || i, 1, 'ITEM' || (i % 50), '事项' || (i % 50), 'promised', 1 + i % 12, 'delivered', 'person',
        '申请人', '139' || lpad((i % 100000000)::text, 8, '0'), 'window', '[]'::jsonb,
        ${TODAY}::date - 30 - (i % 700) + time '09:00', ${TODAY}::date - 30 - (i % 700) + time '09:30', ${TODAY}::date - 30 - (i % 700), 20,
        ${TODAY}::date - 2 - (i % 700), ${TODAY}::date - 10 - (i % 700) + time '15:00', ${TODAY}::date - 10 - (i % 700), 'early', 'approved',
        'none', null, 'x', now(), 5
      from generate_series(1, ${closedCases}) as i`);
    await db.execute(sql`analyze cases`);
    await db.execute(sql`analyze case_tasks`);
    await db.execute(sql`create table bench_scan_due as select id from cases where next_level_date = ${TODAY}::date`);
    const changed = (await db.execute(sql`select count(*)::int as n from bench_scan_due`) as unknown as { rows: { n: number }[] }).rows[0]!.n;

    const clock = new ManualClock(new Date(`${TODAY}T02:00:00Z`));
    const deps = { db, clock, publicUrl: 'http://localhost' };
    // The first scan of a process also dates rows that have none (a one-off full read): not timed.
    await db.execute(sql`update cases set next_level_date = ${TODAY}::date where id in (select id from bench_scan_due)`);
    await scanCases(deps);

    const first: number[] = [];
    const routine: number[] = [];
    const counts: number[] = [];
    for (let r = 0; r < repeats; r++) {
      await db.execute(sql`update cases set next_level_date = ${TODAY}::date, warning_level = 'normal' where id in (select id from bench_scan_due)`);
      await db.execute(sql`delete from warning_alerts`);
      invalidateCalendar(); // a server five minutes later has no calendar cached either
      first.push(await timed(() => scanCases(deps)));
      invalidateCalendar();
      routine.push(await timed(() => scanCases(deps)));
      counts.push(await timed(() => db.execute(sql`select count(*) from cases`)));
    }
    const scanMs = median(routine);
    const fullCountMs = median(counts);
    return {
      openCases, totalCases: openCases + closedCases, scanMs, fullCountMs, ratio: scanMs / fullCountMs,
      firstScanMs: median(first), changedPerDay: changed,
    };
  } finally {
    await database.close();
  }
}

// `npx tsx bench/scan-bench.ts [openCases] [closedCases]` with DATABASE_URL naming an empty database.
if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL (an empty database) is required');
  const result = await benchWarningScan(url, {
    openCases: process.argv[2] ? Number(process.argv[2]) : undefined,
    closedCases: process.argv[3] ? Number(process.argv[3]) : undefined,
  });
  console.log(JSON.stringify(result, null, 2));
}
