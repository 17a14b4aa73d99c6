import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/tx.js';
import { AppError, invalid, type FieldProblem } from '../../domain/errors.js';
import { writeAdminLog } from '../admin-log/admin-log.repository.js';
import { listCenters } from '../centers/centers.repository.js';
import { getCenterCached, getPublicCenter, type CenterRow } from '../centers/centers.service.js';
import type { Actor } from '../departments/departments.service.js';
import { getNetworkPlace, type NetworkPlace } from './places.js';
import * as repo from './openings.repository.js';
import type { ItemHere, OpeningList, Place } from '#contract/network-places.js';

/** The county an administrator configures: the admin's own center, which must be a county. */
export async function adminCounty(db: Db, centerId: number): Promise<CenterRow> {
  const county = await getCenterCached(db, centerId);
  if (county.level !== 'county') throw new AppError('FORBIDDEN', '只有县级中心的管理员可以配置三级网络 / only a county center\'s administrator configures its network');
  return county;
}

export const placeOf = (c: CenterRow, byId: Map<number, CenterRow>): Place => ({
  code: c.code, name: c.name, level: c.level as Place['level'], parent: c.level === 'county' || c.parentId === null ? null : byId.get(c.parentId)?.code ?? null,
});

/** The county and its stations and rooms: the county first, then each township followed by its villages. */
export async function countyPlaces(db: Db, county: CenterRow): Promise<{ places: Place[]; rows: CenterRow[] }> {
  const all = await listCenters(db);
  const byId = new Map(all.map((c) => [c.id, c]));
  const rows: CenterRow[] = [county];
  for (const t of all.filter((c) => c.parentId === county.id && c.level === 'township')) {
    rows.push(t, ...all.filter((c) => c.parentId === t.id && c.level === 'village'));
  }
  return { places: rows.map((c) => placeOf(c, byId)), rows };
}

export async function listOpenings(db: Db, centerId: number): Promise<OpeningList> {
  const county = await adminCounty(db, centerId);
  const { places } = await countyPlaces(db, county);
  const list = await repo.listCountyItems(db, county.id);
  const openings = await repo.listOpenings(db, county.id);
  const byItem = new Map<string, { code: string; name: string }[]>();
  for (const o of openings) {
    const at = byItem.get(o.itemCode) ?? [];
    at.push({ code: o.centerCode, name: o.centerName });
    byItem.set(o.itemCode, at);
  }
  return {
    county: { code: county.code, name: county.name },
    places,
    items: list.map((i) => ({ code: i.code, name: i.name, department: { code: i.departmentCode, name: i.departmentName }, places: byItem.get(i.code) ?? [] })),
  };
}

/**
 * Replaces where an item is opened. Every center must be the county itself or a station or room
 * under it: an opening anywhere else would let another county's agents take this county's cases.
 */
export async function setOpenings(db: Db, actor: Actor, itemCode: string, codes: string[]) {
  const county = await adminCounty(db, actor.centerId);
  const item = await repo.findCountyItem(db, county.id, itemCode);
  if (!item) throw new AppError('NOT_FOUND', `事项 ${itemCode} 不存在 / no item ${itemCode} in this county`);
  const { rows } = await countyPlaces(db, county);
  const byCode = new Map(rows.map((c) => [c.code, c]));
  const problems: FieldProblem[] = [];
  codes.forEach((code, i) => { if (!byCode.has(code)) problems.push({ field: `centers.${i}`, message: `${code} is not the county or a station or room under it` }); });
  if (problems.length) throw invalid(`不是本县的乡镇便民服务站或村便民服务室 / ${problems[0]!.message}`, problems);
  const wanted = [...new Set(codes)].map((c) => byCode.get(c)!);
  await inTransaction(db, async (tx) => {
    const before = await repo.lockItemOpenings(tx, item.id);
    await repo.replaceOpenings(tx, item.id, wanted.map((c) => c.id), actor.at, actor.userId);
    const codeOf = (id: number) => rows.find((c) => c.id === id)?.code ?? String(id);
    await writeAdminLog(tx, { ...actor, action: 'network.openings', target: itemCode, detail: { before: before.map(codeOf), after: wanted.map((c) => c.code) } });
  });
  return (await listOpenings(db, actor.centerId)).items.find((i) => i.code === itemCode)!;
}

/** A public place code: a township station or village room, else 404 (the county hall takes everything). */
export async function publicPlace(db: Db, code: string): Promise<NetworkPlace> {
  const center = await getPublicCenter(db, code);
  if (center.level !== 'township' && center.level !== 'village') throw new AppError('NOT_FOUND', `${code} 不是乡镇便民服务站或村便民服务室 / ${code} is not a township station or village room`);
  return getNetworkPlace(db, center.id);
}

/**
 * What a villager can start at the place: items opened at it or at a center above it. An item opened
 * at several of those is kept once, with the opening nearest the place (受办分离 before 通办).
 */
export async function openedHere(db: Db, at: NetworkPlace) {
  const chain = at.chain;
  const rank = new Map(chain.map((c, i) => [c.id, i]));
  const rows = await repo.itemsOpenedAt(db, at.county.id, chain.map((c) => c.id));
  const best = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const seen = best.get(r.code);
    if (!seen || rank.get(r.openedAtId)! < rank.get(seen.openedAtId)!) best.set(r.code, r);
  }
  return [...best.values()].map((r) => ({ ...r, opened: chain[rank.get(r.openedAtId)!]! }));
}

export async function itemsAt(db: Db, at: NetworkPlace): Promise<ItemHere[]> {
  return (await openedHere(db, at)).map((r) => ({
    code: r.code, name: r.name, kind: r.kind, promisedDays: r.promisedDays, department: { code: r.departmentCode, name: r.departmentName },
    location: r.location, phone: r.phone, openedAt: { code: r.opened.code, name: r.opened.name }, scope: r.opened.level as ItemHere['scope'], events: r.events,
  }));
}

export async function itemsHere(db: Db, code: string) {
  const at = await publicPlace(db, code);
  const all = await listCenters(db);
  const byId = new Map(all.map((c) => [c.id, c]));
  return { place: placeOf(at.place, byId), items: await itemsAt(db, at) };
}

