/** The hall's queue (排队叫号): categories, tickets, windows, the board and its figures. */
import { Type, type Static } from 'typebox';
import { StringEnum } from './common.js';

export const TICKET_SOURCES = ['kiosk', 'desk'] as const;

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const NStr = Type.Union([Type.String(), Type.Null()]);
export const Prefix = Type.String({ pattern: '^[A-Za-z]{1,2}$', description: 'Category prefix, one or two letters' });
export const WindowNo = Type.Integer({ minimum: 1, maximum: 999 });
/** Steps on a ticket, as the path segment of POST /api/queue/tickets/{id}/{step}. */
export const TICKET_STEPS = ['recall', 'absent', 'start', 'finish', 'transfer', 'cancel'] as const;
export type TicketStep = (typeof TICKET_STEPS)[number];
export const TICKET_STATUSES = ['waiting', 'called', 'serving', 'done', 'absent', 'cancelled'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const QueueCategory = Type.Object({ prefix: Type.String(), name: Type.String(), nameEn: Type.String() });
export type QueueCategory = Static<typeof QueueCategory>;
export const QueueWaiting = Type.Object({
  ...QueueCategory.properties,
  waiting: Type.Integer(), openWindows: Type.Integer(),
  estimatedWaitMinutes: Type.Union([Type.Integer(), Type.Null()], { description: 'Null when no window serving it is open' }),
});
export type QueueWaiting = Static<typeof QueueWaiting>;
export const Ticket = Type.Object({
  id: Type.Integer(), ticketNo: Type.String({ description: 'e.g. A012' }),
  token: Type.String({ description: 'Follows the ticket (QR code): GET /api/public/queue/tickets/{token}' }),
  status: StringEnum(TICKET_STATUSES), day: Type.String(), category: QueueCategory,
  priority: Type.Boolean({ description: 'Checked-in appointment: called ahead of walk-ins' }),
  ahead: Type.Integer({ description: 'Waiting tickets that will be called before this one' }),
  estimatedWaitMinutes: Type.Union([Type.Integer(), Type.Null()]),
  window: Type.Union([Type.Object({ number: Type.Integer(), name: Type.String() }), Type.Null()]),
  issuedAt: Type.String(), calledAt: NStr, startedAt: NStr, finishedAt: NStr, callCount: Type.Integer(),
  caseNo: NStr, mobile: Type.Union([Type.String({ description: 'Masked' }), Type.Null()]), appointmentCode: NStr,
  source: StringEnum(TICKET_SOURCES),
});
export type Ticket = Static<typeof Ticket>;
export const WindowPanel = Type.Object({
  window: Type.Object({ number: Type.Integer(), name: Type.String(), staffName: NStr, categories: Type.Array(QueueCategory) }),
  current: Type.Union([Ticket, Type.Null()]),
  waiting: Type.Array(QueueWaiting),
  sentHere: Type.Integer({ description: 'Tickets transferred to this window and waiting' }),
  servedToday: Type.Integer(),
});
export type WindowPanel = Static<typeof WindowPanel>;
/** GET /api/public/queue/board */
export const QueueBoard = Type.Object({
  center: Type.String(), day: Type.String(),
  windows: Type.Array(Type.Object({ number: Type.Integer(), name: Type.String(), open: Type.Boolean(), ticketNo: NStr, status: NStr })),
  recentCalls: Type.Array(Type.Object({ id: Type.Integer(), ticketNo: Type.String(), windowNumber: Type.Integer(), kind: Type.String(), at: Type.String() })),
  waiting: Type.Array(QueueWaiting),
  lastCallId: Type.Integer(),
});
export type QueueBoard = Static<typeof QueueBoard>;
export const QueueFigures = Type.Object({
  key: Type.String(), label: Type.String(), tickets: Type.Integer(), served: Type.Integer(), absent: Type.Integer(),
  absentRate: Type.Union([Type.Number(), Type.Null()], { description: 'Per cent of called tickets' }),
  avgWaitMinutes: Type.Union([Type.Number(), Type.Null()]), avgServiceMinutes: Type.Union([Type.Number(), Type.Null()]),
});
export type QueueFigures = Static<typeof QueueFigures>;
export const AdminQueueCategory = Type.Object({
  prefix: Type.String(), name: Type.String(), nameEn: Type.String(), avgServiceMinutes: Type.Integer(),
  appointmentCategory: NStr, active: Type.Boolean(), sortOrder: Type.Integer(),
});
export type AdminQueueCategory = Static<typeof AdminQueueCategory>;
export const AdminWindow = Type.Object({
  number: Type.Integer(), name: Type.String(), active: Type.Boolean(), staffName: NStr, categories: Type.Array(Type.String()),
});
export type AdminWindow = Static<typeof AdminWindow>;
export const TicketAnswer = Type.Object({ ticket: Ticket, announcement: NStr });
export type TicketAnswer = Static<typeof TicketAnswer>;

/** GET /api/queue/windows: a window as the staff pick one. */
export const StaffWindow = Type.Object({ number: Type.Integer(), name: Type.String(), staffName: NStr, categories: Type.Array(QueueCategory) });
export type StaffWindow = Static<typeof StaffWindow>;

/** POST /api/queue/windows/{number}/call-next */
export const CallAnswer = Type.Object({ called: Type.Union([Ticket, Type.Null()]), announcement: NStr });
export type CallAnswer = Static<typeof CallAnswer>;

/** GET /api/queue/stats */
export const QueueStats = Type.Object({ from: Type.String(), to: Type.String(), total: QueueFigures, byCategory: Type.Array(QueueFigures), byWindow: Type.Array(QueueFigures), byStaff: Type.Array(QueueFigures), byHour: Type.Array(QueueFigures) });
export type QueueStats = Static<typeof QueueStats>;

export const KioskTicketBody = Type.Object({
  category: Prefix,
  mobile: Type.Optional(Text(20)),
  appointmentCode: Type.Optional(Text(20, 1)),
  center: Type.Optional(Text(20, 1)),
}, { additionalProperties: false });
export type KioskTicketBody = Static<typeof KioskTicketBody>;

export const DeskTicketBody = Type.Object({ category: Prefix, mobile: Type.Optional(Text(20)), appointmentCode: Type.Optional(Text(20, 1)) }, { additionalProperties: false });
export type DeskTicketBody = Static<typeof DeskTicketBody>;

export const TicketStepBody = Type.Object({
  caseNo: Type.Optional(Text(40, 1)),
  category: Type.Optional(Prefix),
  window: Type.Optional(WindowNo),
}, { additionalProperties: false });
export type TicketStepBody = Static<typeof TicketStepBody>;

export const QueueCategoryBody = Type.Object({
  prefix: Prefix, name: Text(30, 1), nameEn: Type.Optional(Text(60)),
  avgServiceMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 240 })),
  appointmentCategory: Type.Optional(Type.Union([Text(40, 1), Type.Null()])),
  active: Type.Optional(Type.Boolean()), sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 9999 })),
}, { additionalProperties: false });
export type QueueCategoryBody = Static<typeof QueueCategoryBody>;

export const WindowBody = Type.Object({
  number: WindowNo, name: Type.Optional(Text(30)), categories: Type.Array(Prefix, { maxItems: 26 }), active: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
export type WindowBody = Static<typeof WindowBody>;

/** The `call` event of the board's live feed (GET /api/public/queue/board/stream): its data, with the announcement in both languages. */
export const CallEvent = Type.Object({
  type: Type.Literal('call'), id: Type.Integer(), ticketNo: Type.String(), windowNumber: Type.Integer(),
  kind: StringEnum(['call', 'recall'] as const), text: Type.String(), textEn: Type.String(),
});
export type CallEvent = Static<typeof CallEvent>;
