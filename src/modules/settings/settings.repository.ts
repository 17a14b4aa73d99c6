import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { settings } from '../../db/schema/index.js';

export async function findSetting<T>(db: Db, key: string): Promise<T | undefined> {
  const row = await db.query.settings.findFirst({ where: eq(settings.key, key) });
  return row?.value as T | undefined;
}

export async function saveSetting(db: Db, key: string, value: unknown): Promise<void> {
  await db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } });
}
