import { exportLang, LangQuery } from '../../http/export-lang.js';
import { Type } from 'typebox';
import type { AppContext } from '../../http/context.js';
import { getUser, requireRole } from '../../http/auth.js';
import { errors, type Api } from '../../http/schemas.js';
import { CaseList, CaseListFilters, CaseListQuery, Overview, StatsQuery } from '#contract/stats.js';
import { figureCases, figureCasesCsv, overview } from './stats.service.js';

const ROLES = ['supervisor', 'leader', 'admin'] as const;

export function statsRoutes(app: Api, ctx: AppContext): void {
  app.get('/stats/overview', {
    preHandler: requireRole(...ROLES),
    schema: {
      tags: ['stats'],
      summary: 'The dashboard figures of my center for a period (default: the last 30 days), from the rollups; open cases by warning level live. Definitions: docs/dashboard.md',
      querystring: StatsQuery,
      response: { 200: Overview, ...errors(400, 401, 403) },
    },
  }, async (request) => overview(ctx.db, ctx.clock, getUser(request).centerId, request.query));

  app.get('/stats/cases', {
    preHandler: requireRole(...ROLES),
    schema: {
      tags: ['stats'],
      summary: 'The cases behind a figure of /stats/overview (same filters; hour/weekday narrow `received`); total equals the figure. Personal data masked',
      querystring: CaseListQuery,
      response: { 200: CaseList, ...errors(400, 401, 403) },
    },
  }, async (request) => figureCases(ctx.db, ctx.clock, getUser(request).centerId, request.query));

  app.get('/stats/cases.csv', {
    preHandler: requireRole(...ROLES),
    schema: {
      tags: ['stats'],
      summary: 'The same case list as CSV (UTF-8 with BOM, at most 50,000 rows): the labels the dashboard shows in the chosen language, times in the center\'s zone, personal data masked',
      querystring: Type.Object({ ...CaseListFilters, lang: LangQuery }, { additionalProperties: false }),
      produces: ['text/csv'],
      response: { 200: Type.String(), ...errors(400, 401, 403) },
    },
  }, async (request, reply) => {
    const { lang, ...q0 } = request.query;
    const csv = await figureCasesCsv(ctx.db, ctx.clock, getUser(request).centerId, q0, exportLang({ lang }, request.headers['accept-language']));
    const q = request.query;
    const name = `cases-${q.figure}-${q.from ?? ''}-${q.to ?? ''}.csv`.replace(/[^A-Za-z0-9_.-]/g, '');
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store').send(csv);
  });
}
