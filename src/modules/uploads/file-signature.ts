/**
 * What an uploaded file is, from its first bytes, and what it may be called. Pure: no I/O.
 *
 * Only three kinds are accepted (PDF, JPEG, PNG) and each has a fixed signature at offset 0, so a
 * dozen lines are easier to audit than a library that knows a hundred formats. The name and the
 * declared Content-Type of the upload are never consulted.
 */
export interface FileKind {
  mediaType: 'application/pdf' | 'image/jpeg' | 'image/png';
  ext: 'pdf' | 'jpg' | 'png';
  /** Extensions a name may already end with for this kind. */
  exts: readonly string[];
}

export const ACCEPTED_KINDS = 'PDF, JPG, PNG';
/** Bytes needed to tell the kinds apart. */
export const SIGNATURE_BYTES = 8;

const KINDS: { kind: FileKind; magic: number[] }[] = [
  { kind: { mediaType: 'application/pdf', ext: 'pdf', exts: ['pdf'] }, magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { kind: { mediaType: 'image/png', ext: 'png', exts: ['png'] }, magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { kind: { mediaType: 'image/jpeg', ext: 'jpg', exts: ['jpg', 'jpeg'] }, magic: [0xff, 0xd8, 0xff] },
];

export function detectFileKind(head: Uint8Array): FileKind | undefined {
  return KINDS.find(({ magic }) => head.length >= magic.length && magic.every((b, i) => head[i] === b))?.kind;
}

export function kindOfMediaType(mediaType: string): FileKind | undefined {
  return KINDS.find(({ kind }) => kind.mediaType === mediaType)?.kind;
}

const MAX_NAME_CHARS = 100;

/**
 * The name as metadata only: the last path segment, without lone UTF-16 surrogates (a name sent as
 * `filename*=utf-16le''…` can hold them, and the database would keep U+FFFD instead), control
 * characters (NUL included), bidirectional overrides (which make `exe.pdf` read as `fdp.exe`),
 * characters Windows refuses and leading dots; at most 100 characters, the extension kept.
 */
export function cleanFileName(raw: string | undefined): string {
  // Surrogates first: no later removal can leave one alone again.
  let name = (raw ?? '').replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '').normalize('NFC');
  name = name.split(/[\\/]/).pop() ?? '';
  name = name
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    .replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+/, '')
    .trim();
  const chars = Array.from(name);
  if (chars.length > MAX_NAME_CHARS) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 ? Array.from(name.slice(dot)) : [];
    const keepExt = ext.length > 0 && ext.length <= 10 ? ext : [];
    name = chars.slice(0, MAX_NAME_CHARS - keepExt.length).join('') + keepExt.join('');
  }
  return name || 'file';
}

/** The name to save a download as: ends with the extension of what the file really is. */
export function downloadName(original: string, kind: FileKind): string {
  const dot = original.lastIndexOf('.');
  const ext = dot > 0 ? original.slice(dot + 1).toLowerCase() : '';
  return kind.exts.includes(ext) ? original : `${original}.${kind.ext}`;
}

/** RFC 6266: an ASCII fallback for old clients and the UTF-8 name for everyone else. */
export function contentDisposition(name: string, how: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${how}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
