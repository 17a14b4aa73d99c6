import { Type } from 'typebox';
import type { AppContext } from '../../http/context.js';
import { getUser, requireRole } from '../../http/auth.js';
import { pageErrors, type Api } from '../../http/schemas.js';
import { AppError } from '../../domain/errors.js';
import { a4Page, esc } from '../print/html.js';
import { printErrorHandlerFor } from '../print/case-print.routes.js';
import type { NetworkItem } from '#contract/network.js';
import { listNetworkItems } from './network-cases.service.js';

/**
 * 授权委托书: the blank form a villager signs to let the agent apply for them. Printed before the
 * intake (paper authorization), kept with the materials and carried to the county with them, so
 * it names the item and its checklist but no person: the agent and the villager fill those in by hand.
 */
const printErrorHandler = printErrorHandlerFor({
  forbidden: '只有便民服务站和代办员可以打印委托书 / Only stations and agents print the authorization form',
  notFound: '该事项未向本站开放代办 / This item is not open for proxy intake here',
});

export function networkPrintRoutes(app: Api, ctx: AppContext): void {
  app.get('/network/authorization', {
    preHandler: requireRole('station', 'agent'),
    errorHandler: printErrorHandler,
    schema: {
      tags: ['print'],
      summary: 'Printable blank 授权委托书 (the applicant\'s authorization of the proxy) for an item open at my place, A4',
      querystring: Type.Object({ item: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false }),
      produces: ['text/html'],
      response: { 200: Type.String({ description: 'text/html printable page' }), ...pageErrors(400, 401, 403, 404) },
    },
  }, async (request, reply) => {
    const user = getUser(request);
    const list = await listNetworkItems(ctx.db, user);
    const item = list.items.find((i) => i.code === request.query.item);
    if (!item) throw new AppError('NOT_FOUND', `事项 ${request.query.item} 未在${list.place.name}开放代办 / not open here`);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store')
      .send(authorizationPage(item, list.place.name, user.displayName));
  });
}

const line = (label: string, width = '60mm') => `<span class="fill"><span>${esc(label)}：</span><span class="blank" style="display:inline-block;min-width:${width};border-bottom:1px solid #000">&nbsp;</span></span>`;

export function authorizationPage(item: NetworkItem, placeName: string, agentName: string): string {
  const materials = item.materials.map((m, i) => `<tr><td>${i + 1}</td><td>${esc(m.name)}</td><td>${m.copies}</td><td>${m.required ? '必需' : '视情形'}</td><td>□</td></tr>`).join('');
  const body = `<header class="doc-head"><div class="doc-org">${esc(placeName)}</div><h1 class="doc-title">授权委托书</h1></header>
  <hr class="doc-rule">
  <p>委托人（申请人）：</p>
  <p>${line('姓名', '40mm')} ${line('公民身份号码', '70mm')}</p>
  <p>${line('联系电话', '40mm')} ${line('住址', '70mm')}</p>
  <p>受托人（代办员）：</p>
  <p>${line('姓名', '40mm')}（${esc(agentName)}） ${line('服务点', '70mm')}（${esc(placeName)}）</p>
  <p>本人自愿委托上述代办员，代为向${esc(item.department.name)}申请办理“<b>${esc(item.name)}</b>”（事项编码 ${esc(item.code)}，承诺时限 ${item.promisedDays} 个工作日），
  代为提交下列材料、领取办理结果并交还本人。受托人不得收取任何费用。</p>
  <table class="fixed"><thead><tr><th style="width:10mm">序号</th><th>材料名称</th><th style="width:14mm">份数</th><th style="width:18mm">要求</th><th style="width:16mm">已交</th></tr></thead>
  <tbody>${materials}</tbody></table>
  <p>委托期限：自签字之日起至办理结果交还本人之日止。</p>
  <section class="sign-area" style="display:flex;justify-content:space-between;margin-top:14mm">
    <div>委托人（签字或按手印）：<span class="blank" style="display:inline-block;min-width:40mm;border-bottom:1px solid #000">&nbsp;</span><br><br>日期：____年__月__日</div>
    <div>受托人（签字）：<span class="blank" style="display:inline-block;min-width:40mm;border-bottom:1px solid #000">&nbsp;</span><br><br>日期：____年__月__日</div>
  </section>
  <div class="foot">本委托书随申请材料一并交县政务服务中心存档。如有代办员收费或索要好处，可拨打 12345 投诉。</div>`;
  return a4Page(`${item.name} 授权委托书`, body);
}
