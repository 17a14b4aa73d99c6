import { createHash } from 'node:crypto';
import { versionNames } from './item-names.js';
import { centerTimeZone } from '../centers/centers.service.js';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { departments } from '../../db/schema/index.js';
import type { Clock } from '../../domain/clock.js';
import { localDate } from '../../domain/clock.js';
import { formatCaseNo, parseCaseNo } from '../../domain/case-number.js';
import { isAllowed, needsComment, PRE_REVIEW, TRANSITIONS, type Actor, type CaseAction, type CaseStatus } from '../../domain/case-workflow.js';
import { AppError } from '../../domain/errors.js';
import { TtlCache } from '../../domain/ttl-cache.js';
import { canonicalJson, eventHash } from '../../domain/event-hash.js';
import { writeAdminLog } from '../admin-log/admin-log.repository.js';
import type { SessionUser } from '../auth/auth.service.js';
import { findCachedCalendar, loadCalendar } from '../calendar/calendar.service.js';
import { findPublishedCached } from '../catalog/catalog.service.js';
import { getCenterCached } from '../centers/centers.service.js';
import { findCachedSettings, getSettingsCached } from '../settings/settings.service.js';
import { renderSms } from '../sms/sms-templates.js';
import { reachOf } from './case-access.js';
import { clockView } from './case-clock-view.js';
import { dueDate, movedTaskDue } from '../../domain/case-clock.js';
import type { WorkCalendar } from '../../domain/working-days.js';
import { levelOn, nextLevelDate } from '../../domain/warning-schedule.js';
import { effectFor, groupFiles, type ActionInput, type Effect } from './case-effects.js';
import { checkIntakeIdentity, type IntakeInput } from './case-input.js';
import { actionContext, caseLinks, caseView, queueRow, type ViewEnv } from './case-view.js';
import * as repo from './cases.repository.js';
import * as warningsRepo from '../warnings/warnings.repository.js';
import * as writes from './case-writes.js';
import type { EventWrite, FileWrite, SmsWrite } from './case-writes.js';
import { randomToken } from '../../lib/random-token.js';

export interface CaseDeps {
  db: Db;
  clock: Clock;
  /** Base of links sent by SMS (cancel, progress). */
  publicUrl: string;
}

export interface ActingUser {
  user: SessionUser;
  address: string;
}

interface EventInput {
  action: string;
  toStatus: string;
  actorId: number | null;
  actorName: string;
  role: string;
  address: string;
  comment: string | null;
  data: unknown;
  at: Date;
}

const caseSequence = new repo.CaseSequence(100);
/** Five digits of sequence keep the number short enough to read over the phone. */
const MAX_DAILY_CASES = 99_999;

// Department names on every case page and progress answer; a rename shows within the TTL.
const deptCache = new TtlCache<number, { db: Db; dept: { code: string; name: string } }>(30_000);
function findDepartmentRef(db: Db, id: number) {
  const hit = deptCache.get(id);
  return hit && hit.db === db ? hit.dept : undefined;
}

async function departmentRef(db: Db, id: number) {
  const hit = findDepartmentRef(db, id);
  if (hit) return hit;
  const row = await db.query.departments.findFirst({ where: eq(departments.id, id) });
  const dept = { code: row?.code ?? '', name: row?.name ?? '' };
  deptCache.set(id, { db, dept });
  return dept;
}

async function viewEnv(deps: CaseDeps): Promise<ViewEnv> {
  const now = deps.clock.now();
  const cal = findCachedCalendar(deps.db) ?? await loadCalendar(deps.db);
  const settings = findCachedSettings(deps.db) ?? await getSettingsCached(deps.db);
  return { cal, now, today: localDate(now), warningDays: settings.warningDays };
}

/** The next link of the case's chain: each event's hash covers the one before (全程留痕). */
function nextEvent(c: Pick<repo.CaseRow, 'caseNo' | 'status' | 'eventCount' | 'lastEventHash'>, ev: EventInput): EventWrite {
  const seq = c.eventCount + 1;
  const fromStatus = c.eventCount === 0 ? null : c.status;
  const data = ev.data ?? null;
  // Both objects are written out whole (no spread copies): see clockView on Node 20's cost of adding keys to one.
  const hash = eventHash(c.lastEventHash, {
    caseNo: c.caseNo, at: ev.at.toISOString(), seq, actorId: ev.actorId, actorName: ev.actorName, role: ev.role, action: ev.action,
    fromStatus, toStatus: ev.toStatus, clientAddress: ev.address, comment: ev.comment, data,
  });
  return {
    seq, actorId: ev.actorId, actorName: ev.actorName, role: ev.role, action: ev.action, fromStatus, toStatus: ev.toStatus,
    clientAddress: ev.address, comment: ev.comment, data, at: ev.at, prevHash: c.lastEventHash, hash,
  };
}

/**
 * Writes a step: the new state, its event and its SMS in one statement, conditional on the version
 * the actor saw, so of two concurrent actions exactly one lands and the chain only grows.
 */
async function commitChange(deps: CaseDeps, c: repo.CaseRow, patch: Partial<repo.NewCase>, ev: EventInput,
  sms: Effect['sms'], taskPatches: Effect['tasks'], tasks: repo.TaskRow[], files?: FileWrite[], env?: ViewEnv): Promise<repo.CaseRow> {
  const event = nextEvent(c, ev);
  const after = { ...c, ...patch, status: ev.toStatus, version: c.version + 1, lastEventHash: event.hash, eventCount: event.seq, updatedAt: ev.at } as repo.CaseRow;
  let changedTasks = (taskPatches ?? []).map((t) => ({ ...tasks.find((x) => x.id === t.id)!, ...t.patch }));
  if (tasks.length) {
    // Task warnings ride along in the step's own statement (joint cases only).
    const merged = tasks.map((t) => changedTasks.find((x) => x.id === t.id) ?? t);
    const leveled = taskLevels(after, merged, env ?? await viewEnv(deps));
    changedTasks = merged.filter((t) => changedTasks.some((x) => x.id === t.id) || leveled.some((x) => x.id === t.id))
      .map((t) => leveled.find((x) => x.id === t.id) ?? t);
  }
  const smsWrite = sms ? await smsFor(deps, after, event.seq, sms) : undefined;
  const version = await writes.updateCase(deps.db, c, after, event, smsWrite, changedTasks, files);
  if (version === undefined) {
    forgetCase(deps.db, c);
    throw versionConflict(c.version + 1);
  }
  rememberCase(deps.db, after);
  return after;
}

/**
 * The last state this process wrote or read of a case, for the next step on it: an approver opens
 * a case and acts, or takes it through several steps, without reading the row again each time.
 * Only for writing: every write is guarded by the version, so a copy made stale by another process
 * fails its write and the step is retried once from a fresh read (see act). Pages and lists always
 * read the database. Joint cases are not kept (their tasks change with the case).
 */
const writeCopies = new TtlCache<string, { db: Db; row: repo.CaseRow }>(60_000, 5_000);
const copyKey = (c: Pick<repo.CaseRow, 'centerId' | 'caseNo'>) => `${c.centerId}:${c.caseNo}`;

function rememberCase(db: Db, row: repo.CaseRow): void {
  if (row.kind !== 'joint') writeCopies.set(copyKey(row), { db, row });
}

function forgetCase(db: Db, c: Pick<repo.CaseRow, 'centerId' | 'caseNo'>): void {
  const hit = writeCopies.get(copyKey(c));
  if (hit?.db === db) writeCopies.delete(copyKey(c));
}

function rememberedCase(db: Db, centerId: number, caseNo: string): repo.CaseRow | undefined {
  const hit = writeCopies.get(`${centerId}:${caseNo}`);
  return hit?.db === db ? hit.row : undefined;
}

function versionConflict(current?: number) {
  return new AppError('VERSION_CONFLICT', '该办件已被他人处理，请刷新后重试 / The case was changed by someone else; reload it', undefined,
    current !== undefined ? { currentVersion: current } : undefined);
}

async function smsFor(deps: CaseDeps, c: repo.CaseRow, seq: number, sms: NonNullable<Effect['sms']>): Promise<SmsWrite> {
  const center = await getCenterCached(deps.db, c.centerId);
  const body = renderSms(sms.template, {
    caseNo: c.caseNo, itemName: c.itemName, centerName: center.name, dueDate: sms.dueDate, materials: sms.materials,
    reason: sms.reason, resultNo: sms.resultNo,
    cancelUrl: sms.template === 'accepted' ? `${deps.publicUrl}/c/${c.caseNo}?t=${c.cancelToken}` : undefined,
    // Asked once per case, on delivery (see renderSms 'delivered'); the completion SMS only says where to collect.
    rateUrl: sms.template === 'delivered' ? `${deps.publicUrl}/r/${c.caseNo}?t=${c.cancelToken}` : undefined,
    progressUrl: `${deps.publicUrl}/?progress=${c.caseNo}`,
  });
  return { recipient: c.applicantPhone, template: sms.template, body, dedupeKey: `case:${c.caseNo}:${c.centerId}:${seq}` };
}

// ─── intake ───

export interface IntakeResult {
  caseNo: string;
  status: string;
  version: number;
  missingMaterials: { code: string; name: string }[];
  links: ReturnType<typeof caseLinks>;
}

function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

const STALE_KEY_MS = 60_000;

/** A retried intake never makes two cases: the first answer is stored under the Idempotency-Key. */
export async function intakeIdempotent(deps: CaseDeps, actor: ActingUser, input: IntakeInput, key: string | undefined): Promise<{ status: number; body: IntakeResult }> {
  if (!key) return { status: 201, body: await intake(deps, actor, input) };
  if (key.length > 200) throw new AppError('VALIDATION_FAILED', 'Idempotency-Key too long', [{ field: 'Idempotency-Key', message: 'at most 200 characters' }]);
  const userId = actor.user.id;
  const hash = requestHash(input);
  const now = deps.clock.now();
  let claimed = await repo.claimIdempotencyKey(deps.db, { key, userId, requestHash: hash, state: 'running', createdAt: now });
  if (!claimed) {
    const existing = await repo.findIdempotencyKey(deps.db, userId, key);
    if (existing && existing.requestHash !== hash) throw new AppError('IDEMPOTENCY_MISMATCH', 'This Idempotency-Key was used with a different request');
    if (existing?.state === 'done') return { status: existing.statusCode ?? 201, body: existing.response as IntakeResult };
    // A first attempt that died mid-way leaves its key running; after a while it may be taken over.
    claimed = await repo.takeOverStaleKey(deps.db, userId, key, new Date(now.getTime() - STALE_KEY_MS), { requestHash: hash, createdAt: now });
    if (!claimed) throw new AppError('IN_PROGRESS', 'The first request with this Idempotency-Key is still being processed');
  }
  try {
    const body = await intake(deps, actor, input, { userId, key });
    return { status: 201, body };
  } catch (err) {
    await repo.releaseIdempotencyKey(deps.db, userId, key).catch(() => {});
    throw err;
  }
}

export async function intake(deps: CaseDeps, actor: ActingUser, input: IntakeInput, idempotency?: { userId: number; key: string }): Promise<IntakeResult> {
  const who = { userId: actor.user.id, name: actor.user.displayName, role: actor.user.role, address: actor.address };
  return createCase(deps, actor.user.centerId, who, input, { idempotency });
}

export interface OnlineApplicant {
  name: string;
  address: string;
}

/**
 * 网上申请: an online application enters pre-review (`submitted`), written by the same statement as
 * an intake at the window, with the uploads it attaches. No clock and no SMS: nothing has been
 * taken in yet. Every required material must be there; the caller has checked the files are the
 * applicant's own.
 */
export async function submitOnline(deps: CaseDeps, centerId: number, who: OnlineApplicant, input: IntakeInput, files: FileWrite[],
  idempotency?: { userId: number; key: string }): Promise<IntakeResult> {
  return createCase(deps, centerId, { userId: null, name: who.name, role: 'applicant', address: who.address }, { ...input, channel: 'online' }, { files, idempotency });
}

interface CreatingActor {
  userId: number | null;
  name: string;
  role: string;
  address: string;
}

async function createCase(deps: CaseDeps, centerId: number, actor: CreatingActor, input: IntakeInput,
  opts: { idempotency?: { userId: number; key: string }; files?: FileWrite[] }): Promise<IntakeResult> {
  const { db, clock } = deps;
  const { idempotency, files } = opts;
  const online = files !== undefined;
  const now = clock.now();
  // The center's calendar day (cached per zone and day: this runs on every intake).
  const today = localDate(now, await centerTimeZone(db, centerId));
  checkIntakeIdentity(input, today);
  const found = await findPublishedCached(db, centerId, input.itemCode);
  if (!found) {
    throw new AppError('VALIDATION_FAILED', `No published item ${input.itemCode} in this center`, [{ field: 'itemCode', message: 'unknown or unpublished item' }]);
  }
  const version = found.version;
  if (online && !version.onlineAllowed) {
    throw new AppError('ONLINE_NOT_ALLOWED', `“${version.name}”须到窗口办理，不能网上申请 / this item cannot be applied for online`, [{ field: 'itemCode', message: 'not available online' }]);
  }
  const materials = checkMaterials(version.materials, input.materials);
  const missing = materials.filter((m) => m.required && !m.provided);
  if (online && missing.length > 0) {
    throw new AppError('MATERIALS_MISSING', `请上传：${missing.map((m) => m.name).join('、')} / required materials missing`,
      missing.map((m) => ({ field: `materials.${m.code}`, message: `${m.name} 未上传 / not uploaded` })));
  }
  const status: CaseStatus = online ? 'submitted' : missing.length > 0 ? 'supplement' : 'received';
  const sequence = await caseSequence.next(db, centerId, today);
  if (sequence > MAX_DAILY_CASES) {
    throw new AppError('CASE_NUMBERS_EXHAUSTED', `本中心今日办件编号已用完 / this center has used all ${MAX_DAILY_CASES} case numbers of the day`);
  }
  const caseNo = formatCaseNo(today, sequence);
  const deptIds = version.kind === 'joint' ? await departmentIds(db, centerId, version.stages.flatMap((s) => s.departments.map((d) => d.code))) : new Map<string, number>();

  const draft = {
    centerId, caseNo, itemVersionId: version.id, itemCode: found.itemCode, itemName: version.name, kind: version.kind,
    departmentId: found.departmentId, status: 'new', applicantKind: input.applicant.kind, applicantName: input.applicant.name.trim(),
    applicantIdNumber: input.applicant.idNumber ?? null, applicantCreditCode: input.applicant.creditCode ?? null,
    applicantPhone: input.applicant.phone, agent: input.agent ?? null, channel: input.channel, urgent: input.urgent ?? false,
    materials, receivedAt: now, receivedBy: actor.userId, promisedDays: version.promisedDays,
    pause: status === 'supplement' ? { kind: 'supplement', reason: '材料不全', since: today, resumeStatus: 'received' } : null,
    cancelToken: randomToken(12), updatedAt: now, version: 0, eventCount: 0, lastEventHash: '',
  } satisfies repo.NewCase;
  const event = nextEvent(draft, {
    action: online ? 'submit' : 'receive', toStatus: status, actorId: actor.userId, actorName: actor.name, role: actor.role,
    address: actor.address, comment: null, at: now,
    data: {
      itemVersion: version.version, channel: input.channel, missing: missing.map((m) => m.code),
      agent: input.agent ? { name: input.agent.name, relation: input.agent.relation } : undefined,
      ...(online ? { files: groupFiles(files) } : {}),
    },
  });
  const row = { ...draft, status, lastEventHash: event.hash } as repo.CaseRow;
  // At the window the applicant walks away with the printed receipt; the first SMS they need is
  // the acceptance (with its due date and cancel link). Applicants not at the window get one now.
  const smsNow = online || (status === 'received' && input.channel === 'window') ? undefined
    : await smsFor(deps, row, 1, status === 'supplement' ? { template: 'supplement', materials: missing.map((m) => m.name) } : { template: 'received' });
  const tasks = version.stages.flatMap((st, i) => st.departments.map((d) => ({
    stage: i + 1, stage_name: st.name, department_id: deptIds.get(d.code)!, lead: d.lead, limit_days: st.limitDays,
  })));
  const result: IntakeResult = {
    caseNo, status, version: 1, missingMaterials: missing.map((m) => ({ code: m.code, name: m.name })), links: caseLinks(caseNo, status),
  };
  await writes.insertCase(db, row, event, smsNow, tasks, idempotency ? { userId: idempotency.userId, key: idempotency.key, response: result } : undefined, files);
  return result;
}

async function departmentIds(db: Db, centerId: number, codes: string[]): Promise<Map<string, number>> {
  const rows = await db.query.departments.findMany({ where: eq(departments.centerId, centerId) });
  const map = new Map(rows.filter((r) => codes.includes(r.code)).map((r) => [r.code, r.id]));
  for (const code of codes) if (!map.has(code)) throw new AppError('CONFLICT', `Department ${code} of the joint item no longer exists`);
  return map;
}

function checkMaterials(published: { code: string; name: string; required: boolean }[], given: IntakeInput['materials']) {
  const known = new Set(published.map((m) => m.code));
  const problems = given.map((g, i) => (known.has(g.code) ? undefined : { field: `materials.${i}.code`, message: `该事项没有材料 ${g.code} / not a material of this item` })).filter((p) => p !== undefined);
  if (problems.length) throw new AppError('VALIDATION_FAILED', `Invalid materials: ${problems[0]!.message}`, problems);
  const byCode = new Map(given.map((g) => [g.code, g]));
  return published.map((m) => {
    const g = byCode.get(m.code);
    return { code: m.code, name: m.name, required: m.required, provided: g?.provided ?? false, ...(g?.note ? { note: g.note } : {}) };
  });
}

// ─── reading ───

/** A case the user may see; anything else answers exactly like a case that does not exist, and the denial is logged. */
export async function getReachableCase(deps: CaseDeps, actor: ActingUser, caseNoInput: string) {
  const caseNo = parseCaseNo(caseNoInput);
  const c = caseNo ? await repo.findCaseByNo(deps.db, caseNo, actor.user.centerId) : undefined;
  const tasks = c ? await repo.listTasks(deps.db, c) : [];
  const reach = c ? reachOf(actor.user, c, tasks.map((t) => t.task)) : 'none';
  if (!c || reach === 'none') {
    if (c) {
      await writeAdminLog(deps.db, { userId: actor.user.id, address: actor.address, at: deps.clock.now(), action: 'case.access-denied', target: c.caseNo });
    }
    throw new AppError('NOT_FOUND', 'Case not found');
  }
  return { c, tasks, reach };
}

export async function getCase(deps: CaseDeps, actor: ActingUser, caseNo: string) {
  const { c, tasks, reach } = await getReachableCase(deps, actor, caseNo);
  if (reach === 'handle') rememberCase(deps.db, c);
  const env = { ...(await viewEnv(deps)), english: await versionNames(deps.db, [c.itemVersionId]) };
  return caseView(c, tasks, await departmentRef(deps.db, c.departmentId), actor.user, env, reach === 'handle');
}

export async function getTimeline(deps: CaseDeps, actor: ActingUser, caseNo: string) {
  const { c } = await getReachableCase(deps, actor, caseNo);
  const events = await repo.listEvents(deps.db, c.id);
  return events.map((e) => ({
    seq: e.seq, at: e.at.toISOString(), actorName: e.actorName, role: e.role, action: e.action, fromStatus: e.fromStatus,
    toStatus: e.toStatus, clientAddress: e.clientAddress, comment: e.comment, data: e.data,
  }));
}

export async function listCases(deps: CaseDeps, actor: ActingUser, q: Omit<repo.QueueFilter, 'centerId' | 'departmentId' | 'receivedBy'> & { mine?: boolean }) {
  const u = actor.user;
  if (!['desk', 'approver', 'supervisor', 'leader'].includes(u.role)) throw new AppError('FORBIDDEN', 'Your role has no case queue');
  await refreshWarningsIfStale(deps);
  // Online applications waiting for pre-review belong to no clerk yet: any desk of the center takes them.
  const preReviewQueue = !!q.status?.length && q.status.every((st) => PRE_REVIEW.includes(st as CaseStatus));
  const scope: Partial<repo.QueueFilter> = u.role === 'approver' ? { departmentId: u.departmentId ?? -1 }
    : u.role === 'desk' && q.mine !== false && !preReviewQueue ? { receivedBy: u.id } : {};
  const { rows, total } = await repo.listQueue(deps.db, { ...q, ...scope, centerId: u.centerId });
  const env = { ...(await viewEnv(deps)), english: await versionNames(deps.db, rows.map((r) => r.c.itemVersionId)) };
  return { items: rows.map((r) => queueRow(r.c, { code: r.departmentCode, name: r.departmentName }, env)), total, page: q.page, pageSize: q.pageSize };
}

// ─── actions ───

export async function act(deps: CaseDeps, actor: ActingUser, caseNo: string, body: ActionInput & { action: CaseAction; expectedVersion?: number }) {
  const who: ActorRef = { actor: actor.user.role, user: actor.user, address: actor.address };
  const parsed = parseCaseNo(caseNo);
  const copy = parsed ? rememberedCase(deps.db, actor.user.centerId, parsed) : undefined;
  if (copy && reachOf(actor.user, copy, []) === 'handle') {
    try {
      return answer(await applyAction(deps, copy, [], body, who));
    } catch (err) {
      // The copy may be older than the database (another process acted): decide again on a fresh read.
      if (!(err instanceof AppError)) throw err;
      forgetCase(deps.db, copy);
    }
  }
  const { c, tasks, reach } = await getReachableCase(deps, actor, caseNo);
  if (reach !== 'handle') throw new AppError('FORBIDDEN', 'Supervisors and leaders read cases; they do not act on them');
  return answer(await applyAction(deps, c, tasks.map((t) => t.task), body, who));
}

const answer = (c: repo.CaseRow) => ({ caseNo: c.caseNo, status: c.status, version: c.version });

interface ActorRef {
  actor: Actor;
  user?: SessionUser;
  address: string;
  name?: string;
}

async function applyAction(deps: CaseDeps, c: repo.CaseRow, tasks: repo.TaskRow[], body: ActionInput & { action: CaseAction; expectedVersion?: number }, who: ActorRef) {
  if (body.expectedVersion !== undefined && body.expectedVersion !== c.version) throw versionConflict(c.version);
  const rule = TRANSITIONS[body.action];
  if (!rule.from.includes(c.status as CaseStatus)) {
    throw new AppError('INVALID_TRANSITION', `“${body.action}” is not possible while the case is ${c.status}`, undefined, { status: c.status });
  }
  const departmentId = who.user?.departmentId ?? null;
  const now = deps.clock.now();
  if (!isAllowed(body.action, actionContext(c, tasks, who.actor, departmentId, now))) {
    throw new AppError('FORBIDDEN', `You may not “${body.action}” this case now`);
  }
  if (needsComment(body.action) && !body.comment?.trim()) {
    throw new AppError('VALIDATION_FAILED', 'A reason or answer is required for this action', [{ field: 'comment', message: 'required' }]);
  }
  const env = await viewEnv(deps);
  const effect = effectFor(body.action, c, tasks, body, { cal: env.cal, today: env.today, now }, departmentId);
  // The clerk who takes an online application in becomes its receiver, as at the window.
  if (body.action === 'prereview-accept' && who.user) effect.patch.receivedBy = who.user.id;
  return commitEffect(deps, c, tasks, effect, body.action, body.comment?.trim() || null, who, env);
}

async function commitEffect(deps: CaseDeps, c: repo.CaseRow, tasks: repo.TaskRow[], effect: Effect, action: string, comment: string | null, who: ActorRef, env: ViewEnv) {
  const patch = Object.assign({}, effect.patch, levelPatch(c, effect, env));
  const updated = await commitChange(deps, c, patch, {
    action, toStatus: effect.to, actorId: who.user?.id ?? null, actorName: who.name ?? who.user?.displayName ?? who.actor,
    role: who.actor, address: who.address, comment, data: effect.data ?? null, at: env.now,
  }, effect.sms, effect.tasks, tasks, effect.files);
  return updated;
}

/**
 * Keeps the stored warning level (used to filter queues) in step with each change, and the date
 * it next changes, which is all the warning scan reads (see levelSchedule).
 */
function levelPatch(c: repo.CaseRow, effect: Effect, env: ViewEnv): Partial<repo.NewCase> {
  if (effect.patch.warningLevel) return { nextLevelDate: null };
  const merged = { ...c, ...effect.patch, status: effect.to } as repo.CaseRow;
  const clock = clockView(env.cal, merged, env.today, env.warningDays);
  const level = clock.warning ?? 'none';
  return { warningLevel: level, nextLevelDate: levelSchedule(env, clock.running ? clock.dueDate : null, level, c.warningLevel, c.nextLevelDate) };
}

/**
 * The date the scan should look at a case (or task) again. A step that itself raises the level to
 * yellow or red leaves it due today: the scan raises the alert (a step writes nothing beyond its one
 * statement). A stopped clock cannot change level, so it is not looked at until it runs again.
 */
function levelSchedule(env: ViewEnv, runningDue: string | null, level: string, before: string, scheduled: string | null): string | null {
  // Also kept due when an earlier step left it due and the scan has not been by since.
  if ((level === 'yellow' || level === 'red') && (level !== before || (scheduled !== null && scheduled <= env.today))) return env.today;
  return runningDue ? nextLevelDate(env.cal, runningDue, env.today, env.warningDays) : null;
}

/** Task-level warnings of a joint case after a step: only the tasks whose level or date changes. */
function taskLevels(after: repo.CaseRow, tasks: repo.TaskRow[], env: ViewEnv): repo.TaskRow[] {
  const clock = clockView(env.cal, after, env.today, env.warningDays);
  const open = clock.warning !== null;
  return tasks.flatMap((t) => {
    let level: repo.TaskRow['warningLevel'] = 'none';
    let next: string | null = null;
    if (open && t.status === 'active' && t.dueDate) {
      if (clock.running) {
        level = levelOn(env.cal, t.dueDate, env.today, env.warningDays);
        next = levelSchedule(env, t.dueDate, level, t.warningLevel, t.nextLevelDate);
      } else {
        level = t.warningLevel === 'none' ? 'normal' : t.warningLevel;
      }
    }
    return level === t.warningLevel && next === t.nextLevelDate ? [] : [{ ...t, warningLevel: level, nextLevelDate: next }];
  });
}

// ─── the scan: warning levels and deemed approval ───

let lastScanDay: string | undefined;
let lastScanDb: Db | undefined;

async function refreshWarningsIfStale(deps: CaseDeps): Promise<void> {
  const today = localDate(deps.clock.now());
  if (lastScanDay === today && lastScanDb === deps.db) return;
  await scanCases(deps);
}

const SCAN_PAGE = 500;
let scheduledDb: Db | undefined;

/**
 * Keeps warning levels current and approves on the system's behalf the cases of items with deemed
 * approval (超时默许) whose promised limit has passed without a decision. It reads only the cases
 * and joint tasks whose stored `next_level_date` has come (a partial index holds just those), so
 * its cost follows what changes today, not the number of open cases. Every case or task that
 * turns yellow or red gets its alert in the same statement. Safe to run twice or on two servers:
 * writes are conditional on what was read, alerts are unique per case/task and level.
 */
export async function scanCases(deps: CaseDeps): Promise<{ updated: number; deemed: number; alerts: number; tasks: number }> {
  const today = localDate(deps.clock.now());
  if (scheduledDb !== deps.db) {
    await warningsRepo.scheduleUnscheduled(deps.db, today);
    scheduledDb = deps.db;
  }
  if (!(await warningsRepo.anyDue(deps.db, today))) {
    lastScanDay = today;
    lastScanDb = deps.db;
    return { updated: 0, deemed: 0, alerts: 0, tasks: 0 };
  }
  const env = await viewEnv(deps);
  let updated = 0;
  let deemed = 0;
  let alerts = 0;
  let taskUpdates = 0;
  // Each page's rows leave the due set once written. A row a concurrent step changed keeps its
  // date and comes back: it is left to the next scan (seen), which also bounds the loop.
  const seenCases = new Set<number>();
  for (;;) {
    const page = await warningsRepo.listCasesDue(deps.db, env.today, SCAN_PAGE);
    const due = page.filter((c) => !seenCases.has(c.id));
    if (!due.length) break;
    due.forEach((c) => seenCases.add(c.id));
    const writesList: warningsRepo.CaseLevelWrite[] = [];
    for (const c of due) {
      const clock = clockView(env.cal, c, env.today, env.warningDays);
      if (await deemIfDue(deps, c, clock.dueDate, env)) { deemed++; continue; }
      const level = clock.warning ?? 'none';
      const next = clock.running && clock.dueDate ? nextLevelDate(env.cal, clock.dueDate, env.today, env.warningDays) : null;
      if (level !== c.warningLevel) updated++;
      writesList.push({ id: c.id, version: c.version, level, next, departmentId: c.departmentId, dueDate: clock.dueDate });
    }
    alerts += (await warningsRepo.applyCaseLevels(deps.db, writesList, env.now, env.today)).alerts;
    if (page.length < SCAN_PAGE) break;
  }
  const seenTasks = new Set<number>();
  for (;;) {
    const page = await warningsRepo.listTasksDue(deps.db, env.today, SCAN_PAGE);
    const due = page.filter((t) => !seenTasks.has(t.task.id));
    if (!due.length) break;
    due.forEach((t) => seenTasks.add(t.task.id));
    const writesList = due.map(({ task, c }) => {
      const clock = clockView(env.cal, c, env.today, env.warningDays);
      let level: repo.TaskRow['warningLevel'] = 'none';
      let next: string | null = null;
      if (clock.warning !== null && task.status === 'active' && task.dueDate) {
        // A stopped case clock freezes its tasks too; their due dates move when it restarts.
        level = clock.running ? levelOn(env.cal, task.dueDate, env.today, env.warningDays) : task.warningLevel === 'none' ? 'normal' : task.warningLevel;
        next = clock.running ? nextLevelDate(env.cal, task.dueDate, env.today, env.warningDays) : null;
      }
      if (level !== task.warningLevel) taskUpdates++;
      return { id: task.id, caseId: c.id, seen: task.nextLevelDate!, level, next, departmentId: task.departmentId, dueDate: task.dueDate };
    });
    alerts += (await warningsRepo.applyTaskLevels(deps.db, writesList, env.now, env.today)).alerts;
    if (page.length < SCAN_PAGE) break;
  }
  lastScanDay = env.today;
  lastScanDb = deps.db;
  return { updated, deemed, alerts, tasks: taskUpdates };
}

/**
 * Full recompute, for when every stored date may be wrong (warning days or the calendar changed):
 * every open case and task is made due and scanned. Settings and calendar edits only mark them
 * (markAllForRescan, in their own transaction); the next periodic scan does the rest.
 */
export async function rescanAllCases(deps: CaseDeps) {
  const today = localDate(deps.clock.now());
  await warningsRepo.markAllForRescan(deps.db, today);
  return scanCases(deps);
}

async function deemIfDue(deps: CaseDeps, c: repo.CaseRow, due: string | null, env: ViewEnv): Promise<boolean> {
  if (!due || due >= env.today || !['accepted', 'reviewed'].includes(c.status) || c.kind === 'joint') return false;
  const version = await deps.db.query.itemVersions.findFirst({ where: (v, { eq: e }) => e(v.id, c.itemVersionId) });
  if (!version?.deemedApproval) return false;
  const effect: Effect = {
    to: 'approved',
    patch: { decision: 'deemed', decidedAt: env.now },
    data: { rule: 'deemed-approval', dueDate: due, promisedDays: c.promisedDays },
  };
  try {
    await commitEffect(deps, c, [], effect, 'deem-approve', `承诺时限（${due}）届满未作决定，依法视为准予（超时默许）`, { actor: 'system', address: 'system', name: '系统' }, env);
    return true;
  } catch (err) {
    if (err instanceof AppError && err.code === 'VERSION_CONFLICT') return false;
    throw err;
  }
}

// ─── a calendar change moves due dates ───

export interface CalendarChange {
  before: WorkCalendar;
  after: WorkCalendar;
  /** Due dates before this day cannot move (the first day whose working status changed). */
  from: string;
  /** Why, in the applicant's words: the override's reason (e.g. 台风停工), shown on the timeline and in the SMS. */
  reason: string;
  /** What changed, for the record: { date, working } or { year, announced }. */
  change: Record<string, unknown>;
  who: { userId: number; name: string; address: string };
  at: Date;
}

/**
 * A calendar change moves the due dates computed from it; the applicant was told a date (accepted
 * SMS) and must not learn of a new one only by looking. Every open case whose clock runs and whose
 * due date (or a joint task's, which the progress page shows) moves gets one step of the case
 * engine: the 'deadline-moved' event with the reason on its hash chain, the new stored dates and
 * warning level, and an SMS with the new date when the case's own date moved. Called with the
 * calendar change's transaction as deps.db, so the change and its consequences commit together.
 * Cases whose clock stands still are left alone: their date is recomputed and sent (resumed SMS)
 * when the clock restarts. The rows are locked first, so a concurrent step waits rather than
 * failing the calendar change; a county center has hundreds of open cases, one statement each,
 * which keeps the transaction short enough (see docs/decisions.md).
 */
export async function moveDeadlines(deps: CaseDeps, change: CalendarChange): Promise<{ moved: number; notified: number }> {
  const settings = await getSettingsCached(deps.db);
  const env: ViewEnv = { cal: change.after, now: change.at, today: localDate(change.at), warningDays: settings.warningDays };
  let moved = 0;
  let notified = 0;
  for (const c of await repo.lockRunningCasesDueFrom(deps.db, change.from)) {
    const before = dueDate(change.before, c.acceptedDate!, c.promisedDays, c.pausedDays);
    const after = dueDate(change.after, c.acceptedDate!, c.promisedDays, c.pausedDays);
    const tasks = (await repo.listTasks(deps.db, c)).map((t) => t.task);
    const taskMoves = tasks.flatMap((t) => {
      if (t.status !== 'active' || !t.startedDate || !t.dueDate || t.dueDate < change.from) return [];
      const due = movedTaskDue(change.before, change.after, t.startedDate, t.dueDate);
      return due === t.dueDate ? [] : [{ id: t.id, stageName: t.stageName, from: t.dueDate, to: due }];
    });
    const dateMoved = before.date !== after.date;
    if (!dateMoved && taskMoves.length === 0) continue;
    const patch: Partial<repo.NewCase> = { dueDate: after.date, dueProvisional: after.provisional };
    const merged = { ...c, ...patch } as repo.CaseRow;
    const clock = clockView(env.cal, merged, env.today, env.warningDays);
    const level = clock.warning ?? 'none';
    patch.warningLevel = level;
    patch.nextLevelDate = levelSchedule(env, clock.running ? clock.dueDate : null, level, c.warningLevel, c.nextLevelDate);
    await commitChange(deps, c, patch, {
      action: 'deadline-moved', toStatus: c.status, actorId: change.who.userId, actorName: change.who.name, role: 'admin',
      address: change.who.address, comment: change.reason, at: change.at,
      data: {
        ...change.change,
        ...(dateMoved ? { fromDueDate: before.date, dueDate: after.date } : {}),
        ...(taskMoves.length ? { tasks: taskMoves.map((t) => ({ stageName: t.stageName, from: t.from, to: t.to })) } : {}),
      },
    }, dateMoved ? { template: 'due-moved', dueDate: after.date, reason: change.reason } : undefined,
    taskMoves.map((t) => ({ id: t.id, patch: { dueDate: t.to } })), tasks, undefined, env);
    moved++;
    if (dateMoved) notified++;
  }
  return { moved, notified };
}

// ─── the applicant's side ───

/**
 * A step the signed-in applicant takes on their own case (resubmit after pre-review, withdraw in
 * pre-review, cancel within 30 minutes): the caller has established the case is theirs.
 */
export async function actAsApplicant(deps: CaseDeps, c: repo.CaseRow, who: OnlineApplicant,
  body: ActionInput & { action: CaseAction; expectedVersion?: number }) {
  const tasks = (await repo.listTasks(deps.db, c)).map((t) => t.task);
  return answer(await applyAction(deps, c, tasks, body, { actor: 'applicant', address: who.address, name: who.name }));
}

export async function cancelByLink(deps: CaseDeps, caseNoInput: string, token: string, address: string) {
  const caseNo = parseCaseNo(caseNoInput);
  const candidates = caseNo ? await repo.findCasesByNo(deps.db, caseNo) : [];
  const c = candidates.find((x) => x.cancelToken.length === token.length && x.cancelToken === token);
  if (!c) throw new AppError('NOT_FOUND', 'Case not found');
  const tasks = (await repo.listTasks(deps.db, c)).map((t) => t.task);
  return answer(await applyAction(deps, c, tasks, { action: 'cancel', comment: '申请人通过短信链接撤销' }, { actor: 'applicant', address, name: '申请人' }));
}

export async function publicProgress(deps: CaseDeps, caseNoInput: string, phone: string) {
  const caseNo = parseCaseNo(caseNoInput);
  const candidates = caseNo ? await repo.findProgressByNo(deps.db, caseNo, phone) : [];
  const c = candidates.find((x) => x.applicantPhone === phone);
  if (!c) return undefined;
  const env = await viewEnv(deps);
  const tasks = c.kind === 'joint' ? await repo.listTasks(deps.db, c) : [];
  const dept = findDepartmentRef(deps.db, c.departmentId) ?? await departmentRef(deps.db, c.departmentId);
  const clock = clockView(env.cal, c, env.today, env.warningDays);
  return { c, tasks, dept, clock };
}

