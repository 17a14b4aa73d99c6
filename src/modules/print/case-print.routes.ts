import { Type } from 'typebox';
import QRCode from 'qrcode';
import type { AppContext } from '../../http/context.js';
import { errors, type Api } from '../../http/schemas.js';
import { getUser, requireRole } from '../../http/auth.js';
import { maskIdNumber, maskPhone } from '../../domain/identity.js';
import { getReachableCase } from '../cases/cases.service.js';
import { caseDeps } from '../cases/cases.routes.js';
import { getCenterCached } from '../centers/centers.service.js';
import { cancelPage, notAcceptedPage, receiptPage, supplementPage, type CasePaper } from './case-pages.js';

const PAPERS = { receipt: receiptPage, supplement: supplementPage, 'not-accepted': notAcceptedPage } as const;

export function casePrintRoutes(app: Api, ctx: AppContext): void {
  const deps = caseDeps(ctx);
  const html = { 200: Type.String({ description: 'text/html printable page' }), ...errors(401, 403, 404) };

  app.get('/cases/:caseNo/:paper', {
    preHandler: requireRole('desk', 'approver', 'supervisor', 'leader'),
    schema: {
      tags: ['print'],
      summary: 'Printable case papers, A4: 收件回执 (receipt), 补正告知书 (supplement), 不予受理告知书 (not-accepted)',
      params: Type.Object({ caseNo: Type.String({ maxLength: 20 }), paper: Type.Union(Object.keys(PAPERS).map((k) => Type.Literal(k))) }),
      response: html,
    },
  }, async (request, reply) => {
    const actor = { user: getUser(request), address: request.ip };
    const { c, reach } = await getReachableCase(deps, actor, request.params.caseNo);
    const full = reach === 'handle';
    const center = await getCenterCached(ctx.db, c.centerId);
    const dept = await ctx.db.query.departments.findFirst({ where: (d, { eq }) => eq(d.id, c.departmentId) });
    const progressUrl = `${deps.publicUrl}/?progress=${c.caseNo}`;
    const paper: CasePaper = {
      c, centerName: center.name, departmentName: dept?.name ?? '',
      idNumber: c.applicantIdNumber ? (full ? c.applicantIdNumber : maskIdNumber(c.applicantIdNumber)) : '',
      phone: full ? c.applicantPhone : maskPhone(c.applicantPhone),
      qr: await QRCode.toString(progressUrl, { type: 'svg', margin: 0 }),
      progressUrl,
    };
    const render = PAPERS[request.params.paper as keyof typeof PAPERS];
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(render(paper));
  });
}

export function cancelLinkRoute(app: Api): void {
  app.get('/c/:caseNo', {
    schema: {
      tags: ['public'],
      summary: 'The page behind the cancel link in the acceptance SMS',
      params: Type.Object({ caseNo: Type.String({ maxLength: 30 }) }),
      querystring: Type.Object({ t: Type.String({ maxLength: 64 }) }, { additionalProperties: false }),
      response: { 200: Type.String(), ...errors(400) },
    },
  }, async (request, reply) => reply.type('text/html; charset=utf-8').send(cancelPage(request.params.caseNo, request.query.t)));
}
