import { Type } from 'typebox';
import QRCode from 'qrcode';
import { publicOrigin } from '../../http/public-url.js';
import type { AppContext } from '../../http/context.js';
import { errors, type Api } from '../../http/schemas.js';
import { getCenter } from '../centers/centers.service.js';
import { docFoot, infoBlock, text } from '../print/paper-frame.js';
import { esc, printPage, zhDateTime } from '../print/html.js';
import { guessing } from '../progress/guess-throttle.js';
import { ticketWithCenter } from './queue.service.js';

/** The slip the kiosk prints when a ticket is taken (and the desk prints for someone at the door), 80 mm. */
export function queuePrintRoutes(app: Api, ctx: AppContext): void {
  app.get('/queue-ticket/:token', {
    schema: {
      tags: ['print'],
      summary: 'Printable queue ticket slip (号票), 80 mm, with a QR code to follow the ticket on a phone. Wrong tokens are throttled per address',
      params: Type.Object({ token: Type.String({ minLength: 1, maxLength: 40 }) }),
      produces: ['text/html'],
      response: { 200: Type.String({ description: 'text/html printable page' }), ...errors(400, 404, 429) },
    },
  }, async (request, reply) => {
    const { centerId, ticket: t } = await guessing(ctx, 'ticket', request, reply, () => ticketWithCenter(ctx.db, request.params.token));
    const center = await getCenter(ctx.db, centerId);
    const url = `${publicOrigin(request, ctx.config)}/?ticket=${encodeURIComponent(t.token)}`;
    const qr = await QRCode.toString(url, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' });
    const wait = t.estimatedWaitMinutes === null ? '窗口开放后计算' : `约 ${t.estimatedWaitMinutes} 分钟`;
    // The figures are those of the moment the page is made: the kiosk prints it right after the ticket is taken.
    const rows = [
      text('类别', t.category.name),
      text('取号时间', zhDateTime(new Date(t.issuedAt))),
      ...(t.status === 'waiting' ? [text('前面等候', `${t.ahead} 人`), text('预计等候', wait)] : []),
      ...(t.priority ? [text('预约', `${t.appointmentCode ?? ''}（优先办理）`)] : []),
    ];
    const body = `<header class="doc-head">
      <div class="doc-org">${esc(center.name)}</div>
      <h1 class="doc-title">排队号票</h1>
    </header>
    <hr class="doc-rule">
    <div class="ticket-no" data-ticket-no>${esc(t.ticketNo)}</div>
    ${infoBlock(rows, 'slip')}
    <div class="doc-qr">${qr}<div>扫码在手机上查看排队进度</div></div>
    <p class="ticket-note"><b>请留意叫号屏和语音提示。过号请重新取号。</b></p>
    ${docFoot(['本号票当日有效'])}
    <style>
      .ticket-no { font-size: 34pt; font-weight: bold; text-align: center; letter-spacing: 2pt; line-height: 1.1; margin: 1mm 0 2mm; }
      .ticket-note { text-align: center; font-size: 9.5pt; }
    </style>`;
    return reply.type('text/html; charset=utf-8').send(printPage({ title: `号票 ${t.ticketNo}`, body, layout: 'slip' }));
  });
}
