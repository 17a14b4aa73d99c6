/**
 * The English names of the item versions cases were accepted under, for the staff UIs in English
 * mode. A case points at a published (or since superseded) version, and those are never edited, so a
 * version's names are read once per process and kept.
 */
import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { namedCache } from '../../lib/cache.js';
import { itemVersions } from '../../db/schema/index.js';

export interface VersionNames {
  nameEn: string;
  /** Material code → English name (only those that have one). */
  materials: Map<string, string>;
}

const cache = namedCache<number, VersionNames>({ name: 'cases.version-names', invalidatedBy: 'never' });

/** The names of those versions that exist. */
export async function versionNames(db: Db, ids: Iterable<number>): Promise<Map<number, VersionNames>> {
  const out = new Map<number, VersionNames>();
  const missing: number[] = [];
  for (const id of new Set(ids)) {
    const hit = cache.find(db, id);
    if (hit) out.set(id, hit);
    else missing.push(id);
  }
  if (missing.length === 0) return out;
  const rows = await db.select({ id: itemVersions.id, nameEn: itemVersions.nameEn, materials: itemVersions.materials, status: itemVersions.status })
    .from(itemVersions).where(inArray(itemVersions.id, missing));
  for (const r of rows) {
    const names = { nameEn: r.nameEn, materials: new Map(r.materials.filter((m) => m.nameEn).map((m) => [m.code, m.nameEn!])) };
    out.set(r.id, names);
    // A draft can still change, so it is not kept (cases never point at one; this is only prudence).
    if (r.status !== 'draft') cache.set(db, r.id, names);
  }
  return out;
}
