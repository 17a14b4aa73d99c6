import { sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { inTransaction } from '../tx.js';
import { centers, departments, items, itemVersions, settings, users } from '../schema/index.js';
import { itemNamesEn, materialNamesEn } from './catalog-data-en.js';
import { searchKeys } from '../../domain/search-keys.js';
import { DEMO_PASSWORD, hashPassword } from '../../modules/auth/passwords.js';
import { departments as seedDepartments, items as seedItems } from './catalog-data.js';
import { seedAppointments } from './appointments.js';
import { seedQueue } from './queue.js';
import { seedEvents } from '../../modules/events/events.service.js';
import { events as seedEventList } from './catalog-data.js';
import { seedHistory } from './history.js';
import { seedDepartmentHeads } from './department-heads.js';
import { seedNetworkOpenings, seedServiceDays } from './network.js';

export const DEMO_CENTER_CODE = 'HP';

/** The demo county: a city, its county center, three township stations and village rooms under them. */
const CENTERS = [
  { code: 'NL', name: '南岭市政务服务中心', level: 'city', parent: null },
  { code: 'HP', name: '和平县政务服务中心', level: 'county', parent: 'NL' },
  { code: 'HP-CG', name: '城关镇便民服务中心', level: 'township', parent: 'HP' },
  { code: 'HP-XK', name: '溪口镇便民服务中心', level: 'township', parent: 'HP' },
  { code: 'HP-SQ', name: '山前乡便民服务中心', level: 'township', parent: 'HP' },
  { code: 'HP-CG-DJ', name: '城关镇东街社区便民服务室', level: 'village', parent: 'HP-CG' },
  { code: 'HP-XK-SP', name: '溪口镇上坪村便民服务室', level: 'village', parent: 'HP-XK' },
  { code: 'HP-XK-LT', name: '溪口镇龙潭村便民服务室', level: 'village', parent: 'HP-XK' },
  { code: 'HP-SQ-SM', name: '山前乡石门村便民服务室', level: 'village', parent: 'HP-SQ' },
] as const;

export interface DemoAccount {
  username: string;
  role: string;
  displayName: string;
  /** The center the account works at; the county center when absent. */
  center?: string;
}

/**
 * Staff of the network: `station-<code>` at every township station, `agent-<code>` at every village
 * room (codes lower-cased), and the short `station1` / `agent1` at the first of each for trying it.
 */
function networkAccounts(): DemoAccount[] {
  const townships = CENTERS.filter((c) => c.level === 'township');
  const villages = CENTERS.filter((c) => c.level === 'village');
  const short = (c: (typeof CENTERS)[number]) => c.name.replace(/便民服务(中心|室)$/, '');
  return [
    ...townships.map((c) => ({ username: `station-${c.code.toLowerCase()}`, role: 'station', displayName: `${short(c)}便民服务站`, center: c.code })),
    ...villages.map((c) => ({ username: `agent-${c.code.toLowerCase()}`, role: 'agent', displayName: `${short(c)}代办员`, center: c.code })),
    { username: 'station1', role: 'station', displayName: `${short(townships[0]!)}便民服务站（值班）`, center: townships[0]!.code },
    { username: 'agent1', role: 'agent', displayName: `${short(villages[0]!)}代办员（二）`, center: villages[0]!.code },
  ];
}

export function demoAccounts(): DemoAccount[] {
  return [
    { username: 'admin', role: 'admin', displayName: '系统管理员' },
    { username: 'desk1', role: 'desk', displayName: '综合受理窗口一' },
    { username: 'desk2', role: 'desk', displayName: '综合受理窗口二' },
    { username: 'supervisor', role: 'supervisor', displayName: '电子监察室' },
    { username: 'leader', role: 'leader', displayName: '中心主任' },
    ...seedDepartments.map((d) => ({ username: `approver-${d.code.toLowerCase()}`, role: 'approver', displayName: `${d.name}审批员` })),
    ...networkAccounts(),
  ];
}

export async function isEmpty(db: Db): Promise<boolean> {
  const rows = await db.execute(sql`select exists(select 1 from centers) as present`);
  const first = (rows as unknown as { rows: { present: boolean }[] }).rows[0];
  return !first?.present;
}

/**
 * Seeds the demo center on an empty database; a database with any center is left alone.
 * `history` adds months of past cases (src/db/seed/history.ts); `npm start` asks for it unless
 * configured off (config.seedDemoHistory), tests only when they need it.
 */
export async function seedDemo(db: Db, now: Date, opts: { history?: boolean } = {}): Promise<boolean> {
  if (!(await isEmpty(db))) return false;
  // One hash for every demo account: they share a published password anyway, and seeding stays fast.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await inTransaction(db, async (tx) => {
    const ids = new Map<string, number>();
    for (const c of CENTERS) {
      const [row] = await tx.insert(centers).values({ code: c.code, name: c.name, level: c.level, parentId: c.parent ? ids.get(c.parent)! : null }).returning();
      ids.set(c.code, row!.id);
    }
    const centerId = ids.get(DEMO_CENTER_CODE)!;
    const deptRows = await tx.insert(departments).values(seedDepartments.map((d) => ({ centerId, code: d.code, name: d.name, nameEn: d.nameEn }))).returning();
    const deptId = new Map(deptRows.map((d) => [d.code, d.id]));
    await tx.insert(users).values(demoAccounts().map((a) => ({
      username: a.username,
      displayName: a.displayName,
      passwordHash,
      role: a.role as 'admin',
      centerId: a.center ? ids.get(a.center)! : centerId,
      departmentId: a.role === 'approver' ? deptId.get(a.username.slice('approver-'.length).toUpperCase()) ?? null : null,
    })));
    const itemRows = await tx.insert(items).values(seedItems.map((i) => ({
      centerId, code: i.code, departmentId: deptId.get(i.department)!, status: 'published' as const, publishedVersion: 1,
    }))).returning();
    const itemId = new Map(itemRows.map((i) => [i.code, i.id]));
    await tx.insert(itemVersions).values(seedItems.map(({ code, department: _d, ...content }) => {
      const keys = searchKeys(content.name);
      return {
        itemId: itemId.get(code)!, version: 1, status: 'published' as const, ...content,
        nameEn: itemNamesEn[code] ?? '',
        materials: content.materials.map((m) => (materialNamesEn[m.name] ? { ...m, nameEn: materialNamesEn[m.name] } : m)),
        pinyinFull: keys.full, pinyinInitials: keys.initials, createdAt: now, publishedAt: now,
      };
    }));
    await tx.insert(settings).values({ key: 'homeCenter', value: DEMO_CENTER_CODE });
    await seedNetworkOpenings(tx, ids, itemId, now);
    await seedAppointments(tx, centerId, deptId, now);
    await seedServiceDays(tx, ids, now);
    await seedQueue(tx, centerId);
    await seedEvents(tx, centerId, now, seedEventList);
    await seedDepartmentHeads(tx, centerId, now);
    if (opts.history) await seedHistory(tx, centerId, now);
  });
  return true;
}
