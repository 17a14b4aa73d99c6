/** Appointments (预约): categories and their slot templates, slots, bookings, check-in at the kiosk or desk. */
import { Type, type Static } from 'typebox';
import { StringEnum } from './common.js';
import { MAX_PERIODS_PER_DAY, MAX_SLOT_CAPACITY } from '../domain/appointment-rules.js';

export const APPOINTMENT_STATUSES = ['booked', 'checked_in', 'cancelled'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];
export const CHECK_IN_CHANNELS = ['desk', 'kiosk'] as const;

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const NStr = Type.Union([Type.String(), Type.Null()]);
const Time = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'HH:MM, local time' });

export const Period = Type.Object({
  start: Time,
  end: Time,
  capacity: Type.Integer({ minimum: 1, maximum: MAX_SLOT_CAPACITY }),
}, { additionalProperties: false });
export type Period = Static<typeof Period>;
export const Periods = Type.Array(Period, { maxItems: MAX_PERIODS_PER_DAY });
export const CategoryCode = Type.String({ pattern: '^[A-Z0-9][A-Z0-9-]{0,19}$', description: 'Upper-case letters, digits and dashes' });

export const Ref = Type.Object({ code: Type.String(), name: Type.String() });
export type Ref = Static<typeof Ref>;

export const AdminCategory = Type.Object({
  code: Type.String(), name: Type.String(), nameEn: Type.String(), description: Type.String(),
  department: Type.Union([Ref, Type.Null()]),
  items: Type.Array(Ref),
  active: Type.Boolean(),
  sortOrder: Type.Integer(),
  template: Type.Object({ periods: Type.Array(Type.Object({ start: Type.String(), end: Type.String(), capacity: Type.Integer() })) }),
});
export type AdminCategory = Static<typeof AdminCategory>;

export const PublicCategory = Type.Object({
  code: Type.String(), name: Type.String(), nameEn: Type.String(), description: Type.String(),
  department: Type.Union([Ref, Type.Null()]),
  items: Type.Array(Ref, { description: 'Items this category serves; may be picked when booking' }),
});
export type PublicCategory = Static<typeof PublicCategory>;

export const CategoryFields = {
  name: Text(50, 1),
  nameEn: Type.Optional(Text(100)),
  description: Type.Optional(Text(500)),
  department: Type.Optional(Type.Union([Text(20, 1), Type.Null()], { description: 'Department code, or null for none' })),
  items: Type.Optional(Type.Array(Text(40, 1), { maxItems: 200, description: 'Item codes; empty = every item of the department' })),
  active: Type.Optional(Type.Boolean()),
  sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 9999 })),
};
export const NewCategory = Type.Object({ code: CategoryCode, ...CategoryFields, periods: Type.Optional(Periods) }, { additionalProperties: false });
export type NewCategory = Static<typeof NewCategory>;
export const CategoryPatch = Type.Object({ ...CategoryFields, name: Type.Optional(Text(50, 1)) }, { additionalProperties: false });
export type CategoryPatch = Static<typeof CategoryPatch>;

export const AdminSlot = Type.Object({
  id: Type.Integer(), date: Type.String(), start: Type.String(), end: Type.String(), capacity: Type.Integer(), booked: Type.Integer(),
  checkedIn: Type.Integer(), remaining: Type.Integer(), closed: Type.Boolean(), working: Type.Boolean({ description: 'False when the day was closed after the slots were laid out' }),
});
export type AdminSlot = Static<typeof AdminSlot>;

export const GenerateResult = Type.Object({ created: Type.Integer(), dates: Type.Array(Type.String()), skippedDates: Type.Array(Type.String()) });
export type GenerateResult = Static<typeof GenerateResult>;
export const DaySlots = Type.Object({ date: Type.String(), working: Type.Boolean(), slots: Type.Array(AdminSlot) });
export type DaySlots = Static<typeof DaySlots>;
export const AdminSlotList = Type.Object({ category: Ref, from: Type.String(), to: Type.String(), slots: Type.Array(AdminSlot) });
export type AdminSlotList = Static<typeof AdminSlotList>;

export const PublicSlot = Type.Object({
  id: Type.Integer(), date: Type.String(), start: Type.String(), end: Type.String(), capacity: Type.Integer(),
  remaining: Type.Integer(), bookable: Type.Boolean({ description: 'Seats left and not started yet' }),
});
export type PublicSlot = Static<typeof PublicSlot>;
export const SlotList = Type.Object({ category: Ref, from: Type.String(), to: Type.String(), slots: Type.Array(PublicSlot) });
export type SlotList = Static<typeof SlotList>;

const SlotRef = Type.Object({ id: Type.Integer(), date: Type.String(), start: Type.String(), end: Type.String() });

export const Booking = Type.Object({
  code: Type.String({ description: 'Booking code (预约号); with the mobile number it identifies the booking' }),
  status: StringEnum(APPOINTMENT_STATUSES),
  missed: Type.Boolean({ description: 'Booked but not checked in before the check-in window closed' }),
  category: Ref,
  item: Type.Union([Ref, Type.Null()]),
  slot: SlotRef,
  name: Type.String({ description: 'Masked' }),
  mobile: Type.String({ description: 'Masked' }),
  idNumber: Type.Union([Type.String({ description: 'Masked' }), Type.Null()]),
  createdAt: Type.String(),
  cancelledAt: NStr,
  checkedInAt: NStr,
  checkIn: Type.Object({ opensAt: Type.String(), closesAt: Type.String() }),
  canChange: Type.Boolean(),
  canCancel: Type.Boolean(),
  caseNo: NStr,
});
export type Booking = Static<typeof Booking>;

export const CheckInAnswer = Type.Object({
  ...Booking.properties,
  priority: Type.Boolean({ description: 'Appointment holders are called ahead of walk-in tickets (预约优先)' }),
});
export type CheckInAnswer = Static<typeof CheckInAnswer>;

export const BookingBody = Type.Object({
  category: Text(40, 1),
  slotId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
  name: Text(50, 1),
  mobile: Text(20, 1),
  idNumber: Type.Optional(Text(18)),
  itemCode: Type.Optional(Text(40, 1)),
}, { additionalProperties: false });
export type BookingBody = Static<typeof BookingBody>;

export const DeskRow = Type.Object({
  code: Type.String(), status: StringEnum(APPOINTMENT_STATUSES), missed: Type.Boolean(), category: Ref, item: Type.Union([Ref, Type.Null()]),
  slot: SlotRef,
  name: Type.String(), mobile: Type.String({ description: 'Masked' }), idNumber: Type.Union([Type.String({ description: 'Masked' }), Type.Null()]),
  checkedInAt: NStr, checkInChannel: Type.Union([StringEnum(CHECK_IN_CHANNELS), Type.Null()]), caseNo: NStr,
  checkInOpen: Type.Boolean(),
});
export type DeskRow = Static<typeof DeskRow>;

/** GET /api/appointments: a day's bookings for the desk. */
export const DeskDay = Type.Object({
  date: Type.String(),
  counts: Type.Object({ booked: Type.Integer(), checkedIn: Type.Integer(), cancelled: Type.Integer(), missed: Type.Integer() }),
  items: Type.Array(DeskRow),
});
export type DeskDay = Static<typeof DeskDay>;
