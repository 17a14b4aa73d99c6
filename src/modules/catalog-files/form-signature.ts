/**
 * What a blank form or sample is, from its bytes. Pure: no I/O.
 *
 * Forms come as PDF, Word, Excel or a picture. PDF, JPEG and PNG are told by the uploads' own
 * signature check; Word and Excel need a look inside the container, because a .doc and a .xls are
 * both OLE2 compound files and a .docx and a .xlsx are both ZIP archives (so is any other ZIP, which
 * we refuse). The name and declared type of the upload are never consulted.
 */
import { detectFileKind } from '../uploads/file-signature.js';

export interface FormKind {
  mediaType: string;
  ext: 'pdf' | 'jpg' | 'png' | 'doc' | 'docx' | 'xls' | 'xlsx';
  /** Extensions a name may already end with for this kind. */
  exts: readonly string[];
}

export const ACCEPTED_FORM_KINDS = 'PDF, DOC, DOCX, XLS, XLSX, JPG, PNG';

const KINDS: Record<FormKind['ext'], FormKind> = {
  pdf: { mediaType: 'application/pdf', ext: 'pdf', exts: ['pdf'] },
  jpg: { mediaType: 'image/jpeg', ext: 'jpg', exts: ['jpg', 'jpeg'] },
  png: { mediaType: 'image/png', ext: 'png', exts: ['png'] },
  doc: { mediaType: 'application/msword', ext: 'doc', exts: ['doc'] },
  xls: { mediaType: 'application/vnd.ms-excel', ext: 'xls', exts: ['xls'] },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx', exts: ['docx'] },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx', exts: ['xlsx'] },
};

/** Every media type a blank form or sample may be served as. */
export const FORM_MEDIA_TYPES = Object.values(KINDS).map((k) => k.mediaType);

export const formKindOfMediaType = (mediaType: string): FormKind | undefined => Object.values(KINDS).find((k) => k.mediaType === mediaType);

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];

const startsWith = (buf: Uint8Array, magic: number[], at = 0) => buf.length >= at + magic.length && magic.every((b, i) => buf[at + i] === b);

export function detectFormKind(buf: Uint8Array): FormKind | undefined {
  const basic = detectFileKind(buf);
  if (basic) return KINDS[basic.ext];
  if (startsWith(buf, OLE2)) return oleKind(buf);
  if (startsWith(buf, ZIP_LOCAL)) return ooxmlKind(buf);
  return undefined;
}

/**
 * A compound file's directory entries are 128-byte records in sectors of 512 (or 4096) bytes after
 * the 512-byte header, so every entry starts on a 128-byte boundary. A stream named WordDocument
 * makes a Word file; Workbook (or Book, Excel 5/95) an Excel file.
 */
function oleKind(buf: Uint8Array): FormKind | undefined {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  for (let at = 512; at + 128 <= buf.length; at += 128) {
    const nameBytes = view.getUint16(at + 0x40, true);
    if (nameBytes < 2 || nameBytes > 64 || nameBytes % 2 !== 0 || buf[at + 0x42] !== 2) continue;
    let name = '';
    for (let i = 0; i < nameBytes / 2 - 1; i++) name += String.fromCharCode(view.getUint16(at + i * 2, true));
    if (name === 'WordDocument') return KINDS.doc;
    if (name === 'Workbook' || name === 'Book') return KINDS.xls;
  }
  return undefined;
}

/** The names in a ZIP's central directory (found from the end-of-central-directory record). */
export function zipEntryNames(buf: Uint8Array): string[] | undefined {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const earliest = Math.max(0, buf.length - 22 - 0xffff);
  for (let eocd = buf.length - 22; eocd >= earliest; eocd--) {
    if (view.getUint32(eocd, true) !== 0x06054b50) continue;
    const count = view.getUint16(eocd + 10, true);
    let at = view.getUint32(eocd + 16, true);
    const names: string[] = [];
    for (let i = 0; i < count; i++) {
      if (at + 46 > buf.length || view.getUint32(at, true) !== 0x02014b50) return undefined;
      const nameLen = view.getUint16(at + 28, true);
      const extraLen = view.getUint16(at + 30, true);
      const commentLen = view.getUint16(at + 32, true);
      if (at + 46 + nameLen > buf.length) return undefined;
      names.push(new TextDecoder().decode(buf.subarray(at + 46, at + 46 + nameLen)));
      at += 46 + nameLen + extraLen + commentLen;
    }
    return names;
  }
  return undefined;
}

function ooxmlKind(buf: Uint8Array): FormKind | undefined {
  const names = zipEntryNames(buf);
  if (!names?.includes('[Content_Types].xml')) return undefined;
  if (names.includes('word/document.xml')) return KINDS.docx;
  if (names.includes('xl/workbook.xml')) return KINDS.xlsx;
  return undefined;
}

/** The name to save a download as: ends with the extension of what the file really is. */
export function formDownloadName(original: string, kind: FormKind): string {
  const dot = original.lastIndexOf('.');
  const ext = dot > 0 ? original.slice(dot + 1).toLowerCase() : '';
  return kind.exts.includes(ext) ? original : `${original}.${kind.ext}`;
}
