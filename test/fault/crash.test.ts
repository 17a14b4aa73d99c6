import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkIntakes, completeIntakeBody, createServerDatabase, loginDesk, request, runAuditVerify, startServerProcess,
  type ServerDatabase, type ServerProcess, expectIntakesIntact } from '../helpers/server-process.js';

// The real server process, killed with SIGKILL in the middle of the intake rush and started again
// on the same database, several times. An intake answered 201 must have survived with its event
// and its SMS; a request cut off by the kill may or may not have landed, but never by half.

const ROUNDS = 4;
const CONCURRENCY = 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let database: ServerDatabase;
let server: ServerProcess | undefined;

beforeAll(async () => {
  database = await createServerDatabase();
}, 60_000);

afterAll(async () => {
  await server?.kill('SIGKILL');
  await database?.destroy();
}, 60_000);

describe('crash under intake load', () => {
  it(`SIGKILL ${ROUNDS} times under load: every intake answered 201 is there with its event and SMS, none half-written, audit:verify passes`, async () => {
    const answered: string[] = [];
    const unexpected: { status: number; body: unknown }[] = [];
    let cutOff = 0;
    let body: Awaited<ReturnType<typeof completeIntakeBody>> | undefined;

    for (let round = 1; round <= ROUNDS; round++) {
      server = await startServerProcess(database.env);
      const s = server;
      body ??= await completeIntakeBody(s.url);
      const desk = await loginDesk(s.url);

      // What the previous crashes did not lose is readable through the restarted server.
      for (const no of answered.slice(-3)) {
        const res = await request(s.url, 'GET', `/api/cases/${no}`, { headers: desk.headers });
        expect(res.status, `case ${no} after restart ${round - 1}`).toBe(200);
      }

      let stop = false;
      let answeredThisRound = 0;
      let loadRunning!: () => void;
      const firstAnswer = new Promise<void>((resolve) => { loadRunning = resolve; });
      const intakeBody = body;
      const loops = Array.from({ length: CONCURRENCY }, async () => {
        while (!stop) {
          try {
            const res = await request(s.url, 'POST', '/api/cases', { body: intakeBody, headers: desk.headers, timeoutMs: 15_000 });
            if (res.status === 201) {
              answered.push(res.body.caseNo);
              answeredThisRound++;
              loadRunning();
            } else {
              unexpected.push(res);
            }
          } catch {
            cutOff++; // the connection died with the process
          }
        }
      });

      // Once intakes are landing (a busy machine may take a moment after a restart), 0.5–2 s more, then the kill.
      await Promise.race([firstAnswer, sleep(30_000)]);
      await sleep(500 + Math.random() * 1500);
      const exit = s.kill('SIGKILL');
      stop = true;
      expect(await exit).toEqual({ code: null, signal: 'SIGKILL' });
      await Promise.all(loops);
      expect(answeredThisRound, `round ${round} answered no intake:\n${s.output()}`).toBeGreaterThan(0);
      if (database.dataDir) {
        // The dead process's lock stays behind; the next start must take it over.
        const lock = path.join(fs.realpathSync(database.dataDir), 'onewindow.lock');
        expect(fs.readFileSync(lock, 'utf8').trim()).toBe(String(s.pid));
      }
    }
    server = undefined;

    expect(unexpected, 'only 201 while the server was up').toEqual([]);
    expect(cutOff, 'the kills happened with requests in flight').toBeGreaterThan(0);

    const db = await database.open();
    let cases: number;
    try {
      const report = await checkIntakes(db, answered);
      cases = report.cases;
      // Some cut-off requests may have committed without their answer arriving; never more than were cut off.
      expectIntakesIntact(report, answered, cutOff);
    } finally {
      await db.close();
    }

    const verify = runAuditVerify(database.env);
    expect(verify.status, verify.stderr + verify.stdout).toBe(0);
    expect(verify.stdout).toMatch(new RegExp(`${cases} cases, ${cases} events, every chain intact`));
    console.log(`crash: ${ROUNDS} kills, ${answered.length} intakes answered 201, ${cutOff} cut off, ${cases} cases in the ${database.kind} database`);
  }, 150_000);
});
