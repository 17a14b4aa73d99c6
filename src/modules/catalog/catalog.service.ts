import { localDate } from '../../domain/time-zone.js';
import type { Db } from '../../db/client.js';
import { inTransaction, readAll } from '../../db/tx.js';
import { publishedMaterial, type ItemContent } from '../../domain/catalog.js';
import { AppError } from '../../domain/errors.js';
import { checkItemContent } from '../../domain/item-rules.js';
import { searchKeys } from '../../domain/search-keys.js';
import { writeAdminLog } from '../admin-log/admin-log.repository.js';
import { getPublicCenter } from '../centers/centers.service.js';
import { listDepartments } from '../departments/departments.repository.js';
import type { Actor } from '../departments/departments.service.js';
import { getSettings } from '../settings/settings.service.js';
import * as repo from './catalog.repository.js';
import { namedCache } from '../../lib/cache.js';

// Intake reads the published version of an item on every application. Published versions never
// change; which version is published does, and a publish or retire here clears this at once
// (another server process sees it within the TTL). "Not published" is remembered too, hence the wrapper.
const publishedCache = namedCache<string, { row: Awaited<ReturnType<typeof repo.findPublishedVersion>> }>({
  name: 'catalog.published', invalidatedBy: 'writes', ttlMs: 5_000,
});

export async function findPublishedCached(db: Db, centerId: number, code: string) {
  const key = `${centerId}:${code}`;
  const hit = publishedCache.find(db, key) ?? publishedCache.set(db, key, { row: await repo.findPublishedVersion(db, centerId, code) });
  return hit.row;
}

type Summary = Awaited<ReturnType<typeof repo.searchPublished>>['rows'][number] & { versionStatus?: string };

function toSummary(r: Summary) {
  return {
    code: r.code,
    name: r.name,
    nameEn: r.nameEn,
    kind: r.kind,
    department: { code: r.departmentCode, name: r.departmentName },
    statutoryDays: r.statutoryDays,
    promisedDays: r.promisedDays,
    onlineAllowed: r.onlineAllowed,
    feeCents: r.feeCents,
    version: r.publishedVersion,
    status: r.status,
    ...(r.versionStatus !== undefined ? { hasDraft: r.versionStatus === 'draft' && r.publishedVersion !== null } : {}),
  };
}

export function contentOf(v: repo.ItemVersionRow): ItemContent {
  return {
    name: v.name, nameEn: v.nameEn, kind: v.kind, category: v.category, legalBasis: v.legalBasis, conditions: v.conditions,
    procedure: v.procedure, statutoryDays: v.statutoryDays, promisedDays: v.promisedDays, feeBasis: v.feeBasis,
    feeStandard: v.feeStandard, feeCents: v.feeCents, resultType: v.resultType, resultName: v.resultName,
    location: v.location, phone: v.phone, onlineAllowed: v.onlineAllowed, deemedApproval: v.deemedApproval,
    stages: v.stages, materials: v.materials, events: v.events,
  };
}

export async function searchPublic(db: Db, f: repo.SearchFilter & { center?: string }) {
  const center = await getPublicCenter(db, f.center);
  const { rows, total } = await repo.searchPublished(db, center.id, f);
  return { items: rows.map(toSummary), total, page: f.page, pageSize: f.pageSize };
}

export async function searchAdmin(db: Db, centerId: number, f: repo.SearchFilter) {
  const { rows, total } = await repo.searchAll(db, centerId, f);
  return { items: rows.map(toSummary), total, page: f.page, pageSize: f.pageSize };
}

async function getItem(db: Db, centerId: number, code: string) {
  const found = await repo.findItem(db, centerId, code);
  if (!found) throw new AppError('NOT_FOUND', `Item ${code} not found`);
  return found;
}

/** The published guide: the one record the online hall, the printed guide and the notification sheet all read. */
export async function getGuide(db: Db, code: string, centerCode?: string) {
  const center = await getPublicCenter(db, centerCode);
  const found = await repo.findItem(db, center.id, code);
  if (!found || found.item.status !== 'published' || found.item.publishedVersion === null) throw new AppError('NOT_FOUND', `Item ${code} not found`);
  const v = await repo.findVersion(db, found.item.id, found.item.publishedVersion);
  if (!v) throw new AppError('NOT_FOUND', `Item ${code} not found`);
  const q = centerCode ? `?center=${encodeURIComponent(centerCode)}` : '';
  return {
    code: found.item.code,
    version: v.version,
    publishedAt: (v.publishedAt ?? v.createdAt).toISOString(),
    // The date as the center's calendar has it: an item published at 01:56 Shanghai time is the
    // 8th there even though its UTC instant is still the 7th.
    publishedOn: localDate(v.publishedAt ?? v.createdAt, center.timeZone),
    department: { code: found.departmentCode, name: found.departmentName },
    center: { code: center.code, name: center.name, timeZone: center.timeZone },
    links: {
      guide: `/print/items/${encodeURIComponent(found.item.code)}/guide${q}`,
      notice: `/print/items/${encodeURIComponent(found.item.code)}/notice${q}`,
    },
    ...publicContent(contentOf(v)),
  };
}

/** What the applicant may read: see publishedMaterial (no promise the intake does not keep). */
function publicContent(c: ItemContent): ItemContent {
  return { ...c, materials: c.materials.map(publishedMaterial) };
}

async function check(db: Db, centerId: number, content: ItemContent) {
  // Runs inside the saving transaction: readAll, not Promise.all.
  const [settings, depts] = await readAll(db, [() => getSettings(db), () => listDepartments(db, centerId, true)]);
  const result = checkItemContent(content, { ratioMax: settings.promisedRatioMax, departmentCodes: new Set(depts.map((d) => d.code)) });
  if (result.errors.length > 0) {
    throw new AppError('VALIDATION_FAILED', `Invalid item: ${result.errors[0]!.field} ${result.errors[0]!.message}`, result.errors);
  }
  return result;
}

export async function getAdminItem(db: Db, centerId: number, code: string) {
  const found = await getItem(db, centerId, code);
  const [settings, depts, versions] = await Promise.all([
    getSettings(db), listDepartments(db, centerId, false), repo.listVersions(db, found.item.id),
  ]);
  const codes = new Set(depts.map((d) => d.code));
  return {
    code: found.item.code,
    department: { code: found.departmentCode, name: found.departmentName },
    status: found.item.status,
    versions: versions.map((v) => ({
      version: v.version,
      status: v.status,
      createdAt: v.createdAt.toISOString(),
      publishedAt: v.publishedAt?.toISOString() ?? null,
      warnings: checkItemContent(contentOf(v), { ratioMax: settings.promisedRatioMax, departmentCodes: codes }).warnings,
      ...contentOf(v),
    })),
  };
}

function versionRow(itemId: number, version: number, content: ItemContent, actor: Actor): repo.NewItemVersion {
  const keys = searchKeys(content.name);
  return {
    itemId, version, status: 'draft', ...content,
    // A draft saved without an English name has none (not the previous draft's).
    nameEn: content.nameEn?.trim() ?? '',
    pinyinFull: keys.full, pinyinInitials: keys.initials, createdAt: actor.at, createdBy: actor.userId,
  };
}

export async function createItem(db: Db, actor: Actor, input: ItemContent & { code: string; department: string }) {
  const { code, department, ...content } = input;
  await inTransaction(db, async (tx) => {
    const dept = (await listDepartments(tx, actor.centerId, true)).find((d) => d.code === department);
    if (!dept) throw new AppError('VALIDATION_FAILED', `Unknown department ${department}`, [{ field: 'department', message: 'unknown or retired department' }]);
    if (await repo.findItem(tx, actor.centerId, code)) {
      throw new AppError('DUPLICATE', `Item code ${code} already exists`, [{ field: 'code', message: 'already exists' }]);
    }
    await check(tx, actor.centerId, content);
    const item = await repo.insertItem(tx, { centerId: actor.centerId, code, departmentId: dept.id, status: 'draft' });
    await repo.insertVersion(tx, versionRow(item.id, 1, content, actor));
    await writeAdminLog(tx, { ...actor, action: 'item.create', target: code });
  });
  return getAdminItem(db, actor.centerId, code);
}

/** Edits go to a draft: a published version is never changed, since cases point at it. */
export async function saveDraft(db: Db, actor: Actor, code: string, content: ItemContent) {
  await inTransaction(db, async (tx) => {
    const found = await getItem(tx, actor.centerId, code);
    if (found.item.status === 'retired') throw new AppError('CONFLICT', `Item ${code} is retired`);
    await repo.lockItem(tx, found.item.id);
    await check(tx, actor.centerId, content);
    const [latest] = await repo.listVersions(tx, found.item.id);
    if (latest?.status === 'draft') {
      const { itemId: _i, version: _v, status: _s, createdAt: _c, createdBy: _b, ...fields } = versionRow(found.item.id, latest.version, content, actor);
      await repo.updateVersion(tx, latest.id, fields);
    } else {
      await repo.insertVersion(tx, versionRow(found.item.id, (latest?.version ?? 0) + 1, content, actor));
    }
    await writeAdminLog(tx, { ...actor, action: 'item.draft', target: code });
  });
  return getAdminItem(db, actor.centerId, code);
}

export async function publishItem(db: Db, actor: Actor, code: string) {
  const result = await publishInTransaction(db, actor, code);
  publishedCache.clear();
  return result;
}

function publishInTransaction(db: Db, actor: Actor, code: string) {
  return inTransaction(db, async (tx) => {
    const found = await getItem(tx, actor.centerId, code);
    await repo.lockItem(tx, found.item.id);
    const [latest] = await repo.listVersions(tx, found.item.id);
    if (!latest || latest.status !== 'draft') throw new AppError('CONFLICT', `Item ${code} has no draft to publish`);
    const { warnings } = await check(tx, actor.centerId, contentOf(latest));
    if (found.item.publishedVersion !== null) {
      const previous = await repo.findVersion(tx, found.item.id, found.item.publishedVersion);
      if (previous) await repo.updateVersion(tx, previous.id, { status: 'superseded' });
    }
    await repo.updateVersion(tx, latest.id, { status: 'published', publishedAt: actor.at, publishedBy: actor.userId });
    await repo.updateItem(tx, found.item.id, { status: 'published', publishedVersion: latest.version });
    await writeAdminLog(tx, { ...actor, action: 'item.publish', target: code, detail: { version: latest.version, warnings } });
    return { version: latest.version, warnings };
  });
}

export async function retireItem(db: Db, actor: Actor, code: string) {
  await inTransaction(db, async (tx) => {
    const found = await getItem(tx, actor.centerId, code);
    await repo.updateItem(tx, found.item.id, { status: 'retired' });
    await writeAdminLog(tx, { ...actor, action: 'item.retire', target: code });
  });
  publishedCache.clear();
  return { status: 'retired' as const };
}
