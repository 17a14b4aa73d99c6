import type { ItemContent, MaterialForm } from '../../domain/catalog.js';
import { a4Page, esc } from './html.js';

export interface GuideData extends ItemContent {
  code: string;
  version: number;
  publishedAt: string;
  /** The publication date in the center's zone (YYYY-MM-DD). */
  publishedOn: string;
  department: { code: string; name: string };
  center: { code: string; name: string; timeZone: string };
}

const KIND: Record<string, string> = { immediate: '即办件', promised: '承诺件', joint: '联办件' };
const FORM: Record<MaterialForm, string> = { original: '原件', copy: '复印件', original_and_copy: '原件及复印件', electronic: '电子件' };

export function limitText(days: number, kind: string): string {
  return kind === 'immediate' || days === 0 ? '即办' : `${days}个工作日`;
}

function fee(g: GuideData): string {
  return g.feeCents === 0 ? (g.feeStandard || '不收费') : g.feeStandard;
}

function materialsTable(g: GuideData): string {
  const rows = g.materials.map((m, i) => `<tr><td>${i + 1}</td><td>${esc(m.name)}</td><td>${FORM[m.form] ?? esc(m.form)}</td>
    <td>${m.copies}</td><td>${m.required ? '必需' : '视情形提供：' + esc(m.condition)}</td><td>${esc(m.source)}</td></tr>`).join('');
  return `<table class="list"><thead><tr><th>序号</th><th>材料名称</th><th>材料形式</th><th>份数</th><th>要求</th><th>来源</th></tr></thead>
    <tbody>${rows || '<tr><td colspan="6">无需提交材料</td></tr>'}</tbody></table>`;
}

function head(title: string, g: GuideData, qr: string, url: string): string {
  return `<div class="head"><div style="flex:1"><h1>${esc(g.name)}<br>${esc(title)}</h1>
    <div class="sub">${esc(g.center.name)} · ${esc(g.department.name)} · 事项编码 ${esc(g.code)} · 第${g.version}版（${esc(g.publishedOn)}发布）</div></div>
    <div class="qr">${qr}<div>扫码查看网上办事指南</div></div></div>`.replace('%URL%', esc(url));
}

/** 服务指南: the eight publics of one item version. */
export function guidePage(g: GuideData, qr: string, url: string): string {
  const steps = g.procedure.map((s, i) => `${i + 1}. ${esc(s)}`).join('<br>');
  const stages = g.kind === 'joint' && g.stages.length > 0
    ? `<tr><th>联办阶段</th><td>${g.stages.map((s, i) => `${i + 1}. ${esc(s.name)}（${s.limitDays}个工作日；${s.departments.map((d) => esc(d.code) + (d.lead ? '牵头' : '')).join('、')}）`).join('<br>')}</td></tr>` : '';
  const body = `${head('服务指南', g, qr, url)}
  <table>
    <tr><th>事项名称</th><td>${esc(g.name)}</td></tr>
    <tr><th>实施部门</th><td>${esc(g.department.name)}</td></tr>
    <tr><th>事项类型</th><td>${esc(g.category)} · ${KIND[g.kind] ?? esc(g.kind)}</td></tr>
    <tr><th>设定依据</th><td>${esc(g.legalBasis)}</td></tr>
    <tr><th>受理条件</th><td>${esc(g.conditions)}</td></tr>
    <tr><th>办理程序</th><td>${steps}</td></tr>
    ${stages}
    <tr><th>法定时限</th><td>${limitText(g.statutoryDays, g.kind)}</td></tr>
    <tr><th>承诺时限</th><td>${limitText(g.promisedDays, g.kind)}</td></tr>
    <tr><th>收费依据</th><td>${esc(g.feeBasis || '无')}</td></tr>
    <tr><th>收费标准</th><td>${esc(fee(g))}</td></tr>
    <tr><th>办理结果</th><td>${esc(g.resultType)}：${esc(g.resultName)}</td></tr>
    <tr><th>办理地点</th><td>${esc(g.location)}</td></tr>
    <tr><th>咨询电话</th><td>${esc(g.phone)}</td></tr>
    <tr><th>网上办理</th><td>${g.onlineAllowed ? '可网上申请' : '须到窗口办理'}${g.deemedApproval ? '；逾期未作决定的视为准予（超时默许）' : ''}</td></tr>
  </table>
  <h3>申报材料</h3>${materialsTable(g)}
  <div class="foot">本指南与网上办事大厅同源生成。网址：${esc(url)}</div>`;
  return a4Page(`${g.name} 服务指南`, body);
}

/** 一次性告知单: everything the applicant must bring, told once. */
export function noticePage(g: GuideData, qr: string, url: string): string {
  const body = `${head('一次性告知单', g, qr, url)}
  <p>申请人：________________ 您好！您申请办理的“${esc(g.name)}”事项，需提交以下全部材料（本单一次性告知，不再另行增加材料要求）：</p>
  ${materialsTable(g)}
  <table>
    <tr><th>承诺时限</th><td>${limitText(g.promisedDays, g.kind)}（法定时限${limitText(g.statutoryDays, g.kind)}），自受理之日起计算，不含补正及特别程序时间</td></tr>
    <tr><th>收费标准</th><td>${esc(fee(g))}</td></tr>
    <tr><th>办理地点</th><td>${esc(g.location)}</td></tr>
    <tr><th>咨询电话</th><td>${esc(g.phone)}</td></tr>
  </table>
  <div class="sign"><span>告知窗口（盖章）：</span><span>经办人：__________</span><span>日期：____年__月__日</span></div>
  <div class="foot">如对告知内容有疑问或窗口工作人员要求提交本单以外的材料，可向${esc(g.center.name)}投诉。扫码或访问 ${esc(url)} 查看网上办事指南。</div>`;
  return a4Page(`${g.name} 一次性告知单`, body);
}
