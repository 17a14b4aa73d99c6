import type { Db } from '../../db/client.js';
import { adminLog } from '../../db/schema/index.js';

export interface AdminLogEntry {
  userId: number | null;
  address: string;
  at: Date;
  action: string;
  target: string;
  detail?: unknown;
}

export async function writeAdminLog(db: Db, e: AdminLogEntry): Promise<void> {
  await db.insert(adminLog).values({
    at: e.at, userId: e.userId, action: e.action, target: e.target, detail: e.detail ?? null, clientAddress: e.address,
  });
}
