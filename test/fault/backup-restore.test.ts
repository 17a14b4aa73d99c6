import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openDatabase, type Db } from '../../src/db/client.js';
import { verifyAudit } from '../../src/modules/audit/audit.service.js';
import { login, startTestServer, type TestServer } from '../helpers/test-server.js';
import { act, findItem, intake } from '../helpers/cases.js';

// A backup is only good if it restores: a populated database is dumped, restored into a fresh
// one, and the restored copy must pass audit:verify and hold the same cases, events and messages.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ow-backup-'));
let s: TestServer;
let closed = false;

beforeAll(async () => {
  s = await startTestServer({ now: '2026-11-16T02:00:00Z', dataDir: process.env.DATABASE_URL ? undefined : path.join(tmp, 'live') });
  const desk = await login(s.url, 'desk1');
  const scjg = await login(s.url, 'approver-scjg');
  const item = await findItem(s, '食品经营许可');
  for (let i = 0; i < 12; i++) {
    const no = (await intake(desk, item)).body.caseNo;
    if (i % 2 === 0) await act(scjg, no, 'accept');
    if (i % 4 === 0) await act(scjg, no, 'approve');
    if (i % 8 === 0) await act(scjg, no, 'complete', { data: { resultNo: `JY${i}` } });
  }
  const joint = await findItem(s, '我要开餐馆（营业执照+食品经营许可）');
  await intake(desk, joint, { applicant: { kind: 'organization', name: '和平县好味道餐饮有限公司', creditCode: '91350100M000100Y43', phone: '13912345678' } });
});

afterAll(async () => {
  if (!closed) await s?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function fingerprint(db: Db) {
  const q = async (text: string) => ((await db.execute(text as never)) as unknown as { rows: Record<string, unknown>[] }).rows;
  return {
    cases: await q('select status, count(*)::int as n from cases group by status order by status'),
    events: (await q('select count(*)::int as n, md5(string_agg(hash, \',\' order by case_id, seq)) as h from case_events'))[0],
    outbox: (await q('select count(*)::int as n from outbox'))[0],
    tasks: (await q('select count(*)::int as n from case_tasks'))[0],
    items: (await q('select count(*)::int as n from item_versions'))[0],
  };
}

describe('backup and restore', () => {
  it.runIf(!!process.env.DATABASE_URL)('pg_dump of a populated database restores into a fresh one that passes audit:verify with the same counts', async () => {
    const before = await fingerprint(s.database.db);
    const source = s.database.cliEnv.DATABASE_URL!;
    const dump = path.join(tmp, 'onewindow.dump');
    execFileSync('pg_dump', ['--format=custom', '--no-owner', `--file=${dump}`, source]);
    const name = `ow_restore_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const target = new URL(process.env.DATABASE_URL!);
    target.pathname = `/${name}`;
    try {
      execFileSync('pg_restore', ['--no-owner', `--dbname=${target}`, dump]);
      const restored = await openDatabase({ databaseUrl: target.toString() });
      try {
        expect(await fingerprint(restored.db)).toEqual(before);
        expect((await verifyAudit(restored.db)).broken).toEqual([]);
      } finally {
        await restored.close();
      }
      const cli = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/audit-verify.ts'], { env: { ...process.env, DATABASE_URL: target.toString() }, encoding: 'utf8' });
      expect(cli.status, cli.stderr).toBe(0);
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });

  it.runIf(!process.env.DATABASE_URL)('a copy of the PGlite folder, taken with the server stopped, restores with the same counts', async () => {
    const before = await fingerprint(s.database.db);
    await s.close();
    closed = true;
    const copy = path.join(tmp, 'copy');
    fs.cpSync(path.join(tmp, 'live'), copy, { recursive: true });
    const restored = await openDatabase({ dataDir: copy });
    try {
      expect(await fingerprint(restored.db)).toEqual(before);
      expect((await verifyAudit(restored.db)).broken).toEqual([]);
    } finally {
      await restored.close();
    }
  });
});
