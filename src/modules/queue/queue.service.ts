import type { Db } from '../../db/client.js';
import { localDayStart, localHour } from '../../domain/time-zone.js';
import { centerTimeZone } from '../centers/centers.service.js';
import { inTransaction } from '../../db/tx.js';
import { localDate, type Clock } from '../../domain/clock.js';
import { AppError, invalid } from '../../domain/errors.js';
import { isValidMobile, maskPhone } from '../../domain/identity.js';
import {
  announcement, averageMinutes, canStep, estimateWaitMinutes, isValidPrefix, mayCall, mayStep, ticketNo, type TicketStep,
} from '../../domain/queue-rules.js';
import { isValidDate } from '../../domain/working-days.js';
import { writeAdminLog } from '../admin-log/admin-log.repository.js';
import { checkIn } from '../appointments/appointments.service.js';
import type { SessionUser } from '../auth/auth.service.js';
import { findCaseByNo } from '../cases/cases.repository.js';
import { getPublicCenter } from '../centers/centers.service.js';
import type { Actor } from '../departments/departments.service.js';
import type { QueueFeed } from './queue-feed.js';
import * as repo from './queue.repository.js';
import type { CategoryRow, TicketRow, WindowRow } from './queue.repository.js';
import { randomToken } from '../../lib/random-token.js';

export interface QueueDeps {
  db: Db;
  clock: Clock;
  feed: QueueFeed;
}

const categoryNotFound = (prefix: string) =>
  new AppError('NOT_FOUND', `取号类别 ${prefix} 不存在 / No ticket category ${prefix}`, [{ field: 'category', message: 'no such category' }]);
const windowNotFound = (n: number) => new AppError('NOT_FOUND', `${n}号窗口不存在 / No window ${n}`);
const ticketNotFound = () => new AppError('NOT_FOUND', '未找到该号票 / Ticket not found');
const notYourTicket = (no: string) =>
  new AppError('FORBIDDEN', `号票 ${no} 不由您就座的窗口办理 / Ticket ${no} is not served by a window you sit at`);
const notYourWindow = (n: number) =>
  new AppError('FORBIDDEN', `您未在${n}号窗口就座，请先就座 / Sit at window ${n} first`);

// ─── views ───

function categoryView(c: CategoryRow) {
  return { prefix: c.prefix, name: c.name, nameEn: c.nameEn };
}

interface DayState {
  categories: CategoryRow[];
  windows: WindowRow[];
  waiting: TicketRow[];
}

async function dayState(db: Db, centerId: number, day: string): Promise<DayState> {
  const [categories, windows, waiting] = await Promise.all([
    repo.listCategories(db, centerId, false), repo.listWindows(db, centerId), repo.waitingOfDay(db, centerId, day),
  ]);
  return { categories, windows, waiting };
}

/** Windows that are staffed and serve the category. */
function openWindowsFor(s: DayState, categoryId: number): number {
  return s.windows.filter((w) => w.active && w.staffId !== null && w.categoryIds.includes(categoryId)).length;
}

/** Tickets a window would call before this one: same category queue, appointments first, then by issue. */
function aheadOf(s: DayState, t: TicketRow): number {
  if (t.status !== 'waiting') return 0;
  return s.waiting.filter((o) => o.id !== t.id && o.categoryId === t.categoryId && o.targetWindowId === t.targetWindowId &&
    (o.priority > t.priority || (o.priority === t.priority && (o.issuedAt < t.issuedAt || (+o.issuedAt === +t.issuedAt && o.id < t.id))))).length;
}

function ticketView(t: TicketRow, s: DayState) {
  const category = s.categories.find((c) => c.id === t.categoryId);
  const window = s.windows.find((w) => w.id === (t.windowId ?? t.targetWindowId));
  const ahead = aheadOf(s, t);
  return {
    id: t.id,
    ticketNo: t.ticketNo,
    token: t.token,
    status: t.status,
    day: t.day,
    category: category ? categoryView(category) : { prefix: '', name: '', nameEn: '' },
    priority: t.priority > 0,
    ahead,
    estimatedWaitMinutes: t.status === 'waiting' ? estimateWaitMinutes(ahead, category?.avgServiceMinutes ?? 10, openWindowsFor(s, t.categoryId)) : null,
    window: window ? { number: window.number, name: window.name } : null,
    issuedAt: t.issuedAt.toISOString(),
    calledAt: t.calledAt?.toISOString() ?? null,
    startedAt: t.startedAt?.toISOString() ?? null,
    finishedAt: t.finishedAt?.toISOString() ?? null,
    callCount: t.callCount,
    caseNo: t.caseNo,
    mobile: t.mobile ? maskPhone(t.mobile) : null,
    appointmentCode: t.appointmentCode,
    source: t.source,
  };
}
export type TicketView = ReturnType<typeof ticketView>;

function waitingByCategory(s: DayState) {
  return s.categories.filter((c) => c.active).map((c) => {
    const waiting = s.waiting.filter((t) => t.categoryId === c.id).length;
    return {
      ...categoryView(c),
      waiting,
      openWindows: openWindowsFor(s, c.id),
      estimatedWaitMinutes: estimateWaitMinutes(waiting, c.avgServiceMinutes, openWindowsFor(s, c.id)),
    };
  });
}

// ─── public: categories, tickets, following, the board ───

export async function publicCategories(deps: QueueDeps, centerCode?: string) {
  const center = await getPublicCenter(deps.db, centerCode);
  const s = await dayState(deps.db, center.id, localDate(deps.clock.now()));
  return waitingByCategory(s);
}

export interface TakeTicket {
  category: string;
  mobile?: string;
  appointmentCode?: string;
  center?: string;
}

/**
 * Issues a ticket. With a booking code (and, at the kiosk, its mobile number) the appointment is
 * checked in on the way and the ticket is called ahead of walk-ins (预约优先).
 */
export async function takeTicket(deps: QueueDeps, input: TakeTicket, by: { kind: 'kiosk' } | { kind: 'desk'; user: SessionUser; address: string }) {
  const { db, clock } = deps;
  const now = clock.now();
  const day = localDate(now);
  if (input.mobile !== undefined && input.mobile !== '' && !isValidMobile(input.mobile)) {
    throw invalid('Invalid mobile number', [{ field: 'mobile', message: 'not a valid mainland mobile number' }]);
  }
  const center = by.kind === 'desk' ? { id: by.user.centerId } : await getPublicCenter(db, input.center);
  const category = await repo.findCategory(db, center.id, input.category.toUpperCase());
  if (!category || !category.active) throw categoryNotFound(input.category);
  let priority = 0;
  let appointmentCode: string | null = null;
  if (input.appointmentCode) {
    const booking = by.kind === 'kiosk'
      ? await checkIn({ db, clock }, input.appointmentCode, { kind: 'kiosk', mobile: input.mobile ?? '' })
      : await checkIn({ db, clock }, input.appointmentCode, { kind: 'desk', user: by.user });
    if (category.appointmentCategory && booking.category.code !== category.appointmentCategory) {
      throw invalid('The booking is for another service area', [{ field: 'category', message: `the booking is for ${booking.category.name}` }]);
    }
    priority = 1;
    appointmentCode = booking.code;
    const already = await repo.findOpenForAppointment(db, center.id, day, booking.code);
    if (already) return ticketView(already, await dayState(db, center.id, day));
  }
  const ticket = await inTransaction(db, async (tx) => {
    const number = await repo.nextNumber(tx, category.id, day);
    const t = await repo.insertTicket(tx, {
      centerId: center.id, categoryId: category.id, day, number, ticketNo: ticketNo(category.prefix, number),
      token: randomToken(12), status: 'waiting', priority, appointmentCode,
      source: by.kind, mobile: input.mobile ? input.mobile : null, issuedAt: now, updatedAt: now,
    });
    if (by.kind === 'desk') {
      await writeAdminLog(tx, { userId: by.user.id, address: by.address, at: now, action: 'queue.ticket', target: t.ticketNo, detail: { category: category.prefix } });
    }
    return t;
  });
  deps.feed.notify(center.id);
  return ticketView(ticket, await dayState(db, center.id, day));
}

export async function followTicket(deps: QueueDeps, token: string) {
  const t = await repo.findTicketByToken(deps.db, token);
  if (!t) throw ticketNotFound();
  return ticketView(t, await dayState(deps.db, t.centerId, t.day));
}

/** The ticket with its center, for papers that print the center's name (the slip). */
export async function ticketWithCenter(db: Db, token: string) {
  const t = await repo.findTicketByToken(db, token);
  if (!t) throw ticketNotFound();
  return { centerId: t.centerId, ticket: ticketView(t, await dayState(db, t.centerId, t.day)) };
}

export async function board(deps: QueueDeps, centerCode?: string) {
  const center = await getPublicCenter(deps.db, centerCode);
  return boardOf(deps, center.id, center.name);
}

async function boardOf(deps: QueueDeps, centerId: number, centerName: string) {
  const now = deps.clock.now();
  const zone = await centerTimeZone(deps.db, centerId);
  const day = localDate(now, zone);
  const [s, tickets, calls] = await Promise.all([
    dayState(deps.db, centerId, day),
    repo.ticketsOfDay(deps.db, centerId, day),
    repo.recentCalls(deps.db, centerId, localDayStart(day, zone), 12),
  ]);
  const current = (w: WindowRow) => tickets.filter((t) => t.windowId === w.id && (t.status === 'called' || t.status === 'serving'))
    .sort((a, b) => +(b.calledAt ?? 0) - +(a.calledAt ?? 0))[0];
  return {
    center: centerName,
    day,
    windows: s.windows.filter((w) => w.active).map((w) => {
      const t = current(w);
      return { number: w.number, name: w.name, open: w.staffId !== null, ticketNo: t?.ticketNo ?? null, status: t?.status ?? null };
    }),
    recentCalls: calls.map((c) => ({ id: c.id, ticketNo: c.ticketNo, windowNumber: c.windowNumber, kind: c.kind, at: c.at.toISOString() })),
    waiting: waitingByCategory(s),
    lastCallId: calls[0]?.id ?? 0,
  };
}

// ─── the window's panel ───

async function getWindow(db: Db, centerId: number, number: number): Promise<WindowRow> {
  const w = await repo.findWindow(db, centerId, number);
  if (!w || !w.active) throw windowNotFound(number);
  return w;
}

export async function windowPanel(deps: QueueDeps, user: SessionUser, number: number) {
  const day = localDate(deps.clock.now(), user.timeZone);
  const w = await getWindow(deps.db, user.centerId, number);
  const [s, current] = await Promise.all([dayState(deps.db, user.centerId, day), repo.currentAtWindow(deps.db, w.id, day)]);
  const served = (await repo.ticketsOfDay(deps.db, user.centerId, day)).filter((t) => t.windowId === w.id && t.status === 'done').length;
  return {
    window: { number: w.number, name: w.name, staffName: w.staffName, categories: s.categories.filter((c) => w.categoryIds.includes(c.id)).map(categoryView) },
    current: current ? ticketView(current, s) : null,
    waiting: waitingByCategory(s).filter((c) => s.categories.find((x) => x.prefix === c.prefix && w.categoryIds.includes(x.id))),
    sentHere: s.waiting.filter((t) => t.targetWindowId === w.id).length,
    servedToday: served,
  };
}

export async function listWindowsForStaff(deps: QueueDeps, user: SessionUser) {
  const s = await dayState(deps.db, user.centerId, localDate(deps.clock.now(), user.timeZone));
  return s.windows.filter((w) => w.active).map((w) => ({
    number: w.number, name: w.name, staffName: w.staffName,
    categories: s.categories.filter((c) => w.categoryIds.includes(c.id)).map(categoryView),
  }));
}

/** The staff member takes the window: the board shows it open and the estimates count it. */
export async function sitAtWindow(deps: QueueDeps, user: SessionUser, number: number, address: string) {
  const w = await getWindow(deps.db, user.centerId, number);
  await inTransaction(deps.db, async (tx) => {
    await repo.updateWindow(tx, w.id, { staffId: user.id, staffName: user.displayName });
    await writeAdminLog(tx, { userId: user.id, address, at: deps.clock.now(), action: 'queue.sit', target: `window:${number}`, detail: null });
  });
  deps.feed.notify(user.centerId);
  return windowPanel(deps, user, number);
}

export async function leaveWindow(deps: QueueDeps, user: SessionUser, number: number, address: string) {
  const w = await getWindow(deps.db, user.centerId, number);
  if (w.staffId === user.id) {
    await inTransaction(deps.db, async (tx) => {
      await repo.updateWindow(tx, w.id, { staffId: null, staffName: null });
      await writeAdminLog(tx, { userId: user.id, address, at: deps.clock.now(), action: 'queue.leave', target: `window:${number}`, detail: null });
    });
    deps.feed.notify(user.centerId);
  }
  return { ok: true };
}

/**
 * Calls the next ticket to the window. A window still calling or serving someone must finish,
 * mark absent or transfer first, so no ticket is left behind half-served.
 */
export async function callNext(deps: QueueDeps, user: SessionUser, number: number) {
  const now = deps.clock.now();
  const day = localDate(now, user.timeZone);
  const w = await getWindow(deps.db, user.centerId, number);
  if (!mayCall(user, w)) throw notYourWindow(number);
  const busy = await repo.currentAtWindow(deps.db, w.id, day);
  if (busy) {
    throw new AppError('CONFLICT', `请先完成当前号 ${busy.ticketNo} / Finish ticket ${busy.ticketNo} first`, undefined, { ticketNo: busy.ticketNo });
  }
  const called = await inTransaction(deps.db, async (tx) => {
    const t = await repo.claimNext(tx, w, day, { id: user.id, name: user.displayName }, now);
    if (!t) return undefined;
    await repo.insertCall(tx, { centerId: w.centerId, ticketId: t.id, ticketNo: t.ticketNo, windowId: w.id, windowNumber: w.number, kind: 'call', at: now });
    // The admin calling at an empty window opens it on the board; a seated clerk keeps their seat.
    if (w.staffId === null) await repo.updateWindow(tx, w.id, { staffId: user.id, staffName: user.displayName });
    return t;
  });
  if (!called) return { called: null, announcement: null };
  deps.feed.notify(user.centerId);
  const s = await dayState(deps.db, user.centerId, day);
  return { called: ticketView(called, s), announcement: announcement(called.ticketNo, w.number) };
}

export interface StepInput {
  caseNo?: string;
  category?: string;
  window?: number;
}

/** A step on a ticket at the window: recall, absent, start, finish (with the case it produced), transfer, cancel. */
export async function stepTicket(deps: QueueDeps, user: SessionUser, id: number, step: TicketStep, input: StepInput) {
  const now = deps.clock.now();
  const result = await inTransaction(deps.db, async (tx) => {
    const t = await repo.lockTicket(tx, user.centerId, id);
    if (!t) throw ticketNotFound();
    if (!canStep(t.status, step)) {
      throw new AppError('INVALID_TRANSITION', `号票 ${t.ticketNo} 当前状态（${t.status}）不能执行此操作 / Ticket ${t.ticketNo} is ${t.status}`);
    }
    const windows = await repo.listWindows(tx, user.centerId);
    if (!mayStep(user, t, windows)) throw notYourTicket(t.ticketNo);
    switch (step) {
      case 'recall': {
        const w = windows.find((x) => x.id === t.windowId)!;
        await repo.insertCall(tx, { centerId: t.centerId, ticketId: t.id, ticketNo: t.ticketNo, windowId: w.id, windowNumber: w.number, kind: 'recall', at: now });
        return { ticket: await repo.updateTicket(tx, t.id, { callCount: t.callCount + 1, calledAt: now, updatedAt: now }), announce: w.number };
      }
      case 'absent':
        return { ticket: await repo.updateTicket(tx, t.id, { status: 'absent', finishedAt: now, updatedAt: now }) };
      case 'start':
        return { ticket: await repo.updateTicket(tx, t.id, { status: 'serving', startedAt: now, staffId: user.id, staffName: user.displayName, updatedAt: now }) };
      case 'finish': {
        let caseNo: string | null = null;
        if (input.caseNo) {
          const c = await findCaseByNo(tx, input.caseNo.trim(), user.centerId);
          if (!c) throw invalid('No such case', [{ field: 'caseNo', message: `办件 ${input.caseNo} 不存在 / no such case` }]);
          caseNo = c.caseNo;
        }
        return { ticket: await repo.updateTicket(tx, t.id, { status: 'done', finishedAt: now, caseNo, updatedAt: now }) };
      }
      case 'cancel':
        return { ticket: await repo.updateTicket(tx, t.id, { status: 'cancelled', finishedAt: now, updatedAt: now }) };
      case 'transfer':
        return { ticket: await transfer(tx, user, t, input, now) };
    }
  });
  await writeAdminLog(deps.db, { userId: user.id, address: 'queue', at: now, action: `queue.${step}`, target: result.ticket.ticketNo, detail: input.caseNo || input.category || input.window ? { ...input } : null });
  deps.feed.notify(user.centerId);
  const s = await dayState(deps.db, user.centerId, result.ticket.day);
  return {
    ticket: ticketView(result.ticket, s),
    announcement: 'announce' in result && result.announce !== undefined ? announcement(result.ticket.ticketNo, result.announce) : null,
  };
}

/**
 * Sends a ticket on to another category or to one window. It keeps its number and its place in
 * line (issue time and priority): the applicant has waited once already.
 */
async function transfer(tx: Db, user: SessionUser, t: TicketRow, input: StepInput, now: Date): Promise<TicketRow> {
  if (!input.category === (input.window === undefined)) {
    throw invalid('Name either a category or a window', [{ field: 'category', message: 'give exactly one of category, window' }]);
  }
  if (input.category) {
    const c = await repo.findCategory(tx, user.centerId, input.category.toUpperCase());
    if (!c || !c.active) throw categoryNotFound(input.category);
    return repo.updateTicket(tx, t.id, {
      status: 'waiting', categoryId: c.id, targetWindowId: null, windowId: null, startedAt: null, transfers: t.transfers + 1, updatedAt: now,
    });
  }
  const w = await repo.findWindow(tx, user.centerId, input.window!);
  if (!w || !w.active) throw invalid('No such window', [{ field: 'window', message: `no window ${input.window}` }]);
  if (w.id === t.windowId) throw invalid('The ticket is already at this window', [{ field: 'window', message: 'same window' }]);
  return repo.updateTicket(tx, t.id, {
    status: 'waiting', targetWindowId: w.id, windowId: null, startedAt: null, transfers: t.transfers + 1, updatedAt: now,
  });
}

export async function deskTickets(deps: QueueDeps, user: SessionUser, day?: string) {
  const d = day ?? localDate(deps.clock.now(), user.timeZone);
  if (!isValidDate(d)) throw invalid('Invalid date', [{ field: 'day', message: 'not a date' }]);
  const [s, tickets] = await Promise.all([dayState(deps.db, user.centerId, d), repo.ticketsOfDay(deps.db, user.centerId, d)]);
  return tickets.map((t) => ticketView(t, s));
}

// ─── statistics ───

interface Group { key: string; label: string; tickets: TicketRow[] }

function groupBy(tickets: TicketRow[], key: (t: TicketRow) => string | null, label: (k: string) => string): Group[] {
  const groups = new Map<string, TicketRow[]>();
  for (const t of tickets) {
    const k = key(t);
    if (k === null) continue;
    groups.set(k, [...(groups.get(k) ?? []), t]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b, 'zh-CN', { numeric: true })).map(([k, ts]) => ({ key: k, label: label(k), tickets: ts }));
}

function figures(g: Group) {
  const called = g.tickets.filter((t) => t.calledAt);
  const absent = g.tickets.filter((t) => t.status === 'absent').length;
  const done = g.tickets.filter((t) => t.status === 'done');
  return {
    key: g.key,
    label: g.label,
    tickets: g.tickets.length,
    served: done.length,
    absent,
    absentRate: called.length ? Math.round((absent / called.length) * 1000) / 10 : null,
    avgWaitMinutes: averageMinutes(called.map((t) => +t.calledAt! - +t.issuedAt)),
    avgServiceMinutes: averageMinutes(done.map((t) => (t.startedAt && t.finishedAt ? +t.finishedAt - +t.startedAt : null))),
  };
}

/** Waiting and service times per category, window, staff member and hour of issue; absent rate over called tickets. */
export async function queueStats(deps: QueueDeps, user: SessionUser, q: { from?: string; to?: string }) {
  const today = localDate(deps.clock.now(), user.timeZone);
  const from = q.from ?? today;
  const to = q.to ?? today;
  if (!isValidDate(from) || !isValidDate(to) || from > to) throw invalid('Invalid period', [{ field: 'from', message: 'from must be a date not after to' }]);
  const [tickets, categories, windows] = await Promise.all([
    repo.ticketsBetween(deps.db, user.centerId, from, to), repo.listCategories(deps.db, user.centerId, false), repo.listWindows(deps.db, user.centerId),
  ]);
  const catName = new Map(categories.map((c) => [String(c.id), `${c.prefix} ${c.name}`]));
  const winName = new Map(windows.map((w) => [String(w.id), `${w.number}号窗口`]));
  const staffName = new Map(tickets.filter((t) => t.staffId).map((t) => [String(t.staffId), t.staffName ?? '']));
  const hourOf = (t: TicketRow) => String(localHour(t.issuedAt, user.timeZone)).padStart(2, '0');
  return {
    from, to,
    total: figures({ key: 'all', label: '全部', tickets }),
    byCategory: groupBy(tickets, (t) => String(t.categoryId), (k) => catName.get(k) ?? k).map(figures),
    byWindow: groupBy(tickets, (t) => (t.windowId ? String(t.windowId) : null), (k) => winName.get(k) ?? k).map(figures),
    byStaff: groupBy(tickets, (t) => (t.staffId ? String(t.staffId) : null), (k) => staffName.get(k) ?? k).map(figures),
    byHour: groupBy(tickets, hourOf, (k) => `${k}:00`).map(figures),
  };
}

// ─── administration ───

export interface CategoryInput {
  prefix: string;
  name: string;
  nameEn?: string;
  avgServiceMinutes?: number;
  appointmentCategory?: string | null;
  active?: boolean;
  sortOrder?: number;
}

export async function adminCategories(db: Db, centerId: number) {
  return (await repo.listCategories(db, centerId, false)).map((c) => ({
    prefix: c.prefix, name: c.name, nameEn: c.nameEn, avgServiceMinutes: c.avgServiceMinutes, appointmentCategory: c.appointmentCategory,
    active: c.active, sortOrder: c.sortOrder,
  }));
}

export async function saveCategory(db: Db, actor: Actor, input: CategoryInput) {
  const prefix = input.prefix.toUpperCase();
  if (!isValidPrefix(prefix)) throw invalid('Invalid prefix', [{ field: 'prefix', message: 'one or two letters A–Z' }]);
  await inTransaction(db, async (tx) => {
    const existing = await repo.findCategory(tx, actor.centerId, prefix);
    const fields = {
      name: input.name.trim(), nameEn: input.nameEn ?? existing?.nameEn ?? '', avgServiceMinutes: input.avgServiceMinutes ?? existing?.avgServiceMinutes ?? 10,
      appointmentCategory: input.appointmentCategory === undefined ? existing?.appointmentCategory ?? null : input.appointmentCategory,
      active: input.active ?? existing?.active ?? true, sortOrder: input.sortOrder ?? existing?.sortOrder ?? 0,
    };
    if (!fields.name) throw invalid('Name required', [{ field: 'name', message: 'must not be blank' }]);
    if (existing) await repo.updateCategory(tx, existing.id, fields);
    else await repo.insertCategory(tx, { centerId: actor.centerId, prefix, ...fields });
    await writeAdminLog(tx, { userId: actor.userId, address: actor.address, at: actor.at, action: 'queue.category', target: prefix, detail: { ...fields } });
  });
  return adminCategories(db, actor.centerId);
}

export interface WindowInput {
  number: number;
  name?: string;
  categories: string[];
  active?: boolean;
}

export async function adminWindows(db: Db, centerId: number) {
  const [windows, categories] = await Promise.all([repo.listWindows(db, centerId), repo.listCategories(db, centerId, false)]);
  return windows.map((w) => ({
    number: w.number, name: w.name, active: w.active, staffName: w.staffName,
    categories: categories.filter((c) => w.categoryIds.includes(c.id)).map((c) => c.prefix),
  }));
}

export async function saveWindow(db: Db, actor: Actor, input: WindowInput) {
  const categories = await repo.listCategories(db, actor.centerId, false);
  const ids: number[] = [];
  for (const p of input.categories) {
    const c = categories.find((x) => x.prefix === p.toUpperCase());
    if (!c) throw invalid('Unknown category', [{ field: 'categories', message: `no category ${p}` }]);
    if (!ids.includes(c.id)) ids.push(c.id);
  }
  await inTransaction(db, async (tx) => {
    const existing = await repo.findWindow(tx, actor.centerId, input.number);
    const name = input.name?.trim() || existing?.name || `${input.number}号窗口`;
    if (existing) await repo.updateWindow(tx, existing.id, { name, categoryIds: ids, active: input.active ?? existing.active });
    else await repo.insertWindow(tx, { centerId: actor.centerId, number: input.number, name, categoryIds: ids, active: input.active ?? true });
    await writeAdminLog(tx, { userId: actor.userId, address: actor.address, at: actor.at, action: 'queue.window', target: String(input.number), detail: { name, categories: input.categories } });
  });
  return adminWindows(db, actor.centerId);
}

