import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { detectFileKind, SIGNATURE_BYTES, type FileKind } from './file-signature.js';

/**
 * The upload folder. Files are named by us (random hex), never by the request, so no name from an
 * applicant's device ever reaches the file system; the folder lies outside the web root (checked
 * in src/config.ts) and files are served only by the access-checked download route.
 */
const STORAGE_NAME = /^[a-f0-9]{32}$/;

export function newStorageName(): string {
  return randomBytes(16).toString('hex');
}

export function storagePath(dir: string, storageName: string): string {
  // Names come from our own table; this refuses anything else even so.
  if (!STORAGE_NAME.test(storageName)) throw new Error('not a storage name');
  return path.join(dir, storageName);
}

export type Received =
  | { ok: true; storageName: string; kind: FileKind; size: number; sha256: string }
  | { ok: false; reason: 'signature' | 'too-large' | 'empty' };

/**
 * Reads one uploaded file stream to the end. Nothing is written until the first bytes show an
 * accepted kind; the bytes go to a temporary file that becomes the stored file only when the whole
 * stream was accepted, and is removed otherwise. A refused stream is still read to its end (the
 * multipart parser caps it at the size limit), so the client gets its answer.
 */
export async function receiveFile(dir: string, stream: Readable & { truncated?: boolean }, maxBytes: number): Promise<Received> {
  let head = Buffer.alloc(0);
  let kind: FileKind | undefined;
  let refused: 'signature' | 'too-large' | undefined;
  let size = 0;
  const hash = createHash('sha256');
  const storageName = newStorageName();
  const tmp = path.join(dir, `.${storageName}.part`);
  let out: fs.promises.FileHandle | undefined;

  const write = async (chunk: Buffer) => {
    size += chunk.length;
    if (size > maxBytes) { refused = 'too-large'; return; }
    hash.update(chunk);
    out ??= await openTemp(dir, tmp);
    await out.write(chunk);
  };

  try {
    for await (const piece of stream) {
      if (refused) continue;
      const chunk = piece as Buffer;
      if (!kind) {
        head = Buffer.concat([head, chunk]);
        if (head.length < SIGNATURE_BYTES) continue;
        kind = detectFileKind(head);
        if (!kind) { refused = 'signature'; continue; }
        await write(head);
        continue;
      }
      await write(chunk);
    }
    if (!refused && !kind && head.length > 0) {
      // Shorter than the signature window: still one of ours if its own signature is complete.
      kind = detectFileKind(head);
      if (!kind) refused = 'signature';
      else await write(head);
    }
    if (stream.truncated) refused = 'too-large';
    if (refused || !kind || size === 0) {
      await discard(out, tmp);
      return { ok: false, reason: refused ?? 'empty' };
    }
    await out!.close();
    out = undefined;
    await fs.promises.rename(tmp, path.join(dir, storageName));
    return { ok: true, storageName, kind, size, sha256: hash.digest('hex') };
  } catch (err) {
    await discard(out, tmp);
    throw err;
  }
}

async function openTemp(dir: string, tmp: string): Promise<fs.promises.FileHandle> {
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  return fs.promises.open(tmp, 'wx', 0o600);
}

async function discard(out: fs.promises.FileHandle | undefined, tmp: string): Promise<void> {
  if (out) await out.close().catch(() => {});
  await fs.promises.rm(tmp, { force: true });
}

export async function removeStored(dir: string, storageName: string): Promise<void> {
  await fs.promises.rm(storagePath(dir, storageName), { force: true });
}

/** An open handle on a stored file, or undefined when it is gone from the folder. */
export async function openStored(dir: string, storageName: string): Promise<fs.promises.FileHandle | undefined> {
  try {
    return await fs.promises.open(storagePath(dir, storageName), 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
