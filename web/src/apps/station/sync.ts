/**
 * Sends the intakes recorded offline when the connection is back: on the `online` event, on start,
 * after a new record, and every 30 s while any wait. One at a time, oldest first, each with the
 * Idempotency-Key it was recorded with, so a send that reached the server but whose answer was lost
 * (the phone went out of range, the page was reloaded) returns the same case the second time
 * instead of making another.
 *
 * A refusal (4xx other than "try again") keeps the record with the server's message for the agent
 * to correct or remove; a network failure, 5xx, 401, 409 IN_PROGRESS or 429 leaves it pending.
 */
import { ApiRequestError, api } from '../../shared/api';
import type { IntakeAnswer } from '#contract/cases.js';
import { deleteQueued, kvGet, kvSet, putQueued, queued, type SyncedIntake } from './offline-store';

const RETRY_LATER = new Set([0, 401, 408, 425, 429]);
const KEEP_SYNCED = 30;

let running: Promise<number> | null = null;
const listeners = new Set<() => void>();

/** Called after every change to the queue (a record sent, refused or added). */
export function onQueueChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function queueChanged(): void {
  for (const fn of listeners) fn();
}

export const syncedKey = (user: string) => `synced:${user}`;

/** Sends what is pending; resolves with how many reached the county. Never runs twice at once. */
export function syncQueue(user: string): Promise<number> {
  running ??= sendAll(user).finally(() => {
    running = null;
  });
  return running;
}

async function sendAll(user: string): Promise<number> {
  let sent = 0;
  for (const item of await queued(user)) {
    if (item.state !== 'pending') continue;
    try {
      const answer = await api.post<IntakeAnswer>('/api/cases', item.body, { 'Idempotency-Key': item.key });
      const done: SyncedIntake = { key: item.key, itemName: item.itemName, applicantName: item.body.applicant.name, recordedAt: item.recordedAt, answer };
      const list = (await kvGet<SyncedIntake[]>(syncedKey(user))) ?? [];
      await kvSet(syncedKey(user), [done, ...list.filter((s) => s.key !== item.key)].slice(0, KEEP_SYNCED));
      await deleteQueued(item.key);
      sent++;
      queueChanged();
    } catch (e) {
      const status = e instanceof ApiRequestError ? e.status : 0;
      const code = e instanceof ApiRequestError ? e.code : 'NETWORK';
      if (RETRY_LATER.has(status) || status >= 500 || code === 'IN_PROGRESS') {
        await putQueued({ ...item, attempts: item.attempts + 1 });
        queueChanged();
        break; // the connection (or the session) is gone: the rest would fail the same way
      }
      await putQueued({ ...item, state: 'refused', attempts: item.attempts + 1, error: { code, message: e instanceof Error ? e.message : String(e) } });
      queueChanged();
    }
  }
  return sent;
}
