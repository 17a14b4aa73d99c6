import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { departments } from '../../db/schema/index.js';
import { localDate } from '../../domain/clock.js';
import { formatCaseNo } from '../../domain/case-number.js';
import type { CaseStatus } from '../../domain/case-workflow.js';
import { AppError } from '../../domain/errors.js';
import { canonicalJson } from '../../domain/event-hash.js';
import { randomToken } from '../../lib/random-token.js';
import { findPublishedCached } from '../catalog/catalog.service.js';
import { centerTimeZone } from '../centers/centers.service.js';
import { checkProxyIntake, isProxyRole, type ProxyIntake } from '../network/proxy-intake.service.js';
import type { ActingUser, CaseDeps, OnlineApplicant } from './case-deps.js';
import { groupFiles } from './case-effects.js';
import { checkIntakeIdentity, type IntakeInput } from './case-input.js';
import { nextEvent, smsFor } from './case-step.js';
import { caseLinks } from './case-view.js';
import * as repo from './cases.repository.js';
import * as writes from './case-writes.js';
import type { FileWrite, SmsWrite } from './case-writes.js';

// Not a cache: blocks of case numbers this process has reserved (a number is never handed out twice).
const caseSequence = new repo.CaseSequence(100);
/** Five digits of sequence keep the number short enough to read over the phone. */
const MAX_DAILY_CASES = 99_999;

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
  if (isProxyRole(actor.user.role)) {
    const proxy = await checkProxyIntake(deps.db, deps.clock, actor.user, input);
    return createCase(deps, proxy.countyId, who, input, { idempotency, proxy });
  }
  if (input.authorization) throw new AppError('VALIDATION_FAILED', 'authorization is for proxy intakes only', [{ field: 'authorization', message: 'only a station or agent sends it' }]);
  return createCase(deps, actor.user.centerId, who, input, { idempotency });
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

type PublishedItem = NonNullable<Awaited<ReturnType<typeof findPublishedCached>>>;
type PublishedVersion = PublishedItem['version'];
type CheckedMaterial = ReturnType<typeof checkMaterials>[number];

async function createCase(deps: CaseDeps, centerId: number, actor: CreatingActor, input: IntakeInput,
  opts: { idempotency?: { userId: number; key: string }; files?: FileWrite[]; proxy?: ProxyIntake }): Promise<IntakeResult> {
  const { db, clock } = deps;
  const { idempotency, files, proxy } = opts;
  const online = files !== undefined;
  const now = clock.now();
  // The center's calendar day (cached per zone and day: this runs on every intake).
  const today = localDate(now, await centerTimeZone(db, centerId));
  checkIntakeIdentity(input, today);
  const found = await publishedItemFor(db, centerId, input.itemCode, online);
  const version = found.version;
  const { materials, missing } = intakeMaterials(version, input, online);
  const status: CaseStatus = online ? 'submitted' : missing.length > 0 ? 'supplement' : 'received';
  const caseNo = await allotCaseNo(db, centerId, today);
  const deptIds = version.kind === 'joint' ? await departmentIds(db, centerId, version.stages.flatMap((s) => s.departments.map((d) => d.code))) : new Map<string, number>();

  const draft = {
    centerId, caseNo, itemVersionId: version.id, itemCode: found.itemCode, itemName: version.name, kind: version.kind,
    departmentId: found.departmentId, status: 'new', applicantKind: input.applicant.kind, applicantName: input.applicant.name.trim(),
    applicantIdNumber: input.applicant.idNumber ?? null, applicantCreditCode: input.applicant.creditCode ?? null,
    applicantPhone: input.applicant.phone, agent: input.agent ?? null, channel: input.channel, urgent: input.urgent ?? false,
    proxyCenterId: proxy?.centerId ?? null, proxyTownshipId: proxy?.townshipId ?? null, proxyBy: proxy?.by ?? null,
    proxyAuthorization: proxy?.authorization ?? null,
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
      ...(proxy ? { proxy: { centerId: proxy.centerId, authorization: proxy.authorization.kind } } : {}),
      ...(online ? { files: groupFiles(files) } : {}),
    },
  });
  const row = { ...draft, status, lastEventHash: event.hash } as repo.CaseRow;
  const smsNow = await intakeSms(deps, row, input, missing, online);
  const tasks = version.stages.flatMap((st, i) => st.departments.map((d) => ({
    stage: i + 1, stage_name: st.name, department_id: deptIds.get(d.code)!, lead: d.lead, limit_days: st.limitDays,
  })));
  const result: IntakeResult = {
    caseNo, status, version: 1, missingMaterials: missing.map((m) => ({ code: m.code, name: m.name })), links: caseLinks(caseNo, status),
  };
  await writes.insertCase(db, row, event, smsNow, tasks, idempotency ? { userId: idempotency.userId, key: idempotency.key, response: result } : undefined, files);
  return result;
}

async function publishedItemFor(db: Db, centerId: number, itemCode: string, online: boolean): Promise<PublishedItem> {
  const found = await findPublishedCached(db, centerId, itemCode);
  if (!found) {
    throw new AppError('VALIDATION_FAILED', `No published item ${itemCode} in this center`, [{ field: 'itemCode', message: 'unknown or unpublished item' }]);
  }
  if (online && !found.version.onlineAllowed) {
    throw new AppError('ONLINE_NOT_ALLOWED', `“${found.version.name}”须到窗口办理，不能网上申请 / this item cannot be applied for online`, [{ field: 'itemCode', message: 'not available online' }]);
  }
  return found;
}

/** The item's materials as handed in; online, every required one must be there. */
function intakeMaterials(version: PublishedVersion, input: IntakeInput, online: boolean) {
  const materials = checkMaterials(version.materials, input.materials);
  const missing = materials.filter((m) => m.required && !m.provided);
  if (online && missing.length > 0) {
    throw new AppError('MATERIALS_MISSING', `请上传：${missing.map((m) => m.name).join('、')} / required materials missing`,
      missing.map((m) => ({ field: `materials.${m.code}`, message: `${m.name} 未上传 / not uploaded` })));
  }
  return { materials, missing };
}

async function allotCaseNo(db: Db, centerId: number, today: string): Promise<string> {
  const sequence = await caseSequence.next(db, centerId, today);
  if (sequence > MAX_DAILY_CASES) {
    throw new AppError('CASE_NUMBERS_EXHAUSTED', `本中心今日办件编号已用完 / this center has used all ${MAX_DAILY_CASES} case numbers of the day`);
  }
  return formatCaseNo(today, sequence);
}

/**
 * At the window the applicant walks away with the printed receipt; the first SMS they need is the
 * acceptance (with its due date and cancel link). Applicants not at the window get one now.
 */
async function intakeSms(deps: CaseDeps, row: repo.CaseRow, input: IntakeInput, missing: CheckedMaterial[], online: boolean): Promise<SmsWrite | undefined> {
  if (online || (row.status === 'received' && input.channel === 'window')) return undefined;
  return smsFor(deps, row, 1, row.status === 'supplement' ? { template: 'supplement', materials: missing.map((m) => m.name) } : { template: 'received' });
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
