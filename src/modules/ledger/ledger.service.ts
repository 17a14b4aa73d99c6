/**
 * The paper ledger (台帐) of the three-level network: where every paper of a proxy case is, and
 * each handover (交接) between a village room, its township station and the county. A place sees
 * and moves only the papers it holds; a batch is received only by the place it was sent to.
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { LedgerReturnProof } from '../../db/schema/index.js';
import { inTransaction } from '../../db/tx.js';
import { AppError, type FieldProblem } from '../../domain/errors.js';
import { maskName, maskPhone } from '../../domain/identity.js';
import { wholeHours } from '../../domain/ledger-transit.js';
import { workingHoursBetween } from '../../domain/network-hours.js';
import { localDate } from '../../domain/time-zone.js';
import { randomToken } from '../../lib/random-token.js';
import type { SessionUser } from '../auth/auth.service.js';
import { getCenterCached, type CenterRow } from '../centers/centers.service.js';
import { forgetCase } from '../cases/case-copies.js';
import { viewEnv, type ActingUser, type CaseDeps } from '../cases/case-deps.js';
import { effectFor } from '../cases/case-effects.js';
import { getReachableCase } from '../cases/case-reads.service.js';
import { commitEffect } from '../cases/case-step.js';
import * as cases from '../cases/cases.repository.js';
import { getNetworkPlace } from '../network/places.js';
import { isProxyRole } from '../network/proxy-intake.service.js';
import { enqueueSms } from '../sms/sms.repository.js';
import { RESULT_AT_PLACE_TEMPLATE, RETURN_CODE_TEMPLATE, renderResultAtPlace, renderReturnCode } from '../sms/sms-templates.js';
import * as repo from './ledger.repository.js';
import type {
  CaseLedger, Handover, HandoverBody, LedgerEntry, LedgerOverdue, LedgerView, PlaceRef, ReturnAnswer, ReturnBody, ReturnCodeAnswer,
} from '#contract/ledger.js';

const DAY_MS = 86_400_000;
/** How far back the sent and received batches of a place are listed. */
const RECENT_DAYS = 30;
const RECENT_LIMIT = 100;
const CODE_TTL_MS = 15 * 60_000;
const CODE_MAX_ATTEMPTS = 5;
/** A clerk pressing "send" again waits this long: the applicant's phone is not a pager. */
const CODE_RESEND_MS = 60_000;

/** County staff read the county's ledger; only the desk moves papers (supervisors and leaders read). */
const COUNTY_ROLES = new Set(['desk', 'supervisor', 'leader']);

// ─── Places ───

/** The caller's place: a station's or agent's own center, or the county of the county's staff. */
async function placeOf(db: Db, user: SessionUser): Promise<CenterRow> {
  if (isProxyRole(user.role)) return (await getNetworkPlace(db, user.centerId)).place;
  const center = await getCenterCached(db, user.centerId);
  if (!COUNTY_ROLES.has(user.role) || center.level !== 'county') {
    throw new AppError('FORBIDDEN', '台帐只在县中心、乡镇便民服务站和村便民服务室使用 / the ledger belongs to the county center, stations and village rooms');
  }
  return center;
}

async function countyOf(db: Db, place: CenterRow): Promise<CenterRow> {
  return place.level === 'county' ? place : (await getNetworkPlace(db, place.id)).county;
}

/**
 * The places a place exchanges papers with: a village room with its township and, since an agent
 * may carry straight to the county, with the county; a township with the county and its villages;
 * the county with its townships and every village below them.
 */
async function neighboursOf(db: Db, place: CenterRow): Promise<CenterRow[]> {
  if (place.level === 'village') {
    const { township, county } = await getNetworkPlace(db, place.id);
    return [township, county];
  }
  const below = (await repo.listCentersBelow(db, place.id)).filter((c) => c.level === 'village' || (place.level === 'county' && c.level === 'township'));
  const ids = place.level === 'township' ? [(await getNetworkPlace(db, place.id)).county.id, ...below.map((c) => c.id)] : below.map((c) => c.id);
  return Promise.all(ids.map((id) => getCenterCached(db, id)));
}

const placeRef = (c: CenterRow): PlaceRef => ({ code: c.code, name: c.name, level: c.level });

async function placeRefs(db: Db, ids: Iterable<number>): Promise<Map<number, PlaceRef>> {
  const unique = [...new Set(ids)];
  const rows = await Promise.all(unique.map((id) => getCenterCached(db, id)));
  return new Map(rows.map((c) => [c.id, placeRef(c)]));
}

// ─── Views ───

function entryView(e: repo.EntryRow, refs: Map<number, PlaceRef>, now: Date): LedgerEntry {
  return {
    id: e.id, caseNo: e.caseNo, itemName: e.itemName, applicantName: maskName(e.applicantName), kind: e.kind, name: e.name, copies: e.copies,
    home: refs.get(e.homeCenterId)!, holder: refs.get(e.holderCenterId)!, state: e.state, heldSince: e.heldSince.toISOString(),
    heldHours: wholeHours(e.heldSince, now), batchNo: e.state === 'in_transit' ? e.batchNo : null, returnedAt: e.returnedAt?.toISOString() ?? null,
  };
}

async function handoverViews(db: Db, list: repo.HandoverWithNames[], now: Date): Promise<Handover[]> {
  const entries = await repo.listEntriesOfHandovers(db, list.map((h) => h.h.id));
  const refs = await placeRefs(db, [...list.flatMap((h) => [h.h.fromCenterId, h.h.toCenterId]), ...entries.flatMap((e) => [e.homeCenterId, e.holderCenterId])]);
  return list.map(({ h, sentByName, receivedByName }) => ({
    id: h.id, batchNo: h.batchNo, from: refs.get(h.fromCenterId)!, to: refs.get(h.toCenterId)!, carrier: h.carrier, note: h.note, status: h.status,
    sentAt: h.sentAt.toISOString(), sentBy: sentByName ?? '', receivedAt: h.receivedAt?.toISOString() ?? null, receivedBy: receivedByName ?? null,
    entries: entries.filter((e) => e.inHandover === h.id).map((e) => entryView(e, refs, now)),
    printUrl: `/print/ledger/handovers/${h.id}`,
  }));
}

async function handoverView(db: Db, id: number, now: Date): Promise<Handover> {
  const h = await repo.findHandover(db, id);
  if (!h) throw new AppError('NOT_FOUND', 'Handover not found');
  return (await handoverViews(db, [h], now))[0]!;
}

/** GET /api/ledger: the caller's place — what it holds, what is coming, what went and came lately. */
export async function getLedgerView(deps: CaseDeps, user: SessionUser): Promise<LedgerView> {
  const now = deps.clock.now();
  const place = await placeOf(deps.db, user);
  const since = new Date(now.getTime() - RECENT_DAYS * DAY_MS);
  const [neighbours, here, incoming, sent, received] = await Promise.all([
    neighboursOf(deps.db, place),
    repo.listHeldAt(deps.db, place.id),
    repo.listIncoming(deps.db, place.id),
    repo.listSentSince(deps.db, place.id, since, RECENT_LIMIT),
    repo.listReceivedSince(deps.db, place.id, since, RECENT_LIMIT),
  ]);
  const refs = await placeRefs(deps.db, here.flatMap((e) => [e.homeCenterId, e.holderCenterId]));
  const [incomingV, sentV, receivedV] = await Promise.all([handoverViews(deps.db, incoming, now), handoverViews(deps.db, sent, now), handoverViews(deps.db, received, now)]);
  return {
    place: placeRef(place), neighbours: neighbours.map(placeRef), here: here.map((e) => entryView(e, refs, now)),
    incoming: incomingV, sent: sentV, received: receivedV,
  };
}

// ─── Handovers ───

/**
 * 交接: the papers held here go on the road to a neighbouring place, as one numbered batch with a
 * transfer list to print. All of them or none: one paper not held here refuses the whole batch.
 */
export async function createHandover(deps: CaseDeps, user: SessionUser, body: HandoverBody): Promise<Handover> {
  const now = deps.clock.now();
  const place = await placeOf(deps.db, user);
  const to = await repo.findCenterByCode(deps.db, body.to.trim());
  if (!to || !(await neighboursOf(deps.db, place)).some((n) => n.id === to.id)) {
    throw new AppError('NOT_NEIGHBOUR', `${place.name}不与${to?.name ?? body.to}直接交接材料 / papers go from ${place.code} only to a neighbouring place`,
      [{ field: 'to', message: 'not a neighbouring place' }]);
  }
  const ids = [...new Set(body.entryIds)];
  const id = await inTransaction(deps.db, async (tx) => {
    const locked = new Map((await repo.lockEntries(tx, ids)).map((e) => [e.id, e]));
    const problems: FieldProblem[] = [];
    body.entryIds.forEach((entryId, i) => {
      const e = locked.get(entryId);
      if (!e || e.holderCenterId !== place.id || e.state !== 'held') problems.push({ field: `entryIds.${i}`, message: `paper ${entryId} is not held at ${place.code}` });
    });
    if (problems.length) throw new AppError('NOT_HELD_HERE', `材料不在${place.name} / ${problems[0]!.message}`, problems);
    const day = localDate(now, place.timeZone).replaceAll('-', '');
    const seq = await repo.nextBatchSeq(tx, day);
    const handoverId = await repo.insertHandover(tx, {
      batchNo: `JJ-${day}-${String(seq).padStart(4, '0')}`, fromCenterId: place.id, toCenterId: to.id, carrier: body.carrier.trim(),
      note: body.note?.trim() ?? '', status: 'sent', token: randomToken(18), sentBy: user.id, sentAt: now,
    });
    await repo.sendEntries(tx, handoverId, ids, now);
    return handoverId;
  });
  return handoverView(deps.db, id, now);
}

const sameSecret = (a: string, b: string) => {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
};

/**
 * The receiving place confirms the batch arrived: its papers are held there from now. A result
 * arriving at the place the applicant came to tells them by SMS to come and collect it.
 */
export async function receiveHandover(deps: CaseDeps, user: SessionUser, id: number, token: string | undefined): Promise<Handover> {
  const now = deps.clock.now();
  const place = await placeOf(deps.db, user);
  const found = await repo.findHandover(deps.db, id);
  if (!found || (found.h.toCenterId !== place.id && found.h.fromCenterId !== place.id)) throw new AppError('NOT_FOUND', 'Handover not found');
  const h = found.h;
  if (h.toCenterId !== place.id) throw new AppError('FORBIDDEN', '只有接收方可以签收 / only the receiving place confirms a batch');
  if (token !== undefined && !sameSecret(token, h.token)) {
    throw new AppError('HANDOVER_TOKEN_INVALID', '交接单二维码与该批次不符 / the transfer list\'s code does not match this batch');
  }
  if (h.status === 'received') throw alreadyReceived(h.batchNo);
  await inTransaction(deps.db, async (tx) => {
    if (!(await repo.markReceived(tx, id, user.id, now))) throw alreadyReceived(h.batchNo);
    const arrived = await repo.receiveEntries(tx, id, place.id, now);
    for (const e of arrived.filter((x) => x.kind === 'result' && x.homeCenterId === place.id)) {
      const c = await repo.findCaseContact(tx, e.caseId);
      if (!c) continue;
      const center = await getCenterCached(deps.db, c.centerId, tx);
      await enqueueSms(tx, {
        caseId: c.id, recipient: c.applicantPhone, template: RESULT_AT_PLACE_TEMPLATE, now,
        // One message per paper arriving home: a batch received again cannot send it twice.
        dedupeKey: `ledger-result:${e.id}`,
        body: renderResultAtPlace(center.name, c.itemName, c.caseNo, place.name),
      });
    }
  });
  return handoverView(deps.db, id, now);
}

const alreadyReceived = (batchNo: string) => new AppError('ALREADY_RECEIVED', `批次${batchNo}已签收 / batch ${batchNo} was received already`);

// ─── Back to the applicant ───

/** A paper is handed back only where the applicant came, by the place holding it there. */
async function returnableEntry(db: Db, place: CenterRow, entryId: number): Promise<repo.EntryRow> {
  const e = await repo.findEntry(db, entryId);
  if (!e || (e.holderCenterId !== place.id && e.homeCenterId !== place.id)) throw new AppError('NOT_FOUND', 'Ledger entry not found');
  if (e.state === 'returned') throw new AppError('ALREADY_RETURNED', `“${e.name}”已交还申请人 / already handed back`);
  if (e.state !== 'held' || e.holderCenterId !== place.id) throw new AppError('NOT_HELD_HERE', `“${e.name}”尚未送达${place.name} / not held here yet`);
  if (e.homeCenterId !== place.id) {
    throw new AppError('NOT_HOME', `“${e.name}”应在申请人办理的地点交还 / a paper is handed back where the applicant came`);
  }
  return e;
}

function codeHash(phone: string, createdAt: Date, code: string): string {
  return createHash('sha256').update(`ledger-return:${phone}:${createdAt.toISOString()}:${code}`).digest('hex');
}

/**
 * 签收码: the applicant's phone gets a code they read back when they take the paper. Kept in
 * proxy_confirmations (item_code = the case number) rather than in the entry's return_proof: that
 * table already is "a hashed six-digit code to a phone, with expiry, attempts and single use, by the
 * clerk who asked", and return_proof stays what its name says — the proof of a return made.
 */
export async function sendReturnCode(deps: CaseDeps, user: SessionUser, entryId: number): Promise<ReturnCodeAnswer> {
  const now = deps.clock.now();
  const place = await placeOf(deps.db, user);
  const e = await returnableEntry(deps.db, place, entryId);
  const c = await repo.findCaseContact(deps.db, e.caseId);
  if (!c) throw new AppError('NOT_FOUND', 'Case not found');
  const last = await repo.findOpenReturnCode(deps.db, user.id, c.caseNo, now);
  if (last && now.getTime() - last.createdAt.getTime() < CODE_RESEND_MS) {
    throw new AppError('THROTTLED', '签收码刚刚已发送，请稍后再试 / a code was sent a moment ago; wait a minute');
  }
  const center = await getCenterCached(deps.db, c.centerId);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await inTransaction(deps.db, async (tx) => {
    const id = await repo.insertReturnCode(tx, {
      centerId: place.id, phone: c.applicantPhone, itemCode: c.caseNo, codeHash: codeHash(c.applicantPhone, now, code), createdBy: user.id,
      createdAt: now, expiresAt: new Date(now.getTime() + CODE_TTL_MS), caseId: c.id,
    });
    await enqueueSms(tx, {
      caseId: c.id, recipient: c.applicantPhone, template: RETURN_CODE_TEMPLATE, dedupeKey: `ledger-return-code:${id}`, now,
      body: renderReturnCode(center.name, place.name, c.itemName, c.caseNo, code, CODE_TTL_MS / 60_000),
    });
  });
  return { phone: maskPhone(c.applicantPhone), expiresIn: CODE_TTL_MS / 1000 };
}

const badCode = () => new AppError('VALIDATION_FAILED', '签收码错误或已失效 / the code is wrong, used or expired', [{ field: 'proof.code', message: 'wrong or expired' }]);

/** Checks the code outside the return's transaction, so that a wrong try is counted even though the return fails. */
async function checkReturnCode(deps: CaseDeps, user: SessionUser, caseNo: string, code: string, now: Date) {
  const row = await repo.findOpenReturnCode(deps.db, user.id, caseNo, now);
  if (!row || row.attempts >= CODE_MAX_ATTEMPTS) throw badCode();
  if (!sameSecret(row.codeHash, codeHash(row.phone, row.createdAt, code))) {
    await repo.countWrongReturnCode(deps.db, row.id);
    throw badCode();
  }
  return row;
}

/**
 * 交还: the paper goes back into the applicant's hands at their place, with their signature or the
 * code sent to their phone. A result of a case still completed delivers the case (出件) in the
 * same transaction: the window at the place is where it was picked up.
 */
export async function returnEntry(deps: CaseDeps, actor: ActingUser, entryId: number, body: ReturnBody): Promise<ReturnAnswer> {
  const now = deps.clock.now();
  const user = actor.user;
  const place = await placeOf(deps.db, user);
  const e = await returnableEntry(deps.db, place, entryId);
  const contact = await repo.findCaseContact(deps.db, e.caseId);
  if (!contact) throw new AppError('NOT_FOUND', 'Case not found');
  const codeRow = body.proof.kind === 'sms_code' ? await checkReturnCode(deps, user, e.caseNo, body.proof.code, now) : undefined;
  const proof: LedgerReturnProof = body.proof.kind === 'signature'
    ? { kind: 'signature', by: body.proof.name.trim() }
    : { kind: 'sms_code', by: maskPhone(contact.applicantPhone) };
  const pickupName = body.proof.kind === 'signature' ? body.proof.name.trim() : contact.applicantName;
  const env = await viewEnv(deps);
  let note: string | undefined;
  const delivered = await inTransaction(deps.db, async (tx) => {
    if (codeRow && !(await repo.useReturnCode(tx, codeRow.id, now))) throw badCode();
    if (!(await repo.markReturned(tx, e.id, place.id, user.id, now, proof))) {
      throw new AppError('NOT_HELD_HERE', `“${e.name}”已不在${place.name}（已交还或已交出）/ no longer held here`);
    }
    if (e.kind !== 'result') return undefined;
    const c = await cases.findCaseByNo(tx, e.caseNo, e.caseCenterId);
    if (!c || c.status !== 'completed') return undefined;
    if (!c.applicantIdNumber) {
      // 出件 at a window checks the ID number of the person collecting; an organization's result is left for the desk to deliver.
      note = '申请人无身份证号，出件请由县中心窗口办理 / no ID number on the case: the county desk delivers it';
      return undefined;
    }
    const tasks = (await cases.listTasks(tx, c)).map((t) => t.task);
    const effect = effectFor('deliver', c, tasks, { data: { method: 'window', pickupName, pickupIdNumber: c.applicantIdNumber } }, env, null);
    const txDeps: CaseDeps = { ...deps, db: tx };
    await commitEffect(txDeps, c, tasks, effect, 'deliver', `于${place.name}领取（台帐交还）`, { actor: user.role, user, address: actor.address }, env);
    return c;
  });
  // The process's copy of the case is older than the step just committed inside the transaction.
  if (delivered) forgetCase(deps.db, delivered);
  const after = await repo.findEntry(deps.db, e.id);
  const refs = await placeRefs(deps.db, [after!.homeCenterId, after!.holderCenterId]);
  return { entry: entryView(after!, refs, now), caseDelivered: delivered !== undefined, ...(note ? { note } : {}) };
}

// ─── A case's papers, supervision ───

/** Every paper of a case and each hop it made, for anyone who may see the case. */
export async function getCaseLedger(deps: CaseDeps, actor: ActingUser, caseNo: string): Promise<CaseLedger> {
  const now = deps.clock.now();
  const { c } = await getReachableCase(deps, actor, caseNo);
  const entries = await repo.listCaseEntries(deps.db, c.id);
  const hops = await repo.listHops(deps.db, entries.map((e) => e.id));
  const refs = await placeRefs(deps.db, [...entries.flatMap((e) => [e.homeCenterId, e.holderCenterId]), ...hops.flatMap((x) => [x.h.fromCenterId, x.h.toCenterId])]);
  return {
    caseNo: c.caseNo,
    entries: entries.map((e) => ({
      entry: entryView(e, refs, now),
      hops: hops.filter((x) => x.entryId === e.id).map(({ h }) => ({
        batchNo: h.batchNo, from: refs.get(h.fromCenterId)!, to: refs.get(h.toCenterId)!, carrier: h.carrier,
        sentAt: h.sentAt.toISOString(), receivedAt: h.receivedAt?.toISOString() ?? null,
      })),
    })),
  };
}

/**
 * 谁压着材料: the county's papers held or on the road at least `hours` working hours (the monthly
 * report's rule, src/domain/network-hours.ts: a weekend at a closed village room is not a delay),
 * per place and holder, longest first.
 */
export async function listOverdue(deps: CaseDeps, user: SessionUser, hours: number): Promise<LedgerOverdue> {
  const now = deps.clock.now();
  const place = await placeOf(deps.db, user);
  if (place.level !== 'county') throw new AppError('FORBIDDEN', 'The county center supervises the ledger');
  const county = await countyOf(deps.db, place);
  const { cal } = await viewEnv(deps);
  const working = (e: repo.EntryRow) => Math.floor(workingHoursBetween(cal, e.heldSince, now, county.timeZone));
  // Clock hours are never fewer than working hours: the query's cut-off keeps every candidate.
  const candidates = await repo.listOverdue(deps.db, county.id, new Date(now.getTime() - hours * 3_600_000 + 1));
  const entries = candidates.filter((e) => working(e) >= hours);
  const holders = await repo.listOverdueHolders(deps.db, entries.map((e) => e.id));
  const refs = await placeRefs(deps.db, [
    ...entries.flatMap((e) => [e.homeCenterId, e.holderCenterId]),
    ...[...holders.values()].flatMap((h) => (h.fromCenterId !== null ? [h.fromCenterId] : [])),
  ]);
  const groups = new Map<string, LedgerOverdue['groups'][number]>();
  for (const e of entries) {
    const who = holders.get(e.id);
    const onRoad = e.state === 'in_transit';
    const at = onRoad && who?.fromCenterId != null ? who.fromCenterId : e.holderCenterId;
    const holder = (onRoad ? who?.carrier : who?.receiver ?? who?.taker) ?? '';
    const key = `${at}:${e.state}:${holder}`;
    const view = entryView(e, refs, now);
    const g = groups.get(key) ?? { place: refs.get(at)!, state: onRoad ? 'in_transit' as const : 'held' as const, holder, longestHours: 0, entries: [] };
    g.entries.push(view);
    g.longestHours = Math.max(g.longestHours, working(e));
    groups.set(key, g);
  }
  return { hours, groups: [...groups.values()].sort((a, b) => b.longestHours - a.longestHours) };
}

// ─── The transfer list (交接单) ───

/** A batch for its transfer list: the sending and receiving places, and the county's staff. */
export async function handoverForPrint(deps: CaseDeps, user: SessionUser, id: number) {
  const now = deps.clock.now();
  const place = await placeOf(deps.db, user);
  const found = await repo.findHandover(deps.db, id);
  if (!found) throw new AppError('NOT_FOUND', 'Handover not found');
  const { h } = found;
  const ours = h.fromCenterId === place.id || h.toCenterId === place.id
    || (place.level === 'county' && (await countyOf(deps.db, await getCenterCached(deps.db, h.fromCenterId))).id === place.id);
  if (!ours) throw new AppError('NOT_FOUND', 'Handover not found');
  const [view] = await handoverViews(deps.db, [found], now);
  const from = await getCenterCached(deps.db, h.fromCenterId);
  return { handover: view!, token: h.token, timeZone: from.timeZone, county: await countyOf(deps.db, from) };
}
