import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import type { Clock } from './domain/clock.js';
import { answerFrameworkError, registerErrorHandler } from './http/error-handler.js';
import { registerValidators } from './http/validation.js';
import { registerSessionHook } from './http/auth.js';
import { registerRouteContract, securitySchemes } from './http/openapi.js';
import type { AppContext } from './http/context.js';
import { registerWeb } from './http/web.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { centerRoutes } from './modules/centers/centers.routes.js';
import { departmentRoutes } from './modules/departments/departments.routes.js';
import { catalogRoutes } from './modules/catalog/catalog.routes.js';
import { calendarRoutes } from './modules/calendar/calendar.routes.js';
import { settingsRoutes } from './modules/settings/settings.routes.js';
import { printRoutes } from './modules/print/print.routes.js';
import { queuePrintRoutes } from './modules/queue/queue-print.js';
import { cancelLinkRoute, casePrintRoutes } from './modules/print/case-print.routes.js';
import { landingStylesheetRoute } from './modules/print/landing.js';
import { caseRoutes } from './modules/cases/cases.routes.js';
import { networkRoutes } from './modules/network/network.routes.js';
import { ledgerPrintRoutes, ledgerRoutes } from './modules/ledger/ledger.routes.js';
import { handbookPrintRoutes } from './modules/network/handbook.routes.js';
import { networkPrintRoutes } from './modules/network/network-print.routes.js';
import { networkReportPrintRoutes, networkReportRoutes } from './modules/network/report.routes.js';
import { progressRoutes } from './modules/progress/progress.routes.js';
import { smsRoutes } from './modules/sms/sms.routes.js';
import { applicantRoutes } from './modules/applicants/applicants.routes.js';
import { applicantRatingRoutes } from './modules/applicants/applicant-ratings.routes.js';
import { uploadRoutes } from './modules/uploads/uploads.routes.js';
import { onlineRoutes } from './modules/online/online.routes.js';
import { userRoutes } from './modules/users/users.routes.js';
import { appointmentRoutes } from './modules/appointments/appointments.routes.js';
import { statsRoutes } from './modules/stats/stats.routes.js';
import { oversightRoutes } from './modules/oversight/oversight.routes.js';
import { warningRoutes } from './modules/warnings/warnings.routes.js';
import { queueRoutes } from './modules/queue/queue.routes.js';
import { ratingPages, ratingRoutes } from './modules/ratings/ratings.routes.js';
import { complaintPrintRoutes, complaintRoutes } from './modules/complaints/complaints.routes.js';
import { eventRoutes } from './modules/events/events.routes.js';
import { catalogFileRoutes } from './modules/catalog-files/catalog-files.routes.js';

import { transparencyRoutes } from './modules/transparency/transparency.routes.js';
import { bulletinRoutes, bulletinPrintRoutes } from './modules/bulletin/bulletin.routes.js';
export interface AppOptions {
  database: Database;
  clock: Clock;
  config: Config;
  logger?: boolean | object;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    trustProxy: opts.config.trustProxy,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false } },
    frameworkErrors: answerFrameworkError,
  }).withTypeProvider<TypeBoxTypeProvider>();
  const ctx: AppContext = { db: opts.database.db, dbKind: opts.database.kind, clock: opts.clock, config: opts.config };

  const routes: { method: string; url: string }[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) routes.push({ method: String(method), url: r.url });
  });
  app.decorate('routeList', routes);
  registerRouteContract(app);
  registerValidators(app);
  registerErrorHandler(app);
  await registerSecurityHeaders(app, opts.config);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      // 3.1: the schemas are JSON Schema 2020-12 as TypeBox writes them (null in unions, numeric exclusive bounds).
      openapi: '3.1.0',
      info: {
        title: 'OneWindow (一窗通) API',
        version: '0.1.0',
        description: 'One-window government service center: catalog, cases, calendar. Errors are `{code, message, details?}`.',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      servers: [{ url: '/', description: 'This server' }],
      components: { securitySchemes },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  registerSessionHook(app, ctx);

  await app.register(async (api) => {
    healthRoutes(api, ctx);
    authRoutes(api, ctx);
    centerRoutes(api, ctx);
    departmentRoutes(api, ctx);
    catalogRoutes(api, ctx);
    calendarRoutes(api, ctx);
    settingsRoutes(api, ctx);
    caseRoutes(api, ctx);
    progressRoutes(api, ctx);
    smsRoutes(api, ctx);
    applicantRoutes(api, ctx);
    applicantRatingRoutes(api, ctx);
    uploadRoutes(api, ctx);
    onlineRoutes(api, ctx);
    userRoutes(api, ctx);
    appointmentRoutes(api, ctx);
    oversightRoutes(api, ctx);
    warningRoutes(api, ctx);
    queueRoutes(api, ctx);
    ratingRoutes(api, ctx);
    complaintRoutes(api, ctx);
    eventRoutes(api, ctx);
    catalogFileRoutes(api, ctx);
    statsRoutes(api, ctx);
    transparencyRoutes(api, ctx);
    bulletinRoutes(api, ctx);
    networkRoutes(api, ctx);
    ledgerRoutes(api, ctx);
    networkReportRoutes(api, ctx);
  }, { prefix: '/api' });
  await app.register(async (pages) => {
    printRoutes(pages, ctx);
    casePrintRoutes(pages, ctx);
    complaintPrintRoutes(pages, ctx);
    bulletinPrintRoutes(pages, ctx);
    networkReportPrintRoutes(pages, ctx);
    queuePrintRoutes(pages, ctx);
    ledgerPrintRoutes(pages, ctx);
    handbookPrintRoutes(pages, ctx);
    networkPrintRoutes(pages, ctx);
  }, { prefix: '/print' });
  await app.register(async (pages) => cancelLinkRoute(pages, ctx));
  await app.register(async (pages) => ratingPages(pages, ctx));
  await app.register(async (pages) => landingStylesheetRoute(pages));
  await registerWeb(app, opts.config.webDir);
  return app;
}
