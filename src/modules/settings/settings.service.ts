import type { Db } from '../../db/client.js';
import { findSetting, saveSetting } from './settings.repository.js';
import { inTransaction, readAll } from '../../db/tx.js';
import { writeAdminLog } from '../admin-log/admin-log.repository.js';
import { localDate } from '../../domain/clock.js';
import { namedCache } from '../../lib/cache.js';
import { markAllForRescan } from '../warnings/warnings.repository.js';

export interface Settings {
  /** Yellow warning when this many working days or fewer are left (seed 002: three days). */
  warningDays: number;
  /** A promised limit above this share of the statutory one is flagged at publishing (seed 001: 60 %). */
  promisedRatioMax: number;
  /** A decided-but-not-completed or completed-but-not-delivered case is held back (压件) after this many hours. */
  heldBackHours: number;
  /** Hours to contact the applicant after a bad rating (read by the ratings module). */
  ratingContactHours: number;
  /** Working days to fix what a bad rating was about. */
  ratingFixDays: number;
  /** Working days to answer a complaint, and a consultation (read by the complaints module). */
  complaintDueDays: number;
  consultationDueDays: number;
}

export const DEFAULT_SETTINGS: Settings = { warningDays: 3, promisedRatioMax: 0.6, heldBackHours: 24,
  ratingContactHours: 24, ratingFixDays: 5, complaintDueDays: 5, consultationDueDays: 2 };

// Read on every intake and action: kept in memory, refreshed after an edit here or within the TTL.
const settingsCache = namedCache<void, Settings>({ name: 'settings', invalidatedBy: 'writes', ttlMs: 30_000 });

/** The settings when they are in memory and fresh: lets the hottest requests skip an await. */
export function findCachedSettings(db: Db): Settings | undefined {
  return settingsCache.find(db);
}

export async function getSettingsCached(db: Db): Promise<Settings> {
  return findCachedSettings(db) ?? settingsCache.set(db, undefined, await getSettings(db));
}

export async function getSettings(db: Db): Promise<Settings> {
  const keys = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];
  const values = await readAll(db, keys.map((k) => () => findSetting<number>(db, k)));
  return Object.fromEntries(keys.map((k, i) => [k, values[i] ?? DEFAULT_SETTINGS[k]])) as unknown as Settings;
}

export async function updateSettings(db: Db, patch: Partial<Settings>, actor: { userId: number; address: string; at: Date }): Promise<Settings> {
  await inTransaction(db, async (tx) => {
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) await saveSetting(tx, key, value);
    }
    await writeAdminLog(tx, { ...actor, action: 'settings.update', target: 'settings', detail: patch });
    // Every stored warning date depends on the warning days: the next scan recomputes them all.
    if (patch.warningDays !== undefined) await markAllForRescan(tx, localDate(actor.at));
  });
  settingsCache.clear();
  return getSettings(db);
}
