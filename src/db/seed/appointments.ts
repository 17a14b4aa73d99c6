import type { Db } from '../client.js';
import { appointmentCategories, appointmentSlots, type SlotPeriod } from '../schema/index.js';
import { localDate } from '../../domain/clock.js';
import { slotInstant, workingDatesFrom } from '../../domain/appointment-rules.js';
import { buildCalendar } from '../../domain/working-days.js';
import { nationalCalendar } from '../../modules/calendar/national-calendar.js';

/** Half-hour periods from `from` to `to` (HH:MM, on the hour or half hour). */
function halfHours(from: string, to: string, capacity: number): SlotPeriod[] {
  const out: SlotPeriod[] = [];
  const fmt = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const [fh, fm] = from.split(':').map(Number) as [number, number];
  const [th, tm] = to.split(':').map(Number) as [number, number];
  for (let m = fh * 60 + fm; m + 30 <= th * 60 + tm; m += 30) out.push({ start: fmt(m), end: fmt(m + 30), capacity });
  return out;
}

const day = (capacity: number) => [...halfHours('09:00', '12:00', capacity), ...halfHours('14:00', '17:00', capacity)];

/** The demo center's appointment categories, the way a county hall groups its windows. */
const CATEGORIES = [
  {
    code: 'SS', name: '商事登记', nameEn: 'Business registration', department: 'SCJG',
    description: '个体工商户、企业设立变更注销登记，食品经营许可，企业开办一件事',
    items: ['SCJG-001', 'SCJG-002', 'SCJG-003', 'SCJG-004', 'SCJG-005', 'SCJG-006', 'SCJG-009', 'SCJG-010', 'SCJG-018', 'SCJG-019'],
    periods: day(6),
  },
  {
    code: 'SB', name: '社保医保', nameEn: 'Social and medical insurance', department: null,
    description: '社会保障卡、养老保险、医疗保险参保与待遇',
    items: ['RS-001', 'RS-002', 'RS-003', 'RS-005', 'RS-012', 'YB-001', 'YB-002', 'YB-003'],
    periods: day(4),
  },
  {
    code: 'BDC', name: '不动产登记', nameEn: 'Real estate registration', department: 'BDC',
    description: '不动产首次、转移、抵押、变更登记，房产交易两证联办',
    items: ['BDC-001', 'BDC-002', 'BDC-003', 'BDC-004', 'BDC-005', 'BDC-008', 'BDC-010'],
    periods: day(3),
  },
  {
    code: 'HZ', name: '公安户政', nameEn: 'Household registration and ID cards', department: 'GA',
    description: '居民身份证、户口迁入、出生登记、居住证',
    items: ['GA-001', 'GA-002', 'GA-004', 'GA-005', 'GA-007', 'GA-016'],
    periods: day(4),
  },
];

/** Working days the demo's slots are laid out for, from the seeding day on. */
const DEMO_DAYS = 10;

/** Categories and the next working days' slots for the demo center; part of the demo seed's transaction. */
export async function seedAppointments(tx: Db, centerId: number, departmentIds: Map<string, number>, now: Date): Promise<void> {
  const national = nationalCalendar();
  const cal = buildCalendar({ holidays: national.holidays, workdays: national.workdays, announcedYears: national.years }, []);
  const dates = workingDatesFrom(cal, localDate(now), DEMO_DAYS);
  for (const [i, c] of CATEGORIES.entries()) {
    const [row] = await tx.insert(appointmentCategories).values({
      centerId, code: c.code, name: c.name, nameEn: c.nameEn, description: c.description,
      departmentId: c.department ? departmentIds.get(c.department) ?? null : null,
      itemCodes: c.items, template: { periods: c.periods }, active: true, sortOrder: (i + 1) * 10, createdAt: now, updatedAt: now,
    }).returning({ id: appointmentCategories.id });
    const slots = dates.flatMap((date) => c.periods.map((p) => ({
      centerId, categoryId: row!.id, date, startTime: p.start, endTime: p.end, startsAt: slotInstant(date, p.start), capacity: p.capacity,
    }))).filter((s) => s.startsAt > now);
    if (slots.length) await tx.insert(appointmentSlots).values(slots);
  }
}
