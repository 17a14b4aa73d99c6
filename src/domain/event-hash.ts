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

/** JSON with object keys sorted, so the same event always hashes the same on any database. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Each event's hash covers its predecessor's, so changing or removing any event breaks every later link. */
export function eventHash(prevHash: string, e: HashedEvent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(e)).digest('hex');
}
