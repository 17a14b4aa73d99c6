import path from 'node:path';

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
  /** Public base URL used in printed QR codes; defaults to the request's own host. */
  publicUrl: string | undefined;
  logLevel: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  return {
    port: env.PORT ? Number(env.PORT) : 3000,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    production,
    seedDemo: !production && env.SEED_DEMO !== '0',
    webDir: path.resolve(env.WEB_DIR ?? './dist/web'),
    publicUrl: env.PUBLIC_URL || undefined,
    logLevel: env.LOG_LEVEL ?? (production ? 'info' : 'warn'),
  };
}
