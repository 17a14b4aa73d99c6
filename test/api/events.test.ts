import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { call, login, startTestServer, type Session, type TestServer } from '../helpers/test-server.js';

let s: TestServer;
let admin: Session;
let desk: Session;
beforeAll(async () => {
  s = await startTestServer();
  [admin, desk] = await Promise.all([login(s.url, 'admin'), login(s.url, 'desk1')]);
});
afterAll(async () => { await s?.close(); });

async function count(table: string, where = 'true'): Promise<number> {
  const res = await s.database.db.execute(sql.raw(`select count(*)::int as n from ${table} where ${where}`));
  return (res as unknown as { rows: { n: number }[] }).rows[0]!.n;
}

describe('public events', () => {
  it('lists the seeded life and business events, each with its number of published items', async () => {
    const res = await call(s.url, 'GET', '/api/public/events');
    expect(res.status).toBe(200);
    const byName = new Map<string, any>(res.body.events.map((e: any) => [e.name, e]));
    for (const name of ['新生儿出生', '退休', '我要开餐馆', '我要开公司', '就业创业']) expect(byName.has(name), name).toBe(true);
    expect(byName.get('新生儿出生')).toMatchObject({ kind: 'life', slug: 'newborn', active: true });
    expect(byName.get('我要开餐馆')).toMatchObject({ kind: 'business', slug: 'open-restaurant' });
    // Every seeded event bundles at least one published item.
    for (const e of res.body.events) expect(e.itemCount, e.name).toBeGreaterThan(0);
    // Life events first, then business ones, each in their order.
    const kinds = res.body.events.map((e: any) => e.kind);
    expect(kinds.indexOf('business')).toBeGreaterThan(kinds.lastIndexOf('life'));
  });

  it('shows an event by slug or id with exactly the published items whose guide names it', async () => {
    const bySlug = await call(s.url, 'GET', '/api/public/events/open-restaurant');
    expect(bySlug.status).toBe(200);
    const names = bySlug.body.items.map((i: any) => i.name);
    expect(names).toContain('食品经营许可');
    expect(names).toContain('个体工商户设立登记');
    expect(names).not.toContain('结婚登记');
    expect(bySlug.body.itemCount).toBe(bySlug.body.items.length);
    expect(bySlug.body.items[0]).toMatchObject({ code: expect.any(String), department: { code: expect.any(String), name: expect.any(String) }, status: 'published' });
    const expected = await count('items i join item_versions v on v.item_id = i.id and v.version = i.published_version',
      `i.status = 'published' and v.events @> '["我要开餐馆"]'::jsonb`);
    expect(bySlug.body.items.length).toBe(expected);

    const byId = await call(s.url, 'GET', `/api/public/events/${bySlug.body.id}`);
    expect(byId.status).toBe(200);
    expect(byId.body.items).toEqual(bySlug.body.items);

    const retire = await call(s.url, 'GET', '/api/public/events/retirement');
    expect(retire.body.items.map((i: any) => i.name)).toEqual(expect.arrayContaining(['企业职工基本养老保险退休待遇核定', '住房公积金提取（离退休）']));
  });

  it('answers 404 for an unknown event and 400 for a hostile reference', async () => {
    expect((await call(s.url, 'GET', '/api/public/events/no-such-event')).status).toBe(404);
    expect((await call(s.url, 'GET', '/api/public/events/999999')).status).toBe(404);
    expect((await call(s.url, 'GET', `/api/public/events/${'x'.repeat(41)}`)).status).toBe(400);
    for (const hostile of ['a%00b', '%ED%A0%80', "x'%20OR%201=1", '..%2F..%2Fetc', 'UPPER']) expect((await call(s.url, 'GET', `/api/public/events/${hostile}`)).status, hostile).toBe(400);
    expect((await call(s.url, 'GET', '/api/public/events/open-restaurant?center=NOPE')).status).toBe(404);
    for (const center of ['a%00b', '%ED%A0%80', "'%20OR%201=1"]) {
      for (const p of ['/api/public/events', '/api/public/events/newborn', '/api/public/items/SCJG-001/files']) {
        const res = await call(s.url, 'GET', `${p}?center=${center}`);
        expect(res.status, `${p} ${center}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${p} ${center}`).toBeLessThan(500);
      }
    }
  });

  it('leaves an item out once it is retired', async () => {
    const before = await call(s.url, 'GET', '/api/public/events/open-restaurant');
    const food = before.body.items.find((i: any) => i.name === '食品经营许可');
    expect((await admin.request('POST', `/api/admin/items/${food.code}/retire`)).status).toBe(200);
    const after = await call(s.url, 'GET', '/api/public/events/open-restaurant');
    expect(after.body.items.map((i: any) => i.code)).not.toContain(food.code);
    expect(after.body.itemCount).toBe(before.body.itemCount - 1);
  });
});

describe('managing events', () => {
  const body = { slug: 'pet-owner', name: '养犬登记', nameEn: 'Dog ownership', kind: 'life', icon: 'pet', description: '犬只登记和免疫。', sortOrder: 5 };

  it('lets an admin create, edit and hide an event, with an admin log entry in the same transaction', async () => {
    const logs = await count('admin_log', `action like 'event.%'`);
    const created = await admin.request('POST', '/api/admin/events', body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ ...body, active: true });
    // No item names it yet: listed with 0 items.
    const pub = await call(s.url, 'GET', '/api/public/events/pet-owner');
    expect(pub.body).toMatchObject({ name: '养犬登记', items: [], itemCount: 0 });

    const edited = await admin.request('PUT', `/api/admin/events/${created.body.id}`, { ...body, description: '新的说明', active: false });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ description: '新的说明', active: false });
    // Hidden from the portal, still listed for admins.
    expect((await call(s.url, 'GET', '/api/public/events/pet-owner')).status).toBe(404);
    expect((await call(s.url, 'GET', '/api/public/events')).body.events.map((e: any) => e.slug)).not.toContain('pet-owner');
    expect((await admin.request('GET', '/api/admin/events')).body.events.map((e: any) => e.slug)).toContain('pet-owner');
    expect(await count('admin_log', `action like 'event.%'`)).toBe(logs + 2);
  });

  it('refuses duplicates and bad input with a 4xx and changes nothing', async () => {
    const before = await count('service_events');
    const dupSlug = await admin.request('POST', '/api/admin/events', { ...body, name: '别的名字' });
    expect(dupSlug.status).toBe(409);
    const dupName = await admin.request('POST', '/api/admin/events', { ...body, slug: 'other-slug' });
    expect(dupName.status).toBe(409);
    for (const bad of [
      { ...body, slug: '../etc' }, { ...body, slug: 'Upper' }, { ...body, slug: '123' }, { ...body, kind: 'other' }, { ...body, name: '' },
      { ...body, name: 'x'.repeat(51) }, { ...body, extra: 1 }, { ...body, sortOrder: '1' }, { ...body, icon: '<script>' },
    ]) {
      const res = await admin.request('POST', '/api/admin/events', bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    expect((await admin.request('PUT', '/api/admin/events/999999', body)).status).toBe(404);
    // A rename onto another event's name is a duplicate.
    const newborn = (await call(s.url, 'GET', '/api/public/events/newborn')).body;
    const clash = await admin.request('PUT', `/api/admin/events/${newborn.id}`, { slug: 'newborn', name: '退休', kind: 'life' });
    expect(clash.status).toBe(409);
    expect(await count('service_events')).toBe(before);
  });

  it('is for admins only', async () => {
    expect((await call(s.url, 'GET', '/api/admin/events')).status).toBe(401);
    expect((await desk.request('GET', '/api/admin/events')).status).toBe(403);
    expect((await desk.request('POST', '/api/admin/events', { ...body, slug: 'desk-made', name: '窗口建的' })).status).toBe(403);
  });
});
