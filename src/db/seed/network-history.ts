import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client.js';
import { centers, items, ledgerEntries, ledgerHandoverEntries, ledgerHandovers, networkItemOpenings, users } from '../schema/index.js';
import type { cases, LedgerReturnProof } from '../schema/index.js';
import { DEFAULT_TIME_ZONE, localDate, localInstant } from '../../domain/time-zone.js';
import { addWorkingDays, isWorkingDay, type WorkCalendar } from '../../domain/working-days.js';

/**
 * The demo history's proxy work (代办件) in the three-level network: the history's township- and
 * village-channel cases whose item is opened at a place become that place's proxy cases, taken by
 * its station or agent, and their papers travel the ledger (台帐) as they would have: materials
 * carried up to the township and on to the county in daily batches, results carried back down and
 * handed to the applicant. A few papers sit too long at a station, one batch is still on its way,
 * some results wait for the applicant. Deterministic: its own seeded random stream, so the rest of
 * the history is the same with or without it.
 */

type CaseInsert = typeof cases.$inferInsert;

/** The history's random stream (src/db/seed/history.ts `prng`), passed in so both stay one generator. */
export interface SeedRng {
  next(): number;
  int(lo: number, hi: number): number;
  pick<T>(list: readonly T[]): T;
  chance(p: number): boolean;
}

/** The part of a history step this file changes: the intake's actor and data. */
export interface IntakeStep {
  actor: { id: number; name: string; role: string; address: string };
  data?: Record<string, unknown>;
}

interface Staff { id: number; name: string; role: string }

interface Place {
  id: number;
  code: string;
  level: 'township' | 'village';
  townshipId: number;
  staff: Staff[];
  address: string;
}

interface Hop { from: number; to: number; day: string; sentAt: Date; receivedAt: Date }

interface Batch {
  key: string;
  from: number;
  to: number;
  day: string;
  sentAt: Date;
  receivedAt: Date | null;
  sentBy: number;
  receivedBy: number;
  carrier: string;
}

interface EntryPlan {
  key: string;
  caseNo: string;
  kind: 'material' | 'result';
  name: string;
  home: number;
  createdAt: Date;
  createdBy: number;
  hops: Hop[];
  /** When the applicant took the result back (results only), if they have by now. */
  returnAt: Date | null;
  returnedBy: number | null;
  returnProof: LedgerReturnProof | null;
}

export interface NetworkHistoryResult { proxyCases: number; entries: number; handovers: number }

const ZONE = DEFAULT_TIME_ZONE;
const small = (s: string) => createHash('sha1').update(s).digest().readUInt32BE(0);

export class NetworkHistory {
  private readonly placeById: Map<number, Place>;
  private readonly countyDesks: Staff[];

  constructor(
    private readonly r: SeedRng,
    private readonly cal: WorkCalendar,
    private readonly countyId: number,
    private readonly countyCode: string,
    places: Place[],
    countyDesks: Staff[],
    /** Item code → the places it may be taken in at (the opening's center and every place below it). */
    private readonly openAt: Map<string, Place[]>,
  ) {
    this.placeById = new Map(places.map((p) => [p.id, p]));
    this.countyDesks = countyDesks;
  }

  /**
   * Called for each built case before its events are chained: a township or village case whose
   * item is opened at such a place becomes a proxy case of one of them, taken by its station or
   * agent; any other such case is a window case (a proxy intake of a closed item cannot exist).
   * Intake by a place happens only on its own random stream, so the history's stream is untouched.
   */
  adopt(row: CaseInsert, steps: IntakeStep[]): void {
    const intake = steps[0]!;
    const open = this.openAt.get(row.itemCode) ?? [];
    // What villagers need most (assistance, pensions, insurance) is mostly brought in by their agent
    // once the item is opened nearby: half of those window cases move to a place. Never the planted
    // intermediary's: he comes to the county hall himself.
    if (row.channel === 'window' && !row.agent && open.length > 0 && this.r.chance(0.5)) {
      row.channel = this.r.chance(0.7) && open.some((p) => p.level === 'village') ? 'village' : 'township';
      intake.data = { ...intake.data, channel: row.channel };
    }
    if (row.channel !== 'township' && row.channel !== 'village') return;
    const candidates = open.filter((p) => p.level === row.channel && p.staff.length > 0);
    if (candidates.length === 0) {
      row.channel = 'window';
      intake.data = { ...intake.data, channel: 'window' };
      return;
    }
    const place = this.r.pick(candidates);
    // The named account of the place most of the time, its second one (station1, agent1) now and then.
    const who = place.staff.length > 1 && this.r.chance(0.2) ? place.staff[1]! : place.staff[0]!;
    row.proxyCenterId = place.id;
    row.proxyTownshipId = place.townshipId;
    row.proxyBy = who.id;
    row.proxyAuthorization = { kind: 'paper' };
    row.receivedBy = who.id;
    intake.actor = { id: who.id, name: who.name, role: who.role, address: place.address };
    intake.data = { ...intake.data, proxy: { centerId: place.id, authorization: 'paper' } };
  }

  /** The first batch from `from` to `to` that leaves after `ready`, at least `delay` working days later. */
  private batchAfter(from: Place | null, to: Place | null, ready: Date, delay: number): Hop {
    const fromId = from?.id ?? this.countyId;
    const toId = to?.id ?? this.countyId;
    let day = localDate(ready, ZONE);
    if (!isWorkingDay(this.cal, day)) day = addWorkingDays(this.cal, day, 1).date;
    if (delay > 0) day = addWorkingDays(this.cal, day, delay).date;
    for (;;) {
      const h = small(`${fromId}>${toId}@${day}`);
      // Villages carry up in the morning, stations forward to the county after lunch; the county
      // sends results down in the morning and stations take them on to the villages in the afternoon.
      const up = from !== null && (to === null || to.level === 'township' && from.level === 'village');
      const sentMinute = up ? (from!.level === 'village' ? 570 : 840) : from === null ? 540 : 870;
      const sentAt = localInstant(day, sentMinute + (h % 45), ZONE);
      const travel = 45 + ((h >>> 8) % 75);
      if (sentAt > ready) return { from: fromId, to: toId, day, sentAt, receivedAt: new Date(sentAt.getTime() + travel * 60_000) };
      day = addWorkingDays(this.cal, day, 1).date;
    }
  }

  /** Writes the proxy cases' ledger: their entries, the batches and each paper's hops. */
  async writeLedger(db: Db, rows: CaseInsert[], idOf: Map<string, number>, now: Date): Promise<NetworkHistoryResult> {
    const plans: EntryPlan[] = [];
    const proxyRows = rows.filter((c) => c.proxyCenterId != null);
    for (const c of proxyRows) {
      const place = this.placeById.get(c.proxyCenterId!)!;
      const township = this.placeById.get(place.townshipId)!;
      const receivedAt = c.receivedAt as Date;
      // A few cases sit at the room or the station for days before anyone carries them (超时滞留).
      const slowHere = this.r.chance(0.06) ? this.r.int(2, 4) : 0;
      const slowStation = this.r.chance(0.05) ? this.r.int(2, 4) : 0;
      const up: Hop[] = [];
      if (place.level === 'village') {
        up.push(this.batchAfter(place, township, receivedAt, slowHere));
        up.push(this.batchAfter(township, null, up[0]!.receivedAt, slowStation));
      } else {
        up.push(this.batchAfter(place, null, receivedAt, slowHere));
      }
      const names = [...new Set(c.materials!.filter((m) => m.provided).map((m) => m.name))];
      for (const name of names) {
        plans.push({ key: `${c.caseNo}|material|${name}`, caseNo: c.caseNo!, kind: 'material', name, home: place.id, createdAt: receivedAt,
          createdBy: c.proxyBy!, hops: up, returnAt: null, returnedBy: null, returnProof: null });
      }
      if (c.completedAt && c.decision === 'approved' && c.resultNo) {
        const completedAt = c.completedAt as Date;
        const down: Hop[] = [this.batchAfter(null, township, completedAt, this.r.chance(0.04) ? this.r.int(2, 3) : 0)];
        if (place.level === 'village') down.push(this.batchAfter(township, place, down[0]!.receivedAt, this.r.chance(0.04) ? this.r.int(2, 3) : 0));
        const arrived = down.at(-1)!.receivedAt;
        // Most applicants come for the result within a couple of working days; some have not come yet.
        let returnAt: Date | null = null;
        if (!this.r.chance(0.06)) {
          const day = addWorkingDays(this.cal, localDate(arrived, ZONE), this.r.chance(0.5) ? 0 : this.r.int(1, 3)).date;
          const at = localInstant(day, this.r.int(540, 1000), ZONE);
          returnAt = at > arrived ? at : new Date(arrived.getTime() + this.r.int(20, 90) * 60_000);
        }
        const agent = place.staff[0]!;
        plans.push({ key: `${c.caseNo}|result|办理结果（${c.resultNo}）`, caseNo: c.caseNo!, kind: 'result', name: `办理结果（${c.resultNo}）`, home: place.id,
          createdAt: completedAt, createdBy: this.countyDesks[0]!.id, hops: down, returnAt, returnedBy: agent.id,
          returnProof: { kind: 'signature', by: c.applicantName! } });
      }
    }

    // Batches: every hop on the same road on the same day travels together.
    const batches = new Map<string, Batch>();
    const staffOf = (id: number) => (id === this.countyId ? this.countyDesks[0]! : this.placeById.get(id)!.staff[0]!);
    const codeOf = (id: number) => (id === this.countyId ? this.countyCode : this.placeById.get(id)!.code);
    // 批次号: the day, then the road (261103-HP-CG-DJ-HP-CG); one batch per road and day.
    const batchKey = (hop: Hop) => `${hop.day.replaceAll('-', '').slice(2)}-${codeOf(hop.from)}-${codeOf(hop.to)}`;
    for (const p of plans) {
      for (const hop of p.hops) {
        if (hop.sentAt > now) break;
        const key = batchKey(hop);
        if (!batches.has(key)) {
          batches.set(key, { key, from: hop.from, to: hop.to, day: hop.day, sentAt: hop.sentAt, receivedAt: hop.receivedAt <= now ? hop.receivedAt : null,
            sentBy: staffOf(hop.from).id, receivedBy: staffOf(hop.to).id, carrier: staffOf(hop.from).name });
        }
      }
    }
    // One batch to the county is still waiting to be signed for: the newest one sent.
    const toCounty = [...batches.values()].filter((b) => b.to === this.countyId).sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime());
    const pending = toCounty.at(-1);
    if (pending) pending.receivedAt = null;

    const batchList = [...batches.values()];
    const batchId = new Map<string, number>();
    for (let i = 0; i < batchList.length; i += 500) {
      const ids = await db.insert(ledgerHandovers).values(batchList.slice(i, i + 500).map((b) => ({
        batchNo: b.key, fromCenterId: b.from, toCenterId: b.to, carrier: b.carrier, note: '',
        status: b.receivedAt ? 'received' as const : 'sent' as const,
        token: createHash('sha256').update(`ledger-history:${b.key}`).digest('hex').slice(0, 32),
        sentBy: b.sentBy, sentAt: b.sentAt, receivedBy: b.receivedAt ? b.receivedBy : null, receivedAt: b.receivedAt,
      }))).returning({ id: ledgerHandovers.id, batchNo: ledgerHandovers.batchNo });
      for (const x of ids) batchId.set(x.batchNo, x.id);
    }

    // Where each paper is now: walk its hops up to the first that has not happened (or not arrived).
    // A material starts at the place that took it, a result at the county that made it.
    const entryRows: (typeof ledgerEntries.$inferInsert)[] = [];
    const hopKeys: { entry: string; batch: string }[] = [];
    for (const p of plans) {
      let holder = p.kind === 'material' ? p.home : this.countyId;
      let since = p.createdAt;
      let state: 'held' | 'in_transit' | 'returned' = 'held';
      let handoverId: number | null = null;
      let arrived = true;
      for (const hop of p.hops) {
        if (hop.sentAt > now) {
          arrived = false;
          break;
        }
        const key = batchKey(hop);
        const b = batches.get(key)!;
        hopKeys.push({ entry: p.key, batch: key });
        if (!b.receivedAt) {
          // In transit the paper is the carrier's; the sender stays its holder of record until the receiver signs.
          state = 'in_transit';
          handoverId = batchId.get(key)!;
          since = b.sentAt;
          arrived = false;
          break;
        }
        holder = b.to;
        since = b.receivedAt;
      }
      if (p.kind === 'result' && arrived && p.returnAt && p.returnAt <= now) {
        state = 'returned';
        since = p.returnAt;
      }
      entryRows.push({
        caseId: idOf.get(p.caseNo)!, caseNo: p.caseNo, kind: p.kind, name: p.name, copies: 1, homeCenterId: p.home, holderCenterId: holder,
        state, handoverId, heldSince: since, createdBy: p.createdBy, createdAt: p.createdAt,
        returnedAt: state === 'returned' ? p.returnAt : null, returnedBy: state === 'returned' ? p.returnedBy : null,
        returnProof: state === 'returned' ? p.returnProof : null,
      });
    }
    const entryId = new Map<string, number>();
    for (let i = 0; i < entryRows.length; i += 1000) {
      const ids = await db.insert(ledgerEntries).values(entryRows.slice(i, i + 1000))
        .returning({ id: ledgerEntries.id, caseNo: ledgerEntries.caseNo, kind: ledgerEntries.kind, name: ledgerEntries.name });
      for (const x of ids) entryId.set(`${x.caseNo}|${x.kind}|${x.name}`, x.id);
    }
    const links = hopKeys.map((h) => ({ handoverId: batchId.get(h.batch)!, entryId: entryId.get(h.entry)! }));
    for (let i = 0; i < links.length; i += 2000) await db.insert(ledgerHandoverEntries).values(links.slice(i, i + 2000));
    return { proxyCases: proxyRows.length, entries: entryRows.length, handovers: batchList.length };
  }
}

/** Reads the county's places, their staff and the item openings; null when the county has no network. */
export async function prepareNetworkHistory(db: Db, countyId: number, r: SeedRng, cal: WorkCalendar): Promise<NetworkHistory | null> {
  const all = await db.select({ id: centers.id, code: centers.code, level: centers.level, parentId: centers.parentId }).from(centers);
  const byId = new Map(all.map((c) => [c.id, c]));
  const county = byId.get(countyId);
  if (!county) return null;
  const townshipOf = (c: (typeof all)[number]): number | null => {
    if (c.level === 'township') return c.parentId === countyId ? c.id : null;
    if (c.level === 'village' && c.parentId !== null) return byId.get(c.parentId)?.parentId === countyId ? c.parentId : null;
    return null;
  };
  const placeRows = all.filter((c) => townshipOf(c) !== null).sort((a, b) => a.id - b.id);
  if (placeRows.length === 0) return null;
  const staff = await db.select({ id: users.id, name: users.displayName, role: users.role, centerId: users.centerId, username: users.username }).from(users)
    .where(inArray(users.centerId, [countyId, ...placeRows.map((p) => p.id)]));
  // The named account first (station-hp-cg), the short demo one (station1) after it.
  const sorted = staff.sort((a, b) => Number(/\d$/.test(a.username)) - Number(/\d$/.test(b.username)) || a.id - b.id);
  const places: Place[] = placeRows.map((p, n) => ({
    id: p.id, code: p.code, level: p.level as Place['level'], townshipId: townshipOf(p)!, address: `10.30.${n + 1}.11`,
    staff: sorted.filter((u) => u.centerId === p.id && (u.role === (p.level === 'village' ? 'agent' : 'station'))).map((u) => ({ id: u.id, name: u.name, role: u.role })),
  }));
  const countyDesks = sorted.filter((u) => u.centerId === countyId && u.role === 'desk').map((u) => ({ id: u.id, name: u.name, role: u.role }));
  if (countyDesks.length === 0) return null;
  const openings = await db.select({ code: items.code, centerId: networkItemOpenings.centerId }).from(networkItemOpenings)
    .innerJoin(items, eq(items.id, networkItemOpenings.itemId)).where(and(eq(items.centerId, countyId)));
  const openAt = new Map<string, Place[]>();
  for (const o of openings) {
    const list = openAt.get(o.code) ?? [];
    for (const p of places) {
      // Opened at the county: every place; at a township: the township and its villages; at a village: that room.
      if (o.centerId === countyId || o.centerId === p.id || o.centerId === p.townshipId) if (!list.includes(p)) list.push(p);
    }
    openAt.set(o.code, list);
  }
  for (const list of openAt.values()) list.sort((a, b) => a.id - b.id);
  return new NetworkHistory(r, cal, countyId, county.code, places, countyDesks, openAt);
}

