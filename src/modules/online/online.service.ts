import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { cases, type ApplicantProfile } from '../../db/schema/index.js';
import type { CaseAction } from '../../domain/case-workflow.js';
import { AppError, type FieldProblem } from '../../domain/errors.js';
import { canonicalJson } from '../../domain/event-hash.js';
import * as applicantsRepo from '../applicants/applicants.repository.js';
import * as casesRepo from '../cases/cases.repository.js';
import type { Applicant } from '../applicants/applicants.service.js';
import { findMyCase } from '../applicants/my-cases.service.js';
import { findPublishedCached } from '../catalog/catalog.service.js';
import { getPublicCenter } from '../centers/centers.service.js';
import type { IntakeInput } from '../cases/case-input.js';
import type { FileWrite } from '../cases/case-writes.js';
import { actAsApplicant, submitOnline, type ActingUser, type CaseDeps, getReachableCase } from '../cases/cases.service.js';
import { caseFileViews } from '../uploads/uploads.service.js';
import * as uploadsRepo from '../uploads/uploads.repository.js';

export interface MaterialGiven {
  code: string;
  /** Uploads of mine: new ones, or earlier ones reused (材料共用). */
  uploadIds?: string[];
  /** Cases of mine whose result (licence, certificate) serves as this material. */
  resultCaseNos?: string[];
}

export interface ApplicationInput {
  itemCode: string;
  center?: string;
  applicant: { kind: 'person' | 'organization'; name: string; idNumber?: string; creditCode?: string };
  /** The person acting: an organisation's contact person (required), or whoever applies for another person. */
  agent?: { name: string; idNumber: string; relation: string };
  materials: MaterialGiven[];
}

const invalid = (problems: FieldProblem[]) => new AppError('VALIDATION_FAILED', `Invalid ${problems[0]!.field}: ${problems[0]!.message}`, problems);

interface Resolved {
  materials: { code: string; provided: boolean; note?: string }[];
  files: FileWrite[];
}

/**
 * Turns the materials of a request into the case engine's checklist entries and the files to
 * attach. Every upload must be the applicant's own and every reused result must come from one of
 * their completed cases; anything else is refused as unknown, whoever it belongs to.
 */
async function resolveMaterials(db: Db, me: Applicant, published: { code: string; name: string }[], given: MaterialGiven[]): Promise<Resolved> {
  const problems: FieldProblem[] = [];
  const names = new Map(published.map((m) => [m.code, m.name]));
  const seen = new Set<string>();
  given.forEach((g, i) => {
    if (!names.has(g.code)) problems.push({ field: `materials.${i}.code`, message: `该事项没有材料 ${g.code} / not a material of this item` });
    else if (seen.has(g.code)) problems.push({ field: `materials.${i}.code`, message: '材料重复 / listed twice' });
    seen.add(g.code);
    if ((g.uploadIds?.length ?? 0) + (g.resultCaseNos?.length ?? 0) === 0) {
      problems.push({ field: `materials.${i}.uploadIds`, message: '请上传文件或选择已有材料 / upload a file or choose an earlier one' });
    }
  });
  const uploadIds = [...new Set(given.flatMap((g) => g.uploadIds ?? []))];
  const own = new Set((await uploadsRepo.findOwnUploads(db, me.id, uploadIds)).map((u) => u.id));
  const resultNos = [...new Set(given.flatMap((g) => g.resultCaseNos ?? []))];
  const results = resultNos.length === 0 ? [] : await db.select({ caseNo: cases.caseNo, itemName: cases.itemName, resultNo: cases.resultNo, status: cases.status })
    .from(cases).where(and(inArray(cases.caseNo, resultNos), eq(cases.applicantPhone, me.phone), inArray(cases.status, ['completed', 'delivered'])));
  const resultOf = new Map(results.filter((r) => r.resultNo).map((r) => [r.caseNo, r]));
  given.forEach((g, i) => {
    (g.uploadIds ?? []).forEach((id, j) => {
      if (!own.has(id)) problems.push({ field: `materials.${i}.uploadIds.${j}`, message: '未找到该上传文件 / no such upload of yours' });
    });
    (g.resultCaseNos ?? []).forEach((no, j) => {
      if (!resultOf.has(no)) problems.push({ field: `materials.${i}.resultCaseNos.${j}`, message: '未找到已办结的办件结果 / no completed case of yours with a result' });
    });
  });
  if (problems.length > 0) throw invalid(problems);
  return {
    materials: given.map((g) => {
      const reused = (g.resultCaseNos ?? []).map((no) => resultOf.get(no)!).map((r) => `${r.itemName}（${r.resultNo}，办件${r.caseNo}）`);
      return { code: g.code, provided: true, ...(reused.length ? { note: `共享办理结果：${reused.join('；')}`.slice(0, 500) } : {}) };
    }),
    files: given.flatMap((g) => [...new Set(g.uploadIds ?? [])].map((uploadId) => ({ code: g.code, name: names.get(g.code)!, uploadId }))),
  };
}

function profileOf(input: ApplicationInput): ApplicantProfile {
  const a = input.applicant;
  return {
    kind: a.kind, name: a.name.trim(),
    ...(a.kind === 'person' && a.idNumber ? { idNumber: a.idNumber } : {}),
    ...(a.kind === 'organization' && a.creditCode ? { creditCode: a.creditCode } : {}),
    ...(input.agent ? { agent: { name: input.agent.name.trim(), idNumber: input.agent.idNumber, relation: input.agent.relation.trim() } } : {}),
  };
}

/**
 * 网上申请: creates the case in pre-review through the case engine. Every SMS goes to the signed-in
 * (verified) phone, which is recorded as the applicant's; an organisation names its contact
 * person (经办人), who is the case's agent.
 */
export async function applyOnline(deps: CaseDeps, me: Applicant, input: ApplicationInput, address: string, idempotency?: { userId: number; key: string }) {
  const center = await getPublicCenter(deps.db, input.center);
  const found = await findPublishedCached(deps.db, center.id, input.itemCode);
  if (!found) throw invalid([{ field: 'itemCode', message: 'unknown or unpublished item' }]);
  if (!found.version.onlineAllowed) {
    throw new AppError('ONLINE_NOT_ALLOWED', `“${found.version.name}”须到窗口办理，不能网上申请 / this item cannot be applied for online`, [{ field: 'itemCode', message: 'not available online' }]);
  }
  const a = input.applicant;
  const problems: FieldProblem[] = [];
  if (a.kind === 'organization' && !input.agent) problems.push({ field: 'agent', message: '单位申请须填写经办人 / an organisation names its contact person' });
  if (a.kind === 'person' && a.creditCode) problems.push({ field: 'applicant.creditCode', message: '个人申请不填统一社会信用代码 / not for a person' });
  if (a.kind === 'organization' && a.idNumber) problems.push({ field: 'applicant.idNumber', message: '单位申请不填身份证号码 / not for an organisation' });
  if (problems.length) throw invalid(problems);
  const resolved = await resolveMaterials(deps.db, me, found.version.materials, input.materials);
  const intake: IntakeInput = {
    itemCode: input.itemCode,
    applicant: { kind: a.kind, name: a.name.trim(), idNumber: a.idNumber, creditCode: a.creditCode, phone: me.phone },
    agent: input.agent ? { name: input.agent.name.trim(), idNumber: input.agent.idNumber, relation: input.agent.relation.trim(), phone: me.phone } : undefined,
    channel: 'online',
    materials: resolved.materials,
  };
  const actorName = intake.agent?.name ?? intake.applicant.name;
  const result = await submitOnline(deps, center.id, { name: actorName, address }, intake, resolved.files, idempotency);
  await applicantsRepo.saveProfile(deps.db, me.id, profileOf(input));
  return { caseNo: result.caseNo, status: result.status, version: result.version };
}

type ApplyAnswer = Awaited<ReturnType<typeof applyOnline>>;

/**
 * Applicants' keys share the staff intake's table: they are stored under the negated applicant id,
 * so the two kinds of account never meet, and the answer is written by the case's own statement.
 */
const applicantKeyOwner = (me: Applicant) => -me.id;
const STALE_KEY_MS = 60_000;

/**
 * A retried submission (a lost answer on a phone network, a double tap) never makes a second case:
 * the same Idempotency-Key with the same body gets the first answer back; with another body, 422.
 */
export async function applyOnlineIdempotent(deps: CaseDeps, me: Applicant, input: ApplicationInput, address: string, key: string | undefined): Promise<ApplyAnswer> {
  if (key === undefined) return applyOnline(deps, me, input, address);
  if (key.length === 0 || key.length > 200) throw new AppError('VALIDATION_FAILED', 'Invalid Idempotency-Key', [{ field: 'Idempotency-Key', message: '1 to 200 characters' }]);
  const userId = applicantKeyOwner(me);
  const hash = createHash('sha256').update(canonicalJson(input)).digest('hex');
  const now = deps.clock.now();
  let claimed = await casesRepo.claimIdempotencyKey(deps.db, { key, userId, requestHash: hash, state: 'running', createdAt: now });
  if (!claimed) {
    const existing = await casesRepo.findIdempotencyKey(deps.db, userId, key);
    if (existing && existing.requestHash !== hash) throw new AppError('IDEMPOTENCY_MISMATCH', '该申请已用不同内容提交过 / This Idempotency-Key was used with a different application');
    if (existing?.state === 'done') {
      const first = existing.response as { caseNo: string; status: string; version: number };
      return { caseNo: first.caseNo, status: first.status, version: first.version };
    }
    claimed = await casesRepo.takeOverStaleKey(deps.db, userId, key, new Date(now.getTime() - STALE_KEY_MS), { requestHash: hash, createdAt: now });
    if (!claimed) throw new AppError('IN_PROGRESS', '申请正在提交中，请稍候 / The first submission with this key is still being processed');
  }
  try {
    return await applyOnline(deps, me, input, address, { userId, key });
  } catch (err) {
    await casesRepo.releaseIdempotencyKey(deps.db, userId, key).catch(() => {});
    throw err;
  }
}

export interface ApplicantActionInput {
  action: Extract<CaseAction, 'resubmit' | 'withdraw' | 'cancel'>;
  expectedVersion?: number;
  comment?: string;
  /** resubmit: the materials fixed; each replaces that material's files as a whole. */
  materials?: MaterialGiven[];
}

/** The applicant's own steps, run by the case engine with the `applicant` actor. */
export async function applicantAction(deps: CaseDeps, me: Applicant, caseNo: string, input: ApplicantActionInput, address: string) {
  const c = await findMyCase(deps.db, me, caseNo);
  const who = { name: c.agent?.name ?? c.applicantName, address };
  if (input.action !== 'resubmit') {
    if (input.materials?.length) throw invalid([{ field: 'materials', message: 'only with resubmit' }]);
    return actAsApplicant(deps, c, who, { action: input.action, expectedVersion: input.expectedVersion, comment: input.comment });
  }
  const resolved = await resolveMaterials(deps.db, me, c.materials, input.materials ?? []);
  return actAsApplicant(deps, c, who, {
    action: 'resubmit', expectedVersion: input.expectedVersion, comment: input.comment, materials: resolved.materials, files: resolved.files,
  });
}

/** The files of a case for the staff who can reach it (the desk pre-reviewing it, the department deciding it). */
export async function filesForStaff(deps: CaseDeps, actor: ActingUser, caseNo: string) {
  const { c } = await getReachableCase(deps, actor, caseNo);
  return caseFileViews(deps.db, c.id);
}
