/**
 * Creates an administrator (the first one on a production database).
 *   npm run admin:create -- --username chen --password '…' [--center HP] [--center-name 和平县政务服务中心]
 * Without --password it is asked for on the terminal. On a database with no center, one is created
 * from --center / --center-name.
 */
import { parseArgs } from 'node:util';
import readline from 'node:readline/promises';
import { adminPasswordFromEnv, loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { centers, users } from '../db/schema/index.js';
import { findCenterByCode, listCenters } from '../modules/centers/centers.repository.js';
import { findUserByUsername } from '../modules/auth/auth.repository.js';
import { hashPassword, passwordProblem } from '../modules/auth/passwords.js';

async function ask(question: string): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      'display-name': { type: 'string' },
      center: { type: 'string' },
      'center-name': { type: 'string' },
    },
  });
  const username = values.username ?? (await ask('username: '));
  const password = values.password ?? adminPasswordFromEnv() ?? (await ask('password (min. 10 characters): '));
  if (!/^[a-z0-9][a-z0-9._-]{1,63}$/i.test(username)) {
    console.error('username: letters, digits, . _ - (2–64 characters)');
    return 2;
  }
  const problem = passwordProblem(password);
  if (problem) {
    console.error(`password: ${problem}`);
    return 2;
  }
  const config = loadConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolMax: config.pgPoolMax, queryTimeoutMs: config.pgQueryTimeoutMs,
  });
  try {
    const db = database.db;
    if (await findUserByUsername(db, username)) {
      console.error(`user ${username} already exists`);
      return 1;
    }
    let center = values.center ? await findCenterByCode(db, values.center) : (await listCenters(db)).find((c) => c.level === 'county') ?? (await listCenters(db))[0];
    if (!center) {
      const code = values.center ?? 'CENTER';
      [center] = await db.insert(centers).values({ code, name: values['center-name'] ?? '政务服务中心', level: 'county' }).returning();
    }
    await db.insert(users).values({
      username, displayName: values['display-name'] ?? username, passwordHash: await hashPassword(password), role: 'admin', centerId: center!.id,
    });
    console.log(`administrator ${username} created for center ${center!.code}`);
    return 0;
  } finally {
    await database.close();
  }
}

main().then((code) => process.exit(code), (err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
