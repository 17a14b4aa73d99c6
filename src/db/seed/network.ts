import { and, eq } from 'drizzle-orm';
import { appointmentCategories, appointmentSlots, networkItemOpenings, serviceDays, users } from '../schema/index.js';
import { localDate } from '../../domain/clock.js';
import { slotInstant, workingDatesFrom } from '../../domain/appointment-rules.js';
import { addCalendarDays, buildCalendar } from '../../domain/working-days.js';
import { nationalCalendar } from '../../modules/calendar/national-calendar.js';
import type { Db } from '../client.js';

/**
 * Where the demo county's items may be taken in away from the hall. County-wide (通办): what
 * villagers apply for most (social assistance, rural pensions and insurance, disability, household
 * papers); at some townships only (受办分离): rural building permits and logging, where those
 * townships have the staff to check them.
 */
export const DEMO_OPENINGS: Record<string, string[]> = {
  HP: [
    'MZ-004', 'MZ-005', 'MZ-006', 'MZ-010', 'RS-001', 'RS-003', 'RS-005', 'YB-001', 'YB-002', 'YB-003', 'YB-004',
    'CL-001', 'CL-002', 'NY-006', 'NY-007', 'GA-007', 'WJ-007', 'TYJR-001', 'JY-003',
  ],
  'HP-XK': ['ZRZY-004', 'LY-001'],
  'HP-SQ': ['ZRZY-004', 'LY-001', 'NY-005'],
};

export async function seedNetworkOpenings(tx: Db, centerIds: Map<string, number>, itemIds: Map<string, number>, now: Date): Promise<void> {
  const rows = Object.entries(DEMO_OPENINGS).flatMap(([center, codes]) => codes.map((code) => ({
    itemId: itemIds.get(code)!, centerId: centerIds.get(center)!, createdAt: now,
  })));
  await tx.insert(networkItemOpenings).values(rows);
}

/** Who from each demo township goes out on its service days (驻村服务日). */
const DEMO_SERVICE_DAY_STAFF: Record<string, string> = {
  'HP-CG': '城关镇民政所、社保所',
  'HP-XK': '溪口镇民政所、国土所',
  'HP-SQ': '山前乡民政所、农业站',
};

/**
 * The demo's village service days: like 新铺乡's 周四驻村服务 (seed 003), each township goes out on
 * the next working Thursdays, one of its villages in turn, 09:00–11:30, 20 seats, bookable through
 * the village room's SERVICE-DAY appointment category exactly as one published through the API.
 */
export async function seedServiceDays(tx: Db, centerIds: Map<string, number>, now: Date): Promise<void> {
  const national = nationalCalendar();
  const cal = buildCalendar({ holidays: national.holidays, workdays: national.workdays, announcedYears: national.years }, []);
  const thursdays = workingDatesFrom(cal, addCalendarDays(localDate(now), 1), 20)
    .filter((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 4).slice(0, 2);
  const villagesOf = (township: string) => [...centerIds.keys()].filter((c) => c.startsWith(`${township}-`)).sort();
  for (const [township, staff] of Object.entries(DEMO_SERVICE_DAY_STAFF)) {
    const [station] = await tx.select({ id: users.id }).from(users).where(eq(users.username, `station-${township.toLowerCase()}`));
    const villages = villagesOf(township);
    for (const [i, date] of thursdays.entries()) {
      const village = villages[i % villages.length]!;
      const villageId = centerIds.get(village)!;
      let [category] = await tx.select({ id: appointmentCategories.id }).from(appointmentCategories)
        .where(and(eq(appointmentCategories.centerId, villageId), eq(appointmentCategories.code, 'SERVICE-DAY')));
      if (!category) {
        [category] = await tx.insert(appointmentCategories).values({
          centerId: villageId, code: 'SERVICE-DAY', name: '驻村服务日', nameEn: 'Village service day',
          description: '乡镇工作人员到村：咨询、办理、代办件取件', itemCodes: [], template: { periods: [] }, sortOrder: 10, createdAt: now, updatedAt: now,
        }).returning({ id: appointmentCategories.id });
      }
      await tx.insert(serviceDays).values({
        townshipCenterId: centerIds.get(township)!, villageCenterId: villageId, date, startTime: '09:00', endTime: '11:30', staff,
        note: '可咨询、办理，代办件结果可当场领取', categoryId: category!.id, createdBy: station!.id, createdAt: now,
      });
      await tx.insert(appointmentSlots).values({
        centerId: villageId, categoryId: category!.id, date, startTime: '09:00', endTime: '11:30', startsAt: slotInstant(date, '09:00'), capacity: 20,
      });
    }
  }
}
