import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { TestDatabase } from './test-database.js';
import { seedDemo } from '../../src/db/seed/demo.js';
import { ManualClock } from '../../src/domain/clock.js';
import { createTestDatabase } from './test-database.js';

export interface TestServer {
  url: string;
  app: FastifyInstance;
  database: TestDatabase;
  clock: ManualClock;
  close(): Promise<void>;
}

/** The real server on a random loopback port, with its own database holding the demo center. */
export async function startTestServer(opts: {
  now?: string; seed?: boolean; dataDir?: string; logger?: AppOptions['logger']; config?: Partial<Config>;
} = {}): Promise<TestServer> {
  const database = await createTestDatabase({ dataDir: opts.dataDir });
  const clock = new ManualClock(new Date(opts.now ?? '2026-11-16T02:00:00Z'));
  if (opts.seed !== false) await seedDemo(database.db, clock.now());
  const config = { ...loadConfig({}), webDir: path.resolve(process.env.OW_WEB_DIST ?? 'dist/web'), ...opts.config };
  const app = await buildApp({ database, clock, config, logger: opts.logger });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    database,
    clock,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export interface Session {
  cookie: string;
  csrf: string;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
}

export async function call(url: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url + path, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try { parsed = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, body: parsed as any, headers: res.headers };
}

export async function login(url: string, username: string, password = 'onewindow-demo'): Promise<Session> {
  const res = await fetch(url + '/api/auth/login', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    cookie,
    csrf: csrfToken,
    request: (method, path, body, headers = {}) => call(url, method, path, body, { cookie, 'x-csrf-token': csrfToken, ...headers }),
  };
}
