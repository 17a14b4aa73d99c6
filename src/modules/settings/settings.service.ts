import type { Db } from '../../db/client.js';
import { findSetting, saveSetting } from './settings.repository.js';
import { inTransaction } from '../../db/tx.js';
import { writeAdminLog } from '../admin-log/admin-log.repository.js';

export interface Settings {
  /** Yellow warning when this many working days or fewer are left (seed 002: three days). */
  warningDays: number;
  /** A promised limit above this share of the statutory one is flagged at publishing (seed 001: 60 %). */
  promisedRatioMax: number;
}

export const DEFAULT_SETTINGS: Settings = { warningDays: 3, promisedRatioMax: 0.6 };

// Read on every intake and action: kept in memory, refreshed after an edit here or within the TTL.
let cached: { db: Db; at: number; value: Settings } | undefined;
const TTL_MS = 30_000;

export async function getSettingsCached(db: Db): Promise<Settings> {
  if (cached && cached.db === db && Date.now() - cached.at < TTL_MS) return cached.value;
  const value = await getSettings(db);
  cached = { db, at: Date.now(), value };
  return value;
}

export async function getSettings(db: Db): Promise<Settings> {
  const [warningDays, promisedRatioMax] = await Promise.all([
    findSetting<number>(db, 'warningDays'),
    findSetting<number>(db, 'promisedRatioMax'),
  ]);
  return {
    warningDays: warningDays ?? DEFAULT_SETTINGS.warningDays,
    promisedRatioMax: promisedRatioMax ?? DEFAULT_SETTINGS.promisedRatioMax,
  };
}

export async function updateSettings(db: Db, patch: Partial<Settings>, actor: { userId: number; address: string; at: Date }): Promise<Settings> {
  await inTransaction(db, async (tx) => {
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) await saveSetting(tx, key, value);
    }
    await writeAdminLog(tx, { ...actor, action: 'settings.update', target: 'settings', detail: patch });
  });
  cached = undefined;
  return getSettings(db);
}
