import { exportLang, LangQuery } from '../../http/export-lang.js';
import { Type } from 'typebox';
import type { AppContext } from '../../http/context.js';
import { getUser, requireRole } from '../../http/auth.js';
import { DateString, errors, StringEnum, type Api } from '../../http/schemas.js';
import { FIGURES } from './stats.figures.js';
import { figureCases, figureCasesCsv, overview } from './stats.service.js';

const ROLES = ['supervisor', 'leader', 'admin'] as const;
const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });
const Num = Type.Union([Type.Number(), Type.Null()]);

const Filters = {
  from: Type.Optional(DateString),
  to: Type.Optional(DateString),
  department: Type.Optional(Text(20)),
  item: Type.Optional(Text(40)),
};

const ListFilters = {
  ...Filters,
  figure: StringEnum(FIGURES),
  hour: Type.Optional(Type.Integer({ minimum: 0, maximum: 23 })),
  weekday: Type.Optional(Type.Integer({ minimum: 1, maximum: 7 })),
};

const Rates = {
  immediateRate: Num,
  onTimeRate: Num,
  earlyRate: Num,
  measured: Type.Integer(),
  avgDays: Num,
  p90Days: Num,
};

const Overview = Type.Object({
  from: Type.String(),
  to: Type.String(),
  today: Type.String(),
  refreshedAt: Type.Union([Type.String(), Type.Null()]),
  satisfaction: Type.Object({
    ratings: Type.Integer(), satisfied: Type.Integer({ description: '基本满意 or better' }), bad: Type.Integer(),
    rate: Type.Union([Type.Number(), Type.Null()], { description: 'Satisfaction rate (满意率) as a fraction, like the other rates; null without ratings' }),
  }),
  totals: Type.Object({
    received: Type.Integer(), accepted: Type.Integer(), completed: Type.Integer(), immediate: Type.Integer(), early: Type.Integer(),
    onTime: Type.Integer(), inTime: Type.Integer(), late: Type.Integer(), refused: Type.Integer(), ...Rates,
  }),
  todayCounts: Type.Object({ received: Type.Integer(), accepted: Type.Integer(), completed: Type.Integer() }),
  open: Type.Object({ none: Type.Integer(), normal: Type.Integer(), yellow: Type.Integer(), red: Type.Integer(), total: Type.Integer() }),
  overdueOpen: Type.Integer(),
  byDay: Type.Array(Type.Object({ day: Type.String(), received: Type.Integer(), accepted: Type.Integer(), completed: Type.Integer() })),
  byDepartment: Type.Array(Type.Object({
    rank: Type.Integer(), departmentId: Type.Integer(), departmentCode: Type.String(), departmentName: Type.String(),
    received: Type.Integer(), accepted: Type.Integer(), completed: Type.Integer(), inTime: Type.Integer(), early: Type.Integer(), late: Type.Integer(),
    ...Rates,
  })),
  byItem: Type.Array(Type.Object({
    itemCode: Type.String(), itemName: Type.String(), departmentId: Type.Integer(), departmentCode: Type.String(),
    received: Type.Integer(), completed: Type.Integer(), ...Rates,
  })),
  byHour: Type.Array(Type.Object({ hour: Type.Integer(), received: Type.Integer() })),
  byWeekday: Type.Array(Type.Object({ weekday: Type.Integer(), received: Type.Integer() })),
  departments: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  items: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), departmentCode: Type.String() })),
});

const NullableString = Type.Union([Type.String(), Type.Null()]);
const CaseList = Type.Object({
  figure: Type.String(),
  from: Type.String(),
  to: Type.String(),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  cases: Type.Array(Type.Object({
    caseNo: Type.String(), itemCode: Type.String(), itemName: Type.String(), departmentName: Type.String(), status: Type.String(),
    applicant: Type.String(), phone: Type.String(), receivedAt: Type.String(), acceptedDate: NullableString, completedDate: NullableString,
    dueDate: NullableString, timeliness: NullableString, warningLevel: Type.String(), usedDays: Type.Union([Type.Integer(), Type.Null()]),
  })),
});

export function statsRoutes(app: Api, ctx: AppContext): void {
  app.get('/stats/overview', {
    preHandler: requireRole(...ROLES),
    schema: {
      tags: ['stats'],
      summary: 'The dashboard figures of my center for a period (default: the last 30 days), from the rollups; open cases by warning level live. Definitions: docs/dashboard.md',
      querystring: Type.Object(Filters, { additionalProperties: false }),
      response: { 200: Overview, ...errors(400, 401, 403) },
    },
  }, async (request) => overview(ctx.db, ctx.clock, getUser(request).centerId, request.query));

  app.get('/stats/cases', {
    preHandler: requireRole(...ROLES),
    schema: {
      tags: ['stats'],
      summary: 'The cases behind a figure of /stats/overview (same filters; hour/weekday narrow `received`); total equals the figure. Personal data masked',
      querystring: Type.Object({
        ...ListFilters,
        page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
        pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
      }, { additionalProperties: false }),
      response: { 200: CaseList, ...errors(400, 401, 403) },
    },
  }, async (request) => figureCases(ctx.db, ctx.clock, getUser(request).centerId, request.query));

  app.get('/stats/cases.csv', {
    preHandler: requireRole(...ROLES),
    schema: {
      tags: ['stats'],
      summary: 'The same case list as CSV (UTF-8 with BOM, at most 50,000 rows): the labels the dashboard shows in the chosen language, times in the center\'s zone, personal data masked',
      querystring: Type.Object({ ...ListFilters, lang: LangQuery }, { additionalProperties: false }),
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
