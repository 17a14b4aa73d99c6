import { Type } from 'typebox';
import type { AppContext } from '../../http/context.js';
import { errors, StringEnum, type Api } from '../../http/schemas.js';
import { getUser, requireRole } from '../../http/auth.js';
import { alertCounts, listAlerts, listHeldBack, markAlertRead } from './warnings.service.js';

const NStr = Type.Union([Type.String(), Type.Null()]);
const Dept = Type.Object({ code: Type.String(), name: Type.String() });

const Alert = Type.Object({
  id: Type.Integer(),
  level: StringEnum(['yellow', 'red']),
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

const HeldBack = Type.Object({
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

const SUPERVISION_ROLES = ['approver', 'supervisor', 'leader'] as const;

export function warningRoutes(app: Api, ctx: AppContext): void {
  app.get('/supervision/alerts', {
    preHandler: requireRole(...SUPERVISION_ROLES),
    schema: {
      tags: ['supervision'],
      summary: 'Warning alerts (预警): raised when a case or joint task turns yellow or red. Approvers: own (and headed) departments; supervisors and leaders: all',
      querystring: Type.Object({
        unread: Type.Optional(Type.Boolean()),
        level: Type.Optional(StringEnum(['yellow', 'red'])),
        department: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
        page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
        pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({ items: Type.Array(Alert), total: Type.Integer(), unread: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() }),
        ...errors(400, 401, 403),
      },
    },
  }, async (request) => {
    const q = request.query;
    return listAlerts(ctx.db, getUser(request), { ...q, page: q.page ?? 1, pageSize: q.pageSize ?? 50 });
  });

  app.get('/supervision/alerts/counts', {
    preHandler: requireRole(...SUPERVISION_ROLES),
    schema: {
      tags: ['supervision'],
      summary: 'Alerts per level per department (all and unread) and open cases at each level now',
      response: {
        200: Type.Object({
          unread: Type.Integer(),
          departments: Type.Array(Type.Object({
            department: Dept, yellow: Type.Integer(), red: Type.Integer(), unreadYellow: Type.Integer(), unreadRed: Type.Integer(),
            openYellow: Type.Integer(), openRed: Type.Integer(),
          })),
        }),
        ...errors(401, 403),
      },
    },
  }, async (request) => alertCounts(ctx.db, getUser(request)));

  app.post('/supervision/alerts/:id/read', {
    preHandler: requireRole(...SUPERVISION_ROLES),
    schema: {
      tags: ['supervision'],
      summary: 'Mark an alert read (the first reader and time are kept)',
      params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }),
      response: { 200: Type.Object({ id: Type.Integer(), readAt: Type.String() }), ...errors(400, 401, 403, 404) },
    },
  }, async (request) => markAlertRead(ctx.db, getUser(request), request.params.id, ctx.clock.now()));

  app.get('/supervision/held-back', {
    preHandler: requireRole(...SUPERVISION_ROLES),
    schema: {
      tags: ['supervision'],
      summary: 'Held-back results (压件): decided but not completed, or completed but neither delivered nor notified, for longer than the heldBackHours setting; with who holds each',
      response: { 200: Type.Object({ heldBackHours: Type.Integer(), items: Type.Array(HeldBack) }), ...errors(401, 403) },
    },
  }, async (request) => listHeldBack(ctx.db, ctx.clock, getUser(request)));
}
