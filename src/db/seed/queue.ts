import type { Db } from '../client.js';
import { hallWindows, queueCategories } from '../schema/index.js';

/** The demo hall: ticket categories by service area, mapped to the appointment categories they favour. */
const CATEGORIES = [
  { prefix: 'A', name: '综合受理', nameEn: 'General intake', minutes: 12, appointment: null },
  { prefix: 'B', name: '商事登记', nameEn: 'Business registration', minutes: 15, appointment: 'SS' },
  { prefix: 'C', name: '社保医保', nameEn: 'Social and medical insurance', minutes: 8, appointment: 'SB' },
  { prefix: 'D', name: '不动产登记', nameEn: 'Real estate registration', minutes: 20, appointment: 'BDC' },
  { prefix: 'E', name: '公安户政', nameEn: 'Household registration', minutes: 10, appointment: 'HZ' },
  { prefix: 'F', name: '统一出件', nameEn: 'Results pickup', minutes: 5, appointment: null },
];

/** Window number → the categories it serves. */
const WINDOWS: Array<[number, string[]]> = [
  [1, ['A', 'B']], [2, ['A', 'B']], [3, ['B']], [4, ['C']], [5, ['C', 'A']], [6, ['D']], [7, ['E']], [8, ['F', 'A']],
];

export async function seedQueue(tx: Db, centerId: number): Promise<void> {
  const rows = await tx.insert(queueCategories).values(CATEGORIES.map((c, i) => ({
    centerId, prefix: c.prefix, name: c.name, nameEn: c.nameEn, avgServiceMinutes: c.minutes, appointmentCategory: c.appointment,
    active: true, sortOrder: (i + 1) * 10,
  }))).returning();
  const id = new Map(rows.map((r) => [r.prefix, r.id]));
  await tx.insert(hallWindows).values(WINDOWS.map(([number, prefixes]) => ({
    centerId, number, name: `${number}号窗口`, categoryIds: prefixes.map((p) => id.get(p)!), active: true,
  })));
}
