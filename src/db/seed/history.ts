import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { caseCounters, caseEvents, cases, items, itemVersions, users, warningAlerts } from '../schema/index.js';
import type { CaseMaterial, CasePause } from '../schema/index.js';
import { daysLeft, dueDate, timeliness, warningLevel } from '../../domain/case-clock.js';
import { formatCaseNo } from '../../domain/case-number.js';
import { localDate } from '../../domain/clock.js';
import { eventHash } from '../../domain/event-hash.js';
import { creditCodeCheckChar, maskIdNumber, residentIdCheckChar } from '../../domain/identity.js';
import { nextLevelDate, redDate, yellowDate } from '../../domain/warning-schedule.js';
import { addCalendarDays, addWorkingDays, isWorkingDay, type WorkCalendar } from '../../domain/working-days.js';
import { loadCalendar } from '../../modules/calendar/calendar.service.js';
import { DEFAULT_SETTINGS } from '../../modules/settings/settings.service.js';
import { prepareNetworkHistory } from './network-history.js';

/**
 * Demo history (演示历史数据): about five months of finished and open cases so that a newcomer's
 * dashboard, bulletin and transparency board show a living center on first start. Every case is
 * built as the case engine would have built it — the same steps, the same hash chain, the same
 * working-day clock — then written in a few multi-row inserts. Deterministic: the same seed clock
 * gives the same history.
 */

export interface HistoryOptions {
  /** Calendar days back from the seed's clock. */
  days?: number;
  /** Average cases per working day over the whole center. */
  perDay?: number;
  seed?: number;
}

export interface HistoryResult {
  cases: number;
  events: number;
  /** Of the cases, proxy cases of the network (代办件), with their ledger (src/db/seed/network-history.ts). */
  proxyCases: number;
}

type CaseInsert = typeof cases.$inferInsert;
type EventInsert = typeof caseEvents.$inferInsert;

/** mulberry32: tiny, fast and good enough for demo data; Math.random would make every seed differ. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof prng>;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文';
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平', '刚', '桂英', '建华', '文', '华', '红', '建国', '志强', '海燕', '春梅', '晓东', '玉兰', '德明', '国庆', '小红', '子涵', '浩然', '欣怡', '宇轩'];
const COMPANY_PREFIX = ['和平县', '南岭', '溪口', '城关', '山前'];
const COMPANY_CORE = ['兴旺', '恒信', '绿源', '宏达', '顺安', '福临', '佳禾', '康泰', '众诚', '鑫盛', '青山', '瑞丰'];
const COMPANY_KIND = ['商贸有限公司', '农业发展有限公司', '建材有限公司', '餐饮管理有限公司', '科技有限公司', '运输有限公司'];
/** Region codes of the demo county's neighbourhood (GB/T 2260 style, first digit 1–8). */
const REGIONS = ['441623', '441621', '441622', '441624', '441625', '440105', '430124'];
const REFUSE_REASONS = ['申请材料内容与实际情况不符', '不符合法定条件', '经现场核查，场所不符合要求', '申请事项不属于本部门职权范围'];
const NOT_ACCEPT_REASONS = ['申请人未能补齐必要材料', '申请事项依法不需要取得行政许可', '申请人不具备申请资格'];
const PAUSE_REASONS: Record<string, string> = {
  'site-survey': '需现场勘查', 'expert-review': '需组织专家评审', inspection: '需委托检验检测', hearing: '依申请举行听证',
};
const PLANTED_AGENT = { name: '黄志明', idNumber: '441623198203154517', phone: '13659871234', relation: '委托代理人' };
const DESK_ADDRESSES = ['10.20.1.11', '10.20.1.12'];
const OFFICE_ADDRESS = '10.20.2.';

function personName(r: Rng): string {
  return r.pick(Array.from(SURNAMES)) + r.pick(GIVEN);
}

function residentId(r: Rng): string {
  const birth = addCalendarDays('1955-01-01', r.int(0, 365 * 48));
  const body = r.pick(REGIONS) + birth.replaceAll('-', '') + String(r.int(0, 999)).padStart(3, '0');
  return body + residentIdCheckChar(body);
}

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function creditCode(r: Rng): string {
  let body = '91' + r.pick(REGIONS);
  // Positions 9–17: the organisation code; letters and digits from the standard's alphabet.
  for (let i = 0; i < 9; i++) body += CREDIT_ALPHABET[r.int(0, CREDIT_ALPHABET.length - 1)];
  return body + creditCodeCheckChar(body);
}

function mobile(r: Rng): string {
  return r.pick(['139', '138', '137', '136', '135', '158', '159', '188', '187', '150', '151', '182', '177', '199']) + String(r.int(0, 99_999_999)).padStart(8, '0');
}

/** The instant of a local (UTC+8) date and minute of the day. */
function instant(date: string, minute: number): Date {
  return new Date(Date.parse(`${date}T00:00:00+08:00`) + minute * 60_000);
}

interface PublishedItem {
  code: string;
  name: string;
  kind: 'immediate' | 'promised' | 'joint';
  departmentId: number;
  versionId: number;
  version: number;
  promisedDays: number;
  materials: { code: string; name: string; required: boolean }[];
  weight: number;
}

interface Actor {
  id: number;
  name: string;
  role: string;
  address: string;
}

interface Step {
  day: string;
  minute: number;
  action: string;
  to: string;
  actor: Actor;
  comment?: string;
  data?: Record<string, unknown>;
  patch: Partial<CaseInsert>;
}

/** Seeds the history on the demo center; returns what it wrote. Call inside the demo seed's transaction. */
export async function seedHistory(db: Db, centerId: number, now: Date, opts: HistoryOptions = {}): Promise<HistoryResult> {
  const r = prng(opts.seed ?? 20261129);
  const cal = await loadCalendar(db);
  const today = localDate(now);
  const nowMinute = Math.floor((now.getTime() - instant(today, 0).getTime()) / 60_000);
  const warningDays = DEFAULT_SETTINGS.warningDays;

  const published = await db.select({
    code: items.code, departmentId: items.departmentId, versionId: itemVersions.id, version: itemVersions.version,
    name: itemVersions.name, kind: itemVersions.kind, promisedDays: itemVersions.promisedDays, materials: itemVersions.materials,
  }).from(items)
    .innerJoin(itemVersions, and(eq(itemVersions.itemId, items.id), eq(itemVersions.version, items.publishedVersion)))
    .where(and(eq(items.centerId, centerId), eq(items.status, 'published')));
  // Joint cases need their departments' tasks; the history keeps to single-department items.
  const catalog: PublishedItem[] = published.filter((i) => i.kind !== 'joint').map((i) => ({
    ...i, kind: i.kind as PublishedItem['kind'],
    materials: i.materials.map((m) => ({ code: m.code, name: m.name, required: m.required })),
    // Everyday items (individual businesses, social security) come far more often than rare permits.
    weight: i.kind === 'immediate' ? 3 : i.promisedDays <= 5 ? 2 : 1,
  }));
  if (catalog.length === 0) return { cases: 0, events: 0, proxyCases: 0 };
  const totalWeight = catalog.reduce((s, i) => s + i.weight, 0);
  const pickItem = () => {
    let x = r.next() * totalWeight;
    for (const i of catalog) if ((x -= i.weight) < 0) return i;
    return catalog[catalog.length - 1]!;
  };

  const staff = await db.select().from(users).where(eq(users.centerId, centerId));
  const desks: Actor[] = staff.filter((u) => u.role === 'desk').map((u, n) => ({ id: u.id, name: u.displayName, role: 'desk', address: DESK_ADDRESSES[n % 2]! }));
  const approverOf = new Map<number, Actor>();
  for (const u of staff) {
    if (u.role === 'approver' && u.departmentId) approverOf.set(u.departmentId, { id: u.id, name: u.displayName, role: 'approver', address: OFFICE_ADDRESS + (20 + (u.id % 200)) });
  }
  if (desks.length === 0) return { cases: 0, events: 0, proxyCases: 0 };

  const wd = (from: string, n: number) => addWorkingDays(cal, from, n).date;
  // The novel's lesson, planted for the supervision pages: one "agent" (中介) submits for many
  // unrelated applicants on three slow items, and his cases go markedly faster than everyone else's.
  const plantedItems = new Set(catalog.filter((i) => i.kind === 'promised' && i.promisedDays >= 5).slice(0, 3).map((i) => i.code));
  const plantFrom = addCalendarDays(today, -60);
  // The network's proxy work draws from a stream of its own, so the rest of the history stays the same.
  const network = await prepareNetworkHistory(db, centerId, prng((opts.seed ?? 20261129) + 17), cal);
  const days = opts.days ?? 150;
  const perDay = opts.perDay ?? 26;
  const caseRows: CaseInsert[] = [];
  const eventRows: { caseNo: string; events: Omit<EventInsert, 'caseId'>[] }[] = [];
  const counters: { centerId: number; day: string; last: number }[] = [];

  for (let day = addCalendarDays(today, -days); day <= today; day = addCalendarDays(day, 1)) {
    if (!isWorkingDay(cal, day)) continue;
    // Mondays are busier, Fridays quieter, as in any hall.
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    const volume = Math.round(perDay * (weekday === 1 ? 1.3 : weekday === 5 ? 0.8 : 1) * (0.8 + r.next() * 0.4));
    const minutes = Array.from({ length: volume }, () => (r.chance(0.55) ? r.int(510, 690) : r.int(810, 980))).sort((a, b) => a - b);
    let sequence = 0;
    for (const minute of minutes) {
      if (day === today && minute >= nowMinute) break;
      sequence++;
      const recent = day >= addCalendarDays(today, -30);
      const item = pickItem();
      const planted = day >= plantFrom && plantedItems.has(item.code) && r.chance(0.7);
      const built = buildCase(r, cal, wd, item, desks, approverOf, centerId, day, minute, formatCaseNo(day, sequence), recent, planted);
      network?.adopt(built.row, built.steps);
      const kept = built.steps.filter((s) => s.day < today || (s.day === today && s.minute < nowMinute));
      const { row, events } = fold(built.row, kept, built.caseNo);
      // Open cases carry the level the warning scan would give them today.
      // and the date it next changes (all the warning scan reads), as a case step would leave them.
      if (['accepted', 'reviewed', 'approved'].includes(row.status) && row.dueDate) {
        row.warningLevel = warningLevel(daysLeft(cal, row.dueDate, today), warningDays);
        row.nextLevelDate = nextLevelDate(cal, row.dueDate, today, warningDays);
      } else if (row.status === 'paused') {
        row.warningLevel = 'normal';
      }
      caseRows.push(row);
      eventRows.push({ caseNo: built.caseNo, events });
    }
    if (sequence > 0) counters.push({ centerId, day, last: sequence });
  }

  // Multi-row inserts in chunks: well under the 65,535-parameter limit, few round trips.
  const idOf = new Map<string, number>();
  for (let i = 0; i < caseRows.length; i += 500) {
    const ids = await db.insert(cases).values(caseRows.slice(i, i + 500)).returning({ id: cases.id, caseNo: cases.caseNo });
    for (const x of ids) idOf.set(x.caseNo, x.id);
  }
  const allEvents: EventInsert[] = eventRows.flatMap((c) => c.events.map((e) => ({ ...e, caseId: idOf.get(c.caseNo)! })));
  for (let i = 0; i < allEvents.length; i += 2000) await db.insert(caseEvents).values(allEvents.slice(i, i + 2000));
  const alerts = caseRows.flatMap((c) => pastAlerts(cal, c, idOf.get(c.caseNo)!, today, now, warningDays));
  for (let i = 0; i < alerts.length; i += 2000) await db.insert(warningAlerts).values(alerts.slice(i, i + 2000));
  const ledger = network ? await network.writeLedger(db, caseRows, idOf, now) : { proxyCases: 0 };
  // Live intakes today continue after the history's numbers.
  for (const c of counters) {
    await db.insert(caseCounters).values(c).onConflictDoUpdate({ target: [caseCounters.centerId, caseCounters.day], set: { last: sql`greatest(${caseCounters.last}, ${c.last})` } });
  }
  return { cases: caseRows.length, events: allEvents.length, proxyCases: ledger.proxyCases };
}

/**
 * The yellow and red alerts the warning scan would have raised while the case was open: yellow from
 * the day `warningDays` or fewer working days were left (or acceptance, if later), red from the
 * first working day after the due date. Immediate items are decided before any scan sees them.
 */
function pastAlerts(cal: WorkCalendar, c: CaseInsert, caseId: number, today: string, now: Date, warningDays: number): (typeof warningAlerts.$inferInsert)[] {
  if (!c.acceptedDate || !c.dueDate || !c.acceptedAt || c.promisedDays === 0) return [];
  const openUntil = c.completedDate ?? (['accepted', 'reviewed', 'approved', 'paused'].includes(c.status!) ? addCalendarDays(today, 1) : undefined);
  if (!openUntil) return [];
  const out: (typeof warningAlerts.$inferInsert)[] = [];
  const raise = (level: 'yellow' | 'red', day: string) => {
    const at = day > c.acceptedDate! ? instant(day, 8 * 60) : new Date(c.acceptedAt!.getTime() + 5 * 60_000);
    if (at > now) return;
    out.push({ caseId, departmentId: c.departmentId, level, dueDate: c.dueDate!, raisedAt: at, raisedDate: localDate(at) });
  };
  const yellow = [yellowDate(cal, c.dueDate, warningDays), c.acceptedDate].sort()[1]!;
  if (openUntil > yellow) raise('yellow', yellow);
  const red = redDate(cal, c.dueDate);
  if (openUntil >= red) raise('red', red);
  return out;
}

function buildCase(r: Rng, cal: WorkCalendar, wd: (from: string, n: number) => string, item: PublishedItem, desks: Actor[],
  approverOf: Map<number, Actor>, centerId: number, day: string, minute: number, caseNo: string, recent: boolean, planted = false) {
  const desk = r.pick(desks);
  const approver = approverOf.get(item.departmentId) ?? desk;
  const organization = /公司|企业|合作社/.test(item.name) && r.chance(0.85);
  const name = organization ? r.pick(COMPANY_PREFIX) + r.pick(COMPANY_CORE) + r.pick(COMPANY_KIND) : personName(r);
  const channel = r.chance(0.8) ? 'window' : r.pick(['township', 'village'] as const);
  const materials: CaseMaterial[] = item.materials.map((m) => ({ code: m.code, name: m.name, required: m.required, provided: m.required || r.chance(0.3) }));
  const row: CaseInsert = {
    centerId, caseNo, itemVersionId: item.versionId, itemCode: item.code, itemName: item.name, kind: item.kind,
    departmentId: item.departmentId, status: 'received', applicantKind: organization ? 'organization' : 'person', applicantName: name,
    applicantIdNumber: organization ? null : residentId(r), applicantCreditCode: organization ? creditCode(r) : null,
    applicantPhone: mobile(r), agent: null, channel: channel === 'window' ? 'window' : channel, urgent: r.chance(0.03), materials,
    receivedAt: instant(day, minute), receivedBy: desk.id, promisedDays: item.promisedDays, pausedDays: 0,
    cancelToken: `hist${caseNo.replaceAll('-', '')}`, updatedAt: instant(day, minute),
  };
  if (planted) {
    row.agent = PLANTED_AGENT;
    row.channel = 'window';
    // An intermediary often leaves his own number as the applicant's.
    if (r.chance(0.5)) row.applicantPhone = PLANTED_AGENT.phone;
  }
  const steps: Step[] = [{
    day, minute, action: 'receive', to: 'received', actor: desk,
    data: { itemVersion: item.version, channel: row.channel, missing: [], agent: planted ? { name: PLANTED_AGENT.name, relation: PLANTED_AGENT.relation } : undefined }, patch: {},
  }];
  const step = (s: Step) => steps.push(s);

  if (!planted && r.chance(0.03)) {
    const reason = r.pick(NOT_ACCEPT_REASONS);
    step({ day, minute: minute + r.int(5, 25), action: 'not-accept', to: 'not_accepted', actor: desk, comment: reason, patch: { closedReason: reason, pause: null } });
    return { caseNo, row, steps };
  }
  const P = item.promisedDays;
  const acceptMinute = minute + r.int(3, 15);
  const due0 = dueDate(cal, day, P, 0);
  step({ day, minute: acceptMinute, action: 'accept', to: 'accepted', actor: desk, data: { dueDate: due0.date, provisional: due0.provisional },
    patch: { acceptedAt: instant(day, acceptMinute), acceptedDate: day, dueDate: due0.date, dueProvisional: due0.provisional } });

  if (item.kind === 'immediate') {
    // 即办件: decided and handed over at the window in one sitting.
    const m = acceptMinute + r.int(5, 20);
    finish(steps, r, wd, { approveDay: day, approveMinute: m, decider: desk, deliverer: desk, held: false, refuse: false, item, caseNo });
    return { caseNo, row, steps };
  }

  // A recent backlog leaves some cases still open past their due date: the red ones on the board.
  const late = !planted && r.chance(recent ? 0.12 : 0.07);
  // Most departments finish well inside the promise; a few run over it.
  // At least a working day: a promised item decided within minutes of intake is what the
  // irregularity review flags, and the demo should show it only where it was planted.
  const work = planted ? r.int(1, 2) : late ? P + r.int(1, 4) + (recent ? r.int(2, 8) : 0) : Math.max(1, Math.min(P, Math.round(P * (0.25 + r.next() * 0.75))));
  const paused = !planted && r.chance(0.07) && P >= 2 ? r.int(1, 6) : 0;
  const reviewDay = wd(day, Math.min(1, work));
  step({ day: reviewDay, minute: reviewDay === day ? acceptMinute + 30 : r.int(540, 600), action: 'review-pass', to: 'reviewed', actor: approver, patch: {} });
  if (paused > 0) {
    const kind = r.pick(Object.keys(PAUSE_REASONS));
    const since = wd(day, Math.max(1, Math.floor(work / 2)));
    const back = wd(since, paused);
    const pause: CasePause = { kind, reason: PAUSE_REASONS[kind]!, expectedDays: paused, since, resumeStatus: 'reviewed' };
    step({ day: since, minute: r.int(600, 660), action: 'pause', to: 'paused', actor: approver, comment: PAUSE_REASONS[kind], data: { kind, expectedDays: paused }, patch: { pause } });
    const due = dueDate(cal, day, P, paused);
    step({ day: back, minute: r.int(540, 590), action: 'resume', to: 'reviewed', actor: approver, data: { pausedDays: paused, kind },
      patch: { pause: null, pausedDays: paused, dueDate: due.date, dueProvisional: due.provisional } });
  }
  const decideDay = wd(day, work + paused);
  const refuse = !planted && r.chance(0.04);
  // 压件: a few results sit decided-but-not-completed or completed-but-not-delivered for days.
  const held = !planted && r.chance(0.035);
  finish(steps, r, wd, { approveDay: decideDay, approveMinute: r.int(840, 960), decider: approver, deliverer: desk, held, refuse, item, caseNo });
  return { caseNo, row, steps };
}

function finish(steps: Step[], r: Rng, wd: (from: string, n: number) => string, o: {
  approveDay: string; approveMinute: number; decider: Actor; deliverer: Actor; held: boolean; refuse: boolean; item: PublishedItem; caseNo: string;
}) {
  const { approveDay, approveMinute, decider } = o;
  if (o.refuse) {
    const reason = r.pick(REFUSE_REASONS);
    steps.push({ day: approveDay, minute: approveMinute, action: 'refuse', to: 'refused', actor: decider, comment: reason, patch: { decision: 'refused', closedReason: reason, warningLevel: 'none' }, data: undefined });
    const handDay = wd(approveDay, r.int(1, 3));
    steps.push({ day: handDay, minute: r.int(540, 1000), action: 'deliver', to: 'delivered', actor: o.deliverer, data: { method: 'post', trackingNo: `SF${o.caseNo.replaceAll('-', '')}` }, patch: {} });
    return;
  }
  steps.push({ day: approveDay, minute: approveMinute, action: 'approve', to: 'approved', actor: decider, patch: { decision: 'approved' } });
  const heldDecision = o.held && r.chance(0.4);
  const completeDay = heldDecision ? wd(approveDay, r.int(4, 9)) : approveDay;
  const resultNo = `${o.item.code}-${o.caseNo.slice(0, 6)}${o.caseNo.slice(7, 12)}`;
  steps.push({ day: completeDay, minute: approveMinute + r.int(5, 40), action: 'complete', to: 'completed', actor: decider, data: { resultNo }, patch: { resultNo, warningLevel: 'none' } });
  const deliverDay = o.held && !heldDecision ? wd(completeDay, r.int(5, 12)) : wd(completeDay, o.item.kind === 'immediate' ? 0 : r.chance(0.5) ? 0 : r.int(1, 3));
  const pickupName = personName(r);
  const pickupId = residentId(r);
  const byPost = r.chance(0.25);
  steps.push({
    day: deliverDay, minute: deliverDay === completeDay ? approveMinute + 45 : r.int(540, 1000), action: 'deliver', to: 'delivered', actor: o.deliverer,
    data: byPost ? { method: 'post', trackingNo: `EMS${o.caseNo.replaceAll('-', '')}` } : { method: 'window', pickupName, pickupIdNumber: maskIdNumber(pickupId) },
    patch: { delivery: byPost ? { method: 'post', trackingNo: `EMS${o.caseNo.replaceAll('-', '')}` } : { method: 'window', pickupName, pickupIdNumber: pickupId } },
  });
}

/** Applies the steps that have happened by now to the row and chains their events. */
function fold(row: CaseInsert, steps: Step[], caseNo: string) {
  const out: CaseInsert = { ...row };
  const events: Omit<EventInsert, 'caseId'>[] = [];
  let prev = '';
  let last = 0;
  let status: string | null = null;
  for (const [n, s] of steps.entries()) {
    // Steps planned on the same day keep their order: each is at least a minute after the one before.
    const at = new Date(Math.max(instant(s.day, s.minute).getTime(), last + 60_000));
    last = at.getTime();
    Object.assign(out, s.patch);
    if (s.action === 'approve' || s.action === 'refuse') out.decidedAt = at;
    if (s.action === 'complete' || s.action === 'refuse') {
      out.completedAt = at;
      out.completedDate = localDate(at);
      out.timeliness = timeliness(out.completedDate, out.dueDate ?? out.completedDate);
    }
    if (s.action === 'deliver') out.deliveredAt = at;
    const fields = {
      seq: n + 1, actorId: s.actor.id, actorName: s.actor.name, role: s.actor.role, action: s.action, fromStatus: status,
      toStatus: s.to, clientAddress: s.actor.address, comment: s.comment ?? null, data: s.data ?? null,
    };
    const hash = eventHash(prev, { caseNo, at: at.toISOString(), ...fields });
    events.push({ ...fields, at, prevHash: prev, hash });
    prev = hash;
    status = s.to;
  }
  out.status = status!;
  out.eventCount = events.length;
  out.version = events.length;
  out.lastEventHash = prev;
  out.updatedAt = new Date(last);
  return { row: out, events };
}
