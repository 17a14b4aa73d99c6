/** Warning alerts (预警) and held-back results (压件) under /api/supervision. */
import { Type, type Static } from 'typebox';
import { StringEnum } from './common.js';

const NStr = Type.Union([Type.String(), Type.Null()]);
const Dept = Type.Object({ code: Type.String(), name: Type.String() });
const LEVELS = ['yellow', 'red'] as const;

/** An alert raised when a case or joint task turned yellow or red. */
export const Alert = Type.Object({
  id: Type.Integer(),
  level: StringEnum(LEVELS),
  raisedAt: Type.String(),
  readAt: NStr,
  dueDate: NStr,
  caseNo: Type.String(),
  itemName: Type.String(),
  caseStatus: Type.String(),
  currentLevel: Type.String(),
  department: Dept,
  task: Type.Union([Type.Object({ id: Type.Integer(), stageName: Type.String() }), Type.Null()]),
});
export type Alert = Static<typeof Alert>;

/** GET /api/supervision/alerts */
export const AlertQuery = Type.Object({
  unread: Type.Optional(Type.Boolean()),
  level: Type.Optional(StringEnum(LEVELS)),
  department: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
}, { additionalProperties: false });
export type AlertQuery = Static<typeof AlertQuery>;

export const AlertList = Type.Object({ items: Type.Array(Alert), total: Type.Integer(), unread: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export type AlertList = Static<typeof AlertList>;

/** GET /api/supervision/alerts/counts: per level per department (all and unread), and open cases at each level now. */
export const AlertCounts = Type.Object({
  unread: Type.Integer(),
  departments: Type.Array(Type.Object({
    department: Dept, yellow: Type.Integer(), red: Type.Integer(), unreadYellow: Type.Integer(), unreadRed: Type.Integer(),
    openYellow: Type.Integer(), openRed: Type.Integer(),
  })),
});
export type AlertCounts = Static<typeof AlertCounts>;

export const AlertParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
/** POST /api/supervision/alerts/{id}/read */
export const AlertRead = Type.Object({ id: Type.Integer(), readAt: Type.String() });
export type AlertRead = Static<typeof AlertRead>;

/** A decided or completed case not carried further, with who holds it. */
export const HeldBack = Type.Object({
  caseNo: Type.String(),
  itemName: Type.String(),
  status: Type.String(),
  decision: NStr,
  stage: StringEnum(['decided', 'completed']),
  since: Type.String(),
  hours: Type.Integer(),
  department: Dept,
  heldBy: Type.Object({ name: Type.String(), role: Type.String(), action: Type.String() }),
});
export type HeldBack = Static<typeof HeldBack>;

/** GET /api/supervision/held-back */
export const HeldBackList = Type.Object({ heldBackHours: Type.Integer(), items: Type.Array(HeldBack) });
export type HeldBackList = Static<typeof HeldBackList>;
