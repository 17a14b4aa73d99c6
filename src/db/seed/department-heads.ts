import { sql } from 'drizzle-orm';
import type { Db } from '../client.js';

/**
 * One head (科室负责人) per demo department: its demo approver, with a made-up mobile number for the
 * daily warning digest (139 0000 + department id; the demo SMS gateway only logs).
 */
export async function seedDepartmentHeads(tx: Db, centerId: number, now: Date): Promise<void> {
  await tx.execute(sql`
    insert into department_heads (department_id, user_id, phone, updated_at)
    select d.id, u.id, '1390000' || lpad(d.id::text, 4, '0'), ${now.toISOString()}::timestamptz
    from departments d join users u on u.username = 'approver-' || lower(d.code)
    where d.center_id = ${centerId}
    on conflict (department_id) do nothing`);
}
