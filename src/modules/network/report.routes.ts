import { Type } from 'typebox';
import type { AppContext } from '../../http/context.js';
import { getUser, requireRole } from '../../http/auth.js';
import { exportLang, LangQuery } from '../../http/export-lang.js';
import { errors, MonthString, type Api } from '../../http/schemas.js';
import { NetworkCases, NetworkCasesQuery, NetworkReport, NetworkReportQuery } from '#contract/network-report.js';
import { networkReportPage } from './report-page.js';
import { getNetworkReport, getPlaceCases, networkReportWorkbook } from './report.service.js';

// Leaders see the whole county; a station its township and its villages; an agent its own room.
const ROLES = ['leader', 'supervisor', 'admin', 'station', 'agent'] as const;

export function networkReportRoutes(app: Api, ctx: AppContext): void {
  app.get('/network/report', {
    preHandler: requireRole(...ROLES),
    schema: {
      tags: ['network'],
      summary: '三级网络月报: per township station and village room, proxy cases taken (completed, delivered), appointments, papers moved, intake and return times in working hours, overdue papers, results not returned, ratings. Leaders: every place and the county hall for reference; a station: its township and villages; an agent: its room',
      querystring: NetworkReportQuery,
      response: { 200: NetworkReport, ...errors(400, 401, 403) },
    },
  }, async (request) => getNetworkReport(ctx.db, ctx.clock, getUser(request), request.query.month));

  app.get('/network/report.xlsx', {
    preHandler: requireRole(...ROLES),
    schema: {
      tags: ['network'],
      summary: 'The network\'s monthly report as an Excel file (same rows and numbers as GET /api/network/report)',
      querystring: Type.Object({ month: MonthString, lang: LangQuery }, { additionalProperties: false }),
      produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errors(400, 401, 403) },
    },
  }, async (request, reply) => {
    const r = await getNetworkReport(ctx.db, ctx.clock, getUser(request), request.query.month);
    const file = await networkReportWorkbook(r, exportLang(request.query, request.headers['accept-language']));
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="network-report-${r.month}.xlsx"`)
      .header('cache-control', 'no-store')
      .send(file);
  });

  app.get('/network/report/cases', {
    preHandler: requireRole(...ROLES),
    schema: {
      tags: ['network'],
      summary: 'The proxy cases a place took in the month, with when their papers reached the county and went back, and overdue stays; personal data masked. A place out of the caller\'s reach is 404',
      querystring: NetworkCasesQuery,
      response: { 200: NetworkCases, ...errors(400, 401, 403, 404) },
    },
  }, async (request) => getPlaceCases(ctx.db, ctx.clock, getUser(request), request.query.month, request.query.place));
}

export function networkReportPrintRoutes(app: Api, ctx: AppContext): void {
  app.get('/network/report', {
    preHandler: requireRole(...ROLES),
    schema: {
      tags: ['print'],
      summary: 'Printable monthly network report (三级网络代办、预约工作月报), A4 landscape',
      querystring: Type.Object({ month: MonthString }, { additionalProperties: false }),
      produces: ['text/html'],
      response: { 200: Type.String({ description: 'text/html printable page' }), ...errors(400, 401, 403) },
    },
  }, async (request, reply) => {
    const r = await getNetworkReport(ctx.db, ctx.clock, getUser(request), request.query.month);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(networkReportPage(r));
  });
}
