import type { Db } from '../../db/client.js';
import type { Clock } from '../../domain/clock.js';
import { AppError } from '../../domain/errors.js';
import { localDate } from '../../domain/time-zone.js';
import { addCalendarDays } from '../../domain/working-days.js';
import { listCenters } from '../centers/centers.repository.js';
import { listEvents } from '../events/events.repository.js';
import { getNetworkPlace } from './places.js';
import { openedHere, placeOf, publicPlace } from './openings.service.js';
import { countyWindows } from './openings.repository.js';
import { networkStaff } from './handbook.repository.js';
import { listServiceDays } from './service-days.service.js';
import type { Handbook, HandbookItem } from '#contract/network-places.js';
import type { Material } from '../../domain/catalog.js';

/** Service days a handbook lists: the coming month, what a household plans a visit around. */
const HANDBOOK_DAYS = 31;

/** Materials in brief, as a booklet has room for them: required ones by name and copies, the rest marked 如需. */
export function briefMaterials(materials: Material[]): string[] {
  return materials.map((m) => `${m.required ? '' : '如需：'}${m.name}${m.copies > 1 ? `（${m.copies}份）` : ''}`);
}

/**
 * 百事通: the township's (or one village room's) booklet of what villagers can start there, by life
 * event, with where each is handled and whom to call. Built only from published item versions and the
 * openings, so it can never list an item the agent would then have to refuse.
 */
export async function getHandbook(db: Db, clock: Clock, code: string, villageCode?: string): Promise<Handbook> {
  let at = await publicPlace(db, code);
  const all = await listCenters(db);
  if (villageCode && villageCode !== at.place.code) {
    const village = all.find((c) => c.code === villageCode);
    if (!village || village.level !== 'village' || village.parentId !== at.township.id) {
      throw new AppError('NOT_FOUND', `${villageCode} 不是${at.township.name}的村便民服务室 / ${villageCode} is not a village room of ${at.township.code}`);
    }
    at = await getNetworkPlace(db, village.id);
  }
  const byId = new Map(all.map((c) => [c.id, c]));
  const villages = at.place.level === 'village' ? [at.place] : all.filter((c) => c.parentId === at.township.id && c.level === 'village');
  const [opened, events, windows, staff] = [
    await openedHere(db, at), await listEvents(db, at.county.id, true), await countyWindows(db, at.county.id),
    await networkStaff(db, [at.township.id, ...villages.map((v) => v.id)]),
  ];
  const items: (HandbookItem & { events: string[] })[] = opened.map((r) => ({
    code: r.code, name: r.name, kind: r.kind, promisedDays: r.promisedDays, materials: briefMaterials(r.materials),
    startAt: r.opened.level === 'village' ? `${r.opened.name}（代办员代办）` : '村便民服务室代办员代办，或到乡镇便民服务站办理',
    handledBy: `${r.departmentName}（${r.location}）`, phone: r.phone, scope: r.opened.level as HandbookItem['scope'], events: r.events,
  }));
  const groups: Handbook['groups'] = [];
  const placed = new Set<string>();
  for (const { event } of events) {
    const inEvent = items.filter((i) => i.events.includes(event.name));
    inEvent.forEach((i) => placed.add(i.code));
    if (inEvent.length) groups.push({ event: event.name, items: inEvent.map(({ events: _e, ...i }) => i) });
  }
  const rest = items.filter((i) => !placed.has(i.code));
  if (rest.length) groups.push({ event: null, items: rest.map(({ events: _e, ...i }) => i) });
  const today = localDate(clock.now(), at.place.timeZone);
  const where = at.place.level === 'village' ? { village: at.place.code } : { township: at.township.code };
  const days = (await listServiceDays(db, clock, { ...where, from: today, to: addCalendarDays(today, HANDBOOK_DAYS) })).days;
  const seenWindow = new Set<string>();
  return {
    county: { code: at.county.code, name: at.county.name },
    township: { code: at.township.code, name: at.township.name },
    place: placeOf(at.place, byId),
    // Accounts carry no phone and no table holds a room's number yet: the booklet leaves a line to write it in.
    contact: null,
    villages: villages.map((v) => ({ code: v.code, name: v.name, agents: staff.filter((s) => s.centerId === v.id && s.role === 'agent').map((s) => ({ name: s.displayName })) })),
    stationStaff: staff.filter((s) => s.centerId === at.township.id && s.role === 'station').map((s) => ({ name: s.displayName })),
    groups,
    windows: windows.filter((w) => {
      const key = `${w.department}|${w.location}|${w.phone}`;
      if (seenWindow.has(key)) return false;
      seenWindow.add(key);
      return true;
    }).map((w) => ({ department: w.department, location: w.location, phone: w.phone })),
    serviceDays: days,
  };
}
