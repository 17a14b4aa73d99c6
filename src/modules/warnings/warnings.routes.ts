import type { AppContext } from '../../http/context.js';
import { errors, type Api } from '../../http/schemas.js';
import { AlertCounts, AlertList, AlertParams, AlertQuery, AlertRead, HeldBackList } from '#contract/warnings.js';
import { getUser, requireRole } from '../../http/auth.js';
import { alertCounts, listAlerts, listHeldBack, markAlertRead } from './warnings.service.js';

const SUPERVISION_ROLES = ['approver', 'supervisor', 'leader'] as const;

export function warningRoutes(app: Api, ctx: AppContext): void {
  app.get('/supervision/alerts', {
    preHandler: requireRole(...SUPERVISION_ROLES),
    schema: {
      tags: ['supervision'],
      summary: 'Warning alerts (预警): raised when a case or joint task turns yellow or red. Approvers: own (and headed) departments; supervisors and leaders: all',
      querystring: AlertQuery,
      response: { 200: AlertList, ...errors(400, 401, 403) },
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
      response: { 200: AlertCounts, ...errors(401, 403) },
    },
  }, async (request) => alertCounts(ctx.db, getUser(request)));

  app.post('/supervision/alerts/:id/read', {
    preHandler: requireRole(...SUPERVISION_ROLES),
    schema: {
      tags: ['supervision'],
      summary: 'Mark an alert read (the first reader and time are kept)',
      params: AlertParams,
      response: { 200: AlertRead, ...errors(400, 401, 403, 404) },
    },
  }, async (request) => markAlertRead(ctx.db, getUser(request), request.params.id, ctx.clock.now()));

  app.get('/supervision/held-back', {
    preHandler: requireRole(...SUPERVISION_ROLES),
    schema: {
      tags: ['supervision'],
      summary: 'Held-back results (压件): decided but not completed, or completed but neither delivered nor notified, for longer than the heldBackHours setting; with who holds each',
      response: { 200: HeldBackList, ...errors(401, 403) },
    },
  }, async (request) => listHeldBack(ctx.db, ctx.clock, getUser(request)));
}
