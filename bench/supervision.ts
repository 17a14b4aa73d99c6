/**
 * The two supervision figures alone, at full size (`npx tsx bench/supervision.ts`): the warning scan
 * over 200,000 open cases in 1,000,000, and the dashboard over 1,000,000 historical cases, each on a
 * throwaway database next to DATABASE_URL (default: the local server's `test`). `npm run bench`
 * runs the same two after the load phases; this is for checking them without the rest.
 */
import { createDatabase } from './throwaway-db.js';
import { benchWarningScan } from './scan-bench.js';
import { benchDashboard } from './dashboard-bench.js';

const admin = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function withDatabase<T>(run: (url: string) => Promise<T>): Promise<T> {
  const db = await createDatabase(admin);
  try {
    return await run(db.url);
  } finally {
    await db.drop();
  }
}

const scan = await withDatabase((url) => benchWarningScan(url));
console.log(`warning scan: ${scan.scanMs.toFixed(2)} ms routine vs ${scan.fullCountMs.toFixed(0)} ms count(*) over ${scan.totalCases} cases ` +
  `(${scan.openCases} open): ratio ${scan.ratio.toFixed(4)}; first scan of the day ${scan.firstScanMs.toFixed(0)} ms for ${scan.changedPerDay} changes`);
const dash = await withDatabase((url) => benchDashboard(url));
console.log(`dashboard: ${dash.dashboardMs.toFixed(1)} ms vs ${dash.rawMs.toFixed(0)} ms raw over ${dash.cases} cases (30 days): ratio ${dash.ratio.toFixed(4)}; ` +
  `year ${dash.yearDashboardMs.toFixed(1)} vs ${dash.yearRawMs.toFixed(0)} ms: ratio ${dash.yearRatio.toFixed(4)}; equal ${dash.equal && dash.yearEqual}; ` +
  `full refresh ${(dash.refreshMs / 1000).toFixed(1)} s, incremental ${dash.incrementalRefreshMs.toFixed(0)} ms`);
console.log(`bench: warning_scan=${scan.ratio.toFixed(4)} dashboard=${dash.ratio.toFixed(4)} dashboard_year=${dash.yearRatio.toFixed(4)} dashboard_equal=${dash.equal && dash.yearEqual ? 1 : 0}`);
