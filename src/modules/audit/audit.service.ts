import { asc, gt } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { cases } from '../../db/schema/index.js';
import { eventHash } from '../../domain/event-hash.js';
import { listEvents } from '../cases/cases.repository.js';

export interface BrokenLink {
  caseNo: string;
  seq: number;
  problem: 'hash-mismatch' | 'prev-hash-mismatch' | 'sequence-gap' | 'missing-tail' | 'status-mismatch';
}

export interface AuditReport {
  cases: number;
  events: number;
  broken: BrokenLink[];
}

/**
 * Recomputes every case's hash chain and names the first broken link of each case: an event
 * edited in place, one removed from the middle, or events cut off the end (the case row keeps
 * the count and the last hash).
 */
export async function verifyAudit(db: Db, batch = 500): Promise<AuditReport> {
  const report: AuditReport = { cases: 0, events: 0, broken: [] };
  let after = 0;
  for (;;) {
    const page = await db.select().from(cases).where(gt(cases.id, after)).orderBy(asc(cases.id)).limit(batch);
    if (page.length === 0) return report;
    for (const c of page) {
      report.cases++;
      const events = await listEvents(db, c.id);
      report.events += events.length;
      const broken = firstBreak(c, events);
      if (broken) report.broken.push(broken);
    }
    after = page[page.length - 1]!.id;
  }
}

function firstBreak(c: typeof cases.$inferSelect, events: Awaited<ReturnType<typeof listEvents>>): BrokenLink | undefined {
  let prev = '';
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const at = (problem: BrokenLink['problem']) => ({ caseNo: c.caseNo, seq: e.seq, problem });
    if (e.seq !== i + 1) return at('sequence-gap');
    if (e.prevHash !== prev) return at('prev-hash-mismatch');
    const expected = eventHash(prev, {
      caseNo: c.caseNo, seq: e.seq, at: e.at.toISOString(), actorId: e.actorId, actorName: e.actorName, role: e.role, action: e.action,
      fromStatus: e.fromStatus, toStatus: e.toStatus, clientAddress: e.clientAddress, comment: e.comment, data: e.data,
    });
    if (expected !== e.hash) return at('hash-mismatch');
    prev = e.hash;
  }
  if (events.length !== c.eventCount || prev !== c.lastEventHash) return { caseNo: c.caseNo, seq: events.length + 1, problem: 'missing-tail' };
  const last = events[events.length - 1];
  if (last && last.toStatus !== c.status) return { caseNo: c.caseNo, seq: last.seq, problem: 'status-mismatch' };
  return undefined;
}
