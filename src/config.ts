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
}

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
  };
}
