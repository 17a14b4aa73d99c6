import { loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { seedDemo, demoAccounts } from './db/seed/demo.js';
import { buildApp } from './app.js';
import { loggerOptions } from './http/log-redaction.js';
import { systemClock } from './domain/clock.js';
import { AppError } from './domain/errors.js';
import { usersWithDemoPassword } from './modules/auth/auth.service.js';
import { countUsers } from './modules/auth/auth.repository.js';
import { DEMO_PASSWORD } from './modules/auth/passwords.js';
import { createOutboxWorker } from './jobs/outbox-worker.js';
import { createCaseScanner } from './jobs/case-scan.js';
import { createAppointmentReminder } from './jobs/appointment-reminders.js';
import { createWarningDigest } from './jobs/warning-digest.js';
import { createStatsRefresher } from './jobs/stats-refresh.js';
import { createUploadCleanup } from './jobs/upload-cleanup.js';
import { createComplaintEscalation } from './jobs/complaint-escalation.js';
import { createNoticeEscalator } from './jobs/notice-escalation.js';
import { createGateway } from './modules/sms/gateway.js';
import { caseDeps } from './modules/cases/cases.routes.js';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.production && !config.publicUrl) {
    // Jobs send links with no request to take an origin from, and a production link must never follow a Host header.
    throw new AppError('CONFIG_INVALID', 'PUBLIC_URL must be set in production: the address printed in QR codes and sent in SMS links (e.g. https://zwfw.example.gov.cn)');
  }
  const database = await openDatabase({
    databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolMax: config.pgPoolMax, queryTimeoutMs: config.pgQueryTimeoutMs,
  });
  const seeded = config.seedDemo ? await seedDemo(database.db, systemClock.now(), { history: config.seedDemoHistory }) : false;
  if (config.production) await refuseDemoPasswords(database.db);
  const app = await buildApp({ database, clock: systemClock, config, logger: loggerOptions(config.logLevel) });
  const outbox = createOutboxWorker({ db: database.db, clock: systemClock, gateway: createGateway(config.sms), logger: app.log });
  const scanner = createCaseScanner(caseDeps({ db: database.db, dbKind: database.kind, clock: systemClock, config }), (err) => app.log.error({ err }, 'case scan failed'));
  const warningDigest = createWarningDigest({ db: database.db, clock: systemClock }, (err) => app.log.error({ err }, 'warning digest failed'));
  const reminders = createAppointmentReminder({ db: database.db, clock: systemClock }, (err) => app.log.error({ err }, 'appointment reminders failed'));
  const stats = createStatsRefresher({ db: database.db, clock: systemClock }, (err) => app.log.error({ err }, 'stats refresh failed'));
  const notices = createNoticeEscalator({ db: database.db, clock: systemClock }, (err) => app.log.error({ err }, 'notice escalation failed'));
  const escalation = createComplaintEscalation({ db: database.db, clock: systemClock }, (err) => app.log.error({ err }, 'complaint escalation failed'));
  const uploadCleanup = createUploadCleanup({ db: database.db, clock: systemClock, uploadDir: config.uploadDir }, (err) => app.log.error({ err }, 'upload cleanup failed'));
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await Promise.all([outbox.stop(), scanner.stop(), warningDigest.stop(), reminders.stop(), uploadCleanup.stop(), stats.stop(), escalation.stop(), notices.stop()]);
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  await app.listen({ port: config.port, host: config.host });
  outbox.start(config.intervals.outboxMs);
  scanner.start(config.intervals.scanMs);
  reminders.start(config.intervals.reminderMs);
  warningDigest.start(config.intervals.digestMs);
  // Runs once now (the demo history shows at first start), then keeps the dashboard within a minute.
  stats.start(config.intervals.statsMs);
  uploadCleanup.start(config.intervals.uploadCleanupMs);
  escalation.start(config.intervals.escalationMs);
  notices.start(config.intervals.escalationMs);
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  const where = database.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  console.log(`OneWindow 一窗通 is running at ${url}  (database: ${where})`);
  console.log(`  portal ${url}/   staff login ${url}/login   admin ${url}/admin   API docs ${url}/api/docs`);
  if (!config.production && (seeded || (await countUsers(database.db)) > 0)) {
    const names = demoAccounts().map((a) => a.username);
    console.log(`  demo accounts (password "${DEMO_PASSWORD}"; change it before real use): ${names.slice(0, 5).join(', ')}, ` +
      `approver-<department code> e.g. ${names.slice(5, 8).join(', ')} …`);
  }
}

async function refuseDemoPasswords(db: Parameters<typeof usersWithDemoPassword>[0]): Promise<void> {
  if ((await countUsers(db)) === 0) {
    throw new AppError('NO_ADMIN', 'No accounts exist. Create the first administrator with: npm run admin:create');
  }
  const weak = await usersWithDemoPassword(db);
  if (weak.length > 0) {
    throw new AppError('DEMO_PASSWORD', `Refusing to start in production: these accounts still use the demo password: ${weak.join(', ')}`);
  }
}

main().catch((err: unknown) => {
  const message = err instanceof AppError ? err.message : err instanceof Error ? err.stack ?? err.message : String(err);
  console.error(`OneWindow failed to start: ${message}`);
  process.exit(1);
});
