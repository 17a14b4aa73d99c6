import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Multipart } from '@fastify/multipart';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/tx.js';
import { AppError } from '../../domain/errors.js';
import { writeAdminLog } from '../admin-log/admin-log.repository.js';
import * as catalogRepo from '../catalog/catalog.repository.js';
import { getPublicCenter } from '../centers/centers.service.js';
import type { Actor } from '../departments/departments.service.js';
import { cleanFileName } from '../uploads/file-signature.js';
import { newStorageName, removeStored, storagePath } from '../uploads/upload-store.js';
import { megabytes } from '../uploads/uploads.service.js';
import { ACCEPTED_FORM_KINDS, detectFormKind, formKindOfMediaType, type FormKind } from './form-signature.js';
import * as repo from './catalog-files.repository.js';
import { CATALOG_FILE_PURPOSES, type CatalogFilePurpose } from '#contract/catalog-files.js';

export interface CatalogFileDeps {
  db: Db;
  uploadDir: string;
  maxBytes: number;
}


const FILE_ID = /^[A-Za-z0-9_-]{22}$/;
const MATERIAL_CODE = /^[A-Za-z0-9_-]{1,20}$/;

export function catalogFileView(f: repo.CatalogFileRow) {
  return {
    id: f.id,
    materialCode: f.materialCode,
    purpose: f.purpose,
    name: f.originalName,
    mediaType: f.mediaType,
    size: f.size,
    uploadedAt: f.createdAt.toISOString(),
    url: `/api/public/catalog-files/${f.id}`,
  };
}

const badForm = (message: string, field = 'file') => new AppError('BAD_REQUEST', message, [{ field, message }]);
const tooLarge = (maxBytes: number) => new AppError('PAYLOAD_TOO_LARGE',
  `文件超过 ${megabytes(maxBytes)} 的大小限制 / The file is larger than the ${megabytes(maxBytes)} limit`, undefined, { maxBytes });
const itemNotFound = (code: string) => new AppError('NOT_FOUND', `Item ${code} not found`);

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

/**
 * Reads the file into memory (at most maxBytes, the multipart parser's own limit): a Word or Excel
 * file is told apart only by its directory, which for a ZIP sits at the end.
 */
async function readLimited(stream: Readable & { truncated?: boolean }, maxBytes: number): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  for await (const piece of stream) {
    if (over) continue;
    size += (piece as Buffer).length;
    if (size > maxBytes) { over = true; chunks.length = 0; continue; }
    chunks.push(piece as Buffer);
  }
  if (over || stream.truncated) return 'too-large';
  return Buffer.concat(chunks);
}

async function drain(stream: Readable): Promise<void> {
  for await (const _ of stream) { /* discarded */ }
}

/** Writes under a random name: a temporary part first, renamed only once it is complete. */
async function writeStored(dir: string, bytes: Buffer): Promise<string> {
  const storageName = newStorageName();
  const tmp = path.join(dir, `.${storageName}.part`);
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  try {
    await fs.promises.writeFile(tmp, bytes, { flag: 'wx', mode: 0o600 });
    await fs.promises.rename(tmp, storagePath(dir, storageName));
  } catch (err) {
    await fs.promises.rm(tmp, { force: true });
    throw err;
  }
  return storageName;
}

/** Material codes any version of the item lists (a draft may add a material before it is published). */
async function materialCodesOf(db: Db, itemId: number): Promise<Set<string>> {
  const versions = await catalogRepo.listVersions(db, itemId);
  return new Set(versions.flatMap((v) => v.materials.map((m) => m.code)));
}

async function adminItem(db: Db, centerId: number, code: string) {
  const found = await catalogRepo.findItem(db, centerId, code);
  if (!found) throw itemNotFound(code);
  return found;
}

export async function listForAdmin(db: Db, centerId: number, code: string) {
  await adminItem(db, centerId, code);
  return (await repo.listItemFiles(db, centerId, code)).map(catalogFileView);
}

/** The forms of a published item, for its public guide. */
export async function listForPublic(db: Db, code: string, centerCode?: string) {
  const center = await getPublicCenter(db, centerCode);
  const found = await catalogRepo.findItem(db, center.id, code);
  if (!found || found.item.status !== 'published') throw itemNotFound(code);
  return (await repo.listItemFiles(db, center.id, code)).map(catalogFileView);
}

/**
 * Stores the blank form or sample of one material. Fields `purpose` and `materialCode` and one
 * `file`; the kind comes from the content. A material has at most one file per purpose: a new one
 * replaces the old (row in the same transaction, the old bytes removed after the commit). On any
 * refusal nothing stays in the folder.
 */
export async function storeCatalogFile(deps: CatalogFileDeps, actor: Actor, itemCode: string, parts: AsyncIterable<Multipart>) {
  let bytes: Buffer | 'too-large' | undefined;
  let filename: string | undefined;
  const fields: Record<string, string> = {};
  let problem: AppError | undefined;
  let storageName: string | undefined;
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        if ((part.fieldname === 'purpose' || part.fieldname === 'materialCode') && fields[part.fieldname] === undefined && typeof part.value === 'string') {
          fields[part.fieldname] = part.value.trim();
        } else problem ??= badForm(`未知字段 / unknown field ${part.fieldname.slice(0, 50)}`, part.fieldname.slice(0, 50));
      } else if (part.fieldname !== 'file' || bytes !== undefined) {
        await drain(part.file);
        problem ??= badForm('每次只能上传一个文件，字段名为 file / One file per upload, in the field "file"');
      } else {
        filename = part.filename;
        bytes = await readLimited(part.file, deps.maxBytes);
      }
    }
    if (problem) throw problem;
    if (bytes === undefined) throw badForm('没有文件 / No file in the field "file"');
    if (bytes === 'too-large') throw tooLarge(deps.maxBytes);
    const purpose = fields.purpose as CatalogFilePurpose | undefined;
    if (!purpose || !CATALOG_FILE_PURPOSES.includes(purpose)) {
      throw new AppError('VALIDATION_FAILED', 'Invalid purpose: blank (空白表格) or sample (示例样表)', [{ field: 'purpose', message: 'blank or sample' }]);
    }
    const materialCode = fields.materialCode ?? '';
    if (!MATERIAL_CODE.test(materialCode)) {
      throw new AppError('VALIDATION_FAILED', 'Invalid materialCode', [{ field: 'materialCode', message: 'letters, digits, - and _, at most 20' }]);
    }
    if (bytes.length === 0) throw new AppError('VALIDATION_FAILED', 'Invalid file: 文件为空 / the file is empty', [{ field: 'file', message: 'empty' }]);
    const kind = detectFormKind(bytes);
    if (!kind) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE',
        `只接受 ${ACCEPTED_FORM_KINDS} 文件（按文件内容识别，不看文件名）/ Only ${ACCEPTED_FORM_KINDS} files are accepted, recognised by their content`,
        [{ field: 'file', message: `not ${ACCEPTED_FORM_KINDS}` }]);
    }
    const found = await adminItem(deps.db, actor.centerId, itemCode);
    if (found.item.status === 'retired') throw new AppError('CONFLICT', `Item ${itemCode} is retired`);
    if (!(await materialCodesOf(deps.db, found.item.id)).has(materialCode)) {
      throw new AppError('VALIDATION_FAILED', `Item ${itemCode} has no material ${materialCode}`, [{ field: 'materialCode', message: 'not a material of this item' }]);
    }
    storageName = await writeStored(deps.uploadDir, bytes);
    const row: repo.CatalogFileRow = {
      id: randomBytes(16).toString('base64url'), centerId: actor.centerId, itemCode, materialCode, purpose,
      storageName, originalName: cleanFileName(filename), mediaType: kind.mediaType, size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'), createdAt: actor.at, createdBy: actor.userId,
    };
    const replaced = await inTransaction(deps.db, async (tx) => {
      const old = await repo.findSlotFileForUpdate(tx, actor.centerId, itemCode, materialCode, purpose);
      if (old) await repo.deleteCatalogFile(tx, old.id);
      await repo.insertCatalogFile(tx, row);
      await writeAdminLog(tx, {
        ...actor, action: 'catalog-file.upload', target: `${itemCode}/${materialCode}`,
        detail: { id: row.id, purpose, name: row.originalName, mediaType: row.mediaType, size: row.size, replaced: old?.id ?? null },
      });
      return old;
    });
    if (replaced) await removeStored(deps.uploadDir, replaced.storageName).catch(() => {});
    return catalogFileView(row);
  } catch (err) {
    if (storageName) await removeStored(deps.uploadDir, storageName).catch(() => {});
    throw multipartError(err, deps.maxBytes);
  }
}

export async function deleteCatalogFile(deps: CatalogFileDeps, actor: Actor, id: string) {
  const removed = await inTransaction(deps.db, async (tx) => {
    const row = FILE_ID.test(id) ? await repo.findCatalogFile(tx, id) : undefined;
    if (!row || row.centerId !== actor.centerId) throw new AppError('NOT_FOUND', 'File not found');
    await repo.deleteCatalogFile(tx, id);
    await writeAdminLog(tx, { ...actor, action: 'catalog-file.delete', target: `${row.itemCode}/${row.materialCode}`, detail: { id, purpose: row.purpose } });
    return row;
  });
  await removeStored(deps.uploadDir, removed.storageName).catch(() => {});
  return { ok: true };
}

/** Anyone may download a form: they are published for the public. */
export async function fileForPublic(db: Db, id: string): Promise<{ row: repo.CatalogFileRow; kind: FormKind }> {
  const row = FILE_ID.test(id) ? await repo.findCatalogFile(db, id) : undefined;
  const kind = row ? formKindOfMediaType(row.mediaType) : undefined;
  if (!row || !kind) throw new AppError('NOT_FOUND', 'File not found');
  return { row, kind };
}
