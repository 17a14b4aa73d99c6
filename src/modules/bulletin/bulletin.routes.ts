import { exportLang, LangQuery } from '../../http/export-lang.js';
import { Type } from 'typebox';
import type { AppContext } from '../../http/context.js';
import { errors, MonthString, StringEnum, type Api } from '../../http/schemas.js';
import { getUser, requireRole } from '../../http/auth.js';
import { bulletinPage } from './bulletin-page.js';
import { Bulletin, BULLETIN_FIGURES } from '#contract/bulletin.js';
import { bulletinWorkbook, figureCasesCsv, getBulletin } from './bulletin.service.js';

const MonthQuery = Type.Object({ month: MonthString }, { additionalProperties: false });
const ROLES = ['supervisor', 'leader'] as const;

export function bulletinRoutes(app: Api, ctx: AppContext): void {
  app.get('/bulletin', {
    preHandler: requireRole(...ROLES),
    schema: {
      tags: ['supervision'],
      summary: 'The monthly bulletin (督查通报): per department received, completed, on-time and early rates, overdue, warnings, supervision notices, rank and the red-flag candidate',
      querystring: MonthQuery,
      response: { 200: Bulletin, ...errors(400, 401, 403) },
    },
  }, async (request) => getBulletin(ctx.db, ctx.clock, getUser(request).centerId, request.query.month));

  app.get('/bulletin.xlsx', {
    preHandler: requireRole(...ROLES),
    schema: {
      tags: ['supervision'],
      summary: 'The monthly bulletin as an Excel file (same numbers as GET /api/bulletin)',
      querystring: MonthQuery,
      produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errors(400, 401, 403) },
    },
  }, async (request, reply) => {
    const b = await getBulletin(ctx.db, ctx.clock, getUser(request).centerId, request.query.month);
    const file = await bulletinWorkbook(b);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="bulletin-${b.month}.xlsx"`)
      .header('cache-control', 'no-store')
      .send(file);
  });

  app.get('/bulletin/cases.csv', {
    preHandler: requireRole(...ROLES),
    schema: {
      tags: ['supervision'],
      summary: 'The cases behind one bulletin figure, as CSV (UTF-8 with BOM; personal data masked)',
      querystring: Type.Object({
        month: MonthString,
        department: Type.Optional(Type.String({ maxLength: 20, description: 'department code; all departments when absent' })),
        figure: StringEnum(BULLETIN_FIGURES),
        lang: LangQuery,
      }, { additionalProperties: false }),
      produces: ['text/csv'],
      response: { 200: Type.String({ description: 'text/csv' }), ...errors(400, 401, 403, 404) },
    },
  }, async (request, reply) => {
    const { lang, ...q } = request.query;
    const { csv, filename } = await figureCasesCsv(ctx.db, ctx.clock, getUser(request).centerId, q, exportLang({ lang }, request.headers['accept-language']));
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .header('cache-control', 'no-store')
      .send(csv);
  });
}

export function bulletinPrintRoutes(app: Api, ctx: AppContext): void {
  app.get('/bulletin', {
    preHandler: requireRole(...ROLES),
    schema: {
      tags: ['print'],
      summary: 'Printable monthly bulletin (督查通报), A4 landscape',
      querystring: MonthQuery,
      produces: ['text/html'],
      response: { 200: Type.String({ description: 'text/html printable page' }), ...errors(400, 401, 403) },
    },
  }, async (request, reply) => {
    const b = await getBulletin(ctx.db, ctx.clock, getUser(request).centerId, request.query.month);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(bulletinPage(b));
  });
}
