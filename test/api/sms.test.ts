import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database, Db } from '../../src/db/client.js';
import { outbox } from '../../src/db/schema/index.js';
import { ManualClock } from '../../src/domain/clock.js';
import { createOutboxWorker, type OutboxWorkerOptions } from '../../src/jobs/outbox-worker.js';
import { loadConfig } from '../../src/config.js';
import { createGateway, HttpGateway, LogGateway, type SmsGateway } from '../../src/modules/sms/gateway.js';
import { claimDue, enqueueSms, findSms } from '../../src/modules/sms/sms.repository.js';
import { renderSms } from '../../src/modules/sms/sms-templates.js';
import { inTransaction } from '../../src/db/tx.js';
import { startFakeSmsServer, type FakeSmsServer } from '../helpers/fake-sms-server.js';
import { createTestDatabase } from '../helpers/test-database.js';
import { call, login, startTestServer, type TestServer } from '../helpers/test-server.js';

const T0 = new Date('2026-11-16T02:00:00Z');
const PHONE = '13812345678';
/** Client timeout against the fake server (generous: a loaded CI machine is slow); its `slow` mode answers after 4 s. */
const TIMEOUT_MS = 800;

let database: Database;
let db: Db;
let fake: FakeSmsServer;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  fake = await startFakeSmsServer({ slowMs: 4000 });
});
afterAll(async () => {
  await fake?.close();
  await database?.close();
});
beforeEach(async () => {
  await db.delete(outbox);
  await fake.reset();
});

function setup(opts: Partial<OutboxWorkerOptions> = {}) {
  const clock = new ManualClock(T0);
  const logs: string[] = [];
  const worker = createOutboxWorker({
    db,
    clock,
    gateway: new HttpGateway({ url: fake.url, timeoutMs: TIMEOUT_MS }),
    logger: { warn: (_o, m) => logs.push(`warn ${m}`), error: (_o, m) => logs.push(`error ${m}`) },
    ...opts,
  });
  const enqueue = (dedupeKey: string, caseNo = '261116-00042-7') => enqueueSms(db, {
    caseId: 42,
    recipient: PHONE,
    template: 'accepted',
    body: renderSms('accepted', { caseNo, itemName: '食品经营许可', centerName: '和平县政务服务中心', dueDate: '2026-11-30' }),
    dedupeKey,
    now: clock.now(),
  });
  return { clock, worker, logs, enqueue };
}

const row = async (key: string) => (await findSms(db, key))!;
const waitedMs = async (key: string, clock: ManualClock) => (await row(key)).nextAttemptAt.getTime() - clock.now().getTime();

describe('sending through the http gateway', () => {
  it('sends a message once, with its dedupe key as Idempotency-Key', async () => {
    const { worker, enqueue } = setup();
    await enqueue('case:42:accepted');
    expect(await worker.runOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await worker.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await row('case:42:accepted')).toMatchObject({ status: 'sent', attempts: 1, sentAt: T0, lockedUntil: null });
    expect(fake.delivered).toEqual([{
      to: PHONE,
      text: expect.stringContaining('办件编号261116-00042-7') as unknown as string,
      dedupeKey: 'case:42:accepted',
      idempotencyKey: 'case:42:accepted',
    }]);
  });

  it('retries after a 500 once the backoff has passed, and delivers exactly once', async () => {
    const { worker, enqueue, clock } = setup();
    await enqueue('m-500');
    await fake.setMode('500');
    expect(await worker.runOnce()).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(await row('m-500')).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 500: {"error":"internal error"}' });
    expect(await waitedMs('m-500', clock)).toBe(2000);
    await fake.setMode('ok');
    clock.advance(1999);
    expect(await worker.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    clock.advance(1);
    expect(await worker.runOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await row('m-500')).toMatchObject({ status: 'sent', attempts: 2 });
    expect(fake.deliveries('m-500')).toBe(1);
  });

  it('retries after a 429, honouring a longer Retry-After', async () => {
    const { worker, enqueue, clock } = setup();
    await enqueue('m-429');
    await fake.setMode('429');
    fake.retryAfter = '30';
    expect(await worker.runOnce()).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(await row('m-429')).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await row('m-429')).lastError).toMatch(/^HTTP 429/);
    expect(await waitedMs('m-429', clock)).toBe(30_000);
    await fake.setMode('ok');
    clock.advance(30_000);
    expect(await worker.runOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(fake.deliveries('m-429')).toBe(1);
  });

  it('treats a gateway slower than the timeout as a failed try, and sends at most one duplicate', async () => {
    const { worker, enqueue, clock } = setup();
    await enqueue('m-slow');
    await fake.setMode('slow');
    const started = performance.now();
    expect(await worker.runOnce()).toEqual({ sent: 0, retried: 1, failed: 0 });
    // The timeout, not the gateway's four-second answer, bounds the try.
    expect(performance.now() - started).toBeLessThan(3000);
    expect((await row('m-slow')).lastError).toBe(`timeout after ${TIMEOUT_MS} ms`);
    await fake.setMode('ok');
    clock.advance(2000);
    expect(await worker.runOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(fake.deliveries('m-slow')).toBeGreaterThanOrEqual(1);
    expect(fake.deliveries('m-slow')).toBeLessThanOrEqual(2);
  });

  it('marks a message failed after the last try when the gateway stays down', async () => {
    const { worker, enqueue, clock } = setup({ maxAttempts: 6 });
    await enqueue('m-down');
    await fake.setMode('down');
    const outcomes = [];
    for (let i = 0; i < 6; i++) {
      outcomes.push(await worker.runOnce());
      clock.advance(300_000);
    }
    expect(outcomes.slice(0, 5)).toEqual(Array(5).fill({ sent: 0, retried: 1, failed: 0 }));
    expect(outcomes[5]).toEqual({ sent: 0, retried: 0, failed: 1 });
    const r = await row('m-down');
    expect(r).toMatchObject({ status: 'failed', attempts: 6, sentAt: null, lockedUntil: null });
    expect(r.lastError).toMatch(/^network error/);
    expect(fake.requests).toBe(0);
    // Failed is final: the gateway coming back does not resurrect it.
    await fake.setMode('ok');
    clock.advance(300_000);
    expect(await worker.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(fake.deliveries('m-down')).toBe(0);
  });

  it('fails at once when the gateway rejects the message (400)', async () => {
    const { worker, enqueue } = setup();
    await enqueue('m-400');
    await fake.setMode('400');
    expect(await worker.runOnce()).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(await row('m-400')).toMatchObject({ status: 'failed', attempts: 1, lastError: 'HTTP 400: {"error":"invalid mobile number"}' });
  });

  it('sends the one allowed duplicate, with the same key, when a reply was lost', async () => {
    const { worker, enqueue, clock } = setup();
    await enqueue('m-lost');
    await fake.setMode('lose-reply');
    expect(await worker.runOnce()).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect((await row('m-lost')).lastError).toMatch(/^network error/);
    await fake.setMode('ok');
    clock.advance(2000);
    expect(await worker.runOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(fake.deliveries('m-lost')).toBe(2);
    expect(fake.delivered.map((m) => [m.dedupeKey, m.idempotencyKey])).toEqual([['m-lost', 'm-lost'], ['m-lost', 'm-lost']]);
    expect(new Set(fake.delivered.map((m) => m.text)).size).toBe(1);
  });

  it('doubles the wait between tries and caps it', async () => {
    const { worker, enqueue, clock } = setup({ baseDelayMs: 1000, maxDelayMs: 5000, maxAttempts: 7 });
    await enqueue('m-backoff');
    await fake.setMode('500');
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      expect(await worker.runOnce()).toEqual({ sent: 0, retried: 1, failed: 0 });
      const wait = await waitedMs('m-backoff', clock);
      waits.push(wait);
      clock.advance(wait);
    }
    expect(waits).toEqual([1000, 2000, 4000, 5000, 5000, 5000]);
    expect(await worker.runOnce()).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(await row('m-backoff')).toMatchObject({ status: 'failed', attempts: 7 });
  });
});

describe('the outbox itself', () => {
  it('takes a message again when the worker that claimed it died', async () => {
    const { worker, enqueue, clock } = setup({ lockMs: 60_000 });
    await enqueue('m-crash');
    // A worker claims the message, then the process dies before sending it.
    expect(await claimDue(db, clock.now(), 60_000, 10)).toHaveLength(1);
    expect(await row('m-crash')).toMatchObject({ status: 'sending', lockedUntil: new Date(T0.getTime() + 60_000) });
    expect(await worker.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    clock.advance(60_000);
    expect(await worker.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    clock.advance(1);
    expect(await worker.runOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await row('m-crash')).toMatchObject({ status: 'sent', attempts: 1 });
    expect(fake.deliveries('m-crash')).toBe(1);
  });

  it('queues a message once however often the business step is retried', async () => {
    const { enqueue } = setup();
    await enqueue('case:7:accepted', '261116-00007-1');
    await enqueue('case:7:accepted', '261116-99999-9');
    const rows = await db.select().from(outbox).where(eq(outbox.dedupeKey, 'case:7:accepted'));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.body).toContain('261116-00007-1');
  });

  it('writes the message in the business transaction: rolled back with it, and no gateway involved', async () => {
    const { enqueue } = setup();
    await fake.setMode('down');
    await expect(inTransaction(db, async (tx) => {
      await enqueueSms(tx, { recipient: PHONE, template: 'accepted', body: 'x', dedupeKey: 'rolled-back', now: T0 });
      throw new Error('business step failed');
    })).rejects.toThrow('business step failed');
    expect(await findSms(db, 'rolled-back')).toBeUndefined();
    await enqueue('committed');
    expect(await row('committed')).toMatchObject({ status: 'pending', attempts: 0, caseId: 42 });
  });

  it('sends a long queue in batches', async () => {
    const { worker, enqueue } = setup({ batchSize: 20, concurrency: 4 });
    for (let i = 0; i < 30; i++) await enqueue(`bulk-${i}`);
    expect(await worker.runOnce()).toEqual({ sent: 20, retried: 0, failed: 0 });
    expect(await worker.runOnce()).toEqual({ sent: 10, retried: 0, failed: 0 });
    expect(fake.delivered.map((m) => m.dedupeKey)).toHaveLength(30);
    expect(new Set(fake.delivered.map((m) => m.dedupeKey)).size).toBe(30);
  });

  it('never throws out of a run: a database error is logged and the run ends', async () => {
    const broken = new Proxy({}, { get: () => () => { throw new Error('connection terminated'); } }) as unknown as Db;
    const errors: unknown[] = [];
    const worker = createOutboxWorker({
      db: broken, clock: new ManualClock(T0), gateway: new LogGateway(),
      logger: { warn: () => {}, error: (o) => errors.push(o) },
    });
    expect(await worker.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(errors).toHaveLength(1);
  });

  it('retries when the gateway itself throws something unexpected', async () => {
    const buggy: SmsGateway = { name: 'buggy', send: async () => { throw new TypeError('oops'); } };
    const { worker, enqueue } = setup({ gateway: buggy });
    await enqueue('m-bug');
    expect(await worker.runOnce()).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(await row('m-bug')).toMatchObject({ status: 'pending', lastError: 'oops' });
  });

  it('with the log gateway, marks messages sent without sending anything', async () => {
    const { worker, enqueue } = setup({ gateway: new LogGateway() });
    await enqueue('m-log');
    expect(await worker.runOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await row('m-log')).toMatchObject({ status: 'sent' });
    expect(fake.requests).toBe(0);
  });

  it('start() runs at once and stop() waits for the run in progress', async () => {
    const { worker, enqueue } = setup();
    await enqueue('m-start');
    worker.start(60_000);
    worker.start(60_000);
    await worker.stop();
    expect(await row('m-start')).toMatchObject({ status: 'sent' });
    expect(fake.deliveries('m-start')).toBe(1);
    await worker.stop();
  });

  it.runIf(!!process.env.DATABASE_URL)('two workers at once never send a message twice (SKIP LOCKED)', async () => {
    const a = setup({ batchSize: 50, concurrency: 5 });
    const b = setup({ batchSize: 50, concurrency: 5 });
    const keys = Array.from({ length: 60 }, (_, i) => `race-${i}`);
    for (const k of keys) await a.enqueue(k);
    let sent = 0;
    for (let round = 0; round < 5 && sent < keys.length; round++) {
      const [ra, rb] = await Promise.all([a.worker.runOnce(), b.worker.runOnce()]);
      sent += ra.sent + rb.sent;
      expect(ra.retried + rb.retried + ra.failed + rb.failed).toBe(0);
    }
    expect(sent).toBe(keys.length);
    for (const k of keys) expect(fake.deliveries(k), k).toBe(1);
    const rows = await db.select().from(outbox);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it.runIf(!!process.env.DATABASE_URL)('concurrent claims on PostgreSQL take disjoint rows', async () => {
    const { enqueue, clock } = setup();
    for (let i = 0; i < 40; i++) await enqueue(`claim-${i}`);
    const claims = await Promise.all([1, 2, 3, 4].map(() => claimDue(db, clock.now(), 60_000, 40)));
    const ids = claims.flat().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(40);
  });
});

describe('gateway configuration', () => {
  const gatewayFromEnv = (env: NodeJS.ProcessEnv) => createGateway(loadConfig(env).sms);
  it('defaults to the log gateway and builds the http one from the environment', () => {
    expect(gatewayFromEnv({}).name).toBe('log');
    expect(gatewayFromEnv({ SMS_GATEWAY: 'log' }).name).toBe('log');
    expect(gatewayFromEnv({ SMS_GATEWAY: 'http', SMS_HTTP_URL: 'https://sms.example.cn/send', SMS_TIMEOUT_MS: '3000' }).name).toBe('http');
  });

  it('refuses a configuration that could not work', () => {
    expect(() => gatewayFromEnv({ SMS_GATEWAY: 'carrier-pigeon' })).toThrow(/SMS_GATEWAY/);
    expect(() => gatewayFromEnv({ SMS_GATEWAY: 'http' })).toThrow(/SMS_HTTP_URL/);
    expect(() => gatewayFromEnv({ SMS_GATEWAY: 'http', SMS_HTTP_URL: 'ftp://x' })).toThrow(/SMS_HTTP_URL/);
    expect(() => gatewayFromEnv({ SMS_GATEWAY: 'http', SMS_HTTP_URL: 'http://x', SMS_TIMEOUT_MS: '-1' })).toThrow(/SMS_TIMEOUT_MS/);
  });
});

describe('GET /api/admin/sms', () => {
  let s: TestServer;
  beforeAll(async () => { s = await startTestServer(); });
  afterAll(async () => { await s?.close(); });

  it('lists messages newest first with masked numbers, for admins only', async () => {
    const sdb = s.database.db;
    const now = s.clock.now();
    await enqueueSms(sdb, { caseId: 5, recipient: PHONE, template: 'admin-list-test', body: '第一条', dedupeKey: 'admin-1', now });
    await createOutboxWorker({ db: sdb, clock: s.clock, gateway: new LogGateway() }).runOnce();
    await enqueueSms(sdb, { recipient: '13900001111', template: 'admin-list-test', body: '第二条', dedupeKey: 'admin-2', now });

    const admin = await login(s.url, 'admin');
    const res = await admin.request('GET', '/api/admin/sms?pageSize=200');
    expect(res.status).toBe(200);
    const ours = res.body.items.filter((i: { template: string }) => i.template === 'admin-list-test');
    expect(ours).toEqual([
      {
        id: expect.any(Number), recipient: '139****1111', template: 'admin-list-test', body: '第二条', status: 'pending',
        attempts: 0, lastError: null, createdAt: now.toISOString(), sentAt: null, nextAttemptAt: now.toISOString(), caseId: null,
      },
      {
        id: expect.any(Number), recipient: '138****5678', template: 'admin-list-test', body: '第一条', status: 'sent',
        attempts: 1, lastError: null, createdAt: now.toISOString(), sentAt: now.toISOString(), nextAttemptAt: now.toISOString(), caseId: 5,
      },
    ]);
    expect(JSON.stringify(res.body)).not.toContain(PHONE);

    await enqueueSms(sdb, {
      recipient: PHONE, template: 'admin-list-test', dedupeKey: 'admin-3', now,
      body: '如需撤销，请于30分钟内点击 https://ow.example.cn/c/261116-00042-7?t=s3cretT0ken 谢谢',
    });
    const links = await admin.request('GET', '/api/admin/sms?status=pending');
    expect(links.body.items[0].body).toBe('如需撤销，请于30分钟内点击 https://ow.example.cn/c/261116-00042-7?… 谢谢');
    expect(res.body).toMatchObject({ page: 1, pageSize: 200 });
    expect(res.body.total).toBeGreaterThanOrEqual(2);

    const sent = await admin.request('GET', '/api/admin/sms?status=sent');
    expect(sent.body.items.every((i: { status: string }) => i.status === 'sent')).toBe(true);
    expect(sent.body.items.some((i: { body: string }) => i.body === '第一条')).toBe(true);
    const paged = await admin.request('GET', '/api/admin/sms?page=2&pageSize=1');
    expect(paged.body).toMatchObject({ page: 2, pageSize: 1 });
    expect(paged.body.items).toHaveLength(1);

    expect((await admin.request('GET', '/api/admin/sms?status=lost')).status).toBe(400);
    expect((await admin.request('GET', '/api/admin/sms?phone=138')).status).toBe(400);
    expect((await admin.request('GET', '/api/admin/sms?pageSize=0')).status).toBe(400);
  });

  it('is closed to other roles and to anonymous callers', async () => {
    const desk = await login(s.url, 'desk1');
    expect((await desk.request('GET', '/api/admin/sms')).status).toBe(403);
    expect((await call(s.url, 'GET', '/api/admin/sms')).status).toBe(401);
  });
});
