import { Type } from 'typebox';
import type { ServerResponse } from 'node:http';
import type { AppContext } from '../../http/context.js';
import { DateString, errors, Ok, StringEnum, type Api } from '../../http/schemas.js';
import { getUser, requireRole } from '../../http/auth.js';
import { getPublicCenter } from '../centers/centers.service.js';
import { actorOf } from '../departments/departments.routes.js';
import { guessing } from '../progress/guess-throttle.js';
import { QueueFeed, type FeedEvent } from './queue-feed.js';
import {
  AdminQueueCategory, AdminWindow, CallAnswer, DeskTicketBody, KioskTicketBody, QueueBoard, QueueCategoryBody, QueueStats, QueueWaiting, StaffWindow,
  Ticket, TICKET_STEPS, TicketAnswer, TicketStepBody, WindowBody, WindowNo, WindowPanel,
} from '#contract/queue.js';
import {
  adminCategories, adminWindows, board, callNext, deskTickets, followTicket, leaveWindow, listWindowsForStaff, publicCategories,
  queueStats, saveCategory, saveWindow, sitAtWindow, stepTicket, takeTicket, windowPanel, type QueueDeps,
} from './queue.service.js';

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const CenterQuery = Type.Object({ center: Type.Optional(Text(20, 1)) }, { additionalProperties: false });

const STAFF = ['desk', 'approver', 'admin'] as const;

export function queueRoutes(app: Api, ctx: AppContext): void {
  const feed = new QueueFeed(ctx.db, ctx.config.queuePollMs);
  const deps: QueueDeps = { db: ctx.db, clock: ctx.clock, feed };
  const streams = new Set<ServerResponse>();
  app.addHook('onClose', async () => {
    feed.close();
    for (const s of streams) s.end();
  });

  // ─── public ───

  app.get('/public/queue/categories', {
    schema: { tags: ['queue'], summary: 'Ticket categories with people waiting and the estimated wait', querystring: CenterQuery, response: { 200: Type.Array(QueueWaiting), ...errors(404) } },
  }, async (request) => publicCategories(deps, request.query.center));

  app.post('/public/queue/tickets', {
    schema: {
      tags: ['queue'],
      summary: 'Take a ticket (取号) at the kiosk; with a booking code and its mobile number the appointment is checked in and served first',
      body: KioskTicketBody,
      response: { 201: Ticket, ...errors(400, 404, 409, 429) },
    },
  }, async (request, reply) => reply.status(201).send(await takeTicket(deps, request.body, { kind: 'kiosk' })));

  app.get('/public/queue/tickets/:token', {
    schema: {
      tags: ['queue'],
      summary: 'Follow a ticket (the QR code on the slip): status, people ahead, estimated wait, window when called. Wrong tokens are throttled per address',
      params: Type.Object({ token: Text(40, 1) }),
      response: { 200: Ticket, ...errors(404, 429) },
    },
  }, async (request, reply) => guessing(ctx, 'ticket', request, reply, () => followTicket(deps, request.params.token)));

  app.get('/public/queue/board', {
    schema: { tags: ['queue'], summary: 'The display board: windows with their current ticket, recent calls, waiting counts', querystring: CenterQuery, response: { 200: QueueBoard, ...errors(404) } },
  }, async (request) => board(deps, request.query.center));

  app.get('/public/queue/board/stream', {
    schema: {
      tags: ['queue'],
      summary: 'Live feed for the board (server-sent events): `call` events with the announcement text, `update` when counts change. Resumes after `after` or Last-Event-ID',
      querystring: Type.Object({ center: Type.Optional(Text(20, 1)), after: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647 })) }, { additionalProperties: false }),
      produces: ['text/event-stream'],
      // The reply is hijacked and written as a stream; the schema only documents it.
      response: { 200: Type.String({ description: 'Server-sent events: `call` (id, ticketNo, windowNumber, announcement) and `update`' }), ...errors(404) },
    },
  }, async (request, reply) => {
    const center = await getPublicCenter(ctx.db, request.query.center);
    const header = Number(request.headers['last-event-id']);
    const after = request.query.after ?? (Number.isInteger(header) && header >= 0 ? header : (await board(deps, request.query.center)).lastCallId);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write(': connected\n\n');
    streams.add(res);
    const send = (e: FeedEvent) => {
      res.write(e.type === 'call' ? `id: ${e.id}\nevent: call\ndata: ${JSON.stringify(e)}\n\n` : 'event: update\ndata: {}\n\n');
    };
    const unsubscribe = await feed.subscribe(center.id, send, after);
    // A comment now and then keeps proxies from closing an idle stream.
    const beat = setInterval(() => res.write(': keep-alive\n\n'), 20_000);
    beat.unref();
    request.raw.on('close', () => {
      clearInterval(beat);
      unsubscribe();
      streams.delete(res);
    });
    // Calls made before the board connected but after `after` are sent at once.
    feed.notify(center.id);
  });

  // ─── windows and tickets (staff) ───

  app.get('/queue/windows', {
    preHandler: requireRole(...STAFF),
    schema: { tags: ['queue'], summary: 'The hall\'s windows and the categories each serves', response: { 200: Type.Array(StaffWindow), ...errors(401, 403) } },
  }, async (request) => listWindowsForStaff(deps, getUser(request)));

  const WindowParams = Type.Object({ number: WindowNo });
  app.get('/queue/windows/:number', {
    preHandler: requireRole(...STAFF),
    schema: { tags: ['queue'], summary: 'A window\'s panel: the ticket being called or served, waiting counts of its categories', params: WindowParams, response: { 200: WindowPanel, ...errors(401, 403, 404) } },
  }, async (request) => windowPanel(deps, getUser(request), request.params.number));

  app.post('/queue/windows/:number/sit', {
    preHandler: requireRole(...STAFF),
    schema: { tags: ['queue'], summary: 'Take the window (the board shows it open)', params: WindowParams, response: { 200: WindowPanel, ...errors(401, 403, 404) } },
  }, async (request) => sitAtWindow(deps, getUser(request), request.params.number, request.ip));

  app.post('/queue/windows/:number/leave', {
    preHandler: requireRole(...STAFF),
    schema: { tags: ['queue'], summary: 'Leave the window', params: WindowParams, response: { 200: Ok, ...errors(401, 403, 404) } },
  }, async (request) => leaveWindow(deps, getUser(request), request.params.number, request.ip));

  app.post('/queue/windows/:number/call-next', {
    preHandler: requireRole(...STAFF),
    schema: {
      tags: ['queue'],
      summary: 'Call the next ticket to this window (叫号): transferred here first, then appointments, then in order; `called` is null when nobody waits',
      params: WindowParams,
      response: { 200: CallAnswer, ...errors(401, 403, 404, 409) },
    },
  }, async (request) => callNext(deps, getUser(request), request.params.number));

  app.post('/queue/tickets', {
    preHandler: requireRole(...STAFF),
    schema: {
      tags: ['queue'],
      summary: 'Issue a ticket at the desk (for someone at the door), optionally checking in a booking',
      body: DeskTicketBody,
      response: { 201: Ticket, ...errors(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => reply.status(201).send(await takeTicket(deps, request.body, { kind: 'desk', user: getUser(request), address: request.ip })));

  app.get('/queue/tickets', {
    preHandler: requireRole(...STAFF, 'supervisor', 'leader'),
    schema: { tags: ['queue'], summary: 'The day\'s tickets (default today)', querystring: Type.Object({ day: Type.Optional(DateString) }, { additionalProperties: false }), response: { 200: Type.Array(Ticket), ...errors(400, 401, 403) } },
  }, async (request) => deskTickets(deps, getUser(request), request.query.day));

  app.post('/queue/tickets/:id/:step', {
    preHandler: requireRole(...STAFF),
    // Most steps carry nothing: a POST without a body counts as `{}`.
    preValidation: async (request) => {
      if (request.body === undefined || request.body === null) request.body = {};
    },
    schema: {
      tags: ['queue'],
      summary: 'A step on a ticket: recall (call again), absent (skip), start, finish (with the case it produced), transfer (to a category or a window), cancel',
      params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), step: StringEnum(TICKET_STEPS) }),
      body: TicketStepBody,
      response: { 200: TicketAnswer, ...errors(400, 401, 403, 404, 409) },
    },
  }, async (request) => stepTicket(deps, getUser(request), request.params.id, request.params.step, request.body));

  app.get('/queue/stats', {
    preHandler: requireRole('admin', 'supervisor', 'leader', 'desk'),
    schema: {
      tags: ['queue'],
      summary: 'Waiting and service times per category, window, staff member and hour; absent rate',
      querystring: Type.Object({ from: Type.Optional(DateString), to: Type.Optional(DateString) }, { additionalProperties: false }),
      response: {
        200: QueueStats,
        ...errors(400, 401, 403),
      },
    },
  }, async (request) => queueStats(deps, getUser(request), request.query));

  // ─── administration ───

  app.get('/admin/queue/categories', {
    preHandler: requireRole('admin'),
    schema: { tags: ['admin'], summary: 'Ticket categories', response: { 200: Type.Array(AdminQueueCategory), ...errors(401, 403) } },
  }, async (request) => adminCategories(ctx.db, getUser(request).centerId));

  app.put('/admin/queue/categories', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'Create or change a ticket category (by prefix)',
      body: QueueCategoryBody,
      response: { 200: Type.Array(AdminQueueCategory), ...errors(400, 401, 403) },
    },
  }, async (request) => saveCategory(ctx.db, actorOf(request, ctx), request.body));

  app.get('/admin/queue/windows', {
    preHandler: requireRole('admin'),
    schema: { tags: ['admin'], summary: 'Windows and the categories each serves', response: { 200: Type.Array(AdminWindow), ...errors(401, 403) } },
  }, async (request) => adminWindows(ctx.db, getUser(request).centerId));

  app.put('/admin/queue/windows', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'Create or change a window (by number) and the categories it serves',
      body: WindowBody,
      response: { 200: Type.Array(AdminWindow), ...errors(400, 401, 403) },
    },
  }, async (request) => saveWindow(ctx.db, actorOf(request, ctx), request.body));
}
