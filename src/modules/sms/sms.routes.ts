import type { AppContext } from '../../http/context.js';
import { errors, type Api } from '../../http/schemas.js';
import { SmsPage, SmsQuery, type SmsItem } from '#contract/sms.js';
import { requireRole } from '../../http/auth.js';
import { maskPhone } from '../../domain/identity.js';
import { listSms, type OutboxRow } from './sms.repository.js';
import { LOGIN_CODE_TEMPLATE, PROXY_CODE_TEMPLATE, RETURN_CODE_TEMPLATE } from './sms-templates.js';

const CODE_TEMPLATES = new Set([LOGIN_CODE_TEMPLATE, PROXY_CODE_TEMPLATE, RETURN_CODE_TEMPLATE]);

/**
 * A link's query can carry a capability, such as the token of the 30-minute cancel link: the list
 * shows where a link points, not the key that opens it.
 */
export function redactLinks(text: string): string {
  return text.replace(/(https?:\/\/[^\s?#]+)[?#]\S*/g, '$1?…');
}

/** A sign-in code is a key to the applicant's account, like the cancel link's token: shown as ******. */
export function redactCodes(text: string): string {
  return text.replace(/\d{4,8}/g, (d) => '*'.repeat(d.length));
}

// The list is a log read by many: a whole number belongs on the case's own screen only.
function toItem(r: OutboxRow, showCodes: boolean): SmsItem {
  return {
    id: r.id,
    recipient: maskPhone(r.recipient),
    template: r.template,
    body: CODE_TEMPLATES.has(r.template) ? (showCodes ? r.body : redactCodes(r.body)) : redactLinks(r.body),
    status: r.status,
    attempts: r.attempts,
    lastError: r.lastError,
    createdAt: r.createdAt.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
    nextAttemptAt: r.nextAttemptAt.toISOString(),
    caseId: r.caseId,
  };
}

export function smsRoutes(app: Api, ctx: AppContext): void {
  app.get('/admin/sms', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'Text messages to applicants, newest first: what was sent (or, with the log gateway, would have been), what is waiting and what failed',
      querystring: SmsQuery,
      response: { 200: SmsPage, ...errors(400, 401, 403) },
    },
  }, async (request) => {
    const page = request.query.page ?? 1;
    const pageSize = request.query.pageSize ?? 20;
    const { rows, total } = await listSms(ctx.db, { status: request.query.status, page, pageSize });
    return { items: rows.map((r) => toItem(r, ctx.config.showSmsCodes)), total, page, pageSize, codesShown: ctx.config.showSmsCodes };
  });
}
