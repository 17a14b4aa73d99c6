import path from 'node:path';
import { AppError } from './domain/errors.js';

export interface Config {
  port: number;
  host: string;
  /** PostgreSQL when set; otherwise the embedded PGlite database in dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  production: boolean;
  /** Seed the demo center on an empty database (never in production). */
  seedDemo: boolean;
  webDir: string;
  /** Base URL of links on paper (QR codes) and in SMS; defaults to the request's own origin (src/http/public-url.ts). Required in production. */
  publicUrl: string | undefined;
  logLevel: string;
  /** Where applicants' uploads are stored (random names); never under webDir. */
  uploadDir: string;
  /** Largest accepted upload, in bytes. */
  uploadMaxBytes: number;
  /**
   * Trying the demo: outside production with the `log` SMS gateway no message leaves the server, so
   * the admin's SMS list shows sign-in codes whole — the only way to read one while PGlite is locked.
   */
  showSmsCodes: boolean;
  /** TRUST_PROXY=1: behind a reverse proxy, the client address comes from X-Forwarded-For. */
  trustProxy: boolean;
  /** Checked when the gateway is made (src/modules/sms/gateway.ts), so a bad value stops the start, not every config read. */
  sms: SmsSettings;
  /** Months of past cases with the demo center (OW_DEMO_HISTORY); off under Vitest, whose tests want the small demo center. */
  seedDemoHistory: boolean;
  /** How often a display board's live feed also reads calls made by other server processes. */
  queuePollMs: number;
  pgPoolMax: number;
  /** A query unanswered this long ends its connection (src/db/query-watchdog.ts); 0 = no limit. */
  pgQueryTimeoutMs: number;
  /** How often each background job runs (src/jobs). */
  intervals: JobIntervals;
}

export interface SmsSettings {
  /** SMS_GATEWAY: log (default) | http. */
  gateway: string;
  httpUrl: string | undefined;
  timeoutMs: string | undefined;
}

export interface JobIntervals {
  outboxMs: number;
  scanMs: number;
  reminderMs: number;
  digestMs: number;
  statsMs: number;
  uploadCleanupMs: number;
  /** Complaints and supervision notices alike. */
  escalationMs: number;
}

export const DEFAULT_PG_POOL_MAX = 10;
export const DEFAULT_PG_QUERY_TIMEOUT_MS = 30_000;

const DEFAULT_UPLOAD_MB = 10;

/** UPLOAD_MAX_MB: a positive number of megabytes (decimals allowed), at most 100. */
function uploadMaxBytes(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_UPLOAD_MB * 1024 * 1024;
  const mb = Number(value);
  if (!Number.isFinite(mb) || mb <= 0 || mb > 100) throw new AppError('CONFIG_INVALID', `UPLOAD_MAX_MB must be a number of megabytes between 0 and 100, not "${value}"`);
  return Math.floor(mb * 1024 * 1024);
}

/** Uploads are served only through the access-checked download route, never as static files. */
function outsideWebRoot(uploadDir: string, webDir: string): string {
  const rel = path.relative(webDir, uploadDir);
  if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) {
    throw new AppError('CONFIG_INVALID', `UPLOAD_DIR (${uploadDir}) must not be inside the web root WEB_DIR (${webDir})`);
  }
  return uploadDir;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  const webDir = path.resolve(env.WEB_DIR ?? './dist/web');
  return {
    port: env.PORT ? Number(env.PORT) : 3000,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    production,
    seedDemo: !production && env.SEED_DEMO !== '0',
    webDir,
    publicUrl: env.PUBLIC_URL || undefined,
    logLevel: env.LOG_LEVEL ?? (production ? 'info' : 'warn'),
    uploadDir: outsideWebRoot(path.resolve(env.UPLOAD_DIR || path.join(dataDir, 'uploads')), webDir),
    uploadMaxBytes: uploadMaxBytes(env.UPLOAD_MAX_MB),
    showSmsCodes: !production && (env.SMS_GATEWAY || 'log') === 'log',
    trustProxy: env.TRUST_PROXY === '1',
    sms: { gateway: env.SMS_GATEWAY || 'log', httpUrl: env.SMS_HTTP_URL, timeoutMs: env.SMS_TIMEOUT_MS },
    seedDemoHistory: env.OW_DEMO_HISTORY !== '0' && !env.VITEST,
    queuePollMs: Number(env.QUEUE_POLL_MS ?? 2000),
    pgPoolMax: Number(env.PG_POOL_MAX ?? DEFAULT_PG_POOL_MAX),
    pgQueryTimeoutMs: Number(env.PG_QUERY_TIMEOUT_MS ?? DEFAULT_PG_QUERY_TIMEOUT_MS),
    intervals: {
      outboxMs: Number(env.OUTBOX_INTERVAL_MS ?? 2000),
      scanMs: Number(env.SCAN_INTERVAL_MS ?? 5 * 60_000),
      reminderMs: Number(env.REMINDER_INTERVAL_MS ?? 10 * 60_000),
      digestMs: Number(env.DIGEST_INTERVAL_MS ?? 10 * 60_000),
      statsMs: Number(env.STATS_INTERVAL_MS ?? 60_000),
      uploadCleanupMs: Number(env.UPLOAD_CLEANUP_INTERVAL_MS ?? 60 * 60_000),
      escalationMs: Number(env.ESCALATION_INTERVAL_MS ?? 10 * 60_000),
    },
  };
}

/** `npm run admin:create` takes the password from ADMIN_PASSWORD when not given as an option. */
export function adminPasswordFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.ADMIN_PASSWORD;
}
