import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { seedDemo } from '../../src/db/seed/demo.js';

// These start the real entry point as a separate process, on the embedded database (the
// PostgreSQL run covers the same code paths in the other suites).
const dirs: string[] = [];
const tmp = () => { const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ow-proc-')); dirs.push(d); return d; };
afterAll(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });

interface Run { code: number | null; out: string }

function run(args: string[], env: Record<string, string>, until?: RegExp, timeoutMs = 60_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      env: { ...process.env, DATABASE_URL: '', PORT: '0', HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error('timeout: ' + out)); }, timeoutMs);
    const onData = (b: Buffer) => {
      out += b.toString();
      if (until && until.test(out)) child.kill('SIGTERM');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); resolve({ code, out }); });
  });
}

describe('the entry point', () => {
  it('refuses a second process on the same PGlite folder with a clear message', async () => {
    const dir = tmp();
    const first = await openDatabase({ dataDir: dir });
    try {
      const second = await run(['src/main.ts'], { DATA_DIR: dir, SEED_DEMO: '0' });
      expect(second.code).toBe(1);
      expect(second.out).toMatch(/in use by another OneWindow process/);
    } finally {
      await first.close();
    }
  });

  it('refuses a second open of the same folder inside one process too', async () => {
    const dir = tmp();
    const first = await openDatabase({ dataDir: dir });
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/in use/);
    await first.close();
    const again = await openDatabase({ dataDir: dir });
    await again.close();
  });

  it('in production: no demo data, refuses demo passwords, starts after admin:create', async () => {
    const demoDir = tmp();
    const seeded = await openDatabase({ dataDir: demoDir });
    await seedDemo(seeded.db, new Date());
    await seeded.close();
    const PROD = { NODE_ENV: 'production', PUBLIC_URL: 'https://zwfw.example.gov.cn' };
    const noPublicUrl = await run(['src/main.ts'], { DATA_DIR: demoDir, NODE_ENV: 'production' });
    expect(noPublicUrl.code).toBe(1);
    expect(noPublicUrl.out).toMatch(/PUBLIC_URL must be set/);
    const refused = await run(['src/main.ts'], { DATA_DIR: demoDir, ...PROD });
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/demo password: .*admin/);

    const emptyDir = tmp();
    const noAdmin = await run(['src/main.ts'], { DATA_DIR: emptyDir, ...PROD });
    expect(noAdmin.code).toBe(1);
    expect(noAdmin.out).toMatch(/admin:create/);
    const weak = await run(['src/cli/admin-create.ts', '--username', 'chen', '--password', 'short'], { DATA_DIR: emptyDir, NODE_ENV: 'production' });
    expect(weak.code).toBe(2);
    const made = await run(['src/cli/admin-create.ts', '--username', 'chen', '--password', 'a-long-real-passphrase', '--center', 'XC', '--center-name', '新城县政务服务中心'], { DATA_DIR: emptyDir, NODE_ENV: 'production' });
    expect(made.code, made.out).toBe(0);
    const started = await run(['src/main.ts'], { DATA_DIR: emptyDir, ...PROD }, /is running at/);
    expect(started.out).toMatch(/is running at/);
    expect(started.out).not.toMatch(/demo accounts/);
    const check = await openDatabase({ dataDir: emptyDir });
    const rows = await check.db.query.items.findMany();
    expect(rows).toHaveLength(0);
    await check.close();
  }, 180_000); // six server and CLI starts, each a cold tsx start: slow on a busy 2-core machine
});
