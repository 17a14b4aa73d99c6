import { describe, expect, it } from 'vitest';
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import {
  DEFAULT_OVERSIGHT_SETTINGS, defaultDeadline, findFrequentSubmitters, findIrregularities, findSpeedOutliers, isOutsideOfficeHours,
  localDayStart, localParts, median, shouldEscalate, submitterIdentities, type CaseFact, type EventFact, type SubmissionFact,
} from '../../src/domain/oversight-rules.js';
import { buildCalendar } from '../../src/domain/working-days.js';

const cal = buildCalendar({ holidays: Object.keys(data.holidays), workdays: Object.keys(data.workdays), announcedYears: [2026] }, []);
const S = DEFAULT_OVERSIGHT_SETTINGS;
/** Local time (UTC+8) as an instant. */
const local = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`);

describe('time of day', () => {
  it('reads the local date and minute in China Standard Time', () => {
    expect(localParts(new Date('2026-11-16T14:30:00Z'))).toEqual({ date: '2026-11-16', minutes: 22 * 60 + 30 });
    expect(localParts(new Date('2026-11-16T16:05:00Z'))).toEqual({ date: '2026-11-17', minutes: 5 });
    expect(localDayStart('2026-11-17').toISOString()).toBe('2026-11-16T16:00:00.000Z');
  });

  it('office hours include the start, exclude the end, and never cover a non-working day', () => {
    expect(isOutsideOfficeHours(cal, local('2026-11-16', '10:00'), S)).toBe(false); // Monday
    expect(isOutsideOfficeHours(cal, local('2026-11-16', '08:00'), S)).toBe(false);
    expect(isOutsideOfficeHours(cal, local('2026-11-16', '07:59'), S)).toBe(true);
    expect(isOutsideOfficeHours(cal, local('2026-11-16', '18:00'), S)).toBe(true);
    expect(isOutsideOfficeHours(cal, local('2026-11-16', '22:30'), S)).toBe(true);
    expect(isOutsideOfficeHours(cal, local('2026-11-21', '10:00'), S)).toBe(true); // Saturday
    expect(isOutsideOfficeHours(cal, local('2026-10-01', '10:00'), S)).toBe(true); // National Day
    const makeUp = Object.keys(data.workdays).find((d) => d.startsWith('2026'))!;
    expect(isOutsideOfficeHours(cal, local(makeUp, '10:00'), S)).toBe(false); // 调休 working weekend day
    expect(isOutsideOfficeHours(cal, local('2026-11-16', '17:00'), { officeStart: '09:00', officeEnd: '17:00' })).toBe(true);
  });
});

describe('supervision notices', () => {
  it('defaults the deadline to N working days after issue', () => {
    expect(defaultDeadline(cal, '2026-11-20', 3)).toBe('2026-11-25'); // Friday → Wednesday
    expect(defaultDeadline(cal, '2026-11-16', 1)).toBe('2026-11-17');
  });

  it('escalates only an open notice, only after its deadline day', () => {
    expect(shouldEscalate('open', '2026-11-20', '2026-11-20')).toBe(false);
    expect(shouldEscalate('open', '2026-11-20', '2026-11-21')).toBe(true);
    expect(shouldEscalate('answered', '2026-11-20', '2026-11-30')).toBe(false);
    expect(shouldEscalate('escalated', '2026-11-20', '2026-11-30')).toBe(false);
    expect(shouldEscalate('closed', '2026-11-20', '2026-11-30')).toBe(false);
  });
});

describe('irregularities', () => {
  const ev = (caseId: number, seq: number, at: Date, action: string, role = 'approver', actorId = 7): EventFact =>
    ({ caseId, seq, at, action, role, actorId, actorName: `user${actorId}` });
  const facts = (list: CaseFact[]) => new Map(list.map((c) => [c.id, c]));

  it('finds what was planted and nothing else', () => {
    const cases = facts([
      { id: 1, caseNo: 'A', kind: 'promised', receivedAt: local('2026-11-16', '22:30'), dueDate: '2026-11-30' },
      { id: 2, caseNo: 'B', kind: 'promised', receivedAt: local('2026-11-17', '09:00'), dueDate: '2026-11-30' },
      { id: 3, caseNo: 'C', kind: 'immediate', receivedAt: local('2026-11-17', '09:00'), dueDate: '2026-11-17' },
      { id: 4, caseNo: 'D', kind: 'promised', receivedAt: local('2026-11-17', '09:00'), dueDate: '2026-11-20' },
      { id: 5, caseNo: 'E', kind: 'promised', receivedAt: local('2026-11-17', '09:00'), dueDate: '2026-11-30' },
      { id: 6, caseNo: 'F', kind: 'promised', receivedAt: local('2026-11-17', '09:00'), dueDate: '2026-11-20' },
    ]);
    const events = [
      // 1: intake and accept late in the evening by the desk → one after-hours finding for that desk and day
      ev(1, 1, local('2026-11-16', '22:30'), 'intake', 'desk', 3), ev(1, 2, local('2026-11-16', '22:31'), 'accept', 'desk', 3),
      // 2: approved 3 minutes after intake → quick decision
      ev(2, 1, local('2026-11-17', '09:00'), 'intake', 'desk', 3), ev(2, 2, local('2026-11-17', '09:01'), 'accept'), ev(2, 3, local('2026-11-17', '09:03'), 'approve'),
      // 3: an immediate item decided at once is what it is for
      ev(3, 1, local('2026-11-17', '09:00'), 'intake', 'desk', 3), ev(3, 2, local('2026-11-17', '09:02'), 'approve', 'desk', 3),
      // 4: refused the day after the due date
      ev(4, 1, local('2026-11-17', '09:00'), 'intake', 'desk', 3), ev(4, 2, local('2026-11-17', '10:00'), 'accept'), ev(4, 3, local('2026-11-23', '10:00'), 'refuse'),
      // 5: paused twice
      ev(5, 1, local('2026-11-17', '09:00'), 'intake', 'desk', 3), ev(5, 2, local('2026-11-17', '10:00'), 'accept'),
      ev(5, 3, local('2026-11-17', '11:00'), 'pause'), ev(5, 4, local('2026-11-18', '11:00'), 'resume'),
      ev(5, 5, local('2026-11-18', '15:00'), 'pause'), ev(5, 6, local('2026-11-19', '11:00'), 'resume'),
      // 6: paused once, refused on the due date, a system step at night → nothing
      ev(6, 1, local('2026-11-17', '09:00'), 'intake', 'desk', 3), ev(6, 2, local('2026-11-17', '10:00'), 'accept'),
      ev(6, 3, local('2026-11-17', '11:00'), 'pause'), ev(6, 4, local('2026-11-18', '11:00'), 'resume'),
      ev(6, 5, local('2026-11-20', '16:00'), 'refuse'), ev(6, 6, local('2026-11-20', '23:00'), 'deem-approve', 'system', 0),
    ];
    const stops = events.filter((e) => e.action === 'pause');
    const found = findIrregularities(cal, S, cases, events, stops);
    expect(found.map((f) => [f.kind, f.caseId]).sort()).toEqual([
      ['after-hours', 1], ['late-refusal', 4], ['quick-decision', 2], ['repeated-pause', 5],
    ].sort());
    const late = found.find((f) => f.kind === 'after-hours')!;
    expect(late.events.map((e) => e.seq)).toEqual([1, 2]);
    expect(late.facts).toMatchObject({ date: '2026-11-16', time: '22:30', workingDay: 1 });
    expect(found.find((f) => f.kind === 'quick-decision')!.facts).toMatchObject({ minutes: 3, decision: 'approve' });
    expect(found.find((f) => f.kind === 'repeated-pause')!.facts).toMatchObject({ stops: 2 });
    expect(found.find((f) => f.kind === 'late-refusal')!.facts).toMatchObject({ dueDate: '2026-11-20', refusedOn: '2026-11-23' });
    // Keys are stable: computing again gives the same keys.
    expect(findIrregularities(cal, S, cases, events, stops).map((f) => f.key)).toEqual(found.map((f) => f.key));
  });

  it('counts pauses from before the period once the case paused inside it; thresholds come from the settings', () => {
    const cases = facts([{ id: 9, caseNo: 'X', kind: 'promised', receivedAt: local('2026-11-02', '09:00'), dueDate: '2026-12-30' }]);
    const before = ev(9, 3, local('2026-11-03', '10:00'), 'pause');
    const inside = ev(9, 5, local('2026-11-17', '10:00'), 'report-up');
    expect(findIrregularities(cal, S, cases, [inside], [before, inside]).map((f) => f.kind)).toEqual(['repeated-pause']);
    expect(findIrregularities(cal, S, cases, [], [before, inside])).toEqual([]);
    expect(findIrregularities(cal, { ...S, minPauseCycles: 3 }, cases, [inside], [before, inside])).toEqual([]);
    const quick = facts([{ id: 2, caseNo: 'B', kind: 'joint', receivedAt: local('2026-11-17', '09:00'), dueDate: null }]);
    const decided = ev(2, 4, local('2026-11-17', '09:40'), 'refuse');
    expect(findIrregularities(cal, S, quick, [decided], [])).toEqual([]);
    expect(findIrregularities(cal, { ...S, quickDecisionMinutes: 45 }, quick, [decided], []).map((f) => f.kind)).toEqual(['quick-decision']);
  });
});

describe('intermediary signals', () => {
  const sub = (caseId: number, applicant: string, extra: Partial<SubmissionFact> = {}): SubmissionFact => ({
    caseId, itemCode: 'ITEM', applicantKey: applicant, applicantPhone: `139000000${String(caseId).padStart(2, '0')}`,
    agentIdNumber: null, agentPhone: null, agentName: null, ...extra,
  });

  it('names the agent ID and every phone on a case', () => {
    expect(submitterIdentities(sub(1, 'a', { agentIdNumber: 'ID1', agentPhone: '13800000000' }))).toEqual([
      { type: 'agent-id', value: 'ID1' }, { type: 'phone', value: '13800000000' }, { type: 'phone', value: '13900000001' },
    ]);
  });

  it('flags an agent or phone acting for at least N distinct applicants, and nothing else', () => {
    const agent = { agentIdNumber: 'AGENT', agentPhone: '13700000000', agentName: '王五' };
    const subs = [
      ...['a', 'b', 'c', 'd', 'e'].map((k, i) => sub(i + 1, k, agent)),
      // four applicants share one phone: below the threshold
      ...['f', 'g', 'h', 'i'].map((k, i) => sub(10 + i, k, { applicantPhone: '13600000000' })),
      // one applicant five times with the same phone is one applicant
      ...[1, 2, 3, 4, 5].map((n) => sub(20 + n, 'j', { applicantPhone: '13500000000' })),
      // an agent acting for himself four times and for four others
      ...[1, 2, 3, 4].map((n) => sub(30 + n, `k${n}`, { agentIdNumber: 'SELF' })), sub(35, 'SELF', { agentIdNumber: 'SELF' }),
    ];
    const found = findFrequentSubmitters(subs, 5);
    expect(found.map((f) => f.identity)).toEqual([{ type: 'agent-id', value: 'AGENT' }, { type: 'phone', value: '13700000000' }]);
    expect(found[0]).toMatchObject({ applicants: 5, caseIds: [1, 2, 3, 4, 5] });
    expect(findFrequentSubmitters(subs, 4).map((f) => `${f.identity.type}:${f.identity.value}`)).toEqual([
      'agent-id:AGENT', 'phone:13700000000', 'agent-id:SELF', 'phone:13600000000',
    ]);
  });

  it('flags a submitter markedly faster or slower than everyone else on an item, with minimum counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    const mk = (caseId: number, usedDays: number, agent: string | null, itemCode = 'ITEM') =>
      ({ ...sub(caseId, `app${caseId}`, { itemCode, agentIdNumber: agent }), usedDays });
    const everyone = [6, 5, 7, 6, 6, 8, 5, 6].map((d, i) => mk(100 + i, d, null));
    const fast = [1, 1, 2].map((d, i) => mk(200 + i, d, 'FAST'));
    const found = findSpeedOutliers([...everyone, ...fast], S);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      itemCode: 'ITEM', identity: { type: 'agent-id', value: 'FAST' }, direction: 'faster', submitterMedian: 1, othersMedian: 6,
      submitterCases: 3, otherCases: 8, caseIds: [200, 201, 202],
    });
    const slow = [14, 15, 13].map((d, i) => mk(300 + i, d, 'SLOW'));
    expect(findSpeedOutliers([...everyone, ...slow], S).map((o) => o.direction)).toEqual(['slower']);
    // Too few cases of the submitter, or of the item, or too small a difference: nothing.
    expect(findSpeedOutliers([...everyone, ...fast.slice(0, 2)], S)).toEqual([]);
    expect(findSpeedOutliers([...everyone.slice(0, 4), ...fast], S)).toEqual([]);
    const near = [4, 4, 4].map((d, i) => mk(400 + i, d, 'NEAR'));
    expect(findSpeedOutliers([...everyone, ...near], S)).toEqual([]);
    // Everyone the same: nothing.
    expect(findSpeedOutliers([...everyone, ...[6, 6, 5].map((d, i) => mk(500 + i, d, 'SAME'))], S)).toEqual([]);
  });
});
