import { createHash } from 'node:crypto';

/** The fields of a case event that the hash covers: everything that says who did what, when, from where. */
export interface HashedEvent {
  caseNo: string;
  seq: number;
  at: string;
  actorId: number | null;
  actorName: string;
  role: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  clientAddress: string;
  comment: string | null;
  data: unknown;
}

/**
 * JSON with object keys sorted, so the same event always hashes the same on any database. Keys sort
 * by UTF-16 code units (the default sort); undefined members are left out, undefined array items
 * become null, as JSON.stringify does. Built by appending: every case step hashes its event.
 */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    out += (out.length === 1 ? '' : ',') + quotedKey(key) + ':' + canonicalJson(member);
  }
  return `${out}}`;
}

/** Event keys are few and repeat on every event: their quoted form is kept (short keys only, bounded). */
const quotedKeys = new Map<string, string>();

function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (key.length <= 40 && quotedKeys.size < 1000) quotedKeys.set(key, quoted);
  }
  return quoted;
}

/** Each event's hash covers its predecessor's, so changing or removing any event breaks every later link. */
export function eventHash(prevHash: string, e: HashedEvent): string {
  // One update of the joined text hashes the same bytes as three updates, in one call.
  return createHash('sha256').update(`${prevHash}\n${canonicalJson(e)}`).digest('hex');
}
