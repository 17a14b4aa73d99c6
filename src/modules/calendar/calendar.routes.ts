import { Type } from 'typebox';
import type { AppContext } from '../../http/context.js';
import { errors, Ok, type Api } from '../../http/schemas.js';
import {
  AddWorkingDaysQuery, AddWorkingDaysResult, CalendarOverride, CalendarYear, CalendarYears, DateParams, OverrideBody, OverrideListQuery, SavedOverride,
  YearAnnounced, YearAnnouncedBody, YearParams,
} from '#contract/calendar.js';
import { getUser, requireRole } from '../../http/auth.js';
import type { FastifyRequest } from 'fastify';
import { requestCaseDeps } from '../cases/cases.routes.js';
import { moveDeadlines } from '../cases/cases.service.js';
import type { DeadlineMover } from './calendar.service.js';
import { localDate } from '../../domain/clock.js';
import { actorOf } from '../departments/departments.routes.js';
import { addDays, listOverrides, putOverride, removeOverride, setYearAnnounced, yearsStatus, yearView } from './calendar.service.js';

export function calendarRoutes(app: Api, ctx: AppContext): void {
  const depsFor = requestCaseDeps(ctx);
  /** The case engine's step for each open case whose due date the change moves, as the admin who made it. */
  const mover = (request: FastifyRequest): DeadlineMover => {
    const deps = depsFor(request);
    const user = getUser(request);
    const at = ctx.clock.now();
    return (tx, change) => moveDeadlines({ ...deps, db: tx }, { ...change, at, who: { userId: user.id, name: user.displayName, address: request.ip } });
  };
  app.get('/calendar/add-working-days', {
    schema: {
      tags: ['calendar'],
      summary: 'Add working days; the start day is not counted. provisional = the range reaches a year with no announced calendar',
      querystring: AddWorkingDaysQuery,
      response: { 200: AddWorkingDaysResult, ...errors(400) },
    },
  }, async (request) => addDays(ctx.db, request.query.from, request.query.days));

  app.get('/calendar/year/:year', {
    schema: {
      tags: ['calendar'],
      summary: 'Every day of a year: working or not, and why',
      params: YearParams,
      response: {
        200: CalendarYear,
        ...errors(400),
      },
    },
  }, async (request) => yearView(ctx.db, request.params.year));

  app.get('/calendar/years', {
    schema: {
      tags: ['calendar'],
      summary: 'Years with an announced calendar, and the coming years still missing one',
      response: { 200: CalendarYears },
    },
  }, async () => yearsStatus(ctx.db, localDate(ctx.clock.now())));

  app.get('/admin/calendar/overrides', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'Local overrides of the national calendar',
      querystring: OverrideListQuery,
      response: { 200: Type.Array(CalendarOverride), ...errors(400, 401, 403) },
    },
  }, async (request) => listOverrides(ctx.db, request.query.year));

  app.put('/admin/calendar/overrides/:date', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'Set a day as working or not (local closure, or next year\'s announced calendar)',
      params: DateParams,
      body: OverrideBody,
      response: { 200: SavedOverride, ...errors(400, 401, 403) },
    },
  }, async (request) => putOverride(ctx.db, actorOf(request, ctx), request.params.date, request.body, mover(request)));

  app.delete('/admin/calendar/overrides/:date', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'Remove an override',
      params: DateParams,
      response: { 200: Ok, ...errors(400, 401, 403, 404) },
    },
  }, async (request) => {
    await removeOverride(ctx.db, actorOf(request, ctx), request.params.date, mover(request));
    return { ok: true };
  });

  app.put('/admin/calendar/years/:year', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'Declare a year\'s calendar announced once its holidays and make-up days are entered as overrides',
      params: YearParams,
      body: YearAnnouncedBody,
      response: { 200: YearAnnounced, ...errors(400, 401, 403) },
    },
  }, async (request) => setYearAnnounced(ctx.db, actorOf(request, ctx), request.params.year, request.body.announced));
}
