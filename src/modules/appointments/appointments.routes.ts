import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../http/context.js';
import { DateString, errors, StringEnum, type Api } from '../../http/schemas.js';
import { getUser, requireRole } from '../../http/auth.js';
import { AppError } from '../../domain/errors.js';
import { MAX_GENERATE_DAYS, MAX_PERIODS_PER_DAY, MAX_SLOT_CAPACITY, normalizeBookingCode } from '../../domain/appointment-rules.js';
import { actorOf } from '../departments/departments.routes.js';
import { guessing } from '../progress/guess-throttle.js';
import {
  adminSlots, book, cancelBooking, changeBooking, checkIn, createCategory, deskList, generateSlots, getBooking, getCategoryAdmin,
  linkCase, listCategoriesAdmin, listCategoriesPublic, publicSlots, putDay, setTemplate, updateCategory, type AppointmentDeps,
} from './appointments.service.js';

const STATUSES = ['booked', 'checked_in', 'cancelled'] as const;
const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const NStr = Type.Union([Type.String(), Type.Null()]);
const Time = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'HH:MM, local time' });
const Period = Type.Object({
  start: Time,
  end: Time,
  capacity: Type.Integer({ minimum: 1, maximum: MAX_SLOT_CAPACITY }),
}, { additionalProperties: false });
const Periods = Type.Array(Period, { maxItems: MAX_PERIODS_PER_DAY });
const CategoryCode = Type.String({ pattern: '^[A-Z0-9][A-Z0-9-]{0,19}$', description: 'Upper-case letters, digits and dashes' });
const CategoryParams = Type.Object({ code: Text(40, 1) });
const BookingParams = Type.Object({ code: Text(20, 1) });
const Mobile = Text(20, 1);
const SlotId = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const Ref = Type.Object({ code: Type.String(), name: Type.String() });

const AdminCategory = Type.Object({
  code: Type.String(), name: Type.String(), nameEn: Type.String(), description: Type.String(),
  department: Type.Union([Ref, Type.Null()]),
  items: Type.Array(Ref),
  active: Type.Boolean(),
  sortOrder: Type.Integer(),
  template: Type.Object({ periods: Type.Array(Type.Object({ start: Type.String(), end: Type.String(), capacity: Type.Integer() })) }),
});
const PublicCategory = Type.Object({
  code: Type.String(), name: Type.String(), nameEn: Type.String(), description: Type.String(),
  department: Type.Union([Ref, Type.Null()]),
  items: Type.Array(Ref, { description: 'Items this category serves; may be picked when booking' }),
});
const CategoryFields = {
  name: Text(50, 1),
  nameEn: Type.Optional(Text(100)),
  description: Type.Optional(Text(500)),
  department: Type.Optional(Type.Union([Text(20, 1), Type.Null()], { description: 'Department code, or null for none' })),
  items: Type.Optional(Type.Array(Text(40, 1), { maxItems: 200, description: 'Item codes; empty = every item of the department' })),
  active: Type.Optional(Type.Boolean()),
  sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 9999 })),
};

const AdminSlot = Type.Object({
  id: Type.Integer(), date: Type.String(), start: Type.String(), end: Type.String(), capacity: Type.Integer(), booked: Type.Integer(),
  checkedIn: Type.Integer(), remaining: Type.Integer(), closed: Type.Boolean(), working: Type.Boolean({ description: 'False when the day was closed after the slots were laid out' }),
});
const PublicSlot = Type.Object({
  id: Type.Integer(), date: Type.String(), start: Type.String(), end: Type.String(), capacity: Type.Integer(),
  remaining: Type.Integer(), bookable: Type.Boolean({ description: 'Seats left and not started yet' }),
});

const Booking = Type.Object({
  code: Type.String({ description: 'Booking code (预约号); with the mobile number it identifies the booking' }),
  status: StringEnum(STATUSES),
  missed: Type.Boolean({ description: 'Booked but not checked in before the check-in window closed' }),
  category: Ref,
  item: Type.Union([Ref, Type.Null()]),
  slot: Type.Object({ id: Type.Integer(), date: Type.String(), start: Type.String(), end: Type.String() }),
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
const CheckInAnswer = Type.Object({
  ...Booking.properties,
  priority: Type.Boolean({ description: 'Appointment holders are called ahead of walk-in tickets (预约优先)' }),
});

const DeskRow = Type.Object({
  code: Type.String(), status: StringEnum(STATUSES), missed: Type.Boolean(), category: Ref, item: Type.Union([Ref, Type.Null()]),
  slot: Type.Object({ id: Type.Integer(), date: Type.String(), start: Type.String(), end: Type.String() }),
  name: Type.String(), mobile: Type.String({ description: 'Masked' }), idNumber: Type.Union([Type.String({ description: 'Masked' }), Type.Null()]),
  checkedInAt: NStr, checkInChannel: Type.Union([StringEnum(['desk', 'kiosk']), Type.Null()]), caseNo: NStr,
  checkInOpen: Type.Boolean(),
});

export function appointmentDeps(ctx: AppContext): AppointmentDeps {
  return { db: ctx.db, clock: ctx.clock };
}

export function appointmentRoutes(app: Api, ctx: AppContext): void {
  const deps = appointmentDeps(ctx);
  // Wrong code/mobile pairs per address, so that codes cannot be walked from one machine. A 404 with
  // details names a bad field of a right booking (a slot), not a wrong pair.
  const wrongPair = (err: unknown) => err instanceof AppError && err.code === 'NOT_FOUND' && !err.details;
  const guarded = <T>(request: FastifyRequest, reply: FastifyReply, run: () => Promise<T>) => guessing(ctx, 'booking', request, reply, run, wrongPair);

  // ─── admin ───

  app.get('/admin/appointments/categories', {
    preHandler: requireRole('admin'),
    schema: { tags: ['admin'], summary: 'Appointment categories (预约业务类别) with their slot templates', response: { 200: Type.Array(AdminCategory), ...errors(401, 403) } },
  }, async (request) => listCategoriesAdmin(ctx.db, getUser(request).centerId));

  app.post('/admin/appointments/categories', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'Create an appointment category, mapped to a department and/or a list of items, optionally with its slot template',
      body: Type.Object({ code: CategoryCode, ...CategoryFields, periods: Type.Optional(Periods) }, { additionalProperties: false }),
      response: { 201: AdminCategory, ...errors(400, 401, 403, 409) },
    },
  }, async (request, reply) => reply.status(201).send(await createCategory(ctx.db, actorOf(request, ctx), request.body)));

  app.get('/admin/appointments/categories/:code', {
    preHandler: requireRole('admin'),
    schema: { tags: ['admin'], summary: 'One appointment category', params: CategoryParams, response: { 200: AdminCategory, ...errors(401, 403, 404) } },
  }, async (request) => getCategoryAdmin(ctx.db, getUser(request).centerId, request.params.code));

  app.patch('/admin/appointments/categories/:code', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'Change a category: names, department, items, active, order',
      params: CategoryParams,
      body: Type.Object({ ...CategoryFields, name: Type.Optional(Text(50, 1)) }, { additionalProperties: false }),
      response: { 200: AdminCategory, ...errors(400, 401, 403, 404) },
    },
  }, async (request) => updateCategory(ctx.db, actorOf(request, ctx), request.params.code, request.body));

  app.put('/admin/appointments/categories/:code/template', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'Set the periods laid out on every working day, e.g. 09:00–09:30 capacity 6, … (existing slots are not changed)',
      params: CategoryParams,
      body: Type.Object({ periods: Periods }, { additionalProperties: false }),
      response: { 200: AdminCategory, ...errors(400, 401, 403, 404) },
    },
  }, async (request) => setTemplate(ctx.db, actorOf(request, ctx), request.params.code, request.body.periods));

  app.post('/admin/appointments/categories/:code/generate', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'Lay the template out on the next N working days (holidays skipped, make-up working days included); days that already have slots are left alone',
      params: CategoryParams,
      body: Type.Object({
        days: Type.Integer({ minimum: 1, maximum: MAX_GENERATE_DAYS }),
        from: Type.Optional(DateString),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({ created: Type.Integer(), dates: Type.Array(Type.String()), skippedDates: Type.Array(Type.String()) }),
        ...errors(400, 401, 403, 404),
      },
    },
  }, async (request) => generateSlots(ctx.db, actorOf(request, ctx), request.params.code, request.body));

  app.put('/admin/appointments/categories/:code/days/:date', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'Set one day\'s periods (add, remove, change capacity); [] closes the day. Periods with bookings keep their times and cannot drop below their bookings',
      params: Type.Object({ code: Text(40, 1), date: DateString }),
      body: Type.Object({ periods: Periods }, { additionalProperties: false }),
      response: {
        200: Type.Object({ date: Type.String(), working: Type.Boolean(), slots: Type.Array(AdminSlot) }),
        ...errors(400, 401, 403, 404, 409, 422),
      },
    },
  }, async (request) => putDay(ctx.db, actorOf(request, ctx), request.params.code, request.params.date, request.body.periods));

  app.get('/admin/appointments/slots', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'A category\'s slots in a date range (default: today and the next 20 days) with capacity and bookings',
      querystring: Type.Object({ category: Text(40, 1), from: Type.Optional(DateString), to: Type.Optional(DateString) }, { additionalProperties: false }),
      response: {
        200: Type.Object({ category: Ref, from: Type.String(), to: Type.String(), slots: Type.Array(AdminSlot) }),
        ...errors(400, 401, 403, 404),
      },
    },
  }, async (request) => adminSlots(ctx.db, ctx.clock, getUser(request).centerId, request.query.category, request.query.from, request.query.to));

  // ─── public (no login) ───

  app.get('/public/appointments/categories', {
    schema: {
      tags: ['public'],
      summary: 'Service categories that take appointments',
      querystring: Type.Object({ center: Type.Optional(Text(40)) }, { additionalProperties: false }),
      response: { 200: Type.Array(PublicCategory), ...errors(400, 404) },
    },
  }, async (request) => listCategoriesPublic(ctx.db, request.query.center));

  app.get('/public/appointments/slots', {
    schema: {
      tags: ['public'],
      summary: 'Open slots of a category with the seats left (default: today and the next 13 days; at most 62 days). No personal data',
      querystring: Type.Object({
        category: Text(40, 1), from: Type.Optional(DateString), to: Type.Optional(DateString), center: Type.Optional(Text(40)),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ category: Ref, from: Type.String(), to: Type.String(), slots: Type.Array(PublicSlot) }), ...errors(400, 404) },
    },
  }, async (request) => publicSlots(deps, request.query));

  app.post('/public/appointments', {
    schema: {
      tags: ['public'],
      summary: 'Book a slot. Answers the booking code; an SMS confirmation is queued with it. One active booking per mobile, category and day',
      body: Type.Object({
        category: Text(40, 1),
        slotId: SlotId,
        name: Text(50, 1),
        mobile: Mobile,
        idNumber: Type.Optional(Text(18)),
        itemCode: Type.Optional(Text(40, 1)),
      }, { additionalProperties: false }),
      response: { 201: Booking, ...errors(400, 404, 409) },
    },
  }, async (request, reply) => reply.status(201).send(await book(deps, request.body)));

  app.get('/public/appointments/:code', {
    schema: {
      tags: ['public'],
      summary: 'A booking by its code and the mobile number it was made with (wrong pairs are throttled)',
      params: BookingParams,
      querystring: Type.Object({ mobile: Mobile }, { additionalProperties: false }),
      response: { 200: Booking, ...errors(400, 404, 429) },
    },
  }, async (request, reply) => guarded(request, reply, () => getBooking(deps, normalizeBookingCode(request.params.code), request.query.mobile.trim())));

  app.post('/public/appointments/:code/change', {
    schema: {
      tags: ['public'],
      summary: 'Move the booking to another slot of the same category, until the booked slot starts. Atomic: a full target leaves the booking as it was',
      params: BookingParams,
      body: Type.Object({ mobile: Mobile, slotId: SlotId }, { additionalProperties: false }),
      response: { 200: Booking, ...errors(400, 404, 409, 429) },
    },
  }, async (request, reply) => guarded(request, reply,
    () => changeBooking(deps, normalizeBookingCode(request.params.code), request.body.mobile.trim(), request.body.slotId)));

  app.post('/public/appointments/:code/cancel', {
    schema: {
      tags: ['public'],
      summary: 'Cancel the booking, until its slot starts (cancelling again answers the same)',
      params: BookingParams,
      body: Type.Object({ mobile: Mobile }, { additionalProperties: false }),
      response: { 200: Booking, ...errors(400, 404, 409, 429) },
    },
  }, async (request, reply) => guarded(request, reply, () => cancelBooking(deps, normalizeBookingCode(request.params.code), request.body.mobile.trim())));

  app.post('/public/appointments/:code/check-in', {
    schema: {
      tags: ['public'],
      summary: 'Kiosk check-in with the booking code and mobile number, from 30 minutes before to 15 minutes after the slot start',
      params: BookingParams,
      body: Type.Object({ mobile: Mobile }, { additionalProperties: false }),
      response: { 200: CheckInAnswer, ...errors(400, 404, 409, 429) },
    },
  }, async (request, reply) => guarded(request, reply,
    () => checkIn(deps, normalizeBookingCode(request.params.code), { kind: 'kiosk', mobile: request.body.mobile.trim() })));

  // ─── desk ───

  app.get('/appointments', {
    preHandler: requireRole('desk', 'supervisor'),
    schema: {
      tags: ['appointments'],
      summary: 'The bookings of a day (default today) for the desk, phones and ID numbers masked',
      querystring: Type.Object({
        date: Type.Optional(DateString), category: Type.Optional(Text(40, 1)), status: Type.Optional(StringEnum(STATUSES)),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          date: Type.String(),
          counts: Type.Object({ booked: Type.Integer(), checkedIn: Type.Integer(), cancelled: Type.Integer(), missed: Type.Integer() }),
          items: Type.Array(DeskRow),
        }),
        ...errors(400, 401, 403, 404),
      },
    },
  }, async (request) => deskList(deps, getUser(request), request.query));

  app.post('/appointments/:code/check-in', {
    preHandler: requireRole('desk'),
    schema: {
      tags: ['appointments'],
      summary: 'Desk check-in by booking code within the check-in window; caseNo links the visit\'s case',
      params: BookingParams,
      body: Type.Object({ caseNo: Type.Optional(Text(30, 1)) }, { additionalProperties: false }),
      response: { 200: CheckInAnswer, ...errors(400, 401, 403, 404, 409) },
    },
  }, async (request) => checkIn(deps, normalizeBookingCode(request.params.code), { kind: 'desk', user: getUser(request), caseNo: request.body.caseNo }));

  app.post('/appointments/:code/case', {
    preHandler: requireRole('desk'),
    schema: {
      tags: ['appointments'],
      summary: 'Link a checked-in booking to the case its visit produced',
      params: BookingParams,
      body: Type.Object({ caseNo: Text(30, 1) }, { additionalProperties: false }),
      response: { 200: Booking, ...errors(400, 401, 403, 404, 409) },
    },
  }, async (request) => linkCase(deps, getUser(request), normalizeBookingCode(request.params.code), request.body.caseNo, request.ip));
}
