/** npm run audit:verify — checks every case's event chain; exits 1 and names the first broken link of each broken case. */
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { verifyAudit } from '../modules/audit/audit.service.js';

async function main(): Promise<number> {
  const config = loadConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolMax: config.pgPoolMax, queryTimeoutMs: config.pgQueryTimeoutMs,
  });
  try {
    const report = await verifyAudit(database.db);
    if (report.broken.length === 0) {
      console.log(`audit:verify OK — ${report.cases} cases, ${report.events} events, every chain intact`);
      return 0;
    }
    for (const b of report.broken) console.error(`audit:verify BROKEN case ${b.caseNo} at event ${b.seq}: ${b.problem}`);
    console.error(`audit:verify FAILED — ${report.broken.length} of ${report.cases} cases broken`);
    return 1;
  } finally {
    await database.close();
  }
}

main().then((code) => process.exit(code), (err: unknown) => {
  console.error(`audit:verify could not run: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
});
