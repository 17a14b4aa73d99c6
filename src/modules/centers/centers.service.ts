import type { Db } from '../../db/client.js';
import { AppError } from '../../domain/errors.js';
import { namedCache } from '../../lib/cache.js';
import { findSetting } from '../settings/settings.repository.js';
import * as repo from './centers.repository.js';

export type CenterRow = Awaited<ReturnType<typeof repo.listCenters>>[number];

/**
 * The center a public request is about: the one named in `?center=`, else the installation's home
 * center (setting `homeCenter`), else the first county-level center.
 */
export async function getPublicCenter(db: Db, code?: string): Promise<CenterRow> {
  if (code) {
    const found = await repo.findCenterByCode(db, code);
    if (!found) throw new AppError('NOT_FOUND', `Center ${code} not found`);
    return found;
  }
  const home = await findSetting<string>(db, 'homeCenter');
  const all = await repo.listCenters(db);
  const center = all.find((c) => c.code === home) ?? all.find((c) => c.level === 'county') ?? all[0];
  if (!center) throw new AppError('NOT_FOUND', 'No center is configured');
  return center;
}

export async function getCenter(db: Db, id: number): Promise<CenterRow> {
  const found = await repo.findCenterById(db, id);
  if (!found) throw new AppError('NOT_FOUND', 'Center not found');
  return found;
}

// Centers change about never (nothing edits one once created); names are needed on every SMS and printed paper.
const centersById = namedCache<number, CenterRow>({ name: 'centers', invalidatedBy: 'never' });

/** `db` keys the cache; a miss is read through `reader` (a transaction of that database, say). */
export async function getCenterCached(db: Db, id: number, reader: Db = db): Promise<CenterRow> {
  return centersById.find(db, id) ?? centersById.set(db, id, await getCenter(reader, id));
}

/** The center's IANA zone: its today, its stats days and every time it shows or exports are local to it. */
export async function centerTimeZone(db: Db, id: number): Promise<string> {
  return (await getCenterCached(db, id)).timeZone;
}
