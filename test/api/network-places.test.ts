import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { call, login, startTestServer, type Session, type TestServer } from '../helpers/test-server.js';
import { rows } from '../helpers/applicant.js';
import { allMaterials, findItem, PERSON } from '../helpers/cases.js';

// The places of the three-level network: openings (受办分离/通办), service days (驻村服务日), the handbook (百事通).
// The clock: Monday 2026-11-16, 10:00 in the county; the demo seeds service days on the next working Thursdays.
let s: TestServer;
const u: Record<string, Session> = {};
let permit: Awaited<ReturnType<typeof findItem>>;

beforeAll(async () => {
  s = await startTestServer({ now: '2026-11-16T02:00:00Z' });
  for (const name of ['admin', 'agent-hp-cg-dj', 'station-hp-cg', 'station-hp-xk', 'desk1']) u[name] = await login(s.url, name);
  permit = await findItem(s, '乡村建设规划许可证核发'); // ZRZY-004: opened at 溪口镇 and 山前乡 only
});
afterAll(async () => { await s?.close(); });

const villager = { ...PERSON, name: '王五', phone: '13700002222' };
const proxyBody = (item: { code: string; materials: { code: string }[] }) => ({
  itemCode: item.code, applicant: villager, channel: 'village', materials: allMaterials(item), authorization: { kind: 'paper' },
});
const openingsOf = async (code: string) => (await rows<{ center: string }>(s, sql`
  select c.code as center from network_item_openings o join items i on i.id = o.item_id join centers c on c.id = o.center_id
  where i.code = ${code} order by c.code`)).map((r) => r.center);
const hereCodes = async (place: string) => ((await call(s.url, 'GET', `/api/centers/${place}/items-here`)).body.items as { code: string }[]).map((i) => i.code);

describe('openings (受办分离 / 通办)', () => {
  it('lists each item with where it is open, and the county\'s places', async () => {
    const res = await u.admin!.request('GET', '/api/network/openings');
    expect(res.status).toBe(200);
    expect(res.body.county.code).toBe('HP');
    expect(res.body.places.map((p: { code: string }) => p.code)).toEqual(['HP', 'HP-CG', 'HP-CG-DJ', 'HP-XK', 'HP-XK-SP', 'HP-XK-LT', 'HP-SQ', 'HP-SQ-SM']);
    const zrzy = res.body.items.find((i: { code: string }) => i.code === permit.code);
    expect(zrzy.places.map((p: { code: string }) => p.code).sort()).toEqual(['HP-SQ', 'HP-XK']);
    expect((await u['station-hp-cg']!.request('GET', '/api/network/openings')).status).toBe(403);
  });

  it('refuses non-admins and bad centers, changing nothing', async () => {
    const before = await openingsOf(permit.code);
    for (const who of ['station-hp-cg', 'desk1', 'agent-hp-cg-dj']) {
      expect((await u[who]!.request('PUT', `/api/network/openings/${permit.code}`, { centers: ['HP-CG'] })).status).toBe(403);
    }
    const city = await u.admin!.request('PUT', `/api/network/openings/${permit.code}`, { centers: ['HP-XK', 'NL'] });
    expect(city.status).toBe(400);
    expect(city.body.details[0].field).toBe('centers.1');
    const unknown = await u.admin!.request('PUT', `/api/network/openings/${permit.code}`, { centers: ['NOPE'] });
    expect(unknown.status).toBe(400);
    expect((await u.admin!.request('PUT', '/api/network/openings/NO-SUCH-1', { centers: ['HP-CG'] })).status).toBe(404);
    expect((await u.admin!.request('PUT', `/api/network/openings/${permit.code}`, { centers: 'HP-CG' })).status).toBe(400);
    expect(await openingsOf(permit.code)).toEqual(before);
  });

  it('an agent\'s intake follows the new openings, and the admin log records them', async () => {
    const agent = u['agent-hp-cg-dj']!;
    const refused = await agent.request('POST', '/api/cases', proxyBody(permit));
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('NOT_OPEN_HERE');
    expect(await hereCodes('HP-CG-DJ')).not.toContain(permit.code);

    const opened = await u.admin!.request('PUT', `/api/network/openings/${permit.code}`, { centers: ['HP-XK', 'HP-SQ', 'HP-CG', 'HP-CG'] });
    expect(opened.status).toBe(200);
    expect(opened.body.places.map((p: { code: string }) => p.code).sort()).toEqual(['HP-CG', 'HP-SQ', 'HP-XK']);
    const [log] = await rows<{ detail: { before: string[]; after: string[] } }>(s, sql`
      select detail from admin_log where action = 'network.openings' and target = ${permit.code} order by id desc limit 1`);
    expect(log!.detail.before.sort()).toEqual(['HP-SQ', 'HP-XK']);
    expect(log!.detail.after.sort()).toEqual(['HP-CG', 'HP-SQ', 'HP-XK']);

    expect(await hereCodes('HP-CG-DJ')).toContain(permit.code);
    const here = (await call(s.url, 'GET', '/api/centers/HP-CG-DJ/items-here')).body.items.find((i: { code: string }) => i.code === permit.code);
    expect(here.openedAt.code).toBe('HP-CG');
    expect(here.scope).toBe('township');
    const taken = await agent.request('POST', '/api/cases', proxyBody(permit));
    expect(taken.status).toBe(201);

    // Closed again: the agent is refused again.
    expect((await u.admin!.request('PUT', `/api/network/openings/${permit.code}`, { centers: ['HP-XK', 'HP-SQ'] })).status).toBe(200);
    expect((await agent.request('POST', '/api/cases', proxyBody(permit))).status).toBe(422);
    expect(await hereCodes('HP-CG-DJ')).not.toContain(permit.code);
  });

  it('items-here answers for stations and rooms only', async () => {
    expect((await call(s.url, 'GET', '/api/centers/HP/items-here')).status).toBe(404);
    expect((await call(s.url, 'GET', '/api/centers/NOPE/items-here')).status).toBe(404);
    const xk = await hereCodes('HP-XK-SP');
    expect(xk).toContain(permit.code);
    expect(xk).toContain('MZ-004'); // 通办 county-wide
  });
});

describe('service days (驻村服务日)', () => {
  const day = (extra: Record<string, unknown> = {}) => ({
    village: 'HP-CG-DJ', date: '2026-11-18', startTime: '09:00', endTime: '11:30', staff: '民政所 张会计', note: '带户口簿', capacity: 2, ...extra,
  });

  it('a station publishes for its own villages only; bad days are refused and nothing is written', async () => {
    const station = u['station-hp-cg']!;
    const count = async () => (await rows<{ n: number }>(s, sql`select count(*)::int as n from service_days`))[0]!.n;
    const before = await count();
    const other = await station.request('POST', '/api/network/service-days', day({ village: 'HP-XK-SP' }));
    expect(other.status).toBe(403);
    expect((await u['agent-hp-cg-dj']!.request('POST', '/api/network/service-days', day())).status).toBe(403);
    expect((await station.request('POST', '/api/network/service-days', day({ village: 'HP-CG' }))).status).toBe(400);
    expect((await station.request('POST', '/api/network/service-days', day({ date: '2026-11-21' }))).status).toBe(422); // Saturday
    expect((await station.request('POST', '/api/network/service-days', day({ date: '2026-11-16' }))).status).toBe(400); // today
    expect((await station.request('POST', '/api/network/service-days', day({ endTime: '08:00' }))).status).toBe(400);
    expect(await count()).toBe(before);

    const res = await station.request('POST', '/api/network/service-days', day());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ village: { code: 'HP-CG-DJ' }, township: { code: 'HP-CG' }, date: '2026-11-18', booking: { category: 'SERVICE-DAY', capacity: 2, booked: 0 } });
    expect((await station.request('POST', '/api/network/service-days', day())).status).toBe(409);
    const [log] = await rows<{ n: number }>(s, sql`select count(*)::int as n from admin_log where action = 'network.service-day.create' and target = 'HP-CG-DJ:2026-11-18'`);
    expect(log!.n).toBe(1);
    // The county's admin may publish for any village of the county.
    expect((await u.admin!.request('POST', '/api/network/service-days', day({ village: 'HP-XK-LT', date: '2026-11-17' }))).status).toBe(201);
  });

  it('villagers see their village\'s days and book a seat through the appointments API; the capacity holds', async () => {
    const list = await call(s.url, 'GET', '/api/network/service-days?village=HP-CG-DJ');
    expect(list.status).toBe(200);
    const d = list.body.days.find((x: { date: string }) => x.date === '2026-11-18');
    expect(d.booking.slotId).toBeTypeOf('number');
    // The seeded Thursdays are listed with the township's days.
    const township = await call(s.url, 'GET', '/api/network/service-days?township=HP-CG');
    expect(township.body.days.length).toBeGreaterThan(1);
    expect(township.body.days.every((x: { township: { code: string } }) => x.township.code === 'HP-CG')).toBe(true);
    expect((await call(s.url, 'GET', '/api/network/service-days')).status).toBe(400);
    expect((await call(s.url, 'GET', '/api/network/service-days?village=HP-CG')).status).toBe(404);

    const cats = await call(s.url, 'GET', '/api/public/appointments/categories?center=HP-CG-DJ');
    expect(cats.body.map((c: { code: string }) => c.code)).toContain('SERVICE-DAY');
    const slots = await call(s.url, 'GET', '/api/public/appointments/slots?category=SERVICE-DAY&center=HP-CG-DJ&from=2026-11-18&to=2026-11-18');
    expect(slots.body.slots.map((x: { id: number }) => x.id)).toEqual([d.booking.slotId]);

    const book = (mobile: string) => call(s.url, 'POST', '/api/public/appointments', { category: 'SERVICE-DAY', slotId: d.booking.slotId, name: '赵大娘', mobile });
    const first = await book('13700003331');
    expect(first.status).toBe(201);
    expect(first.body.slot.date).toBe('2026-11-18');
    expect((await book('13700003332')).status).toBe(201);
    const full = await book('13700003333');
    expect(full.status).toBe(409);
    expect(full.body.code).toBe('SLOT_FULL');
    const after = (await call(s.url, 'GET', '/api/network/service-days?village=HP-CG-DJ&from=2026-11-18&to=2026-11-18')).body.days[0];
    expect(after.booking).toMatchObject({ capacity: 2, booked: 2, remaining: 0 });
    const sms = await rows<{ n: number }>(s, sql`select count(*)::int as n from outbox where recipient in ('13700003331', '13700003332') and template = 'appointment-booked'`);
    expect(sms[0]!.n).toBe(2);
  });

  it('takes down only unbooked days, by their own township or the admin', async () => {
    const list = (await call(s.url, 'GET', '/api/network/service-days?township=HP-CG&from=2026-11-17&to=2026-11-30')).body.days as { id: number; date: string; booking: { booked: number } }[];
    const booked = list.find((d) => d.date === '2026-11-18')!;
    const free = list.find((d) => d.booking.booked === 0)!;
    expect((await u['station-hp-cg']!.request('DELETE', `/api/network/service-days/${booked.id}`)).status).toBe(409);
    expect((await u['station-hp-xk']!.request('DELETE', `/api/network/service-days/${free.id}`)).status).toBe(403);
    expect((await u['station-hp-cg']!.request('DELETE', '/api/network/service-days/999999')).status).toBe(404);
    expect((await u['station-hp-cg']!.request('DELETE', `/api/network/service-days/${free.id}`)).status).toBe(200);
    const again = (await call(s.url, 'GET', '/api/network/service-days?township=HP-CG&from=2026-11-17&to=2026-11-30')).body.days as { id: number }[];
    expect(again.map((d) => d.id)).not.toContain(free.id);
    expect(again.map((d) => d.id)).toContain(booked.id);
  });
});

describe('handbook (百事通)', () => {
  it('groups the items a villager can start at the place by life event; every item is open there', async () => {
    const res = await call(s.url, 'GET', '/api/centers/HP-XK/handbook');
    expect(res.status).toBe(200);
    expect(res.body.township).toEqual({ code: 'HP-XK', name: '溪口镇便民服务中心' });
    expect(res.body.villages.map((v: { code: string }) => v.code)).toEqual(['HP-XK-SP', 'HP-XK-LT']);
    expect(res.body.villages[0].agents.length).toBeGreaterThan(0);
    expect(res.body.contact).toBeNull();
    const inBook = res.body.groups.flatMap((g: { items: { code: string }[] }) => g.items.map((i) => i.code)) as string[];
    const here = await hereCodes('HP-XK');
    expect(new Set(inBook)).toEqual(new Set(here));
    expect(inBook).toContain(permit.code);
    // Each group's items name its event in their published version; the ungrouped ones name none of the events.
    const events = new Map((await rows<{ code: string; events: string[] }>(s, sql`
      select i.code, v.events from items i join item_versions v on v.item_id = i.id and v.version = i.published_version`)).map((r) => [r.code, r.events]));
    const named = res.body.groups.filter((g: { event: string | null }) => g.event !== null);
    expect(named.length).toBeGreaterThan(0);
    for (const g of named) for (const i of g.items) expect(events.get(i.code)).toContain(g.event);
    const eventNames = named.map((g: { event: string }) => g.event);
    const other = res.body.groups.find((g: { event: string | null }) => g.event === null);
    for (const i of other?.items ?? []) expect(events.get(i.code)!.some((e) => eventNames.includes(e))).toBe(false);
    expect(res.body.windows.length).toBeGreaterThan(3);
    expect(res.body.windows.every((w: { phone: string }) => w.phone.length > 0)).toBe(true);
  });

  it('a township without the opening does not list the item; a village of another township is refused', async () => {
    const cg = await call(s.url, 'GET', '/api/centers/HP-CG/handbook');
    const codes = cg.body.groups.flatMap((g: { items: { code: string }[] }) => g.items.map((i) => i.code));
    expect(codes).not.toContain(permit.code);
    expect(codes).toContain('MZ-004');
    expect((await call(s.url, 'GET', '/api/centers/HP-XK/handbook?village=HP-SQ-SM')).status).toBe(404);
    expect((await call(s.url, 'GET', '/api/centers/HP/handbook')).status).toBe(404);
  });

  it('prints an A5 booklet with the village room\'s cover, no inline script', async () => {
    const res = await fetch(`${s.url}/print/centers/HP-XK/handbook?village=HP-XK-SP`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('@page { size: A5');
    expect(html).toContain('data-part="cover"');
    expect(html).toContain('溪口镇上坪村便民服务室');
    expect(html).toContain('便民服务百事通');
    expect(html).toContain('data-part="windows"');
    expect(html).toContain(`data-item="${permit.code}"`);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});
