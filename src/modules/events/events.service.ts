import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/tx.js';
import { AppError } from '../../domain/errors.js';
import { writeAdminLog } from '../admin-log/admin-log.repository.js';
import { getPublicCenter } from '../centers/centers.service.js';
import type { Actor } from '../departments/departments.service.js';
import * as repo from './events.repository.js';
import type { EventKind } from '#contract/events.js';


export interface EventInput {
  slug: string;
  name: string;
  nameEn?: string;
  kind: EventKind;
  icon?: string;
  description?: string;
  sortOrder?: number;
  active?: boolean;
}

function eventView(e: repo.EventRow, itemCount?: number) {
  return {
    id: e.id,
    slug: e.slug,
    name: e.name,
    nameEn: e.nameEn,
    kind: e.kind,
    icon: e.icon,
    description: e.description,
    sortOrder: e.sortOrder,
    active: e.active,
    ...(itemCount !== undefined ? { itemCount } : {}),
  };
}

type ItemRow = Awaited<ReturnType<typeof repo.publishedItemsOfEvent>>[number];

/** The same summary shape as the catalog search answers. */
function itemSummary(r: ItemRow) {
  return {
    code: r.code, name: r.name, nameEn: r.nameEn, kind: r.kind, department: { code: r.departmentCode, name: r.departmentName },
    statutoryDays: r.statutoryDays, promisedDays: r.promisedDays, onlineAllowed: r.onlineAllowed, feeCents: r.feeCents,
    version: r.publishedVersion, status: r.status,
  };
}

const notFound = (ref: string) => new AppError('NOT_FOUND', `Event ${ref} not found`);

export async function listPublicEvents(db: Db, centerCode?: string) {
  const center = await getPublicCenter(db, centerCode);
  const rows = await repo.listEvents(db, center.id, true);
  return { events: rows.map((r) => eventView(r.event, r.itemCount)) };
}

/** An event by its id or slug, with the published items that name it. */
export async function getPublicEvent(db: Db, ref: string, centerCode?: string) {
  const center = await getPublicCenter(db, centerCode);
  const event = /^\d{1,9}$/.test(ref) ? await repo.findEventById(db, center.id, Number(ref)) : await repo.findEventBySlug(db, center.id, ref);
  if (!event || !event.active) throw notFound(ref);
  const items = (await repo.publishedItemsOfEvent(db, center.id, event.name)).map(itemSummary);
  return { ...eventView(event, items.length), items };
}

export async function listAdminEvents(db: Db, centerId: number) {
  const rows = await repo.listEvents(db, centerId, false);
  return { events: rows.map((r) => eventView(r.event, r.itemCount)) };
}

async function checkUnique(db: Db, centerId: number, input: { slug: string; name: string }, selfId?: number) {
  const bySlug = await repo.findEventBySlug(db, centerId, input.slug);
  if (bySlug && bySlug.id !== selfId) throw new AppError('DUPLICATE', `Event slug ${input.slug} already exists`, [{ field: 'slug', message: 'already exists' }]);
  const byName = await repo.findEventByName(db, centerId, input.name);
  if (byName && byName.id !== selfId) throw new AppError('DUPLICATE', `Event ${input.name} already exists`, [{ field: 'name', message: 'already exists' }]);
}

const fields = (input: EventInput) => ({
  slug: input.slug, name: input.name.trim(), nameEn: input.nameEn ?? '', kind: input.kind, icon: input.icon ?? '',
  description: input.description ?? '', sortOrder: input.sortOrder ?? 0, active: input.active ?? true,
});

export async function createEvent(db: Db, actor: Actor, input: EventInput) {
  const created = await inTransaction(db, async (tx) => {
    const values = fields(input);
    await checkUnique(tx, actor.centerId, values);
    const row = await repo.insertEvent(tx, { centerId: actor.centerId, ...values, createdAt: actor.at, updatedAt: actor.at });
    await writeAdminLog(tx, { ...actor, action: 'event.create', target: row.slug, detail: values });
    return row;
  });
  return eventView(created);
}

/**
 * Replaces an event's fields. Items link to an event by its name, so a rename leaves the items that
 * still carry the old name out until their guides are edited; the answer says how many items it has.
 */
export async function updateEvent(db: Db, actor: Actor, id: number, input: EventInput) {
  await inTransaction(db, async (tx) => {
    const found = await repo.findEventById(tx, actor.centerId, id);
    if (!found) throw notFound(String(id));
    const values = fields(input);
    await checkUnique(tx, actor.centerId, values, id);
    await repo.updateEvent(tx, id, { ...values, updatedAt: actor.at });
    await writeAdminLog(tx, { ...actor, action: 'event.update', target: values.slug, detail: { before: eventView(found), after: values } });
  });
  const row = (await repo.listEvents(db, actor.centerId, false)).find((r) => r.event.id === id)!;
  return eventView(row.event, row.itemCount);
}

/** Seeds events (demo data): a name already present is left alone. */
export async function seedEvents(db: Db, centerId: number, at: Date, list: EventInput[]) {
  for (const input of list) {
    if (await repo.findEventByName(db, centerId, input.name)) continue;
    await repo.insertEvent(db, { centerId, ...fields(input), createdAt: at, updatedAt: at });
  }
}
