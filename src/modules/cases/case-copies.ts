import type { Db } from '../../db/client.js';
import { namedCache } from '../../lib/cache.js';
import type { CaseRow } from './cases.repository.js';

/**
 * The last state this process wrote or read of a case, for the next step on it: an approver opens
 * a case and acts, or takes it through several steps, without reading the row again each time.
 * Only for writing: every write is guarded by the version, so a copy made stale by another process
 * fails its write and the step is retried once from a fresh read (see act). Pages and lists always
 * read the database. Joint cases are not kept (their tasks change with the case).
 */
const writeCopies = namedCache<string, CaseRow>({ name: 'cases.write-copies', invalidatedBy: 'writes', ttlMs: 60_000, maxEntries: 5_000 });
const copyKey = (c: Pick<CaseRow, 'centerId' | 'caseNo'>) => `${c.centerId}:${c.caseNo}`;

export function rememberCase(db: Db, row: CaseRow): void {
  if (row.kind !== 'joint') writeCopies.set(db, copyKey(row), row);
}

export function forgetCase(db: Db, c: Pick<CaseRow, 'centerId' | 'caseNo'>): void {
  writeCopies.delete(db, copyKey(c));
}

export function rememberedCase(db: Db, centerId: number, caseNo: string): CaseRow | undefined {
  return writeCopies.find(db, copyKey({ centerId, caseNo }));
}
