import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import {
  BOOKING_CODE_ALPHABET, bookingCode, canStillChange, checkInTiming, checkInWindow, isBookingCode, isMissed, localHour,
  normalizeBookingCode, periodProblems, reminderTargetDate, slotInstant, workingDatesFrom,
} from '../../src/domain/appointment-rules.js';
import { buildCalendar } from '../../src/domain/working-days.js';
import { APPOINTMENT_SMS_TEMPLATES, renderAppointmentSms } from '../../src/modules/sms/sms-templates.js';

const cal = buildCalendar({ holidays: Object.keys(data.holidays), workdays: Object.keys(data.workdays), announcedYears: [2026] }, []);

describe('periods', () => {
  it('accepts a well-formed day', () => {
    expect(periodProblems([
      { start: '09:00', end: '09:30', capacity: 6 },
      { start: '09:30', end: '10:00', capacity: 6 },
      { start: '14:00', end: '15:00', capacity: 1 },
    ])).toEqual([]);
  });

  it('names each problem by its path', () => {
    expect(periodProblems([
      { start: '9:00', end: '09:30', capacity: 6 },
      { start: '10:00', end: '10:00', capacity: 0 },
      { start: '11:00', end: '12:00', capacity: 3 },
      { start: '11:30', end: '11:45', capacity: 3 },
    ], 'periods')).toEqual([
      { field: 'periods.0.start', message: 'must be a time HH:MM' },
      { field: 'periods.1.capacity', message: 'must be a whole number from 1 to 500' },
      { field: 'periods.1.end', message: 'must be after the start' },
      { field: 'periods.3.start', message: 'overlaps 11:00–12:00' },
    ]);
  });

  it('finds overlaps whatever the order', () => {
    expect(periodProblems([{ start: '10:00', end: '11:00', capacity: 1 }, { start: '09:00', end: '10:01', capacity: 1 }]))
      .toEqual([{ field: 'periods.0.start', message: 'overlaps 09:00–10:01' }]);
    expect(periodProblems([{ start: '10:00', end: '11:00', capacity: 1 }, { start: '09:00', end: '10:00', capacity: 1 }])).toEqual([]);
  });
});

describe('time', () => {
  it('reads slot times as China Standard Time', () => {
    expect(slotInstant('2026-10-08', '09:00').toISOString()).toBe('2026-10-08T01:00:00.000Z');
    expect(slotInstant('2026-10-08', '00:30').toISOString()).toBe('2026-10-07T16:30:00.000Z');
    expect(localHour(new Date('2026-10-07T16:30:00Z'))).toBe(0);
    expect(localHour(new Date('2026-10-08T13:00:00Z'))).toBe(21);
  });

  it('opens check-in 30 minutes before the start and closes it 15 minutes after', () => {
    const start = slotInstant('2026-10-08', '09:00');
    const w = checkInWindow(start);
    expect(w.opensAt.toISOString()).toBe('2026-10-08T00:30:00.000Z');
    expect(w.closesAt.toISOString()).toBe('2026-10-08T01:15:00.000Z');
    expect(checkInTiming(start, new Date('2026-10-08T00:29:59Z'))).toBe('early');
    expect(checkInTiming(start, new Date('2026-10-08T00:30:00Z'))).toBe('open');
    expect(checkInTiming(start, new Date('2026-10-08T01:15:00Z'))).toBe('open');
    expect(checkInTiming(start, new Date('2026-10-08T01:15:01Z'))).toBe('late');
    expect(isMissed('booked', start, new Date('2026-10-08T01:15:01Z'))).toBe(true);
    expect(isMissed('checked_in', start, new Date('2026-10-08T01:15:01Z'))).toBe(false);
    expect(canStillChange(start, new Date('2026-10-08T00:59:59Z'))).toBe(true);
    expect(canStillChange(start, start)).toBe(false);
  });
});

describe('working days for slots', () => {
  it('skips the National Day holiday and includes the make-up Saturday', () => {
    expect(workingDatesFrom(cal, '2026-09-29', 6)).toEqual(['2026-09-29', '2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12']);
    expect(workingDatesFrom(cal, '2026-09-19', 2)).toEqual(['2026-09-20', '2026-09-21']);
    expect(workingDatesFrom(cal, '2026-10-01', 0)).toEqual([]);
    expect(() => workingDatesFrom(cal, '2026-10-01', 61)).toThrow(RangeError);
  });

  it('reminds the next working day\'s bookings', () => {
    expect(reminderTargetDate(cal, '2026-09-30')).toBe('2026-10-08');
    expect(reminderTargetDate(cal, '2026-10-09')).toBe('2026-10-10');
    expect(reminderTargetDate(cal, '2026-10-10')).toBe('2026-10-12');
    expect(reminderTargetDate(cal, '2026-10-11')).toBe('2026-10-12');
  });
});

describe('booking codes', () => {
  it('are eight unambiguous characters', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), (bytes) => {
      const code = bookingCode(bytes);
      expect(isBookingCode(code)).toBe(true);
      expect(code).not.toMatch(/[01ILO]/);
    }));
    expect(BOOKING_CODE_ALPHABET).toHaveLength(31);
  });

  it('accept what people type', () => {
    expect(normalizeBookingCode(' abcd-ef23 ')).toBe('ABCDEF23');
    expect(isBookingCode('ABCDEF2')).toBe(false);
    expect(isBookingCode('ABCDEF2O')).toBe(false);
  });
});

describe('appointment SMS', () => {
  const p = { centerName: '和平县政务服务中心', categoryName: '商事登记', code: 'ABCD2345', date: '2026-10-08', start: '09:00', end: '09:30' };

  it('names the center, the service, the time and the code in every message', () => {
    for (const t of APPOINTMENT_SMS_TEMPLATES) {
      const text = renderAppointmentSms(t, p);
      expect(text.startsWith('【和平县政务服务中心】'), t).toBe(true);
      expect(text, t).toContain('“商事登记”');
      expect(text, t).toContain('2026年10月8日 09:00-09:30');
      expect(text, t).toContain('预约号ABCD2345');
    }
  });

  it('tells when to check in and how to change', () => {
    expect(renderAppointmentSms('appointment-booked', { ...p, itemName: '食品经营许可' })).toBe(
      '【和平县政务服务中心】您已预约“商事登记”（食品经营许可）业务，时间2026年10月8日 09:00-09:30，预约号ABCD2345。' +
      '请在预约时段开始前30分钟内到大厅自助终端或窗口签到，并携带有效身份证件。如需改约或取消，请凭预约号和手机号办理。',
    );
    expect(renderAppointmentSms('appointment-reminder', p)).toContain('温馨提醒');
  });
});
