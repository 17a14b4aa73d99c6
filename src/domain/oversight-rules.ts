/**
 * Electronic supervision (电子监察) rules that read the record after the fact: supervision-notice
 * deadlines and escalation, irregularities (异常行为) and intermediary signals (中介线索).
 * Pure: the service loads the rows, these decide. Every finding carries a stable key so a person's
 * review of it survives the finding being computed again.
 */
import { isWorkingDay, addWorkingDays, type WorkCalendar } from './working-days.js';
import { DEFAULT_TIME_ZONE, localDate, localDayStart, localMinutes } from './time-zone.js';
import { ROLES } from '../contract/roles.js';

// ─── settings ───

export interface OversightSettings {
  /** Working days a department has to answer a notice when the supervisor names no date. */
  noticeDays: number;
  /** Office hours, local time HH:MM; staff actions outside them (or on a non-working day) are flagged. */
  officeStart: string;
  officeEnd: string;
  /** A non-immediate item decided within this many minutes of intake is flagged. */
  quickDecisionMinutes: number;
  /** This many clock stops (pause / report up) on one case are flagged. */
  minPauseCycles: number;
  /** One agent or phone submitting for this many distinct applicants in the period is flagged. */
  minApplicants: number;
  /** Speed comparison: at least this many completed cases of the item, and of the submitter. */
  minItemCases: number;
  minSubmitterCases: number;
  /** Flag when the submitter's median is at most `fastRatio` × (or at least `slowRatio` ×) everyone else's … */
  fastRatio: number;
  slowRatio: number;
  /** … and differs by at least this many working days (a ratio of two tiny medians means nothing). */
  minDiffDays: number;
}

export const DEFAULT_OVERSIGHT_SETTINGS: OversightSettings = {
  noticeDays: 3,
  officeStart: '08:00',
  officeEnd: '18:00',
  quickDecisionMinutes: 30,
  minPauseCycles: 2,
  minApplicants: 5,
  minItemCases: 8,
  minSubmitterCases: 3,
  fastRatio: 0.5,
  slowRatio: 2,
  minDiffDays: 2,
};

export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Local date and minute of the day of an instant in the center's zone. */
export function localParts(at: Date, zone: string = DEFAULT_TIME_ZONE): { date: string; minutes: number } {
  return { date: localDate(at, zone), minutes: localMinutes(at, zone) };
}

export function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** The instant a local date begins (00:00 in the center's zone). */
export { localDayStart };

// ─── supervision notices ───

export const NOTICE_STATUSES = ['open', 'answered', 'escalated', 'closed'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

/** The default deadline: N working days after the day of issue. */
export function defaultDeadline(cal: WorkCalendar, issuedDate: string, days: number): string {
  return addWorkingDays(cal, issuedDate, days).date;
}

/** An open notice escalates once its deadline day has passed without an answer. */
export function shouldEscalate(status: NoticeStatus, deadline: string, today: string): boolean {
  return status === 'open' && today > deadline;
}

/** Who may answer: the notice's own department, while it is not closed (an escalated notice may still be answered). */
export function canAnswer(status: NoticeStatus): boolean {
  return status !== 'closed';
}

// ─── irregularities ───

export const IRREGULARITY_KINDS = ['after-hours', 'quick-decision', 'repeated-pause', 'late-refusal'] as const;
export type IrregularityKind = (typeof IRREGULARITY_KINDS)[number];

/** Staff roles: the system (deemed approval) and applicants keep no office hours. */
export const STAFF_ROLES: readonly string[] = ROLES;
/** Steps that stop a case's clock. */
export const CLOCK_STOP_ACTIONS = ['pause', 'report-up'];
export const DECISION_ACTIONS = ['approve', 'refuse'];

export interface EventFact {
  caseId: number;
  seq: number;
  at: Date;
  actorId: number | null;
  actorName: string;
  role: string;
  action: string;
}

export interface CaseFact {
  id: number;
  caseNo: string;
  kind: string;
  receivedAt: Date;
  dueDate: string | null;
}

export interface Irregularity {
  key: string;
  kind: IrregularityKind;
  caseId: number;
  /** When it happened (the first event of the evidence). */
  at: Date;
  actorId: number | null;
  actorName: string | null;
  /** Plain facts for the reader; the events are the evidence. */
  facts: Record<string, string | number>;
  events: EventFact[];
}

export function isOutsideOfficeHours(cal: WorkCalendar, at: Date, s: Pick<OversightSettings, 'officeStart' | 'officeEnd'>): boolean {
  const { date, minutes } = localParts(at);
  if (!isWorkingDay(cal, date)) return true;
  return minutes < minutesOf(s.officeStart) || minutes >= minutesOf(s.officeEnd);
}

/**
 * Finds the irregularities among the events of a period. `events` are the period's events (any role);
 * `clockStops` are all clock-stopping events of the cases that had one in the period (a cycle may
 * have begun before it); `cases` has every case named by either.
 */
export function findIrregularities(
  cal: WorkCalendar,
  settings: OversightSettings,
  cases: ReadonlyMap<number, CaseFact>,
  events: readonly EventFact[],
  clockStops: readonly EventFact[],
): Irregularity[] {
  const out: Irregularity[] = [];
  const sorted = [...events].sort((a, b) => a.caseId - b.caseId || a.seq - b.seq);

  // Outside office hours: grouped per case, actor and local day, so one late evening is one finding.
  const afterHours = new Map<string, EventFact[]>();
  for (const e of sorted) {
    if (!STAFF_ROLES.includes(e.role) || !isOutsideOfficeHours(cal, e.at, settings)) continue;
    const key = `after-hours:${e.caseId}:${e.actorId ?? 0}:${localParts(e.at).date}`;
    const list = afterHours.get(key);
    if (list) list.push(e);
    else afterHours.set(key, [e]);
  }
  for (const [key, evs] of afterHours) {
    const first = evs[0]!;
    const { date, minutes } = localParts(first.at);
    out.push({
      key, kind: 'after-hours', caseId: first.caseId, at: first.at, actorId: first.actorId, actorName: first.actorName,
      facts: { date, time: hhmm(minutes), workingDay: isWorkingDay(cal, date) ? 1 : 0, officeHours: `${settings.officeStart}–${settings.officeEnd}` },
      events: evs,
    });
  }

  for (const e of sorted) {
    const c = cases.get(e.caseId);
    if (!c) continue;
    // A non-immediate item decided within minutes of intake: nobody can have examined it.
    if (DECISION_ACTIONS.includes(e.action) && c.kind !== 'immediate' && STAFF_ROLES.includes(e.role)) {
      const minutes = (e.at.getTime() - c.receivedAt.getTime()) / 60_000;
      if (minutes >= 0 && minutes <= settings.quickDecisionMinutes) {
        out.push({
          key: `quick-decision:${c.id}:${e.seq}`, kind: 'quick-decision', caseId: c.id, at: e.at, actorId: e.actorId, actorName: e.actorName,
          facts: { minutes: Math.round(minutes * 10) / 10, limitMinutes: settings.quickDecisionMinutes, itemKind: c.kind, decision: e.action },
          events: [e],
        });
      }
    }
    // Refused after the due date: the refusal came too late to be a timely answer.
    if (e.action === 'refuse' && c.dueDate && localParts(e.at).date > c.dueDate) {
      out.push({
        key: `late-refusal:${c.id}:${e.seq}`, kind: 'late-refusal', caseId: c.id, at: e.at, actorId: e.actorId, actorName: e.actorName,
        facts: { dueDate: c.dueDate, refusedOn: localParts(e.at).date },
        events: [e],
      });
    }
  }

  // Repeated clock stops on one case: a way to stretch a clock that should be running.
  const inPeriod = new Set(sorted.filter((e) => CLOCK_STOP_ACTIONS.includes(e.action)).map((e) => e.caseId));
  const stopsByCase = new Map<number, EventFact[]>();
  for (const e of [...clockStops].sort((a, b) => a.caseId - b.caseId || a.seq - b.seq)) {
    if (!inPeriod.has(e.caseId) || !CLOCK_STOP_ACTIONS.includes(e.action)) continue;
    const list = stopsByCase.get(e.caseId);
    if (list) list.push(e);
    else stopsByCase.set(e.caseId, [e]);
  }
  for (const [caseId, stops] of stopsByCase) {
    if (stops.length < settings.minPauseCycles) continue;
    const last = stops[stops.length - 1]!;
    out.push({
      key: `repeated-pause:${caseId}`, kind: 'repeated-pause', caseId, at: stops[0]!.at, actorId: last.actorId, actorName: last.actorName,
      facts: { stops: stops.length, threshold: settings.minPauseCycles },
      events: stops,
    });
  }

  return out.sort((a, b) => a.at.getTime() - b.at.getTime() || a.key.localeCompare(b.key));
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

// ─── intermediary signals ───

export interface SubmissionFact {
  caseId: number;
  itemCode: string;
  /** Who the case is for: ID number, credit code or name, whichever the case has. */
  applicantKey: string;
  applicantPhone: string;
  agentIdNumber: string | null;
  agentPhone: string | null;
  agentName: string | null;
}

export type SubmitterIdentity = { type: 'agent-id' | 'phone'; value: string };

/**
 * The identities a case was submitted under: the agent's ID number and every phone on it (the
 * agent's, and the applicant phone, which an intermediary often fills in with his own).
 */
export function submitterIdentities(s: SubmissionFact): SubmitterIdentity[] {
  const out: SubmitterIdentity[] = [];
  if (s.agentIdNumber) out.push({ type: 'agent-id', value: s.agentIdNumber });
  for (const phone of new Set([s.agentPhone, s.applicantPhone].filter((p): p is string => !!p))) out.push({ type: 'phone', value: phone });
  return out;
}

export interface FrequentSubmitter {
  identity: SubmitterIdentity;
  applicants: number;
  caseIds: number[];
}

/** Agents and phones that submitted for `minApplicants` or more distinct applicants. */
export function findFrequentSubmitters(subs: readonly SubmissionFact[], minApplicants: number): FrequentSubmitter[] {
  const groups = new Map<string, { identity: SubmitterIdentity; applicants: Set<string>; caseIds: number[] }>();
  for (const s of subs) {
    for (const identity of submitterIdentities(s)) {
      const k = `${identity.type}:${identity.value}`;
      const g = groups.get(k) ?? { identity, applicants: new Set<string>(), caseIds: [] };
      // The agent acting for himself is not acting for someone else.
      if (!(identity.type === 'agent-id' && s.applicantKey === identity.value)) g.applicants.add(s.applicantKey);
      g.caseIds.push(s.caseId);
      groups.set(k, g);
    }
  }
  return [...groups.values()]
    .filter((g) => g.applicants.size >= minApplicants)
    .map((g) => ({ identity: g.identity, applicants: g.applicants.size, caseIds: [...new Set(g.caseIds)].sort((a, b) => a - b) }))
    .sort((a, b) => b.applicants - a.applicants || a.identity.type.localeCompare(b.identity.type) || a.identity.value.localeCompare(b.identity.value));
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** One submitter per case for the speed comparison: the agent when there is one, else the applicant phone. */
export function primarySubmitter(s: SubmissionFact): SubmitterIdentity {
  if (s.agentIdNumber) return { type: 'agent-id', value: s.agentIdNumber };
  return { type: 'phone', value: s.agentPhone || s.applicantPhone };
}

export interface SpeedOutlier {
  itemCode: string;
  identity: SubmitterIdentity;
  direction: 'faster' | 'slower';
  submitterMedian: number;
  othersMedian: number;
  submitterCases: number;
  otherCases: number;
  caseIds: number[];
}

/** Completed cases with the working days each took; finds submitters markedly faster or slower than everyone else on an item. */
export function findSpeedOutliers(done: readonly (SubmissionFact & { usedDays: number })[], s: OversightSettings): SpeedOutlier[] {
  const byItem = new Map<string, (SubmissionFact & { usedDays: number })[]>();
  for (const d of done) {
    const list = byItem.get(d.itemCode);
    if (list) list.push(d);
    else byItem.set(d.itemCode, [d]);
  }
  const out: SpeedOutlier[] = [];
  for (const [itemCode, cases] of byItem) {
    if (cases.length < s.minItemCases) continue;
    const bySubmitter = new Map<string, { identity: SubmitterIdentity; cases: typeof cases }>();
    for (const c of cases) {
      const identity = primarySubmitter(c);
      const k = `${identity.type}:${identity.value}`;
      const g = bySubmitter.get(k) ?? { identity, cases: [] };
      g.cases.push(c);
      bySubmitter.set(k, g);
    }
    for (const g of bySubmitter.values()) {
      if (g.cases.length < s.minSubmitterCases) continue;
      const mine = new Set(g.cases.map((c) => c.caseId));
      const others = cases.filter((c) => !mine.has(c.caseId));
      if (others.length < s.minSubmitterCases) continue;
      const sm = median(g.cases.map((c) => c.usedDays));
      const om = median(others.map((c) => c.usedDays));
      const diff = Math.abs(sm - om);
      if (diff < s.minDiffDays) continue;
      const direction = sm <= om * s.fastRatio ? 'faster' : sm >= om * s.slowRatio ? 'slower' : undefined;
      if (!direction) continue;
      out.push({
        itemCode, identity: g.identity, direction, submitterMedian: sm, othersMedian: om,
        submitterCases: g.cases.length, otherCases: others.length, caseIds: [...mine].sort((a, b) => a - b),
      });
    }
  }
  return out.sort((a, b) => a.itemCode.localeCompare(b.itemCode) || a.identity.value.localeCompare(b.identity.value));
}
