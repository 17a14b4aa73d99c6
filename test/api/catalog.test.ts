import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { call, login, startTestServer, type Session, type TestServer } from '../helpers/test-server.js';
import { findItem, intake } from '../helpers/cases.js';

let s: TestServer;
let admin: Session;
beforeAll(async () => {
  s = await startTestServer();
  admin = await login(s.url, 'admin');
});
afterAll(async () => { await s?.close(); });

async function count(table: string): Promise<number> {
  const res = await s.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
  return (res as unknown as { rows: { n: number }[] }).rows[0]!.n;
}

const baseContent = {
  name: '测试事项许可',
  kind: 'promised',
  category: '行政许可',
  legalBasis: '《中华人民共和国行政许可法》',
  conditions: '符合法定条件',
  procedure: ['申请', '受理', '审查', '决定'],
  statutoryDays: 20,
  promisedDays: 10,
  feeBasis: '',
  feeStandard: '不收费',
  feeCents: 0,
  resultType: '证照',
  resultName: '测试许可证',
  location: '县政务服务中心一楼',
  phone: '0599-1234567',
  onlineAllowed: true,
  deemedApproval: false,
  stages: [],
  materials: [
    { code: 'M01', name: '申请书', form: 'original', copies: 1, required: true },
    { code: 'M02', name: '授权委托书', form: 'original', copies: 1, required: false, condition: '委托他人办理的提供' },
  ],
  events: [],
};

describe('the demo catalog', () => {
  it('has a county center with townships and villages, 20+ departments and 120+ published items of all kinds', async () => {
    const centers = (await call(s.url, 'GET', '/api/centers')).body as { level: string }[];
    expect(centers.filter((c) => c.level === 'county')).toHaveLength(1);
    expect(centers.filter((c) => c.level === 'township').length).toBeGreaterThanOrEqual(3);
    expect(centers.filter((c) => c.level === 'village').length).toBeGreaterThanOrEqual(2);
    const depts = (await call(s.url, 'GET', '/api/departments')).body;
    expect(depts.length).toBeGreaterThanOrEqual(20);
    const all = (await call(s.url, 'GET', '/api/items?pageSize=200')).body;
    expect(all.total).toBeGreaterThanOrEqual(120);
    for (const kind of ['immediate', 'promised', 'joint']) {
      expect((await call(s.url, 'GET', `/api/items?kind=${kind}`)).body.total, kind).toBeGreaterThan(0);
    }
  });
});

describe('English names', () => {
  it('the demo catalog answers an English name for every item and for the materials, in the list and the guide', async () => {
    const list = await call(s.url, 'GET', '/api/items?pageSize=200');
    expect(list.status).toBe(200);
    const items = list.body.items as { code: string; name: string; nameEn: string }[];
    expect(items.length).toBeGreaterThan(120);
    expect(items.filter((i) => !i.nameEn)).toEqual([]);
    const food = items.find((i) => i.name === '食品经营许可')!;
    expect(food.nameEn).toBe('Food business licence');
    const guide = await call(s.url, 'GET', `/api/items/${food.code}`);
    expect(guide.body.nameEn).toBe('Food business licence');
    const materials = guide.body.materials as { code: string; name: string; nameEn?: string }[];
    expect(materials.filter((m) => !m.nameEn)).toEqual([]);
    expect(materials.find((m) => m.name === '食品经营许可申请书')!.nameEn).toBe('Food business licence application');
    // English finds the item too.
    const found = await call(s.url, 'GET', '/api/items?q=food%20business%20licence');
    expect(found.body.items.map((i: { code: string }) => i.code)).toContain(food.code);
  });

  it('a case shows the English names of its item version (case page and department queue)', async () => {
    const desk = await login(s.url, 'desk1');
    const item = await findItem(s, '食品经营许可');
    const created = await intake(desk, item);
    expect(created.status).toBe(201);
    const view = await desk.request('GET', `/api/cases/${created.body.caseNo}`);
    expect(view.body.item).toMatchObject({ name: '食品经营许可', nameEn: 'Food business licence' });
    expect(view.body.materials.find((m: { code: string }) => m.code === 'M01').nameEn).toBe('Food business licence application');
    const approver = await login(s.url, 'approver-scjg');
    const queue = await approver.request('GET', '/api/cases?pageSize=200');
    const row = queue.body.items.find((r: { caseNo: string }) => r.caseNo === created.body.caseNo);
    expect(row.item.nameEn).toBe('Food business licence');
  });

  it('an administrator sets and changes the English names in a draft; publishing shows them', async () => {
    const created = await admin.request('POST', '/api/admin/items', {
      code: 'TEST-EN-1', department: 'SCJG', ...baseContent, nameEn: 'Test permit',
      materials: [{ ...baseContent.materials[0], nameEn: 'Application form' }, baseContent.materials[1]],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.versions[0].nameEn).toBe('Test permit');
    expect(created.body.versions[0].materials[0].nameEn).toBe('Application form');
    const saved = await admin.request('PUT', '/api/admin/items/TEST-EN-1/draft', { ...baseContent, nameEn: 'Test licence' });
    expect(saved.status).toBe(200);
    expect((await admin.request('POST', '/api/admin/items/TEST-EN-1/publish')).status).toBe(200);
    const guide = await call(s.url, 'GET', '/api/items/TEST-EN-1');
    expect(guide.body.nameEn).toBe('Test licence');
    expect(guide.body.materials[0].nameEn).toBeUndefined();
  });
});

describe('public search', () => {
  it('finds by pinyin initials: gtgsh → 个体工商户设立登记', async () => {
    const res = await call(s.url, 'GET', '/api/items?q=gtgsh');
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { name: string }) => i.name)).toContain('个体工商户设立登记');
  });

  it('finds every item with 营业执照 by yyzz, and nothing else', async () => {
    const res = await call(s.url, 'GET', '/api/items?q=yyzz&pageSize=200');
    const names: string[] = res.body.items.map((i: { name: string }) => i.name);
    expect(names.length).toBeGreaterThanOrEqual(4);
    const byName = await call(s.url, 'GET', `/api/items?q=${encodeURIComponent('营业执照')}&pageSize=200`);
    expect(new Set(names)).toEqual(new Set(byName.body.items.map((i: { name: string }) => i.name)));
  });

  it('finds by full pinyin, by Chinese and by code, and filters by department', async () => {
    expect((await call(s.url, 'GET', '/api/items?q=jiehundengji')).body.items.map((i: { name: string }) => i.name)).toContain('结婚登记');
    expect((await call(s.url, 'GET', `/api/items?q=${encodeURIComponent('食品经营')}`)).body.items.map((i: { name: string }) => i.name)).toContain('食品经营许可');
    const gtgsh = (await call(s.url, 'GET', '/api/items?q=gtgsh')).body.items[0];
    expect((await call(s.url, 'GET', `/api/items?q=${gtgsh.code}`)).body.items[0].code).toBe(gtgsh.code);
    const onlyScjg = (await call(s.url, 'GET', '/api/items?department=SCJG&pageSize=200')).body;
    expect(onlyScjg.total).toBeGreaterThan(0);
    expect(onlyScjg.items.every((i: { department: { code: string } }) => i.department.code === 'SCJG')).toBe(true);
  });

  it('treats LIKE wildcards in the query as plain text', async () => {
    const res = await call(s.url, 'GET', '/api/items?q=%25');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(0);
  });

  it('rejects a bad query with the field named', async () => {
    const res = await call(s.url, 'GET', '/api/items?pageSize=abc');
    expect(res.status).toBe(400);
    expect(res.body.details[0].field).toBe('pageSize');
  });

  it('returns the published guide with all eight publics', async () => {
    const code = (await call(s.url, 'GET', `/api/items?q=${encodeURIComponent('食品经营许可')}`)).body.items[0].code;
    const g = (await call(s.url, 'GET', `/api/items/${code}`)).body;
    expect(g).toMatchObject({ code, name: '食品经营许可', version: 1 });
    for (const k of ['legalBasis', 'conditions', 'procedure', 'statutoryDays', 'promisedDays', 'feeStandard', 'resultName', 'materials', 'location', 'phone']) {
      expect(g, k).toHaveProperty(k);
    }
    expect(g.promisedDays).toBeLessThanOrEqual(g.statutoryDays);
    expect(g.materials.length).toBeGreaterThan(0);
    expect((await call(s.url, 'GET', '/api/items/NO-SUCH-ITEM')).status).toBe(404);
  });
});

describe('printable pages', () => {
  it('prints the guide and the one-time notification sheet from the same record, with a QR code', async () => {
    const code = (await call(s.url, 'GET', '/api/items?q=gtgsh')).body.items[0].code;
    const g = (await call(s.url, 'GET', `/api/items/${code}`)).body;
    for (const kind of ['guide', 'notice']) {
      const res = await fetch(`${s.url}/print/items/${code}/${kind}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      const html = await res.text();
      expect(html).toContain('@page { size: A4');
      expect(html).toContain(g.name);
      expect(html).toContain('<svg');
      for (const m of g.materials) expect(html).toContain(m.name);
    }
    expect(await (await fetch(`${s.url}/print/items/${code}/notice`)).text()).toContain('一次性告知单');
  });
});

describe('admin: items', () => {
  it('creates a draft, publishes it, and the public finds it', async () => {
    const created = await admin.request('POST', '/api/admin/items', { code: 'TEST-001', department: 'SCJG', ...baseContent });
    expect(created.status).toBe(201);
    expect(created.body.versions[0]).toMatchObject({ version: 1, status: 'draft' });
    expect((await call(s.url, 'GET', '/api/items/TEST-001')).status).toBe(404);
    const pub = await admin.request('POST', '/api/admin/items/TEST-001/publish');
    expect(pub.status).toBe(200);
    expect(pub.body).toEqual({ version: 1, warnings: [] });
    const found = await call(s.url, 'GET', '/api/items?q=cssxxk');
    expect(found.body.items.map((i: { code: string }) => i.code)).toContain('TEST-001');
  });

  it('revises as a new version and keeps the old one, superseded', async () => {
    const draft = await admin.request('PUT', '/api/admin/items/TEST-001/draft', { ...baseContent, name: '测试事项许可（修订）' });
    expect(draft.status).toBe(200);
    expect(draft.body.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([[2, 'draft'], [1, 'published']]);
    expect((await call(s.url, 'GET', '/api/items/TEST-001')).body.name).toBe('测试事项许可');
    const again = await admin.request('PUT', '/api/admin/items/TEST-001/draft', { ...baseContent, name: '测试事项许可（二次修订）' });
    expect(again.body.versions).toHaveLength(2);
    expect((await admin.request('POST', '/api/admin/items/TEST-001/publish')).body.version).toBe(2);
    const item = (await admin.request('GET', '/api/admin/items/TEST-001')).body;
    expect(item.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([[2, 'published'], [1, 'superseded']]);
    expect(item.versions[1].name).toBe('测试事项许可');
    expect((await call(s.url, 'GET', '/api/items/TEST-001')).body).toMatchObject({ name: '测试事项许可（二次修订）', version: 2 });
    expect((await admin.request('POST', '/api/admin/items/TEST-001/publish')).status).toBe(409);
  });

  it('flags a promised limit above 60 % of the statutory one', async () => {
    await admin.request('PUT', '/api/admin/items/TEST-001/draft', { ...baseContent, statutoryDays: 20, promisedDays: 15 });
    const pub = await admin.request('POST', '/api/admin/items/TEST-001/publish');
    expect(pub.status).toBe(200);
    expect(pub.body.warnings.map((w: { code: string }) => w.code)).toEqual(['PROMISED_RATIO_HIGH']);
    await admin.request('PUT', '/api/admin/settings', { promisedRatioMax: 0.8 });
    await admin.request('PUT', '/api/admin/items/TEST-001/draft', { ...baseContent, statutoryDays: 20, promisedDays: 15 });
    expect((await admin.request('POST', '/api/admin/items/TEST-001/publish')).body.warnings).toEqual([]);
    await admin.request('PUT', '/api/admin/settings', { promisedRatioMax: 0.6 });
  });

  it('refuses bad input with the field named, and writes nothing', async () => {
    const before = await Promise.all(['items', 'item_versions', 'admin_log'].map(count));
    const cases: [unknown, string, number][] = [
      [{ ...baseContent, code: 'TEST-002', department: 'SCJG', promisedDays: 30 }, 'promisedDays', 400],
      [{ ...baseContent, code: 'TEST-002', department: 'SCJG', kind: 'immediate' }, 'promisedDays', 400],
      [{ ...baseContent, code: 'TEST-001', department: 'SCJG' }, 'code', 409],
      [{ ...baseContent, code: 'TEST-002', department: 'NOPE' }, 'department', 400],
      [{ ...baseContent, code: 'TEST-002', department: 'SCJG', surprise: true }, 'surprise', 400],
      [{ ...baseContent, code: 'TEST-002', department: 'SCJG', statutoryDays: '20' }, 'statutoryDays', 400],
      [{ ...baseContent, code: 'TEST-002', department: 'SCJG', materials: [{ code: 'M01', name: '', form: 'original', copies: 1, required: true }] }, 'materials.0.name', 400],
      [{ ...baseContent, code: 'TEST-002', department: 'SCJG', materials: [{ code: 'M01', name: 'x', form: 'original', copies: 1, required: false }] }, 'materials.0.condition', 400],
      [{ ...baseContent, code: 'TEST-002', department: 'SCJG', kind: 'joint', stages: [] }, 'stages', 400],
      [{ ...baseContent, code: 'TEST-002', department: 'SCJG', feeCents: 1000 }, 'feeBasis', 400],
      [{ ...baseContent, code: 'bad code!', department: 'SCJG' }, 'code', 400],
    ];
    for (const [body, field, status] of cases) {
      const res = await admin.request('POST', '/api/admin/items', body);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.body.code).toBeTypeOf('string');
      expect(res.body.details.map((d: { field: string }) => d.field), JSON.stringify(res.body)).toContain(field);
    }
    const draftBad = await admin.request('PUT', '/api/admin/items/TEST-001/draft', { ...baseContent, promisedDays: 99 });
    expect(draftBad.status).toBe(400);
    expect(await Promise.all(['items', 'item_versions', 'admin_log'].map(count))).toEqual(before);
  });

  it('checks joint stages against the departments', async () => {
    const joint = {
      ...baseContent, kind: 'joint', statutoryDays: 40, promisedDays: 20,
      stages: [
        { name: '设立登记', limitDays: 5, departments: [{ code: 'SCJG', lead: true }] },
        { name: '许可', limitDays: 10, departments: [{ code: 'SCJG', lead: true }, { code: 'XF', lead: false }] },
      ],
    };
    expect((await admin.request('POST', '/api/admin/items', { ...joint, code: 'JOINT-T1', department: 'SCJG' })).status).toBe(201);
    const twoLeads = await admin.request('POST', '/api/admin/items', {
      ...joint, code: 'JOINT-T2', department: 'SCJG',
      stages: [{ name: 'x', limitDays: 5, departments: [{ code: 'SCJG', lead: true }, { code: 'GA', lead: true }] }],
    });
    expect(twoLeads.body.details.map((d: { field: string }) => d.field)).toContain('stages.0.departments');
    const tooLong = await admin.request('POST', '/api/admin/items', { ...joint, code: 'JOINT-T3', department: 'SCJG', promisedDays: 10 });
    expect(tooLong.body.details.map((d: { field: string }) => d.field)).toContain('stages');
    const unknownDept = await admin.request('POST', '/api/admin/items', {
      ...joint, code: 'JOINT-T4', department: 'SCJG', stages: [{ name: 'x', limitDays: 5, departments: [{ code: 'ZZZ', lead: true }] }],
    });
    expect(unknownDept.body.details.map((d: { field: string }) => d.field)).toContain('stages.0.departments.0.code');
  });

  it('retires an item: gone from the public catalog, kept for history', async () => {
    expect((await admin.request('POST', '/api/admin/items/TEST-001/retire')).status).toBe(200);
    expect((await call(s.url, 'GET', '/api/items/TEST-001')).status).toBe(404);
    expect((await call(s.url, 'GET', '/api/items?q=TEST-001')).body.total).toBe(0);
    const item = (await admin.request('GET', '/api/admin/items/TEST-001')).body;
    expect(item.status).toBe('retired');
    expect(item.versions.length).toBeGreaterThanOrEqual(3);
    const list = (await admin.request('GET', '/api/admin/items?status=retired')).body;
    expect(list.items.map((i: { code: string }) => i.code)).toContain('TEST-001');
  });

  it('lists drafts with hasDraft for published items', async () => {
    const code = (await call(s.url, 'GET', '/api/items?q=jiehundengji')).body.items[0].code;
    const g = (await call(s.url, 'GET', `/api/items/${code}`)).body;
    const { code: _c, version: _v, publishedAt: _p, publishedOn: _o, department: _d, center: _ce, links: _l, ...content } = g;
    expect((await admin.request('PUT', `/api/admin/items/${code}/draft`, { ...content, phone: '0599-7654321' })).status).toBe(200);
    const row = (await admin.request('GET', `/api/admin/items?q=${code}`)).body.items[0];
    expect(row).toMatchObject({ code, status: 'published', version: 1, hasDraft: true });
  });
});

describe('admin: departments', () => {
  it('creates, renames and retires; duplicates and bad codes are refused', async () => {
    const created = await admin.request('POST', '/api/admin/departments', { code: 'TESTD', name: '测试局', nameEn: 'Test Bureau' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'TESTD', status: 'active', itemCount: 0 });
    expect((await admin.request('POST', '/api/admin/departments', { code: 'TESTD', name: '重复' })).status).toBe(409);
    const bad = await admin.request('POST', '/api/admin/departments', { code: 'lower', name: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('code');
    expect((await admin.request('PATCH', '/api/admin/departments/TESTD', { name: '测试管理局' })).body.name).toBe('测试管理局');
    expect((await admin.request('POST', '/api/admin/departments/TESTD/retire')).body.status).toBe('retired');
    expect((await call(s.url, 'GET', '/api/departments')).body.map((d: { code: string }) => d.code)).not.toContain('TESTD');
    expect((await admin.request('PATCH', '/api/admin/departments/NOPE', { name: 'x' })).status).toBe(404);
  });
});
