import { Type } from 'typebox';
import type { AppContext } from '../../http/context.js';
import { getUser, requireRole } from '../../http/auth.js';
import { errors, pageErrors, type Api } from '../../http/schemas.js';
import { CaseParams } from '#contract/cases.js';
import {
  CaseLedger, EntryParams, Handover, HandoverBody, HandoverParams, LedgerOverdue, LedgerView, OverdueQuery, ReceiveBody, ReturnAnswer, ReturnBody,
  ReturnCodeAnswer,
} from '#contract/ledger.js';
import { requestCaseDeps } from '../cases/cases.routes.js';
import { OVERDUE_WORKING_HOURS } from '../../domain/network-hours.js';
import { printErrorHandlerFor } from '../print/case-print.routes.js';
import { transferListPage } from './ledger-print.js';
import {
  createHandover, getCaseLedger, getLedgerView, handoverForPrint, listOverdue, receiveHandover, returnEntry, sendReturnCode,
} from './ledger.service.js';

const DEFAULT_OVERDUE_HOURS = OVERDUE_WORKING_HOURS;

const printErrorHandler = printErrorHandlerFor({
  forbidden: '您的角色不能打印交接单 / Your role may not print transfer lists', notFound: '未找到该交接批次 / Batch not found',
});

export function ledgerRoutes(app: Api, ctx: AppContext): void {
  const depsFor = requestCaseDeps(ctx);

  app.get('/ledger', {
    preHandler: requireRole('station', 'agent', 'desk', 'supervisor', 'leader'),
    schema: {
      tags: ['ledger'],
      summary: '台帐: the caller\'s place (station, village room, or the county for its staff) — papers held here and for how long, batches coming, batches sent and received in the last 30 days, and the places it exchanges papers with',
      response: { 200: LedgerView, ...errors(401, 403) },
    },
  }, async (request) => getLedgerView(depsFor(request), getUser(request)));

  app.post('/ledger/handovers', {
    preHandler: requireRole('station', 'agent', 'desk'),
    schema: {
      tags: ['ledger'],
      summary: '交接: send papers held here to a neighbouring place as one numbered batch (JJ-YYYYMMDD-NNNN) with a transfer list to print; one paper not held here refuses the whole batch',
      body: HandoverBody,
      response: { 201: Handover, ...errors(400, 401, 403, 409, 422) },
    },
  }, async (request, reply) => reply.status(201).send(await createHandover(depsFor(request), getUser(request), request.body)));

  app.post('/ledger/handovers/:id/receive', {
    preHandler: requireRole('station', 'agent', 'desk'),
    schema: {
      tags: ['ledger'],
      summary: '签收: the receiving place confirms the batch arrived (with the token of the transfer list\'s QR code when scanned); a result arriving where the applicant came sends them an SMS',
      params: HandoverParams,
      body: ReceiveBody,
      response: { 200: Handover, ...errors(400, 401, 403, 404, 409) },
    },
  }, async (request) => receiveHandover(depsFor(request), getUser(request), request.params.id, request.body.token));

  app.post('/ledger/entries/:id/return-code', {
    preHandler: requireRole('station', 'agent', 'desk'),
    schema: {
      tags: ['ledger'],
      summary: '签收码: send the applicant a six-digit code they read back when they take the paper at their place',
      params: EntryParams,
      response: { 201: ReturnCodeAnswer, ...errors(400, 401, 403, 404, 409, 429) },
    },
  }, async (request, reply) => reply.status(201).send(await sendReturnCode(depsFor(request), getUser(request), request.params.id)));

  app.post('/ledger/entries/:id/return', {
    preHandler: requireRole('station', 'agent', 'desk'),
    schema: {
      tags: ['ledger'],
      summary: '交还: hand a paper back to the applicant at their place, with their signature or the SMS code; a result of a completed case also delivers the case (出件)',
      params: EntryParams,
      body: ReturnBody,
      response: { 200: ReturnAnswer, ...errors(400, 401, 403, 404, 409) },
    },
  }, async (request) => returnEntry(depsFor(request), { user: getUser(request), address: request.ip }, request.params.id, request.body));

  app.get('/ledger/cases/:caseNo', {
    preHandler: requireRole('station', 'agent', 'desk', 'approver', 'supervisor', 'leader'),
    schema: {
      tags: ['ledger'],
      summary: 'A case\'s papers with every hop they made, for anyone who may see the case',
      params: CaseParams,
      response: { 200: CaseLedger, ...errors(401, 403, 404) },
    },
  }, async (request) => getCaseLedger(depsFor(request), { user: getUser(request), address: request.ip }, request.params.caseNo));

  app.get('/ledger/overdue', {
    preHandler: requireRole('desk', 'supervisor', 'leader'),
    schema: {
      tags: ['ledger'],
      summary: '谁压着材料: the county\'s papers held or on the road at least `hours` working hours (default 48, the monthly report\'s rule), per place and holder, longest first',
      querystring: OverdueQuery,
      response: { 200: LedgerOverdue, ...errors(400, 401, 403) },
    },
  }, async (request) => listOverdue(depsFor(request), getUser(request), request.query.hours ?? DEFAULT_OVERDUE_HOURS));
}

/** The transfer list (交接单), A4, under /print. */
export function ledgerPrintRoutes(app: Api, ctx: AppContext): void {
  const depsFor = requestCaseDeps(ctx);
  app.get('/ledger/handovers/:id', {
    preHandler: requireRole('station', 'agent', 'desk', 'supervisor', 'leader'),
    errorHandler: printErrorHandler,
    schema: {
      tags: ['print'],
      summary: 'Printable 交接单 (transfer list) of a batch of papers, A4, with the QR code the receiving place scans',
      params: HandoverParams,
      produces: ['text/html'],
      response: { 200: Type.String({ description: 'text/html printable page' }), ...pageErrors(400, 401, 403, 404) },
    },
  }, async (request, reply) => {
    const deps = depsFor(request);
    const paper = await handoverForPrint(deps, getUser(request), request.params.id);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(await transferListPage(paper, deps.publicUrl));
  });
}
