import { Type } from 'typebox';
import { landingCenterName } from './landing.js';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../http/context.js';
import { errors, pageErrors, StringEnum, type Api } from '../../http/schemas.js';
import { getUser, requireRole } from '../../http/auth.js';
import { statusFor } from '../../http/error-handler.js';
import { AppError } from '../../domain/errors.js';
import { requestCaseDeps } from '../cases/cases.routes.js';
import { cancelPage, CASE_PAPERS, RENDER, SLIP_PAPERS, type CasePaperName } from './case-pages.js';
import { loadCasePaper } from './case-print.service.js';
import { errorPage, LAYOUTS, type Layout } from './html.js';

const SUMMARY: Record<CasePaperName, string> = {
  receipt: 'Printable 收件回执 (receipt of the materials), A4 or an 80 mm slip',
  acceptance: 'Printable 受理通知书 (acceptance notice: accepted date, promised limit, due date); 409 before acceptance',
  supplement: 'Printable 补正材料告知书 (every missing material, at once), A4',
  'not-accepted': 'Printable 不予受理告知书 (not-accepted notice with reason and remedies), A4',
  pickup: 'Printable 出件单 (pickup slip signed at delivery), or 取件通知单 once completed but not yet delivered; A4 or an 80 mm slip; 409 before completion',
};

/**
 * A browser asking for a paper it cannot have gets a readable page with the same status;
 * API clients (and tests) get the usual JSON from the application's error handler.
 */
export function printErrorHandler(err: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) {
  const accept = request.headers.accept ?? '';
  const status = err instanceof AppError ? statusFor(err.code) : (err as FastifyError).validation ? 400 : (err as FastifyError).statusCode;
  if (!accept.includes('text/html') || !status || status < 400 || status >= 500) throw err;
  const message = status === 401 ? '请先登录后再打印 / Please log in first'
    : status === 403 ? '您的角色不能打印办件文书 / Your role may not print case papers'
      : status === 404 ? '未找到该办件 / Case not found'
        : err.message;
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(errorPage(status, message));
}

export function casePrintRoutes(app: Api, ctx: AppContext): void {
  const depsFor = requestCaseDeps(ctx);

  for (const paper of CASE_PAPERS) {
    const layouts = SLIP_PAPERS.includes(paper) ? LAYOUTS : (['a4'] as const);
    const gated = paper === 'acceptance' || paper === 'pickup';
    app.get(`/cases/:caseNo/${paper}`, {
      preHandler: requireRole('desk', 'approver', 'supervisor', 'leader', 'station', 'agent'),
      errorHandler: printErrorHandler,
      schema: {
        tags: ['print'],
        summary: SUMMARY[paper],
        params: Type.Object({ caseNo: Type.String({ maxLength: 20 }) }),
        querystring: Type.Object({
          layout: Type.Optional(StringEnum(layouts, { description: layouts.length > 1 ? 'a4 (default) or slip: an 80 mm receipt-printer roll' : 'a4 only' })),
        }, { additionalProperties: false }),
        produces: ['text/html'],
        // A browser (Accept: text/html) is answered with a page, other callers with the JSON error.
        response: {
          200: Type.String({ description: 'text/html printable page' }),
          ...pageErrors(400, 401, 403, 404, ...(gated ? [409] : [])),
        },
      },
    }, async (request, reply) => {
      const layout: Layout = request.query.layout ?? 'a4';
      const actor = { user: getUser(request), address: request.ip };
      const data = await loadCasePaper(ctx, depsFor(request), actor, request.params.caseNo, paper, layout);
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(RENDER[paper](data));
    });
  }
}

export function cancelLinkRoute(app: Api, ctx: AppContext): void {
  app.get('/c/:caseNo', {
    schema: {
      tags: ['public'],
      summary: 'The page behind the cancel link in the acceptance SMS',
      params: Type.Object({ caseNo: Type.String({ maxLength: 30 }) }),
      querystring: Type.Object({ t: Type.String({ maxLength: 64 }) }, { additionalProperties: false }),
      produces: ['text/html'],
      response: { 200: Type.String(), ...errors(400) },
    },
  }, async (request, reply) => {
    const centerName = await landingCenterName(ctx.db, { caseNo: request.params.caseNo, token: request.query.t });
    return reply.type('text/html; charset=utf-8').send(cancelPage(request.params.caseNo, request.query.t, centerName));
  });
}
