import { Type } from 'typebox';
import QRCode from 'qrcode';
import { publicOrigin } from '../../http/public-url.js';
import type { AppContext } from '../../http/context.js';
import { errors, type Api } from '../../http/schemas.js';
import { ItemCode } from '#contract/catalog.js';
import { getGuide } from '../catalog/catalog.service.js';
import { guidePage, noticePage } from './item-pages.js';

const Params = Type.Object({ code: ItemCode });
const Query = Type.Object({ center: Type.Optional(Type.String({ maxLength: 40 })) }, { additionalProperties: false });

export function printRoutes(app: Api, ctx: AppContext): void {
  const html = { 200: Type.String({ description: 'text/html printable page' }), ...errors(400, 404) };

  app.get('/items/:code/guide', {
    schema: { tags: ['print'], summary: 'Printable service guide (服务指南), A4', params: Params, querystring: Query, produces: ['text/html'], response: html },
  }, async (request, reply) => {
    const guide = await getGuide(ctx.db, request.params.code, request.query.center);
    const url = `${publicOrigin(request, ctx.config)}/?item=${encodeURIComponent(guide.code)}`;
    const qr = await QRCode.toString(url, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' });
    return reply.type('text/html; charset=utf-8').send(guidePage(guide, qr, url));
  });

  app.get('/items/:code/notice', {
    schema: { tags: ['print'], summary: 'Printable one-time notification sheet (一次性告知单), A4', params: Params, querystring: Query, produces: ['text/html'], response: html },
  }, async (request, reply) => {
    const guide = await getGuide(ctx.db, request.params.code, request.query.center);
    const url = `${publicOrigin(request, ctx.config)}/?item=${encodeURIComponent(guide.code)}`;
    const qr = await QRCode.toString(url, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' });
    return reply.type('text/html; charset=utf-8').send(noticePage(guide, qr, url));
  });
}
