import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../http/context.js';
import { DateString, errors, StringEnum, type Api } from '../../http/schemas.js';
import { getUser, requireRole } from '../../http/auth.js';
import { AppError } from '../../domain/errors.js';
import { MAX_GENERATE_DAYS, normalizeBookingCode } from '../../domain/appointment-rules.js';
import {
  AdminCategory, AdminSlotList, APPOINTMENT_STATUSES, Booking, BookingBody, CategoryPatch, CheckInAnswer, DaySlots, DeskDay, GenerateResult,
  NewCategory, Periods, PublicCategory, SlotList,
} from '#contract/appointments.js';
import { actorOf } from '../departments/departments.routes.js';
import { guessing } from '../progress/guess-throttle.js';
import {
  adminSlots, book, cancelBooking, changeBooking, checkIn, createCategory, deskList, generateSlots, getBooking, getCategoryAdmin,
  linkCase, listCategoriesAdmin, listCategoriesPublic, publicSlots, putDay, setTemplate, updateCategory, type AppointmentDeps,
} from './appointments.service.js';

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const CategoryParams = Type.Object({ code: Text(40, 1) });
const BookingParams = Type.Object({ code: Text(20, 1) });
const Mobile = Text(20, 1);
const SlotId = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

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
      body: NewCategory,
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
      body: CategoryPatch,
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
        200: GenerateResult,
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
        200: DaySlots,
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
        200: AdminSlotList,
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
      response: { 200: SlotList, ...errors(400, 404) },
    },
  }, async (request) => publicSlots(deps, request.query));

  app.post('/public/appointments', {
    schema: {
      tags: ['public'],
      summary: 'Book a slot. Answers the booking code; an SMS confirmation is queued with it. One active booking per mobile, category and day',
      body: BookingBody,
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
        date: Type.Optional(DateString), category: Type.Optional(Text(40, 1)), status: Type.Optional(StringEnum(APPOINTMENT_STATUSES)),
      }, { additionalProperties: false }),
      response: {
        200: DeskDay,
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
