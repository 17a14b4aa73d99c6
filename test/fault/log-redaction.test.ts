/**
 * Issue 14 (A): personal data in the server log. A busy sequence carrying known ID numbers, phones,
 * tokens and codes runs against the real server at LOG_LEVEL=info (every request logged), with an
 * SMS gateway that rejects every message and echoes it back (as some do), and against an app whose
 * database is closed under it (unexpected errors, drizzle's "params:" messages). The whole log is
 * then searched for each planted value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { Writable } from 'node:stream';
import {
  completeIntakeBody, createServerDatabase, loginDesk, request, startServerProcess, type ServerDatabase, type ServerProcess,
} from '../helpers/server-process.js';
import { login, startTestServer, type TestServer } from '../helpers/test-server.js';
import { loggerOptions } from '../../src/http/log-redaction.js';

const ID_NUMBER = '11010519491231002X';
const PHONE = '13812345678';
const PHONE2 = '13912345678';
const CANCEL_TOKEN = 'PlantedCancelTok3nAbcdef123456';
const RATE_TOKEN = 'PlantedRateTok3nQwerty987654';
const FOLLOWUP_TOKEN = 'PlantedFollowupTok3nZx4567';
const TICKET_TOKEN = 'PlantedTicketTok3nLmn2468';
const BOOKING_CODE = 'QWERTY23';
const COMPLAINT_CODE = 'TSPLANTED9';

const PLANTED = [ID_NUMBER, PHONE, PHONE2, CANCEL_TOKEN, RATE_TOKEN, FOLLOWUP_TOKEN, TICKET_TOKEN, BOOKING_CODE, COMPLAINT_CODE];

function leaks(log: string, planted: string[]): string[] {
  return planted.filter((v) => log.toLowerCase().includes(v.toLowerCase()))
    .map((v) => `${v}: ${log.split('\n').find((l) => l.toLowerCase().includes(v.toLowerCase()))}`);
}

/** Every path the sequence visits, each carrying planted data in the query string or the path. */
async function busySequence(url: string, caseNo: string): Promise<void> {
  const get = (p: string) => request(url, 'GET', p);
  await get(`/api/public/progress?caseNo=${caseNo}&phone=${PHONE}`);
  await get(`/api/public/progress?caseNo=${caseNo}&phone=${PHONE.slice(0, 3)}%20${PHONE.slice(3, 7)}%20${PHONE.slice(7)}`);
  await request(url, 'POST', '/api/applicant/code', { body: { phone: PHONE2 } });
  await request(url, 'POST', '/api/applicant/login', { body: { phone: PHONE2, code: '000000' } });
  await get(`/api/public/appointments/${BOOKING_CODE}?mobile=${PHONE2}`);
  await get(`/api/public/complaints/${COMPLAINT_CODE}`);
  await get(`/c/${caseNo}?t=${CANCEL_TOKEN}`);
  await get(`/r/${caseNo}?t=${RATE_TOKEN}`);
  await get(`/f/${FOLLOWUP_TOKEN}`);
  await get(`/api/public/followups/${FOLLOWUP_TOKEN}`);
  await get(`/api/public/queue/tickets/${TICKET_TOKEN}`);
  await get(`/print/queue-ticket/${TICKET_TOKEN}`);
  await get(`/api/cases?q=${ID_NUMBER}`);
  // A query string the route does not know, and a body that is not JSON.
  await get(`/api/items?idNumber=${ID_NUMBER}&mobile=${PHONE}`);
  await fetch(`${url}/api/applicant/code`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"phone":"${PHONE2}",` });
}

describe('the server process log (LOG_LEVEL=info)', () => {
  let db: ServerDatabase;
  let s: ServerProcess;
  let gateway: http.Server;
  const smsSeen: string[] = [];

  beforeAll(async () => {
    // A gateway that refuses every message and repeats it in the refusal: the worker logs the refusal.
    gateway = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => { body += c.toString(); });
      req.on('end', () => {
        smsSeen.push(body);
        res.writeHead(400, { 'content-type': 'text/plain' }).end(`rejected: ${body}`);
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    const port = (gateway.address() as { port: number }).port;
    db = await createServerDatabase();
    s = await startServerProcess({
      ...db.env, LOG_LEVEL: 'info', SMS_GATEWAY: 'http', SMS_HTTP_URL: `http://127.0.0.1:${port}/send`, OUTBOX_INTERVAL_MS: '200',
    });
  });

  afterAll(async () => {
    await s?.kill();
    await new Promise((resolve) => gateway?.close(resolve));
    await db?.destroy();
  });

  it('carries no ID number, phone, token or code', async () => {
    const desk = await loginDesk(s.url);
    const body = await completeIntakeBody(s.url);
    body.applicant.idNumber = ID_NUMBER;
    body.applicant.phone = PHONE;
    const intake = await request(s.url, 'POST', '/api/cases', { body, headers: desk.headers });
    expect(intake.status).toBe(201);
    const caseNo = intake.body.caseNo as string;
    await busySequence(s.url, caseNo);

    // The intake's SMS and the sign-in code reach the gateway, are refused, and the worker logs that.
    await expect.poll(() => smsSeen.some((b) => b.includes(PHONE)) && smsSeen.some((b) => b.includes(PHONE2)), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => /SMS (failed for good|not sent)/.test(s.output()), { timeout: 20_000 }).toBe(true);
    const code = /\b(\d{6})\b/.exec(smsSeen.find((b) => b.includes(PHONE2))!.replace(/\d{7,}/g, ''))?.[1];
    expect(code).toBeDefined();

    const log = s.output();
    // The log is there and detailed: it names the requests it must not give away.
    expect(log).toContain('/api/public/progress');
    expect(log).toContain(`/c/${caseNo}`);
    expect(leaks(log, PLANTED)).toEqual([]);
    expect(log).not.toMatch(new RegExp(`(?<!\\d)${code}(?!\\d)`));
  });
});

describe('unexpected errors (the database closed under the app)', () => {
  let server: TestServer;
  const lines: string[] = [];

  beforeAll(async () => {
    const stream = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    server = await startTestServer({ logger: loggerOptions('info', stream) });
  });

  afterAll(async () => {
    await server?.app.close();
  });

  it('logs the error, not the data it was about', async () => {
    const desk = await login(server.url, 'desk1');
    const body = await completeIntakeBody(server.url);
    body.applicant.idNumber = ID_NUMBER;
    body.applicant.phone = PHONE;
    const intake = await desk.request('POST', '/api/cases', body);
    expect(intake.status).toBe(201);
    const caseNo = intake.body.caseNo as string;
    await server.database.close();

    const progress = await request(server.url, 'GET', `/api/public/progress?caseNo=${caseNo}&phone=${PHONE}`);
    expect(progress.status).toBeGreaterThanOrEqual(500);
    await request(server.url, 'POST', '/api/applicant/code', { body: { phone: PHONE2 } });
    await desk.request('POST', '/api/cases', body);
    await request(server.url, 'GET', `/api/public/appointments/${BOOKING_CODE}?mobile=${PHONE2}`);
    await request(server.url, 'GET', `/c/${caseNo}?t=${CANCEL_TOKEN}`);

    const log = lines.join('');
    expect(log).toMatch(/unexpected error|database unavailable/);
    // drizzle's message carried the query's parameters: the logged error keeps the query's shape only.
    expect(log).toContain('Failed query:');
    expect(leaks(log, PLANTED)).toEqual([]);
    expect(log).not.toContain('params:');
  });
});
