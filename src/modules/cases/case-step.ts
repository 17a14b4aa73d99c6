/**
 * One step of a case as the case engine writes it: the next link of its event chain, its SMS, its
 * warning levels, all in one statement conditional on the version the actor saw.
 */
import { AppError } from '../../domain/errors.js';
import { eventHash } from '../../domain/event-hash.js';
import { getCenterCached } from '../centers/centers.service.js';
import { renderSms } from '../sms/sms-templates.js';
import { forgetCase, rememberCase } from './case-copies.js';
import { viewEnv, type ActorRef, type CaseDeps } from './case-deps.js';
import type { Effect } from './case-effects.js';
import { levelPatch, taskLevels } from './case-levels.js';
import type { ViewEnv } from './case-view.js';
import * as repo from './cases.repository.js';
import * as writes from './case-writes.js';
import type { EventWrite, FileWrite, SmsWrite } from './case-writes.js';

export interface EventInput {
  action: string;
  toStatus: string;
  actorId: number | null;
  actorName: string;
  role: string;
  address: string;
  comment: string | null;
  data: unknown;
  at: Date;
}

/** The next link of the case's chain: each event's hash covers the one before (全程留痕). */
export function nextEvent(c: Pick<repo.CaseRow, 'caseNo' | 'status' | 'eventCount' | 'lastEventHash'>, ev: EventInput): EventWrite {
  const seq = c.eventCount + 1;
  const fromStatus = c.eventCount === 0 ? null : c.status;
  const data = ev.data ?? null;
  // Both objects are written out whole (no spread copies): see clockView on Node 20's cost of adding keys to one.
  const hash = eventHash(c.lastEventHash, {
    caseNo: c.caseNo, at: ev.at.toISOString(), seq, actorId: ev.actorId, actorName: ev.actorName, role: ev.role, action: ev.action,
    fromStatus, toStatus: ev.toStatus, clientAddress: ev.address, comment: ev.comment, data,
  });
  return {
    seq, actorId: ev.actorId, actorName: ev.actorName, role: ev.role, action: ev.action, fromStatus, toStatus: ev.toStatus,
    clientAddress: ev.address, comment: ev.comment, data, at: ev.at, prevHash: c.lastEventHash, hash,
  };
}

/**
 * Writes a step: the new state, its event and its SMS in one statement, conditional on the version
 * the actor saw, so of two concurrent actions exactly one lands and the chain only grows.
 */
export async function commitChange(deps: CaseDeps, c: repo.CaseRow, patch: Partial<repo.NewCase>, ev: EventInput,
  sms: Effect['sms'], taskPatches: Effect['tasks'], tasks: repo.TaskRow[], files?: FileWrite[], env?: ViewEnv, ledger?: Effect['ledger']): Promise<repo.CaseRow> {
  const event = nextEvent(c, ev);
  const after = { ...c, ...patch, status: ev.toStatus, version: c.version + 1, lastEventHash: event.hash, eventCount: event.seq, updatedAt: ev.at } as repo.CaseRow;
  let changedTasks = (taskPatches ?? []).map((t) => ({ ...tasks.find((x) => x.id === t.id)!, ...t.patch }));
  if (tasks.length) {
    // Task warnings ride along in the step's own statement (joint cases only).
    const merged = tasks.map((t) => changedTasks.find((x) => x.id === t.id) ?? t);
    const leveled = taskLevels(after, merged, env ?? await viewEnv(deps));
    changedTasks = merged.filter((t) => changedTasks.some((x) => x.id === t.id) || leveled.some((x) => x.id === t.id))
      .map((t) => leveled.find((x) => x.id === t.id) ?? t);
  }
  const smsWrite = sms ? await smsFor(deps, after, event.seq, sms) : undefined;
  const ledgerWrite = ledger ? { ...ledger, createdBy: ev.actorId ?? c.receivedBy ?? 0 } : undefined;
  const version = await writes.updateCase(deps.db, c, after, event, smsWrite, changedTasks, files, ledgerWrite);
  if (version === undefined) {
    forgetCase(deps.db, c);
    throw versionConflict(c.version + 1);
  }
  rememberCase(deps.db, after);
  return after;
}

/** Commits an action's effect as a step, with the warning level it leaves the case at. */
export async function commitEffect(deps: CaseDeps, c: repo.CaseRow, tasks: repo.TaskRow[], effect: Effect, action: string, comment: string | null, who: ActorRef, env: ViewEnv) {
  const patch = Object.assign({}, effect.patch, levelPatch(c, effect, env));
  const updated = await commitChange(deps, c, patch, {
    action, toStatus: effect.to, actorId: who.user?.id ?? null, actorName: who.name ?? who.user?.displayName ?? who.actor,
    role: who.actor, address: who.address, comment, data: effect.data ?? null, at: env.now,
  }, effect.sms, effect.tasks, tasks, effect.files, env, effect.ledger);
  return updated;
}

export function versionConflict(current?: number) {
  return new AppError('VERSION_CONFLICT', '该办件已被他人处理，请刷新后重试 / The case was changed by someone else; reload it', undefined,
    current !== undefined ? { currentVersion: current } : undefined);
}

export async function smsFor(deps: CaseDeps, c: repo.CaseRow, seq: number, sms: NonNullable<Effect['sms']>): Promise<SmsWrite> {
  const center = await getCenterCached(deps.db, c.centerId);
  const body = renderSms(sms.template, {
    caseNo: c.caseNo, itemName: c.itemName, centerName: center.name, dueDate: sms.dueDate, materials: sms.materials,
    reason: sms.reason, resultNo: sms.resultNo,
    cancelUrl: sms.template === 'accepted' ? `${deps.publicUrl}/c/${c.caseNo}?t=${c.cancelToken}` : undefined,
    // Asked once per case, on delivery (see renderSms 'delivered'); the completion SMS only says where to collect.
    rateUrl: sms.template === 'delivered' ? `${deps.publicUrl}/r/${c.caseNo}?t=${c.cancelToken}` : undefined,
    progressUrl: `${deps.publicUrl}/?progress=${c.caseNo}`,
  });
  return { recipient: c.applicantPhone, template: sms.template, body, dedupeKey: `case:${c.caseNo}:${c.centerId}:${seq}` };
}
