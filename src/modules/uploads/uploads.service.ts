import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../domain/clock.js';
import { AppError } from '../../domain/errors.js';
import { writeAdminLog } from '../admin-log/admin-log.repository.js';
import type { SessionUser } from '../auth/auth.service.js';
import { reachOf } from '../cases/case-access.js';
import * as casesRepo from '../cases/cases.repository.js';
import { ACCEPTED_KINDS, cleanFileName, kindOfMediaType, type FileKind } from './file-signature.js';
import { receiveFile, removeStored, type Received } from './upload-store.js';
import type { Multipart } from '@fastify/multipart';
import * as repo from './uploads.repository.js';
import type { StaffFile } from '#contract/online.js';

export interface UploadDeps {
  db: Db;
  clock: Clock;
  uploadDir: string;
  maxBytes: number;
}

/** An applicant's files in a day: plenty for several applications, and a bound on what one account can fill the disk with. */
export const UPLOADS_PER_DAY = 100;

/** Public handles: 128 random bits, URL-safe. */
const UPLOAD_ID = /^[A-Za-z0-9_-]{22}$/;
export const isUploadId = (id: string) => UPLOAD_ID.test(id);

export function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

export const tooLarge = (maxBytes: number) => new AppError('PAYLOAD_TOO_LARGE',
  `文件超过 ${megabytes(maxBytes)} 的大小限制 / The file is larger than the ${megabytes(maxBytes)} limit`, undefined, { maxBytes });

export function uploadView(u: repo.UploadRow) {
  return {
    id: u.id,
    name: u.originalName,
    mediaType: u.mediaType,
    size: u.size,
    materialCode: u.materialCode,
    uploadedAt: u.createdAt.toISOString(),
    url: `/api/files/${u.id}`,
  };
}

const MATERIAL_CODE = /^[A-Za-z0-9_-]{1,20}$/;

const badForm = (message: string, field = 'file') => new AppError('BAD_REQUEST', message, [{ field, message }]);

/** Errors of the multipart parser (limits, malformed bodies) are the client's; file-system errors are ours. */
function multipartError(err: unknown, maxBytes: number): unknown {
  if (err instanceof AppError) return err;
  const e = err as { code?: string; syscall?: string; message?: string };
  if (e.code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(maxBytes);
  if (e.code === 'FST_FILES_LIMIT') return badForm('每次只能上传一个文件 / One file per upload');
  if (e.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data');
  if (e.syscall) return err;
  return badForm(`上传内容格式错误 / Malformed multipart body${e.message ? `: ${e.message.slice(0, 100)}` : ''}`);
}

async function drain(stream: Readable): Promise<void> {
  for await (const _ of stream) { /* discarded */ }
}

/**
 * Stores the one file of a multipart upload for an applicant: its kind from its signature, its
 * bytes under a random name, its original name only cleaned, as metadata. The row is written only
 * once the whole body was read and accepted; on any refusal nothing stays in the folder.
 */
export async function storeUpload(deps: UploadDeps, applicantId: number, parts: AsyncIterable<Multipart>) {
  const now = deps.clock.now();
  if (await repo.countUploadsSince(deps.db, applicantId, new Date(now.getTime() - 24 * 3600_000)) >= UPLOADS_PER_DAY) {
    throw new AppError('THROTTLED', `24小时内最多上传 ${UPLOADS_PER_DAY} 个文件 / At most ${UPLOADS_PER_DAY} files in 24 hours`, undefined, { retryAfter: 3600 });
  }
  let received: Received | undefined;
  let filename: string | undefined;
  let materialCode: string | undefined;
  let problem: AppError | undefined;
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        if (part.fieldname === 'materialCode' && materialCode === undefined && typeof part.value === 'string') materialCode = part.value.trim();
        else problem ??= badForm(`未知字段 / unknown field ${part.fieldname.slice(0, 50)}`, part.fieldname.slice(0, 50));
      } else if (part.fieldname !== 'file' || received) {
        await drain(part.file);
        problem ??= badForm('每次只能上传一个文件，字段名为 file / One file per upload, in the field "file"');
      } else {
        filename = part.filename;
        received = await receiveFile(deps.uploadDir, part.file, deps.maxBytes);
      }
    }
    if (problem) throw problem;
    if (!received) throw badForm('没有文件 / No file in the field "file"');
    if (!received.ok) {
      if (received.reason === 'too-large') throw tooLarge(deps.maxBytes);
      if (received.reason === 'empty') throw new AppError('VALIDATION_FAILED', 'Invalid file: 文件为空 / the file is empty', [{ field: 'file', message: 'empty' }]);
      throw new AppError('UNSUPPORTED_MEDIA_TYPE',
        `只接受 ${ACCEPTED_KINDS} 文件（按文件内容识别，不看文件名）/ Only ${ACCEPTED_KINDS} files are accepted, recognised by their content`,
        [{ field: 'file', message: `not ${ACCEPTED_KINDS}` }]);
    }
    if (materialCode && !MATERIAL_CODE.test(materialCode)) {
      throw new AppError('VALIDATION_FAILED', 'Invalid materialCode', [{ field: 'materialCode', message: 'letters, digits, - and _, at most 20' }]);
    }
    const row = {
      id: randomBytes(16).toString('base64url'), applicantId, storageName: received.storageName, originalName: cleanFileName(filename),
      mediaType: received.kind.mediaType, size: received.size, sha256: received.sha256, materialCode: materialCode || null, createdAt: now,
    };
    await repo.insertUpload(deps.db, row);
    return uploadView(row);
  } catch (err) {
    if (received?.ok) await removeStored(deps.uploadDir, received.storageName).catch(() => {});
    throw multipartError(err, deps.maxBytes);
  }
}

const fileNotFound = () => new AppError('NOT_FOUND', 'File not found');

/**
 * A file for download: to the applicant who uploaded it, and to staff who can reach a case it is
 * attached to (reachOf, as for the case itself). Anyone else is answered as if it did not exist.
 * Staff reading a file is written to that case's access log (case.file-view), as personal data.
 */
export async function fileForDownload(deps: UploadDeps, id: string, who: { applicantId?: number; user?: SessionUser; address: string; inline?: boolean }): Promise<{ row: repo.UploadRow; kind: FileKind }> {
  if (!isUploadId(id)) throw fileNotFound();
  const row = await repo.findUpload(deps.db, id);
  const kind = row ? kindOfMediaType(row.mediaType) : undefined;
  if (!row || !kind) throw fileNotFound();
  if (who.applicantId !== undefined && row.applicantId === who.applicantId) return { row, kind };
  const user = who.user;
  if (user) {
    for (const ref of await repo.casesOfUpload(deps.db, id)) {
      if (ref.centerId !== user.centerId) continue;
      const c = await casesRepo.findCaseByNo(deps.db, ref.caseNo, ref.centerId);
      if (!c) continue;
      const tasks = (await casesRepo.listTasks(deps.db, c)).map((t) => t.task);
      if (reachOf(user, c, tasks) !== 'none') {
        await writeAdminLog(deps.db, {
          userId: user.id, address: who.address, at: deps.clock.now(), action: 'case.file-view', target: c.caseNo,
          detail: { fileId: id, how: who.inline ? 'preview' : 'download' },
        });
        return { row, kind };
      }
    }
    await writeAdminLog(deps.db, { userId: user.id, address: who.address, at: deps.clock.now(), action: 'file.access-denied', target: id });
  }
  throw fileNotFound();
}

/** One uploaded file of a case as staff see it (GET /api/cases/{caseNo}/files). */
export type CaseFileView = StaffFile;

export async function caseFileViews(db: Db, caseId: number): Promise<CaseFileView[]> {
  const rows = await repo.filesOfCase(db, caseId);
  const newest = new Map<string, number>();
  for (const { link } of rows) newest.set(link.materialCode, Math.max(newest.get(link.materialCode) ?? 0, link.seq));
  return rows.map(({ link, upload }) => ({
    id: upload.id, materialCode: link.materialCode, materialName: link.materialName, name: upload.originalName, mediaType: upload.mediaType,
    size: upload.size, uploadedAt: upload.createdAt.toISOString(), seq: link.seq, current: newest.get(link.materialCode) === link.seq, url: `/api/files/${upload.id}`,
  }));
}

/** How long an upload may wait to be attached to an application before it is deleted. */
export const UNATTACHED_UPLOAD_DAYS = 7;
const CLEANUP_BATCH = 500;

/**
 * Deletes uploads no case has used for UNATTACHED_UPLOAD_DAYS (abandoned drafts), row first, then
 * its stored file, in batches until none is left. A file that cannot be removed stays as an orphan
 * without a row, which nothing can serve; it does not stop the others.
 */
export async function cleanupUnattachedUploads(deps: { db: Db; clock: Clock; uploadDir: string }): Promise<{ deleted: number }> {
  const before = new Date(deps.clock.now().getTime() - UNATTACHED_UPLOAD_DAYS * 24 * 3600_000);
  let deleted = 0;
  for (;;) {
    const gone = await repo.deleteUnattachedBefore(deps.db, before, CLEANUP_BATCH);
    await Promise.all(gone.map((g) => removeStored(deps.uploadDir, g.storageName).catch(() => {})));
    deleted += gone.length;
    if (gone.length < CLEANUP_BATCH) return { deleted };
  }
}
