/**
 * What the station keeps on the device for work without a connection (issue 17, point 4), in
 * IndexedDB: the item list with checklists, the last cases lists, and the intakes recorded offline
 * (with their photos as Blobs) waiting to be sent. Keyed by user, so a second agent on the same
 * phone never sends or sees the first one's records. IndexedDB rather than localStorage: photos are
 * binary and can be megabytes, and writes do not block the page.
 */
import type { IntakeAnswer, IntakeBody } from '#contract/cases.js';

const DB_NAME = 'onewindow-station';
const KV = 'kv';
const QUEUE = 'queue';

export interface StoredPhoto {
  name: string;
  type: string;
  data: Blob;
}

/** An intake recorded on the device, sent with its own Idempotency-Key (made when it was recorded). */
export interface QueuedIntake {
  key: string;
  user: string;
  body: IntakeBody;
  itemName: string;
  recordedAt: string;
  /** pending: waiting for the connection; refused: the server said no (4xx), kept for correction. */
  state: 'pending' | 'refused';
  error?: { code: string; message: string };
  attempts: number;
  photos: StoredPhoto[];
}

/** An intake that reached the county: kept to show its receipt. */
export interface SyncedIntake {
  key: string;
  itemName: string;
  applicantName: string;
  recordedAt: string;
  answer: IntakeAnswer;
}

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(KV)) db.createObjectStore(KV);
      if (!db.objectStoreNames.contains(QUEUE)) db.createObjectStore(QUEUE, { keyPath: 'key' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => {
      opening = null;
      reject(req.error ?? new Error('IndexedDB unavailable'));
    };
  });
  return opening;
}

async function run<T>(store: string, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest): Promise<T> {
  const db = await open();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const req = fn(tx.objectStore(store));
    tx.oncomplete = () => resolve(req.result as T);
    tx.onerror = () => reject(tx.error ?? req.error);
    tx.onabort = () => reject(tx.error ?? new Error('aborted'));
  });
}

export async function kvGet<T>(key: string): Promise<T | undefined> {
  return run<T | undefined>(KV, 'readonly', (s) => s.get(key));
}

export async function kvSet(key: string, value: unknown): Promise<void> {
  await run(KV, 'readwrite', (s) => s.put(value, key));
}

export async function queued(user: string): Promise<QueuedIntake[]> {
  const all = await run<QueuedIntake[]>(QUEUE, 'readonly', (s) => s.getAll());
  return all.filter((q) => q.user === user).sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
}

export async function putQueued(item: QueuedIntake): Promise<void> {
  await run(QUEUE, 'readwrite', (s) => s.put(item));
}

export async function deleteQueued(key: string): Promise<void> {
  await run(QUEUE, 'readwrite', (s) => s.delete(key));
}

/** A fresh Idempotency-Key: one per intake, made when the agent records it, kept through every retry. */
export function newIntakeKey(): string {
  return `station-${crypto.randomUUID()}`;
}
